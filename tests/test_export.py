"""One batch end to end: skipping, duplicates, errors, re-export, dry run, worker failures.

Most tests use `json_reader`, which reads an invoice record written as JSON into a file named
*.pdf, so batches of exact, distinct invoices need no PDF parser. The last tests run the real
reader on the generated samples in samples/*.pdf and skip while there are none.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline import writers
from pipeline.booking import book
from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.discovery import pdf_files
from pipeline.errors import RegisterBusy
from pipeline.export import (
    BatchReport,
    ExportError,
    ExportOptions,
    invoice_from_seen,
    run_export,
    seen_json,
)
from pipeline.model import Finding, Invoice, Line, Party, Source
from pipeline.record import invoice_from_record, invoice_record
from pipeline.register import open_register, read_register
from pipeline.report import summary_lines

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))
T1 = datetime(2025, 2, 1, 9, 30, 0)
T2 = datetime(2025, 2, 3, 17, 5, 9)
T3 = datetime(2025, 2, 4, 8, 0, 0)


# ---------------------------------------------------------------- fake invoices


def invoice(
    number: int, *, product: str = "Microsoft 365 Business Basic", **changes: Any
) -> Invoice:
    """A bookable reverse-charge invoice: `number` licences × 54.00 a year."""
    amount = D(number) * D("54.00")
    made = Invoice(
        source=Source("unset.pdf", "0" * 64, 2),
        family="online-services",
        language="en",
        document_type="invoice",
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        customer=Party("Brouwerij De Klok BV", "BE0123456749"),
        invoice_number=f"E0{number:08d}",
        invoice_date=date(2025, 1, 15),
        due_date=date(2025, 2, 14),
        period_start=date(2025, 1, 15),
        period_end=date(2025, 1, 15),
        currency="EUR",
        lines=(
            Line(
                product=product,
                period_start=date(2025, 1, 15),
                period_end=date(2026, 1, 14),
                days=365,
                quantity=D(number),
                unit_price=D("54.00"),
                price_basis="year",
                charges=amount,
                amount=amount,
                tax_rate=D("0"),
                tax=D("0.00"),
                total=amount,
                page=2,
            ),
        ),
        charges=amount,
        subtotal=amount,
        tax=D("0.00"),
        total=amount,
        reverse_charge=True,
        findings=(Finding.of("REVERSE_CHARGE", "0% VAT: reverse charge"),),
    )
    return replace(made, **changes)


def put(inbox: Path, name: str, inv: Invoice | None = None, **behaviour: Any) -> Path:
    """Write a fake PDF: the invoice's JSON record, and what the reader should do."""
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = dict(behaviour)
    if inv is not None:
        data["record"] = invoice_record(inv)
    path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    return path


def json_reader(path: Path, name: str) -> Invoice:
    """The reader the tests give the export (importable, so worker processes can run it)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("sleep"):
        time.sleep(data["sleep"])
    if data.get("crash"):
        os._exit(70)
    if data.get("raise"):
        raise ValueError(data["raise"])
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return replace(invoice_from_record(data["record"]), source=Source(name, sha, 2))


#: The limits part of the version the register remembers a file for, with the default limits.
LIMITS = Settings().read_limits().key()


def settings(tmp_path: Path, **changes: Any) -> Settings:
    return replace(Settings(register_path=tmp_path / "reg" / "register.sqlite", jobs=1), **changes)


def export(
    tmp_path: Path,
    *,
    again: bool = False,
    dry_run: bool = False,
    clock: datetime = T1,
    formats: frozenset[str] = frozenset({"xlsx", "csv"}),
    **changes: Any,
) -> BatchReport:
    options = ExportOptions(
        tmp_path / "inbox", tmp_path / "out", formats=formats, again=again, dry_run=dry_run
    )
    return run_export(
        options, settings(tmp_path, **changes), reader=json_reader, clock=lambda: clock
    )


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of an excel-nl CSV as a spreadsheet shows them: `="82,59"` is the text 82,59."""
    text = path.read_bytes().decode("utf-8-sig")
    return [
        {key: shown(value) for key, value in row.items()}
        for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    ]


def shown(value: str) -> str:
    return value[2:-1] if value.startswith('="') and value.endswith('"') else value


def journal_entries(out: Path) -> list[str]:
    """entry_id of every journal row of every journal CSV in `out`."""
    return [row["entry_id"] for p in sorted(out.glob("journal-*.csv")) for row in csv_rows(p)]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


# ---------------------------------------------------------------- a first and a second run


def test_a_first_run_exports_every_invoice_and_records_it(tmp_path: Path, inbox: Path) -> None:
    for n in (1, 2, 3):
        put(inbox, f"Invoice {n}.pdf", invoice(n))
    report = export(tmp_path)
    assert report.batch_id == "20250201-093000"
    assert [(f.name, f.outcome) for f in report.files] == [
        ("Invoice 1.pdf", "exported"),
        ("Invoice 2.pdf", "exported"),
        ("Invoice 3.pdf", "exported"),
    ]
    assert report.exit_status == 0
    assert report.totals == (("EUR", D("324.00")),)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "checks-20250201-093000.csv",
        "invoices-20250201-093000.xlsx",
        "journal-20250201-093000.csv",
        "postings-20250201-093000.csv",
    ]
    rows = csv_rows(out / "journal-20250201-093000.csv")
    assert [
        (r["entry_id"], r["net_amount"], r["self_assessed_vat"], r["status"]) for r in rows
    ] == [
        ("IE8256796U-E000000001", "54,00", "11,34", "ok"),
        ("IE8256796U-E000000002", "108,00", "22,68", "ok"),
        ("IE8256796U-E000000003", "162,00", "34,02", "ok"),
    ]
    with read_register(tmp_path / "reg" / "register.sqlite") as register:
        earlier = register.exported_entry("IE8256796U-E000000002")
        assert earlier is not None
        assert (earlier.source_file, earlier.batch_id) == ("Invoice 2.pdf", "20250201-093000")
        assert earlier.sha256 == hashlib.sha256((inbox / "Invoice 2.pdf").read_bytes()).hexdigest()


def test_the_postings_of_each_entry_balance_in_the_postings_csv(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice.pdf", invoice(5))
    export(tmp_path)
    rows = csv_rows(tmp_path / "out" / "postings-20250201-093000.csv")
    assert [(r["entry_id"], r["account"], r["debit"], r["credit"]) for r in rows] == [
        ("IE8256796U-E000000005", "613310", "270,00", "0,00"),
        ("IE8256796U-E000000005", "411000", "56,70", "0,00"),
        ("IE8256796U-E000000005", "451000", "0,00", "56,70"),
        ("IE8256796U-E000000005", "440000", "0,00", "270,00"),
        ("IE8256796U-E000000005-DEF", "490000", "10,36", "0,00"),
        ("IE8256796U-E000000005-DEF", "613310", "0,00", "10,36"),
        ("IE8256796U-E000000005-REV", "490000", "0,00", "10,36"),
        ("IE8256796U-E000000005-REV", "613310", "10,36", "0,00"),
    ]


def test_a_second_run_exports_nothing_and_says_so(tmp_path: Path, inbox: Path) -> None:
    for n in (1, 2):
        put(inbox, f"Invoice {n}.pdf", invoice(n))
    export(tmp_path, clock=T1)
    report = export(tmp_path, clock=T2)
    assert [f.outcome for f in report.files] == ["already_exported", "already_exported"]
    assert report.files_read == 0
    assert report.exit_status == 0
    lines = summary_lines(report)
    assert lines[:6] == [
        "Run 20250203-170509: 2 PDF files found — nothing new since the last batch, no file"
        " written",
        "  files read:              0",
        "  invoices exported:       0 — nothing new to export",
        "  already exported:        2 (skipped)",
        "  duplicates:              0 (not exported again)",
        "  needing attention:       0",
    ]
    assert not list((tmp_path / "out").glob("*-20250203-170509.*"))
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000001", "IE8256796U-E000000002"]


def test_a_file_already_exported_is_skipped_without_being_read(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    export(tmp_path, clock=T1)
    put(inbox, "Invoice.pdf", invoice(1))  # the same bytes again
    calls: list[str] = []
    counting_export(tmp_path, calls)
    assert calls == []


# ---------------------------------------------------------------- again, dry run


def test_again_reproduces_the_same_files_byte_for_byte(tmp_path: Path, inbox: Path) -> None:
    for n in (3, 1, 2):
        put(inbox, f"2025/Invoice {n}.pdf", invoice(n))
    put(inbox, "Broken.pdf", invoice(9, findings=(Finding.of("TOTAL_MISMATCH", "off by 1"),)))
    first = export(tmp_path, clock=T1)
    again = export(tmp_path, again=True, clock=T2)
    assert [f.outcome for f in again.files] == [f.outcome for f in first.files]
    out = tmp_path / "out"
    for kind in ("journal", "postings", "checks"):
        one = (out / f"{kind}-20250201-093000.csv").read_bytes()
        two = (out / f"{kind}-20250203-170509.csv").read_bytes()
        assert one == two, kind
    with (
        zipfile.ZipFile(out / "invoices-20250201-093000.xlsx") as a,
        zipfile.ZipFile(out / "invoices-20250203-170509.xlsx") as b,
    ):
        assert a.namelist() == b.namelist()
        differing = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert differing == ["docProps/core.xml"]


def test_again_at_the_same_batch_time_gives_an_identical_workbook(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice.pdf", invoice(4))
    export(tmp_path, clock=T1)
    report = export(tmp_path, again=True, clock=T1)
    assert report.batch_id == "20250201-093000-2"
    out = tmp_path / "out"
    assert (out / "invoices-20250201-093000.xlsx").read_bytes() == (
        out / "invoices-20250201-093000-2.xlsx"
    ).read_bytes()


def test_again_records_the_second_export_and_keeps_the_first(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(4))
    export(tmp_path, clock=T1)
    export(tmp_path, again=True, clock=T2)
    with read_register(tmp_path / "reg" / "register.sqlite") as register:
        first = register.exported_entry("IE8256796U-E000000004")
        assert first is not None and first.batch_id == "20250201-093000"
        assert register.exported_entry_ids("20250203-170509") == ("IE8256796U-E000000004",)


def test_a_dry_run_writes_nothing_and_records_nothing(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    report = export(tmp_path, dry_run=True)
    assert [f.outcome for f in report.files] == ["exported"]
    assert report.outputs == ()
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "reg").exists()
    assert summary_lines(report)[0] == (
        "Dry run 20250201-093000: 1 PDF files found (nothing written or recorded)"
    )


def test_a_dry_run_after_an_export_sees_what_was_exported(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    export(tmp_path, clock=T1)
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    report = export(tmp_path, dry_run=True, clock=T2)
    assert [f.outcome for f in report.files] == ["already_exported"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before


# ---------------------------------------------------------------- files read before, not exported

BAD_MESSAGE = "lines 108.00 ≠ total 109.00"


def counting_export(
    tmp_path: Path, calls: list[str], *, clock: datetime = T2, **options: Any
) -> BatchReport:
    """An export whose reader notes the name of every file it reads (in a file: the reader
    runs in worker processes)."""
    log = tmp_path / "reads.log"
    log.unlink(missing_ok=True)
    version = options.pop("reader_version", "0.1.0")
    chosen = ExportOptions(tmp_path / "inbox", tmp_path / "out", **options)
    report = run_export(
        chosen,
        settings(tmp_path),
        reader=functools.partial(logging_reader, log),
        clock=lambda: clock,
        reader_version=version,
    )
    calls.extend(log.read_text(encoding="utf-8").splitlines() if log.exists() else [])
    return report


def logging_reader(log: Path, path: Path, name: str) -> Invoice:
    """`json_reader`, noting `name` on a line of `log`."""
    with log.open("a", encoding="utf-8") as handle:
        handle.write(name + "\n")
    return json_reader(path, name)


def good_and_bad(inbox: Path) -> None:
    put(inbox, "Good.pdf", invoice(1))
    put(inbox, "Bad.pdf", invoice(2, findings=(Finding.of("TOTAL_MISMATCH", BAD_MESSAGE),)))


def seen_rows(tmp_path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(tmp_path / "reg" / "register.sqlite") as db:
        rows = db.execute("SELECT sha256, version, batch_id FROM seen ORDER BY sha256")
        return [(str(a), str(b), str(c)) for a, b, c in rows]


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_run_takes_a_file_needing_attention_from_the_register_without_reading_it(
    tmp_path: Path, inbox: Path
) -> None:
    good_and_bad(inbox)
    first = counting_export(tmp_path, [], clock=T1)
    assert seen_rows(tmp_path) == [
        (sha_of(inbox / "Bad.pdf"), f"0.1.0;{LIMITS}", "20250201-093000")
    ]
    calls: list[str] = []
    second = counting_export(tmp_path, calls)
    assert calls == []
    assert [(f.name, f.outcome, f.remembered) for f in second.files] == [
        ("Bad.pdf", "attention", True),
        ("Good.pdf", "already_exported", False),
    ]
    assert second.files[0].invoice == first.files[0].invoice
    assert second.exit_status == 1
    checks = csv_rows(tmp_path / "out" / "checks-20250201-093000.csv")
    assert [
        (c["file"], c["invoice_number"], c["code"], c["severity"], c["message"])
        for c in checks
        if c["file"] == "Bad.pdf"
    ] == [("Bad.pdf", "E000000002", "TOTAL_MISMATCH", "error", BAD_MESSAGE)]
    assert not list((tmp_path / "out").glob("*-20250203-170509.*"))
    assert second.outputs == ()
    assert summary_lines(second)[:8] == [
        "Run 20250203-170509: 2 PDF files found — nothing new since the last batch, no file"
        " written",
        "  files read:              0",
        "  known from earlier runs: 1 (not read again)",
        "  invoices exported:       0 — nothing new to export",
        "  already exported:        1 (skipped)",
        "  duplicates:              0 (not exported again)",
        "  needing attention:       1 (1 reported before; `dismiss FILE` once handled)",
        f"  ! Bad.pdf: TOTAL_MISMATCH: {BAD_MESSAGE}",
    ]


def test_a_file_read_by_another_reader_version_is_read_again(tmp_path: Path, inbox: Path) -> None:
    good_and_bad(inbox)
    counting_export(tmp_path, [], clock=T1)
    calls: list[str] = []
    report = counting_export(tmp_path, calls, reader_version="0.2.0")
    assert calls == ["Bad.pdf"]
    assert [(f.name, f.outcome, f.remembered) for f in report.files] == [
        ("Bad.pdf", "attention", False),
        ("Good.pdf", "already_exported", False),
    ]
    assert seen_rows(tmp_path) == [
        (sha_of(inbox / "Bad.pdf"), f"0.2.0;{LIMITS}", "20250203-170509")
    ]


def test_again_reads_a_file_the_register_remembers(tmp_path: Path, inbox: Path) -> None:
    good_and_bad(inbox)
    counting_export(tmp_path, [], clock=T1)
    calls: list[str] = []
    report = counting_export(tmp_path, calls, again=True)
    assert calls == ["Bad.pdf", "Good.pdf"]
    assert [(f.name, f.outcome, f.remembered) for f in report.files] == [
        ("Bad.pdf", "attention", False),
        ("Good.pdf", "exported", False),
    ]


def test_a_dry_run_remembers_nothing(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Good.pdf", invoice(1))
    counting_export(tmp_path, [], clock=T1)
    put(inbox, "Bad.pdf", invoice(2, findings=(Finding.of("TOTAL_MISMATCH", BAD_MESSAGE),)))
    dry = counting_export(tmp_path, [], dry_run=True)
    assert [(f.name, f.outcome) for f in dry.files] == [
        ("Bad.pdf", "attention"),
        ("Good.pdf", "already_exported"),
    ]
    assert seen_rows(tmp_path) == []
    calls: list[str] = []
    counting_export(tmp_path, calls)
    assert calls == ["Bad.pdf"]


def test_a_dry_run_uses_what_the_register_remembers(tmp_path: Path, inbox: Path) -> None:
    good_and_bad(inbox)
    counting_export(tmp_path, [], clock=T1)
    calls: list[str] = []
    dry = counting_export(tmp_path, calls, dry_run=True)
    assert calls == []
    assert [(f.name, f.outcome, f.remembered) for f in dry.files] == [
        ("Bad.pdf", "attention", True),
        ("Good.pdf", "already_exported", False),
    ]


def test_a_duplicate_is_remembered_and_stays_a_duplicate(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(7))
    put(inbox, "Invoice (1).pdf", invoice(7), downloaded="again")
    counting_export(tmp_path, [], clock=T1)
    calls: list[str] = []
    report = counting_export(tmp_path, calls)
    assert calls == []
    assert [(f.name, f.outcome, f.remembered) for f in report.files] == [
        ("Invoice.pdf", "already_exported", False),
        ("Invoice (1).pdf", "duplicate", True),
    ]
    copy = report.files[1].invoice
    assert copy is not None
    assert copy.findings == (
        Finding.of("REVERSE_CHARGE", "0% VAT: reverse charge"),
        Finding(
            "DUPLICATE_INVOICE",
            "warning",
            "invoice E000000007 was exported before in batch 20250201-093000 from Invoice.pdf;"
            " not exported again",
        ),
    )
    assert report.exit_status == 0


def test_a_remembered_file_that_can_now_be_exported_is_exported_and_forgotten(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "A.pdf", invoice(7))
    put(inbox, "B.pdf", invoice(7, due_date=date(2025, 3, 1)))
    first = counting_export(tmp_path, [], clock=T1)
    assert [f.outcome for f in first.files] == ["attention", "attention"]
    sha_b = sha_of(inbox / "B.pdf")
    assert sorted(sha for sha, _, _ in seen_rows(tmp_path)) == sorted(
        [sha_of(inbox / "A.pdf"), sha_b]
    )
    (inbox / "B.pdf").unlink()
    calls: list[str] = []
    report = counting_export(tmp_path, calls)
    assert calls == []
    assert [(f.name, f.outcome, f.remembered) for f in report.files] == [
        ("A.pdf", "exported", True)
    ]
    rows = csv_rows(tmp_path / "out" / "journal-20250203-170509.csv")
    assert [(r["entry_id"], r["net_amount"], r["source_file"]) for r in rows] == [
        ("IE8256796U-E000000007", "378,00", "A.pdf")
    ]
    assert seen_rows(tmp_path) == [(sha_b, f"0.1.0;{LIMITS}", "20250201-093000")]


def test_a_renamed_remembered_file_gets_its_new_name(tmp_path: Path, inbox: Path) -> None:
    finding = Finding.of("NO_TEXT_LAYER", "Scan.pdf: a scan without text")
    put(inbox, "Scan.pdf", Invoice(source=Source("Scan.pdf", "1" * 64, 1), findings=(finding,)))
    counting_export(tmp_path, [], clock=T1)
    (inbox / "Scan.pdf").rename(inbox / "Scan 2025-01.pdf")
    calls: list[str] = []
    report = counting_export(tmp_path, calls)
    assert calls == []
    scan = report.files[0].invoice
    assert scan is not None
    assert (scan.source.file, scan.findings) == (
        "Scan 2025-01.pdf",
        (Finding.of("NO_TEXT_LAYER", "Scan 2025-01.pdf: a scan without text"),),
    )


def test_a_timeout_is_remembered_until_the_limits_change(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Slow.pdf", invoice(1), sleep=60)

    def limited(seconds: float, clock: datetime) -> BatchReport:
        return run_export(
            ExportOptions(tmp_path / "inbox", tmp_path / "out"),
            settings(tmp_path, time_limit=seconds),
            reader=json_reader,
            clock=lambda: clock,
            reader_version="0.1.0",
        )

    limited(0.3, T1)
    limits = replace(Settings(), time_limit=0.3).read_limits().key()
    slow = sha_of(inbox / "Slow.pdf")
    assert seen_rows(tmp_path) == [(slow, f"0.1.0;{limits}", "20250201-093000")]
    again = limited(0.3, T2)
    assert [(f.outcome, f.remembered) for f in again.files] == [("attention", True)]
    raised = limited(0.4, T3)
    assert [(f.outcome, f.remembered) for f in raised.files] == [("attention", False)]


def test_a_reader_exception_is_not_remembered(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Odd.pdf", invoice(1), **{"raise": "unexpected token"})
    export(tmp_path, clock=T1)
    calls: list[str] = []
    counting_export(tmp_path, calls)
    assert calls == ["Odd.pdf"]


def test_the_remembered_invoice_is_the_invoice_read_field_for_field() -> None:
    read = invoice(
        3,
        header_total=D("162.00"),
        tax_rate=D("21"),
        previous_balance=D("-1.5E+1"),
        dates_ambiguous=True,
        findings=(Finding("DATE_ORDER", "error", "Invoice.pdf: period ends first", 1),),
    )
    read = replace(read, source=Source("Invoice.pdf", "2" * 64, 3))
    assert invoice_from_seen(seen_json(read), "Invoice.pdf") == read


# ---------------------------------------------------------------- errors, warnings, duplicates


def test_an_invoice_with_an_error_never_reaches_the_journal(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Good.pdf", invoice(1))
    bad = invoice(2, findings=(Finding.of("TOTAL_MISMATCH", "lines 108.00 ≠ total 109.00"),))
    put(inbox, "Bad.pdf", bad)
    report = export(tmp_path)
    assert [(f.name, f.outcome) for f in report.files] == [
        ("Bad.pdf", "attention"),
        ("Good.pdf", "exported"),
    ]
    assert report.exit_status == 1
    out = tmp_path / "out"
    assert journal_entries(out) == ["IE8256796U-E000000001"]
    postings = csv_rows(out / "postings-20250201-093000.csv")
    assert {r["entry_id"] for r in postings} == {
        "IE8256796U-E000000001",
        "IE8256796U-E000000001-DEF",
        "IE8256796U-E000000001-REV",
    }
    checks = csv_rows(out / "checks-20250201-093000.csv")
    assert [(c["file"], c["code"], c["severity"], c["message"]) for c in checks] == [
        ("Bad.pdf", "TOTAL_MISMATCH", "error", "lines 108.00 ≠ total 109.00"),
        ("Good.pdf", "REVERSE_CHARGE", "info", "0% VAT: reverse charge"),
    ]
    book = openpyxl.load_workbook(out / "invoices-20250201-093000.xlsx")
    assert [r[0] for r in book["Journal"].iter_rows(min_row=2, values_only=True)] == [
        "IE8256796U-E000000001"
    ]
    assert [r[3] for r in book["Checks"].iter_rows(min_row=2, values_only=True)] == [
        "TOTAL_MISMATCH",
        "REVERSE_CHARGE",
    ]
    with read_register(tmp_path / "reg" / "register.sqlite") as register:
        assert register.exported_entry("IE8256796U-E000000002") is None
    assert "  ! Bad.pdf: TOTAL_MISMATCH: lines 108.00 ≠ total 109.00" in summary_lines(report)


def test_a_file_that_is_not_an_invoice_is_listed_in_the_checks(tmp_path: Path, inbox: Path) -> None:
    source = Source("Scan.pdf", "1" * 64, 1)
    put(
        inbox,
        "Scan.pdf",
        Invoice(source=source, findings=(Finding.of("NO_TEXT_LAYER", "a scan"),)),
    )
    report = export(tmp_path)
    assert report.exit_status == 1
    checks = csv_rows(tmp_path / "out" / "checks-20250201-093000.csv")
    assert [(c["file"], c["invoice_number"], c["code"]) for c in checks] == [
        ("Scan.pdf", "", "NO_TEXT_LAYER")
    ]
    assert not list((tmp_path / "out").glob("journal-*"))


def test_an_invoice_with_a_warning_is_exported_and_marked(tmp_path: Path, inbox: Path) -> None:
    findings = (Finding.of("AMBIGUOUS_DATE", "05/04/2025 could be either"),)
    put(inbox, "Invoice.pdf", invoice(1, findings=findings))
    report = export(tmp_path)
    assert report.exit_status == 0
    rows = csv_rows(tmp_path / "out" / "journal-20250201-093000.csv")
    assert [r["status"] for r in rows] == ["warning"]


def test_an_identical_copy_in_the_same_batch_is_a_duplicate_warning(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice (1).pdf", invoice(7))
    put(inbox, "Invoice.pdf", invoice(7))
    report = export(tmp_path)
    assert [(f.name, f.outcome) for f in report.files] == [
        ("Invoice.pdf", "exported"),
        ("Invoice (1).pdf", "duplicate"),
    ]
    assert report.exit_status == 0
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000007"]
    copy = report.files[1].invoice
    assert copy is not None
    assert copy.findings[-1] == Finding(
        "DUPLICATE_INVOICE",
        "warning",
        "invoice E000000007 is also in Invoice.pdf in this batch; exported once",
    )


def test_the_same_invoice_exported_before_from_other_bytes_is_a_duplicate_warning(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice.pdf", invoice(7))
    export(tmp_path, clock=T1)
    put(inbox, "Invoice.pdf", invoice(7), downloaded="again")  # other bytes, same invoice
    report = export(tmp_path, clock=T2)
    assert [f.outcome for f in report.files] == ["duplicate"]
    dup = report.files[0].invoice
    assert dup is not None
    assert dup.findings[-1] == Finding(
        "DUPLICATE_INVOICE",
        "warning",
        "invoice E000000007 was exported before in batch 20250201-093000 from Invoice.pdf;"
        " not exported again",
    )
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000007"]


def test_the_same_number_with_other_content_than_exported_before_is_an_error(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice.pdf", invoice(7))
    export(tmp_path, clock=T1)
    changed = invoice(7, due_date=date(2025, 3, 1))
    put(inbox, "Invoice.pdf", changed)
    report = export(tmp_path, clock=T2)
    assert [f.outcome for f in report.files] == ["attention"]
    assert report.exit_status == 1
    found = report.files[0].invoice
    assert found is not None
    assert found.findings[-1] == Finding(
        "DUPLICATE_INVOICE",
        "error",
        "invoice E000000007 has different content in Invoice.pdf (exported in batch "
        "20250201-093000): the same number with different data; not exported — keep the "
        "right file and remove the other",
    )
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000007"]


def test_two_files_with_one_number_and_different_content_are_both_errors(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "A.pdf", invoice(7))
    put(inbox, "B.pdf", invoice(7, due_date=date(2025, 3, 1)))
    put(inbox, "C.pdf", invoice(8))
    report = export(tmp_path)
    assert [(f.name, f.outcome) for f in report.files] == [
        ("A.pdf", "attention"),
        ("B.pdf", "attention"),
        ("C.pdf", "exported"),
    ]
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000008"]
    codes = [
        (c["file"], c["code"], c["severity"])
        for c in csv_rows(tmp_path / "out" / "checks-20250201-093000.csv")
        if c["code"] == "DUPLICATE_INVOICE"
    ]
    assert codes == [
        ("A.pdf", "DUPLICATE_INVOICE", "error"),
        ("B.pdf", "DUPLICATE_INVOICE", "error"),
    ]


def test_an_invoice_the_ledger_cannot_book_is_an_error_not_a_crash(
    tmp_path: Path, inbox: Path
) -> None:
    unbalanced = invoice(2, total=D("109.00"))
    put(inbox, "Invoice.pdf", unbalanced)
    report = export(tmp_path)
    assert [f.outcome for f in report.files] == ["attention"]
    found = report.files[0].invoice
    assert found is not None
    assert found.findings[-1].code == "TOTAL_MISMATCH"
    assert found.findings[-1].message == (
        "cannot be booked: entry IE8256796U-E000000002 does not balance: lines 108.00 + tax "
        "0.00 = 108.00, but the invoice total is 109.00"
    )


def _two_lines(**second: Any) -> Invoice:
    first = invoice(1).lines[0]
    return invoice(1, lines=(first, replace(first, **second)), total=D("108.00"))


@pytest.mark.parametrize(
    ("made", "code"),
    [
        (_two_lines(amount=None), "MISSING_FIELD"),
        (_two_lines(period_start=date(2026, 1, 14), period_end=date(2025, 1, 15)), "DATE_ORDER"),
        (_two_lines(tax=None), "TAX_MISMATCH"),
        (_two_lines(), "TOTAL_MISMATCH"),
    ],
)
def test_an_invoice_the_ledger_refuses_gets_the_code_of_its_reason(
    made: Invoice, code: str
) -> None:
    booked = book(replace(made, total=D("109.00")), Settings())
    assert isinstance(booked, Invoice)
    assert booked.findings[-1].code == code
    assert booked.findings[-1].severity == "error"
    assert booked.findings[-1].message.startswith("cannot be booked: ")


# ---------------------------------------------------------------- files found


def test_pdfs_are_found_below_the_inbox_in_a_fixed_order(tmp_path: Path, inbox: Path) -> None:
    for name in (
        "b/Invoice.PDF",
        "Factuur één.pdf",
        "a/Invoice (2).pdf",
        "a/Invoice.pdf",
        "a/Invoice (1).Pdf",
        "notes.txt",
        ".hidden/Invoice.pdf",
        "._Invoice.pdf",
        "Zed.pdf",
    ):
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_bytes(b"%PDF-1.4")
    names = [p.relative_to(inbox).as_posix() for p in pdf_files(inbox)]
    assert names == [
        "Factuur één.pdf",
        "Zed.pdf",
        "a/Invoice.pdf",
        "a/Invoice (1).Pdf",
        "a/Invoice (2).pdf",
        "b/Invoice.PDF",
    ]


# ---------------------------------------------------------------- workers

SLOW_MESSAGE = (
    "Slow.pdf: reading it took longer than the time limit of 0.5 s and was stopped; if it is a"
    " genuine invoice, raise time_limit in the configuration file (--config FILE)"
)


def test_a_file_that_takes_too_long_becomes_an_unreadable_finding(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Slow.pdf", invoice(1), sleep=60)
    put(inbox, "Quick.pdf", invoice(2))
    report = export(tmp_path, time_limit=0.5)
    assert [(f.name, f.outcome) for f in report.files] == [
        ("Quick.pdf", "exported"),
        ("Slow.pdf", "attention"),
    ]
    slow = report.files[1].invoice
    assert slow is not None
    assert slow.findings == (Finding("UNREADABLE_PDF", "error", SLOW_MESSAGE),)


def test_a_timeout_in_a_worker_process_becomes_an_unreadable_finding(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Slow.pdf", invoice(1), sleep=60)
    put(inbox, "Quick.pdf", invoice(2))
    report = export(tmp_path, time_limit=0.5, jobs=2)
    slow = report.files[1].invoice
    assert slow is not None
    assert slow.findings == (Finding("UNREADABLE_PDF", "error", SLOW_MESSAGE),)
    assert journal_entries(tmp_path / "out") == ["IE8256796U-E000000002"]


def test_a_worker_that_dies_on_one_file_costs_only_that_file(tmp_path: Path, inbox: Path) -> None:
    for n in range(1, 7):
        put(inbox, f"Invoice {n}.pdf", invoice(n))
    put(inbox, "Invoice 4.pdf", invoice(4), crash=True)
    report = export(tmp_path, jobs=2)
    assert [(f.name, f.outcome) for f in report.files] == [
        ("Invoice 1.pdf", "exported"),
        ("Invoice 2.pdf", "exported"),
        ("Invoice 3.pdf", "exported"),
        ("Invoice 4.pdf", "attention"),
        ("Invoice 5.pdf", "exported"),
        ("Invoice 6.pdf", "exported"),
    ]
    crashed = report.files[3].invoice
    assert crashed is not None
    assert crashed.findings == (
        Finding(
            "UNREADABLE_PDF",
            "error",
            "Invoice 4.pdf: reading this file stopped the worker process (exit code 70); it may"
            " need more than the memory limit of 1024 MiB — if it is a genuine invoice, raise"
            " memory_limit in the configuration file (--config FILE)",
        ),
    )


def test_a_reader_exception_becomes_a_finding_of_that_file(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Odd.pdf", invoice(1), **{"raise": "unexpected token"})
    report = export(tmp_path)
    odd = report.files[0].invoice
    assert odd is not None
    assert odd.findings == (
        Finding(
            "UNREADABLE_PDF", "error", "Odd.pdf: reading failed (ValueError: unexpected token)"
        ),
    )


def test_the_result_does_not_depend_on_which_worker_finishes_first(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for base, jobs in ((one, 1), (two, 3)):
        for n in range(1, 9):
            put(base / "inbox", f"Invoice {n}.pdf", invoice(n), sleep=(9 - n) * 0.02)
        export(base, jobs=jobs)
    for kind in ("journal", "postings", "checks"):
        name = f"{kind}-20250201-093000.csv"
        assert (one / "out" / name).read_bytes() == (two / "out" / name).read_bytes()


# ---------------------------------------------------------------- what stops a batch


def test_a_missing_inbox_stops_the_batch_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'inbox'}: no such folder"


def test_an_output_folder_that_cannot_be_created_stops_the_batch(
    tmp_path: Path, inbox: Path
) -> None:
    (tmp_path / "out").write_text("a file, not a folder")
    with pytest.raises(ExportError) as caught:
        export(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'out'}: the output path exists and is not a folder")


def test_a_busy_register_stops_the_batch_at_once(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    with open_register(tmp_path / "reg" / "register.sqlite"), pytest.raises(RegisterBusy):
        export(tmp_path)
    assert not list((tmp_path / "out").iterdir())


def test_a_write_failure_leaves_no_file_and_no_record(
    tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import writers

    put(inbox, "Invoice.pdf", invoice(1))
    real = writers.write_bytes
    calls = 0

    def failing(path: Path, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            path.write_bytes(data[:10])
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(writers, "write_bytes", failing)
    with pytest.raises(ExportError) as caught:
        export(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'out'}: cannot write the output files (No space left on device); "
        "nothing was exported"
    )
    assert list((tmp_path / "out").iterdir()) == []
    with read_register(tmp_path / "reg" / "register.sqlite") as register:
        assert register.batches() == ()
        assert not register.is_sha256_exported(
            json_reader(inbox / "Invoice.pdf", "x").source.sha256
        )


# ---------------------------------------------------------------- the command line


def run_cli(tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(
        cli,
        ["export", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), *args],
        catch_exceptions=False,
    )


def test_the_cli_says_in_one_line_that_the_inbox_is_missing(tmp_path: Path) -> None:
    result = run_cli(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'inbox'}: no such folder\n"


def test_the_cli_says_in_one_line_that_the_config_is_broken(tmp_path: Path, inbox: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('csv_dialect = "excel-de"\n')
    result = run_cli(tmp_path, "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr == (
        f'Error: {config}: csv_dialect: must be one of "excel-nl", "plain", not "excel-de"\n'
    )


def test_the_cli_says_in_one_line_that_the_register_is_busy(tmp_path: Path, inbox: Path) -> None:
    register = tmp_path / "reg.sqlite"
    with open_register(register):
        result = run_cli(tmp_path, "--register", str(register))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {register}: another export is using this register; wait for it to finish "
        "and run again\n"
    )


def test_the_cli_writes_plain_csv_only_when_asked(
    tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.export

    real = pipeline.export.run_export

    def with_fake_reader(options: ExportOptions, settings: Settings, **kw: Any) -> BatchReport:
        return real(options, settings, reader=json_reader, clock=lambda: T1, **kw)

    monkeypatch.setattr(pipeline.export, "run_export", with_fake_reader)
    put(inbox, "Invoice.pdf", invoice(1))
    result = run_cli(
        tmp_path, "--format", "csv", "--csv-dialect", "plain", "--jobs", "1",
        "--register", str(tmp_path / "reg.sqlite"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "checks-20250201-093000.csv",
        "journal-20250201-093000.csv",
        "postings-20250201-093000.csv",
    ]
    journal = (tmp_path / "out" / "journal-20250201-093000.csv").read_bytes()
    assert journal.startswith(b"entry_id,journal,")
    assert result.stdout.splitlines()[:3] == [
        "Batch 20250201-093000: 1 PDF files found",
        "  files read:              1",
        "  invoices exported:       1 (1 journal rows)",
    ]


def test_the_cli_refuses_a_format_that_is_not_registered(tmp_path: Path, inbox: Path) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    result = run_cli(tmp_path, "--format", "xlsx,pdf", "--register", str(tmp_path / "r.sqlite"))
    assert result.exit_code == 2
    assert "Invalid value for '--format': unknown output format 'pdf' (registered: xlsx, csv)" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "r.sqlite").exists()


def test_the_cli_takes_its_format_choices_and_default_from_the_registry() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    text = " ".join(result.output.split())
    assert f"Formats to write, comma-separated: {', '.join(writers.format_names())}." in text
    assert f"[default: {','.join(writers.format_names())}]" in text


def test_a_library_caller_naming_an_unknown_format_gets_an_error_and_nothing_written(
    tmp_path: Path, inbox: Path
) -> None:
    put(inbox, "Invoice.pdf", invoice(1))
    with pytest.raises(writers.UnknownFormat) as caught:
        export(tmp_path, formats=frozenset({"csv", "ods"}))
    assert str(caught.value) == "unknown output format 'ods' (registered: xlsx, csv)"
    assert not (tmp_path / "out").exists()


def test_a_per_invoice_format_is_written_beside_the_batch_files_and_recorded(
    tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render(batch: writers.BatchOutput) -> bytes:
        (booked,) = batch.bookings
        return f"{booked.entry_id} {booked.rows[0].gross_total}".encode()

    txt = writers.Format("txt", ".txt", "invoice", (writers.Document("", render),))
    monkeypatch.setattr(writers, "FORMATS", (*writers.FORMATS, txt))
    put(inbox, "Invoice 1.pdf", invoice(1))
    put(inbox, "Invoice 2.pdf", invoice(2))
    report = export(tmp_path, formats=frozenset({"txt"}))
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "IE8256796U-E000000001.txt",
        "IE8256796U-E000000002.txt",
        "checks-20250201-093000.csv",
    ]
    assert (out / "IE8256796U-E000000002.txt").read_text() == "IE8256796U-E000000002 108.00"
    assert [p.name for p in report.outputs] == [
        "checks-20250201-093000.csv",
        "IE8256796U-E000000001.txt",
        "IE8256796U-E000000002.txt",
    ]
    with read_register(tmp_path / "reg" / "register.sqlite") as register:
        (batch,) = register.batches()
        assert sorted((f.kind, f.path.name) for f in batch.files) == [
            ("checks-csv", "checks-20250201-093000.csv"),
            ("txt", "IE8256796U-E000000001.txt"),
            ("txt", "IE8256796U-E000000002.txt"),
        ]
    again = export(tmp_path, again=True, clock=T2, formats=frozenset({"txt"}))
    assert [p.name for p in again.outputs if p.suffix == ".txt"] == [
        "IE8256796U-E000000001-20250203-170509.txt",
        "IE8256796U-E000000002-20250203-170509.txt",
    ]
    assert (out / "IE8256796U-E000000001.txt").read_text() == "IE8256796U-E000000001 54.00"


def test_export_help_lists_every_option() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    for option in (
        "--out DIR", "--format", "--config FILE", "--again", "--dry-run", "--jobs N",
        "--csv-dialect [excel-nl|plain]", "--register PATH",
    ):  # fmt: skip
        assert option in result.output, option


# ---------------------------------------------------------------- killed runs


KILLER = """
import functools, os, signal, sys
import test_export as helpers
import pipeline.export as export
import pipeline.report as report
from pipeline import writers
from pipeline.register import Register

stage = os.environ.get("KILL_AT", "")
count = {"n": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(calls, real):
    def wrapped(*args, **kwargs):
        count["n"] += 1
        if count["n"] > calls:
            die()
        return real(*args, **kwargs)
    return wrapped

reader = helpers.json_reader
if stage == "reading":
    os.environ.setdefault("EXPORT_PID", str(os.getpid()))  # workers run this script too
    os.environ["READ_LOG"] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reads.log")
    reader = helpers.reader_killing_export
elif stage == "writing-csv":
    real_write = writers.write_bytes
    def write_then_die(path, data):
        real_write(path, data)
        if path.name.endswith(".csv.partial"):
            die()
    writers.write_bytes = write_then_die
elif stage == "writing-xlsx":
    real_write = writers.write_bytes
    def half_then_die(path, data):
        if path.name.endswith(".xlsx.partial"):
            path.write_bytes(data[: len(data) // 2])
            die()
        real_write(path, data)
    writers.write_bytes = half_then_die
elif stage == "publishing":
    writers.publish = after(1, writers.publish)
elif stage == "before-commit":
    real_complete = Register.complete_batch
    def complete_then_die(self, batch_id, exported_at, invoices, publish, *rest):
        def publish_then_die():
            publish()
            die()
        return real_complete(self, batch_id, exported_at, invoices, publish_then_die, *rest)
    Register.complete_batch = complete_then_die
elif stage == "after-commit":
    report.summary_lines = lambda batch: die()

export.run_export = functools.partial(export.run_export, reader=reader)
if __name__ == "__main__":
    from pipeline.cli import cli
    cli.main(args=sys.argv[1:], prog_name="invoice-pipeline")
"""


def reader_killing_export(path: Path, name: str) -> Invoice:
    """`json_reader` in a worker; the sixth file it reads kills the export (pid in EXPORT_PID)."""
    log = Path(os.environ["READ_LOG"])
    with log.open("a", encoding="utf-8") as handle:
        handle.write(name + "\n")
    if len(log.read_text(encoding="utf-8").splitlines()) > 5:
        os.kill(int(os.environ["EXPORT_PID"]), signal.SIGKILL)
        time.sleep(60)
    return json_reader(path, name)


def start_export(tmp_path: Path, stage: str = "", *extra: str) -> subprocess.Popen[bytes]:
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    env = {
        **os.environ,
        "KILL_AT": stage,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)]),
    }
    return subprocess.Popen(
        [
            sys.executable, str(script), "export", str(tmp_path / "inbox"),
            "--out", str(tmp_path / "out"), "--register", str(tmp_path / "reg.sqlite"),
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip


def assert_whole_files(out: Path) -> None:
    """Every visible output file is complete: CSVs parse to their header, workbooks open."""
    for path in sorted(out.glob("*")):
        if path.name.startswith("."):
            continue
        if path.suffix == ".csv":
            text = path.read_bytes().decode("utf-8-sig")
            assert text.endswith("\r\n"), path.name
            assert text.split(";")[0] in ("entry_id", "date", "file"), path.name
        else:
            assert path.suffix == ".xlsx", path.name
            openpyxl.load_workbook(path)


def assert_register_agrees_with_files(tmp_path: Path, expected: list[str]) -> None:
    """After a complete run: no temporary file, every file belongs to a finished batch, and
    every invoice is in the register once and its rows in exactly one journal file.

    `expected` is the entry_id of every journal row an uninterrupted export writes."""
    out = tmp_path / "out"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert_whole_files(out)
    with read_register(tmp_path / "reg.sqlite") as register:
        batches = register.batches()
        assert {b.state for b in batches} <= {"done"}
        listed = {item.path.name for b in batches for item in b.files}
        assert {p.name for p in out.iterdir()} == listed
        exported = sorted(e for b in batches for e in register.exported_entry_ids(b.batch_id))
    assert sorted(journal_entries(out)) == sorted(expected)
    assert exported == sorted(set(expected))


#: Stages at which the killed run had recorded its batch as pending.
RECOVERED_STAGES = ("writing-csv", "writing-xlsx", "publishing", "before-commit")


def rerun_export(tmp_path: Path) -> BatchReport:
    """The next export after a killed one, in this process, with two workers."""
    options = ExportOptions(tmp_path / "inbox", tmp_path / "out")
    run_settings = replace(Settings(register_path=tmp_path / "reg.sqlite"), jobs=2)
    return run_export(options, run_settings, reader=json_reader)


def many_invoices(inbox: Path, count: int) -> list[str]:
    for n in range(1, count + 1):
        put(inbox, f"{n % 4}/Invoice {n}.pdf", invoice(n))
    return sorted(f"IE8256796U-E0{n:08d}" for n in range(1, count + 1))


@pytest.mark.parametrize(
    "stage",
    ["reading", "writing-csv", "writing-xlsx", "publishing", "before-commit", "after-commit"],
)
def test_a_run_killed_at_any_stage_leaves_whole_files_and_the_next_run_completes_it(
    tmp_path: Path, stage: str
) -> None:
    expected = many_invoices(tmp_path / "inbox", 40)
    killed = start_export(tmp_path, stage, "--jobs", "1")
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    out = tmp_path / "out"
    assert_whole_files(out)
    rerun = rerun_export(tmp_path)
    assert rerun.exit_status == 0
    assert_register_agrees_with_files(tmp_path, expected)
    assert len(rerun.recovered) == (1 if stage in RECOVERED_STAGES else 0)
    if stage == "after-commit":
        assert rerun.count("exported") == 0


def wait_for(condition: Any, process: subprocess.Popen[bytes]) -> None:
    while process.poll() is None and not condition():
        time.sleep(0.005)


def pending_batch(tmp_path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{tmp_path / 'reg.sqlite'}?mode=ro", uri=True) as db:
            return (
                db.execute("SELECT 1 FROM batches WHERE state = 'pending'").fetchone() is not None
            )
    except sqlite3.Error:
        return False


def temp_file(tmp_path: Path) -> bool:
    return any(p.name.startswith(".") for p in (tmp_path / "out").glob("*"))


@pytest.mark.parametrize("moment", ["at-start", "while-reading", "when-pending", "when-writing"])
def test_an_export_killed_from_outside_loses_and_doubles_nothing(
    tmp_path: Path, moment: str
) -> None:
    expected = many_invoices(tmp_path / "inbox", 120)
    for path in (tmp_path / "inbox").rglob("*.pdf"):
        record = json.loads(path.read_text())
        path.write_text(json.dumps({**record, "sleep": 0.01}, sort_keys=True))
    process = start_export(tmp_path, "", "--jobs", "2")
    conditions = {
        "at-start": lambda: True,
        "while-reading": lambda: (tmp_path / "reg.sqlite").exists(),
        "when-pending": lambda: pending_batch(tmp_path),
        "when-writing": lambda: temp_file(tmp_path),
    }
    wait_for(conditions[moment], process)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    if (tmp_path / "out").exists():
        assert_whole_files(tmp_path / "out")
    assert rerun_export(tmp_path).exit_status == 0
    assert_register_agrees_with_files(tmp_path, expected)


# ---------------------------------------------------------------- real PDFs


def sample_inbox(tmp_path: Path, limit: int | None = None) -> Path:
    if not SAMPLES:
        pytest.skip("no generated samples in samples/*.pdf yet (run `make samples`)")
    inbox = tmp_path / "inbox"
    for index, pdf in enumerate(SAMPLES[:limit]):
        target = inbox / f"{index % 3}" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    shutil.copyfile(SAMPLES[0], inbox / "0" / f"{SAMPLES[0].stem} (1).pdf")
    return inbox


def test_the_samples_export_and_a_second_run_exports_nothing(tmp_path: Path) -> None:
    inbox = sample_inbox(tmp_path)
    options = ExportOptions(inbox, tmp_path / "out")
    first = run_export(options, settings(tmp_path, jobs=2), clock=lambda: T1)
    exported = [f for f in first.files if f.outcome == "exported"]
    assert exported, [(f.name, f.outcome) for f in first.files]
    for result in first.files:
        assert result.invoice is not None
        if result.invoice.status == "error":
            assert result.outcome == "attention"
    rows = csv_rows(tmp_path / "out" / "journal-20250201-093000.csv")
    assert {r["source_file"] for r in rows} == {f.name for f in exported}
    second = run_export(options, settings(tmp_path, jobs=2), clock=lambda: T2)
    assert second.count("exported") == 0
    assert second.count("already_exported") == len(exported) + 1


def test_samples_killed_mid_export_are_completed_by_the_next_run(tmp_path: Path) -> None:
    inbox = sample_inbox(tmp_path, limit=12)
    clean = tmp_path / "clean"
    shutil.copytree(inbox, clean / "inbox")
    run_export(
        ExportOptions(clean / "inbox", clean / "out"),
        replace(settings(clean, jobs=2), register_path=clean / "reg.sqlite"),
        clock=lambda: T1,
    )
    expected = sorted(journal_entries(clean / "out"))
    for moment in (lambda: True, lambda: pending_batch(tmp_path), lambda: temp_file(tmp_path)):
        process = subprocess.Popen(
            [
                sys.executable, "-m", "pipeline", "export", str(inbox), "--out",
                str(tmp_path / "out"), "--register", str(tmp_path / "reg.sqlite"), "--jobs", "2",
            ],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for(moment, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        if (tmp_path / "out").exists():
            assert_whole_files(tmp_path / "out")
    final = subprocess.run(
        [
            sys.executable, "-m", "pipeline", "export", str(inbox), "--out",
            str(tmp_path / "out"), "--register", str(tmp_path / "reg.sqlite"),
        ],
        cwd=ROOT, capture_output=True, check=False,
    )  # fmt: skip
    assert final.returncode in (0, 1), final.stderr.decode()
    assert_register_agrees_with_files(tmp_path, expected)
