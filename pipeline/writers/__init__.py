"""The output formats and their one registry.

A format is a name (what `--format` takes), a file suffix, a scope — one file per batch or one
file per exported invoice — and its documents: what each file is called and the function that
renders it to bytes. The renderer gets the batch's `BatchOutput`; a per-invoice format gets it
once per exported invoice, holding that invoice alone. Renderers live one module per format
(`xlsx.py`, `csv.py`) and are imported when a file is first rendered, so naming the formats
(the command line does, for its choices) loads no spreadsheet library.

Adding a format is one module with its renderer and one line in `FORMATS`. A name that is not
registered is an error, never a fallback. `batch_files` plans every file of a batch — its name
and renderer — from the formats asked for; the export writes them under temporary names and
publishes them together (`files.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from importlib import import_module
from typing import Literal

from pipeline.config import CsvDialect
from pipeline.errors import PipelineError
from pipeline.model import Booking, Finding, Invoice, JournalRow, Posting
from pipeline.writers.files import publish, temp_path_of, write_bytes
from pipeline.writers.tables import CheckRow, check_rows

__all__ = [
    "FORMATS",
    "BatchOutput",
    "CheckRow",
    "Document",
    "Format",
    "PlannedFile",
    "UnknownFormat",
    "batch_files",
    "check_rows",
    "chosen_formats",
    "format_names",
    "publish",
    "temp_path_of",
    "write_bytes",
]

Scope = Literal["batch", "invoice"]


class UnknownFormat(PipelineError):
    """An output format name that is not registered."""


@dataclass(frozen=True, slots=True)
class BatchOutput:
    """What a batch gives its formats: the invoices it books, every invoice it read or
    remembered (for the checks), and how to write them."""

    batch_id: str
    created: datetime
    bookings: tuple[Booking, ...]
    checked: tuple[Invoice, ...]
    dialect: CsvDialect
    #: What the export found about a file (by its name) besides its invoice's own findings.
    export_findings: tuple[tuple[str, Finding], ...] = ()

    @property
    def rows(self) -> tuple[JournalRow, ...]:
        return tuple(row for booking in self.bookings for row in booking.rows)

    @property
    def postings(self) -> tuple[Posting, ...]:
        return tuple(p for booking in self.bookings for p in booking.postings)

    @property
    def checks(self) -> tuple[CheckRow, ...]:
        """Every finding of the batch's files, errors first (see `tables.check_rows`)."""
        booked = tuple((b.invoice.source.file, f) for b in self.bookings for f in b.findings)
        return check_rows(self.checked, (*self.export_findings, *booked))

    def of(self, booking: Booking) -> BatchOutput:
        """The batch as a per-invoice format sees it: this booking alone."""
        return replace(self, bookings=(booking,), checked=(booking.invoice,), export_findings=())


Render = Callable[[BatchOutput], bytes]


@dataclass(frozen=True, slots=True)
class Document:
    """One file of a format. Per batch it is named `<stem>-<batch id><suffix>`; per invoice
    after the invoice's entry id (`stem` unused). `always`: written even when its format is
    not asked for; `when_booked`: written only when the batch books an invoice."""

    stem: str
    render: Render
    always: bool = False
    when_booked: bool = False


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    scope: Scope
    documents: tuple[Document, ...]


def renderer(module: str, function: str) -> Render:
    """`pipeline.writers.<module>.<function>`, imported at its first call."""

    def render(batch: BatchOutput) -> bytes:
        found: Render = getattr(import_module(f"{__name__}.{module}"), function)
        return found(batch)

    render.__qualname__ = f"{module}.{function}"
    return render


#: The registry: the command line's choices, the file names and the batch writer come from it.
FORMATS: tuple[Format, ...] = (
    Format("xlsx", ".xlsx", "batch", (Document("invoices", renderer("xlsx", "workbook")),)),
    Format(
        "csv",
        ".csv",
        "batch",
        (
            Document("journal", renderer("csv", "journal_csv"), when_booked=True),
            Document("postings", renderer("csv", "postings_csv"), when_booked=True),
            Document("checks", renderer("csv", "checks_csv"), always=True),
        ),
    ),
)


def format_names() -> tuple[str, ...]:
    """The registered names, in the registry's order: the `--format` choices and default."""
    return tuple(f.name for f in FORMATS)


def chosen_formats(names: Iterable[str]) -> frozenset[str]:
    """The names as registered; UnknownFormat names any that is not."""
    chosen = frozenset(names)
    unknown = sorted(chosen - set(format_names()))
    if unknown:
        raise UnknownFormat(
            f"unknown output format {', '.join(map(repr, unknown))}"
            f" (registered: {', '.join(format_names())})"
        )
    return chosen


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file a batch writes: its register kind, its name in the output folder, and what
    renders its bytes."""

    kind: str
    name: str
    render: Callable[[], bytes]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def invoice_file_stem(entry_id: str) -> str:
    """The entry id as a file name on every system: other characters become `_`, no
    leading dot."""
    return _UNSAFE.sub("_", entry_id).lstrip(".") or "_"


def batch_files(
    batch: BatchOutput, chosen: Collection[str], taken: Callable[[str], bool]
) -> tuple[PlannedFile, ...]:
    """Every file of the batch, in the registry's order. `taken(name)` says whether the
    output folder already holds a name: a per-invoice file then gets `-<batch id>` too (an
    invoice exported again never replaces the file of an earlier batch)."""
    chosen_formats(chosen)
    planned: list[PlannedFile] = []
    used: set[str] = set()
    for output in FORMATS:
        for document in output.documents:
            if output.name not in chosen and not document.always:
                continue
            if document.when_booked and not batch.bookings:
                continue
            if output.scope == "batch":
                name = f"{document.stem}-{batch.batch_id}{output.suffix}"
                kind = f"{document.stem}-{output.name}"
                planned.append(PlannedFile(kind, name, _rendering(document.render, batch)))
                used.add(name)
                continue
            for booking in batch.bookings:
                name = _free_name(
                    invoice_file_stem(booking.entry_id), output.suffix, batch.batch_id, taken, used
                )
                one = batch.of(booking)
                planned.append(PlannedFile(output.name, name, _rendering(document.render, one)))
                used.add(name)
    return tuple(planned)


def _rendering(render: Render, batch: BatchOutput) -> Callable[[], bytes]:
    return lambda: render(batch)


def _free_name(
    stem: str, suffix: str, batch_id: str, taken: Callable[[str], bool], used: set[str]
) -> str:
    candidates = (f"{stem}{suffix}", f"{stem}-{batch_id}{suffix}")
    for name in candidates:
        if name not in used and not taken(name):
            return name
    number = 2
    while f"{stem}-{batch_id}-{number}{suffix}" in used or taken(
        f"{stem}-{batch_id}-{number}{suffix}"
    ):
        number += 1
    return f"{stem}-{batch_id}-{number}{suffix}"
