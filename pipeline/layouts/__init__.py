"""The Microsoft invoice layouts, declared per family and language, and their detection."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.layouts import customer_agreement, online_services, portal_2012
from pipeline.layouts.common import INVOICE_NUMBER, LANGUAGES, RawInvoice
from pipeline.layouts.geometry import Labeller, Row, norm, phrase_tokens
from pipeline.model import Family, Language


@dataclass(frozen=True, slots=True)
class Layout:
    family: Family
    labels: Callable[[Language], dict[str, tuple[str, ...]]]
    read: Callable[[Sequence[Row], Language, Labeller], RawInvoice]
    #: Label keys only this family prints; they decide the family.
    distinctive: frozenset[str]


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "portal-2012",
        portal_2012.labels,
        portal_2012.read,
        frozenset(
            {
                "current_charges",
                "previous_balance",
                "previous_charges",
                "carried",
                "charge_type",
                "frequency",
            }
        ),
    ),
    Layout(
        "online-services",
        online_services.labels,
        online_services.read,
        frozenset(
            {
                "sold_to",
                "usage",
                "order_details",
                "summary",
                "grand_total",
                "col_period",
                "col_days",
                "col_qty",
                "col_monthly",
                "col_annual",
                "instructions",
            }
        ),
    ),
    Layout(
        "customer-agreement",
        customer_agreement.labels,
        customer_agreement.read,
        frozenset({"billing_profile", "invoice_section", "charge_dates"}),
    ),
)


def _present(tokens: set[str], bigrams: set[tuple[str, str]], phrase: str) -> bool:
    parts = phrase_tokens(phrase)
    if not parts or not set(parts) <= tokens:
        return False
    return all(pair in bigrams for pair in itertools.pairwise(parts))


def detect(rows: Sequence[Row]) -> tuple[Layout, Language] | None:
    """The family and language whose labels the document prints most; None when it is not a
    Microsoft invoice of a known family."""
    words = [norm(w.text) for row in rows for w in row.words]
    tokens = set(words)
    bigrams = set(itertools.pairwise(words))
    raw_words = {w.text.strip(".,:;") for row in rows for w in row.words}
    best: tuple[float, Layout, Language] | None = None
    for layout in LAYOUTS:
        for language in LANGUAGES:
            table = layout.labels(language)
            found = {
                key
                for key, phrases in table.items()
                if any(_present(tokens, bigrams, p) for p in phrases)
            }
            distinctive = len(found & layout.distinctive)
            if distinctive == 0:
                continue
            shaped = any(INVOICE_NUMBER[layout.family].match(w) for w in raw_words)
            score = 3 * distinctive + len(found) + (4 if shaped else 0)
            if best is None or score > best[0]:
                best = (score, layout, language)
    if best is None or best[0] < 8:
        return None
    return best[1], best[2]
