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
from samples.labels import PORTAL
from samples.model import (
    ZERO,
    Basis,
    DateStyle,
    Family,
    Header,
    Invoice,
    Language,
    Line,
    NumberStyle,
    Party,
    Payment,
    Style,
    Subscription,
    r2,
)
from samples.parties import microsoft_corporation, microsoft_ireland, random_customer

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
    """Invoice `index` of the corpus of `seed`: ~40 % family A, ~10 % of 3+ pages, ~6 % with
    one deliberate mistake."""
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
