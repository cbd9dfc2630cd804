"""The locale parsers of pipeline.parsing: exact values for every printed form in the spec's
"Formats", ValueError / None for what is not one, and round trips through the formatters."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.parsing import (
    MONTHS,
    DateOrder,
    DecimalMark,
    amount_mark,
    decimal_mark_of,
    format_amount,
    format_date,
    is_amount,
    is_currency,
    month_number,
    month_year,
    parse_amount,
    parse_percent,
    printed_date,
    r2,
    strip_currency,
    written_date,
)

NBSP, NNBSP = "\u00a0", "\u202f"

# --- amounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("2,175.00", ".", "2175.00"),
        ("1.234,56", ",", "1234.56"),
        ("1 234,56", ",", "1234.56"),
        (f"1{NBSP}234,56", ",", "1234.56"),
        (f"1{NNBSP}234,56", ",", "1234.56"),
        ("270,00", ",", "270.00"),
        ("€ 54,00", ",", "54.00"),
        ("54,00 €", ",", "54.00"),
        ("€54.00", ".", "54.00"),
        ("2,175.00 USD", ".", "2175.00"),
        ("-10.36", ".", "-10.36"),
        ("(10.36)", ".", "-10.36"),
        ("−10,36", ",", "-10.36"),
        ("0,00", ",", "0.00"),
        ("10.36-", ".", "-10.36"),
        ("-€10.36", ".", "-10.36"),
        ("(€10.36)", ".", "-10.36"),
        ("£1,000.50", ".", "1000.50"),
        ("$ 20.00", ".", "20.00"),
        ("EUR 12,00", ",", "12.00"),
        (f"12,00{NBSP}EUR", ",", "12.00"),
        ("1 234 567.89", ".", "1234567.89"),
        ("1.234.567,89", ",", "1234567.89"),
        ("1,234,567.89", ".", "1234567.89"),
        ("1.234", ",", "1234"),
        ("1.234", ".", "1.234"),
        ("1,234", ".", "1234"),
        ("1,234", ",", "1.234"),
        ("100", ".", "100"),
        ("  270,00  ", ",", "270.00"),
    ],
)
def test_a_printed_amount_parses_to_its_exact_decimal_under_the_documents_mark(
    text: str, mark: DecimalMark, expected: str
) -> None:
    value = parse_amount(text, mark)
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("", "."),
        ("   ", ","),
        ("abc", "."),
        ("USD", "."),
        ("€", ","),
        ("ABC 12.00", "."),
        ("12.34.56", "."),
        ("1..2", "."),
        ("1 2", "."),
        ("1,234,5", "."),
        ("+5", "."),
        ("(10.36", "."),
        ("10.36)", "."),
        ("12%", "."),
        ("12/01/2012", "."),
        # a value printed with the other mark than the document's is not read as a wrong number
        ("1,5", "."),
        ("1.5", ","),
        ("1.234,56", "."),
        ("1,234.56", ","),
        ("1.234.567", "."),
        ("1,234,567", ","),
    ],
)
def test_text_that_is_not_an_amount_under_the_mark_raises_value_error(
    text: str, mark: DecimalMark
) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text, mark)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 54,00", ("54,00", "EUR")),
        ("54,00 €", ("54,00", "EUR")),
        ("2,175.00 USD", ("2,175.00", "USD")),
        ("£1,000.50", ("1,000.50", "GBP")),
        ("$ 20.00", ("20.00", "USD")),
        ("EUR 12,00", ("12,00", "EUR")),
        ("12.00", ("12.00", None)),
        ("ABC 12.00", ("ABC 12.00", None)),
    ],
)
def test_strip_currency_returns_the_bare_amount_and_its_iso_currency(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert strip_currency(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,175.00 USD", True),
        ("(10.36)", True),
        ("€ 54,00", True),
        ("1,5", True),
        ("USD", False),
        ("(10.36", False),
        ("", False),
        ("abc", False),
        ("12/01/2012", False),
        ("21%", False),
    ],
)
def test_is_amount_says_whether_either_mark_could_read_the_text(text: str, expected: bool) -> None:
    assert is_amount(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,175.00", "."),
        ("1.234,56", ","),
        ("1 234,56", ","),
        ("270,00", ","),
        ("€54.00", "."),
        ("€ 54,00", ","),
        ("(10.36)", "."),
        ("−10,36", ","),
        ("0,00", ","),
        ("1.2345", "."),
        ("1,234.5", "."),
        ("1.234.567,8", ","),
        ("1.234", None),
        ("1,234", None),
        ("1,234,567", None),
        ("1.234.567", None),
        ("12", None),
        ("USD", None),
    ],
)
def test_amount_mark_is_the_mark_one_amount_proves_or_none_when_it_could_be_either(
    text: str, expected: DecimalMark | None
) -> None:
    assert amount_mark(text) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["2,175.00 USD", "100", "20.00", "8.75"], "."),
        (["270,00", "€ 54,00", "1.234"], ","),
        (["€ 600.00", "1,234"], "."),
        (["1.234"], "."),
        (["1.234", "1,234", "12"], "."),
        ([], "."),
        (["1,00", "2,00", "3.00"], ","),
        (["1,00", "2.00", "3.00"], "."),
        (["1,00", "2.00"], "."),
        (["1.234,56", "1,234.56", "270,00"], ","),
    ],
)
def test_the_documents_decimal_mark_is_the_majority_of_the_amounts_that_prove_one(
    texts: list[str], expected: DecimalMark
) -> None:
    assert decimal_mark_of(texts) == expected
    assert decimal_mark_of(iter(texts)) == expected


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("21%", ".", "21"),
        ("21 %", ".", "21"),
        (f"21{NBSP}%", ",", "21"),
        ("8.75 %", ".", "8.75"),
        ("8,75 %", ",", "8.75"),
        ("23.00%", ".", "23"),
        ("0%", ".", "0"),
        ("0 %", ",", "0"),
        # an integral rate keeps its digits: 20 % was Decimal('2E+1') before
        ("20%", ".", "20"),
        ("10 %", ",", "10"),
        ("100%", ".", "100"),
    ],
)
def test_a_printed_tax_rate_parses_to_its_percentage_without_exponent(
    text: str, mark: DecimalMark, expected: str
) -> None:
    assert str(parse_percent(text, mark)) == expected


@pytest.mark.parametrize(("text", "mark"), [("%", "."), ("abc %", "."), ("8,75 %", ".")])
def test_a_tax_rate_that_is_not_a_number_raises_value_error(text: str, mark: DecimalMark) -> None:
    with pytest.raises(ValueError):
        parse_percent(text, mark)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.005", "0.01"), ("-0.005", "-0.01"), ("2.675", "2.68"), ("2.674", "2.67"), ("7", "7.00")],
)
def test_r2_rounds_half_up_to_the_cent(value: str, expected: str) -> None:
    assert str(r2(Decimal(value))) == expected


@pytest.mark.parametrize(
    ("value", "mark", "group", "expected"),
    [
        ("1234567.89", ",", ".", "1.234.567,89"),
        ("1234567.89", ".", ",", "1,234,567.89"),
        ("1000", ",", NNBSP, f"1{NNBSP}000,00"),
        ("999.99", ".", ",", "999.99"),
        ("-10.36", ".", "", "-10.36"),
        ("0", ",", "", "0,00"),
    ],
)
def test_format_amount_prints_two_decimals_with_the_mark_and_grouping(
    value: str, mark: DecimalMark, group: str, expected: str
) -> None:
    assert format_amount(Decimal(value), mark, group) == expected


GROUPS: dict[DecimalMark, tuple[str, ...]] = {
    ".": ("", ",", " ", NBSP, NNBSP),
    ",": ("", ".", " ", NBSP, NNBSP),
}
CURRENCY_FORMS = ("{}", "€ {}", "{} €", "€{}", "{} EUR", "{} USD", "USD {}", "£{}")


@st.composite
def printed_amounts(draw: st.DrawFn) -> tuple[Decimal, DecimalMark, str]:
    """A cent amount in a wide range, printed with a mark, a grouping valid with that mark, a
    currency decoration and, for a negative amount, a minus sign or accounting brackets."""
    value = draw(
        st.decimals(
            min_value=Decimal("-1e15"),
            max_value=Decimal("1e15"),
            places=2,
            allow_nan=False,
            allow_infinity=False,
        )
    )
    mark: DecimalMark = draw(st.sampled_from((".", ",")))
    group = draw(st.sampled_from(GROUPS[mark]))
    text = format_amount(value, mark, group)
    if value < 0 and draw(st.booleans()):
        text = f"({format_amount(-value, mark, group)})"
    return value, mark, draw(st.sampled_from(CURRENCY_FORMS)).format(text)


@given(printed_amounts())
def test_every_printed_cent_amount_parses_back_to_its_value(
    amount: tuple[Decimal, DecimalMark, str],
) -> None:
    value, mark, text = amount
    assert parse_amount(text, mark) == value


@given(printed_amounts())
def test_a_printed_cent_amount_never_proves_the_other_mark(
    amount: tuple[Decimal, DecimalMark, str],
) -> None:
    _, mark, text = amount
    assert amount_mark(text) == mark


@given(st.lists(printed_amounts(), min_size=1, max_size=8), st.sampled_from((".", ",")))
def test_a_document_printed_with_one_mark_is_decided_to_have_that_mark(
    amounts: list[tuple[Decimal, DecimalMark, str]], mark: DecimalMark
) -> None:
    texts = [format_amount(value, mark, GROUPS[mark][1]) for value, _, _ in amounts]
    assert decimal_mark_of(texts) == mark
    assert [parse_amount(text, mark) for text in texts] == [value for value, _, _ in amounts]


# --- numeric dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dmy", "mdy", "proves"),
    [
        ("13/01/2012", date(2012, 1, 13), None, "dmy"),
        ("02/25/2016", None, date(2016, 2, 25), "mdy"),
        ("2026-07-22", date(2026, 7, 22), date(2026, 7, 22), None),
        ("04.08.2026", date(2026, 8, 4), date(2026, 4, 8), None),
        ("13-01-2012", date(2012, 1, 13), None, "dmy"),
        ("12/12/2011", date(2011, 12, 12), date(2011, 12, 12), None),
        ("1/2/2012", date(2012, 2, 1), date(2012, 1, 2), None),
        ("(13/01/2012)", date(2012, 1, 13), None, "dmy"),
        ("11/01/2012,", date(2012, 1, 11), date(2012, 11, 1), None),
        ("31/02/2012", None, None, "dmy"),
    ],
)
def test_a_numeric_date_resolves_under_each_order_and_proves_an_order_only_past_twelve(
    text: str, dmy: date | None, mdy: date | None, proves: DateOrder | None
) -> None:
    printed = printed_date(text)
    assert printed is not None
    assert printed.resolve("dmy") == dmy
    assert printed.resolve("mdy") == mdy
    assert printed.proves == proves


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "13/13/2012",
        "32/01/2012",
        "00/01/2012",
        "01/00/2012",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "01/02/12",
        "2012/01/13",
        "13/01-2012",
        "13.01.2012x",
        "11 januari 2013",
    ],
)
def test_text_that_is_not_a_numeric_date_gives_none(text: str) -> None:
    assert printed_date(text) is None


@pytest.mark.parametrize(
    ("value", "order", "sep", "expected"),
    [
        (date(2012, 1, 13), "dmy", "/", "13/01/2012"),
        (date(2016, 2, 25), "mdy", "/", "02/25/2016"),
        (date(2026, 8, 4), "dmy", ".", "04.08.2026"),
        (date(2012, 1, 13), "dmy", "-", "13-01-2012"),
        (date(2026, 7, 22), "ymd", "/", "2026-07-22"),
    ],
)
def test_format_date_prints_the_spec_forms(
    value: date, order: DateOrder, sep: str, expected: str
) -> None:
    assert format_date(value, order, sep) == expected


DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(DATES, st.sampled_from(("dmy", "mdy")), st.sampled_from(("/", ".", "-")))
def test_every_numeric_date_resolves_back_under_its_order_and_never_proves_the_other(
    value: date, order: DateOrder, sep: str
) -> None:
    printed = printed_date(format_date(value, order, sep))
    assert printed is not None
    assert printed.resolve(order) == value
    assert printed.proves in (order, None)


@given(DATES)
def test_every_iso_date_is_the_same_date_under_either_order(value: date) -> None:
    printed = printed_date(format_date(value, "ymd"))
    assert printed is not None
    assert printed.resolve("dmy") == value
    assert printed.resolve("mdy") == value
    assert printed.proves is None


# --- written dates ---------------------------------------------------------------------------

#: The full month names of the four invoice languages, written out here independently of
#: pipeline.parsing so that a missing or misspelt name there is caught.
_MONTH_NAMES = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}
FULL_MONTHS: dict[str, tuple[str, ...]] = {
    language: tuple(names.split(" ")) for language, names in _MONTH_NAMES.items()
}


def written(value: date, language: str, english_order: str = "mdy") -> str:
    """A date as an invoice in `language` writes it: `3. März 2026`, `February 25, 2016`."""
    month = FULL_MONTHS[language][value.month - 1]
    if language == "de":
        return f"{value.day}. {month} {value.year}"
    if language == "en" and english_order == "mdy":
        return f"{month} {value.day}, {value.year}"
    return f"{value.day} {month} {value.year}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11 januari 2013", date(2013, 1, 11)),
        ("3. März 2026", date(2026, 3, 3)),
        ("4 août 2026", date(2026, 8, 4)),
        ("February 25, 2016", date(2016, 2, 25)),
        ("25 February 2016", date(2016, 2, 25)),
        ("25 Feb 2016", date(2016, 2, 25)),
        ("Feb. 25, 2016", date(2016, 2, 25)),
        ("sept 5, 2026", date(2026, 9, 5)),
        ("4 aout 2026", date(2026, 8, 4)),
        ("3 Maerz 2026", date(2026, 3, 3)),
        ("12 mrt 2026", date(2026, 3, 12)),
        ("7 juil. 2026", date(2026, 7, 7)),
        ("1 déc. 2026", date(2026, 12, 1)),
        ("5 Okt 2026", date(2026, 10, 5)),
        ("1 MAART 2026", date(2026, 3, 1)),
        ("11  januari\u00a0 2013", date(2013, 1, 11)),
    ],
)
def test_a_written_date_parses_in_any_of_the_four_languages(text: str, expected: date) -> None:
    assert written_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31 februari 2013",
        "0 januari 2013",
        "32 januari 2013",
        "11 foo 2013",
        "11 januari",
        "januari 2013",
        "13/01/2012",
        "February 25 2016 extra",
    ],
)
def test_text_that_is_not_a_written_date_gives_none(text: str) -> None:
    assert written_date(text) is None


@pytest.mark.parametrize("language", sorted(FULL_MONTHS))
def test_every_full_month_name_of_each_language_is_known(language: str) -> None:
    names = FULL_MONTHS[language]
    assert [MONTHS[name.casefold()] for name in names] == list(range(1, 13))
    assert [month_number(name) for name in names] == list(range(1, 13))
    assert [month_number(name.upper()) for name in names] == list(range(1, 13))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Mar.", 3),
        ("août", 8),
        ("aout", 8),
        ("AOÛT", 8),
        ("fevrier", 2),
        ("Marz", 3),
        ("Sept.", 9),
        ("Okt.", 10),
        ("foo", None),
        ("", None),
    ],
)
def test_month_number_reads_abbreviated_and_unaccented_month_names(
    word: str, expected: int | None
) -> None:
    assert month_number(word) == expected


@given(DATES, st.sampled_from(sorted(FULL_MONTHS)), st.sampled_from(("mdy", "dmy")))
def test_every_written_date_in_every_language_parses_back_to_its_date(
    value: date, language: str, english_order: str
) -> None:
    assert written_date(written(value, language, english_order)) == value


@pytest.mark.parametrize("language", sorted(FULL_MONTHS))
@pytest.mark.parametrize("month", range(1, 13))
def test_the_last_day_of_every_month_written_in_every_language_parses_back(
    language: str, month: int
) -> None:
    value = date(2024, month, calendar.monthrange(2024, month)[1])
    assert written_date(written(value, language)) == value
    assert written_date(written(value, language, "dmy")) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 2016", (2016, 2)),
        ("März 2026", (2026, 3)),
        ("oktober 2025", (2025, 10)),
        ("février 2016", (2016, 2)),
        ("Feb 2016", (2016, 2)),
        ("2016 February", None),
        ("February", None),
        ("Foo 2016", None),
        ("February 16", None),
        ("February 2016 extra", None),
        ("", None),
    ],
)
def test_month_year_reads_the_header_month_line(
    text: str, expected: tuple[int, int] | None
) -> None:
    assert month_year(text) == expected


@given(DATES, st.sampled_from(sorted(FULL_MONTHS)))
def test_every_header_month_line_in_every_language_parses_back(value: date, language: str) -> None:
    text = f"{FULL_MONTHS[language][value.month - 1]} {value.year}"
    assert month_year(text) == (value.year, value.month)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("€", True), ("$", True), ("EUR", True), ("NOK", True), ("€54", False), ("eur", False)],
)
def test_a_word_that_is_only_a_currency_sign_or_code_is_a_currency(text, expected):
    assert is_currency(text) is expected
