"""What the commands print for people: `check`'s block per invoice and count per status, and
the closing summary of an export batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.model import Invoice
from pipeline.money import money

if TYPE_CHECKING:
    from pipeline.export import BatchReport

STATUSES = ("ok", "warning", "error")
#: How the summary marks a finding of each severity.
_MARKS = {"error": "!", "warning": "~", "info": "-"}


def check_block(name: str, invoice: Invoice) -> str:
    """The lines printed for one file: name, number, total, status, then one line per finding."""
    number = invoice.invoice_number or "(not found)"
    total = "(not found)" if invoice.total is None else money(invoice.total, invoice.currency)
    kind = "credit note" if invoice.document_type == "credit_note" else "invoice"
    corrects = f" (corrects {invoice.original_invoice})" if invoice.original_invoice else ""
    lines = [
        name,
        f"  {kind} {number}{corrects}, total {total}, status {invoice.status}",
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


def summary_lines(report: BatchReport) -> list[str]:
    """The closing summary printed after a batch, for people."""
    lines = []
    if report.dry_run:
        lines.append(
            f"Dry run {report.batch_id}: {len(report.files)} PDF files found"
            " (nothing written or recorded)"
        )
    elif report.nothing_new:
        lines.append(
            f"Run {report.batch_id}: {len(report.files)} PDF files found — nothing new since the"
            " last batch, no file written"
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
    attention = report.count("attention")
    known = sum(1 for f in report.files if f.outcome == "attention" and f.remembered)
    lines.append(
        f"  needing attention:       {attention}"
        + (f" ({known} reported before; `dismiss FILE` once handled)" if known else "")
    )
    if report.count("dismissed"):
        lines.append(f"  dismissed:               {report.count('dismissed')} (handled by hand)")
    if report.totals:
        totals = "; ".join(
            f"{money(value, None, report.locale)} {currency}"
            if currency.startswith("(")
            else money(value, currency, report.locale)
            for currency, value in report.totals
        )
        lines.append(f"  totals exported:         {totals}")
    for result in report.files:
        if result.outcome == "attention" and result.invoice is not None:
            for finding in result.invoice.findings:
                if finding.severity == "error":
                    message = finding.message.removeprefix(f"{result.invoice.source.file}: ")
                    lines.append(f"  ! {result.name}: {finding.code}: {message}")
        for finding in result.export_findings:
            mark = _MARKS[finding.severity]
            lines.append(f"  {mark} {result.name}: {finding.code}: {finding.message}")
    if report.customers:
        lines.append("  customers (no [[clients]] configured):")
        for label, count in report.customers:
            lines.append(f"    {label}: {count} {'invoice' if count == 1 else 'invoices'}")
    for result in report.files:
        if result.dismissal is not None:
            when = result.dismissal.dismissed_at[:10]
            lines.append(f"  - {result.name}: dismissed {when}: {result.dismissal.reason}")
    for skipped in report.skipped:
        lines.append(f"  - {skipped.name}: not read: {skipped.reason}")
    for path in report.outputs:
        lines.append(f"  wrote {path}")
    lines.extend(f"  {line}" for line in report.archived)
    if report.register is not None:
        lines.append(f"  register: {report.register}")
    return lines
