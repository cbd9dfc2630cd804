"""What the layout readers hand to `extract`: the located raw texts of an invoice.

Raw values are the printed strings (joined words); typing them (amounts, dates) happens once,
in `pipeline.extract`, with the decimal mark and date order decided for the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import DocumentType, Family, Language, PriceBasis


@dataclass(frozen=True, slots=True)
class RawLine:
    product: str
    subscription_id: str | None = None
    charge_type: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    days: str | None = None
    quantity: str | None = None
    unit_price: str | None = None
    price_basis: PriceBasis | None = None
    charges: str | None = None
    discounts: str | None = None
    credits: str | None = None
    amount: str | None = None
    tax_rate: str | None = None
    tax: str | None = None
    total: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class RawSection:
    name: str
    charges: str
    credits: str | None
    tax: str
    total: str


@dataclass(frozen=True, slots=True)
class RawInvoice:
    family: Family
    language: Language
    document_type: DocumentType = "invoice"
    supplier_name: str | None = None
    supplier_vat: str | None = None
    customer_name: str | None = None
    customer_vat: str | None = None
    invoice_number: str | None = None
    invoice_date: str | None = None
    due_date: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    order_number: str | None = None
    purchase_order: str | None = None
    currency: str | None = None
    header_month: str | None = None
    header_total: str | None = None
    previous_balance: str | None = None
    charges: str | None = None
    discounts: str | None = None
    credits: str | None = None
    subtotal: str | None = None
    taxes: tuple[str, ...] = ()
    tax_rate: str | None = None
    total: str | None = None
    lines: tuple[RawLine, ...] = ()
    payment_terms: str | None = None
    original_invoice: str | None = None
    #: Credits applied from a prepaid balance (family C's "Azure credits applied"), printed
    #: apart from the credits for returns; the record's `credits` is their sum.
    azure_credits: str | None = None
    #: Whether the lines print their net amount and days (A, B). Where they do not (C), a
    #: line's amount is its charges − credits and its days the inclusive count of its dates,
    #: and credits (a balance applied to the charges) are negative on a credit note.
    lines_print_net: bool = True
    #: Whether the summary hides an item that is zero (C: Tax, Azure credits applied): one
    #: not printed is then 0.00 when the summary was read.
    summary_hides_zero: bool = False
    #: The section summary's rows (C): each section's name and its printed charges, credits
    #: applied (None where that column is not printed), tax and total.
    sections: tuple[RawSection, ...] = ()
