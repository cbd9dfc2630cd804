"""Whether an invoice can be booked, and booking it: the one place that decides it.

An invoice is bookable when no finding is an error and it has an entry id (its supplier and
number). A bookable invoice the ledger still cannot book gets the finding that says why.
"""

from __future__ import annotations

import dataclasses

from pipeline.clients import Refusal, book_for_client
from pipeline.config import Settings
from pipeline.ledger import LedgerError
from pipeline.model import Booking, Finding, Invoice
from pipeline.rates import ExchangeRates, no_rates


def is_bookable(invoice: Invoice) -> bool:
    """No error finding and an entry id: the export may book it."""
    return invoice.status != "error" and invoice.entry_id is not None


def book(
    invoice: Invoice, settings: Settings, rates: ExchangeRates | None = None
) -> Booking | Refusal | Invoice:
    """Journal rows and postings in the books of the invoice's client; or the export's reason
    not to book it (no such client, no exchange rate); or the invoice with the reason the
    ledger cannot book it."""
    try:
        return book_for_client(invoice, settings, rates or no_rates())
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
