"""The register on both backends: what was exported, duplicates against it, its lock, recovery,
the remembered files and the schema. Every test taking `backend` runs on an SQLite file and on
a fresh database of a real PostgreSQL server (see register_backends.py)."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from register_backends import Backend

from pipeline.errors import RegisterBusy
from pipeline.export import content_sha256, decide, recover
from pipeline.model import Finding, Invoice, Line, Party, Source
from pipeline.register import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BatchFile,
    ExportedInvoice,
    Migration,
    NewExport,
    RegisterError,
    RegisterSpec,
    SeenFile,
    migrate,
    open_register,
    read_register,
    register_name,
)

D = Decimal
SHA_A = "a" * 64
SHA_B = "b" * 64
ROOT = Path(__file__).resolve().parent.parent
BUSY = "another export is using this register; wait for it to finish and run again"
TABLES = [
    "batch_files",
    "batches",
    "dismissals",
    "exports",
    "invoices",
    "schema_version",
    "seen",
]


def invoice(sha: str = SHA_A, **changes: object) -> Invoice:
    made = Invoice(
        source=Source("Invoice.pdf", sha, 2),
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        invoice_number="E0800ABCDE",
        invoice_date=date(2025, 1, 15),
        currency="EUR",
        lines=(Line(product="Microsoft 365 Business Basic", amount=D("270.00")),),
        total=D("270.00"),
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def exported(spec: RegisterSpec, item: Invoice, batch: str = "20250201-093000") -> None:
    with open_register(spec) as register:
        register.begin_batch(batch, "2025-02-01T09:30:00+01:00", [], again=False)
        new = NewExport(
            entry_id="IE8256796U-E0800ABCDE",
            sha256=item.source.sha256,
            content_sha256=content_sha256(item),
            source_file=item.source.file,
        )
        register.complete_batch(batch, "2025-02-01T09:30:00+01:00", [new], lambda: None)


# ---------------------------------------------------------------- creating and reading


def test_a_new_register_has_every_table_and_records_its_schema_version(
    backend: Backend,
) -> None:
    with open_register(backend.spec):
        pass
    assert backend.tables() == TABLES
    assert backend.sql("SELECT version, description FROM schema_version ORDER BY version") == [
        (1, "batches, their files, exported invoices, exports per batch, files seen"),
        (2, "files dismissed: handled by hand, no longer needing attention"),
    ]
    assert SCHEMA_VERSION == 2


def test_an_exported_invoice_is_found_by_sha256_and_by_entry_id(backend: Backend) -> None:
    exported(backend.spec, invoice())
    with read_register(backend.spec) as register:
        assert register.is_sha256_exported(SHA_A)
        assert not register.is_sha256_exported(SHA_B)
        assert register.exported_entry("IE8256796U-E0800ABCDE") == ExportedInvoice(
            entry_id="IE8256796U-E0800ABCDE",
            sha256=SHA_A,
            content_sha256=content_sha256(invoice()),
            source_file="Invoice.pdf",
            batch_id="20250201-093000",
            exported_at="2025-02-01T09:30:00+01:00",
        )
        assert register.exported_entry("IE8256796U-E0000000000") is None
        assert register.batch_ids() == frozenset({"20250201-093000"})
        assert register.exported_entry_ids("20250201-093000") == ("IE8256796U-E0800ABCDE",)


def test_reading_a_register_that_does_not_exist_creates_nothing(backend: Backend) -> None:
    spec = backend.spec
    if isinstance(spec, Path):
        spec = spec.parent / "none" / "register.sqlite"
    with read_register(spec) as register:
        assert not register.is_sha256_exported(SHA_A)
        assert register.batch_ids() == frozenset()
        assert register.seen_record(SHA_A, "0.1.0") is None
        assert register.batches() == ()
    if isinstance(spec, Path):
        assert list(spec.parent.parent.iterdir()) == []
    else:
        assert backend.tables() == []


# ---------------------------------------------------------------- one export at a time


def test_a_register_held_by_this_process_is_busy(backend: Backend) -> None:
    with (
        open_register(backend.spec),
        pytest.raises(RegisterBusy) as caught,
        open_register(backend.spec),
    ):
        pass
    assert str(caught.value) == f"{register_name(backend.spec)}: {BUSY}"
    with open_register(backend.spec):
        pass


HOLDER = """
import os, sys
from pathlib import Path
from pipeline.register import open_register
spec = {spec}
with open_register(spec):
    if {fork}:
        import multiprocessing, time
        child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
        child.start()
        print(child.pid, flush=True)
    print("held", flush=True)
    sys.stdin.read()
"""


def busy(spec: RegisterSpec) -> bool:
    try:
        with open_register(spec):
            return False
    except RegisterBusy:
        return True


def test_a_register_held_by_another_process_is_busy_until_it_ends(backend: Backend) -> None:
    holder = start_holder(backend.spec)
    assert busy(backend.spec)
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    assert not busy(backend.spec)


def test_a_killed_holder_leaves_the_register_free(backend: Backend) -> None:
    holder = start_holder(backend.spec)
    assert busy(backend.spec)
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=30) == -signal.SIGKILL
    assert wait_until_free(backend.spec)


def test_a_worker_forked_by_a_killed_holder_does_not_keep_the_register(
    backend: Backend,
) -> None:
    holder = start_holder(backend.spec, fork=True)
    child = holder.child_pid
    try:
        assert busy(backend.spec)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert wait_until_free(backend.spec)
        os.kill(child, 0)  # the worker is still alive
    finally:
        with pytest.raises(ProcessLookupError):
            while True:
                os.kill(child, signal.SIGKILL)
                time.sleep(0.01)


class Holder(subprocess.Popen[bytes]):
    child_pid: int


def start_holder(spec: RegisterSpec, *, fork: bool = False) -> Holder:
    code = HOLDER.format(
        spec=f"Path({str(spec)!r})" if isinstance(spec, Path) else repr(spec), fork=fork
    )
    holder = Holder(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
    )
    assert holder.stdout is not None
    if fork:
        holder.child_pid = int(holder.stdout.readline())
    assert holder.stdout.readline() == b"held\n"
    return holder


def wait_until_free(spec: RegisterSpec, seconds: float = 20) -> bool:
    """Whether the register can be opened within `seconds` (the server notices a dead
    connection at once, but not within the same instant)."""
    deadline = time.monotonic() + seconds
    while busy(spec):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _wait_in_child(
    started: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event
) -> None:  # pragma: no cover - runs in the child
    started.set()
    done.wait(30)


def test_a_forked_child_does_not_keep_the_register_locked(backend: Backend) -> None:
    context = multiprocessing.get_context("fork")
    started, done = context.Event(), context.Event()
    with open_register(backend.spec):
        child = context.Process(target=_wait_in_child, args=(started, done))
        child.start()
        assert started.wait(30)
    try:
        with open_register(backend.spec):
            assert child.is_alive()
    finally:
        done.set()
        child.join(30)


# ---------------------------------------------------------------- batches and recovery


def test_a_batch_whose_files_fail_to_publish_records_no_invoice(backend: Backend) -> None:
    new = NewExport("IE8256796U-E0800ABCDE", SHA_A, "c" * 64, "Invoice.pdf")

    def fail() -> None:
        raise OSError(28, "No space left on device")

    with open_register(backend.spec) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        with pytest.raises(OSError):
            register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [new], fail)
        assert [(b.batch_id, b.state) for b in register.batches()] == [("b1", "pending")]
        assert not register.is_sha256_exported(SHA_A)
        assert register.exported_entry("IE8256796U-E0800ABCDE") is None
        register.discard_batch("b1")
        assert register.batches() == ()


def test_recovery_removes_the_files_of_an_unfinished_batch_only(
    backend: Backend, tmp_path: Path
) -> None:
    exported(backend.spec, invoice(), batch="done-batch")
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "journal-done-batch.csv"
    kept.write_text("kept")
    published = out / "journal-killed.csv"
    published.write_text("whole, but never committed")
    partial = out / ".postings-killed.csv.partial"
    partial.write_text("half")
    files = [
        BatchFile("journal-csv", published, out / ".journal-killed.csv.partial"),
        BatchFile("postings-csv", out / "postings-killed.csv", partial),
    ]
    with open_register(backend.spec) as register:
        register.begin_batch("killed", "2025-02-01T10:00:00+01:00", files, again=False)
    with read_register(backend.spec) as view:
        [pending] = view.batches(state="pending")
    assert pending.files == tuple(sorted(files, key=lambda f: str(f.path)))
    with open_register(backend.spec) as register:
        assert recover(register) == ("killed",)
        assert [b.batch_id for b in register.batches()] == ["done-batch"]
        assert recover(register) == ()
    assert [p.name for p in out.iterdir()] == ["journal-done-batch.csv"]


def test_a_batch_id_is_recorded_once(backend: Backend) -> None:
    with open_register(backend.spec) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        with pytest.raises(RegisterError) as caught:
            register.begin_batch("b1", "2025-02-01T09:31:00+01:00", [], again=False)
        assert str(caught.value).startswith(
            f"{register_name(backend.spec)}: cannot write the register ("
        )
        assert [(b.batch_id, b.started_at) for b in register.batches()] == [
            ("b1", "2025-02-01T09:30:00+01:00")
        ]


# ---------------------------------------------------------------- duplicates against it


def test_the_same_number_with_a_different_sha_and_content_is_an_error(backend: Backend) -> None:
    exported(backend.spec, invoice(SHA_A))
    changed = invoice(SHA_B, total=D("271.00"))
    with read_register(backend.spec) as register:
        [(found, outcome)] = decide([changed], register, again=False)
    assert outcome == "attention"
    assert found.status == "error"
    assert found.findings == (
        Finding(
            "DUPLICATE_INVOICE",
            "error",
            "invoice E0800ABCDE has different content in Invoice.pdf (exported in batch "
            "20250201-093000): the same number with different data; not exported — keep the "
            "right file and remove the other",
        ),
    )


def test_the_same_number_with_other_bytes_but_the_same_content_is_a_duplicate(
    backend: Backend,
) -> None:
    exported(backend.spec, invoice(SHA_A))
    with read_register(backend.spec) as register:
        [(found, outcome)] = decide([invoice(SHA_B)], register, again=False)
    assert outcome == "duplicate"
    assert [(f.code, f.severity) for f in found.findings] == [("DUPLICATE_INVOICE", "warning")]


def test_the_same_sha_is_a_duplicate_unless_exported_again_on_purpose(backend: Backend) -> None:
    exported(backend.spec, invoice(SHA_A))
    with read_register(backend.spec) as register:
        assert decide([invoice(SHA_A)], register, again=False)[0][1] == "duplicate"
        assert decide([invoice(SHA_A)], register, again=True) == [(invoice(SHA_A), "exported")]


def test_again_still_refuses_a_number_whose_content_changed(backend: Backend) -> None:
    exported(backend.spec, invoice(SHA_A))
    with read_register(backend.spec) as register:
        [(_, outcome)] = decide([invoice(SHA_B, total=D("1.00"))], register, again=True)
    assert outcome == "attention"


def test_an_invoice_with_an_error_is_never_a_duplicate_or_exported(backend: Backend) -> None:
    broken = invoice(findings=(Finding.of("TOTAL_MISMATCH", "off"),))
    with read_register(backend.spec) as register:
        assert decide([broken, invoice(SHA_B)], register, again=False) == [
            (broken, "attention"),
            (invoice(SHA_B), "exported"),
        ]


def test_a_re_export_from_the_same_file_refreshes_the_content_fingerprint(
    backend: Backend,
) -> None:
    exported(backend.spec, invoice(SHA_A))
    again = [
        ("again-1", NewExport("IE8256796U-E0800ABCDE", SHA_A, "c" * 64, "Invoice.pdf")),
        ("again-2", NewExport("IE8256796U-E0800ABCDE", SHA_B, "d" * 64, "Copy.pdf")),
    ]
    with open_register(backend.spec) as register:
        for batch, new in again:
            register.begin_batch(batch, "2025-03-01T09:00:00+01:00", [], again=True)
            register.complete_batch(batch, "2025-03-01T09:00:00+01:00", [new], lambda: None)
        entry = register.exported_entry("IE8256796U-E0800ABCDE")
        assert register.is_sha256_exported(SHA_B)
    assert entry is not None
    assert (entry.sha256, entry.content_sha256, entry.batch_id) == (
        SHA_A,
        "c" * 64,
        "20250201-093000",
    )


# ---------------------------------------------------------------- remembered files


def test_a_file_seen_but_not_exported_is_remembered_by_sha256_and_reader_version(
    backend: Backend,
) -> None:
    with open_register(backend.spec) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_A, "0.1.0", '{"a":1}'), SeenFile(SHA_B, "0.1.0", '{"b":2}')]
        register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], lambda: None, seen)
    with read_register(backend.spec) as view:
        assert view.seen_record(SHA_A, "0.1.0") == '{"a":1}'
        assert view.seen_record(SHA_B, "0.1.0") == '{"b":2}'
        assert view.seen_record(SHA_A, "0.2.0") is None
        assert view.seen_record("c" * 64, "0.1.0") is None


def test_a_file_seen_again_replaces_what_was_remembered_and_an_export_forgets_it(
    backend: Backend,
) -> None:
    new = NewExport("IE8256796U-E0800ABCDE", SHA_B, "c" * 64, "Invoice.pdf")
    with open_register(backend.spec) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        first = [SeenFile(SHA_A, "0.1.0", '{"a":1}'), SeenFile(SHA_B, "0.1.0", '{"b":2}')]
        register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], lambda: None, first)
        register.begin_batch("b2", "2025-02-02T09:30:00+01:00", [], again=False)
        again = [SeenFile(SHA_A, "0.2.0", '{"a":3}')]
        register.complete_batch("b2", "2025-02-02T09:30:00+01:00", [new], lambda: None, again)
        assert register.seen_record(SHA_A, "0.1.0") is None
        assert register.seen_record(SHA_A, "0.2.0") == '{"a":3}'
        assert register.seen_record(SHA_B, "0.1.0") is None
        assert register.is_sha256_exported(SHA_B)
    assert backend.sql("SELECT sha256, version, batch_id FROM seen") == [(SHA_A, "0.2.0", "b2")]


def test_a_batch_that_fails_to_publish_remembers_no_file(backend: Backend) -> None:
    def fail() -> None:
        raise OSError(28, "No space left on device")

    with open_register(backend.spec) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_A, "0.1.0", '{"a":1}')]
        with pytest.raises(OSError):
            register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], fail, seen)
        assert register.seen_record(SHA_A, "0.1.0") is None


# ---------------------------------------------------------------- schema and migrations

EXTRA = Migration(
    3,
    "an index of exports by source file",
    ("CREATE INDEX IF NOT EXISTS exports_by_source ON exports (source_file)",),
)


def applied(backend: Backend) -> list[int]:
    return [row[0] for row in backend.sql("SELECT version FROM schema_version ORDER BY version")]


def test_opening_a_register_again_applies_no_migration_twice(backend: Backend) -> None:
    exported(backend.spec, invoice())
    first = backend.sql("SELECT version, applied_at FROM schema_version")
    with open_register(backend.spec):
        pass
    assert backend.sql("SELECT version, applied_at FROM schema_version") == first
    assert applied(backend) == [1, 2]
    with read_register(backend.spec) as view:
        assert view.is_sha256_exported(SHA_A)


def test_a_later_migration_upgrades_a_register_once_and_keeps_its_data(
    backend: Backend,
) -> None:
    exported(backend.spec, invoice())
    with open_register(backend.spec) as register:
        db = register._writer
        assert migrate(db, (*MIGRATIONS, EXTRA)) == 3
        assert migrate(db, (*MIGRATIONS, EXTRA)) == 3
        assert register.is_sha256_exported(SHA_A)
    assert applied(backend) == [1, 2, 3]
    with pytest.raises(RegisterError) as caught, open_register(backend.spec):
        pass
    assert str(caught.value) == (
        f"{register_name(backend.spec)}: the register was written by a newer version "
        "(schema 3, this program knows 2)"
    )


def test_a_migration_that_fails_leaves_the_register_at_its_version(backend: Backend) -> None:
    with open_register(backend.spec):
        pass
    broken = Migration(3, "broken", ("CREATE INDEX broken ON exports (no_such_column)",))
    with open_register(backend.spec) as register:
        with pytest.raises(RegisterError) as caught:
            migrate(register._writer, (*MIGRATIONS, broken))
        assert "cannot write the register (" in str(caught.value)
    assert applied(backend) == [1, 2]


def test_a_register_of_a_newer_version_is_refused_for_writing_and_reading(
    backend: Backend,
) -> None:
    with open_register(backend.spec):
        pass
    backend.sql("INSERT INTO schema_version VALUES (7, 'from the future', '2030-01-01')")
    expected = (
        f"{register_name(backend.spec)}: the register was written by a newer version "
        "(schema 7, this program knows 2)"
    )
    for opening in (open_register, read_register):
        with pytest.raises(RegisterError) as caught, opening(backend.spec):
            pass
        assert str(caught.value) == expected


# ---------------------------------------------------------------- SQLite only


def test_an_sqlite_register_keeps_its_lock_file_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "exports" / "register.sqlite"
    with open_register(path):
        pass
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "register.sqlite",
        "register.sqlite.lock",
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_an_sqlite_register_of_a_newer_first_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(RegisterError) as caught, open_register(path):
        pass
    assert str(caught.value) == (
        f"{path}: the register was written by a newer version (schema 7, this program knows 2)"
    )


def test_a_file_that_is_not_a_register_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    path.write_bytes(b"these are not the bytes of an SQLite database" * 100)
    for opening in (open_register, read_register):
        with pytest.raises(RegisterError) as caught, opening(path):
            pass
        assert str(caught.value) == f"{path}: cannot open the register (file is not a database)"


def test_a_register_folder_that_cannot_be_made_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    path = tmp_path / "file" / "register.sqlite"
    with pytest.raises(RegisterError) as caught, open_register(path):
        pass
    assert str(caught.value) == f"{path}: cannot create the register (File exists)"


def _first_register(path: Path) -> None:
    """A register as the first versions wrote it: no `seen`, no `schema_version`, only
    `PRAGMA user_version = 1`."""
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE batches (batch_id TEXT PRIMARY KEY, started_at TEXT NOT NULL,"
            " state TEXT NOT NULL, again INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE exports (batch_id TEXT, entry_id TEXT, sha256 TEXT,"
            " source_file TEXT, PRIMARY KEY (batch_id, entry_id));"
            "INSERT INTO batches VALUES ('b0', '2025-01-01T09:00:00+01:00', 'done', 0);"
            "INSERT INTO exports VALUES ('b0', 'IE8256796U-E0800ABCDE', '"
            + SHA_A
            + "', 'Invoice.pdf');"
            "PRAGMA user_version = 1;"
        )


def test_a_first_version_register_is_read_as_it_is_and_upgraded_when_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    _first_register(path)
    with read_register(path) as view:
        assert view.seen_record(SHA_B, "0.1.0") is None
        assert view.is_sha256_exported(SHA_A)
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == [
            "batches",
            "sqlite_autoindex_batches_1",
            "exports",
            "sqlite_autoindex_exports_1",
        ]
    with open_register(path) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_B, "0.1.0", '{"b":2}')]
        register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], lambda: None, seen)
        assert register.seen_record(SHA_B, "0.1.0") == '{"b":2}'
        assert register.is_sha256_exported(SHA_A)
    sqlite_backend = Backend("sqlite", path)
    assert sqlite_backend.tables() == TABLES
    assert applied(sqlite_backend) == [1, 2]


# ---------------------------------------------------------------- portable: no POSIX module

PORTABLE = """
import os, sys
sys.modules["fcntl"] = None  # as on Windows: `import fcntl` fails, and there is no fork
del os.register_at_fork, os.fork
from pathlib import Path
from pipeline.errors import RegisterBusy
import pipeline.register.postgres
from pipeline.register import open_register, read_register
path = Path(sys.argv[1])
with open_register(path) as register:
    register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
    try:
        with open_register(path):
            print("not busy")
    except RegisterBusy as exc:
        print(exc)
with read_register(path) as view:
    print(sorted(view.batch_ids()))
print("fcntl" in sys.modules and sys.modules["fcntl"] is not None)
"""


def test_the_register_and_its_lock_need_no_posix_only_module(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    result = subprocess.run(
        [sys.executable, "-c", PORTABLE, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.stderr == ""
    assert result.stdout.splitlines() == [f"{path}: {BUSY}", "['b1']", "False"]


# ---------------------------------------------------------------- names and specs


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        (Path("exports/register.sqlite"), "exports/register.sqlite"),
        ("postgresql://anna@db.office.lan/ledger", "postgresql://anna@db.office.lan/ledger"),
        (
            "postgresql://anna:s3cr%40t@db.office.lan:5433/ledger?sslmode=require",
            "postgresql://anna:***@db.office.lan:5433/ledger?sslmode=require",
        ),
        ("postgres://anna:pw@[::1]/ledger", "postgres://anna:***@[::1]/ledger"),
        ("postgresql://anna:pw@db:notaport/ledger", "postgresql://anna:***@db:notaport/ledger"),
    ],
)
def test_a_register_is_shown_with_its_password_masked(spec: RegisterSpec, shown: str) -> None:
    assert register_name(spec) == shown
