"""Family C, `customer-agreement`: the Microsoft Customer Agreement invoice (2019 – today).

Recognised and its header read; its per-section detail tables are not read yet, so such an
invoice carries a MISSING_FIELD finding for its lines and is never booked unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.layouts.common import INVOICE_NUMBER, RawInvoice
from pipeline.layouts.geometry import Labeller, Row
from pipeline.layouts.parties import currency_of, customer_block, parties
from pipeline.layouts.values import (
    range_of,
    read_amount,
    read_code,
    read_date,
    read_text,
    value_of,
)
from pipeline.model import Family, Language

FAMILY: Family = "customer-agreement"

LABELS: dict[Language, dict[str, tuple[str, ...]]] = {
    "en": {
        "billing_profile": ("Billing profile",),
        "invoice_section": ("Invoice section",),
        "charge_dates": ("Charge dates",),
        "sold_to": ("Sold to",),
        "bill_to": ("Bill to",),
        "purchase_order": ("P.O. number", "PO number"),
        "invoice_number": ("Invoice number",),
        "invoice_date": ("Invoice date",),
        "due_date": ("Due date",),
        "period": ("Billing period",),
        "credit_note": ("Credit Note",),
        "charges": ("Charges",),
        "credits": ("Credits",),
        "subtotal": ("Subtotal",),
        "tax": ("Tax",),
        "total": ("Total",),
    },
    "nl": {
        "billing_profile": ("Factureringsprofiel",),
        "invoice_section": ("Factuursectie",),
        "charge_dates": ("Kostendatums",),
        "sold_to": ("Verkocht aan",),
        "bill_to": ("Factureren aan",),
        "purchase_order": ("Inkoopordernummer",),
        "invoice_number": ("Factuurnummer",),
        "invoice_date": ("Factuurdatum",),
        "due_date": ("Vervaldatum",),
        "period": ("Factureringsperiode",),
        "credit_note": ("Creditnota",),
        "charges": ("Kosten",),
        "credits": ("Tegoeden",),
        "subtotal": ("Subtotaal",),
        "tax": ("Belasting", "BTW"),
        "total": ("Totaal",),
    },
    "fr": {
        "billing_profile": ("Profil de facturation",),
        "invoice_section": ("Section de facture",),
        "charge_dates": ("Dates des frais",),
        "sold_to": ("Vendu à",),
        "bill_to": ("Facturer à",),
        "purchase_order": ("Numéro de bon de commande",),
        "invoice_number": ("Numéro de facture",),
        "invoice_date": ("Date de facturation",),
        "due_date": ("Date d'échéance",),
        "period": ("Période de facturation",),
        "credit_note": ("Avoir", "Note de crédit"),
        "charges": ("Frais",),
        "credits": ("Crédits",),
        "subtotal": ("Sous-total",),
        "tax": ("Taxe", "TVA"),
        "total": ("Total",),
    },
    "de": {
        "billing_profile": ("Abrechnungsprofil",),
        "invoice_section": ("Rechnungsabschnitt",),
        "charge_dates": ("Gebührendaten",),
        "sold_to": ("Verkauft an",),
        "bill_to": ("Rechnung an",),
        "purchase_order": ("Bestellnummer",),
        "invoice_number": ("Rechnungsnummer",),
        "invoice_date": ("Rechnungsdatum",),
        "due_date": ("Fälligkeitsdatum",),
        "period": ("Abrechnungszeitraum",),
        "credit_note": ("Gutschrift",),
        "charges": ("Gebühren",),
        "credits": ("Gutschriften",),
        "subtotal": ("Zwischensumme",),
        "tax": ("Steuer", "MwSt."),
        "total": ("Summe", "Gesamtbetrag"),
    },
}


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    return LABELS[language]


def read(rows: Sequence[Row], language: Language, lab: Labeller) -> RawInvoice:
    period = range_of(lab, "period")
    tax = value_of(lab, "tax", read_amount)
    supplier, customer = parties(rows, customer_block(lab, "sold_to", "bill_to"))
    return RawInvoice(
        family=FAMILY,
        language=language,
        document_type="credit_note" if lab.find("credit_note") else "invoice",
        supplier_name=supplier.name,
        supplier_vat=supplier.vat_number,
        customer_name=customer.name,
        customer_vat=customer.vat_number,
        invoice_number=value_of(lab, "invoice_number", read_code(INVOICE_NUMBER[FAMILY])),
        invoice_date=value_of(lab, "invoice_date", read_date),
        due_date=value_of(lab, "due_date", read_date),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        purchase_order=value_of(lab, "purchase_order", read_text),
        currency=currency_of(rows),
        charges=value_of(lab, "charges", read_amount),
        credits=value_of(lab, "credits", read_amount),
        subtotal=value_of(lab, "subtotal", read_amount),
        taxes=(tax,) if tax else (),
        total=value_of(lab, "total", read_amount),
    )
