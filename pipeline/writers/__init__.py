"""The output formats and their one registry.

A format is a name (what `--format` takes), a file suffix, a scope — one file per batch or one
file per exported invoice — and its documents: what each file is called and the function that
renders it to bytes. The renderer gets the batch's `BatchOutput`; a per-invoice format gets it
once per exported invoice, holding that invoice alone. Renderers live one module per format
(`xlsx.py`, `csv.py`, `ubl.py`) and are imported when a file is first rendered, so naming the
formats (the command line does, for its choices) loads no spreadsheet or XML library.

A per-invoice renderer may decline: it returns `Declined(reason)` instead of bytes, and no
file is written for that invoice. The batch then carries an export finding
`<FORMAT>_SKIPPED` (severity warning) naming the file that was not written and why; every
per-invoice document is rendered while the batch is planned, before the batch files, so the
checks sheet and CSV list those findings. The finding belongs to the export, not to the
invoice: the invoice is still booked.

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
from pathlib import Path
from typing import Literal

from pipeline.config import Client, CsvDialect
from pipeline.errors import PipelineError
from pipeline.model import Booking, Finding, Invoice, JournalRow, Posting, Severity
from pipeline.timeline import LicenceMonth
from pipeline.writers.files import publish, temp_path_of, write_bytes
from pipeline.writers.tables import CheckRow, check_rows

__all__ = [
    "FORMATS",
    "UBL_FORMAT",
    "BatchOutput",
    "BatchPlan",
    "CheckRow",
    "Declined",
    "Document",
    "Format",
    "PlannedFile",
    "UnknownFormat",
    "batch_files",
    "batch_plan",
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
    remembered (for the checks), and how to write them.

    `sources` maps a PDF's SHA-256 to where the batch found it (a format that embeds the PDF
    reads it there); `export_findings` are the export's own findings about a file (its
    client, its exchange rate, a per-invoice file declined), listed in the checks with the
    findings of the invoices."""

    batch_id: str
    created: datetime
    bookings: tuple[Booking, ...]
    checked: tuple[Invoice, ...]
    dialect: CsvDialect
    #: What the export found about a file (by its name) besides its invoice's own findings.
    export_findings: tuple[tuple[str, Finding], ...] = ()
    sources: tuple[tuple[str, Path], ...] = ()
    #: The configured clients: a per-invoice format finds the invoice's buyer among them.
    clients: tuple[Client, ...] = ()
    #: The licence timeline of the customers the batch books, over every invoice the
    #: register has exported with this batch's (the workbook's Licences sheet).
    licences: tuple[LicenceMonth, ...] = ()

    def source_path(self, invoice: Invoice) -> Path | None:
        """Where the batch found the PDF the invoice was read from, if it knows."""
        return next((path for sha, path in self.sources if sha == invoice.source.sha256), None)

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


@dataclass(frozen=True, slots=True)
class Declined:
    """A per-invoice renderer's answer when the invoice gets no file: why, naming the rule
    and the value involved."""

    reason: str


Render = Callable[[BatchOutput], bytes | Declined]

#: The severity of the export message for a declined per-invoice file.
DECLINED_SEVERITY: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Document:
    """One file of a format. Per batch it is named `<stem>-<batch id><suffix>`; per invoice
    after the invoice's entry id, in the sub-folder `<stem>` (none when `stem` is empty).
    `always`: written even when its format is not asked for; `when_booked`: written only
    when the batch books an invoice."""

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

    def render(batch: BatchOutput) -> bytes | Declined:
        found: Render = getattr(import_module(f"{__name__}.{module}"), function)
        return found(batch)

    render.__qualname__ = f"{module}.{function}"
    return render


#: The UBL format's name, which also names the command that writes it for single files.
UBL_FORMAT = "ubl"

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
    Format(UBL_FORMAT, ".xml", "invoice", (Document("ubl", renderer("ubl", "ubl_document")),)),
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
    """One file a batch writes: its register kind, its path below the output folder
    (`ubl/<entry id>.xml` for a per-invoice file in a sub-folder), and what renders its
    bytes."""

    kind: str
    name: str
    render: Callable[[], bytes]


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """Every file a batch writes, in the registry's order, and the batch the files render:
    it carries the export's findings of the per-invoice files that were declined."""

    files: tuple[PlannedFile, ...]
    batch: BatchOutput
    #: `(file, finding)` per per-invoice file declined: `<FORMAT>_SKIPPED`.
    declined: tuple[tuple[str, Finding], ...] = ()


class DeclinedBatchFile(PipelineError):
    """A batch renderer declined: only a per-invoice file may be left out."""


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def invoice_file_stem(entry_id: str) -> str:
    """The entry id as a file name on every system: other characters become `_`, no
    leading dot."""
    return _UNSAFE.sub("_", entry_id).lstrip(".") or "_"


def batch_files(
    batch: BatchOutput, chosen: Collection[str], taken: Callable[[str], bool]
) -> tuple[PlannedFile, ...]:
    """Every file of the batch, in the registry's order (`batch_plan`'s files)."""
    return batch_plan(batch, chosen, taken).files


def batch_plan(
    batch: BatchOutput, chosen: Collection[str], taken: Callable[[str], bool]
) -> BatchPlan:
    """Every file of the batch, in the registry's order, and the batch they render.
    `taken(name)` says whether the output folder already holds a name: a per-invoice file
    then gets `-<batch id>` too (an invoice exported again never replaces the file of an
    earlier batch).

    Per-invoice documents are rendered here, first, so that those declined are export
    findings of the batch the batch files (the checks) are rendered from."""
    chosen_formats(chosen)
    used: set[str] = set()
    per_format: dict[int, list[PlannedFile]] = {}
    declined: list[tuple[str, Finding]] = []
    for index, output in enumerate(FORMATS):
        if output.scope == "invoice" and output.name in chosen:
            files, refused = _invoice_files(output, batch, taken, used)
            per_format[index] = files
            declined += refused
    batch = replace(batch, export_findings=(*batch.export_findings, *declined))
    for index, output in enumerate(FORMATS):
        if output.scope == "batch":
            per_format[index] = _batch_scope_files(output, batch, chosen, used)
    planned = (p for index in sorted(per_format) for p in per_format[index])
    return BatchPlan(tuple(planned), batch, tuple(declined))


def _batch_scope_files(
    output: Format, batch: BatchOutput, chosen: Collection[str], used: set[str]
) -> list[PlannedFile]:
    planned = []
    for document in output.documents:
        if output.name not in chosen and not document.always:
            continue
        if document.when_booked and not batch.bookings:
            continue
        name = f"{document.stem}-{batch.batch_id}{output.suffix}"
        kind = f"{document.stem}-{output.name}"
        planned.append(PlannedFile(kind, name, _rendering(document.render, batch, name)))
        used.add(name)
    return planned


def _invoice_files(
    output: Format, batch: BatchOutput, taken: Callable[[str], bool], used: set[str]
) -> tuple[list[PlannedFile], list[tuple[str, Finding]]]:
    """Each booking's file of a per-invoice format, rendered now; a declined one is a
    message naming the file it would have been."""
    planned: list[PlannedFile] = []
    declined: list[tuple[str, Finding]] = []
    for document in output.documents:
        folder = f"{document.stem}/" if document.stem else ""
        for booking in batch.bookings:
            stem = invoice_file_stem(booking.entry_id)
            rendered = document.render(batch.of(booking))
            if isinstance(rendered, Declined):
                wanted = f"{folder}{stem}{output.suffix}"
                declined.append(_declined_row(output, booking.invoice, wanted, rendered))
                continue
            name = _free_name(folder, stem, output.suffix, batch.batch_id, taken, used)
            planned.append(PlannedFile(output.name, name, _constant(rendered)))
            used.add(name)
    return planned, declined


def _declined_row(
    output: Format, invoice: Invoice, name: str, declined: Declined
) -> tuple[str, Finding]:
    return invoice.source.file, Finding(
        code=f"{output.name.upper()}_SKIPPED",
        severity=DECLINED_SEVERITY,
        message=f"{name} not written: {declined.reason}",
    )


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _rendering(render: Render, batch: BatchOutput, name: str) -> Callable[[], bytes]:
    def rendered() -> bytes:
        result = render(batch)
        if isinstance(result, Declined):
            raise DeclinedBatchFile(f"a batch file cannot be left out: {result.reason}", file=name)
        return result

    return rendered


def _free_name(
    folder: str, stem: str, suffix: str, batch_id: str, taken: Callable[[str], bool], used: set[str]
) -> str:
    """`<folder><stem><suffix>`, else with `-<batch id>`, else `-<batch id>-2`, `-3`…: the
    first the folder does not hold and the batch has not used."""

    def free(name: str) -> bool:
        return folder + name not in used and not taken(folder + name)

    for name in (f"{stem}{suffix}", f"{stem}-{batch_id}{suffix}"):
        if free(name):
            return folder + name
    number = 2
    while not free(f"{stem}-{batch_id}-{number}{suffix}"):
        number += 1
    return f"{folder}{stem}-{batch_id}-{number}{suffix}"
