"""Exchange rates from a file the user provides, and amounts converted at them.

Two layouts are read, told apart by their header:

* the European Central Bank's reference rates as published: `eurofxref-hist.csv` (and the
  one-day `eurofxref.csv`): `Date,USD,JPY,…` with one row per business day, `N/A` where a
  currency had no rate, a trailing comma on every row, dates ISO or written (`04 December 2026`);
* a plain `date,currency,rate` CSV, one rate per row.

Both quote a rate as the ECB does: units of the currency per one euro (`2026-01-15,USD,1.0845`).
Any pair of currencies converts through the euro.

A day without a rate (a weekend or a TARGET holiday, on which the ECB publishes none) takes
the last rate published before it, at most `LOOKBACK_DAYS` days earlier, as the ECB's own
practice for those days; an older rate is not used: the file lacks that period.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path

from pipeline.config import user_text
from pipeline.errors import PipelineError
from pipeline.parsing import r2

EURO = "EUR"
#: The longest run of days without an ECB rate: Good Friday to Easter Monday, or Christmas.
LOOKBACK_DAYS = 4
#: A rate computed across two currencies keeps as many significant digits as the ECB quotes.
_CROSS_RATE = Context(prec=6, rounding=ROUND_HALF_UP)


class RatesError(PipelineError):
    """The rates file is missing, unreadable or has a row that is not a rate."""


@dataclass(frozen=True, slots=True)
class Conversion:
    """From `source` to `target` currency: `rate` units of `source` per one unit of `target`
    (EUR 1 = USD 1.0845 converts USD to EUR at 1.0845), the rate of `rate_date`."""

    source: str
    target: str
    rate: Decimal
    rate_date: date | None

    def convert(self, amount: Decimal) -> Decimal:
        """`amount` of the source currency in the target currency, half up to the cent."""
        if self.source == self.target:
            return amount
        return r2(amount / self.rate)


def identity(currency: str) -> Conversion:
    """No conversion: an amount booked in its own currency."""
    return Conversion(currency, currency, Decimal(1), None)


@dataclass(frozen=True, slots=True)
class ExchangeRates:
    """Rates per currency (units per euro), each currency's days in ascending order."""

    file: str
    days: Mapping[str, tuple[date, ...]]
    rates: Mapping[str, tuple[Decimal, ...]]

    def per_euro(self, currency: str, day: date) -> tuple[date, Decimal] | None:
        """The rate of `currency` on `day`, else the last before it within LOOKBACK_DAYS."""
        if currency == EURO:
            return day, Decimal(1)
        days = self.days.get(currency, ())
        index = bisect.bisect_right(days, day) - 1
        if index < 0 or (day - days[index]).days > LOOKBACK_DAYS:
            return None
        return days[index], self.rates[currency][index]

    def conversion(self, source: str, target: str, day: date) -> Conversion | None:
        """How to convert `source` amounts of `day` to `target`, or None without a rate."""
        if source == target:
            return identity(source)
        source_rate = self.per_euro(source, day)
        target_rate = self.per_euro(target, day)
        if source_rate is None or target_rate is None:
            return None
        rate_date = min(source_rate[0], target_rate[0])
        if target == EURO:
            return Conversion(source, target, source_rate[1], rate_date)
        rate = _CROSS_RATE.divide(source_rate[1], target_rate[1])
        return Conversion(source, target, rate, rate_date)

    def currencies(self) -> frozenset[str]:
        return frozenset(self.days) | {EURO}


def no_rates() -> ExchangeRates:
    """No rates file: only amounts already in the target currency can be booked."""
    return ExchangeRates("", {}, {})


def load_rates(path: Path) -> ExchangeRates:
    """The rates of the file at `path`; RatesError naming the file (and line) otherwise."""
    return rates_from_csv(user_text(path, "exchange-rates file", RatesError), str(path))


def rates_from_csv(text: str, file: str = "<rates>") -> ExchangeRates:
    """The rates of a CSV `text` in either layout; `file` names it in errors."""
    rows = [
        (number, [cell.strip() for cell in row])
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise RatesError("is empty: no exchange rates", file=file)
    header = [cell.casefold() for cell in rows[0][1]]
    if header[:3] == ["date", "currency", "rate"]:
        quotes = _plain_quotes(rows[1:], file)
    elif header[:1] == ["date"] and len(header) > 1:
        quotes = _ecb_quotes(rows[0][1], rows[1:], file)
    else:
        raise RatesError(
            "is neither the ECB reference-rate CSV (Date,USD,JPY,…) nor a date,currency,rate CSV",
            file=file,
        )
    return _collected(quotes, file)


_Quote = tuple[int, str, date, Decimal]


def _plain_quotes(rows: list[tuple[int, list[str]]], file: str) -> Iterator[_Quote]:
    for number, row in rows:
        if len(row) < 3:
            raise RatesError(f"line {number}: expected date,currency,rate", file=file)
        yield (
            number,
            _currency(row[1], number, file),
            _day(row[0], number, file),
            _rate(row[2], number, file),
        )


def _ecb_quotes(
    header: list[str], rows: list[tuple[int, list[str]]], file: str
) -> Iterator[_Quote]:
    currencies = [_currency(name, 1, file) if name else "" for name in header[1:]]
    for number, row in rows:
        day = _day(row[0], number, file)
        for currency, cell in zip(currencies, row[1:], strict=False):
            if currency and cell and cell.upper() != "N/A":
                yield number, currency, day, _rate(cell, number, file)


def _collected(quotes: Iterator[_Quote], file: str) -> ExchangeRates:
    found: dict[str, dict[date, tuple[int, Decimal]]] = {}
    for number, currency, day, rate in quotes:
        earlier = found.setdefault(currency, {}).get(day)
        if earlier is not None and earlier[1] != rate:
            raise RatesError(
                f"line {number}: a second {currency} rate for {day} ({rate}; line {earlier[0]} "
                f"says {earlier[1]})",
                file=file,
            )
        found[currency][day] = (number, rate)
    days = {currency: tuple(sorted(by_day)) for currency, by_day in found.items()}
    rates = {
        currency: tuple(found[currency][day][1] for day in days[currency]) for currency in days
    }
    return ExchangeRates(file, days, rates)


def _day(text: str, number: int, file: str) -> date:
    for shape in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, shape).date()
        except ValueError:
            continue
    raise RatesError(f'line {number}: "{text}" is not a date (YYYY-MM-DD)', file=file)


def _currency(text: str, number: int, file: str) -> str:
    if len(text) != 3 or not text.isalpha():
        raise RatesError(f'line {number}: "{text}" is not a currency code (USD)', file=file)
    return text.upper()


def _rate(text: str, number: int, file: str) -> Decimal:
    try:
        rate = Decimal(text)
    except InvalidOperation:
        rate = Decimal(0)
    if not rate.is_finite() or rate <= 0:
        raise RatesError(f'line {number}: "{text}" is not a positive rate', file=file)
    return rate
