"""Running the export as an office does: from any folder, every day, with a known bad file
dismissed by hand, and archiving what was exported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.register import read_register

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = SAMPLES / "a-nl-annual-exchange-rc.pdf"
BAD = SAMPLES / "bad-line-cent-off.pdf"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(GOOD, folder / "Invoice.pdf")
    shutil.copy(BAD, folder / "Bad.pdf")
    return folder


def journal_rows(out: Path) -> list[str]:
    """The journal lines (without headers) of every journal CSV below `out`."""
    return [
        line
        for path in sorted(out.rglob("journal-*.csv"))
        for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]
    ]


def test_the_same_inbox_exported_from_two_folders_is_booked_once(
    tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch, data_folder: Path
) -> None:
    out = tmp_path / "out"
    for here in ("office", "home"):
        (tmp_path / here).mkdir()
        monkeypatch.chdir(tmp_path / here)
        run("export", str(inbox), "--out", str(out))
    assert len(journal_rows(out)) == 1
    assert not (tmp_path / "office" / "exports").exists()
    with read_register(data_folder / "register.sqlite") as register:
        assert len(register.batch_ids()) == 1


def test_the_summary_and_config_say_where_the_register_is(
    tmp_path: Path, inbox: Path, data_folder: Path
) -> None:
    status, output = run("export", str(inbox), "--out", str(tmp_path / "out"))
    assert status == 1
    assert f"  register: {data_folder / 'register.sqlite'}" in output.splitlines()
    status, output = run("config")
    assert f'register = "{data_folder / "register.sqlite"}"' in output.splitlines()


def test_a_relative_register_in_a_configuration_file_is_relative_to_that_file(
    tmp_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "office").mkdir()
    config = tmp_path / "office" / "ledger.toml"
    config.write_text('register = "books/register.sqlite"\n', encoding="utf-8")
    monkeypatch.chdir(inbox)
    status, output = run("config", "--config", str(config))
    assert status == 0
    assert f'register = "{tmp_path / "office" / "books" / "register.sqlite"}"' in output


def test_twenty_daily_runs_over_a_dismissed_bad_file_write_nothing_and_exit_0(
    tmp_path: Path, inbox: Path
) -> None:
    out = tmp_path / "out"
    status, first = run("export", str(inbox), "--out", str(out))
    assert status == 1
    assert (
        "  ! Bad.pdf: LINE_AMOUNT_MISMATCH: line 2: 7 × 3.70 = 25.90 but the invoice says" in first
    )
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 4
    status, said = run("dismiss", str(inbox / "Bad.pdf"), "--reason", "booked by hand, ref 2025-17")
    assert status == 0, said
    assert said.startswith("dismissed ")
    for _day in range(20):
        status, output = run("export", str(inbox), "--out", str(out))
        assert status == 0, output
        lines = output.splitlines()
        assert "nothing new since the last batch, no file written" in lines[0]
        assert "  needing attention:       0" in lines
        assert "  dismissed:               1 (handled by hand)" in lines
        assert any(
            line.startswith("  - Bad.pdf: dismissed ") and "booked by hand, ref 2025-17" in line
            for line in lines
        )
        assert not any(line.startswith("  wrote ") for line in lines)
    assert sorted(p.name for p in out.iterdir()) == written


def test_a_known_bad_file_not_dismissed_still_needs_attention_but_writes_nothing(
    tmp_path: Path, inbox: Path
) -> None:
    out = tmp_path / "out"
    run("export", str(inbox), "--out", str(out))
    written = sorted(out.iterdir())
    status, output = run("export", str(inbox), "--out", str(out))
    assert status == 1
    assert "  needing attention:       1 (1 reported before; `dismiss FILE` once handled)" in (
        output.splitlines()
    )
    assert sorted(out.iterdir()) == written


def test_a_new_file_after_a_dismissal_is_exported_in_a_new_batch(
    tmp_path: Path, inbox: Path
) -> None:
    out = tmp_path / "out"
    run("export", str(inbox), "--out", str(out))
    run("dismiss", str(inbox / "Bad.pdf"), "--reason", "handled")
    shutil.copy(SAMPLES / "b-de-discount.pdf", inbox / "New.pdf")
    status, output = run("export", str(inbox), "--out", str(out))
    assert status == 0, output
    assert output.splitlines()[0].startswith("Batch ")
    assert len(journal_rows(out)) > 1


def test_dismissing_an_exported_file_is_refused(tmp_path: Path, inbox: Path) -> None:
    run("export", str(inbox), "--out", str(tmp_path / "out"))
    status, output = run("dismiss", str(inbox / "Invoice.pdf"), "--reason", "oops")
    assert status == 2
    assert (
        output
        == f"Error: {inbox / 'Invoice.pdf'}: is already exported; there is nothing to dismiss\n"
    )


def test_a_dismissal_needs_a_reason(tmp_path: Path, inbox: Path) -> None:
    status, output = run("dismiss", str(inbox / "Bad.pdf"), "--reason", "  ")
    assert status == 2
    assert "--reason must not be empty" in output
