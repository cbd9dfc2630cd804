"""What the commands print for people: `check`'s block per invoice and count per status, and
the closing summary of an export batch."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.checks import money_in
from pipeline.model import Invoice

if TYPE_CHECKING:
    from pipeline.export import BatchReport

STATUSES = ("ok", "warning", "error")


def check_block(name: str, invoice: Invoice) -> str:
    """The lines printed for one file: name, number, total, status, then one line per finding."""
    number = invoice.invoice_number or "(not found)"
    total = "(not found)" if invoice.total is None else money_in(invoice.total, invoice.currency)
    lines = [
        name,
        f"  invoice {number}, total {total}, status {invoice.status}",
        *(f"  {f.code} ({f.severity}): {f.message}" for f in invoice.findings),
    ]
    return "\n".join(lines)


def status_summary(invoices: Sequence[Invoice]) -> str:
    """'3 files: 2 ok, 0 warning, 1 error'."""
    counts = {status: 0 for status in STATUSES}
    for invoice in invoices:
        counts[invoice.status] += 1
    noun = "file" if len(invoices) == 1 else "files"
    per_status = ", ".join(f"{counts[status]} {status}" for status in STATUSES)
    return f"{len(invoices)} {noun}: {per_status}"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def summary_lines(report: BatchReport) -> list[str]:
    """The closing summary printed after a batch, for people."""
    lines = []
    if report.dry_run:
        lines.append(
            f"Dry run {report.batch_id}: {len(report.files)} PDF files found"
            " (nothing written or recorded)"
        )
    else:
        lines.append(f"Batch {report.batch_id}: {len(report.files)} PDF files found")
    if report.recovered:
        lines.append(f"  cleaned up after an interrupted run: batch {', '.join(report.recovered)}")
    exported = report.count("exported")
    lines.append(f"  files read:              {report.files_read}")
    if report.files_remembered:
        lines.append(f"  known from earlier runs: {report.files_remembered} (not read again)")
    lines.append(
        f"  invoices exported:       {exported} ({report.journal_rows} journal rows)"
        if exported
        else "  invoices exported:       0 — nothing new to export"
    )
    lines.append(f"  already exported:        {report.count('already_exported')} (skipped)")
    lines.append(f"  duplicates:              {report.count('duplicate')} (not exported again)")
    lines.append(f"  needing attention:       {report.count('attention')}")
    if report.totals:
        totals = "; ".join(f"{currency} {_money(v)}" for currency, v in report.totals)
        lines.append(f"  totals exported:         {totals}")
    for result in report.files:
        if result.outcome == "attention" and result.invoice is not None:
            for finding in result.invoice.findings:
                if finding.severity == "error":
                    message = finding.message.removeprefix(f"{result.invoice.source.file}: ")
                    lines.append(f"  ! {result.name}: {finding.code}: {message}")
    for path in report.outputs:
        lines.append(f"  wrote {path}")
    return lines
