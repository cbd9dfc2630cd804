"""Pure locale parsers: printed amounts to Decimal, printed dates to date.

The decimal mark and the day/month order are properties of a whole document, decided from all
its values (see `decimal_mark_of` and `DateOrder`), never guessed per value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Literal

DecimalMark = Literal[".", ","]
DateOrder = Literal["dmy", "mdy"]

CENT = Decimal("0.01")
SPACES = " \u00a0\u202f\u2009\u2007"
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}
CURRENCY_CODES = frozenset(
    {"EUR", "USD", "GBP", "CAD", "NOK", "SEK", "DKK", "CHF", "PLN", "CZK", "AUD", "NZD", "JPY"}
)


def is_currency(text: str) -> bool:
    """A word that is only a currency: a sign (`€`) or a code (`EUR`)."""
    return text in CURRENCY_SYMBOLS or text in CURRENCY_CODES


_AMOUNT = re.compile(
    r"""^(?P<sign>[-−–]?)\(?(?P<sign2>[-−–]?)
        (?P<num>\d{1,3}(?:[.,\u00a0\u202f\u2009\u2007 ]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)
        \)?(?P<sign3>[-−]?)$""",
    re.VERBOSE,
)


def _number_shape(mark: DecimalMark, group: str) -> re.Pattern[str]:
    """The number part under `mark`: `group` or a space only between groups of three digits."""
    return re.compile(
        rf"\d{{1,3}}(?:[{re.escape(SPACES + group)}]\d{{3}})*(?:{re.escape(mark)}\d+)?"
        rf"|\d+(?:{re.escape(mark)}\d+)?"
    )


_NUMBER: dict[DecimalMark, re.Pattern[str]] = {
    ".": _number_shape(".", ","),
    ",": _number_shape(",", "."),
}


#: Wide enough for any amount a PDF can print: quantize never runs out of digits.
_WIDE = Context(prec=120)


def r2(value: Decimal) -> Decimal:
    """Round half up (away from zero on a tie) to the cent, as Microsoft rounds each line."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=_WIDE)


def strip_currency(text: str) -> tuple[str, str | None]:
    """The text without a leading or trailing currency symbol or ISO code, and that currency."""
    text = text.strip().strip(SPACES)
    currency = None
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in text:
            text = text.replace(symbol, "")
            currency = code
    match = re.match(r"^([A-Z]{3})\s*(.*)$|^(.*?)\s*([A-Z]{3})$", text)
    if match:
        code = match.group(1) or match.group(4)
        if code in CURRENCY_CODES:
            text = match.group(2) if match.group(1) else match.group(3)
            currency = code
    return text.strip(SPACES + " "), currency


def is_amount(text: str) -> bool:
    """True for anything `parse_amount` accepts under one of the two decimal marks."""
    body, _ = strip_currency(text)
    balanced = body.count("(") == body.count(")")
    return bool(body) and balanced and _AMOUNT.match(body) is not None


def amount_mark(text: str) -> DecimalMark | None:
    """The decimal mark a single printed amount proves, or None when it could be either."""
    body, _ = strip_currency(text)
    body = body.strip("()-−– ")
    seps = [(i, c) for i, c in enumerate(body) if c in ".,"]
    if not seps:
        return None
    last_index, last = seps[-1]
    if len({c for _, c in seps}) == 2:
        return "." if last == "." else ","
    digits_after = len(body) - last_index - 1
    if len(seps) > 1:
        return None if digits_after == 3 else ("." if last == "." else ",")
    if digits_after == 3:
        return None
    return "." if last == "." else ","


def decimal_mark_of(texts: Iterable[str]) -> DecimalMark:
    """The document's decimal mark: the majority of the amounts that prove one ('.' if none)."""
    votes = {".": 0, ",": 0}
    for text in texts:
        mark = amount_mark(text)
        if mark:
            votes[mark] += 1
    return "," if votes[","] > votes["."] else "."


def parse_amount(text: str, mark: DecimalMark) -> Decimal:
    """A printed amount as an exact Decimal: `1.234,56`, `(10.36)`, `€ 54,00`, `2,175.00 USD`.

    Raises ValueError when the text is not an amount under `mark` (`1,5` or `1.234,56` under ".").
    """
    body, _ = strip_currency(text)
    match = _AMOUNT.match(body)
    unbalanced = body.count("(") != body.count(")")
    if not match or unbalanced or not _NUMBER[mark].fullmatch(match["num"]):
        raise ValueError(f"not an amount: {text!r}")
    negative = bool(match["sign"] or match["sign2"] or match["sign3"]) or (
        body.startswith("(") and body.endswith(")")
    )
    thousands = "," if mark == "." else "."
    number = match["num"]
    for char in SPACES + thousands:
        number = number.replace(char, "")
    number = number.replace(mark, ".")
    try:
        value = Decimal(number)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    return -value if negative else value


def parse_percent(text: str, mark: DecimalMark) -> Decimal:
    """`21%`, `21 %`, `8,75 %`, `23.00%` → Decimal('21'), Decimal('8.75'), Decimal('23')."""
    body = text.replace("%", "").strip(SPACES + " ")
    value = parse_amount(body, mark)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def format_amount(value: Decimal, mark: DecimalMark, group: str = "") -> str:
    """The inverse of `parse_amount` for tests and samples: two decimals, optional grouping."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):.2f}".partition(".")
    if group:
        parts: list[str] = []
        while len(whole) > 3:
            parts.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = group.join([whole, *parts])
    return f"{sign}{whole}{mark}{frac}"


# --- dates -----------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
}
for _names in _MONTH_NAMES.values():
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS[_name] = _number
        MONTHS.setdefault(_name[:3], _number)
MONTHS.update({"mrt": 3, "maerz": 3, "sept": 9, "okt": 10, "déc": 12, "févr": 2, "juil": 7})


def month_number(word: str) -> int | None:
    """The month a written month name means, in any of the four languages ('Mar.', 'août')."""
    key = word.strip(".,").casefold()
    if key in MONTHS:
        return MONTHS[key]
    plain = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    for name, number in MONTHS.items():
        if unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode() == plain:
            return number
    return None


_NUMERIC_DATE = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class PrintedDate:
    """A date as printed, before the document's day/month order is applied.

    `first` and `second` are the two leading numbers of `dd/mm/yyyy` or `mm/dd/yyyy`; for ISO
    and written dates the order is already known and `fixed` holds the date.
    """

    text: str
    first: int = 0
    second: int = 0
    year: int = 0
    fixed: date | None = None

    def resolve(self, order: DateOrder) -> date | None:
        """The date under `order`, or None when it does not exist under it."""
        if self.fixed is not None:
            return self.fixed
        day, month = (self.first, self.second) if order == "dmy" else (self.second, self.first)
        try:
            return date(self.year, month, day)
        except ValueError:
            return None

    @property
    def proves(self) -> DateOrder | None:
        """The order this date alone proves: a number above 12 can only be a day."""
        if self.fixed is not None:
            return None
        if self.first > 12 >= self.second:
            return "dmy"
        if self.second > 12 >= self.first:
            return "mdy"
        return None


def printed_date(text: str) -> PrintedDate | None:
    """A numeric or ISO date token (`13/01/2012`, `04.08.2026`, `2026-07-22`), or None."""
    text = text.strip(" ,;:()")
    iso = _ISO_DATE.match(text)
    if iso:
        try:
            return PrintedDate(text, fixed=date(int(iso[1]), int(iso[2]), int(iso[3])))
        except ValueError:
            return None
    match = _NUMERIC_DATE.match(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    if not (1 <= first <= 31 and 1 <= second <= 31) or (first > 12 and second > 12):
        return None
    return PrintedDate(text, first, second, year)


_WRITTEN = re.compile(
    r"^(?:(?P<d1>\d{1,2})\.?\s+(?P<m1>[^\d\s,]+)\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[^\d\s,]+)\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))$"
)


def written_date(text: str) -> date | None:
    """`11 januari 2013`, `3. März 2026`, `4 août 2026`, `February 25, 2016`, or None."""
    match = _WRITTEN.match(" ".join(text.split()))
    if not match:
        return None
    day, month_word, year = (
        (match["d1"], match["m1"], match["y1"])
        if match["d1"]
        else (match["d2"], match["m2"], match["y2"])
    )
    month = month_number(month_word)
    if month is None:
        return None
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def month_year(text: str) -> tuple[int, int] | None:
    """`February 2016`, `März 2026` → (2016, 2); the month line of a family-B header."""
    parts = text.split()
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[1]):
        return None
    month = month_number(parts[0])
    return (int(parts[1]), month) if month else None


def format_date(value: date, order: DateOrder | Literal["ymd"], sep: str = "/") -> str:
    """The inverse of `printed_date` for tests and samples."""
    if order == "ymd":
        return value.isoformat()
    first, second = (value.day, value.month) if order == "dmy" else (value.month, value.day)
    return f"{first:02d}{sep}{second:02d}{sep}{value.year}"
