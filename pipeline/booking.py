"""Whether an invoice can be booked, and booking it: the one place that decides it.

An invoice is bookable when no finding is an error and it has an entry id (its supplier and
number). A bookable invoice the ledger still cannot book gets the finding that says why.
"""

from __future__ import annotations

import dataclasses

from pipeline.config import Settings
from pipeline.ledger import LedgerError, journal_rows, postings
from pipeline.model import Booking, Finding, Invoice


def is_bookable(invoice: Invoice) -> bool:
    """No error finding and an entry id: the export may book it."""
    return invoice.status != "error" and invoice.entry_id is not None


def book(invoice: Invoice, settings: Settings) -> Booking | Invoice:
    """Journal rows and postings, or the invoice with the reason it cannot be booked."""
    try:
        rows = journal_rows(invoice, settings)
        return Booking(invoice, rows, postings(invoice, rows, settings))
    except LedgerError as exc:
        reason = str(exc).removeprefix(f"{invoice.source.file}: ")
        finding = Finding.of(unbookable_code(invoice), f"cannot be booked: {reason}")
        return dataclasses.replace(invoice, findings=(*invoice.findings, finding))


def unbookable_code(invoice: Invoice) -> str:
    """The finding code for an invoice the checks passed but the ledger cannot book."""
    if (
        not invoice.invoice_number
        or invoice.invoice_date is None
        or invoice.total is None
        or not invoice.lines
        or any(line.amount is None for line in invoice.lines)
    ):
        return "MISSING_FIELD"
    if any(
        line.period_start is not None
        and line.period_end is not None
        and line.period_end < line.period_start
        for line in invoice.lines
    ):
        return "DATE_ORDER"
    if len({line.tax is None for line in invoice.lines}) > 1:
        return "TAX_MISMATCH"
    return "TOTAL_MISMATCH"
