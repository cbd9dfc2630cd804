"""A charge line segmented by the shapes of its values and a family's declared phrases.

A line's words come in cells (runs of words, continued by the wrapped rows below them) that any
template may arrange: the licence count under the subscription id, the price phrase under the
product, the charge type joined to the product by a separator glyph, a prorated line's service
period and day count under the product in the same cell, the amount on the first or the last
row. Nothing here depends on which cell holds what: every cell is searched for the shapes of
the line's values (a period phrase, a day count, a licence count, a price phrase, a charge
type, an amount), each found value is cut out, and what remains is the product name. The words
themselves are the family's (`LinePhrases`), declared in its vocabulary module; this module
knows no Microsoft word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from pipeline.layouts.raw import RawLine
from pipeline.layouts.vocabulary import RANGE_JOINERS
from pipeline.model import PriceBasis, Word
from pipeline.parsing import (
    DateOrder,
    month_number,
    parse_amount,
    printed_date,
    r2,
    strip_currency,
    written_date,
)

#: Glyphs some engines print between a product and its charge type.
SEPARATORS = "·•|–—-/"
#: Separators that are never part of a product name when they stand alone in it.
INTRUDING_SEPARATORS = "·•|–—"

_CUT = "\x00"


def alternatives(fragments: Iterable[str]) -> str:
    """A regex alternation of fragments, those of several words and the longer ones first
    (`licences utilisateur` before `licences`)."""
    unique = dict.fromkeys(fragments)
    return "|".join(sorted(unique, key=lambda f: (-f.count(r"\s"), -len(f))))


def literal(phrase: str) -> str:
    """A printed phrase as a regex fragment whose spaces match any run of spaces."""
    return r"\s+".join(map(re.escape, phrase.split()))


@dataclass(frozen=True, slots=True)
class LinePhrases:
    """The words of a charge line in every language a family prints, as regex fragments
    (matched case-insensitively).

    `licences` are the licence nouns (`gebruikerslicenties?`), `per` the word before a licence
    or a term (`per`, `par`, `pro`), `terms` the term words and their basis (`maand` → month),
    `once` words that make a price one-time without a licence noun (`eenmalig`),
    `charge_types` the printed charge types, `period_labels` and `days_labels` the labels of a
    line's own service period and day count.
    """

    licences: tuple[str, ...]
    per: tuple[str, ...]
    terms: Mapping[str, PriceBasis]
    once: tuple[str, ...]
    charge_types: tuple[str, ...]
    period_labels: tuple[str, ...]
    days_labels: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", _patterns(self))


AMOUNT_TEXT = (
    r"[-(]?(?:[€$£]\s?)?"
    r"(?:\d{1,3}(?:[\u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?[€$£])?\)?"
)
#: An amount of a line: two decimals or a currency sign, so `(Plan 1)` is never one.
MONEY_TEXT = (
    r"[-(]?(?:[€$£]\s?)?-?\d[\d.,\u00a0\u202f]*[.,]\d{2}\)?(?:\s?[€$£])?"
    r"|[-(]?[€$£]\s?\d+(?:[.,]\d+)?\)?"
    r"|[-(]?\d+(?:[.,]\d+)?\s?[€$£]\)?"
)
_NUMERIC_DATE = r"\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{1,2}-\d{1,2}"
_WRITTEN_DATE = r"\d{1,2}\.?\s+[^\W\d_]+\.?,?\s+\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4}"
DATE_TEXT = rf"(?:{_NUMERIC_DATE}|{_WRITTEN_DATE})"
_JOINERS = "|".join(r"\s+".join(map(re.escape, j)) for j in RANGE_JOINERS)


def _patterns(p: LinePhrases) -> dict[str, re.Pattern[str]]:
    licence = alternatives(p.licences)
    per = alternatives(p.per)
    terms = alternatives(p.terms)
    flags = re.IGNORECASE
    days_label = alternatives(p.days_labels)
    days = rf"(?:{days_label})\s*:?\s*(?P<days>\d{{1,4}})(?!\d)"
    return {
        "period": re.compile(
            rf"(?:(?:{alternatives(p.period_labels)})\s*:?\s*)?"
            rf"(?P<start>{DATE_TEXT})\s*(?:{_JOINERS})\s*(?P<end>{DATE_TEXT})"
            rf"(?:\s*{days})?",
            flags,
        ),
        "days": re.compile(days, flags),
        "days_label": re.compile(rf"(?<!\w)(?:{days_label})(?!\w)(?:\s*:)?", flags),
        "licences": re.compile(rf"(?<![\d.,])(?P<q>\d+)\s+(?:{licence})(?!\w)", flags),
        "price": re.compile(
            rf"(?P<p>{AMOUNT_TEXT})\s+(?:{per})\s+"
            rf"(?:(?:{licence})(?:\s*,?\s*(?:{per})\s+(?P<basis>{terms}))?"
            rf"|(?P<term>{terms}))(?!\w)",
            flags,
        ),
        "one_time": re.compile(rf"(?P<p>{AMOUNT_TEXT})\s+(?:{alternatives(p.once)})(?!\w)", flags),
        "term": re.compile(rf"(?<!\w)(?:{per})\s+(?P<term>{terms})(?!\w)", flags),
        "licence_word": re.compile(rf"(?<!\w)(?:{licence})(?!\w)", flags),
        "line_label": re.compile(
            rf"(?<!\w)(?:{alternatives((*p.period_labels, *p.days_labels))})(?!\w)", flags
        ),
        "charge_type": re.compile(rf"(?<!\w)(?:{alternatives(p.charge_types)})(?!\w)", flags),
        "money": re.compile(rf"(?:^|(?<=\s)|(?<={_CUT}))(?P<a>{MONEY_TEXT})(?=$|\s|{_CUT})"),
    }


@dataclass(frozen=True, slots=True)
class Segments:
    """The values of one charge line and the text left for its product name."""

    product: str = ""
    charge_type: str | None = None
    quantity: str | None = None
    unit_price: str | None = None
    price_basis: PriceBasis | None = None
    period_start: str | None = None
    period_end: str | None = None
    days: str | None = None
    amount: str | None = None
    #: How many pieces of text the product name was joined from (one for a name in one cell).
    pieces: int = 0


@dataclass
class _Cell:
    """A cell's text as it is being cut: found values become `_CUT` marks."""

    text: str
    top: float
    x0: float
    x1: float


def _is_date(text: str) -> bool:
    if re.fullmatch(_NUMERIC_DATE, text):
        return True
    return any(month_number(w) for w in re.findall(r"[^\W\d_]+", text))


def segment(cells: Sequence[Sequence[Word]], phrases: LinePhrases) -> Segments:
    """The line's values, wherever they sit among `cells` (GUIDs already removed)."""
    cells = _day_count_together(cells, phrases)
    texts = [
        _Cell(_joined(c), min(w.top for w in c), c[0].x0, max(w.x1 for w in c)) for c in cells if c
    ]
    found: dict[str, str] = {}
    patterns = phrases.patterns

    def cut(key: str, take: Iterable[str]) -> None:
        for cell in texts:
            kept: list[str] = []
            at = 0
            for match in patterns[key].finditer(cell.text):
                if key == "period" and not (_is_date(match["start"]) and _is_date(match["end"])):
                    continue
                for name in take:
                    value = match.groupdict().get(name)
                    if value and name not in found:
                        found[name] = value.strip()
                if key in ("price", "one_time"):
                    found.setdefault("basis", _basis(match, phrases))
                kept += [cell.text[at : match.start()], _CUT]
                at = match.end()
            cell.text = "".join(kept) + cell.text[at:]

    cut("period", ("start", "end", "days"))
    cut("days", ("days",))
    cut("price", ("p",))
    cut("one_time", ("p",))
    cut("licences", ("q",))
    cut("charge_type", ())
    charge_type = _charge_type(cells, phrases)
    if found.get("basis") == "once":
        term = next((m for c in texts if (m := patterns["term"].search(c.text))), None)
        if term is not None:
            found["basis"] = phrases.terms[term["term"].casefold()]
            for cell in texts:
                cell.text = cell.text.replace(term.group(0), _CUT, 1)
    amount = _line_amount(texts, patterns["money"])
    parts = [
        part
        for cell in sorted(texts, key=lambda c: (round(c.top), c.x0))
        for part in _product_parts(cell.text)
    ]
    product = " ".join(parts)
    basis = _BASES.get(found.get("basis", ""))
    return Segments(
        product=" ".join(product.split()),
        charge_type=charge_type,
        quantity=found.get("q"),
        unit_price=found.get("p"),
        price_basis=basis,
        period_start=found.get("start"),
        period_end=found.get("end"),
        days=found.get("days"),
        amount=amount,
        pieces=len(parts),
    )


_BASES: dict[str, PriceBasis] = {"month": "month", "year": "year", "once": "once"}


def _basis(match: re.Match[str], phrases: LinePhrases) -> str:
    term = match.groupdict().get("basis") or match.groupdict().get("term")
    return phrases.terms[term.casefold()] if term else "once"


def _charge_type(cells: Sequence[Sequence[Word]], phrases: LinePhrases) -> str | None:
    """The charge type as printed (its words joined by single spaces)."""
    for cell in cells:
        text = " ".join(w.text for w in cell)
        match = phrases.patterns["charge_type"].search(text)
        if match:
            return " ".join(match.group(0).split())
    return None


def _line_amount(cells: list[_Cell], money: re.Pattern[str]) -> str | None:
    """The rightmost amount left in the line's cells (the line amount), cut out of its cell."""
    best: tuple[float, _Cell, re.Match[str]] | None = None
    for cell in cells:
        for match in money.finditer(cell.text):
            if best is None or cell.x1 > best[0] or (cell is best[1]):
                best = (cell.x1, cell, match)
    if best is None:
        return None
    _, cell, match = best
    cell.text = cell.text[: match.start("a")] + _CUT + cell.text[match.end("a") :]
    body = strip_currency(match["a"])[0]
    return re.sub(r"(?<=[(-])\s+|\s+(?=\))", "", body)


#: A glyph the PDF gives no text for (pdfminer's `(cid:127)`, which the word reader may cut
#: in two): between a product and the value beside it, the separator an engine could not encode.
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_UNMAPPED_CUT = re.compile(r"\(cid:\s+(\d+)\)")


def _joined(words: Sequence[Word]) -> str:
    return _UNMAPPED_CUT.sub(r"(cid:\1)", " ".join(w.text for w in words))


def _is_separator(word: str) -> bool:
    return (len(word) == 1 and word in SEPARATORS) or bool(_UNMAPPED.fullmatch(word))


def _product_parts(text: str) -> list[str]:
    """The fragments of a cell's text between the cut values, without the separator glyphs
    that stood between a product and a value cut out beside it."""
    parts = []
    for fragment in text.split(_CUT):
        words = fragment.split()
        while words and _is_separator(words[-1]):
            words.pop()
        while words and _is_separator(words[0]):
            words.pop(0)
        if words:
            parts.append(" ".join(words))
    return parts


def cut_phrase(text: str, phrase: re.Pattern[str]) -> tuple[str, str | None]:
    """`text` without what `phrase` finds in it (and the separator glyphs beside it), and that
    phrase as printed (its words joined by single spaces), or None."""
    text = _UNMAPPED_CUT.sub(r"(cid:\1)", text)
    match = phrase.search(text)
    if match is None:
        return " ".join(text.split()), None
    rest = text[: match.start()] + _CUT + text[match.end() :]
    return " ".join(_product_parts(rest)), " ".join(match.group(0).split())


# --- a day count printed apart from its label ---------------------------------------------------

_COUNT = re.compile(r"\d{1,4}")


def _day_count_together(
    cells: Sequence[Sequence[Word]], phrases: LinePhrases
) -> Sequence[Sequence[Word]]:
    """`cells` with a day count whose label and number were printed apart (the number wrapped
    onto the row below or above, in another cell, or before its label) moved into a cell of
    their own, `label number`, so that it reads as one phrase; `cells` as they are when the
    label is followed by its number, or when no lone number sits beside the label."""
    patterns = phrases.patterns
    texts = [" ".join(w.text for w in c) for c in cells]
    if any(patterns["days"].search(t) for t in texts):
        return cells
    bare = [
        (c, m)
        for c, t in zip(cells, texts, strict=True)
        for m in patterns["days_label"].finditer(t)
    ]
    if len(bare) != 1:
        return cells
    cell, match = bare[0]
    label = _words_within(cell, match.start(), match.end())
    taken = set(map(id, label))
    others = [w for c in cells for w in c if id(w) not in taken]
    number = _day_count_beside(label, others, _period_lengths(texts, phrases))
    if number is None:
        return cells
    moved = [*label, *_colon_before(number, others), number]
    gone = set(map(id, moved))
    kept = [[w for w in c if id(w) not in gone] for c in cells]
    return [*(c for c in kept if c), moved]


def _words_within(cell: Sequence[Word], start: int, end: int) -> list[Word]:
    """The words of `cell` that the characters `start`–`end` of its text (its words joined by
    single spaces) fall in."""
    found: list[Word] = []
    at = 0
    for word in cell:
        if at < end and start < at + len(word.text):
            found.append(word)
        at += len(word.text) + 1
    return found


def _period_lengths(texts: Sequence[str], phrases: LinePhrases) -> set[int] | None:
    """The inclusive day counts the line's service period may have (both day/month orders of
    a numeric date), or None when the line prints no period."""
    for text in texts:
        match = _search(phrases, "period", text)
        if match is None:
            continue
        lengths: set[int] = set()
        orders: tuple[DateOrder, ...] = ("dmy", "mdy")
        for order in orders:
            start, end = (_date_of(match[key], order) for key in ("start", "end"))
            if start is not None and end is not None:
                lengths.add((end - start).days + 1)
        return lengths
    return None


def _date_of(text: str, order: DateOrder) -> date | None:
    printed = printed_date(text)
    return printed.resolve(order) if printed is not None else written_date(text)


def _day_count_beside(
    label: Sequence[Word], words: Sequence[Word], lengths: set[int] | None
) -> Word | None:
    """The lone whole number that reads as the count of the day-count `label`: right after it
    on its row, at the start of the row below (wrapped), just before it, or at the end of the
    row above; one that agrees with the line's period first. Without a period, only a number
    after the label on its own row is taken."""
    first, last = label[0], label[-1]
    height = last.bottom - last.top
    ranked: list[tuple[bool, int, float, Word]] = []
    for word in words:
        if not _COUNT.fullmatch(word.text):
            continue
        rise = word.top - last.top
        if abs(rise) < height / 2 and 0 <= word.x0 - last.x1 <= 4 * height:
            place, distance = 0, word.x0 - last.x1
        elif lengths is None:
            continue
        elif 0 < rise <= 1.6 * height and word.x0 <= last.x1:
            place, distance = 1, rise + abs(word.x0 - first.x0) / 100
        elif abs(rise) < height / 2 and 0 <= first.x0 - word.x1 <= 4 * height:
            place, distance = 2, first.x0 - word.x1
        elif 0 < -rise <= 1.6 * height and word.x1 >= first.x0:
            place, distance = 3, -rise
        else:
            continue
        agrees = lengths is None or int(word.text) in lengths
        ranked.append((not agrees, place, distance, word))
    if not ranked:
        return None
    return min(ranked, key=lambda r: r[:3])[3]


def _colon_before(number: Word, words: Sequence[Word]) -> list[Word]:
    """A lone colon printed just before `number` on its row (a label wrapped before its colon)."""
    return [
        w
        for w in words
        if w.text == ":"
        and abs(w.top - number.top) < number.height / 2
        and 0 <= number.x0 - w.x1 <= 2 * number.height
    ]


# --- what a product name never holds ------------------------------------------------------------

_MONEY_WORD = re.compile(rf"(?<!\S)(?:{MONEY_TEXT})(?!\S)")
_DATE_WORDS = re.compile(rf"(?<!\w)(?:{DATE_TEXT})(?!\w)")
#: What each phrase of a charge line is called in a finding, in the order they are looked for.
_INTRUDERS = (
    ("period", "a service period"),
    ("price", "a price phrase"),
    ("one_time", "a price phrase"),
    ("licences", "a licence count"),
    ("days", "a day count"),
    ("charge_type", "a charge type"),
    ("licence_word", "a licence phrase"),
    ("term", "a price basis"),
    ("line_label", "the label"),
)


def misread(
    product: str, phrases: LinePhrases | None = None, labels: re.Pattern[str] | None = None
) -> str | None:
    """What a product name holds that is another field of its line, named with the text
    (`a price phrase '€ 6,20 per gebruikerslicentie'`), or None for a clean name. Any family's
    names are checked for amounts, dates and lone separator glyphs; a family that declares its
    line phrases and labels has them looked for too."""
    found: list[tuple[str, str]] = []
    product = _UNMAPPED_CUT.sub(r"(cid:\1)", product)
    if phrases is not None:
        found += [
            (name, m.group(0)) for key, name in _INTRUDERS if (m := _search(phrases, key, product))
        ]
    if labels is not None and (label := labels.search(product)):
        found.append(("the label", label.group(0)))
    if money := _MONEY_WORD.search(product):
        found.append(("an amount", money.group(0)))
    dates = [m.group(0) for m in _DATE_WORDS.finditer(product) if _is_date(m.group(0))]
    if dates:
        found.append(("a date", dates[0]))
    glyphs = [
        w
        for w in product.split()
        if (len(w) == 1 and w in INTRUDING_SEPARATORS + ",;:") or _UNMAPPED.fullmatch(w)
    ]
    if glyphs:
        found.append(("a lone separator or punctuation glyph", glyphs[0]))
    if not found:
        return None
    name, text = found[0]
    return f"{name} '{' '.join(text.split())}'"


def _search(phrases: LinePhrases, key: str, text: str) -> re.Match[str] | None:
    match = phrases.patterns[key].search(text)
    if match is None or key != "period":
        return match
    return match if _is_date(match["start"]) and _is_date(match["end"]) else None


# --- whether a line's values agree --------------------------------------------------------------

_TERMS = (28, 29, 30, 31, 365, 366)


def adds_up(line: RawLine) -> bool:
    """Whether the line's printed count × price is its amount, in full or prorated by its
    days over a month or a year, under either decimal mark (the document's is not decided
    yet): a band of rows that holds one whole line, not parts of two."""
    if not (line.quantity and line.unit_price and line.amount):
        return False
    for mark in (".", ","):
        try:
            quantity = parse_amount(line.quantity, mark)
            price = parse_amount(line.unit_price, mark)
            amount = abs(parse_amount(line.amount, mark))
        except ValueError:
            continue
        if r2(quantity * price) == amount:
            return True
        days = int(line.days) if line.days and line.days.isdigit() else None
        if days and any(r2(quantity * price * days / term) == amount for term in _TERMS):
            return True
    return False
