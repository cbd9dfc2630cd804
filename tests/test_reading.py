"""`read_invoice` and `python -m pipeline parse` on bad input: one finding naming the file, with
the spec's code, and never an exception or a traceback. Every PDF is built here with reportlab."""

from __future__ import annotations

import hashlib
import json
import random
import re
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

import pipeline.reading
from pipeline.model import Document, Invoice, Source
from pipeline.pdfwords import read_document
from pipeline.reading import read_invoice

PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
RENDERED = SHARED / "corpus" / "rendered"

#: (left x, top y, font size, text) in points from the top-left corner, as pdfplumber reports.
Placed = tuple[float, float, float, str]

ACME = [(72.0, 72.0, 12.0, "ACME Supplies invoice"), (72.0, 100.0, 12.0, "Total 12.00")]


def text_pdf(
    path: Path,
    placed: list[Placed],
    *,
    encrypt: StandardEncryption | None = None,
    compress: bool = True,
) -> Path:
    """An A4 page with each text drawn in Helvetica at its place."""
    page = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, pageCompression=int(compress))
    for x, top, size, text in placed:
        page.setFont("Helvetica", size)
        page.drawString(x, A4[1] - top - 0.8 * size, text)
    page.save()
    return path


def shapes_pdf(path: Path) -> Path:
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(72, 72, 200, 100, fill=1)
    page.circle(300, 400, 50)
    page.line(72, 600, 500, 600)
    page.save()
    return path


def png_bytes() -> bytes:
    """A valid 1×1 grey PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def empty_file(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def truncated_pdf(folder: Path) -> Path:
    whole = text_pdf(folder / "whole.pdf", ACME).read_bytes()
    path = folder / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def random_bytes_after_a_pdf_header(folder: Path) -> Path:
    path = folder / "garbage-after-header.pdf"
    path.write_bytes(b"%PDF-1.4\n" + random.Random(8).randbytes(4096))
    return path


def png_named_pdf(folder: Path) -> Path:
    path = folder / "photo.pdf"
    path.write_bytes(png_bytes())
    return path


def user_password_pdf(folder: Path) -> Path:
    lock = StandardEncryption(userPassword="user", ownerPassword="owner", canPrint=1)
    return text_pdf(folder / "locked.pdf", ACME, encrypt=lock)


def drawn_shapes_only(folder: Path) -> Path:
    return shapes_pdf(folder / "scan.pdf")


def another_suppliers_invoice(folder: Path) -> Path:
    return text_pdf(folder / "acme.pdf", ACME)


def damaged_drawing_operator(folder: Path) -> Path:
    """A readable page whose colour operator has a name where a number belongs: pdfminer skips
    it with a logged warning, which must not reach the CLI's stderr."""
    path = folder / "bad-colour.pdf"
    page = canvas.Canvas(str(path), pagesize=A4, pageCompression=0)
    page.setStrokeColorRGB(0.25, 0.5, 0.75)
    page.line(72, 300, 300, 300)
    for x, top, size, text in ACME:
        page.setFont("Helvetica", size)
        page.drawString(x, A4[1] - top - 0.8 * size, text)
    page.save()
    data = path.read_bytes()
    assert data.count(b".25 .5 .75 RG") == 1
    path.write_bytes(data.replace(b".25 .5 .75 RG", b"/Xy .5 .75 RG"))
    return path


def self_referencing_metadata(folder: Path) -> Path:
    """A readable page whose Author metadata points into the page tree, which refers back to
    itself: pdfplumber logs a recursion warning, which must not reach the CLI's stderr."""
    path = text_pdf(folder / "looping-metadata.pdf", ACME, compress=False)
    data = path.read_bytes()
    pages = re.search(rb"/Pages (\d+) 0 R", data)
    assert pages is not None
    author = b"/Author (anonymous)"
    looping = b"/Author " + pages[1] + b" 0 R"
    assert data.count(author) == 1 and len(looping) <= len(author)
    path.write_bytes(data.replace(author, looping.ljust(len(author))))
    return path


BAD_INPUTS: list[tuple[Callable[[Path], Path], str, bool]] = [
    # (builder, code, whether the PDF's pages were counted)
    (empty_file, "UNREADABLE_PDF", False),
    (truncated_pdf, "UNREADABLE_PDF", False),
    (random_bytes, "UNREADABLE_PDF", False),
    (random_bytes_after_a_pdf_header, "UNREADABLE_PDF", False),
    (png_named_pdf, "UNREADABLE_PDF", False),
    (user_password_pdf, "ENCRYPTED_PDF", False),
    (drawn_shapes_only, "NO_TEXT_LAYER", True),
    (another_suppliers_invoice, "NOT_A_MICROSOFT_INVOICE", True),
    (damaged_drawing_operator, "NOT_A_MICROSOFT_INVOICE", True),
    (self_referencing_metadata, "NOT_A_MICROSOFT_INVOICE", True),
]


def assert_rejected(invoice: Invoice, path: Path, code: str) -> None:
    """Exactly one error finding with `code`, its message naming the file, and no fields."""
    assert isinstance(invoice, Invoice)
    assert [(f.code, f.severity) for f in invoice.findings] == [(code, "error")]
    assert invoice.findings[0].message.startswith(f"{path.name}: ")
    assert invoice.status == "error"
    assert invoice.source.file == path.name
    assert invoice.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (invoice.invoice_number, invoice.total, invoice.lines) == (None, None, ())


@pytest.mark.parametrize(
    ("build", "code", "counted"), BAD_INPUTS, ids=[b.__name__ for b, _, _ in BAD_INPUTS]
)
def test_a_bad_input_is_one_finding_with_its_code_never_an_exception(
    build: Callable[[Path], Path], code: str, counted: bool, tmp_path: Path
) -> None:
    path = build(tmp_path)
    invoice = read_invoice(path)
    assert_rejected(invoice, path, code)
    assert invoice.source.pages == (1 if counted else None)


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (empty_file, "the file is empty"),
        (png_named_pdf, "the file is not a PDF (no %PDF- header)"),
        (random_bytes, "the file is not a PDF (no %PDF- header)"),
        (user_password_pdf, "the PDF needs a password to open"),
        (drawn_shapes_only, "the PDF has no text layer (a scan or an image); enter it by hand"),
    ],
)
def test_the_finding_says_why_the_file_could_not_be_read(
    build: Callable[[Path], Path], reason: str, tmp_path: Path
) -> None:
    path = build(tmp_path)
    assert read_invoice(path).findings[0].message == f"{path.name}: {reason}"


def test_a_truncated_pdf_is_called_damaged_or_truncated(tmp_path: Path) -> None:
    path = truncated_pdf(tmp_path)
    message = read_invoice(path).findings[0].message
    assert message.startswith(f"{path.name}: the PDF is damaged or truncated (")


def test_a_truncated_corpus_invoice_is_an_unreadable_pdf(tmp_path: Path) -> None:
    source = RENDERED / "b01-en-us-sample.pdf"
    if not source.exists():
        pytest.skip("../shared/corpus is absent")
    data = source.read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert_rejected(read_invoice(path), path, "UNREADABLE_PDF")


def test_the_corpus_encrypted_pdf_is_an_encrypted_pdf_finding() -> None:
    path = RENDERED / "x03-encrypted.pdf"
    if not path.exists():
        pytest.skip("../shared/corpus is absent")
    invoice = read_invoice(path)
    assert_rejected(invoice, path, "ENCRYPTED_PDF")
    assert invoice.findings[0].message == "x03-encrypted.pdf: the PDF needs a password to open"


def test_a_pdf_locked_only_by_an_owner_password_is_read_normally(tmp_path: Path) -> None:
    lock = StandardEncryption(userPassword="", ownerPassword="owner", canPrint=1)
    path = text_pdf(tmp_path / "owner-only.pdf", ACME, encrypt=lock)
    assert b"/Encrypt" in path.read_bytes()
    document = read_document(path)
    assert [w.text for w in document.words] == ["ACME", "Supplies", "invoice", "Total", "12.00"]
    assert_rejected(read_invoice(path), path, "NOT_A_MICROSOFT_INVOICE")


def test_a_file_that_cannot_be_opened_is_an_unreadable_pdf(tmp_path: Path) -> None:
    invoice = read_invoice(tmp_path / "gone.pdf")
    assert [f.code for f in invoice.findings] == ["UNREADABLE_PDF"]
    assert invoice.findings[0].message.startswith("gone.pdf: the file cannot be opened (")
    assert invoice.source == Source("gone.pdf", "0" * 64, None)


def test_the_finding_names_the_file_by_the_name_the_caller_gives(tmp_path: Path) -> None:
    path = empty_file(tmp_path)
    invoice = read_invoice(path, name="inbox/2026-07/empty.pdf")
    assert invoice.source.file == "inbox/2026-07/empty.pdf"
    assert invoice.findings[0].message == "inbox/2026-07/empty.pdf: the file is empty"


# --- an unexpected exception below read_invoice -----------------------------------------------


def test_an_unexpected_error_in_extraction_becomes_an_unreadable_pdf_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: Document, source: Source) -> Invoice:
        raise KeyError("charges")

    monkeypatch.setattr(pipeline.reading, "extract_invoice", broken)
    path = another_suppliers_invoice(tmp_path)
    invoice = read_invoice(path)
    assert_rejected(invoice, path, "UNREADABLE_PDF")
    assert invoice.findings[0].message == (
        "acme.pdf: could not read the invoice: KeyError: 'charges' (an internal reading error)"
    )
    assert invoice.source.pages == 1


def test_an_interrupt_is_not_swallowed_by_the_reading_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(document: Document, source: Source) -> Invoice:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.reading, "extract_invoice", interrupted)
    with pytest.raises(KeyboardInterrupt):
        read_invoice(another_suppliers_invoice(tmp_path))


# Regressions found by fuzzing (tests/test_fuzz.py and word-level mutation of the corpus): the
# crash was in pipeline/checks.py; these pin that read_invoice reports an error, not raises.

HEADER = [
    (420.0, 37.0, 22.0, "Invoice"),
    (72.0, 40.0, 17.0, "Microsoft"),
    (45.0, 292.0, 8.5, "Payment Terms:"),
    (338.0, 292.0, 8.5, "Total:"),
    (426.0, 292.0, 8.5, "2,175.00"),
    (45.0, 307.0, 8.5, "Due Date:"),
    (40.0, 329.0, 8.5, "Payment Instructions:"),
]


def test_bug_a_header_total_of_27_integer_digits_overflowing_decimal_precision_is_an_error(
    tmp_path: Path,
) -> None:
    """InvalidOperation from quantize in checks.money when a total exceeds 28 digits."""
    huge = (300.0, 108.0, 12.0, "999999999999999999999999999.99 USD")
    path = text_pdf(tmp_path / "huge-total.pdf", [*HEADER, huge])
    invoice = read_invoice(path)
    assert isinstance(invoice, Invoice)
    assert invoice.status == "error"
    internal = [f for f in invoice.findings if f.code == "UNREADABLE_PDF"]
    assert internal in ([], list(invoice.findings))
    for finding in internal:
        assert finding.message.startswith("huge-total.pdf: could not read the invoice: ")


def test_bug_a_service_period_starting_on_31_12_9999_is_an_error_not_a_crash(
    tmp_path: Path,
) -> None:
    """ValueError 'year 10000 is out of range' from checks.add_months for the line's term."""
    placed = [
        (72.0, 40.0, 17.0, "Microsoft"),
        (156.0, 158.0, 6.6, "Days"),
        (187.0, 158.0, 6.6, "Qty"),
        (204.0, 158.0, 6.6, "Monthly Price"),
        (42.5, 172.0, 7.8, "12/31/9999 - 03/23/2016"),
        (163.0, 172.0, 7.8, "29"),
        (185.0, 172.0, 7.8, "100"),
        (228.0, 172.0, 7.8, "20.00"),
    ]
    path = text_pdf(tmp_path / "year-9999.pdf", placed)
    invoice = read_invoice(path)
    assert isinstance(invoice, Invoice)
    assert invoice.status == "error"
    internal = [f for f in invoice.findings if f.code == "UNREADABLE_PDF"]
    assert internal in ([], list(invoice.findings))
    for finding in internal:
        assert finding.message.startswith("year-9999.pdf: could not read the invoice: ")


# --- the command line ------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("build", "code", "counted"), BAD_INPUTS, ids=[b.__name__ for b, _, _ in BAD_INPUTS]
)
def test_parse_on_a_bad_pdf_exits_1_with_the_record_and_one_line_on_stderr(
    build: Callable[[Path], Path], code: str, counted: bool, tmp_path: Path
) -> None:
    path = build(tmp_path)
    result = run_cli("parse", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    stdout_lines = result.stdout.splitlines()
    assert len(stdout_lines) == 1
    record = json.loads(stdout_lines[0])
    assert [(f["code"], f["severity"]) for f in record["findings"]] == [(code, "error")]
    assert record["source"]["file"] == path.name
    assert record["invoice_number"] is None
    stderr_lines = result.stderr.splitlines()
    assert len(stderr_lines) == 1, result.stderr
    assert stderr_lines[0].startswith(f"{path.name}: {code}: ")


def test_parse_on_a_missing_path_exits_2_naming_it_without_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pdf"
    result = run_cli("parse", str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "nowhere.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_words_an_engine_places_apart_without_space_characters_stay_apart(
    tmp_path: Path,
) -> None:
    """At 7 pt a space is 1.95 pt wide, under pdfplumber's default 3 pt word gap: engines that
    place each word themselves (samples/*-spaceless) would read as one word per line."""
    words = ["Invoice", "Date:", "02/25/2016", "Total", "1,234.56"]
    placed, x = [], 72.0
    for word in words:
        placed.append((x, 100.0, 7.0, word))
        x += stringWidth(word + " ", "Helvetica", 7.0)
    pdf = text_pdf(tmp_path / "spaceless.pdf", placed)
    assert [w.text for w in read_document(pdf).pages[0].words] == words


def test_bold_faked_by_overstriking_reads_once(tmp_path: Path) -> None:
    """samples/*-overstruck-bold: the same text three times, 0.3 pt apart."""
    line = "Invoice Date: 02/25/2016 Total 1,234.56"
    placed = [(72.0 + dx, 100.0, 10.0, line) for dx in (0.0, 0.3, 0.6)]
    pdf = text_pdf(tmp_path / "overstruck.pdf", placed)
    assert [w.text for w in read_document(pdf).pages[0].words] == line.split()
