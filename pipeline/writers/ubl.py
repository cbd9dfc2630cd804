"""The UBL format: one Peppol BIS Billing 3.0 file per booked invoice (shared/spec/ubl.md).

A thin adapter over `pipeline.ubl`, which builds and validates the document and writes
nothing: this module gathers what `ubl_file` needs from the batch — the PDF read again by
the path the batch found it under, the buyer, the printed extras, the journal's due date —
and answers the file's bytes or, where the spec allows no file, `Declined` with the rule ids
and values, which the export lists as `UBL_SKIPPED`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.booking import book, is_bookable
from pipeline.clients import Refusal, client_of, ubl_buyer
from pipeline.config import Client, Settings
from pipeline.model import Booking, Invoice
from pipeline.rates import ExchangeRates
from pipeline.ubl import (
    Buyer,
    Printed,
    UblFile,
    UblResult,
    UblSkipped,
    Violation,
    ubl_file,
)
from pipeline.writers.files import publish, temp_path_of, write_bytes

if TYPE_CHECKING:
    from pipeline.writers import BatchOutput, Declined

SUFFIX = ".xml"


def ubl_document(batch: BatchOutput) -> bytes | Declined:
    """The UBL file of the batch's one booking (the registry calls it once per invoice)."""
    from pipeline.writers import Declined

    (booking,) = batch.bookings
    result = ubl_result(booking, batch.source_path(booking.invoice), batch.clients)
    if isinstance(result, UblSkipped):
        return Declined("; ".join(str(reason) for reason in result.reasons))
    return result.xml


def ubl_result(booking: Booking, pdf: Path | None, clients: Sequence[Client] = ()) -> UblResult:
    """The file of a booked invoice, its PDF read from `pdf`, its buyer the configured client
    it is addressed to (if any), or why there is none.

    The PDF is read now, when the file is written: a file changed since it was read has
    another SHA-256 and gives no file (`SCOPE-PDF`), never a wrong embedded PDF."""
    invoice = booking.invoice
    pdf_bytes = _pdf_bytes(invoice, pdf)
    if isinstance(pdf_bytes, Violation):
        return UblSkipped(booking.entry_id, (pdf_bytes,))
    buyer = buyer_of(invoice, clients)
    return ubl_file(invoice, booking.entry_id, buyer, pdf_bytes, printed_of(booking))


def _pdf_bytes(invoice: Invoice, pdf: Path | None) -> bytes | Violation:
    if pdf is None:
        return Violation("SCOPE-PDF", f"the PDF {invoice.source.file} was not found in the batch")
    try:
        return pdf.read_bytes()
    except OSError as exc:
        return Violation(
            "SCOPE-PDF", f"the PDF {invoice.source.file} cannot be read ({exc.strerror or exc})"
        )


def buyer_of(invoice: Invoice, clients: Sequence[Client]) -> Buyer | None:
    """The configured client the invoice is addressed to, as the buyer (`[buyer]` of ubl.md:
    its Peppol id, legal id and address); None without one, when the customer block of the
    PDF alone names the buyer."""
    client = client_of(invoice, clients)
    return None if client is None else ubl_buyer(client)


def printed_of(booking: Booking) -> Printed:
    """What the file takes beyond the record: the journal's due date (printed, else derived
    by the ledger from the printed terms)."""
    invoice = booking.invoice
    return Printed(
        original_invoice=invoice.original_invoice,
        payment_terms=invoice.payment_terms,
        due_date=booking.rows[0].due_date,
    )


def invoice_ubl(
    invoice: Invoice, pdf: Path, settings: Settings, rates: ExchangeRates
) -> UblResult | Invoice | Refusal:
    """The UBL file of one checked invoice read from `pdf`, decided as the export decides
    it; an invoice the export would not book comes back with the findings that say why
    (its own, or the export's: no such client, no exchange rate)."""
    if not is_bookable(invoice):
        return invoice
    entry = book(invoice, settings, rates)
    if not isinstance(entry, Booking):
        return entry
    return ubl_result(entry, pdf, settings.clients)


def write_ubl(file: UblFile, folder: Path) -> Path:
    """Write the file as `<entry id>.xml` in `folder`, whole or not at all; its path."""
    from pipeline.writers import invoice_file_stem

    final = folder / f"{invoice_file_stem(file.entry_id)}{SUFFIX}"
    temp = temp_path_of(final)
    try:
        write_bytes(temp, file.xml)
        publish(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final
