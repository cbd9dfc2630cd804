"""The committed family-C samples (Microsoft Customer Agreement invoices and credit notes).

Each shows what a reader of shared/spec/invoices.md section C must handle: the labels in en,
nl, fr and de (and English labels for a customer elsewhere), invoices and credit notes, one
to three invoice sections over several pages, prorated charge dates, Azure credit, reverse
charge, domestic VAT from a local Microsoft entity and US sales tax, day-first and
month-first dates. Their amounts come from `samples.build`, their records from
`samples.record`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from samples.build import (
    agreement_invoice,
    agreement_number,
    agreement_row,
    agreement_term,
    agreement_usage,
)
from samples.catalog import DMY, DOTS, EN, MDY, NBSP, SPACES, Sample, d, day, sample
from samples.labels import AGREEMENT
from samples.model import (
    Agreement,
    Basis,
    Block,
    DateStyle,
    Header,
    Invoice,
    Language,
    Line,
    Party,
    Payment,
    Section,
    Style,
    Subscription,
)
from samples.parties import (
    LOCAL_ENTITIES,
    customer,
    microsoft_corporation,
    microsoft_ireland_agreement,
)
from samples.vat import be_number, de_number, nl_number

US_DASHES = DateStyle("mdy", "-")
NL_DASHES = DateStyle("dmy", "-")
DE_DOTS = DateStyle("dmy", ".")
RC = Decimal("0")
MICROSOFT = (
    "Microsoft Corporation",
    "One Microsoft Way",
    "Redmond, WA 98052-6399",
    "United States",
)
FABRIKAM = ("Fabrikam Software Ltd", "12 Harcourt Street", "Dublin 2, D02 X285", "Ireland")
CONTOSO_APPS = ("Contoso Apps GmbH", "Schanzenstraße 7", "20357 Hamburg", "Germany")


def agreement_head(
    name: str,
    summary: str,
    language: Language,
    country: str,
    supplier: Party,
    buyer: Party,
    issued: str,
    period: tuple[str, str],
    style: Style,
    *,
    currency: str = "EUR",
    purchase_order: str | None = None,
    payment: Payment = "bank",
    due: str | None = None,
) -> Header:
    """A family-C header; without a printed due date the model keeps invoice date + 30 days,
    which the record does not show."""
    rng = random.Random(name)
    issued_on = day(issued)
    return Header(
        name=name,
        summary=summary,
        language=language,
        country=country,
        currency=currency,
        supplier=supplier,
        customer=buyer,
        number=agreement_number(rng),
        invoice_date=issued_on,
        due_date=day(due) if due else issued_on + timedelta(days=30),
        period_start=day(period[0]),
        period_end=day(period[1]),
        order_number="",
        purchase_order=purchase_order,
        style=style,
        payment=payment,
    )


def terms(language: Language) -> str:
    return AGREEMENT[language].net_30


def row(quantity: int, price: str, basis: Basis, start: str, end: str, rate: Decimal) -> Line:
    return agreement_row(quantity, d(price), basis, day(start), day(end), rate)


def back(quantity: int, price: str, basis: Basis, start: str, end: str, rate: Decimal) -> Line:
    """A return or a credit-note row: negative Charges/Credits, positive quantity and price."""
    return agreement_row(quantity, d(price), basis, day(start), day(end), rate, negative=True)


def term(quantity: int, price: str, basis: Basis, start: str, rate: Decimal) -> Line:
    return agreement_term(quantity, d(price), basis, day(start), rate)


def usage(quantity: int, price: str, period: tuple[str, str], rate: Decimal, azure: str) -> Line:
    return agreement_usage(quantity, d(price), day(period[0]), day(period[1]), rate, d(azure))


def sub(product: str, *lines: Line) -> Subscription:
    return Subscription(product, lines)


def block(order: str, family: str, *subs: Subscription) -> Block:
    return Block(order, family, subs)


def section(name: str, *blocks: Block) -> Section:
    return Section(name, blocks)


def c_en_be_rc_two_sections() -> Sample:
    name = "c-en-be-rc-two-sections"
    rng = random.Random(name)
    buyer = customer("Brouwerij De Linde BV", ("Kouter 112", "9000 Gent"), be_number(rng), shape=0)
    head = agreement_head(
        name,
        "English labels for a Belgian customer ('BE 0xxx.xxx.xxx' in Sold to), Microsoft Ireland, "
        "reverse charge (no Tax row, rows at 0%), monthly invoice for licence changes in two "
        "invoice sections with a section summary, seats added mid-month prorated (3 × 11.70 × "
        "18/31), dd/mm/yyyy",
        "en",
        "BE",
        microsoft_ireland_agreement(spaced=False),
        buyer,
        "2025-06-02",
        ("2025-05-01", "2025-05-31"),
        Style(size=8.5, numbers=EN, dates=DMY),
        purchase_order="PO-2025-118",
    )
    admin = section(
        "De Linde - Administratie",
        block(
            "Microsoft 365 Business Standard",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Standard",
                row(3, "11.70", "month", "2025-05-14", "2025-05-31", RC),
            ),
            sub(
                "Exchange Online (Plan 1)", row(2, "3.70", "month", "2025-05-20", "2025-05-31", RC)
            ),
        ),
    )
    production = section(
        "De Linde - Productie",
        block(
            "Microsoft 365 Business Premium",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Premium",
                row(4, "20.60", "month", "2025-05-26", "2025-05-31", RC),
            ),
        ),
        block(
            "Power BI Pro",
            "Power Platform",
            sub("Power BI Pro", term(6, "9.40", "month", "2025-05-01", RC)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (admin, production),
            "De Linde billing profile",
            customer("Brouwerij De Linde BV - Boekhouding", ("Kouter 112", "9000 Gent")),
            terms("en"),
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "REVERSE_CHARGE", "PRORATED_LINE")


def c_en_us_sales_tax_dashes() -> Sample:
    name = "c-en-us-sales-tax-dashes"
    rate = d("8.75")
    head = agreement_head(
        name,
        "English, Microsoft Corporation to a US customer: USD, Letter, month-first dates with "
        "dashes (07-21-2026), sales tax 8.75 % per row, upfront purchase on a single-day billing "
        "period with annual and monthly charge dates, due date printed, card payer, labels and "
        "values in separate columns, no section summary",
        "en",
        "US",
        microsoft_corporation(),
        customer("Northwind Traders LLC", ("1200 Pine Ave", "Seattle WA 98101")),
        "2026-07-22",
        ("2026-07-21", "2026-07-21"),
        Style(
            page="Letter",
            size=8.5,
            numbers=EN,
            dates=US_DASHES,
            fields="tabbed",
            section_summary=False,
        ),
        currency="USD",
        purchase_order="NW-7781",
        payment="card",
        due="2026-08-21",
    )
    body = section(
        "Northwind Traders",
        block(
            "Microsoft 365 E3",
            "Microsoft 365",
            sub("Microsoft 365 E3", term(25, "432.00", "year", "2026-07-21", rate)),
            sub("Microsoft Teams Enterprise", term(25, "5.25", "month", "2026-07-21", rate)),
        ),
        block(
            "Microsoft 365 Copilot",
            "Microsoft 365",
            sub("Microsoft 365 Copilot", term(5, "360.00", "year", "2026-07-21", rate)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Northwind Traders",
            customer(
                "Northwind Traders LLC - Accounts Payable", ("PO Box 3308", "Seattle WA 98101")
            ),
            terms("en"),
            due_printed=True,
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3)


def c_nl_nl_domestic_vat() -> Sample:
    name = "c-nl-nl-domestic-vat"
    rng = random.Random(name)
    rate = d("21")
    head = agreement_head(
        name,
        "nl labels (Factuuroverzicht for both the invoice and the billing summary), a Dutch "
        "customer with a VAT number invoiced by the local Dutch Microsoft entity: domestic BTW "
        "21 %, not reverse charge; the BTW of the summary is 21 % of the subtotal and the rows' "
        "rounded BTW add up to a cent less; dd-mm-yyyy with dashes, no section summary, the "
        "seller only in the payment instructions",
        "nl",
        "NL",
        LOCAL_ENTITIES["NL"],
        customer(
            "Installatiebedrijf Jansen B.V.", ("Stationsweg 8", "2312 AV Leiden"), nl_number(rng), 1
        ),
        "2025-11-03",
        ("2025-10-01", "2025-10-31"),
        Style(size=8.5, numbers=DOTS, dates=NL_DASHES, section_summary=False, seller_footer=False),
    )
    body = section(
        "Jansen Installatietechniek",
        block(
            "Microsoft 365 Business Premium",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Premium",
                row(1, "20.60", "month", "2025-10-15", "2025-10-31", rate),
            ),
            sub("Microsoft 365 Business Basic", term(7, "5.60", "month", "2025-10-01", rate)),
            sub("Exchange Online Kiosk", term(3, "0.99", "month", "2025-10-01", rate)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Jansen facturatie",
            customer("Installatiebedrijf Jansen B.V.", ("Postbus 1120", "2302 BC Leiden")),
            terms("nl"),
            publishers=(MICROSOFT,),
        ),
        tax_at_subtotal=True,
    )
    return sample(invoice, 3, "PRORATED_LINE")


def c_fr_be_domestic_azure() -> Sample:
    name = "c-fr-be-domestic-azure"
    rng = random.Random(name)
    rate = d("21")
    period = ("2025-03-01", "2025-03-31")
    head = agreement_head(
        name,
        "fr labels, a Belgian customer with a VAT number ('TVA BE 0xxx xxx xxx') invoiced by the "
        "local Belgian Microsoft entity: TVA 21 %, not reverse charge; an Azure Credit column and "
        "'Crédits Azure appliqués' on Azure usage rows (unit prices with four decimals), two "
        "invoice sections, 'Économies totales estimées' under the billing summary (information, "
        "not an amount of the invoice), amounts 1 234,56 with a no-break space, values below "
        "their labels",
        "fr",
        "BE",
        LOCAL_ENTITIES["BE"],
        customer("Cabinet Lambert SRL", ("Avenue Louise 231", "1050 Bruxelles"), be_number(rng), 3),
        "2025-04-09",
        period,
        Style(size=8.5, numbers=NBSP, dates=DMY, fields="below", summary="below"),
        purchase_order="BC 2025/044",
    )
    azure = section(
        "Lambert - Infrastructure",
        block(
            "Plan Azure",
            "Azure",
            sub(
                "Virtual Machines Dv3 Series - D2 v3 - EU West",
                usage(744, "0.0912", period, rate, "50.00"),
            ),
            sub(
                "Managed Disks - Standard SSD - E10 LRS",
                usage(4, "9.6000", period, rate, "0.00"),
            ),
            sub(
                "Bandwidth - Data Transfer Out - Zone 1",
                usage(1250, "0.0785", period, rate, "12.50"),
            ),
        ),
    )
    office = section(
        "Lambert - Bureau",
        block(
            "Microsoft 365 Business Standard",
            "Microsoft 365",
            sub("Microsoft 365 Business Standard", term(9, "11.70", "month", "2025-03-01", rate)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (azure, office),
            "Lambert facturation",
            customer("Cabinet Lambert SRL - Comptabilité", ("Avenue Louise 231", "1050 Bruxelles")),
            terms("fr"),
            azure_column=True,
            publishers=(MICROSOFT,),
            savings=d("18.40"),
        ),
    )
    return sample(invoice, 3)


PRODUCTS_DE = (
    ("Microsoft 365 Business Premium", "20.60"),
    ("Microsoft 365 Business Standard", "11.70"),
    ("Microsoft 365 E3 (no Teams) Unattended License for Frontline Operations", "33.75"),
    ("Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)", "35.20"),
    ("Dynamics 365 Business Central Essentials (Annual Commitment, Monthly Billing)", "65.80"),
    ("Microsoft Defender for Office 365 (Plan 1)", "2.00"),
    ("Exchange Online (Plan 1)", "3.70"),
    ("Microsoft Intune Plan 1", "7.50"),
)


def busy_block(rng: random.Random, order: str, family: str, start: date, count: int) -> Block:
    """`count` rows: whole months and seats added on a day of the month (prorated)."""
    subs = []
    end = start + timedelta(days=29)
    for index in range(count):
        product, price = PRODUCTS_DE[(index + len(order)) % len(PRODUCTS_DE)]
        quantity = rng.randint(1, 40)
        if index % 3 == 1:
            added = start + timedelta(days=rng.randint(12, 24))
            line = agreement_row(quantity, d(price), "month", added, end, RC)
        else:
            line = agreement_term(quantity, d(price), "month", start, RC)
        subs.append(sub(product, line))
    return Block(order, family, tuple(subs))


def c_de_de_rc_three_sections() -> Sample:
    name = "c-de-de-rc-three-sections"
    rng = random.Random(name)
    head = agreement_head(
        name,
        "de labels over five pages: three invoice sections, long product names wrapped with "
        "their values beside the last line, a table broken across pages with neither the "
        "section heading nor the column titles repeated, dates 13.04.2026, German customer "
        "'USt-IdNr.: DE…', reverse charge from Microsoft Ireland ('IE 8256796 U'), Steuer 0 %",
        "de",
        "DE",
        microsoft_ireland_agreement(spaced=True),
        customer("Planungsbüro Weiß KG", ("Leopoldstraße 40", "80802 München"), de_number(rng), 1),
        "2026-05-04",
        ("2026-04-01", "2026-04-30"),
        Style(
            font="Times-Roman",
            bold="Times-Bold",
            size=9,
            numbers=DOTS,
            dates=DE_DOTS,
            column_scale=(0.9, 1.6),
            values_row="last",
            repeat_bar=False,
            repeat_heading=False,
        ),
        purchase_order="BST-2026-0419",
    )
    start = day("2026-04-01")
    sections = (
        section(
            "Weiß Planung München", busy_block(rng, "Arbeitsplätze", "Microsoft 365", start, 14)
        ),
        section(
            "Weiß Planung Hamburg",
            busy_block(rng, "Arbeitsplätze Hamburg", "Microsoft 365", start, 12),
            busy_block(rng, "Cloud-PCs", "Windows", start, 4),
        ),
        section("Weiß Verwaltung", busy_block(rng, "ERP", "Dynamics 365", start, 9)),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            sections,
            "Weiß Abrechnung",
            customer("Planungsbüro Weiß KG", ("Postfach 44 01 20", "80750 München")),
            terms("de"),
            publishers=(MICROSOFT, CONTOSO_APPS),
        ),
    )
    return sample(invoice, 5, "REVERSE_CHARGE", "PRORATED_LINE")


def c_en_nl_credit_note_rc() -> Sample:
    name = "c-en-nl-credit-note-rc"
    rng = random.Random(name)
    original = agreement_number(random.Random("c-en-nl-credit-note-rc original"))
    head = agreement_head(
        name,
        "English Credit Note to a Dutch customer with an NL VAT number: negative charges and "
        "total with positive quantities and unit prices, the corrected invoice under 'Original "
        "invoice', seats cancelled within the term credited prorated, reverse charge at 0 %, "
        "dd/mm/yyyy",
        "en",
        "NL",
        microsoft_ireland_agreement(spaced=False),
        customer(
            "Adviesgroep De Vries B.V.", ("Oudegracht 45", "3511 AB Utrecht"), nl_number(rng), 0
        ),
        "2025-09-17",
        ("2025-09-16", "2025-09-16"),
        Style(size=9, numbers=EN, dates=DMY, fields="tabbed"),
    )
    body = section(
        "De Vries Advies",
        block(
            "Microsoft 365 Business Premium",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Premium",
                back(5, "20.60", "month", "2025-09-16", "2025-10-13", RC),
            ),
            sub("Microsoft 365 Copilot", back(2, "28.10", "month", "2025-09-14", "2025-10-13", RC)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "De Vries billing profile",
            customer("Adviesgroep De Vries B.V.", ("Oudegracht 45", "3511 AB Utrecht")),
            None,
            document_type="credit_note",
            original_invoice=original,
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "REVERSE_CHARGE", "PRORATED_LINE")


def c_nl_be_credit_note_domestic() -> Sample:
    name = "c-nl-be-credit-note-domestic"
    rng = random.Random(name)
    rate = d("21")
    original = agreement_number(random.Random("c-nl-be-credit-note-domestic original"))
    head = agreement_head(
        name,
        "nl Creditnota from the local Belgian Microsoft entity to a Belgian customer with a VAT "
        "number: negative Kosten, Btw 21 % and Totaal, 'Oorspronkelijke factuur' naming the "
        "corrected invoice, an annual subscription credited in full and a monthly one prorated, "
        "amounts 1.234,56",
        "nl",
        "BE",
        LOCAL_ENTITIES["BE"],
        customer(
            "Tandartsenpraktijk Maes BV",
            ("Lange Lozanastraat 142", "2018 Antwerpen"),
            be_number(rng),
            2,
        ),
        "2024-12-19",
        ("2024-12-18", "2024-12-18"),
        Style(size=8.5, numbers=DOTS, dates=DMY),
    )
    body = section(
        "Praktijk Maes",
        block(
            "Microsoft 365 Business Standard",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Standard",
                back(4, "140.40", "year", "2024-11-18", "2025-11-17", rate),
            ),
            sub("Visio Plan 2", back(1, "14.00", "month", "2024-12-18", "2025-01-13", rate)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Praktijk Maes",
            customer("Tandartsenpraktijk Maes BV", ("Lange Lozanastraat 142", "2018 Antwerpen")),
            None,
            document_type="credit_note",
            original_invoice=original,
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "PRORATED_LINE")


def c_fr_fr_credit_note_vat20() -> Sample:
    name = "c-fr-fr-credit-note-vat20"
    rate = d("20")
    head = agreement_head(
        name,
        "fr Note de crédit from Microsoft Ireland to a French customer without a VAT number, "
        "TVA 20 % negative, no corrected invoice printed (original_invoice null), amounts "
        "1 234,56 with a space, a long product name wrapped over two lines, values on its first "
        "line",
        "fr",
        "FR",
        microsoft_ireland_agreement(spaced=True),
        customer("Boulangerie Moreau & Fils SARL", ("12 rue de la République", "69002 Lyon")),
        "2026-02-16",
        ("2026-02-13", "2026-02-13"),
        Style(size=9, numbers=SPACES, dates=DMY, column_scale=(0.5, 1.0)),
    )
    body = section(
        "Boulangerie Moreau",
        block(
            "Dynamics 365",
            "Dynamics 365",
            sub(
                "Dynamics 365 Business Central Essentials (Annual Commitment, Monthly Billing)",
                back(3, "65.80", "month", "2026-02-13", "2026-03-12", rate),
            ),
        ),
        block(
            "Microsoft 365 Apps for business",
            "Microsoft 365",
            sub(
                "Microsoft 365 Apps for business",
                back(2, "9.80", "month", "2026-02-13", "2026-02-28", rate),
            ),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Moreau facturation",
            customer("Boulangerie Moreau & Fils SARL", ("12 rue de la République", "69002 Lyon")),
            None,
            document_type="credit_note",
            publishers=(MICROSOFT, FABRIKAM),
        ),
    )
    return sample(invoice, 3, "PRORATED_LINE")


def c_de_de_credit_note_rc() -> Sample:
    name = "c-de-de-credit-note-rc"
    rng = random.Random(name)
    original = agreement_number(random.Random("c-de-de-credit-note-rc original"))
    head = agreement_head(
        name,
        "de Gutschrift from Microsoft Ireland to a German customer with a VAT number: reverse "
        "charge at 0 %, two invoice sections with a section summary, 'Ursprüngliche Rechnung', "
        "Courier, dates 23/03/2026, values below their labels",
        "de",
        "DE",
        microsoft_ireland_agreement(spaced=False),
        customer(
            "Steuerberatung Becker AG", ("Schanzenstraße 7", "20357 Hamburg"), de_number(rng), 2
        ),
        "2026-03-24",
        ("2026-03-23", "2026-03-23"),
        Style(
            font="Courier",
            bold="Courier-Bold",
            size=7.5,
            margin=30,
            numbers=DOTS,
            dates=DMY,
            fields="below",
        ),
    )
    sections = (
        section(
            "Becker Hamburg",
            block(
                "Microsoft 365 Business Standard",
                "Microsoft 365",
                sub(
                    "Microsoft 365 Business Standard",
                    back(6, "11.70", "month", "2026-03-23", "2026-04-13", RC),
                ),
            ),
        ),
        section(
            "Becker Kiel",
            block(
                "Exchange Online (Plan 1)",
                "Microsoft 365",
                sub(
                    "Exchange Online (Plan 1)",
                    back(3, "44.40", "year", "2026-03-14", "2027-03-13", RC),
                ),
            ),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            sections,
            "Becker Abrechnung",
            customer("Steuerberatung Becker AG", ("Schanzenstraße 7", "20357 Hamburg")),
            None,
            document_type="credit_note",
            original_invoice=original,
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "REVERSE_CHARGE", "PRORATED_LINE")


def c_en_nl_mdy_upfront_rc() -> Sample:
    name = "c-en-nl-mdy-upfront-rc"
    rng = random.Random(name)
    head = agreement_head(
        name,
        "English labels for a Dutch customer, Microsoft Ireland printing month-first dates with "
        "slashes (05/20/2025): an upfront annual renewal on a single-day billing period, annual "
        "charge dates decide the order (a day above 12), reverse charge at 0 %, seller VAT "
        "'IE 8256796 U' in the footer",
        "en",
        "NL",
        microsoft_ireland_agreement(spaced=True),
        customer(
            "Fysiotherapie Bakker B.V.", ("Oudegracht 45", "3511 AB Utrecht"), nl_number(rng), 2
        ),
        "2025-05-21",
        ("2025-05-20", "2025-05-20"),
        Style(size=8.5, numbers=EN, dates=MDY),
        purchase_order="FB-2025-05",
    )
    body = section(
        "Fysiotherapie Bakker",
        block(
            "Microsoft 365 Business Standard",
            "Microsoft 365",
            sub("Microsoft 365 Business Standard", term(9, "140.40", "year", "2025-05-20", RC)),
            sub("Exchange Online (Plan 1)", term(4, "44.40", "year", "2025-05-20", RC)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Bakker billing",
            customer("Fysiotherapie Bakker B.V.", ("Oudegracht 45", "3511 AB Utrecht")),
            terms("en"),
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "REVERSE_CHARGE")


def c_en_us_credit_note() -> Sample:
    name = "c-en-us-credit-note"
    rate = d("10.1")
    original = agreement_number(random.Random("c-en-us-credit-note original"))
    head = agreement_head(
        name,
        "English Credit Note from Microsoft Corporation to a US customer: USD, mm/dd/yyyy, sales "
        "tax 10.1 % negative, 'Original invoice', a monthly subscription reduced for the rest of "
        "its term (prorated), Letter",
        "en",
        "US",
        microsoft_corporation(),
        customer("Contoso Consulting Inc.", ("4567 Main St", "Buffalo NY 14260")),
        "2026-10-15",
        ("2026-10-14", "2026-10-14"),
        Style(page="Letter", size=9, numbers=EN, dates=MDY),
        currency="USD",
    )
    body = section(
        "Contoso Consulting",
        block(
            "Microsoft 365 Business Premium",
            "Microsoft 365",
            sub(
                "Microsoft 365 Business Premium",
                back(8, "22.00", "month", "2026-10-14", "2026-10-31", rate),
            ),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Contoso Consulting",
            customer("Contoso Consulting Inc.", ("4567 Main St", "Buffalo NY 14260")),
            None,
            document_type="credit_note",
            original_invoice=original,
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 3, "PRORATED_LINE")


def c_nl_be_rc_return_row() -> Sample:
    name = "c-nl-be-rc-return-row"
    rng = random.Random(name)
    head = agreement_head(
        name,
        "nl labels, a Belgian customer ('BTW BE0…') with reverse charge at 0 %: a monthly "
        "invoice holding a return (a negative prorated row: Tegoeden in the billing summary), "
        "labels and values in separate columns, the details running onto a second page with "
        "section heading and column titles repeated, wrapped charge dates",
        "nl",
        "BE",
        microsoft_ireland_agreement(spaced=False),
        customer(
            "Architectenbureau Peeters BV",
            ("Lange Lozanastraat 142", "2018 Antwerpen"),
            be_number(rng),
            1,
        ),
        "2024-11-06",
        ("2024-10-01", "2024-10-31"),
        Style(size=9.5, numbers=DOTS, dates=DMY, fields="tabbed", wrap_period=True, row_gap=1.15),
        purchase_order="2024/311",
    )
    start = "2024-10-01"
    subs = [
        sub("Microsoft 365 Business Premium", term(12, "20.60", "month", start, RC)),
        sub(
            "Microsoft 365 Business Premium",
            back(2, "20.60", "month", "2024-10-17", "2024-10-31", RC),
        ),
        sub("Microsoft 365 Business Standard", term(5, "11.70", "month", start, RC)),
        sub("Microsoft Teams Essentials", row(3, "3.70", "month", "2024-10-21", "2024-10-31", RC)),
    ]
    extra = [
        (product, price)
        for product, price in PRODUCTS_DE
        if not product.startswith(("Microsoft 365 Business", "Dynamics"))
    ]
    for index in range(16):
        product, price = extra[index % len(extra)]
        subs.append(sub(product, term(rng.randint(1, 30), price, "month", start, RC)))
    body = section(
        "Peeters Architecten",
        Block("Microsoft 365", "Microsoft 365", tuple(subs)),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Peeters facturatie",
            customer("Architectenbureau Peeters BV", ("Lange Lozanastraat 142", "2018 Antwerpen")),
            terms("nl"),
            publishers=(MICROSOFT,),
        ),
    )
    return sample(invoice, 4, "REVERSE_CHARGE", "PRORATED_LINE")


def c_nl_nl_english_terms() -> Sample:
    name = "c-nl-nl-english-terms"
    rate = d("21")
    head = agreement_head(
        name,
        "nl labels with the terms Microsoft's translations keep in English (Sold to, Bill to, "
        "P.O. number, Charges, Unit price), a Dutch customer without a VAT number charged BTW "
        "21 % by Microsoft Ireland, a due date printed, card payer, a return row (Tegoeden), "
        "Vera, dd/mm/yyyy",
        "nl",
        "NL",
        microsoft_ireland_agreement(spaced=False),
        customer("Bakkerij Smit", ("Stationsweg 8", "2312 AV Leiden")),
        "2026-01-05",
        ("2025-12-01", "2025-12-31"),
        Style(font="Vera", bold="Vera-Bold", size=8, numbers=DOTS, dates=DMY, summary="below"),
        purchase_order="SMIT-12",
        payment="card",
        due="2026-01-15",
    )
    body = section(
        "Bakkerij Smit",
        block(
            "Microsoft 365 Business Basic",
            "Microsoft 365",
            sub("Microsoft 365 Business Basic", term(6, "5.60", "month", "2025-12-01", rate)),
            sub(
                "Microsoft 365 Business Basic",
                back(2, "5.60", "month", "2025-12-16", "2025-12-31", rate),
            ),
            sub("Microsoft Teams Essentials", term(4, "3.70", "month", "2025-12-01", rate)),
        ),
    )
    invoice = agreement_invoice(
        head,
        Agreement(
            (body,),
            "Bakkerij Smit",
            customer("Bakkerij Smit", ("Stationsweg 8", "2312 AV Leiden")),
            terms("nl"),
            due_printed=True,
            publishers=(MICROSOFT,),
            english_terms=True,
        ),
    )
    return sample(invoice, 3, "PRORATED_LINE")


AGREEMENT_SAMPLES: tuple[Callable[[], Sample], ...] = (
    c_en_be_rc_two_sections,
    c_en_us_sales_tax_dashes,
    c_nl_nl_domestic_vat,
    c_fr_be_domestic_azure,
    c_de_de_rc_three_sections,
    c_en_nl_credit_note_rc,
    c_nl_be_credit_note_domestic,
    c_fr_fr_credit_note_vat20,
    c_de_de_credit_note_rc,
    c_en_nl_mdy_upfront_rc,
    c_en_us_credit_note,
    c_nl_be_rc_return_row,
    c_nl_nl_english_terms,
)


def invoices() -> list[Invoice]:
    return [make().invoice for make in AGREEMENT_SAMPLES]
