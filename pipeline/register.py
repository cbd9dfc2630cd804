"""The only sqlite3 import: the register of what was exported, when, from which file.

One SQLite file (default `exports/register.sqlite`) beside a `.lock` file that an export holds
with `flock` for its whole run, so two exports never interleave. A batch is recorded in two
transactions: first as *pending* with the files it is about to publish, then — in one
transaction — its invoices are inserted, its files renamed into place and the batch marked
*done*. A run killed in between leaves a pending batch, which the next run discards together
with whatever files it had published, so the register and the files always agree.

The same transaction remembers, per SHA-256, what the reader made of each file it read but
the batch did not export (table `seen`, added to older registers as they are opened), so a
later run need not read that file again while the reader's version is the same.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError, RegisterBusy

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    batch_id    TEXT PRIMARY KEY,
    started_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    again       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS batch_files (
    batch_id    TEXT NOT NULL REFERENCES batches (batch_id),
    kind        TEXT NOT NULL,
    path        TEXT NOT NULL,
    temp_path   TEXT NOT NULL,
    PRIMARY KEY (batch_id, path)
);
CREATE TABLE IF NOT EXISTS invoices (
    entry_id        TEXT PRIMARY KEY,
    sha256          TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    batch_id        TEXT NOT NULL REFERENCES batches (batch_id),
    exported_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_by_sha256 ON invoices (sha256);
CREATE TABLE IF NOT EXISTS exports (
    batch_id    TEXT NOT NULL REFERENCES batches (batch_id),
    entry_id    TEXT NOT NULL REFERENCES invoices (entry_id),
    sha256      TEXT NOT NULL,
    source_file TEXT NOT NULL,
    PRIMARY KEY (batch_id, entry_id)
);
CREATE INDEX IF NOT EXISTS exports_by_sha256 ON exports (sha256);
CREATE TABLE IF NOT EXISTS records (
    entry_id    TEXT PRIMARY KEY REFERENCES invoices (entry_id),
    record_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
    sha256      TEXT PRIMARY KEY,
    version     TEXT NOT NULL,
    record_json TEXT NOT NULL,
    batch_id    TEXT NOT NULL REFERENCES batches (batch_id)
);
"""


class RegisterError(PipelineError):
    """The register cannot be created, opened or written."""


@dataclass(frozen=True, slots=True)
class ExportedInvoice:
    """The first export of one invoice (entry_id) the register knows."""

    entry_id: str
    sha256: str
    content_sha256: str
    source_file: str
    batch_id: str
    exported_at: str


@dataclass(frozen=True, slots=True)
class NewExport:
    """One invoice a batch exports; `content_sha256` fingerprints the invoice's data."""

    entry_id: str
    sha256: str
    content_sha256: str
    source_file: str
    #: The exported invoice as JSON text, kept (the last export's) for the licence timeline.
    record_json: str | None = None


@dataclass(frozen=True, slots=True)
class ExportedRecord:
    """An exported invoice and the JSON text kept of it (None: exported before records were
    kept)."""

    entry_id: str
    source_file: str
    record_json: str | None


@dataclass(frozen=True, slots=True)
class SeenFile:
    """What `version` of the reader made of the file with this sha256 (JSON text)."""

    sha256: str
    version: str
    record_json: str


@dataclass(frozen=True, slots=True)
class BatchFile:
    kind: str
    path: Path
    temp_path: Path


@dataclass(frozen=True, slots=True)
class BatchRecord:
    batch_id: str
    started_at: str
    state: str
    files: tuple[BatchFile, ...]


def lock_path_of(register: Path) -> Path:
    return register.with_name(register.name + ".lock")


Row = tuple[Any, ...]


class RegisterView:
    """Read-only questions about what was exported."""

    def __init__(self, connection: sqlite3.Connection | None, path: Path) -> None:
        self._db = connection
        self.path = path

    def _rows(self, sql: str, parameters: tuple[str, ...] = ()) -> list[Row]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as exc:
            raise RegisterError(f"cannot read the register ({exc})", file=str(self.path)) from exc

    def is_sha256_exported(self, sha256: str) -> bool:
        return bool(self._rows("SELECT 1 FROM exports WHERE sha256 = ? LIMIT 1", (sha256,)))

    def seen_record(self, sha256: str, version: str) -> str | None:
        """The JSON text remembered for a file read but not exported, if read by `version`."""
        if not self._has_table("seen"):
            return None
        rows = self._rows(
            "SELECT record_json FROM seen WHERE sha256 = ? AND version = ?", (sha256, version)
        )
        return str(rows[0][0]) if rows else None

    def _has_table(self, name: str) -> bool:
        """False for a register written before the table existed, opened read-only."""
        return bool(
            self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        )

    def exported_entry(self, entry_id: str) -> ExportedInvoice | None:
        """The first export of this invoice (with its sha256), or None."""
        rows = self._rows(
            "SELECT entry_id, sha256, content_sha256, source_file, batch_id, exported_at"
            " FROM invoices WHERE entry_id = ?",
            (entry_id,),
        )
        return ExportedInvoice(*rows[0]) if rows else None

    def exported_records(self) -> tuple[ExportedRecord, ...]:
        """Every exported invoice with the record kept of it, in the order of export."""
        if not self._has_table("records"):
            rows = self._rows("SELECT entry_id, source_file, NULL FROM invoices")
        else:
            rows = self._rows(
                "SELECT i.entry_id, i.source_file, r.record_json FROM invoices i"
                " LEFT JOIN records r ON r.entry_id = i.entry_id"
                " ORDER BY i.exported_at, i.entry_id"
            )
        return tuple(ExportedRecord(*row) for row in rows)

    def batch_ids(self) -> frozenset[str]:
        return frozenset(row[0] for row in self._rows("SELECT batch_id FROM batches"))

    def batches(self, state: str | None = None) -> tuple[BatchRecord, ...]:
        query = "SELECT batch_id, started_at, state FROM batches"
        rows = (
            self._rows(query + " ORDER BY batch_id")
            if state is None
            else self._rows(query + " WHERE state = ? ORDER BY batch_id", (state,))
        )
        return tuple(BatchRecord(b, started, st, self._files_of(b)) for b, started, st in rows)

    def exported_entry_ids(self, batch_id: str) -> tuple[str, ...]:
        rows = self._rows(
            "SELECT entry_id FROM exports WHERE batch_id = ? ORDER BY entry_id", (batch_id,)
        )
        return tuple(row[0] for row in rows)

    def _files_of(self, batch_id: str) -> tuple[BatchFile, ...]:
        rows = self._rows(
            "SELECT kind, path, temp_path FROM batch_files WHERE batch_id = ? ORDER BY path",
            (batch_id,),
        )
        return tuple(BatchFile(kind, Path(path), Path(temp)) for kind, path, temp in rows)


class Register(RegisterView):
    """The register opened for writing, with its lock held."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        super().__init__(connection, path)
        self._conn = connection

    def begin_batch(
        self, batch_id: str, started_at: str, files: Iterable[BatchFile], *, again: bool
    ) -> None:
        """Record the batch as pending with the files it will publish (committed at once)."""
        with self._transaction():
            self._conn.execute(
                "INSERT INTO batches (batch_id, started_at, state, again) VALUES (?, ?, ?, ?)",
                (batch_id, started_at, "pending", int(again)),
            )
            self._conn.executemany(
                "INSERT INTO batch_files (batch_id, kind, path, temp_path) VALUES (?, ?, ?, ?)",
                [(batch_id, f.kind, str(f.path), str(f.temp_path)) for f in files],
            )

    def complete_batch(
        self,
        batch_id: str,
        exported_at: str,
        invoices: Iterable[NewExport],
        publish: Callable[[], None],
        seen: Iterable[SeenFile] = (),
    ) -> None:
        """Insert the batch's invoices and the files it read but did not export, run `publish`
        (the renames) and mark it done: all or nothing. If `publish` or the commit fails, the
        transaction is rolled back and the batch stays pending for `discard_batch` (or the next
        run's recovery).

        An invoice exported before keeps its first export; re-exported from the same file,
        its content fingerprint is refreshed, as the reader may have improved since. A file
        now exported is no longer remembered as seen; one seen again replaces what was."""
        with self._transaction():
            self._conn.executemany(
                "INSERT INTO seen (sha256, version, record_json, batch_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (sha256) DO UPDATE SET version = excluded.version,"
                " record_json = excluded.record_json, batch_id = excluded.batch_id",
                [(f.sha256, f.version, f.record_json, batch_id) for f in seen],
            )
            for item in invoices:
                self._conn.execute(
                    "INSERT INTO invoices"
                    " (entry_id, sha256, content_sha256, source_file, batch_id, exported_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO UPDATE"
                    " SET content_sha256 = excluded.content_sha256"
                    " WHERE invoices.sha256 = excluded.sha256",
                    (
                        item.entry_id,
                        item.sha256,
                        item.content_sha256,
                        item.source_file,
                        batch_id,
                        exported_at,
                    ),
                )
                self._conn.execute(
                    "INSERT INTO exports (batch_id, entry_id, sha256, source_file)"
                    " VALUES (?, ?, ?, ?)",
                    (batch_id, item.entry_id, item.sha256, item.source_file),
                )
                if item.record_json is not None:
                    self._conn.execute(
                        "INSERT INTO records (entry_id, record_json) VALUES (?, ?)"
                        " ON CONFLICT (entry_id) DO UPDATE SET record_json = excluded.record_json",
                        (item.entry_id, item.record_json),
                    )
                self._conn.execute("DELETE FROM seen WHERE sha256 = ?", (item.sha256,))
            self._conn.execute("UPDATE batches SET state = 'done' WHERE batch_id = ?", (batch_id,))
            publish()

    def discard_batch(self, batch_id: str) -> None:
        """Forget a pending batch (its files must already be removed)."""
        with self._transaction():
            self._conn.execute("DELETE FROM batch_files WHERE batch_id = ?", (batch_id,))
            self._conn.execute(
                "DELETE FROM batches WHERE batch_id = ? AND state = 'pending'", (batch_id,)
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
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
            raise RegisterError(f"cannot write the register ({exc})", file=str(self.path)) from exc


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
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
        if not read_only:
            _create_schema(connection, path)
        else:
            connection.execute("SELECT count(*) FROM batches").fetchone()
    except sqlite3.Error as exc:
        connection.close()
        raise RegisterError(f"cannot open the register ({exc})", file=str(path)) from exc
    except BaseException:
        connection.close()
        raise
    return connection


def _create_schema(connection: sqlite3.Connection, path: Path) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RegisterError(
            f"the register was written by a newer version (schema {version}, "
            f"this program knows {SCHEMA_VERSION})",
            file=str(path),
        )
    connection.executescript(_SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


#: Lock descriptors this process holds; a forked child (a worker of the export's pool) closes
#: its copies at once, so a worker that outlives a killed export never keeps the register
#: locked (an flock lasts while any descriptor of it is open).
_HELD_LOCKS: set[int] = set()


def _close_held_locks() -> None:
    for descriptor in _HELD_LOCKS:
        with suppress(OSError):
            os.close(descriptor)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_close_held_locks)


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    lock = lock_path_of(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise RegisterError(
            f"cannot create the register ({exc.strerror or exc})", file=str(path)
        ) from exc
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RegisterBusy(
                "another export is using this register; wait for it to finish and run again",
                file=str(path),
            ) from None
        _HELD_LOCKS.add(descriptor)
        yield
    finally:
        _HELD_LOCKS.discard(descriptor)
        os.close(descriptor)


@contextmanager
def open_register(path: Path) -> Iterator[Register]:
    """The register for writing, created with its folder, locked until the block ends.

    Raises `RegisterBusy` at once when another process holds it, `RegisterError` when it cannot
    be created or read.
    """
    with _exclusive_lock(path), closing(_connect(path)) as connection:
        yield Register(connection, path)


@contextmanager
def read_register(path: Path) -> Iterator[RegisterView]:
    """The register for reading only (dry runs): nothing is created, locked or written."""
    if not path.exists():
        yield RegisterView(None, path)
        return
    with closing(_connect(path, read_only=True)) as connection:
        yield RegisterView(connection, path)
