"""The register: what was exported, duplicates against it, its lock, and recovery."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.errors import RegisterBusy
from pipeline.export import content_sha256, decide, recover
from pipeline.model import Finding, Invoice, Line, Party, Source
from pipeline.register import (
    BatchFile,
    ExportedInvoice,
    NewExport,
    RegisterError,
    SeenFile,
    open_register,
    read_register,
)

D = Decimal
SHA_A = "a" * 64
SHA_B = "b" * 64


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


def exported(register_path: Path, item: Invoice, batch: str = "20250201-093000") -> None:
    with open_register(register_path) as register:
        register.begin_batch(batch, "2025-02-01T09:30:00+01:00", [], again=False)
        new = NewExport(
            entry_id="IE8256796U-E0800ABCDE",
            sha256=item.source.sha256,
            content_sha256=content_sha256(item),
            source_file=item.source.file,
        )
        register.complete_batch(batch, "2025-02-01T09:30:00+01:00", [new], lambda: None)


def test_a_new_register_is_created_with_its_folder_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "exports" / "register.sqlite"
    with open_register(path):
        pass
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        version = db.execute("PRAGMA user_version").fetchone()[0]
    assert tables == ["batches", "batch_files", "invoices", "exports", "records", "seen"]
    assert version == 1
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "register.sqlite",
        "register.sqlite.lock",
    ]


def test_an_exported_invoice_is_found_by_sha256_and_by_entry_id(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice())
    with read_register(path) as register:
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


def test_reading_a_register_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    with read_register(tmp_path / "none" / "register.sqlite") as register:
        assert not register.is_sha256_exported(SHA_A)
        assert register.batch_ids() == frozenset()
    assert list(tmp_path.iterdir()) == []


def test_a_register_held_by_this_process_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    with open_register(path), pytest.raises(RegisterBusy) as caught, open_register(path):
        pass
    assert str(caught.value) == (
        f"{path}: another export is using this register; wait for it to finish and run again"
    )
    with open_register(path):
        pass


def test_a_register_held_by_another_process_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from pipeline.register import open_register\n"
            f"with open_register(Path({str(path)!r})):\n"
            "    print('held', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == b"held\n"
    with pytest.raises(RegisterBusy):
        open_register(path).__enter__()
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    with open_register(path):
        pass


def _wait_in_child(
    started: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event
) -> None:  # pragma: no cover - runs in the child
    started.set()
    done.wait(30)


def test_a_forked_child_does_not_keep_the_register_locked(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    context = multiprocessing.get_context("fork")
    started, done = context.Event(), context.Event()
    with open_register(path):
        child = context.Process(target=_wait_in_child, args=(started, done))
        child.start()
        assert started.wait(30)
    try:
        with open_register(path):
            assert child.is_alive()
    finally:
        done.set()
        child.join(30)


def test_a_register_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(RegisterError) as caught, open_register(path):
        pass
    assert str(caught.value) == (
        f"{path}: the register was written by a newer version (schema 7, this program knows 1)"
    )


def test_a_file_that_is_not_a_register_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    path.write_bytes(b"these are not the bytes of an SQLite database" * 100)
    with pytest.raises(RegisterError) as caught, open_register(path):
        pass
    assert str(caught.value) == f"{path}: cannot open the register (file is not a database)"


def test_a_batch_whose_files_fail_to_publish_records_no_invoice(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    new = NewExport("IE8256796U-E0800ABCDE", SHA_A, "c" * 64, "Invoice.pdf")

    def fail() -> None:
        raise OSError(28, "No space left on device")

    with open_register(path) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        with pytest.raises(OSError):
            register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [new], fail)
        assert [(b.batch_id, b.state) for b in register.batches()] == [("b1", "pending")]
        assert not register.is_sha256_exported(SHA_A)
        register.discard_batch("b1")
        assert register.batches() == ()


def test_recovery_removes_the_files_of_an_unfinished_batch_only(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(), batch="done-batch")
    kept = tmp_path / "journal-done-batch.csv"
    kept.write_text("kept")
    published = tmp_path / "journal-killed.csv"
    published.write_text("whole, but never committed")
    partial = tmp_path / ".postings-killed.csv.partial"
    partial.write_text("half")
    files = [
        BatchFile("journal-csv", published, tmp_path / ".journal-killed.csv.partial"),
        BatchFile("postings-csv", tmp_path / "postings-killed.csv", partial),
    ]
    with open_register(path) as register:
        register.begin_batch("killed", "2025-02-01T10:00:00+01:00", files, again=False)
    with open_register(path) as register:
        assert recover(register) == ("killed",)
        assert [b.batch_id for b in register.batches()] == ["done-batch"]
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".csv" or p.name.startswith(".")] == [
        "journal-done-batch.csv"
    ]


# ---------------------------------------------------------------- duplicates against it


def test_the_same_number_with_a_different_sha_and_content_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(SHA_A))
    changed = invoice(SHA_B, total=D("271.00"))
    with read_register(path) as register:
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
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(SHA_A))
    with read_register(path) as register:
        [(found, outcome)] = decide([invoice(SHA_B)], register, again=False)
    assert outcome == "duplicate"
    assert [(f.code, f.severity) for f in found.findings] == [("DUPLICATE_INVOICE", "warning")]


def test_the_same_sha_is_a_duplicate_unless_exported_again_on_purpose(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(SHA_A))
    with read_register(path) as register:
        assert decide([invoice(SHA_A)], register, again=False)[0][1] == "duplicate"
        assert decide([invoice(SHA_A)], register, again=True) == [(invoice(SHA_A), "exported")]


def test_again_still_refuses_a_number_whose_content_changed(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(SHA_A))
    with read_register(path) as register:
        [(_, outcome)] = decide([invoice(SHA_B, total=D("1.00"))], register, again=True)
    assert outcome == "attention"


def test_an_invoice_with_an_error_is_never_a_duplicate_or_exported(tmp_path: Path) -> None:
    broken = invoice(findings=(Finding.of("TOTAL_MISMATCH", "off"),))
    with read_register(tmp_path / "register.sqlite") as register:
        assert decide([broken, invoice(SHA_B)], register, again=False) == [
            (broken, "attention"),
            (invoice(SHA_B), "exported"),
        ]


def test_a_re_export_from_the_same_file_refreshes_the_content_fingerprint(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    exported(path, invoice(SHA_A))
    again = [
        ("again-1", NewExport("IE8256796U-E0800ABCDE", SHA_A, "c" * 64, "Invoice.pdf")),
        ("again-2", NewExport("IE8256796U-E0800ABCDE", SHA_B, "d" * 64, "Copy.pdf")),
    ]
    with open_register(path) as register:
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


def test_a_file_seen_but_not_exported_is_remembered_by_sha256_and_reader_version(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    with open_register(path) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_A, "0.1.0", '{"a":1}'), SeenFile(SHA_B, "0.1.0", '{"b":2}')]
        register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], lambda: None, seen)
    with read_register(path) as view:
        assert view.seen_record(SHA_A, "0.1.0") == '{"a":1}'
        assert view.seen_record(SHA_B, "0.1.0") == '{"b":2}'
        assert view.seen_record(SHA_A, "0.2.0") is None
        assert view.seen_record("c" * 64, "0.1.0") is None


def test_a_file_seen_again_replaces_what_was_remembered_and_an_export_forgets_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    new = NewExport("IE8256796U-E0800ABCDE", SHA_B, "c" * 64, "Invoice.pdf")
    with open_register(path) as register:
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


def test_a_batch_that_fails_to_publish_remembers_no_file(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite"

    def fail() -> None:
        raise OSError(28, "No space left on device")

    with open_register(path) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_A, "0.1.0", '{"a":1}')]
        with pytest.raises(OSError):
            register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], fail, seen)
        assert register.seen_record(SHA_A, "0.1.0") is None


def _old_register(path: Path) -> None:
    """A register as written before the `seen` table existed."""
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


def test_a_register_from_before_the_seen_table_is_read_and_then_extended(
    tmp_path: Path,
) -> None:
    path = tmp_path / "register.sqlite"
    _old_register(path)
    with read_register(path) as view:
        assert view.seen_record(SHA_B, "0.1.0") is None
        assert view.is_sha256_exported(SHA_A)
    with open_register(path) as register:
        register.begin_batch("b1", "2025-02-01T09:30:00+01:00", [], again=False)
        seen = [SeenFile(SHA_B, "0.1.0", '{"b":2}')]
        register.complete_batch("b1", "2025-02-01T09:30:00+01:00", [], lambda: None, seen)
        assert register.seen_record(SHA_B, "0.1.0") == '{"b":2}'
        assert register.is_sha256_exported(SHA_A)
