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
from pipeline.layouts.segments import misread
from pipeline.layouts.vocabulary import LANGUAGES, MICROSOFT_ENTITY, MINIMUM, Requirements
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


def detect(rows: Sequence[Row]) -> tuple[InvoiceFamily, Language] | None:
    """The family and language whose labels the document prints most; None when it is not a
    Microsoft invoice of a known family, or no Microsoft entity sells it (a reseller's invoice
    for Microsoft 365 licences prints the portal's words and Microsoft's product names)."""
    if not sold_by_microsoft(rows):
        return None
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
