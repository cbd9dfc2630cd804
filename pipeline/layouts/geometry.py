"""Finding labels and the values beside or below them through word positions.

Nothing here knows a Microsoft word: the families pass their vocabulary in (their labels and
which of them lay out header fields in grids). Words are
grouped into visual rows per page; a label is a phrase of consecutive words that may wrap onto
the next row (left-aligned); a value is read to the right of a label on its row(s) or, when
nothing is there, in the column below it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from pipeline.layouts.vocabulary import NUMBER_ABBREVIATION, NUMBER_ABBREVIATIONS
from pipeline.model import Document, Word
from pipeline.parsing import printed_date

_PUNCT = ":：.,;()[]"


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """A word as labels compare it: case-folded, without surrounding punctuation, with the
    number abbreviations (N°, Nº, Nr., No.) made one."""
    token = text.casefold().replace("’", "'").strip(_PUNCT + " \u00a0")
    return NUMBER_ABBREVIATION if token in NUMBER_ABBREVIATIONS else token


@dataclass(frozen=True, slots=True)
class Row:
    """Words of one page that share a baseline, left to right."""

    page: int
    words: tuple[Word, ...]
    top: float = field(init=False)
    bottom: float = field(init=False)
    height: float = field(init=False)

    def __post_init__(self) -> None:
        """The row's box, computed once: the readers ask for it at every step."""
        object.__setattr__(self, "top", min(w.top for w in self.words))
        object.__setattr__(self, "bottom", max(w.bottom for w in self.words))
        object.__setattr__(self, "height", _median([w.height for w in self.words]))

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality: rows ask for it tens of thousands of times."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def rows_of(words: Iterable[Word]) -> list[Row]:
    """Visual rows: words whose vertical middles lie within 40 % of a line height."""
    rows: list[Row] = []
    current: list[Word] = []
    middles = 0.0
    for word in sorted(words, key=lambda w: (w.page, w.middle, w.x0)):
        if current:
            limit = 0.4 * min(word.height, current[0].height)
            off = abs(word.middle - middles / len(current))
            if word.page != current[0].page or off > limit:
                rows.append(Row(current[0].page, tuple(sorted(current, key=lambda w: w.x0))))
                current, middles = [], 0.0
        current.append(word)
        middles += word.middle
    if current:
        rows.append(Row(current[0].page, tuple(sorted(current, key=lambda w: w.x0))))
    return rows


#: A label's colon with its value glued after it (`Date:23/02/2011`), not a URL or a time.
_GLUED_VALUE = re.compile(r"^(?P<head>.*[^\W\d_][.)]?[:：])(?P<tail>[\w€$£(+-].*)$")
#: What may start the next cell's value glued after a date.
_AFTER_DATE = re.compile(r"[A-Za-z0-9€$£(–—-]")


def _after_date_cut(text: str) -> int | None:
    """Where a numeric date ends when the next cell's value is glued after it
    (`02/04/2015C90840472E`, `2021-05-157345`): after a year printed last, or after a whole
    ISO date; None when the word is no such pair."""
    for end in (10, 9, 8):
        head = text[:end]
        whole_iso = end == 10 and head[4:5] == "-"
        if (
            len(text) > end
            and _AFTER_DATE.match(text[end])
            and printed_date(head)
            and (whole_iso or re.search(r"\D\d{4}$", head))
        ):
            return end
    return None


def unglued(words: Iterable[Word]) -> Iterator[Word]:
    """The words with a value that an engine printed without its space after a label's colon
    or after a date split off it (`Date:23/02/2011`, `02/04/2015C90840472E`); the cut's
    position is estimated from the characters' share of the width."""
    for word in words:
        match = _GLUED_VALUE.match(word.text)
        end = len(match["head"]) if match else _after_date_cut(word.text)
        if end is None:
            yield word
            continue
        cut = _share(word, end)
        yield replace(word, text=word.text[:end], x1=cut)
        yield replace(word, text=word.text[end:], x0=cut)


def document_rows(document: Document) -> list[Row]:
    return [row for page in document.pages for row in rows_of(unglued(page.words))]


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a label phrase: its key, the words it covers, the rows they are on."""

    key: str
    words: tuple[Word, ...]
    rows: tuple[int, ...]

    @property
    def last(self) -> Word:
        return self.words[-1]

    @property
    def first(self) -> Word:
        return self.words[0]

    @property
    def page(self) -> int:
        return self.first.page


@functools.cache
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t for t in (norm(p) for p in phrase.split()) if t)


_VALUE_START = re.compile(r"^[:：]?[0-9€$£(]")
_CODE_START = re.compile(r"^[:：]?[0-9€$£(A-Z]")


@dataclass(frozen=True, slots=True)
class _Place:
    """Word k of a label phrase, as printed."""

    tokens: tuple[str, ...]
    k: int
    token: str


@dataclass(frozen=True, slots=True)
class _GlueIndex:
    """The label words by their first and last three letters, so that each word of a page
    is compared with the few label words it could start or end with."""

    heads: Mapping[str, tuple[_Place, ...]]
    tails: Mapping[str, tuple[_Place, ...]]
    words: frozenset[str]


@functools.cache
def _glue_index(phrases: tuple[tuple[str, ...], ...]) -> _GlueIndex:
    heads: dict[str, list[_Place]] = {}
    tails: dict[str, list[_Place]] = {}
    for tokens in phrases:
        for k, printed in enumerate(tokens):
            head = printed.rstrip(":：")
            if len(head) >= 3:
                heads.setdefault(head[:3], []).append(_Place(tokens, k, head))
            if len(printed) >= 4:
                tails.setdefault(printed[-3:], []).append(_Place(tokens, k, printed))
    return _GlueIndex(
        {key: tuple(places) for key, places in heads.items()},
        {key: tuple(places) for key, places in tails.items()},
        frozenset(norm(t) for tokens in phrases for t in tokens),
    )


def _glued_cut(rows: Sequence[Row], r: int, i: int, index: _GlueIndex) -> int | None:
    """Where word i of row r splits into a label's word and a value glued to it by a cell
    without padding (`Period25/07/2013`, `NumberPO-37506`, `Total5,477.97`, `Due26/02/2012`
    over `Date:` wrapped below), or None. The label's words before it must stand before it
    on the row, and the word after it, if any, on the next two lines; a one-word label only
    takes a value that starts like an amount or a date, not a capital letter."""
    word = rows[r].words[i]
    for place in index.heads.get(word.text[:3], ()):
        tokens, k, token = place.tokens, place.k, place.token
        if len(word.text) <= len(token) or not word.text.startswith(token):
            continue
        rest = word.text[len(token) :]
        before = [norm(w.text) for w in rows[r].words[max(0, i - k) : i]]
        if before != [norm(t) for t in tokens[:k]]:
            continue
        if not (_CODE_START if len(tokens) > 1 else _VALUE_START).match(rest):
            continue
        if k + 1 < len(tokens) and not _below(rows, r, tokens[k + 1]):
            continue
        return len(token) + (1 if rest[0] in ":：" else 0)
    return None


def _below(rows: Sequence[Row], r: int, token: str) -> bool:
    """Whether the label word `token` stands on one of the two lines below row r."""
    page = rows[r].page
    return any(
        norm(w.text) == norm(token) for row in rows[r + 1 : r + 3] if row.page == page
        for w in row.words
    )  # fmt: skip


def _label_start_cut(
    rows: Sequence[Row], r: int, i: int, index: _GlueIndex
) -> tuple[int, float] | None:
    """Where word i of row r splits into a value and a word of the label in the next cell
    glued to it (the character and the x), or None: the label's first word when its second
    follows on the row or the next two lines (`365Terugkerende` `kosten`), or alone when it
    is a one-word label and the whole word is none (`totFactuurnummer`, not `SubTotal`); a
    later word when the word before it stands above, where the cut falls (`Recurring` over
    `P1)Charges`: a label wrapped in its cell, which also gives the cut's x).
    The label word must start with a capital after a small letter, digit or `)`, or with a
    small letter after a digit or `)`."""
    word = rows[r].words[i]
    for place in index.tails.get(word.text[-3:], ()):
        tokens, k, token = place.tokens, place.k, place.token
        before = word.text[: -len(token)]
        if not before or not word.text.endswith(token):
            continue
        if not re.search(r"[a-z0-9)]$" if token[0].isupper() else r"[0-9)]$", before):
            continue
        if k == 0 and len(tokens) > 1:
            beside = rows[r].words[i + 1 : i + 2]
            if _below(rows, r, tokens[1]) or any(norm(w.text) == norm(tokens[1]) for w in beside):
                return len(before), _share(word, len(before))
        elif k == 0 and norm(word.text) not in index.words:
            return len(before), _share(word, len(before))
        elif k > 0:
            cut = _share(word, len(before))
            above = [w for row in rows[max(0, r - 2) : r] if row.page == word.page
                     for w in row.words]  # fmt: skip
            starts = [
                w.x0
                for w in above
                if norm(w.text) == norm(tokens[k - 1]) and abs(w.x0 - cut) <= word.height
            ]
            if starts:
                return len(before), starts[0]
    return None


def _share(word: Word, cut: int) -> float:
    """The x where character `cut` of the word starts, estimated from the characters' share."""
    return word.x0 + (word.x1 - word.x0) * cut / len(word.text)


def split_glued_values(rows: Sequence[Row], phrases: Mapping[str, Sequence[str]]) -> list[Row]:
    """The rows with every value that an engine glued to the end of its label split off, and
    every label glued to the end of the value in the cell before it."""
    index = _glue_index(tuple(tuple(p.split()) for ps in phrases.values() for p in ps if p.split()))
    out = []
    for r, row in enumerate(rows):
        words: list[Word] = []
        for i, word in enumerate(row.words):
            after_label = _glued_cut(rows, r, i, index)
            found = (
                (after_label, _share(word, after_label))
                if after_label is not None
                else _label_start_cut(rows, r, i, index)
            )
            if found is None:
                words.append(word)
                continue
            cut, x = found
            words += [replace(word, text=word.text[:cut], x1=x),
                      replace(word, text=word.text[cut:], x0=x)]  # fmt: skip
        out.append(Row(row.page, tuple(words)))
    return out


class Labeller:
    """All label occurrences of a document, longest phrase first, never overlapping.

    `grid_keys` are the keys of the header fields the family lays out in grids of labels: only
    their labels bound a column across rows."""

    def __init__(
        self,
        rows: Sequence[Row],
        phrases: Mapping[str, Sequence[str]],
        grid_keys: frozenset[str] = frozenset(),
    ) -> None:
        self.rows = list(rows)
        self.grid_keys = grid_keys
        self._tokens = sorted(
            ((key, phrase_tokens(p)) for key, ps in phrases.items() for p in ps),
            key=lambda kp: -len(kp[1]),
        )
        self._tokens = [(k, t) for k, t in self._tokens if t]
        self.hits: list[Hit] = []
        self.label_words: set[int] = set()
        self.key_of_word: dict[int, str] = {}
        self.starts: set[int] = set()
        self._find_all()

    def _next_word(self, r: int, i: int, start_x: float, token: str) -> tuple[int, int] | None:
        """Where the phrase goes on after word i of row r: the next word on the row, or, for a
        phrase wrapped onto the line below, the first word of that line inside the phrase's
        column (rows of a neighbouring column may lie in between)."""
        row = self.rows[r]
        if (
            i + 1 < len(row.words)
            and norm(row.words[i + 1].text) == token
            and row.words[i + 1].x0 - row.words[i].x1 <= 1.5 * row.height
        ):
            return r, i + 1
        prev = row.words[i]
        for below in range(r + 1, min(r + 4, len(self.rows))):
            nxt = self.rows[below]
            if nxt.page != row.page or nxt.top - row.bottom > 0.8 * row.height:
                return None
            inside = [
                (j, w) for j, w in enumerate(nxt.words) if w.x1 > start_x - 3 and w.x0 < prev.x1
            ]
            aligned = [j for j, w in inside if abs(w.x0 - start_x) <= 1 and norm(w.text) == token]
            if aligned:
                return below, aligned[0]
            if inside:
                j, word = inside[0]
                return (below, j) if norm(word.text) == token else None
        return None

    def _match_at(self, r: int, i: int, tokens: tuple[str, ...]) -> Hit | None:
        start_x = self.rows[r].words[i].x0
        places = [(r, i)]
        for token in tokens[1:]:
            place = self._next_word(places[-1][0], places[-1][1], start_x, token)
            if place is None:
                return None
            places.append(place)
        words = tuple(self.rows[pr].words[pi] for pr, pi in places)
        if any(id(w) in self.label_words for w in words):
            return None
        return Hit("", words, tuple(sorted({pr for pr, _ in places})))

    def _find_all(self) -> None:
        index: dict[str, list[tuple[int, int]]] = {}
        for r, row in enumerate(self.rows):
            for i, word in enumerate(row.words):
                index.setdefault(norm(word.text), []).append((r, i))
        for key, tokens in self._tokens:
            for r, i in index.get(tokens[0], ()):
                if id(self.rows[r].words[i]) in self.label_words:
                    continue
                hit = self._match_at(r, i, tokens)
                if hit is not None:
                    self.hits.append(Hit(key, hit.words, hit.rows))
                    self.label_words.update(id(w) for w in hit.words)
                    self.key_of_word.update((id(w), key) for w in hit.words)
                    self.starts.add(id(hit.first))
        self.hits.sort(key=lambda h: (h.page, h.rows[0], h.first.x0))

    def find(self, key: str) -> list[Hit]:
        return [h for h in self.hits if h.key == key]

    def is_label(self, word: Word) -> bool:
        return id(word) in self.label_words

    def key_at(self, word: Word) -> str | None:
        return self.key_of_word.get(id(word))

    def right_of(self, hit: Hit) -> list[Word]:
        """Words right of the label on each of its rows, up to the next label. For a label
        wrapped over several lines this includes the rows between them (a value centred
        vertically beside the label), and goes no further than the column of the next label
        on its first row (a table of labels over values)."""
        out: list[Word] = []
        limit = self.column_limit(hit)
        widest = max(w.x1 for w in hit.words)
        for r in range(hit.rows[0], hit.rows[-1] + 1):
            if r in hit.rows:
                label_x1 = max(w.x1 for w in hit.words if self._on_row(w, r))
            else:
                label_x1 = widest
            for word in self.rows[r].words:
                if word.x0 < label_x1 - 0.5:
                    continue
                if self.is_label(word) or word.x0 >= limit - 0.5:
                    break
                out.append(word)
        return out

    def _on_row(self, word: Word, r: int) -> bool:
        return any(word is w for w in self.rows[r].words)

    def column_limit(self, hit: Hit) -> float:
        """The x where the next label to the right starts, on the label's rows or the two rows
        around them (cells of a header grid aligned to the middle or bottom are offset)."""
        right_edge = max(w.x1 for w in hit.words)
        lefts = [
            w.x0
            for r in self._nearby(hit)
            for w in self.rows[r].words
            if w.x0 > right_edge and self._bounds(w, r, hit) and not any(w is x for x in hit.words)
        ]
        return min(lefts, default=float("inf"))

    def _bounds(self, word: Word, r: int, hit: Hit) -> bool:
        """A label word that ends a column: any label on the label's own rows; on the rows
        around them only the first word of a header field's label, never a word such as
        'Days' or 'Total' that also occurs inside values."""
        if r in hit.rows:
            return self.is_label(word)
        return id(word) in self.starts and self.key_at(word) in self.grid_keys

    def column_start(self, hit: Hit) -> float:
        """The x where the nearest label to the left, on the same rows, ends."""
        rights = [
            w.x1
            for r in self._nearby(hit)
            for w in self.rows[r].words
            if w.x1 < hit.first.x0 and self._bounds(w, r, hit)
        ]
        return max(rights, default=float("-inf"))

    def _nearby(self, hit: Hit) -> list[int]:
        first, last = hit.rows[0], hit.rows[-1]
        base = self.rows[first]
        return [
            r
            for r in range(max(0, first - 2), min(len(self.rows), last + 3))
            if self.rows[r].page == base.page
            and abs(self.rows[r].top - base.top) <= 2.5 * base.height + (last - first) * 20
        ]

    def above(self, hit: Hit, max_rows: int = 3) -> list[Word]:
        """Words in the value column on the lines just above the label, top to bottom: a
        wrapped value in a grid cell aligned to the bottom starts above its label."""
        left = max(w.x1 for w in hit.words) - 0.5
        right = self.column_limit(hit)
        taken: list[list[Word]] = []
        r = hit.rows[0]
        lower = self.rows[r]
        while r > 0 and len(taken) < max_rows:
            r -= 1
            row = self.rows[r]
            inside = [w for w in row.words if w.x0 >= left and w.x0 < right]
            if not inside:
                continue
            if row.page != lower.page or lower.top - row.bottom > 0.9 * row.height:
                break
            if any(self.is_label(w) for w in inside):
                break
            taken.insert(0, inside)
            lower = row
        return [w for words in taken for w in words]

    def below(self, hit: Hit, max_rows: int = 2, grow_left: bool = False) -> list[Word]:
        """Words in the first non-empty row(s) below the label, inside its column; a value
        that starts where the label starts is grown to the left only if `grow_left`."""
        slack = 0.5 * hit.first.height
        left = hit.first.x0 - slack
        right = self.column_limit(hit)
        r = hit.rows[-1]
        base = self.rows[r]
        out: list[Word] = []
        taken = 0
        while r + 1 < len(self.rows) and taken < max_rows:
            r += 1
            row = self.rows[r]
            if row.page != base.page or row.top - base.bottom > 2.5 * base.height * (taken + 1):
                break
            column = [w for w in row.words if _in_column(w, left, slack, right)]
            inside = _phrase_around(
                row.words,
                column,
                self.column_start(hit),
                right,
                left_aligned=not grow_left
                and bool(column)
                and abs(column[0].x0 - hit.first.x0) <= slack,
            )
            if not inside:
                continue
            if self.is_label(inside[0]):
                break
            labelled = [i for i, w in enumerate(inside) if self.is_label(w)]
            out.extend(inside[: labelled[0]] if labelled else inside)
            taken += 1
            if labelled:
                break
        return out


def _in_column(word: Word, left: float, slack: float, right: float) -> bool:
    """A word under a label's column: starting in it (up to `slack` left of the label) or
    reaching well into it, not a wide value of the column to the left ending at its edge."""
    return word.x0 < right and (word.x0 >= left or word.x1 > left + 2 * slack)


def _phrase_around(
    row: Sequence[Word],
    inside: Sequence[Word],
    floor: float = float("-inf"),
    ceiling: float = float("inf"),
    left_aligned: bool = False,
) -> list[Word]:
    """`inside` grown by the words touching it on its row (a space apart): a value under a
    right-aligned label may start left of the label's column, but not inside the column of
    the label to its left (which ends at `floor`), nor in the next label's (from `ceiling`).
    A value that starts where its label starts is not grown to the left: the word touching
    it there ends the value of the column to the left."""
    if not inside:
        return []
    first = row.index(inside[0])
    last = row.index(inside[-1])
    while (
        not left_aligned
        and first > 0
        and row[first].x0 - row[first - 1].x1 <= 0.8 * row[first].height
        and row[first - 1].x0 > floor
    ):
        first -= 1
    while (
        last + 1 < len(row)
        and row[last + 1].x0 - row[last].x1 <= 0.8 * row[last].height
        and row[last + 1].x0 < ceiling - 0.5
    ):
        last += 1
    return list(row[first : last + 1])


def merge_grouped(words: Sequence[Word]) -> list[Word]:
    """Join thousands groups split at a (no-break) space: `1` `234,56` → `1\u00a0234,56` (a
    monospaced space is 0.6 em wide, letter-spaced more: up to 0.8 of the line height); and a
    percent sign standing alone after its rate (`(0` `%)` → `(0%)`), up to a wide space."""
    out: list[Word] = []
    for word in words:
        if out:
            prev = out[-1]
            gap = word.x0 - prev.x1
            close = prev.page == word.page and gap <= 0.8 * max(prev.height, 1)
            if (
                close
                and re.fullmatch(r"-?\(?[€$£]?\d{1,3}(?:[ \u00a0]\d{3})*", prev.text)
                and (re.match(r"^\d{3}(?:[.,]\d+)?(?:\)|[ \u00a0]?[€$£])?$", word.text))
            ):
                out[-1] = _joined(prev, word, "\u00a0")
                continue
            near = prev.page == word.page and gap <= 1.2 * max(prev.height, 1)
            if (
                near
                and word.text in ("%", "%)")
                and re.fullmatch(r"\(?-?\d+(?:[.,]\d+)?", prev.text)
            ):
                out[-1] = _joined(prev, word, "")
                continue
        out.append(word)
    return out


def _joined(a: Word, b: Word, sep: str) -> Word:
    return Word(
        a.text + sep + b.text, a.x0, b.x1, min(a.top, b.top), max(a.bottom, b.bottom), a.page
    )
