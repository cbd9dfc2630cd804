"""The CSVs opened in LibreOffice Calc with a Dutch (Belgium) and a Dutch (Netherlands) locale:
every amount a number, every date a date, every code and other text column text.

Calc converts each CSV headless, with the import options a user gets on opening the file
(`;`, UTF-8, standard column types, the locale's number recognition), into an XLSX whose cell
types openpyxl reads back. Skipped, with the reason, where Calc (`soffice`) is not installed:
`apt-get install libreoffice-calc`.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_type_hints

import openpyxl
import pytest

from pipeline.config import settings_from_toml
from pipeline.export import ExportOptions, run_export
from pipeline.model import JournalRow, Posting
from pipeline.writers.tables import CheckRow

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Windows language identifiers of the locales, as Calc's CSV filter takes them.
LOCALES = {"nl-BE": 2067, "nl-NL": 1043}
SAMPLES = ("a-nl-annual-exchange-rc.pdf", "a-en-us-sales-tax.pdf", "a-en-ie-vat23-below.pdf",
           "b-nl-be-multi-prorated-rc.pdf", "bad-line-cent-off.pdf")  # fmt: skip
MOMENT = datetime(2026, 12, 2, 17, 0, 0)

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice Calc is not installed (apt-get install libreoffice-calc)"
)


def kinds(record: type) -> dict[str, str]:
    """Column name → what Calc must show: "number", "date" or "text" (booleans: text)."""
    found = {}
    for name, hint in get_type_hints(record).items():
        types = set(get_args(hint)) or {hint}
        if types & {Decimal, int}:
            found[name] = "number"
        elif date in types:
            found[name] = "date"
        else:
            found[name] = "text"
    return found


def exported_csvs(tmp_path: Path) -> list[Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in SAMPLES:
        shutil.copy(ROOT / "samples" / name, inbox / name)
    settings = settings_from_toml(f'register = "{(tmp_path / "r.sqlite").as_posix()}"\njobs = 1')
    out = tmp_path / "out"
    run_export(ExportOptions(inbox, out, frozenset({"csv"})), settings, clock=lambda: MOMENT)
    return sorted(out.glob("*.csv"))


def opened_in_calc(csvs: list[Path], language: int, folder: Path) -> dict[str, list[Any]]:
    """Each CSV as Calc opens it in the locale: its header and rows of typed cell values."""
    profile = folder / "profile"
    subprocess.run(
        [SOFFICE or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         f"--infilter=CSV:59,34,76,1,,{language}", "--convert-to", "xlsx",
         "--outdir", str(folder), *map(str, csvs)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sheets = {}
    for csv_path in csvs:
        book = openpyxl.load_workbook(folder / f"{csv_path.stem}.xlsx", data_only=True)
        sheet = book.worksheets[0]
        sheets[csv_path.stem.split("-")[0]] = list(sheet.iter_rows(values_only=True))
    return sheets


def cell_kind(value: object) -> str:
    if isinstance(value, datetime | date):
        return "date"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return "number"
    return "text" if isinstance(value, str) else type(value).__name__


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_calc_opens_amounts_as_numbers_dates_as_dates_and_codes_as_text(
    locale: str, tmp_path: Path
) -> None:
    csvs = exported_csvs(tmp_path)
    assert [p.name.split("-")[0] for p in csvs] == ["checks", "journal", "postings"]
    sheets = opened_in_calc(csvs, LOCALES[locale], tmp_path / "calc")
    expected = {"journal": kinds(JournalRow), "postings": kinds(Posting), "checks": kinds(CheckRow)}
    for name, rows in sheets.items():
        header, *body = rows
        assert len(body) >= 3, name
        for row in body:
            for column, value in zip(header, row, strict=True):
                if value is None:
                    continue
                assert cell_kind(value) == expected[name][column], (locale, name, column, value)
    header, *body = sheets["journal"]
    journal = next(dict(zip(header, row, strict=True)) for row in body if "C70323394B" in row)
    assert (journal["vat_boxes"], journal["gl_account"], journal["booking_period"]) == (
        "82,88,55,59",
        "613310",
        "2012-03",
    )
    assert journal["net_amount"] == 432
    assert journal["invoice_date"] == datetime(2012, 3, 14)
