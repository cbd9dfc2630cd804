"""A Customer Agreement invoice and its credit note through `run_export`: each its own
balanced entry, the credit note reversing the invoice's amounts to the cent and linked to it,
never a duplicate of it, and neither booked again by a second run."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from test_export import T1, T2, csv_rows, export, put, settings

from pipeline.export import ExportOptions, run_export
from pipeline.ledger import journal_rows
from pipeline.model import Finding, Invoice, Line, Party, Source

D = Decimal
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def agreement_line(product: str, quantity: str, price: str, sign: int = 1) -> Line:
    charges = sign * D(quantity) * D(price)
    return Line(
        product=product,
        period_start=date(2025, 9, 1),
        period_end=date(2025, 9, 30),
        days=30,
        quantity=D(quantity),
        unit_price=D(price),
        charges=charges,
        amount=charges,
        tax_rate=D("0"),
        tax=D("0.00"),
        total=charges,
        page=2,
    )


def agreement(sign: int, number: str, **changes: object) -> Invoice:
    """A reverse-charge Customer Agreement invoice (sign 1) or a credit note of it (sign −1)."""
    lines = (
        agreement_line("Microsoft 365 Business Premium", "5", "20.60", sign),
        agreement_line("Exchange Online (Plan 1)", "4", "3.70", sign),
    )
    total = sum((line.amount or D(0) for line in lines), D("0.00"))
    made = Invoice(
        source=Source("unset.pdf", "0" * 64, 3),
        family="customer-agreement",
        language="en",
        document_type="invoice" if sign > 0 else "credit_note",
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        customer=Party("Adviesgroep De Vries B.V.", "NL836827430B01"),
        invoice_number=number,
        invoice_date=date(2025, 10, 2),
        period_start=date(2025, 9, 1),
        period_end=date(2025, 9, 30),
        currency="EUR",
        lines=lines,
        charges=total,
        credits=D("0.00"),
        subtotal=total,
        tax=D("0.00"),
        total=total,
        reverse_charge=True,
        findings=(Finding.of("REVERSE_CHARGE", "0% VAT: reverse charge"),),
        payment_terms="Net 30 days" if sign > 0 else None,
        payment_days=30 if sign > 0 else None,
    )
    return replace(made, **changes)


INVOICE = agreement(1, "G886085392")
CREDIT_NOTE = agreement(-1, "G803184217", original_invoice="G886085392")


def postings_by_entry(out: Path) -> dict[str, list[tuple[str, Decimal, Decimal]]]:
    entries: dict[str, list[tuple[str, Decimal, Decimal]]] = {}
    for row in csv_rows(out / "postings-20250201-093000.csv"):
        debit, credit = (D(row[k].replace(",", ".")) for k in ("debit", "credit"))
        entries.setdefault(row["entry_id"], []).append((row["account"], debit, credit))
    return entries


def test_an_invoice_and_its_credit_note_are_two_entries_the_second_reversing_the_first(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "Invoice.pdf", INVOICE)
    put(inbox, "Credit note.pdf", CREDIT_NOTE)
    report = export(tmp_path)
    assert sorted((f.name, f.outcome) for f in report.files) == [
        ("Credit note.pdf", "exported"),
        ("Invoice.pdf", "exported"),
    ]
    entries = postings_by_entry(tmp_path / "out")
    assert set(entries) == {"IE8256796U-G886085392", "IE8256796U-G803184217-CN"}
    for postings in entries.values():
        assert sum(d for _, d, _ in postings) == sum(c for _, _, c in postings)
    # 5 × 20.60 + 4 × 3.70 = 117.80; 21 % self-assessed: 21.63 + 3.11 = 24.74
    assert entries["IE8256796U-G886085392"] == [
        ("613310", D("103.00"), D("0.00")),
        ("613310", D("14.80"), D("0.00")),
        ("411000", D("24.74"), D("0.00")),
        ("451000", D("0.00"), D("24.74")),
        ("440000", D("0.00"), D("117.80")),
    ]
    # the credit note: expense and deductible VAT credited, VAT due debited, supplier debited
    assert entries["IE8256796U-G803184217-CN"] == [
        ("613310", D("0.00"), D("103.00")),
        ("613310", D("0.00"), D("14.80")),
        ("411000", D("0.00"), D("24.74")),
        ("451000", D("24.74"), D("0.00")),
        ("440000", D("117.80"), D("0.00")),
    ]
    journal = csv_rows(tmp_path / "out" / "journal-20250201-093000.csv")
    assert [
        (r["entry_id"], r["net_amount"], r["self_assessed_vat"], r["gross_total"],
         r["due_date"], r["document_type"], r["original_invoice"])
        for r in journal
    ] == [
        ("IE8256796U-G803184217-CN", "-103,00", "-21,63", "-117,80", "", "credit_note",
         "G886085392"),
        ("IE8256796U-G803184217-CN", "-14,80", "-3,11", "-117,80", "", "credit_note",
         "G886085392"),
        ("IE8256796U-G886085392", "103,00", "21,63", "117,80", "2025-11-01", "invoice", ""),
        ("IE8256796U-G886085392", "14,80", "3,11", "117,80", "2025-11-01", "invoice", ""),
    ]  # fmt: skip
    second = export(tmp_path, clock=T2)
    assert [f.outcome for f in second.files] == ["already_exported", "already_exported"]
    assert not list((tmp_path / "out").glob("journal-20250203-*.csv"))


def test_a_credit_note_printing_its_invoice_number_is_not_a_duplicate_of_it(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    put(inbox, "Invoice.pdf", INVOICE)
    put(inbox, "Credit note.pdf", replace(CREDIT_NOTE, invoice_number="G886085392"))
    report = export(tmp_path)
    assert [f.outcome for f in report.files] == ["exported", "exported"]
    assert all(f.invoice is not None and f.invoice.status == "ok" for f in report.files)


def test_the_ledger_due_date_follows_net_terms_and_the_record_keeps_none() -> None:
    from pipeline.config import Settings

    rows = journal_rows(INVOICE, Settings())
    assert INVOICE.due_date is None
    assert {row.due_date for row in rows} == {date(2025, 11, 1)}
    printed = replace(INVOICE, due_date=date(2025, 10, 20))
    assert {row.due_date for row in journal_rows(printed, Settings())} == {date(2025, 10, 20)}


@pytest.mark.parametrize(
    ("sample", "entry", "postings"),
    [
        (
            "c-en-nl-credit-note-rc",
            "IE8256796U-G803184217-CN",
            [
                ("613310", D("0.00"), D("96.13")),
                ("613310", D("0.00"), D("56.20")),
                ("411000", D("0.00"), D("31.99")),
                ("451000", D("31.99"), D("0.00")),
                ("440000", D("152.33"), D("0.00")),
            ],
        ),
        (
            "c-nl-be-credit-note-domestic",
            "BE0749301541-G703219831-CN",
            [
                ("613310", D("0.00"), D("561.60")),
                ("613310", D("0.00"), D("12.19")),
                ("411000", D("0.00"), D("120.50")),
                ("440000", D("694.29"), D("0.00")),
            ],
        ),
        (
            # its deferral reversed too: 561.60 × 321/365 + 12.19 × 13/27 after the year end
            "c-nl-be-credit-note-domestic",
            "BE0749301541-G703219831-CN-DEF",
            [
                ("490000", D("0.00"), D("499.77")),
                ("613310", D("493.90"), D("0.00")),
                ("613310", D("5.87"), D("0.00")),
            ],
        ),
        (
            # rows rounded one by one: 2.37 + 8.23 + 0.62 = 11.22, the 11.23 due is booked
            "c-nl-nl-domestic-vat",
            "NL852047319B01-G243591311",
            [
                ("613310", D("11.30"), D("0.00")),
                ("613310", D("39.20"), D("0.00")),
                ("613310", D("2.97"), D("0.00")),
                ("411000", D("11.23"), D("0.00")),
                ("440000", D("0.00"), D("64.70")),
            ],
        ),
    ],
)
def test_a_customer_agreement_pdf_is_booked_to_the_cent(
    tmp_path: Path, sample: str, entry: str, postings: list[tuple[str, Decimal, Decimal]]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(SAMPLES / f"{sample}.pdf", inbox / f"{sample}.pdf")
    options = ExportOptions(inbox, tmp_path / "out")
    first = run_export(options, settings(tmp_path), clock=lambda: T1)
    assert [f.outcome for f in first.files] == ["exported"]
    entries = postings_by_entry(tmp_path / "out")
    assert entries[entry] == postings
    for booked in entries.values():
        assert sum(d for _, d, _ in booked) == sum(c for _, _, c in booked)
    second = run_export(options, settings(tmp_path), clock=lambda: T2)
    assert [f.outcome for f in second.files] == ["already_exported"]
