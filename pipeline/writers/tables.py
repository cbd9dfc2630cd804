"""What every format shows, as plain tables: the journal, the postings, the checks and the
summary; and text a spreadsheet will not run as a formula.

Text starting with `=`, `+`, `-`, `@`, tab or carriage return would be run as a formula by a
spreadsheet; each format writes it as text (`safe_text` for CSV, a string cell for XLSX).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from pipeline.ledger import LedgerSummary, MonthTotal, ProductTotal
from pipeline.model import SEVERITY_RANK, Finding, Invoice, JournalRow, Posting
from pipeline.timeline import COLUMNS as LICENCE_HEADER
from pipeline.timeline import LicenceMonth, month_of, next_month

Value = str | Decimal | date | int | bool | None

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One finding of one file, for the Checks sheet and checks CSV."""

    file: str
    sha256: str
    invoice_number: str | None
    code: str
    severity: str
    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class ComboChart:
    """One chart over a table whose first column labels the rows: the `bars` columns as
    stacked bars on the left axis (money), the `lines` columns as lines on a right axis."""

    title: str
    bars: tuple[str, ...]
    bar_axis: str
    lines: tuple[str, ...]
    line_axis: str


@dataclass(frozen=True, slots=True)
class Table:
    """A header and its rows; `chart` names the value column a bar chart shows, if any, and
    `combo` describes a chart of bars and lines, if any.

    `title` names the table where a sheet holds several (an Excel table name: no spaces)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    chart: str | None = None
    combo: ComboChart | None = None


@dataclass(frozen=True, slots=True)
class Sheet:
    """A worksheet of one or more tables placed side by side from row 1."""

    title: str
    tables: tuple[Table, ...]


JOURNAL_HEADER: tuple[str, ...] = tuple(f.name for f in fields(JournalRow))
POSTING_HEADER: tuple[str, ...] = tuple(f.name for f in fields(Posting))
CHECK_HEADER: tuple[str, ...] = tuple(f.name for f in fields(CheckRow))


def safe_text(text: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading `'` where it would."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def check_rows(
    invoices: Iterable[Invoice], export_findings: Iterable[tuple[str, Finding]] = ()
) -> tuple[CheckRow, ...]:
    """One row per finding of every invoice and per finding the export adds about a file
    (`(file, finding)`), errors first, then warnings, then notes; in the invoices' order
    within each severity, a file's own findings before the export's."""
    invoices = tuple(invoices)
    added: dict[str, list[Finding]] = {}
    for file, finding in export_findings:
        added.setdefault(file, []).append(finding)
    rows = [
        CheckRow(
            file=inv.source.file,
            sha256=inv.source.sha256,
            invoice_number=inv.invoice_number,
            code=finding.code,
            severity=finding.severity,
            line=finding.line,
            message=finding.message,
        )
        for inv in invoices
        for finding in (*inv.findings, *added.get(inv.source.file, ()))
    ]
    return tuple(sorted(rows, key=lambda row: -SEVERITY_RANK[row.severity]))


def journal_table(rows: Iterable[JournalRow]) -> Table:
    return Table(
        "Journal",
        JOURNAL_HEADER,
        tuple(tuple(getattr(row, name) for name in JOURNAL_HEADER) for row in rows),
    )


def postings_table(postings: Iterable[Posting]) -> Table:
    return Table(
        "Postings",
        POSTING_HEADER,
        tuple(tuple(getattr(p, name) for name in POSTING_HEADER) for p in postings),
    )


def checks_table(checks: Iterable[CheckRow]) -> Table:
    return Table(
        "Checks",
        CHECK_HEADER,
        tuple(tuple(getattr(c, name) for name in CHECK_HEADER) for c in checks),
    )


def summary_tables(summary: LedgerSummary) -> tuple[Table, Table]:
    """Totals per booking month and per product, each with a bar chart of the net amounts."""
    months = Table(
        "Months",
        tuple(f.name for f in fields(MonthTotal)),
        tuple(tuple(getattr(m, f.name) for f in fields(MonthTotal)) for m in summary.months),
        chart="net",
    )
    products = Table(
        "Products",
        tuple(f.name for f in fields(ProductTotal)),
        tuple(tuple(getattr(p, f.name) for f in fields(ProductTotal)) for p in summary.products),
        chart="net",
    )
    return months, products


def licences_table(rows: Iterable[LicenceMonth]) -> Table:
    """The licence timeline, one row per customer × product × month."""
    return Table("Licences", LICENCE_HEADER, tuple(row.cells() for row in rows))


def licence_series(rows: Sequence[LicenceMonth]) -> dict[tuple[str, str, str], str]:
    """A label per customer × product × currency: the product, with the customer's name
    where the rows hold several customers and the currency where they hold several."""
    customers = {(row.customer_vat, row.customer_name) for row in rows}
    currencies = {row.currency for row in rows}
    labels: dict[tuple[str, str, str], str] = {}
    for row in rows:
        label = row.product
        if len(customers) > 1:
            label = f"{row.customer_name}: {label}"
        if len(currencies) > 1:
            label = f"{label} ({row.currency})"
        labels[(row.customer_vat or row.customer_name, row.product, row.currency)] = label
    return labels


def licence_months_table(rows: Sequence[LicenceMonth]) -> Table:
    """Month by month (every month from the first to the last), per product: the licences
    and the monthly cost, with a chart of both; empty where a product has no row."""
    labels = licence_series(rows)
    cells: dict[tuple[str, str], Value] = {}
    for row in rows:
        label = labels[(row.customer_vat or row.customer_name, row.product, row.currency)]
        cells[(row.month, f"{label} licences")] = row.quantity
        cells[(row.month, f"{label} cost")] = row.monthly_cost
    ordered = list(dict.fromkeys(labels.values()))
    licences = tuple(f"{label} licences" for label in ordered)
    costs = tuple(f"{label} cost" for label in ordered)
    header = ("month", *(name for pair in zip(costs, licences, strict=True) for name in pair))
    table_rows = tuple(
        (month, *(cells.get((month, name)) for name in header[1:])) for month in _months(rows)
    )
    chart = ComboChart(
        "Licences and monthly cost per product", costs, "monthly cost", licences, "licences"
    )
    return Table("LicenceMonths", header, table_rows, combo=chart)


def _months(rows: Sequence[LicenceMonth]) -> list[str]:
    if not rows:
        return []
    first = min(date.fromisoformat(f"{row.month}-01") for row in rows)
    last = max(date.fromisoformat(f"{row.month}-01") for row in rows)
    months, month = [], month_of(first)
    while month <= last:
        months.append(month.strftime("%Y-%m"))
        month = next_month(month)
    return months
