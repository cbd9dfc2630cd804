"""The generator's own invoice model: what a sample prints and what its record says.

Amounts are `Decimal`, dates `date`; every record and finding is derived from these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Family = Literal["portal-2012", "online-services", "customer-agreement"]
DocumentType = Literal["invoice", "credit_note"]
Language = Literal["nl", "en", "fr", "de"]
Basis = Literal["month", "year", "once"]
Severity = Literal["error", "warning", "info"]
DateOrder = Literal["dmy", "mdy", "ymd"]
Payment = Literal["card", "bank", "check"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

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
}
CODE_ORDER = tuple(SEVERITY)


def r2(value: Decimal) -> Decimal:
    """Round half up to the cent, as Microsoft rounds each line."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    address: tuple[str, ...]
    vat_number: str | None = None
    vat_printed: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One charge row; `credits` positive as printed in a Credits column."""

    quantity: int
    unit_price: Decimal
    basis: Basis
    charges: Decimal
    amount: Decimal
    discounts: Decimal = ZERO
    credits: Decimal = ZERO
    period_start: date | None = None
    period_end: date | None = None
    days: int | None = None
    tax_rate: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A product bar (family B) or a GUID entry (family A) with its rows."""

    product: str
    lines: tuple[Line, ...]
    subscription_id: str | None = None
    charge_type: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """Family C: the rows of one product order and service family (headings, not lines)."""

    order: str
    service_family: str
    subscriptions: tuple[Subscription, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """Family C: one invoice section of the details table."""

    name: str
    blocks: tuple[Block, ...]

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(
            line for block in self.blocks for sub in block.subscriptions for line in sub.lines
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    """What a Customer Agreement document (family C) prints beyond the common header.

    `payment_terms` is the text printed after its label (None: not printed); the due date of
    the header is printed only when `due_printed`; `azure_column` says whether the details
    table has an Azure Credit column.
    """

    sections: tuple[Section, ...]
    billing_profile: str
    bill_to: Party
    payment_terms: str | None
    due_printed: bool = False
    document_type: DocumentType = "invoice"
    original_invoice: str | None = None
    azure_column: bool = False
    publishers: tuple[tuple[str, ...], ...] = ()
    #: Azure's "Estimated total savings" under the billing summary: information, no amount of
    #: the invoice.
    savings: Decimal | None = None
    #: Sold to, Bill to, P.O. number, Charges and Unit price printed in English whatever the
    #: language, as Microsoft's translated documentation keeps them.
    english_terms: bool = False


@dataclass(frozen=True, slots=True)
class NumberStyle:
    decimal: str = "."
    group: str = ","
    negative: Literal["minus", "parens"] = "minus"
    symbol_after: bool = False
    symbol_space: bool = True
    percent_space: bool = False


@dataclass(frozen=True, slots=True)
class DateStyle:
    order: DateOrder = "dmy"
    sep: str = "/"
    written: bool = False
    range_sep: str = " - "


@dataclass(frozen=True, slots=True)
class Style:
    """How one invoice is drawn; the renderers read nothing else about appearance."""

    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 8.5
    page: Literal["A4", "Letter"] = "A4"
    margin: float = 40.0
    numbers: NumberStyle = field(default_factory=NumberStyle)
    dates: DateStyle = field(default_factory=DateStyle)
    fields: Literal["beside", "below", "tabbed"] = "beside"
    field_order: tuple[int, ...] = ()
    header_order: tuple[int, int, int] = (0, 1, 2)
    grid_columns: int = 3
    label_width: float = 105.0
    lines: Literal["two-row", "columns"] = "two-row"
    column_scale: tuple[float, ...] = ()
    summary: Literal["beside", "below"] = "beside"
    summary_heading: bool = True
    repeat_bar: bool = True
    bar_width: float = 1.0
    wrap_period: bool = False
    headers_right: bool = True
    colon: bool = True
    long_labels: bool = False
    alt_tax_label: bool = False
    row_gap: float = 1.0
    repeat_heading: bool = True
    #: Bold faked by printing the regular font three times a hair apart, as some producers do.
    overstrike: bool = False
    #: Every word placed on its own, with no space characters, as some engines write text.
    spaceless: bool = False
    #: Family C: the section summary table on page 2 is printed.
    section_summary: bool = True
    #: Family C: a row whose product wraps prints its values beside the first or the last line.
    values_row: Literal["first", "last"] = "first"
    #: Family C: the seller's name and VAT number in the footer of every page, else only in
    #: the payment instructions.
    seller_footer: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    line: int | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]


@dataclass(frozen=True, slots=True)
class Header:
    """What an invoice says about itself, apart from its charges."""

    name: str
    summary: str
    language: Language
    country: str
    currency: str
    supplier: Party
    customer: Party
    number: str
    invoice_date: date
    due_date: date
    period_start: date
    period_end: date
    order_number: str
    purchase_order: str | None
    style: Style = field(default_factory=Style)
    payment: Payment = "bank"
    annual: bool = False
    previous_balance: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Invoice:
    """One sample invoice as printed; its findings are those the printed values imply.

    Family B fills charges/discounts/credits (page 1), `header_total` and `tax_parts` (the
    summary's tax rows); family A fills `tax_rate` (the one rate beside the tax); family C
    fills charges, credits (returns), `azure_credits` and `agreement`, its `subscriptions`
    being the rows of its sections in order.
    """

    head: Header
    family: Family
    subscriptions: tuple[Subscription, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    charges: Decimal | None = None
    discounts: Decimal | None = None
    credits: Decimal | None = None
    header_total: Decimal | None = None
    tax_rate: Decimal | None = None
    tax_parts: tuple[tuple[str, Decimal], ...] = ()
    #: Family C: Azure credits applied (page 1) and what only C prints.
    azure_credits: Decimal = ZERO
    agreement: Agreement | None = None

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for sub in self.subscriptions for line in sub.lines)

    @property
    def style(self) -> Style:
        return self.head.style
