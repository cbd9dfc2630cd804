"""How amounts, percentages and dates are printed in each language and country."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from samples.model import CENT, DateStyle, Language, NumberStyle

MONTHS: dict[Language, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
}  # fmt: skip

SYMBOLS = {"EUR": "€", "USD": "$", "CAD": "$", "NOK": "kr", "GBP": "£"}


def thousands(whole: str, group: str) -> str:
    """Digits grouped by three from the right: 1234567 -> 1.234.567."""
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return group.join(groups)


def grouped(value: Decimal, style: NumberStyle) -> str:
    """The absolute value with the style's grouping and decimal mark: 1.234,56."""
    whole, cents = f"{abs(value.quantize(CENT)):f}".split(".")
    return thousands(whole, style.group) + style.decimal + cents


def price_text(value: Decimal, style: NumberStyle) -> str:
    """A unit price with the decimals it has, at least two: 0,0912 or 1,234.50."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    whole, decimals = f"{abs(value):.{places}f}".split(".")
    return thousands(whole, style.group) + style.decimal + decimals


def number(value: Decimal, style: NumberStyle) -> str:
    """A table amount without currency: -10.36 or (10.36) when negative."""
    text = grouped(value, style)
    if value >= 0:
        return text
    return f"({text})" if style.negative == "parens" else f"-{text}"


def money(value: Decimal, currency: str, style: NumberStyle) -> str:
    """An amount with its currency symbol: € 54,00, €54.00, 54,00 €."""
    symbol = SYMBOLS.get(currency, currency)
    gap = " " if style.symbol_space else ""
    text = grouped(value, style)
    signed = f"{symbol}{gap}{text}" if not style.symbol_after else f"{text}{gap}{symbol}"
    if value >= 0:
        return signed
    return f"({signed})" if style.negative == "parens" else f"-{signed}"


def rate_text(rate: Decimal) -> str:
    """A percentage as the record writes it: 21, 8.75, 0, 14.975."""
    text = f"{rate.normalize():f}"
    return "0" if text in ("-0", "0.0") else text


def percent(rate: Decimal, style: NumberStyle, decimals: int | None = None) -> str:
    text = rate_text(rate) if decimals is None else f"{rate:.{decimals}f}"
    text = text.replace(".", style.decimal)
    return f"{text} %" if style.percent_space else f"{text}%"


def numeric_date(day: date, style: DateStyle) -> str:
    if style.order == "ymd":
        return f"{day.year:04d}{style.sep}{day.month:02d}{style.sep}{day.day:02d}"
    first, second = (day.day, day.month) if style.order == "dmy" else (day.month, day.day)
    return f"{first:02d}{style.sep}{second:02d}{style.sep}{day.year:04d}"


def written_date(day: date, language: Language) -> str:
    month = MONTHS[language][day.month - 1]
    if language == "en":
        return f"{month} {day.day}, {day.year}"
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def date_text(day: date, style: DateStyle, language: Language, *, header: bool = True) -> str:
    """Written months only where the style asks and only in header fields."""
    if style.written and header:
        return written_date(day, language)
    return numeric_date(day, style)


def month_year(day: date, language: Language) -> str:
    return f"{MONTHS[language][day.month - 1]} {day.year}"
