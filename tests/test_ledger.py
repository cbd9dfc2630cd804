"""Journal rows, balanced postings, deferrals and summary totals, to the cent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import DEFAULT_VAT, ProductAccount, Settings
from pipeline.ledger import (
    LedgerError,
    LedgerSummary,
    MonthTotal,
    ProductTotal,
    journal_rows,
    postings,
    share_out,
    summary_by_month_and_product,
)
from pipeline.model import Finding, Invoice, JournalRow, Line, Party, Posting, Source

D = Decimal
ENTRY = "IE8256796U-E0800ABCDE"
MS_IRELAND = Party("Microsoft Ireland Operations Ltd", "IE8256796U")
SOURCE = Source("Invoice.pdf", "ab" * 32, 2)


def business_basic(**changes: object) -> Line:
    line = Line(
        product="Microsoft 365 Business Basic",
        period_start=date(2025, 1, 15),
        period_end=date(2026, 1, 14),
        days=365,
        quantity=D("5"),
        unit_price=D("54.00"),
        price_basis="year",
        charges=D("270.00"),
        amount=D("270.00"),
        tax_rate=D("0"),
        tax=D("0.00"),
        total=D("270.00"),
        page=2,
    )
    return replace(line, **changes)  # type: ignore[arg-type]


def ledger_example(**changes: object) -> Invoice:
    """The worked example of ledger.md: 5 × 54.00 a year, reverse charge to a Belgian buyer."""
    invoice = Invoice(
        source=SOURCE,
        family="online-services",
        language="en",
        document_type="invoice",
        supplier=MS_IRELAND,
        customer=Party("Brouwerij De Klok BV", "BE0123456749"),
        invoice_number="E0800ABCDE",
        invoice_date=date(2025, 1, 15),
        due_date=date(2025, 2, 14),
        period_start=date(2025, 1, 15),
        period_end=date(2025, 1, 15),
        currency="EUR",
        lines=(business_basic(),),
        charges=D("270.00"),
        subtotal=D("270.00"),
        tax=D("0.00"),
        total=D("270.00"),
        reverse_charge=True,
        findings=(Finding.of("REVERSE_CHARGE", "0% VAT: reverse charge"),),
    )
    return replace(invoice, **changes)  # type: ignore[arg-type]


def posting(
    day: date,
    entry_id: str,
    account: str,
    debit: str,
    credit: str,
    vat_code: str,
    description: str,
    journal: str = "AANK",
    source: str = "Invoice.pdf",
    currency: str = "EUR",
) -> Posting:
    """A posting of an invoice booked in its own currency (original amount = debit - credit)."""
    return Posting(
        day,
        journal,
        entry_id,
        account,
        D(debit),
        D(credit),
        currency,
        D(debit) - D(credit),
        currency,
        D(1),
        vat_code,
        description,
        source,
    )


def amounts(postings: tuple[Posting, ...]) -> list[tuple[str, str, Decimal, Decimal]]:
    return [(p.entry_id, p.account, p.debit, p.credit) for p in postings]


# ------------------------------------------------------------------ the worked example


def test_the_worked_example_gives_the_journal_row_of_ledger_md() -> None:
    assert journal_rows(ledger_example(), Settings()) == (
        JournalRow(
            entry_id=ENTRY,
            journal="AANK",
            booking_period="2025-01",
            invoice_number="E0800ABCDE",
            invoice_date=date(2025, 1, 15),
            due_date=date(2025, 2, 14),
            supplier_name="Microsoft Ireland Operations Ltd",
            supplier_vat="IE8256796U",
            supplier_country="IE",
            customer_vat="BE0123456749",
            currency="EUR",
            line_no=1,
            description="Microsoft 365 Business Basic",
            quantity=D("5"),
            unit_price=D("54.00"),
            price_basis="year",
            service_start=date(2025, 1, 15),
            service_end=date(2026, 1, 14),
            net_amount=D("270.00"),
            vat_rate=D("0"),
            vat_amount=D("0.00"),
            reverse_charge=True,
            self_assessed_vat=D("56.70"),
            vat_code="EU-S-21",
            vat_boxes="82,88,55,59",
            gl_account="613310",
            ap_account="440000",
            amount_this_year=D("259.64"),
            amount_deferred=D("10.36"),
            deferral_account="490000",
            gross_total=D("270.00"),
            functional_currency="EUR",
            exchange_rate=D("1"),
            rate_date=None,
            net_functional=D("270.00"),
            vat_functional=D("0.00"),
            gross_functional=D("270.00"),
            status="ok",
            source_file="Invoice.pdf",
            source_page=2,
            source_sha256="ab" * 32,
            document_type="invoice",
            original_invoice=None,
        ),
    )


def test_the_worked_example_posts_reverse_charge_and_a_reversed_year_end_deferral() -> None:
    invoice = ledger_example()
    settings = Settings()
    day, year_end, next_year = date(2025, 1, 15), date(2025, 12, 31), date(2026, 1, 1)
    product = "Microsoft 365 Business Basic"
    period = "2025-01-15..2026-01-14"
    assert postings(invoice, journal_rows(invoice, settings), settings) == (
        posting(day, ENTRY, "613310", "270.00", "0.00", "EU-S-21", product),
        posting(
            day,
            ENTRY,
            "411000",
            "56.70",
            "0.00",
            "EU-S-21",
            "Self-assessed VAT 21% (reverse charge)",
        ),
        posting(day, ENTRY, "451000", "0.00", "56.70", "EU-S-21", "VAT due 21% (reverse charge)"),
        posting(
            day,
            ENTRY,
            "440000",
            "0.00",
            "270.00",
            "",
            "Microsoft Ireland Operations Ltd E0800ABCDE",
        ),
        posting(
            year_end,
            ENTRY + "-DEF",
            "490000",
            "10.36",
            "0.00",
            "",
            "Deferred to the next financial year: E0800ABCDE",
            journal="DIV",
        ),
        posting(
            year_end,
            ENTRY + "-DEF",
            "613310",
            "0.00",
            "10.36",
            "",
            f"Deferred to the next financial year: {product} {period}",
            journal="DIV",
        ),
        posting(
            next_year,
            ENTRY + "-REV",
            "490000",
            "0.00",
            "10.36",
            "",
            "Reversal of deferral: E0800ABCDE",
            journal="DIV",
        ),
        posting(
            next_year,
            ENTRY + "-REV",
            "613310",
            "10.36",
            "0.00",
            "",
            f"Reversal of deferral: {product} {period}",
            journal="DIV",
        ),
    )


# ------------------------------------------------------------------ deferrals


def test_a_leap_year_service_period_counts_366_days() -> None:
    invoice = ledger_example(
        invoice_date=date(2024, 1, 15),
        lines=(business_basic(period_start=date(2024, 1, 15), period_end=date(2025, 1, 14)),),
    )
    (row,) = journal_rows(invoice, Settings())
    assert (row.booking_period, row.amount_this_year, row.amount_deferred) == (
        "2024-01",
        D("259.67"),
        D("10.33"),
    )


def test_a_financial_year_ending_in_june_defers_the_days_after_june_30() -> None:
    invoice = ledger_example(
        invoice_date=date(2025, 3, 1),
        lines=(
            business_basic(
                period_start=date(2025, 3, 1),
                period_end=date(2026, 2, 28),
                amount=D("1200.00"),
                total=D("1200.00"),
            ),
        ),
        total=D("1200.00"),
    )
    settings = Settings(financial_year_end=(6, 30))
    rows = journal_rows(invoice, settings)
    assert (rows[0].amount_this_year, rows[0].amount_deferred) == (D("401.10"), D("798.90"))
    deferral = [p for p in postings(invoice, rows, settings) if p.entry_id != ENTRY]
    assert [(p.date, p.entry_id, p.account, p.debit, p.credit) for p in deferral] == [
        (date(2025, 6, 30), ENTRY + "-DEF", "490000", D("798.90"), D("0.00")),
        (date(2025, 6, 30), ENTRY + "-DEF", "613310", D("0.00"), D("798.90")),
        (date(2025, 7, 1), ENTRY + "-REV", "490000", D("0.00"), D("798.90")),
        (date(2025, 7, 1), ENTRY + "-REV", "613310", D("798.90"), D("0.00")),
    ]


@pytest.mark.parametrize(
    ("net", "self_assessed", "deferred"),
    [
        (D("0.50"), D("0.11"), D("0.25")),
        (D("0.01"), D("0.00"), D("0.01")),
        (D("-0.01"), D("0.00"), D("-0.01")),
        (D("-0.50"), D("-0.11"), D("-0.25")),
    ],
)
def test_computed_cents_round_half_up_away_from_zero(
    net: Decimal, self_assessed: Decimal, deferred: Decimal
) -> None:
    invoice = ledger_example(
        invoice_date=date(2025, 12, 31),
        lines=(
            business_basic(
                amount=net, period_start=date(2025, 12, 31), period_end=date(2026, 1, 1)
            ),
        ),
        total=net,
    )
    (row,) = journal_rows(invoice, Settings())
    assert (row.self_assessed_vat, row.amount_deferred, row.amount_this_year) == (
        self_assessed,
        deferred,
        net - deferred,
    )


def test_a_service_period_wholly_after_the_year_end_is_deferred_entirely() -> None:
    invoice = ledger_example(
        invoice_date=date(2025, 12, 20),
        lines=(business_basic(period_start=date(2026, 1, 1), period_end=date(2026, 1, 31)),),
    )
    (row,) = journal_rows(invoice, Settings())
    assert (row.amount_this_year, row.amount_deferred) == (D("0.00"), D("270.00"))


def test_a_service_period_within_the_year_is_not_deferred() -> None:
    invoice = ledger_example(
        lines=(business_basic(period_start=date(2025, 1, 15), period_end=date(2025, 2, 14)),),
    )
    settings = Settings()
    rows = journal_rows(invoice, settings)
    assert (rows[0].amount_this_year, rows[0].amount_deferred) == (D("270.00"), D("0.00"))
    assert {p.entry_id for p in postings(invoice, rows, settings)} == {ENTRY}


@pytest.mark.parametrize(
    ("threshold", "this_year", "deferred"),
    [
        (D("10.36"), D("259.64"), D("10.36")),
        (D("10.37"), D("270.00"), D("0.00")),
    ],
)
def test_a_deferral_smaller_than_the_threshold_is_not_made(
    threshold: Decimal, this_year: Decimal, deferred: Decimal
) -> None:
    settings = Settings(deferral_threshold=threshold)
    (row,) = journal_rows(ledger_example(), settings)
    assert (row.amount_this_year, row.amount_deferred) == (this_year, deferred)


def test_without_a_line_period_the_billing_period_is_the_service_period() -> None:
    invoice = ledger_example(
        period_start=date(2025, 12, 12),
        period_end=date(2026, 1, 11),
        invoice_date=date(2025, 12, 13),
        lines=(business_basic(period_start=None, period_end=None, days=None),),
    )
    (row,) = journal_rows(invoice, Settings())
    assert (row.service_start, row.service_end, row.amount_deferred) == (
        date(2025, 12, 12),
        date(2026, 1, 11),
        D("95.81"),
    )


# ------------------------------------------------------------------ credits, VAT cases


def test_a_credit_line_is_booked_as_a_credit_with_negative_self_assessed_vat() -> None:
    march = {"period_start": date(2025, 3, 1), "period_end": date(2025, 3, 31), "days": 31}
    invoice = ledger_example(
        invoice_date=date(2025, 4, 2),
        lines=(
            business_basic(amount=D("-50.00"), charges=D("0.00"), credits=D("50.00"), **march),
            business_basic(amount=D("30.00"), **march),
            business_basic(amount=D("80.00"), **march),
        ),
        total=D("60.00"),
    )
    settings = Settings()
    rows = journal_rows(invoice, settings)
    assert [(r.net_amount, r.self_assessed_vat, r.amount_deferred) for r in rows] == [
        (D("-50.00"), D("-10.50"), D("0.00")),
        (D("30.00"), D("6.30"), D("0.00")),
        (D("80.00"), D("16.80"), D("0.00")),
    ]
    assert amounts(postings(invoice, rows, settings)) == [
        (ENTRY, "613310", D("0.00"), D("50.00")),
        (ENTRY, "613310", D("30.00"), D("0.00")),
        (ENTRY, "613310", D("80.00"), D("0.00")),
        (ENTRY, "411000", D("12.60"), D("0.00")),
        (ENTRY, "451000", D("0.00"), D("12.60")),
        (ENTRY, "440000", D("0.00"), D("60.00")),
    ]


def test_a_credit_note_debits_the_supplier_and_defers_a_credit() -> None:
    invoice = ledger_example(
        document_type="credit_note",
        reverse_charge=False,
        findings=(),
        customer=Party("Brouwerij De Klok BV", None),
        lines=(business_basic(amount=D("-54.00"), tax=D("-11.34"), tax_rate=D("21")),),
        tax=D("-11.34"),
        total=D("-65.34"),
    )
    settings = Settings()
    rows = journal_rows(invoice, settings)
    assert (rows[0].vat_code, rows[0].amount_this_year, rows[0].amount_deferred) == (
        "VAT-21",
        D("-51.93"),
        D("-2.07"),
    )
    credit = ENTRY + "-CN"  # never the entry of an invoice, whatever the number
    assert amounts(postings(invoice, rows, settings)) == [
        (credit, "613310", D("0.00"), D("54.00")),
        (credit, "411000", D("0.00"), D("11.34")),
        (credit, "440000", D("65.34"), D("0.00")),
        (credit + "-DEF", "490000", D("0.00"), D("2.07")),
        (credit + "-DEF", "613310", D("2.07"), D("0.00")),
        (credit + "-REV", "490000", D("2.07"), D("0.00")),
        (credit + "-REV", "613310", D("0.00"), D("2.07")),
    ]


def us_sales_tax_invoice() -> Invoice:
    """Microsoft's 2016 US sample: 100 × 20.00 with 8.75 % sales tax."""
    return Invoice(
        source=Source("b01-en-us-sample.pdf", "f7" * 32, 2),
        family="online-services",
        supplier=Party("Microsoft Corporation", None),
        customer=Party("Lakeshore Analytics Inc.", None),
        invoice_number="E04REXXYPL",
        invoice_date=date(2016, 2, 25),
        due_date=date(2016, 3, 26),
        period_start=date(2016, 2, 24),
        period_end=date(2016, 2, 24),
        currency="USD",
        lines=(
            Line(
                product="Office 365 Enterprise E3",
                period_start=date(2016, 2, 24),
                period_end=date(2016, 3, 23),
                days=29,
                quantity=D("100"),
                unit_price=D("20.00"),
                price_basis="month",
                charges=D("2000.00"),
                amount=D("2000.00"),
                tax_rate=D("8.75"),
                tax=D("175.00"),
                total=D("2175.00"),
                page=2,
            ),
        ),
        subtotal=D("2000.00"),
        tax=D("175.00"),
        total=D("2175.00"),
    )


def test_us_sales_tax_is_charged_tax_added_to_the_expense_without_reverse_charge() -> None:
    invoice = us_sales_tax_invoice()
    settings = Settings()
    (row,) = journal_rows(invoice, settings)
    assert (
        row.entry_id,
        row.supplier_country,
        row.vat_rate,
        row.vat_amount,
        row.reverse_charge,
        row.self_assessed_vat,
        row.vat_code,
        row.vat_boxes,
        row.amount_deferred,
        row.gross_total,
    ) == (
        "MicrosoftCorporation-E04REXXYPL",
        None,
        D("8.75"),
        D("175.00"),
        False,
        D("0.00"),
        "NON-EU",
        "82",
        D("0.00"),
        D("2175.00"),
    )
    day, entry = date(2016, 2, 25), "MicrosoftCorporation-E04REXXYPL"
    source = "b01-en-us-sample.pdf"
    assert postings(invoice, (row,), settings) == (
        posting(
            day,
            entry,
            "613310",
            "2000.00",
            "0.00",
            "NON-EU",
            "Office 365 Enterprise E3",
            source=source,
            currency="USD",
        ),
        posting(
            day,
            entry,
            "613310",
            "175.00",
            "0.00",
            "NON-EU",
            "Tax: Office 365 Enterprise E3",
            source=source,
            currency="USD",
        ),
        posting(
            day,
            entry,
            "440000",
            "0.00",
            "2175.00",
            "",
            "Microsoft Corporation E04REXXYPL",
            source=source,
            currency="USD",
        ),
    )


def test_tax_of_a_non_eu_supplier_configured_deductible_goes_to_the_vat_account() -> None:
    invoice = us_sales_tax_invoice()
    vat = tuple(replace(r, deductible=True) if r.case == "non_eu" else r for r in DEFAULT_VAT)
    settings = Settings(vat=vat)
    assert amounts(postings(invoice, journal_rows(invoice, settings), settings)) == [
        ("MicrosoftCorporation-E04REXXYPL", "613310", D("2000.00"), D("0.00")),
        ("MicrosoftCorporation-E04REXXYPL", "411000", D("175.00"), D("0.00")),
        ("MicrosoftCorporation-E04REXXYPL", "440000", D("0.00"), D("2175.00")),
    ]


def test_vat_charged_by_microsoft_ireland_is_deductible_domestic_vat() -> None:
    invoice = ledger_example(
        reverse_charge=False,
        findings=(),
        customer=Party("Brouwerij De Klok BV", None),
        lines=(
            business_basic(
                period_end=date(2025, 2, 14), amount=D("100.00"), tax=D("21.00"), tax_rate=D("21")
            ),
        ),
        tax=D("21.00"),
        total=D("121.00"),
    )
    settings = Settings()
    rows = journal_rows(invoice, settings)
    assert (rows[0].vat_code, rows[0].vat_boxes, rows[0].self_assessed_vat) == (
        "VAT-21",
        "82,59",
        D("0.00"),
    )
    assert postings(invoice, rows, settings)[:2] == (
        posting(
            date(2025, 1, 15),
            ENTRY,
            "613310",
            "100.00",
            "0.00",
            "VAT-21",
            "Microsoft 365 Business Basic",
        ),
        posting(date(2025, 1, 15), ENTRY, "411000", "21.00", "0.00", "VAT-21", "Deductible VAT"),
    )


def test_an_exempt_buyer_books_self_assessed_vat_as_expense() -> None:
    vat = tuple(
        replace(r, boxes="82,88,55", deductible=False) if r.case == "reverse_charge" else r
        for r in DEFAULT_VAT
    )
    settings = Settings(vat=vat, deferral_threshold=D("1000"))
    invoice = ledger_example()
    rows = journal_rows(invoice, settings)
    assert rows[0].vat_boxes == "82,88,55"
    assert postings(invoice, rows, settings) == (
        posting(
            date(2025, 1, 15),
            ENTRY,
            "613310",
            "270.00",
            "0.00",
            "EU-S-21",
            "Microsoft 365 Business Basic",
        ),
        posting(
            date(2025, 1, 15),
            ENTRY,
            "613310",
            "56.70",
            "0.00",
            "EU-S-21",
            "Self-assessed VAT 21%: Microsoft 365 Business Basic",
        ),
        posting(
            date(2025, 1, 15),
            ENTRY,
            "451000",
            "0.00",
            "56.70",
            "EU-S-21",
            "VAT due 21% (reverse charge)",
        ),
        posting(
            date(2025, 1, 15),
            ENTRY,
            "440000",
            "0.00",
            "270.00",
            "",
            "Microsoft Ireland Operations Ltd E0800ABCDE",
        ),
    )


def test_a_dutch_buyer_gets_the_dutch_boxes() -> None:
    (row,) = journal_rows(ledger_example(), Settings(buyer_country="NL"))
    assert (row.vat_code, row.vat_boxes, row.self_assessed_vat) == ("EU-S-21", "4b,5b", D("56.70"))


# ------------------------------------------------------------------ family A tax, GL mapping


def portal_invoice(nets: tuple[str, ...], tax: str) -> Invoice:
    lines = tuple(
        Line(
            product=f"Product {n}",
            quantity=D("1"),
            unit_price=D(net),
            price_basis="month",
            amount=D(net),
            page=1,
        )
        for n, net in enumerate(nets, 1)
    )
    subtotal = sum((D(net) for net in nets), D("0.00"))
    return Invoice(
        source=Source("portal.pdf", "cd" * 32, 1),
        family="portal-2012",
        supplier=MS_IRELAND,
        customer=Party("Liffey Print Ltd", "IE6388047V"),
        invoice_number="C15069827J",
        invoice_date=date(2013, 4, 2),
        period_start=date(2013, 3, 1),
        period_end=date(2013, 3, 31),
        currency="EUR",
        lines=lines,
        subtotal=subtotal,
        tax=D(tax),
        total=subtotal + D(tax),
        tax_rate=D("21"),
    )


def test_family_a_tax_is_shared_over_the_lines_with_the_remainder_on_the_largest() -> None:
    invoice = portal_invoice(("38.40", "561.60", "12.15"), "128.55")
    settings = Settings()
    rows = journal_rows(invoice, settings)
    # rounded shares 8.06 + 117.93 + 2.55 = 128.54: the missing cent goes to 561.60
    assert [(r.vat_rate, r.vat_amount, r.service_start, r.service_end) for r in rows] == [
        (D("21"), D("8.06"), date(2013, 3, 1), date(2013, 3, 31)),
        (D("21"), D("117.94"), date(2013, 3, 1), date(2013, 3, 31)),
        (D("21"), D("2.55"), date(2013, 3, 1), date(2013, 3, 31)),
    ]
    assert amounts(postings(invoice, rows, settings)) == [
        ("IE8256796U-C15069827J", "613310", D("38.40"), D("0.00")),
        ("IE8256796U-C15069827J", "613310", D("561.60"), D("0.00")),
        ("IE8256796U-C15069827J", "613310", D("12.15"), D("0.00")),
        ("IE8256796U-C15069827J", "411000", D("128.55"), D("0.00")),
        ("IE8256796U-C15069827J", "440000", D("0.00"), D("740.70")),
    ]


def test_a_remainder_that_rounds_too_high_is_taken_off_the_largest_share() -> None:
    assert share_out(D("0.05"), (D("1.00"), D("1.00"), D("1.01"))) == (
        D("0.02"),
        D("0.02"),
        D("0.01"),
    )


@given(
    st.decimals(min_value=-(10**5), max_value=10**5, places=2),
    st.lists(
        st.decimals(min_value=-(10**5), max_value=10**5, places=2), min_size=1, max_size=8
    ).filter(lambda weights: sum(weights) != 0),
)
def test_shares_always_add_up_to_the_total_exactly(total: Decimal, weights: list[Decimal]) -> None:
    shares = share_out(total, weights)
    assert sum(shares) == total
    assert all(share == share.quantize(D("0.01")) for share in shares)


def test_product_patterns_choose_the_gl_account_of_each_row_and_posting() -> None:
    invoice = ledger_example(
        lines=(
            business_basic(product="Exchange Online (Plan 1)", amount=D("100.00")),
            business_basic(amount=D("170.00")),
        ),
    )
    settings = Settings(
        product_accounts=(
            ProductAccount("exchange online*", "613320"),
            ProductAccount("online", "613399"),
            ProductAccount("BUSINESS", "613330"),
        )
    )
    rows = journal_rows(invoice, settings)
    assert [r.gl_account for r in rows] == ["613320", "613330"]
    expense = [
        (p.entry_id, p.account, p.debit, p.credit) for p in postings(invoice, rows, settings)
    ]
    assert [e for e in expense if e[1].startswith("6")] == [
        (ENTRY, "613320", D("100.00"), D("0.00")),
        (ENTRY, "613330", D("170.00"), D("0.00")),
        (ENTRY + "-DEF", "613320", D("0.00"), D("3.84")),
        (ENTRY + "-DEF", "613330", D("0.00"), D("6.52")),
        (ENTRY + "-REV", "613320", D("3.84"), D("0.00")),
        (ENTRY + "-REV", "613330", D("6.52"), D("0.00")),
    ]


# ------------------------------------------------------------------ invoices that cannot be booked


def test_lines_that_do_not_add_up_to_the_total_cannot_be_posted() -> None:
    invoice = ledger_example(total=D("280.00"))
    settings = Settings()
    with pytest.raises(LedgerError) as raised:
        postings(invoice, journal_rows(invoice, settings), settings)
    assert str(raised.value) == (
        f"Invoice.pdf: entry {ENTRY} does not balance: lines 270.00 + tax 0.00 = 270.00, "
        "but the invoice total is 280.00"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"invoice_number": None, "total": None}, "cannot book: missing invoice number, total"),
        ({"invoice_date": None}, "cannot book: missing invoice date"),
        ({"lines": ()}, "cannot book: missing lines"),
        ({"lines": (business_basic(amount=None),)}, "cannot book line 1: no amount"),
        (
            {"lines": (business_basic(period_start=date(2026, 1, 15)),)},
            "line 1: service period ends (2026-01-14) before it starts (2026-01-15)",
        ),
        (
            {"lines": (business_basic(), business_basic(tax=None))},
            "cannot book: some lines print their tax and others do not",
        ),
        (
            {
                "lines": (
                    business_basic(amount=D("-10.00"), tax=None),
                    business_basic(amount=D("10.00"), tax=None),
                ),
                "tax": D("1.00"),
            },
            "cannot share the tax 1.00 over lines that add up to zero",
        ),
    ],
)
def test_an_invoice_without_what_booking_needs_is_a_ledger_error(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(LedgerError) as raised:
        journal_rows(ledger_example(**changes), Settings())
    assert str(raised.value) == f"Invoice.pdf: {message}"


# ------------------------------------------------------------------ every entry balances

amounts_2dp = st.decimals(min_value=-5000, max_value=5000, places=2)
line_strategy = st.builds(
    lambda amount, tax, start, days, product: Line(
        product=product,
        period_start=start,
        period_end=start + timedelta(days=days),
        amount=amount,
        tax=tax,
    ),
    amount=amounts_2dp,
    tax=st.decimals(min_value=-1000, max_value=1000, places=2),
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=1200),
    product=st.sampled_from(["Exchange Online (Plan 1)", "Microsoft 365 Business Basic", "Visio"]),
)


@st.composite
def invoices_and_settings(draw: st.DrawFn) -> tuple[Invoice, Settings]:
    lines = draw(st.lists(line_strategy, min_size=1, max_size=6))
    family_a = draw(st.booleans())
    if family_a:
        lines = [replace(line, tax=None) for line in lines]
        nets = sum((line.amount or D(0) for line in lines), D("0.00"))
        tax = draw(st.decimals(min_value=-1000, max_value=1000, places=2)) if nets else D("0.00")
    else:
        tax = sum((line.tax or D(0) for line in lines), D("0.00"))
    total = sum((line.amount or D(0) for line in lines), D("0.00")) + tax
    invoice = ledger_example(
        supplier=draw(st.sampled_from([MS_IRELAND, Party("Microsoft Corporation", None)])),
        invoice_date=draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))),
        lines=tuple(lines),
        tax=tax,
        total=total,
        reverse_charge=draw(st.booleans()),
    )
    vat = tuple(replace(rule, deductible=draw(st.booleans())) for rule in DEFAULT_VAT)
    year_end = draw(st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)))
    settings = Settings(
        vat=vat,
        buyer_vat_rate=draw(st.decimals(min_value=0, max_value=100, places=2)),
        financial_year_end=(year_end.month, year_end.day),
        deferral_threshold=draw(st.decimals(min_value=0, max_value=100, places=2)),
        product_accounts=(ProductAccount("exchange", "613320"),),
    )
    return invoice, settings


@given(invoices_and_settings())
def test_every_entry_balances_to_the_cent(case: tuple[Invoice, Settings]) -> None:
    invoice, settings = case
    rows = journal_rows(invoice, settings)
    entries = postings(invoice, rows, settings)
    for entry_id in {p.entry_id for p in entries}:
        sides = [p for p in entries if p.entry_id == entry_id]
        assert sum(p.debit for p in sides) == sum(p.credit for p in sides), entry_id
        assert all(p.debit >= 0 and p.credit >= 0 and not (p.debit and p.credit) for p in sides)
    assert all(row.amount_this_year + row.amount_deferred == row.net_amount for row in rows)
    supplier = [p for p in entries if p.account == "440000"]
    assert sum(p.credit - p.debit for p in supplier) == invoice.total
    deferred = sum(row.amount_deferred for row in rows)
    assert sum(p.debit - p.credit for p in entries if p.entry_id.endswith("-DEF")) == 0
    assert (
        sum(
            p.debit - p.credit
            for p in entries
            if p.account == "490000" and p.entry_id.endswith("-DEF")
        )
        == deferred
    )


# ------------------------------------------------------------------ summary


def test_the_summary_totals_per_month_and_currency_and_per_product() -> None:
    settings = Settings()
    domestic = ledger_example(
        invoice_number="E0800FGHIJ",
        reverse_charge=False,
        lines=(business_basic(amount=D("100.00"), tax=D("21.00"), tax_rate=D("21")),),
        tax=D("21.00"),
        total=D("121.00"),
    )
    rows = [
        *journal_rows(ledger_example(), settings),
        *journal_rows(us_sales_tax_invoice(), settings),
        *journal_rows(domestic, settings),
    ]
    assert summary_by_month_and_product(rows) == LedgerSummary(
        months=(
            MonthTotal("2025-01", "EUR", 2, D("370.00"), D("21.00"), D("391.00"), D("56.70")),
            MonthTotal("2016-02", "USD", 1, D("2000.00"), D("175.00"), D("2175.00"), D("0.00")),
        ),
        products=(
            ProductTotal("Microsoft 365 Business Basic", "613310", "EUR", D("370.00")),
            ProductTotal("Office 365 Enterprise E3", "613310", "USD", D("2000.00")),
        ),
    )


def test_the_summary_of_no_rows_is_empty() -> None:
    assert summary_by_month_and_product([]) == LedgerSummary((), ())
