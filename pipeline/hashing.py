"""The SHA-256 of a file: what the register and the records know a PDF by."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of the file's bytes, read in blocks; OSError when it cannot be read."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256_or_none(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read (the reader then says why)."""
    try:
        return file_sha256(path)
    except OSError:
        return None
