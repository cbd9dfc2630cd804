"""Family C, `customer-agreement` (Microsoft Customer Agreement, 2019 – today): its words.

`LABELS` is what the header reader finds today. `SECTION_C` is the whole vocabulary of the
spec's section C (`shared/spec/invoices.md`: invoice and billing summary, Azure credits,
payment terms, sections, publishers, credit note title, the details table's columns), every
concept in en, nl, fr and de, all from Microsoft's translated documentation (no MCA PDF is
public): the line reader to come reads with it. English must always be recognised: real MCA
PDFs may print English labels whatever the customer's language.
"""

from __future__ import annotations

import re

from pipeline.layouts.vocabulary import (
    NotPrinted,
    Phrases,
    Requirements,
    Table,
    Vocabulary,
    printed,
)
from pipeline.model import Language

LABELS: dict[Language, dict[str, Phrases]] = {
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

#: A translation Microsoft's documentation does not give (English is printed there).
NOT_DOCUMENTED = NotPrinted("no translation documented; the English label is printed")

#: The spec's section C, concept by concept. `payment_terms_net` is the printed value of the
#: payment terms, N standing for the number of days.
SECTION_C: dict[Language, dict[str, Phrases]] = {
    "en": {
        "invoice_summary": ("Invoice summary",),
        "sold_to": ("Sold to",),
        "bill_to": ("Bill to",),
        "billing_profile": ("Billing profile",),
        "purchase_order": ("P.O. number",),
        "invoice_number": ("Invoice number",),
        "invoice_date": ("Invoice date",),
        "due_date": ("Due date",),
        "period": ("Billing period",),
        "payment_terms": ("Payment terms",),
        "payment_terms_net": ("Net N days",),
        "billing_summary": ("Billing summary",),
        "charges": ("Charges",),
        "credits": ("Credits",),
        "azure_credits": ("Azure credits applied",),
        "subtotal": ("Subtotal",),
        "tax": ("Tax",),
        "total": ("Total",),
        "savings": ("Estimated total savings",),
        "invoice_sections": ("Invoice sections",),
        "details_by_section": ("Details by invoice section",),
        "payment_instructions": ("Payment instructions", "How to pay"),
        "publishers": ("Publisher information",),
        "credit_note": ("Credit Note",),
        "col_product": ("Product",),
        "col_charge_dates": ("Charge dates", "Purchases Charge dates"),
        "col_unit_price": ("Unit price",),
        "col_qty": ("Qty",),
        "col_charges_credits": ("Charges/Credits",),
        "col_azure_credit": ("Azure Credit",),
        "col_tax_rate": ("Tax rate",),
        "col_tax_amount": ("Tax amount",),
        "col_total": ("Total",),
    },
    "nl": {
        "invoice_summary": ("Factuuroverzicht", "Factureringsoverzicht"),
        "sold_to": ("Verkocht aan",),
        "bill_to": ("Factureren aan",),
        "billing_profile": ("Factureringsprofiel",),
        "purchase_order": ("Bestelnummer",),
        "invoice_number": ("Factuurnummer",),
        "invoice_date": ("Factuurdatum",),
        "due_date": ("Vervaldatum",),
        "period": ("Factureringsperiode",),
        "payment_terms": ("Betalingsvoorwaarden",),
        "payment_terms_net": ("Netto N dagen", "N dagen netto"),
        "billing_summary": ("Factuuroverzicht", "Factureringsoverzicht"),
        "charges": ("Kosten",),
        "credits": ("Tegoeden",),
        "azure_credits": ("Toegepaste Azure-tegoeden", "Azure-tegoed toegepast"),
        "subtotal": ("Subtotaal",),
        "tax": ("Belasting", "Btw"),
        "total": ("Totaal",),
        "savings": ("Geschatte totale besparingen",),
        "invoice_sections": ("Factuursecties",),
        "details_by_section": ("Gedeelte met factuurdetails",),
        "payment_instructions": ("Betalingsinstructies", "Hoe u kunt betalen"),
        "publishers": ("Uitgeversinformatie", "Informatie over uitgever"),
        "credit_note": NotPrinted("the translated credit note title is not documented"),
        "col_product": NOT_DOCUMENTED,
        "col_charge_dates": NOT_DOCUMENTED,
        "col_unit_price": ("Prijs per eenheid", "Eenheidsprijs"),
        "col_qty": ("Aantal", "Hoeveelheid"),
        "col_charges_credits": ("Kosten/tegoeden",),
        "col_azure_credit": ("Azure-tegoed",),
        "col_tax_rate": ("Belastingtarief", "Btw-tarief"),
        "col_tax_amount": ("Belastingbedrag", "Btw-bedrag"),
        "col_total": ("Totaal",),
    },
    "fr": {
        "invoice_summary": ("Récapitulatif de la facture", "Résumé de la facture"),
        "sold_to": ("Vendu à",),
        "bill_to": ("Facturer à", "Destinataire de la facture"),
        "billing_profile": ("Profil de facturation",),
        "purchase_order": ("Numéro de bon de commande",),
        "invoice_number": ("Numéro de facture",),
        "invoice_date": ("Date de facture", "Date de facturation"),
        "due_date": ("Date d'échéance",),
        "period": ("Période de facturation",),
        "payment_terms": ("Conditions de paiement",),
        "payment_terms_net": ("N jours nets", "N jours net"),
        "billing_summary": ("Récapitulatif de facturation", "Résumé de facturation"),
        "charges": ("Frais", "Charges"),
        "credits": ("Crédits",),
        "azure_credits": ("Crédits Azure appliqués",),
        "subtotal": ("Sous-total",),
        "tax": ("Taxe",),
        "total": ("Total",),
        "savings": ("Économies totales estimées",),
        "invoice_sections": ("Sections de facture",),
        "details_by_section": ("Section des détails par facture",),
        "payment_instructions": ("Instructions de paiement",),
        "publishers": ("Informations sur l'éditeur",),
        "credit_note": NotPrinted("the translated credit note title is not documented"),
        "col_product": NOT_DOCUMENTED,
        "col_charge_dates": NOT_DOCUMENTED,
        "col_unit_price": ("Prix unitaire",),
        "col_qty": ("Qté",),
        "col_charges_credits": ("Frais/crédits",),
        "col_azure_credit": ("Crédit Azure",),
        "col_tax_rate": ("Taux d'imposition", "Taux de la taxe"),
        "col_tax_amount": ("Montant de l'impôt", "Montant des taxes"),
        "col_total": ("Total",),
    },
    "de": {
        "invoice_summary": ("Rechnungszusammenfassung", "Rechnungsübersicht"),
        "sold_to": ("Verkauft an",),
        "bill_to": ("Rechnungsempfänger", "Rechnung an"),
        "billing_profile": ("Abrechnungsprofil",),
        "purchase_order": ("Bestellnummer", "PO-Nummer"),
        "invoice_number": ("Rechnungsnummer",),
        "invoice_date": ("Rechnungsdatum",),
        "due_date": ("Fälligkeitsdatum",),
        "period": ("Abrechnungszeitraum", "Abrechnungsperiode"),
        "payment_terms": ("Zahlungsbedingungen", "Zahlungsbestimmungen"),
        "payment_terms_net": ("Netto N Tage",),
        "billing_summary": ("Abrechnungsübersicht", "Abrechnungszusammenfassung"),
        "charges": ("Belastungen", "Gebühren"),
        "credits": ("Gutschriften", "Guthaben"),
        "azure_credits": ("Angewendete Azure-Gutschriften",),
        "subtotal": ("Zwischensumme",),
        "tax": ("Steuer", "Steuern"),
        "total": ("Gesamt",),
        "savings": ("Geschätzte Gesamteinsparungen",),
        "invoice_sections": ("Rechnungsabschnitte",),
        "details_by_section": ("Details nach Rechnungsabschnitt",),
        "payment_instructions": ("Zahlungsanweisungen",),
        "publishers": ("Herausgeberinformationen", "Informationen zum Herausgeber"),
        "credit_note": NotPrinted("the translated credit note title is not documented"),
        "col_product": NOT_DOCUMENTED,
        "col_charge_dates": NOT_DOCUMENTED,
        "col_unit_price": ("Einzelpreis",),
        "col_qty": ("Menge",),
        "col_charges_credits": ("Belastungen/Gutschriften", "Gebühren/Guthaben"),
        "col_azure_credit": ("Azure-Gutschrift",),
        "col_tax_rate": ("Steuersatz",),
        "col_tax_amount": ("Steuerbetrag",),
        "col_total": ("Gesamt",),
    },
}

#: The line field each column of the details table fills (`charge_dates`: the service period
#: and its days; `charges` signed as printed; `credits` only where the column is printed).
DETAILS_COLUMNS = {
    "col_product": "product",
    "col_charge_dates": "period",
    "col_unit_price": "unit_price",
    "col_qty": "quantity",
    "col_charges_credits": "charges",
    "col_azure_credit": "credits",
    "col_tax_rate": "tax_rate",
    "col_tax_amount": "tax",
    "col_total": "total",
}

#: Invoice number as every documented example prints it: `G` + 9 digits (`G123456789`).
INVOICE_NUMBER = re.compile(r"^G\d{9}$")
#: The wider pattern Microsoft's billing API documents for invoice names (`G`, `H`, `T` or
#: `HT` + 9 of `[A-Z0-9]`, or `H`, a digit, `-` and letters and digits); not read yet.
DOCUMENTED_INVOICE_NUMBER = re.compile(r"^(?:(?:HT|G|H|T)[A-Z0-9]{9}|H\d-[A-Z0-9]+)$")

#: Label keys only this family prints: they decide the family.
IDENTIFYING = frozenset({"billing_profile", "invoice_section", "charge_dates"})
#: The header fields laid out in a grid of labels: their labels bound a column across rows.
GRID_KEYS = frozenset(
    {"invoice_number", "invoice_date", "due_date", "period", "purchase_order", "bill_to", "sold_to"}
)
#: No billing period or due date is required: a due date is printed only sometimes.
REQUIRED = Requirements(
    header=("invoice_number", "invoice_date", "total"),
    line=("quantity", "unit_price", "amount"),
)


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    return printed(LABELS[language])


TABLES: dict[str, Table] = {"labels": LABELS, "section C": SECTION_C}
VOCABULARY = Vocabulary(TABLES, labels, IDENTIFYING, INVOICE_NUMBER, GRID_KEYS, REQUIRED)
