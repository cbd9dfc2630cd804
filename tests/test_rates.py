"""Exchange rates read from the ECB's CSV as published and from a plain CSV."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.rates import (
    LOOKBACK_DAYS,
    Conversion,
    RatesError,
    identity,
    load_rates,
    rates_from_csv,
)

D = Decimal
#: The head of eurofxref-hist.csv as the ECB publishes it: newest first, N/A, a trailing comma.
ECB_HIST = (
    "Date,USD,JPY,BGN,CYP,CZK,GBP,NOK,\n"
    "2026-01-16,1.0845,171.23,N/A,N/A,24.321,0.8512,11.5290,\n"
    "2026-01-15,1.0901,170.50,N/A,N/A,24.300,0.8499,11.5010,\n"
    "1999-01-04,1.1789,133.73,N/A,0.58231,35.107,0.7111,8.8550,\n"
)
#: The one-day eurofxref.csv: spaces after the commas, the date written out.
ECB_DAILY = "Date, USD, JPY, NOK, \n16 January 2026, 1.0845, 171.23, 11.5290, \n"
PLAIN = "date,currency,rate\n2026-01-16,USD,1.0845\n2026-01-16,NOK,11.529\n"


def test_the_ecb_history_gives_each_currencys_rate_of_the_day() -> None:
    rates = rates_from_csv(ECB_HIST, "eurofxref-hist.csv")
    assert rates.per_euro("USD", date(2026, 1, 16)) == (date(2026, 1, 16), D("1.0845"))
    assert rates.per_euro("USD", date(2026, 1, 15)) == (date(2026, 1, 15), D("1.0901"))
    assert rates.per_euro("CYP", date(1999, 1, 4)) == (date(1999, 1, 4), D("0.58231"))
    assert rates.per_euro("CYP", date(2026, 1, 16)) is None  # N/A since the euro came
    assert rates.per_euro("BGN", date(2026, 1, 16)) is None
    assert rates.currencies() == {"EUR", "USD", "JPY", "CZK", "GBP", "NOK", "CYP"}


def test_the_daily_file_and_the_plain_csv_give_the_same_rates() -> None:
    day = date(2026, 1, 16)
    daily, plain = rates_from_csv(ECB_DAILY), rates_from_csv(PLAIN)
    for currency, rate in (("USD", D("1.0845")), ("NOK", D("11.529"))):
        assert daily.per_euro(currency, day) == plain.per_euro(currency, day) == (day, rate)


def test_a_weekend_takes_the_last_earlier_rate_within_the_lookback() -> None:
    rates = rates_from_csv(ECB_HIST)
    friday = date(2026, 1, 16)
    for days in range(LOOKBACK_DAYS + 1):
        assert rates.per_euro("USD", friday + timedelta(days)) == (friday, D("1.0845"))
    assert rates.per_euro("USD", friday + timedelta(LOOKBACK_DAYS + 1)) is None
    assert rates.per_euro("USD", date(1999, 1, 3)) is None  # before the first rate


def test_conversions_go_through_the_euro_and_round_half_up() -> None:
    rates = rates_from_csv(ECB_HIST)
    day = date(2026, 1, 16)
    to_euro = rates.conversion("USD", "EUR", day)
    assert to_euro == Conversion("USD", "EUR", D("1.0845"), day)
    assert to_euro.convert(D("1000.00")) == D("922.08")  # 922.0839…
    assert to_euro.convert(D("-54.23")) == D("-50.00")  # -50.0046…
    from_euro = rates.conversion("EUR", "NOK", day)
    assert from_euro is not None
    assert from_euro.rate == D("0.0867378")  # 1 / 11.5290, six significant digits
    assert from_euro.convert(D("100.00")) == D("1152.90")
    cross = rates.conversion("USD", "GBP", day)
    assert cross is not None
    assert (cross.rate, cross.convert(D("100.00"))) == (D("1.27408"), D("78.49"))
    assert rates.conversion("EUR", "EUR", day) == identity("EUR")
    assert rates.conversion("CAD", "EUR", day) is None


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_converting_to_the_same_currency_keeps_the_amount(amount: Decimal) -> None:
    assert identity("USD").convert(amount) == amount


@given(
    st.decimals(min_value=-(10**7), max_value=10**7, places=2),
    st.decimals(min_value=D("0.0001"), max_value=D("2000"), places=4),
)
def test_a_converted_amount_is_to_the_cent_and_within_half_a_cent(
    amount: Decimal, rate: Decimal
) -> None:
    converted = Conversion("USD", "EUR", rate, None).convert(amount)
    assert converted == converted.quantize(D("0.01"))
    assert abs(converted - amount / rate) <= D("0.005")


BAD_FILES = [
    ("", "is empty: no exchange rates"),
    (
        "when,what\n1,2\n",
        "is neither the ECB reference-rate CSV (Date,USD,JPY,…) nor a date,currency,rate CSV",
    ),
    ("Date,USD,\n16/01/2026,1.08,\n", 'line 2: "16/01/2026" is not a date (YYYY-MM-DD)'),
    ("Date,USD,\n2026-01-16,abc,\n", 'line 2: "abc" is not a positive rate'),
    ("Date,USD,\n2026-01-16,0,\n", 'line 2: "0" is not a positive rate'),
    ("Date,DOLLAR,\n2026-01-16,1.08,\n", 'line 1: "DOLLAR" is not a currency code (USD)'),
    ("date,currency,rate\n2026-01-16,USD\n", "line 2: expected date,currency,rate"),
    (
        "date,currency,rate\n2026-01-16,USD,1.08\n2026-01-16,usd,1.09\n",
        "line 3: a second USD rate for 2026-01-16 (1.09; line 2 says 1.08)",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_a_bad_rates_file_is_an_error_naming_the_file_and_line(
    text: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RatesError) as raised:
        load_rates(path)
    assert str(raised.value) == f"{path}: {message}"


def test_a_missing_or_binary_rates_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RatesError, match="no such exchange-rates file"):
        load_rates(tmp_path / "absent.csv")
    (tmp_path / "zip.csv").write_bytes(b"PK\x03\x04\xff\xfe")
    with pytest.raises(RatesError, match="is not UTF-8 text"):
        load_rates(tmp_path / "zip.csv")


def test_a_file_with_a_bom_reads_like_one_without(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes(b"\xef\xbb\xbf" + PLAIN.encode())
    assert load_rates(path).per_euro("USD", date(2026, 1, 16)) == (date(2026, 1, 16), D("1.0845"))
