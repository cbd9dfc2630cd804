"""Each rule family of ubl.md's validation table, shown by a deliberately broken document."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree
from test_ubl_support import NS, PDF, annual_basic, invoice, line, one, root_of, written

from pipeline.model import Party
from pipeline.ubl import (
    Address,
    Buyer,
    Payment,
    Printed,
    UblFile,
    UblResult,
    UblSkipped,
    document_violations,
    ubl_file,
)
from pipeline.ubl.codes import NS_CBC
from pipeline.ubl.rules import RULES, rule_violations

Mutation = Callable[[etree._Element], None]


def _reverse_charge_xml() -> bytes:
    record = invoice(
        (
            annual_basic(),
            line("Exchange Online (Plan 1)", "2", "3.70", "7.40"),
        )
    )
    return written(ubl_file(record, "X", None, PDF)).xml


def _domestic_xml() -> bytes:
    record = invoice(
        (line("Microsoft 365 Business Standard", "14", "10.50", "147.00", rate="21"),),
        customer=Party(None, None),
        reverse_charge=False,
    )
    buyer = Buyer(name="Brouwerij De Kroon BV", vat_number="BE0123456749", country="BE")
    return written(ubl_file(record, "X", buyer, PDF)).xml


REVERSE_CHARGE = _reverse_charge_xml()
DOMESTIC = _domestic_xml()


def _find(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert isinstance(found, list) and found, path
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _set(path: str, value: str, attribute: str | None = None) -> Mutation:
    def mutate(root: etree._Element) -> None:
        element = _find(root, path)
        if attribute is None:
            element.text = value
        else:
            element.set(attribute, value)

    return mutate


def _remove(path: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        for item in root.xpath(path, namespaces=NS):
            if isinstance(item, etree._Element):
                item.getparent().remove(item)
            else:  # an attribute
                del item.getparent().attrib[item.attrname]

    return mutate


def _add_after(path: str, tag: str, value: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        element = _find(root, path)
        new = etree.Element(f"{{{NS_CBC}}}{tag}")
        new.text = value
        element.addnext(new)

    return mutate


def _both(first: Mutation, second: Mutation) -> Mutation:
    def mutate(root: etree._Element) -> None:
        first(root)
        second(root)

    return mutate


def _violations(xml: bytes, mutate: Mutation) -> list[str]:
    root = etree.fromstring(xml)
    mutate(root)
    return [v.rule_id for v in document_violations(etree.tostring(root, xml_declaration=True))]


SELLER = "//cac:AccountingSupplierParty/cac:Party"
BUYER = "//cac:AccountingCustomerParty/cac:Party"
LINE = "//cac:InvoiceLine[1]"
SUBTOTAL = "//cac:TaxSubtotal"

# (family, document, mutation, the rule id the result must name)
BROKEN: list[tuple[str, bytes, Mutation, str]] = [
    ("BR", REVERSE_CHARGE, _remove("/*/cbc:CustomizationID"), "BR-01"),
    ("BR", REVERSE_CHARGE, _remove("/*/cbc:ID"), "BR-02"),
    ("BR", REVERSE_CHARGE, _remove(f"{SELLER}/cac:PartyLegalEntity"), "BR-06"),
    ("BR", REVERSE_CHARGE, _remove(f"{BUYER}/cac:PostalAddress"), "BR-10"),
    ("BR", REVERSE_CHARGE, _remove("//cac:LegalMonetaryTotal/cbc:PayableAmount"), "BR-15"),
    ("BR", REVERSE_CHARGE, _remove("//cac:InvoiceLine"), "BR-16"),
    ("BR", REVERSE_CHARGE, _remove(f"{LINE}/cac:Item/cbc:Name"), "BR-25"),
    ("BR", REVERSE_CHARGE, _set(f"{LINE}/cac:Price/cbc:PriceAmount", "-54.00"), "BR-27"),
    ("BR", REVERSE_CHARGE, _set(f"{LINE}/cac:InvoicePeriod/cbc:EndDate", "2024-01-01"), "BR-30"),
    ("BR", REVERSE_CHARGE, _remove(f"{SELLER}/cbc:EndpointID/@schemeID"), "BR-62"),
    ("BR", REVERSE_CHARGE, _remove("//cac:AdditionalDocumentReference/cbc:ID"), "BR-52"),
    ("BR-CO", REVERSE_CHARGE, _set(f"{LINE}/cbc:LineExtensionAmount", "271.00"), "BR-CO-10"),
    ("BR-CO", REVERSE_CHARGE, _set("/*/cac:TaxTotal/cbc:TaxAmount", "1.00"), "BR-CO-14"),
    (
        "BR-CO",
        REVERSE_CHARGE,
        _set("//cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "277.41"),
        "BR-CO-15",
    ),
    (
        "BR-CO",
        REVERSE_CHARGE,
        _set("//cac:LegalMonetaryTotal/cbc:PayableAmount", "1.00"),
        "BR-CO-16",
    ),
    ("BR-CO", DOMESTIC, _set(f"{SUBTOTAL}/cbc:TaxAmount", "31.87"), "BR-CO-17"),
    ("BR-CO", REVERSE_CHARGE, _set(f"{SELLER}/cac:PartyTaxScheme/cbc:CompanyID", "X1"), "BR-CO-09"),
    ("BR-CO", REVERSE_CHARGE, _remove(f"{SELLER}/cac:PartyTaxScheme"), "BR-CO-26"),
    (
        "BR-CO",
        REVERSE_CHARGE,
        _both(_remove("//cac:PaymentTerms"), _remove("/*/cbc:DueDate")),
        "BR-CO-25",
    ),
    ("BR-CO", REVERSE_CHARGE, _remove("//cac:TaxSubtotal"), "BR-CO-18"),
    ("BR", DOMESTIC, _remove(f"{SUBTOTAL}/cac:TaxCategory/cbc:Percent"), "BR-48"),
    ("BR-S", DOMESTIC, _set(f"{LINE}//cac:ClassifiedTaxCategory/cbc:Percent", "0"), "BR-S-05"),
    ("BR-S", DOMESTIC, _set(f"{SUBTOTAL}/cbc:TaxableAmount", "149.00"), "BR-S-08"),
    ("BR-S", DOMESTIC, _set(f"{SUBTOTAL}/cbc:TaxAmount", "40.00"), "BR-S-09"),
    (
        "BR-S",
        DOMESTIC,
        _add_after(f"{SUBTOTAL}/cac:TaxCategory/cbc:Percent", "TaxExemptionReason", "Exempt"),
        "BR-S-10",
    ),
    ("BR-S", DOMESTIC, _remove(f"{SELLER}/cac:PartyTaxScheme"), "BR-S-02"),
    ("BR-AE", REVERSE_CHARGE, _set(f"{SUBTOTAL}/cbc:TaxAmount", "1.00"), "BR-AE-09"),
    ("BR-AE", REVERSE_CHARGE, _set(f"{SUBTOTAL}/cbc:TaxableAmount", "270.00"), "BR-AE-08"),
    (
        "BR-AE",
        REVERSE_CHARGE,
        _set(f"{LINE}//cac:ClassifiedTaxCategory/cbc:Percent", "21"),
        "BR-AE-05",
    ),
    ("BR-AE", REVERSE_CHARGE, _remove(f"{BUYER}/cac:PartyTaxScheme"), "BR-AE-02"),
    (
        "BR-AE",
        REVERSE_CHARGE,
        _remove(f"{SUBTOTAL}/cac:TaxCategory/*[starts-with(local-name(), 'TaxExemption')]"),
        "BR-AE-10",
    ),
    ("BR-DEC", REVERSE_CHARGE, _set(f"{SUBTOTAL}/cbc:TaxableAmount", "277.400"), "BR-DEC-19"),
    ("BR-DEC", REVERSE_CHARGE, _set(f"{LINE}/cbc:LineExtensionAmount", "270.001"), "BR-DEC-23"),
    ("UBL-DT", REVERSE_CHARGE, _set("/*/cac:TaxTotal/cbc:TaxAmount", "0.001"), "UBL-DT-01"),
    (
        "UBL-DT",
        REVERSE_CHARGE,
        _remove("//cbc:EmbeddedDocumentBinaryObject/@filename"),
        "UBL-DT-07",
    ),
    (
        "UBL-SR",
        REVERSE_CHARGE,
        _both(
            _add_after(f"{LINE}/cbc:ID", "Note", "one"), _add_after(f"{LINE}/cbc:ID", "Note", "two")
        ),
        "UBL-SR-34",
    ),
    ("BR-CL", REVERSE_CHARGE, _set("/*/cbc:DocumentCurrencyCode", "EUX"), "BR-CL-04"),
    ("BR-CL", REVERSE_CHARGE, _set(f"{BUYER}//cbc:IdentificationCode", "XY"), "BR-CL-14"),
    ("BR-CL", REVERSE_CHARGE, _set(f"{LINE}/cbc:InvoicedQuantity", "XYZ", "unitCode"), "BR-CL-23"),
    (
        "BR-CL",
        REVERSE_CHARGE,
        _set("//cbc:EmbeddedDocumentBinaryObject", "text/html", "mimeCode"),
        "BR-CL-24",
    ),
    ("BR-CL", REVERSE_CHARGE, _set(f"{SUBTOTAL}/cac:TaxCategory/cbc:ID", "XX"), "BR-CL-17"),
    ("BR-CL", REVERSE_CHARGE, _set(f"{SELLER}/cbc:EndpointID", "1234", "schemeID"), "BR-CL-25"),
    ("PEPPOL", REVERSE_CHARGE, _set("/*/cbc:ProfileID", "urn:example"), "PEPPOL-EN16931-R007"),
    ("PEPPOL", REVERSE_CHARGE, _add_after("/*/cbc:Note", "Note", "two"), "PEPPOL-EN16931-R002"),
    ("PEPPOL", REVERSE_CHARGE, _remove("/*/cbc:BuyerReference"), "PEPPOL-EN16931-R003"),
    ("PEPPOL", REVERSE_CHARGE, _add_after(f"{LINE}/cbc:ID", "Note", ""), "PEPPOL-EN16931-R008"),
    ("PEPPOL", REVERSE_CHARGE, _remove(f"{BUYER}/cbc:EndpointID"), "PEPPOL-EN16931-R010"),
    (
        "PEPPOL",
        REVERSE_CHARGE,
        _set(f"{LINE}/cbc:LineExtensionAmount", "GBP", "currencyID"),
        "PEPPOL-EN16931-R051",
    ),
    (
        "PEPPOL",
        REVERSE_CHARGE,
        _set(f"{LINE}/cac:InvoicePeriod/cbc:StartDate", "2025-01-01"),
        "PEPPOL-EN16931-R110",
    ),
    (
        "PEPPOL",
        REVERSE_CHARGE,
        _set("/*/cac:InvoicePeriod/cbc:EndDate", "2025-12-31"),
        "PEPPOL-EN16931-R111",
    ),
    (
        "PEPPOL",
        REVERSE_CHARGE,
        _set(f"{LINE}/cac:Price/cbc:PriceAmount", "54.10"),
        "PEPPOL-EN16931-R120",
    ),
    ("PEPPOL", REVERSE_CHARGE, _set("/*/cbc:InvoiceTypeCode", "381"), "PEPPOL-EN16931-P0100"),
    (
        "PEPPOL",
        DOMESTIC,
        _add_after(
            f"{SUBTOTAL}/cac:TaxCategory/cbc:Percent", "TaxExemptionReasonCode", "VATEX-EU-AE"
        ),
        "PEPPOL-EN16931-P0107",
    ),
    (
        "PEPPOL",
        REVERSE_CHARGE,
        _set("//cbc:EmbeddedDocumentBinaryObject", "image/gif", "mimeCode"),
        "PEPPOL-EN16931-CL001",
    ),
    ("PEPPOL", REVERSE_CHARGE, _set("/*/cbc:IssueDate", "15/01/2025"), "PEPPOL-EN16931-F001"),
    ("PEPPOL", REVERSE_CHARGE, _set(f"{BUYER}/cbc:EndpointID", "0123456748"), "PEPPOL-COMMON-R043"),
    ("NL-R", REVERSE_CHARGE, _set(f"{SELLER}//cbc:IdentificationCode", "NL"), "NL-R-002"),
    ("NL-R", REVERSE_CHARGE, _set(f"{SELLER}//cbc:IdentificationCode", "NL"), "NL-R-007"),
]


def test_the_unbroken_documents_have_no_violation() -> None:
    assert document_violations(REVERSE_CHARGE) == ()
    assert document_violations(DOMESTIC) == ()


@pytest.mark.parametrize(
    ("document", "mutate", "rule_id"),
    [(document, mutate, rule_id) for _, document, mutate, rule_id in BROKEN],
    ids=[f"{family}:{rule_id}" for family, _, _, rule_id in BROKEN],
)
def test_a_broken_document_names_the_rule(document: bytes, mutate: Mutation, rule_id: str) -> None:
    assert rule_id in _violations(document, mutate)


def test_every_rule_function_fires_on_some_broken_document() -> None:
    roots = []
    for _, document, mutate, _ in BROKEN:
        root = etree.fromstring(document)
        mutate(root)
        roots.append(root)
    silent = [rule.__name__ for rule in RULES if not any(list(rule(root)) for root in roots)]
    # shown by test_two_tax_totals_and_a_transfer_without_account_are_named
    assert silent == ["payment_means"]


def test_a_credit_note_of_a_dutch_seller_must_reference_the_invoice() -> None:
    record = invoice(
        (line("Microsoft 365 E3", "1", "33.75", "-33.75", rate="21"),),
        supplier=Party("Microsoft B.V.", "NL812345678B01"),
        customer=Party("Bakkerij Jansen BV", "NL123456789B01"),
        reverse_charge=False,
        document_type="credit_note",
    )
    result = ubl_file(record, "X", None, PDF)
    assert not hasattr(result, "xml")
    assert "NL-R-001" in [reason.rule_id for reason in result.reasons]  # type: ignore[union-attr]


def test_two_tax_totals_and_a_transfer_without_account_are_named() -> None:
    root = etree.fromstring(REVERSE_CHARGE)
    tax_total = _find(root, "/*/cac:TaxTotal")
    tax_total.addnext(etree.fromstring(etree.tostring(tax_total)))
    means = etree.fromstring(
        b'<cac:PaymentMeans xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:'
        b'CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:'
        b'xsd:CommonBasicComponents-2"><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>'
        b"</cac:PaymentMeans>"
    )
    _find(root, "/*/cac:PaymentTerms").addprevious(means)
    _find(root, "//cac:AdditionalDocumentReference").addprevious(
        etree.fromstring(
            b'<cac:BillingReference xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:'
            b'CommonAggregateComponents-2"><cac:InvoiceDocumentReference/></cac:BillingReference>'
        )
    )
    ids = [v.rule_id for v in rule_violations(root)]
    assert "PEPPOL-EN16931-R053" in ids
    assert "BR-61" in ids
    assert "BR-55" in ids


def test_xsd_errors_are_named_ubl_xsd_with_their_line() -> None:
    root = etree.fromstring(REVERSE_CHARGE)
    _find(root, "/*/cbc:IssueDate").addprevious(_find(root, "/*/cbc:DocumentCurrencyCode"))
    violations = document_violations(etree.tostring(root))
    xsd = [v for v in violations if v.rule_id == "UBL-XSD"]
    assert len(xsd) == 1
    assert xsd[0].message.startswith("line 1: Element '{urn:oasis:names:specification:ubl:")
    assert "DocumentCurrencyCode': This element is not expected" in xsd[0].message


def _dutch_credit_note(payment: Payment | None) -> UblResult:
    record = invoice(
        (line("Microsoft 365 E3", "1", "33.75", "-33.75", rate="21"),),
        supplier=Party("Microsoft B.V.", "NL812345678B01"),
        customer=Party("Bakkerij Jansen BV", "NL123456789B01"),
        reverse_charge=False,
        document_type="credit_note",
    )
    printed = Printed(
        original_invoice="G123456789",
        seller_address=Address("Evert van de Beekstraat 354", "Schiphol", "1118 CZ"),
        payment=payment,
    )
    buyer = Buyer(street="Dorpsstraat 5", city="Utrecht", post_code="3511 AB")
    return ubl_file(record, "X", buyer, PDF, printed)


def test_a_dutch_sellers_refund_needs_no_payment_means_but_a_dutch_code_if_given() -> None:
    refund = _dutch_credit_note(None)
    assert isinstance(refund, UblFile), getattr(refund, "message", "")
    assert one(root_of(refund), "//cac:LegalMonetaryTotal/cbc:PayableAmount") == "40.84"
    cheque = _dutch_credit_note(Payment("20"))
    assert isinstance(cheque, UblSkipped)
    assert [reason.rule_id for reason in cheque.reasons] == ["NL-R-008"]
