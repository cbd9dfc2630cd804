"""The Microsoft invoice families, one folder each, and the detection of a document's family.

Each `layouts/<family>/` declares one `InvoiceFamily`: its vocabulary (every word it prints,
per language) and its reader. This registry is the only list of them.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence

from pipeline.layouts import customer_agreement, online_services, portal_2012
from pipeline.layouts.family import InvoiceFamily
from pipeline.layouts.geometry import Row, norm, phrase_tokens
from pipeline.layouts.segments import misread
from pipeline.layouts.vocabulary import (
    LANGUAGES,
    MICROSOFT_ENTITY,
    MINIMUM,
    STANDARD,
    Arithmetic,
    Requirements,
)
from pipeline.model import Family, Language

FAMILIES: tuple[InvoiceFamily, ...] = (
    portal_2012.FAMILY,
    online_services.FAMILY,
    customer_agreement.FAMILY,
)
_BY_NAME: dict[Family, InvoiceFamily] = {family.name: family for family in FAMILIES}


def family_named(name: Family) -> InvoiceFamily:
    return _BY_NAME[name]


def requirements(name: Family | None) -> Requirements:
    """The fields an invoice of family `name` prints; for no known family, what any does."""
    return _BY_NAME[name].required if name is not None else MINIMUM


def product_misread(name: Family | None, product: str) -> str | None:
    """What the product name of a line of family `name` holds that is another field of the
    line (named with its text), or None; for no known family, only the shapes any family's
    names never hold (amounts, dates, lone separator glyphs)."""
    return _BY_NAME[name].misread(product) if name is not None else misread(product)


def arithmetic(name: Family | None) -> Arithmetic:
    """How an invoice of family `name` adds up; for no known family, as A and B do."""
    return _BY_NAME[name].arithmetic if name is not None else STANDARD


def payment_days(name: Family | None, terms: str | None) -> int | None:
    """N of payment terms "Net N days" as family `name` prints them; None for other terms."""
    reader = _BY_NAME[name].vocabulary.net_days if name is not None else None
    return reader(terms) if reader is not None and terms else None


def _present(tokens: set[str], bigrams: set[tuple[str, str]], phrase: str) -> bool:
    parts = phrase_tokens(phrase)
    if not parts or not set(parts) <= tokens:
        return False
    return all(pair in bigrams for pair in itertools.pairwise(parts))


def sold_by_microsoft(rows: Sequence[Row]) -> bool:
    """Whether the document names a Microsoft entity (Microsoft Ireland Operations Ltd,
    Microsoft Corporation, a local Microsoft … B.V.): its seller block or footer does on every
    Microsoft invoice. Product names (Microsoft 365 E3) and a reseller's "Microsoft partner"
    name no entity."""
    return any(MICROSOFT_ENTITY.search(row.text) for row in rows)


def _phrases(family: InvoiceFamily) -> set[tuple[str, ...]]:
    return {
        phrase_tokens(p)
        for language in LANGUAGES
        for phrases in family.labels(language).values()
        for p in phrases
    }


@functools.cache
def _distinctive() -> dict[tuple[Family, Language], dict[str, tuple[str, ...]]]:
    """Per family and language, the phrases of its identifying keys that no other family
    prints: a label two families share (`Sold to`, `Billing summary`) decides neither."""
    phrases = {family.name: _phrases(family) for family in FAMILIES}
    found: dict[tuple[Family, Language], dict[str, tuple[str, ...]]] = {}
    for family in FAMILIES:
        others = set().union(*(p for name, p in phrases.items() if name != family.name))
        for language in LANGUAGES:
            labels = family.labels(language)
            found[family.name, language] = {
                key: kept
                for key in family.vocabulary.identifying
                if (kept := tuple(p for p in labels.get(key, ()) if phrase_tokens(p) not in others))
            }
    return found


def _own(family: InvoiceFamily, language: Language, present: Callable[[str], bool]) -> int:
    """How many concepts the document prints in the words `language` itself declares (a
    family that also recognises English labels in every language is told apart by these)."""
    table = family.vocabulary.tables["labels"][language]
    return sum(
        1 for phrases in table.values() if isinstance(phrases, tuple) and any(map(present, phrases))
    )


def detect(rows: Sequence[Row]) -> tuple[InvoiceFamily, Language] | None:
    """The family and language whose labels the document prints most; None when it is not a
    Microsoft invoice of a known family, or no Microsoft entity sells it (a reseller's invoice
    for Microsoft 365 licences prints the portal's words and Microsoft's product names). Only
    the labels no other family prints identify a family; among a family's languages, the one
    whose own words the document prints most."""
    if not sold_by_microsoft(rows):
        return None
    words = [norm(w.text) for row in rows for w in row.words]
    tokens = set(words)
    bigrams = set(itertools.pairwise(words))
    raw_words = {w.text.strip(".,:;") for row in rows for w in row.words}

    def present(phrase: str) -> bool:
        return _present(tokens, bigrams, phrase)

    distinctive = _distinctive()
    best: tuple[float, int, InvoiceFamily, Language] | None = None
    for family in FAMILIES:
        shaped = any(family.shaped(w) for w in raw_words)
        for language in LANGUAGES:
            own = distinctive[family.name, language]
            identifying = sum(1 for phrases in own.values() if any(map(present, phrases)))
            if identifying == 0:
                continue
            found = family.found(language, present)[1]
            score = 3 * identifying + found + (4 if shaped else 0)
            rank = (score, _own(family, language, present))
            if best is None or rank > best[:2]:
                best = (score, rank[1], family, language)
    if best is None or best[0] < 8:
        return None
    return best[2], best[3]
