"""Family C, `customer-agreement`: the Microsoft Customer Agreement invoice (2019 – today).

Recognised and its header read; its per-section detail tables are not read yet, so such an
invoice carries a MISSING_FIELD finding for its lines and is never booked unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.layouts.customer_agreement.vocabulary import INVOICE_NUMBER
from pipeline.layouts.geometry import Labeller, Row
from pipeline.layouts.parties import currency_of, customer_block, parties
from pipeline.layouts.raw import RawInvoice
from pipeline.layouts.values import (
    range_of,
    read_amount,
    read_code,
    read_date,
    read_text,
    value_of,
)
from pipeline.model import Family, Language

FAMILY: Family = "customer-agreement"


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    period = range_of(lab, "period")
    tax = value_of(lab, "tax", read_amount)
    supplier, customer = parties(rows, customer_block(lab, "sold_to", "bill_to"))
    return RawInvoice(
        family=FAMILY,
        language=language,
        document_type="credit_note" if lab.find("credit_note") else "invoice",
        supplier_name=supplier.name,
        supplier_vat=supplier.vat_number,
        customer_name=customer.name,
        customer_vat=customer.vat_number,
        invoice_number=value_of(lab, "invoice_number", read_code(INVOICE_NUMBER)),
        invoice_date=value_of(lab, "invoice_date", read_date),
        due_date=value_of(lab, "due_date", read_date),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        purchase_order=value_of(lab, "purchase_order", read_text),
        currency=currency_of(rows),
        charges=value_of(lab, "charges", read_amount),
        credits=value_of(lab, "credits", read_amount),
        subtotal=value_of(lab, "subtotal", read_amount),
        taxes=(tax,) if tax else (),
        total=value_of(lab, "total", read_amount),
    )
