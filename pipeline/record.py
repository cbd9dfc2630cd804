"""The canonical JSON record of an invoice (shared/spec/invoice.schema.json) and back."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from pipeline.layouts import payment_days
from pipeline.model import Finding, Invoice, Line, Party, Source

SCHEMA = "invoice/1"
#: The families whose records also carry `payment_terms` and `original_invoice` (the schema
#: allows extra properties); the records of the others keep the schema's fields only.
TERMS_FAMILIES: frozenset[str] = frozenset({"customer-agreement"})
_LINE_FIELDS = tuple(f.name for f in fields(Line) if f.name != "page")


def _plain(value: object) -> Any:
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decimal_text(value: Decimal) -> str:
    """Fixed-point text without exponent: Decimal('1E+2') -> '100'."""
    text = format(value, "f")
    return "0" if text in ("-0", "") else text


def line_record(line: Line) -> dict[str, Any]:
    return {name: _plain(getattr(line, name)) for name in _LINE_FIELDS}


def finding_record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity,
        "message": finding.message,
    }
    if finding.line is not None:
        record["line"] = finding.line
    return record


def invoice_record(invoice: Invoice) -> dict[str, Any]:
    """The schema's record: amounts as decimal strings, dates ISO, absent values null."""
    record = _schema_record(invoice)
    if invoice.family in TERMS_FAMILIES:
        record["payment_terms"] = invoice.payment_terms
        record["original_invoice"] = invoice.original_invoice
    return record


def _schema_record(invoice: Invoice) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "source": {
            "file": invoice.source.file,
            "sha256": invoice.source.sha256,
            "pages": invoice.source.pages,
        },
        "family": invoice.family,
        "language": invoice.language,
        "document_type": invoice.document_type,
        "supplier": {"name": invoice.supplier.name, "vat_number": invoice.supplier.vat_number},
        "customer": {"name": invoice.customer.name, "vat_number": invoice.customer.vat_number},
        "invoice_number": invoice.invoice_number,
        "invoice_date": _plain(invoice.invoice_date),
        "due_date": _plain(invoice.due_date),
        "period_start": _plain(invoice.period_start),
        "period_end": _plain(invoice.period_end),
        "order_number": invoice.order_number,
        "purchase_order": invoice.purchase_order,
        "currency": invoice.currency,
        "lines": [line_record(line) for line in invoice.lines],
        "charges": _plain(invoice.charges),
        "discounts": _plain(invoice.discounts),
        "credits": _plain(invoice.credits),
        "subtotal": _plain(invoice.subtotal),
        "tax": _plain(invoice.tax),
        "total": _plain(invoice.total),
        "reverse_charge": invoice.reverse_charge,
        "findings": [finding_record(f) for f in invoice.findings],
    }


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _line_from_record(record: dict[str, Any]) -> Line:
    return Line(
        product=record["product"],
        subscription_id=record.get("subscription_id"),
        charge_type=record.get("charge_type"),
        period_start=_day(record.get("period_start")),
        period_end=_day(record.get("period_end")),
        days=record.get("days"),
        quantity=_dec(record.get("quantity")),
        unit_price=_dec(record.get("unit_price")),
        price_basis=record.get("price_basis"),
        charges=_dec(record.get("charges")),
        discounts=_dec(record.get("discounts")),
        credits=_dec(record.get("credits")),
        amount=_dec(record.get("amount")),
        tax_rate=_dec(record.get("tax_rate")),
        tax=_dec(record.get("tax")),
        total=_dec(record.get("total")),
    )


def invoice_from_record(record: dict[str, Any]) -> Invoice:
    """The inverse of `invoice_record` (page-level extras such as header_total are lost)."""
    src = record["source"]
    return Invoice(
        source=Source(src["file"], src["sha256"], src.get("pages")),
        family=record.get("family"),
        language=record.get("language"),
        document_type=record.get("document_type"),
        supplier=Party(**record.get("supplier") or {}),
        customer=Party(**record.get("customer") or {}),
        invoice_number=record.get("invoice_number"),
        invoice_date=_day(record.get("invoice_date")),
        due_date=_day(record.get("due_date")),
        period_start=_day(record.get("period_start")),
        period_end=_day(record.get("period_end")),
        order_number=record.get("order_number"),
        purchase_order=record.get("purchase_order"),
        currency=record.get("currency"),
        lines=tuple(_line_from_record(line) for line in record.get("lines") or []),
        charges=_dec(record.get("charges")),
        discounts=_dec(record.get("discounts")),
        credits=_dec(record.get("credits")),
        subtotal=_dec(record.get("subtotal")),
        tax=_dec(record.get("tax")),
        total=_dec(record.get("total")),
        reverse_charge=bool(record.get("reverse_charge")),
        findings=tuple(
            Finding(f["code"], f["severity"], f["message"], f.get("line"))
            for f in record.get("findings") or []
        ),
        payment_terms=record.get("payment_terms"),
        payment_days=payment_days(record.get("family"), record.get("payment_terms")),
        original_invoice=record.get("original_invoice"),
    )
