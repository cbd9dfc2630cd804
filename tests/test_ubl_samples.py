"""UBL files from the project's samples (families A and B, read from their PDFs), and a
Hypothesis round trip: random valid records → a file that validates and carries their totals."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ubl_support import NS, PDF, D, invoice, one, oracle_findings, root_of, xp

from pipeline.config import Settings
from pipeline.ledger import journal_rows
from pipeline.model import Invoice, Line, Party
from pipeline.reading import read_invoice
from pipeline.ubl import Buyer, UblFile, UblSkipped, ubl_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FAMILY_A_AND_B = sorted(path.stem for path in SAMPLES.glob("[ab]-*.pdf"))

#: Samples whose customer block prints an EU VAT number: the buyer is identified without
#: any configuration (reverse charge, or domestic VAT to an IE or FR customer).
WITHOUT_CONFIGURATION = {
    "a-de-de-spaceless",
    "a-de-rc-previous-balance",
    "a-en-4pages-long",
    "a-en-ie-vat23-below",
    "a-fr-be-rc-tabbed",
    "a-fr-fr-overstruck-bold",
    "a-nl-annual-exchange-rc",
    "b-de-3pages-wrapped",
    "b-en-be-overstruck-bold",
    "b-en-ie-annual-single-day",
    "b-fr-be-nbsp-rc",
    "b-fr-credit-rebill",
    "b-nl-be-multi-prorated-rc",
}
#: Why the others have no file without configuration: the first reason's rule id.
NO_FILE_REASON = {
    "a-en-us-sales-tax": "SCOPE-SELLER",
    "b-en-us-sales-tax": "SCOPE-SELLER",
    "b-en-ca-gst-qst": "SCOPE-SELLER",
    "a-nl-ambiguous-dates": "SCOPE-AMBIGUOUS-DATE",
    "a-fr-2pages-wrapped": "SCOPE-BUYER",
    "a-nl-nl-vat21-dashes-per-unit": "SCOPE-BUYER",
    "a-nl-written-dates-wrapped": "SCOPE-BUYER",
    "b-de-discount": "SCOPE-BUYER",
    "b-en-ie-credit-rebill-parens": "SCOPE-BUYER",
    "b-en-no-mva-annual": "SCOPE-BUYER",
    "b-fr-fr-narrow-nbsp": "SCOPE-BUYER",
    "b-nl-4pages-repeat-bar": "SCOPE-BUYER",
    "b-nl-nl-per-unit-tax": "SCOPE-BUYER",
    "b-nl-nl-spaceless": "SCOPE-BUYER",
}
#: The client configuration that identifies the buyer of the domestic invoices without a
#: printed customer VAT number, by the country whose VAT they charge.
CONFIGURED_BUYER = {
    "NL": Buyer(name="Bakkerij Jansen BV", vat_number="NL123456789B01", country="NL"),
    "FR": Buyer(name="Atelier Martin SARL", vat_number="FR40123456824", country="FR"),
    "DE": Buyer(name="Müller GmbH", vat_number="DE123456789", country="DE"),
    "IE": Buyer(name="Dublin Widgets Ltd", vat_number="IE1234567T", country="IE"),
    "NO": Buyer(name="Nordlys AS", country="NO", peppol_id="0192:987654321"),
}
BUYER_COUNTRY = {
    "a-fr-2pages-wrapped": "FR",
    "a-nl-nl-vat21-dashes-per-unit": "NL",
    "a-nl-written-dates-wrapped": "NL",
    "b-de-discount": "DE",
    "b-en-ie-credit-rebill-parens": "IE",
    "b-en-no-mva-annual": "NO",
    "b-fr-fr-narrow-nbsp": "FR",
    "b-nl-4pages-repeat-bar": "NL",
    "b-nl-nl-per-unit-tax": "NL",
    "b-nl-nl-spaceless": "NL",
}


@functools.cache
def _read(stem: str) -> tuple[Invoice, bytes]:
    path = SAMPLES / f"{stem}.pdf"
    return read_invoice(path), path.read_bytes()


def _totals_match_the_journal(record: Invoice, file: UblFile) -> None:
    """The file's totals are the journal's for that entry (ubl.md, "Done when")."""
    root = root_of(file)
    rows = journal_rows(record, Settings())
    net = sum((row.net_amount for row in rows), D("0.00"))
    vat = sum((row.vat_amount for row in rows), D("0.00"))
    assert file.entry_id == rows[0].entry_id
    assert D(one(root, "//cac:LegalMonetaryTotal/cbc:LineExtensionAmount")) == net
    assert D(one(root, "/*/cac:TaxTotal/cbc:TaxAmount")) == vat
    assert D(one(root, "//cac:LegalMonetaryTotal/cbc:PayableAmount")) == rows[0].gross_total
    assert [D(v) for v in xp(root, "//cac:InvoiceLine/cbc:LineExtensionAmount")] == [
        row.net_amount for row in rows
    ]


def test_the_tables_cover_every_sample_of_families_a_and_b() -> None:
    assert sorted(WITHOUT_CONFIGURATION | NO_FILE_REASON.keys()) == FAMILY_A_AND_B
    assert not WITHOUT_CONFIGURATION & NO_FILE_REASON.keys()


@pytest.mark.parametrize("stem", FAMILY_A_AND_B)
def test_sample_gets_a_file_exactly_when_the_spec_allows_one(stem: str) -> None:
    record, pdf = _read(stem)
    assert record.entry_id is not None
    result = ubl_file(record, record.entry_id, None, pdf)
    if stem in WITHOUT_CONFIGURATION:
        assert isinstance(result, UblFile), getattr(result, "message", "")
        assert oracle_findings(result.xml) == []
        _totals_match_the_journal(record, result)
    else:
        assert isinstance(result, UblSkipped)
        assert result.reasons[0].rule_id == NO_FILE_REASON[stem]


@pytest.mark.parametrize("stem", sorted(BUYER_COUNTRY))
def test_configured_buyer_gives_the_domestic_samples_a_file(stem: str) -> None:
    record, pdf = _read(stem)
    assert record.entry_id is not None
    result = ubl_file(record, record.entry_id, CONFIGURED_BUYER[BUYER_COUNTRY[stem]], pdf)
    if BUYER_COUNTRY[stem] == "NO":
        # Norwegian MVA charged by Microsoft Ireland is not EU VAT
        assert isinstance(result, UblSkipped)
        assert [reason.rule_id for reason in result.reasons] == ["SCOPE-SELLER"]
        return
    assert isinstance(result, UblFile), getattr(result, "message", "")
    assert oracle_findings(result.xml) == []
    _totals_match_the_journal(record, result)
    root = root_of(result)
    assert set(xp(root, "//cac:ClassifiedTaxCategory/cbc:ID")) == {"S"}
    buyer = CONFIGURED_BUYER[BUYER_COUNTRY[stem]]
    assert one(root, "//cac:AccountingCustomerParty//cac:PartyTaxScheme/cbc:CompanyID") == (
        buyer.vat_number
    )


def test_reverse_charge_samples_are_category_ae_and_the_others_s() -> None:
    for stem in sorted(WITHOUT_CONFIGURATION):
        record, pdf = _read(stem)
        root = root_of(ubl_file(record, record.entry_id or "", None, pdf))
        expected = {"AE"} if record.reverse_charge else {"S"}
        assert set(xp(root, "//cac:ClassifiedTaxCategory/cbc:ID")) == expected, stem
        assert set(xp(root, "//cac:TaxSubtotal/cac:TaxCategory/cbc:ID")) == expected, stem


# ---------------------------------------------------------------- Hypothesis round trip

CENT = D("0.01")
START = date(2025, 3, 1)


@st.composite
def _lines(draw: st.DrawFn, rate: Decimal) -> Line:
    quantity = draw(st.integers(1, 300))
    unit_price = D(draw(st.integers(1, 50_000))) * CENT
    kind = draw(st.sampled_from(["full", "prorated", "discount", "credit"]))
    full = quantity * unit_price
    days = draw(st.integers(1, 31))
    charges, discounts, credits = full, D("0.00"), D("0.00")
    if kind == "prorated":
        charges = (full * days / 31).quantize(CENT)
    elif kind == "discount":
        discounts = (full * D(draw(st.integers(1, 50))) / 100).quantize(CENT)
    elif kind == "credit":
        charges, credits = D("0.00"), (full * days / 31).quantize(CENT)
    amount = charges - discounts - credits
    tax = (amount * rate / 100).quantize(CENT)
    return Line(
        product=draw(st.sampled_from(["Microsoft 365 E3", "Exchange Online (Plan 1)", "Visio"])),
        period_start=START,
        period_end=START + timedelta(days=(days if kind in ("prorated", "credit") else 31) - 1),
        days=days if kind in ("prorated", "credit") else 31,
        quantity=D(quantity),
        unit_price=unit_price,
        price_basis="month",
        charges=charges,
        discounts=discounts,
        credits=credits,
        amount=amount,
        tax_rate=rate,
        tax=tax,
        total=amount + tax,
    )


@st.composite
def _records(draw: st.DrawFn) -> Invoice:
    reverse = draw(st.booleans())
    rate = D(0) if reverse else D(draw(st.sampled_from(["21", "6", "23", "20", "19"])))
    lines = tuple(draw(st.lists(_lines(rate), min_size=1, max_size=8)))
    credit_note = draw(st.booleans())
    if credit_note:
        lines = tuple(
            Line(
                product=item.product,
                period_start=item.period_start,
                period_end=item.period_end,
                quantity=item.quantity,
                unit_price=item.unit_price,
                amount=-(item.amount or D(0)),
                tax_rate=item.tax_rate,
                tax=-(item.tax or D(0)),
            )
            for item in lines
        )
    return invoice(
        lines,
        customer=Party("Brouwerij De Kroon BV", "BE0123456749" if reverse else None),
        reverse_charge=reverse,
        document_type="credit_note" if credit_note else "invoice",
        period_start=START,
        period_end=START,
    )


BE_BUYER = Buyer(name="Brouwerij De Kroon BV", vat_number="BE0123456749", country="BE")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records())
def test_random_valid_records_give_files_that_carry_their_totals(record: Invoice) -> None:
    result = ubl_file(record, "IE8256796U-E0800ABCDE", BE_BUYER, PDF)
    assert isinstance(result, UblFile), getattr(result, "message", "")
    assert oracle_findings(result.xml) == []
    root = root_of(result)
    sign = -1 if record.document_type == "credit_note" else 1
    assert result.root == ("CreditNote" if sign < 0 else "Invoice")
    lines = "(//cac:InvoiceLine | //cac:CreditNoteLine)"
    assert [D(v) for v in xp(root, f"{lines}/cbc:LineExtensionAmount")] == [
        sign * (item.amount or 0) for item in record.lines
    ]
    total = "//cac:LegalMonetaryTotal"
    assert D(one(root, f"{total}/cbc:LineExtensionAmount")) == sign * (record.subtotal or 0)
    assert D(one(root, f"{total}/cbc:TaxExclusiveAmount")) == sign * (record.subtotal or 0)
    assert D(one(root, f"{total}/cbc:TaxInclusiveAmount")) == sign * (record.total or 0)
    assert D(one(root, f"{total}/cbc:PayableAmount")) == sign * (record.total or 0)
    assert D(one(root, "/*/cac:TaxTotal/cbc:TaxAmount")) == sign * (record.tax or 0)
    for quantity, price, base, net in zip(
        xp(root, f"{lines}/cbc:InvoicedQuantity | {lines}/cbc:CreditedQuantity"),
        xp(root, f"{lines}/cac:Price/cbc:PriceAmount"),
        [_base(line) for line in root.xpath(lines, namespaces=NS)],
        xp(root, f"{lines}/cbc:LineExtensionAmount"),
        strict=True,
    ):
        assert D(price) >= 0
        assert abs(D(quantity) * D(price) / base - D(net)) <= D("0.02")


def _base(line: object) -> Decimal:
    values = xp(line, "cac:Price/cbc:BaseQuantity")  # type: ignore[arg-type]
    return D(values[0]) if values else D(1)
