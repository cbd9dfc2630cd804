"""The `check` command's text for people, and the command itself over a folder."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline import reading
from pipeline.cli import cli
from pipeline.discovery import pdf_paths
from pipeline.limits import ReadLimits
from pipeline.model import Finding, Invoice, Line, Source
from pipeline.reading import FileToRead, ReadResult
from pipeline.report import check_block, status_summary

D = Decimal


def an_invoice(name: str, *findings: Finding, total: str | None = "2175.00") -> Invoice:
    return Invoice(
        source=Source(name, "0" * 64, 2),
        invoice_number="E04REXXYPL",
        invoice_date=date(2016, 2, 25),
        currency="USD",
        lines=(Line(product="Office 365 Enterprise E3"),),
        total=D(total) if total is not None else None,
        findings=findings,
    )


MISMATCH = Finding.of(
    "LINE_AMOUNT_MISMATCH", "line 2: 7 × 54.00 = 378.00 but the invoice says 387.00.", 2
)
PRORATED = Finding.of("PRORATED_LINE", "line 1: 5 × 54.00 × 100/366 days = 73.77.", 1)
AMBIGUOUS = Finding.of("AMBIGUOUS_DATE", "the dates were read as month/day.")


def test_a_check_block_shows_name_number_total_status_and_each_finding() -> None:
    invoice = an_invoice("inbox/2016/Invoice.pdf", PRORATED, MISMATCH)
    assert check_block("inbox/2016/Invoice.pdf", invoice) == (
        "inbox/2016/Invoice.pdf\n"
        "  invoice E04REXXYPL, total USD 2.175,00, status error\n"
        "  PRORATED_LINE (info): line 1: 5 × 54.00 × 100/366 days = 73.77.\n"
        "  LINE_AMOUNT_MISMATCH (error): line 2: 7 × 54.00 = 378.00 but the invoice says 387.00."
    )


def test_a_check_block_of_a_clean_invoice_is_two_lines() -> None:
    assert check_block("a.pdf", an_invoice("a.pdf")) == (
        "a.pdf\n  invoice E04REXXYPL, total USD 2.175,00, status ok"
    )


def test_a_check_block_says_what_was_not_found() -> None:
    invoice = Invoice(
        source=Source("scan.pdf", "0" * 64, 1),
        findings=(Finding.of("NO_TEXT_LAYER", "scan.pdf: the PDF has no text layer."),),
    )
    assert check_block("scan.pdf", invoice) == (
        "scan.pdf\n"
        "  invoice (not found), total (not found), status error\n"
        "  NO_TEXT_LAYER (error): scan.pdf: the PDF has no text layer."
    )


def test_the_status_summary_counts_files_per_status() -> None:
    invoices = [an_invoice("a.pdf"), an_invoice("b.pdf", PRORATED), an_invoice("c.pdf", MISMATCH)]
    assert status_summary(invoices) == "3 files: 2 ok, 0 warning, 1 error"
    assert status_summary([an_invoice("d.pdf", AMBIGUOUS)]) == "1 file: 0 ok, 1 warning, 0 error"
    assert status_summary([]) == "0 files: 0 ok, 0 warning, 0 error"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "2016").mkdir()
    for name in ("b.pdf", "a.PDF", "notes.txt", "2016/c.Pdf", "2016/readme.md"):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder.pdf").mkdir()
    return tmp_path


def test_pdf_paths_finds_pdfs_of_any_case_recursively_sorted_and_once(inbox: Path) -> None:
    found = pdf_paths([inbox, inbox / "b.pdf", inbox / "notes.txt"])
    assert [p.relative_to(inbox).as_posix() for p in found] == [
        "a.PDF",
        "b.pdf",
        "2016/c.Pdf",
        "notes.txt",
    ]


@pytest.fixture
def fake_reading(monkeypatch: pytest.MonkeyPatch) -> dict[str, Invoice]:
    """Replace the reading of files with a table of invoices by name."""
    by_name: dict[str, Invoice] = {}

    def read_files(files: list[FileToRead], limits: ReadLimits, **_: Any) -> list[ReadResult]:
        return [ReadResult(by_name[file.path.name], lasting=True) for file in files]

    monkeypatch.setattr(reading, "read_files", read_files)
    return by_name


def test_check_prints_a_block_per_pdf_and_exits_1_when_one_has_an_error(
    inbox: Path, fake_reading: dict[str, Invoice]
) -> None:
    fake_reading.update(
        {
            "c.Pdf": an_invoice("c.Pdf", MISMATCH),
            "a.PDF": an_invoice("a.PDF"),
            "b.pdf": an_invoice("b.pdf", PRORATED),
        }
    )
    result = CliRunner().invoke(cli, ["check", str(inbox)])
    assert result.exit_code == 1
    assert result.output == (
        f"{inbox / 'a.PDF'}\n"
        "  invoice E04REXXYPL, total USD 2.175,00, status ok\n"
        "\n"
        f"{inbox / 'b.pdf'}\n"
        "  invoice E04REXXYPL, total USD 2.175,00, status ok\n"
        "  PRORATED_LINE (info): line 1: 5 × 54.00 × 100/366 days = 73.77.\n"
        "\n"
        f"{inbox / '2016' / 'c.Pdf'}\n"
        "  invoice E04REXXYPL, total USD 2.175,00, status error\n"
        "  LINE_AMOUNT_MISMATCH (error): line 2: 7 × 54.00 = 378.00 but the invoice says 387.00.\n"
        "\n"
        f"{inbox}/2016/readme.md: not read: not a PDF (the name does not end in .pdf)\n"
        f"{inbox}/notes.txt: not read: not a PDF (the name does not end in .pdf)\n"
        "3 files: 2 ok, 0 warning, 1 error\n"
    )


def test_check_exits_0_when_no_file_has_an_error(
    inbox: Path, fake_reading: dict[str, Invoice]
) -> None:
    fake_reading["b.pdf"] = an_invoice("b.pdf", AMBIGUOUS)
    result = CliRunner().invoke(cli, ["check", str(inbox / "b.pdf")])
    assert result.exit_code == 0
    assert result.output.endswith("\n1 file: 0 ok, 1 warning, 0 error\n")


def test_check_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "absent.pdf")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_check_without_a_path_is_a_usage_error() -> None:
    assert CliRunner().invoke(cli, ["check"]).exit_code == 2


def test_pdf_paths_reads_a_folder_as_the_export_does(inbox: Path) -> None:
    (inbox / ".hidden.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / ".cache").mkdir()
    (inbox / ".cache" / "d.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "b (1).pdf").write_bytes(b"%PDF-1.4\n")
    assert [p.relative_to(inbox).as_posix() for p in pdf_paths([inbox])] == [
        "a.PDF",
        "b.pdf",
        "b (1).pdf",
        "2016/c.Pdf",
    ]
