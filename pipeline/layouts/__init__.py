"""The Microsoft invoice families, one folder each, and the detection of a document's family.

Each `layouts/<family>/` declares one `InvoiceFamily`: its vocabulary (every word it prints,
per language) and its reader. This registry is the only list of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from pipeline.layouts import customer_agreement, online_services, portal_2012
from pipeline.layouts.family import InvoiceFamily
from pipeline.layouts.geometry import Row, norm, phrase_tokens
from pipeline.layouts.vocabulary import LANGUAGES, MINIMUM, Requirements
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


def _present(tokens: set[str], bigrams: set[tuple[str, str]], phrase: str) -> bool:
    parts = phrase_tokens(phrase)
    if not parts or not set(parts) <= tokens:
        return False
    return all(pair in bigrams for pair in itertools.pairwise(parts))


def detect(rows: Sequence[Row]) -> tuple[InvoiceFamily, Language] | None:
    """The family and language whose labels the document prints most; None when it is not a
    Microsoft invoice of a known family."""
    words = [norm(w.text) for row in rows for w in row.words]
    tokens = set(words)
    bigrams = set(itertools.pairwise(words))
    raw_words = {w.text.strip(".,:;") for row in rows for w in row.words}

    def present(phrase: str) -> bool:
        return _present(tokens, bigrams, phrase)

    best: tuple[float, InvoiceFamily, Language] | None = None
    for family in FAMILIES:
        for language in LANGUAGES:
            identifying, found = family.found(language, present)
            if identifying == 0:
                continue
            shaped = any(family.shaped(w) for w in raw_words)
            score = 3 * identifying + found + (4 if shaped else 0)
            if best is None or score > best[0]:
                best = (score, family, language)
    if best is None or best[0] < 8:
        return None
    return best[1], best[2]
