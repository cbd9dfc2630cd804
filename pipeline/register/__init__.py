"""The register of what was exported, when, from which file — one interface, two databases.

`open_register(spec)` and `read_register(spec)` take a *register spec*: a `postgresql://…` (or
`postgres://…`) URL selects the office's PostgreSQL database (`pipeline.register.postgres`, the
only psycopg import); anything else is the path of an SQLite file (`pipeline.register.sqlite`,
the embedded default). Both give the same `Register`: the semantics below are written once,
here, over the few operations a backend provides (`Database`).

An export holds the register exclusively for its whole run, so two exports never interleave;
another export meanwhile is refused at once (`RegisterBusy`). A batch is recorded in two
transactions: first as *pending* with the files it is about to publish, then — in one
transaction — its invoices are inserted, its files renamed into place and the batch marked
*done*. A run killed in between leaves a pending batch, which the next run discards together
with whatever files it had published, so the register and the files always agree.

The same transaction remembers, per SHA-256, what the reader made of each file it read but
the batch did not export (table `seen`), so a later run need not read that file again while
the reader's version is the same.

The schema is created and upgraded by the program itself: table `schema_version` lists the
migrations applied; each migration is idempotent and runs, with its row, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pipeline.errors import RegisterBusy
from pipeline.register.common import (
    BUSY_MESSAGE,
    Database,
    RegisterError,
    RegisterSpec,
    Row,
    is_postgres_url,
    lock_path_of,
    register_name,
    register_spec,
)

__all__ = [
    "BUSY_MESSAGE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BatchFile",
    "BatchRecord",
    "Database",
    "Dismissal",
    "ExportedInvoice",
    "Migration",
    "NewExport",
    "Register",
    "RegisterBusy",
    "RegisterError",
    "RegisterSpec",
    "RegisterView",
    "SeenFile",
    "is_postgres_url",
    "lock_path_of",
    "migrate",
    "open_register",
    "read_register",
    "register_name",
    "register_spec",
]

# ---------------------------------------------------------------- records


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


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A file (by sha256) a person handled by hand: exports list it, never as needing
    attention, and do not read it."""

    sha256: str
    source_file: str
    reason: str
    dismissed_at: str


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: statements that can run again without harm."""

    version: int
    description: str
    statements: tuple[str, ...]


# ---------------------------------------------------------------- the schema

#: The same SQL on SQLite and PostgreSQL. Migration 1 is the schema of the first registers;
#: its `IF NOT EXISTS` also completes a register written before the `seen` table existed.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "batches, their files, exported invoices, exports per batch, files seen",
        (
            "CREATE TABLE IF NOT EXISTS batches ("
            " batch_id TEXT PRIMARY KEY, started_at TEXT NOT NULL,"
            " state TEXT NOT NULL CHECK (state IN ('pending', 'done')),"
            " again INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS batch_files ("
            " batch_id TEXT NOT NULL REFERENCES batches (batch_id), kind TEXT NOT NULL,"
            " path TEXT NOT NULL, temp_path TEXT NOT NULL, PRIMARY KEY (batch_id, path))",
            "CREATE TABLE IF NOT EXISTS invoices ("
            " entry_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, content_sha256 TEXT NOT NULL,"
            " source_file TEXT NOT NULL, batch_id TEXT NOT NULL REFERENCES batches (batch_id),"
            " exported_at TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS invoices_by_sha256 ON invoices (sha256)",
            "CREATE TABLE IF NOT EXISTS exports ("
            " batch_id TEXT NOT NULL REFERENCES batches (batch_id),"
            " entry_id TEXT NOT NULL REFERENCES invoices (entry_id), sha256 TEXT NOT NULL,"
            " source_file TEXT NOT NULL, PRIMARY KEY (batch_id, entry_id))",
            "CREATE INDEX IF NOT EXISTS exports_by_sha256 ON exports (sha256)",
            "CREATE TABLE IF NOT EXISTS seen ("
            " sha256 TEXT PRIMARY KEY, version TEXT NOT NULL, record_json TEXT NOT NULL,"
            " batch_id TEXT NOT NULL REFERENCES batches (batch_id))",
        ),
    ),
    Migration(
        2,
        "files dismissed: handled by hand, no longer needing attention",
        (
            "CREATE TABLE IF NOT EXISTS dismissals ("
            " sha256 TEXT PRIMARY KEY, source_file TEXT NOT NULL, reason TEXT NOT NULL,"
            " dismissed_at TEXT NOT NULL)",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


def schema_version(db: Database) -> int:
    """The last migration applied to the register (0 for an empty database)."""
    if not db.has_table("schema_version"):
        return 0
    rows = db.rows("SELECT max(version) FROM schema_version")
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def refuse_newer(db: Database, known: int = SCHEMA_VERSION) -> None:
    newest = max(schema_version(db), db.legacy_version())
    if newest > known:
        raise RegisterError(
            f"the register was written by a newer version (schema {newest}, "
            f"this program knows {known})",
            file=db.name,
        )


def migrate(db: Database, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations the register lacks, each with its `schema_version` row in one
    transaction; the version reached. Idempotent: a register up to date is not touched.

    Only called with the register held exclusively, so two programs never migrate at once."""
    known = migrations[-1].version
    refuse_newer(db, known)
    if not db.has_table("schema_version"):
        with db.transaction():
            db.execute(_VERSION_TABLE)
    current = schema_version(db)
    for migration in migrations:
        if migration.version <= current:
            continue
        with db.transaction():
            for statement in migration.statements:
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (
                    migration.version,
                    migration.description,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            db.mark_version(migration.version)
        current = migration.version
    return current


# ---------------------------------------------------------------- the register


class RegisterView:
    """Read-only questions about what was exported; `db` None for a register not created
    yet, which knows nothing."""

    def __init__(self, db: Database | None, name: str) -> None:
        self._db = db
        self.name = name

    def _rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        return [] if self._db is None else self._db.rows(sql, parameters)

    def is_sha256_exported(self, sha256: str) -> bool:
        return bool(self._rows("SELECT 1 FROM exports WHERE sha256 = ? LIMIT 1", (sha256,)))

    def seen_record(self, sha256: str, version: str) -> str | None:
        """The JSON text remembered for a file read but not exported, if read by `version`."""
        if self._db is None or not self._db.has_table("seen"):
            return None
        rows = self._rows(
            "SELECT record_json FROM seen WHERE sha256 = ? AND version = ?", (sha256, version)
        )
        return str(rows[0][0]) if rows else None

    def dismissal(self, sha256: str) -> Dismissal | None:
        """How the file with this sha256 was dismissed, if it was."""
        if self._db is None or not self._db.has_table("dismissals"):
            return None
        rows = self._rows(
            "SELECT sha256, source_file, reason, dismissed_at FROM dismissals WHERE sha256 = ?",
            (sha256,),
        )
        return Dismissal(*rows[0]) if rows else None

    def exported_entry(self, entry_id: str) -> ExportedInvoice | None:
        """The first export of this invoice (with its sha256), or None."""
        rows = self._rows(
            "SELECT entry_id, sha256, content_sha256, source_file, batch_id, exported_at"
            " FROM invoices WHERE entry_id = ?",
            (entry_id,),
        )
        return ExportedInvoice(*rows[0]) if rows else None

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
    """The register opened for writing, held exclusively by this export."""

    def __init__(self, db: Database, name: str) -> None:
        super().__init__(db, name)
        self._writer = db

    def begin_batch(
        self, batch_id: str, started_at: str, files: Iterable[BatchFile], *, again: bool
    ) -> None:
        """Record the batch as pending with the files it will publish (committed at once)."""
        with self._writer.transaction():
            self._writer.execute(
                "INSERT INTO batches (batch_id, started_at, state, again) VALUES (?, ?, ?, ?)",
                (batch_id, started_at, "pending", int(again)),
            )
            self._writer.executemany(
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
        db = self._writer
        with db.transaction():
            db.executemany(
                "INSERT INTO seen (sha256, version, record_json, batch_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (sha256) DO UPDATE SET version = excluded.version,"
                " record_json = excluded.record_json, batch_id = excluded.batch_id",
                [(f.sha256, f.version, f.record_json, batch_id) for f in seen],
            )
            for item in invoices:
                db.execute(
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
                db.execute(
                    "INSERT INTO exports (batch_id, entry_id, sha256, source_file)"
                    " VALUES (?, ?, ?, ?)",
                    (batch_id, item.entry_id, item.sha256, item.source_file),
                )
                db.execute("DELETE FROM seen WHERE sha256 = ?", (item.sha256,))
            db.execute("UPDATE batches SET state = 'done' WHERE batch_id = ?", (batch_id,))
            publish()

    def dismiss(self, dismissal: Dismissal) -> None:
        """Record that a file was handled by hand (a later dismissal of it replaces this)."""
        with self._writer.transaction():
            self._writer.execute(
                "INSERT INTO dismissals (sha256, source_file, reason, dismissed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET"
                " source_file = excluded.source_file, reason = excluded.reason,"
                " dismissed_at = excluded.dismissed_at",
                (dismissal.sha256, dismissal.source_file, dismissal.reason, dismissal.dismissed_at),
            )

    def discard_batch(self, batch_id: str) -> None:
        """Forget a pending batch (its files must already be removed)."""
        with self._writer.transaction():
            self._writer.execute("DELETE FROM batch_files WHERE batch_id = ?", (batch_id,))
            self._writer.execute(
                "DELETE FROM batches WHERE batch_id = ? AND state = 'pending'", (batch_id,)
            )


# ---------------------------------------------------------------- choosing the backend


@contextmanager
def open_register(spec: RegisterSpec) -> Iterator[Register]:
    """The register for writing, created (or upgraded) as needed and held by this export
    until the block ends.

    Raises `RegisterBusy` at once when another export holds it, `RegisterError` (one line
    naming the register) when it cannot be reached, created or read.
    """
    with _backend(spec).writing(spec) as db:
        migrate(db)
        yield Register(db, db.name)


@contextmanager
def read_register(spec: RegisterSpec) -> Iterator[RegisterView]:
    """The register for reading only (dry runs): nothing is created, locked or written."""
    with _backend(spec).reading(spec) as db:
        if db is not None:
            refuse_newer(db)
        yield RegisterView(db, register_name(spec))


class _Backend(Protocol):
    def writing(self, spec: RegisterSpec) -> AbstractContextManager[Database]: ...

    def reading(self, spec: RegisterSpec) -> AbstractContextManager[Database | None]: ...


def _backend(spec: RegisterSpec) -> _Backend:
    if is_postgres_url(spec):
        from pipeline.register import postgres

        return postgres.BACKEND
    from pipeline.register import sqlite

    return sqlite.BACKEND
