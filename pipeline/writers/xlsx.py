"""The XLSX format: the batch workbook, and the only openpyxl import.

Sheets Journal, Postings, Checks and Summary (totals per month and per product, with charts).
Text is always a string cell (with Excel's quote prefix where a spreadsheet would run it as a
formula); amounts are number cells written from their `Decimal`. The workbook is streamed
(openpyxl's write-only mode), so its memory does not grow with the rows, and reproducible: the
same batch and time give the same bytes.
"""

from __future__ import annotations

import io
import shutil
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from pipeline.ledger import LedgerSummary, summary_by_month_and_product
from pipeline.model import JournalRow, Posting
from pipeline.writers.tables import (
    FORMULA_PREFIXES,
    CheckRow,
    Sheet,
    Table,
    Value,
    checks_table,
    journal_table,
    postings_table,
    summary_tables,
)

if TYPE_CHECKING:
    from pipeline.writers import BatchOutput

MONEY_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_MAX_WIDTH = 60
_MIN_WIDTH = 6

#: Decimal columns that are not money: shown as entered rather than to the cent.
_NUMBER_FORMATS: dict[str, str] = {
    "quantity": "General",
    "vat_rate": "General",
    "unit_price": "0.00##",
    "line_no": "0",
    "source_page": "0",
    "line": "0",
    "invoices": "0",
}


#: How the Checks sheet marks each severity: errors red and bold, warnings amber, notes blue.
SEVERITY_STYLES: dict[str, tuple[PatternFill, Font]] = {
    "error": (PatternFill("solid", fgColor="FFC7CE"), Font(bold=True, color="9C0006")),
    "warning": (PatternFill("solid", fgColor="FFEB9C"), Font(color="9C5700")),
    "info": (PatternFill("solid", fgColor="DDEBF7"), Font(color="1F4E78")),
}


def workbook(batch: BatchOutput) -> bytes:
    """The batch workbook, its document times the batch's start."""
    sheets = invoice_sheets(
        batch.rows,
        batch.postings,
        batch.checks,
        summary_by_month_and_product(batch.rows),
    )
    return workbook_bytes(sheets, batch.created)


def _cell_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _cell(sheet: WriteOnlyWorksheet, value: Value, column: str) -> Cell | None:
    """A cell for a streamed row. Text is always a string cell: openpyxl would otherwise take
    text starting with `=` for a formula, so the type is set after the value."""
    if value is None:
        return None
    if isinstance(value, str):
        text = _cell_text(value)
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        cell.number_format = "@"  # text: a code typed over stays a code, not a number
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
        if column == "severity" and text in SEVERITY_STYLES:
            cell.fill, cell.font = SEVERITY_STYLES[text]
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet)
        cell.value = value.copy_abs() if value.is_zero() else value
        cell.number_format = _NUMBER_FORMATS.get(column, MONEY_FORMAT)
        return cell
    cell = WriteOnlyCell(sheet)
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.number_format = _NUMBER_FORMATS.get(column, "0")
    return cell


def _display_width(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, Decimal):
        return len(format(value, "f"))
    if isinstance(value, date):
        return 10
    return max((len(part) for part in str(value).splitlines()), default=0)


def _column_width(table: Table, offset: int) -> int:
    # the header needs room for the filter button as well
    widest = max([len(table.header[offset]) + 2, *(_display_width(r[offset]) for r in table.rows)])
    return min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH)


def _table_range(table: Table, first_column: int) -> str:
    first = get_column_letter(first_column)
    last = get_column_letter(first_column + len(table.header) - 1)
    return f"{first}1:{last}{len(table.rows) + 1}"


def _excel_table(table: Table, first_column: int) -> ExcelTable:
    """An Excel table with its filter and column names set here: a streamed sheet cannot be
    read back for them when the file is saved."""
    cells = _table_range(table, first_column)
    excel_table = ExcelTable(displayName=table.title, ref=cells, autoFilter=AutoFilter(ref=cells))
    excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    excel_table.tableColumns = [
        TableColumn(id=number, name=name)
        for number, name in enumerate(table.header, start=first_column)
    ]
    return excel_table


def _sheet_rows(sheet: WriteOnlyWorksheet, tables: Sequence[Table]) -> Iterator[list[Cell | None]]:
    """The rows of the tables placed side by side from row 1, one blank column between them,
    the header row bold."""
    bold = Font(bold=True)
    header: list[Cell | None] = []
    for number, table in enumerate(tables):
        if number:
            header.append(None)
        for name in table.header:
            cell = _cell(sheet, name, name)
            assert cell is not None
            cell.font = bold
            header.append(cell)
    yield header
    for index in range(max((len(t.rows) for t in tables), default=0)):
        row: list[Cell | None] = []
        for number, table in enumerate(tables):
            if number:
                row.append(None)
            if index < len(table.rows):
                values = zip(table.header, table.rows[index], strict=True)
                row.extend(_cell(sheet, value, name) for name, value in values)
            else:
                row.extend([None] * len(table.header))
        yield row


def _fill_sheet(sheet: WriteOnlyWorksheet, sheet_tables: Sheet) -> None:
    """One table: a sheet filter. Several side by side: an Excel table (with its own filter)
    each, since a sheet has only one filter. Widths, panes, filters, tables and charts are set
    before the rows are streamed, as a write-only sheet needs."""
    tables = sheet_tables.tables
    # types-openpyxl leaves out the members a write-only sheet copies from Worksheet
    widths = sheet.column_dimensions  # type: ignore[attr-defined]
    column = 1
    charts_at = sum(len(t.header) + 1 for t in tables) + 1
    chart_row = 2
    for table in tables:
        for offset in range(len(table.header)):
            letter = get_column_letter(column + offset)
            widths[letter].width = _column_width(table, offset)
        if len(tables) == 1:
            sheet.auto_filter.ref = _table_range(table, column)  # type: ignore[attr-defined]
        else:
            with warnings.catch_warnings():
                # the columns are named in _excel_table, which is what the warning asks for
                warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
                sheet.add_table(_excel_table(table, column))  # type: ignore[misc]
        if table.chart is not None:
            for first, last, currency in _currency_runs(table):
                chart = _bar_chart(sheet, table, column, first, last, currency)
                sheet.add_chart(chart, f"{get_column_letter(charts_at)}{chart_row}")  # type: ignore[misc]
                chart_row += int(chart.height * 2) + 2
        column += len(table.header) + 1
    sheet.freeze_panes = "A2"
    for row in _sheet_rows(sheet, tables):
        sheet.append(row)


def _currency_runs(table: Table) -> list[tuple[int, int, str | None]]:
    """The sheet rows (first, last) of each currency's run of the table's rows, which are
    ordered by currency; the whole table as one run when it has no currency column."""
    if not table.rows:
        return []
    if "currency" not in table.header:
        return [(2, len(table.rows) + 1, None)]
    at = table.header.index("currency")
    runs: list[tuple[int, int, str | None]] = []
    for number, row in enumerate(table.rows, start=2):
        value = row[at]
        currency = value if isinstance(value, str) else None
        if runs and runs[-1][2] == currency:
            runs[-1] = (runs[-1][0], number, currency)
        else:
            runs.append((number, number, currency))
    return runs


def _bar_chart(
    sheet: WriteOnlyWorksheet,
    table: Table,
    first_column: int,
    first_row: int,
    last_row: int,
    currency: str | None,
) -> BarChart:
    """Bars of the table's `chart` column for the rows of one currency, labelled by its first
    column: months as columns, products (long names) as horizontal bars, one bar a row."""
    assert table.chart is not None
    values_at = first_column + table.header.index(table.chart)
    count = last_row - first_row + 1
    in_currency = f" ({currency})" if currency else ""
    chart = BarChart()
    horizontal = table.header[0] == "product"
    chart.type = "bar" if horizontal else "col"
    chart.title = f"{table.chart}{in_currency} per {table.header[0].replace('_', ' ')}"
    chart.y_axis.title = f"{table.chart}{in_currency}"
    chart.y_axis.numFmt = MONEY_FORMAT
    chart.legend = None
    chart.add_data(
        Reference(sheet, min_col=values_at, min_row=first_row, max_row=last_row),
        titles_from_data=False,
    )
    labels = Reference(sheet, min_col=first_column, min_row=first_row, max_row=last_row)
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        # one bar per product, its name beside it in full: the chart grows with the products
        widest = max((len(str(row[0])) for row in table.rows), default=10)
        chart.width = min(max(18, 10 + widest // 4), 40)
        chart.height = min(max(8, 1 + count * 7 // 10), 60)
    else:
        chart.width = min(max(15, count + count // 2), 40)
        chart.height = 9
    return chart


def invoice_sheets(
    rows: Sequence[JournalRow],
    postings: Sequence[Posting],
    checks: Sequence[CheckRow],
    summary: LedgerSummary,
) -> tuple[Sheet, ...]:
    """The sheets of the batch workbook: Journal, Postings, Checks, Summary."""
    return (
        Sheet("Journal", (journal_table(rows),)),
        Sheet("Postings", (postings_table(postings),)),
        Sheet("Checks", (checks_table(checks),)),
        Sheet("Summary", summary_tables(summary)),
    )


def workbook_bytes(sheets: Sequence[Sheet], created: datetime) -> bytes:
    """The XLSX of the sheets, reproducible: the document's created and modified times are
    `created` (not now; naive means UTC) and the zip entries carry a fixed date, so the same
    sheets and time give the same bytes."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = book.create_sheet(sheet.title)
        assert isinstance(worksheet, WriteOnlyWorksheet)
        _fill_sheet(worksheet, sheet)
    stamp = created.astimezone(UTC) if created.tzinfo else created
    stamp = stamp.replace(tzinfo=None, microsecond=0)
    book.properties.creator = "invoice-pipeline"
    book.properties.lastModifiedBy = None
    book.properties.created = stamp
    book.properties.modified = stamp
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(book, archive).save()
    return _with_fixed_zip_dates(raw.getvalue())


def _with_fixed_zip_dates(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            with source.open(item) as reader, target.open(entry, "w") as writer:
                shutil.copyfileobj(reader, writer)
    return out.getvalue()
