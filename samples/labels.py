"""The printed vocabulary of both families in nl, en, fr and de (shared/spec/invoices.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from samples.model import Basis, Language


@dataclass(frozen=True, slots=True)
class PortalLabels:
    """Family A (portal-2012). `*_alt` are the variants Microsoft's translations also use."""

    bill_to: str
    period: str
    range_word: str
    number: str
    number_alt: str
    invoice_date: str
    invoice_date_alt: str
    due_date: str
    order_number: str
    purchase_order: str
    method: str
    method_invoice: str
    method_card: str
    frequency: str
    frequency_year: str
    frequency_month: str
    previous: str
    previous_balance: str
    carried: str
    current: str
    recurring: str
    licences: str
    price: str
    per_year: str
    per_month: str
    subtotal: str
    subtotal_alt: str
    tax: str
    tax_alt: str
    total: str
    total_alt: str
    supplier_vat: str
    page: str
    continued: str

    def licence_text(self, quantity: int) -> str:
        return self.licences.format(n=quantity)

    def price_text(self, amount: str, basis: Basis) -> str:
        per = self.per_year if basis == "year" else self.per_month
        return self.price.format(p=amount, per=per)


PORTAL: dict[Language, PortalLabels] = {
    "nl": PortalLabels(
        bill_to="Factureren aan",
        period="Factureringsperiode:",
        range_word=" tot en met ",
        number="Factuurnummer",
        number_alt="Factuurnummer:",
        invoice_date="Factuurdatum:",
        invoice_date_alt="Factuurdatum:",
        due_date="Vervaldatum voor betaling:",
        order_number="Ordernummer:",
        purchase_order="Nr. inkooporder:",
        method="Betaalmethode:",
        method_invoice="Factuur",
        method_card="Creditcard",
        frequency="Frequentie:",
        frequency_year="vooruitbetaling volledig jaar",
        frequency_month="maandelijks",
        previous="Vorige kosten",
        previous_balance="Vorig saldo",
        carried="Totaal saldo doorschuiven vanaf",
        current="Huidige kosten",
        recurring="Terugkerende kosten",
        licences="{n} gebruikerslicenties",
        price="{p} per gebruikerslicentie, {per}",
        per_year="per jaar",
        per_month="per maand",
        subtotal="Subtotaal",
        subtotal_alt="Subtotaal",
        tax="BTW",
        tax_alt="BTW",
        total="Totaal",
        total_alt="Totaal",
        supplier_vat="BTW",
        page="Pagina {i} van {n}",
        continued="(vervolg)",
    ),
    "en": PortalLabels(
        bill_to="Bill-To",
        period="Billing Period:",
        range_word=" to ",
        number="Invoice Number",
        number_alt="Invoice No.",
        invoice_date="Invoice Date:",
        invoice_date_alt="Document Date:",
        due_date="Payment Due Date:",
        order_number="Order Number:",
        purchase_order="Purchase Order Number:",
        method="Payment Method:",
        method_invoice="Invoice",
        method_card="Credit Card",
        frequency="Frequency:",
        frequency_year="Annual prepaid",
        frequency_month="Monthly",
        previous="Previous Charges",
        previous_balance="Previous Balance",
        carried="Total Balance Carried Forward as of",
        current="Current Charges",
        recurring="Recurring Charges",
        licences="{n} user licenses",
        price="{p} per user license, {per}",
        per_year="per year",
        per_month="per month",
        subtotal="Subtotal",
        subtotal_alt="Total charges before tax",
        tax="VAT",
        tax_alt="Tax",
        total="Total",
        total_alt="Total current charges",
        supplier_vat="VAT",
        page="Page {i} of {n}",
        continued="(continued)",
    ),
    "fr": PortalLabels(
        bill_to="Facturer à",
        period="Période de facturation :",
        range_word=" au ",
        number="N° de facture",
        number_alt="N° de facture :",
        invoice_date="Date du document :",
        invoice_date_alt="Date de facturation :",
        due_date="Date d'échéance :",
        order_number="Numéro de commande :",
        purchase_order="N° de bon de commande :",
        method="Mode de paiement :",
        method_invoice="Facture",
        method_card="Carte de crédit",
        frequency="Fréquence :",
        frequency_year="prépaiement annuel",
        frequency_month="mensuel",
        previous="Frais précédents",
        previous_balance="Solde précédent",
        carried="Solde total reporté au",
        current="Frais actuels",
        recurring="Frais récurrents",
        licences="{n} licences utilisateur",
        price="{p} par licence utilisateur, {per}",
        per_year="par an",
        per_month="par mois",
        subtotal="Sous-total",
        subtotal_alt="Total des frais avant impôt",
        tax="TVA",
        tax_alt="TVA",
        total="Total",
        total_alt="Total des frais actuels",
        supplier_vat="TVA",
        page="Page {i} sur {n}",
        continued="(suite)",
    ),
    "de": PortalLabels(
        bill_to="Rechnungsempfänger",
        period="Abrechnungszeitraum:",
        range_word=" bis ",
        number="Rechnungsnummer",
        number_alt="Rechnungsnummer:",
        invoice_date="Rechnungsdatum:",
        invoice_date_alt="Rechnungsdatum:",
        due_date="Fälligkeitsdatum:",
        order_number="Auftragsnummer:",
        purchase_order="Bestellnummer:",
        method="Zahlungsmethode:",
        method_invoice="Rechnung",
        method_card="Kreditkarte",
        frequency="Häufigkeit:",
        frequency_year="jährliche Vorauszahlung",
        frequency_month="monatlich",
        previous="Vorherige Gebühren",
        previous_balance="Vorheriger Saldo",
        carried="Gesamtsaldo übertragen ab",
        current="Aktuelle Gebühren",
        recurring="Wiederkehrende Gebühren",
        licences="{n} Benutzerlizenzen",
        price="{p} pro Benutzerlizenz, {per}",
        per_year="pro Jahr",
        per_month="pro Monat",
        subtotal="Zwischensumme",
        subtotal_alt="Zwischensumme",
        tax="MwSt.",
        tax_alt="USt.",
        total="Summe",
        total_alt="Gesamtbetrag",
        supplier_vat="USt-IdNr.",
        page="Seite {i} von {n}",
        continued="(Fortsetzung)",
    ),
}


@dataclass(frozen=True, slots=True)
class OnlineLabels:
    """Family B (online-services): page 1, the page header and the page-2 table."""

    title: str
    invoice_date: str
    invoice_number: str
    due_date: str
    sold_to: str
    bill_to: str
    usage: str
    order_details: str
    billing_summary: str
    product: str
    product_value: str
    po_number: str
    order_number: str
    billing_period: str
    payment_terms: str
    charges: str
    discounts: str
    credits: str
    taxes: str
    vat: str
    total: str
    instructions: str
    do_not_pay: str
    please_pay: str
    transfer: str
    bank: str
    account_name: str
    question: str
    page: str
    terms_card: str
    terms_net: str
    col_period: str
    col_days: str
    col_qty: str
    col_monthly: str
    col_annual: str
    col_charges: str
    col_discounts: str
    col_credits: str
    col_subtotal: str
    col_tax_pct: str
    col_taxes: str
    col_total: str
    subtotal_row: str
    grand_total: str


ONLINE: dict[Language, OnlineLabels] = {
    "en": OnlineLabels(
        title="Invoice",
        invoice_date="Invoice Date:",
        invoice_number="Invoice Number:",
        due_date="Due Date:",
        sold_to="Sold-To",
        bill_to="Bill-To",
        usage="Service Usage Address",
        order_details="Order Details",
        billing_summary="Billing Summary",
        product="Product:",
        product_value="Online Services",
        po_number="Customer PO Number:",
        order_number="Order Number:",
        billing_period="Billing Period:",
        payment_terms="Payment Terms:",
        charges="Charges:",
        discounts="Discounts:",
        credits="Credits:",
        taxes="Taxes:",
        vat="VAT:",
        total="Total:",
        instructions="Payment Instructions:",
        do_not_pay="Please DO NOT PAY. The amount due will be charged to the selected payment "
        "method.",
        please_pay="Please pay {amount} {currency} by {date} and reference Invoice Number "
        "{number} on the payment remittance.",
        transfer="Electronic Funds Transfer",
        bank="Bank:",
        account_name="Account Name:",
        question="Billing or service question? Visit https://aka.ms/Office365Billing.",
        page="Page {i} of {n}",
        terms_card="Credit Card",
        terms_net="Net 30",
        col_period="Service Period",
        col_days="Days",
        col_qty="Qty",
        col_monthly="Monthly Price",
        col_annual="Annual Price",
        col_charges="Charges",
        col_discounts="Discounts",
        col_credits="Credits",
        col_subtotal="SubTotal",
        col_tax_pct="Tax %",
        col_taxes="Taxes",
        col_total="Total",
        subtotal_row="SubTotal",
        grand_total="Grand Total",
    ),
    "nl": OnlineLabels(
        title="Factuur",
        invoice_date="Factuurdatum:",
        invoice_number="Factuurnummer:",
        due_date="Vervaldatum:",
        sold_to="Verkocht aan",
        bill_to="Factureren aan",
        usage="Adres voor servicegebruik",
        order_details="Ordergegevens",
        billing_summary="Factuuroverzicht",
        product="Product:",
        product_value="Online Services",
        po_number="Inkoopordernummer klant:",
        order_number="Ordernummer:",
        billing_period="Factureringsperiode:",
        payment_terms="Betalingsvoorwaarden:",
        charges="Kosten:",
        discounts="Kortingen:",
        credits="Tegoeden:",
        taxes="Belasting:",
        vat="BTW:",
        total="Totaal:",
        instructions="Betalingsinstructies:",
        do_not_pay="NIET BETALEN. Het verschuldigde bedrag wordt via de geselecteerde "
        "betaalmethode afgeschreven.",
        please_pay="Betaal {amount} {currency} uiterlijk op {date} en vermeld factuurnummer "
        "{number} bij uw betaling.",
        transfer="Elektronische betaling",
        bank="Bank:",
        account_name="Rekeninghouder:",
        question="Vragen over uw factuur of de service? Ga naar https://aka.ms/Office365Billing.",
        page="Pagina {i} van {n}",
        terms_card="Creditcard",
        terms_net="30 dagen netto",
        col_period="Serviceperiode",
        col_days="Dagen",
        col_qty="Aantal",
        col_monthly="Maandelijkse prijs",
        col_annual="Jaarlijkse prijs",
        col_charges="Kosten",
        col_discounts="Kortingen",
        col_credits="Tegoeden",
        col_subtotal="Subtotaal",
        col_tax_pct="Belasting %",
        col_taxes="Belasting",
        col_total="Totaal",
        subtotal_row="Subtotaal",
        grand_total="Eindtotaal",
    ),
    "fr": OnlineLabels(
        title="Facture",
        invoice_date="Date de facturation :",
        invoice_number="Numéro de facture :",
        due_date="Date d'échéance :",
        sold_to="Vendu à",
        bill_to="Facturer à",
        usage="Adresse d'utilisation du service",
        order_details="Détails de la commande",
        billing_summary="Récapitulatif de facturation",
        product="Produit :",
        product_value="Online Services",
        po_number="Numéro de bon de commande client :",
        order_number="Numéro de commande :",
        billing_period="Période de facturation :",
        payment_terms="Conditions de paiement :",
        charges="Frais :",
        discounts="Remises :",
        credits="Crédits :",
        taxes="Taxes :",
        vat="TVA :",
        total="Total :",
        instructions="Instructions de paiement :",
        do_not_pay="NE PAS PAYER. Le montant dû sera prélevé via le mode de paiement sélectionné.",
        please_pay="Veuillez payer {amount} {currency} avant le {date} en indiquant le numéro "
        "de facture {number} sur votre virement.",
        transfer="Virement électronique",
        bank="Banque :",
        account_name="Titulaire du compte :",
        question="Une question sur la facturation ? Rendez-vous sur "
        "https://aka.ms/Office365Billing.",
        page="Page {i} sur {n}",
        terms_card="Carte de crédit",
        terms_net="30 jours net",
        col_period="Période de service",
        col_days="Jours",
        col_qty="Qté",
        col_monthly="Prix mensuel",
        col_annual="Prix annuel",
        col_charges="Frais",
        col_discounts="Remises",
        col_credits="Crédits",
        col_subtotal="Sous-total",
        col_tax_pct="Taxe %",
        col_taxes="Taxes",
        col_total="Total",
        subtotal_row="Sous-total",
        grand_total="Total général",
    ),
    "de": OnlineLabels(
        title="Rechnung",
        invoice_date="Rechnungsdatum:",
        invoice_number="Rechnungsnummer:",
        due_date="Fälligkeitsdatum:",
        sold_to="Auftraggeber",
        bill_to="Rechnungsempfänger",
        usage="Dienstnutzungsadresse",
        order_details="Auftragsdetails",
        billing_summary="Abrechnungsübersicht",
        product="Produkt:",
        product_value="Online Services",
        po_number="Bestellnummer des Kunden:",
        order_number="Auftragsnummer:",
        billing_period="Abrechnungszeitraum:",
        payment_terms="Zahlungsbedingungen:",
        charges="Gebühren:",
        discounts="Rabatte:",
        credits="Gutschriften:",
        taxes="Steuer:",
        vat="MwSt.:",
        total="Summe:",
        instructions="Zahlungsanweisungen:",
        do_not_pay="BITTE NICHT BEZAHLEN. Der fällige Betrag wird über die ausgewählte "
        "Zahlungsmethode abgerechnet.",
        please_pay="Bitte zahlen Sie {amount} {currency} bis {date} unter Angabe der "
        "Rechnungsnummer {number}.",
        transfer="Elektronische Überweisung",
        bank="Bank:",
        account_name="Kontoinhaber:",
        question="Fragen zur Abrechnung oder zum Dienst? Besuchen Sie "
        "https://aka.ms/Office365Billing.",
        page="Seite {i} von {n}",
        terms_card="Kreditkarte",
        terms_net="30 Tage netto",
        col_period="Dienstzeitraum",
        col_days="Tage",
        col_qty="Menge",
        col_monthly="Monatlicher Preis",
        col_annual="Jährlicher Preis",
        col_charges="Gebühren",
        col_discounts="Rabatte",
        col_credits="Gutschriften",
        col_subtotal="Zwischensumme",
        col_tax_pct="Steuer %",
        col_taxes="Steuer",
        col_total="Summe",
        subtotal_row="Zwischensumme",
        grand_total="Gesamtsumme",
    ),
}

COUNTRY_NAMES: dict[str, dict[Language, str]] = {
    "BE": {"nl": "België", "en": "Belgium", "fr": "Belgique", "de": "Belgien"},
    "NL": {"nl": "Nederland", "en": "Netherlands", "fr": "Pays-Bas", "de": "Niederlande"},
    "DE": {"nl": "Duitsland", "en": "Germany", "fr": "Allemagne", "de": "Deutschland"},
    "FR": {"nl": "Frankrijk", "en": "France", "fr": "France", "de": "Frankreich"},
    "IE": {"nl": "Ierland", "en": "Ireland", "fr": "Irlande", "de": "Irland"},
    "US": {"nl": "Verenigde Staten", "en": "United States", "fr": "États-Unis", "de": "USA"},
    "CA": {"nl": "Canada", "en": "Canada", "fr": "Canada", "de": "Kanada"},
    "NO": {"nl": "Noorwegen", "en": "Norway", "fr": "Norvège", "de": "Norwegen"},
}


@dataclass(frozen=True, slots=True)
class AgreementLabels:
    """Family C (customer-agreement), from shared/spec/invoices.md section C.

    The nl, fr and de texts are Microsoft's documentation's (doc); the credit-note words
    (title, number, date, original invoice) and the product-order and service-family headings
    are not documented and are this generator's own. `Product` and `Charge dates` have no
    documented translation and stay English.
    """

    title: str
    credit_title: str
    invoice_summary: str
    sold_to: str
    bill_to: str
    billing_profile: str
    po_number: str
    invoice_number: str
    credit_number: str
    invoice_date: str
    credit_date: str
    original_invoice: str
    payment_terms: str
    net_30: str
    due_date: str
    billing_period: str
    billing_summary: str
    charges: str
    credits: str
    azure_credits: str
    subtotal: str
    tax: str
    total: str
    savings: str
    section_summary: str
    section: str
    details: str
    product_order: str
    service_family: str
    col_product: str
    col_dates: str
    col_price: str
    col_qty: str
    col_charges: str
    col_azure: str
    col_rate: str
    col_tax: str
    col_total: str
    instructions: str
    pay_bank: str
    pay_card: str
    refund: str
    bank: str
    account_name: str
    vat_number: str
    publishers: str
    continued: str
    page: str

    def english_terms(self) -> AgreementLabels:
        """The labels with the terms Microsoft's translated documentation keeps in English."""
        return replace(
            self,
            sold_to="Sold to",
            bill_to="Bill to",
            po_number="P.O. number",
            charges="Charges",
            col_price="Unit price",
        )


AGREEMENT: dict[Language, AgreementLabels] = {
    "en": AgreementLabels(
        title="Invoice",
        credit_title="Credit Note",
        invoice_summary="Invoice summary",
        sold_to="Sold to",
        bill_to="Bill to",
        billing_profile="Billing profile",
        po_number="P.O. number",
        invoice_number="Invoice number",
        credit_number="Credit note number",
        invoice_date="Invoice date",
        credit_date="Credit note date",
        original_invoice="Original invoice",
        payment_terms="Payment terms",
        net_30="Net 30 days",
        due_date="Due date",
        billing_period="Billing period",
        billing_summary="Billing summary",
        charges="Charges",
        credits="Credits",
        azure_credits="Azure credits applied",
        subtotal="Subtotal",
        tax="Tax",
        total="Total",
        savings="Estimated total savings",
        section_summary="Invoice sections",
        section="Invoice section",
        details="Details by invoice section",
        product_order="Product order",
        service_family="Service family",
        col_product="Product",
        col_dates="Charge dates",
        col_price="Unit price",
        col_qty="Qty",
        col_charges="Charges/Credits",
        col_azure="Azure Credit",
        col_rate="Tax rate",
        col_tax="Tax amount",
        col_total="Total",
        instructions="Payment instructions",
        pay_bank="Please pay by bank transfer to the account below and quote invoice number "
        "{number}.",
        pay_card="Your card on file will be charged within 10 days of the invoice date. "
        "Please do not pay.",
        refund="This credit note will be refunded to your payment method or applied to your "
        "next invoice.",
        bank="Bank",
        account_name="Account name",
        vat_number="VAT number",
        publishers="Publisher information",
        continued="(continued)",
        page="Page {i} of {n}",
    ),
    "nl": AgreementLabels(
        title="Factuur",
        credit_title="Creditnota",
        invoice_summary="Factuuroverzicht",
        sold_to="Verkocht aan",
        bill_to="Factureren aan",
        billing_profile="Factureringsprofiel",
        po_number="Bestelnummer",
        invoice_number="Factuurnummer",
        credit_number="Creditnotanummer",
        invoice_date="Factuurdatum",
        credit_date="Datum creditnota",
        original_invoice="Oorspronkelijke factuur",
        payment_terms="Betalingsvoorwaarden",
        net_30="Netto 30 dagen",
        due_date="Vervaldatum",
        billing_period="Factureringsperiode",
        billing_summary="Factuuroverzicht",
        charges="Kosten",
        credits="Tegoeden",
        azure_credits="Toegepaste Azure-tegoeden",
        subtotal="Subtotaal",
        tax="Btw",
        total="Totaal",
        savings="Geschatte totale besparingen",
        section_summary="Factuursecties",
        section="Factuursectie",
        details="Gedeelte met factuurdetails",
        product_order="Productorder",
        service_family="Servicefamilie",
        col_product="Product",
        col_dates="Charge dates",
        col_price="Prijs per eenheid",
        col_qty="Aantal",
        col_charges="Kosten/tegoeden",
        col_azure="Azure-tegoed",
        col_rate="Btw-tarief",
        col_tax="Btw-bedrag",
        col_total="Totaal",
        instructions="Betalingsinstructies",
        pay_bank="Betaal per overschrijving op de rekening hieronder en vermeld factuurnummer "
        "{number}.",
        pay_card="Uw opgeslagen kaart wordt binnen 10 dagen na de factuurdatum belast. "
        "Niet betalen.",
        refund="Het bedrag van deze creditnota wordt teruggestort op uw betaalmethode of "
        "verrekend met uw volgende factuur.",
        bank="Bank",
        account_name="Rekeninghouder",
        vat_number="Btw-nummer",
        publishers="Uitgeversinformatie",
        continued="(vervolg)",
        page="Pagina {i} van {n}",
    ),
    "fr": AgreementLabels(
        title="Facture",
        credit_title="Note de crédit",
        invoice_summary="Récapitulatif de la facture",
        sold_to="Vendu à",
        bill_to="Facturer à",
        billing_profile="Profil de facturation",
        po_number="Numéro de bon de commande",
        invoice_number="Numéro de facture",
        credit_number="Numéro de la note de crédit",
        invoice_date="Date de facture",
        credit_date="Date de la note de crédit",
        original_invoice="Facture d'origine",
        payment_terms="Conditions de paiement",
        net_30="30 jours nets",
        due_date="Date d'échéance",
        billing_period="Période de facturation",
        billing_summary="Récapitulatif de facturation",
        charges="Frais",
        credits="Crédits",
        azure_credits="Crédits Azure appliqués",
        subtotal="Sous-total",
        tax="Taxe",
        total="Total",
        savings="Économies totales estimées",
        section_summary="Sections de facture",
        section="Section de facture",
        details="Section des détails par facture",
        product_order="Commande de produits",
        service_family="Famille de services",
        col_product="Product",
        col_dates="Charge dates",
        col_price="Prix unitaire",
        col_qty="Qté",
        col_charges="Frais/crédits",
        col_azure="Crédit Azure",
        col_rate="Taux d'imposition",
        col_tax="Montant des taxes",
        col_total="Total",
        instructions="Instructions de paiement",
        pay_bank="Veuillez payer par virement sur le compte ci-dessous en indiquant le numéro "
        "de facture {number}.",
        pay_card="Votre carte enregistrée sera débitée dans les 10 jours suivant la date de "
        "facture. Ne pas payer.",
        refund="Le montant de cette note de crédit sera remboursé sur votre mode de paiement "
        "ou déduit de votre prochaine facture.",
        bank="Banque",
        account_name="Titulaire du compte",
        vat_number="Numéro de TVA",
        publishers="Informations sur l'éditeur",
        continued="(suite)",
        page="Page {i} sur {n}",
    ),
    "de": AgreementLabels(
        title="Rechnung",
        credit_title="Gutschrift",
        invoice_summary="Rechnungszusammenfassung",
        sold_to="Verkauft an",
        bill_to="Rechnungsempfänger",
        billing_profile="Abrechnungsprofil",
        po_number="Bestellnummer",
        invoice_number="Rechnungsnummer",
        credit_number="Gutschriftsnummer",
        invoice_date="Rechnungsdatum",
        credit_date="Gutschriftsdatum",
        original_invoice="Ursprüngliche Rechnung",
        payment_terms="Zahlungsbedingungen",
        net_30="Netto 30 Tage",
        due_date="Fälligkeitsdatum",
        billing_period="Abrechnungszeitraum",
        billing_summary="Abrechnungsübersicht",
        charges="Gebühren",
        credits="Gutschriften",
        azure_credits="Angewendete Azure-Gutschriften",
        subtotal="Zwischensumme",
        tax="Steuer",
        total="Gesamt",
        savings="Geschätzte Gesamteinsparungen",
        section_summary="Rechnungsabschnitte",
        section="Rechnungsabschnitt",
        details="Details nach Rechnungsabschnitt",
        product_order="Produktbestellung",
        service_family="Dienstfamilie",
        col_product="Product",
        col_dates="Charge dates",
        col_price="Einzelpreis",
        col_qty="Menge",
        col_charges="Gebühren/Guthaben",
        col_azure="Azure-Gutschrift",
        col_rate="Steuersatz",
        col_tax="Steuerbetrag",
        col_total="Gesamt",
        instructions="Zahlungsanweisungen",
        pay_bank="Bitte überweisen Sie auf das unten genannte Konto unter Angabe der "
        "Rechnungsnummer {number}.",
        pay_card="Ihre hinterlegte Karte wird innerhalb von 10 Tagen nach dem Rechnungsdatum "
        "belastet. Bitte nicht bezahlen.",
        refund="Der Betrag dieser Gutschrift wird Ihrer Zahlungsmethode erstattet oder mit "
        "Ihrer nächsten Rechnung verrechnet.",
        bank="Bank",
        account_name="Kontoinhaber",
        vat_number="USt-IdNr.",
        publishers="Herausgeberinformationen",
        continued="(Fortsetzung)",
        page="Seite {i} von {n}",
    ),
}
