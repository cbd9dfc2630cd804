"""Family B, `online-services` (Microsoft 365 admin center, ~2016 – today): every word it prints.

The labels per language (page-1 header, address blocks, order details, billing summary, the
per-subscription table's column titles), the line field each column title holds and the order
Microsoft prints them in, the invoice-number shape, the labels only this family prints, and
the fields it always prints.
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
from pipeline.model import Language, PriceBasis

LABELS: dict[Language, dict[str, Phrases]] = {
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

#: Which line field each column title holds.
COLUMN_FIELDS = {
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
COLUMN_ORDER = (
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
#: The column whose value is printed with `%`.
RATE_FIELD = "tax_rate"
#: The column titles that make a row the table's column header.
HEADER_COLUMNS = frozenset({"col_period", "col_days", "col_qty", "col_monthly", "col_annual"})
#: The price columns and the basis they name.
PRICE_COLUMNS: tuple[tuple[str, PriceBasis], ...] = (
    ("col_annual", "year"),
    ("col_monthly", "month"),
)

#: Invoice number: `E0` + 8 of `[0-9A-Z]` (`E0300QOPRU`).
INVOICE_NUMBER = re.compile(r"^E0[0-9A-Z]{8}$")

#: Label keys only this family prints: they decide the family.
IDENTIFYING = frozenset(
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
        "terms",
        "bill_to",
        "sold_to",
        "usage",
    }
)
#: An admin-center invoice always prints a billing period and a due date, and each charge
#: line its service period, its tax and its total.
REQUIRED = Requirements(
    header=("invoice_number", "invoice_date", "total", "billing_period", "due_date"),
    line=("quantity", "unit_price", "amount", "service_period", "tax", "total"),
)


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    return with_tax_labels(printed(LABELS[language]))


#: The charge type some renderings print under a subscription's product bar, or on the bar
#: after the product with a separator glyph ("Microsoft 365 E3 – Monthly subscription
#: charges"): never part of the product name.
BAR_PHRASES: dict[Language, dict[str, Phrases]] = {
    "en": {
        "charge_type": (
            "Monthly subscription charges",
            "Annual subscription charges",
            "Subscription charges",
            "One-time charges",
        ),
    },
    "nl": {
        "charge_type": (
            "Maandelijkse abonnementskosten",
            "Jaarlijkse abonnementskosten",
            "Abonnementskosten",
            "Eenmalige kosten",
        ),
    },
    "fr": {
        "charge_type": (
            "Frais d'abonnement mensuels",
            "Frais d'abonnement annuels",
            "Frais d'abonnement",
            "Frais uniques",
        ),
    },
    "de": {
        "charge_type": (
            "Monatliche Abonnementgebühren",
            "Jährliche Abonnementgebühren",
            "Abonnementgebühren",
            "Einmalige Gebühren",
        ),
    },
}

TABLES: dict[str, Table] = {"labels": LABELS, "bar phrases": BAR_PHRASES}
VOCABULARY = Vocabulary(TABLES, labels, IDENTIFYING, INVOICE_NUMBER, GRID_KEYS, REQUIRED)
