"""Layouts the project's own templates never print: a shuffler of line cells and write order.

Family A: every line places its fields in cells of its own choosing (`LinePlan`): the licence
count under the subscription id or under the product, the price phrase in its own column or
under the product, the charge type in a column, under the product or joined to it with a
separator glyph (`·`, `•`, `|`, `–`), a prorated line's service period and day count under the
product in the same cell, the amount on the first or the last row. One-time charges print a
price without per month / per year. Family B: a charge-type line under the product bar or
joined to it, and a prorated credit printed as a negative charge. Every invoice's text may be
written to the page in another order than it is read (amounts before products), word by word,
with its spaces and no-break spaces as glyphs of their own (`written`).

The pages are `samples.layout` operations, so any engine of `samples.engines_fpdf` or reportlab
prints them; the records stay the generator's own (`samples.record`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from typing import Literal

from samples.agreement import render_agreement
from samples.build import portal_invoice, portal_line
from samples.checks import term_days
from samples.formats import money, numeric_date
from samples.labels import ONLINE, PORTAL
from samples.layout import (
    Box,
    Flow,
    Geometry,
    Op,
    Text,
    geometry,
    keep_together,
    longest_token,
    width,
    wrap,
)
from samples.model import ZERO, Basis, Header, Invoice, Language, Line, Subscription, r2
from samples.online import TableWriter, render_online
from samples.portal import first_page, next_page, totals
from samples.portal import footers as portal_footers

Place = Literal["column", "under_guid", "under_product", "joined", "under_count"]
Order = Literal["natural", "reversed", "random"]
Glyphs = Literal["runs", "words", "spaces"]
VAlign = Literal["top", "middle", "bottom"]
BarStyle = Literal["plain", "under", "joined"]

SEPARATORS = ("·", "•", "|", "–")

#: A one-time charge's type, as the portal prints it (spec: "one-time charge").
ONE_TIME: dict[Language, str] = {
    "nl": "Eenmalige kosten",
    "en": "One-time Charges",
    "fr": "Frais uniques",
    "de": "Einmalige Gebühren",
}

#: The charge-type line some renderings print under a family-B product bar.
BAR_CHARGE_TYPES: dict[Language, tuple[str, str]] = {
    "en": ("Monthly subscription charges", "Annual subscription charges"),
    "nl": ("Maandelijkse abonnementskosten", "Jaarlijkse abonnementskosten"),
    "fr": ("Frais d'abonnement mensuels", "Frais d'abonnement annuels"),
    "de": ("Monatliche Abonnementgebühren", "Jährliche Abonnementgebühren"),
}

ONE_TIME_PRICES = ("2.50", "7.50", "15.00", "25.00", "49.00", "99.00")


@dataclass(frozen=True, slots=True)
class LinePlan:
    """Where one family-A line puts its fields.

    `count`, `price` and `charge` each stand in a column of their own (in `columns` order),
    under the subscription id, under the product (in `under` order), or: the price below the
    count in the count's column (`under_count`), the charge type after the product with
    `separator` between them (`joined`). A prorated line's period is always under the product.
    """

    count: Place = "column"
    price: Place = "column"
    charge: Place = "column"
    columns: tuple[str, ...] = ("charge", "count", "price")
    under: tuple[str, ...] = ("period", "count", "price", "charge")
    amount_last: bool = False
    separator: str = "·"

    def own_columns(self) -> list[str]:
        own = {"count": self.count, "price": self.price, "charge": self.charge}
        return [key for key in self.columns if own[key] == "column"]


@dataclass(frozen=True, slots=True)
class Shuffle:
    """One invoice's shuffled presentation: its lines' plans and how the text is written."""

    plans: tuple[LinePlan, ...] = ()
    valign: VAlign = "top"
    #: The widest an own column of a family-A line may be before its text wraps.
    column_cap: float = 400.0
    bar: BarStyle = "plain"
    separator: str = "–"
    order: Order = "natural"
    glyphs: Glyphs = "runs"
    seed: int = 0
    #: The space between two lines, in leads; None: drawn from `seed` (`line_gap`).
    gap: float | None = None

    @property
    def line_gap(self) -> float:
        """The space between two lines, in leads: a third of the shuffles print lines as
        close as the rows inside a line (a table with even row spacing), drawn from the
        shuffle's own seed so that nothing else about the invoice changes."""
        if self.gap is not None:
            return self.gap
        return 0.0 if random.Random(f"gap-{self.seed}").random() < 1 / 3 else 0.9

    def plan(self, index: int) -> LinePlan:
        return self.plans[index % len(self.plans)] if self.plans else LinePlan()


PLACES_COUNT: tuple[Place, ...] = ("column", "under_guid", "under_product")
PLACES_PRICE: tuple[Place, ...] = ("column", "under_product", "under_count")
PLACES_CHARGE: tuple[Place, ...] = ("column", "under_product", "joined", "under_guid")


def random_plan(rng: random.Random) -> LinePlan:
    columns = ["charge", "count", "price"]
    rng.shuffle(columns)
    under = ["period", "count", "price", "charge"]
    rng.shuffle(under)
    count = rng.choice(PLACES_COUNT)
    price = rng.choice(PLACES_PRICE)
    if price == "under_count" and count != "column":
        price = "under_product"
    return LinePlan(
        count=count,
        price=price,
        charge=rng.choice(PLACES_CHARGE),
        columns=tuple(columns),
        under=tuple(under),
        amount_last=rng.random() < 0.5,
        separator=rng.choice(SEPARATORS),
    )


def random_shuffle(rng: random.Random, lines: int) -> Shuffle:
    """An invoice-wide plan, redrawn for a line now and then."""
    base = random_plan(rng)
    plans = tuple(random_plan(rng) if rng.random() < 0.3 else base for _ in range(lines))
    return Shuffle(
        plans=plans,
        valign=rng.choice(("top", "top", "middle", "bottom")),
        column_cap=rng.choice((70.0, 110.0, 160.0, 400.0)),
        bar=rng.choice(("plain", "under", "under", "joined")),
        separator=rng.choice(SEPARATORS),
        order=rng.choice(("natural", "reversed", "random")),
        glyphs=rng.choice(("runs", "words", "spaces")),
        seed=rng.getrandbits(32),
    )


# --- family A --------------------------------------------------------------------------------


def price_phrase(invoice: Invoice, line: Line) -> str:
    """`€ 6,20 per gebruikerslicentie, per maand`; a one-time charge has no per month/year."""
    labels = PORTAL[invoice.head.language]
    price = keep_together(money(line.unit_price, invoice.head.currency, invoice.style.numbers))
    if line.basis == "once":
        return labels.price.split(",")[0].format(p=price)
    return labels.price_text(price, line.basis)


def period_phrase(invoice: Invoice, line: Line) -> str:
    """`Serviceperiode: 03/05/2014 tot en met 11/01/2015  Dagen: 254`, or '' without a period."""
    if line.period_start is None or line.period_end is None or line.days is None:
        return ""
    language = invoice.head.language
    labels, dates = ONLINE[language], invoice.style.dates
    colon = " :" if language == "fr" else ":"
    start = keep_together(numeric_date(line.period_start, dates))
    end = keep_together(numeric_date(line.period_end, dates))
    span = f"{start}{PORTAL[language].range_word}{end}"
    return f"{labels.col_period}{colon} {span}  {labels.col_days}{colon} {line.days}"


def field_texts(invoice: Invoice, sub: Subscription, line: Line) -> dict[str, str]:
    labels = PORTAL[invoice.head.language]
    return {
        "product": sub.product,
        "charge": sub.charge_type or "",
        "count": labels.licence_text(line.quantity),
        "price": price_phrase(invoice, line),
        "period": period_phrase(invoice, line),
        "amount": money(line.amount, invoice.head.currency, invoice.style.numbers),
    }


@dataclass(frozen=True, slots=True)
class Column:
    """One cell column of a line: the fields stacked in it, its left edge and width."""

    keys: tuple[str, ...]
    x: float = 0.0
    width: float = 0.0
    lines: tuple[str, ...] = field(default=())


def stacks(plan: LinePlan, texts: dict[str, str]) -> list[tuple[str, ...]]:
    """The fields of each column, left to right: GUID column, product column, own columns."""
    guid = ["guid"] + [k for k in ("count", "charge") if getattr(plan, k) == "under_guid"]
    product = ["product"] + [
        k for k in plan.under if k == "period" or getattr(plan, k) == "under_product"
    ]
    if plan.price == "under_count":
        for stack in (guid, product):
            if "count" in stack:
                stack.insert(stack.index("count") + 1, "price")
    columns = [tuple(guid), tuple(product)]
    for key in plan.own_columns():
        if key == "count" and plan.price == "under_count":
            columns.append(("count", "price"))
        else:
            columns.append((key,))
    return [tuple(k for k in keys if k in ("guid", "product") or texts[k]) for keys in columns]


def cell_text(key: str, texts: dict[str, str], plan: LinePlan, guid: str) -> str:
    if key == "guid":
        return guid
    if key == "product" and plan.charge == "joined" and texts["charge"]:
        return f"{texts['product']} {plan.separator} {texts['charge']}"
    return texts[key]


def laid_out(
    plan: LinePlan, texts: dict[str, str], guid: str, g: Geometry, room: float, cap: float
) -> list[Column] | None:
    """The line's columns with their wrapped text, or None when they do not fit `room`."""
    small = g.size * 0.8
    keys = stacks(plan, texts)
    natural: list[float] = []
    minimum: list[float] = []
    for index, column in enumerate(keys):
        if index == 0:
            under = [longest_token(texts[k], g.font, g.size) for k in column[1:]]
            natural.append(max([width(guid, g.font, small), *under]) + 10)
            minimum.append(natural[-1])
            continue
        parts = [cell_text(k, texts, plan, guid) for k in column]
        natural.append(max(width(p.replace("\x00", " "), g.font, g.size) for p in parts) + 10)
        minimum.append(max(longest_token(p, g.font, g.size) for p in parts) + 10)
    own = [max(minimum[i], min(natural[i], cap)) for i in range(2, len(keys))]
    widths = [natural[0], 0.0, *own]
    widths[1] = room - sum(widths)
    if widths[1] < minimum[1]:
        return None
    widths[1] = min(widths[1], max(natural[1], minimum[1]))
    columns = []
    x = g.margin + 3
    for index, (column, cell_width) in enumerate(zip(keys, widths, strict=True)):
        if index == 0:
            room = cell_width - 8
            lines = tuple(
                [guid] + [t for k in column[1:] for t in wrap(texts[k], g.font, g.size, room)]
            )
        else:
            lines = tuple(
                t
                for k in column
                for t in wrap(cell_text(k, texts, plan, guid), g.font, g.size, cell_width - 8)
            )
        columns.append(Column(column, x, cell_width, lines))
        x += cell_width
    return columns


def fitted_plan(plan: LinePlan) -> LinePlan:
    """The plan with its own columns moved under the product: what fits any page."""
    return replace(
        plan,
        count="under_product" if plan.count == "column" else plan.count,
        price="under_product" if plan.price in ("column", "under_count") else plan.price,
        charge="under_product" if plan.charge == "column" else plan.charge,
    )


def draw_line(
    invoice: Invoice, g: Geometry, flow: Flow, sub: Subscription, line: Line, shuffle: Shuffle,
    plan: LinePlan,
) -> None:  # fmt: skip
    texts = field_texts(invoice, sub, line)
    guid = sub.subscription_id or ""
    amount_width = width(texts["amount"], g.font, g.size)
    room = g.right - amount_width - 12 - (g.margin + 3)
    columns = laid_out(plan, texts, guid, g, room, shuffle.column_cap)
    if columns is None:
        plan = fitted_plan(plan)
        columns = laid_out(plan, texts, guid, g, room, shuffle.column_cap)
    assert columns is not None, f"{invoice.head.name}: a line does not fit the page"
    rows = max(len(c.lines) for c in columns)
    flow.need(rows * g.lead + 0.6 * g.lead)
    top = flow.top
    small = g.size * 0.8
    for index, column in enumerate(columns):
        shift = {"top": 0.0, "middle": 0.5, "bottom": 1.0}[shuffle.valign]
        offset = (rows - len(column.lines)) * g.lead * shift
        for i, text in enumerate(column.lines):
            y = top + offset + i * g.lead
            if index == 0 and i == 0:
                flow.page.append(Text(column.x, y + (g.size - small) * 0.6, text, g.font, small))
            else:
                flow.page.append(Text(column.x, y, text, g.font, g.size))
    amount_top = top + (rows - 1) * g.lead if plan.amount_last else top
    flow.page.append(Text(g.right, amount_top, texts["amount"], g.font, g.size, "right"))
    flow.top = top + rows * g.lead + shuffle.line_gap * g.lead


def render_shuffled_portal(invoice: Invoice, shuffle: Shuffle) -> list[list[Op]]:
    g = geometry(invoice)

    def start(page: list[Op], number: int) -> float:
        return first_page(invoice, g, page) if number == 1 else next_page(invoice, g, page)

    flow = Flow(start, g.page_height - 70)
    index = 0
    for sub in invoice.subscriptions:
        for line in sub.lines:
            draw_line(invoice, g, flow, sub, line, shuffle, shuffle.plan(index))
            index += 1
    totals(invoice, g, flow)
    portal_footers(invoice, g, flow.pages)
    return flow.pages


# --- family B --------------------------------------------------------------------------------


class ShuffledTableWriter(TableWriter):
    """The line table with the charge type under the product bar or joined to it."""

    def __init__(self, invoice: Invoice, g: Geometry, flow: Flow, shuffle: Shuffle) -> None:
        super().__init__(invoice, g, flow)
        self.shuffle = shuffle

    def bar_lines(self, sub: Subscription) -> list[str]:
        if self.shuffle.bar == "joined" and sub.charge_type:
            room = self.g.inner * self.invoice.style.bar_width - 10
            text = f"{sub.product} {self.shuffle.separator} {sub.charge_type}"
            return wrap(text, self.g.bold, self.t.size, room)
        return super().bar_lines(sub)

    def bar(self, sub: Subscription) -> None:
        super().bar(sub)
        if self.shuffle.bar == "under" and sub.charge_type:
            self.flow.page.append(
                Text(self.g.margin + 3, self.flow.top, sub.charge_type, self.g.font, self.t.size)
            )
            self.flow.top += 1.3 * self.t.lead

    def block_height(self, sub: Subscription) -> float:
        return super().block_height(sub) + 1.3 * self.t.lead


def render_shuffled_online(invoice: Invoice, shuffle: Shuffle) -> list[list[Op]]:
    def writer(shown: Invoice, g: Geometry, flow: Flow) -> TableWriter:
        return ShuffledTableWriter(shown, g, flow, shuffle)

    return render_online(invoice, writer)


def shuffled_pages(invoice: Invoice, shuffle: Shuffle) -> list[list[Op]]:
    """The pages of a family-A or B invoice in its shuffled layout; a family-C invoice in the
    generator's own (only the order and pieces of its text are shuffled)."""
    if invoice.family == "portal-2012":
        return render_shuffled_portal(invoice, shuffle)
    if invoice.family == "customer-agreement":
        return render_agreement(invoice)
    return render_shuffled_online(invoice, shuffle)


# --- the order and the pieces the text is written in -------------------------------------------


def pieces(op: Text) -> list[Text]:
    """The words of `op`, each at the x it has in the whole text, and every space or no-break
    space between them as a glyph of its own."""
    full = width(op.text, op.font, op.size)
    left = op.x - {"right": full, "center": full / 2}.get(op.align, 0.0)
    out: list[Text] = []
    start = 0
    text = op.text
    for at in range(len(text) + 1):
        if at == len(text) or text[at].isspace():
            if at > start:
                x = left + width(text[:start], op.font, op.size)
                out.append(Text(x, op.top, text[start:at], op.font, op.size))
            if at < len(text):
                x = left + width(text[:at], op.font, op.size)
                out.append(Text(x, op.top, text[at], op.font, op.size))
            start = at + 1
    return out


def written(pages: Sequence[Sequence[Op]], shuffle: Shuffle) -> list[list[Op]]:
    """The pages' operations in the order and pieces `shuffle` writes them."""
    rng = random.Random(shuffle.seed)
    out: list[list[Op]] = []
    for ops in pages:
        boxes = [op for op in ops if isinstance(op, Box)]
        texts: list[Op] = []
        for op in ops:
            if isinstance(op, Text):
                split = pieces(op) if shuffle.glyphs != "runs" else [op]
                if shuffle.glyphs == "words":
                    split = [p for p in split if not p.text.isspace()]
                texts.extend(split)
        if shuffle.order == "reversed":
            texts.reverse()
        elif shuffle.order == "random":
            rng.shuffle(texts)
        out.append([*boxes, *texts])
    return out


# --- the invoices ------------------------------------------------------------------------------


def one_time_subscription(
    rng: random.Random, language: Language, product: str, guid: str
) -> Subscription:
    price = Decimal(rng.choice(ONE_TIME_PRICES))
    line = portal_line(rng.randint(1, 60), price, "once")
    return Subscription(product, (line,), guid, ONE_TIME[language])


def prorated_portal_line(
    rng: random.Random, head: Header, price: Decimal, basis: Basis
) -> Line | None:
    """A line for part of the term: from a day inside the billing period to its end."""
    span = (head.period_end - head.period_start).days
    if span < 3:
        return None
    start = head.period_start + timedelta(days=rng.randint(1, span - 1))
    end = head.period_end
    days = (end - start).days + 1
    quantity = rng.randint(1, 80)
    amount = r2(quantity * price * days / term_days(start, basis))
    if amount == r2(quantity * price):
        return None
    return Line(
        quantity=quantity,
        unit_price=price,
        basis=basis,
        charges=amount,
        amount=amount,
        period_start=start,
        period_end=end,
        days=days,
    )


def shuffled_portal(rng: random.Random, invoice: Invoice) -> Invoice:
    """The invoice with some lines made one-time charges and some prorated."""
    head = invoice.head
    subs: list[Subscription] = []
    prorated = False
    for sub in invoice.subscriptions:
        draw = rng.random()
        guid = sub.subscription_id or ""
        if draw < 0.15:
            subs.append(one_time_subscription(rng, head.language, sub.product, guid))
            continue
        line = sub.lines[0]
        if draw < 0.35 and line.basis != "once":
            basis: Basis = "year" if head.annual else "month"
            price = line.unit_price if line.basis == basis else r2(line.unit_price)
            part = prorated_portal_line(rng, head, price, basis)
            if part is not None:
                prorated = True
                subs.append(replace(sub, lines=(part,)))
                continue
        subs.append(sub)
    assert invoice.tax_rate is not None
    per_unit = not prorated and rng.random() < 0.8
    return portal_invoice(head, tuple(subs), invoice.tax_rate, per_unit_tax=per_unit)


def negative_credit(line: Line) -> Line:
    """A credit row printed as a negative charge, nothing in Credits."""
    if line.credits <= 0 or line.charges != 0:
        return line
    return replace(line, charges=-line.credits, credits=ZERO)


def with_bar_charge_types(invoice: Invoice) -> Invoice:
    """Every subscription with the charge type its bar prints (monthly or annual)."""
    monthly, annual = BAR_CHARGE_TYPES[invoice.head.language]
    subs = tuple(
        replace(sub, charge_type=annual if sub.lines[0].basis == "year" else monthly)
        for sub in invoice.subscriptions
    )
    return replace(invoice, subscriptions=subs)


def shuffled_online(rng: random.Random, invoice: Invoice, shuffle: Shuffle) -> Invoice:
    """Charge types on the bars (when the shuffle prints them), credits as negative charges."""
    if rng.random() < 0.5:
        subs = tuple(
            replace(sub, lines=tuple(negative_credit(line) for line in sub.lines))
            for sub in invoice.subscriptions
        )
        charges = sum((line.charges for sub in subs for line in sub.lines), ZERO)
        credits = sum((line.credits for sub in subs for line in sub.lines), ZERO)
        invoice = replace(invoice, subscriptions=subs, charges=charges, credits=credits)
    return with_bar_charge_types(invoice) if shuffle.bar != "plain" else invoice
