"""Which PDF files a command reads, and in which order: one rule for `check` and `export`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_COPY_SUFFIX = re.compile(r"^(?P<stem>.*?)(?: \((?P<copy>\d+)\))?$")


def pdf_files(folder: Path) -> list[Path]:
    """Every *.pdf (any case) below `folder`, hidden files and folders left out, in a fixed
    order: by folder, then by name without case, a copy `Invoice (1).pdf` right after
    `Invoice.pdf` (so the original is the one exported when both are there)."""
    found = [
        path
        for path in folder.rglob("*")
        if path.suffix.lower() == ".pdf"
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    ]
    return sorted(found, key=lambda path: _sort_key(path.relative_to(folder)))


def _sort_key(relative: Path) -> tuple[tuple[str, ...], str, int, str]:
    folders = tuple(unicodedata.normalize("NFC", part).casefold() for part in relative.parts[:-1])
    match = _COPY_SUFFIX.match(unicodedata.normalize("NFC", relative.stem))
    assert match is not None
    copy = int(match["copy"]) if match["copy"] else 0
    return folders, match["stem"].casefold(), copy, relative.as_posix()


def pdf_paths(paths: Iterable[Path]) -> list[Path]:
    """The given files as given, and the `pdf_files` of the given folders.

    A file named twice is listed once, where it first appears.
    """
    found: list[Path] = []
    for path in paths:
        found.extend(pdf_files(path) if path.is_dir() else [path])
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
