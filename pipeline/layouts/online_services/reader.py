"""Family B, `online-services`: the reader of the Microsoft 365 admin center invoice.

Page 1's header, address blocks and billing summary by their labels; from page 2 on, the
per-subscription table: a product bar, a column header, rows that start with their service
period, read with the shared table primitives in the family's column order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.layouts.geometry import Hit, Labeller, Row, merge_grouped
from pipeline.layouts.online_services.vocabulary import (
    BAR_PHRASES,
    COLUMN_FIELDS,
    COLUMN_ORDER,
    HEADER_COLUMNS,
    INVOICE_NUMBER,
    LABELS,
    PRICE_COLUMNS,
    RATE_FIELD,
)
from pipeline.layouts.parties import block_rows, parties, vat_number
from pipeline.layouts.raw import RawInvoice, RawLine
from pipeline.layouts.segments import alternatives, cut_phrase, literal
from pipeline.layouts.segments import misread as product_misread
from pipeline.layouts.tables import (
    Column,
    adds_up,
    by_order,
    by_position,
    cell_values,
    is_footer,
    is_number,
    regrouped,
    unglued_amounts,
)
from pipeline.layouts.values import (
    dash_split,
    header_month,
    meaningful,
    range_of,
    read_amount,
    read_code,
    read_date,
    read_range,
    read_text,
    value_at,
    value_of,
)
from pipeline.layouts.vocabulary import ANY_INVOICE_NUMBER, DASHES, LANGUAGES, printed
from pipeline.model import Family, Language, PriceBasis, Word
from pipeline.parsing import (
    CURRENCY_CODES,
    is_amount,
    printed_date,
    strip_currency,
)

FAMILY: Family = "online-services"


def _amount_with_code(row: Row) -> tuple[str, str] | None:
    """A row that is only `2,175.00 USD` (or `USD 2,175.00`): the header total."""
    words = [w.text for w in merge_grouped(meaningful(row.words))]
    if len(words) == 1 and (glued := re.fullmatch(r"(.*\d)\s?([A-Z]{3})", words[0])):
        words = [glued[1], glued[2]]
    if len(words) == 2:
        for amount, code in (words, words[::-1]):
            if code in CURRENCY_CODES and is_amount(amount) and re.search(r"\d", amount):
                return strip_currency(amount)[0], code
    return None


def _header_bottom(rows: Sequence[Row], page: int) -> float:
    """Where the repeated page header ends: below its `total currency` row."""
    for row in rows:
        if row.page == page and _amount_with_code(row):
            return row.bottom
    return 0.0


@dataclass(slots=True)
class _TableState:
    product: str | None = None
    pending: list[Row] = field(default_factory=list)
    charge_type: str | None = None
    basis: PriceBasis | None = None
    header_bottom: float = -1.0
    header_page: int = 0
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True, slots=True)
class _Period:
    start: str
    end: str
    words: int
    #: The row below that holds the wrapped end date, and the rows between (cells centred
    #: vertically beside a two-line period): all part of this line.
    wrapped_row: Row | None = None
    between: tuple[Row, ...] = ()


def _period_of_row(row: Row, rows: Sequence[Row], index: int) -> _Period | None:
    """A data row starts with its service period: `X - Y` in the row, in one word, or with
    the end date wrapped below the start."""
    words = dash_split(meaningful(row.words))
    if not words or not printed_date(words[0].text):
        return None
    for size in (1, 2, 3):
        found = read_range(words[:size])
        if found:
            return _Period(found[0], found[1], size)
    dashed = len(words) > 1 and words[1].text in DASHES
    start = words[0]
    for offset, below in enumerate(rows[index + 1 : index + 4], start=1):
        under = [
            w for w in dash_split(meaningful(below.words)) if w.x0 < start.x1 and w.x1 > start.x0
        ]
        if not dashed and len(under) > 1 and under[0].text in DASHES:
            under = under[1:]
        elif not dashed:
            break
        if under and printed_date(under[0].text):
            between = tuple(rows[index + 1 : index + offset])
            return _Period(start.text, under[0].text, 2 if dashed else 1, below, between)
        if under:
            break
    return None


def _after_end_date(row: Row, end: str) -> list[Word]:
    """The words of the row holding a wrapped end date, without that date and its dash."""
    words = dash_split(meaningful(row.words))
    at = next((i for i, w in enumerate(words) if w.text == end), -1)
    dash = at > 0 and words[at - 1].text in DASHES
    return [w for i, w in enumerate(words) if i != at and not (dash and i == at - 1)]


def _line_from_row(row: Row, period: _Period, state: _TableState) -> RawLine | None:
    words = dash_split(meaningful(row.words))[period.words :]
    if period.between or period.wrapped_row:
        beside = meaningful([w for r in period.between for w in r.words])
        if period.wrapped_row is not None:
            beside += _after_end_date(period.wrapped_row, period.end)
        words = sorted([*words, *beside], key=lambda w: w.x0)
    cells = cell_values(words)
    readings = regrouped(cell_values(words, grouped=False), COLUMN_ORDER, RATE_FIELD)
    consistent = [r for r in readings if adds_up(r)]
    values = (
        (consistent[0] if len(consistent) == 1 else None)
        or by_order(cells, COLUMN_ORDER, RATE_FIELD)
        or (readings[0] if len(readings) == 1 else None)
        or by_position(cells, state.columns)
    )
    if values is None:
        return None
    rate = values.get("tax_rate")
    return RawLine(
        product=state.product or "",
        charge_type=state.charge_type,
        period_start=period.start,
        period_end=period.end,
        days=values.get("days"),
        quantity=values.get("quantity"),
        unit_price=values.get("unit_price"),
        price_basis=state.basis,
        charges=values.get("charges"),
        discounts=values.get("discounts"),
        credits=values.get("credits"),
        amount=values.get("amount"),
        tax_rate=rate.replace("%", "").strip() if rate else None,
        tax=values.get("tax"),
        total=values.get("total"),
        page=row.page,
    )


def _continues_header(row: Row, state: _TableState) -> bool:
    """A row of wrapped column titles ("Preis", "%") right under the column header."""
    close = row.page == state.header_page and row.top - state.header_bottom < 0.6 * row.height
    return close and not any(
        is_amount(w.text) or printed_date(w.text) for w in row.words if w.text not in "%"
    )


def _columns(lab: Labeller, row: Row) -> tuple[Column, ...]:
    """The line fields of the column titles that start on `row`, with their x spans."""
    return tuple(
        (COLUMN_FIELDS[h.key], min(w.x0 for w in h.words), max(w.x1 for w in h.words))
        for h in lab.hits
        if h.key in COLUMN_FIELDS and lab.rows[h.rows[0]] is row
    )


def _basis_of(keys: set[str], row: Row, language: Language) -> PriceBasis | None:
    """The price basis a column header row names; also where a renderer without cell padding
    ran the title into its neighbour ('AantalMaandelijkse')."""
    if "col_annual" in keys:
        return "year"
    if "col_monthly" in keys:
        return "month"
    glued = "".join(w.text for w in row.words).casefold()
    for key, basis in PRICE_COLUMNS:
        if any(p.split()[0].casefold() in glued for p in printed(LABELS[language]).get(key, ())):
            return basis
    return None


def _read_lines(rows: Sequence[Row], lab: Labeller, language: Language) -> tuple[RawLine, ...]:
    state = _TableState()
    lines: list[RawLine] = []
    keys_by_row = {id(lab.rows[h.rows[0]]): set[str]() for h in lab.hits}
    for hit in lab.hits:
        keys_by_row[id(lab.rows[hit.rows[0]])].add(hit.key)
    page_header: dict[int, float] = {}
    footer_from: dict[int, float] = {}
    for row in rows:
        if row.page not in page_header:
            page_header[row.page] = _header_bottom(rows, row.page)
        if is_footer(row) and row.page not in footer_from:
            footer_from[row.page] = row.top
    consumed: set[int] = set()
    for index, row in enumerate(rows):
        if row.top <= page_header[row.page] or row.top >= footer_from.get(row.page, 1e9):
            continue
        if id(row) in consumed:
            continue
        keys = keys_by_row.get(id(row), set())
        if "grand_total" in keys:
            break
        if keys & HEADER_COLUMNS:
            state.basis = _basis_of(keys, row, language) or state.basis
            state.header_bottom, state.header_page = row.bottom, row.page
            state.columns = _columns(lab, row)
            if state.pending:
                state.product, state.charge_type = _bar(state.pending)
                state.pending = []
            continue
        if _continues_header(row, state):
            state.header_bottom = row.bottom
            continue
        period = _period_of_row(row, rows, index)
        if period:
            if state.pending:
                state.product, state.charge_type = _bar(state.pending)
                state.pending = []
            if period.wrapped_row is not None:
                consumed.add(id(period.wrapped_row))
            consumed.update(id(r) for r in period.between)
            line = _line_from_row(row, period, state)
            if line is not None:
                lines.append(line)
            continue
        if "subtotal_row" in keys:
            state.pending = []
            continue
        if not (_may_name_product(row, lab) or _ends_charge_type(state.pending, row)):
            continue
        if (
            state.pending
            and (
                row.page != state.pending[-1].page
                or row.top - state.pending[-1].bottom > 0.9 * row.height
            )
            and not _is_charge_type(row)
        ):
            state.pending = []
        state.pending.append(row)
    return tuple(lines)


def _may_name_product(row: Row, lab: Labeller) -> bool:
    """A subscription bar is plain text: not a labelled row, not the repeated page header's
    month or total (on pages whose header the reader did not recognise)."""
    return not (lab.is_label(row.words[0]) or header_month(row.words) or _amount_with_code(row))


_CHARGE_TYPES = (
    literal(phrase)
    for lang in LANGUAGES
    for phrase in printed(BAR_PHRASES[lang]).get("charge_type", ())
)
_CHARGE_TYPE = re.compile(rf"(?<!\w)(?:{alternatives(_CHARGE_TYPES)})(?!\w)", re.IGNORECASE)


#: Column titles of more than one word (a one-word title such as `Days` may be part of a
#: product's name): a product name holding one was misread.
_TITLES = (
    literal(phrase)
    for lang in LANGUAGES
    for key in sorted(HEADER_COLUMNS | {"col_tax_rate"})
    for phrase in printed(LABELS[lang]).get(key, ())
    if len(phrase.split()) > 1
)
_LINE_LABELS = re.compile(
    rf"(?<!\w)(?:{alternatives((*_TITLES, _CHARGE_TYPE.pattern))})(?!\w)", re.IGNORECASE
)


def misread(product: str) -> str | None:
    """What a subscription bar's product name holds that is another field of its lines."""
    return product_misread(product, labels=_LINE_LABELS)


def _is_charge_type(row: Row) -> bool:
    """A row that prints only a charge type: the line some renderings print under a bar."""
    found = _CHARGE_TYPE.search(row.text)
    return found is not None and found.group(0) == row.text.strip()


def _ends_charge_type(pending: Sequence[Row], row: Row) -> bool:
    """A row that ends the charge type the bar above it wrapped ("… – Monthly subscription" /
    "charges"), though it starts with a label's word."""
    if not pending or row.page != pending[-1].page or row.top - pending[-1].bottom > row.height:
        return False
    found = _CHARGE_TYPE.search(f"{_text(pending)} {row.text}")
    return found is not None and found.end() > len(_text(pending)) + 1


def _text(rows: Sequence[Row]) -> str:
    return " ".join(" ".join(w.text for w in row.words) for row in rows)


def _bar(rows: Sequence[Row]) -> tuple[str, str | None]:
    """A subscription bar's product name and its charge type, where the bar or the line
    under it prints one (joined to the product by a separator glyph, or on its own)."""
    return cut_phrase(_text(rows), _CHARGE_TYPE)


def _grand_total_subtotal(lab: Labeller) -> str | None:
    for hit in lab.find("grand_total"):
        right = [u for w in lab.right_of(hit) for u in unglued_amounts(w)]
        amounts = [w.text for w in merge_grouped(right) if is_number(w.text)]
        if len(amounts) == 6:
            return amounts[3]
    return None


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    first = [1] if any(r.page == 1 for r in rows) else None
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER))
    number = number or value_of(lab, "invoice_number", read_code(ANY_INVOICE_NUMBER))
    period = range_of(lab, "period")
    header = next((t for row in rows if row.page == 1 and (t := _amount_with_code(row))), None)
    month = next((m for row in rows if row.page == 1 and (m := header_month(row.words))), None)
    taxes = tuple(
        amount
        for hit in lab.find("tax")
        if hit.page == 1 and (amount := _summary_amount(lab, hit)) is not None
    )
    blocks = [block_rows(lab, key) for key in ("usage", "bill_to", "sold_to")]
    customer_rows = next((b for b in blocks if _has_vat(b)), next((b for b in blocks if b), []))
    supplier, customer = parties(rows, customer_rows, blocks[2] or blocks[1])
    return RawInvoice(
        family=FAMILY,
        language=language,
        supplier_name=supplier.name,
        supplier_vat=supplier.vat_number,
        customer_name=customer.name,
        customer_vat=customer.vat_number,
        invoice_number=number,
        invoice_date=value_of(lab, "invoice_date", read_date),
        due_date=value_of(lab, "due_date", read_date),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        order_number=value_of(lab, "order_number", read_text),
        purchase_order=value_of(lab, "purchase_order", read_text),
        currency=header[1] if header else None,
        header_month=month,
        header_total=header[0] if header else None,
        charges=value_of(lab, "charges", read_amount, pages=first),
        discounts=value_of(lab, "discounts", read_amount, pages=first),
        credits=value_of(lab, "credits", read_amount, pages=first),
        subtotal=_grand_total_subtotal(lab),
        taxes=taxes,
        total=value_of(lab, "total", read_amount, pages=first),
        lines=_read_lines(rows, lab, language),
    )


def _summary_amount(lab: Labeller, hit: Hit) -> str | None:
    return value_at(lab, hit, read_amount)


def _has_vat(block: Sequence[Sequence[Word]]) -> bool:
    return any(vat_number([w.text for w in line]) for line in block)
