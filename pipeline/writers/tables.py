"""What every format shows, as plain tables: the journal, the postings, the checks and the
summary; and text a spreadsheet will not run as a formula.

Text starting with `=`, `+`, `-`, `@`, tab or carriage return would be run as a formula by a
spreadsheet; each format writes it as text (`safe_text` for CSV, a string cell for XLSX).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from pipeline.ledger import LedgerSummary, MonthTotal, ProductTotal
from pipeline.model import SEVERITY_RANK, Finding, Invoice, JournalRow, Posting

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
class Table:
    """A header and its rows; `chart` names the value column a bar chart shows, if any.

    `title` names the table where a sheet holds several (an Excel table name: no spaces)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    chart: str | None = None


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
