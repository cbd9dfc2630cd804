"""Supplier and customer: the seller line, address blocks and VAT numbers by position."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.countries import VAT_BODIES
from pipeline.layouts.geometry import Labeller, Row, norm
from pipeline.layouts.vocabulary import SELLERS, VAT_LABELS
from pipeline.model import Party, Word
from pipeline.parsing import CURRENCY_CODES, CURRENCY_SYMBOLS

_LEGAL_FORMS = frozenset(
    """bv nv bvba srl sa sprl gmbh ag kg ohg ug ltd limited inc llc plc vof cv sas sarl ab as
    oy spa co corp commv cvba vzw asbl scrl sc snc eurl sa/nv nv/sa kgaa ek ev partg mbb
    partner partners""".split()
)
_COMPACT = re.compile(r"[\s.\-/]")


def is_legal_form(word: str) -> bool:
    """A company's legal form as printed after its name (`Ltd`, `B.V.`, `GmbH`, `Corporation`)."""
    token = norm(word).replace(".", "")
    return token in _LEGAL_FORMS or token == "corporation"


def _letters(token: str) -> bool:
    """One or two capitals: a country prefix (`NO`) or a check letter (`N`), not the `No` or
    `N°` of a label, though the label vocabulary spells them alike."""
    return len(token) <= 2 and token.isalpha() and token.isupper()


def vat_number(tokens: Sequence[str]) -> str | None:
    """The first VAT number spelled by consecutive tokens, normalised (`IE 8256796 U` →
    `IE8256796U`, `BE 0123.456.749` → `BE0123456749`), or None."""
    texts = [t for t in tokens if norm(t) and (norm(t) not in VAT_LABELS or _letters(t))]
    for i, first in enumerate(texts):
        compact_first = _COMPACT.sub("", first.strip(":,;()"))
        if len(compact_first) < 2 or compact_first[:2] not in VAT_BODIES:
            continue
        best = None
        joined = ""
        for token in texts[i : i + 6]:
            joined += _COMPACT.sub("", token.strip(":,;()"))
            prefix, body = joined[:2], joined[2:]
            if re.fullmatch(VAT_BODIES[prefix], body):
                best = prefix + ("0" + body if prefix == "BE" and len(body) == 9 else body)
        if best:
            return best
    return None


def block_rows(lab: Labeller, key: str) -> list[list[Word]]:
    """The address block under the first label `key`: the rows below it in its column, until
    a blank line or another label."""
    hits = lab.find(key)
    if not hits:
        return []
    hit = hits[0]
    left = hit.first.x0 - 4
    right = lab.column_limit(hit)
    r = hit.rows[-1]
    out: list[list[Word]] = []
    previous = lab.rows[r]
    while r + 1 < len(lab.rows):
        r += 1
        row = lab.rows[r]
        inside = [w for w in row.words if w.x0 >= left and w.x0 < right - 2]
        if not inside:
            if row.page != previous.page:
                break
            continue
        if row.page != previous.page or row.top - previous.bottom > 1.2 * previous.height:
            break
        if any(lab.key_at(w) not in (None, "tax") for w in inside):
            break
        out.append(inside)
        previous = Row(row.page, tuple(inside))
    return out


def customer_block(lab: Labeller, *keys: str) -> list[list[Word]]:
    """The first non-empty address block among the labels `keys`, in that order."""
    for key in keys:
        rows = block_rows(lab, key)
        if rows:
            return rows
    return []


def block_name(block: Sequence[Sequence[Word]]) -> str | None:
    """The party's name: the block's first line, with a legal form wrapped onto the next."""
    if not block:
        return None
    name = " ".join(w.text for w in block[0])
    if len(block) > 1 and (
        name.endswith(("&", "-", ",", " en", " und", " et", " and"))
        or all(norm(w.text) in _LEGAL_FORMS for w in block[1])
    ):
        name += " " + " ".join(w.text for w in block[1])
    return name


def seller(rows: Sequence[Row]) -> tuple[str | None, str | None]:
    """The Microsoft entity named on the invoice and the country of its tax number."""
    text = " ".join(row.text for row in rows)
    for name, country in SELLERS.items():
        if name.casefold() in text.casefold():
            return name, country
    return None, None


def parties(
    rows: Sequence[Row],
    customer: Sequence[Sequence[Word]],
    name_block: Sequence[Sequence[Word]] = (),
) -> tuple[Party, Party]:
    """Supplier and customer. The customer's VAT number is the one in its address block; the
    supplier's is a number of the seller's country found outside that block. The customer's
    name is the first line of `name_block` (default: the customer block)."""
    seller_name, country = seller(rows)
    in_block = {id(w) for line in customer for w in line}
    customer_vat = next((v for line in customer if (v := vat_number([w.text for w in line]))), None)
    supplier_vat = None
    if country and country != "US":
        for row in rows:
            tokens = [w.text for w in row.words if id(w) not in in_block]
            found = vat_number(tokens)
            if found and found.startswith(country) and found != customer_vat:
                supplier_vat = found
                break
    name = block_name(name_block or customer)
    return Party(seller_name, supplier_vat), Party(name, customer_vat)


def currency_of(rows: Sequence[Row]) -> str | None:
    """The currency most amounts are printed in: a symbol or an ISO code beside them."""
    votes: Counter[str] = Counter()
    for row in rows:
        for word in row.words:
            for symbol, code in CURRENCY_SYMBOLS.items():
                if symbol in word.text:
                    votes[code] += 1
            if word.text in CURRENCY_CODES:
                votes[word.text] += 1
    return votes.most_common(1)[0][0] if votes else None
