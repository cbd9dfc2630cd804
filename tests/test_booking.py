"""Whether an invoice can be booked: the one rule the export and its tests share."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.booking import is_bookable
from pipeline.model import Finding, Invoice, Party, Source

NUMBERED = Invoice(
    source=Source("Invoice.pdf", "ab" * 32, 1),
    supplier=Party(name="Microsoft Ireland Operations Ltd", vat_number="IE8256796U"),
    invoice_number="E0800ABCDE",
)
WARNING = Finding("DUPLICATE_INVOICE", "warning", "Invoice.pdf: also in Invoice (1).pdf")
ERROR = Finding("TOTAL_MISMATCH", "error", "Invoice.pdf: the total says 119.14 EUR")


@pytest.mark.parametrize(
    ("invoice", "bookable"),
    [
        (NUMBERED, True),
        (replace(NUMBERED, findings=(WARNING,)), True),
        (replace(NUMBERED, findings=(WARNING, ERROR)), False),
        (replace(NUMBERED, invoice_number=None), False),
        (replace(NUMBERED, invoice_number=""), False),
        (replace(NUMBERED, supplier=Party()), True),
    ],
)
def test_an_invoice_is_bookable_without_an_error_and_with_an_entry_id(
    invoice: Invoice, bookable: bool
) -> None:
    assert is_bookable(invoice) is bookable
