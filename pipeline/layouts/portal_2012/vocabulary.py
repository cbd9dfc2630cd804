"""Family A, `portal-2012` (Office 365 portal, 2011 – ~2016): every word it prints.

The labels per language (the charge types among them), the phrases of a charge line (licence
count, price basis), the invoice-number and subscription-id shapes, the labels only this
family prints, and the fields it always prints.
"""

from __future__ import annotations

import re

from pipeline.layouts.vocabulary import (
    Phrases,
    Requirements,
    Table,
    Vocabulary,
    printed,
    with_tax_labels,
)
from pipeline.model import Language

LABELS: dict[Language, dict[str, Phrases]] = {
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
        "charge_type": ("Terugkerende kosten", "Eenmalige kosten"),
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
        "charge_type": (
            "Recurring Charges",
            "Recurring charges",
            "One-time Charges",
            "One-time charges",
        ),
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
        "charge_type": ("Frais récurrents", "Frais uniques"),
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
        "charge_type": ("Wiederkehrende Gebühren", "Einmalige Gebühren"),
    },
}

#: The phrases of a charge line, as regular-expression fragments (matched case-insensitively):
#: the words after the licence count, the word before the price basis ("per year"), the price
#: bases and the one-time price; and the labels of a line's own service period and day count,
#: which a prorated line prints in its product cell ("Serviceperiode: … tot en met …  Dagen:
#: 254").
LINE_PHRASES: dict[Language, dict[str, Phrases]] = {
    "nl": {
        "licences": ("gebruikerslicenties?", "licenties?"),
        "per": ("per",),
        "year": ("jaar",),
        "month": ("maand",),
        "once": ("eenmalig",),
        "service_period": (r"Service\s*periode",),
        "days": ("Dagen",),
    },
    "en": {
        "licences": (r"user\s+licen[cs]es?", "licen[cs]es?"),
        "per": ("per",),
        "year": ("year",),
        "month": ("month",),
        "once": ("one-time",),
        "service_period": (r"Service\s+Period",),
        "days": ("Days",),
    },
    "fr": {
        "licences": (r"licences?\s+utilisateurs?", "utilisateurs?"),
        "per": ("par",),
        "year": ("an", "année"),
        "month": ("mois",),
        "once": ("unique",),
        "service_period": (r"Période\s+de\s+service",),
        "days": ("Jours",),
    },
    "de": {
        "licences": ("Benutzerlizenzen", "Benutzerlizenz", "Lizenzen"),
        "per": ("pro",),
        "year": ("jahr",),
        "month": ("monat",),
        "once": ("einmalig",),
        "service_period": ("Dienstzeitraum",),
        "days": ("Tage",),
    },
}

#: Invoice number: `C` + 8 digits + a letter (`C10001358H`).
INVOICE_NUMBER = re.compile(r"^C\d{8}[A-Z]$")
#: The subscription id that starts every charge line.
SUBSCRIPTION_ID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)

#: Label keys only this family prints: they decide the family.
IDENTIFYING = frozenset(
    {
        "current_charges",
        "previous_balance",
        "previous_charges",
        "carried",
        "charge_type",
        "frequency",
    }
)
#: The header fields laid out in a grid of labels: their labels bound a column across rows.
GRID_KEYS = frozenset(
    {
        "invoice_number",
        "invoice_date",
        "due_date",
        "period",
        "order_number",
        "purchase_order",
        "payment_method",
        "frequency",
        "bill_to",
    }
)
#: A portal invoice always prints a billing period and a due date.
REQUIRED = Requirements(
    header=("invoice_number", "invoice_date", "total", "billing_period", "due_date"),
    line=("quantity", "unit_price", "amount"),
)


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    return with_tax_labels(printed(LABELS[language]))


TABLES: dict[str, Table] = {"labels": LABELS, "line phrases": LINE_PHRASES}
VOCABULARY = Vocabulary(TABLES, labels, IDENTIFYING, INVOICE_NUMBER, GRID_KEYS, REQUIRED)
