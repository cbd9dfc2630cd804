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
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Literal

from pipeline import writers
from pipeline.booking import book, is_bookable
from pipeline.codeversion import reading_code_version
from pipeline.config import Settings
from pipeline.discovery import pdf_files
from pipeline.errors import PipelineError
from pipeline.hashing import file_sha256_or_none
from pipeline.model import Booking, Finding, Invoice, Source, rejected
from pipeline.record import invoice_from_record, invoice_record
from pipeline.register import (
    BatchFile,
    NewExport,
    Register,
    RegisterView,
    SeenFile,
    open_register,
    read_register,
)

Reader = Callable[[Path, str], Invoice]
Progress = Callable[[int, int], None]
Outcome = Literal["exported", "already_exported", "duplicate", "attention"]


class ExportError(PipelineError):
    """The inbox or the output folder cannot be used; nothing was exported."""


class ParseTimeout(BaseException):
    """Raised in a worker when reading one file exceeds the time limit.

    A BaseException, so that a reader's own `except Exception` cannot swallow it."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    inbox: Path
    out: Path
    formats: frozenset[str] = frozenset(writers.format_names())
    again: bool = False
    dry_run: bool = False


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


@dataclass(frozen=True, slots=True)
class BatchReport:
    batch_id: str
    dry_run: bool
    files: tuple[FileResult, ...]
    journal_rows: int
    totals: tuple[tuple[str, Decimal], ...]
    outputs: tuple[Path, ...]
    recovered: tuple[str, ...]

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


# ---------------------------------------------------------------- reading, with limits


@contextmanager
def time_limit(seconds: float, timeout: type[BaseException] = ParseTimeout) -> Iterator[None]:
    """Raise `timeout` in this (main) thread after `seconds`; a no-op elsewhere."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def failed_read(name: str, sha256: str | None, reason: str) -> Invoice:
    """The record of a file the reader did not finish: an UNREADABLE_PDF finding."""
    return rejected(
        Source(file=name, sha256=sha256 or "0" * 64, pages=None), "UNREADABLE_PDF", reason
    )


def read_pdf(path: Path, name: str) -> Invoice:
    """`pipeline.reading.read_invoice`, imported at the first file read: a re-run with nothing
    new to read never loads the parser."""
    from pipeline.reading import read_invoice

    return read_invoice(path, name)


@dataclass(frozen=True, slots=True)
class _Read:
    """An invoice as read; `lasting` when it is the reader's own answer, which the same bytes
    and reader always give (not a timeout, crash or exception, which may not recur)."""

    invoice: Invoice
    lasting: bool


def read_one(reader: Reader, path: Path, name: str, sha256: str | None, limit: float) -> _Read:
    """The reader's invoice; a timeout or any exception becomes an UNREADABLE_PDF finding."""
    try:
        with time_limit(limit):
            return _Read(reader(path, name), lasting=True)
    except ParseTimeout:
        reason = f"parsing took longer than {limit:g} s"
    except Exception as exc:  # a reader bug on one file must not stop the batch
        detail = str(exc).strip() or type(exc).__name__
        reason = f"reading failed ({type(exc).__name__}: {detail})"
    return _Read(failed_read(name, sha256, reason), lasting=False)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _start_worker() -> None:
    """Exit the worker when the export that started it is gone, so an export killed with -9
    leaves no worker behind."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()


@dataclass(frozen=True, slots=True)
class _Task:
    path: Path
    name: str
    sha256: str | None


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Workers forked from the export on Linux (fast, and nothing re-imports the main module;
    the register's lock is closed in them, see register.py), started fresh elsewhere."""
    method = "fork" if sys.platform == "linux" else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
    )


def read_all(
    tasks: Sequence[_Task],
    reader: Reader,
    *,
    jobs: int,
    limit: float,
    progress: Progress | None = None,
) -> list[_Read]:
    """The invoice of every task, in the tasks' order whatever order the workers finish in.

    A worker that dies (a crash of the reader's native code, the out-of-memory killer) breaks
    the pool for every file in flight; those files are read again one per pool, so only the
    file that kills its worker gets the finding.
    """
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(tasks))

    if progress is not None:
        progress(0, len(tasks))
    if jobs <= 1 or len(tasks) <= 1:
        results = []
        for task in tasks:
            results.append(read_one(reader, task.path, task.name, task.sha256, limit))
            advance()
        return results
    invoices: dict[int, _Read] = {}
    broken: list[int] = []
    with _pool(min(jobs, len(tasks))) as pool:
        futures: dict[Future[_Read], int] = {
            pool.submit(read_one, reader, t.path, t.name, t.sha256, limit): i
            for i, t in enumerate(tasks)
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                invoices[index] = future.result()
            except BrokenProcessPool:
                broken.append(index)
                continue
            advance()
    for index in sorted(broken):
        invoices[index] = _read_alone(tasks[index], reader, limit)
        advance()
    return [invoices[i] for i in range(len(tasks))]


def _read_alone(task: _Task, reader: Reader, limit: float) -> _Read:
    with _pool(1) as pool:
        future = pool.submit(read_one, reader, task.path, task.name, task.sha256, limit)
        try:
            return future.result()
        except BrokenProcessPool:
            crashed = failed_read(
                task.name, task.sha256, "reading this file crashed the worker process"
            )
            return _Read(crashed, lasting=False)


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
    read by another version is not used."""
    writers.chosen_formats(options.formats)
    _check_inbox(options.inbox)
    _prepare_out(options.out, options.dry_run)
    if reader is None:
        reader = read_pdf
    started = (clock or datetime.now)().astimezone()
    opened: AbstractContextManager[RegisterView] = (
        read_register(settings.register_path)
        if options.dry_run
        else open_register(settings.register_path)
    )
    with opened as register:
        recovered = recover(register) if isinstance(register, Register) else ()
        return _run(
            options,
            settings,
            register,
            reader,
            progress,
            started,
            recovered,
            reader_version or reading_code_version(),
        )


def _run(
    options: ExportOptions,
    settings: Settings,
    register: RegisterView,
    reader: Reader,
    progress: Progress | None,
    started: datetime,
    recovered: tuple[str, ...],
    version: str,
) -> BatchReport:
    found = pdf_files(options.inbox)
    skipped: list[FileResult] = []
    tasks: list[_Task] = []
    remembered: dict[int, Invoice] = {}
    for path in found:
        name = path.relative_to(options.inbox).as_posix()
        sha = file_sha256_or_none(path)
        if sha is not None and not options.again and register.is_sha256_exported(sha):
            skipped.append(FileResult(name, sha, "already_exported", None))
            continue
        seen = None if sha is None or options.again else register.seen_record(sha, version)
        if seen is not None:
            remembered[len(tasks)] = invoice_from_seen(seen, name)
        tasks.append(_Task(path, name, sha))
    jobs = settings.jobs or os.cpu_count() or 1
    to_read = [t for i, t in enumerate(tasks) if i not in remembered]
    fresh = iter(read_all(to_read, reader, jobs=jobs, limit=settings.time_limit, progress=progress))
    read = [
        _Read(remembered[i], lasting=False) if i in remembered else next(fresh)
        for i in range(len(tasks))
    ]
    results: list[FileResult] = []
    booked: list[Booking] = []
    to_remember: list[SeenFile] = []
    decided = decide([r.invoice for r in read], register, again=options.again)
    for index, (task, first, (invoice, outcome)) in enumerate(
        zip(tasks, read, decided, strict=True)
    ):
        if outcome == "exported":
            entry = book(invoice, settings)
            if isinstance(entry, Booking):
                booked.append(entry)
            else:
                invoice, outcome = entry, "attention"
        if outcome != "exported" and first.lasting and task.sha256 is not None:
            to_remember.append(SeenFile(task.sha256, version, seen_json(first.invoice)))
        results.append(
            FileResult(
                task.name, invoice.source.sha256, outcome, invoice, remembered=index in remembered
            )
        )
    batch_id = batch_id_for(started, register.batch_ids(), options.out)
    batch = writers.BatchOutput(
        batch_id=batch_id,
        created=started,
        bookings=tuple(booked),
        checked=tuple(r.invoice for r in results if r.invoice is not None),
        dialect=settings.csv_dialect,
    )
    out = options.out.resolve()
    planned = writers.batch_files(batch, options.formats, lambda name: (out / name).exists())
    if not options.dry_run:
        assert isinstance(register, Register)
        _write_batch(register, batch, options, out, planned, to_remember)
    by_name = {r.name: r for r in (*skipped, *results)}
    ordered = tuple(by_name[p.relative_to(options.inbox).as_posix()] for p in found)
    return BatchReport(
        batch_id=batch_id,
        dry_run=options.dry_run,
        files=ordered,
        journal_rows=len(batch.rows),
        totals=_totals(booked),
        outputs=() if options.dry_run else tuple(options.out / p.name for p in planned),
        recovered=recovered,
    )


def _totals(booked: Sequence[Booking]) -> tuple[tuple[str, Decimal], ...]:
    totals: dict[str, Decimal] = {}
    for entry in booked:
        currency = entry.rows[0].currency or "(no currency)"
        totals[currency] = totals.get(currency, Decimal("0.00")) + entry.rows[0].gross_total
    return tuple(sorted(totals.items()))


def _write_batch(
    register: Register,
    batch: writers.BatchOutput,
    options: ExportOptions,
    out: Path,
    planned: Sequence[writers.PlannedFile],
    seen: Sequence[SeenFile],
) -> None:
    files = [BatchFile(p.kind, out / p.name, writers.temp_path_of(out / p.name)) for p in planned]
    stamp = batch.created.isoformat(timespec="seconds")
    register.begin_batch(batch.batch_id, stamp, files, again=options.again)
    try:
        for item, plan in zip(files, planned, strict=True):
            writers.write_bytes(item.temp_path, plan.render())
        exports = [
            NewExport(
                entry_id=b.rows[0].entry_id,
                sha256=b.invoice.source.sha256,
                content_sha256=content_sha256(b.invoice),
                source_file=b.invoice.source.file,
            )
            for b in batch.bookings
        ]

        def publish() -> None:
            for item in files:
                writers.publish(item.temp_path, item.path)

        register.complete_batch(batch.batch_id, stamp, exports, publish, seen)
    except BaseException as exc:
        with suppress(OSError, PipelineError):  # what stays behind, the next run recovers
            _remove_files(files)
            register.discard_batch(batch.batch_id)
        if isinstance(exc, OSError):
            raise ExportError(
                f"cannot write the output files ({exc.strerror or exc}); nothing was exported",
                file=str(options.out),
            ) from None
        raise
