"""What the register's interface and its two backends share: a register's spec and name,
its errors, and `Database`, the few operations a backend provides."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from pipeline.errors import PipelineError

#: A register: the path of an SQLite file, or a PostgreSQL URL (kept as text).
RegisterSpec = Path | str

BUSY_MESSAGE = "another export is using this register; wait for it to finish and run again"


class RegisterError(PipelineError):
    """The register cannot be created, opened or written."""


Row = tuple[Any, ...]


class Database(Protocol):
    """What a backend gives the register: one connection, in autocommit between transactions.

    Statements use `?` placeholders. `rows` raises `RegisterError` itself; `execute` and
    `executemany` are only called inside `transaction`, which rolls back on any exception and
    turns the database's own errors into `RegisterError`."""

    name: str

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]: ...

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[object]]) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def has_table(self, name: str) -> bool: ...

    def legacy_version(self) -> int:
        """The schema version a register records outside `schema_version` (0 if none)."""
        ...

    def mark_version(self, version: int) -> None:
        """Record `version` where older programs look for it (inside a transaction)."""
        ...


_URL = re.compile(r"postgres(?:ql)?://", re.IGNORECASE)


def is_postgres_url(spec: RegisterSpec) -> bool:
    return isinstance(spec, str) and _URL.match(spec) is not None


def register_spec(text: str) -> RegisterSpec:
    """A register named in the configuration or on the command line: a PostgreSQL URL stays
    text (a Path would fold its `//`), anything else is a path."""
    return text if is_postgres_url(text) else Path(text)


def register_name(spec: RegisterSpec) -> str:
    """The register as shown to people: a path as it is, a URL with its password masked."""
    if not is_postgres_url(spec):
        return str(spec)
    text = str(spec)
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)
    if not password:
        return text
    userinfo, _, hostinfo = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{hostinfo}"))


def lock_path_of(register: Path) -> Path:
    """The file an SQLite register's exports lock (beside the register)."""
    return register.with_name(register.name + ".lock")
