"""The only sqlite3 import: the register in one SQLite file, the embedded default.

The file (default `exports/register.sqlite`) has a companion `register.sqlite.lock`, an empty
SQLite database in which an export holds an exclusive transaction for its whole run, so two
exports never interleave. SQLite's own file locking (POSIX locks on Unix, LockFileEx on
Windows) makes that lock portable, releases it when the holding process dies however it dies,
and is not inherited by forked worker processes. No POSIX-only module is imported.

SQLite's locking is only as good as the file system's: on a network folder (SMB, NFS) it may
not hold, which is why an office shares one PostgreSQL register instead (`postgres.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from pipeline.errors import RegisterBusy
from pipeline.register.common import (
    BUSY_MESSAGE,
    RegisterError,
    RegisterSpec,
    Row,
    lock_path_of,
)


class SqliteDatabase:
    """One connection to the register file, in autocommit between explicit transactions."""

    def __init__(self, connection: sqlite3.Connection, name: str) -> None:
        self._conn = connection
        self.name = name

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        try:
            return self._conn.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise RegisterError(f"cannot read the register ({exc})", file=self.name) from exc

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        self._conn.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[object]]) -> None:
        self._conn.executemany(sql, parameters)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                with suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise RegisterError(f"cannot write the register ({exc})", file=self.name) from exc

    def has_table(self, name: str) -> bool:
        return bool(
            self.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        )

    def legacy_version(self) -> int:
        """`PRAGMA user_version`, where the first registers kept their schema version."""
        return int(self.rows("PRAGMA user_version")[0][0])

    def mark_version(self, version: int) -> None:
        self._conn.execute(f"PRAGMA user_version = {int(version)}")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
        else:
            connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise RegisterError(f"cannot open the register ({exc})", file=str(path)) from exc
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        # Reading the header: a file that is not a database (or not a register) fails here.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if read_only:
            connection.execute("SELECT count(*) FROM batches").fetchone()
    except sqlite3.Error as exc:
        connection.close()
        raise RegisterError(f"cannot open the register ({exc})", file=str(path)) from exc
    return connection


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold the register's lock file until the block ends; `RegisterBusy` at once when another
    connection (in this or another process) holds it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        holder = sqlite3.connect(lock_path_of(path), timeout=0, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise RegisterError(f"cannot create the register ({reason})", file=str(path)) from exc
    with closing(holder):
        try:
            holder.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode == sqlite3.SQLITE_BUSY:
                raise RegisterBusy(BUSY_MESSAGE, file=str(path)) from None
            raise RegisterError(f"cannot lock the register ({exc})", file=str(path)) from exc
        except sqlite3.Error as exc:
            raise RegisterError(f"cannot lock the register ({exc})", file=str(path)) from exc
        yield


class SqliteBackend:
    @contextmanager
    def writing(self, spec: RegisterSpec) -> Iterator[SqliteDatabase]:
        path = Path(spec)
        with exclusive_lock(path), closing(_connect(path, read_only=False)) as connection:
            yield SqliteDatabase(connection, str(path))

    @contextmanager
    def reading(self, spec: RegisterSpec) -> Iterator[SqliteDatabase | None]:
        path = Path(spec)
        if not path.exists():
            yield None
            return
        with closing(_connect(path, read_only=True)) as connection:
            yield SqliteDatabase(connection, str(path))


BACKEND = SqliteBackend()
