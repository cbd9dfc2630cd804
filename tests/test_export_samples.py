"""`make export INBOX=samples`: the files read back hold exactly the samples' expected values."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from pipeline.layouts import arithmetic
from pipeline.ledger import due_date
from pipeline.parsing import CENT
from pipeline.record import invoice_from_record

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "export", str(SAMPLES), "--out", str(out / "files"),
         "--register", str(out / "register.sqlite"), "--jobs", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return out / "files"


def _expected(source_file: str) -> dict[str, Any]:
    return dict(json.loads((SAMPLES / source_file).with_suffix(".json").read_text("utf-8")))


def _journal_csv(out: Path) -> pd.DataFrame:
    (path,) = out.glob("journal-*.csv")
    return pd.read_csv(path, sep=";", decimal=",", dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")  # fmt: skip


def _journal_xlsx(out: Path) -> list[dict[str, Any]]:
    (path,) = out.glob("invoices-*.xlsx")
    sheet = load_workbook(path)["Journal"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def test_every_clean_sample_is_exported_once_and_no_sample_with_an_error(exported: Path) -> None:
    journal = _journal_csv(exported)
    exported_files = set(journal["source_file"])
    for json_path in sorted(SAMPLES.glob("*.json")):
        expected = json.loads(json_path.read_text("utf-8"))
        has_error = "error" in expected or any(
            f["severity"] == "error" for f in expected["findings"]
        )
        assert (json_path.with_suffix(".pdf").name in exported_files) is not has_error
    entries = journal.groupby("entry_id")["source_file"].nunique()
    assert (entries == 1).all()


def test_every_csv_row_holds_the_values_of_its_samples_expected_record(exported: Path) -> None:
    journal = _journal_csv(exported)
    assert len(journal) > 0
    by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in journal.to_dict("records"):
        by_file[str(row["source_file"])].append({str(k): str(v) for k, v in row.items()})
    for source_file, rows in by_file.items():
        expected = _expected(source_file)
        assert len(rows) == len(expected["lines"]), source_file
        # the printed due date, or (family C) invoice date + N for printed terms "Net N days"
        due = due_date(invoice_from_record(expected))
        per_row_tax = arithmetic(expected["family"]).tax_per_row
        for row, line in zip(rows, expected["lines"], strict=True):
            assert row["invoice_number"] == expected["invoice_number"]
            assert row["invoice_date"] == expected["invoice_date"]
            assert row["due_date"] == (due.isoformat() if due else "")
            assert row["currency"] == expected["currency"]
            assert row["supplier_vat"] == (expected["supplier"]["vat_number"] or "")
            assert row["customer_vat"] == (expected["customer"]["vat_number"] or "")
            assert row["description"] == line["product"]
            assert _money(row["quantity"]) == Decimal(line["quantity"])
            assert _money(row["unit_price"]) == Decimal(line["unit_price"])
            assert _money(row["net_amount"]) == Decimal(line["amount"])
            if line["tax"] is not None and not per_row_tax:
                assert _money(row["vat_amount"]) == Decimal(line["tax"])
            elif line["tax"] is not None:  # rows rounded one by one: the tax due is booked
                assert abs(_money(row["vat_amount"]) - Decimal(line["tax"])) <= len(rows) * CENT
            assert _money(row["gross_total"]) == Decimal(expected["total"])
            assert row["reverse_charge"] == str(expected["reverse_charge"]).lower()
        assert sum(_money(r["net_amount"]) for r in rows) == Decimal(expected["subtotal"])
        assert sum(_money(r["vat_amount"]) for r in rows) == Decimal(expected["tax"])


def test_the_workbook_journal_holds_the_same_rows_as_real_numbers_and_dates(
    exported: Path,
) -> None:
    csv_rows = _journal_csv(exported).to_dict("records")
    xlsx_rows = _journal_xlsx(exported)
    assert len(xlsx_rows) == len(csv_rows)
    for cells, row in zip(xlsx_rows, csv_rows, strict=True):
        assert cells["entry_id"] == row["entry_id"]
        assert cells["invoice_date"].date().isoformat() == row["invoice_date"]
        for column in ("net_amount", "vat_amount", "gross_total", "self_assessed_vat"):
            assert isinstance(cells[column], int | float), column
            assert Decimal(str(cells[column])) == _money(str(row[column])), column
