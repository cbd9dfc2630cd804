"""The committed samples: each one a named invoice that shows one thing a reader must handle."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from samples.build import (
    credit_line,
    credit_rebill,
    full_line,
    guid,
    online_invoice,
    online_number,
    portal_invoice,
    portal_line,
    portal_number,
    prorated_line,
    taxed,
)
from samples.checks import period_end
from samples.labels import PORTAL
from samples.model import (
    Basis,
    DateStyle,
    Header,
    Invoice,
    Language,
    Line,
    NumberStyle,
    Party,
    Payment,
    Style,
    Subscription,
)
from samples.parties import customer, microsoft_corporation, microsoft_ireland
from samples.vat import be_number, de_number, fr_number, nl_number

EN = NumberStyle(".", ",")
EN_PARENS = NumberStyle(".", ",", negative="parens", symbol_space=False)
EN_EURO = NumberStyle(".", ",", symbol_space=False)
DOTS = NumberStyle(",", ".")
DOTS_AFTER = NumberStyle(",", ".", symbol_after=True, percent_space=True)
SPACES = NumberStyle(",", " ", symbol_after=True, percent_space=True)
NBSP = NumberStyle(",", "\u00a0", symbol_after=True, percent_space=True)
NARROW = NumberStyle(",", "\u202f", symbol_after=True, percent_space=True)

DMY = DateStyle("dmy", "/")
MDY = DateStyle("mdy", "/")
ISO = DateStyle("ymd", "-")
DASHES = DateStyle("dmy", "-")
DOTTED = DateStyle("dmy", ".")
EN_DASH = DateStyle("dmy", "/", range_sep=" – ")

ZERO_RATE = Decimal("0")


@dataclass(frozen=True, slots=True)
class Sample:
    """An invoice with what its author meant it to show: finding codes and page count."""

    invoice: Invoice
    codes: frozenset[str]
    pages: int


def d(text: str) -> Decimal:
    return Decimal(text)


def day(text: str) -> date:
    return date.fromisoformat(text)


def portal_sub(
    rng: random.Random, language: Language, product: str, quantity: int, price: str, basis: Basis
) -> Subscription:
    return Subscription(
        product,
        (portal_line(quantity, d(price), basis),),
        guid(rng),
        PORTAL[language].recurring,
    )


def online_sub(product: str, *lines: Line) -> Subscription:
    return Subscription(product, lines)


def sample(invoice: Invoice, pages: int, *codes: str) -> Sample:
    return Sample(invoice, frozenset(codes), pages)


def a_nl_annual_exchange_rc() -> Sample:
    name = "a-nl-annual-exchange-rc"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="nl portal labels, one annual Exchange Online line (8 × € 54,00 per jaar), "
        "Belgian customer with VAT number BE 0xxx.xxx.xxx in the bill-to block, BTW 0%",
        language="nl",
        country="BE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "nl", spaced=True, prefixed=True),
        customer=customer(
            "Bouwbedrijf Claes NV", ("Mechelsesteenweg 27", "2018 Antwerpen"), be_number(rng), 0
        ),
        number=portal_number(rng),
        invoice_date=day("2012-03-14"),
        due_date=day("2012-04-13"),
        period_start=day("2012-02-13"),
        period_end=day("2012-03-12"),
        order_number="7340021944",
        purchase_order="exchange-2012",
        style=Style(font="Times-Roman", bold="Times-Bold", size=9, numbers=DOTS, dates=DMY),
        annual=True,
    )
    subs = (portal_sub(rng, "nl", "Exchange Online (Plan 1)", 8, "54.00", "year"),)
    return sample(portal_invoice(head, subs, ZERO_RATE), 1, "REVERSE_CHARGE")


def a_en_ie_vat23_below() -> Sample:
    name = "a-en-ie-vat23-below"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="en portal with values below their labels (like a03), €1,234.56 without a "
        "space, Irish customer with an IE VAT number charged 23% VAT, monthly and yearly lines",
        language="en",
        country="IE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "en", spaced=False, prefixed=True),
        customer=customer(
            "Shannon Analytics Ltd", ("14 Eyre Square", "Galway H91"), "IE9700053D", 2
        ),
        number=portal_number(rng),
        invoice_date=day("2014-07-03"),
        due_date=day("2014-08-02"),
        period_start=day("2014-06-01"),
        period_end=day("2014-06-30"),
        order_number=guid(rng),
        purchase_order="PO-14-0710",
        style=Style(
            size=8.5,
            numbers=EN_EURO,
            dates=DMY,
            fields="below",
            grid_columns=3,
            field_order=(0, 1, 2, 3, 4, 5, 6, 7),
            lines="columns",
            long_labels=True,
        ),
    )
    subs = (
        portal_sub(rng, "en", "Office 365 Enterprise E3", 24, "19.20", "month"),
        portal_sub(
            rng, "en", "Project Online with Project Pro for Office 365", 3, "600.00", "year"
        ),
        portal_sub(rng, "en", "Exchange Online Archiving", 24, "2.40", "month"),
    )
    return sample(portal_invoice(head, subs, d("23")), 1)


def a_fr_be_rc_tabbed() -> Sample:
    name = "a-fr-be-rc-tabbed"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="fr portal labels in a tabbed grid where long labels wrap over two lines, "
        "amounts 1.234,56 € (symbol after), Belgian customer 'TVA BE 0xxx xxx xxx', TVA 0%",
        language="fr",
        country="BE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "fr", spaced=False, prefixed=True),
        customer=customer(
            "Cabinet Dupont & Associés SRL",
            ("Avenue Louise 231", "1050 Bruxelles"),
            be_number(rng),
            3,
        ),
        number=portal_number(rng),
        invoice_date=day("2013-10-17"),
        due_date=day("2013-11-16"),
        period_start=day("2013-09-15"),
        period_end=day("2013-10-14"),
        order_number="7340188275",
        purchase_order="BC 2013/221",
        style=Style(
            font="Courier",
            bold="Courier-Bold",
            size=7.5,
            margin=30,
            numbers=DOTS_AFTER,
            dates=DMY,
            fields="tabbed",
            grid_columns=2,
            label_width=86,
            field_order=(1, 3, 5, 0, 2, 4, 6, 7),
        ),
    )
    subs = (
        portal_sub(rng, "fr", "Office 365 Small Business Premium", 6, "10.00", "month"),
        portal_sub(rng, "fr", "Exchange Online (Plan 2)", 2, "6.80", "month"),
    )
    return sample(portal_invoice(head, subs, ZERO_RATE), 1, "REVERSE_CHARGE")


def a_de_rc_previous_balance() -> Sample:
    name = "a-de-rc-previous-balance"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="de portal labels, four subscriptions, a non-zero previous balance carried "
        "forward (not part of the total), German customer 'USt-IdNr.: DE…', MwSt. 0%",
        language="de",
        country="DE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "de", spaced=True, prefixed=True),
        customer=customer(
            "Ingenieurbüro Weiß & Hoffmann GmbH",
            ("Schanzenstraße 7", "20357 Hamburg"),
            de_number(rng),
            1,
        ),
        number=portal_number(rng),
        invoice_date=day("2015-02-19"),
        due_date=day("2015-03-21"),
        period_start=day("2015-01-18"),
        period_end=day("2015-02-17"),
        order_number="7341022093",
        purchase_order="BN-4471",
        style=Style(
            size=8,
            numbers=DOTS_AFTER,
            dates=DMY,
            fields="beside",
            grid_columns=2,
            field_order=(1, 3, 0, 5, 2, 4, 7, 6),
            column_scale=(0.30, 0.66),
        ),
        previous_balance=d("412.50"),
    )
    subs = (
        portal_sub(rng, "de", "Office 365 Enterprise E3", 12, "22.50", "month"),
        portal_sub(rng, "de", "Exchange Online (Plan 1)", 4, "3.80", "month"),
        portal_sub(rng, "de", "Visio Pro für Office 365", 2, "11.30", "month"),
        portal_sub(rng, "de", "Lync Online (Plan 2)", 12, "4.50", "month"),
    )
    return sample(portal_invoice(head, subs, ZERO_RATE), 1, "REVERSE_CHARGE")


def a_nl_nl_vat21_dashes_per_unit() -> Sample:
    name = "a-nl-nl-vat21-dashes-per-unit"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="nl portal, Dutch dates 13-01-2013 with dashes, Dutch customer without VAT "
        "number charged BTW 21%; 100 × € 0,99 taxed per licence (tax 21,00, not 20,79)",
        language="nl",
        country="NL",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "nl", spaced=False, prefixed=True),
        customer=customer("Bakkerij Jansen B.V.", ("Oudegracht 45", "3511 AB Utrecht")),
        number=portal_number(rng),
        invoice_date=day("2013-01-16"),
        due_date=day("2013-02-15"),
        period_start=day("2012-12-14"),
        period_end=day("2013-01-13"),
        order_number="7340390118",
        purchase_order=None,
        style=Style(
            font="Helvetica",
            bold="Helvetica-Bold",
            size=9.5,
            page="A4",
            margin=48,
            numbers=DOTS,
            dates=DASHES,
            fields="beside",
            grid_columns=3,
            field_order=(2, 1, 3, 0, 5, 6, 7),
        ),
    )
    subs = (
        portal_sub(rng, "nl", "Exchange Online Kiosk", 100, "0.99", "month"),
        portal_sub(rng, "nl", "Office 365 (Abonnement P1)", 7, "5.25", "month"),
    )
    return sample(portal_invoice(head, subs, d("21")), 1)


def a_nl_written_dates_wrapped() -> Sample:
    name = "a-nl-written-dates-wrapped"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="nl portal with written dates (11 januari 2013), long product names wrapped in "
        "a narrow product cell, Belgian customer without VAT number charged BTW 21%",
        language="nl",
        country="BE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "nl", spaced=True, prefixed=True),
        customer=customer("Tandartsenpraktijk Maes", ("Lange Lozanastraat 142", "2018 Antwerpen")),
        number=portal_number(rng),
        invoice_date=day("2013-01-11"),
        due_date=day("2013-02-10"),
        period_start=day("2012-12-09"),
        period_end=day("2013-01-08"),
        order_number="7340299170",
        purchase_order="TPM-2013-01",
        style=Style(
            font="Times-Roman",
            bold="Times-Bold",
            size=11,
            margin=52,
            numbers=DOTS,
            dates=DateStyle("dmy", "/", written=True),
            fields="beside",
            grid_columns=2,
            column_scale=(0.40, 0.60),
        ),
    )
    subs = (
        portal_sub(
            rng,
            "nl",
            "Office 365 Small Business Premium met Office Professional Plus (Abonnement 2)",
            4,
            "12.50",
            "month",
        ),
        portal_sub(rng, "nl", "Exchange Online Archiving voor Exchange Server", 4, "3.00", "month"),
    )
    return sample(portal_invoice(head, subs, d("21")), 1)


def a_en_us_sales_tax() -> Sample:
    name = "a-en-us-sales-tax"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="en portal from Microsoft Corporation (no VAT number), US Letter, $1,234.56, "
        "mm/dd/yyyy, 'Tax (8.75%)', long labels ('Invoice No.', 'Document Date', 'Total "
        "charges before tax', 'Total current charges')",
        language="en",
        country="US",
        currency="USD",
        supplier=microsoft_corporation(),
        customer=customer("Northwind Traders LLC", ("1200 Pine Ave", "Seattle WA 98101")),
        number=portal_number(rng),
        invoice_date=day("2014-05-16"),
        due_date=day("2014-06-15"),
        period_start=day("2014-04-14"),
        period_end=day("2014-05-13"),
        order_number=guid(rng),
        purchase_order="NW-8812",
        style=Style(
            size=8.5,
            page="Letter",
            numbers=EN_EURO,
            dates=MDY,
            fields="below",
            grid_columns=4,
            lines="two-row",
            long_labels=True,
            alt_tax_label=True,
            colon=False,
        ),
    )
    subs = (
        portal_sub(rng, "en", "Office 365 Enterprise E3", 45, "20.00", "month"),
        portal_sub(rng, "en", "Office 365 Enterprise E1", 10, "8.00", "month"),
    )
    return sample(portal_invoice(head, subs, d("8.75")), 1)


def a_nl_ambiguous_dates() -> Sample:
    name = "a-nl-ambiguous-dates"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="nl portal whose dates (05/01/2011 tot en met 04/01/2012, 06/01/2012, "
        "06/02/2012) fit both day/month orders: AMBIGUOUS_DATE, read dd/mm as for EUR",
        language="nl",
        country="BE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "nl", spaced=False, prefixed=True),
        customer=customer("Brouwerij Peeters & Zonen NV", ("Kouter 112", "9000 Gent")),
        number=portal_number(rng),
        invoice_date=day("2012-01-06"),
        due_date=day("2012-02-06"),
        period_start=day("2011-01-05"),
        period_end=day("2012-01-04"),
        order_number="7340011020",
        purchase_order="jaarabonnement",
        style=Style(size=9, numbers=DOTS, dates=DMY, fields="beside", grid_columns=3),
        annual=True,
    )
    subs = (portal_sub(rng, "nl", "Office 365 (Abonnement E1)", 6, "90.00", "year"),)
    return sample(portal_invoice(head, subs, d("21")), 1, "AMBIGUOUS_DATE")


PORTAL_PRODUCTS = (
    ("Exchange Online (Plan 1)", "3.20"),
    ("Exchange Online (Plan 2)", "6.40"),
    ("SharePoint Online (Plan 1)", "3.90"),
    ("Lync Online (Plan 2)", "4.50"),
    ("Office 365 Enterprise E1", "6.80"),
    ("Office 365 Enterprise E3", "19.20"),
    ("Office Professional Plus", "9.80"),
    ("Visio Pro for Office 365", "11.30"),
    ("Project Online", "5.60"),
    ("Exchange Online Archiving", "2.40"),
    ("Office 365 Small Business Premium", "10.00"),
    ("Office 365 Midsize Business", "12.50"),
)


def many_portal_subs(
    rng: random.Random, language: Language, count: int
) -> tuple[Subscription, ...]:
    subs = []
    for i in range(count):
        product, price = PORTAL_PRODUCTS[i % len(PORTAL_PRODUCTS)]
        label = (
            f"{product} ({i // len(PORTAL_PRODUCTS) + 1})" if i >= len(PORTAL_PRODUCTS) else product
        )
        subs.append(portal_sub(rng, language, label, rng.randrange(1, 60), price, "month"))
    return tuple(subs)


def a_en_4pages_long() -> Sample:
    name = "a-en-4pages-long"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="en portal invoice of 46 subscriptions (a GUID each) running over four pages, "
        "the subtotal on the last; Dutch customer with NL VAT number, VAT 0%",
        language="en",
        country="NL",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "en", spaced=False, prefixed=True),
        customer=customer(
            "Installatiebedrijf De Vries B.V.", ("Stationsweg 8", "2312 AV Leiden"), nl_number(rng)
        ),
        number=portal_number(rng),
        invoice_date=day("2015-11-04"),
        due_date=day("2015-12-04"),
        period_start=day("2015-10-01"),
        period_end=day("2015-10-31"),
        order_number=guid(rng),
        purchase_order="IDV/IT/2015",
        style=Style(
            size=9.5,
            row_gap=1.15,
            numbers=EN,
            dates=DMY,
            fields="below",
            grid_columns=3,
            lines="columns",
            column_scale=(0.30, 0.22, 0.16, 0.32),
        ),
    )
    subs = many_portal_subs(rng, "en", 46)
    return sample(portal_invoice(head, subs, ZERO_RATE), 4, "REVERSE_CHARGE")


def a_fr_2pages_wrapped() -> Sample:
    name = "a-fr-2pages-wrapped"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="fr portal over two pages, narrow columns wrapping the charge type, the "
        "licence count and the price phrase, 1 234,56 € with a no-break space, French "
        "customer without VAT number charged TVA 20%",
        language="fr",
        country="FR",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "fr", spaced=True, prefixed=True),
        customer=customer("Imprimerie Moreau & Fils", ("8 place du Capitole", "31000 Toulouse")),
        number=portal_number(rng),
        invoice_date=day("2016-03-22"),
        due_date=day("2016-04-21"),
        period_start=day("2016-02-20"),
        period_end=day("2016-03-19"),
        order_number="7342210964",
        purchase_order="CMD-2016-0311",
        style=Style(
            font="Helvetica",
            bold="Helvetica-Bold",
            size=9,
            numbers=NBSP,
            dates=DMY,
            fields="tabbed",
            grid_columns=2,
            label_width=120,
            lines="columns",
            column_scale=(0.30, 0.15, 0.15, 0.25),
            repeat_heading=False,
        ),
    )
    subs = many_portal_subs(rng, "fr", 14)
    return sample(portal_invoice(head, subs, d("20")), 2)


def online_head(
    name: str,
    summary: str,
    language: Language,
    country: str,
    currency: str,
    buyer: Party,
    issued: str,
    due: str,
    period: tuple[str, str],
    style: Style,
    *,
    purchase_order: str | None = None,
    payment: Payment = "bank",
    supplier_spaced: bool = False,
    supplier_prefixed: bool = False,
) -> Header:
    rng = random.Random(name)
    supplier = (
        microsoft_corporation(canada=currency == "CAD")
        if currency in ("USD", "CAD")
        else microsoft_ireland("online-services", language, supplier_spaced, supplier_prefixed)
    )
    return Header(
        name=name,
        summary=summary,
        language=language,
        country=country,
        currency=currency,
        supplier=supplier,
        customer=buyer,
        number=online_number(rng),
        invoice_date=day(issued),
        due_date=day(due),
        period_start=day(period[0]),
        period_end=day(period[1]),
        order_number=guid(rng),
        purchase_order=purchase_order,
        style=style,
        payment=payment,
    )


def monthly(quantity: int, price: str, start: str, rate: Decimal) -> Line:
    return full_line(quantity, d(price), "month", day(start), rate)


def annually(quantity: int, price: str, start: str, rate: Decimal) -> Line:
    return full_line(quantity, d(price), "year", day(start), rate)


def b_en_us_sales_tax() -> Sample:
    name = "b-en-us-sales-tax"
    style = Style(page="Letter", size=8.5, numbers=EN, dates=MDY)
    head = online_head(
        name,
        "en online-services invoice from Microsoft Corporation like Microsoft's 2016 sample: "
        "Letter, mm/dd/yyyy, Taxes 8.75 %, header total '3,306.00 USD', no Customer PO Number "
        "(null), bank transfer and check blocks",
        "en",
        "US",
        "USD",
        customer("Lakeshore Outfitters Corp.", ("4567 Main St", "Buffalo NY 14260")),
        "2017-06-14",
        "2017-07-14",
        ("2017-06-13", "2017-06-13"),
        style,
        payment="check",
    )
    rate = d("8.75")
    subs = (
        online_sub("Office 365 Enterprise E3", monthly(140, "20.00", "2017-06-13", rate)),
        online_sub("Exchange Online (Plan 2)", monthly(30, "8.00", "2017-06-13", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def b_nl_nl_per_unit_tax() -> Sample:
    name = "b-nl-nl-per-unit-tax"
    style = Style(
        font="Times-Roman",
        bold="Times-Bold",
        size=9,
        numbers=DOTS,
        dates=DASHES,
        fields="tabbed",
        header_order=(1, 0, 2),
        label_width=118,
        alt_tax_label=True,
    )
    head = online_head(
        name,
        "nl labels, Dutch dates 01-02-2024 with dashes, Dutch customer without VAT number "
        "charged BTW 21 %; 100 × 0,99 taxed per licence: 21,00 where 21% of 99,00 is 20,79",
        "nl",
        "NL",
        "EUR",
        customer("Drukkerij Smit B.V.", ("Stationsweg 8", "2312 AV Leiden")),
        "2024-02-02",
        "2024-03-03",
        ("2024-02-01", "2024-02-01"),
        style,
        purchase_order="DS-0224",
    )
    rate = d("21")
    subs = (
        online_sub("Exchange Online Kiosk", monthly(100, "0.99", "2024-02-01", rate)),
        online_sub("Microsoft 365 Business Basic", monthly(12, "5.60", "2024-02-01", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def b_fr_credit_rebill() -> Sample:
    name = "b-fr-credit-rebill"
    rng = random.Random(name)
    style = Style(
        size=8,
        numbers=SPACES,
        dates=DMY,
        summary="below",
        label_width=150,
    )
    head = online_head(
        name,
        "fr labels, credit and re-bill of a licence change (credit row for the whole month in "
        "Crédits, prorated old quantity, prorated new quantity), 1 234,56 with a space, French "
        "customer 'FR 12 345678901', TVA 0 %",
        "fr",
        "FR",
        "EUR",
        customer(
            "Atelier Lefèvre SARL", ("12 rue de la République", "69002 Lyon"), fr_number(rng), 0
        ),
        "2023-04-02",
        "2023-05-02",
        ("2023-04-01", "2023-04-01"),
        style,
        purchase_order="BC-2023-118",
    )
    rebill = credit_rebill(
        100,
        140,
        d("11.70"),
        "month",
        day("2023-03-01"),
        day("2023-03-16"),
        ZERO_RATE,
        credit_whole_term=True,
    )
    subs = (
        online_sub("Microsoft 365 Business Standard", *rebill),
        online_sub("Exchange Online (Plan 1)", monthly(5, "3.70", "2023-04-01", ZERO_RATE)),
    )
    return sample(online_invoice(head, subs), 2, "PRORATED_LINE", "REVERSE_CHARGE")


def b_en_ie_credit_rebill_parens() -> Sample:
    name = "b-en-ie-credit-rebill-parens"
    style = Style(size=8, numbers=EN_PARENS, dates=DMY, label_width=96)
    rate = d("23")
    head = online_head(
        name,
        "en labels, Irish customer charged 23% VAT, credit and re-bill for the remaining days "
        "(credit row prorated 18/30, new quantity prorated, next month in full), negative "
        "amounts in parentheses (247.20)",
        "en",
        "IE",
        "EUR",
        customer("Harbour Logistics DAC", ("Unit 4, Docklands Business Park", "Dublin 1")),
        "2021-10-11",
        "2021-11-10",
        ("2021-10-10", "2021-10-10"),
        style,
        purchase_order="HL-IT-77",
        supplier_spaced=True,
        supplier_prefixed=True,
    )
    rebill = credit_rebill(
        20,
        25,
        d("20.60"),
        "month",
        day("2021-09-10"),
        day("2021-09-22"),
        rate,
        credit_whole_term=False,
    )
    subs = (
        online_sub("Microsoft 365 Business Premium", *rebill),
        online_sub("Microsoft 365 Business Basic", monthly(5, "5.10", "2021-10-10", rate)),
    )
    return sample(online_invoice(head, subs), 2, "PRORATED_LINE")


LONG_PRODUCTS = (
    ("Microsoft 365 Business Premium und Microsoft 365 Copilot (Jahresabonnement)", "20.60"),
    ("Microsoft Defender for Office 365 (Plan 2) für Microsoft 365 Business", "4.70"),
    ("Microsoft 365 E3 (no Teams) mit Teams Enterprise Add-on", "33.75"),
    ("Exchange Online (Plan 1) mit Exchange Online Archiving", "6.10"),
    ("Microsoft Entra ID P2 Identitätsschutz für Unternehmen", "8.40"),
    ("Microsoft Intune Plan 1 Geräteverwaltung (Jahresabonnement)", "7.50"),
    ("Power BI Premium Per User für Berichte und Dashboards", "18.70"),
    ("Microsoft Teams Rooms Pro für Besprechungsräume", "37.50"),
    ("Visio Plan 2 und Project Plan 3 Kombipaket (Jahresabonnement)", "42.00"),
    ("Microsoft Purview Information Protection and Governance", "5.60"),
    ("Windows 365 Business 2 vCPU, 8 GB, 128 GB (mit Hybridvorteil)", "35.20"),
    ("Dynamics 365 Business Central Essentials (Jahresabonnement)", "65.80"),
)


def b_de_3pages_wrapped() -> Sample:
    name = "b-de-3pages-wrapped"
    rng = random.Random(name)
    style = Style(
        font="Courier",
        bold="Courier-Bold",
        size=7.5,
        numbers=DOTS,
        dates=DateStyle("dmy", "/", written=True),
        wrap_period=True,
        bar_width=0.34,
        repeat_bar=False,
        headers_right=False,
        summary="below",
        summary_heading=False,
        label_width=96,
    )
    head = online_head(
        name,
        "de labels over three pages, written dates '3. März 2026' in the header, long product "
        "names wrapped in narrow bars, service periods wrapped in their column, Courier, "
        "German customer 'DE 129 273 398'-style VAT number, Steuer 0 %",
        "de",
        "DE",
        "EUR",
        customer(
            "Schröder & Partner Steuerberatung GmbH",
            ("Leopoldstraße 40", "80802 München"),
            de_number(rng),
            0,
        ),
        "2026-03-03",
        "2026-03-03",
        ("2026-03-02", "2026-03-02"),
        style,
        purchase_order="BE-2026-031",
        payment="card",
        supplier_spaced=True,
        supplier_prefixed=True,
    )
    subs = tuple(
        online_sub(product, monthly(rng.randrange(2, 40), price, "2026-03-02", ZERO_RATE))
        for product, price in LONG_PRODUCTS
    )
    return sample(online_invoice(head, subs), 3, "REVERSE_CHARGE")


def licence_changes(
    price: Decimal, cycle_start: date, changes: tuple[tuple[int, int], ...], rate: Decimal
) -> tuple[Line, ...]:
    """Rows of a busy subscription: per change a credit for the remaining days at the old
    quantity and a charge for them at the new one, then the next month in full.

    `changes` starts with (0, initial quantity), then (day offset, new quantity) pairs."""
    cycle_end = period_end(cycle_start, "month")
    rows: list[Line] = []
    quantity = changes[0][1]
    for offset, new in changes[1:]:
        change = cycle_start + timedelta(days=offset)
        rows.append(credit_line(quantity, price, "month", change, cycle_end, rate))
        rows.append(prorated_line(new, price, "month", change, cycle_end, rate))
        quantity = new
    rows.append(full_line(quantity, price, "month", cycle_end + timedelta(days=1), rate))
    return tuple(rows)


def b_nl_4pages_repeat_bar() -> Sample:
    name = "b-nl-4pages-repeat-bar"
    style = Style(
        font="Times-Roman",
        bold="Times-Bold",
        size=10,
        row_gap=1.2,
        numbers=DOTS,
        dates=DMY,
        repeat_bar=True,
        label_width=130,
    )
    rate = d("21")
    head = online_head(
        name,
        "nl labels over four pages: a subscription with eight licence changes (credit row and "
        "prorated row each) continues across page breaks with its bar and column header "
        "repeated; Belgian customer without VAT number charged BTW 21 %",
        "nl",
        "BE",
        "EUR",
        customer("Boekhouding Janssens CommV", ("Kouter 112", "9000 Gent")),
        "2022-06-02",
        "2022-07-02",
        ("2022-06-01", "2022-06-01"),
        style,
        purchase_order="2022/061",
    )
    changes = ((0, 20), (2, 22), (5, 25), (8, 24), (11, 28), (14, 30), (17, 33), (20, 31), (23, 35))
    busy = licence_changes(d("11.70"), day("2022-05-01"), changes, rate)
    others = tuple(
        online_sub(product, monthly(quantity, price, "2022-06-01", rate))
        for product, price, quantity in (
            ("Exchange Online (Plan 1)", "3.70", 12),
            ("Exchange Online (Plan 2)", "7.50", 4),
            ("Microsoft 365 Business Basic", "5.10", 9),
            ("Microsoft 365 Apps for business", "9.80", 6),
            ("Power BI Pro", "9.40", 3),
            ("Visio Plan 2", "14.00", 2),
            ("Project Plan 3", "28.10", 2),
            ("Microsoft Teams Essentials", "3.70", 15),
            ("Microsoft Intune Plan 1", "7.50", 20),
            ("Microsoft Entra ID P1", "5.60", 20),
        )
    )
    subs = (*others[:4], online_sub("Microsoft 365 Business Standard", *busy), *others[4:])
    return sample(online_invoice(head, subs), 4, "PRORATED_LINE")


def b_en_ca_gst_qst() -> Sample:
    name = "b-en-ca-gst-qst"
    style = Style(page="Letter", size=8.5, numbers=EN, dates=ISO, header_order=(0, 2, 1))
    rate = d("14.975")
    head = online_head(
        name,
        "en labels for Canada: ISO dates 2026-07-22, CAD, Microsoft Corporation, Tax % "
        "14.975 per line and the summary split into GST/HST (5 %) and QST",
        "en",
        "CA",
        "CAD",
        customer("Érable Conseil Inc.", ("1200 boul. René-Lévesque O", "Montréal QC H3B 4W8")),
        "2026-07-22",
        "2026-08-21",
        ("2026-07-21", "2026-07-21"),
        style,
        purchase_order="EC-7781",
    )
    subs = (
        online_sub("Microsoft 365 Business Standard", monthly(8, "16.90", "2026-07-21", rate)),
        online_sub("Exchange Online (Plan 1)", monthly(3, "5.20", "2026-07-21", rate)),
    )
    split = (("GST/HST:", d("5")), ("QST:", d("9.975")))
    return sample(online_invoice(head, subs, split), 2)


def b_en_no_mva_annual() -> Sample:
    name = "b-en-no-mva-annual"
    style = Style(size=8.5, numbers=NumberStyle(",", " "), dates=DOTTED, label_width=110)
    rate = d("25")
    head = online_head(
        name,
        "en labels for Norway: NOK, dates 04.08.2026, amounts 1 548,00, 25 % tax labelled "
        "MVA in the summary, upfront annual billing with a single-day billing period",
        "en",
        "NO",
        "NOK",
        customer("Fjordlys Design AS", ("Karl Johans gate 12", "0154 Oslo")),
        "2026-08-04",
        "2026-08-04",
        ("2026-08-03", "2026-08-03"),
        style,
        payment="card",
    )
    subs = (
        online_sub("Microsoft 365 Business Standard", annually(5, "1548.00", "2026-08-03", rate)),
        online_sub("Microsoft 365 Business Basic", annually(10, "720.00", "2026-08-03", rate)),
    )
    return sample(online_invoice(head, subs, (("MVA:", rate),)), 2)


def b_fr_fr_narrow_nbsp() -> Sample:
    name = "b-fr-fr-narrow-nbsp"
    style = Style(
        font="Vera",
        bold="Vera-Bold",
        size=8,
        numbers=NARROW,
        dates=DateStyle("dmy", "/", written=True, range_sep=" – "),
        fields="below",
        label_width=150,
    )
    rate = d("20")
    head = online_head(
        name,
        "fr labels with amounts grouped by a narrow no-break space (2\u202f025,00, U+202F, "
        "embedded TrueType font), written dates '4 août 2026', en-dash billing period, French "
        "customer without VAT number charged TVA 20 %",
        "fr",
        "FR",
        "EUR",
        customer("Boulangerie Girard SA", ("8 place du Capitole", "31000 Toulouse")),
        "2026-08-04",
        "2026-09-03",
        ("2026-08-03", "2026-08-03"),
        style,
        purchase_order="BG/2026/08",
    )
    subs = (
        online_sub("Microsoft 365 E3", monthly(60, "33.75", "2026-08-03", rate)),
        online_sub("Microsoft 365 Copilot", monthly(10, "28.10", "2026-08-03", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def b_fr_be_nbsp_rc() -> Sample:
    name = "b-fr-be-nbsp-rc"
    rng = random.Random(name)
    style = Style(
        font="Times-Roman",
        bold="Times-Bold",
        size=8.5,
        numbers=NBSP,
        dates=DMY,
        header_order=(2, 0, 1),
        label_width=165,
    )
    head = online_head(
        name,
        "fr labels, annual prices ('Prix annuel') grouped with a no-break space (10 560,00), "
        "Belgian customer 'TVA BE 0xxx xxx xxx' in the service usage block, Taxes 0 %",
        "fr",
        "BE",
        "EUR",
        customer("Agence Lambert SRL", ("Rue de la Loi 42", "1040 Etterbeek"), be_number(rng), 3),
        "2025-09-10",
        "2025-10-10",
        ("2025-09-09", "2025-09-09"),
        style,
        purchase_order="AL-2025-09",
        supplier_prefixed=True,
    )
    subs = (
        online_sub(
            "Microsoft 365 Business Premium", annually(40, "264.00", "2025-09-09", ZERO_RATE)
        ),
        online_sub(
            "Microsoft Defender for Office 365 (Plan 1)",
            annually(40, "24.00", "2025-09-09", ZERO_RATE),
        ),
        online_sub("Microsoft Teams Essentials", annually(5, "48.00", "2025-09-09", ZERO_RATE)),
    )
    return sample(online_invoice(head, subs), 2, "REVERSE_CHARGE")


def b_de_discount() -> Sample:
    name = "b-de-discount"
    style = Style(
        size=8.5,
        numbers=DOTS,
        dates=DMY,
        fields="below",
        alt_tax_label=True,
        summary="below",
    )
    rate = d("19")
    head = online_head(
        name,
        "de labels with header values below their labels, a 10 % discount on one line "
        "(Rabatte), German customer without VAT number charged 19 % (MwSt.)",
        "de",
        "DE",
        "EUR",
        customer("Tischlerei Becker", ("Schanzenstraße 7", "20357 Hamburg")),
        "2019-11-05",
        "2019-12-05",
        ("2019-11-04", "2019-11-04"),
        style,
        purchase_order="TB-19-11",
    )
    discounted = full_line(25, d("20.60"), "month", day("2019-11-04"), rate, d("10"))
    subs = (
        online_sub("Microsoft 365 Business Premium", discounted),
        online_sub("Exchange Online (Plan 2)", monthly(3, "7.50", "2019-11-04", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def b_en_ie_annual_single_day() -> Sample:
    name = "b-en-ie-annual-single-day"
    style = Style(
        font="Times-Roman",
        bold="Times-Bold",
        size=9,
        margin=56,
        numbers=EN,
        dates=EN_DASH,
        fields="tabbed",
        alt_tax_label=True,
    )
    rate = d("23")
    head = online_head(
        name,
        "en labels, upfront annual renewal billed on a single-day period (20/05/2025 – "
        "20/05/2025), Irish customer whose IE VAT number does not make it reverse charge: "
        "VAT 23%",
        "en",
        "IE",
        "EUR",
        customer("Wicklow Dental Ltd", ("14 Eyre Square", "Galway H91"), "IE6433435F", 1),
        "2025-05-21",
        "2025-06-20",
        ("2025-05-20", "2025-05-20"),
        style,
        purchase_order="WD-2025-5",
    )
    subs = (
        online_sub("Microsoft 365 Business Standard", annually(9, "140.40", "2025-05-20", rate)),
        online_sub("Exchange Online (Plan 1)", annually(4, "44.40", "2025-05-20", rate)),
        online_sub("Microsoft 365 Business Basic", annually(2, "64.80", "2025-05-20", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def b_nl_be_multi_prorated_rc() -> Sample:
    name = "b-nl-be-multi-prorated-rc"
    rng = random.Random(name)
    style = Style(
        size=8.5,
        numbers=DOTS,
        dates=DMY,
        bar_width=0.42,
        summary="below",
        summary_heading=False,
        label_width=72,
    )
    head = online_head(
        name,
        "nl labels, four subscriptions, a mid-month addition billed prorated (3 × 20,60 × "
        "18/31), a long product name wrapped in its bar, 'Inkoopordernummer klant:' wrapped "
        "over two lines, Belgian customer 'BTW BE0…', BTW 0 %",
        "nl",
        "BE",
        "EUR",
        customer(
            "Architectenbureau Peeters BV",
            ("Lange Lozanastraat 142", "2018 Antwerpen"),
            be_number(rng),
            1,
        ),
        "2024-11-06",
        "2024-12-06",
        ("2024-11-05", "2024-11-05"),
        style,
        purchase_order="2024/311",
        supplier_prefixed=True,
    )
    premium = (
        "Microsoft 365 Business Premium en Microsoft Defender for Business (jaarlijkse verbintenis)"
    )
    subs = (
        online_sub(
            premium,
            monthly(15, "20.60", "2024-10-05", ZERO_RATE),
            prorated_line(3, d("20.60"), "month", day("2024-10-18"), day("2024-11-04"), ZERO_RATE),
        ),
        online_sub("Exchange Online (Plan 2)", monthly(4, "6.90", "2024-11-05", ZERO_RATE)),
        online_sub("Microsoft Teams Rooms Pro", monthly(2, "37.50", "2024-11-05", ZERO_RATE)),
        online_sub("Power BI Pro", monthly(6, "9.40", "2024-11-05", ZERO_RATE)),
    )
    return sample(online_invoice(head, subs), 2, "PRORATED_LINE", "REVERSE_CHARGE")


def a_fr_fr_overstruck_bold() -> Sample:
    name = "a-fr-fr-overstruck-bold"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="fr portal whose bold is the regular font printed three times 0.3 pt apart "
        "(a producer faking bold): the title, headings and totals read once, not tripled; "
        "French customer with an FR VAT number charged TVA 20 %",
        language="fr",
        country="FR",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "fr", spaced=True, prefixed=False),
        customer=customer(
            "Atelier Lumière SARL", ("12 rue des Tanneurs", "69002 Lyon"), fr_number(rng), 3
        ),
        number=portal_number(rng),
        invoice_date=day("2015-03-09"),
        due_date=day("2015-04-08"),
        period_start=day("2015-02-08"),
        period_end=day("2015-03-07"),
        order_number=guid(rng),
        purchase_order=None,
        style=Style(size=9.0, numbers=SPACES, dates=DMY, fields="tabbed", overstrike=True),
    )
    subs = (
        portal_sub(rng, "fr", "Office 365 Business Premium", 9, "10.50", "month"),
        portal_sub(rng, "fr", "Exchange Online (Plan 1)", 4, "3.80", "month"),
    )
    return sample(portal_invoice(head, subs, d("20")), 1)


def b_en_be_overstruck_bold() -> Sample:
    name = "b-en-be-overstruck-bold"
    style = Style(size=8.5, numbers=EN_EURO, dates=DMY, fields="below", overstrike=True)
    head = online_head(
        name,
        "en labels whose bold (title, column titles, product bars, Total) is the regular "
        "font printed three times 0.3 pt apart; Belgian customer with a VAT number, 0 %",
        "en",
        "BE",
        "EUR",
        customer(
            "Brouwerij Het Anker BV",
            ("Guido Gezellelaan 49", "2800 Mechelen"),
            be_number(random.Random(name)),
            1,
        ),
        "2021-09-14",
        "2021-10-14",
        ("2021-09-13", "2021-09-13"),
        style,
        purchase_order="HA-2109",
    )
    subs = (
        online_sub(
            "Microsoft 365 Business Standard", monthly(18, "10.50", "2021-09-13", ZERO_RATE)
        ),
        online_sub("Power BI Pro", monthly(5, "8.40", "2021-09-13", ZERO_RATE)),
    )
    return sample(online_invoice(head, subs), 2, "REVERSE_CHARGE")


def a_de_de_spaceless() -> Sample:
    name = "a-de-de-spaceless"
    rng = random.Random(name)
    head = Header(
        name=name,
        summary="de portal written word by word with no space characters (Vera 7.5 pt: a "
        "space is 2.4 pt, narrower than pdfplumber's default 3 pt that would join the "
        "words), German customer with a DE VAT number, MwSt. 0 %",
        language="de",
        country="DE",
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", "de", spaced=False, prefixed=True),
        customer=customer(
            "Planungsbüro Krause GmbH", ("Hafenstraße 3", "28217 Bremen"), de_number(rng), 1
        ),
        number=portal_number(rng),
        invoice_date=day("2013-11-21"),
        due_date=day("2013-12-21"),
        period_start=day("2013-10-21"),
        period_end=day("2013-11-20"),
        order_number=guid(rng),
        purchase_order="PK-1311",
        style=Style(
            font="Vera",
            bold="Vera-Bold",
            size=7.5,
            numbers=DOTS_AFTER,
            dates=DOTTED,
            spaceless=True,
        ),
    )
    subs = (
        portal_sub(rng, "de", "Office 365 Enterprise E1", 12, "7.50", "month"),
        portal_sub(rng, "de", "Exchange Online Archiving", 12, "2.80", "month"),
    )
    return sample(portal_invoice(head, subs, ZERO_RATE), 1, "REVERSE_CHARGE")


def b_nl_nl_spaceless() -> Sample:
    name = "b-nl-nl-spaceless"
    style = Style(
        font="Vera", bold="Vera-Bold", size=7.5, numbers=DOTS, dates=DASHES, spaceless=True
    )
    head = online_head(
        name,
        "nl labels written word by word with no space characters (Vera 7.5 pt), Dutch "
        "customer without VAT number charged BTW 21 %",
        "nl",
        "NL",
        "EUR",
        customer("Adviesgroep Jansen B.V.", ("Oudegracht 45", "3511 AB Utrecht")),
        "2022-05-03",
        "2022-06-02",
        ("2022-05-02", "2022-05-02"),
        style,
        purchase_order="AJ-0522",
    )
    rate = d("21")
    subs = (
        online_sub("Microsoft 365 Business Standard", monthly(14, "10.50", "2022-05-02", rate)),
        online_sub("Microsoft Teams Essentials", monthly(6, "3.40", "2022-05-02", rate)),
    )
    return sample(online_invoice(head, subs), 2)


def bad_line_cent_off() -> Sample:
    name = "bad-line-cent-off"
    rate = d("23")
    head = online_head(
        name,
        "line 2 prints 25.91 where 7 × 3.70 = 25.90 (everything else adds up): "
        "LINE_AMOUNT_MISMATCH on line 2",
        "en",
        "IE",
        "EUR",
        customer("Liffey Print Ltd", ("Unit 4, Docklands Business Park", "Dublin 1")),
        "2022-02-16",
        "2022-03-18",
        ("2022-02-15", "2022-02-15"),
        Style(size=8.5, numbers=EN, dates=DMY),
    )
    good = monthly(7, "3.70", "2022-02-15", rate)
    off = taxed(replace(good, charges=d("25.91"), amount=d("25.91")), rate, per_unit=False)
    subs = (
        online_sub("Microsoft 365 Business Standard", monthly(9, "11.70", "2022-02-15", rate)),
        online_sub("Exchange Online (Plan 1)", off),
    )
    return sample(online_invoice(head, subs), 2, "LINE_AMOUNT_MISMATCH")


def bad_portal(name: str, summary: str, language: Language, country: str) -> Header:
    rng = random.Random(name)
    streets = {
        "BE": ("Brouwerij Maes BV", ("Kouter 112", "9000 Gent")),
        "IE": ("Galway Bay Design Ltd", ("14 Eyre Square", "Galway H91")),
        "DE": ("Planungsbüro Müller", ("Leopoldstraße 40", "80802 München")),
    }
    buyer, address = streets[country]
    return Header(
        name=name,
        summary=summary,
        language=language,
        country=country,
        currency="EUR",
        supplier=microsoft_ireland("portal-2012", language, spaced=False, prefixed=True),
        customer=customer(buyer, address),
        number=portal_number(rng),
        invoice_date=day("2014-09-15"),
        due_date=day("2014-10-15"),
        period_start=day("2014-08-14"),
        period_end=day("2014-09-13"),
        order_number="7341" + str(rng.randrange(100000, 999999)),
        purchase_order=None,
        style=Style(size=9, numbers=DOTS if language != "en" else EN_EURO, dates=DMY),
    )


def bad_subtotal_not_sum() -> Sample:
    name = "bad-subtotal-not-sum"
    rng = random.Random(name)
    head = bad_portal(
        name,
        "portal invoice whose Subtotaal (€ 307,15) is 10,00 more than its lines (€ 297,15); "
        "tax and total follow the printed subtotal: SUBTOTAL_MISMATCH",
        "nl",
        "BE",
    )
    subs = (
        portal_sub(rng, "nl", "Office 365 Enterprise E3", 13, "19.20", "month"),
        portal_sub(rng, "nl", "Exchange Online (Plan 1)", 15, "3.17", "month"),
    )
    good = portal_invoice(head, subs, d("21"), per_unit_tax=False)
    subtotal = good.subtotal + 10
    tax = (subtotal * 21 / 100).quantize(Decimal("0.01"))
    return sample(
        replace(good, subtotal=subtotal, tax=tax, total=subtotal + tax), 1, "SUBTOTAL_MISMATCH"
    )


def bad_tax_wrong() -> Sample:
    name = "bad-tax-wrong"
    rng = random.Random(name)
    head = bad_portal(
        name,
        "portal invoice whose VAT (23%) is 1.00 more than 23% of the subtotal (beyond the "
        "per-licence rounding); the total adds the printed tax: TAX_MISMATCH",
        "en",
        "IE",
    )
    subs = (
        portal_sub(rng, "en", "Office 365 Enterprise E1", 10, "6.80", "month"),
        portal_sub(rng, "en", "SharePoint Online (Plan 1)", 5, "3.90", "month"),
    )
    good = portal_invoice(head, subs, d("23"))
    tax = good.tax + 1
    return sample(replace(good, tax=tax, total=good.subtotal + tax), 1, "TAX_MISMATCH")


def bad_total_not_sum() -> Sample:
    name = "bad-total-not-sum"
    rng = random.Random(name)
    head = bad_portal(
        name,
        "portal invoice whose Summe is 0,10 more than Zwischensumme + MwSt.: TOTAL_MISMATCH",
        "de",
        "DE",
    )
    subs = (portal_sub(rng, "de", "Office 365 Midsize Business", 8, "12.50", "month"),)
    good = portal_invoice(head, subs, d("19"))
    return sample(replace(good, total=good.total + d("0.10")), 1, "TOTAL_MISMATCH")


def bad_due_before_invoice() -> Sample:
    name = "bad-due-before-invoice"
    rate = d("8.75")
    head = online_head(
        name,
        "online-services invoice whose due date (06/09/2018) is before its invoice date "
        "(06/14/2018): DATE_ORDER",
        "en",
        "US",
        "USD",
        customer("Fabrikam Labs Inc.", ("1200 Pine Ave", "Seattle WA 98101")),
        "2018-06-14",
        "2018-06-09",
        ("2018-06-13", "2018-06-13"),
        Style(page="Letter", size=8.5, numbers=EN, dates=MDY),
    )
    subs = (online_sub("Office 365 Enterprise E3", monthly(25, "20.00", "2018-06-13", rate)),)
    return sample(online_invoice(head, subs), 2, "DATE_ORDER")


def bad_days_not_period() -> Sample:
    name = "bad-days-not-period"
    rate = d("21")
    head = online_head(
        name,
        "line 1's service period 16/03/2026 - 15/04/2026 is 31 days but Dagen says 30: "
        "DATE_ORDER on line 1",
        "nl",
        "NL",
        "EUR",
        customer("Fysiotherapie Bakker", ("Oudegracht 45", "3511 AB Utrecht")),
        "2026-03-17",
        "2026-04-16",
        ("2026-03-16", "2026-03-16"),
        Style(size=8.5, numbers=DOTS, dates=DMY),
    )
    line = replace(monthly(6, "11.70", "2026-03-16", rate), days=30)
    subs = (
        online_sub("Microsoft 365 Business Standard", line),
        online_sub("Exchange Online (Plan 1)", monthly(2, "3.70", "2026-03-16", rate)),
    )
    return sample(online_invoice(head, subs), 2, "DATE_ORDER")


def bad_line_tax() -> Sample:
    name = "bad-line-tax"
    rate = d("19")
    head = online_head(
        name,
        "line 1's Steuer (11,60) is 0,48 more than 19 % of 58,50 (11,12; at most 0,05 off for "
        "5 licences); line total and sums follow the printed tax: TAX_MISMATCH on line 1",
        "de",
        "DE",
        "EUR",
        customer("Praxis Hoffmann", ("Leopoldstraße 40", "80802 München")),
        "2023-05-09",
        "2023-06-08",
        ("2023-05-08", "2023-05-08"),
        Style(size=8.5, numbers=DOTS, dates=DMY),
    )
    good = monthly(5, "11.70", "2023-05-08", rate)
    assert good.tax is not None
    tax = good.tax + d("0.50")
    wrong = replace(good, tax=tax, total=good.amount + tax)
    subs = (online_sub("Microsoft 365 Business Standard", wrong),)
    return sample(online_invoice(head, subs), 2, "TAX_MISMATCH")


SAMPLES: tuple[Callable[[], Sample], ...] = (
    a_nl_annual_exchange_rc,
    a_en_ie_vat23_below,
    a_fr_be_rc_tabbed,
    a_de_rc_previous_balance,
    a_nl_nl_vat21_dashes_per_unit,
    a_nl_written_dates_wrapped,
    a_en_us_sales_tax,
    a_nl_ambiguous_dates,
    a_en_4pages_long,
    a_fr_2pages_wrapped,
    b_en_us_sales_tax,
    b_nl_nl_per_unit_tax,
    b_fr_credit_rebill,
    b_en_ie_credit_rebill_parens,
    b_de_3pages_wrapped,
    b_nl_4pages_repeat_bar,
    b_en_ca_gst_qst,
    b_en_no_mva_annual,
    b_fr_fr_narrow_nbsp,
    b_fr_be_nbsp_rc,
    b_de_discount,
    b_en_ie_annual_single_day,
    b_nl_be_multi_prorated_rc,
    a_fr_fr_overstruck_bold,
    b_en_be_overstruck_bold,
    a_de_de_spaceless,
    b_nl_nl_spaceless,
    bad_line_cent_off,
    bad_subtotal_not_sum,
    bad_tax_wrong,
    bad_total_not_sum,
    bad_due_before_invoice,
    bad_days_not_period,
    bad_line_tax,
)
