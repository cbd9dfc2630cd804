"""What `check` prints for people: one block per invoice and a count per status."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.checks import money_in
from pipeline.model import Invoice

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
