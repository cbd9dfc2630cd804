"""Table reading shared by every family: rows, cells, value cells, columns, the adds-up probe.

Nothing here knows a Microsoft word: a family passes its column order (the line fields in the
order it prints them) and its column titles' positions. A row's values are named by the
fields of `pipeline.layouts.raw.RawLine` (charges, discounts, credits, amount, tax, total…).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.layouts.geometry import Row, merge_grouped, rows_of
from pipeline.layouts.vocabulary import FOOTER_HINTS, PAGE_OF
from pipeline.model import Word
from pipeline.parsing import (
    CURRENCY_SYMBOLS,
    amount_mark,
    is_amount,
    is_currency,
    parse_amount,
    strip_currency,
)

#: A column title's line field and its x span.
Column = tuple[str, float, float]


def is_footer(row: Row) -> bool:
    """The page footer: "Page 1 of 2" in any language, or the seller's address line (a long
    line naming the seller, unlike the seller's name alone at the top of an invoice)."""
    text = row.text.casefold()
    seller_line = len(row.words) >= 6 and any(h in text for h in FOOTER_HINTS)
    return bool(PAGE_OF.match(row.text.strip())) or seller_line


# --- cells of a block of text -----------------------------------------------------------------


_MONEY_START = re.compile(r"^[-(]?(?:[€$£]|[€$£]?\d[\d.,\u00a0]*[.,]\d{2}\)?(?:[€$£])?$)")


def _starts_money(word: Word, previous: Word) -> bool:
    """An amount (or its currency sign) right after a word of text starts a new cell: a line
    amount printed close to the end of the price phrase is its own column."""
    return bool(_MONEY_START.match(word.text)) and any(c.isalpha() for c in previous.text)


def _space_after(previous: Word, word: Word, space: float = 0.8) -> float:
    """The widest gap between two words of one run: a space (a monospaced space is 0.6 em,
    `space` em in all); more after a currency sign, which engines that measure the standard
    fonts' € as zero wide print a whole glyph before the word after it (or end a word that
    holds one a glyph short)."""
    if is_currency(previous.text) and previous.x1 - previous.x0 < 0.6 * previous.height:
        return (space + 0.8) * word.height
    if any(sign in previous.text for sign in CURRENCY_SYMBOLS):
        return (space + 0.6) * word.height
    return space * word.height


def segments(row: Row, aligned: Sequence[float], space: float = 0.8) -> list[list[Word]]:
    """A row's runs of words: a new run starts after a gap wider than a space (a monospaced
    space is 0.6 em) or at an x where runs start on other rows of the block (a column, even
    with tight cell padding)."""
    runs: list[list[Word]] = []
    for word in merge_grouped(row.words):
        at_column = any(abs(word.x0 - x) <= 1.5 for x in aligned)
        money_after_text = bool(runs) and _starts_money(word, runs[-1][-1])
        close = bool(runs) and word.x0 - runs[-1][-1].x1 <= _space_after(runs[-1][-1], word, space)
        if close and not at_column and not money_after_text:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def column_starts(rows: Sequence[Row]) -> list[float]:
    """The x positions where a run starts on one row and a word starts on another row of the
    block: a column whose cell wrapped, even where tight padding ran it into its neighbour."""
    starts = [(i, s[0].x0) for i, row in enumerate(rows) for s in segments(row, ())]
    lefts = [(i, w.x0) for i, row in enumerate(rows) for w in row.words]
    return [x for i, x in starts if any(j != i and abs(x - other) <= 1.5 for j, other in lefts)]


def cells(words: Sequence[Word], *, columns: bool = True, space: float = 0.8) -> list[list[Word]]:
    """The block's words grouped into cells: runs of words on a row, continued by the runs
    that start at the same x on the next line of text below (a cell wrapped in a narrow
    column; rows of vertically centred neighbours may lie in between). With `columns`, a run
    also ends where runs start on other rows (tight padding); without, only at a wide gap (a
    monospaced font lines up words of unrelated cells). `space` is the widest gap inside a run,
    in em."""
    rows = rows_of(words)
    aligned = column_starts(rows) if columns else []
    found: list[list[Word]] = []
    for row in rows:
        for segment in segments(row, aligned, space):
            owner = next(
                (
                    cell
                    for cell in reversed(found)
                    if abs(cell[0].x0 - segment[0].x0) <= 2.5
                    and 0 <= segment[0].top - cell[-1].bottom < 0.9 * row.height
                ),
                None,
            )
            if owner is not None:
                owner.extend(segment)
            else:
                found.append(list(segment))
    return found


def alignments(found: Sequence[Sequence[Word]]) -> tuple[float, float, float]:
    """How consistently the cells of a band of rows share a vertical alignment (0 to 1 each):
    the share of its cells whose top lies on the band's top, whose bottom lies on its bottom,
    and whose middle lies on its middle. A band cut across two table rows leaves cells hanging
    off its ends."""
    boxes = [(min(w.top for w in c), max(w.bottom for w in c)) for c in found if c]
    if not boxes:
        return 0.0, 0.0, 0.0
    top = min(t for t, _ in boxes)
    bottom = max(b for _, b in boxes)
    slack = 0.4 * min(b - t for t, b in boxes)
    middle = (top + bottom) / 2
    return (
        sum(abs(t - top) <= slack for t, _ in boxes) / len(boxes),
        sum(abs(b - bottom) <= slack for _, b in boxes) / len(boxes),
        sum(abs((t + b) / 2 - middle) <= slack for t, b in boxes) / len(boxes),
    )


# --- value cells of a table row ---------------------------------------------------------------


def is_number(text: str) -> bool:
    """A number as a table cell prints it: an amount, a count, a rate with its `%`."""
    return bool(re.fullmatch(r"[-(]?\d[\d.,\u00a0 ]*\)?%?|\d+(?:[.,]\d+)?\s?%", text))


def _in_cents(text: str) -> str | None:
    """The decimal mark of an amount printed with exactly two decimals, or None."""
    mark = text[-3:-2]
    if mark in (".", ",") and is_amount(text) and amount_mark(text) == mark:
        return mark
    return None


def unglued_amounts(word: Word) -> list[Word]:
    """Two amounts that cells without padding printed as one word (`238.562,598.96` →
    `238.56` `2,598.96`), when exactly one cut gives two amounts in cents of one convention."""
    text = word.text
    if not text[:1].isdigit():
        return [word]
    cuts = [
        cut
        for cut in range(4, len(text) - 3)
        if text[cut].isdigit() and (mark := _in_cents(text[:cut])) and _in_cents(text[cut:]) == mark
    ]
    if len(cuts) != 1:
        return [word]
    x = word.x0 + (word.x1 - word.x0) * cuts[0] / len(text)
    return [replace(word, text=text[: cuts[0]], x1=x), replace(word, text=text[cuts[0] :], x0=x)]


def cell_values(words: Sequence[Word], *, grouped: bool = True) -> list[Word]:
    """The row's value cells: numbers with currency signs dropped and `%` joined to its rate;
    with `grouped`, thousands split at a space are joined first (`1 234,56`)."""
    values: list[Word] = []
    kept = [u for w in words if not is_currency(w.text) for u in unglued_amounts(w)]
    for word in merge_grouped(kept) if grouped else kept:
        text = strip_currency(word.text)[0] if not word.text.endswith("%") else word.text
        if text == "%" and values:
            last = values[-1]
            values[-1] = Word(last.text + "%", last.x0, word.x1, last.top, last.bottom, last.page)
        elif is_number(text):
            values.append(Word(text, word.x0, word.x1, word.top, word.bottom, word.page))
    return values


# --- naming a row's values --------------------------------------------------------------------


def by_order(
    values: Sequence[Word], order: Sequence[str], rate_field: str
) -> dict[str, str] | None:
    """The values in the family's column order, the rate being the one marked `%`; None when
    the row has another number of values or its `%` stands in another column."""
    texts = [c.text for c in values]
    rate_column = order.index(rate_field)
    rate_at = next((i for i, t in enumerate(texts) if t.endswith("%")), rate_column)
    if len(texts) != len(order) or rate_at != rate_column:
        return None
    return dict(zip(order, texts, strict=True))


_GROUP_HEAD = re.compile(r"^-?\(?\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:[.,]\d+)?\)?$")


def regrouped(
    values: Sequence[Word], order: Sequence[str], rate_field: str
) -> list[dict[str, str]]:
    """Every reading of the row in the family's columns that joining some space-split
    thousands groups gives (`1` `485,00` → `1 485,00`), whatever the gap: in tiny or
    letter-spaced type a thousands space can be as wide as a narrow column gap."""
    joins = [
        i
        for i in range(len(values) - 1)
        if _GROUP_HEAD.match(values[i].text) and _GROUP_TAIL.match(values[i + 1].text)
    ]
    readings = []
    for chosen in itertools.product((False, True), repeat=min(len(joins), 10)):
        merged: list[str] = []
        join_after = {i for i, on in zip(joins, chosen, strict=False) if on}
        for i, cell in enumerate(values):
            if i - 1 in join_after:
                merged[-1] += "\u00a0" + cell.text
            else:
                merged.append(cell.text)
        named = by_order([Word(t, 0, 0, 0, 0, 0) for t in merged], order, rate_field)
        if named is not None:
            readings.append(named)
    return readings


def adds_up(values: dict[str, str]) -> bool:
    """charges − discounts − credits = amount and amount + tax = total, under either mark (a
    credit-and-rebill credit: credits = amount with no charges); `tax_rate` is not summed."""
    for mark in (".", ","):
        try:
            amount = {k: abs(parse_amount(v, mark)) for k, v in values.items() if k != "tax_rate"}
        except ValueError:
            continue
        net = amount["charges"] - amount["discounts"] - amount["credits"]
        if abs(net) == amount["amount"] and amount["amount"] + amount["tax"] == amount["total"]:
            return True
        if amount["credits"] == amount["amount"] and amount["charges"] == 0:
            return amount["amount"] + amount["tax"] == amount["total"]
    return False


def by_position(values: Sequence[Word], columns: Sequence[Column]) -> dict[str, str] | None:
    """Each value under the column title nearest to it, for rows with empty cells."""
    if not columns:
        return None
    found: dict[str, str] = {}
    for cell in values:
        middle = (cell.x0 + cell.x1) / 2

        def distance(column: Column, middle: float = middle) -> float:
            _, x0, x1 = column
            return 0.0 if x0 <= middle <= x1 else min(abs(middle - x0), abs(middle - x1))

        name = min(columns, key=distance)[0]
        if name in found:
            return None
        found[name] = cell.text
    return found
