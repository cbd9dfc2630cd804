"""Whose books an invoice goes in, and its booking there: routing, currency and the export's
findings.

These findings are the export's, not the reading's: they are not codes of the invoice record
(`parse` never prints them) but rows of the checks sheet, the checks CSV and the terminal.

* `UNKNOWN_CLIENT` (error): clients are configured and the invoice is addressed to none of them;
  it is not exported.
* `NO_EXCHANGE_RATE` (error): the invoice is in another currency than its client's and the rates
  file has no rate for its date (nor the days before it, see `pipeline.rates`); not exported.
* `FOREIGN_VAT` (warning): the invoice charges VAT of another country than its client's; that VAT
  is not deductible and is booked as a cost or on the foreign-VAT-to-reclaim account.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.config import Client, Settings, match_key
from pipeline.ledger import ZERO, charged_rates, journal_rows, postings, vat_case
from pipeline.model import SEVERITY_RANK, Booking, Finding, Invoice, JournalRow
from pipeline.rates import Conversion, ExchangeRates, identity

if TYPE_CHECKING:
    from pipeline.ubl.types import Buyer

UNKNOWN_CLIENT = "UNKNOWN_CLIENT"
NO_EXCHANGE_RATE = "NO_EXCHANGE_RATE"
FOREIGN_VAT = "FOREIGN_VAT"


@dataclass(frozen=True, slots=True)
class Refusal:
    """An invoice the export does not book, and the error findings that say why."""

    findings: tuple[Finding, ...]


def client_of(invoice: Invoice, clients: Sequence[Client]) -> Client | None:
    """The client the invoice is addressed to: the one with the customer's VAT number; when the
    invoice prints no customer VAT number (or a client has none), the one of the same name
    (compared without case, spacing and punctuation)."""
    customer_vat = invoice.customer.vat_number
    if customer_vat:
        wanted = match_key(customer_vat)
        for client in clients:
            if client.vat_number is not None and match_key(client.vat_number) == wanted:
                return client
    name = match_key(invoice.customer.name)
    if name is None:
        return None
    for client in clients:
        if (not customer_vat or client.vat_number is None) and match_key(client.name) == name:
            return client
    return None


def ubl_buyer(client: Client) -> Buyer:
    """The client as the buyer of its invoices' UBL files (`[buyer]` in ubl.md); the UBL
    package (and lxml) is imported only when a UBL file is made."""
    from pipeline.ubl.types import Buyer

    return Buyer(
        name=client.name,
        vat_number=client.vat_number,
        country=client.country,
        peppol_id=client.peppol_id,
        legal_id=client.legal_id,
        street=client.street,
        city=client.city,
        post_code=client.post_code,
    )


def customer_label(invoice: Invoice) -> str:
    """The customer an invoice is addressed to, as people name it: "Name (VAT number)"."""
    name, vat_number = invoice.customer.name, invoice.customer.vat_number
    if name and vat_number:
        return f"{name} ({vat_number})"
    return name or vat_number or "no customer name or VAT number"


def folder_of(invoice: Invoice, clients: Sequence[Client]) -> str:
    """The output folder (below the export's) of the invoice's client; "" without one."""
    return client_folder(client_of(invoice, clients), clients) if clients else ""


def client_folder(client: Client | None, clients: Sequence[Client]) -> str:
    """The client's output folder below the export's folder ("" is that folder itself): its
    `folder`; else, when several clients are configured, its VAT number (or name)."""
    if client is None:
        return ""
    if client.folder is not None:
        return client.folder
    if len(clients) < 2:
        return ""
    return re.sub(r"[^\w.-]+", "-", client.vat_number or client.label).strip("-.") or "client"


def book_for_client(
    invoice: Invoice, settings: Settings, rates: ExchangeRates
) -> Booking | Refusal:
    """The invoice booked in the books of its client (the general ones without clients), or
    why it cannot be.

    Raises LedgerError when its own numbers cannot be booked (see `pipeline.ledger`)."""
    client = client_of(invoice, settings.clients) if settings.clients else None
    if settings.clients and client is None:
        message = (
            f"addressed to {customer_label(invoice)}, who is not a configured client "
            f"({', '.join(c.label for c in settings.clients)}); not exported"
        )
        return Refusal((Finding(UNKNOWN_CLIENT, "error", message),))
    books = settings if client is None else settings.for_client(client)
    conversion = conversion_for(invoice, books, rates)
    if isinstance(conversion, Finding):
        return Refusal((conversion,))
    rows = journal_rows(invoice, books, conversion)
    booked = postings(invoice, rows, books)
    findings = foreign_vat_findings(invoice, books, rows)
    worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
    if worst > SEVERITY_RANK[rows[0].status]:
        rows = tuple(dataclasses.replace(row, status="warning") for row in rows)
    return Booking(invoice, rows, booked, findings)


def conversion_for(invoice: Invoice, books: Settings, rates: ExchangeRates) -> Conversion | Finding:
    """How the invoice's amounts go into the books' currency, or the NO_EXCHANGE_RATE finding."""
    target = books.currency
    source = invoice.currency
    if target is None or source == target:
        return identity(source or "")
    if source is None:
        reason = f"the invoice prints no currency, and the books are in {target}"
    elif invoice.invoice_date is None:
        reason = f"the invoice has no date to take the {source} rate of"
    else:
        found = rates.conversion(source, target, invoice.invoice_date)
        if found is not None:
            return found
        where = f"in {rates.file}" if rates.file else "(no exchange-rates file is configured)"
        reason = (
            f"no {source}/{target} exchange rate for {invoice.invoice_date.isoformat()} or the "
            f"days just before it {where}"
        )
    return Finding(NO_EXCHANGE_RATE, "error", f"{reason}; not exported")


def foreign_vat_findings(
    invoice: Invoice, books: Settings, rows: Sequence[JournalRow]
) -> tuple[Finding, ...]:
    """FOREIGN_VAT when the invoice charges VAT of another country than the books'."""
    if vat_case(invoice, books) != "foreign":
        return ()
    charged = sum((row.vat_functional for row in rows), ZERO)
    currency = rows[0].functional_currency or ""
    rates = ", ".join(f"{_percent(rate)}%" for rate in sorted(charged_rates(invoice)))
    where = (
        f"booked on {books.foreign_vat_account} (foreign VAT to reclaim)"
        if books.foreign_vat_account
        else "added to the expense"
    )
    message = (
        f"{invoice.supplier.country} VAT {rates} ({charged} {currency}) charged by "
        f"{invoice.supplier.name or invoice.supplier.vat_number} is VAT of another country "
        f"than {books.buyer_country}: not deductible, {where}"
    )
    return (Finding(FOREIGN_VAT, "warning", message),)


def _percent(rate: Decimal) -> str:
    return format(rate.normalize(), "f")
