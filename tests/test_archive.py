"""`export --archive DIR`: each exported PDF moves to DIR/<YYYY-MM>/<date> <number>.pdf once
its batch is committed; a run stopped before the move, an interrupted copy and a taken name
lose or double nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.archive import archive_file, archive_name
from pipeline.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = SAMPLES / "a-nl-annual-exchange-rc.pdf"  # invoice C70323394B of 14 March 2012
BAD = SAMPLES / "bad-line-cent-off.pdf"
TARGET = Path("2012-03") / "2012-03-14 C70323394B.pdf"


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(GOOD, folder / "Invoice.pdf")
    shutil.copy(BAD, folder / "Bad.pdf")
    return folder


def export(tmp_path: Path, *extra: str) -> tuple[int, str]:
    args = ["export", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"), *extra]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


def test_an_exported_pdf_is_moved_to_the_archive_by_month_date_and_number(
    tmp_path: Path, inbox: Path
) -> None:
    archive = tmp_path / "archive"
    status, output = export(tmp_path, "--archive", str(archive))
    assert status == 1
    assert f"  archived Invoice.pdf → {archive / TARGET}" in output.splitlines()
    assert (archive / TARGET).read_bytes() == GOOD.read_bytes()
    assert sorted(p.name for p in inbox.iterdir()) == ["Bad.pdf"]
    assert [p.relative_to(archive) for p in archive.rglob("*.pdf")] == [TARGET]


def test_a_file_exported_before_the_move_is_archived_by_the_next_run(
    tmp_path: Path, inbox: Path
) -> None:
    export(tmp_path)  # committed, not moved: as a run stopped between its commit and its moves
    archive = tmp_path / "archive"
    status, output = export(tmp_path, "--archive", str(archive))
    assert status == 1  # Bad.pdf, reported before, still needs attention
    assert "nothing new since the last batch" in output.splitlines()[0]
    assert (archive / TARGET).read_bytes() == GOOD.read_bytes()
    assert not (inbox / "Invoice.pdf").exists()


def test_an_interrupted_copy_is_finished_without_a_second_copy(tmp_path: Path) -> None:
    source = tmp_path / "Invoice.pdf"
    shutil.copy(GOOD, source)
    folder = tmp_path / "archive"
    (folder / "2012-03").mkdir(parents=True)
    shutil.copy(GOOD, folder / TARGET)  # the copy was made, the inbox file not yet removed
    assert archive_file(source, folder, date(2012, 3, 14), "C70323394B") == folder / TARGET
    assert not source.exists()
    assert [p.name for p in (folder / "2012-03").iterdir()] == [TARGET.name]


def test_a_name_taken_by_another_file_gets_a_number(tmp_path: Path) -> None:
    source = tmp_path / "Invoice.pdf"
    shutil.copy(GOOD, source)
    folder = tmp_path / "archive"
    (folder / "2012-03").mkdir(parents=True)
    (folder / TARGET).write_bytes(b"another invoice")
    moved = archive_file(source, folder, date(2012, 3, 14), "C70323394B")
    assert moved == folder / "2012-03" / "2012-03-14 C70323394B (2).pdf"
    assert moved.read_bytes() == GOOD.read_bytes()
    assert (folder / TARGET).read_bytes() == b"another invoice"


def test_an_archive_name_holds_no_character_a_file_system_refuses() -> None:
    assert archive_name(date(2025, 2, 1), 'E0/8:00\n"X"') == "2025-02-01 E0_8_00__X_"
