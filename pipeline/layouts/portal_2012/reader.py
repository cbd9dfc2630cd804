"""Family A, `portal-2012`: the reader of the Office 365 portal invoice (2011 – ~2016).

The header by its labels; the charge lines as the bands of rows around each subscription id,
their cells holding the product, the licence count, the price and its basis, the amount.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from pipeline.layouts.geometry import Labeller, Row
from pipeline.layouts.parties import currency_of, customer_block, parties
from pipeline.layouts.portal_2012.vocabulary import (
    INVOICE_NUMBER,
    LINE_PHRASES,
    SUBSCRIPTION_ID,
)
from pipeline.layouts.raw import RawInvoice, RawLine
from pipeline.layouts.tables import cells, is_footer
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
from pipeline.model import Family, Language, PriceBasis, Word

FAMILY: Family = "portal-2012"


def _alternatives(concept: str) -> str:
    """The regular-expression alternation of a line phrase in every language, the phrases of
    several words first (`licences utilisateur` before `licences`)."""
    fragments = [f for lang in LANGUAGES for f in printed(LINE_PHRASES[lang]).get(concept, ())]
    unique = list(dict.fromkeys(fragments))
    return "|".join(sorted(unique, key=lambda f: -f.count(r"\s")))


_LICENCES = re.compile(
    rf"(?<![\d.,])(?P<q>\d+)\s+(?:{_alternatives('licences')})\b",
    re.IGNORECASE,
)
_AMOUNT_TEXT = (
    r"(?<!\w)[-(]?(?:[€$£]\s?)?"
    r"(?:\d{1,3}(?:[\u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?[€$£])?\)?"
)
_PER = _alternatives("per")
_PRICE = re.compile(
    rf"(?P<p>{_AMOUNT_TEXT})\s+(?:{_PER})\s+(?:[^\d€$£]*?(?:{_PER})\s+)?"
    rf"(?P<basis>{_alternatives('year')}|{_alternatives('month')})\b",
    re.IGNORECASE,
)
_ONE_TIME = re.compile(rf"(?P<p>{_AMOUNT_TEXT})\s+(?:{_alternatives('once')})", re.IGNORECASE)
_BASIS: dict[str, PriceBasis] = {
    word.casefold(): basis
    for lang in LANGUAGES
    for basis in ("year", "month")
    for word in printed(LINE_PHRASES[lang])[basis]
}


#: A line amount: two decimals or a currency sign, so `(Plan 1)` is never taken for one.
_LINE_AMOUNT = re.compile(
    r"(?:^|\s)(?P<a>[-(]?(?:[€$£]\s?)?-?\d[\d.,\u00a0\u202f]*[.,]\d{2}\)?(?:\s?[€$£])?"
    r"|[-(]?[€$£]\s?\d+\)?)\s*$"
)


def _line_from_block(words: Sequence[Word], lab: Labeller) -> RawLine:
    guid = next(w.text for w in words if SUBSCRIPTION_ID.fullmatch(w.text))
    charge_type = next(
        (h for h in lab.find("charge_type") if any(w in words for w in h.words)), None
    )
    charge_words = set(map(id, charge_type.words)) if charge_type else set()
    quantity = unit_price = amount = None
    basis: PriceBasis | None = None
    product_parts: list[str] = []
    for cell in cells([w for w in words if id(w) not in charge_words]):
        text = " ".join(w.text for w in cell if not SUBSCRIPTION_ID.fullmatch(w.text))
        licences = _LICENCES.search(text)
        if licences:
            quantity = licences["q"]
            text = text[: licences.start()] + " " + text[licences.end() :]
        price = _PRICE.search(text) or _ONE_TIME.search(text)
        if price:
            unit_price = price["p"].strip()
            basis = _BASIS[price["basis"].casefold()] if "basis" in price.groupdict() else "once"
            text = text[: price.start()] + " " + text[price.end() :]
        trailing = _LINE_AMOUNT.search(text)
        if trailing:
            amount = read_amount(_as_words(trailing["a"], cell[-1]))
            text = text[: trailing.start()]
        if text.strip():
            product_parts.append(text.strip())
    return RawLine(
        product=" ".join(" ".join(product_parts).split()),
        subscription_id=guid.lower(),
        charge_type=" ".join(w.text for w in charge_type.words) if charge_type else None,
        quantity=quantity,
        unit_price=unit_price,
        price_basis=basis,
        charges=amount,
        amount=amount,
        page=words[0].page,
    )


def _as_words(text: str, like: Word) -> list[Word]:
    return [Word(part, like.x0, like.x1, like.top, like.bottom, like.page) for part in text.split()]


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


def _line_blocks(rows: Sequence[Row], lab: Labeller) -> list[list[Word]]:
    """The words of each charge line. A line is the band of rows around its subscription
    GUID: between two GUIDs the band boundary is the widest vertical gap, so product names
    wrapped above a vertically centred or bottom-aligned GUID stay with their line."""
    blocks: list[list[Word]] = []
    for run in _runs(rows, lab):
        anchors = [i for i, row in enumerate(run) if _has_guid(row)]
        if not anchors:
            continue
        bounds = [0]
        for before, after in itertools.pairwise(anchors):
            gaps = [(run[k + 1].top - run[k].bottom, k + 1) for k in range(before, after)]
            bounds.append(max(gaps)[1])
        bounds.append(len(run))
        for start, end in itertools.pairwise(bounds):
            blocks.append([w for row in run[start:end] for w in row.words])
    return blocks


def _is_charge_type(lab: Labeller, word: Word) -> bool:
    return any(word in h.words for h in lab.find("charge_type"))


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER))
    number = number or value_of(lab, "invoice_number", read_code(ANY_INVOICE_NUMBER))
    period = range_of(lab, "period")
    tax = value_of(lab, "tax", read_rate_and_amount, last=True)
    supplier, customer = parties(rows, customer_block(lab, "bill_to"))
    lines = tuple(_line_from_block(b, lab) for b in _line_blocks(rows, lab))
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
