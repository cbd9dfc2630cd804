"""Amounts for people, in one locale's format: the only babel import.

Every amount on the terminal goes through here, so a run prints them one way: the configured
locale's grouping and decimal mark (its no-break spaces as plain ones), two decimals (or the
currency's own number of digits), and the ISO code of the currency where the locale puts its
symbol (`EUR 3.142.918,71` in nl_BE, `3 142 918,71 EUR` in fr_BE, `EUR 3,142,918.71` in en_GB):
a code, not a symbol, since `$` alone does not say whose dollar.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_currency_precision

DEFAULT_LOCALE = "nl_BE"


def is_known_locale(name: str) -> bool:
    """Whether babel has the locale `name` (`nl_BE`, `en`, `fr_BE`…)."""
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@cache
def _code_pattern(locale: str) -> str:
    """The locale's currency pattern with the ISO code (¤¤) where it puts the symbol (¤)."""
    pattern: str = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.replace("¤", "¤¤")


def money(amount: Decimal, currency: str | None, locale: str = DEFAULT_LOCALE) -> str:
    """`amount` with its currency code, in the locale's format, rounded half up to the
    currency's digits; without a currency, the number alone to the cent."""
    digits = 2 if currency is None else get_currency_precision(currency)
    amount = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if currency is None:
        text = format_decimal(amount, format="#,##0.00", locale=locale)
    else:
        text = format_currency(amount, currency, format=_code_pattern(locale), locale=locale)
        text = _SPACELESS_CODE.sub(" ", text)
    return text.translate(_PLAIN_SPACES)


#: A terminal shows no-break spaces as spaces; plain ones copy and search alike.
_PLAIN_SPACES = str.maketrans({"\xa0": " ", "\u202f": " "})


#: Where a locale's pattern puts the code against the digits (en_GB: `EUR3,142.00`).
_SPACELESS_CODE = re.compile(r"(?<=[A-Z]{3})(?=\d)|(?<=\d)(?=[A-Z]{3})")
