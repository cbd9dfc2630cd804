"""Which files a command reads, and in which order: one rule for `parse`, `check` and `export`.

The rule: a file named on the command line is read whatever its name. A folder is searched
below it for `*.pdf` (any case); hidden files and folders (a name starting with `.`, or the
Windows hidden attribute) are left out, links to files are followed, links to folders are not
(no loops), and everything left out is named with the reason (`Skipped`), so nothing in an
inbox is silently ignored. Names are made printable (`printable`): a newline, a control
character or bytes that are not UTF-8 in a file's name reach no terminal, CSV, workbook or
register as they are.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_COPY_SUFFIX = re.compile(r"(?P<stem>.*?)(?: \((?P<copy>\d+)\))?", re.DOTALL)
_LINE_BREAKS = frozenset("\u0085\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Found:
    """A file to read: where it is, and the printable name it is reported by."""

    path: Path
    name: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder left out, by printable name, and why."""

    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[Found, ...]
    skipped: tuple[Skipped, ...]


def printable(text: str) -> str:
    """`text` with what a file name may hold but a report must not: bytes that are not UTF-8
    as `\\xff`, control characters and line breaks as `\\n`, `\\x1b`…"""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # lone surrogates from a Windows name
        raw = text.encode("utf-8", "backslashreplace")
    decoded = raw.decode("utf-8", "backslashreplace")
    return "".join(
        repr(char)[1:-1] if unicodedata.category(char) == "Cc" or char in _LINE_BREAKS else char
        for char in decoded
    )


def folder_files(folder: Path) -> Discovery:
    """Every PDF below `folder` by its name relative to it, in a fixed order: by folder, then
    by name without case, a copy `Invoice (1).pdf` right after `Invoice.pdf` (so the original
    is the one exported when both are there); and what was left out."""
    found: list[tuple[tuple[str, ...], Path]] = []
    skipped: list[Skipped] = []
    for parts, path, reason in _walk(folder, ()):
        if reason is None:
            found.append((parts, path))
        else:
            skipped.append(Skipped(printable("/".join(parts)), reason))
    found.sort(key=lambda item: sort_key(item[0]))
    return Discovery(
        files=tuple(Found(path, printable("/".join(parts))) for parts, path in found),
        skipped=tuple(sorted(skipped, key=lambda s: s.name)),
    )


def pdf_files(folder: Path) -> list[Path]:
    """The paths of `folder_files(folder)`."""
    return [found.path for found in folder_files(folder).files]


def command_files(paths: Iterable[Path]) -> Discovery:
    """The given files as given, and the `folder_files` of the given folders, named by the
    path as given. A file named twice is read once, where it first appears."""
    files: list[Found] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            inner = folder_files(path)
            files.extend(Found(f.path, printable(str(f.path))) for f in inner.files)
            folder = printable(str(path))
            skipped.extend(Skipped(f"{folder}/{s.name}", s.reason) for s in inner.skipped)
        else:
            files.append(Found(path, printable(str(path))))
    seen: set[Path] = set()
    unique = []
    for found in files:
        key = found.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(found)
    return Discovery(tuple(unique), tuple(skipped))


def pdf_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths of `command_files(paths)`."""
    return [found.path for found in command_files(paths).files]


def _walk(
    folder: Path, parts: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Path, str | None]]:
    """(name parts, path, None) for each PDF below `folder`, (…, reason) for each left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield parts, folder, f"the folder cannot be read ({exc.strerror or exc})"
        return
    for entry in entries:
        path, named = Path(entry.path), (*parts, entry.name)
        reason = _left_out(entry)
        if reason is None and entry.is_dir(follow_symlinks=False):
            yield from _walk(path, named)
        else:
            yield named, path, reason


def _left_out(entry: os.DirEntry[str]) -> str | None:
    """Why a folder entry is not read (None: read it, or search it when a folder)."""
    try:
        hidden = entry.name.startswith(".") or bool(
            getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
            & stat.FILE_ATTRIBUTE_HIDDEN
        )
        if entry.is_symlink():
            if not os.path.exists(entry.path):
                return "a broken link"
            if entry.is_dir():
                return "a link to a folder (not followed)"
        if entry.is_dir():
            return "a hidden folder (not searched)" if hidden else None
        if hidden:
            return "a hidden file"
        if not entry.name.lower().endswith(".pdf"):
            return "not a PDF (the name does not end in .pdf)"
        if not entry.is_file():
            return "not a regular file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


def sort_key(parts: tuple[str, ...]) -> tuple[tuple[str, ...], str, int, bytes]:
    """Folders, then the name without case and copy number, then the copy number; the raw
    bytes of the path break ties, so any name — newlines, non-UTF-8 bytes — has a place."""
    folders = tuple(unicodedata.normalize("NFC", part).casefold() for part in parts[:-1])
    stem = parts[-1][: -len(".pdf")] if parts[-1].lower().endswith(".pdf") else parts[-1]
    match = _COPY_SUFFIX.fullmatch(unicodedata.normalize("NFC", stem))
    if match is None:  # the pattern matches every string; kept for the type checker
        return folders, stem.casefold(), 0, b""
    copy = int(match["copy"]) if match["copy"] else 0
    raw = b"/".join(os.fsencode(part) for part in parts)
    return folders, match["stem"].casefold(), copy, raw
