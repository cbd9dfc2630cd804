"""Amounts on the terminal: one locale-aware format with the currency's code."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.money import is_known_locale, money

D = Decimal


@pytest.mark.parametrize(
    ("locale", "euros", "dollars", "plain"),
    [
        ("nl_BE", "EUR 3.142.918,71", "USD -12.380,80", "12.380,80"),
        ("nl_NL", "EUR 3.142.918,71", "USD -12.380,80", "12.380,80"),
        ("en_GB", "EUR 3,142,918.71", "-USD 12,380.80", "12,380.80"),
        ("fr_BE", "3 142 918,71 EUR", "-12 380,80 USD", "12 380,80"),
        ("de_DE", "3.142.918,71 EUR", "-12.380,80 USD", "12.380,80"),
    ],
)
def test_amounts_follow_the_locale_with_the_currency_code(
    locale: str, euros: str, dollars: str, plain: str
) -> None:
    assert money(D("3142918.71"), "EUR", locale) == euros
    assert money(D("-12380.8"), "USD", locale) == dollars
    assert money(D("12380.80"), None, locale) == plain


def test_every_amount_has_the_currencys_digits() -> None:
    assert money(D("54"), "EUR") == "EUR 54,00"
    assert money(D("1000"), "JPY") == "JPY 1.000"
    assert money(D("0.005"), "EUR") == "EUR 0,01"


def test_known_and_unknown_locales() -> None:
    assert is_known_locale("nl_BE") and is_known_locale("en")
    assert not is_known_locale("Dutch") and not is_known_locale("xx_YY")
