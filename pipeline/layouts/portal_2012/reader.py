"""Family A, `portal-2012`: the reader of the Office 365 portal invoice (2011 – ~2016).

The header by its labels; the charge lines as the bands of rows around each subscription id,
their cells holding the product, the licence count, the price and its basis, the amount.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from pipeline.layouts.geometry import Labeller, Row, rows_of
from pipeline.layouts.parties import currency_of, customer_block, parties
from pipeline.layouts.portal_2012.vocabulary import (
    INVOICE_NUMBER,
    LABELS,
    LINE_PHRASES,
    SUBSCRIPTION_ID,
)
from pipeline.layouts.raw import RawInvoice, RawLine
from pipeline.layouts.segments import LinePhrases, Segments, adds_up, literal, segment
from pipeline.layouts.segments import misread as product_misread
from pipeline.layouts.tables import alignments, cells, is_footer
from pipeline.layouts.values import (
    range_of,
    read_amount,
    read_code,
    read_date,
    read_rate_and_amount,
    read_text,
    value_of,
)
from pipeline.layouts.vocabulary import ANY_INVOICE_NUMBER, LANGUAGES, printed
from pipeline.model import Family, Language, Word

FAMILY: Family = "portal-2012"


def _fragments(concept: str) -> tuple[str, ...]:
    """A line phrase's regex fragments in every language."""
    return tuple(f for lang in LANGUAGES for f in printed(LINE_PHRASES[lang]).get(concept, ()))


#: The words of a charge line, every language at once: a portal invoice may mix them.
PHRASES = LinePhrases(
    licences=_fragments("licences"),
    per=_fragments("per"),
    terms={word.casefold(): basis for basis in ("year", "month") for word in _fragments(basis)},
    once=_fragments("once"),
    charge_types=tuple(
        literal(phrase)
        for lang in LANGUAGES
        for phrase in printed(LABELS[lang]).get("charge_type", ())
    ),
    period_labels=_fragments("service_period"),
    days_labels=_fragments("days"),
)


def misread(product: str) -> str | None:
    """What a portal line's product name holds that is another field of the line."""
    return product_misread(product, PHRASES)


def _readings(words: Sequence[Word]) -> Iterator[Segments]:
    """The line read from its cells as columns bound them; from its cells split at wide gaps
    only (a monospaced font lines up words of unrelated cells), or at wider gaps still (two
    spaces between a period and its day count); from its rows in reading
    order (cells that a template placed so close they read as one)."""
    yield segment(cells(words), PHRASES)
    yield segment(cells(words, columns=False), PHRASES)
    yield segment(cells(words, columns=False, space=1.5), PHRASES)
    yield segment([list(row.words) for row in rows_of(words)], PHRASES)


def _completeness(found: Segments) -> tuple[bool, int, int]:
    """How well a reading explains the line: a clean product name first, then the values it
    found, then a product name read in one piece (a name split over cells may be joined out of
    order)."""
    values = (found.quantity, found.unit_price, found.amount, found.product)
    return (misread(found.product) is None, sum(1 for v in values if v), -found.pieces)


def _best_reading(words: Sequence[Word]) -> Segments:
    """The reading that explains the line best (the first of equals); where none is clean,
    the product-name check reports what went wrong."""
    return max(_readings(words), key=_completeness)


def _line_from_block(words: Sequence[Word], lab: Labeller) -> RawLine:
    """A charge line from the words of its band: the subscription id anchors it, the charge
    type is the label found among its words (even wrapped beside a wrapped product), and every
    other value is found by its shape wherever it sits among the band's cells."""
    return _read_band(words, lab)[0]


def _read_band(words: Sequence[Word], lab: Labeller) -> tuple[RawLine, Segments]:
    """The charge line of a band and the reading it came from."""
    guid = next(w.text for w in words if SUBSCRIPTION_ID.fullmatch(w.text))
    labelled = next((h for h in lab.find("charge_type") if all(w in words for w in h.words)), None)
    apart = set(map(id, labelled.words)) if labelled else set()
    rest = [w for w in words if id(w) not in apart and not SUBSCRIPTION_ID.fullmatch(w.text)]
    found = _best_reading(rest)
    charge_type = " ".join(w.text for w in labelled.words) if labelled else found.charge_type
    line = RawLine(
        product=found.product,
        subscription_id=guid.lower(),
        charge_type=charge_type,
        period_start=found.period_start,
        period_end=found.period_end,
        days=found.days,
        quantity=found.quantity,
        unit_price=found.unit_price,
        price_basis=found.price_basis,
        charges=found.amount,
        amount=found.amount,
        page=words[0].page,
    )
    return line, found


def _runs(rows: Sequence[Row], lab: Labeller) -> list[list[Row]]:
    """The rows of the current charges, in runs broken by a label row (subtotal, a repeated
    heading), the page footer, a page break or a gap wider than four lines (cells may have
    wide padding)."""
    section = lab.find("current_charges")
    if section:
        start = section[0]
        rows = [r for r in rows if (r.page, r.top) >= (start.page, start.first.top)]
    runs: list[list[Row]] = []
    current: list[Row] = []
    for row in rows:
        labelled = any(lab.is_label(w) and not _is_charge_type(lab, w) for w in row.words)
        if is_footer(row):
            labelled = True
        if current and (
            labelled
            or row.page != current[-1].page
            or row.top - current[-1].bottom > 4 * row.height
        ):
            runs.append(current)
            current = []
        if not labelled:
            current.append(row)
    if current:
        runs.append(current)
    return runs


def _has_guid(row: Row) -> bool:
    return any(SUBSCRIPTION_ID.fullmatch(w.text) for w in row.words)


def _lines(rows: Sequence[Row], lab: Labeller) -> list[RawLine]:
    """The charge lines, each the band of rows around its subscription GUID. Where two GUIDs'
    bands meet is decided for the whole run at once: the boundaries under which every line
    adds up (count × price = amount) and reads cleanly, whose cells share one vertical
    alignment (all on the band's top, bottom or middle), then the widest gaps (rows of a line
    may be as far apart as two lines; product names wrapped above a vertically centred or
    bottom-aligned GUID stay with their line)."""
    lines: list[RawLine] = []
    for run in _runs(rows, lab):
        anchors = [i for i, row in enumerate(run) if _has_guid(row)]
        if anchors:
            lines += _split(run, anchors, lab)
    return lines


def _split(run: Sequence[Row], anchors: Sequence[int], lab: Labeller) -> list[RawLine]:
    """The lines of a run of rows with a GUID on each row of `anchors`: the best path over
    the possible boundaries between consecutive GUIDs (a few rows each), for each way a table
    aligns its cells (top, bottom, middle: one for the whole run)."""
    read: dict[tuple[int, int], tuple[RawLine, float, tuple[float, float, float]]] = {}

    def line(start: int, end: int) -> tuple[RawLine, float, tuple[float, float, float]]:
        if (start, end) not in read:
            words = [w for row in run[start:end] for w in row.words]
            found, reading = _read_band(words, lab)
            shares = alignments(cells(words))
            read[(start, end)] = (found, _plausibility(found, reading.pieces), shares)
        return read[(start, end)]

    def score(start: int, end: int, mode: int) -> float:
        _, plausible, shares = line(start, end)
        return plausible + 5.0 * shares[mode]

    def best_path(mode: int) -> tuple[float, list[int]]:
        best: dict[int, tuple[float, list[int]]] = {0: (0.0, [0])}
        for before, after in itertools.pairwise(anchors):
            best = {
                end: max(
                    (total + score(start, end, mode) + 0.001 * _gap(run, end), [*bounds, end])
                    for start, (total, bounds) in best.items()
                )
                for end in range(before + 1, after + 1)
            }
        return max(
            (total + score(start, len(run), mode), [*bounds, len(run)])
            for start, (total, bounds) in best.items()
        )

    _, bounds = max(best_path(mode) for mode in range(3))
    return [line(start, end)[0] for start, end in itertools.pairwise(bounds)]


def _gap(run: Sequence[Row], at: int) -> float:
    return run[at].top - run[at - 1].bottom


def _plausibility(line: RawLine, pieces: int) -> float:
    """How much a band of rows looks like one whole charge line: its values add up, its
    product name is clean, its values are all there, its product name is one piece of text
    (not rows of two names in two columns) that does not start inside parentheses."""
    values = (line.quantity, line.unit_price, line.amount, line.product)
    clean = misread(line.product) is None
    whole = 2.0 * (pieces <= 1) + 2.0 * (not line.product.startswith(("(", ")")))
    return 100.0 * adds_up(line) + 10.0 * clean + sum(1 for v in values if v) + whole


def _is_charge_type(lab: Labeller, word: Word) -> bool:
    return any(word in h.words for h in lab.find("charge_type"))


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER))
    number = number or value_of(lab, "invoice_number", read_code(ANY_INVOICE_NUMBER))
    period = range_of(lab, "period")
    tax = value_of(lab, "tax", read_rate_and_amount, last=True)
    supplier, customer = parties(rows, customer_block(lab, "bill_to"))
    lines = tuple(_lines(rows, lab))
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
        currency=currency_of(rows),
        previous_balance=value_of(lab, "previous_balance", read_amount),
        subtotal=value_of(lab, "subtotal", read_amount, last=True),
        taxes=(tax[1],) if tax else (),
        tax_rate=tax[0] if tax else None,
        total=value_of(lab, "total", read_amount, last=True),
        lines=lines,
    )
