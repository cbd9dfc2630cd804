"""One file to one checked `Invoice`: read, extract, check. Never raises for a bad PDF."""

from __future__ import annotations

from pathlib import Path

from pipeline.checks import run_checks
from pipeline.errors import PdfError
from pipeline.extract import extract_invoice
from pipeline.hashing import file_sha256
from pipeline.model import Invoice, Source, rejected
from pipeline.pdfwords import read_document


def read_invoice(path: Path, name: str | None = None) -> Invoice:
    """The checked invoice of one PDF; unreadable input yields a record with its finding."""
    name = name or path.name
    try:
        source = Source(file=name, sha256=file_sha256(path), pages=None)
    except OSError as exc:
        return rejected(
            Source(name, "0" * 64, None),
            "UNREADABLE_PDF",
            f"the file cannot be opened ({exc.strerror or exc})",
        )
    try:
        document = read_document(path)
    except PdfError as exc:
        return rejected(source, exc.code, exc.reason)
    source = Source(file=name, sha256=source.sha256, pages=len(document.pages))
    if not any(page.words for page in document.pages):
        return rejected(
            source,
            "NO_TEXT_LAYER",
            "the PDF has no text layer (a scan or an image); enter it by hand",
        )
    try:
        return run_checks(extract_invoice(document, source))
    except Exception as exc:  # a bug met by one odd PDF must not stop the batch
        return rejected(
            source,
            "UNREADABLE_PDF",
            f"could not read the invoice: {type(exc).__name__}: {exc} (an internal reading error)",
        )
