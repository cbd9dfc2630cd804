"""Whole files or none: every output is written under a temporary name in its folder and
renamed into place (the export renames a batch's files together, in one register
transaction), so a reader never sees half a file."""

from __future__ import annotations

import os
from pathlib import Path

TEMP_SUFFIX = ".partial"


def temp_path_of(final: Path) -> Path:
    """The temporary name a file is written under before it is renamed into place."""
    return final.with_name(f".{final.name}{TEMP_SUFFIX}")


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to exactly `path` and flush it to the disk."""
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def publish(temp: Path, final: Path) -> None:
    """Rename a fully written temporary file into place (atomic on one file system)."""
    os.replace(temp, final)
    _sync_folder(final.parent)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
