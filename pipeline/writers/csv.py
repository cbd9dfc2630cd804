"""The CSV format: the journal, the postings and the checks of a batch, one file each.

excel-nl is UTF-8 with BOM, `;` and a decimal comma; plain is UTF-8, `,` and a decimal point.
Amounts are fixed-point digits from their `Decimal`, never floats; text a spreadsheet would run
as a formula gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.config import CsvDialect
from pipeline.writers.tables import (
    Table,
    Value,
    check_rows,
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
    return safe_text(value)


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
    return csv_bytes(checks_table(check_rows(batch.checked)), batch.dialect)
