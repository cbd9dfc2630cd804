"""Family B, `online-services`: the Microsoft 365 admin center invoice (~2016 – today)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.layouts.common import (
    ANY_INVOICE_NUMBER,
    DASHES,
    INVOICE_NUMBER,
    TAX_LABELS,
    RawInvoice,
    RawLine,
)
from pipeline.layouts.geometry import Hit, Labeller, Row, is_footer, merge_grouped
from pipeline.layouts.parties import block_rows, parties, vat_number
from pipeline.layouts.values import (
    dash_split,
    header_month,
    meaningful,
    range_of,
    read_amount,
    read_code,
    read_date,
    read_range,
    read_text,
    value_at,
    value_of,
)
from pipeline.model import Family, Language, PriceBasis, Word
from pipeline.parsing import (
    CURRENCY_CODES,
    amount_mark,
    is_amount,
    is_currency,
    parse_amount,
    printed_date,
    strip_currency,
)

FAMILY: Family = "online-services"

LABELS: dict[Language, dict[str, tuple[str, ...]]] = {
    "en": {
        "title": ("Invoice",),
        "invoice_date": ("Invoice Date",),
        "invoice_number": ("Invoice Number", "Invoice No."),
        "due_date": ("Due Date", "Payment Due Date"),
        "sold_to": ("Sold-To", "Sold To"),
        "bill_to": ("Bill-To", "Bill To"),
        "usage": ("Service Usage Address",),
        "order_details": ("Order Details",),
        "product": ("Product",),
        "purchase_order": ("Customer PO Number", "PO Number", "Purchase Order Number"),
        "order_number": ("Order Number",),
        "period": ("Billing Period",),
        "terms": ("Payment Terms",),
        "summary": ("Billing Summary",),
        "charges": ("Charges",),
        "discounts": ("Discounts",),
        "credits": ("Credits",),
        "tax": ("Taxes", "Tax", "VAT", "Sales Tax", "GST/HST", "QST/PST", "GST", "HST", "QST"),
        "total": ("Total",),
        "instructions": ("Payment Instructions",),
        "grand_total": ("Grand Total",),
        "subtotal_row": ("SubTotal", "Subtotal", "Sub Total"),
        "col_period": ("Service Period",),
        "col_days": ("Days",),
        "col_qty": ("Qty", "Quantity"),
        "col_monthly": ("Monthly Price",),
        "col_annual": ("Annual Price", "Yearly Price"),
        "col_tax_rate": ("Tax %", "Tax Rate"),
        "page": ("Page",),
    },
    "nl": {
        "title": ("Factuur",),
        "invoice_date": ("Factuurdatum",),
        "invoice_number": ("Factuurnummer",),
        "due_date": ("Vervaldatum",),
        "sold_to": ("Verkocht aan",),
        "bill_to": ("Factureren aan",),
        "usage": ("Adres voor servicegebruik",),
        "order_details": ("Ordergegevens", "Bestelgegevens", "Orderdetails"),
        "product": ("Product",),
        "purchase_order": ("Inkoopordernummer klant", "Inkoopordernummer van klant"),
        "order_number": ("Ordernummer",),
        "period": ("Factureringsperiode",),
        "terms": ("Betalingsvoorwaarden",),
        "summary": ("Factureringsoverzicht", "Overzicht facturering"),
        "charges": ("Kosten",),
        "discounts": ("Kortingen",),
        "credits": ("Tegoeden",),
        "tax": ("Belasting", "BTW", "Belastingen"),
        "total": ("Totaal",),
        "instructions": ("Betalingsinstructies",),
        "grand_total": ("Eindtotaal",),
        "subtotal_row": ("Subtotaal",),
        "col_period": ("Serviceperiode",),
        "col_days": ("Dagen",),
        "col_qty": ("Aantal",),
        "col_monthly": ("Maandelijkse prijs", "Maandprijs"),
        "col_annual": ("Jaarlijkse prijs", "Jaarprijs"),
        "col_tax_rate": ("Belasting %",),
        "page": ("Pagina",),
    },
    "fr": {
        "title": ("Facture",),
        "invoice_date": ("Date de facturation", "Date de la facture", "Date de facture"),
        "invoice_number": ("Numéro de facture", "N° de facture"),
        "due_date": ("Date d'échéance",),
        "sold_to": ("Vendu à",),
        "bill_to": ("Facturer à", "Facturé à"),
        "usage": ("Adresse d'utilisation du service", "Adresse d'utilisation des services"),
        "order_details": ("Détails de la commande",),
        "product": ("Produit",),
        "purchase_order": ("Numéro de bon de commande client", "N° de bon de commande client"),
        "order_number": ("Numéro de commande", "N° de commande"),
        "period": ("Période de facturation",),
        "terms": ("Conditions de paiement",),
        "summary": ("Récapitulatif de facturation", "Résumé de facturation"),
        "charges": ("Frais",),
        "discounts": ("Remises",),
        "credits": ("Crédits",),
        "tax": ("Taxes", "TVA", "Taxe", "TPS/TVH", "TVQ/TVP"),
        "total": ("Total",),
        "instructions": ("Instructions de paiement",),
        "grand_total": ("Total général",),
        "subtotal_row": ("Sous-total", "Sous total"),
        "col_period": ("Période de service",),
        "col_days": ("Jours",),
        "col_qty": ("Qté", "Quantité"),
        "col_monthly": ("Prix mensuel",),
        "col_annual": ("Prix annuel",),
        "col_tax_rate": ("Taxe %", "Taxes %"),
        "page": ("Page",),
    },
    "de": {
        "title": ("Rechnung",),
        "invoice_date": ("Rechnungsdatum",),
        "invoice_number": ("Rechnungsnummer",),
        "due_date": ("Fälligkeitsdatum",),
        "sold_to": ("Auftraggeber",),
        "bill_to": ("Rechnungsempfänger",),
        "usage": ("Dienstnutzungsadresse",),
        "order_details": ("Bestelldetails", "Auftragsdetails"),
        "product": ("Produkt",),
        "purchase_order": ("Bestellnummer des Kunden", "Bestellnummer"),
        "order_number": ("Auftragsnummer",),
        "period": ("Abrechnungszeitraum",),
        "terms": ("Zahlungsbedingungen",),
        "summary": ("Abrechnungsübersicht", "Rechnungsübersicht", "Abrechnungszusammenfassung"),
        "charges": ("Gebühren",),
        "discounts": ("Rabatte",),
        "credits": ("Gutschriften",),
        "tax": ("Steuer", "Steuern", "MwSt.", "USt.", "MwSt", "USt"),
        "total": ("Summe", "Gesamtbetrag"),
        "instructions": ("Zahlungsanweisungen",),
        "grand_total": ("Gesamtsumme",),
        "subtotal_row": ("Zwischensumme",),
        "col_period": ("Dienstzeitraum",),
        "col_days": ("Tage",),
        "col_qty": ("Menge",),
        "col_monthly": ("Monatlicher Preis",),
        "col_annual": ("Jährlicher Preis",),
        "col_tax_rate": ("Steuer %",),
        "page": ("Seite",),
    },
}


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    table = dict(LABELS[language])
    table["tax"] = tuple(dict.fromkeys((*table["tax"], *TAX_LABELS)))
    return table


def _amount_with_code(row: Row) -> tuple[str, str] | None:
    """A row that is only `2,175.00 USD` (or `USD 2,175.00`): the header total."""
    words = [w.text for w in merge_grouped(meaningful(row.words))]
    if len(words) == 1 and (glued := re.fullmatch(r"(.*\d)\s?([A-Z]{3})", words[0])):
        words = [glued[1], glued[2]]
    if len(words) == 2:
        for amount, code in (words, words[::-1]):
            if code in CURRENCY_CODES and is_amount(amount) and re.search(r"\d", amount):
                return strip_currency(amount)[0], code
    return None


def _header_bottom(rows: Sequence[Row], page: int) -> float:
    """Where the repeated page header ends: below its `total currency` row."""
    for row in rows:
        if row.page == page and _amount_with_code(row):
            return row.bottom
    return 0.0


@dataclass(slots=True)
class _TableState:
    product: str | None = None
    pending: list[Row] = field(default_factory=list)
    basis: PriceBasis | None = None
    header_bottom: float = -1.0
    header_page: int = 0
    columns: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class _Period:
    start: str
    end: str
    words: int
    #: The row below that holds the wrapped end date, and the rows between (cells centred
    #: vertically beside a two-line period): all part of this line.
    wrapped_row: Row | None = None
    between: tuple[Row, ...] = ()


def _period_of_row(row: Row, rows: Sequence[Row], index: int) -> _Period | None:
    """A data row starts with its service period: `X - Y` in the row, in one word, or with
    the end date wrapped below the start."""
    words = dash_split(meaningful(row.words))
    if not words or not printed_date(words[0].text):
        return None
    for size in (1, 2, 3):
        found = read_range(words[:size])
        if found:
            return _Period(found[0], found[1], size)
    dashed = len(words) > 1 and words[1].text in DASHES
    start = words[0]
    for offset, below in enumerate(rows[index + 1 : index + 4], start=1):
        under = [
            w for w in dash_split(meaningful(below.words)) if w.x0 < start.x1 and w.x1 > start.x0
        ]
        if not dashed and len(under) > 1 and under[0].text in DASHES:
            under = under[1:]
        elif not dashed:
            break
        if under and printed_date(under[0].text):
            between = tuple(rows[index + 1 : index + offset])
            return _Period(start.text, under[0].text, 2 if dashed else 1, below, between)
        if under:
            break
    return None


#: Which line field each column title holds.
_COLUMN_FIELDS = {
    "col_days": "days",
    "col_qty": "quantity",
    "col_monthly": "unit_price",
    "col_annual": "unit_price",
    "charges": "charges",
    "discounts": "discounts",
    "credits": "credits",
    "subtotal_row": "amount",
    "col_tax_rate": "tax_rate",
    "tax": "tax",
    "total": "total",
}
#: The columns in the order Microsoft prints them after the service period.
_COLUMN_ORDER = (
    "days",
    "quantity",
    "unit_price",
    "charges",
    "discounts",
    "credits",
    "amount",
    "tax_rate",
    "tax",
    "total",
)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-(]?\d[\d.,\u00a0 ]*\)?%?|\d+(?:[.,]\d+)?\s?%", text))


def _in_cents(text: str) -> str | None:
    """The decimal mark of an amount printed with exactly two decimals, or None."""
    mark = text[-3:-2]
    if mark in (".", ",") and is_amount(text) and amount_mark(text) == mark:
        return mark
    return None


def _unglued_amounts(word: Word) -> list[Word]:
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


def _cell_values(words: Sequence[Word], *, grouped: bool = True) -> list[Word]:
    """The row's value cells: numbers with currency signs dropped and `%` joined to its rate;
    with `grouped`, thousands split at a space are joined first (`1 234,56`)."""
    cells: list[Word] = []
    kept = [u for w in words if not is_currency(w.text) for u in _unglued_amounts(w)]
    for word in merge_grouped(kept) if grouped else kept:
        text = strip_currency(word.text)[0] if not word.text.endswith("%") else word.text
        if text == "%" and cells:
            last = cells[-1]
            cells[-1] = Word(last.text + "%", last.x0, word.x1, last.top, last.bottom, last.page)
        elif _is_number(text):
            cells.append(Word(text, word.x0, word.x1, word.top, word.bottom, word.page))
    return cells


_GROUP_HEAD = re.compile(r"^-?\(?\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:[.,]\d+)?\)?$")


def _regrouped(cells: Sequence[Word]) -> list[dict[str, str]]:
    """Every reading of the row in Microsoft's ten columns that joining some space-split
    thousands groups gives (`1` `485,00` → `1 485,00`), whatever the gap: in tiny or
    letter-spaced type a thousands space can be as wide as a narrow column gap."""
    joins = [
        i
        for i in range(len(cells) - 1)
        if _GROUP_HEAD.match(cells[i].text) and _GROUP_TAIL.match(cells[i + 1].text)
    ]
    readings = []
    for chosen in itertools.product((False, True), repeat=min(len(joins), 10)):
        merged: list[str] = []
        join_after = {i for i, on in zip(joins, chosen, strict=False) if on}
        for i, cell in enumerate(cells):
            if i - 1 in join_after:
                merged[-1] += "\u00a0" + cell.text
            else:
                merged.append(cell.text)
        values = _by_order([Word(t, 0, 0, 0, 0, 0) for t in merged])
        if values is not None:
            readings.append(values)
    return readings


def _adds_up(values: dict[str, str]) -> bool:
    """charges − discounts − credits = subtotal and subtotal + tax = total, under either mark."""
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


def _by_order(cells: Sequence[Word]) -> dict[str, str] | None:
    """The ten values in Microsoft's column order, the rate being the one marked `%`."""
    texts = [c.text for c in cells]
    rate_at = next((i for i, t in enumerate(texts) if t.endswith("%")), 7)
    if len(texts) != len(_COLUMN_ORDER) or rate_at != 7:
        return None
    return dict(zip(_COLUMN_ORDER, texts, strict=True))


def _by_position(
    cells: Sequence[Word], columns: Sequence[tuple[str, float, float]]
) -> dict[str, str] | None:
    """Each value under the column title nearest to it, for rows with empty cells."""
    if not columns:
        return None
    found: dict[str, str] = {}
    for cell in cells:
        middle = (cell.x0 + cell.x1) / 2

        def distance(column: tuple[str, float, float], middle: float = middle) -> float:
            _, x0, x1 = column
            return 0.0 if x0 <= middle <= x1 else min(abs(middle - x0), abs(middle - x1))

        name = min(columns, key=distance)[0]
        if name in found:
            return None
        found[name] = cell.text
    return found


def _after_end_date(row: Row, end: str) -> list[Word]:
    """The words of the row holding a wrapped end date, without that date and its dash."""
    words = dash_split(meaningful(row.words))
    at = next((i for i, w in enumerate(words) if w.text == end), -1)
    dash = at > 0 and words[at - 1].text in DASHES
    return [w for i, w in enumerate(words) if i != at and not (dash and i == at - 1)]


def _line_from_row(row: Row, period: _Period, state: _TableState) -> RawLine | None:
    words = dash_split(meaningful(row.words))[period.words :]
    if period.between or period.wrapped_row:
        beside = meaningful([w for r in period.between for w in r.words])
        if period.wrapped_row is not None:
            beside += _after_end_date(period.wrapped_row, period.end)
        words = sorted([*words, *beside], key=lambda w: w.x0)
    cells = _cell_values(words)
    readings = _regrouped(_cell_values(words, grouped=False))
    consistent = [r for r in readings if _adds_up(r)]
    values = (
        (consistent[0] if len(consistent) == 1 else None)
        or _by_order(cells)
        or (readings[0] if len(readings) == 1 else None)
        or _by_position(cells, state.columns)
    )
    if values is None:
        return None
    rate = values.get("tax_rate")
    return RawLine(
        product=state.product or "",
        period_start=period.start,
        period_end=period.end,
        days=values.get("days"),
        quantity=values.get("quantity"),
        unit_price=values.get("unit_price"),
        price_basis=state.basis,
        charges=values.get("charges"),
        discounts=values.get("discounts"),
        credits=values.get("credits"),
        amount=values.get("amount"),
        tax_rate=rate.replace("%", "").strip() if rate else None,
        tax=values.get("tax"),
        total=values.get("total"),
        page=row.page,
    )


def _continues_header(row: Row, state: _TableState) -> bool:
    """A row of wrapped column titles ("Preis", "%") right under the column header."""
    close = row.page == state.header_page and row.top - state.header_bottom < 0.6 * row.height
    return close and not any(
        is_amount(w.text) or printed_date(w.text) for w in row.words if w.text not in "%"
    )


def _columns(lab: Labeller, row: Row) -> tuple[tuple[str, float, float], ...]:
    """The line fields of the column titles that start on `row`, with their x spans."""
    return tuple(
        (_COLUMN_FIELDS[h.key], min(w.x0 for w in h.words), max(w.x1 for w in h.words))
        for h in lab.hits
        if h.key in _COLUMN_FIELDS and lab.rows[h.rows[0]] is row
    )


def _basis_of(keys: set[str], row: Row, language: Language) -> PriceBasis | None:
    """The price basis a column header row names; also where a renderer without cell padding
    ran the title into its neighbour ('AantalMaandelijkse')."""
    if "col_annual" in keys:
        return "year"
    if "col_monthly" in keys:
        return "month"
    glued = "".join(w.text for w in row.words).casefold()
    bases: tuple[tuple[str, PriceBasis], ...] = (("col_annual", "year"), ("col_monthly", "month"))
    for key, basis in bases:
        if any(p.split()[0].casefold() in glued for p in LABELS[language][key]):
            return basis
    return None


def _read_lines(rows: Sequence[Row], lab: Labeller, language: Language) -> tuple[RawLine, ...]:
    state = _TableState()
    lines: list[RawLine] = []
    keys_by_row = {id(lab.rows[h.rows[0]]): set[str]() for h in lab.hits}
    for hit in lab.hits:
        keys_by_row[id(lab.rows[hit.rows[0]])].add(hit.key)
    page_header: dict[int, float] = {}
    footer_from: dict[int, float] = {}
    for row in rows:
        if row.page not in page_header:
            page_header[row.page] = _header_bottom(rows, row.page)
        if is_footer(row) and row.page not in footer_from:
            footer_from[row.page] = row.top
    consumed: set[int] = set()
    for index, row in enumerate(rows):
        if row.top <= page_header[row.page] or row.top >= footer_from.get(row.page, 1e9):
            continue
        if id(row) in consumed:
            continue
        keys = keys_by_row.get(id(row), set())
        if "grand_total" in keys:
            break
        if keys & {"col_period", "col_days", "col_qty", "col_monthly", "col_annual"}:
            state.basis = _basis_of(keys, row, language) or state.basis
            state.header_bottom, state.header_page = row.bottom, row.page
            state.columns = _columns(lab, row)
            if state.pending:
                state.product = _joined(state.pending)
                state.pending = []
            continue
        if _continues_header(row, state):
            state.header_bottom = row.bottom
            continue
        period = _period_of_row(row, rows, index)
        if period:
            if state.pending:
                state.product = _joined(state.pending)
                state.pending = []
            if period.wrapped_row is not None:
                consumed.add(id(period.wrapped_row))
            consumed.update(id(r) for r in period.between)
            line = _line_from_row(row, period, state)
            if line is not None:
                lines.append(line)
            continue
        if "subtotal_row" in keys:
            state.pending = []
            continue
        if not _may_name_product(row, lab):
            continue
        if state.pending and (
            row.page != state.pending[-1].page
            or row.top - state.pending[-1].bottom > 0.9 * row.height
        ):
            state.pending = []
        state.pending.append(row)
    return tuple(lines)


def _may_name_product(row: Row, lab: Labeller) -> bool:
    """A subscription bar is plain text: not a labelled row, not the repeated page header's
    month or total (on pages whose header the reader did not recognise)."""
    return not (lab.is_label(row.words[0]) or header_month(row.words) or _amount_with_code(row))


def _joined(rows: Sequence[Row]) -> str:
    return " ".join(" ".join(w.text for w in row.words) for row in rows)


def _grand_total_subtotal(lab: Labeller) -> str | None:
    for hit in lab.find("grand_total"):
        right = [u for w in lab.right_of(hit) for u in _unglued_amounts(w)]
        amounts = [w.text for w in merge_grouped(right) if _is_number(w.text)]
        if len(amounts) == 6:
            return amounts[3]
    return None


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    first = [1] if any(r.page == 1 for r in rows) else None
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER[FAMILY]))
    number = number or value_of(lab, "invoice_number", read_code(ANY_INVOICE_NUMBER))
    period = range_of(lab, "period")
    header = next((t for row in rows if row.page == 1 and (t := _amount_with_code(row))), None)
    month = next((m for row in rows if row.page == 1 and (m := header_month(row.words))), None)
    taxes = tuple(
        amount
        for hit in lab.find("tax")
        if hit.page == 1 and (amount := _summary_amount(lab, hit)) is not None
    )
    blocks = [block_rows(lab, key) for key in ("usage", "bill_to", "sold_to")]
    customer_rows = next((b for b in blocks if _has_vat(b)), next((b for b in blocks if b), []))
    supplier, customer = parties(rows, customer_rows, blocks[2] or blocks[1])
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
        currency=header[1] if header else None,
        header_month=month,
        header_total=header[0] if header else None,
        charges=value_of(lab, "charges", read_amount, pages=first),
        discounts=value_of(lab, "discounts", read_amount, pages=first),
        credits=value_of(lab, "credits", read_amount, pages=first),
        subtotal=_grand_total_subtotal(lab),
        taxes=taxes,
        total=value_of(lab, "total", read_amount, pages=first),
        lines=_read_lines(rows, lab, language),
    )


def _summary_amount(lab: Labeller, hit: Hit) -> str | None:
    return value_at(lab, hit, read_amount)


def _has_vat(block: Sequence[Sequence[Word]]) -> bool:
    return any(vat_number([w.text for w in line]) for line in block)
