"""Typed records passed between the stages: words, invoices, findings, ledger rows, postings.

Amounts are `Decimal`, dates are `datetime.date`; nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from pipeline.countries import country_of_prefix

Severity = Literal["error", "warning", "info"]
PriceBasis = Literal["month", "year", "once"]
Family = Literal["portal-2012", "online-services", "customer-agreement"]
Language = Literal["nl", "en", "fr", "de"]
DocumentType = Literal["invoice", "credit_note"]

#: Finding codes in the order of the spec, with their fixed severity.
SEVERITY: dict[str, Severity] = {
    "LINE_AMOUNT_MISMATCH": "error",
    "PRORATED_LINE": "info",
    "SUBTOTAL_MISMATCH": "error",
    "TAX_MISMATCH": "error",
    "TOTAL_MISMATCH": "error",
    "DATE_ORDER": "error",
    "AMBIGUOUS_DATE": "warning",
    "MISSING_FIELD": "error",
    "REVERSE_CHARGE": "info",
    "INVALID_VAT_NUMBER": "error",
    "DUPLICATE_INVOICE": "warning",
    "NOT_A_MICROSOFT_INVOICE": "error",
    "NO_TEXT_LAYER": "error",
    "ENCRYPTED_PDF": "error",
    "UNREADABLE_PDF": "error",
}
SEVERITY_RANK: dict[str, int] = {"ok": 0, "info": 0, "warning": 1, "error": 2}
#: What ends the ledger entry id of a credit note.
CREDIT_NOTE_SUFFIX = "-CN"


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a PDF page with its box in points (top-left origin), page 1-based."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """The words of every page of one PDF, as the reader found them."""

    pages: tuple[Page, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for p in self.pages for w in p.words)


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    sha256: str
    pages: int | None


@dataclass(frozen=True, slots=True)
class Party:
    name: str | None = None
    vat_number: str | None = None

    @property
    def country(self) -> str | None:
        """ISO country of the VAT number (`EL` is Greece's VAT prefix, `GR` its ISO code)."""
        if not self.vat_number or not self.vat_number[:2].isalpha():
            return None
        return country_of_prefix(self.vat_number[:2].upper())


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    line: int | None = None

    @classmethod
    def of(cls, code: str, message: str, line: int | None = None) -> Finding:
        """A finding with the severity the spec fixes for its code."""
        return cls(code, SEVERITY[code], message, line)


@dataclass(frozen=True, slots=True)
class Line:
    """One charge line; `credits` is positive as printed in a Credits column."""

    product: str
    subscription_id: str | None = None
    charge_type: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    days: int | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    price_basis: PriceBasis | None = None
    charges: Decimal | None = None
    discounts: Decimal | None = None
    credits: Decimal | None = None
    amount: Decimal | None = None
    tax_rate: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """One row of a section summary (family C): a section's charges, the credits applied to
    them, its tax and its total, as printed."""

    name: str
    charges: Decimal
    credits: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice as read from its PDF, with the findings of reading and checking it.

    `header_total` is the total printed in the page header (family B), `tax_rate` the single
    rate printed beside the invoice tax (family A, "BTW (21%)"), `previous_balance` the
    carried-forward balance of family A that does not enter the total. `dates_ambiguous` is
    true when no rule of the document decided day/month order. `payment_terms` are the terms
    as printed ("Net 30 days") and `original_invoice` the number of the invoice a credit note
    corrects, where printed (family C). `azure_credits` is the part of `credits` that a
    prepaid balance paid (family C's "Azure credits applied"), and `payment_days` the N of
    printed terms "N days net", `sections` the rows of a section summary; none of these is
    part of the record.
    """

    source: Source
    family: Family | None = None
    language: Language | None = None
    document_type: DocumentType | None = None
    supplier: Party = field(default_factory=Party)
    customer: Party = field(default_factory=Party)
    invoice_number: str | None = None
    invoice_date: date | None = None
    due_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    order_number: str | None = None
    purchase_order: str | None = None
    currency: str | None = None
    lines: tuple[Line, ...] = ()
    charges: Decimal | None = None
    discounts: Decimal | None = None
    credits: Decimal | None = None
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    reverse_charge: bool = False
    findings: tuple[Finding, ...] = ()
    payment_terms: str | None = None
    original_invoice: str | None = None
    header_total: Decimal | None = None
    tax_rate: Decimal | None = None
    previous_balance: Decimal | None = None
    dates_ambiguous: bool = False
    azure_credits: Decimal | None = None
    payment_days: int | None = None
    sections: tuple[Section, ...] = ()

    @property
    def status(self) -> Literal["ok", "warning", "error"]:
        """The worst severity among the findings; info counts as ok."""
        worst = max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)
        return "error" if worst == 2 else "warning" if worst == 1 else "ok"

    @property
    def entry_id(self) -> str | None:
        """Supplier VAT (or name) + invoice number: the de-duplication key of the ledger. A
        credit note's ends in `-CN`: never the same entry as an invoice, whatever its number."""
        if not self.invoice_number:
            return None
        supplier = self.supplier.vat_number or (self.supplier.name or "UNKNOWN").replace(" ", "")
        suffix = CREDIT_NOTE_SUFFIX if self.document_type == "credit_note" else ""
        return f"{supplier}-{self.invoice_number}{suffix}"


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One purchase-journal row (one per invoice line), columns of ledger.md in order.

    `net_amount`, `vat_amount` and `gross_total` are as invoiced, in `currency`; the
    `*_functional` amounts, `self_assessed_vat`, `amount_this_year` and `amount_deferred` are in
    the books' `functional_currency`, converted at `exchange_rate` (units of `currency` per one
    unit of the functional currency, the rate of `rate_date`; 1 and no date when the invoice is
    in the functional currency)."""

    entry_id: str
    journal: str
    booking_period: str
    invoice_number: str
    invoice_date: date
    due_date: date | None
    supplier_name: str | None
    supplier_vat: str | None
    supplier_country: str | None
    customer_vat: str | None
    currency: str | None
    line_no: int
    description: str
    quantity: Decimal | None
    unit_price: Decimal | None
    price_basis: str | None
    service_start: date | None
    service_end: date | None
    net_amount: Decimal
    vat_rate: Decimal | None
    vat_amount: Decimal
    reverse_charge: bool
    self_assessed_vat: Decimal
    vat_code: str
    vat_boxes: str
    gl_account: str
    ap_account: str
    amount_this_year: Decimal
    amount_deferred: Decimal
    deferral_account: str
    gross_total: Decimal
    status: str
    source_file: str
    source_page: int | None
    source_sha256: str
    #: Appended after the columns existing imports read by position: `invoice` or
    #: `credit_note`, and the invoice a credit note corrects, where printed; then the amounts
    #: in the books' functional currency.
    document_type: str
    original_invoice: str | None
    functional_currency: str | None
    exchange_rate: Decimal
    rate_date: date | None
    net_functional: Decimal
    vat_functional: Decimal
    gross_functional: Decimal


@dataclass(frozen=True, slots=True)
class Posting:
    """One side of a journal entry; each entry's debits equal its credits to the cent.

    `debit` and `credit` are in `currency`, the books' functional currency; `original_amount`
    (debit positive, credit negative) is the same posting in the invoice's `original_currency`,
    converted at `exchange_rate` (units of the original per one unit of `currency`)."""

    date: date
    journal: str
    entry_id: str
    account: str
    debit: Decimal
    credit: Decimal
    currency: str | None
    original_amount: Decimal
    original_currency: str | None
    exchange_rate: Decimal
    vat_code: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Booking:
    """An invoice the ledger could book: its journal rows (one per line) and their balanced
    postings. What the output formats render, per batch or per invoice. `findings` are the
    export's own about it (FOREIGN_VAT): not codes of the invoice's record."""

    invoice: Invoice
    rows: tuple[JournalRow, ...]
    postings: tuple[Posting, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def entry_id(self) -> str:
        return self.rows[0].entry_id


def rejected(source: Source, code: str, reason: str) -> Invoice:
    """The record of a file that could not be read as an invoice: no fields, one finding
    whose message begins with the file's name."""
    return Invoice(source=source, findings=(Finding.of(code, f"{source.file}: {reason}"),))
