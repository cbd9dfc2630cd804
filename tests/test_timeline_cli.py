"""`python -m pipeline timeline` and the Licences sheet, from sequences exported for real.

The committed sequences of samples/timeline are exported into a fresh register (the real
reader, the real export); the timeline command then reads every exported invoice back from
the register and must give exactly each sequence's expected timeline, in the CSV and in the
workbook's Licences sheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from register_backends import Backend

from pipeline.cli import cli
from pipeline.export import seen_json
from pipeline.licences import licences_path, run_timeline
from pipeline.model import Invoice, Line, Party, Source
from pipeline.register import NewExport, open_register
from pipeline.timeline import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEQUENCES = ROOT / "samples" / "timeline"
#: The families of the sequences, each printed by reportlab.
READ = ("a", "b", "c")
TODAY = date.today()


def expected(family: str) -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = json.loads(
        (SEQUENCES / family / "timeline.json").read_text("utf-8")
    )
    return rows


def vat_of(family: str) -> str:
    return str(expected(family)[0]["customer_vat"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sequences (all families, both engines) exported into one register."""
    root = tmp_path_factory.mktemp("timeline")
    result = run(
        "export", str(SEQUENCES), "--out", str(root / "files"),
        "--register", str(root / "register.sqlite"), "--jobs", "2",
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return root


def as_text(field: str) -> str:
    """The text of an excel-nl field: `="…"` is the text between the quotes."""
    wrapped = re.fullmatch(r'="(.*)"', field)
    return wrapped.group(1) if wrapped else field


def csv_rows(path: Path, dialect: str) -> list[dict[str, str | None]]:
    """The CSV's rows as the timeline.json of the samples writes them."""
    if dialect == "excel-nl":
        text = path.read_text("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
        # a month is text a Dutch-locale spreadsheet would take for a date: written ="YYYY-MM"
        assert all(re.fullmatch(r'="\d{4}-\d{2}"', r["month"]) for r in rows)
        rows = [{k: as_text(v) for k, v in r.items()} for r in rows]
        money = ("quantity", "unit_price", "monthly_cost")
        rows = [r | {k: r[k].replace(",", ".") for k in money} for r in rows]
    else:
        rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    return [{k: (v if v != "" or k in ("change", "price_basis") else None) for k, v in r.items()}
            for r in rows]  # fmt: skip


@pytest.mark.parametrize("family", READ)
def test_an_exported_sequence_gives_exactly_its_timeline(exported: Path, family: str) -> None:
    out = exported / f"out-{family}"
    result = run(
        "timeline", "--register", str(exported / "register.sqlite"), "--out", str(out),
        "--customer", vat_of(family),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = licences_path(out, TODAY)
    assert path.exists()
    assert csv_rows(path, "excel-nl") == expected(family)
    assert result.stdout.splitlines()[-1] == f"wrote {path} ({len(expected(family))} rows)"


def test_the_terminal_summary_names_the_years_price_increase(exported: Path) -> None:
    result = run(
        "timeline", "--register", str(exported / "register.sqlite"),
        "--out", str(exported / "summary"), "--customer", vat_of("b"), "--csv-dialect", "plain",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        f"Architectenbureau De Linde BV ({vat_of('b')}): 2025-01 to 2025-07",
        "  changed in 2025-07: nothing",
        "  price increases 2024-08 to 2025-07:",
        "    2025-05 Microsoft 365 Business Standard: 11.70 EUR a month → 12.50 EUR a month"
        " (+6.8%)",
    ]
    plain = csv_rows(licences_path(exported / "summary", TODAY), "plain")
    assert plain == expected("b")


def test_without_customer_every_customer_is_in_the_csv(exported: Path) -> None:
    report = run_timeline(exported / "register.sqlite", exported / "all", "plain", TODAY)
    for family in READ:
        mine = [r for r in csv_rows(report.path, "plain") if r["customer_vat"] == vat_of(family)]
        assert mine == expected(family)
    assert report.without_record == ()


def test_an_unknown_customer_is_one_line_and_status_2(exported: Path) -> None:
    result = run("timeline", "--register", str(exported / "register.sqlite"), "--out",
                 str(exported / "none"), "--customer", "NL000000000B01")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "Error: the register holds no licences of customer NL000000000B01\n"
    assert not (exported / "none").exists()


def test_a_register_that_does_not_exist_is_one_line_and_status_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["timeline", "--register", str(tmp_path / "nothing.sqlite"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'nothing.sqlite'}: no register here yet\n"
    assert not (tmp_path / "nothing.sqlite").exists()


@pytest.mark.parametrize("family", READ)
def test_the_workbook_of_the_export_has_the_licences_sheet(exported: Path, family: str) -> None:
    (book,) = (exported / "files").glob("invoices-*.xlsx")
    sheet = openpyxl.load_workbook(book)["Licences"]
    header = [cell.value for cell in sheet[1]][: len(COLUMNS)]
    assert tuple(header) == COLUMNS
    rows: list[dict[str, Any]] = []
    for line in sheet.iter_rows(min_row=2):
        cells = dict(zip(COLUMNS, line[: len(COLUMNS)], strict=True))
        if cells["customer_vat"].value == vat_of(family):
            rows.append(cells)
    want = expected(family)
    assert len(rows) == len(want)
    for cells, row in zip(rows, want, strict=True):
        assert cells["quantity"].data_type == "n"
        assert cells["monthly_cost"].data_type == "n"
        assert cells["month"].data_type == "s"
        assert Decimal(str(cells["quantity"].value)) == Decimal(str(row["quantity"]))
        assert Decimal(str(cells["unit_price"].value)) == Decimal(str(row["unit_price"]))
        assert Decimal(str(cells["monthly_cost"].value)) == Decimal(str(row["monthly_cost"]))
        assert (cells["month"].value, cells["product"].value) == (row["month"], row["product"])
        assert (cells["change"].value or "", cells["invoices"].value) == (
            row["change"],
            row["invoices"],
        )


def test_an_invoice_exported_before_records_were_kept_is_counted(
    backend: Backend, tmp_path: Path
) -> None:
    """On SQLite and on PostgreSQL: the timeline reads the records the register keeps."""
    register = backend.spec
    invoice = Invoice(
        source=Source("old.pdf", "a" * 64, 1),
        customer=Party("Studio Verbeke BV", "BE0412345678"),
        invoice_number="E0000OLD01",
        invoice_date=date(2024, 1, 2),
        currency="EUR",
        lines=(
            Line(
                "Microsoft 365 Business Standard",
                period_start=date(2024, 1, 1),
                period_end=date(2024, 1, 31),
                quantity=Decimal(2),
                unit_price=Decimal("10.00"),
                price_basis="month",
                amount=Decimal("20.00"),
            ),
        ),
    )
    with open_register(register) as opened:
        opened.begin_batch("B1", "2024-01-03T10:00:00", (), again=False)
        old = NewExport("IE-E0000OLD00", "b" * 64, "c" * 64, "older.pdf")
        new = NewExport("IE-E0000OLD01", "a" * 64, "d" * 64, "old.pdf", seen_json(invoice))
        opened.complete_batch("B1", "2024-01-03T10:00:00", (old, new), lambda: None)
    report = run_timeline(register, tmp_path / "out", "plain", TODAY)
    assert [(r.month, r.quantity, r.monthly_cost) for r in report.rows] == [
        ("2024-01", Decimal(2), Decimal("20.00"))
    ]
    assert report.without_record == ("IE-E0000OLD00",)
    assert report.invoices == 1
