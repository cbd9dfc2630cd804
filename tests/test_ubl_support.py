"""Builders shared by the UBL tests (no tests here): records with their PDF, XPath, an oracle."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from lxml import etree
from peppol import check_rules, validate_xsd

from pipeline.model import Finding, Invoice, Line, Party, Source
from pipeline.ubl import UblFile, UblResult
from pipeline.ubl.codes import NAMESPACES, NS_CREDIT_NOTE, NS_INVOICE

PDF = b"%PDF-1.4\n% a stand-in for the invoice PDF\n%%EOF\n"
MS_IRELAND = Party("Microsoft Ireland Operations Ltd", "IE8256796U")
BE_CUSTOMER = Party("Brouwerij De Kroon BV", "BE0123456749")
NS = {**NAMESPACES, "inv": NS_INVOICE, "cn": NS_CREDIT_NOTE}
D = Decimal


def source(pdf: bytes = PDF, name: str = "Invoice.pdf") -> Source:
    return Source(name, hashlib.sha256(pdf).hexdigest(), 1)


def line(
    product: str,
    quantity: str | None,
    unit_price: str | None,
    amount: str,
    rate: str | None = "0",
    tax: str | None = None,
    **extra: object,
) -> Line:
    """A family-B line; `tax` defaults to amount × rate rounded to the cent."""
    net = D(amount)
    rate_value = D(rate) if rate is not None else None
    if tax is None and rate_value is not None:
        tax_value: Decimal | None = (net * rate_value / 100).quantize(D("0.01"))
    else:
        tax_value = D(tax) if tax is not None else None
    return Line(
        product=product,
        quantity=D(quantity) if quantity is not None else None,
        unit_price=D(unit_price) if unit_price is not None else None,
        amount=net,
        tax_rate=rate_value,
        tax=tax_value,
        total=net + (tax_value or 0),
        **extra,  # type: ignore[arg-type]
    )


def annual_basic(**extra: object) -> Line:
    """5 Business Basic licences at 54.00 a year, for the year from 2025-01-15."""
    return line(
        "Microsoft 365 Business Basic",
        "5",
        "54.00",
        "270.00",
        period_start=date(2025, 1, 15),
        period_end=date(2026, 1, 14),
        **extra,
    )


def invoice(
    lines: tuple[Line, ...],
    *,
    customer: Party = BE_CUSTOMER,
    supplier: Party = MS_IRELAND,
    reverse_charge: bool = True,
    document_type: str = "invoice",
    tax: Decimal | None = None,
    findings: tuple[Finding, ...] = (),
    **fields: object,
) -> Invoice:
    """A checked-looking record whose subtotal, tax and total add up from its lines."""
    subtotal = sum((item.amount or D(0) for item in lines), D("0.00"))
    tax_value = tax if tax is not None else sum((item.tax or D(0) for item in lines), D("0.00"))
    values: dict[str, object] = {
        "source": source(),
        "family": "online-services",
        "language": "en",
        "document_type": document_type,
        "supplier": supplier,
        "customer": customer,
        "invoice_number": "E0800ABCDE",
        "invoice_date": date(2025, 1, 15),
        "due_date": date(2025, 2, 14),
        "period_start": date(2025, 1, 15),
        "period_end": date(2025, 1, 15),
        "order_number": "3f1c3a4e-0000-4000-8000-000000000001",
        "purchase_order": None,
        "currency": "EUR",
        "lines": lines,
        "subtotal": subtotal,
        "tax": tax_value,
        "total": subtotal + tax_value,
        "reverse_charge": reverse_charge,
        "findings": findings,
    }
    values.update(fields)
    return Invoice(**values)  # type: ignore[arg-type]


def written(result: UblResult) -> UblFile:
    assert isinstance(result, UblFile), getattr(result, "message", result)
    return result


def root_of(result: UblResult) -> etree._Element:
    return etree.fromstring(written(result).xml, etree.XMLParser(huge_tree=True))


def xp(root: etree._Element, path: str) -> list[str]:
    """The stripped texts (or attribute values) at `path`."""
    found = root.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [
        (item.text or "").strip() if isinstance(item, etree._Element) else str(item)
        for item in found
    ]


def one(root: etree._Element, path: str) -> str:
    values = xp(root, path)
    assert len(values) == 1, (path, values)
    return values[0]


def oracle_findings(xml: bytes) -> list[str]:
    """The independent validator's XSD errors and fatal rule ids (peppol-ubl-validate).

    Its one tolerance also applies to BR-CO-17, where EN 16931 allows a printed tax within
    1.00 of taxable × rate; that rule is checked by the project's own rules instead.
    """
    valid, errors = validate_xsd(xml)
    fatal = [f.rule_id for f in check_rules(xml) if f.severity == "fatal"]
    return [*errors, *(rule for rule in fatal if rule != "BR-CO-17")] if valid else errors
