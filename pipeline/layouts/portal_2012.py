"""Family A, `portal-2012`: the Office 365 portal invoice (2011 – ~2016)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from pipeline.layouts.common import (
    ANY_INVOICE_NUMBER,
    GUID,
    INVOICE_NUMBER,
    TAX_LABELS,
    RawInvoice,
    RawLine,
)
from pipeline.layouts.geometry import Labeller, Row, is_footer, merge_grouped, rows_of
from pipeline.layouts.parties import currency_of, customer_block, parties
from pipeline.layouts.values import (
    range_of,
    read_amount,
    read_code,
    read_date,
    read_rate_and_amount,
    read_text,
    value_of,
)
from pipeline.model import Family, Language, PriceBasis, Word

FAMILY: Family = "portal-2012"

LABELS: dict[Language, dict[str, tuple[str, ...]]] = {
    "nl": {
        "invoice_number": ("Factuurnummer", "Factuurnr."),
        "invoice_date": ("Factuurdatum", "Documentdatum"),
        "period": ("Factureringsperiode", "Facturatieperiode"),
        "due_date": ("Vervaldatum voor betaling", "Vervaldatum"),
        "order_number": ("Ordernummer", "Bestelnummer"),
        "purchase_order": ("Nr. inkooporder", "Inkoopordernummer", "Nummer inkooporder"),
        "payment_method": ("Betaalmethode", "Betalingsmethode"),
        "frequency": ("Frequentie",),
        "previous_charges": ("Vorige kosten",),
        "previous_balance": ("Vorig saldo",),
        "carried": ("Totaal saldo doorschuiven vanaf", "Saldo doorschuiven vanaf"),
        "current_charges": ("Huidige kosten",),
        "subtotal": ("Subtotaal",),
        "tax": ("BTW", "Belasting"),
        "total": ("Totaal", "Totaalbedrag"),
        "bill_to": ("Factureren aan", "Factuuradres"),
    },
    "en": {
        "invoice_number": ("Invoice Number", "Invoice No.", "Invoice No"),
        "invoice_date": ("Invoice Date", "Document Date"),
        "period": ("Billing Period",),
        "due_date": ("Payment Due Date", "Due Date"),
        "order_number": ("Order Number", "Order No."),
        "purchase_order": ("Purchase Order Number", "Purchase Order No.", "PO Number"),
        "payment_method": ("Payment Method",),
        "frequency": ("Frequency", "Billing Frequency"),
        "previous_charges": ("Previous Charges",),
        "previous_balance": ("Previous Balance",),
        "carried": (
            "Total balance carried forward from",
            "Total Balance Carried Forward From",
            "Balance carried forward from",
            "Balance Carried Forward",
        ),
        "current_charges": ("Current Charges",),
        "subtotal": ("Subtotal", "Sub-total", "Total charges before tax", "Total Before Tax"),
        "tax": ("VAT", "Tax", "Taxes", "Sales Tax", "GST/HST", "QST/PST"),
        "total": ("Total", "Total current charges", "Total Current Charges", "Total Due"),
        "bill_to": ("Bill-To", "Bill To", "Billing Address"),
    },
    "fr": {
        "invoice_number": ("N° de facture", "Numéro de facture", "N° facture"),
        "invoice_date": ("Date du document", "Date de facturation", "Date de facture"),
        "period": ("Période de facturation",),
        "due_date": ("Date d'échéance", "Date d'échéance du paiement", "Échéance"),
        "order_number": ("Numéro de commande", "N° de commande"),
        "purchase_order": ("N° de bon de commande", "Numéro de bon de commande"),
        "payment_method": ("Mode de paiement", "Méthode de paiement"),
        "frequency": ("Fréquence",),
        "previous_charges": ("Frais précédents",),
        "previous_balance": ("Solde précédent",),
        "carried": ("Solde total reporté depuis le", "Solde total reporté depuis", "Solde reporté"),
        "current_charges": ("Frais actuels",),
        "subtotal": (
            "Sous-total",
            "Sous total",
            "Total des frais avant impôt",
            "Total des frais avant taxes",
        ),
        "tax": ("TVA", "Taxe", "Taxes"),
        "total": ("Total", "Total des frais actuels", "Montant total"),
        "bill_to": ("Facturer à", "Adresse de facturation", "Facturé à"),
    },
    "de": {
        "invoice_number": ("Rechnungsnummer", "Rechnungsnr."),
        "invoice_date": ("Rechnungsdatum", "Belegdatum"),
        "period": ("Abrechnungszeitraum",),
        "due_date": ("Fälligkeitsdatum", "Zahlungsziel"),
        "order_number": ("Auftragsnummer",),
        "purchase_order": ("Bestellnummer",),
        "payment_method": ("Zahlungsmethode", "Zahlungsart"),
        "frequency": ("Häufigkeit", "Abrechnungshäufigkeit"),
        "previous_charges": ("Vorherige Gebühren",),
        "previous_balance": ("Vorheriger Saldo",),
        "carried": ("Gesamtsaldo übertragen ab", "Saldovortrag ab", "Übertrag ab"),
        "current_charges": ("Aktuelle Gebühren",),
        "subtotal": ("Zwischensumme",),
        "tax": ("MwSt.", "USt.", "MwSt", "USt", "Mehrwertsteuer", "Umsatzsteuer", "Steuer"),
        "total": ("Summe", "Gesamtbetrag", "Gesamtsumme"),
        "bill_to": ("Rechnungsempfänger", "Rechnungsadresse", "Rechnung an"),
    },
}

#: The charge types printed on a line, per language.
CHARGE_TYPES: dict[Language, tuple[str, ...]] = {
    "nl": ("Terugkerende kosten", "Eenmalige kosten"),
    "en": ("Recurring Charges", "Recurring charges", "One-time Charges", "One-time charges"),
    "fr": ("Frais récurrents", "Frais uniques"),
    "de": ("Wiederkehrende Gebühren", "Einmalige Gebühren"),
}

_LICENCES = re.compile(
    r"(?<![\d.,])(?P<q>\d+)\s+(?:user\s+licen[cs]es?|gebruikerslicenties?|licences?\s+utilisateurs?|"
    r"Benutzerlizenzen|Benutzerlizenz|licen[cs]es?|licenties?|Lizenzen)\b",
    re.IGNORECASE,
)
_AMOUNT_TEXT = (
    r"(?<!\w)[-(]?(?:[€$£]\s?)?"
    r"(?:\d{1,3}(?:[\u00a0\u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?[€$£])?\)?"
)
_PRICE = re.compile(
    rf"(?P<p>{_AMOUNT_TEXT})\s+(?:per|par|pro)\s+(?:[^\d€$£]*?(?:per|par|pro)\s+)?"
    r"(?P<basis>jaar|year|an|année|jahr|maand|month|mois|monat)\b",
    re.IGNORECASE,
)
_ONE_TIME = re.compile(
    r"(?P<p>" + _AMOUNT_TEXT + r")\s+(?:eenmalig|one-time|unique|einmalig)", re.IGNORECASE
)
_BASIS: dict[str, PriceBasis] = {
    "jaar": "year",
    "year": "year",
    "an": "year",
    "année": "year",
    "jahr": "year",
    "maand": "month",
    "month": "month",
    "mois": "month",
    "monat": "month",
}


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    table = dict(LABELS[language])
    table["charge_type"] = CHARGE_TYPES[language]
    table["tax"] = tuple(dict.fromkeys((*table["tax"], *TAX_LABELS)))
    return table


def _segments(row: Row, aligned: Sequence[float]) -> list[list[Word]]:
    """A row's runs of words: a new run starts after a gap wider than a space (a monospaced
    space is 0.6 em) or at an x where runs start on other rows of the block (a column, even
    with tight cell padding)."""
    segments: list[list[Word]] = []
    for word in merge_grouped(row.words):
        at_column = any(abs(word.x0 - x) <= 1.5 for x in aligned)
        money_after_text = bool(segments) and _starts_money(word, segments[-1][-1])
        close = bool(segments) and word.x0 - segments[-1][-1].x1 <= 0.8 * word.height
        if close and not at_column and not money_after_text:
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


_MONEY_START = re.compile(r"^[-(]?(?:[€$£]|[€$£]?\d[\d.,\u00a0]*[.,]\d{2}\)?(?:[€$£])?$)")


def _starts_money(word: Word, previous: Word) -> bool:
    """An amount (or its currency sign) right after a word of text starts a new cell: a line
    amount printed close to the end of the price phrase is its own column."""
    return bool(_MONEY_START.match(word.text)) and any(c.isalpha() for c in previous.text)


def _column_starts(rows: Sequence[Row]) -> list[float]:
    """The x positions where a run starts on one row and a word starts on another row of the
    block: a column whose cell wrapped, even where tight padding ran it into its neighbour."""
    starts = [(i, s[0].x0) for i, row in enumerate(rows) for s in _segments(row, ())]
    lefts = [(i, w.x0) for i, row in enumerate(rows) for w in row.words]
    return [x for i, x in starts if any(j != i and abs(x - other) <= 1.5 for j, other in lefts)]


def _cells(words: Sequence[Word]) -> list[list[Word]]:
    """The block's words grouped into cells: runs of words on a row, continued by the runs
    that start at the same x on the next line of text below (a cell wrapped in a narrow
    column; rows of vertically centred neighbours may lie in between)."""
    rows = rows_of(words)
    aligned = _column_starts(rows)
    cells: list[list[Word]] = []
    for row in rows:
        for segment in _segments(row, aligned):
            owner = next(
                (
                    cell
                    for cell in reversed(cells)
                    if abs(cell[0].x0 - segment[0].x0) <= 2.5
                    and 0 <= segment[0].top - cell[-1].bottom < 0.9 * row.height
                ),
                None,
            )
            if owner is not None:
                owner.extend(segment)
            else:
                cells.append(list(segment))
    return cells


#: A line amount: two decimals or a currency sign, so `(Plan 1)` is never taken for one.
_LINE_AMOUNT = re.compile(
    r"(?:^|\s)(?P<a>[-(]?(?:[€$£]\s?)?-?\d[\d.,\u00a0\u202f]*[.,]\d{2}\)?(?:\s?[€$£])?"
    r"|[-(]?[€$£]\s?\d+\)?)\s*$"
)


def _line_from_block(words: Sequence[Word], lab: Labeller) -> RawLine:
    guid = next(w.text for w in words if GUID.fullmatch(w.text))
    charge_type = next(
        (h for h in lab.find("charge_type") if any(w in words for w in h.words)), None
    )
    charge_words = set(map(id, charge_type.words)) if charge_type else set()
    quantity = unit_price = amount = None
    basis: PriceBasis | None = None
    product_parts: list[str] = []
    for cell in _cells([w for w in words if id(w) not in charge_words]):
        text = " ".join(w.text for w in cell if not GUID.fullmatch(w.text))
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
    return any(GUID.fullmatch(w.text) for w in row.words)


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
    number = value_of(lab, "invoice_number", read_code(INVOICE_NUMBER[FAMILY]))
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
