"""Value shapes: reading a field's printed value from the words found beside a label."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from pipeline.layouts.geometry import Hit, Labeller, merge_grouped, norm
from pipeline.layouts.vocabulary import DASHES, RANGE_JOINERS
from pipeline.model import Word
from pipeline.parsing import (
    is_amount,
    is_currency,
    month_year,
    printed_date,
    strip_currency,
    written_date,
)
from pipeline.vatnumbers import checked_bic, checked_iban

T = TypeVar("T")
Reader = Callable[[Sequence[Word]], T | None]

_PERCENT = re.compile(r"^\(?-?\d+(?:[.,]\d+)?\s?%\)?$")


def meaningful(words: Sequence[Word]) -> list[Word]:
    """The words without lone punctuation (`:` after a French label, a bullet), and without
    the colon some engines glue to the value when its space is narrow (`:22/09/2013`)."""
    kept = (replace(w, text=w.text[1:]) if w.text[:1] in ":：" else w for w in words)
    return [w for w in kept if norm(w.text) or (len(w.text) == 1 and w.text in DASHES)]


def _range_cut(text: str) -> int | None:
    """Where a dash inside one word joins the two ends of a range (`01/12/2017–31/12/2017`,
    `2023–October`), or None; the hyphens inside an ISO or a Dutch date are not joiners."""
    inner = range(1, len(text) - 1)
    for i in inner:
        if text[i] in DASHES and printed_date(text[:i]) and printed_date(text[i + 1 :]):
            return i
    if printed_date(text):
        return None
    for i in inner:
        if text[i] in "–—" or (
            text[i] == "-" and re.search(r"\d{4}$", text[:i]) and text[i + 1].isalnum()
        ):
            return i
    return None


def dash_split(words: Sequence[Word]) -> list[Word]:
    """The words with a range's dash that an engine glued to a date split off it
    (`01/12/2017–` `–31/12/2017`, `01/12/2017–31/12/2017`, `2023–October`), so that the range
    reads as `date dash date`. A minus before an amount stays where it is."""
    out: list[Word] = []
    for w in words:
        text = w.text
        if len(text) < 2 or not any(dash in text for dash in DASHES):
            out.append(w)
        elif text[0] in DASHES and (printed_date(text[1:]) or text[1].isalpha()):
            out += [replace(w, text=text[0]), replace(w, text=text[1:])]
        elif text[-1] in DASHES and (printed_date(text[:-1]) or re.search(r"\d{4}$", text[:-1])):
            out += [replace(w, text=text[:-1]), replace(w, text=text[-1])]
        elif (cut := _range_cut(text)) is not None:
            out += [replace(w, text=text[:cut]), replace(w, text=text[cut]),
                    replace(w, text=text[cut + 1 :])]  # fmt: skip
        else:
            out.append(w)
    return out


def date_text(words: Sequence[Word]) -> tuple[str, int] | None:
    """The date at the start of `words` (numeric, ISO or written) and how many words it takes."""
    if not words:
        return None
    first = words[0].text.strip(" ,;")
    if printed_date(first):
        return first, 1
    for size in (3, 4, 2):
        if len(words) >= size:
            text = " ".join(w.text for w in words[:size]).strip(" ,;")
            if written_date(text):
                return text, size
    return None


def _joiner_length(words: Sequence[Word]) -> int:
    texts = tuple(norm(w.text) or w.text for w in words)
    for joiner in RANGE_JOINERS:
        if texts[: len(joiner)] == joiner:
            return len(joiner)
    return 0


def read_date(words: Sequence[Word]) -> str | None:
    found = date_text(meaningful(words))
    return found[0] if found else None


def read_range(words: Sequence[Word]) -> tuple[str, str] | None:
    """`X - Y`, `X – Y`, `X tot en met Y`, `X to Y`, `X au Y`, `X bis Y`, or `X-Y` in one word."""
    words = dash_split(meaningful(words))
    start = date_text(words)
    if not start:
        return None
    rest = words[start[1] :]
    joiner = _joiner_length(rest)
    if not joiner:
        return None
    end = date_text(rest[joiner:])
    return (start[0], end[0]) if end else None


def read_amount(words: Sequence[Word]) -> str | None:
    """The amount at the start of `words`, a currency symbol or code allowed around it."""
    words = [w for w in merge_grouped(meaningful(words)) if not is_currency(w.text)]
    while (
        len(words) > 1
        and re.fullmatch(r"-?\(?\d{1,3}(?:\u00a0\d{3})*", words[0].text)
        and re.fullmatch(r"\d{3}(?:[.,]\d+)?\)?", words[1].text)
        and words[1].x0 - words[0].x1 <= 1.5 * words[0].height
    ):
        first, second = words[0], words[1]
        joined = Word(f"{first.text}\u00a0{second.text}", first.x0, second.x1, first.top,
                      second.bottom, first.page)  # fmt: skip
        words = [joined, *words[2:]]
    if words and is_amount(words[0].text) and re.search(r"\d", words[0].text):
        return strip_currency(words[0].text)[0]
    return None


def read_rate_and_amount(words: Sequence[Word]) -> tuple[str | None, str] | None:
    """`(21%) € 56,70`, `21 % 56,70` or just `56,70`: an optional rate, then the amount."""
    merged = merge_grouped(meaningful(words))
    rate = None
    if merged and _PERCENT.match(merged[0].text):
        rate = merged[0].text.strip("()").replace("%", "").strip()
        merged = merged[1:]
    amount = read_amount(merged)
    return (rate, amount) if amount else None


def read_code(pattern: re.Pattern[str]) -> Reader[str]:
    def reader(words: Sequence[Word]) -> str | None:
        words = meaningful(words)
        if words and pattern.match(words[0].text.strip(".,;")):
            return words[0].text.strip(".,;")
        return None

    return reader


def read_text(words: Sequence[Word]) -> str | None:
    """The words up to the first wide gap (a column break), joined with single spaces."""
    words = meaningful(words)
    if not words:
        return None
    taken = [words[0]]
    for word in words[1:]:
        if word.page != taken[-1].page or word.top > taken[-1].bottom:
            break
        if word.x0 - taken[-1].x1 > 1.2 * word.height:
            break
        taken.append(word)
    return " ".join(w.text for w in taken)


def read_iban(words: Sequence[Word]) -> str | None:
    """An IBAN beside its label, its groups of four joined (`NL91 ABNA 0417 1643 00`): only
    one whose check digits hold."""
    text = read_text(words)
    return checked_iban(text) if text else None


def read_bic(words: Sequence[Word]) -> str | None:
    """A BIC (SWIFT code) beside its label, of a BIC's shape."""
    text = read_text(words)
    return checked_bic(text) if text else None


def value_of(
    lab: Labeller,
    key: str,
    reader: Reader[T],
    *,
    last: bool = False,
    pages: Sequence[int] | None = None,
) -> T | None:
    """The first (or last) occurrence of label `key` whose value has the reader's shape:
    beside the label, else beside it continued in the column below, else below it."""
    hits = [h for h in lab.find(key) if pages is None or h.page in pages]
    for hit in reversed(hits) if last else hits:
        value = value_at(lab, hit, reader)
        if value is not None:
            return value
    return None


def range_at(lab: Labeller, hit: Hit) -> tuple[str, str] | None:
    """A date range beside or below its label, or wrapped around it: starting above the label
    in a grid cell aligned to the bottom or the middle, and ending beside or below it."""
    found = value_at(lab, hit, read_range)
    above = lab.above(hit)
    if found is None and above:
        found = read_range([*above, *lab.right_of(hit)])
        found = found or read_range([*above, *lab.right_of(hit), *lab.below(hit)])
    return found


def range_of(lab: Labeller, key: str) -> tuple[str, str] | None:
    return next((r for h in lab.find(key) if (r := range_at(lab, h))), None)


def value_at(lab: Labeller, hit: Hit, reader: Reader[T]) -> T | None:
    right = lab.right_of(hit)
    if right:
        value = reader(right)
        if value is not None:
            return value
    below = lab.below(hit)
    if right and below:
        value = reader([*right, *below])
        if value is not None:
            return value
    if not below or meaningful(right):
        return None
    value = reader(below)
    if value is None:
        # A right-aligned value whose second word happens to start where its label starts
        # ("13 | augustus 2023" under "Factuurdatum:"): the words touching it on the left
        # complete it where the column's words alone have no shape of the value.
        value = reader(lab.below(hit, grow_left=True))
    return value


def header_month(words: Sequence[Word]) -> str | None:
    """A `Month Year` pair standing alone on its row ("February 2016", "März 2026")."""
    texts = [w.text for w in words]
    for i in range(len(texts) - 1):
        candidate = f"{texts[i]} {texts[i + 1]}"
        if month_year(candidate):
            return candidate
    return None
