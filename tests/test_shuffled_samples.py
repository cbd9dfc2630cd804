"""Layouts no template of ours prints (samples/engines/shuffled, issue 17) read exactly, and any
shuffle of a family-A line's cells reads back the values it was drawn from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_samples import ROOT, _cases, _check

from pipeline.layouts import portal_2012
from pipeline.layouts.geometry import rows_of
from pipeline.model import Word
from pipeline.parsing import parse_amount
from samples.corpus import PORTAL_PRODUCTS
from samples.labels import PORTAL
from samples.layout import Flow, Text, geometry, width
from samples.model import Invoice, Line, NumberStyle, Subscription
from samples.shuffle import (
    ONE_TIME,
    PLACES_CHARGE,
    PLACES_COUNT,
    PLACES_PRICE,
    SEPARATORS,
    LinePlan,
    Shuffle,
    draw_line,
    pieces,
)
from samples.shuffled_corpus import PINS, case

SHUFFLED = ROOT / "samples" / "engines" / "shuffled"
CASES = _cases(SHUFFLED)


@pytest.mark.parametrize(("pdf", "expected"), CASES)
def test_a_shuffled_layout_parses_to_its_expected_record(pdf: Path, expected: Path) -> None:
    _check(pdf, expected)


def test_every_pin_of_issue_17_is_committed_with_its_record() -> None:
    assert {c.values[0].stem for c in CASES} == {pin.name for pin in PINS}
    assert {pin.engine for pin in PINS} == {"reportlab", "fpdf"}


BASE = case("reportlab", 1, 0, "portal-2012").invoice


def _words(ops: list[Text]) -> list[Word]:
    """The words a PDF reader finds for the drawn text: every piece but the spaces."""
    return [
        Word(p.text, p.x, p.x + width(p.text, p.font, p.size), p.top, p.top + p.size, 1)
        for op in ops
        for p in pieces(op)
        if not p.text.isspace()
    ]


plans = st.builds(
    LinePlan,
    count=st.sampled_from(PLACES_COUNT),
    price=st.sampled_from(PLACES_PRICE),
    charge=st.sampled_from(PLACES_CHARGE),
    columns=st.permutations(["charge", "count", "price"]).map(tuple),
    under=st.permutations(["period", "count", "price", "charge"]).map(tuple),
    amount_last=st.booleans(),
    separator=st.sampled_from(SEPARATORS),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=plans,
    language=st.sampled_from(["nl", "en", "fr", "de"]),
    font=st.sampled_from(["Helvetica", "Times-Roman", "Courier", "Vera"]),
    product=st.sampled_from([p for p, _ in PORTAL_PRODUCTS]),
    quantity=st.integers(1, 150),
    cents=st.integers(99, 60000),
    basis=st.sampled_from(["month", "year", "once"]),
    prorated=st.integers(0, 200),
    valign=st.sampled_from(["top", "middle", "bottom"]),
    cap=st.sampled_from([70.0, 110.0, 400.0]),
)
@example(  # the day count wrapped under its label, read as part of the product
    plan=LinePlan(
        count="column",
        price="column",
        charge="under_product",
        columns=("charge", "count", "price"),
        under=("period", "count", "price", "charge"),
        amount_last=False,
        separator="·",
    ),
    language="fr",
    font="Courier",
    product="Exchange Online (Plan 1)",
    quantity=1,
    cents=99,
    basis="month",
    prorated=9,
    valign="top",
    cap=70.0,
)
def test_any_shuffle_of_a_portal_line_reads_back_its_values(
    plan: LinePlan,
    language: str,
    font: str,
    product: str,
    quantity: int,
    cents: int,
    basis: str,
    prorated: int,
    valign: str,
    cap: float,
) -> None:
    numbers = NumberStyle(",", ".") if language != "en" else NumberStyle()
    style = replace(
        BASE.style, font=font, numbers=numbers, dates=replace(BASE.style.dates, order="dmy")
    )
    invoice = replace(BASE, head=replace(BASE.head, language=language, style=style))  # type: ignore[arg-type]
    price = Decimal(cents) / 100
    line = Line(quantity, price, basis, Decimal(0), price * quantity)  # type: ignore[arg-type]
    if prorated and basis != "once":
        start = date(2014, 5, 3)
        end = start + timedelta(days=prorated)
        line = replace(line, period_start=start, period_end=end, days=prorated + 1)
    labels = PORTAL[invoice.head.language]
    charge = ONE_TIME[invoice.head.language] if basis == "once" else labels.recurring
    sub = Subscription(product, (line,), "b307ac6c-d838-48f4-88ed-282c08463761", charge)
    g = geometry(invoice)
    flow = Flow(lambda page, number: 100.0, 800.0)
    shuffle = Shuffle(valign=valign, column_cap=cap)  # type: ignore[arg-type]
    draw_line(invoice, g, flow, sub, line, shuffle, plan)
    ops = [op for op in flow.page if isinstance(op, Text)]
    words = _words(ops)
    family = portal_2012.FAMILY
    lab = family.labeller(rows_of(words), invoice.head.language)
    read = portal_2012.reader._line_from_block(words, lab)
    assert read.subscription_id == sub.subscription_id
    assert (read.product, read.charge_type) == (product, charge)
    assert read.quantity == str(quantity)
    assert read.unit_price is not None and parse_amount(read.unit_price, numbers.decimal) == price  # type: ignore[arg-type]
    assert read.price_basis == basis
    assert read.amount is not None and parse_amount(read.amount, numbers.decimal) == line.amount  # type: ignore[arg-type]
    assert (read.days, read.period_start is None) == (
        (str(line.days), False) if line.days else (None, True)
    )


def test_a_line_drawn_in_a_narrow_column_wraps_its_price_and_still_reads() -> None:
    """The example of issue 17: the count under the subscription id, the price phrase
    wrapped under the product, the amount on the last row."""
    invoice: Invoice = BASE
    plan = LinePlan(count="under_guid", price="under_product", charge="column", amount_last=True)
    line = Line(5, Decimal("6.20"), "month", Decimal("31.00"), Decimal("31.00"))
    sub = Subscription(
        "Exchange Online (Plan 1)",
        (line,),
        "b307ac6c-d838-48f4-88ed-282c08463761",
        "Recurring Charges",
    )
    flow = Flow(lambda page, number: 100.0, 800.0)
    draw_line(invoice, geometry(invoice), flow, sub, line, Shuffle(column_cap=70.0), plan)
    words = _words([op for op in flow.page if isinstance(op, Text)])
    guid_row = next(w.top for w in words if w.text.startswith("b307"))
    count = next(w for w in words if w.text == "5")
    assert count.top > guid_row
    lab = portal_2012.FAMILY.labeller(rows_of(words), invoice.head.language)
    read = portal_2012.reader._line_from_block(words, lab)
    assert (read.product, read.quantity, read.price_basis) == (
        "Exchange Online (Plan 1)",
        "5",
        "month",
    )
