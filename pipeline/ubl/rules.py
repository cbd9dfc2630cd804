"""The EN 16931 and Peppol BIS Billing 3.0 rules of ubl.md, checked over a written UBL tree.

Each rule reads the document with XPath, never the record it was made from, so it checks
what is actually written. A rule returns its violations, each named by the official rule id;
`rule_violations` runs them all. Amounts are read as Decimal; text that is not a number
counts as absent for the arithmetic rules (UBL-DT-01 and the XSD name it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lxml import etree

from pipeline.ubl import codes
from pipeline.ubl.codes import NAMESPACES
from pipeline.ubl.types import Violation

Rule = Callable[[etree._Element], Iterator[Violation]]

ZERO = Decimal(0)
CENT = Decimal("0.01")
ONE = Decimal(1)
LINE_SLACK = Decimal("0.02")
_TWO_DECIMALS = re.compile(r"-?\d+(\.\d{1,2})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PROFILE = re.compile(r"urn:fdc:peppol\.eu:2017:poacc:billing:\d{2}:1\.0")
_PEPPOL_INVOICE_TYPES = frozenset(
    (
        "71 80 82 84 102 218 219 331 380 382 383 386 388 393 395 553 575 623 "
        "780 817 870 875 876 877"
    ).split()
)
_PEPPOL_CREDIT_NOTE_TYPES = frozenset({"381", "396", "81", "83", "532"})

SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
TOTAL = "cac:LegalMonetaryTotal"
LINES = "cac:InvoiceLine | cac:CreditNoteLine"
VAT_ID = "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"
SUBTOTALS = "cac:TaxTotal/cac:TaxSubtotal"


# ---------------------------------------------------------------- reading


def nodes(context: etree._Element, path: str) -> list[etree._Element]:
    result = context.xpath(path, namespaces=NAMESPACES)
    return [node for node in result if isinstance(node, etree._Element)]


def text(context: etree._Element, path: str) -> str | None:
    """The stripped text of the first node at `path`, or None where it is absent or empty."""
    found = nodes(context, path)
    if not found:
        return None
    value = (found[0].text or "").strip()
    return value or None


def amount(context: etree._Element, path: str) -> Decimal | None:
    value = text(context, path)
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def has(context: etree._Element, path: str) -> bool:
    return text(context, path) is not None


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _lines(root: etree._Element) -> list[etree._Element]:
    return nodes(root, LINES)


def _quantity(line: etree._Element) -> etree._Element | None:
    found = nodes(line, "cbc:InvoicedQuantity | cbc:CreditedQuantity")
    return found[0] if found else None


def _label(line: etree._Element) -> str:
    return f"line {text(line, 'cbc:ID') or '?'}"


def _v(rule_id: str, message: str) -> Violation:
    return Violation(rule_id, message)


# ---------------------------------------------------------------- EN 16931: presence


_DOCUMENT_TERMS = (
    ("BR-01", "cbc:CustomizationID", "specification identifier (BT-24)"),
    ("BR-02", "cbc:ID", "invoice number (BT-1)"),
    ("BR-03", "cbc:IssueDate", "issue date (BT-2)"),
    ("BR-04", "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode", "type code (BT-3)"),
    ("BR-05", "cbc:DocumentCurrencyCode", "document currency (BT-5)"),
    ("BR-06", f"{SELLER}/cac:PartyLegalEntity/cbc:RegistrationName", "seller name (BT-27)"),
    ("BR-07", f"{BUYER}/cac:PartyLegalEntity/cbc:RegistrationName", "buyer name (BT-44)"),
    ("BR-09", f"{SELLER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
     "seller country code (BT-40)"),
    ("BR-11", f"{BUYER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
     "buyer country code (BT-55)"),
    ("BR-12", f"{TOTAL}/cbc:LineExtensionAmount", "sum of line net amounts (BT-106)"),
    ("BR-13", f"{TOTAL}/cbc:TaxExclusiveAmount", "total without VAT (BT-109)"),
    ("BR-14", f"{TOTAL}/cbc:TaxInclusiveAmount", "total with VAT (BT-112)"),
    ("BR-15", f"{TOTAL}/cbc:PayableAmount", "amount due (BT-115)"),
)  # fmt: skip


def document_terms(root: etree._Element) -> Iterator[Violation]:
    """BR-01 … BR-15: the mandatory business terms of the document."""
    for rule_id, path, name in _DOCUMENT_TERMS:
        if not has(root, path):
            yield _v(rule_id, f"the {name} is missing")
    for rule_id, party, name in (("BR-08", SELLER, "seller"), ("BR-10", BUYER, "buyer")):
        if not nodes(root, f"{party}/cac:PostalAddress"):
            yield _v(rule_id, f"the {name} postal address is missing")


def at_least_one_line(root: etree._Element) -> Iterator[Violation]:
    """BR-16."""
    if not _lines(root):
        yield _v("BR-16", "the document has no line")


_LINE_TERMS = (
    ("BR-21", "cbc:ID", "identifier (BT-126)"),
    ("BR-22", "cbc:InvoicedQuantity | cbc:CreditedQuantity", "quantity (BT-129)"),
    ("BR-24", "cbc:LineExtensionAmount", "net amount (BT-131)"),
    ("BR-25", "cac:Item/cbc:Name", "item name (BT-153)"),
    ("BR-26", "cac:Price/cbc:PriceAmount", "net price (BT-146)"),
    ("BR-CO-04", "cac:Item/cac:ClassifiedTaxCategory/cbc:ID", "VAT category (BT-151)"),
)


def line_terms(root: etree._Element) -> Iterator[Violation]:
    """BR-21 … BR-27 and BR-CO-04: each line's mandatory terms; the price is not negative."""
    for line in _lines(root):
        for rule_id, path, name in _LINE_TERMS:
            if not has(line, path):
                yield _v(rule_id, f"{_label(line)}: the {name} is missing")
        quantity = _quantity(line)
        if quantity is not None and not (quantity.get("unitCode") or "").strip():
            yield _v("BR-23", f"{_label(line)}: the quantity has no unit code (BT-130)")
        price = amount(line, "cac:Price/cbc:PriceAmount")
        if price is not None and price < 0:
            yield _v("BR-27", f"{_label(line)}: the net price {price} is negative")


def periods(root: etree._Element) -> Iterator[Violation]:
    """BR-29 (document) and BR-30 (line): a period ends on or after its start."""
    for rule_id, label, period in [
        ("BR-29", "the document", p) for p in nodes(root, "cac:InvoicePeriod")
    ] + [
        ("BR-30", _label(line), p)
        for line in _lines(root)
        for p in nodes(line, "cac:InvoicePeriod")
    ]:
        start, end = text(period, "cbc:StartDate"), text(period, "cbc:EndDate")
        if start and end and end < start:
            yield _v(rule_id, f"{label}: the period ends ({end}) before it starts ({start})")


def breakdown_terms(root: etree._Element) -> Iterator[Violation]:
    """BR-45 … BR-48: each VAT breakdown has its taxable amount, tax, category and rate."""
    for index, subtotal in enumerate(nodes(root, SUBTOTALS), 1):
        for rule_id, path, name in (
            ("BR-45", "cbc:TaxableAmount", "taxable amount (BT-116)"),
            ("BR-46", "cbc:TaxAmount", "tax amount (BT-117)"),
            ("BR-47", "cac:TaxCategory/cbc:ID", "category (BT-118)"),
        ):
            if not has(subtotal, path):
                yield _v(rule_id, f"VAT breakdown {index}: the {name} is missing")
        category = text(subtotal, "cac:TaxCategory/cbc:ID")
        if category != "O" and not has(subtotal, "cac:TaxCategory/cbc:Percent"):
            yield _v("BR-48", f"VAT breakdown {index}: the rate (BT-119) is missing")


def payment_means(root: etree._Element) -> Iterator[Violation]:
    """BR-49, BR-50, BR-61: a payment means code; a credit transfer names its account."""
    for means in nodes(root, "cac:PaymentMeans"):
        code = text(means, "cbc:PaymentMeansCode")
        if code is None:
            yield _v("BR-49", "a payment means has no type code (BT-81)")
        for account in nodes(means, "cac:PayeeFinancialAccount"):
            if not has(account, "cbc:ID"):
                yield _v("BR-50", "a credit transfer has no payment account identifier (BT-84)")
        if code in codes.CREDIT_TRANSFER_MEANS and not has(
            means, "cac:PayeeFinancialAccount/cbc:ID"
        ):
            yield _v("BR-61", f"payment means {code} (credit transfer) has no account identifier")


def references(root: etree._Element) -> Iterator[Violation]:
    """BR-52 (attachment reference), BR-55 (preceding invoice number)."""
    for document in nodes(root, "cac:AdditionalDocumentReference"):
        if not has(document, "cbc:ID"):
            yield _v("BR-52", "a supporting document has no reference (BT-122)")
    for reference in nodes(root, "cac:BillingReference/cac:InvoiceDocumentReference"):
        if not has(reference, "cbc:ID"):
            yield _v("BR-55", "a preceding invoice reference has no number (BT-25)")


def endpoint_schemes(root: etree._Element) -> Iterator[Violation]:
    """BR-62 (seller), BR-63 (buyer): an electronic address has its scheme."""
    for rule_id, party, name in (("BR-62", SELLER, "seller"), ("BR-63", BUYER, "buyer")):
        for endpoint in nodes(root, f"{party}/cbc:EndpointID"):
            if not (endpoint.get("schemeID") or "").strip():
                yield _v(rule_id, f"the {name}'s electronic address has no scheme identifier")


# ---------------------------------------------------------------- EN 16931: BR-CO


def vat_prefixes(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-09: VAT identifiers start with an ISO 3166 country prefix (EL for Greece)."""
    for party in (SELLER, BUYER):
        for vat in nodes(root, f"{party}/{VAT_ID}"):
            value = (vat.text or "").strip()
            if value[:2] not in codes.VAT_PREFIXES:
                yield _v("BR-CO-09", f'the VAT identifier "{value}" has no ISO country prefix')


def line_sum(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-10: the sum of line net amounts is the line amounts added up, exactly."""
    written = amount(root, f"{TOTAL}/cbc:LineExtensionAmount")
    values = [amount(line, "cbc:LineExtensionAmount") for line in _lines(root)]
    if written is None or any(value is None for value in values):
        return
    total = sum((value for value in values if value is not None), ZERO)
    if total != written:
        yield _v("BR-CO-10", f"the sum of line net amounts is {written}, the lines add to {total}")


def _allowances_and_charges(root: etree._Element) -> tuple[Decimal, Decimal]:
    allowances = amount(root, f"{TOTAL}/cbc:AllowanceTotalAmount") or ZERO
    charges = amount(root, f"{TOTAL}/cbc:ChargeTotalAmount") or ZERO
    return allowances, charges


def _tax_total(root: etree._Element) -> Decimal | None:
    currency = text(root, "cbc:DocumentCurrencyCode")
    for tax in nodes(root, "cac:TaxTotal/cbc:TaxAmount"):
        if tax.get("currencyID") == currency:
            try:
                return Decimal((tax.text or "").strip())
            except InvalidOperation:
                return None
    return None


def totals(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-13 … BR-CO-16: the document totals agree with each other to the cent."""
    line_total = amount(root, f"{TOTAL}/cbc:LineExtensionAmount")
    exclusive = amount(root, f"{TOTAL}/cbc:TaxExclusiveAmount")
    inclusive = amount(root, f"{TOTAL}/cbc:TaxInclusiveAmount")
    payable = amount(root, f"{TOTAL}/cbc:PayableAmount")
    allowances, charges = _allowances_and_charges(root)
    if (
        line_total is not None
        and exclusive is not None
        and exclusive != line_total - allowances + charges
    ):
        yield _v(
            "BR-CO-13",
            f"total without VAT {exclusive} ≠ line sum {line_total} − allowances "
            f"{allowances} + charges {charges}",
        )
    subtotal_taxes = [amount(s, "cbc:TaxAmount") for s in nodes(root, SUBTOTALS)]
    tax = _tax_total(root)
    if tax is not None and subtotal_taxes and all(t is not None for t in subtotal_taxes):
        added = sum((t for t in subtotal_taxes if t is not None), ZERO)
        if tax != added:
            yield _v("BR-CO-14", f"total VAT {tax} ≠ the breakdowns' tax added up, {added}")
    if exclusive is not None and inclusive is not None and inclusive != exclusive + (tax or ZERO):
        yield _v(
            "BR-CO-15",
            f"total with VAT {inclusive} ≠ total without VAT {exclusive} + VAT {tax or ZERO}",
        )
    prepaid = amount(root, f"{TOTAL}/cbc:PrepaidAmount") or ZERO
    rounding = amount(root, f"{TOTAL}/cbc:PayableRoundingAmount") or ZERO
    if inclusive is not None and payable is not None and payable != inclusive - prepaid + rounding:
        yield _v(
            "BR-CO-16",
            f"amount due {payable} ≠ total with VAT {inclusive} − paid {prepaid} + rounding "
            f"{rounding}",
        )


def _rate_tax_gap(subtotal: etree._Element) -> tuple[Decimal, Decimal, Decimal] | None:
    """(tax written, taxable × rate rounded to the cent, rate) of a breakdown, where readable."""
    taxable = amount(subtotal, "cbc:TaxableAmount")
    tax = amount(subtotal, "cbc:TaxAmount")
    rate = amount(subtotal, "cac:TaxCategory/cbc:Percent")
    if taxable is None or tax is None or rate is None:
        return None
    return tax, r2(taxable * rate / 100), rate


def breakdown_tax(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-17: each breakdown's tax = taxable × rate, rounded, less than 1.00 apart."""
    for index, subtotal in enumerate(nodes(root, SUBTOTALS), 1):
        gap = _rate_tax_gap(subtotal)
        if gap is not None and text(subtotal, "cac:TaxCategory/cbc:ID") != "O":
            tax, expected, rate = gap
            if abs(tax - expected) >= ONE:
                yield _v(
                    "BR-CO-17",
                    f"VAT breakdown {index}: tax {tax} is not taxable × {rate} % = {expected}",
                )


def has_breakdown(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-18."""
    if not nodes(root, SUBTOTALS):
        yield _v("BR-CO-18", "the document has no VAT breakdown")


def payment_due(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-25: a positive amount due needs a due date or payment terms."""
    payable = amount(root, f"{TOTAL}/cbc:PayableAmount")
    terms = has(root, "cbc:DueDate") or has(root, "cac:PaymentTerms/cbc:Note")
    if payable is not None and payable > 0 and not terms:
        yield _v("BR-CO-25", f"amount due {payable} but no due date and no payment terms")


def seller_identified(root: etree._Element) -> Iterator[Violation]:
    """BR-CO-26: the seller has an identifier, a legal registration or a VAT identifier."""
    paths = (
        "cac:PartyIdentification/cbc:ID",
        "cac:PartyLegalEntity/cbc:CompanyID",
        VAT_ID,
    )
    if not any(has(root, f"{SELLER}/{path}") for path in paths):
        yield _v("BR-CO-26", "the seller has no identifier, legal registration or VAT identifier")


# ---------------------------------------------------------------- EN 16931: decimals, types


_DECIMAL_RULES = (
    ("BR-DEC-09", f"{TOTAL}/cbc:LineExtensionAmount"),
    ("BR-DEC-10", f"{TOTAL}/cbc:AllowanceTotalAmount"),
    ("BR-DEC-11", f"{TOTAL}/cbc:ChargeTotalAmount"),
    ("BR-DEC-12", f"{TOTAL}/cbc:TaxExclusiveAmount"),
    ("BR-DEC-13", "cac:TaxTotal/cbc:TaxAmount"),
    ("BR-DEC-14", f"{TOTAL}/cbc:TaxInclusiveAmount"),
    ("BR-DEC-16", f"{TOTAL}/cbc:PrepaidAmount"),
    ("BR-DEC-17", f"{TOTAL}/cbc:PayableRoundingAmount"),
    ("BR-DEC-18", f"{TOTAL}/cbc:PayableAmount"),
    ("BR-DEC-19", f"{SUBTOTALS}/cbc:TaxableAmount"),
    ("BR-DEC-20", f"{SUBTOTALS}/cbc:TaxAmount"),
    ("BR-DEC-23", "cac:InvoiceLine/cbc:LineExtensionAmount"),
    ("BR-DEC-23", "cac:CreditNoteLine/cbc:LineExtensionAmount"),
)


def _two_decimals(value: str) -> bool:
    return _TWO_DECIMALS.fullmatch(value) is not None


def decimals(root: etree._Element) -> Iterator[Violation]:
    """BR-DEC-*: at most two decimals on the document, breakdown and line amounts."""
    for rule_id, path in _DECIMAL_RULES:
        for element in nodes(root, path):
            value = (element.text or "").strip()
            if not _two_decimals(value):
                yield _v(
                    rule_id,
                    f'{etree.QName(element).localname} "{value}" has more than two '
                    "decimals or is not a number",
                )


def data_types(root: etree._Element) -> Iterator[Violation]:
    """UBL-DT-01 (every amount but a price: two decimals), UBL-DT-06/-07 (binary objects)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name.endswith("Amount") and name not in ("PriceAmount", "BaseAmount"):
            value = (element.text or "").strip()
            if not _two_decimals(value):
                yield _v(
                    "UBL-DT-01", f'{name} "{value}" is not an amount with at most two decimals'
                )
    for binary in nodes(root, "//cbc:EmbeddedDocumentBinaryObject"):
        if not (binary.get("mimeCode") or "").strip():
            yield _v("UBL-DT-06", "an embedded document has no mimeCode")
        if not (binary.get("filename") or "").strip():
            yield _v("UBL-DT-07", "an embedded document has no filename")


def one_note_per_line(root: etree._Element) -> Iterator[Violation]:
    """UBL-SR-34."""
    for line in _lines(root):
        count = len(nodes(line, "cbc:Note"))
        if count > 1:
            yield _v("UBL-SR-34", f"{_label(line)} has {count} notes, at most one is allowed")


# ---------------------------------------------------------------- EN 16931: code lists


def _codes_at(
    root: etree._Element, rule_id: str, path: str, allowed: frozenset[str], name: str
) -> Iterator[Violation]:
    for element in nodes(root, path):
        value = (element.text or "").strip()
        if value not in allowed:
            yield _v(rule_id, f'{name} "{value}" is not in its code list')


def _attributes_at(
    root: etree._Element, rule_id: str, xpath: str, allowed: frozenset[str], name: str
) -> Iterator[Violation]:
    result = root.xpath(xpath, namespaces=NAMESPACES)
    values = [str(value) for value in result] if isinstance(result, list) else []
    for value in values:
        if value.strip() not in allowed:
            yield _v(rule_id, f'{name} "{value}" is not in its code list')


def code_lists(root: etree._Element) -> Iterator[Violation]:
    """BR-CL-*: currency, country, unit, VAT category, exemption, MIME, payment, schemes."""
    type_codes = frozenset({"380", "381", *_PEPPOL_INVOICE_TYPES, *_PEPPOL_CREDIT_NOTE_TYPES})
    yield from _codes_at(
        root, "BR-CL-01", "cbc:InvoiceTypeCode | cbc:CreditNoteTypeCode", type_codes, "type code"
    )
    yield from _attributes_at(root, "BR-CL-03", "//@currencyID", codes.CURRENCIES, "currencyID")
    yield from _codes_at(
        root, "BR-CL-04", "cbc:DocumentCurrencyCode", codes.CURRENCIES, "document currency"
    )
    yield from _attributes_at(
        root,
        "BR-CL-11",
        "//cac:PartyLegalEntity/cbc:CompanyID/@schemeID",
        codes.ICD,
        "legal registration scheme",
    )
    yield from _codes_at(
        root, "BR-CL-14", "//cac:Country/cbc:IdentificationCode", codes.COUNTRIES, "country code"
    )
    yield from _codes_at(
        root, "BR-CL-16", "cac:PaymentMeans/cbc:PaymentMeansCode", codes.PAYMENT_MEANS,
        "payment means code",
    )  # fmt: skip
    yield from _codes_at(
        root, "BR-CL-17", f"{SUBTOTALS}/cac:TaxCategory/cbc:ID", codes.VAT_CATEGORIES,
        "VAT category",
    )  # fmt: skip
    yield from _codes_at(
        root, "BR-CL-18", "//cac:ClassifiedTaxCategory/cbc:ID", codes.VAT_CATEGORIES,
        "line VAT category",
    )  # fmt: skip
    yield from _codes_at(
        root, "BR-CL-22", "//cbc:TaxExemptionReasonCode", codes.VATEX, "exemption reason code"
    )
    yield from _attributes_at(root, "BR-CL-23", "//@unitCode", codes.UNITS, "unit code")
    yield from _attributes_at(
        root, "BR-CL-24", "//cbc:EmbeddedDocumentBinaryObject/@mimeCode", codes.MIME_CODES,
        "MIME code",
    )  # fmt: skip
    yield from _attributes_at(
        root, "BR-CL-25", "//cbc:EndpointID/@schemeID", codes.EAS, "electronic address scheme"
    )


# ---------------------------------------------------------------- EN 16931: VAT categories


def _line_categories(root: etree._Element, code: str) -> list[etree._Element]:
    return [
        line
        for line in _lines(root)
        if text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == code
    ]


def _subtotals(root: etree._Element, code: str) -> list[etree._Element]:
    return [s for s in nodes(root, SUBTOTALS) if text(s, "cac:TaxCategory/cbc:ID") == code]


def _sum_lines(lines: Iterable[etree._Element]) -> Decimal | None:
    values = [amount(line, "cbc:LineExtensionAmount") for line in lines]
    if any(value is None for value in values):
        return None
    return sum((value for value in values if value is not None), ZERO)


def _rate(element: etree._Element, path: str) -> Decimal | None:
    return amount(element, path)


def standard_rated(root: etree._Element) -> Iterator[Violation]:
    """BR-S-01, -02, -05, -08, -09, -10: category S lines and breakdowns."""
    lines = _line_categories(root, "S")
    subtotals = _subtotals(root, "S")
    if lines and not subtotals:
        yield _v("BR-S-01", "a line is in category S but no VAT breakdown is")
    if lines and not has(root, f"{SELLER}/{VAT_ID}"):
        yield _v("BR-S-02", "a line is in category S but the seller has no VAT identifier")
    for line in lines:
        rate = _rate(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")
        if rate is None or rate <= 0:
            yield _v("BR-S-05", f"{_label(line)} is in category S with rate {rate}, not above 0")
    for subtotal in subtotals:
        rate = _rate(subtotal, "cac:TaxCategory/cbc:Percent")
        at_rate = [
            line
            for line in lines
            if _rate(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent") == rate
        ]
        taxable = amount(subtotal, "cbc:TaxableAmount")
        added = _sum_lines(at_rate)
        if taxable is not None and added is not None and abs(taxable - added) >= ONE:
            yield _v(
                "BR-S-08",
                f"category S at {rate} %: taxable amount {taxable} ≠ its lines' sum {added}",
            )
        gap = _rate_tax_gap(subtotal)
        if gap is not None and abs(gap[0] - gap[1]) >= ONE:
            yield _v("BR-S-09", f"category S at {rate} %: tax {gap[0]} ≠ taxable × rate {gap[1]}")
        if has(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode") or has(
            subtotal, "cac:TaxCategory/cbc:TaxExemptionReason"
        ):
            yield _v("BR-S-10", f"category S at {rate} % has an exemption reason")


def reverse_charge(root: etree._Element) -> Iterator[Violation]:
    """BR-AE-01, -02, -05, -08, -09, -10: category AE (reverse charge)."""
    lines = _line_categories(root, "AE")
    subtotals = _subtotals(root, "AE")
    if lines and len(subtotals) != 1:
        yield _v(
            "BR-AE-01", f"lines are in category AE but {len(subtotals)} AE breakdowns, not one"
        )
    if lines:
        buyer_ids = (VAT_ID, "cac:PartyLegalEntity/cbc:CompanyID")
        if not has(root, f"{SELLER}/{VAT_ID}") or not any(
            has(root, f"{BUYER}/{path}") for path in buyer_ids
        ):
            yield _v(
                "BR-AE-02",
                "category AE needs the seller's VAT identifier and the buyer's VAT identifier "
                "or legal registration identifier",
            )
    for line in lines:
        rate = _rate(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent")
        if rate != 0:
            yield _v("BR-AE-05", f"{_label(line)} is in category AE with rate {rate}, not 0")
    for subtotal in subtotals:
        taxable = amount(subtotal, "cbc:TaxableAmount")
        added = _sum_lines(lines)
        if taxable is not None and added is not None and taxable != added:
            yield _v("BR-AE-08", f"category AE: taxable amount {taxable} ≠ its lines' sum {added}")
        tax = amount(subtotal, "cbc:TaxAmount")
        if tax is not None and tax != 0:
            yield _v("BR-AE-09", f"category AE: tax amount {tax}, not 0")
        reason_code = text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
        reason = text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason")
        if reason_code != codes.REVERSE_CHARGE_CODE and reason != codes.REVERSE_CHARGE_TEXT:
            yield _v(
                "BR-AE-10",
                f"category AE: exemption reason code {reason_code} and text {reason!r}, "
                f"not {codes.REVERSE_CHARGE_CODE} or {codes.REVERSE_CHARGE_TEXT!r}",
            )


# ---------------------------------------------------------------- Peppol


def peppol_identifiers(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R001, R004, R007: profile and customization identifiers."""
    profile = text(root, "cbc:ProfileID")
    if profile is None:
        yield _v("PEPPOL-EN16931-R001", "the business process (ProfileID) is missing")
    elif not _PROFILE.fullmatch(profile):
        yield _v("PEPPOL-EN16931-R007", f'ProfileID "{profile}" is not a Peppol billing profile')
    customization = text(root, "cbc:CustomizationID")
    if customization != codes.CUSTOMIZATION_ID:
        yield _v(
            "PEPPOL-EN16931-R004",
            f'CustomizationID "{customization}" is not {codes.CUSTOMIZATION_ID}',
        )


def peppol_header(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R002 (one note), R003 (buyer or order reference), R010, R020."""
    notes = len(nodes(root, "cbc:Note"))
    if notes > 1:
        yield _v("PEPPOL-EN16931-R002", f"{notes} document notes, at most one is allowed")
    if not has(root, "cbc:BuyerReference") and not has(root, "cac:OrderReference/cbc:ID"):
        yield _v("PEPPOL-EN16931-R003", "neither a buyer reference nor an order reference")
    if not has(root, f"{BUYER}/cbc:EndpointID"):
        yield _v("PEPPOL-EN16931-R010", "the buyer's electronic address is missing")
    if not has(root, f"{SELLER}/cbc:EndpointID"):
        yield _v("PEPPOL-EN16931-R020", "the seller's electronic address is missing")


def no_empty_elements(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R008: every element has content (children or text)."""
    for element in root.iter():
        if isinstance(element.tag, str) and len(element) == 0 and not (element.text or "").strip():
            yield _v(
                "PEPPOL-EN16931-R008", f"the element {etree.QName(element).localname} is empty"
            )


def one_currency(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R051: every currencyID is the document currency."""
    currency = text(root, "cbc:DocumentCurrencyCode")
    for element in nodes(root, "//*[@currencyID]"):
        if element.get("currencyID") != currency:
            yield _v(
                "PEPPOL-EN16931-R051",
                f"{etree.QName(element).localname} is in {element.get('currencyID')}, the "
                f"document in {currency}",
            )


def one_tax_total(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R053: exactly one TaxTotal with subtotals."""
    count = len(nodes(root, "cac:TaxTotal[cac:TaxSubtotal]"))
    if count != 1:
        yield _v("PEPPOL-EN16931-R053", f"{count} TaxTotal elements with subtotals, not one")


def line_periods_inside(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R110, R111: a line period lies within the document period."""
    start = text(root, "cac:InvoicePeriod/cbc:StartDate")
    end = text(root, "cac:InvoicePeriod/cbc:EndDate")
    for line in _lines(root):
        line_start = text(line, "cac:InvoicePeriod/cbc:StartDate")
        line_end = text(line, "cac:InvoicePeriod/cbc:EndDate")
        if start and line_start and line_start < start:
            yield _v(
                "PEPPOL-EN16931-R110",
                f"{_label(line)} starts {line_start}, before the document period ({start})",
            )
        if end and line_end and line_end > end:
            yield _v(
                "PEPPOL-EN16931-R111",
                f"{_label(line)} ends {line_end}, after the document period ({end})",
            )


def _line_allowance_charge(line: etree._Element, charge: bool) -> Decimal:
    flag = "true" if charge else "false"
    values = [
        amount(element, "cbc:Amount")
        for element in nodes(line, f"cac:AllowanceCharge[cbc:ChargeIndicator='{flag}']")
    ]
    return sum((value for value in values if value is not None), ZERO)


def line_prices(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-R120 (net = quantity × price ÷ base), R121 (base > 0), R130 (its unit)."""
    for line in _lines(root):
        quantity_element = _quantity(line)
        quantity = amount(line, "cbc:InvoicedQuantity | cbc:CreditedQuantity")
        price = amount(line, "cac:Price/cbc:PriceAmount")
        net = amount(line, "cbc:LineExtensionAmount")
        base_elements = nodes(line, "cac:Price/cbc:BaseQuantity")
        base = amount(line, "cac:Price/cbc:BaseQuantity") if base_elements else ONE
        if base_elements and (base is None or base <= 0):
            yield _v("PEPPOL-EN16931-R121", f"{_label(line)}: base quantity {base} is not above 0")
            continue
        if (
            base_elements
            and quantity_element is not None
            and base_elements[0].get("unitCode") != quantity_element.get("unitCode")
        ):
            yield _v(
                "PEPPOL-EN16931-R130",
                f"{_label(line)}: the base quantity's unit "
                f"{base_elements[0].get('unitCode')} is not the quantity's "
                f"{quantity_element.get('unitCode')}",
            )
        if quantity is None or price is None or net is None or base is None:
            continue
        expected = (
            quantity * price / base
            + _line_allowance_charge(line, True)
            - _line_allowance_charge(line, False)
        )
        if abs(net - expected) > LINE_SLACK:
            yield _v(
                "PEPPOL-EN16931-R120",
                f"{_label(line)}: net amount {net} ≠ quantity {quantity} × price {price} ÷ base "
                f"{base} = {r2(expected)}",
            )


def peppol_type_codes(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-P0100 (invoice), P0101 (credit note): a type code the profile allows."""
    invoice_type = text(root, "cbc:InvoiceTypeCode")
    if invoice_type is not None and invoice_type not in _PEPPOL_INVOICE_TYPES:
        yield _v("PEPPOL-EN16931-P0100", f"invoice type code {invoice_type} is not allowed")
    credit_type = text(root, "cbc:CreditNoteTypeCode")
    if credit_type is not None and credit_type not in _PEPPOL_CREDIT_NOTE_TYPES:
        yield _v("PEPPOL-EN16931-P0101", f"credit note type code {credit_type} is not allowed")


def reverse_charge_code_only_ae(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-P0107: VATEX-EU-AE only with category AE."""
    for category in nodes(root, "//cac:TaxCategory | //cac:ClassifiedTaxCategory"):
        reason = text(category, "cbc:TaxExemptionReasonCode")
        code = text(category, "cbc:ID")
        if reason == codes.REVERSE_CHARGE_CODE and code != "AE":
            yield _v("PEPPOL-EN16931-P0107", f"{reason} with category {code}, not AE")


def peppol_code_lists(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-CL001 (MIME), CL007 (currency), CL008 (electronic address scheme)."""
    yield from _attributes_at(
        root, "PEPPOL-EN16931-CL001", "//@mimeCode", codes.MIME_CODES, "MIME code"
    )
    yield from _codes_at(
        root,
        "PEPPOL-EN16931-CL007",
        "cbc:DocumentCurrencyCode | cbc:TaxCurrencyCode",
        codes.CURRENCIES,
        "currency code",
    )
    yield from _attributes_at(
        root, "PEPPOL-EN16931-CL008", "//cbc:EndpointID/@schemeID", codes.EAS, "endpoint scheme"
    )


def date_format(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-EN16931-F001: every date is YYYY-MM-DD."""
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname.endswith("Date"):
            value = (element.text or "").strip()
            if not _DATE.fullmatch(value):
                yield _v(
                    "PEPPOL-EN16931-F001",
                    f'{etree.QName(element).localname} "{value}" is not YYYY-MM-DD',
                )


def belgian_enterprise_number(root: etree._Element) -> Iterator[Violation]:
    """PEPPOL-COMMON-R043: a 0208 identifier is ten digits with the mod-97 check."""
    for element in nodes(root, "//*[@schemeID='0208']"):
        value = (element.text or "").strip()
        valid = len(value) == 10 and value.isdigit() and int(value[8:]) == 97 - int(value[:8]) % 97
        if not valid:
            yield _v(
                "PEPPOL-COMMON-R043",
                f'the Belgian enterprise number "{value}" is not ten digits with a valid check',
            )


def _address_complete(party: etree._Element) -> bool:
    return all(
        has(party, f"cac:PostalAddress/cbc:{name}")
        for name in ("StreetName", "CityName", "PostalZone")
    )


def dutch_seller(root: etree._Element) -> Iterator[Violation]:
    """NL-R-001 … NL-R-008: a seller whose address is in the Netherlands."""
    if text(root, f"{SELLER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode") != "NL":
        return
    seller = nodes(root, SELLER)[0]
    buyer_nodes = nodes(root, BUYER)
    dutch_buyer = bool(buyer_nodes) and (
        text(buyer_nodes[0], "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "NL"
    )
    is_credit = (
        etree.QName(root).localname == "CreditNote" or text(root, "cbc:InvoiceTypeCode") == "381"
    )
    if is_credit and not has(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"):
        yield _v("NL-R-001", "a Dutch seller's credit note must reference the invoice it corrects")
    if not _address_complete(seller):
        yield _v("NL-R-002", "a Dutch seller's address needs street, city and post code")
    for scheme in _legal_schemes(seller):
        if scheme not in codes.NL_LEGAL_SCHEMES:
            yield _v("NL-R-003", f"the Dutch seller's legal identifier scheme {scheme} is not "
                     "KvK (0106) or OIN (0190)")  # fmt: skip
    if dutch_buyer:
        if not _address_complete(buyer_nodes[0]):
            yield _v("NL-R-004", "a Dutch customer's address needs street, city and post code")
        for scheme in _legal_schemes(buyer_nodes[0]):
            if scheme not in codes.NL_LEGAL_SCHEMES:
                yield _v("NL-R-005", f"the Dutch customer's legal identifier scheme {scheme} is "
                         "not KvK (0106) or OIN (0190)")  # fmt: skip
    for representative in nodes(root, "cac:TaxRepresentativeParty"):
        country = text(representative, "cac:PostalAddress/cac:Country/cbc:IdentificationCode")
        if country == "NL" and not _address_complete(representative):
            yield _v("NL-R-006", "a Dutch tax representative's address needs street, city and "
                     "post code")  # fmt: skip
    payable = amount(root, f"{TOTAL}/cbc:PayableAmount") or ZERO
    customer_pays = payable < 0 if is_credit else payable > 0
    if customer_pays and not nodes(root, "cac:PaymentMeans"):
        yield _v("NL-R-007", f"a Dutch seller must give payment means when {payable} is due")
    for code in (text(m, "cbc:PaymentMeansCode") for m in nodes(root, "cac:PaymentMeans")):
        if code not in codes.NL_PAYMENT_MEANS:
            yield _v("NL-R-008", f"payment means code {code} is not allowed for a Dutch "
                     "seller (30, 48, 49, 57, 58, 59)")  # fmt: skip


def _legal_schemes(party: etree._Element) -> list[str]:
    return [
        (element.get("schemeID") or "").strip()
        for element in nodes(party, "cac:PartyLegalEntity/cbc:CompanyID")
    ]


#: Every rule of ubl.md's validation table, EN 16931 first, then Peppol.
RULES: tuple[Rule, ...] = (
    document_terms,
    at_least_one_line,
    line_terms,
    periods,
    breakdown_terms,
    payment_means,
    references,
    endpoint_schemes,
    vat_prefixes,
    line_sum,
    totals,
    breakdown_tax,
    has_breakdown,
    payment_due,
    seller_identified,
    decimals,
    data_types,
    one_note_per_line,
    code_lists,
    standard_rated,
    reverse_charge,
    peppol_identifiers,
    peppol_header,
    no_empty_elements,
    one_currency,
    one_tax_total,
    line_periods_inside,
    line_prices,
    peppol_type_codes,
    reverse_charge_code_only_ae,
    peppol_code_lists,
    date_format,
    belgian_enterprise_number,
    dutch_seller,
)


def rule_violations(root: etree._Element) -> tuple[Violation, ...]:
    """Every violation of every rule, in the order of `RULES`."""
    return tuple(violation for rule in RULES for violation in rule(root))
