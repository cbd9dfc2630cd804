"""The expected record (shared/spec/invoice.schema.json) of a sample, from its own model."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from samples.checks import findings, is_reverse_charge
from samples.formats import rate_text
from samples.model import Agreement, Finding, Invoice, Line, Subscription


def amount(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return f"{abs(value) if value == 0 else value:.2f}"


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def price_record(value: Decimal) -> str:
    """A unit price with the decimals printed: 12.50, 0.0912."""
    exponent = value.as_tuple().exponent
    return f"{value:f}" if isinstance(exponent, int) and exponent < -2 else f"{value:.2f}"


def agreement_line_record(invoice: Invoice, sub: Subscription, line: Line) -> dict[str, Any]:
    """Family C: Charges/Credits signed as printed, Azure Credit in `credits` (null without
    the column), `amount` the net of both; no subscription id, charge type or price basis."""
    assert invoice.agreement is not None
    azure = invoice.agreement.azure_column
    return {
        "product": sub.product,
        "subscription_id": None,
        "charge_type": None,
        "period_start": iso(line.period_start),
        "period_end": iso(line.period_end),
        "days": line.days,
        "quantity": str(line.quantity),
        "unit_price": price_record(line.unit_price),
        "price_basis": None,
        "charges": amount(line.charges),
        "discounts": None,
        "credits": amount(line.credits) if azure else None,
        "amount": amount(line.amount),
        "tax_rate": None if line.tax_rate is None else rate_text(line.tax_rate),
        "tax": amount(line.tax),
        "total": amount(line.total),
    }


def line_record(invoice: Invoice, sub: Subscription, line: Line) -> dict[str, Any]:
    if invoice.family == "customer-agreement":
        return agreement_line_record(invoice, sub, line)
    online = invoice.family == "online-services"
    return {
        "product": sub.product,
        "subscription_id": sub.subscription_id,
        "charge_type": sub.charge_type,
        "period_start": iso(line.period_start),
        "period_end": iso(line.period_end),
        "days": line.days,
        "quantity": str(line.quantity),
        "unit_price": amount(line.unit_price),
        "price_basis": line.basis,
        "charges": amount(line.charges),
        "discounts": amount(line.discounts) if online else None,
        "credits": amount(line.credits) if online else None,
        "amount": amount(line.amount),
        "tax_rate": None if line.tax_rate is None else rate_text(line.tax_rate),
        "tax": amount(line.tax),
        "total": amount(line.total),
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
    }
    if finding.line is not None:
        record["line"] = finding.line
    return record


def invoice_record(invoice: Invoice, file: str, pdf: bytes, pages: int) -> dict[str, Any]:
    record = common_record(invoice, file, pdf, pages)
    if invoice.agreement is None:
        return record
    return agreement_record(invoice, invoice.agreement, record)


def agreement_record(
    invoice: Invoice, agreement: Agreement, record: dict[str, Any]
) -> dict[str, Any]:
    """Family C: due date only when printed, no order number, credits = Credits + Azure
    credits applied, no discounts; the payment terms as printed and the corrected invoice."""
    assert invoice.credits is not None
    record["document_type"] = agreement.document_type
    record["due_date"] = iso(invoice.head.due_date) if agreement.due_printed else None
    record["order_number"] = None
    record["discounts"] = None
    record["credits"] = amount(invoice.credits + invoice.azure_credits)
    record["payment_terms"] = agreement.payment_terms
    record["original_invoice"] = agreement.original_invoice
    return record


def common_record(invoice: Invoice, file: str, pdf: bytes, pages: int) -> dict[str, Any]:
    head = invoice.head
    return {
        "schema": "invoice/1",
        "source": {"file": file, "sha256": hashlib.sha256(pdf).hexdigest(), "pages": pages},
        "family": invoice.family,
        "language": head.language,
        "document_type": "invoice",
        "supplier": {"name": head.supplier.name, "vat_number": head.supplier.vat_number},
        "customer": {"name": head.customer.name, "vat_number": head.customer.vat_number},
        "invoice_number": head.number,
        "invoice_date": iso(head.invoice_date),
        "due_date": iso(head.due_date),
        "period_start": iso(head.period_start),
        "period_end": iso(head.period_end),
        "order_number": head.order_number,
        "purchase_order": head.purchase_order,
        "currency": head.currency,
        "lines": [
            line_record(invoice, sub, line) for sub in invoice.subscriptions for line in sub.lines
        ],
        "charges": amount(invoice.charges),
        "discounts": amount(invoice.discounts),
        "credits": amount(invoice.credits),
        "subtotal": amount(invoice.subtotal),
        "tax": amount(invoice.tax),
        "total": amount(invoice.total),
        "reverse_charge": is_reverse_charge(invoice),
        "findings": [finding_record(f) for f in findings(invoice)],
    }


def record_text(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
