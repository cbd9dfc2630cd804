"""Moving exported PDFs out of the inbox: `DIR/<YYYY-MM>/<invoice date> <invoice number>.pdf`.

A file is moved only after its batch is committed to the register, so a crash before the move
leaves it in the inbox as already exported, and the next run with `--archive` moves it then. A
move never loses or doubles a file: on one file system it is a rename; across file systems the
copy is written under a hidden temporary name, renamed into place, and only then is the inbox
file removed. A name already taken by the same bytes means an earlier move was interrupted
after its copy: the inbox file is then only removed; a name taken by other bytes gets ` (2)`,
` (3)`… instead.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.hashing import file_sha256_or_none

#: Characters no file name may hold on Windows, and control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


@dataclass(frozen=True, slots=True)
class Archived:
    source: str
    target: Path


def archive_name(invoice_date: date, invoice_number: str) -> str:
    """`2025-02-01 E0800ABCDE`: the file name (without suffix) of an archived invoice."""
    number = _UNSAFE.sub("_", invoice_number).strip(" .") or "invoice"
    return f"{invoice_date.isoformat()} {number}"


def archive_file(source: Path, folder: Path, invoice_date: date, invoice_number: str) -> Path:
    """Move `source` to `folder/<YYYY-MM>/<date> <number>.pdf` (or ` (n).pdf`); the target."""
    target_folder = folder / f"{invoice_date:%Y-%m}"
    target_folder.mkdir(parents=True, exist_ok=True)
    stem = archive_name(invoice_date, invoice_number)
    sha = file_sha256_or_none(source)
    n = 1
    while True:
        target = target_folder / (f"{stem}.pdf" if n == 1 else f"{stem} ({n}).pdf")
        if not target.exists():
            break
        if sha is not None and file_sha256_or_none(target) == sha:
            source.unlink()  # an interrupted earlier move had already copied it
            return target
        n += 1
    if os.stat(source).st_dev == os.stat(target_folder).st_dev:
        os.rename(source, target)
        return target
    partial = target_folder / f".{target.name}.partial"
    shutil.copy2(source, partial)
    os.replace(partial, target)
    source.unlink()
    return target
