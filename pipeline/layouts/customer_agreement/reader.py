"""Family C, `customer-agreement`: the reader of the Microsoft Customer Agreement invoice and
credit note.

Page 1: the title (invoice or credit note), the invoice summary's labels and the party blocks,
the billing period and the billing summary. From page 2 on, the details by invoice section: a
column header, then one row per charge that starts its value columns with the charge dates;
product names wrap over several lines above, beside or below the row's values, and the band of
lines that belongs to a row is told apart by the widest vertical gap. Section, product-order and
service-family headings end a band and are context, not lines; the details end at the payment
instructions or the publisher information. Seller and customer are found by shape: the seller
is the Microsoft entity the footer or the payment instructions name with a legal form (never
a publisher), its VAT number one outside the customer's blocks.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline.layouts.customer_agreement.vocabulary import (
    COLUMN_FIELDS,
    DETAILS_END,
    DETAILS_ORDER,
    DETAILS_ORDER_AZURE,
    HEADER_COLUMNS,
    HEADER_START,
    HEADINGS,
    INVOICE_NUMBER,
    LABELS,
    RATE_FIELD,
)
from pipeline.layouts.geometry import Hit, Labeller, Row, norm
from pipeline.layouts.parties import (
    block_address,
    block_name,
    block_rows,
    currency_of,
    footer_address,
    is_legal_form,
    seller,
    vat_number,
)
from pipeline.layouts.raw import RawInvoice, RawLine, RawSection
from pipeline.layouts.segments import alternatives, literal
from pipeline.layouts.segments import misread as product_misread
from pipeline.layouts.tables import (
    Column,
    by_order,
    by_position,
    cell_values,
    is_footer,
    regrouped,
)
from pipeline.layouts.values import (
    dash_split,
    meaningful,
    range_of,
    read_amount,
    read_bic,
    read_code,
    read_date,
    read_iban,
    read_text,
    value_of,
)
from pipeline.layouts.vocabulary import (
    DASHES,
    LANGUAGES,
    MICROSOFT,
    RANGE_JOINERS,
    VAT_LABELS,
    printed,
)
from pipeline.model import BankAccount, DocumentType, Family, Language, Word
from pipeline.parsing import parse_amount, printed_date

FAMILY: Family = "customer-agreement"

Alignment = Literal["top", "middle", "bottom"]


# --- a product name that holds another field ---------------------------------------------------

#: The details' column titles, headings and discount notes in every language, but `Qty` in one
#: word (a product's name may print `Aantal` or `Menge`): a product name holding one was misread.
_MISREAD_KEYS = HEADER_COLUMNS | HEADINGS | {"col_azure_credit", "col_tax_rate", "col_tax_amount"}
_MISREAD_KEYS |= {"discount_note"}
_TITLES = (
    literal(phrase)
    for lang in LANGUAGES
    for key in sorted(_MISREAD_KEYS)
    for phrase in printed(LABELS[lang]).get(key, ())
    if key != "col_qty" or len(phrase.split()) > 1
)
_LINE_LABELS = re.compile(rf"(?<!\w)(?:{alternatives(_TITLES)})(?!\w)", re.IGNORECASE)


def misread(product: str) -> str | None:
    """What a details row's product name holds that is another field of its row (an amount, a
    date, a column title or heading, a lone separator glyph), or None."""
    return product_misread(product, labels=_LINE_LABELS)


# --- the details table -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Table:
    """A details table's column header: where the product column starts, where the charge
    dates start, the value columns' titles and whether an Azure Credit column is printed."""

    product_x: float
    dates_x: float | None
    columns: tuple[Column, ...]
    azure: bool

    @property
    def order(self) -> tuple[str, ...]:
        return DETAILS_ORDER_AZURE if self.azure else DETAILS_ORDER


@dataclass(slots=True)
class _Band:
    """The lines of one charge row: the anchor (the line with its first charge date) and the
    lines of wrapped cells around it."""

    anchor: Row
    rows: list[Row] = field(default_factory=list)


def _keys_starting(lab: Labeller) -> dict[int, set[str]]:
    """The label keys whose phrase starts on each row (by the row's id)."""
    keys: dict[int, set[str]] = {}
    for hit in lab.hits:
        keys.setdefault(id(lab.rows[hit.rows[0]]), set()).add(hit.key)
    return keys


def _header_hits(lab: Labeller, row: Row) -> list[Hit]:
    return [h for h in lab.hits if lab.rows[h.rows[0]] is row]


def _table_of(lab: Labeller, row: Row) -> _Table:
    hits = _header_hits(lab, row)
    dates = next((h for h in hits if h.key == "col_charge_dates"), None)
    columns = [
        (COLUMN_FIELDS[h.key], min(w.x0 for w in h.words), max(w.x1 for w in h.words))
        for h in hits
        if h.key in COLUMN_FIELDS
    ]
    columns += [("total", h.first.x0, h.last.x1) for h in hits if h.key in ("total", "col_total")]
    return _Table(
        product_x=row.words[0].x0,
        dates_x=dates.first.x0 if dates else None,
        columns=tuple(columns),
        azure=any(h.key == "col_azure_credit" for h in hits),
    )


def _header_rows(lab: Labeller, row: Row) -> set[int]:
    """The rows a column header covers: its titles wrap onto the lines below."""
    return {id(lab.rows[r]) for h in _header_hits(lab, row) for r in h.rows}


#: A product name's last word with the charge date of the next cell glued to it.
_GLUED_DATE = re.compile(r"^(?P<text>.*[^\W\d_][.,)]?)(?P<date>\d{1,2}[./-]\d{1,2}[./-]\d{4})$")


def _unglued_dates(words: Sequence[Word]) -> list[Word]:
    """The words with a date that a cell without padding glued to the text before it
    (`Essentials07/31/2021`) split off, at the x the characters' share gives."""
    out: list[Word] = []
    for word in words:
        match = _GLUED_DATE.match(word.text)
        if match is None or printed_date(match["date"]) is None:
            out.append(word)
            continue
        cut = word.x0 + (word.x1 - word.x0) * len(match["text"]) / len(word.text)
        out += [
            replace(word, text=match["text"], x1=cut),
            replace(word, text=match["date"], x0=cut),
        ]
    return out


def _split(row: Row, table: _Table, dates_x: float) -> tuple[list[Word], list[Word]]:
    """A line's words in the product column and in the value columns (charge dates onward)."""
    words = _unglued_dates(row.words)
    product = [w for w in words if w.x0 < dates_x - 2]
    values = dash_split(meaningful([w for w in words if w.x0 >= dates_x - 2]))
    return product, values


def _is_joiner(word: Word) -> bool:
    return any((norm(word.text) or word.text,) == joiner for joiner in RANGE_JOINERS)


def _dates_of(values: Sequence[Word]) -> list[str]:
    return [w.text for w in values if printed_date(w.text)]


def _numbers_of(values: Sequence[Word]) -> list[Word]:
    return [w for w in values if not printed_date(w.text) and not _is_joiner(w)]


def _starts_with_date(values: Sequence[Word]) -> bool:
    return bool(values) and printed_date(values[0].text) is not None


def _is_dash(word: Word) -> bool:
    return len(word.text) == 1 and word.text in DASHES


def _is_end_date(values: Sequence[Word]) -> bool:
    """A line that continues the charge dates of the row above: it starts (after the range's
    dash, if any) with the end date, not followed by a dash or a date as a range's start is;
    the row's values may follow it."""
    rest = list(values[1:]) if values and _is_dash(values[0]) else list(values)
    if not rest or printed_date(rest[0].text) is None:
        return False
    after = rest[1] if len(rest) > 1 else None
    return after is None or not (_is_joiner(after) or printed_date(after.text))


def _anchors(values: Sequence[Sequence[Word]]) -> list[int]:
    """The lines that start a charge row: their value columns start with its first charge
    date; a line holding only the end date of the row above (wrapped) starts none."""
    anchors: list[int] = []
    open_end = False
    for i, vals in enumerate(values):
        end = open_end and _is_end_date(vals) and i - anchors[-1] <= 3
        if end or not _starts_with_date(vals):
            open_end = open_end and not end
            continue
        anchors.append(i)
        open_end = len(_dates_of(vals)) < 2
    return anchors


def _alignment(run: Sequence[Row], anchors: Sequence[int]) -> Alignment:
    """How the wrapped cells sit beside the values: lines before the first anchor mean the
    values are at the bottom, lines after the last one that they are at the top."""
    before = anchors[0] > 0
    after = anchors[-1] < len(run) - 1
    if before and after:
        return "middle"
    return "bottom" if before else "top"


def _gap(upper: Row, lower: Row) -> float:
    return lower.top - upper.bottom


def _boundary(run: Sequence[Row], low: int, high: int, first: int, align: Alignment) -> int:
    """Where the lines between anchors `low` and `high` divide: the index of the first line of
    the lower band, at the widest gap (the cell padding), not before `first`; on a tie, where
    the alignment puts it."""
    cuts = list(range(max(low + 1, first), high + 1))
    widest = max(_gap(run[k - 1], run[k]) for k in cuts)
    tied = [k for k in cuts if _gap(run[k - 1], run[k]) >= widest - 0.3]
    if align == "top":
        return tied[-1]
    if align == "bottom":
        return tied[0]
    middle = (low + high + 1) / 2
    return min(tied, key=lambda k: abs(k - middle))


def _is_note(row: Row, table: _Table, dates_x: float) -> bool:
    """A note beneath a row (an effective discount rate): a rate in the product column and
    nothing in the value columns; it belongs to no product name."""
    product, values = _split(row, table, dates_x)
    return not values and any(w.text.endswith(("%", "%)")) for w in product)


def _bands(run: Sequence[Row], table: _Table, dates_x: float) -> list[_Band]:
    """The run's lines grouped into one band per charge row."""
    run = [row for row in run if not _is_note(row, table, dates_x)]
    values = [_split(row, table, dates_x)[1] for row in run]
    anchors = _anchors(values)
    if not anchors:
        return []
    align = _alignment(run, anchors)
    bands = [_Band(run[i]) for i in anchors]
    lead = anchors[0]
    while lead > 0 and _gap(run[lead - 1], run[lead]) <= 1.5 * run[lead].height:
        lead -= 1
    bounds = [lead]
    for low, high in itertools.pairwise(anchors):
        forced = max(
            (k + 1 for k in range(low + 1, high) if _is_end_date(values[k])), default=low + 1
        )
        bounds.append(_boundary(run, low, high, forced, align))
    tail = anchors[-1]
    while tail + 1 < len(run) and _gap(run[tail], run[tail + 1]) <= 1.5 * run[tail].height:
        tail += 1
    bounds.append(tail + 1)
    for band, (start, end) in zip(bands, itertools.pairwise(bounds), strict=True):
        band.rows = list(run[start:end])
    return bands


def _adds_up(values: dict[str, str]) -> bool:
    """Total = Charges/Credits − Azure Credit + Tax amount, under either decimal mark."""
    for mark in (".", ","):
        try:
            charges = parse_amount(values["charges"], mark)
            credits = parse_amount(values.get("credits", "0"), mark)
            tax = parse_amount(values["tax"], mark)
            total = parse_amount(values["total"], mark)
        except (KeyError, ValueError):
            continue
        if charges - abs(credits) + tax == total:
            return True
    return False


def _row_values(words: Sequence[Word], table: _Table) -> dict[str, str] | None:
    """The value cells of a charge row named by their columns."""
    cells = cell_values(words)
    readings = regrouped(cell_values(words, grouped=False), table.order, RATE_FIELD)
    consistent = [r for r in readings if _adds_up(r)]
    return (
        (consistent[0] if len(consistent) == 1 else None)
        or by_order(cells, table.order, RATE_FIELD)
        or (readings[0] if len(readings) == 1 else None)
        or by_position(cells, table.columns)
    )


def _line_of(band: _Band, table: _Table, dates_x: float) -> RawLine | None:
    product: list[str] = []
    values: list[Word] = []
    for row in band.rows:
        words, vals = _split(row, table, dates_x)
        product += [w.text for w in words]
        values += vals
    dates = _dates_of(values)
    named = _row_values(_numbers_of(values), table)
    if named is None:
        named = {}
    rate = named.get("tax_rate")
    return RawLine(
        product=" ".join(product),
        period_start=dates[0] if dates else None,
        period_end=dates[1] if len(dates) > 1 else None,
        quantity=named.get("quantity"),
        unit_price=named.get("unit_price"),
        charges=named.get("charges"),
        credits=named.get("credits"),
        tax_rate=rate.replace("%", "").strip() if rate else None,
        tax=named.get("tax"),
        total=named.get("total"),
        page=band.anchor.page,
    )


def _runs(rows: Sequence[Row], lab: Labeller) -> list[tuple[_Table, list[Row]]]:
    """The details' rows in runs under their column header: a run ends at a heading, a label,
    the page footer or the page end; the details end at the payment instructions or the
    publisher information. A table continued on the next page without its column header
    keeps the last header's columns."""
    keys = _keys_starting(lab)
    runs: list[tuple[_Table, list[Row]]] = []
    table: _Table | None = None
    covered: set[int] = set()
    current: list[Row] = []

    def flush() -> None:
        nonlocal current
        if table is not None and current:
            runs.append((table, current))
        current = []

    for row in rows:
        row_keys = keys.get(id(row), set())
        first_key = lab.key_at(row.words[0])
        if first_key in DETAILS_END and table is not None:
            break
        if len(row_keys & HEADER_COLUMNS) >= 2:
            flush()
            table = _table_of(lab, row)
            covered = _header_rows(lab, row)
            continue
        if table is None or id(row) in covered:
            continue
        if current and row.page != current[-1].page:
            flush()
        if first_key in HEADINGS or is_footer(row) or row.x0 < table.product_x - 2:
            flush()
            continue
        if first_key is not None and not any(printed_date(w.text) for w in row.words):
            flush()
            continue
        current.append(row)
    flush()
    return runs


def _read_lines(rows: Sequence[Row], lab: Labeller) -> tuple[RawLine, ...]:
    lines: list[RawLine] = []
    for table, run in _runs(rows, lab):
        dates_x = table.dates_x if table.dates_x is not None else _first_date_x(run)
        if dates_x is None:
            continue
        for band in _bands(run, table, dates_x):
            line = _line_of(band, table, dates_x)
            if line is not None:
                lines.append(line)
    return tuple(lines)


def _first_date_x(run: Sequence[Row]) -> float | None:
    """Without a charge-dates title: where the first date of the run's rows starts."""
    xs = [min(w.x0 for w in row.words if printed_date(w.text)) for row in run
          if any(printed_date(w.text) for w in row.words)]  # fmt: skip
    return min(xs) if xs else None


# --- the section summary ------------------------------------------------------------------


def _section_row(row: Row, azure: bool) -> RawSection | None:
    """A section summary row: the section's name, then charges, [credits applied,] tax and
    total (the last numbers of the row: a name may end in a number)."""
    count = 4 if azure else 3
    values = cell_values(row.words)
    if len(values) < count:
        return None
    amounts = [w.text for w in values[-count:]]
    first = values[-count]
    name = " ".join(w.text for w in row.words if w.x1 <= first.x0)
    credits = amounts[1] if azure else None
    return RawSection(name, amounts[0], credits, amounts[-2], amounts[-1])


def _sections(lab: Labeller) -> tuple[RawSection, ...]:
    """The rows of the section summary: under its heading, the column header (section,
    charges, [Azure credits applied,] tax, total), then a row per section with its amounts;
    it ends at the details' heading, a gap of three lines or the page end."""
    heads = lab.find("invoice_sections")
    if not heads:
        return ()
    keys = _keys_starting(lab)
    hit = heads[0]
    previous = lab.rows[hit.rows[-1]]
    azure: bool | None = None
    found: list[RawSection] = []
    for row in lab.rows[hit.rows[-1] + 1 :]:
        if row.page != hit.page or row.top - previous.bottom > 3 * previous.height:
            break
        previous = row
        row_keys = keys.get(id(row), set())
        if azure is None:
            if {"charges", "total"} <= row_keys:
                azure = "azure_credits" in row_keys
            continue
        if lab.key_at(row.words[0]) in HEADINGS | DETAILS_END:
            break
        section = _section_row(row, azure)
        if section is not None:
            found.append(section)
    return tuple(found)


# --- the header ------------------------------------------------------------------------------


def _title_rows(rows: Sequence[Row], lab: Labeller) -> list[Row]:
    """The rows of the first page above its first header label: where the title stands."""
    if not rows:
        return []
    page = rows[0].page
    starts = [lab.rows[h.rows[0]].top for h in lab.hits if h.key in HEADER_START and h.page == page]
    top = min(starts, default=float("inf"))
    return [row for row in rows if row.page == page and row.top < top]


def _document_type(rows: Sequence[Row], lab: Labeller, total: str | None) -> DocumentType:
    """From the title; only where no title is recognised, a negative total is a credit note."""
    words = {id(w) for row in _title_rows(rows, lab) for w in row.words}
    keys = {h.key for h in lab.hits if id(h.first) in words}
    if "credit_note" in keys:
        return "credit_note"
    if "title" in keys:
        return "invoice"
    negative = total is not None and total.strip()[:1] in ("-", "−", "(")
    return "credit_note" if negative else "invoice"


def _publisher_rows(rows: Sequence[Row], lab: Labeller) -> set[int]:
    """The rows of the publisher information: from its heading down its page, until a gap of
    more than three lines (the page footer)."""
    found: set[int] = set()
    for hit in lab.find("publishers"):
        start = hit.rows[-1]
        previous = lab.rows[start]
        for row in lab.rows[start + 1 :]:
            if row.page != hit.page or row.top - previous.bottom > 3 * previous.height:
                break
            found.add(id(row))
            previous = row
    return found


def _seller_name(rows: Sequence[Row]) -> str | None:
    """The Microsoft entity named with its legal form most often (footer, payment
    instructions): `Microsoft Ireland Operations Ltd`, `Microsoft Corporation`."""
    names: Counter[str] = Counter()
    for row in rows:
        texts = [w.text.strip(",;") for w in row.words]
        for i, text in enumerate(texts):
            if norm(text) != MICROSOFT:
                continue
            for j in range(i + 1, min(i + 6, len(texts))):
                if texts[j] in DASHES:
                    break
                if is_legal_form(texts[j]):
                    names[" ".join(texts[i : j + 1])] += 1
                    break
    if names:
        return names.most_common(1)[0][0]
    return seller(rows)[0]


def _vat_of(words: Sequence[Word]) -> str | None:
    return vat_number([w.text for w in words])


def _names_vat(row: Row) -> bool:
    """A row that names a VAT number (`VAT number:`, `Btw-nummer:`, `USt-IdNr.:`)."""
    return any(norm(w.text) in VAT_LABELS for w in row.words)


def _seller_vat_rows(rows: Sequence[Row], name: str | None) -> list[Row]:
    """Where the seller's VAT number stands: rows that name a VAT number; else the rows that
    name the seller and the row below each (a footer printing the number bare)."""
    labelled = [row for row in rows if _names_vat(row)]
    if labelled or not name:
        return labelled
    near: list[Row] = []
    for i, row in enumerate(rows):
        if name in row.text:
            near += [r for r in rows[i : i + 2] if r.page == row.page]
    return near


def _vat_numbers(rows: Sequence[Row]) -> list[str]:
    return [v for row in rows if (v := _vat_of(row.words))]


def _bank_account(lab: Labeller) -> BankAccount | None:
    """The account the payment instructions name: its IBAN (check digits holding) and BIC."""
    iban = value_of(lab, "iban", read_iban)
    return BankAccount(iban, value_of(lab, "bic", read_bic)) if iban else None


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    first = [rows[0].page] if rows else None
    sold, bill = block_rows(lab, "sold_to"), block_rows(lab, "bill_to")
    in_blocks = {id(w) for block in (sold, bill) for line in block for w in line}
    customer_vat = next(
        (v for block in (sold, bill) for line in block if (v := _vat_of(line))), None
    )
    publishers = _publisher_rows(rows, lab)
    outside = [
        Row(row.page, kept)
        for row in rows
        if id(row) not in publishers
        and (kept := tuple(w for w in row.words if id(w) not in in_blocks))
    ]
    details = {id(row) for _, run in _runs(rows, lab) for row in run}
    plain = [row for row in outside if id(row) not in details]
    name = _seller_name(outside)
    supplier_vat = next(
        (v for v in _vat_numbers(_seller_vat_rows(plain, name)) if v != customer_vat), None
    )
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER)) or value_of(
        lab, "credit_number", read_code(INVOICE_NUMBER)
    )
    period = range_of(lab, "period")
    total = value_of(lab, "total", read_amount, pages=first)
    tax = value_of(lab, "tax", read_amount, pages=first)
    return RawInvoice(
        family=FAMILY,
        language=language,
        document_type=_document_type(rows, lab, total),
        supplier_name=name,
        supplier_vat=supplier_vat,
        customer_name=block_name(sold or bill),
        customer_vat=customer_vat,
        invoice_number=number,
        invoice_date=value_of(lab, "invoice_date", read_date)
        or value_of(lab, "credit_date", read_date),
        due_date=value_of(lab, "due_date", read_date),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        purchase_order=value_of(lab, "purchase_order", read_text),
        payment_terms=value_of(lab, "payment_terms", read_text),
        original_invoice=value_of(lab, "original_invoice", read_code(INVOICE_NUMBER)),
        currency=currency_of(rows),
        charges=value_of(lab, "charges", read_amount, pages=first),
        credits=value_of(lab, "credits", read_amount, pages=first),
        azure_credits=value_of(lab, "azure_credits", read_amount, pages=first),
        subtotal=value_of(lab, "subtotal", read_amount, pages=first),
        taxes=(tax,) if tax else (),
        total=total,
        lines=_read_lines(rows, lab),
        sections=_sections(lab),
        lines_print_net=False,
        summary_hides_zero=True,
        seller_address=footer_address(rows, name),
        customer_address=block_address(sold or bill),
        bank_account=_bank_account(lab),
    )
