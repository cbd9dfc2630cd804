"""Settings: built-in defaults with the values of a TOML file over them.

`pipeline config` prints `settings_toml(load_settings(FILE))`: every key with a comment saying
what it does, so the printed defaults are also the documentation of the file. Every key is
optional; a key that is not given keeps its default.
"""

from __future__ import annotations

import difflib
import fnmatch
import math
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NoReturn

from pipeline.countries import standard_rate
from pipeline.errors import ConfigError
from pipeline.register import RegisterSpec, register_name, register_spec

VatCase = Literal["reverse_charge", "domestic", "non_eu"]
CsvDialect = Literal["excel-nl", "plain"]

VAT_CASES: tuple[VatCase, ...] = ("reverse_charge", "domestic", "non_eu")
CSV_DIALECTS: tuple[CsvDialect, ...] = ("excel-nl", "plain")
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class ProductAccount:
    """Books products whose name matches `pattern` on `account`.

    The pattern is a case-insensitive substring, or a case-insensitive glob over the whole
    product name when it contains `*`, `?` or `[`.
    """

    pattern: str
    account: str

    def matches(self, product: str) -> bool:
        name, pattern = product.casefold(), self.pattern.casefold()
        if _GLOB_CHARACTERS.intersection(pattern):
            return fnmatch.fnmatchcase(name, pattern)
        return pattern in name


@dataclass(frozen=True, slots=True)
class VatRule:
    """VAT code and return boxes for one VAT case of invoices to a buyer in `country`.

    `deductible` says whether the VAT of the case (charged, or self-assessed under reverse
    charge) is booked on the deductible-VAT account or, when false, added to the expense.
    """

    country: str
    case: VatCase
    code: str
    boxes: str
    deductible: bool


DEFAULT_VAT: tuple[VatRule, ...] = (
    VatRule("BE", "reverse_charge", "EU-S-21", "82,88,55,59", True),
    VatRule("BE", "domestic", "VAT-21", "82,59", True),
    VatRule("BE", "non_eu", "NON-EU", "82", False),
    VatRule("NL", "reverse_charge", "EU-S-21", "4b,5b", True),
    VatRule("NL", "domestic", "VAT-21", "5b", True),
    VatRule("NL", "non_eu", "NON-EU", "", False),
)


def _vat_order(rule: VatRule) -> tuple[str, int]:
    return rule.country, VAT_CASES.index(rule.case)


#: The default buyer's (Belgian) standard VAT rate.
_BELGIAN_RATE = standard_rate("BE")


@dataclass(frozen=True, slots=True)
class Settings:
    journal: str = "AANK"
    deferral_journal: str = "DIV"
    ap_account: str = "440000"
    expense_account: str = "613310"
    product_accounts: tuple[ProductAccount, ...] = ()
    vat_deductible_account: str = "411000"
    vat_due_account: str = "451000"
    deferral_account: str = "490000"
    buyer_country: str = "BE"
    buyer_vat_rate: Decimal = _BELGIAN_RATE
    vat: tuple[VatRule, ...] = DEFAULT_VAT
    financial_year_end: tuple[int, int] = (12, 31)
    deferral_threshold: Decimal = Decimal("0.00")
    csv_dialect: CsvDialect = "excel-nl"
    register_path: RegisterSpec = field(default_factory=lambda: Path("exports/register.sqlite"))
    time_limit: float = 30.0
    jobs: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "vat", tuple(sorted(self.vat, key=_vat_order)))

    def gl_account(self, product: str) -> str:
        """The account of the first product pattern that matches, else the expense account."""
        for mapping in self.product_accounts:
            if mapping.matches(product):
                return mapping.account
        return self.expense_account

    def vat_rule(self, case: VatCase) -> VatRule:
        """The VAT code and boxes of `case` for the configured buyer country."""
        for rule in self.vat:
            if rule.country == self.buyer_country and rule.case == case:
                return rule
        raise ConfigError(
            f"vat.{self.buyer_country}.{case}: no VAT code configured for buyer_country "
            f"{self.buyer_country}"
        )

    def year_end_containing(self, day: date) -> date:
        """The last day of the financial year that contains `day`."""
        month, last = self.financial_year_end
        year_end = date(day.year, month, last)
        return year_end if day <= year_end else date(day.year + 1, month, last)


# ---------------------------------------------------------------- documentation of the keys

_TOP_DOCS: dict[str, str] = {
    "journal": "Purchase journal code of the supplier invoices.",
    "deferral_journal": "Journal code of the year-end deferral entries and their reversals.",
    "buyer_country": "Country of the buyer (ISO code); selects the [vat.<country>] tables.",
    "buyer_vat_rate": "VAT rate (%) the buyer self-assesses on reverse-charge invoices.",
    "financial_year_end": 'Last day of the financial year, "MM-DD".',
    "deferral_threshold": (
        "Defer the part of a line's service period after the financial year end only when\n"
        "that part is at least this amount (0 = always)."
    ),
    "csv_dialect": (
        '"excel-nl": UTF-8 with BOM, ";" and decimal comma (Dutch-locale Excel);\n'
        '"plain": "," and decimal point.'
    ),
    "register": (
        "Register of exported invoices (prevents booking one twice): an SQLite file (a relative\n"
        'path is relative to the current directory), or "postgresql://user@host/database" for\n'
        "one register shared by every machine of an office."
    ),
    "time_limit": "Seconds one PDF may take to read before it is reported as unreadable.",
    "jobs": 'Worker processes: a number, or "auto" for one per CPU core.',
}
_ACCOUNT_DOCS: dict[str, str] = {
    "ap": "Supplier (accounts payable) account, credited with the invoice total.",
    "expense": "Expense account of products that no [[accounts.products]] pattern matches.",
    "vat_deductible": "Deductible VAT account.",
    "vat_due": "VAT due account (self-assessed VAT under reverse charge).",
    "deferral": "Deferred expenses account (year-end deferral).",
}
_PRODUCTS_DOC = """\
Expense account per product, in order; the first matching pattern wins. A pattern is a
case-insensitive substring of the product name, or a glob over the whole name when it
contains * ? or [ (for example "Exchange Online*")."""
_VAT_DOC = """\
VAT code and return boxes per buyer country and case; `deductible = false` books the VAT
of that case as part of the expense instead of on the deductible-VAT account.
  reverse_charge: 0 % VAT from a supplier in another EU country; the buyer self-assesses
                  buyer_vat_rate (BE: base in grids 82 and 88, VAT due 55, deductible 59;
                  NL: rubric 4b due, 5b deductible).
  domestic:       VAT charged on the invoice by a supplier with an EU VAT number (Microsoft
                  Ireland charges the buyer's country rate when no VAT number is given)
                  (BE: base 82, deductible 59; NL: 5b).
  non_eu:         a supplier without an EU VAT number (Microsoft Corporation); tax it charges,
                  such as US sales tax, is not recoverable VAT and is added to the expense
                  (BE: base 82; NL: no box)."""

_ACCOUNT_FIELDS: dict[str, str] = {
    "ap": "ap_account",
    "expense": "expense_account",
    "vat_deductible": "vat_deductible_account",
    "vat_due": "vat_due_account",
    "deferral": "deferral_account",
}
_VAT_RULE_KEYS = ("code", "boxes", "deductible")


# ---------------------------------------------------------------- rendering


def settings_toml(settings: Settings) -> str:
    """The effective configuration as a commented TOML file that loads back to `settings`."""
    return "\n".join(_toml_lines(settings)) + "\n"


def _toml_lines(settings: Settings) -> Iterator[str]:
    yield "# invoice-pipeline configuration. Every key is optional; a key left out keeps the"
    yield "# default. `python -m pipeline config --config FILE` prints the effective values."
    top: dict[str, str] = {
        "journal": _toml_string(settings.journal),
        "deferral_journal": _toml_string(settings.deferral_journal),
        "buyer_country": _toml_string(settings.buyer_country),
        "buyer_vat_rate": _toml_decimal(settings.buyer_vat_rate),
        "financial_year_end": _toml_string("{:02d}-{:02d}".format(*settings.financial_year_end)),
        "deferral_threshold": _toml_decimal(settings.deferral_threshold),
        "csv_dialect": _toml_string(settings.csv_dialect),
        "register": _toml_string(register_name(settings.register_path)),
        "time_limit": repr(settings.time_limit),
        "jobs": _toml_string("auto") if settings.jobs is None else str(settings.jobs),
    }
    for key, value in top.items():
        yield ""
        yield from _comment(_TOP_DOCS[key])
        yield f"{key} = {value}"
    yield ""
    yield "[accounts]"
    for key, attribute in _ACCOUNT_FIELDS.items():
        yield from _comment(_ACCOUNT_DOCS[key])
        yield f"{key} = {_toml_string(getattr(settings, attribute))}"
    yield ""
    yield from _comment(_PRODUCTS_DOC)
    if not settings.product_accounts:
        yield "# [[accounts.products]]"
        yield '# pattern = "Exchange Online*"'
        yield '# account = "613320"'
    for mapping in settings.product_accounts:
        yield "[[accounts.products]]"
        yield f"pattern = {_toml_string(mapping.pattern)}"
        yield f"account = {_toml_string(mapping.account)}"
    yield ""
    yield from _comment(_VAT_DOC)
    for rule in settings.vat:
        yield f"[vat.{rule.country}.{rule.case}]"
        yield f"code = {_toml_string(rule.code)}"
        yield f"boxes = {_toml_string(rule.boxes)}"
        yield f"deductible = {'true' if rule.deductible else 'false'}"


def _comment(text: str) -> Iterator[str]:
    for line in text.splitlines():
        yield f"# {line}".rstrip()


def _toml_decimal(value: Decimal) -> str:
    return format(value, "f")


_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# ---------------------------------------------------------------- loading


def load_settings(path: Path | None) -> Settings:
    """The defaults, with the values of the TOML file at `path` (if any) over them.

    Raises ConfigError naming the file (and the key) when the file is missing or unreadable,
    is not TOML, has an unknown key, or a value of the wrong type or range.
    """
    if path is None:
        return Settings()
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError("no such configuration file", file=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a configuration file", file=str(path)) from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror}", file=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", file=str(path)) from None
    return settings_from_toml(text, str(path))


def settings_from_toml(text: str, file: str = "<config>") -> Settings:
    """The defaults with the values of the TOML `text` over them; `file` names it in errors."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", file=file) from None
    return _Reader(file).settings(data)


class _Table:
    """One TOML table being read: rejects unknown keys, prefixes keys in messages."""

    def __init__(
        self, reader: _Reader, data: dict[str, Any], prefix: str, allowed: tuple[str, ...]
    ) -> None:
        self.reader, self.data, self.prefix = reader, data, prefix
        for name in data:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                reader.fail(self.key(name), f"unknown key{hint}")

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def __contains__(self, name: str) -> bool:
        return name in self.data

    def string(self, name: str, default: str, *, empty: bool = False) -> str:
        if name not in self.data:
            return default
        value = self.data[name]
        if not isinstance(value, str):
            self.reader.fail(self.key(name), f"must be a quoted string, not {_kind(value)}")
        if not empty and not value.strip():
            self.reader.fail(self.key(name), "must not be empty")
        return value

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.string(name, default)
        if value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.reader.fail(self.key(name), f'must be one of {options}, not "{value}"')
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            self.reader.fail(self.key(name), f"must be true or false, not {_kind(value)}")
        return value

    def decimal(self, name: str, default: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
        if name not in self.data:
            return default
        value = self.data[name]
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.reader.fail(self.key(name), f"must be a number, not {_kind(value)}")
        number = Decimal(value)
        if not number.is_finite() or number < low or (high is not None and number > high):
            upper = f" and at most {high}" if high is not None else ""
            self.reader.fail(self.key(name), f"must be at least {low}{upper}, not {value}")
        return number

    def table(self, name: str, allowed: tuple[str, ...] | None = None) -> _Table:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.reader.fail(self.key(name), f"must be a table, not {_kind(value)}")
        keys = tuple(value) if allowed is None else allowed
        return _Table(self.reader, value, f"{self.key(name)}.", keys)


@dataclass(frozen=True, slots=True)
class _Reader:
    file: str

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ConfigError(f"{key}: {problem}", file=self.file)

    def settings(self, data: dict[str, Any]) -> Settings:
        defaults = Settings()
        top = _Table(self, data, "", (*_TOP_DOCS, "accounts", "vat"))
        accounts = top.table("accounts", (*_ACCOUNT_FIELDS, "products"))
        buyer_country = self.country(top, "buyer_country", defaults.buyer_country)
        vat = self.vat_rules(top.table("vat"))
        settings = Settings(
            journal=top.string("journal", defaults.journal),
            deferral_journal=top.string("deferral_journal", defaults.deferral_journal),
            ap_account=accounts.string("ap", defaults.ap_account),
            expense_account=accounts.string("expense", defaults.expense_account),
            product_accounts=self.product_accounts(accounts),
            vat_deductible_account=accounts.string(
                "vat_deductible", defaults.vat_deductible_account
            ),
            vat_due_account=accounts.string("vat_due", defaults.vat_due_account),
            deferral_account=accounts.string("deferral", defaults.deferral_account),
            buyer_country=buyer_country,
            buyer_vat_rate=top.decimal(
                "buyer_vat_rate", defaults.buyer_vat_rate, Decimal(0), Decimal(100)
            ),
            vat=vat,
            financial_year_end=self.year_end(top, defaults.financial_year_end),
            deferral_threshold=top.decimal(
                "deferral_threshold", defaults.deferral_threshold, Decimal(0), None
            ),
            csv_dialect=_csv_dialect(top.choice("csv_dialect", defaults.csv_dialect, CSV_DIALECTS)),
            register_path=register_spec(top.string("register", str(defaults.register_path))),
            time_limit=self.time_limit(top, defaults.time_limit),
            jobs=self.jobs(top, defaults.jobs),
        )
        if not any(rule.country == buyer_country for rule in vat):
            self.fail(
                f"vat.{buyer_country}",
                f"buyer_country is {buyer_country} but no [vat.{buyer_country}.<case>] tables "
                f"give its VAT codes (cases: {', '.join(VAT_CASES)})",
            )
        return settings

    def country(self, table: _Table, name: str, default: str) -> str:
        value = table.string(name, default)
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            self.fail(table.key(name), f'must be a two-letter country code, not "{value}"')
        return value.upper()

    def year_end(self, table: _Table, default: tuple[int, int]) -> tuple[int, int]:
        key = "financial_year_end"
        value = table.string(key, "{:02d}-{:02d}".format(*default))
        match = re.fullmatch(r"(\d{2})-(\d{2})", value)
        try:
            if not match:
                raise ValueError
            month, day = int(match[1]), int(match[2])
            date(2001, month, day)
        except ValueError:
            self.fail(table.key(key), f'must be a day of a common year as "MM-DD", not "{value}"')
        return month, day

    def time_limit(self, table: _Table, default: float) -> float:
        value = table.decimal("time_limit", Decimal(repr(default)), Decimal(0), None)
        seconds = float(value)
        if seconds <= 0 or not math.isfinite(seconds):
            self.fail(table.key("time_limit"), f"must be a positive number of seconds, not {value}")
        return seconds

    def jobs(self, table: _Table, default: int | None) -> int | None:
        if "jobs" not in table:
            return default
        value = table.data["jobs"]
        if value == "auto":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(
                table.key("jobs"), f'must be a positive whole number or "auto", not {_kind(value)}'
            )
        return value

    def product_accounts(self, accounts: _Table) -> tuple[ProductAccount, ...]:
        if "products" not in accounts:
            return ()
        value = accounts.data["products"]
        key = accounts.key("products")
        if not isinstance(value, list):
            self.fail(key, f"must be an array of tables ([[{key}]]), not {_kind(value)}")
        mappings = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.fail(f"{key}[{index}]", f"must be a table, not {_kind(item)}")
            entry = _Table(self, item, f"{key}[{index}].", ("pattern", "account"))
            for required in ("pattern", "account"):
                if required not in entry:
                    self.fail(entry.key(required), "is missing")
            mappings.append(
                ProductAccount(entry.string("pattern", ""), entry.string("account", ""))
            )
        return tuple(mappings)

    def vat_rules(self, vat: _Table) -> tuple[VatRule, ...]:
        rules = {(rule.country, rule.case): rule for rule in DEFAULT_VAT}
        for country_key in vat.data:
            if not re.fullmatch(r"[A-Z]{2}", country_key):
                self.fail(vat.key(country_key), "must be a two-letter upper-case country code")
            cases = vat.table(country_key, VAT_CASES)
            for case in VAT_CASES:
                if case not in cases:
                    continue
                rules[country_key, case] = self.vat_rule(
                    cases.table(case, _VAT_RULE_KEYS), country_key, case, rules
                )
            for case in VAT_CASES:
                if (country_key, case) not in rules:
                    self.fail(cases.key(case), "is missing (every country needs all three cases)")
        return tuple(rules.values())

    def vat_rule(
        self,
        table: _Table,
        country: str,
        case: VatCase,
        rules: dict[tuple[str, VatCase], VatRule],
    ) -> VatRule:
        default = rules.get((country, case))
        if default is None:
            for required in ("code", "boxes"):
                if required not in table:
                    self.fail(table.key(required), "is missing")
            default = VatRule(country, case, "", "", case != "non_eu")
        return VatRule(
            country,
            case,
            table.string("code", default.code),
            table.string("boxes", default.boxes, empty=True),
            table.boolean("deductible", default.deductible),
        )


def _csv_dialect(value: str) -> CsvDialect:
    return next(dialect for dialect in CSV_DIALECTS if dialect == value)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the string "{value}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"the {type(value).__name__} {value}"
