"""The licence timeline as files: the CSV in both dialects and the workbook's Licences sheet."""

from __future__ import annotations

import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl

from pipeline.ledger import LedgerSummary
from pipeline.timeline import COLUMNS, LicenceMonth
from pipeline.writers.csv import licences_csv
from pipeline.writers.tables import licence_months_table, licences_table
from pipeline.writers.xlsx import invoice_sheets, workbook_bytes

D = Decimal
CREATED = datetime(2025, 8, 1, 9, 30)
STANDARD = "Microsoft 365 Business Standard"
COPILOT = "Microsoft 365 Copilot"


def row(product: str, month: str, quantity: str, price: str, cost: str, change: str,
        invoices: str, customer: tuple[str, str] = ("BE0412345678", "Studio Verbeke BV"),
        currency: str = "EUR") -> LicenceMonth:  # fmt: skip
    return LicenceMonth(
        customer_vat=customer[0],
        customer_name=customer[1],
        product=product,
        month=month,
        quantity=D(quantity),
        unit_price=D(price),
        price_basis="month",
        currency=currency,
        monthly_cost=D(cost),
        change=change,
        invoices=invoices,
    )


ROWS = (
    row(STANDARD, "2025-03", "14", "11.70", "141.15", "quantity +4", "E0000MAR01;E0000APR01"),
    row(STANDARD, "2025-04", "14", "11.70", "163.80", "", "E0000APR01"),
    row(STANDARD, "2025-05", "14", "12.50", "175.00", "price +6.8%", "E0000MAY01"),
    row(COPILOT, "2025-05", "3", "28.10", "84.30", "new", "E0000MAY01"),
)


def licences_workbook(tmp_path: Path, rows: tuple[LicenceMonth, ...]) -> Path:
    path = tmp_path / "invoices.xlsx"
    sheets = invoice_sheets((), (), (), LedgerSummary((), ()), rows)
    path.write_bytes(workbook_bytes(sheets, CREATED))
    return path


# ---------------------------------------------------------------- CSV


def test_the_csv_in_the_excel_nl_dialect() -> None:
    """The month is text a Dutch-locale spreadsheet would take for a date: written ="…"."""
    text = licences_csv(ROWS[:2], "excel-nl").decode("utf-8")
    assert text == (
        "\ufeffcustomer_vat;customer_name;product;month;quantity;unit_price;price_basis;"
        "currency;monthly_cost;change;invoices\r\n"
        'BE0412345678;Studio Verbeke BV;Microsoft 365 Business Standard;"=""2025-03""";14;11,70;'
        'month;EUR;141,15;quantity +4;"E0000MAR01;E0000APR01"\r\n'
        'BE0412345678;Studio Verbeke BV;Microsoft 365 Business Standard;"=""2025-04""";14;11,70;'
        "month;EUR;163,80;;E0000APR01\r\n"
    )


def test_the_csv_in_the_plain_dialect_keeps_every_decimal_exact() -> None:
    text = licences_csv(ROWS[2:], "plain").decode("utf-8")
    assert text.splitlines() == [
        ",".join(COLUMNS),
        "BE0412345678,Studio Verbeke BV,Microsoft 365 Business Standard,2025-05,14,12.50,month,"
        "EUR,175.00,price +6.8%,E0000MAY01",
        "BE0412345678,Studio Verbeke BV,Microsoft 365 Copilot,2025-05,3,28.10,month,EUR,84.30,"
        "new,E0000MAY01",
    ]


def test_a_product_that_looks_like_a_formula_is_text_in_the_csv() -> None:
    rows = (row("=HYPERLINK(1)", "2025-05", "1", "1.00", "1.00", "new", "E1"),)
    assert ";'=HYPERLINK(1);" in licences_csv(rows, "excel-nl").decode("utf-8")


# ---------------------------------------------------------------- the month-by-month table


def test_the_month_table_has_cost_and_licences_per_product_for_every_month() -> None:
    gap = (*ROWS, row(COPILOT, "2025-07", "5", "28.10", "140.50", "new", "E0000JUL01"))
    table = licence_months_table(gap)
    assert table.header == (
        "month",
        f"{STANDARD} cost",
        f"{STANDARD} licences",
        f"{COPILOT} cost",
        f"{COPILOT} licences",
    )
    assert table.rows == (
        ("2025-03", D("141.15"), D("14"), None, None),
        ("2025-04", D("163.80"), D("14"), None, None),
        ("2025-05", D("175.00"), D("14"), D("84.30"), D("3")),
        ("2025-06", None, None, None, None),
        ("2025-07", None, None, D("140.50"), D("5")),
    )
    assert table.combo is not None
    assert table.combo.bars == (f"{STANDARD} cost", f"{COPILOT} cost")
    assert table.combo.lines == (f"{STANDARD} licences", f"{COPILOT} licences")


def test_series_name_the_customer_and_the_currency_only_when_there_are_several() -> None:
    other = row(STANDARD, "2025-03", "2", "12.00", "24.00", "new", "E9", ("", "Bakkerij"), "USD")
    table = licence_months_table((ROWS[0], other))
    assert table.header == (
        "month",
        f"Studio Verbeke BV: {STANDARD} (EUR) cost",
        f"Studio Verbeke BV: {STANDARD} (EUR) licences",
        f"Bakkerij: {STANDARD} (USD) cost",
        f"Bakkerij: {STANDARD} (USD) licences",
    )


def test_the_licences_table_is_the_rows_cells_with_decimals_kept() -> None:
    table = licences_table(ROWS)
    assert table.header == COLUMNS
    assert table.rows == tuple(r.cells() for r in ROWS)
    assert [type(value).__name__ for value in table.rows[0]] == [
        "str", "str", "str", "str", "Decimal", "Decimal", "str", "str", "Decimal", "str", "str",
    ]  # fmt: skip


# ---------------------------------------------------------------- the Licences sheet


def test_the_licences_sheet_holds_the_rows_as_typed_cells(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(licences_workbook(tmp_path, ROWS))["Licences"]
    header = [cell.value for cell in sheet[1]]
    assert tuple(header[:11]) == COLUMNS
    assert header[11] is None
    values = [[cell.value for cell in line[:11]] for line in sheet.iter_rows(min_row=2)]
    assert values == [
        ["BE0412345678", "Studio Verbeke BV", STANDARD, "2025-03", 14, 11.7, "month", "EUR",
         141.15, "quantity +4", "E0000MAR01;E0000APR01"],
        ["BE0412345678", "Studio Verbeke BV", STANDARD, "2025-04", 14, 11.7, "month", "EUR",
         163.8, None, "E0000APR01"],
        ["BE0412345678", "Studio Verbeke BV", STANDARD, "2025-05", 14, 12.5, "month", "EUR",
         175, "price +6.8%", "E0000MAY01"],
        ["BE0412345678", "Studio Verbeke BV", COPILOT, "2025-05", 3, 28.1, "month", "EUR",
         84.3, "new", "E0000MAY01"],
    ]  # fmt: skip
    first = sheet[2]
    assert [cell.data_type for cell in first[:11]] == ["s", "s", "s", "s", "n", "n", "s", "s",
                                                       "n", "s", "s"]  # fmt: skip
    assert (first[4].number_format, first[5].number_format, first[8].number_format) == (
        "General",
        "0.00##",
        "0.00",
    )
    assert sheet.freeze_panes == "A2"
    assert dict(sheet.tables.items()) == {"Licences": "A1:K5", "LicenceMonths": "M1:Q4"}


def test_the_month_by_month_table_sits_beside_the_rows(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(licences_workbook(tmp_path, ROWS))["Licences"]
    months = [[cell.value for cell in line[12:17]] for line in sheet.iter_rows()]
    assert months == [
        ["month", f"{STANDARD} cost", f"{STANDARD} licences", f"{COPILOT} cost",
         f"{COPILOT} licences"],
        ["2025-03", 141.15, 14, None, None],
        ["2025-04", 163.8, 14, None, None],
        ["2025-05", 175, 14, 84.3, 3],
        [None, None, None, None, None],
    ]  # fmt: skip
    assert (sheet["N2"].number_format, sheet["O2"].number_format) == ("0.00", "General")


def test_the_chart_shows_the_cost_as_bars_and_the_licences_as_lines(tmp_path: Path) -> None:
    path = licences_workbook(tmp_path, ROWS)
    with zipfile.ZipFile(path) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert charts == ["xl/charts/chart1.xml"]
        # openpyxl writes `<a />` or `<a/>` depending on whether lxml is installed
        chart = archive.read(charts[0]).decode().replace(" />", "/>")
    bars, lines = chart.split("<lineChart>")
    assert "<barChart>" in bars and '<grouping val="stacked"/>' in bars
    assert "Licences and monthly cost per product" in bars
    for column in ("N", "P"):
        assert f"<val><numRef><f>'Licences'!${column}$2:${column}$4</f></numRef></val>" in bars
    for column in ("O", "Q"):
        assert f"<val><numRef><f>'Licences'!${column}$2:${column}$4</f></numRef></val>" in lines
    assert lines.count("<cat><strRef><f>'Licences'!$M$2:$M$4</f></strRef></cat>") == 2
    assert '<axId val="200"/>' in lines and '<crosses val="max"/>' in chart
    assert ">monthly cost<" in chart and ">licences<" in chart


def test_without_licences_the_sheet_has_its_header_and_no_chart(tmp_path: Path) -> None:
    path = licences_workbook(tmp_path, ())
    sheet = openpyxl.load_workbook(path)["Licences"]
    assert [tuple(line) for line in sheet.iter_rows(values_only=True)] == [COLUMNS]
    assert sheet.auto_filter.ref == "A1:K1"
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/charts/")]
