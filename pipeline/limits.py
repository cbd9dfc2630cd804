"""The limits one PDF is read under, and what a file that hits one is told.

Every command reads PDFs through `pipeline.reading.read_files`, which runs the reader in a worker
process that is killed when a file takes longer than `seconds`, whose memory is capped at
`memory_mib` where the system allows it (POSIX), and whose reader stops a page with more than
`page_characters` characters, or a document with more than `characters`, before laying them out
(on every system: a tiny PDF can draw millions of glyphs). What a file made of the limits is
remembered by the export; `key()` is part of the version that memory is valid for, so a file
that hit a limit is read again once the limits change.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import PdfError

#: How a limit is raised, appended to every message about one.
_RAISE = "if it is a genuine invoice, raise {key} in the configuration file (--config FILE)"


@dataclass(frozen=True, slots=True)
class ReadLimits:
    seconds: float = 30.0
    memory_mib: int = 1024
    page_characters: int = 100_000
    characters: int = 1_000_000

    def key(self) -> str:
        """The limits as text, for the version of what the reader made of a file."""
        return (
            f"limits:{self.seconds:g}s,{self.memory_mib}MiB,"
            f"{self.page_characters}/page,{self.characters}/document"
        )


class LimitExceeded(PdfError):
    """Reading a file stopped at a configured limit: the file may be genuine, not damaged."""

    code = "UNREADABLE_PDF"


def too_slow(limits: ReadLimits) -> str:
    return (
        f"reading it took longer than the time limit of {limits.seconds:g} s and was stopped; "
        + _RAISE.format(key="time_limit")
    )


def too_large(limits: ReadLimits) -> str:
    return (
        f"reading it needed more than the memory limit of {limits.memory_mib} MiB and was "
        "stopped; " + _RAISE.format(key="memory_limit")
    )


def too_many_on_page(page: int, limits: ReadLimits) -> str:
    return (
        f"page {page} draws more than {limits.page_characters:,} characters, the page "
        "character limit; it was not read; " + _RAISE.format(key="page_character_limit")
    )


def too_many_in_document(limits: ReadLimits) -> str:
    return (
        f"the PDF draws more than {limits.characters:,} characters, the character limit; it "
        "was not read; " + _RAISE.format(key="character_limit")
    )


def crashed(exitcode: int | None, limits: ReadLimits) -> str:
    """A worker that ended without an answer: a crash of native code, or the system stopping
    a process that went over its memory."""
    code = "" if exitcode is None else f" (exit code {exitcode})"
    return (
        f"reading this file stopped the worker process{code}; it may need more than the memory "
        f"limit of {limits.memory_mib} MiB — " + _RAISE.format(key="memory_limit")
    )
