"""Family C, `customer-agreement` (Microsoft Customer Agreement, 2019 – today): its words.

`SECTION_C` is the whole vocabulary of the spec's section C (`shared/spec/invoices.md`:
invoice and billing summary, Azure credits, payment terms, sections, publishers, credit note
title, the details table's columns), every concept in en, nl, fr and de, all from Microsoft's
translated documentation (no MCA PDF is public). `UNDOCUMENTED` holds what a PDF prints that the
documentation does not name (the title, a credit note's number, date and corrected invoice, the
product-order and service-family headings), and `VARIANTS` further spellings of documented
concepts. English must always be recognised: real MCA PDFs may print English labels whatever
the customer's language, so a language's labels are its own phrases followed by the English.
"""

from __future__ import annotations

import re

from pipeline.layouts.vocabulary import (
    Arithmetic,
    NotPrinted,
    Phrases,
    Requirements,
    Table,
    Vocabulary,
    printed,
    with_tax_labels,
)
from pipeline.model import Language

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

#: What the PDFs print that Microsoft's documentation does not name: the title, a credit
#: note's own number and date labels and the invoice it corrects, the headings of the details
#: (invoice section, product order, service family), the mark of a continued section and the
#: effective-discount notes Azure invoices print beneath purchase rows (notes, not rows).
UNDOCUMENTED: dict[Language, dict[str, Phrases]] = {
    "en": {
        "title": ("Invoice",),
        "credit_number": ("Credit note number", "Credit Note Number"),
        "credit_date": ("Credit note date", "Credit Note Date"),
        "original_invoice": ("Original invoice", "Original invoice number", "Corrected invoice"),
        "invoice_section": ("Invoice section",),
        "product_order": ("Product order",),
        "service_family": ("Service family",),
        "continued": ("(continued)",),
        "discount_note": ("Effective discount rate", "Effective discount"),
    },
    "nl": {
        "title": ("Factuur",),
        "credit_number": ("Creditnotanummer", "Nummer creditnota"),
        "credit_date": ("Datum creditnota", "Creditnotadatum"),
        "original_invoice": ("Oorspronkelijke factuur", "Originele factuur"),
        "invoice_section": ("Factuursectie",),
        "product_order": ("Productorder", "Productbestelling"),
        "service_family": ("Servicefamilie",),
        "continued": ("(vervolg)",),
        "discount_note": ("Effectief kortingspercentage", "Effectieve korting"),
    },
    "fr": {
        "title": ("Facture",),
        "credit_number": ("Numéro de la note de crédit", "Numéro de note de crédit"),
        "credit_date": ("Date de la note de crédit", "Date de note de crédit"),
        "original_invoice": ("Facture d'origine", "Facture originale"),
        "invoice_section": ("Section de facture",),
        "product_order": ("Commande de produits", "Commande de produit"),
        "service_family": ("Famille de services", "Famille de service"),
        "continued": ("(suite)",),
        "discount_note": ("Taux de remise effectif", "Remise effective"),
    },
    "de": {
        "title": ("Rechnung",),
        "credit_number": ("Gutschriftsnummer", "Gutschriftnummer"),
        "credit_date": ("Gutschriftsdatum", "Gutschriftdatum"),
        "original_invoice": ("Ursprüngliche Rechnung", "Ursprungsrechnung"),
        "invoice_section": ("Rechnungsabschnitt",),
        "product_order": ("Produktbestellung",),
        "service_family": ("Dienstfamilie", "Servicefamilie"),
        "continued": ("(Fortsetzung)",),
        "discount_note": ("Effektiver Rabattsatz", "Effektiver Rabatt"),
    },
}

#: Further spellings of documented concepts: the credit note titles the documentation does
#: not translate (as the PDFs print them), and labels as other renderings spell them.
VARIANTS: dict[Language, dict[str, Phrases]] = {
    "en": {
        "purchase_order": ("PO number", "Purchase order number"),
        "credit_note": ("Credit memo",),
    },
    "nl": {
        "purchase_order": ("Inkoopordernummer",),
        "credit_note": ("Creditnota",),
        "tax": ("BTW",),
    },
    "fr": {
        "credit_note": ("Note de crédit", "Avoir"),
        "tax": ("TVA",),
    },
    "de": {
        "credit_note": ("Gutschrift",),
        "tax": ("MwSt.",),
        "total": ("Summe", "Gesamtbetrag"),
    },
}


def _merged(*tables: dict[Language, dict[str, Phrases]]) -> dict[Language, dict[str, Phrases]]:
    """Every concept of the tables per language, its phrases in table order (a concept one
    table declares not printed takes the phrases another gives)."""
    merged: dict[Language, dict[str, Phrases]] = {}
    for language in ("en", "nl", "fr", "de"):
        concepts: dict[str, Phrases] = {}
        for table in tables:
            for key, phrases in table[language].items():
                known = concepts.get(key)
                if isinstance(phrases, NotPrinted):
                    concepts.setdefault(key, phrases)
                elif isinstance(known, tuple):
                    concepts[key] = tuple(dict.fromkeys((*known, *phrases)))
                else:
                    concepts[key] = phrases
        merged[language] = concepts
    return merged


#: Every label of the family, per language. The undocumented labels come first: of two
#: phrases of one length the labeller takes the first, and `Original invoice:` above `Due
#: date:` must not be read as an `Invoice date` wrapped over two lines.
LABELS = _merged(UNDOCUMENTED, SECTION_C, VARIANTS)

#: The columns of the details table after the charge dates, in the order Microsoft prints
#: them, without and with the Azure Credit column, named by their line fields; the rate is
#: the value printed with `%`.
DETAILS_ORDER = ("unit_price", "quantity", "charges", "tax_rate", "tax", "total")
DETAILS_ORDER_AZURE = ("unit_price", "quantity", "charges", "credits", "tax_rate", "tax", "total")
RATE_FIELD = "tax_rate"
#: The line field each column title holds (the product and charge dates are read by place).
COLUMN_FIELDS = {
    "col_unit_price": "unit_price",
    "col_qty": "quantity",
    "col_charges_credits": "charges",
    "col_azure_credit": "credits",
    "col_tax_rate": "tax_rate",
    "col_tax_amount": "tax",
}
#: The column titles that make a row the details table's header.
HEADER_COLUMNS = frozenset({"col_charge_dates", "col_unit_price", "col_qty", "col_charges_credits"})
#: Headings of the details that are context, not lines; and where the details end.
HEADINGS = frozenset(
    {
        "invoice_sections",
        "details_by_section",
        "invoice_section",
        "product_order",
        "service_family",
        "continued",
    }
)
DETAILS_END = frozenset({"payment_instructions", "publishers"})
#: The labels that stand above the header fields of page 1: the title stands above them.
HEADER_START = frozenset(
    {"invoice_summary", "sold_to", "bill_to", "billing_profile", "invoice_number", "credit_number"}
)
#: The billing summary's labels (page 1).
SUMMARY_KEYS = ("charges", "credits", "azure_credits", "subtotal", "tax", "total")

#: Invoice number as every documented example prints it: `G` + 9 digits (`G123456789`).
DOCUMENTED_EXAMPLE = re.compile(r"^G\d{9}$")
#: The pattern Microsoft's billing API documents for invoice names (`G`, `H`, `T` or `HT` + 9
#: of `[A-Z0-9]`, or `H`, a digit, `-` and letters and digits); a credit note's number is
#: expected to follow it too.
INVOICE_NUMBER = re.compile(r"^(?:(?:HT|G|H|T)[A-Z0-9]{9}|H\d-[A-Z0-9]+)$")

#: Label keys only this family prints: they decide the family.
IDENTIFYING = frozenset(
    {
        "invoice_summary",
        "billing_profile",
        "invoice_sections",
        "details_by_section",
        "invoice_section",
        "col_charge_dates",
        "col_charges_credits",
        "publishers",
        "azure_credits",
        "product_order",
        "service_family",
    }
)
#: The header fields laid out in a grid of labels: their labels bound a column across rows.
GRID_KEYS = frozenset(
    {
        "invoice_number",
        "credit_number",
        "invoice_date",
        "credit_date",
        "original_invoice",
        "due_date",
        "period",
        "purchase_order",
        "payment_terms",
        "billing_profile",
        "bill_to",
        "sold_to",
    }
)
#: An MCA invoice prints no due date (only sometimes) and a billing period above its summary;
#: each row its charge dates, tax amount and total.
REQUIRED = Requirements(
    header=("invoice_number", "invoice_date", "total", "billing_period"),
    line=("quantity", "unit_price", "amount", "service_period", "tax", "total"),
)


#: Returns are rows of their own, Azure credit is a balance applied to a row's charges, the
#: term of a prorated charge is not printed, and tax is rounded per row.
ARITHMETIC = Arithmetic(
    term_from_dates=True, line_charges_net=True, line_credits_applied=True, tax_per_row=True
)


def _net_pattern(phrase: str) -> re.Pattern[str]:
    words = [r"(\d+)" if word == "N" else re.escape(word) for word in phrase.split()]
    return re.compile(r"^\s*" + r"\s+".join(words) + r"\.?\s*$", re.IGNORECASE)


#: Printed payment terms "Net N days" in any of the four languages' wordings.
NET_TERMS = tuple(
    _net_pattern(phrase)
    for language in ("en", "nl", "fr", "de")
    for phrase in printed(SECTION_C[language]).get("payment_terms_net", ())
)


def net_days(terms: str) -> int | None:
    """N of printed terms "Net N days" (`Netto 30 dagen`, `30 jours nets`), else None."""
    for pattern in NET_TERMS:
        if match := pattern.match(terms):
            return int(match[1])
    return None


def labels(language: Language) -> dict[str, tuple[str, ...]]:
    """The phrases the labeller finds in a document of `language`: its own, then English."""
    own = printed(LABELS[language])
    english = printed(LABELS["en"])
    found = {
        key: tuple(dict.fromkeys((*own.get(key, ()), *english.get(key, ()))))
        for key in dict.fromkeys((*own, *english))
    }
    return with_tax_labels(found)


TABLES: dict[str, Table] = {"labels": LABELS, "section C": SECTION_C}
VOCABULARY = Vocabulary(
    TABLES, labels, IDENTIFYING, INVOICE_NUMBER, GRID_KEYS, REQUIRED, ARITHMETIC, net_days
)
