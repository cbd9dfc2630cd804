"""The sample generator is consistent with itself, without the parser.

The committed samples are exactly what `python -m samples.generate` writes (nobody edits a golden
file by hand), every record fits the schema, and every record's arithmetic agrees with the
findings it expects, re-derived here independently of `samples.checks`.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import subprocess
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = ROOT.parent / "shared" / "spec" / "invoice.schema.json"
GENERATED = ("*.pdf", "*.json", "README.md")
CENT = Decimal("0.01")
EU = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}  # fmt: skip
KNOWN_RATES = tuple(
    Decimal(r) for r in ("0", "19", "20", "21", "23", "6.5", "7.25", "8.75", "10.1")
)
FILE_ERRORS = {"UNREADABLE_PDF", "NO_TEXT_LAYER", "ENCRYPTED_PDF", "NOT_A_MICROSOFT_INVOICE"}


def generated_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for pattern in GENERATED for p in sorted(folder.glob(pattern))}


def run_generator(out: Path, *extra: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "samples.generate", "--out", str(out), *extra],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def records(folder: Path) -> dict[str, dict[str, Any]]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
    }


COMMITTED = records(SAMPLES)
INVOICES = {name: record for name, record in COMMITTED.items() if "error" not in record}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    run_generator(out)
    return out


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def later(start: date, months: int) -> date:
    """Same day `months` later, or the 1st of the month after when that day does not exist."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    try:
        return date(year, month, start.day)
    except ValueError:
        return date(year + month // 12, month % 12 + 1, 1)


def term_length(start: date, months: int) -> int:
    return (later(start, months) - start).days


def agreement_line_code(line: dict[str, Any]) -> str | None:
    """Family C: |Charges/Credits| is Qty × Unit price, or prorated by the charge dates over
    a month and else a year from the first charge date (no price basis is printed)."""
    quantity, price = Decimal(line["quantity"]), Decimal(line["unit_price"])
    charged = abs(Decimal(line["charges"]))
    if charged == r2(quantity * price):
        return None
    start, end = (date.fromisoformat(line[k]) for k in ("period_start", "period_end"))
    days = (end - start).days + 1
    for months in (1, 12):
        if charged == r2(quantity * price * days / term_length(start, months)):
            return "PRORATED_LINE"
    return "LINE_AMOUNT_MISMATCH"


def line_pairs(number: int, line: dict[str, Any], family: str) -> set[tuple[str, int | None]]:
    """The (code, line) findings one record line implies under notes/semantics.md."""
    found: set[tuple[str, int | None]] = set()
    quantity, price = Decimal(line["quantity"]), Decimal(line["unit_price"])
    charges = dec(line["charges"]) or Decimal(0)
    credits = dec(line["credits"]) or Decimal(0)
    amount = Decimal(line["amount"])
    checked = credits if charges == 0 and credits > 0 else charges
    if family == "customer-agreement":
        code = agreement_line_code(line)
        if code is not None:
            found.add((code, number))
        if amount != charges - credits:
            found.add(("LINE_AMOUNT_MISMATCH", number))
    elif checked != r2(quantity * price):
        code = "LINE_AMOUNT_MISMATCH"
        if line["days"] is not None and line["period_start"] is not None:
            start = date.fromisoformat(line["period_start"])
            months = 12 if line["price_basis"] == "year" else 1
            term = term_length(start, months)
            if checked == r2(quantity * price * line["days"] / term):
                code = "PRORATED_LINE"
        found.add((code, number))
    if family == "online-services":
        discounts = dec(line["discounts"]) or Decimal(0)
        if amount != charges - discounts - credits:
            found.add(("LINE_AMOUNT_MISMATCH", number))
    rate, tax, total = dec(line["tax_rate"]), dec(line["tax"]), dec(line["total"])
    if rate is not None and tax is not None:
        tolerance = max(CENT, CENT * abs(quantity))
        if abs(tax - r2(amount * rate / 100)) > tolerance:
            found.add(("TAX_MISMATCH", number))
    if total is not None and tax is not None and total != amount + tax:
        found.add(("TOTAL_MISMATCH", number))
    if line["period_start"] and line["period_end"]:
        start, end = (date.fromisoformat(line[k]) for k in ("period_start", "period_end"))
        if end < start or (line["days"] is not None and line["days"] != (end - start).days + 1):
            found.add(("DATE_ORDER", number))
    return found


def invoice_pairs(record: dict[str, Any]) -> set[tuple[str, int | None]]:
    """The invoice-level findings decidable from the record alone (not family A's tax)."""
    found: set[tuple[str, int | None]] = set()
    lines = record["lines"]
    subtotal, tax, total = (Decimal(record[k]) for k in ("subtotal", "tax", "total"))

    def column(key: str) -> Decimal:
        return sum((Decimal(line[key]) for line in lines), Decimal(0))

    if column("amount") != subtotal:
        found.add(("SUBTOTAL_MISMATCH", None))
    if record["family"] == "customer-agreement":
        found |= agreement_invoice_pairs(record)
    if record["family"] == "online-services":
        charges, discounts, credits = (
            Decimal(record[k]) for k in ("charges", "discounts", "credits")
        )
        if (column("charges"), column("discounts"), column("credits")) != (
            charges,
            discounts,
            credits,
        ) or charges - discounts - credits != subtotal:
            found.add(("SUBTOTAL_MISMATCH", None))
        if column("tax") != tax:
            found.add(("TAX_MISMATCH", None))
    if subtotal + tax != total:
        found.add(("TOTAL_MISMATCH", None))
    issued, start, end = (
        date.fromisoformat(record[k]) for k in ("invoice_date", "period_start", "period_end")
    )
    due = date.fromisoformat(record["due_date"]) if record["due_date"] else issued
    if due < issued or end < start:
        found.add(("DATE_ORDER", None))
    if reverse_charge(record):
        found.add(("REVERSE_CHARGE", None))
    return found


def agreement_invoice_pairs(record: dict[str, Any]) -> set[tuple[str, int | None]]:
    """Family C: Charges − Credits (returns and Azure credits) = Subtotal = the rows'
    Charges/Credits − Azure Credit; the summary tax and the rows' tax within a cent per row
    of the rate applied to the subtotal."""
    found: set[tuple[str, int | None]] = set()
    lines = record["lines"]
    subtotal, tax = Decimal(record["subtotal"]), Decimal(record["tax"])
    charges, credits = Decimal(record["charges"]), Decimal(record["credits"])
    row_charges = sum((Decimal(line["charges"]) for line in lines), Decimal(0))
    row_azure = sum((Decimal(line["credits"] or 0) for line in lines), Decimal(0))
    if charges - credits != subtotal or row_charges - row_azure != subtotal:
        found.add(("SUBTOTAL_MISMATCH", None))
    rates = {Decimal(line["tax_rate"]) for line in lines}
    expected = sum(
        (
            r2(
                sum(Decimal(x["amount"]) for x in lines if Decimal(x["tax_rate"]) == rate)
                * rate
                / 100
            )
            for rate in rates
        ),
        Decimal(0),
    )
    row_tax = sum((Decimal(line["tax"]) for line in lines), Decimal(0))
    tolerance = max(CENT, CENT * len(lines))
    if abs(tax - expected) > tolerance or abs(row_tax - expected) > tolerance:
        found.add(("TAX_MISMATCH", None))
    return found


def reverse_charge(record: dict[str, Any]) -> bool:
    supplier, customer = record["supplier"]["vat_number"], record["customer"]["vat_number"]
    if Decimal(record["tax"]) != 0 or any(Decimal(line["tax"] or 0) for line in record["lines"]):
        return False
    return (
        bool(supplier and customer)
        and supplier[:2] in EU
        and customer[:2] in EU
        and (supplier[:2] != customer[:2])
    )


def portal_tax_fits_a_known_rate(record: dict[str, Any]) -> bool:
    subtotal, tax = Decimal(record["subtotal"]), Decimal(record["tax"])
    quantity = sum(Decimal(line["quantity"]) for line in record["lines"])
    tolerance = max(CENT, CENT * quantity)
    return any(abs(tax - r2(subtotal * rate / 100)) <= tolerance for rate in KNOWN_RATES)


def both_day_orders_fit(record: dict[str, Any]) -> bool:
    keys = ("period_start", "period_end", "invoice_date", "due_date")
    days = [date.fromisoformat(record[k]) for k in keys if record[k] is not None]
    charge_dates = [
        (date.fromisoformat(line["period_start"]), date.fromisoformat(line["period_end"]))
        for line in record["lines"]
        if record["family"] == "customer-agreement"
    ]
    if any(d.day > 12 for d in days + [d for pair in charge_dates for d in pair]):
        return False

    def swap(d: date) -> date:
        return date(d.year, d.day, d.month)

    swapped = [swap(d) for d in days]
    return (
        all(a <= b for a, b in pairwise(days))
        and all(a <= b for a, b in pairwise(swapped))
        and all(a <= b and swap(a) <= swap(b) for a, b in charge_dates)
    )


def assert_arithmetic_agrees_with_findings(record: dict[str, Any]) -> None:
    expected = invoice_pairs(record)
    for number, line in enumerate(record["lines"], start=1):
        expected |= line_pairs(number, line, record["family"])
    found = {(f["code"], f.get("line")) for f in record["findings"]}
    portal_tax = record["family"] == "portal-2012" and ("TAX_MISMATCH", None) in found
    assert (
        found - {("AMBIGUOUS_DATE", None)} - ({("TAX_MISMATCH", None)} if portal_tax else set())
        == expected
    )
    if record["family"] == "portal-2012" and not portal_tax:
        assert portal_tax_fits_a_known_rate(record)
    if ("AMBIGUOUS_DATE", None) in found:
        assert record["family"] in ("portal-2012", "customer-agreement")
        assert both_day_orders_fit(record)
    assert record["reverse_charge"] == (("REVERSE_CHARGE", None) in found)
    for finding in record["findings"]:
        assert finding["message"]
        assert finding["severity"] == (
            "info"
            if finding["code"] in ("PRORATED_LINE", "REVERSE_CHARGE")
            else "warning"
            if finding["code"] == "AMBIGUOUS_DATE"
            else "error"
        )


def reportlab_version() -> str:
    import reportlab

    return str(reportlab.Version)


def without_sha256(folder: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        name: record | {"source": record["source"] | {"sha256": None}}
        if "source" in record
        else record
        for name, record in folder.items()
    }


def test_regenerating_the_samples_writes_the_same_records(regenerated: Path) -> None:
    """Equal up to the PDF hash, which the byte-identity test checks under the same reportlab."""
    assert without_sha256(records(regenerated)) == without_sha256(COMMITTED)


def test_regenerating_the_samples_writes_byte_identical_files(regenerated: Path) -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    if f"reportlab {reportlab_version()}" not in readme:
        pytest.skip("the samples were rendered with another reportlab version")
    committed, fresh = generated_files(SAMPLES), generated_files(regenerated)
    assert sorted(committed) == sorted(fresh)
    changed = [name for name in committed if committed[name] != fresh[name]]
    assert changed == []


def test_each_record_names_the_sha256_and_page_count_of_the_pdf_beside_it() -> None:
    for name, record in INVOICES.items():
        pdf = (SAMPLES / f"{name}.pdf").read_bytes()
        assert record["source"]["file"] == f"{name}.pdf"
        assert record["source"]["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert record["source"]["pages"] == len(re.findall(rb"/Type /Page\b(?!s)", pdf))


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/spec is not beside the project")
def test_every_sample_record_is_valid_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for record in INVOICES.values():
        jsonschema.validate(record, schema)


@pytest.mark.parametrize("name", sorted(INVOICES))
def test_sample_arithmetic_agrees_with_its_expected_findings(name: str) -> None:
    assert_arithmetic_agrees_with_findings(INVOICES[name])


def test_bad_inputs_expect_one_error_and_are_what_their_name_says() -> None:
    errors = {name: r["error"] for name, r in COMMITTED.items() if "error" in r}
    assert set(errors.values()) == FILE_ERRORS
    for record in COMMITTED.values():
        if "error" in record:
            assert record == {"error": record["error"]}
    assert (SAMPLES / "bad-empty.pdf").read_bytes() == b""
    truncated = (SAMPLES / "bad-truncated.pdf").read_bytes()
    assert truncated.startswith(b"%PDF-") and b"%%EOF" not in truncated
    assert (SAMPLES / "bad-png-renamed.pdf").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"/Encrypt" in (SAMPLES / "bad-encrypted.pdf").read_bytes()


def test_the_samples_cover_both_families_every_language_and_every_check() -> None:
    seen = {(r["family"], r["language"]) for r in INVOICES.values()}
    for family in ("portal-2012", "online-services"):
        assert {lang for fam, lang in seen if fam == family} == {"nl", "en", "fr", "de"}
    codes = {f["code"] for r in INVOICES.values() for f in r["findings"]}
    assert codes == {
        "LINE_AMOUNT_MISMATCH",
        "PRORATED_LINE",
        "SUBTOTAL_MISMATCH",
        "TAX_MISMATCH",
        "TOTAL_MISMATCH",
        "DATE_ORDER",
        "AMBIGUOUS_DATE",
        "REVERSE_CHARGE",
    }
    pages = {r["source"]["pages"] for r in INVOICES.values()}
    assert {1, 2, 3, 4} <= pages
    assert len(INVOICES) >= 28


def test_a_corpus_is_the_same_for_the_same_seed_and_adds_up(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run_generator(first, "--corpus", "14", "--seed", "7")
    run_generator(second, "--corpus", "14", "--seed", "7")
    assert generated_files(first) == generated_files(second)
    corpus = records(first)
    assert len(corpus) == 14
    for record in corpus.values():
        assert_arithmetic_agrees_with_findings(record)


def corpus_record(seed: int, index: int) -> dict[str, Any]:
    """A corpus invoice's record built in-process (no PDF: source fields are placeholders)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    corpus = importlib.import_module("samples.corpus")
    record_module = importlib.import_module("samples.record")
    invoice = corpus.random_invoice(seed, index)
    record: dict[str, Any] = record_module.invoice_record(invoice, "x.pdf", b"", 1)
    return record


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.integers(0, 9999))
def test_any_corpus_invoice_has_arithmetic_that_agrees_with_its_findings(
    seed: int, index: int
) -> None:
    assert_arithmetic_agrees_with_findings(corpus_record(seed, index))


# ---------------------------------------------------------------- family C (customer-agreement)

AGREEMENT_RECORDS = {
    name: record for name, record in INVOICES.items() if record["family"] == "customer-agreement"
}


def agreement_models() -> dict[str, Any]:
    from samples.agreement_catalog import AGREEMENT_SAMPLES

    return {sample.invoice.head.name: sample.invoice for sample in (m() for m in AGREEMENT_SAMPLES)}


def test_family_c_rows_follow_the_spec_arithmetic_and_record_mapping() -> None:
    """Row Total = Charges/Credits − Azure Credit + Tax amount; |Charges/Credits| = Qty × Unit
    price, or that prorated by the charge dates over a month or a year; `amount` is the net of
    Azure Credit, `credits` the Azure Credit (null without the column), nothing else printed."""
    assert AGREEMENT_RECORDS
    for name, record in AGREEMENT_RECORDS.items():
        for line in record["lines"]:
            charges, amount = Decimal(line["charges"]), Decimal(line["amount"])
            azure = Decimal(line["credits"] or 0)
            tax, rate = Decimal(line["tax"]), Decimal(line["tax_rate"])
            assert amount == charges - azure, name
            assert Decimal(line["total"]) == charges - azure + tax, name
            assert tax == r2(amount * rate / 100), name
            start, end = (date.fromisoformat(line[k]) for k in ("period_start", "period_end"))
            days = (end - start).days + 1
            assert line["days"] == days, name
            quantity, price = Decimal(line["quantity"]), Decimal(line["unit_price"])
            assert quantity > 0 and price > 0, name
            allowed = {r2(quantity * price)} | {
                r2(quantity * price * days / term_length(start, months)) for months in (1, 12)
            }
            assert abs(charges) in allowed, name
            for key in ("subscription_id", "charge_type", "price_basis", "discounts"):
                assert line[key] is None, (name, key)


def test_family_c_billing_summaries_add_up() -> None:
    """Charges − Credits (returns + Azure credits applied) = Subtotal = the rows' net;
    Subtotal + Tax = Total; the tax within a cent per row of the rate on the subtotal."""
    for name, record in AGREEMENT_RECORDS.items():
        lines = record["lines"]
        charges, credits = Decimal(record["charges"]), Decimal(record["credits"])
        subtotal, tax = Decimal(record["subtotal"]), Decimal(record["tax"])
        assert charges - credits == subtotal, name
        assert sum((Decimal(line["amount"]) for line in lines), Decimal(0)) == subtotal, name
        assert subtotal + tax == Decimal(record["total"]), name
        (rate,) = {Decimal(line["tax_rate"]) for line in lines}
        assert abs(tax - r2(subtotal * rate / 100)) <= CENT * len(lines), name
        assert record["order_number"] is None and record["discounts"] is None, name
        assert {"payment_terms", "original_invoice"} <= set(record), name
        assert re.fullmatch(r"G[0-9]{9}", record["invoice_number"]), name


def test_family_c_sections_add_up_to_the_billing_summary_in_the_model() -> None:
    from samples.build import section_figures

    for name, invoice in agreement_models().items():
        assert invoice.agreement is not None and invoice.charges is not None
        assert invoice.credits is not None
        figures = [section_figures(invoice, s) for s in invoice.agreement.sections]
        assert sum((f[0] for f in figures), Decimal(0)) == invoice.charges - invoice.credits, name
        assert sum((f[1] for f in figures), Decimal(0)) == invoice.azure_credits, name
        assert sum((f[3] for f in figures), Decimal(0)) == invoice.total, name
        for charges, azure, tax, total in figures:
            assert total == charges - azure + tax, name
        summary = invoice.charges - invoice.credits - invoice.azure_credits
        assert summary == invoice.subtotal, name


def test_family_c_samples_hold_the_values_worked_out_by_hand() -> None:
    lines = AGREEMENT_RECORDS["c-en-be-rc-two-sections"]["lines"]
    # 3 seats × 11.70 for 14–31 May of a 31-day term: 35.10 × 18 / 31 = 20.3806…
    assert (lines[0]["charges"], lines[0]["days"], lines[0]["total"]) == ("20.38", 18, "20.38")
    azure = AGREEMENT_RECORDS["c-fr-be-domestic-azure"]
    # 744 h × 0.0912 = 67.8528 → 67.85, less 50.00 Azure credit, 21 % of 17.85 = 3.7485 → 3.75
    assert {k: azure["lines"][0][k] for k in ("charges", "credits", "amount", "tax", "total")} == {
        "charges": "67.85",
        "credits": "50.00",
        "amount": "17.85",
        "tax": "3.75",
        "total": "21.60",
    }
    assert (azure["charges"], azure["credits"], azure["subtotal"]) == ("309.68", "62.50", "247.18")
    domestic = AGREEMENT_RECORDS["c-nl-nl-domestic-vat"]
    # the local distributor's BTW is 21 % of the subtotal once; the rows' BTW are a cent less
    assert (domestic["subtotal"], domestic["tax"]) == ("53.47", "11.23")
    assert sum(Decimal(line["tax"]) for line in domestic["lines"]) == Decimal("11.22")


def test_family_c_credit_notes_are_negative_with_positive_quantities_and_prices() -> None:
    notes = {n: r for n, r in AGREEMENT_RECORDS.items() if r["document_type"] == "credit_note"}
    assert len(notes) >= 4
    for name, record in notes.items():
        assert Decimal(record["charges"]) < 0 and Decimal(record["total"]) < 0, name
        assert Decimal(record["tax"]) <= 0 and record["credits"] == "0.00", name
        for line in record["lines"]:
            assert Decimal(line["charges"]) < 0 and Decimal(line["total"]) < 0, name
            assert Decimal(line["quantity"]) > 0 and Decimal(line["unit_price"]) > 0, name
        original = record["original_invoice"]
        assert original is None or re.fullmatch(r"G[0-9]{9}", original), name
        assert record["payment_terms"] is None
    assert any(r["original_invoice"] is None for r in notes.values())
    invoices = [r for r in AGREEMENT_RECORDS.values() if r["document_type"] == "invoice"]
    assert all(r["original_invoice"] is None and r["payment_terms"] for r in invoices)


def test_family_c_samples_cover_the_cases_issue_11_asks_for() -> None:
    records, models = AGREEMENT_RECORDS, agreement_models()
    assert len(records) >= 12
    assert {r["language"] for r in records.values()} == {"en", "nl", "fr", "de"}
    for language in ("en", "nl", "fr", "de"):
        assert {r["document_type"] for r in records.values() if r["language"] == language} == {
            "invoice",
            "credit_note",
        }
    sections = {len(m.agreement.sections) for m in models.values() if m.agreement}
    assert {1, 2, 3} <= sections
    assert max(r["source"]["pages"] for r in records.values()) >= 4
    codes = {f["code"] for r in records.values() for f in r["findings"]}
    assert {"PRORATED_LINE", "REVERSE_CHARGE"} <= codes
    assert any(
        r["lines"][0]["credits"] is not None and r["credits"] != "0.00" for r in records.values()
    )
    domestic = [
        r
        for r in records.values()
        if r["supplier"]["vat_number"]
        and r["customer"]["vat_number"]
        and r["supplier"]["vat_number"][:2] == r["customer"]["vat_number"][:2]
        and Decimal(r["tax"]) != 0
    ]
    assert {r["customer"]["vat_number"][:2] for r in domestic} == {"BE", "NL"}
    assert not any(r["reverse_charge"] for r in domestic)
    us = [r for r in records.values() if r["currency"] == "USD"]
    assert us and all(r["supplier"]["vat_number"] is None and Decimal(r["tax"]) for r in us)
    orders = {(m.style.dates.order, m.style.dates.sep) for m in models.values()}
    assert {("mdy", "-"), ("mdy", "/"), ("dmy", "/"), ("dmy", "-")} <= orders
    english_abroad = [
        m for m in models.values() if m.head.language == "en" and m.head.country not in ("US",)
    ]
    assert english_abroad
    assert any(r["due_date"] for r in records.values())
    assert any(r["due_date"] is None for r in records.values())


def be_valid(vat: str) -> bool:
    return vat[:2] == "BE" and 97 - int(vat[2:10]) % 97 == int(vat[10:])


def nl_valid(vat: str) -> bool:
    digits = [int(c) for c in vat[2:11]]
    return (
        vat[11:] == "B01" and sum(d * (9 - i) for i, d in enumerate(digits[:8])) % 11 == digits[8]
    )


def test_the_invented_local_microsoft_entities_have_valid_vat_numbers() -> None:
    from samples.parties import LOCAL_ENTITIES

    assert be_valid(LOCAL_ENTITIES["BE"].vat_number or "")
    assert nl_valid(LOCAL_ENTITIES["NL"].vat_number or "")
    assert not be_valid("BE0749301542")


def test_family_c_pdfs_print_the_numbers_their_records_name() -> None:
    """Read with pdfplumber alone (not the parser): the document number, the corrected invoice
    and both VAT numbers (spaces and dots aside) are printed."""
    import pdfplumber

    for name, record in AGREEMENT_RECORDS.items():
        with pdfplumber.open(SAMPLES / f"{name}.pdf") as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        squeezed = re.sub(r"[ .\u00a0]", "", text)
        assert record["invoice_number"] in text, name
        if record["original_invoice"]:
            assert record["original_invoice"] in text, name
        for party in ("supplier", "customer"):
            vat = record[party]["vat_number"]
            if vat:
                assert vat in squeezed, (name, party)


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/spec is not beside the project")
def test_every_family_c_engine_record_is_valid_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    engines = SAMPLES / "engines"
    paths = sorted(engines.glob("chrome-c-*.json")) + sorted(
        engines.glob("weasyprint/weasy-c-*.json")
    )
    assert len(paths) >= 19
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["family"] == "customer-agreement", path.name
        jsonschema.validate(record, schema)
        assert_arithmetic_agrees_with_findings(record)
