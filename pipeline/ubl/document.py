"""Invoice record → a Peppol BIS Billing 3.0 UBL 2.1 tree: the only module that builds XML.

`scope_reasons` says why a record cannot have a file (the spec's "which documents get a
file"); `ubl_tree` maps the record element by element in XSD order (ubl.md, "Mapping, in
document order"). VAT is not decided here: the case comes from `ledger.vat_case`, the line
periods from `ledger.service_period`, per-line tax from `ledger.line_taxes`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from lxml import etree

from pipeline.checks import full_amount, money, number, price, prorated_amount
from pipeline.countries import EU_MEMBER_STATES
from pipeline.ledger import LedgerError, line_taxes, service_period, vat_case
from pipeline.model import Invoice, Line
from pipeline.ubl import codes
from pipeline.ubl.codes import NAMESPACES, NS_CAC, NS_CBC, NS_CREDIT_NOTE, NS_INVOICE
from pipeline.ubl.types import Address, Buyer, Printed, Violation

ZERO = Decimal("0.00")
PRICE_SLACK = Decimal("0.02")
CategoryCode = Literal["S", "AE"]


@dataclass(frozen=True, slots=True)
class Category:
    """A line's VAT category and rate (ubl.md, "VAT category per line")."""

    code: CategoryCode
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One TaxSubtotal: a category and rate, its taxable amount and tax, signed as written."""

    category: Category
    taxable: Decimal
    tax: Decimal


# ---------------------------------------------------------------- scope


def is_credit_note(invoice: Invoice) -> bool:
    """The type follows the record's document type (the title), never the sign of the total."""
    return invoice.document_type == "credit_note"


def scope_reasons(
    invoice: Invoice, buyer: Buyer | None, pdf_bytes: bytes, printed: Printed
) -> tuple[Violation, ...]:
    """Why the record cannot have a UBL file at all; empty when it may have one."""
    reasons = [*_status_reasons(invoice), *_seller_reasons(invoice)]
    reasons += _buyer_country_reasons(invoice, buyer)
    if not reasons:
        reasons += _category_reasons(invoice)
    reasons += _buyer_reasons(invoice, buyer)
    reasons += _pdf_reasons(invoice, pdf_bytes)
    if not reasons:
        reasons += _breakdown_reasons(invoice)
    return tuple(reasons)


def _status_reasons(invoice: Invoice) -> Iterator[Violation]:
    errors = sorted({f.code for f in invoice.findings if f.severity == "error"})
    if errors:
        yield Violation("SCOPE-STATUS", f"the invoice has error findings ({', '.join(errors)})")
    if invoice.dates_ambiguous or any(f.code == "AMBIGUOUS_DATE" for f in invoice.findings):
        yield Violation(
            "SCOPE-AMBIGUOUS-DATE",
            f"the day and month order of the dates is not decided (invoice date "
            f"{invoice.invoice_date})",
        )


def _seller_reasons(invoice: Invoice) -> Iterator[Violation]:
    if vat_case(invoice) == "non_eu" or invoice.supplier.country not in EU_MEMBER_STATES:
        tax = ""
        if invoice.tax is not None:
            tax = f", tax {money(invoice.tax)} {invoice.currency or ''}".rstrip()
        yield Violation(
            "SCOPE-SELLER",
            f"the seller {invoice.supplier.name or '(no name)'} has no EU VAT number "
            f"(VAT number {invoice.supplier.vat_number or 'none'}{tax}): its tax is not VAT",
        )
    elif _vat_eas(invoice.supplier.vat_number) is None:
        yield Violation(
            "SCOPE-SELLER",
            f"no Peppol electronic address scheme is known for the seller's VAT number "
            f"{invoice.supplier.vat_number}",
        )


def _buyer_country_reasons(invoice: Invoice, buyer: Buyer | None) -> Iterator[Violation]:
    country = _buyer_country(invoice, buyer)
    outside_eu = country is not None and country not in EU_MEMBER_STATES
    if vat_case(invoice) == "domestic" and invoice.tax and outside_eu:
        yield Violation(
            "SCOPE-SELLER",
            f"tax {money(invoice.tax)} charged to a customer in {country}, outside the EU: "
            "it is not EU VAT",
        )


def _category_reasons(invoice: Invoice) -> Iterator[Violation]:
    for n, line in enumerate(invoice.lines, 1):
        category = line_category(line, invoice)
        if isinstance(category, str):
            yield Violation("SCOPE-VAT-CATEGORY", f"line {n} ({line.product}): {category}")


def _buyer_reasons(invoice: Invoice, buyer: Buyer | None) -> Iterator[Violation]:
    printed_vat = invoice.customer.vat_number
    configured_vat = buyer.vat_number if buyer else None
    if printed_vat and configured_vat and _compact(printed_vat) != _compact(configured_vat):
        yield Violation(
            "SCOPE-BUYER",
            f"the customer's VAT number {printed_vat} differs from the configured buyer's "
            f"{configured_vat}",
        )
    for name, value in (
        ("peppol_id", buyer.peppol_id if buyer else None),
        ("legal_id", buyer.legal_id if buyer else None),
    ):
        if value is not None and _scheme_value(value) is None:
            yield Violation("SCOPE-BUYER", f'the buyer\'s {name} "{value}" is not "scheme:value"')
    if buyer_endpoint(invoice, buyer) is None:
        yield Violation(
            "SCOPE-BUYER",
            "the buyer has no electronic address: no [buyer] peppol_id and no customer "
            "VAT number with a known scheme (customer VAT "
            f"{printed_vat or configured_vat or 'none'})",
        )


def _pdf_reasons(invoice: Invoice, pdf_bytes: bytes) -> Iterator[Violation]:
    digest = hashlib.sha256(pdf_bytes).hexdigest()
    if digest != invoice.source.sha256:
        yield Violation(
            "SCOPE-PDF",
            f"the PDF bytes given (SHA-256 {digest[:12]}…) are not the file the record was "
            f"read from ({invoice.source.file}, SHA-256 {invoice.source.sha256[:12]}…)",
        )


def _breakdown_reasons(invoice: Invoice) -> Iterator[Violation]:
    try:
        breakdowns(invoice)
    except ValueError as exc:
        yield Violation("SCOPE-VAT-BREAKDOWN", str(exc))


# ---------------------------------------------------------------- VAT


def line_rate(line: Line, invoice: Invoice) -> Decimal | None:
    """The line's rate; else the invoice's; else (family A) 0 or tax ÷ subtotal to a whole %."""
    if line.tax_rate is not None:
        return line.tax_rate
    if invoice.tax_rate is not None:
        return invoice.tax_rate
    if invoice.tax is None:
        return None
    if invoice.tax == 0:
        return Decimal(0)
    if not invoice.subtotal:
        return None
    return (invoice.tax / invoice.subtotal * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def line_category(line: Line, invoice: Invoice) -> Category | str:
    """`S` at the rate or `AE` at 0 per the ledger's VAT case; else why neither applies."""
    rate = line_rate(line, invoice)
    case = vat_case(invoice)
    if rate is None:
        return "no VAT rate is printed or derivable"
    if case == "reverse_charge":
        if rate != 0 or (line.tax is not None and line.tax != 0):
            return f"reverse charge but VAT rate {number(rate)} %, not 0"
        return Category("AE", Decimal(0))
    if case == "domestic" and rate > 0:
        return Category("S", rate)
    if case == "domestic":
        return "0 % VAT without a reverse charge: no reason for the zero rate is printed"
    return "the seller's tax is not EU VAT"


def _categories(invoice: Invoice) -> tuple[Category, ...]:
    categories = []
    for n, line in enumerate(invoice.lines, 1):
        category = line_category(line, invoice)
        if isinstance(category, str):
            raise ValueError(f"line {n}: {category}")
        categories.append(category)
    return tuple(categories)


def _sign(invoice: Invoice) -> int:
    return -1 if is_credit_note(invoice) else 1


def breakdowns(invoice: Invoice) -> tuple[Breakdown, ...]:
    """One breakdown per category and rate, signed as the document writes them.

    Taxable = the sum of its lines exactly; tax = 0 for AE, the record's tax with one S rate,
    with several the sum of each rate's line tax (which must add up to the record's tax).
    Raises ValueError when the tax cannot be split over the rates.
    """
    categories = _categories(invoice)
    sign = _sign(invoice)
    nets = tuple(line.amount if line.amount is not None else ZERO for line in invoice.lines)
    groups: dict[Category, list[int]] = {}
    for index, category in enumerate(categories):
        groups.setdefault(category, []).append(index)
    standard = [category for category in groups if category.code == "S"]
    taxes: Sequence[Decimal] = ()
    if len(standard) > 1:
        try:
            taxes = line_taxes(invoice, nets)
        except LedgerError as exc:
            raise ValueError(f"the tax cannot be split over the VAT rates: {exc}") from exc
        split = sum(taxes, ZERO)
        if invoice.tax is None or split != invoice.tax:
            raise ValueError(
                f"the lines' tax at the VAT rates adds up to {money(split)}, "
                f"not to the invoice tax {invoice.tax}"
            )
    result = []
    for category, indexes in groups.items():
        taxable = sum((nets[i] for i in indexes), ZERO)
        if category.code == "AE":
            tax = ZERO
        elif len(standard) == 1:
            tax = invoice.tax if invoice.tax is not None else ZERO
        else:
            tax = sum((taxes[i] for i in indexes), ZERO)
        result.append(Breakdown(category, sign * taxable, sign * tax))
    return tuple(result)


# ---------------------------------------------------------------- identifiers


def _compact(vat_number: str) -> str:
    return "".join(vat_number.split()).upper()


def _vat_eas(vat_number: str | None) -> str | None:
    if not vat_number:
        return None
    return codes.VAT_EAS.get(_compact(vat_number)[:2])


def _scheme_value(text: str) -> tuple[str, str] | None:
    scheme, colon, value = text.partition(":")
    if not colon or not scheme.strip() or not value.strip():
        return None
    return scheme.strip(), value.strip()


def buyer_endpoint(invoice: Invoice, buyer: Buyer | None) -> tuple[str, str] | None:
    """`[buyer] peppol_id`; else from the VAT number: BE → 0208 + ten digits, else its scheme."""
    if buyer and buyer.peppol_id:
        return _scheme_value(buyer.peppol_id)
    vat = invoice.customer.vat_number or (buyer.vat_number if buyer else None)
    if not vat:
        return None
    vat = _compact(vat)
    if vat.startswith("BE"):
        return codes.BE_ENTERPRISE_SCHEME, vat[2:]
    scheme = _vat_eas(vat)
    return (scheme, vat) if scheme else None


def _buyer_country(invoice: Invoice, buyer: Buyer | None) -> str | None:
    if invoice.customer.country:
        return invoice.customer.country
    configured = buyer.vat_number if buyer else None
    if configured and configured[:2].isalpha():
        prefix = configured[:2].upper()
        return "GR" if prefix == "EL" else prefix
    return buyer.country.upper() if buyer and buyer.country else None


# ---------------------------------------------------------------- values


def amount_text(value: Decimal) -> str:
    """Two decimals; an amount with more is written as it is (and BR-DEC refuses it)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        return format(value, "f")
    return money(value)


def document_period(invoice: Invoice) -> tuple[date, date] | None:
    """The earliest and latest date of the billing period and of every line's period."""
    days = [day for day in (invoice.period_start, invoice.period_end) if day is not None]
    for line in invoice.lines:
        days += [day for day in service_period(line, invoice) if day is not None]
    return (min(days), max(days)) if days else None


@dataclass(frozen=True, slots=True)
class LinePrice:
    """How a line is written: signed quantity, net amount, net price, base quantity, note."""

    quantity: Decimal
    amount: Decimal
    price: Decimal
    base_quantity: Decimal | None
    note: str | None


def line_price(line: Line, sign: int) -> LinePrice:
    """Quantity × price ÷ base quantity = the line's net amount (ubl.md, "Lines")."""
    amount = sign * (line.amount if line.amount is not None else ZERO)
    count = abs(line.quantity) if line.quantity else Decimal(1)
    quantity = -count if amount < 0 else count
    unit = line.unit_price
    full_price = unit is not None and unit >= 0 and abs(count * unit - abs(amount)) <= PRICE_SLACK
    if full_price and unit is not None:
        return LinePrice(quantity, amount, unit, None, _line_note(line, ()))
    return LinePrice(quantity, amount, abs(amount), count, _line_note(line, _arising(line)))


def _arising(line: Line) -> tuple[str, ...]:
    """How a net amount that is not quantity × unit price arose, as far as the PDF says."""
    parts = []
    prorated = prorated_amount(line)
    charged = line.charges if line.charges else line.credits
    if (
        prorated is not None
        and charged is not None
        and line.unit_price is not None
        and abs(charged) == abs(prorated[0])
        and prorated[0] != full_amount(line)
    ):
        parts.append(
            f"Prorated: {line.days} of {prorated[1]} days at {price(line.unit_price)} "
            f"per {line.price_basis}"
        )
    amounts = (
        ("Charges", line.charges),
        ("discount", line.discounts),
        ("credit", line.credits),
    )
    if any(value for _, value in amounts[1:]):
        parts.append(
            ", ".join(
                f"{label} {money(value)}"
                for label, value in amounts
                if value is not None and (value or label == "Charges")
            )
        )
    if not parts and line.amount is not None:
        parts.append(f"Net amount {money(line.amount)} as printed, for the whole quantity")
    return tuple(parts)


def _line_note(line: Line, parts: tuple[str, ...]) -> str | None:
    if line.subscription_id:
        parts = (*parts, f"Subscription {line.subscription_id}")
    return "; ".join(parts) or None


# ---------------------------------------------------------------- tree


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NAMESPACES[prefix]}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _opt(parent: etree._Element, tag: str, text: str | None, **attrs: str) -> None:
    """An element only where there is a value: no empty elements (PEPPOL-EN16931-R008)."""
    if text is not None and text.strip():
        _el(parent, tag, text, **attrs)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Writer:
    """Writes the elements of one document in XSD order; amounts in the document currency."""

    def __init__(
        self, invoice: Invoice, buyer: Buyer | None, pdf_bytes: bytes, printed: Printed
    ) -> None:
        self.invoice = invoice
        self.buyer = buyer
        self.pdf_bytes = pdf_bytes
        self.printed = printed
        self.credit = is_credit_note(invoice)
        self.sign = _sign(invoice)
        self.currency = invoice.currency or ""

    def money(self, parent: etree._Element, tag: str, value: Decimal | None) -> None:
        if value is not None:
            _el(parent, tag, amount_text(value), currencyID=self.currency)

    def signed(self, value: Decimal | None) -> Decimal | None:
        return None if value is None else self.sign * value

    def tree(self) -> etree._Element:
        namespace, root_name = (
            (NS_CREDIT_NOTE, "CreditNote") if self.credit else (NS_INVOICE, "Invoice")
        )
        root = etree.Element(
            f"{{{namespace}}}{root_name}", nsmap={None: namespace, "cac": NS_CAC, "cbc": NS_CBC}
        )
        self.header(root)
        self.references(root)
        self.seller(root)
        self.customer(root)
        self.payment(root)
        self.totals(root)
        for number_, line in enumerate(self.invoice.lines, 1):
            self.line(root, number_, line)
        return root

    def header(self, root: etree._Element) -> None:
        invoice = self.invoice
        _el(root, "cbc:CustomizationID", codes.CUSTOMIZATION_ID)
        _el(root, "cbc:ProfileID", codes.PROFILE_ID)
        _opt(root, "cbc:ID", invoice.invoice_number)
        _opt(root, "cbc:IssueDate", _date(invoice.invoice_date))
        if not self.credit:
            _opt(root, "cbc:DueDate", _date(invoice.due_date or self.printed.due_date))
            _el(root, "cbc:InvoiceTypeCode", codes.INVOICE_TYPE)
        else:
            _el(root, "cbc:CreditNoteTypeCode", codes.CREDIT_NOTE_TYPE)
        _el(root, "cbc:Note", self.note())
        _opt(root, "cbc:DocumentCurrencyCode", invoice.currency)
        _opt(
            root,
            "cbc:BuyerReference",
            invoice.purchase_order or invoice.order_number or invoice.invoice_number,
        )
        period = document_period(invoice)
        if period is not None:
            element = _el(root, "cac:InvoicePeriod")
            _el(element, "cbc:StartDate", period[0].isoformat())
            _el(element, "cbc:EndDate", period[1].isoformat())

    def note(self) -> str:
        invoice = self.invoice
        text = f"Made from the attached PDF {invoice.source.file}, which is the invoice."
        if invoice.period_start and invoice.period_end:
            text += f" Billing period {invoice.period_start} to {invoice.period_end}."
        return text

    def references(self, root: etree._Element) -> None:
        invoice = self.invoice
        if invoice.purchase_order:
            _el(_el(root, "cac:OrderReference"), "cbc:ID", invoice.purchase_order)
        if self.credit and self.printed.original_invoice:
            reference = _el(_el(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
            _el(reference, "cbc:ID", self.printed.original_invoice)
        document = _el(root, "cac:AdditionalDocumentReference")
        _opt(document, "cbc:ID", invoice.invoice_number)
        _el(document, "cbc:DocumentDescription", "Original invoice PDF")
        attachment = _el(document, "cac:Attachment")
        _el(
            attachment,
            "cbc:EmbeddedDocumentBinaryObject",
            base64.b64encode(self.pdf_bytes).decode("ascii"),
            mimeCode=codes.PDF_MIME,
            filename=invoice.source.file,
        )

    def seller(self, root: etree._Element) -> None:
        supplier = self.invoice.supplier
        party = _el(_el(root, "cac:AccountingSupplierParty"), "cac:Party")
        vat = _compact(supplier.vat_number) if supplier.vat_number else None
        scheme = _vat_eas(vat)
        if vat and scheme:
            _el(party, "cbc:EndpointID", vat, schemeID=scheme)
        self.address(party, self.printed.seller_address, supplier.country)
        self.tax_scheme(party, vat)
        legal = _el(party, "cac:PartyLegalEntity")
        _opt(legal, "cbc:RegistrationName", supplier.name)

    def customer(self, root: etree._Element) -> None:
        invoice, buyer = self.invoice, self.buyer
        party = _el(_el(root, "cac:AccountingCustomerParty"), "cac:Party")
        endpoint = buyer_endpoint(invoice, buyer)
        if endpoint is not None:
            _el(party, "cbc:EndpointID", endpoint[1], schemeID=endpoint[0])
        configured = (
            Address(buyer.street, buyer.city, buyer.post_code)
            if buyer and (buyer.street or buyer.city or buyer.post_code)
            else None
        )
        self.address(
            party, configured or self.printed.customer_address, _buyer_country(invoice, buyer)
        )
        vat = invoice.customer.vat_number or (buyer.vat_number if buyer else None)
        self.tax_scheme(party, _compact(vat) if vat else None)
        legal = _el(party, "cac:PartyLegalEntity")
        _opt(
            legal, "cbc:RegistrationName", invoice.customer.name or (buyer.name if buyer else None)
        )
        legal_id = _scheme_value(buyer.legal_id) if buyer and buyer.legal_id else None
        if legal_id is not None:
            _el(legal, "cbc:CompanyID", legal_id[1], schemeID=legal_id[0])

    def address(self, party: etree._Element, address: Address | None, country: str | None) -> None:
        element = _el(party, "cac:PostalAddress")
        if address is not None:
            _opt(element, "cbc:StreetName", address.street)
            _opt(element, "cbc:CityName", address.city)
            _opt(element, "cbc:PostalZone", address.post_code)
        if country:
            _el(_el(element, "cac:Country"), "cbc:IdentificationCode", country)

    def tax_scheme(self, party: etree._Element, vat: str | None) -> None:
        if vat:
            scheme = _el(party, "cac:PartyTaxScheme")
            _el(scheme, "cbc:CompanyID", vat)
            _el(_el(scheme, "cac:TaxScheme"), "cbc:ID", codes.VAT_SCHEME)

    def payment(self, root: etree._Element) -> None:
        payment = self.printed.payment
        if payment is not None:
            means = _el(root, "cac:PaymentMeans")
            _el(means, "cbc:PaymentMeansCode", payment.code)
            if payment.code in codes.CREDIT_TRANSFER_MEANS:
                _opt(means, "cbc:PaymentID", self.invoice.invoice_number)
            if payment.iban:
                account = _el(means, "cac:PayeeFinancialAccount")
                _el(account, "cbc:ID", payment.iban)
                if payment.bic:
                    _el(_el(account, "cac:FinancialInstitutionBranch"), "cbc:ID", payment.bic)
        terms = _el(root, "cac:PaymentTerms")
        _el(terms, "cbc:Note", self.printed.payment_terms or "See the attached PDF.")

    def totals(self, root: etree._Element) -> None:
        invoice = self.invoice
        tax_total = _el(root, "cac:TaxTotal")
        self.money(tax_total, "cbc:TaxAmount", self.signed(invoice.tax))
        for breakdown in breakdowns(invoice):
            subtotal = _el(tax_total, "cac:TaxSubtotal")
            self.money(subtotal, "cbc:TaxableAmount", breakdown.taxable)
            self.money(subtotal, "cbc:TaxAmount", breakdown.tax)
            self.category(subtotal, "cac:TaxCategory", breakdown.category, exemption=True)
        monetary = _el(root, "cac:LegalMonetaryTotal")
        subtotal_amount = self.signed(invoice.subtotal)
        total = self.signed(invoice.total)
        self.money(monetary, "cbc:LineExtensionAmount", subtotal_amount)
        self.money(monetary, "cbc:TaxExclusiveAmount", subtotal_amount)
        self.money(monetary, "cbc:TaxInclusiveAmount", total)
        self.money(monetary, "cbc:PayableAmount", total)

    def category(
        self, parent: etree._Element, tag: str, category: Category, exemption: bool
    ) -> None:
        element = _el(parent, tag)
        _el(element, "cbc:ID", category.code)
        _el(element, "cbc:Percent", number(category.percent))
        if exemption and category.code == "AE":
            _el(element, "cbc:TaxExemptionReasonCode", codes.REVERSE_CHARGE_CODE)
            _el(element, "cbc:TaxExemptionReason", codes.REVERSE_CHARGE_TEXT)
        _el(_el(element, "cac:TaxScheme"), "cbc:ID", codes.VAT_SCHEME)

    def line(self, root: etree._Element, number_: int, line: Line) -> None:
        element = _el(root, "cac:CreditNoteLine" if self.credit else "cac:InvoiceLine")
        written = line_price(line, self.sign)
        _el(element, "cbc:ID", str(number_))
        _opt(element, "cbc:Note", written.note)
        quantity_tag = "cbc:CreditedQuantity" if self.credit else "cbc:InvoicedQuantity"
        _el(element, quantity_tag, number(written.quantity), unitCode=codes.UNIT)
        if line.amount is not None:
            self.money(element, "cbc:LineExtensionAmount", written.amount)
        start, end = service_period(line, self.invoice)
        if start is not None or end is not None:
            period = _el(element, "cac:InvoicePeriod")
            _opt(period, "cbc:StartDate", _date(start))
            _opt(period, "cbc:EndDate", _date(end))
        item = _el(element, "cac:Item")
        _opt(item, "cbc:Name", line.product)
        category = line_category(line, self.invoice)
        if isinstance(category, Category):
            self.category(item, "cac:ClassifiedTaxCategory", category, exemption=False)
        price_element = _el(element, "cac:Price")
        _el(price_element, "cbc:PriceAmount", price(written.price), currencyID=self.currency)
        if written.base_quantity is not None:
            _el(
                price_element,
                "cbc:BaseQuantity",
                number(written.base_quantity),
                unitCode=codes.UNIT,
            )


def ubl_tree(
    invoice: Invoice, buyer: Buyer | None, pdf_bytes: bytes, printed: Printed
) -> etree._Element:
    """The `Invoice` (380) or `CreditNote` (381) of the record, by the spec's mapping.

    Call it only for a record without `scope_reasons`; what it cannot fill it leaves out, so
    the rules name the missing element.
    """
    return _Writer(invoice, buyer, pdf_bytes, printed).tree()
