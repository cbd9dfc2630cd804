"""A charge line segmented by the shapes of its values (pipeline/layouts/segments.py), the
product-name guard, and who sells an invoice (issue 17)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.checks import product_name_findings, run_checks
from pipeline.layouts import detect, online_services, portal_2012, product_misread
from pipeline.layouts.geometry import document_rows, rows_of
from pipeline.layouts.portal_2012.reader import PHRASES
from pipeline.layouts.raw import RawLine
from pipeline.layouts.segments import Segments, adds_up, cut_phrase, misread, segment
from pipeline.layouts.tables import alignments
from pipeline.layouts.values import read_date, read_text, value_of
from pipeline.layouts.vocabulary import MICROSOFT_ENTITY
from pipeline.model import Invoice, Line, Party, Source, Word
from pipeline.pdfwords import read_document
from pipeline.reading import read_invoice

ROOT = Path(__file__).resolve().parents[1]
SIZE, CHAR = 9.0, 4.6


def cell(x: float, top: float, *texts: str) -> list[Word]:
    """One cell: its texts on successive rows from (x, top), split into words."""
    out = []
    for row, text in enumerate(texts):
        left = x
        for part in text.split():
            out.append(
                Word(part, left, left + CHAR * len(part), top + 12 * row, top + 12 * row + SIZE, 1)
            )
            left += CHAR * len(part) + 2.5
    return out


def test_count_under_the_guid_price_under_the_product_amount_on_the_last_row() -> None:
    found = segment(
        [
            cell(40, 100, "5 gebruikerslicenties"),
            cell(200, 100, "Exchange Online (Plan 1)", "€ 6,20 per gebruikerslicentie, per maand"),
            cell(420, 100, "Terugkerende kosten"),
            cell(520, 112, "€ 31,00"),
        ],
        PHRASES,
    )
    assert found == Segments(
        product="Exchange Online (Plan 1)",
        charge_type="Terugkerende kosten",
        quantity="5",
        unit_price="€ 6,20",
        price_basis="month",
        amount="31,00",
        pieces=1,
    )


def test_a_prorated_period_and_its_days_under_the_product_in_the_same_cell() -> None:
    found = segment(
        [
            cell(
                200,
                100,
                "Office 365 Enterprise E3",
                "Serviceperiode: 03/05/2014 tot en met 11/01/2015  Dagen: 254",
                "€ 230,40 per gebruikerslicentie, per jaar",
            ),
            cell(40, 112, "3 gebruikerslicenties"),
            cell(520, 100, "€ 481,00"),
        ],
        PHRASES,
    )
    assert (found.product, found.period_start, found.period_end, found.days) == (
        "Office 365 Enterprise E3",
        "03/05/2014",
        "11/01/2015",
        "254",
    )
    assert (found.quantity, found.unit_price, found.price_basis, found.amount) == (
        "3",
        "€ 230,40",
        "year",
        "481,00",
    )


def _beside(words: list[Word], top: float, *texts: str) -> list[Word]:
    """A cell of its own just right of the last word of `words`."""
    return cell(max(w.x1 for w in words) + 10, top, *texts)


def _day_count_apart(period: str, how: str) -> list[list[Word]]:
    """A prorated line whose day count (254) is printed apart from its label, in another cell:
    wrapped to the row below, before the label, at the end of the row above, or with the colon
    wrapped with the number."""
    label = {"Serviceperiode": "Dagen:", "Dienstzeitraum": "Tage:", "Service": "Days:"}.get(
        period.split()[0].rstrip(":"), "Jours :"
    )
    name = "Office 365 Enterprise E3"
    if how == "below":
        product = cell(200, 100, name, period, "254")
        day_cells = [_beside(cell(200, 112, period), 112, label)]
    elif how == "before":
        product = cell(200, 100, name, f"{period} 254")
        day_cells = [_beside(product, 112, label)]
    elif how == "above":
        product = cell(200, 100, name, f"{period} 254")
        day_cells = [cell(200, 124, label)]
    else:
        product = cell(200, 100, name, period)
        day_cells = [_beside(product, 112, label.rstrip(" :")), cell(200, 124, ": 254")]
    return [
        product,
        *day_cells,
        cell(40, 100, "3 licences"),
        cell(40, 112, "€ 230,40 per year"),
        cell(560, 100, "€ 481,00"),
    ]


@pytest.mark.parametrize("how", ["below", "before", "above", "colon"])
@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("Serviceperiode: 03/05/2014 tot en met 11/01/2015", "03/05/2014", "11/01/2015"),
        ("Dienstzeitraum: 03.05.2014 bis 11.01.2015", "03.05.2014", "11.01.2015"),
        ("Service Period: 05/03/2014 to 01/11/2015", "05/03/2014", "01/11/2015"),
        ("Période de service : 03/05/2014 au 11/01/2015", "03/05/2014", "11/01/2015"),
    ],
)
def test_a_day_count_printed_apart_from_its_label_is_the_day_count_not_the_product(
    period: str, start: str, end: str, how: str
) -> None:
    found = segment(_day_count_apart(period, how), PHRASES)
    assert found == Segments(
        product="Office 365 Enterprise E3",
        quantity="3",
        unit_price="€ 230,40",
        price_basis="year",
        period_start=start,
        period_end=end,
        days="254",
        amount="481,00",
        pieces=1,
    )


def test_without_a_period_no_number_below_a_bare_day_label_is_taken_as_its_count() -> None:
    found = segment(
        [cell(200, 100, "Office 365 Enterprise E3", "5"), cell(330, 100, "Dagen:")], PHRASES
    )
    assert found.days is None
    assert misread(found.product, PHRASES) == "the label 'Dagen'"


@pytest.mark.parametrize(
    ("price", "unit_price"),
    [
        ("€ 7,50 per gebruikerslicentie", "€ 7,50"),
        ("7,50 € par licence utilisateur", "7,50 €"),
        ("€7.50 per user license", "€7.50"),
        ("7,50 € pro Benutzerlizenz", "7,50 €"),
    ],
)
def test_a_price_without_per_month_or_year_is_a_one_time_charge(
    price: str, unit_price: str
) -> None:
    found = segment([cell(200, 100, "Exchange Online Kiosk"), cell(300, 100, price)], PHRASES)
    assert (found.product, found.unit_price, found.price_basis) == (
        "Exchange Online Kiosk",
        unit_price,
        "once",
    )


@pytest.mark.parametrize("glyph", ["·", "•", "|", "–"])
def test_a_separator_between_product_and_charge_type_is_no_part_of_the_product(glyph: str) -> None:
    found = segment(
        [
            cell(200, 100, f"Office Professional Plus {glyph} Eenmalige kosten"),
            cell(520, 100, "€ 9,80"),
        ],
        PHRASES,
    )
    assert (found.product, found.charge_type, found.amount) == (
        "Office Professional Plus",
        "Eenmalige kosten",
        "9,80",
    )


def test_the_line_amount_is_the_rightmost_amount_left_and_in_parentheses_keeps_its_sign() -> None:
    found = segment(
        [cell(200, 100, "Visio Pro for Office 365"), cell(500, 100, "(€ 11,30)")], PHRASES
    )
    assert (found.product, found.amount) == ("Visio Pro for Office 365", "(11,30)")


def test_a_charge_type_on_or_under_a_bar_is_cut_from_the_product() -> None:
    charge_type = online_services.reader._CHARGE_TYPE
    assert cut_phrase("Microsoft 365 E3 – Monthly subscription charges", charge_type) == (
        "Microsoft 365 E3",
        "Monthly subscription charges",
    )
    assert cut_phrase("Microsoft 365 E3", charge_type) == ("Microsoft 365 E3", None)


# --- the product-name guard: one kind of intruder each -------------------------------------------


@pytest.mark.parametrize(
    ("product", "what"),
    [
        ("Exchange Online (Plan 1) € 6,20", "an amount '€ 6,20'"),
        (
            "Exchange Online € 6,20 per gebruikerslicentie, per maand",
            "a price phrase '€ 6,20 per gebruikerslicentie, per maand'",
        ),
        ("Exchange Online 5 gebruikerslicenties", "a licence count '5 gebruikerslicenties'"),
        ("Exchange Online user license, per", "a licence phrase 'user license'"),
        (
            "Office 365 E3 Serviceperiode: 03/05/2014 tot en met 11/01/2015",
            "a service period 'Serviceperiode: 03/05/2014 tot en met 11/01/2015'",
        ),
        ("Office 365 E3 11/01/2015", "a date '11/01/2015'"),
        ("Office 365 E3 Tage: 254", "a day count 'Tage: 254'"),
        ("Office 365 E3 Dagen:", "the label 'Dagen'"),
        ("Office 365 E3 Frais récurrents", "a charge type 'Frais récurrents'"),
        ("Office 365 E3 ·", "a lone separator or punctuation glyph '·'"),
        ("Office 365 E3 (cid:127)", "a lone separator or punctuation glyph '(cid:127)'"),
    ],
)
def test_a_product_name_holding_another_field_is_named(product: str, what: str) -> None:
    assert product_misread("portal-2012", product) == what


@pytest.mark.parametrize(
    "product",
    [
        "Exchange Online (Plan 1)",
        "Office 365 (Abonnement P1)",
        "Project Online with Project Pro for Office 365",
        "Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)",
        "Dynamics 365 Business Central Essentials (Annual Commitment, Monthly Billing)",
        "Microsoft 365 E3 - Unattended License",
    ],
)
def test_real_product_names_are_clean(product: str) -> None:
    family = "portal-2012" if "License" not in product else "online-services"
    assert product_misread(family, product) is None  # type: ignore[arg-type]
    assert misread(product) is None


def test_a_bar_holding_its_charge_type_or_a_column_title_is_named() -> None:
    assert product_misread("online-services", "Microsoft 365 E3 Monthly subscription charges") == (
        "the label 'Monthly subscription charges'"
    )
    assert product_misread("online-services", "Power BI Pro Service Period") == (
        "the label 'Service Period'"
    )


def test_a_misread_product_name_stops_the_invoice_with_a_line_finding() -> None:
    line = Line(
        product="Exchange Online (Plan 1) € 6,20 per gebruikerslicentie, per maand",
        quantity=Decimal(5),
        unit_price=Decimal("6.20"),
        price_basis="month",
        charges=Decimal("31.00"),
        amount=Decimal("31.00"),
    )
    invoice = Invoice(
        source=Source("x.pdf", "0" * 64, 1),
        family="portal-2012",
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        invoice_number="C10001358H",
        invoice_date=date(2012, 1, 13),
        due_date=date(2012, 2, 12),
        period_start=date(2011, 12, 12),
        period_end=date(2012, 1, 11),
        currency="EUR",
        lines=(line,),
        subtotal=Decimal("31.00"),
        tax=Decimal("0.00"),
        total=Decimal("31.00"),
    )
    (finding,) = product_name_findings(invoice)
    assert (finding.code, finding.severity, finding.line) == ("MISSING_FIELD", "error", 1)
    assert "a price phrase '€ 6,20 per gebruikerslicentie, per maand'" in finding.message
    assert run_checks(invoice).status == "error"


# --- who sells the invoice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Microsoft Ireland Operations Ltd · Atrium Building", "Microsoft Ireland Operations Ltd"),
        ("MICROSOFT IRELAND OPERATIONS LIMITED", "MICROSOFT IRELAND OPERATIONS LIMITED"),
        ("Microsoft Corporation, One Microsoft Way", "Microsoft Corporation"),
        ("Microsoft B.V. - Evert van de Beekstraat 354", "Microsoft B.V."),
        ("Microsoft 365 Business Standard", None),
        ("CloudWerk Partners BV, Microsoft Solutions Partner", None),
        ("Microsoft 365 en Exchange Online zijn handelsmerken van Microsoft", None),
    ],
)
def test_a_microsoft_entity_is_microsoft_and_a_legal_form(text: str, entity: str | None) -> None:
    found = MICROSOFT_ENTITY.search(text)
    assert (found.group(0) if found else None) == entity


def test_portal_words_and_microsoft_products_without_a_microsoft_seller_are_no_invoice() -> None:
    ws = cell(
        40,
        100,
        "CloudWerk Partners BV",
        "Factuurnummer: CW-2024-00317",
        "Factureringsperiode: 01/03/2024 tot en met 31/03/2024",
        "Huidige kosten",
        "Microsoft 365 Business Standard Terugkerende kosten",
        "Subtotaal € 140,40",
    )
    assert detect(rows_of(ws)) is None
    seller = cell(40, 20, "Microsoft Ireland Operations Ltd")
    found = detect(rows_of([*seller, *ws]))
    assert found is not None and found[0] is portal_2012.FAMILY


def test_the_reseller_sample_is_rejected_as_not_a_microsoft_invoice() -> None:
    invoice = read_invoice(ROOT / "samples" / "bad-reseller-microsoft-licences.pdf")
    assert [f.code for f in invoice.findings] == ["NOT_A_MICROSOFT_INVOICE"]


# --- a band of rows that holds one whole line ----------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "price", "amount", "days", "whole"),
    [
        ("5", "€ 6,20", "31,00", None, True),
        ("5", "€ 6,20", "31,01", None, False),
        ("12", "$3.20", "38.40", None, True),
        ("3", "20,60", "35,88", "18", True),
        ("5", "€ 6,20", None, None, False),
    ],
)
def test_a_line_adds_up_in_full_or_prorated_under_either_decimal_mark(
    quantity: str, price: str, amount: str | None, days: str | None, whole: bool
) -> None:
    line = RawLine("Exchange Online", quantity=quantity, unit_price=price, amount=amount, days=days)
    assert adds_up(line) is whole


def test_cells_of_a_band_cut_across_two_table_rows_do_not_share_an_alignment() -> None:
    whole = [
        cell(40, 100, "b307ac6c"),
        cell(200, 100, "Exchange Online", "(Plan 1)"),
        cell(520, 100, "€ 31,00"),
    ]
    assert alignments(whole) == (1.0, pytest.approx(1 / 3), pytest.approx(1 / 3))
    cut = [cell(200, 88, "Plus"), cell(40, 100, "b307ac6c"), cell(520, 100, "€ 31,00")]
    assert max(alignments(cut)) == pytest.approx(2 / 3)


# --- family C: the same guard and the same seller rule --------------------------------------------


@pytest.mark.parametrize(
    ("product", "what"),
    [
        ("Microsoft 365 E3 Unit price", "the label 'Unit price'"),
        ("Exchange Online (Plan 1) Steuersatz", "the label 'Steuersatz'"),
        ("Power BI Pro Service family", "the label 'Service family'"),
        ("Visio Plan 2 (continued)", "the label '(continued)'"),
        ("Office 365 E1 Effective discount rate", "the label 'Effective discount rate'"),
        ("Microsoft Teams Essentials 01/10/2024", "a date '01/10/2024'"),
        ("Microsoft 365 Business Basic 20,60", "an amount '20,60'"),
        ("Microsoft 365 Copilot |", "a lone separator or punctuation glyph '|'"),
    ],
)
def test_a_customer_agreement_product_name_holding_another_field_is_named(
    product: str, what: str
) -> None:
    assert product_misread("customer-agreement", product) == what


def _agreement_products() -> list[str]:
    names = set()
    for expected in (ROOT / "samples").rglob("c-*.json"):
        record = json.loads(expected.read_text(encoding="utf-8"))
        names |= {line["product"] for line in record.get("lines", ())}
    return sorted(names)


def test_every_customer_agreement_sample_product_name_is_clean() -> None:
    names = _agreement_products()
    assert "Windows 365 Business 2 vCPU, 8 GB, 128 GB (with Windows Hybrid Benefit)" in names
    assert "Virtual Machines Dv3 Series - D2 v3 - EU West" in names
    assert [(n, product_misread("customer-agreement", n)) for n in names] == [
        (n, None) for n in names
    ]


def test_a_customer_agreement_sold_by_a_reseller_is_no_microsoft_invoice() -> None:
    """A family-C sample whose Microsoft entity (footer, payment instructions) is renamed, its
    Microsoft product names kept: not Microsoft's invoice."""
    rows = document_rows(read_document(ROOT / "samples" / "c-en-be-rc-two-sections.pdf"))
    found = detect(rows)
    assert found is not None and found[0].name == "customer-agreement"
    resold = [
        replace(w, text="Contoso")
        if MICROSOFT_ENTITY.search(row.text) and w.text == "Microsoft"
        else w
        for row in rows
        for w in row.words
    ]
    assert any(w.text == "Microsoft" for w in resold)
    assert detect(rows_of(resold)) is None


def test_a_right_aligned_date_whose_month_starts_under_its_label_is_read_whole() -> None:
    """seed 2, reportlab-b-0129-nl-be: `13 augustus 2023` right-aligned under `Factuurdatum:`,
    its month starting where the label starts; the day left of the label completes it."""
    label = [Word("Factuurdatum:", 491.4, 562.4, 100, 109, 1)]
    value = [
        Word("13", 475.0, 487.0, 116, 125, 1),
        Word("augustus", 490.0, 535.0, 116, 125, 1),
        Word("2023", 538.0, 562.4, 116, 125, 1),
    ]
    rows = rows_of([*label, *value])
    lab = online_services.FAMILY.labeller(rows, "nl")
    assert value_of(lab, "invoice_date", read_date) == "13 augustus 2023"
    assert value_of(lab, "invoice_date", read_text) == "augustus 2023"
