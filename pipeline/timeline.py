"""The licence timeline: licences, prices and cost per customer × product × calendar month.

Pure functions from exported invoices and credit notes (`Invoice`) to frozen `LicenceMonth`
rows; nothing here does I/O. The rules, in the words an accountant would use:

* **Which lines.** Every line of every document with a service period (its own, else the
  document's billing period, as the ledger's deferrals use it). A *charge line* is a line of
  an invoice whose net amount is zero or more; a *credit row* is a line with a negative net
  amount (the credit of a credit-and-rebill, a service credit, a return); every line of a
  credit note counts as a credit. The net amount is the line's amount (charges − discounts −
  credits, before tax), in the document's currency.
* **Which months.** A product has a row for each calendar month that the service period of
  one of its lines overlaps (one row per customer × product × currency × month).
* **quantity**: the licences in force at the end of the month: the quantity of the last charge
  line whose service period covers the month's last day ("last" in the order of the documents
  by invoice date and number, then of the lines on the document). Credit rows and credit-note
  lines never count. When no charge line covers the last day (the service stopped during the
  month), the quantity is 0.
* **unit_price**, **price_basis**: those of the line that gave the quantity (when the service
  stopped during the month: of the last charge line in the month).
* **monthly_cost**: what the month's service cost, as invoiced: each line's net amount is
  spread over the months of its service period in proportion to its days in each month (each
  share rounded half up to the cent, the remainder to the month with most days, so a line's
  shares add up to its amount exactly); the month's cost is the sum of the shares of every line
  of the product, charge lines, credit rows and credit-note lines alike. A licence billed a
  whole calendar month costs quantity × monthly price in that month; a credit-and-rebill leaves
  the month at what was finally billed for it; a credit note lowers the cost of the months its
  lines cover, never the quantity.
* **change**: empty, or `;`-joined in this order: `new` (the first month of a product, or its
  first month after a month without a row), `quantity +N` / `quantity -N` and `price +P%` /
  `price -P%` against the previous month (the price per month: an annual price counts one
  twelfth; P rounded half up to one decimal; no percentage from a price of zero), and `ended`
  on the last month of a product whose next month has no row while the customer's data goes on.
  A credit-and-rebill changes only the quantity at the month's end: one change, not three.
* **invoices**: the `;`-joined numbers of the documents with a line in the month, in document
  order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from pipeline.checks import money_in
from pipeline.ledger import service_period, share_out
from pipeline.model import Invoice, Line

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = Decimal(12)

#: The columns of a timeline row, in the order the CSV and the sheet write them.
COLUMNS = (
    "customer_vat",
    "customer_name",
    "product",
    "month",
    "quantity",
    "unit_price",
    "price_basis",
    "currency",
    "monthly_cost",
    "change",
    "invoices",
)


@dataclass(frozen=True, slots=True)
class LicenceMonth:
    """One customer × product × calendar month (`YYYY-MM`) of the licence timeline."""

    customer_vat: str
    customer_name: str
    product: str
    month: str
    quantity: Decimal
    unit_price: Decimal | None
    price_basis: str
    currency: str
    monthly_cost: Decimal
    change: str
    invoices: str

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(self.change.split(";")) if self.change else ()

    def cells(self) -> tuple[str | Decimal | None, ...]:
        """The row's values in `COLUMNS` order; money and quantities stay Decimal."""
        return tuple(getattr(self, name) for name in COLUMNS)


@dataclass(frozen=True, slots=True)
class _Billed:
    """One line with what the timeline needs of it and of its document."""

    rank: tuple[int, int]
    invoice_number: str
    line: Line
    start: date
    end: date
    net: Decimal
    charge: bool
    shares: tuple[tuple[date, Decimal], ...]

    def share(self, month: date) -> Decimal:
        return dict(self.shares).get(month, ZERO)


@dataclass(frozen=True, slots=True)
class _Key:
    customer: str
    product: str
    currency: str


def month_of(day: date) -> date:
    """The first day of the calendar month of `day`."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def month_end(month: date) -> date:
    return next_month(month) - timedelta(days=1)


def months_between(start: date, end: date) -> Iterator[date]:
    """The first days of the calendar months that start..end (inclusive) overlaps."""
    month = month_of(start)
    while month <= end:
        yield month
        month = next_month(month)


def month_shares(net: Decimal, start: date, end: date) -> dict[date, Decimal]:
    """`net` spread over the months of start..end by days, adding up to `net` exactly."""
    months = list(months_between(start, end))
    days = [Decimal((min(end, month_end(m)) - max(start, m)).days + 1) for m in months]
    return dict(zip(months, share_out(net, days), strict=True))


def net_amount(line: Line) -> Decimal | None:
    """The line's amount before tax: as printed, else charges − discounts − credits."""
    if line.amount is not None:
        return line.amount
    if line.charges is None and line.credits is None:
        return None
    parts = (line.charges or ZERO, -(line.discounts or ZERO), -(line.credits or ZERO))
    return sum(parts, ZERO)


def vat_key(vat: str | None) -> str:
    """A VAT number as the timeline compares it: without spaces, dots or dashes, upper case."""
    return "".join(c for c in (vat or "") if c.isalnum()).upper()


def customer_key(invoice: Invoice) -> str:
    """The customer's VAT number (as `vat_key`), else its name: who the timeline is for."""
    return vat_key(invoice.customer.vat_number) or (invoice.customer.name or "")


def of_customer(rows: Iterable[LicenceMonth], vat: str) -> tuple[LicenceMonth, ...]:
    """The rows of the customer with this VAT number, however it is spaced or punctuated."""
    wanted = vat_key(vat)
    return tuple(row for row in rows if vat_key(row.customer_vat) == wanted)


def in_document_order(invoices: Iterable[Invoice]) -> list[Invoice]:
    """Each document once (the last one given per entry id), by invoice date and number."""
    latest: dict[object, tuple[int, Invoice]] = {}
    for index, invoice in enumerate(invoices):
        latest[invoice.entry_id or index] = (index, invoice)
    return [
        invoice
        for _, invoice in sorted(
            latest.values(),
            key=lambda pair: (
                pair[1].invoice_date or date.min,
                pair[1].invoice_number or "",
                pair[0],
            ),
        )
    ]


def _billed_lines(rank: int, invoice: Invoice) -> Iterator[tuple[_Key, _Billed]]:
    credit_note = invoice.document_type == "credit_note"
    for index, line in enumerate(invoice.lines):
        start, end = service_period(line, invoice)
        net = net_amount(line)
        if start is None or end is None or end < start or net is None:
            continue
        key = _Key(customer_key(invoice), line.product, invoice.currency or "")
        charge = not credit_note and net >= 0
        number = invoice.invoice_number or invoice.source.file
        shares = tuple(month_shares(net, start, end).items())
        yield key, _Billed((rank, index), number, line, start, end, net, charge, shares)


@dataclass(frozen=True, slots=True)
class _State:
    """A product's licences in one month, before the changes are known."""

    month: date
    quantity: Decimal
    unit_price: Decimal | None
    price_basis: str
    cost: Decimal
    invoices: tuple[str, ...]


def _state(month: date, billed: Sequence[_Billed]) -> _State:
    last_day = month_end(month)
    inside = [b for b in billed if b.start <= last_day and b.end >= month]
    charges = [b for b in inside if b.charge and b.line.quantity is not None]
    at_end = [b for b in charges if b.end >= last_day]
    source = max(at_end or charges, key=lambda b: b.rank, default=None)
    quantity = source.line.quantity if at_end and source and source.line.quantity else None
    numbers = dict.fromkeys(b.invoice_number for b in sorted(inside, key=lambda b: b.rank))
    return _State(
        month=month,
        quantity=quantity if quantity is not None else Decimal(0),
        unit_price=source.line.unit_price if source else None,
        price_basis=(source.line.price_basis or "") if source else "",
        cost=sum((b.share(month) for b in inside), ZERO),
        invoices=tuple(numbers),
    )


def _states(billed: Sequence[_Billed]) -> list[_State]:
    months = sorted({month for b in billed for month, _ in b.shares})
    return [_state(month, billed) for month in months]


def monthly_price(price: Decimal, basis: str) -> Decimal:
    """The price per licence per month: an annual price counts one twelfth."""
    return price / MONTHS_PER_YEAR if basis == "year" else price


def quantity_text(quantity: Decimal) -> str:
    """A licence count without exponent or trailing zeros: 40, 2.5."""
    return format(quantity.normalize(), "f")


def price_change(before: _State, now: _State) -> str | None:
    """`price +P%` / `price -P%` between two months, or None when it did not change."""
    if before.unit_price is None or now.unit_price is None:
        return None
    old = monthly_price(before.unit_price, before.price_basis)
    new = monthly_price(now.unit_price, now.price_basis)
    if old == new or old == 0:
        return None
    percent = ((new - old) * HUNDRED / old).quantize(TENTH, rounding=ROUND_HALF_UP)
    return f"price {'+' if new > old else '-'}{abs(percent)}%"


def changes_of(before: _State | None, now: _State, ended: bool) -> tuple[str, ...]:
    """The changes of `now` against the month `before` it (None: the product is new)."""
    found: list[str] = []
    if before is None:
        found.append("new")
    else:
        delta = now.quantity - before.quantity
        if delta:
            found.append(f"quantity {'+' if delta > 0 else '-'}{quantity_text(abs(delta))}")
        price = price_change(before, now)
        if price:
            found.append(price)
    if ended:
        found.append("ended")
    return tuple(found)


def _rows_of(
    key: _Key,
    states: Sequence[_State],
    last_month: date,
    names: dict[str, str],
    vats: dict[str, str],
) -> Iterator[LicenceMonth]:
    for index, state in enumerate(states):
        before = states[index - 1] if index else None
        if before is not None and next_month(before.month) != state.month:
            before = None
        after = states[index + 1] if index + 1 < len(states) else None
        stops = after is None or after.month != next_month(state.month)
        ended = stops and state.month < last_month
        yield LicenceMonth(
            customer_vat=vats[key.customer],
            customer_name=names[key.customer],
            product=key.product,
            month=state.month.strftime("%Y-%m"),
            quantity=state.quantity,
            unit_price=state.unit_price,
            price_basis=state.price_basis,
            currency=key.currency,
            monthly_cost=state.cost,
            change=";".join(changes_of(before, state, ended)),
            invoices=";".join(state.invoices),
        )


def licence_timeline(invoices: Iterable[Invoice]) -> tuple[LicenceMonth, ...]:
    """The timeline rows of `invoices` (invoices and credit notes, any order), sorted by
    customer name, product, currency and month. See the module's docstring for every rule."""
    documents = in_document_order(invoices)
    billed: dict[_Key, list[_Billed]] = defaultdict(list)
    names: dict[str, str] = {}
    vats: dict[str, str] = {}
    for rank, invoice in enumerate(documents):
        customer = customer_key(invoice)
        names[customer] = invoice.customer.name or names.get(customer, "")
        vats[customer] = invoice.customer.vat_number or vats.get(customer, "")
        for key, item in _billed_lines(rank, invoice):
            billed[key].append(item)
    states = {key: _states(items) for key, items in billed.items()}
    last_month: dict[str, date] = {}
    for key, product_states in states.items():
        last = product_states[-1].month
        last_month[key.customer] = max(last, last_month.get(key.customer, last))
    rows: list[LicenceMonth] = []
    for key in sorted(
        states, key=lambda k: (names[k.customer].casefold(), k.customer, k.product, k.currency)
    ):
        rows.extend(_rows_of(key, states[key], last_month[key.customer], names, vats))
    return tuple(rows)


# ------------------------------------------------------------------ the terminal summary

BASIS_WORDS = {"month": "a month", "year": "a year", "once": "once"}


def _price_text(price: Decimal | None, basis: str, currency: str) -> str:
    if price is None:
        return "no price"
    per = BASIS_WORDS.get(basis)
    return f"{money_in(price, currency)} {per}" if per else money_in(price, currency)


def months_back(month: str, count: int) -> str:
    """The `YYYY-MM` `count` months before `month`."""
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _by_customer(rows: Sequence[LicenceMonth]) -> dict[str, list[LicenceMonth]]:
    grouped: dict[str, list[LicenceMonth]] = defaultdict(list)
    for row in rows:
        grouped[row.customer_vat or row.customer_name].append(row)
    return grouped


def _previous(rows: Sequence[LicenceMonth], index: int) -> LicenceMonth | None:
    """The row before `rows[index]` when it is the same product's previous month."""
    if not index:
        return None
    before, row = rows[index - 1], rows[index]
    same = (before.product, before.currency) == (row.product, row.currency)
    return before if same and months_back(row.month, 1) == before.month else None


def customer_summary(rows: Sequence[LicenceMonth]) -> list[str]:
    """One customer's block: what changed in its last month, price increases of 12 months."""
    last = max(row.month for row in rows)
    since = months_back(last, 11)
    first = rows[0]
    who = (
        f"{first.customer_name} ({first.customer_vat})"
        if first.customer_vat
        else first.customer_name
    )
    lines = [f"{who}: {min(r.month for r in rows)} to {last}"]
    changed = [
        f"    {row.product}: {row.change}" for row in rows if row.month == last and row.change
    ]
    changed += [
        f"    {row.product}: not billed any more (last month {row.month})"
        for row in rows
        if row.month == months_back(last, 1) and "ended" in row.changes
    ]
    lines.append(f"  changed in {last}:" if changed else f"  changed in {last}: nothing")
    lines += changed
    increases = []
    for index, row in enumerate(rows):
        before = _previous(rows, index)
        price = next((c for c in row.changes if c.startswith("price +")), None)
        if before is None or price is None or row.month < since:
            continue
        old = _price_text(before.unit_price, before.price_basis, row.currency)
        new = _price_text(row.unit_price, row.price_basis, row.currency)
        increases.append(f"    {row.month} {row.product}: {old} → {new} ({price[6:]})")
    heading = f"  price increases {since} to {last}:"
    lines.append(heading if increases else f"{heading} none")
    lines += sorted(increases)
    return lines


def summary_text(rows: Sequence[LicenceMonth]) -> str:
    """The terminal summary: per customer, the products that changed in its last month and
    the price increases of the twelve months up to it."""
    if not rows:
        return "no licences in the register"
    blocks = ["\n".join(customer_summary(group)) for group in _by_customer(rows).values()]
    return "\n".join(blocks)
