"""The CSV format: the journal, the postings and the checks of a batch, one file each.

excel-nl is UTF-8 with BOM, `;` and a decimal comma; plain is UTF-8, `,` and a decimal point.
Amounts are fixed-point digits from their `Decimal`, never floats; text a spreadsheet would run
as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.config import CsvDialect
from pipeline.writers.tables import (
    FORMULA_PREFIXES,
    Table,
    Value,
    checks_table,
    journal_table,
    postings_table,
    safe_text,
)

if TYPE_CHECKING:
    from pipeline.writers import BatchOutput


def decimal_text(value: Decimal, dialect: CsvDialect) -> str:
    """Fixed-point digits, no thousands separator; a decimal comma in the excel-nl dialect."""
    text = format(value.copy_abs() if value.is_zero() else value, "f")
    return text.replace(".", ",") if dialect == "excel-nl" else text


def csv_field(value: Value, dialect: CsvDialect) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value, dialect)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return text_field(value, dialect)


#: Text a Dutch-locale spreadsheet would take for a number or a date: digits with separators
#: (`82,59`, `613310`, `2025-01`, `12:30`), or in scientific notation (`12e4`). No quote or
#: other character a formula could use.
_NUMBER_LIKE = re.compile(r"[\d .,:/%+-]*\d[\d .,:/%+-]*|[+-]?\d[\d.,]*[eE][+-]?\d+")


def text_field(text: str, dialect: CsvDialect) -> str:
    """Text that opens as text. In excel-nl, the spreadsheet dialect, text a spreadsheet would
    read as a number or date (VAT boxes, account codes, periods) is written `="82,59"`, which
    Excel and Calc both show as the text 82,59; text that a spreadsheet would run as a formula
    gets a leading `'`. plain, the import dialect, writes text as it is (safe-prefixed)."""
    number_like = not text.startswith(FORMULA_PREFIXES) and _NUMBER_LIKE.fullmatch(text)
    if dialect == "excel-nl" and number_like:
        return f'="{text}"'
    return safe_text(text)


def csv_bytes(table: Table, dialect: CsvDialect) -> bytes:
    """The table as CSV in the dialect, rows ending in CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=";" if dialect == "excel-nl" else ",",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writerow(table.header)
    writer.writerows([csv_field(v, dialect) for v in row] for row in table.rows)
    encoding = "utf-8-sig" if dialect == "excel-nl" else "utf-8"
    return buffer.getvalue().encode(encoding)


def journal_csv(batch: BatchOutput) -> bytes:
    return csv_bytes(journal_table(batch.rows), batch.dialect)


def postings_csv(batch: BatchOutput) -> bytes:
    return csv_bytes(postings_table(batch.postings), batch.dialect)


def checks_csv(batch: BatchOutput) -> bytes:
    return csv_bytes(checks_table(batch.checks), batch.dialect)
