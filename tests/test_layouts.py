"""Word lists built in code → located fields, for the renderings other engines produce."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.layouts import FAMILIES, detect, online_services, portal_2012, tables
from pipeline.layouts.geometry import (
    Labeller,
    Row,
    merge_grouped,
    rows_of,
    split_glued_values,
    unglued,
)
from pipeline.layouts.parties import vat_number
from pipeline.layouts.values import (
    dash_split,
    range_of,
    read_amount,
    read_date,
    read_range,
    read_text,
    value_of,
)
from pipeline.model import Word

SIZE = 9.0
CHAR = 4.6


def words(*lines: tuple[float, float, str], page: int = 1) -> list[Word]:
    """Words from (x, top, text) runs: each run is split on spaces like a PDF engine would."""
    out: list[Word] = []
    for x, top, text in lines:
        for part in text.split(" "):
            width = CHAR * len(part)
            out.append(Word(part, x, x + width, top, top + SIZE, page))
            x += width + 2.5
    return out


A = portal_2012.FAMILY
B = online_services.FAMILY
#: The header fields laid out in grids by any family (a family's labels hold only its own).
GRID_KEYS = frozenset().union(*(family.vocabulary.grid_keys for family in FAMILIES))


def labelled(rows: Sequence[Row], table: dict[str, tuple[str, ...]]) -> Labeller:
    return Labeller(rows, table, GRID_KEYS)


def labeller(ws: Sequence[Word], table: dict[str, tuple[str, ...]]) -> Labeller:
    return labelled(rows_of(ws), table)


B_COLUMNS = online_services.vocabulary.COLUMN_ORDER
EN_B = B.labels("en")
NL_A = A.labels("nl")


def test_a_value_right_of_its_label_is_read():
    lab = labeller(words((40, 100, "Invoice Date: 02/25/2016")), EN_B)
    assert value_of(lab, "invoice_date", read_date) == "02/25/2016"


def test_a_value_below_its_label_is_read_when_nothing_stands_beside_it():
    lab = labeller(
        words(
            (40, 100, "Invoice Date"),
            (200, 100, "Due Date"),
            (40, 112, "02/25/2016"),
            (200, 112, "03/26/2016"),
        ),
        EN_B,
    )
    assert value_of(lab, "invoice_date", read_date) == "02/25/2016"
    assert value_of(lab, "due_date", read_date) == "03/26/2016"


def test_a_label_wrapped_over_two_lines_still_finds_its_value():
    table = B.labels("de")
    lab = labeller(
        words(
            (45, 239, "Bestellnummer des"),
            (152, 239, "BE-2026-031"),
            (45, 250, "Kunden:"),
            (45, 264, "Auftragsnummer: 68d7a0b3-f2bf-46ce-b019-00bb7a482dc3"),
        ),
        table,
    )
    assert value_of(lab, "purchase_order", read_text) == "BE-2026-031"
    assert value_of(lab, "order_number", read_text) == "68d7a0b3-f2bf-46ce-b019-00bb7a482dc3"


def test_a_french_label_with_a_detached_colon_reads_its_date():
    table = B.labels("fr")
    lab = labeller(words((40, 100, "Date d'échéance : 14/11/2025")), table)
    assert value_of(lab, "due_date", read_date) == "14/11/2025"


def test_a_date_range_wrapped_onto_the_next_line_is_joined():
    lab = labeller(
        words(
            (40, 219, "Factureringsperiode: 12/12/2011 tot en met"),
            (249, 219, "Factuurnummer C10001358H"),
            (40, 230, "11/01/2012"),
        ),
        NL_A,
    )
    assert value_of(lab, "period", read_range) == ("12/12/2011", "11/01/2012")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/24/2016 - 03/23/2016", ("02/24/2016", "03/23/2016")),
        ("02/24/2016 – 03/23/2016", ("02/24/2016", "03/23/2016")),
        ("01/03/2013 to 31/03/2013", ("01/03/2013", "31/03/2013")),
        ("01/03/2013 au 31/03/2013", ("01/03/2013", "31/03/2013")),
        ("01.03.2013 bis 31.03.2013", ("01.03.2013", "31.03.2013")),
        ("2026-07-21-2026-07-21", ("2026-07-21", "2026-07-21")),
        ("11 januari 2013 tot en met 10 februari 2013", ("11 januari 2013", "10 februari 2013")),
    ],
)
def test_every_range_shape_of_the_spec_is_read(text, expected):
    assert read_range(words((40, 100, text))) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["€", "270,00"], "270,00"),
        (["€270.00"], "270.00"),
        (["54,00", "€"], "54,00"),
        (["2,175.00", "USD"], "2,175.00"),
        (["(10.36)"], "(10.36)"),
    ],
)
def test_an_amount_is_read_with_its_currency_sign_beside_it(parts, expected):
    assert read_amount(words((40, 100, " ".join(parts)))) == expected


def test_thousands_split_at_a_no_break_space_are_joined_again():
    ws = [Word("1", 100, 104.6, 50, 59, 1), Word("234,56", 107.1, 134.7, 50, 59, 1)]
    assert [w.text for w in merge_grouped(ws)] == ["1\u00a0234,56"]


def test_numbers_in_separate_columns_are_not_joined():
    ws = [Word("12", 186, 195, 50, 59, 1), Word("140,40", 230, 257, 50, 59, 1)]
    assert [w.text for w in merge_grouped(ws)] == ["12", "140,40"]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["BTW", "IE", "8256796", "U"], "IE8256796U"),
        (["IE8256796U"], "IE8256796U"),
        (["BE", "0123.456.749"], "BE0123456749"),
        (["BTW", "BE", "0456.789.133"], "BE0456789133"),
        (["DE", "129", "273", "398"], "DE129273398"),
        (["NL123456789B01"], "NL123456789B01"),
        (["TVA:", "FR", "12", "345678901"], "FR12345678901"),
        (["BE", "123.456.749"], "BE0123456749"),
        (["VAT", "IE", "1408228", "N"], "IE1408228N"),
        (["Org.nr", "NO", "974", "760", "673", "MVA"], "NO974760673"),
        (["VAT", "No:", "IE8256796U"], "IE8256796U"),
        (["Kouter", "112"], None),
        (["9000", "Gent"], None),
    ],
)
def test_vat_numbers_are_normalised_from_any_spelling(tokens, expected):
    assert vat_number(tokens) == expected


def test_a_b_table_row_with_currency_signs_and_an_empty_cell_is_read_by_column():
    ws = words(
        (43, 143, "Office 365 Enterprise E3"),
        (43, 158, "Service Period"),
        (156, 158, "Days"),
        (187, 158, "Qty"),
        (204, 158, "Monthly Price"),
        (274, 158, "Charges"),
        (315, 158, "Discounts"),
        (371, 158, "Credits"),
        (419, 158, "SubTotal"),
        (463, 158, "Tax %"),
        (504, 158, "Taxes"),
        (554, 158, "Total"),
        (43, 172, "02/24/2016 - 03/23/2016"),
        (185, 172, "100"),
        (228, 172, "$20.00"),
        (270, 172, "2,000.00"),
        (332, 172, "0.00"),
        (379, 172, "0.00"),
        (416, 172, "2,000.00"),
        (457, 172, "8.75 %"),
        (499, 172, "175.00"),
        (539, 172, "2,175.00"),
    )
    rows = rows_of(ws)
    lab = labelled(rows, EN_B)
    (line,) = online_services.reader._read_lines(rows, lab, "en")
    assert line.product == "Office 365 Enterprise E3"
    assert (line.period_start, line.period_end, line.days) == ("02/24/2016", "03/23/2016", None)
    assert (line.quantity, line.unit_price, line.price_basis) == ("100", "20.00", "month")
    assert (line.charges, line.amount, line.tax_rate, line.tax, line.total) == (
        "2,000.00",
        "2,000.00",
        "8.75",
        "175.00",
        "2,175.00",
    )


def test_a_subscription_bar_wrapped_over_two_lines_names_the_product():
    ws = words(
        (43, 140, "Microsoft 365 Business Premium and Microsoft 365"),
        (43, 151, "Copilot"),
        (43, 166, "Serviceperiode Dagen Aantal Jaarlijkse prijs Kosten Kortingen Tegoeden"),
        (400, 166, "Subtotaal Belasting % Belasting Totaal"),
        (43, 180, "14/10/2025 - 13/10/2026 365 2 264,00 528,00 0,00 0,00 528,00 0% 0,00 528,00"),
    )
    rows = rows_of(ws)
    (line,) = online_services.reader._read_lines(rows, labelled(rows, B.labels("nl")), "nl")
    assert line.product == "Microsoft 365 Business Premium and Microsoft 365 Copilot"
    assert (line.quantity, line.unit_price, line.price_basis) == ("2", "264,00", "year")
    assert (line.days, line.amount, line.tax_rate) == ("365", "528,00", "0")


def test_the_family_and_language_are_detected_from_the_labels_printed():
    ws = words(
        (40, 80, "Microsoft Ireland Operations Ltd"),
        (40, 100, "Microsoft Online Services"),
        (40, 120, "Factureringsperiode: 12/12/2011 tot en met 11/01/2012"),
        (40, 140, "Factuurnummer C10001358H"),
        (40, 160, "Vorige kosten"),
        (40, 170, "Vorig saldo € 0,00"),
        (40, 190, "Huidige kosten"),
    )
    found = detect(rows_of(ws))
    assert found is not None
    assert (found[0].name, found[1]) == ("portal-2012", "nl")


def test_text_without_microsoft_labels_is_no_known_layout():
    ws = words((40, 100, "ACME Supplies Invoice 2024-001"), (40, 120, "Total 12.00 EUR"))
    assert detect(rows_of(ws)) is None


def _a_block(gap: float) -> list[Word]:
    """An a03-like charge line in narrow columns, `gap` points between the columns."""
    columns = [43.0]
    for width in (136, 98, 40, 60):
        columns.append(columns[-1] + width + gap)
    return words(
        (columns[0], 370, "32d51bb1-1038-4eba-ba7c-a53944c24819"),
        (columns[1], 370, "Exchange Online (Plan"),
        (columns[2], 370, "Recurring"),
        (columns[3], 370, "12 user"),
        (columns[4], 370, "€3.20 per user"),
        (columns[4] + 85, 370, "€38.40"),
        (columns[1], 383, "1)"),
        (columns[2], 383, "Charges"),
        (columns[3], 383, "licenses"),
        (columns[4], 383, "license, per"),
        (columns[4], 396, "month"),
    )


@pytest.mark.parametrize("gap", [3.0, 9.0, 30.0])
def test_a_charge_line_wrapped_in_narrow_columns_is_read_whatever_the_padding(gap):
    block = _a_block(gap)
    lab = labelled(rows_of(block), A.labels("en"))
    line = portal_2012.reader._line_from_block(block, lab)
    assert line.subscription_id == "32d51bb1-1038-4eba-ba7c-a53944c24819"
    assert line.product == "Exchange Online (Plan 1)"
    assert line.charge_type == "Recurring Charges"
    assert (line.quantity, line.unit_price, line.price_basis) == ("12", "€3.20", "month")
    assert line.amount == "38.40"


def test_a_line_amount_printed_right_after_the_price_phrase_is_the_amount():
    block = words(
        (43, 387, "b307ac6c-d838-48f4-88ed-282c08463761"),
        (219, 388, "Exchange Online (Abonnement 1)"),
        (389, 388, "Terugkerende kosten"),
        (43, 404, "5 gebruikerslicenties € 54,00 per gebruikerslicentie, per jaar € 270,00"),
    )
    lab = labelled(rows_of(block), NL_A)
    line = portal_2012.reader._line_from_block(block, lab)
    assert (line.product, line.charge_type) == (
        "Exchange Online (Abonnement 1)",
        "Terugkerende kosten",
    )
    assert (line.quantity, line.unit_price, line.price_basis, line.amount) == (
        "5",
        "€ 54,00",
        "year",
        "270,00",
    )


def test_a_label_does_not_wrap_into_the_next_rows_label():
    """b-fr-be-nbsp-rc: 'Date d'échéance :' above 'Date de facturation :' was read as one
    wrapped label 'Date … de facturation', losing the invoice date."""
    table = B.labels("fr")
    lab = labeller(
        words(
            (455, 69, "Date d'échéance : 10/10/2025"),
            (445, 80, "Date de facturation : 10/09/2025"),
        ),
        table,
    )
    assert value_of(lab, "invoice_date", read_date) == "10/09/2025"
    assert value_of(lab, "due_date", read_date) == "10/10/2025"


def test_a_tax_rate_split_inside_its_parentheses_is_still_the_rate():
    """a-fr-2pages-wrapped: 'TVA (20 %) 536,84 €' gave the tax as 20."""
    from pipeline.layouts.values import read_rate_and_amount

    ws = words((339, 219, "TVA"), (359, 219, "(20"), (376, 219, "%)"), (520, 219, "536,84 €"))
    lab = labeller(ws, A.labels("fr"))
    assert value_of(lab, "tax", read_rate_and_amount) == ("20", "536,84")


def test_a_price_under_a_product_ending_in_a_digit_keeps_both():
    """a-de-rc-previous-balance: 'Office 365 Enterprise E3' over '22,50 € pro
    Benutzerlizenz, pro Monat' in the same column lost the price and the '3'."""
    block = words(
        (195, 339, "Office 365 Enterprise E3"),
        (380, 339, "Wiederkehrende Gebühren"),
        (43, 340, "6fee1b2e-9aa6-4593-9c76-8d424e69c3d7"),
        (43, 352, "12 Benutzerlizenzen"),
        (195, 352, "22,50 € pro Benutzerlizenz, pro Monat"),
        (524, 352, "270,00 €"),
    )
    lab = labelled(rows_of(block), A.labels("de"))
    line = portal_2012.reader._line_from_block(block, lab)
    assert line.product == "Office 365 Enterprise E3"
    assert (line.quantity, line.unit_price, line.price_basis, line.amount) == (
        "12",
        "22,50 €",
        "month",
        "270,00",
    )


def test_thousands_split_at_a_monospaced_space_are_joined():
    """c0028 (Courier): '8 755,70' is two words 4.9 pt apart at 8.5 pt."""
    ws = [Word("8", 227, 232.1, 392, 400.5, 1), Word("755,70", 237, 267.6, 392, 400.5, 1)]
    assert [w.text for w in merge_grouped(ws)] == ["8\u00a0755,70"]


def test_a_service_period_whose_end_date_wraps_is_one_line_not_a_product():
    """c0016: '05/08/2018 -' over '06/04/2018' left the end date to name the next line."""
    ws = words(
        (37, 160, "Microsoft 365 E5"),
        (37, 185, "Service Period Days Qty Monthly Price Charges Discounts Credits SubTotal"),
        (440, 185, "Tax % Taxes Total"),
        (37, 202, "05/08/2018 -"),
        (142, 202, "28 4 54.75 197.81 0.00 0.00 197.81 6.5% 12.86 210.67"),
        (37, 216, "06/04/2018"),
        (37, 230, "06/05/2018 -"),
        (142, 230, "30 4 54.75 219.00 0.00 0.00 219.00 6.5% 14.24 233.24"),
        (37, 245, "07/04/2018"),
    )
    rows = rows_of(ws)
    lines = online_services.reader._read_lines(rows, labelled(rows, EN_B), "en")
    assert [(li.product, li.period_start, li.period_end, li.amount) for li in lines] == [
        ("Microsoft 365 E5", "05/08/2018", "06/04/2018", "197.81"),
        ("Microsoft 365 E5", "06/05/2018", "07/04/2018", "219.00"),
    ]


def test_a_label_wrapped_past_a_row_of_the_neighbouring_column_is_found():
    """c0099: 'Numéro de <guid>' / (summary row 'Total : …') / 'commande :'."""
    ws = words(
        (56, 300, "Numéro de"),
        (128, 300, "4fb741c1-5f78-4669-942a-7815b79295c7"),
        (317, 307, "Total : 1.319,23"),
        (56, 313, "commande :"),
    )
    lab = labeller(ws, B.labels("fr"))
    assert value_of(lab, "order_number", read_text) == "4fb741c1-5f78-4669-942a-7815b79295c7"


def test_a_product_ending_in_a_number_is_not_a_thousands_group_of_the_price():
    """c0077: 'for Office 365' over '552,00 € par licence …' gave a price of 365552,00."""
    block = words(
        (230, 427, "Project Online with Project Pro"),
        (359, 427, "Frais récurrents"),
        (36, 428, "fe4711e3-b13b-4aef-87fb-8e95916f9398"),
        (230, 440, "for Office 365"),
        (36, 457, "39 licences utilisateur"),
        (230, 457, "552,00 € par licence utilisateur, par an"),
        (529, 457, "21528,00 €"),
    )
    line = portal_2012.reader._line_from_block(block, labelled(rows_of(block), A.labels("fr")))
    assert line.product == "Project Online with Project Pro for Office 365"
    assert (line.quantity, line.unit_price, line.price_basis) == ("39", "552,00 €", "year")


def test_a_period_wrapped_around_its_label_in_a_middle_aligned_grid_is_read():
    """Stress s1-c0019 (Chromium, middle-aligned cells): the period starts above its label."""
    ws = words(
        (132.5, 196.6, "03/05/2014"),
        (33.7, 202.6, "Période de"),
        (406.7, 202.6, "Numéro de"),
        (132.5, 208.6, "au"),
        (220.2, 208.6, "N° de facture"),
        (319.0, 208.6, "C27909227H"),
        (33.7, 214.6, "facturation :"),
        (406.7, 214.6, "commande :"),
        (132.5, 220.6, "02/06/2014"),
    )
    lab = labeller(ws, A.labels("fr"))
    assert range_of(lab, "period") == ("03/05/2014", "02/06/2014")
    assert value_of(lab, "invoice_number", read_text) == "C27909227H"


def test_a_value_below_a_label_does_not_run_into_the_next_cells_value():
    """Stress s1-c0011: '… 14/05/2011' and 'C27145686H' below two labels, 6.6 pt apart."""
    ws = words(
        (40.5, 198.3, "Période de facturation :"),
        (170.1, 198.3, "N° de facture :"),
        (40.5, 207.8, "15/04/2011 au 14/05/2011"),
        (170.1, 207.8, "C27145686H"),
    )
    lab = labeller(ws, A.labels("fr"))
    assert value_of(lab, "invoice_number", read_text) == "C27145686H"


def test_a_b_row_in_tiny_letter_spaced_type_is_regrouped_to_ten_columns_that_add_up():
    """Stress s2-c0057: thousands gaps (4.5 pt) as wide as the 5.6 pt type's column gaps."""
    values = ["30", "44", "33,75", "1", "485,00", "0,00", "0,00", "1", "485,00", "0%", "0,00"]
    cells = [Word(t, 100 + 30 * i, 110 + 30 * i, 200, 205.6, 2) for i, t in enumerate(values)]
    cells += [Word("1", 500, 503, 200, 205.6, 2), Word("485,00", 507, 530, 200, 205.6, 2)]
    readings = [r for r in tables.regrouped(cells, B_COLUMNS, "tax_rate") if tables.adds_up(r)]
    assert [(r["quantity"], r["charges"], r["amount"], r["total"]) for r in readings] == [
        ("44", "1\u00a0485,00", "1\u00a0485,00", "1\u00a0485,00")
    ]


def test_a_column_word_inside_a_value_on_the_next_row_does_not_end_the_column():
    """b05: '30 dagen netto' under 'Factureringsperiode:' holds 'dagen', the Days title."""
    ws = words(
        (45, 305, "Factureringsperiode: 14/10/2025 - 14/10/2025"),
        (45, 320, "Betalingsvoorwaarden: 30 dagen netto"),
    )
    lab = labeller(ws, B.labels("nl"))
    assert range_of(lab, "period") == ("14/10/2025", "14/10/2025")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23/12/2017–22/01/2018", ("23/12/2017", "22/01/2018")),
        ("23/12/2017– 22/01/2018", ("23/12/2017", "22/01/2018")),
        ("23/12/2017 –22/01/2018", ("23/12/2017", "22/01/2018")),
        ("2021-05-15 -2021-05-15", ("2021-05-15", "2021-05-15")),
        ("13-01-2012-12-02-2012", ("13-01-2012", "12-02-2012")),
        ("September 5, 2023–October 4, 2023", ("September 5, 2023", "October 4, 2023")),
    ],
)
def test_a_range_whose_dash_an_engine_glued_to_a_date_is_read(text, expected):
    """WeasyPrint drops the space around a narrow dash (weasy-b-*-period-dash-glued)."""
    assert read_range(words((40, 100, text))) == expected


@pytest.mark.parametrize("text", ["-5.00", "2023-10-04", "13-01-2012", "e8e89ff3-7dd8-43f3"])
def test_a_minus_an_iso_date_or_a_guid_is_not_split_as_a_range(text):
    assert [w.text for w in dash_split(words((40, 100, text)))] == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date:23/02/2011", ["Date:", "23/02/2011"]),
        ("Number:E00CAWDCU2", ["Number:", "E00CAWDCU2"]),
        ("VAT:(21%)", ["VAT:", "(21%)"]),
        ("https://aka.ms/Office365Billing", ["https://aka.ms/Office365Billing"]),
        ("10:30", ["10:30"]),
        ("Taxes:", ["Taxes:"]),
    ],
)
def test_a_value_glued_to_its_labels_colon_is_split_off(text, expected):
    """weasy-a-colon-glued-values: `Invoice Date:23/02/2011` printed as one word."""
    assert [w.text for w in unglued(words((40, 100, text)))] == expected


def test_values_glued_to_their_labels_by_cells_without_padding_are_read():
    """weasy-a-label-glued-values: `Billing Period25/07/2013`, `Purchase Order NumberPO-37506`."""
    table = A.labels("en")
    ws = words(
        (74.6, 231.9, "Billing Period25/07/2013 to 24/08/2013"),
        (74.6, 251.6, "Invoice Date28/08/2013"),
        (231.4, 251.6, "Purchase Order NumberPO-37506"),
    )
    rows = split_glued_values(rows_of(ws), table)
    lab = labelled(rows, table)
    assert range_of(lab, "period") == ("25/07/2013", "24/08/2013")
    assert value_of(lab, "invoice_date", read_date) == "28/08/2013"
    assert value_of(lab, "purchase_order", read_text) == "PO-37506"


def test_a_one_word_label_only_gives_up_a_glued_value_that_starts_like_a_number():
    table = {"total": ("Total",)}
    rows = split_glued_values(rows_of(words((40, 100, "Total5,477.97 TotalEUR Totals"))), table)
    assert [w.text for w in rows[0].words] == ["Total", "5,477.97", "TotalEUR", "Totals"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("238.562,598.96", ["238.56", "2,598.96"]),
        ("1.060,206.640,20", ["1.060,20", "6.640,20"]),
        ("0.000.00", ["0.00", "0.00"]),
        ("2,598.96", ["2,598.96"]),
        ("1.060,20", ["1.060,20"]),
        ("10.1%", ["10.1%"]),
    ],
)
def test_two_amounts_printed_as_one_word_by_cells_without_padding_are_split(text, expected):
    """weasy-b-amounts-glued: the tax and the total of a line as `238.562,598.96`."""
    (word,) = words((400, 200, text))
    assert [w.text for w in tables.unglued_amounts(word)] == expected


def test_a_wide_value_of_the_column_to_the_left_does_not_join_the_value_below_a_label():
    """weasy-a-wide-range-left-column: the period's end date stops 3.6 pt left of the label."""
    ws = [
        *words((174.5, 217.7, "Période de facturation"), (299.1, 217.7, "N° de facture")),
        Word("07/01/2012", 174.5, 225.6, 228.6, 237.6, 1),
        Word("au", 229.1, 240.0, 228.6, 237.6, 1),
        Word("06/02/2012", 243.5, 295.5, 228.6, 237.6, 1),
        Word("C87764666A", 299.1, 358.1, 228.6, 237.6, 1),
    ]
    lab = labeller(ws, A.labels("fr"))
    assert value_of(lab, "invoice_number", read_text) == "C87764666A"
    assert range_of(lab, "period") == ("07/01/2012", "06/02/2012")


def test_a_value_starting_under_its_label_is_not_grown_into_the_column_to_its_left():
    """weasy-a-range-touching-next-column: `… 2016 to` ends 3.8 pt before `March 16, 2017`."""
    ws = [
        *words((177.8, 256.1, "Billing Period:"), (299.4, 256.1, "Payment Due Date:")),
        Word("February", 177.8, 224.7, 269.4, 278.4, 1),
        Word("14,", 230.8, 248.3, 269.4, 278.4, 1),
        Word("2016", 254.4, 277.8, 269.4, 278.4, 1),
        Word("to", 284.0, 295.6, 269.4, 278.4, 1),
        Word("March", 299.4, 328.7, 269.4, 278.4, 1),
        Word("16,", 334.8, 352.3, 269.4, 278.4, 1),
        Word("2017", 358.4, 381.8, 269.4, 278.4, 1),
        *words((177.8, 282.7, "February 13, 2017")),
    ]
    lab = labeller(ws, A.labels("en"))
    assert value_of(lab, "due_date", read_date) == "March 16, 2017"
    assert range_of(lab, "period") == ("February 14, 2016", "February 13, 2017")


def test_a_label_glued_to_the_end_of_the_value_in_the_cell_before_it_is_split_off():
    """weasy-a-product-glued-to-charge-type: `Visio Pro for Office 365Terugkerende` `kosten`."""
    table = A.labels("nl")
    ws = words((60, 300, "Visio Pro for Office 365Terugkerende kosten"))
    rows = split_glued_values(rows_of(ws), table)
    assert [w.text for w in rows[0].words][4:] == ["365", "Terugkerende", "kosten"]


def test_a_wrapped_labels_second_word_glued_to_a_value_is_cut_where_the_first_stands():
    """weasy-a-wrapped-charge-type-glued: `Recurring` above `P1)Charges`; cut at Recurring."""
    table = A.labels("en")
    ws = [
        Word("Office", 224.3, 256.0, 241.9, 250.9, 1),
        Word("365", 261.5, 277.2, 241.9, 250.9, 1),
        Word("Recurring", 305.6, 353.3, 241.9, 250.9, 1),
        Word("(Abonnement", 224.3, 282.5, 252.9, 261.9, 1),
        Word("P1)Charges", 288.0, 342.6, 252.9, 261.9, 1),
    ]
    rows = split_glued_values(rows_of(ws), table)
    assert [(w.text, w.x0) for w in rows[1].words] == [
        ("(Abonnement", 224.3),
        ("P1)", 288.0),
        ("Charges", 305.6),
    ]
    (hit,) = labelled(rows, table).find("charge_type")
    assert [w.text for w in hit.words] == ["Recurring", "Charges"]


def test_a_one_word_label_glued_after_a_small_word_is_split_unless_it_is_a_label_itself():
    """weasy-a-joiner-glued-to-label: `13/11/2014 totFactuurnummer`; `SubTotal` stays whole."""
    table = {"invoice_number": ("Factuurnummer",), "subtotal": ("SubTotal", "Total")}
    ws = words((66, 320, "13/11/2014 totFactuurnummer C90733300B SubTotal"))
    rows = split_glued_values(rows_of(ws), table)
    assert [w.text for w in rows[0].words] == [
        "13/11/2014", "tot", "Factuurnummer", "C90733300B", "SubTotal"
    ]  # fmt: skip


def test_a_value_glued_to_a_wrapped_labels_middle_word_is_read():
    """weasy-a-value-inside-wrapped-label: `Payment Due26/02/2012`, `Date:` on the next line."""
    table = A.labels("en")
    ws = words((67.7, 310.4, "Payment Due26/02/2012"), (67.7, 321.8, "Date:"))
    rows = split_glued_values(rows_of(ws), table)
    lab = labelled(rows, table)
    assert value_of(lab, "due_date", read_date) == "26/02/2012"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/04/2015C90840472E", ["02/04/2015", "C90840472E"]),
        ("2021-05-157345", ["2021-05-15", "7345"]),
        ("02/04/2015,", ["02/04/2015,"]),
    ],
)
def test_the_next_cells_value_glued_after_a_dates_year_is_split_off(text, expected):
    """weasy-a-date-glued-to-number: the period's end date and the invoice number as one word."""
    assert [w.text for w in unglued(words((40, 100, text)))] == expected
