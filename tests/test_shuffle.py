"""The generator's shuffled layouts (samples/shuffle.py) and its fpdf2 engine print what the
records say: the cells a plan asks for, the phrases of one-time and prorated lines, the pieces
the text is written in, and the arithmetic of credits printed as negative charges."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from samples.checks import line_findings
from samples.corpus import random_invoice
from samples.layout import Text, width
from samples.model import ZERO, Invoice, Line
from samples.shuffle import (
    LinePlan,
    Shuffle,
    field_texts,
    negative_credit,
    period_phrase,
    pieces,
    price_phrase,
    random_shuffle,
    stacks,
    written,
)
from samples.shuffled_corpus import case, printed

TEXTS = {
    "product": "Exchange Online (Plan 1)",
    "charge": "Terugkerende kosten",
    "count": "5 gebruikerslicenties",
    "price": "€ 6,20 per gebruikerslicentie, per maand",
    "period": "",
    "amount": "€ 31,00",
}


def _portal_nl() -> Invoice:
    for index in range(200):
        invoice = random_invoice(3, index)
        if invoice.family == "portal-2012" and invoice.head.language == "nl":
            return invoice
    raise AssertionError("no Dutch portal invoice in seed 3")


def test_a_plan_places_count_under_the_guid_and_price_under_the_product() -> None:
    plan = LinePlan(count="under_guid", price="under_product", charge="column")
    assert stacks(plan, TEXTS) == [("guid", "count"), ("product", "price"), ("charge",)]


def test_a_plan_puts_the_price_under_the_count_in_the_count_column() -> None:
    plan = LinePlan(count="column", price="under_count", charge="joined", columns=("count",))
    assert stacks(plan, TEXTS) == [("guid",), ("product",), ("count", "price")]


def test_a_prorated_period_always_stands_under_the_product() -> None:
    texts = TEXTS | {"period": "Serviceperiode: 03/05/2014 tot en met 11/01/2015  Dagen: 254"}
    plan = LinePlan(under=("count", "period", "price", "charge"))
    assert stacks(plan, texts)[1] == ("product", "period")


def test_one_time_price_has_no_per_month_and_prorated_period_names_its_days() -> None:
    invoice = _portal_nl()
    style = replace(invoice.style, dates=replace(invoice.style.dates, order="dmy", sep="/"))
    nl = replace(invoice, head=replace(invoice.head, style=style))
    once = Line(3, Decimal("7.50"), "once", Decimal("22.50"), Decimal("22.50"))
    assert price_phrase(nl, once).replace("\x00", " ").endswith("7,50 per gebruikerslicentie")
    prorated = replace(
        once, basis="year", period_start=date(2014, 5, 3), period_end=date(2015, 1, 11), days=254
    )
    assert period_phrase(nl, prorated).replace("\x00", " ") == (
        "Serviceperiode: 03/05/2014 tot en met 11/01/2015  Dagen: 254"
    )
    assert field_texts(nl, nl.subscriptions[0], once)["charge"] == "Terugkerende kosten"


def test_pieces_place_each_word_and_each_space_where_the_whole_text_has_it() -> None:
    op = Text(300.0, 100.0, "€ 1\u00a0234,56", "Helvetica", 9.0, "right")
    parts = pieces(op)
    assert [p.text for p in parts] == ["€", " ", "1", "\u00a0", "234,56"]
    left = 300.0 - width(op.text, "Helvetica", 9.0)
    assert parts[0].x == pytest.approx(left)
    assert parts[4].x == pytest.approx(left + width("€ 1\u00a0", "Helvetica", 9.0))
    assert all(p.align == "left" and p.top == 100.0 for p in parts)


def test_written_in_reverse_puts_the_last_text_first_and_keeps_every_glyph() -> None:
    ops = [Text(10, 10, "Exchange Online", "Helvetica", 9), Text(500, 10, "€ 5,00", "Helvetica", 9)]
    pages = written([ops], Shuffle(order="reversed", glyphs="words"))
    assert [op.text for op in pages[0] if isinstance(op, Text)] == [
        "5,00",
        "€",
        "Online",
        "Exchange",
    ]


def test_a_credit_printed_as_a_negative_charge_is_still_a_prorated_line() -> None:
    credit = Line(
        5, Decimal("20.00"), "month", ZERO, Decimal("-58.06"), credits=Decimal("58.06"),
        period_start=date(2026, 3, 14), period_end=date(2026, 3, 31), days=18,
    )  # fmt: skip
    negative = negative_credit(credit)
    assert (negative.charges, negative.credits, negative.amount) == (
        Decimal("-58.06"),
        ZERO,
        Decimal("-58.06"),
    )
    assert [f.code for f in line_findings(1, negative, "online-services")] == ["PRORATED_LINE"]


@pytest.mark.parametrize("engine", ["reportlab", "fpdf"])
def test_a_shuffled_case_is_the_same_case_and_the_same_bytes_every_time(
    engine: str,
) -> None:
    first = case(engine, 1, 2)  # type: ignore[arg-type]
    again = case(engine, 1, 2)  # type: ignore[arg-type]
    assert first == again
    assert printed(first) == printed(again)
    pdf, pages = printed(first)
    assert pdf.startswith(b"%PDF-") and pages >= 1


def test_random_shuffles_cover_every_place_of_every_field() -> None:
    rng = random.Random(5)
    seen = set()
    for _ in range(200):
        plan = random_shuffle(rng, 1).plans[0]
        seen |= {("count", plan.count), ("price", plan.price), ("charge", plan.charge)}
    assert seen == {
        ("count", "column"),
        ("count", "under_guid"),
        ("count", "under_product"),
        ("price", "column"),
        ("price", "under_product"),
        ("price", "under_count"),
        ("charge", "column"),
        ("charge", "under_product"),
        ("charge", "joined"),
        ("charge", "under_guid"),
    }
