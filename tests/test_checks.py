"""One test per check rule (notes/semantics.md), on invoices built in code."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.checks import (
    CHECKS,
    add_term,
    check_findings,
    run_checks,
    term_days,
)
from pipeline.countries import EU_VAT_PREFIXES
from pipeline.model import Finding, Invoice, Line, Party, PriceBasis, Source
from pipeline.record import invoice_from_record

D = Decimal
SOURCE = Source("invoice.pdf", "0" * 64, 2)
MICROSOFT_IRELAND = Party("Microsoft Ireland Operations Ltd", "IE8256796U")
MICROSOFT_US = Party("Microsoft Corporation", None)


def cents(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def a_line(quantity: str = "5", unit_price: str = "54.00", charges: str | None = None) -> Line:
    """A family-A line: charges = amount as printed, no days, no line tax."""
    q, p = D(quantity), D(unit_price)
    printed = D(charges) if charges is not None else cents(q * p)
    return Line(
        product="Exchange Online (Plan 1)",
        quantity=q,
        unit_price=p,
        price_basis="year",
        charges=printed,
        amount=printed,
    )


def b_line(
    quantity: str,
    unit_price: str,
    start: date,
    days: int,
    basis: PriceBasis = "month",
    charges: str | None = None,
    credits: str = "0.00",
    rate: str | None = None,
    tax: str | None = None,
) -> Line:
    """A family-B row; charges default to quantity × price, tax to Microsoft's per-unit tax
    (0.00 when no rate is given: a B row always prints its Taxes)."""
    q, p = D(quantity), D(unit_price)
    printed = D(charges) if charges is not None else cents(q * p)
    amount = printed - D(credits)
    line_tax = D("0.00")
    if tax is not None:
        line_tax = D(tax)
    elif rate is not None:
        line_tax = cents(p * D(rate) / 100) * q
    return Line(
        product="Microsoft 365 Business Standard",
        period_start=start,
        period_end=start + timedelta(days=days - 1),
        days=days,
        quantity=q,
        unit_price=p,
        price_basis=basis,
        charges=printed,
        discounts=D("0.00"),
        credits=D(credits),
        amount=amount,
        tax_rate=D(rate) if rate is not None else None,
        tax=line_tax,
        total=amount + line_tax,
    )


def invoice_of(*lines: Line, family_b: bool = False, **changes: Any) -> Invoice:
    """An invoice whose sums agree with its lines; `changes` then override any field."""
    subtotal = sum((line.amount or D(0) for line in lines), D("0.00"))
    tax = sum((line.tax or D(0) for line in lines), D("0.00"))
    invoice = Invoice(
        source=SOURCE,
        family="online-services" if family_b else "portal-2012",
        supplier=MICROSOFT_IRELAND,
        customer=Party("Brouwerij De Klok BV", None),
        invoice_number="E0300QOPRU" if family_b else "C10001358H",
        invoice_date=date(2024, 2, 1),
        due_date=date(2024, 3, 2),
        period_start=date(2024, 1, 1),
        period_end=date(2024, 1, 31),
        currency="EUR",
        lines=lines,
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
    )
    if family_b:
        invoice = replace(
            invoice,
            charges=sum((line.charges or D(0) for line in lines), D("0.00")),
            discounts=sum((line.discounts or D(0) for line in lines), D("0.00")),
            credits=sum((line.credits or D(0) for line in lines), D("0.00")),
            header_total=subtotal + tax,
        )
    return replace(invoice, **changes)


def found(invoice: Invoice) -> list[tuple[str, int | None, str]]:
    return [(f.code, f.line, f.message) for f in run_checks(invoice).findings]


def codes(invoice: Invoice) -> list[str]:
    return [f.code for f in run_checks(invoice).findings]


# --- terms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "basis", "next_start", "days"),
    [
        (date(2016, 2, 24), "month", date(2016, 3, 24), 29),
        (date(2026, 3, 16), "month", date(2026, 4, 16), 31),
        (date(2026, 4, 5), "month", date(2026, 5, 5), 30),
        (date(2026, 2, 5), "month", date(2026, 3, 5), 28),
        (date(2024, 12, 15), "month", date(2025, 1, 15), 31),
        (date(2024, 1, 31), "month", date(2024, 3, 1), 30),
        (date(2023, 1, 31), "month", date(2023, 3, 1), 29),
        (date(2024, 1, 10), "year", date(2025, 1, 10), 366),
        (date(2025, 10, 14), "year", date(2026, 10, 14), 365),
        (date(2023, 3, 1), "year", date(2024, 3, 1), 366),
        (date(2024, 2, 29), "year", date(2025, 3, 1), 366),
    ],
)
def test_a_term_ends_one_calendar_month_or_year_later_with_leap_days_counted(
    start: date, basis: PriceBasis, next_start: date, days: int
) -> None:
    assert add_term(start, basis) == next_start  # type: ignore[arg-type]
    assert term_days(start, basis) == days


def test_a_one_time_price_has_no_term() -> None:
    assert term_days(date(2024, 1, 10), "once") is None
    assert term_days(date(2024, 1, 10), None) is None


def test_the_checks_run_in_the_spec_order_of_their_codes() -> None:
    assert [check.__name__ for check in CHECKS] == [
        "line_amount_mismatches",
        "prorated_lines",
        "subtotal_mismatches",
        "tax_mismatches",
        "total_mismatches",
        "date_order_findings",
        "ambiguous_date_findings",
        "missing_field_findings",
        "product_name_findings",
        "reverse_charge_findings",
        "invalid_vat_number_findings",
    ]


def test_eu_vat_prefixes_hold_the_27_member_states_with_greece_as_el_and_northern_ireland() -> None:
    assert len(EU_VAT_PREFIXES) == 28
    assert {"EL", "XI", "BE", "NL", "IE", "DE"} <= EU_VAT_PREFIXES
    assert not {"GR", "GB", "US", "CH", "NO"} & EU_VAT_PREFIXES


# --- exactly right ---------------------------------------------------------------------------


def test_an_exactly_right_portal_invoice_has_no_findings() -> None:
    invoice = invoice_of(a_line("5", "54.00"), a_line("12", "3.20"), tax_rate=D("21"))
    invoice = replace(invoice, tax=D("64.76"), total=D("373.16"))
    checked = run_checks(invoice)
    assert checked.findings == ()
    assert checked.reverse_charge is False
    assert checked.status == "ok"


def test_an_exactly_right_online_services_invoice_with_per_licence_tax_has_no_findings() -> None:
    line = b_line("100", "20.00", date(2016, 2, 24), 29, rate="8.75")
    invoice = invoice_of(line, family_b=True, currency="USD", supplier=MICROSOFT_US)
    assert (line.charges, line.tax, line.total) == (D("2000.00"), D("175.00"), D("2175.00"))
    assert invoice.total == D("2175.00")
    assert run_checks(invoice).findings == ()


# --- LINE_AMOUNT_MISMATCH / PRORATED_LINE ----------------------------------------------------


def test_a_line_one_cent_off_is_a_line_amount_mismatch_on_that_line() -> None:
    invoice = invoice_of(a_line("5", "54.00"), a_line("7", "54.00", charges="378.01"))
    assert found(invoice) == [
        (
            "LINE_AMOUNT_MISMATCH",
            2,
            "line 2: 7 × 54.00 = 378.00 but the invoice says 378.01.",
        )
    ]
    assert run_checks(invoice).status == "error"


def test_a_mismatch_message_names_quantity_price_product_and_printed_amount() -> None:
    invoice = invoice_of(a_line("5", "54.00"), a_line("7", "54.00", charges="387.00"))
    assert [f.message for f in run_checks(invoice).findings] == [
        "line 2: 7 × 54.00 = 378.00 but the invoice says 387.00."
    ]


def test_a_full_period_row_one_cent_off_names_only_the_full_amount() -> None:
    line = b_line("7", "54.00", date(2026, 1, 5), 31, charges="378.01")
    assert found(invoice_of(line, family_b=True)) == [
        ("LINE_AMOUNT_MISMATCH", 1, "line 1: 7 × 54.00 = 378.00 but the invoice says 378.01.")
    ]


def test_proration_over_a_leap_year_uses_a_366_day_term() -> None:
    line = b_line("5", "54.00", date(2024, 1, 10), 100, basis="year", charges="73.77")
    assert found(invoice_of(line, family_b=True)) == [
        ("PRORATED_LINE", 1, "line 1: 5 × 54.00 × 100/366 days = 73.77.")
    ]


def test_proration_in_a_common_year_uses_a_365_day_term() -> None:
    line = b_line("5", "54.00", date(2023, 1, 10), 100, basis="year", charges="73.97")
    assert found(invoice_of(line, family_b=True)) == [
        ("PRORATED_LINE", 1, "line 1: 5 × 54.00 × 100/365 days = 73.97.")
    ]


def test_a_common_year_proration_inside_a_leap_year_is_a_mismatch_naming_both_amounts() -> None:
    line = b_line("5", "54.00", date(2024, 1, 10), 100, basis="year", charges="73.97")
    assert found(invoice_of(line, family_b=True)) == [
        (
            "LINE_AMOUNT_MISMATCH",
            1,
            "line 1: 5 × 54.00 = 270.00 (prorated × 100/366 days = 73.77)"
            " but the invoice says 73.97.",
        )
    ]


@pytest.mark.parametrize(
    ("start", "term", "charges"),
    [
        (date(2026, 1, 5), 31, "12.10"),
        (date(2026, 4, 5), 30, "12.50"),
        (date(2026, 2, 5), 28, "13.39"),
        (date(2024, 2, 5), 29, "12.93"),
    ],
)
def test_monthly_proration_divides_by_the_days_of_that_month(
    start: date, term: int, charges: str
) -> None:
    line = b_line("3", "12.50", start, 10, charges=charges)
    assert found(invoice_of(line, family_b=True)) == [
        ("PRORATED_LINE", 1, f"line 1: 3 × 12.50 × 10/{term} days = {charges}.")
    ]


def test_a_prorated_half_cent_is_rounded_up_not_to_even() -> None:
    half_up = b_line("1", "10.05", date(2026, 4, 5), 15, charges="5.03")
    half_even = b_line("1", "10.05", date(2026, 4, 5), 15, charges="5.02")
    assert found(invoice_of(half_up, family_b=True)) == [
        ("PRORATED_LINE", 1, "line 1: 1 × 10.05 × 15/30 days = 5.03.")
    ]
    assert found(invoice_of(half_even, family_b=True)) == [
        (
            "LINE_AMOUNT_MISMATCH",
            1,
            "line 1: 1 × 10.05 = 10.05 (prorated × 15/30 days = 5.03) but the invoice says 5.02.",
        )
    ]


def test_a_price_with_more_than_two_decimals_is_shown_as_printed_and_rounded_half_up() -> None:
    assert run_checks(invoice_of(a_line("3", "0.375", charges="1.13"))).findings == ()
    assert found(invoice_of(a_line("3", "0.375", charges="1.12"))) == [
        ("LINE_AMOUNT_MISMATCH", 1, "line 1: 3 × 0.375 = 1.13 but the invoice says 1.12.")
    ]


def test_a_monthly_proration_one_cent_off_is_a_mismatch() -> None:
    line = b_line("3", "12.50", date(2026, 2, 5), 10, charges="13.40")
    assert found(invoice_of(line, family_b=True)) == [
        (
            "LINE_AMOUNT_MISMATCH",
            1,
            "line 1: 3 × 12.50 = 37.50 (prorated × 10/28 days = 13.39) but the invoice says 13.40.",
        )
    ]


def test_a_credit_row_matching_the_prorated_amount_is_a_prorated_line() -> None:
    credit = b_line("2", "54.00", date(2024, 3, 1), 306, "year", charges="0.00", credits="90.54")
    invoice = invoice_of(credit, family_b=True)
    assert invoice.subtotal == D("-90.54")
    assert found(invoice) == [("PRORATED_LINE", 1, "line 1: 2 × 54.00 × 306/365 days = 90.54.")]


def test_a_wrong_credit_is_a_line_amount_mismatch() -> None:
    credit = b_line("2", "54.00", date(2024, 3, 1), 306, "year", charges="0.00", credits="90.45")
    assert found(invoice_of(credit, family_b=True)) == [
        (
            "LINE_AMOUNT_MISMATCH",
            1,
            "line 1: 2 × 54.00 = 108.00 (prorated × 306/365 days = 90.54)"
            " but the invoice credits 90.45.",
        )
    ]


def test_a_line_subtotal_other_than_charges_less_discounts_and_credits_is_a_mismatch() -> None:
    line = replace(
        b_line("7", "54.00", date(2026, 1, 5), 31), amount=D("377.00"), total=D("377.00")
    )
    invoice = invoice_of(line, family_b=True)
    assert found(invoice) == [
        (
            "LINE_AMOUNT_MISMATCH",
            1,
            "line 1: charges 378.00 − discounts 0.00 − credits 0.00 = 378.00"
            " but the line subtotal says 377.00.",
        ),
        (
            "SUBTOTAL_MISMATCH",
            None,
            "charges 378.00 − discounts 0.00 − credits 0.00 = 378.00 EUR"
            " but the subtotal says 377.00 EUR.",
        ),
    ]


# --- SUBTOTAL_MISMATCH -----------------------------------------------------------------------


def test_a_subtotal_one_cent_off_the_lines_is_a_subtotal_mismatch() -> None:
    invoice = invoice_of(a_line("5", "54.00"), subtotal=D("270.01"), total=D("270.01"))
    assert found(invoice) == [
        (
            "SUBTOTAL_MISMATCH",
            None,
            "the line amounts add up to 270.00 EUR but the invoice prints subtotal 270.01 EUR.",
        )
    ]


def test_page_one_charges_other_than_the_line_charges_are_a_subtotal_mismatch() -> None:
    invoice = invoice_of(b_line("7", "54.00", date(2026, 1, 5), 31), family_b=True)
    invoice = replace(invoice, charges=D("378.01"))
    assert found(invoice) == [
        (
            "SUBTOTAL_MISMATCH",
            None,
            "the line charges add up to 378.00 EUR but the invoice prints charges 378.01 EUR.",
        ),
        (
            "SUBTOTAL_MISMATCH",
            None,
            "charges 378.01 − discounts 0.00 − credits 0.00 = 378.01 EUR"
            " but the subtotal says 378.00 EUR.",
        ),
    ]


def test_page_one_credits_other_than_the_line_credits_are_a_subtotal_mismatch() -> None:
    credit = b_line("2", "54.00", date(2024, 3, 1), 306, "year", charges="0.00", credits="90.54")
    invoice = replace(invoice_of(credit, family_b=True), credits=D("90.55"))
    assert [(code, line) for code, line, _ in found(invoice)] == [
        ("PRORATED_LINE", 1),
        ("SUBTOTAL_MISMATCH", None),
        ("SUBTOTAL_MISMATCH", None),
    ]
    assert "the line credits add up to 90.54 EUR but the invoice prints credits 90.55 EUR." in [
        message for _, _, message in found(invoice)
    ]


# --- TAX_MISMATCH ----------------------------------------------------------------------------


def test_per_licence_tax_rounding_up_to_a_cent_per_licence_is_not_a_tax_mismatch() -> None:
    line = b_line("100", "0.99", date(2026, 1, 5), 31, rate="21")
    assert (line.amount, line.tax) == (D("99.00"), D("21.00"))
    assert run_checks(invoice_of(line, family_b=True)).findings == ()


def test_tax_exactly_one_cent_per_licence_off_passes_and_one_cent_more_does_not() -> None:
    within = b_line("100", "0.99", date(2026, 1, 5), 31, rate="21", tax="21.79")
    beyond = b_line("100", "0.99", date(2026, 1, 5), 31, rate="21", tax="21.80")
    assert run_checks(invoice_of(within, family_b=True)).findings == ()
    assert found(invoice_of(beyond, family_b=True)) == [
        (
            "TAX_MISMATCH",
            1,
            "line 1: 21 % of 99.00 = 20.79 but the line tax is 21.80,"
            " more than the 1.00 per-licence rounding allows.",
        )
    ]


def test_a_single_licence_is_allowed_one_cent_of_tax_rounding() -> None:
    one_cent = b_line("1", "10.00", date(2026, 1, 5), 31, rate="21", tax="2.11")
    two_cents = b_line("1", "10.00", date(2026, 1, 5), 31, rate="21", tax="2.12")
    assert run_checks(invoice_of(one_cent, family_b=True)).findings == ()
    assert [(c, n) for c, n, _ in found(invoice_of(two_cents, family_b=True))] == [
        ("TAX_MISMATCH", 1)
    ]


def test_line_taxes_that_do_not_add_up_to_the_invoice_tax_are_a_tax_mismatch() -> None:
    line = b_line("100", "20.00", date(2016, 2, 24), 29, rate="8.75")
    invoice = invoice_of(line, family_b=True, currency="USD", tax=D("175.01"))
    invoice = replace(invoice, total=D("2175.01"), header_total=D("2175.01"))
    assert found(invoice) == [
        (
            "TAX_MISMATCH",
            None,
            "the line taxes add up to 175.00 USD but the invoice tax says 175.01 USD.",
        )
    ]


def test_a_portal_tax_within_a_cent_per_licence_of_the_rate_passes() -> None:
    invoice = invoice_of(a_line("5", "54.00"), tax_rate=D("21"), tax=D("56.75"))
    assert run_checks(replace(invoice, total=D("326.75"))).findings == ()


def test_a_portal_tax_beyond_a_cent_per_licence_of_the_rate_is_a_tax_mismatch() -> None:
    invoice = invoice_of(a_line("5", "54.00"), tax_rate=D("21"), tax=D("56.76"))
    assert found(replace(invoice, total=D("326.76"))) == [
        (
            "TAX_MISMATCH",
            None,
            "21 % of the subtotal 270.00 = 56.70 EUR but the tax says 56.76 EUR,"
            " more than the 0.05 per-licence rounding allows.",
        )
    ]


# --- TOTAL_MISMATCH --------------------------------------------------------------------------


def test_a_subtotal_plus_tax_other_than_the_total_is_a_total_mismatch() -> None:
    invoice = invoice_of(a_line("5", "54.00"), tax=D("56.70"), total=D("326.80"))
    assert found(invoice) == [
        (
            "TOTAL_MISMATCH",
            None,
            "subtotal 270.00 + tax 56.70 = 326.70 EUR but the total says 326.80 EUR.",
        )
    ]


def test_a_header_total_other_than_the_total_is_a_total_mismatch() -> None:
    line = b_line("100", "20.00", date(2016, 2, 24), 29, rate="8.75")
    invoice = invoice_of(line, family_b=True, currency="USD", header_total=D("2176.00"))
    assert found(invoice) == [
        (
            "TOTAL_MISMATCH",
            None,
            "the page header says 2176.00 USD but the invoice total is 2175.00 USD.",
        )
    ]


def test_a_line_total_other_than_amount_plus_tax_is_a_total_mismatch_on_that_line() -> None:
    good = b_line("100", "20.00", date(2016, 2, 24), 29, rate="8.75")
    bad = replace(b_line("1", "20.00", date(2016, 2, 24), 29, rate="8.75"), total=D("21.76"))
    assert found(invoice_of(good, bad, family_b=True)) == [
        ("TOTAL_MISMATCH", 2, "line 2: 20.00 + tax 1.75 = 21.75 but the line total says 21.76.")
    ]


# --- DATE_ORDER ------------------------------------------------------------------------------


def test_days_other_than_the_service_period_length_are_a_date_order_finding() -> None:
    line = replace(b_line("7", "54.00", date(2026, 1, 5), 31), days=30)
    assert found(invoice_of(line, family_b=True)) == [
        (
            "DATE_ORDER",
            1,
            "line 1: the service period 2026-01-05 – 2026-02-04 has 31 days but the line says 30.",
        ),
    ]


def test_a_service_period_ending_before_it_starts_is_one_date_order_finding() -> None:
    line = replace(b_line("7", "54.00", date(2026, 1, 5), 31), period_end=date(2026, 1, 4))
    assert found(invoice_of(line, family_b=True)) == [
        (
            "DATE_ORDER",
            1,
            "line 1: the service period ends 2026-01-04 before it starts 2026-01-05.",
        )
    ]


def test_a_billing_period_ending_before_it_starts_is_a_date_order_finding() -> None:
    invoice = invoice_of(a_line(), period_start=date(2024, 2, 1), period_end=date(2024, 1, 31))
    assert found(invoice) == [
        ("DATE_ORDER", None, "the billing period ends 2024-01-31 before it starts 2024-02-01.")
    ]


def test_a_due_date_before_the_invoice_date_is_a_date_order_finding() -> None:
    invoice = invoice_of(a_line(), due_date=date(2024, 1, 31))
    assert found(invoice) == [
        ("DATE_ORDER", None, "the due date 2024-01-31 is before the invoice date 2024-02-01.")
    ]


def test_an_invoice_date_before_the_period_end_is_not_a_finding() -> None:
    invoice = invoice_of(a_line(), invoice_date=date(2024, 1, 15), due_date=date(2024, 1, 15))
    assert run_checks(invoice).findings == ()


# --- AMBIGUOUS_DATE --------------------------------------------------------------------------


def test_ambiguous_dates_are_a_warning_saying_they_were_read_day_first_outside_usd() -> None:
    checked = run_checks(invoice_of(a_line(), dates_ambiguous=True))
    assert checked.findings == (
        Finding(
            "AMBIGUOUS_DATE",
            "warning",
            "the document does not show whether its dates are day/month or month/day;"
            " they were read as day/month, giving the invoice date 2024-02-01:"
            " compare the dates with the PDF.",
        ),
    )
    assert checked.status == "warning"


def test_ambiguous_dates_on_a_usd_invoice_say_they_were_read_month_first() -> None:
    invoice = invoice_of(a_line(), dates_ambiguous=True, currency="USD", invoice_date=None)
    assert found(invoice)[0] == (
        "AMBIGUOUS_DATE",
        None,
        "the document does not show whether its dates are day/month or month/day;"
        " they were read as month/day (the US convention): compare the dates with the PDF.",
    )


# --- MISSING_FIELD ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"total": None}, "the total was not found; read it from the PDF."),
        ({"invoice_number": None}, "the invoice number was not found; read it from the PDF."),
        ({"invoice_date": None}, "the invoice date was not found; read it from the PDF."),
        (
            {"lines": ()},
            "no charge line was found; the invoice cannot be booked line by line.",
        ),
    ],
)
def test_each_missing_required_field_is_one_missing_field_finding(
    changes: dict[str, object], message: str
) -> None:
    invoice = replace(invoice_of(a_line()), **changes)  # type: ignore[arg-type]
    assert found(invoice) == [("MISSING_FIELD", None, message)]


def test_an_empty_invoice_has_four_missing_field_findings_and_nothing_else() -> None:
    assert codes(Invoice(source=SOURCE)) == ["MISSING_FIELD"] * 4


def test_a_line_with_nothing_but_a_product_is_one_missing_field_and_nothing_else() -> None:
    findings = run_checks(invoice_of(Line(product="Teams"), subtotal=None)).findings
    assert [(f.code, f.severity, f.line) for f in findings] == [("MISSING_FIELD", "error", 1)]
    assert findings[0].message.startswith(
        "line 1 (Teams): the licence count and the unit price and the amount could not be read"
    )


# --- REVERSE_CHARGE --------------------------------------------------------------------------


def test_zero_vat_from_ireland_to_a_belgian_business_is_a_reverse_charge() -> None:
    customer = Party("Architectenbureau Van Damme BV", "BE0123456749")
    checked = run_checks(invoice_of(a_line("5", "54.00"), customer=customer))
    assert checked.reverse_charge is True
    assert checked.findings == (
        Finding(
            "REVERSE_CHARGE",
            "info",
            "0% VAT charged to Architectenbureau Van Damme BV (BE0123456749):"
            " reverse charge, self-assess VAT on 270.00 EUR.",
        ),
    )
    assert checked.status == "ok"


@pytest.mark.parametrize("vat_number", ["EL094259216", "XI980780684", "nl853746333b01"])
def test_greek_northern_irish_and_lower_case_vat_numbers_are_eu_customers(vat_number: str) -> None:
    checked = run_checks(invoice_of(a_line(), customer=Party("Client", vat_number)))
    assert checked.reverse_charge is True
    assert codes(checked) == ["REVERSE_CHARGE"]


@pytest.mark.parametrize(
    "changes",
    [
        {"customer": Party("Liffey Print Ltd", "IE6388047V")},
        {"customer": Party("Brouwerij De Klok BV", None)},
        {"customer": Party("Brouwerij De Klok BV", "BE0123456749"), "supplier": MICROSOFT_US},
        {
            "customer": Party("Brouwerij De Klok BV", "BE0123456749"),
            "supplier": Party("Microsoft Corporation", "US911144442"),
        },
        {"customer": Party("Zürich AG", "CHE123456788")},
    ],
    ids=["same-country", "no-vat-number", "us-supplier", "us-prefix", "non-eu-customer"],
)
def test_zero_vat_is_not_a_reverse_charge_outside_the_rule(changes: dict[str, Any]) -> None:
    checked = run_checks(invoice_of(a_line(), **changes))
    assert checked.reverse_charge is False
    assert checked.findings == ()


def test_an_invoice_that_charges_vat_is_not_a_reverse_charge() -> None:
    customer = Party("Brouwerij De Klok BV", "BE0123456749")
    invoice = invoice_of(a_line("5", "54.00"), customer=customer, tax=D("56.70"))
    checked = run_checks(replace(invoice, total=D("326.70")))
    assert checked.reverse_charge is False
    assert checked.findings == ()


def test_a_line_with_tax_prevents_a_reverse_charge_even_when_the_invoice_tax_is_zero() -> None:
    taxed = b_line("1", "10.00", date(2026, 1, 5), 31, rate="21")
    customer = Party("Brouwerij De Klok BV", "BE0123456749")
    invoice = invoice_of(taxed, family_b=True, customer=customer, tax=D("0.00"))
    invoice = replace(invoice, total=D("10.00"), header_total=D("10.00"))
    checked = run_checks(invoice)
    assert checked.reverse_charge is False
    assert codes(invoice) == ["TAX_MISMATCH"]


def test_reading_a_reverse_charge_flag_of_true_is_reset_when_the_rule_does_not_hold() -> None:
    assert run_checks(invoice_of(a_line(), reverse_charge=True)).reverse_charge is False


# --- run_checks ------------------------------------------------------------------------------


def test_findings_of_reading_come_first_then_checks_by_code_then_line() -> None:
    reading = Finding.of("AMBIGUOUS_DATE", "read by the parser")
    lines = (
        a_line("1", "10.00", charges="10.01"),
        a_line("1", "10.00"),
        a_line("1", "10.00", charges="9.99"),
    )
    invoice = invoice_of(*lines, findings=(reading,), due_date=date(2024, 1, 1), total=None)
    assert [(f.code, f.line) for f in run_checks(invoice).findings] == [
        ("AMBIGUOUS_DATE", None),
        ("LINE_AMOUNT_MISMATCH", 1),
        ("LINE_AMOUNT_MISMATCH", 3),
        ("DATE_ORDER", None),
        ("MISSING_FIELD", None),
    ]


def test_running_the_checks_twice_adds_nothing() -> None:
    invoice = invoice_of(a_line(charges="270.01"), customer=Party("X", "BE0123456749"))
    once = run_checks(invoice)
    assert run_checks(once) == once
    assert codes(once) == ["LINE_AMOUNT_MISMATCH", "REVERSE_CHARGE"]


def test_a_file_rejected_by_reading_gets_no_further_findings() -> None:
    rejected = Invoice(
        source=SOURCE, findings=(Finding.of("NOT_A_MICROSOFT_INVOICE", "invoice.pdf: a letter"),)
    )
    assert run_checks(rejected) == rejected


def test_check_findings_are_sorted_invoice_wide_before_lines_within_a_code() -> None:
    right = b_line("1", "10.00", date(2026, 1, 5), 31, rate="21")
    bad_line = replace(right, tax=D("2.50"), total=D("12.50"))
    invoice = invoice_of(bad_line, family_b=True, tax=D("2.60"))
    invoice = replace(invoice, total=D("12.60"), header_total=D("12.60"))
    assert [(f.code, f.line) for f in check_findings(invoice)] == [
        ("TAX_MISMATCH", None),
        ("TAX_MISMATCH", 1),
    ]


# --- properties ------------------------------------------------------------------------------

quantities = st.integers(min_value=1, max_value=500).map(Decimal)
unit_prices = st.integers(min_value=1, max_value=200_000).map(lambda c: Decimal(c) / 100)
starts = st.dates(min_value=date(2011, 1, 1), max_value=date(2035, 12, 31))
bases = st.sampled_from(["month", "year"])
rates = st.sampled_from(["0", "6", "8.75", "9", "21", "23"])


def full_period_line(q: Decimal, p: Decimal, start: date, basis: str, rate: str) -> Line:
    days = (add_term(start, basis) - start).days  # type: ignore[arg-type]
    return b_line(str(q), str(p), start, days, basis=basis, rate=rate)  # type: ignore[arg-type]


@given(quantities, unit_prices, starts, bases, rates)
def test_a_full_period_line_of_quantity_times_price_never_yields_a_finding(
    q: Decimal, p: Decimal, start: date, basis: str, rate: str
) -> None:
    line = full_period_line(q, p, start, basis, rate)
    assert line.charges == cents(q * p)
    assert run_checks(invoice_of(line, family_b=True)).findings == ()


@given(quantities, unit_prices, starts, bases, rates)
def test_a_full_period_line_one_cent_over_is_always_a_line_amount_mismatch(
    q: Decimal, p: Decimal, start: date, basis: str, rate: str
) -> None:
    right = full_period_line(q, p, start, basis, rate)
    wrong = cents(q * p) + D("0.01")
    line = replace(right, charges=wrong, amount=wrong, total=wrong + (right.tax or 0))
    days, term = right.days or 0, (add_term(start, basis) - start).days  # type: ignore[arg-type]
    expected = "PRORATED_LINE" if wrong == cents(q * p * days / term) else "LINE_AMOUNT_MISMATCH"
    assert [(f.code, f.line) for f in check_findings(invoice_of(line, family_b=True))] == [
        (expected, 1)
    ]


@given(quantities, unit_prices, starts, bases, st.integers(min_value=1, max_value=366))
def test_a_line_charged_its_prorated_amount_is_never_a_mismatch(
    q: Decimal, p: Decimal, start: date, basis: str, days: int
) -> None:
    term = (add_term(start, basis) - start).days  # type: ignore[arg-type]
    charged = cents(q * p * min(days, term) / term)
    line = b_line(str(q), str(p), start, min(days, term), basis, charges=str(charged))  # type: ignore[arg-type]
    found_codes = codes(invoice_of(line, family_b=True))
    assert found_codes == ([] if charged == cents(q * p) else ["PRORATED_LINE"])


optional_amounts = st.none() | st.decimals(
    min_value=-10_000, max_value=10_000, places=2, allow_nan=False, allow_infinity=False
)
optional_dates = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
any_lines = st.builds(
    Line,
    product=st.just("Product"),
    period_start=optional_dates,
    period_end=optional_dates,
    days=st.none() | st.integers(min_value=-5, max_value=400),
    quantity=st.none() | st.integers(min_value=-500, max_value=500).map(Decimal),
    unit_price=optional_amounts,
    price_basis=st.sampled_from([None, "month", "year", "once"]),
    charges=optional_amounts,
    discounts=optional_amounts,
    credits=optional_amounts,
    amount=optional_amounts,
    tax_rate=st.none() | st.sampled_from([D("0"), D("21"), D("8.75")]),
    tax=optional_amounts,
    total=optional_amounts,
)


@given(
    st.lists(any_lines, max_size=4),
    optional_amounts,
    optional_amounts,
    optional_amounts,
    optional_dates,
    optional_dates,
)
def test_the_checks_never_raise_whatever_is_absent(
    lines: list[Line],
    subtotal: Decimal | None,
    tax: Decimal | None,
    total: Decimal | None,
    invoice_date: date | None,
    due_date: date | None,
) -> None:
    invoice = Invoice(
        source=SOURCE,
        lines=tuple(lines),
        subtotal=subtotal,
        tax=tax,
        total=total,
        invoice_date=invoice_date,
        due_date=due_date,
        tax_rate=D("21") if tax is not None else None,
        supplier=MICROSOFT_IRELAND,
        customer=Party(None, "BE0123456749"),
        currency="EUR",
    )
    checked = run_checks(invoice)
    assert all(f.line is None or 1 <= f.line <= len(lines) for f in checked.findings)
    assert all(f.message.endswith(".") for f in checked.findings)


# --- the spec's example records ----------------------------------------------------------------

RENDERED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "rendered"
EXAMPLES = sorted(RENDERED.glob("*.json")) if RENDERED.is_dir() else []


@pytest.mark.skipif(not EXAMPLES, reason="../shared/corpus/rendered is not present")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_record_has_exactly_the_findings_and_reverse_charge_it_expects(
    path: Path,
) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    if "schema" not in record:
        pytest.skip(f"{path.name} expects a rejected file, not a record")
    expected = invoice_from_record(record)
    checked = run_checks(replace(expected, findings=(), reverse_charge=False))
    assert checked.findings == expected.findings
    assert checked.reverse_charge is expected.reverse_charge


def test_a_line_whose_amount_could_not_be_read_is_a_missing_field_not_a_silent_pass():
    """c0085: a line with no amount skipped every arithmetic check and passed."""
    from pipeline.checks import missing_field_findings
    from pipeline.model import Invoice, Line, Source

    invoice = Invoice(
        source=Source("x.pdf", "0" * 64, 1),
        invoice_number="C10001358H",
        invoice_date=date(2012, 1, 13),
        total=Decimal("270.00"),
        lines=(
            Line(
                "Exchange Online",
                quantity=Decimal(5),
                unit_price=Decimal("54.00"),
                charges=Decimal("270.00"),
                amount=Decimal("270.00"),
            ),
            Line("Project Online", quantity=Decimal(9), unit_price=None, amount=None),
        ),
    )
    findings = missing_field_findings(invoice)
    assert [(f.code, f.severity, f.line) for f in findings] == [("MISSING_FIELD", "error", 2)]
    assert "unit price and the amount" in findings[0].message


@pytest.mark.parametrize("family", ["portal-2012", "online-services"])
def test_a_billing_period_or_due_date_not_read_is_a_missing_field(family: str) -> None:
    """Stress corpus s1-c0005: a period wrapped in a bottom-aligned grid was not read and no
    finding said so."""
    from pipeline.checks import missing_field_findings

    b = family == "online-services"
    line = b_line("5", "54.00", date(2024, 1, 1), 31) if b else a_line("5", "54.00")
    invoice = replace(invoice_of(line, family_b=b), period_start=None, due_date=None)
    messages = [f.message for f in missing_field_findings(invoice)]
    assert messages == [
        "the billing period was not found; read it from the PDF.",
        "the due date was not found; read it from the PDF.",
    ]


@pytest.mark.parametrize(
    ("change", "what"),
    [
        ({"tax": None}, "tax"),
        ({"total": None}, "total"),
        ({"tax": None, "total": None}, "tax and the total"),
        ({"period_end": None}, "service period"),
    ],
)
def test_a_b_line_whose_tax_total_or_service_period_was_not_read_is_a_missing_field(
    change: dict[str, Any], what: str
) -> None:
    """weasy-b-amounts-glued: a line's tax and total printed as one word were not read, and
    every check passed without them (a B row always prints its period, Taxes and Total)."""
    from pipeline.checks import missing_field_findings

    line = replace(b_line("100", "20.00", date(2016, 2, 24), 29, rate="8.75"), **change)
    invoice = invoice_of(line, family_b=True)
    assert [(f.code, f.line, f.message) for f in missing_field_findings(invoice)] == [
        (
            "MISSING_FIELD",
            1,
            f"line 1 (Microsoft 365 Business Standard): the {what} could not be read, so the"
            " line cannot be checked; read it from the PDF.",
        )
    ]


def test_a_family_a_line_needs_no_tax_or_total_of_its_own() -> None:
    from pipeline.checks import missing_field_findings

    assert missing_field_findings(invoice_of(a_line("5", "54.00"))) == []


def test_a_customer_agreement_invoice_is_held_to_the_fields_its_family_declares() -> None:
    """Family C prints its billing period above the summary and each row's charge dates, tax
    amount and total; a due date only sometimes, so it is not required."""
    from pipeline.checks import missing_field_findings

    line = b_line("5", "54.00", date(2024, 1, 1), 31)
    invoice = replace(
        invoice_of(line, family_b=True),
        family="customer-agreement",
        invoice_number="G123456789",
        due_date=None,
    )
    assert missing_field_findings(invoice) == []
    unread = replace(
        invoice,
        total=None,
        period_start=None,
        lines=(replace(line, unit_price=None, tax=None),),
    )
    assert [(f.line, f.message) for f in missing_field_findings(unread)] == [
        (None, "the total was not found; read it from the PDF."),
        (None, "the billing period was not found; read it from the PDF."),
        (
            1,
            "line 1 (Microsoft 365 Business Standard): the unit price and the tax could not be"
            " read, so the line cannot be checked; read it from the PDF.",
        ),
    ]


def test_an_invoice_of_no_known_family_is_held_to_what_every_invoice_prints() -> None:
    from pipeline.checks import missing_field_findings

    invoice = replace(invoice_of(a_line("5", "54.00")), family=None, due_date=None)
    assert missing_field_findings(invoice) == []
    assert [f.message for f in missing_field_findings(replace(invoice, invoice_date=None))] == [
        "the invoice date was not found; read it from the PDF."
    ]
