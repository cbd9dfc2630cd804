"""The licence timeline: quantities at the month's end, prices, cost by days, changes."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import DocumentType, Invoice, Line, Party, PriceBasis, Source
from pipeline.timeline import (
    COLUMNS,
    LicenceMonth,
    licence_timeline,
    month_shares,
    months_back,
    net_amount,
    of_customer,
    summary_text,
)

D = Decimal
MS_IRELAND = Party("Microsoft Ireland Operations Ltd", "IE8256796U")
STUDIO = Party("Studio Verbeke BV", "BE0412345678")
STANDARD = "Microsoft 365 Business Standard"
EXCHANGE = "Exchange Online (Plan 1)"
COPILOT = "Microsoft 365 Copilot"


def day(text: str) -> date:
    return date.fromisoformat(text)


def charge(
    product: str,
    start: str,
    end: str,
    quantity: int,
    price: str,
    amount: str | None = None,
    basis: PriceBasis = "month",
) -> Line:
    """A charge row; without `amount`, quantity × price (a whole term)."""
    net = D(amount) if amount is not None else quantity * D(price)
    return Line(
        product=product,
        period_start=day(start),
        period_end=day(end),
        days=(day(end) - day(start)).days + 1,
        quantity=D(quantity),
        unit_price=D(price),
        price_basis=basis,
        charges=net,
        discounts=D("0.00"),
        credits=D("0.00"),
        amount=net,
    )


def credit(product: str, start: str, end: str, quantity: int, price: str, amount: str) -> Line:
    """A credit row of a credit-and-rebill: charges 0.00, the amount in Credits."""
    return replace(
        charge(product, start, end, quantity, price),
        charges=D("0.00"),
        credits=D(amount),
        amount=-D(amount),
    )


def invoice(
    number: str,
    issued: str,
    *lines: Line,
    kind: DocumentType = "invoice",
    customer: Party = STUDIO,
    currency: str = "EUR",
    period: tuple[str, str] | None = None,
) -> Invoice:
    return Invoice(
        source=Source(f"{number}.pdf", number.lower().ljust(64, "0"), 2),
        family="online-services",
        language="en",
        document_type=kind,
        supplier=MS_IRELAND,
        customer=customer,
        invoice_number=number,
        invoice_date=day(issued),
        period_start=day(period[0]) if period else day(issued),
        period_end=day(period[1]) if period else day(issued),
        currency=currency,
        lines=lines,
    )


def row(
    product: str,
    month: str,
    quantity: int,
    price: str | None,
    cost: str,
    change: str,
    invoices: str,
    basis: str = "month",
    customer: Party = STUDIO,
    currency: str = "EUR",
) -> LicenceMonth:
    return LicenceMonth(
        customer_vat=customer.vat_number or "",
        customer_name=customer.name or "",
        product=product,
        month=month,
        quantity=D(quantity),
        unit_price=None if price is None else D(price),
        price_basis=basis,
        currency=currency,
        monthly_cost=D(cost),
        change=change,
        invoices=invoices,
    )


def monthly(product: str, month: str, quantity: int, price: str) -> Line:
    """A whole calendar month `YYYY-MM` billed in full."""
    start = day(f"{month}-01")
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return charge(product, start.isoformat(), end.isoformat(), quantity, price)


# ------------------------------------------------------------------ the story of the issue


def story() -> list[Invoice]:
    """Six monthly invoices and a credit note: every kind of change the issue names."""
    return [
        invoice(
            "E0000JAN01",
            "2025-01-02",
            monthly(STANDARD, "2025-01", 10, "11.70"),
            monthly(EXCHANGE, "2025-01", 5, "3.70"),
        ),
        invoice(
            "E0000FEB01",
            "2025-02-02",
            monthly(STANDARD, "2025-02", 10, "11.70"),
            monthly(EXCHANGE, "2025-02", 5, "3.70"),
        ),
        invoice(
            "E0000MAR01",
            "2025-03-02",
            monthly(STANDARD, "2025-03", 10, "11.70"),
            monthly(EXCHANGE, "2025-03", 5, "3.70"),
        ),
        # 16 March: 10 → 14 licences, billed on the April invoice as credit and re-bill.
        invoice(
            "E0000APR01",
            "2025-04-02",
            credit(STANDARD, "2025-03-01", "2025-03-31", 10, "11.70", "117.00"),
            charge(STANDARD, "2025-03-01", "2025-03-15", 10, "11.70", "56.61"),
            charge(STANDARD, "2025-03-16", "2025-03-31", 14, "11.70", "84.54"),
            monthly(STANDARD, "2025-04", 14, "11.70"),
            monthly(EXCHANGE, "2025-04", 5, "3.70"),
        ),
        # May: a price increase, Exchange no longer billed, Copilot added.
        invoice(
            "E0000MAY01",
            "2025-05-02",
            monthly(STANDARD, "2025-05", 14, "12.50"),
            monthly(COPILOT, "2025-05", 3, "28.10"),
        ),
        invoice(
            "E0000JUN01",
            "2025-06-02",
            monthly(STANDARD, "2025-06", 14, "12.50"),
            monthly(COPILOT, "2025-06", 3, "28.10"),
        ),
        # A credit note for a service outage: 10 days of Copilot in June.
        invoice(
            "G000000001",
            "2025-06-20",
            charge(COPILOT, "2025-06-01", "2025-06-10", 3, "28.10", "-28.10"),
            kind="credit_note",
        ),
    ]


STORY_ROWS = (
    row(EXCHANGE, "2025-01", 5, "3.70", "18.50", "new", "E0000JAN01"),
    row(EXCHANGE, "2025-02", 5, "3.70", "18.50", "", "E0000FEB01"),
    row(EXCHANGE, "2025-03", 5, "3.70", "18.50", "", "E0000MAR01"),
    row(EXCHANGE, "2025-04", 5, "3.70", "18.50", "ended", "E0000APR01"),
    row(STANDARD, "2025-01", 10, "11.70", "117.00", "new", "E0000JAN01"),
    row(STANDARD, "2025-02", 10, "11.70", "117.00", "", "E0000FEB01"),
    # 117.00 − 117.00 + 56.61 + 84.54: what March finally cost; one change, not three.
    row(STANDARD, "2025-03", 14, "11.70", "141.15", "quantity +4", "E0000MAR01;E0000APR01"),
    row(STANDARD, "2025-04", 14, "11.70", "163.80", "", "E0000APR01"),
    row(STANDARD, "2025-05", 14, "12.50", "175.00", "price +6.8%", "E0000MAY01"),
    row(STANDARD, "2025-06", 14, "12.50", "175.00", "", "E0000JUN01"),
    row(COPILOT, "2025-05", 3, "28.10", "84.30", "new", "E0000MAY01"),
    # the credit note lowers June's cost, never its licences
    row(COPILOT, "2025-06", 3, "28.10", "56.20", "", "E0000JUN01;G000000001"),
)


def test_the_story_gives_exactly_its_timeline() -> None:
    assert licence_timeline(story()) == STORY_ROWS


def test_the_order_of_the_documents_given_does_not_matter() -> None:
    shuffled = story()
    random.Random(15).shuffle(shuffled)
    assert licence_timeline(shuffled) == STORY_ROWS


def test_an_invoice_given_twice_counts_once() -> None:
    documents = story()
    assert licence_timeline([*documents, documents[3]]) == STORY_ROWS


def test_cells_follow_the_columns_and_keep_decimals() -> None:
    first = STORY_ROWS[6]
    assert COLUMNS[:4] == ("customer_vat", "customer_name", "product", "month")
    assert first.cells() == (
        "BE0412345678",
        "Studio Verbeke BV",
        STANDARD,
        "2025-03",
        D("14"),
        D("11.70"),
        "month",
        "EUR",
        D("141.15"),
        "quantity +4",
        "E0000MAR01;E0000APR01",
    )
    assert first.changes == ("quantity +4",)
    assert STORY_ROWS[5].changes == ()


# ------------------------------------------------------------------ single rules


def test_remaining_days_credit_and_rebill_on_an_anniversary_cycle() -> None:
    """Cycle 10th–9th; on 22 September 20 → 25 licences (credit and re-bill from the change)."""
    documents = [
        invoice(
            "E0000SEP10", "2021-09-10", charge(STANDARD, "2021-09-10", "2021-10-09", 20, "20.60")
        ),
        invoice(
            "E0000OCT10",
            "2021-10-10",
            credit(STANDARD, "2021-09-22", "2021-10-09", 20, "20.60", "247.20"),
            charge(STANDARD, "2021-09-22", "2021-10-09", 25, "20.60", "309.00"),
            charge(STANDARD, "2021-10-10", "2021-11-09", 25, "20.60"),
        ),
    ]
    # 412.00 over 30 days: Sep 21 days 288.40, Oct 9 days 123.60; the change's 18 days
    # (−247.20 + 309.00 = 61.80): Sep 9 days 30.90, Oct 9 days 30.90; 515.00 over 31 days:
    # Oct 22 days 365.48, Nov 9 days 149.52.
    assert licence_timeline(documents) == (
        row(STANDARD, "2021-09", 25, "20.60", "319.30", "new", "E0000SEP10;E0000OCT10"),
        row(STANDARD, "2021-10", 25, "20.60", "519.98", "", "E0000SEP10;E0000OCT10"),
        row(STANDARD, "2021-11", 0, "20.60", "149.52", "quantity -25", "E0000OCT10"),
    )


def test_an_annual_licence_is_spread_by_days_and_its_shares_add_up() -> None:
    annual = charge(STANDARD, "2025-05-20", "2026-05-19", 12, "247.20", basis="year")
    rows = licence_timeline([invoice("E0000ANNUAL", "2025-05-21", annual)])
    assert [r.month for r in rows] == [
        f"{y}-{m:02d}"
        for y, m in [(2025, m) for m in range(5, 13)] + [(2026, m) for m in range(1, 6)]
    ]
    costs = {r.month: r.monthly_cost for r in rows}
    assert costs["2025-05"] == D("97.53")  # 12 of 365 days
    assert costs["2025-06"] == D("243.81")  # 30 days
    assert costs["2025-07"] == D("251.95")  # 31 days, and the cent the rounding left over
    assert costs["2025-08"] == D("251.94")
    assert costs["2026-02"] == D("227.56")  # 28 days
    assert costs["2026-05"] == D("154.42")  # 19 days
    assert sum(costs.values(), D(0)) == D("2966.40")
    assert {r.quantity for r in rows[:-1]} == {D(12)}
    assert {(r.unit_price, r.price_basis) for r in rows} == {(D("247.20"), "year")}
    # on 31 May 2026 no licence is in force any more
    assert (rows[-1].quantity, rows[-1].change) == (D(0), "quantity -12")


def test_a_price_basis_change_compares_the_price_per_month() -> None:
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 4, "12.50")),
            invoice(
                "E0000FEB01",
                "2025-02-02",
                charge(STANDARD, "2025-02-01", "2025-02-28", 4, "144.00", "44.19", "year"),
            ),
        ]
    )
    # 144.00 a year is 12.00 a month: 4 % less than 12.50
    assert rows[1].change == "price -4.0%"
    assert (rows[1].unit_price, rows[1].price_basis) == (D("144.00"), "year")


def test_quantity_and_price_changes_in_one_month_are_joined() -> None:
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 10, "10.00")),
            invoice("E0000FEB01", "2025-02-02", monthly(STANDARD, "2025-02", 7, "10.55")),
        ]
    )
    assert [r.change for r in rows] == ["new", "quantity -3;price +5.5%"]


def test_a_product_that_comes_back_after_a_gap_is_new_again_and_ended_before() -> None:
    rows = licence_timeline(
        [
            invoice(
                "E0000JAN01",
                "2025-01-02",
                monthly(STANDARD, "2025-01", 2, "10.00"),
                monthly(EXCHANGE, "2025-01", 1, "3.70"),
            ),
            invoice("E0000FEB01", "2025-02-02", monthly(EXCHANGE, "2025-02", 1, "3.70")),
            invoice(
                "E0000MAR01",
                "2025-03-02",
                monthly(STANDARD, "2025-03", 2, "10.00"),
                monthly(EXCHANGE, "2025-03", 1, "3.70"),
            ),
        ]
    )
    standard = [(r.month, r.change) for r in rows if r.product == STANDARD]
    assert standard == [("2025-01", "new;ended"), ("2025-03", "new")]


def test_the_last_month_of_the_data_is_not_an_end() -> None:
    rows = licence_timeline(
        [invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 2, "10.00"))]
    )
    assert rows == (row(STANDARD, "2025-01", 2, "10.00", "20.00", "new", "E0000JAN01"),)


def test_each_customer_has_its_own_last_month_and_name_and_vat() -> None:
    other = Party("Bakkerij Peeters", None)
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 2, "10.00")),
            invoice(
                "E0000JAN02", "2025-01-03", monthly(EXCHANGE, "2025-01", 1, "3.70"), customer=other
            ),
            invoice(
                "E0000FEB02", "2025-02-03", monthly(EXCHANGE, "2025-02", 1, "3.70"), customer=other
            ),
        ]
    )
    assert rows == (
        row(EXCHANGE, "2025-01", 1, "3.70", "3.70", "new", "E0000JAN02", customer=other),
        row(EXCHANGE, "2025-02", 1, "3.70", "3.70", "", "E0000FEB02", customer=other),
        row(STANDARD, "2025-01", 2, "10.00", "20.00", "new", "E0000JAN01"),
    )


def test_the_latest_name_of_a_customer_is_used_and_its_vat_is_matched_without_spaces() -> None:
    renamed = Party("Studio Verbeke & Zonen BV", "BE 0412345678")
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 2, "10.00")),
            invoice(
                "E0000FEB01",
                "2025-02-02",
                monthly(STANDARD, "2025-02", 2, "10.00"),
                customer=renamed,
            ),
        ]
    )
    assert {(r.customer_name, r.customer_vat) for r in rows} == {
        ("Studio Verbeke & Zonen BV", "BE 0412345678")
    }
    assert [r.change for r in rows] == ["new", ""]


def test_a_line_without_service_period_uses_the_billing_period() -> None:
    """Family A prints no service period per line: the invoice's billing period is used."""
    line = replace(monthly(EXCHANGE, "2012-01", 5, "54.00"), period_start=None, period_end=None)
    line = replace(line, price_basis="year", amount=D("270.00"), charges=D("270.00"))
    document = invoice("C10001358H", "2012-01-13", line, period=("2011-12-12", "2012-01-11"))
    rows = licence_timeline([document])
    # 270.00 over 31 days: 20 in December (174.19), 11 in January (95.81)
    assert [(r.month, r.quantity, r.monthly_cost) for r in rows] == [
        ("2011-12", D(5), D("174.19")),
        ("2012-01", D(0), D("95.81")),
    ]


def test_lines_without_period_or_amount_are_left_out() -> None:
    bare = Line(product=STANDARD, quantity=D(3), unit_price=D("10.00"))
    document = replace(invoice("E0000JAN01", "2025-01-02", bare), period_start=None)
    assert licence_timeline([document]) == ()


def test_currencies_are_kept_apart() -> None:
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 2, "10.00")),
            invoice(
                "E0000JAN02", "2025-01-03", monthly(STANDARD, "2025-01", 3, "12.00"), currency="USD"
            ),
        ]
    )
    assert [(r.currency, r.quantity, r.monthly_cost) for r in rows] == [
        ("EUR", D(2), D("20.00")),
        ("USD", D(3), D("36.00")),
    ]


def test_a_price_from_zero_has_no_percentage() -> None:
    rows = licence_timeline(
        [
            invoice("E0000JAN01", "2025-01-02", monthly(STANDARD, "2025-01", 2, "0.00")),
            invoice("E0000FEB01", "2025-02-02", monthly(STANDARD, "2025-02", 2, "10.00")),
        ]
    )
    assert [r.change for r in rows] == ["new", ""]


def test_a_month_with_only_a_credit_has_no_licences() -> None:
    document = invoice(
        "G000000002", "2025-03-05", monthly(STANDARD, "2025-02", 2, "10.00"), kind="credit_note"
    )
    assert licence_timeline([document]) == (
        row(STANDARD, "2025-02", 0, None, "20.00", "new", "G000000002", basis=""),
    )


def test_net_amount_falls_back_to_the_columns() -> None:
    line = Line(product=STANDARD, charges=D("100.00"), discounts=D("10.00"), credits=D("5.00"))
    assert net_amount(line) == D("85.00")
    assert net_amount(Line(product=STANDARD)) is None


def test_month_shares_of_a_single_day() -> None:
    assert month_shares(D("12.34"), day("2025-07-21"), day("2025-07-21")) == {
        day("2025-07-01"): D("12.34")
    }


# ------------------------------------------------------------------ properties

PRODUCTS = (STANDARD, EXCHANGE, COPILOT)


@st.composite
def documents(draw: st.DrawFn) -> list[Invoice]:
    count = draw(st.integers(min_value=1, max_value=6))
    result: list[Invoice] = []
    for index in range(count):
        kind: DocumentType = draw(st.sampled_from(["invoice", "invoice", "credit_note"]))
        lines: list[Line] = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
            end = start + timedelta(days=draw(st.integers(0, 400)))
            cents = draw(st.integers(-50_000, 200_000))
            price = D(draw(st.integers(0, 5_000))) / 100
            line = charge(
                draw(st.sampled_from(PRODUCTS)),
                start.isoformat(),
                end.isoformat(),
                draw(st.integers(1, 60)),
                str(price),
                str(D(cents) / 100),
                draw(st.sampled_from(["month", "year"])),
            )
            lines.append(line)
        issued = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 800)))
        result.append(invoice(f"E{index:09d}", issued.isoformat(), *lines, kind=kind))
    return result


@settings(max_examples=150, deadline=None)
@given(documents())
def test_one_row_per_customer_product_currency_and_month(docs: list[Invoice]) -> None:
    rows = licence_timeline(docs)
    keys = Counter((r.customer_vat, r.product, r.currency, r.month) for r in rows)
    assert set(keys.values()) <= {1}


@settings(max_examples=150, deadline=None)
@given(documents())
def test_every_cent_invoiced_lands_in_exactly_one_month(docs: list[Invoice]) -> None:
    rows = licence_timeline(docs)
    invoiced = sum((line.amount or D(0) for doc in docs for line in doc.lines), D(0))
    assert sum((r.monthly_cost for r in rows), D(0)) == invoiced


@settings(max_examples=150, deadline=None)
@given(documents(), st.integers(min_value=0, max_value=10**6))
def test_quantities_never_come_from_credits(docs: list[Invoice], seed: int) -> None:
    """Credit rows and credit-note lines with a quantity no charge has never show up."""
    rows = licence_timeline(docs)
    charges = {
        (line.product, line.quantity)
        for doc in docs
        if doc.document_type == "invoice"
        for line in doc.lines
        if (line.amount or 0) >= 0
    }
    assert all(r.quantity == 0 or (r.product, r.quantity) in charges for r in rows)
    rng = random.Random(seed)
    marked = [
        replace(
            doc,
            lines=tuple(
                replace(line, quantity=D(999))
                if doc.document_type == "credit_note" or (line.amount or 0) < 0
                else line
                for line in doc.lines
            ),
        )
        for doc in docs
    ]
    rng.shuffle(marked)
    assert licence_timeline(marked) == rows


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_run_of_months_starts_new_and_changes_are_from_the_vocabulary(
    docs: list[Invoice],
) -> None:
    rows = licence_timeline(docs)
    previous: LicenceMonth | None = None
    for current in rows:
        same = previous is not None and previous.product == current.product
        if not same:
            assert current.changes[:1] == ("new",)
        for change in current.changes:
            assert change in {"new", "ended"} or change.startswith(
                ("quantity +", "quantity -", "price +", "price -")
            )
        previous = current


# ------------------------------------------------------------------ the terminal summary


def test_the_summary_names_last_months_changes_and_the_years_price_increases() -> None:
    until_may = [doc for doc in story() if doc.invoice_date and doc.invoice_date.month <= 5]
    assert summary_text(licence_timeline(until_may)) == "\n".join(
        [
            "Studio Verbeke BV (BE0412345678): 2025-01 to 2025-05",
            "  changed in 2025-05:",
            "    Microsoft 365 Business Standard: price +6.8%",
            "    Microsoft 365 Copilot: new",
            "    Exchange Online (Plan 1): not billed any more (last month 2025-04)",
            "  price increases 2024-06 to 2025-05:",
            "    2025-05 Microsoft 365 Business Standard: 11.70 EUR a month → 12.50 EUR a month"
            " (+6.8%)",
        ]
    )


def test_the_summary_says_when_nothing_changed_and_a_customer_without_vat_by_name() -> None:
    other = Party("Bakkerij Peeters", None)
    documents = [
        invoice(
            f"E0000{m:02d}",
            f"2024-{m:02d}-02",
            monthly(EXCHANGE, f"2024-{m:02d}", 1, p),
            customer=other,
        )
        for m, p in ((1, "3.70"), (2, "3.50"), (3, "3.50"))
    ]
    assert summary_text(licence_timeline(documents)) == "\n".join(
        [
            "Bakkerij Peeters: 2024-01 to 2024-03",
            "  changed in 2024-03: nothing",
            "  price increases 2023-04 to 2024-03: none",
        ]
    )
    assert summary_text(()) == "no licences in the register"


def test_price_increases_older_than_twelve_months_are_left_out() -> None:
    documents = [
        invoice(f"E{y}{m:02d}", f"{y}-{m:02d}-02", monthly(EXCHANGE, f"{y}-{m:02d}", 1, price))
        for y, m, price in (
            (2024, 1, "3.00"),
            (2024, 2, "3.30"),
            *((2024, m, "3.30") for m in range(3, 13)),
            (2025, 1, "3.30"),
            (2025, 2, "3.63"),
        )
    ]
    lines = summary_text(licence_timeline(documents)).splitlines()
    assert lines[3:] == [
        "  price increases 2024-03 to 2025-02:",
        "    2025-02 Exchange Online (Plan 1): 3.30 EUR a month → 3.63 EUR a month (+10.0%)",
    ]
    assert months_back("2025-01", 13) == "2023-12"


def test_one_customers_rows_are_found_by_vat_number_however_printed() -> None:
    other = Party("Bakkerij Peeters", "BE0999888777")
    rows = licence_timeline(
        [
            *story(),
            invoice(
                "E0000JAN02", "2025-01-03", monthly(EXCHANGE, "2025-01", 1, "3.70"), customer=other
            ),
        ]
    )
    assert of_customer(rows, "be 0412.345.678") == STORY_ROWS
    assert [r.customer_name for r in of_customer(rows, "BE0999888777")] == ["Bakkerij Peeters"]
    assert of_customer(rows, "NL000000000B01") == ()
