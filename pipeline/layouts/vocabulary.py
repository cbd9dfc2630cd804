"""The words every Microsoft invoice family shares, in all four languages.

Page words, range joiners, VAT-number labels, number abbreviations, tax words, the sellers'
names; and how a family's vocabulary declares a concept that a language does not print.
The written month names are read by `pipeline.parsing` (dates are parsed below the layouts).
A family's own words live in `layouts/<family>/vocabulary.py`, nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from pipeline.model import Language

LANGUAGES: tuple[Language, ...] = ("nl", "en", "fr", "de")


@dataclass(frozen=True, slots=True)
class NotPrinted:
    """A concept a language does not print (or no document shows), declared with the reason,
    so that a missing translation is a visible declaration, never an omission."""

    why: str


#: A concept's phrases in one language, or the declaration that the language prints none.
Phrases = tuple[str, ...] | NotPrinted
#: One table of a family's vocabulary: concept → phrases, per language.
Table = Mapping[Language, Mapping[str, Phrases]]


def printed(concepts: Mapping[str, Phrases]) -> dict[str, tuple[str, ...]]:
    """The concepts a language prints, with their phrases (the labeller's input)."""
    return {key: phrases for key, phrases in concepts.items() if isinstance(phrases, tuple)}


#: The legal forms after a company's name: a Microsoft entity is `Microsoft` followed by up to
#: four capitalised words and one of them (Microsoft Ireland Operations Ltd, Microsoft
#: Corporation, a local distributor's Microsoft … B.V.), never a product (Microsoft 365 E3).
LEGAL_FORMS = (
    "Ltd", "Ltd.", "Limited", "Corporation", "Corp", "Corp.", "Inc", "Inc.", "LLC", "Co.",
    "BV", "B.V.", "BVBA", "NV", "N.V.", "SA", "S.A.", "SAS", "S.A.S.", "SARL", "S.à r.l.",
    "SRL", "S.r.l.", "SpA", "S.p.A.", "GmbH", "AG", "KG", "AB", "AS", "A/S", "ApS", "Oy",
    "Sp. z o.o.", "s.r.o.", "Kft.", "Pty", "Pte", "ULC",
)  # fmt: skip
MICROSOFT_ENTITY = re.compile(
    r"(?<!\w)(?i:Microsoft)(?:\s+[A-Z][\w&'-]*){0,4}?\s+(?i:"
    + "|".join(re.escape(form) for form in sorted(LEGAL_FORMS, key=len, reverse=True))
    + r")(?![\w.])"
)

#: The word that starts every Microsoft entity's name (a seller's name is read from it on).
MICROSOFT = "microsoft"

#: Sellers of Microsoft's online services and the country of their tax number.
SELLERS: dict[str, str] = {
    "Microsoft Ireland Operations Ltd": "IE",
    "Microsoft Ireland Operations Limited": "IE",
    "Microsoft Corporation": "US",
}

#: The page footer's "Page 1 of 2", in the four languages.
PAGE_WORDS = ("page", "pagina", "seite")
PAGE_OF_WORDS = ("of", "van", "von", "de", "sur")
PAGE_OF = re.compile(
    rf"^(?:{'|'.join(PAGE_WORDS)})\s+\d+\s+(?:{'|'.join(PAGE_OF_WORDS)})\s+\d+$", re.I
)
#: What only the footer's seller line prints besides the seller's name.
FOOTER_HINTS = ("aka.ms", *(name.casefold() for name in SELLERS))

#: The spellings of "number" that labels abbreviate (N°, Nº, Nr., No.), compared as one.
NUMBER_ABBREVIATIONS = frozenset({"nº", "n°", "nr", "no", "n"})
NUMBER_ABBREVIATION = "n°"

#: Words that stand before a VAT number and are not part of it.
VAT_LABELS = frozenset(
    {
        "vat",
        "btw",
        "tva",
        "ust",
        "mwst",
        "uid",
        "moms",
        "mva",
        "iva",
        "btw-nr",
        "btw-nummer",
        "vat-nr",
        "vat-no",
        "ust-idnr",
        "ust-id",
        "tva-n°",
        "n°",
        "number",
        "nummer",
        "numéro",
        "tax",
        "id",
        "vat-id",
        "vat-number",
        "btw-nr.",
    }
)

#: Any invoice number when a family's own shape is not printed.
ANY_INVOICE_NUMBER = re.compile(r"^(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19}$")

#: The dashes a range or an empty cell is printed with.
DASHES = "-–—"

#: Words that join the two dates of a range, single tokens and phrases.
RANGE_JOINERS: tuple[tuple[str, ...], ...] = (
    ("tot", "en", "met"),
    ("t/m",),
    ("-",),
    ("–",),
    ("—",),
    ("to",),
    ("through",),
    ("au",),
    ("à",),
    ("bis",),
    ("tot",),
)

#: Tax labels of the summaries, in any language (several may stand on one invoice).
TAX_LABELS = (
    "Taxes",
    "Tax",
    "VAT",
    "Sales Tax",
    "GST/HST",
    "QST/PST",
    "GST",
    "HST",
    "QST",
    "PST",
    "BTW",
    "Belasting",
    "TVA",
    "Taxe",
    "MwSt.",
    "USt.",
    "MwSt",
    "USt",
    "Steuer",
    "MVA",
)


def with_tax_labels(table: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A family's labels with every summary tax label added to its own tax words."""
    labels = dict(table)
    labels["tax"] = tuple(dict.fromkeys((*labels["tax"], *TAX_LABELS)))
    return labels


# --- what a family declares ---------------------------------------------------------------------

#: Header fields an invoice may be required to print (named as in `pipeline.model.Invoice`;
#: `billing_period` is its start and end).
HeaderField = Literal["invoice_number", "invoice_date", "total", "billing_period", "due_date"]
#: Line fields a charge line may be required to print (`service_period`: its start and end).
LineField = Literal["quantity", "unit_price", "amount", "service_period", "tax", "total"]


@dataclass(frozen=True, slots=True)
class Requirements:
    """The fields a family always prints: one the reader did not find is a MISSING_FIELD."""

    header: tuple[HeaderField, ...]
    line: tuple[LineField, ...]


#: What any invoice prints, whatever its family (also what a record of no family is held to).
MINIMUM = Requirements(
    ("invoice_number", "invoice_date", "total"), ("quantity", "unit_price", "amount")
)


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """How a family's amounts add up, where families differ (the checks follow it).

    `term_from_dates`: no price basis is printed; a prorated line's term is the month or the
    year, starting at or ending with its charge dates, for which the proration matches.
    `line_charges_net`: the lines' charges include returns (negative rows), so they add up to
    the summary's charges − credits, not to its charges.
    `line_credits_applied`: a line's credits are a prepaid balance applied to its charges (not
    a credit-and-rebill row to explain by quantity × price); they add up to the part of the
    invoice's credits that such a balance paid.
    `tax_per_row`: tax is rounded per row, so neither the summary tax nor the sum of the rows'
    tax need equal the other; each is checked against the amounts × their rates within one
    cent per row.
    """

    term_from_dates: bool = False
    line_charges_net: bool = False
    line_credits_applied: bool = False
    tax_per_row: bool = False


#: How A and B add up: per-licence tax, price basis printed, credits as credit-and-rebill rows.
STANDARD = Arithmetic()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything a family prints, declared in its `vocabulary.py`.

    `tables` are its word tables by name (every concept in every language, or NotPrinted);
    `labels` the phrases the labeller finds in a language; `identifying` the label keys only
    this family prints (they decide the family); `invoice_number` its number's shape;
    `grid_keys` the header fields it lays out in grids of labels; `required` what it prints;
    `arithmetic` how its amounts add up; `net_days` the N of its printed payment terms
    "Net N days", for a family that prints terms instead of a due date.
    """

    tables: Mapping[str, Table]
    labels: Callable[[Language], dict[str, tuple[str, ...]]]
    identifying: frozenset[str]
    invoice_number: re.Pattern[str]
    grid_keys: frozenset[str]
    required: Requirements
    arithmetic: Arithmetic = STANDARD
    net_days: Callable[[str], int | None] | None = None
