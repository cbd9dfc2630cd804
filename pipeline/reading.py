"""One file to one checked `Invoice` (read, extract, check; never raises for a bad PDF), and the
one way every command reads files: `read_files`, each file in a worker process under the
configured limits (`pipeline.limits`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.checks import run_checks
from pipeline.errors import PdfError
from pipeline.extract import extract_invoice
from pipeline.hashing import file_sha256
from pipeline.limits import ReadLimits, crashed, too_large, too_slow
from pipeline.model import Invoice, Source, rejected
from pipeline.pdfwords import read_document
from pipeline.workers import Outcome, Progress, run_limited

#: A reader: a file (and the name it is reported by) to its checked invoice. It runs in a
#: worker process, so it must pickle: a module-level function or a `functools.partial` of one.
Reader = Callable[[Path, str], Invoice]


def read_invoice(path: Path, name: str | None = None, limits: ReadLimits | None = None) -> Invoice:
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
        document = read_document(path, limits)
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
    except MemoryError:
        raise
    except Exception as exc:  # a bug met by one odd PDF must not stop the batch
        return rejected(
            source,
            "UNREADABLE_PDF",
            f"could not read the invoice: {type(exc).__name__}: {exc} (an internal reading error)",
        )


@dataclass(frozen=True, slots=True)
class FileToRead:
    path: Path
    name: str
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ReadResult:
    """An invoice as read; `lasting` when the same bytes, reader and limits always give it
    (the reader's own answer, or a limit it hit), not a crash, which may not recur."""

    invoice: Invoice
    lasting: bool


def _read_job(reader: Reader, file: FileToRead) -> ReadResult:
    """In the worker: the reader's invoice; an exception becomes an UNREADABLE_PDF finding."""
    try:
        return ReadResult(reader(file.path, file.name), lasting=True)
    except MemoryError:
        raise
    except Exception as exc:  # a reader bug on one file must not stop the batch
        detail = str(exc).strip() or type(exc).__name__
        reason = f"reading failed ({type(exc).__name__}: {detail})"
        return ReadResult(failed_read(file, reason), lasting=False)


def failed_read(file: FileToRead, reason: str) -> Invoice:
    """The record of a file the reader did not finish: an UNREADABLE_PDF finding."""
    return rejected(
        Source(file=file.name, sha256=file.sha256 or "0" * 64, pages=None),
        "UNREADABLE_PDF",
        reason,
    )


def read_files(
    files: Sequence[FileToRead],
    limits: ReadLimits,
    *,
    jobs: int = 1,
    reader: Reader | None = None,
    progress: Progress | None = None,
    method: str | None = None,
) -> list[ReadResult]:
    """The invoice of every file, in the files' order, each read in a worker process under
    `limits`; a file that hits a limit or kills its worker gets a finding saying which."""
    chosen = reader or functools.partial(_read_limited, limits=limits)
    outcomes = run_limited(
        functools.partial(_read_job, chosen),  # given to each worker as it starts, not per file
        files,
        jobs=jobs,
        seconds=limits.seconds,
        memory_mib=limits.memory_mib,
        progress=progress,
        method=method,
    )
    return [_result(file, outcome, limits) for file, outcome in zip(files, outcomes, strict=True)]


def _read_limited(path: Path, name: str, limits: ReadLimits) -> Invoice:
    return read_invoice(path, name, limits)


def _result(file: FileToRead, outcome: Outcome[ReadResult], limits: ReadLimits) -> ReadResult:
    if outcome.value is not None:
        return outcome.value
    if outcome.failure == "time":
        return ReadResult(failed_read(file, too_slow(limits)), lasting=True)
    if outcome.failure == "memory":
        return ReadResult(failed_read(file, too_large(limits)), lasting=True)
    return ReadResult(failed_read(file, crashed(outcome.exitcode, limits)), lasting=False)
