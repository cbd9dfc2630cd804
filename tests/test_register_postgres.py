"""The register on a real PostgreSQL server, as the office uses it: errors a person
understands, the configuration, several machines exporting into one register, and an export
of the samples end to end. Skipped, with the reason, when no server can be had."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
import register_stress
from click.testing import CliRunner
from register_backends import with_database
from test_export import csv_rows, invoice, journal_entries, json_reader, put

from pipeline.cli import cli
from pipeline.config import Settings, load_settings, settings_toml
from pipeline.export import ExportOptions, run_export
from pipeline.register import RegisterError, open_register, read_register, register_name

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
T1 = datetime(2025, 2, 1, 9, 30, 0)
T2 = datetime(2025, 2, 3, 17, 5, 9)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{parts.username}:{password}@{host}").geturl()


def refusal(spec: str) -> str:
    with pytest.raises(RegisterError) as caught, open_register(spec):
        pass
    return str(caught.value)


# ---------------------------------------------------------------- errors a person understands


def test_a_server_that_does_not_answer_is_named_in_one_line(postgres_url: str) -> None:
    port = free_port()
    parts = urlsplit(postgres_url)
    url = parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{port}").geturl()
    assert refusal(url) == (
        f"postgresql://{parts.username}:***@127.0.0.1:{port}{parts.path}: cannot reach the "
        f"database server at 127.0.0.1:{port} (connection refused); check that PostgreSQL "
        "runs there and accepts connections from this machine"
    )


def test_a_wrong_password_is_named_in_one_line(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    assert refusal(with_password(postgres_url, "not-the-password")) == (
        f"postgresql://{parts.username}:***@{parts.hostname}:{parts.port}{parts.path}: the "
        f"database server at {parts.hostname}:{parts.port} refused the password of user "
        f"{parts.username}; check the user name and password (in the URL, PGPASSWORD or the "
        "pgpass file)"
    )


def test_a_missing_database_is_named_in_one_line(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    url = with_database(postgres_url, "no_such_ledger")
    assert refusal(url) == (
        f"{register_name(url)}: the database server at {parts.hostname}:{parts.port} has no "
        'database "no_such_ledger"; create it (createdb no_such_ledger) or correct the URL'
    )
    assert register_name(url).endswith(":***@" + f"{parts.hostname}:{parts.port}/no_such_ledger")


def test_a_missing_user_is_named_in_one_line(postgres_url: str) -> None:
    parts = urlsplit(postgres_url)
    url = parts._replace(netloc=f"nobody:x@{parts.hostname}:{parts.port}").geturl()
    message = refusal(url)
    assert message.startswith(f"postgresql://nobody:***@{parts.hostname}:{parts.port}")
    # PostgreSQL answers an unknown user as a wrong password, so as not to say which exist.
    assert message.endswith(
        f"the database server at {parts.hostname}:{parts.port} refused the password of user "
        "nobody; check the user name and password (in the URL, PGPASSWORD or the pgpass file)"
    )


def test_the_cli_refuses_an_unreachable_register_in_one_line_and_writes_nothing(
    tmp_path: Path, postgres_url: str
) -> None:
    put(tmp_path / "inbox", "Invoice.pdf", invoice(1))
    url = with_password(postgres_url, "wrong")
    result = CliRunner().invoke(
        cli,
        ["export", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), "--register", url],
        catch_exceptions=False,
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: {register_name(url)}: the database server at ")
    assert "wrong" not in result.stderr
    assert list((tmp_path / "out").iterdir()) == []
    with read_register(postgres_url) as view:
        assert view.batches() == ()


def test_a_dry_run_on_an_empty_database_creates_nothing(tmp_path: Path, postgres_url: str) -> None:
    put(tmp_path / "inbox", "Invoice.pdf", invoice(1))
    options = ExportOptions(tmp_path / "inbox", tmp_path / "out", dry_run=True)
    report = run_export(options, Settings(register_path=postgres_url, jobs=1), reader=json_reader)
    assert [(f.name, f.outcome) for f in report.files] == [("Invoice.pdf", "exported")]
    with psycopg.connect(postgres_url) as db:
        tables = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


# ---------------------------------------------------------------- configuration


def test_the_configuration_names_a_postgresql_register_and_shows_it_masked(
    tmp_path: Path,
) -> None:
    config = tmp_path / "office.toml"
    config.write_text('register = "postgresql://anna:s3cret@db.office.lan/ledger"\n')
    assert load_settings(config).register_path == "postgresql://anna:s3cret@db.office.lan/ledger"
    result = CliRunner().invoke(cli, ["config", "--config", str(config)])
    assert result.exit_code == 0
    assert 'register = "postgresql://anna:***@db.office.lan/ledger"' in result.stdout.splitlines()
    assert "s3cret" not in result.stdout
    shown = settings_toml(Settings(register_path="postgres://anna@db/ledger"))
    assert 'register = "postgres://anna@db/ledger"' in shown.splitlines()


# ---------------------------------------------------------------- several machines, one register


def machine(tmp_path: Path, name: str, numbers: list[int], url: str, when: datetime) -> Any:
    """One accountant's export: their own inbox and output folder, the office's register."""
    inbox = tmp_path / name / "inbox"
    for number in numbers:
        put(inbox, f"Invoice {number}.pdf", invoice(number))
    options = ExportOptions(inbox, tmp_path / name / "out")
    settings = Settings(register_path=url, jobs=1)
    return run_export(options, settings, reader=json_reader, clock=lambda: when)


def test_duplicates_are_found_across_what_every_machine_exported(
    tmp_path: Path, postgres_url: str
) -> None:
    first = machine(tmp_path, "anna", [1, 2, 3], postgres_url, T1)
    # Bob has invoice 3 as the same file, and invoice 2 downloaded again (other bytes).
    put(tmp_path / "bob" / "inbox", "Invoice 2 (again).pdf", invoice(2), download="second")
    second = machine(tmp_path, "bob", [3, 4], postgres_url, T1)
    assert [(f.name, f.outcome) for f in first.files] == [
        ("Invoice 1.pdf", "exported"),
        ("Invoice 2.pdf", "exported"),
        ("Invoice 3.pdf", "exported"),
    ]
    assert [(f.name, f.outcome) for f in second.files] == [
        ("Invoice 2 (again).pdf", "duplicate"),
        ("Invoice 3.pdf", "already_exported"),
        ("Invoice 4.pdf", "exported"),
    ]
    assert second.batch_id == "20250201-093000-2"
    assert journal_entries(tmp_path / "anna" / "out") == [
        "IE8256796U-E000000001",
        "IE8256796U-E000000002",
        "IE8256796U-E000000003",
    ]
    assert journal_entries(tmp_path / "bob" / "out") == ["IE8256796U-E000000004"]
    with read_register(postgres_url) as view:
        assert [(b.batch_id, b.state) for b in view.batches()] == [
            ("20250201-093000", "done"),
            ("20250201-093000-2", "done"),
        ]
        assert view.exported_entry_ids("20250201-093000-2") == ("IE8256796U-E000000004",)


# ---------------------------------------------------------------- the samples, end to end


def export_samples(out: Path, register: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "export", str(SAMPLES), "--out", str(out),
         "--register", register, "--jobs", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


def test_the_samples_export_into_postgresql_once(tmp_path: Path, postgres_url: str) -> None:
    if not list(SAMPLES.glob("*.pdf")):
        pytest.skip("no generated samples in samples/*.pdf yet (run `make samples`)")
    first = export_samples(tmp_path / "out", postgres_url)
    assert first.returncode == 1, first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    journal = list((tmp_path / "out").glob("journal-*.csv"))
    entries = sorted(set(journal_entries(tmp_path / "out")))
    exported_files = sorted({row["source_file"] for row in csv_rows(journal[0])})
    on_sqlite = export_samples(tmp_path / "sqlite-out", str(tmp_path / "register.sqlite"))
    assert on_sqlite.returncode == 1, on_sqlite.stderr
    assert journal_entries(tmp_path / "sqlite-out") == journal_entries(tmp_path / "out")
    assert len(entries) == len(exported_files) > 20
    with read_register(postgres_url) as view:
        [batch] = view.batches()
        assert batch.state == "done"
        assert sorted(view.exported_entry_ids(batch.batch_id)) == entries
        assert {f.path for f in batch.files} == set((tmp_path / "out").iterdir())
    second = export_samples(tmp_path / "out", postgres_url)
    assert second.returncode == 1, second.stderr
    assert "  invoices exported:       0 — nothing new to export" in second.stdout.splitlines()
    assert f"  already exported:        {len(exported_files)} (skipped)" in (
        second.stdout.splitlines()
    )
    assert sorted(set(journal_entries(tmp_path / "out"))) == entries
    assert len(journal_entries(tmp_path / "out")) == len(csv_rows(journal[0]))


def test_settings_accept_a_url_as_the_register(postgres_url: str) -> None:
    settings = replace(Settings(), register_path=postgres_url)
    with open_register(settings.register_path) as register:
        assert register.name == register_name(postgres_url)
        assert ":***@" in register.name


# ---------------------------------------------------------------- killed at the critical moments


def pending_on(url: str) -> bool:
    try:
        with read_register(url) as view:
            return bool(view.batches(state="pending"))
    except RegisterError:
        return False


@pytest.mark.parametrize("moment", ["when-pending", "when-writing", "when-published"])
def test_an_export_killed_while_its_batch_is_pending_loses_and_doubles_nothing(
    tmp_path: Path, postgres_url: str, moment: str
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    expected = register_stress.fake_invoices(inbox, range(1, 121))
    process = register_stress.start("fake", inbox, out, postgres_url)
    conditions = {
        "when-pending": lambda: pending_on(postgres_url),
        "when-writing": lambda: out.exists() and any(p.name[0] == "." for p in out.iterdir()),
        "when-published": lambda: any(out.glob("journal-*.csv")),
    }
    while process.poll() is None and not conditions[moment]():
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    rerun = register_stress.start("fake", inbox, out, postgres_url)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    state = register_stress.register_state(postgres_url)
    assert set(state["states"]) == {"done"}
    assert register_stress.booked(out) == dict.fromkeys(expected.values(), 1)
    assert set(state["exports"]) == set(expected.values())
    assert max(state["exports"].values()) == 1
    assert set(out.iterdir()) == state["files"]
