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
    "DUPLICATE_INVOICE": "warning",
    "NOT_A_MICROSOFT_INVOICE": "error",
    "NO_TEXT_LAYER": "error",
    "ENCRYPTED_PDF": "error",
    "UNREADABLE_PDF": "error",
}
SEVERITY_RANK: dict[str, int] = {"ok": 0, "info": 0, "warning": 1, "error": 2}


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
class Invoice:
    """One invoice as read from its PDF, with the findings of reading and checking it.

    `header_total` is the total printed in the page header (family B), `tax_rate` the single
    rate printed beside the invoice tax (family A, "BTW (21%)"), `previous_balance` the
    carried-forward balance of family A that does not enter the total. `dates_ambiguous` is
    true when no rule of the document decided day/month order.
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
    header_total: Decimal | None = None
    tax_rate: Decimal | None = None
    previous_balance: Decimal | None = None
    dates_ambiguous: bool = False

    @property
    def status(self) -> Literal["ok", "warning", "error"]:
        """The worst severity among the findings; info counts as ok."""
        worst = max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)
        return "error" if worst == 2 else "warning" if worst == 1 else "ok"

    @property
    def entry_id(self) -> str | None:
        """Supplier VAT (or name) + invoice number: the de-duplication key of the ledger."""
        if not self.invoice_number:
            return None
        supplier = self.supplier.vat_number or (self.supplier.name or "UNKNOWN").replace(" ", "")
        return f"{supplier}-{self.invoice_number}"


@dataclass(frozen=True, slots=True)
class JournalRow:
    """One purchase-journal row (one per invoice line), columns of ledger.md in order."""

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


@dataclass(frozen=True, slots=True)
class Posting:
    """One side of a journal entry; each entry's debits equal its credits to the cent."""

    date: date
    journal: str
    entry_id: str
    account: str
    debit: Decimal
    credit: Decimal
    vat_code: str
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Booking:
    """An invoice the ledger could book: its journal rows (one per line) and their balanced
    postings. What the output formats render, per batch or per invoice."""

    invoice: Invoice
    rows: tuple[JournalRow, ...]
    postings: tuple[Posting, ...]

    @property
    def entry_id(self) -> str:
        return self.rows[0].entry_id


def rejected(source: Source, code: str, reason: str) -> Invoice:
    """The record of a file that could not be read as an invoice: no fields, one finding
    whose message begins with the file's name."""
    return Invoice(source=source, findings=(Finding.of(code, f"{source.file}: {reason}"),))
