"""The licence timeline with configured clients, and with the register in its default place.

Two sequences of samples/timeline (B: Architectenbureau De Linde BV, C: Tandartsenpraktijk
Maes BV) are exported for two configured clients: each client's workbook must hold exactly its
own customer's timeline, over everything the register has exported for it, and nothing of the
other's.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.config import settings_from_toml
from pipeline.export import ExportOptions, exported_invoices, run_export
from pipeline.licences import licences_path
from pipeline.places import default_register_path
from pipeline.register import read_register
from pipeline.timeline import COLUMNS, licence_timeline
from pipeline.writers.tables import licence_months_table, licences_table

ROOT = Path(__file__).resolve().parents[1]
SEQUENCES = ROOT / "samples" / "timeline"
LINDE = "BE0231291748"  # family B's customer
MAES = "BE0237653364"  # family C's customer
CLIENTS = f"""
[[clients]]
vat_number = "{LINDE}"
folder = "linde"

[[clients]]
vat_number = "{MAES}"
folder = "maes"
"""
FIRST = datetime(2025, 7, 10, 9, 0, 0)
SECOND = datetime(2025, 8, 10, 9, 0, 0)
MONEY = ("quantity", "unit_price", "monthly_cost")

Row = tuple[object, ...]


def expected(family: str) -> list[Row]:
    """The sequence's timeline.json, as comparable tuples (amounts as Decimal)."""
    rows = json.loads((SEQUENCES / family / "timeline.json").read_text("utf-8"))
    return [
        tuple(
            Decimal(row[name]) if name in MONEY and row[name] is not None else row[name] or ""
            for name in COLUMNS
        )
        for row in rows
    ]


def sheet_rows(book: Path) -> list[Row]:
    """The rows of the workbook's Licences table, amounts as Decimal (number cells only)."""
    sheet = openpyxl.load_workbook(book)["Licences"]
    header = tuple(cell.value for cell in sheet[1])[: len(COLUMNS)]
    assert header == COLUMNS
    rows: list[Row] = []
    for line in sheet.iter_rows(min_row=2):
        cells = dict(zip(COLUMNS, line[: len(COLUMNS)], strict=True))
        if cells["customer_vat"].value is None:
            continue
        for name in MONEY:
            assert cells[name].value is None or cells[name].data_type == "n", name
        rows.append(
            tuple(
                Decimal(str(cells[name].value))
                if name in MONEY and cells[name].value is not None
                else cells[name].value or ""
                for name in COLUMNS
            )
        )
    return rows


def inbox_of(tmp_path: Path, name: str, pdfs: list[Path]) -> Path:
    inbox = tmp_path / name
    inbox.mkdir()
    for pdf in pdfs:
        shutil.copy(pdf, inbox / pdf.name)
    return inbox


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """B whole and C without its last month in a first batch, C's last month in a second."""
    root = tmp_path_factory.mktemp("clients")
    settings = settings_from_toml(
        f'register = "{(root / "register.sqlite").as_posix()}"\njobs = 2\n' + CLIENTS
    )
    c_pdfs = sorted((SEQUENCES / "c").glob("*.pdf"))
    last = SEQUENCES / "c" / "c-timeline-2025-07.pdf"
    first = inbox_of(root, "first", [*sorted((SEQUENCES / "b").glob("*.pdf")), *c_pdfs[:-1]])
    assert last not in c_pdfs[:-1]
    report = run_export(ExportOptions(first, root / "out"), settings, clock=lambda: FIRST)
    assert report.exit_status == 0
    second = inbox_of(root, "second", [last])
    report = run_export(ExportOptions(second, root / "out"), settings, clock=lambda: SECOND)
    assert [(f.name, f.outcome, f.folder) for f in report.files] == [
        (last.name, "exported", "maes")
    ]
    return root


def test_each_clients_workbook_holds_its_own_customers_timeline_only(exported: Path) -> None:
    out = exported / "out"
    assert sheet_rows(out / "linde" / "invoices-20250710-090000.xlsx") == expected("b")
    first_maes = sheet_rows(out / "maes" / "invoices-20250710-090000.xlsx")
    assert {row[0] for row in first_maes} == {MAES}
    # up to the month before its last, the first batch's data already tells C's whole story
    assert [row for row in first_maes if str(row[3]) < "2025-06"] == [
        row for row in expected("c") if str(row[3]) < "2025-06"
    ]
    # the folder of no client gets its checks, and a Licences sheet with no customer's rows
    assert sheet_rows(out / "invoices-20250710-090000.xlsx") == []


def test_a_later_batch_shows_the_clients_whole_history_from_the_register(exported: Path) -> None:
    out = exported / "out"
    assert sheet_rows(out / "maes" / "invoices-20250810-090000.xlsx") == expected("c")
    assert not (out / "linde" / "invoices-20250810-090000.xlsx").exists()


def test_every_amount_the_licence_tables_hand_the_writers_is_a_decimal(exported: Path) -> None:
    with read_register(exported / "register.sqlite") as view:
        history, missing = exported_invoices(view)
    assert missing == ()
    assert len(history) == 16
    rows = licence_timeline(history)
    assert len(rows) == len(expected("b")) + len(expected("c"))
    timeline = licences_table(rows)
    for row in timeline.rows:
        for name in MONEY:
            value = row[COLUMNS.index(name)]
            assert value is None or type(value) is Decimal, (name, value)
    months = licence_months_table(rows)
    filled = [value for row in months.rows for value in row[1:] if value is not None]
    assert filled
    assert all(type(value) is Decimal for value in filled)


def test_timeline_reads_the_default_register_and_writes_in_the_current_folder(
    data_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --register both commands use the register in the user's data folder; without
    --out the CSV lands in the current folder, not in that data folder."""
    inbox = inbox_of(tmp_path, "inbox", sorted((SEQUENCES / "b").glob("*.pdf")))
    settings = settings_from_toml("jobs = 2\n")
    assert settings.register_path == default_register_path() == data_folder / "register.sqlite"
    report = run_export(ExportOptions(inbox, tmp_path / "out"), settings, clock=lambda: FIRST)
    assert report.exit_status == 0
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = CliRunner().invoke(cli, ["timeline", "--customer", LINDE, "--csv-dialect", "plain"])
    assert result.exit_code == 0, result.output
    written = licences_path(Path("."), date.today())
    assert result.output.splitlines()[-1] == f"wrote {written} (14 rows)"
    assert (here / written.name).exists()
    assert sorted(p.name for p in data_folder.iterdir()) == [
        "register.sqlite",
        "register.sqlite.lock",
    ]
    with (here / written.name).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [
        tuple(Decimal(r[n]) if n in MONEY and r[n] else r[n] or "" for n in COLUMNS) for r in rows
    ] == [tuple("" if v is None else v for v in row) for row in expected("b")]
