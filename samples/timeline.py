"""Sequences of monthly invoices for one customer, with the licence timeline they must give.

    python -m samples.timeline --out samples/timeline     # also run by `make golden`

One story, told by each family as far as its invoices can tell it: seven months (January to
July) of one customer's subscriptions with a licence increase, a price increase in May, a
product added in May, a product no longer billed after April and, in June, a credit for ten
days of one product. Family B (2025) bills the increase of 16 March on April's invoice as
credit and re-bill and the credit on a document of its own whose only row is that credit;
family C (2025) bills the increase as a return and a charge from the change and the credit as
a credit note.
Family A (2014) bills whole calendar months only, with no credit rows: its increase comes
from April and it has no credit.

Each sequence is written to `<out>/<family>/`: the PDFs, their expected records (like the other
samples) and `timeline.json`, the rows `python -m pipeline timeline` must give for them. The
rows are written from the story and from the generator's own lines, never by the parser or by
`pipeline.timeline`: the quantity and price at each month's end come from the story, the cost
of a month is the sum of the amounts of the lines billed for that month (every line of the
story lies within one calendar month), the changes are the differences between the months.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import reportlab

from samples.agreement_catalog import MICROSOFT, agreement_head
from samples.build import (
    agreement_invoice,
    agreement_row,
    agreement_term,
    credit_line,
    credit_rebill,
    full_line,
    guid,
    online_invoice,
    portal_invoice,
    portal_line,
    portal_number,
)
from samples.catalog import DMY, DOTS, EN, online_head
from samples.generate import pdf_of, write_bytes, write_invoice
from samples.html import Look, browser, printed
from samples.labels import AGREEMENT, PORTAL
from samples.model import Agreement, Block, Header, Invoice, Line, Section, Style, Subscription
from samples.parties import customer, microsoft_ireland, microsoft_ireland_agreement
from samples.vat import be_number, nl_number

ZERO_RATE = Decimal("0")


@dataclass(frozen=True, slots=True)
class Holding:
    """Licences of one product billed in full for a month, at a monthly price."""

    product: str
    quantity: int
    price: Decimal


@dataclass(frozen=True, slots=True)
class Increase:
    """A licence change on `day`, billed with the next month's invoice."""

    product: str
    day: date
    quantity: int


@dataclass(frozen=True, slots=True)
class Refund:
    """Service days of one product credited on a document of their own."""

    product: str
    first: date
    last: date
    quantity: int
    issued: date


@dataclass(frozen=True, slots=True)
class Story:
    """What the customer had each month (at its start) and what happened in between."""

    months: tuple[date, ...]
    holdings: Mapping[date, tuple[Holding, ...]]
    increases: tuple[Increase, ...]
    refunds: tuple[Refund, ...]


def story(year: int, products: tuple[str, str, str], *, mid_month: bool, refund: bool) -> Story:
    """Seven months of `year`: the first product goes from 10 to 14 licences (on 16 March when
    `mid_month`, else from April), and from 11.70 to 12.50 a month in May; the second is no
    longer billed after April; the third is added in May, and (`refund`) ten of its days in
    June are credited on 20 June."""
    first, second, third = products
    months = tuple(date(year, month, 1) for month in range(1, 8))
    standard, new_price = Decimal("11.70"), Decimal("12.50")
    early = (Holding(first, 10, standard), Holding(second, 5, Decimal("3.70")))
    april = (Holding(first, 14, standard), Holding(second, 5, Decimal("3.70")))
    late = (Holding(first, 14, new_price), Holding(third, 3, Decimal("28.10")))
    june = date(year, 6, 1)
    return Story(
        months=months,
        holdings=dict(zip(months, (early, early, early, april, late, late, late), strict=True)),
        increases=(Increase(first, date(year, 3, 16), 14),) if mid_month else (),
        refunds=(Refund(third, june, june.replace(day=10), 3, june.replace(day=20)),)
        if refund
        else (),
    )


def month_end(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def price_of(plan: Story, product: str, month: date) -> Decimal:
    return next(h.price for h in plan.holdings[month] if h.product == product)


# ------------------------------------------------------------------ family A

PRODUCTS_A = (
    "Office 365 Small Business Premium",
    "Exchange Online (Plan 1)",
    "Lync Online (Plan 2)",
)
BUYER_A = customer(
    "Installatiebedrijf Van den Berg B.V.",
    ("Industrieweg 7", "3542 AD Utrecht"),
    nl_number(random.Random("a-timeline")),
    0,
)
STYLE_A = Style(size=9, numbers=DOTS, dates=DMY)


def head_a(month: date) -> Header:
    """A portal invoice for one calendar month, issued three days after it."""
    name = f"a-timeline-{month:%Y-%m}"
    rng = random.Random(name)
    issued = month_end(month) + timedelta(days=3)
    return Header(
        name=name,
        summary=f"family A, {month:%B %Y} of the licence timeline sequence",
        language="nl",
        country="NL",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "nl", spaced=False, prefixed=True),
        customer=BUYER_A,
        number=portal_number(rng),
        invoice_date=issued,
        due_date=issued + timedelta(days=30),
        period_start=month,
        period_end=month_end(month),
        order_number="7340029915",
        purchase_order="vdberg-o365",
        style=STYLE_A,
    )


def sequence_a(plan: Story) -> list[Invoice]:
    """One portal invoice per month; a subscription keeps its GUID from month to month."""
    assert not plan.increases and not plan.refunds, "the portal bills whole months only"
    documents = []
    for month in plan.months:
        subs = tuple(
            Subscription(
                h.product,
                (portal_line(h.quantity, h.price, "month"),),
                guid(random.Random(h.product)),
                PORTAL["nl"].recurring,
            )
            for h in plan.holdings[month]
        )
        documents.append(portal_invoice(head_a(month), subs, ZERO_RATE))
    return documents


# ------------------------------------------------------------------ family B


PRODUCTS_B = (
    "Microsoft 365 Business Standard",
    "Exchange Online (Plan 1)",
    "Microsoft 365 Copilot",
)
BUYER_B = customer(
    "Architectenbureau De Linde BV",
    ("Vismarkt 14", "2800 Mechelen"),
    be_number(random.Random("b-timeline")),
    1,
)
STYLE_B = Style(size=8.5, numbers=DOTS, dates=DMY, label_width=118)


def head_b(name: str, issued: date, summary: str) -> Header:
    billed = (issued - timedelta(days=1)).isoformat()
    due = (issued + timedelta(days=30)).isoformat()
    return online_head(
        name,
        summary,
        "nl",
        "BE",
        "EUR",
        BUYER_B,
        issued.isoformat(),
        due,
        (billed, billed),
        STYLE_B,
        purchase_order="DL-2025",
    )


def rows_b(plan: Story, month: date, holding: Holding) -> tuple[Line, ...]:
    """The rows of one product on a month's invoice: last month's change, then this month."""
    previous = (month - timedelta(days=1)).replace(day=1)
    before = {h.product: h for h in plan.holdings.get(previous, ())}
    rows: list[Line] = []
    for change in plan.increases:
        if change.product == holding.product and change.day.replace(day=1) == previous:
            old = before[holding.product]
            rows += credit_rebill(
                old.quantity,
                change.quantity,
                old.price,
                "month",
                previous,
                change.day,
                ZERO_RATE,
                credit_whole_term=True,
            )
    rows.append(full_line(holding.quantity, holding.price, "month", month, ZERO_RATE))
    return tuple(rows)


def sequence_b(plan: Story) -> list[Invoice]:
    documents: list[Invoice] = []
    for month in plan.months:
        issued = month + timedelta(days=1)
        name = f"b-timeline-{month:%Y-%m}"
        subs = tuple(
            Subscription(holding.product, rows_b(plan, month, holding))
            for holding in plan.holdings[month]
        )
        summary = f"family B, {month:%B %Y} of the licence timeline sequence"
        documents.append(online_invoice(head_b(name, issued, summary), subs))
    for refund in plan.refunds:
        price = next(
            h.price
            for h in plan.holdings[refund.first.replace(day=1)]
            if h.product == refund.product
        )
        row = credit_line(refund.quantity, price, "month", refund.first, refund.last, ZERO_RATE)
        name = f"b-timeline-{refund.issued:%Y-%m}-credit"
        summary = "family B, a document whose only row credits ten days of one product"
        head = head_b(name, refund.issued, summary)
        documents.append(online_invoice(head, (Subscription(refund.product, (row,)),)))
    return sorted(documents, key=lambda doc: (doc.head.invoice_date, doc.head.number))


# ------------------------------------------------------------------ family C

PRODUCTS_C = (
    "Microsoft 365 Business Premium",
    "Exchange Online (Plan 2)",
    "Microsoft 365 Copilot",
)
BUYER_C = customer(
    "Tandartsenpraktijk Maes BV",
    ("Grote Markt 9", "3000 Leuven"),
    be_number(random.Random("c-timeline")),
    0,
)
STYLE_C = Style(size=8.5, numbers=EN, dates=DMY)


def head_c(name: str, issued: date, period: tuple[date, date], summary: str) -> Header:
    return agreement_head(
        name,
        summary,
        "en",
        "BE",
        microsoft_ireland_agreement(spaced=False),
        BUYER_C,
        issued.isoformat(),
        (period[0].isoformat(), period[1].isoformat()),
        STYLE_C,
        purchase_order="MAES-365",
    )


def agreement_c(rows: tuple[Subscription, ...], credit_for: str | None = None) -> Agreement:
    """One section, one product order; a credit note (`credit_for` the invoice it corrects)
    prints no payment terms."""
    body = Section("Praktijk Maes", (Block("Microsoft 365", "Microsoft 365", rows),))
    bill_to = customer("Tandartsenpraktijk Maes BV - Boekhouding", ("Grote Markt 9", "3000 Leuven"))
    return Agreement(
        (body,),
        "Maes billing profile",
        bill_to,
        None if credit_for else AGREEMENT["en"].net_30,
        document_type="credit_note" if credit_for else "invoice",
        original_invoice=credit_for,
        publishers=(MICROSOFT,),
    )


def rows_c(plan: Story, month: date, holding: Holding) -> tuple[Line, ...]:
    """The rows of one product on a month's invoice: last month's licence change as a return
    of the old licences and a charge for the new ones from the change, then this month."""
    previous = (month - timedelta(days=1)).replace(day=1)
    rows: list[Line] = []
    for change in plan.increases:
        if change.product == holding.product and change.day.replace(day=1) == previous:
            old = next(h for h in plan.holdings[previous] if h.product == holding.product)
            end = month_end(previous)
            rows.append(
                agreement_row(old.quantity, old.price, "month", change.day, end, ZERO_RATE,
                              negative=True)
            )  # fmt: skip
            rows.append(
                agreement_row(change.quantity, old.price, "month", change.day, end, ZERO_RATE)
            )
    rows.append(agreement_term(holding.quantity, holding.price, "month", month, ZERO_RATE))
    return tuple(rows)


def sequence_c(plan: Story) -> list[Invoice]:
    """A Customer Agreement invoice on the 2nd of each month (renewals of the month and last
    month's licence changes) and a credit note."""
    documents: list[Invoice] = []
    for month in plan.months:
        issued = month + timedelta(days=1)
        name = f"c-timeline-{month:%Y-%m}"
        subs = tuple(
            Subscription(holding.product, rows_c(plan, month, holding))
            for holding in plan.holdings[month]
        )
        summary = f"family C, {month:%B %Y} of the licence timeline sequence"
        head = head_c(name, issued, (month, month), summary)
        documents.append(agreement_invoice(head, agreement_c(subs)))
    for refund in plan.refunds:
        month = refund.first.replace(day=1)
        price = price_of(plan, refund.product, month)
        row = agreement_row(refund.quantity, price, "month", refund.first, refund.last,
                            ZERO_RATE, negative=True)  # fmt: skip
        original = next(d.head.number for d in documents if d.head.period_start == month)
        name = f"c-timeline-{refund.issued:%Y-%m}-credit-note"
        summary = "family C, a credit note for ten days of one product"
        head = head_c(name, refund.issued, (refund.issued, refund.issued), summary)
        agreement = agreement_c((Subscription(refund.product, (row,)),), original)
        documents.append(agreement_invoice(head, agreement))
    return sorted(documents, key=lambda doc: (doc.head.invoice_date, doc.head.number))


# ------------------------------------------------------------------ the expected timeline


def quantities_at_end(plan: Story, month: date) -> dict[str, tuple[int, Decimal]]:
    """Licences and monthly price per product at the month's last day, from the story."""
    state = {h.product: (h.quantity, h.price) for h in plan.holdings.get(month, ())}
    for change in plan.increases:
        if change.day.replace(day=1) == month:
            state[change.product] = (change.quantity, state[change.product][1])
    return state


def percent_change(old: Decimal, new: Decimal) -> str:
    value = ((new - old) * 100 / old).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"price {'+' if value > 0 else '-'}{abs(value)}%"


def changes(
    before: tuple[int, Decimal] | None, now: tuple[int, Decimal], ended: bool
) -> Iterator[str]:
    if before is None:
        yield "new"
    else:
        if now[0] != before[0]:
            yield f"quantity {now[0] - before[0]:+d}"
        if now[1] != before[1]:
            yield percent_change(before[1], now[1])
    if ended:
        yield "ended"


def billed_in(documents: Sequence[Invoice], product: str, month: date) -> list[tuple[str, Line]]:
    """(document number, line) of every line of `product` billed for `month`: its service
    period, else (family A) the invoice's billing period, lies within the month."""
    found = []
    for doc in documents:
        for sub in doc.subscriptions:
            for line in sub.lines:
                start = line.period_start or doc.head.period_start
                end = line.period_end or doc.head.period_end
                assert start.replace(day=1) == end.replace(day=1), "a line spans two months"
                if sub.product == product and start.replace(day=1) == month:
                    found.append((doc.head.number, line))
    return found


def expected_timeline(plan: Story, documents: Sequence[Invoice]) -> list[dict[str, str | None]]:
    """The rows of the story, in the timeline's order (product, month) for its one customer."""
    buyer, currency = documents[0].head.customer, documents[0].head.currency
    # a Customer Agreement prints no price basis, so its records and rows have none
    basis = "" if documents[0].family == "customer-agreement" else "month"
    products = sorted({h.product for holdings in plan.holdings.values() for h in holdings})
    rows: list[dict[str, str | None]] = []
    for product in products:
        months = plan.months
        states = {m: quantities_at_end(plan, m).get(product) for m in months}
        for index, month in enumerate(months):
            now = states[month]
            if now is None:
                continue
            before = states[months[index - 1]] if index else None
            after = states[months[index + 1]] if index + 1 < len(months) else now
            billed = billed_in(documents, product, month)
            numbers = list(dict.fromkeys(number for number, _ in billed))
            rows.append(
                {
                    "customer_vat": buyer.vat_number,
                    "customer_name": buyer.name,
                    "product": product,
                    "month": f"{month:%Y-%m}",
                    "quantity": str(now[0]),
                    "unit_price": f"{now[1]:.2f}",
                    "price_basis": basis,
                    "currency": currency,
                    "monthly_cost": f"{sum((line.amount for _, line in billed), Decimal(0)):.2f}",
                    "change": ";".join(changes(before, now, after is None)),
                    "invoices": ";".join(numbers),
                }
            )
    return rows


# ------------------------------------------------------------------ writing


Rows = list[dict[str, str | None]]
Render = Callable[[Invoice, int], tuple[bytes, int]]


def sequences() -> list[tuple[str, list[Invoice], Rows]]:
    """(folder, documents, expected timeline) of every family that can tell the story."""
    plan_a = story(2014, PRODUCTS_A, mid_month=False, refund=False)
    plan_b = story(2025, PRODUCTS_B, mid_month=True, refund=True)
    plan_c = story(2025, PRODUCTS_C, mid_month=True, refund=True)
    found = []
    for folder, plan, documents in (
        ("a", plan_a, sequence_a(plan_a)),
        ("b", plan_b, sequence_b(plan_b)),
        ("c", plan_c, sequence_c(plan_c)),
    ):
        found.append((folder, documents, expected_timeline(plan, documents)))
    return found


def reportlab_pdf(invoice: Invoice, index: int) -> tuple[bytes, int]:
    return pdf_of(invoice)


#: The browser's looks, taken in turn by the documents of a sequence.
LOOKS = (
    ("Liberation Serif", "serif", 9.0),
    ("DejaVu Sans", "sans-serif", 8.0),
    ("Liberation Sans", "sans-serif", 8.5),
)


def chromium_pdf(invoice: Invoice, index: int) -> tuple[bytes, int]:
    """The document as HTML printed by headless Chromium (`samples/html.py`)."""
    family, generic, size = LOOKS[index % len(LOOKS)]
    return printed(invoice, Look(family, generic, size=size), browser(), None)


def write_sequence(
    out: Path, documents: Sequence[Invoice], rows: Rows, render: Render
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [write_invoice(doc, out, render(doc, index)) for index, doc in enumerate(documents)]
    text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    write_bytes(out / "timeline.json", text.encode())
    return paths


README = """# Licence timeline sequences

Generated by `make golden` (`python -m samples.timeline --out samples/timeline`) with
reportlab {version}; do not edit by hand: `tests/test_timeline_samples.py` regenerates them
and compares. Each folder holds one customer's monthly invoices of one family, their expected
records, and `timeline.json`: the rows `python -m pipeline timeline` must give once exported,
written from the generator's story and its own lines (never by the parser).

* `a/` — family A (portal-2012), 7 monthly invoices of 2014: licences 10 → 14 from April,
  price 11.70 → 12.50 a month in May, a product added in May, a product no longer billed
  after April. The portal bills whole months: no credit rows, no credit.
* `b/` — family B (online-services), 7 monthly invoices of 2025 and a credit: licences 10 → 14
  on 16 March billed on April's invoice as credit and re-bill, price 11.70 → 12.50 in May, a
  product added in May, a product no longer billed after April, ten days of one product in
  June credited on 20 June by a document of its own.
* `c/` — family C (customer-agreement), 7 monthly invoices of 2025 and a credit note:
  licences 10 → 14 on 16 March billed on April's invoice as a return of the 10 licences and a
  charge for the 14 from the change, price 11.70 → 12.50 in May, a product added in May, a
  product no longer billed after April, ten days of one product in June credited by a credit
  note naming June's invoice. A Customer Agreement prints no price basis.
* `chrome-a/`, `chrome-b/`, `chrome-c/` — the same documents written as HTML and printed by
  headless Chromium (`python -m samples.timeline --out samples/timeline --chromium`, run by
  `make engines`): other fonts, line breaks and word placement, the same timeline. Their PDF
  bytes change from run to run (Chromium embeds the date), their records only in the hash.
"""


def generate_sequences(out: Path, *, chromium: bool = False) -> list[Path]:
    """Every family's sequence under `out/<family>/` and README.md, or (`chromium`) under
    `out/chrome-<family>/` printed by Chromium; returns the PDFs."""
    out.mkdir(parents=True, exist_ok=True)
    if not chromium:
        write_bytes(out / "README.md", README.format(version=reportlab.Version).encode())
    paths: list[Path] = []
    for folder, documents, rows in sequences():
        if chromium:
            paths += write_sequence(out / f"chrome-{folder}", documents, rows, chromium_pdf)
        else:
            paths += write_sequence(out / folder, documents, rows, reportlab_pdf)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.timeline", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--chromium", action="store_true", help="print them with headless Chromium instead"
    )
    args = parser.parse_args(argv)
    paths = generate_sequences(args.out, chromium=args.chromium)
    print(f"{len(paths)} PDFs written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
