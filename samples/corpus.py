"""Random but reproducible invoices for the benchmark: every layout knob, country and feature.

`random_invoice(seed, index)` depends only on its arguments, so a corpus of any size is the
same for the same seed, and invoice i is the same whatever n is.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from samples.build import (
    agreement_invoice,
    agreement_number,
    agreement_row,
    agreement_usage,
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
from samples.checks import add_months, period_end
from samples.labels import AGREEMENT as AGREEMENT_LABELS
from samples.labels import PORTAL
from samples.model import (
    ZERO,
    Agreement,
    Basis,
    Block,
    DateStyle,
    Family,
    Header,
    Invoice,
    Language,
    Line,
    NumberStyle,
    Party,
    Payment,
    Section,
    Style,
    Subscription,
    r2,
)
from samples.parties import (
    LOCAL_ENTITIES,
    microsoft_corporation,
    microsoft_ireland,
    microsoft_ireland_agreement,
    random_customer,
)

EU_RATES = {"BE": "21", "NL": "21", "DE": "19", "FR": "20", "IE": "23"}
US_RATES = ("6.5", "7.25", "8.75", "10.1")
LANGUAGES: dict[str, tuple[Language, ...]] = {
    "BE": ("nl", "fr", "en"),
    "NL": ("nl", "en"),
    "DE": ("de", "en"),
    "FR": ("fr",),
    "IE": ("en",),
    "US": ("en",),
    "CA": ("en", "fr"),
    "NO": ("en",),
}
CURRENCIES = {"US": "USD", "CA": "CAD", "NO": "NOK"}
PORTAL_COUNTRIES = (("BE", 3), ("NL", 3), ("DE", 2), ("FR", 2), ("IE", 2), ("US", 1))
ONLINE_COUNTRIES = (*PORTAL_COUNTRIES, ("CA", 1), ("NO", 1))
FONTS = (
    ("Helvetica", "Helvetica-Bold", 4),
    ("Times-Roman", "Times-Bold", 3),
    ("Courier", "Courier-Bold", 1),
    ("Vera", "Vera-Bold", 2),
)
PORTAL_PRODUCTS = (
    ("Exchange Online (Plan 1)", "3.20"),
    ("Exchange Online (Plan 2)", "6.40"),
    ("Exchange Online Kiosk", "1.60"),
    ("SharePoint Online (Plan 1)", "3.90"),
    ("Lync Online (Plan 2)", "4.50"),
    ("Office 365 Enterprise E1", "6.80"),
    ("Office 365 Enterprise E3", "19.20"),
    ("Office 365 (Abonnement P1)", "5.25"),
    ("Office Professional Plus", "9.80"),
    ("Visio Pro for Office 365", "11.30"),
    ("Project Online with Project Pro for Office 365", "46.00"),
    ("Exchange Online Archiving", "2.40"),
    ("Office 365 Small Business Premium", "10.00"),
    ("Office 365 Midsize Business", "12.50"),
)
ONLINE_PRODUCTS = (
    ("Office 365 Enterprise E3", "20.00"),
    ("Office 365 E1", "7.80"),
    ("Microsoft 365 Business Basic", "5.60"),
    ("Microsoft 365 Business Standard", "11.70"),
    ("Microsoft 365 Business Premium", "20.60"),
    ("Microsoft 365 E3", "33.75"),
    ("Microsoft 365 E5", "54.75"),
    ("Microsoft 365 Apps for business", "9.80"),
    ("Exchange Online (Plan 1)", "3.70"),
    ("Exchange Online (Plan 2)", "7.50"),
    ("Exchange Online Kiosk", "0.99"),
    ("Microsoft Teams Essentials", "3.70"),
    ("Power BI Pro", "9.40"),
    ("Visio Plan 2", "14.00"),
    ("Project Plan 3", "28.10"),
    ("Microsoft 365 Copilot", "28.10"),
    ("Microsoft Defender for Office 365 (Plan 1)", "2.00"),
    ("Microsoft Intune Plan 1", "7.50"),
    ("Microsoft Entra ID P1", "5.60"),
    ("Microsoft 365 Business Premium and Microsoft 365 Copilot Business Bundle", "48.70"),
    ("Dynamics 365 Business Central Essentials (Annual Commitment, Monthly Billing)", "65.80"),
    ("Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)", "35.20"),
)


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def random_numbers(rng: random.Random, language: Language, country: str, font: str) -> NumberStyle:
    negative: Literal["minus", "parens"] = "parens" if rng.random() < 0.4 else "minus"
    percent_space = rng.random() < 0.5
    if country == "NO":
        return NumberStyle(",", rng.choice((" ", "\u00a0")), negative, True, True, percent_space)
    if language == "en":
        return NumberStyle(".", ",", negative, False, rng.random() < 0.5, percent_space)
    if language == "fr":
        groups = [" ", "\u00a0", "."] + (["\u202f"] if font == "Vera" else [])
        return NumberStyle(",", rng.choice(groups), negative, True, True, percent_space)
    after = rng.random() < (0.7 if language == "de" else 0.15)
    return NumberStyle(",", ".", negative, after, True, percent_space)


def random_dates(rng: random.Random, country: str) -> DateStyle:
    written = rng.random() < 0.12
    dash = rng.choice((" - ", " - ", " – "))
    if country == "US":
        return DateStyle("mdy", "/", written, dash)
    if country == "CA":
        return DateStyle("ymd", "-", written, dash)
    if country == "NO":
        return DateStyle("dmy", ".", written, dash)
    if country == "NL" and rng.random() < 0.5:
        return DateStyle("dmy", "-", written, dash)
    return DateStyle("dmy", "/", written, dash)


def random_style(rng: random.Random, family: Family, language: Language, country: str) -> Style:
    font, bold, _ = rng.choices(FONTS, [w for *_, w in FONTS])[0]
    sizes = (7.5, 8.0, 8.5, 9.0) if font == "Courier" else (7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 11.0)
    american = country in ("US", "CA")
    page = "Letter" if (rng.random() < 0.8) == american else "A4"
    field_order = list(range(8))
    rng.shuffle(field_order)
    header_order = [0, 1, 2]
    rng.shuffle(header_order)
    columns = rng.random() < 0.5
    if family == "portal-2012":
        scale: tuple[float, ...] = (
            tuple(rng.uniform(0.1, 0.35) for _ in range(4))
            if columns
            else (rng.uniform(0.28, 0.4), rng.uniform(0.56, 0.68))
        )
    else:
        scale = tuple(rng.uniform(0.6, 2.0) for _ in range(11)) if rng.random() < 0.6 else ()
    return Style(
        font=font,
        bold=bold,
        size=rng.choice(sizes),
        page="Letter" if page == "Letter" else "A4",
        margin=rng.uniform(28, 60),
        numbers=random_numbers(rng, language, country, font),
        dates=random_dates(rng, country),
        fields=rng.choice(("beside", "below", "tabbed")),
        field_order=tuple(field_order) if rng.random() < 0.5 else (),
        header_order=(header_order[0], header_order[1], header_order[2]),
        grid_columns=rng.randint(2, 4),
        label_width=rng.uniform(70, 170),
        lines="columns" if columns else "two-row",
        column_scale=scale,
        summary=rng.choice(("beside", "below")),
        summary_heading=rng.random() < 0.7,
        repeat_bar=rng.random() < 0.5,
        bar_width=rng.uniform(0.3, 1.0),
        wrap_period=rng.random() < 0.2,
        headers_right=rng.random() < 0.8,
        colon=rng.random() < 0.85,
        long_labels=rng.random() < 0.3,
        alt_tax_label=rng.random() < 0.4,
        row_gap=rng.uniform(0.95, 1.25),
        repeat_heading=rng.random() < 0.5,
    )


def random_day(rng: random.Random, first: int, last: int) -> date:
    return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def tax_rate(rng: random.Random, country: str, buyer: Party) -> Decimal:
    if buyer.vat_number and country != "IE":
        return Decimal("0")
    if country == "US":
        return Decimal(rng.choice(US_RATES))
    if country == "CA":
        return Decimal(rng.choice(("13", "14.975")))
    if country == "NO":
        return Decimal("25")
    return Decimal(EU_RATES[country])


def supplier_for(rng: random.Random, family: Family, language: Language, country: str) -> Party:
    if country in ("US", "CA"):
        return microsoft_corporation(canada=country == "CA")
    spaced, prefixed = rng.random() < 0.5, rng.random() < 0.5
    return microsoft_ireland(family, language, spaced, prefixed)


def portal_subscriptions(
    rng: random.Random, language: Language, count: int, annual: bool
) -> tuple[Subscription, ...]:
    subs = []
    for _ in range(count):
        product, monthly = rng.choice(PORTAL_PRODUCTS)
        basis: Basis = "year" if annual or rng.random() < 0.15 else "month"
        price = Decimal(monthly) * (12 if basis == "year" else 1)
        line = portal_line(rng.randint(1, 150), price, basis)
        subs.append(Subscription(product, (line,), guid(rng), PORTAL[language].recurring))
    return tuple(subs)


def portal_random(rng: random.Random, head: Header, rate: Decimal, long: bool) -> Invoice:
    count = rng.randint(30, 60) if long else rng.choice((1, 1, 2, 2, 3, 4, 5))
    subs = portal_subscriptions(rng, head.language, count, head.annual)
    return portal_invoice(head, subs, rate, per_unit_tax=rng.random() < 0.8)


def online_rows(
    rng: random.Random, price: Decimal, basis: Basis, start: date, rate: Decimal
) -> tuple[Line, ...]:
    """One subscription's rows: full term, with now and then a change, addition or discount."""
    quantity = rng.randint(1, 120)
    draw = rng.random()
    if draw < 0.12 and basis == "month":
        cycle = add_months(start, -1)
        change = cycle + timedelta(days=rng.randint(2, 25))
        new = max(1, quantity + rng.choice((-5, -2, 2, 3, 10)))
        whole = rng.random() < 0.5
        rows = credit_rebill(
            quantity, new, price, basis, cycle, change, rate, credit_whole_term=whole
        )
        return (*rows, full_line(new, price, basis, start, rate)) if whole else rows
    if draw < 0.22:
        end = period_end(start, basis)
        added = start + timedelta(days=rng.randint(3, 20))
        return (
            full_line(quantity, price, basis, start, rate),
            prorated_line(rng.randint(1, 10), price, basis, added, end, rate),
        )
    if draw < 0.3:
        return (full_line(quantity, price, basis, start, rate, Decimal(rng.choice((5, 10, 15)))),)
    return (full_line(quantity, price, basis, start, rate),)


def online_random(rng: random.Random, head: Header, rate: Decimal, long: bool) -> Invoice:
    count = rng.randint(12, 24) if long else rng.choice((1, 1, 2, 2, 3, 4, 5))
    start = head.period_start
    subs = []
    for _ in range(count):
        product, monthly = rng.choice(ONLINE_PRODUCTS)
        basis: Basis = "year" if rng.random() < 0.25 else "month"
        price = Decimal(monthly) * (12 if basis == "year" else 1)
        subs.append(Subscription(product, online_rows(rng, price, basis, start, rate)))
    split: tuple[tuple[str, Decimal], ...] = ()
    if head.country == "CA" and rate == Decimal("14.975"):
        split = (("GST/HST:", Decimal("5")), ("QST:", Decimal("9.975")))
    elif head.country == "CA":
        split = (("GST/HST:", rate),)
    elif head.country == "NO" and rng.random() < 0.5:
        split = (("MVA:", rate),)
    return online_invoice(head, tuple(subs), split)


def tampered(rng: random.Random, invoice: Invoice) -> Invoice:
    """One deliberate mistake of a kind the checks must catch."""
    if invoice.family == "portal-2012":
        kind = rng.choice(("subtotal", "tax", "total"))
        quantity = sum(line.quantity for line in invoice.lines)
        if kind == "subtotal":
            subtotal = invoice.subtotal + Decimal(rng.choice(("10.00", "0.01", "100.00")))
            assert invoice.tax_rate is not None
            tax = r2(subtotal * invoice.tax_rate / 100)
            return replace(invoice, subtotal=subtotal, tax=tax, total=subtotal + tax)
        if kind == "tax":
            tax = invoice.tax + r2(Decimal("0.02") * quantity + 1)
            return replace(invoice, tax=tax, total=invoice.subtotal + tax)
        return replace(invoice, total=invoice.total + Decimal("0.10"))
    kind = rng.choice(("cent", "days", "due", "tax"))
    if kind == "due":
        due = invoice.head.invoice_date - timedelta(days=rng.randint(1, 9))
        return replace(invoice, head=replace(invoice.head, due_date=due))
    sub_index = rng.randrange(len(invoice.subscriptions))
    sub = invoice.subscriptions[sub_index]
    line = sub.lines[-1]
    if kind == "days":
        assert line.days is not None
        wrong = replace(line, days=line.days - 1)
    elif kind == "cent":
        charges = line.charges + Decimal("0.01")
        wrong = taxed(
            replace(line, charges=charges, amount=charges - line.discounts - line.credits),
            line.tax_rate,
            per_unit=False,
        )
    else:
        assert line.tax is not None
        tax = line.tax + r2(Decimal("0.02") * line.quantity + Decimal("0.5"))
        wrong = replace(line, tax=tax, total=line.amount + tax)
    subs = list(invoice.subscriptions)
    subs[sub_index] = replace(sub, lines=(*sub.lines[:-1], wrong))
    rebuilt = online_invoice(invoice.head, tuple(subs))
    if not invoice.tax_parts:
        return rebuilt
    kept = invoice.tax_parts[:-1]
    last = rebuilt.tax - sum((value for _, value in kept), ZERO)
    return replace(rebuilt, tax_parts=(*kept, (invoice.tax_parts[-1][0], last)))


def random_head(rng: random.Random, family: Family, index: int) -> Header:
    countries = PORTAL_COUNTRIES if family == "portal-2012" else ONLINE_COUNTRIES
    country = weighted(rng, countries)
    language = rng.choice(LANGUAGES[country])
    buyer = random_customer(rng, country, country in EU_RATES and rng.random() < 0.6)
    style = random_style(rng, family, language, country)
    payment: Payment = rng.choice(
        ("card", "bank", "check") if country == "US" else ("card", "bank")
    )
    if family == "portal-2012":
        annual = rng.random() < 0.2
        start = random_day(rng, 2011, 2016)
        end = period_end(start, "year" if annual else "month")
        issued = end + timedelta(days=rng.randint(1, 5))
        due = issued + timedelta(days=30)
        number, order = portal_number(rng), str(rng.randrange(7_340_000_000, 7_349_999_999))
    else:
        annual = False
        start = random_day(rng, 2016, 2026)
        end = start if start.year >= 2024 or rng.random() < 0.5 else period_end(start, "month")
        issued = end + timedelta(days=1)
        due = issued if payment == "card" and rng.random() < 0.7 else issued + timedelta(days=30)
        number, order = online_number(rng), guid(rng)
    if family == "portal-2012" and rng.random() < 0.5:
        order = guid(rng)
    purchase_order = f"PO-{rng.randint(1000, 99999)}" if rng.random() < 0.6 else None
    previous = Decimal(rng.randint(1, 90000)) / 100 if rng.random() < 0.3 else ZERO
    return Header(
        name=f"c{index:04d}-{'a' if family == 'portal-2012' else 'b'}-{language}-{country.lower()}",
        summary="random corpus invoice",
        language=language,
        country=country,
        currency=CURRENCIES.get(country, "EUR"),
        supplier=supplier_for(rng, family, language, country),
        customer=buyer,
        number=number,
        invoice_date=issued,
        due_date=due,
        period_start=start,
        period_end=end,
        order_number=order,
        purchase_order=purchase_order,
        style=style,
        payment=payment,
        annual=annual,
        previous_balance=previous,
    )


def random_invoice(seed: int, index: int) -> Invoice:
    """Invoice `index` of the corpus of `seed`: ~20 % family C (`is_agreement`, a draw of its
    own), the others what `portal_or_online_invoice` draws for the same index."""
    if is_agreement(seed, index):
        agreement = random_agreement(seed, index)
        return spaceless(agreement) if written_word_by_word(seed, index, agreement) else agreement
    return portal_or_online_invoice(seed, index)


def portal_or_online_invoice(seed: int, index: int) -> Invoice:
    """The family A or B invoice of `index`: ~40 % family A, ~10 % of 3+ pages, ~6 % with one
    deliberate mistake. The same as before family C joined the corpus."""
    rng = random.Random(f"corpus-{seed}-{index}")
    family: Family = "portal-2012" if rng.random() < 0.4 else "online-services"
    head = random_head(rng, family, index)
    rate = tax_rate(rng, head.country, head.customer)
    long = rng.random() < 0.1
    if family == "portal-2012":
        invoice = portal_random(rng, head, rate, long)
    else:
        invoice = online_random(rng, head, rate, long)
    invoice = tampered(rng, invoice) if rng.random() < 0.06 else invoice
    return spaceless(invoice) if written_word_by_word(seed, index, invoice) else invoice


def written_word_by_word(seed: int, index: int, invoice: Invoice) -> bool:
    """A third of the Vera invoices place each word on its own, with no space characters.
    Only an embedded font: pdfminer measures the standard fonts' € as 0 wide, which would
    shift a word placed after it. Drawn from a generator of its own, so every other choice
    of invoice `index` stays what it was."""
    draw = random.Random(f"spaceless-{seed}-{index}").random()
    return invoice.style.font == "Vera" and draw < 1 / 3


def spaceless(invoice: Invoice) -> Invoice:
    style = replace(invoice.style, spaceless=True)
    return replace(invoice, head=replace(invoice.head, style=style))


# ---------------------------------------------------------------- family C (customer-agreement)

#: How often invoice `index` of a corpus is a Customer Agreement document. Drawn from a
#: generator of its own, so the A and B invoices of every other index stay what they were.
AGREEMENT_SHARE = 0.2
AGREEMENT_COUNTRIES = (("BE", 3), ("NL", 3), ("DE", 2), ("FR", 2), ("IE", 1), ("US", 2))
AGREEMENT_FAMILIES = (
    ("Microsoft 365", ONLINE_PRODUCTS[:16]),
    ("Power Platform", (("Power BI Pro", "9.40"), ("Power Automate Premium", "14.00"))),
    ("Dynamics 365", (("Dynamics 365 Business Central Essentials", "65.80"),)),
    ("Windows", (("Windows 365 Business 2 vCPU, 8 GB, 128 GB", "35.20"),)),
)
AZURE_METERS = (
    ("Virtual Machines Dv3 Series - D2 v3 - EU West", "0.0912"),
    ("Virtual Machines Bs Series - B2ms - EU North", "0.0832"),
    ("Managed Disks - Standard SSD - E10 LRS", "9.6"),
    ("Bandwidth - Data Transfer Out - Zone 1", "0.0785"),
    ("Azure App Service - Basic Plan - B1", "0.0164"),
    ("Storage - Hot LRS - Data Stored", "0.0196"),
)
LOCAL_VATS = frozenset(party.vat_number for party in LOCAL_ENTITIES.values())
SECTION_NAMES = ("Finance", "Operations", "Sales", "Engineering", "Head office", "Branch")
PUBLISHERS = (
    ("Microsoft Corporation", "One Microsoft Way", "Redmond, WA 98052-6399", "United States"),
    ("Fabrikam Software Ltd", "12 Harcourt Street", "Dublin 2, D02 X285", "Ireland"),
    ("Contoso Apps GmbH", "Schanzenstraße 7", "20357 Hamburg", "Germany"),
)


def is_agreement(seed: int, index: int) -> bool:
    return random.Random(f"agreement-{seed}-{index}").random() < AGREEMENT_SHARE


def agreement_seller(rng: random.Random, country: str, buyer: Party) -> tuple[Party, Decimal]:
    """The seller and the rate: Microsoft Corporation with sales tax in the US; in BE and NL
    now and then the local entity with domestic VAT; else Microsoft Ireland, reverse charge
    for an EU business outside Ireland, the country's VAT otherwise."""
    if country == "US":
        return microsoft_corporation(), Decimal(rng.choice(US_RATES))
    if country in LOCAL_ENTITIES and rng.random() < 0.35:
        return LOCAL_ENTITIES[country], Decimal(EU_RATES[country])
    ireland = microsoft_ireland_agreement(rng.random() < 0.5)
    if buyer.vat_number and country != "IE":
        return ireland, Decimal("0")
    return ireland, Decimal(EU_RATES[country])


def agreement_dates(rng: random.Random, country: str, language: Language) -> DateStyle:
    """US month-first with slashes or dashes; elsewhere day-first, with dashes in NL now and
    then, and now and then month-first as Microsoft Ireland prints it."""
    dash = rng.choice((" - ", " - ", " – "))
    if country == "US":
        return DateStyle("mdy", rng.choice(("/", "-")), False, dash)
    if language == "en" and rng.random() < 0.2:
        return DateStyle("mdy", "/", False, dash)
    if language == "de" and rng.random() < 0.5:
        return DateStyle("dmy", ".", False, dash)
    separator = "-" if country == "NL" and rng.random() < 0.5 else "/"
    return DateStyle("dmy", separator, False, dash)


def agreement_style(rng: random.Random, language: Language, country: str) -> Style:
    style = random_style(rng, "customer-agreement", language, country)
    return replace(
        style,
        dates=agreement_dates(rng, country, language),
        column_scale=(rng.uniform(0.4, 3.0), rng.uniform(0.6, 2.0)),
        section_summary=rng.random() < 0.6,
        values_row="last" if rng.random() < 0.3 else "first",
        seller_footer=rng.random() < 0.75,
    )


def seat_rows(
    rng: random.Random, price: Decimal, basis: Basis, start: date, end: date, rate: Decimal,
    credit_note: bool,
) -> tuple[Line, ...]:  # fmt: skip
    """One product's rows: the whole term, seats added part-way (prorated), or a return."""
    quantity = rng.randint(1, 60)
    if credit_note:
        begin = start + timedelta(days=rng.randint(0, 20))
        return (agreement_row(quantity, price, basis, begin, end, rate, negative=True),)
    draw = rng.random()
    full = agreement_row(quantity, price, basis, start, end, rate)
    if draw < 0.25 and basis == "month":
        added = start + timedelta(days=rng.randint(3, 20))
        return (full, agreement_row(rng.randint(1, 9), price, basis, added, end, rate))
    if draw < 0.35 and basis == "month":
        gone = start + timedelta(days=rng.randint(3, 20))
        back = agreement_row(rng.randint(1, quantity), price, basis, gone, end, rate, negative=True)
        return (full, back)
    return (full,)


def agreement_blocks(
    rng: random.Random, start: date, rate: Decimal, credit_note: bool, long: bool
) -> tuple[Block, ...]:
    blocks = []
    for _ in range(rng.choice((1, 1, 2))):
        family, products = rng.choice(AGREEMENT_FAMILIES)
        subs = []
        for _ in range(rng.randint(8, 16) if long else rng.randint(1, 4)):
            product, monthly = rng.choice(products)
            basis: Basis = "year" if rng.random() < 0.25 else "month"
            price = Decimal(monthly) * (12 if basis == "year" else 1)
            end = period_end(start, basis)
            subs.append(
                Subscription(product, seat_rows(rng, price, basis, start, end, rate, credit_note))
            )
        blocks.append(Block(subs[0].product, family, tuple(subs)))
    return tuple(blocks)


def azure_block(rng: random.Random, start: date, end: date, rate: Decimal) -> Block:
    """Usage rows with Azure credit applied to some."""
    subs = []
    for meter, price in rng.sample(AZURE_METERS, rng.randint(1, 4)):
        quantity = rng.randint(1, 2000)
        charges = r2(quantity * Decimal(price))
        azure = r2(charges * Decimal(rng.choice((0, 0, 25, 50, 100))) / 100)
        subs.append(
            Subscription(
                meter, (agreement_usage(quantity, Decimal(price), start, end, rate, azure),)
            )
        )
    return Block("Azure plan", "Azure", tuple(subs))


def agreement_head(rng: random.Random, index: int) -> tuple[Header, Decimal, bool]:
    """A random family-C header, its tax rate and whether it bills a whole previous month."""
    country = weighted(rng, AGREEMENT_COUNTRIES)
    language: Language = "en" if rng.random() < 0.3 else rng.choice(LANGUAGES[country])
    buyer = random_customer(rng, country, country in EU_RATES and rng.random() < 0.7)
    supplier, rate = agreement_seller(rng, country, buyer)
    style = agreement_style(rng, language, country)
    monthly = rng.random() < 0.5
    if monthly:
        month = date(rng.randint(2019, 2026), rng.randint(1, 12), 1)
        start, end = month, period_end(month, "month")
        issued = end + timedelta(days=rng.randint(1, 9))
    else:
        # a month-first EUR document keeps a day above 12, which its convention would misread
        first = 13 if style.dates.order == "mdy" and country != "US" else 1
        start = date(rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(first, 28))
        end, issued = start, start + timedelta(days=1)
    head = Header(
        name=f"c{index:04d}-c-{language}-{country.lower()}",
        summary="random corpus invoice",
        language=language,
        country=country,
        currency="USD" if country == "US" else "EUR",
        supplier=supplier,
        customer=buyer,
        number=agreement_number(rng),
        invoice_date=issued,
        due_date=issued + timedelta(days=30),
        period_start=start,
        period_end=end,
        order_number="",
        purchase_order=f"PO-{rng.randint(1000, 99999)}" if rng.random() < 0.5 else None,
        style=style,
        payment=rng.choice(("card", "bank")),
    )
    return head, rate, monthly


def random_agreement(seed: int, index: int) -> Invoice:
    """A Customer Agreement invoice or credit note: one to three invoice sections, ~10 % long,
    ~20 % credit notes, ~20 % with Azure usage and credit, ~5 % with one deliberate mistake."""
    rng = random.Random(f"agreement-corpus-{seed}-{index}")
    head, rate, monthly = agreement_head(rng, index)
    credit_note = rng.random() < 0.2
    long = rng.random() < 0.1
    azure = not credit_note and rng.random() < 0.2
    sections = []
    for number in range(rng.choice((1, 1, 1, 2, 2, 3))):
        blocks = agreement_blocks(rng, head.period_start, rate, credit_note, long)
        if azure and number == 0 and monthly:
            blocks = (azure_block(rng, head.period_start, head.period_end, rate), *blocks)
        sections.append(Section(f"{head.customer.name.split()[0]} {SECTION_NAMES[number]}", blocks))
    due_printed = rng.random() < 0.3
    agreement = Agreement(
        sections=tuple(sections),
        billing_profile=f"{head.customer.name} billing",
        bill_to=head.customer,
        payment_terms=None if credit_note else AGREEMENT_LABELS[head.language].net_30,
        due_printed=due_printed,
        document_type="credit_note" if credit_note else "invoice",
        original_invoice=agreement_number(rng) if credit_note and rng.random() < 0.8 else None,
        azure_column=azure and monthly,
        publishers=tuple(PUBLISHERS[: rng.randint(1, 3)]),
        savings=r2(Decimal(rng.randint(100, 90000)) / 100)
        if azure and rng.random() < 0.5
        else None,
        english_terms=head.language != "en" and rng.random() < 0.2,
    )
    single = len(sections) == 1 and rate > 0 and head.supplier.vat_number in LOCAL_VATS
    invoice = agreement_invoice(head, agreement, tax_at_subtotal=single and rng.random() < 0.5)
    if rng.random() < 0.05:
        return agreement_tampered(rng, invoice)
    return invoice


def agreement_tampered(rng: random.Random, invoice: Invoice) -> Invoice:
    """One deliberate mistake: a row a cent off (LINE_AMOUNT_MISMATCH, and the sums follow),
    or a total 0.10 off (TOTAL_MISMATCH)."""
    agreement = invoice.agreement
    assert agreement is not None
    if rng.random() < 0.5:
        return replace(invoice, total=invoice.total + Decimal("0.10"))
    section = agreement.sections[0]
    block = section.blocks[0]
    sub = block.subscriptions[0]
    line = sub.lines[0]
    charges = line.charges + Decimal("0.01")
    wrong = taxed(
        replace(line, charges=charges, amount=charges - line.credits), line.tax_rate, per_unit=False
    )
    sub = replace(sub, lines=(wrong, *sub.lines[1:]))
    block = replace(block, subscriptions=(sub, *block.subscriptions[1:]))
    section = replace(section, blocks=(block, *section.blocks[1:]))
    changed = replace(agreement, sections=(section, *agreement.sections[1:]))
    return agreement_invoice(invoice.head, changed)
