"""One month-end batch: every PDF below an inbox to the files of the chosen output formats.

The batch skips files the register already exported (by SHA-256, without parsing them), takes
the invoice of a file it read before but did not export from the register (same SHA-256, same
reader version; `--again` reads them anyway), reads the others in a pool of worker processes —
each file under a time limit, a crash or timeout becoming a finding of that file — and decides
in the files' sorted order, so the result never depends on worker timing. Files and register
change together: the batch is first recorded as pending with the names of its files, the files
are written under temporary names, and one register transaction inserts the invoices, renames
the files into place and marks the batch done. A run killed at any moment leaves a pending
batch that the next run removes with its files before it starts; the next run then exports
what the killed one did not.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline import writers
from pipeline.booking import book, is_bookable
from pipeline.clients import Refusal, customer_label, folder_of
from pipeline.codeversion import reading_code_version
from pipeline.config import Settings
from pipeline.discovery import Skipped, folder_files
from pipeline.errors import PipelineError
from pipeline.hashing import file_sha256_or_none
from pipeline.model import Booking, Finding, Invoice
from pipeline.money import DEFAULT_LOCALE
from pipeline.rates import ExchangeRates, load_rates, no_rates
from pipeline.record import invoice_from_record, invoice_record
from pipeline.register import (
    BatchFile,
    Dismissal,
    NewExport,
    Register,
    RegisterView,
    SeenFile,
    open_register,
    read_register,
    register_name,
)

if TYPE_CHECKING:
    from pipeline.reading import FileToRead, Reader, ReadResult

Progress = Callable[[int, int], None]
Outcome = Literal["exported", "already_exported", "duplicate", "attention", "dismissed"]


class ExportError(PipelineError):
    """The inbox or the output folder cannot be used; nothing was exported."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    inbox: Path
    out: Path
    formats: frozenset[str] = frozenset(writers.format_names())
    again: bool = False
    dry_run: bool = False
    #: Move each exported PDF to `archive/<YYYY-MM>/<date> <number>.pdf` once its batch is done.
    archive: Path | None = None


@dataclass(frozen=True, slots=True)
class FileResult:
    """One PDF of the batch: its name below the inbox, what became of it, and its invoice
    (None for a file skipped as already exported, which is not opened); `remembered` when
    that invoice came from the register instead of the file."""

    name: str
    sha256: str
    outcome: Outcome
    invoice: Invoice | None
    remembered: bool = False
    dismissal: Dismissal | None = None
    #: The export's own findings about the file (client, exchange rate, foreign VAT).
    export_findings: tuple[Finding, ...] = ()
    #: The output folder of the invoice's client, below the export's ("" for that one).
    folder: str = ""


@dataclass(frozen=True, slots=True)
class BatchReport:
    batch_id: str
    dry_run: bool
    files: tuple[FileResult, ...]
    journal_rows: int
    totals: tuple[tuple[str, Decimal], ...]
    outputs: tuple[Path, ...]
    recovered: tuple[str, ...]
    #: What the inbox holds that is not read: hidden files, other files, broken links.
    skipped: tuple[Skipped, ...] = ()
    #: Nothing exported and nothing read that earlier runs had not reported: no file written.
    nothing_new: bool = False
    #: Where the register is, as shown to people.
    register: str | None = None
    #: What `--archive` did with each exported PDF, one line each.
    archived: tuple[str, ...] = ()
    #: Without configured clients: whom the invoices read are addressed to, and how many.
    customers: tuple[tuple[str, int], ...] = ()
    #: The locale of the amounts printed for people.
    locale: str = DEFAULT_LOCALE

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome == outcome)

    @property
    def files_read(self) -> int:
        return sum(1 for f in self.files if f.invoice is not None and not f.remembered)

    @property
    def files_remembered(self) -> int:
        return sum(1 for f in self.files if f.remembered)

    @property
    def exit_status(self) -> int:
        return 1 if self.count("attention") else 0


# ---------------------------------------------------------------- remembering what was read


def seen_json(invoice: Invoice) -> str:
    """The invoice as the register remembers it: its record and what the record leaves out."""
    data = {
        "invoice": invoice_record(invoice),
        "line_pages": [line.page for line in invoice.lines],
        "header_total": _text_or_none(invoice.header_total),
        "tax_rate": _text_or_none(invoice.tax_rate),
        "previous_balance": _text_or_none(invoice.previous_balance),
        "dates_ambiguous": invoice.dates_ambiguous,
        "azure_credits": _text_or_none(invoice.azure_credits),
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _text_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal_or_none(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def invoice_from_seen(text: str, name: str) -> Invoice:
    """The invoice `seen_json` remembered, as the file `name` now found: a file renamed since
    gets its new name, in its source and in the findings that begin with the old one."""
    data = json.loads(text)
    remembered = invoice_from_record(data["invoice"])
    lines = tuple(
        dataclasses.replace(line, page=page)
        for line, page in zip(remembered.lines, data["line_pages"], strict=True)
    )
    old = f"{remembered.source.file}: "
    findings = tuple(
        dataclasses.replace(f, message=f"{name}: {f.message.removeprefix(old)}")
        if f.message.startswith(old)
        else f
        for f in remembered.findings
    )
    return dataclasses.replace(
        remembered,
        source=dataclasses.replace(remembered.source, file=name),
        lines=lines,
        findings=findings,
        header_total=_decimal_or_none(data["header_total"]),
        tax_rate=_decimal_or_none(data["tax_rate"]),
        previous_balance=_decimal_or_none(data["previous_balance"]),
        dates_ambiguous=bool(data["dates_ambiguous"]),
        azure_credits=_decimal_or_none(data.get("azure_credits")),
    )


# ---------------------------------------------------------------- deciding what to export


def content_sha256(invoice: Invoice) -> str:
    """A fingerprint of the invoice's data (not its file): equal for two downloads of one
    invoice whose PDF bytes differ, different when any field or line differs."""
    record = invoice_record(invoice)
    del record["source"], record["findings"]
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _with_finding(invoice: Invoice, finding: Finding) -> Invoice:
    return dataclasses.replace(invoice, findings=(*invoice.findings, finding))


def _duplicate(invoice: Invoice, message: str) -> Invoice:
    return _with_finding(invoice, Finding.of("DUPLICATE_INVOICE", message))


def _conflict(invoice: Invoice, message: str) -> Invoice:
    return _with_finding(invoice, Finding("DUPLICATE_INVOICE", "error", message))


def decide(
    read: Sequence[Invoice], register: RegisterView, *, again: bool
) -> list[tuple[Invoice, Outcome]]:
    """Each read invoice with its outcome, duplicate findings added, in the given order.

    Invoices with an error are never exported. Of several files of one invoice (same
    entry_id, same data) the first is exported and the others are DUPLICATE_INVOICE
    warnings; one already in the register is a duplicate too unless `again`. The same
    entry_id with different data — in this batch or against the register — is an error on
    every such file: which one is right is for a person to decide.
    """
    groups: dict[str, list[int]] = {}
    for index, invoice in enumerate(read):
        entry_id = invoice.entry_id
        if entry_id is not None and is_bookable(invoice):
            groups.setdefault(entry_id, []).append(index)
    decided: list[tuple[Invoice, Outcome]] = [
        (inv, "exported" if is_bookable(inv) else "attention") for inv in read
    ]
    for entry_id, members in groups.items():
        contents = {index: content_sha256(read[index]) for index in members}
        earlier = register.exported_entry(entry_id)
        versions = set(contents.values())
        if earlier is not None and not (
            earlier.sha256 in {read[i].source.sha256 for i in members}
            or earlier.content_sha256 in versions
        ):
            versions.add(earlier.content_sha256)
        if len(versions) > 1:
            for index in members:
                others = [read[i].source.file for i in members if i != index]
                if earlier is not None:
                    others.append(f"{earlier.source_file} (exported in batch {earlier.batch_id})")
                decided[index] = (
                    _conflict(
                        read[index],
                        f"invoice {read[index].invoice_number} has different content in "
                        f"{', '.join(others)}: the same number with different data; "
                        "not exported — keep the right file and remove the other",
                    ),
                    "attention",
                )
            continue
        first, *copies = members
        if earlier is not None and not again:
            decided[first] = (
                _duplicate(
                    read[first],
                    f"invoice {read[first].invoice_number} was exported before in batch "
                    f"{earlier.batch_id} from {earlier.source_file}; not exported again",
                ),
                "duplicate",
            )
        for index in copies:
            decided[index] = (
                _duplicate(
                    read[index],
                    f"invoice {read[index].invoice_number} is also in {read[first].source.file}"
                    " in this batch; exported once",
                ),
                "duplicate",
            )
    return decided


# ---------------------------------------------------------------- the batch


def batch_id_for(moment: datetime, taken: frozenset[str], out: Path) -> str:
    """`YYYYMMDD-HHMMSS` of the local time, with `-2`, `-3`… when that id is taken."""
    base = moment.strftime("%Y%m%d-%H%M%S")
    candidate, n = base, 1
    while candidate in taken or any(out.glob(f"*-{candidate}.*")):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _remove_files(files: Sequence[BatchFile]) -> None:
    for item in files:
        item.temp_path.unlink(missing_ok=True)
        item.path.unlink(missing_ok=True)


def recover(register: Register) -> tuple[str, ...]:
    """Remove what killed runs left: every file of every pending batch, then the batch."""
    recovered = []
    for batch in register.batches(state="pending"):
        try:
            _remove_files(batch.files)
        except OSError as exc:
            raise ExportError(
                f"cannot remove a file an interrupted export left ({exc.strerror or exc})",
                file=str(exc.filename),
            ) from None
        register.discard_batch(batch.batch_id)
        recovered.append(batch.batch_id)
    return tuple(recovered)


def _check_inbox(inbox: Path) -> None:
    if not inbox.exists():
        raise ExportError("no such folder", file=str(inbox))
    if not inbox.is_dir():
        raise ExportError("is not a folder", file=str(inbox))


def _prepare_out(out: Path, dry_run: bool) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError("the output path exists and is not a folder", file=str(out))
    if dry_run:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot create the output folder ({exc.strerror or exc})", file=str(out)
        ) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError("the output folder is not writable", file=str(out))


def run_export(
    options: ExportOptions,
    settings: Settings,
    *,
    reader: Reader | None = None,
    progress: Progress | None = None,
    clock: Callable[[], datetime] | None = None,
    reader_version: str | None = None,
) -> BatchReport:
    """Export one batch; raises ExportError, RegisterBusy, RegisterError, ConfigError for
    what stops the whole batch (nothing is then written or recorded).

    `reader_version` names what the reader makes of a file: the register's memory of a file
    read by another version, or under other limits, is not used."""
    writers.chosen_formats(options.formats)
    _check_inbox(options.inbox)
    _prepare_out(options.out, options.dry_run)
    rates = load_rates(settings.rates_path) if settings.rates_path is not None else no_rates()
    started = (clock or datetime.now)().astimezone()
    opened: AbstractContextManager[RegisterView] = (
        read_register(settings.register_path)
        if options.dry_run
        else open_register(settings.register_path)
    )
    version = f"{reader_version or reading_code_version()};{settings.read_limits().key()}"
    with opened as register:
        recovered = recover(register) if isinstance(register, Register) else ()
        return _run(
            options, settings, rates, register, reader, progress, started, recovered, version
        )


@dataclass(frozen=True, slots=True)
class _Inbox:
    """The inbox sorted out before anything is read: files not to read (already exported,
    dismissed), files known from the register, files to read, and what was left out."""

    known: dict[str, FileResult]
    tasks: list[FileToRead]
    remembered: dict[int, Invoice]
    skipped: tuple[Skipped, ...]
    names: tuple[str, ...]
    paths: dict[str, Path]


def _sort_inbox(options: ExportOptions, register: RegisterView, version: str) -> _Inbox:
    from pipeline.reading import FileToRead

    found = folder_files(options.inbox)
    known: dict[str, FileResult] = {}
    tasks: list[FileToRead] = []
    remembered: dict[int, Invoice] = {}
    for file in found.files:
        sha = file_sha256_or_none(file.path)
        if sha is not None and not options.again and register.is_sha256_exported(sha):
            known[file.name] = FileResult(file.name, sha, "already_exported", None)
            continue
        dismissal = None if sha is None else register.dismissal(sha)
        if dismissal is not None:
            known[file.name] = FileResult(
                file.name, sha or "", "dismissed", None, dismissal=dismissal
            )
            continue
        seen = None if sha is None or options.again else register.seen_record(sha, version)
        if seen is not None:
            remembered[len(tasks)] = invoice_from_seen(seen, file.name)
        tasks.append(FileToRead(file.path, file.name, sha))
    names = tuple(file.name for file in found.files)
    paths = {file.name: file.path for file in found.files}
    return _Inbox(known, tasks, remembered, found.skipped, names, paths)


def _read(
    inbox: _Inbox, settings: Settings, reader: Reader | None, progress: Progress | None
) -> list[ReadResult]:
    """What each task reads as: from the register's memory, else read under the limits."""
    from pipeline.reading import ReadResult, read_files

    to_read = [t for i, t in enumerate(inbox.tasks) if i not in inbox.remembered]
    fresh = iter(
        read_files(
            to_read,
            settings.read_limits(),
            jobs=settings.jobs or os.cpu_count() or 1,
            reader=reader,
            progress=progress,
        )
    )
    return [
        ReadResult(inbox.remembered[i], lasting=False) if i in inbox.remembered else next(fresh)
        for i in range(len(inbox.tasks))
    ]


def _run(
    options: ExportOptions,
    settings: Settings,
    rates: ExchangeRates,
    register: RegisterView,
    reader: Reader | None,
    progress: Progress | None,
    started: datetime,
    recovered: tuple[str, ...],
    version: str,
) -> BatchReport:
    inbox = _sort_inbox(options, register, version)
    read = _read(inbox, settings, reader, progress)
    results: list[FileResult] = []
    booked: list[Booking] = []
    to_remember: list[SeenFile] = []
    decided = decide([r.invoice for r in read], register, again=options.again)
    for index, (task, first, (invoice, outcome)) in enumerate(
        zip(inbox.tasks, read, decided, strict=True)
    ):
        notes: tuple[Finding, ...] = ()
        if outcome == "exported":
            entry = book(invoice, settings, rates)
            if isinstance(entry, Booking):
                booked.append(entry)
                notes = entry.findings
            elif isinstance(entry, Refusal):
                outcome, notes = "attention", entry.findings
            else:
                invoice, outcome = entry, "attention"
        if outcome != "exported" and first.lasting and task.sha256 is not None:
            to_remember.append(SeenFile(task.sha256, version, seen_json(first.invoice)))
        results.append(
            FileResult(
                task.name,
                invoice.source.sha256,
                outcome,
                invoice,
                remembered=index in inbox.remembered,
                export_findings=notes,
                folder=folder_of(invoice, settings.clients),
            )
        )
    batch_id = batch_id_for(started, register.batch_ids(), options.out)
    batches = _client_batches(batch_id, started, settings, results, booked)
    out = options.out.resolve()
    planned = tuple(
        (Path(folder) / plan.name, plan)
        for folder, batch in batches
        for plan in writers.batch_files(batch, options.formats, _taken_in(out / folder))
    )
    nothing_new = not options.again and not booked and all(r.remembered for r in results)
    if not options.dry_run and not nothing_new:
        assert isinstance(register, Register)
        _write_batch(register, batch_id, started, booked, options, out, planned, to_remember)
    archived: tuple[str, ...] = ()
    if options.archive is not None and not options.dry_run:
        archived = _archive(options.archive, inbox, results, settings, reader)
    by_name = {r.name: r for r in (*inbox.known.values(), *results)}
    return BatchReport(
        batch_id=batch_id,
        dry_run=options.dry_run,
        files=tuple(by_name[name] for name in inbox.names),
        journal_rows=sum(len(b.rows) for b in booked),
        totals=_totals(booked),
        outputs=(
            ()
            if options.dry_run or nothing_new
            else tuple(options.out / path for path, _ in planned)
        ),
        recovered=recovered,
        skipped=inbox.skipped,
        nothing_new=nothing_new,
        register=register_name(settings.register_path),
        archived=archived,
        customers=() if settings.clients else _customers(results),
        locale=settings.locale,
    )


def _archive(
    folder: Path,
    inbox: _Inbox,
    results: Sequence[FileResult],
    settings: Settings,
    reader: Reader | None,
) -> tuple[str, ...]:
    """Move the PDFs the register holds as exported (this batch's, and earlier ones still in
    the inbox: a run stopped between its commit and its moves) to the archive; one line each.
    A file that cannot be moved stays in the inbox and is said so; it is moved next time."""
    from pipeline.archive import archive_file
    from pipeline.reading import FileToRead, read_files

    exported = [(r.name, r.invoice) for r in results if r.outcome == "exported" and r.invoice]
    earlier = [r for r in inbox.known.values() if r.outcome == "already_exported"]
    if earlier:
        files = [FileToRead(inbox.paths[r.name], r.name, r.sha256) for r in earlier]
        read = read_files(files, settings.read_limits(), jobs=1, reader=reader)
        exported += [(r.name, done.invoice) for r, done in zip(earlier, read, strict=True)]
    lines = []
    for name, invoice in sorted(exported, key=lambda item: inbox.names.index(item[0])):
        if invoice.invoice_date is None or not invoice.invoice_number:
            lines.append(f"! {name}: not archived: its invoice date or number was not read")
            continue
        try:
            target = archive_file(
                inbox.paths[name], folder, invoice.invoice_date, invoice.invoice_number
            )
        except OSError as exc:
            lines.append(f"! {name}: not archived ({exc.strerror or exc}); moved on the next run")
            continue
        lines.append(f"archived {name} → {target}")
    return tuple(lines)


def dismiss_files(
    paths: Sequence[Path],
    reason: str,
    settings: Settings,
    clock: Callable[[], datetime] | None = None,
) -> list[Dismissal]:
    """Record each file as handled by hand, by its SHA-256; all or none: raises ExportError
    naming a file that cannot be read or is already exported, before anything is recorded."""
    from pipeline.discovery import printable

    stamp = (clock or datetime.now)().astimezone().isoformat(timespec="seconds")
    reason = " ".join(reason.split())
    if not reason:
        raise ExportError("say what was done with the file: --reason must not be empty")
    with open_register(settings.register_path) as register:
        dismissals = []
        for path in paths:
            sha = file_sha256_or_none(path)
            name = printable(path.name)
            if sha is None:
                raise ExportError("cannot be read", file=printable(str(path)))
            if register.is_sha256_exported(sha):
                raise ExportError(
                    "is already exported; there is nothing to dismiss", file=printable(str(path))
                )
            dismissals.append(Dismissal(sha, name, reason, stamp))
        for dismissal in dismissals:
            register.dismiss(dismissal)
    return dismissals


def _taken_in(folder: Path) -> Callable[[str], bool]:
    """Whether `folder` already holds a file of that name."""
    return lambda name: (folder / name).exists()


def _client_batches(
    batch_id: str,
    started: datetime,
    settings: Settings,
    results: Sequence[FileResult],
    booked: Sequence[Booking],
) -> list[tuple[str, writers.BatchOutput]]:
    """The batch's output per folder: each client's own (several clients), and the export's
    folder itself, which always gets its checks (files of no client: unreadable, unknown)."""
    folder_of_file = {r.name: r.folder for r in results}
    folders = sorted({"", *folder_of_file.values()})
    return [
        (
            folder,
            writers.BatchOutput(
                batch_id=batch_id,
                created=started,
                bookings=tuple(
                    b for b in booked if folder_of_file[b.invoice.source.file] == folder
                ),
                checked=tuple(
                    r.invoice for r in results if r.invoice is not None and r.folder == folder
                ),
                dialect=settings.csv_dialect,
                export_findings=tuple(
                    (r.name, finding)
                    for r in results
                    if r.folder == folder and r.outcome != "exported"
                    for finding in r.export_findings
                ),
            ),
        )
        for folder in folders
    ]


def _customers(results: Sequence[FileResult]) -> tuple[tuple[str, int], ...]:
    """Whom the invoices read are addressed to, most invoices first."""
    counts: dict[str, int] = {}
    for result in results:
        invoice = result.invoice
        if invoice is not None and (invoice.customer.name or invoice.customer.vat_number):
            label = customer_label(invoice)
            counts[label] = counts.get(label, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _totals(booked: Sequence[Booking]) -> tuple[tuple[str, Decimal], ...]:
    """The exported totals per currency of the books (each invoice's own without clients)."""
    totals: dict[str, Decimal] = {}
    for entry in booked:
        first = entry.rows[0]
        currency = first.functional_currency or "(no currency)"
        totals[currency] = totals.get(currency, Decimal("0.00")) + first.gross_functional
    return tuple(sorted(totals.items()))


def _write_batch(
    register: Register,
    batch_id: str,
    created: datetime,
    booked: Sequence[Booking],
    options: ExportOptions,
    out: Path,
    planned: Sequence[tuple[Path, writers.PlannedFile]],
    seen: Sequence[SeenFile],
) -> None:
    files = [
        BatchFile(plan.kind, out / path, writers.temp_path_of(out / path)) for path, plan in planned
    ]
    stamp = created.isoformat(timespec="seconds")
    for item in files:
        try:
            item.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"cannot create a client's output folder ({exc.strerror or exc})",
                file=str(item.path.parent),
            ) from None
    register.begin_batch(batch_id, stamp, files, again=options.again)
    try:
        for item, (_, plan) in zip(files, planned, strict=True):
            writers.write_bytes(item.temp_path, plan.render())
        exports = [
            NewExport(
                entry_id=b.rows[0].entry_id,
                sha256=b.invoice.source.sha256,
                content_sha256=content_sha256(b.invoice),
                source_file=b.invoice.source.file,
            )
            for b in booked
        ]

        def publish() -> None:
            for item in files:
                writers.publish(item.temp_path, item.path)

        register.complete_batch(batch_id, stamp, exports, publish, seen)
    except BaseException as exc:
        with suppress(OSError, PipelineError):  # what stays behind, the next run recovers
            _remove_files(files)
            register.discard_batch(batch_id)
        if isinstance(exc, OSError):
            raise ExportError(
                f"cannot write the output files ({exc.strerror or exc}); nothing was exported",
                file=str(options.out),
            ) from None
        raise
