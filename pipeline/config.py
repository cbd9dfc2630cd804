"""Settings: built-in defaults with the values of a TOML file over them.

`pipeline config` prints `settings_toml(load_settings(FILE))`: every key with a comment saying
what it does, so the printed defaults are also the documentation of the file. Every key is
optional; a key that is not given keeps its default.
"""

from __future__ import annotations

import difflib
import fnmatch
import itertools
import math
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, NoReturn

from pipeline.countries import standard_rate
from pipeline.errors import ConfigError, PipelineError
from pipeline.limits import ReadLimits
from pipeline.money import DEFAULT_LOCALE, is_known_locale
from pipeline.places import default_register_path
from pipeline.register import RegisterSpec, is_postgres_url, register_name, register_spec
from pipeline.vatnumbers import vat_number_problem

VatCase = Literal["reverse_charge", "domestic", "foreign", "non_eu"]
CsvDialect = Literal["excel-nl", "plain"]

VAT_CASES: tuple[VatCase, ...] = ("reverse_charge", "domestic", "foreign", "non_eu")
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
    charge) is booked on the deductible-VAT account or, when false, added to the expense. VAT of
    another country (`foreign`) is never deductible.
    """

    country: str
    case: VatCase
    code: str
    boxes: str
    deductible: bool


FOREIGN_VAT_CODE = "FOREIGN-VAT"
DEFAULT_VAT: tuple[VatRule, ...] = (
    VatRule("BE", "reverse_charge", "EU-S-21", "82,88,55,59", True),
    VatRule("BE", "domestic", "VAT-21", "82,59", True),
    VatRule("BE", "foreign", FOREIGN_VAT_CODE, "", False),
    VatRule("BE", "non_eu", "NON-EU", "82", False),
    VatRule("NL", "reverse_charge", "EU-S-21", "4b,5b", True),
    VatRule("NL", "domestic", "VAT-21", "5b", True),
    VatRule("NL", "foreign", FOREIGN_VAT_CODE, "", False),
    VatRule("NL", "non_eu", "NON-EU", "", False),
)


def _vat_order(rule: VatRule) -> tuple[str, int]:
    return rule.country, VAT_CASES.index(rule.case)


#: The default buyer's (Belgian) standard VAT rate.
_BELGIAN_RATE = standard_rate("BE")


@dataclass(frozen=True, slots=True)
class Client:
    """A business whose books the export keeps (an office may keep several).

    An invoice addressed to its VAT number (or, when the invoice prints none, its name) is
    booked for it: with the VAT of its `country`, in its functional `currency`, with its own
    journal, accounts and output folder where it sets them (None: the general setting). The
    address and identifiers describe it as the buyer of a UBL file. `accounts` holds overrides
    as (key of [accounts], account) pairs.
    """

    name: str | None = None
    vat_number: str | None = None
    country: str = "BE"
    currency: str = "EUR"
    vat_rate: Decimal | None = None
    journal: str | None = None
    folder: str | None = None
    accounts: tuple[tuple[str, str], ...] = ()
    product_accounts: tuple[ProductAccount, ...] | None = None
    peppol_id: str | None = None
    legal_id: str | None = None
    street: str | None = None
    city: str | None = None
    post_code: str | None = None

    @property
    def label(self) -> str:
        """The client as people name it: its name, else its VAT number."""
        return self.name or self.vat_number or "(client)"


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
    register_path: RegisterSpec = field(default_factory=default_register_path)
    time_limit: float = 30.0
    memory_limit: int = 1024
    page_character_limit: int = 100_000
    character_limit: int = 1_000_000
    jobs: int | None = None
    foreign_vat_account: str = ""
    clients: tuple[Client, ...] = ()
    rates_path: Path | None = None
    locale: str = DEFAULT_LOCALE
    #: The functional currency of the books; None books each invoice in its own currency.
    currency: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "vat", tuple(sorted(self.vat, key=_vat_order)))

    def read_limits(self) -> ReadLimits:
        """The limits every PDF is read under."""
        return ReadLimits(
            self.time_limit, self.memory_limit, self.page_character_limit, self.character_limit
        )

    def for_client(self, client: Client) -> Settings:
        """These settings as they apply to `client`'s books: its country, VAT rate, currency,
        journal and accounts over the general ones."""
        changes: dict[str, Any] = {
            _ACCOUNT_FIELDS[key]: account for key, account in client.accounts
        }
        if client.product_accounts is not None:
            changes["product_accounts"] = client.product_accounts
        return replace(
            self,
            journal=client.journal or self.journal,
            buyer_country=client.country,
            buyer_vat_rate=_client_rate(client, self.buyer_vat_rate),
            currency=client.currency,
            clients=(),
            **changes,
        )

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


def _client_rate(client: Client, default: Decimal) -> Decimal:
    """The client's VAT rate: as configured, else its country's standard rate, else `default`."""
    if client.vat_rate is not None:
        return client.vat_rate
    try:
        return standard_rate(client.country)
    except KeyError:
        return default


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
        "path is relative to this file's folder; default: in the user's data folder, the same\n"
        'whatever the current folder), or "postgresql://user@host/database" for one register\n'
        "shared by every machine of an office."
    ),
    "time_limit": "Seconds one PDF may take to read before it is stopped and reported.",
    "memory_limit": (
        "MiB of memory one PDF may take to read (enforced on Linux and macOS; 0 = no limit)."
    ),
    "page_character_limit": "Characters one page may draw before the PDF is reported unread.",
    "character_limit": "Characters one PDF may draw in all before it is reported unread.",
    "jobs": 'Worker processes: a number, or "auto" for one per CPU core.',
    "rates": (
        "Exchange-rates file for invoices in another currency than the client's: the ECB's\n"
        "eurofxref-hist.csv as published, or a date,currency,rate CSV (units per euro).\n"
        "Relative to this file's folder. A day without a rate takes the last one of the 4 days\n"
        'before. "" = no file.'
    ),
    "locale": 'Locale of the amounts printed on the terminal ("nl_BE", "en_GB", "fr_BE"…).',
}
_ACCOUNT_DOCS: dict[str, str] = {
    "ap": "Supplier (accounts payable) account, credited with the invoice total.",
    "expense": "Expense account of products that no [[accounts.products]] pattern matches.",
    "vat_deductible": "Deductible VAT account.",
    "vat_due": "VAT due account (self-assessed VAT under reverse charge).",
    "deferral": "Deferred expenses account (year-end deferral).",
    "foreign_vat": (
        "Foreign VAT to reclaim (VAT of another country, never deductible here);\n"
        '"" adds that VAT to the expense instead.'
    ),
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
  foreign:        VAT of another country than the buyer's, charged by a supplier in another
                  EU country (Irish 23 % to a Belgian buyer): never deductible; booked on
                  accounts.foreign_vat, else added to the expense, with a FOREIGN_VAT finding.
  non_eu:         a supplier without an EU VAT number (Microsoft Corporation); tax it charges,
                  such as US sales tax, is not recoverable VAT and is added to the expense
                  (BE: base 82; NL: no box)."""
_CLIENTS_DOC = """\
The businesses whose books these are, one [[clients]] table each. Each invoice is booked
for the client whose VAT number it is addressed to (an invoice without a customer VAT
number: whose name it prints); one addressed to no client is an error (UNKNOWN_CLIENT) and
is not exported. Without any [[clients]], every invoice is booked with the settings above,
each in its own currency. Keys of a client (name or vat_number required):"""
_CLIENT_DOCS: dict[str, str] = {
    "name": "name as invoices print it (matched without case and spacing)",
    "vat_number": "VAT number, checked by its check digits",
    "country": "country of its VAT return; default: the VAT number's prefix",
    "currency": 'functional currency of its books (default "EUR")',
    "vat_rate": "VAT rate (%) it self-assesses; default: its country's standard rate",
    "journal": "purchase journal code; default: journal",
    "folder": "output folder below --out (several clients: default its VAT number)",
    "peppol_id": 'Peppol endpoint as "scheme:value" ("0208:0123456749")',
    "legal_id": 'legal registration as "scheme:value" ("0208:…", "0106:KvK")',
    "street": "street and number (buyer address of the UBL file)",
    "city": "city",
    "post_code": "post code",
    "accounts": "[clients.accounts]: any [accounts] key (products too) for this client",
}

_ACCOUNT_FIELDS: dict[str, str] = {
    "ap": "ap_account",
    "expense": "expense_account",
    "vat_deductible": "vat_deductible_account",
    "vat_due": "vat_due_account",
    "deferral": "deferral_account",
    "foreign_vat": "foreign_vat_account",
}
_CLIENT_TEXT_KEYS = ("name", "vat_number", "country", "currency")
_CLIENT_OPTIONAL_KEYS = (
    "journal", "folder", "peppol_id", "legal_id", "street", "city", "post_code"
)  # fmt: skip
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
        "memory_limit": str(settings.memory_limit),
        "page_character_limit": str(settings.page_character_limit),
        "character_limit": str(settings.character_limit),
        "jobs": _toml_string("auto") if settings.jobs is None else str(settings.jobs),
        "rates": _toml_string("" if settings.rates_path is None else str(settings.rates_path)),
        "locale": _toml_string(settings.locale),
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
    yield from _product_lines("accounts.products", settings.product_accounts)
    yield ""
    yield from _comment(_VAT_DOC)
    for rule in settings.vat:
        yield f"[vat.{rule.country}.{rule.case}]"
        yield f"code = {_toml_string(rule.code)}"
        yield f"boxes = {_toml_string(rule.boxes)}"
        if rule.case != "foreign":
            yield f"deductible = {'true' if rule.deductible else 'false'}"
    yield ""
    yield from _comment(_CLIENTS_DOC)
    for key, doc in _CLIENT_DOCS.items():
        yield f"#   {key:<11} {doc}"
    if not settings.clients:
        yield "# [[clients]]"
        yield '# name = "Bouwbedrijf Claes NV"'
        yield '# vat_number = "BE0228056304"'
    for client in settings.clients:
        yield from _client_lines(client)


def _product_lines(table: str, mappings: tuple[ProductAccount, ...]) -> Iterator[str]:
    for mapping in mappings:
        yield f"[[{table}]]"
        yield f"pattern = {_toml_string(mapping.pattern)}"
        yield f"account = {_toml_string(mapping.account)}"


def _client_lines(client: Client) -> Iterator[str]:
    yield "[[clients]]"
    for key in (*_CLIENT_TEXT_KEYS, *_CLIENT_OPTIONAL_KEYS):
        value = getattr(client, key)
        if value is not None:
            yield f"{key} = {_toml_string(value)}"
    if client.vat_rate is not None:
        yield f"vat_rate = {_toml_decimal(client.vat_rate)}"
    if client.accounts or client.product_accounts == ():
        yield "[clients.accounts]"
        for key, account in client.accounts:
            yield f"{key} = {_toml_string(account)}"
        if client.product_accounts == ():
            yield "products = []"
    yield from _product_lines("clients.accounts.products", client.product_accounts or ())


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
    text = user_text(path, "configuration file", ConfigError)
    return settings_from_toml(text, str(path), base=path.parent)


def user_text(path: Path, kind: str, error: type[PipelineError]) -> str:
    """The UTF-8 text (a BOM dropped) of a file the user names; `error` naming the file and
    why it cannot be read, `kind` saying what the file should have been."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise error(f"no such {kind}", file=str(path)) from None
    except IsADirectoryError:
        raise error(f"is a directory, not a {kind}", file=str(path)) from None
    except OSError as problem:
        raise error(f"cannot read: {problem.strerror}", file=str(path)) from None
    except UnicodeDecodeError:
        raise error("is not UTF-8 text", file=str(path)) from None


def settings_from_toml(text: str, file: str = "<config>", *, base: Path | None = None) -> Settings:
    """The defaults with the values of the TOML `text` over them; `file` names it in errors."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", file=file) from None
    return _Reader(file, base).settings(data)


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
    #: The configuration file's folder: relative paths in it are relative to it.
    base: Path | None = None

    def fail(self, key: str, problem: str) -> NoReturn:
        raise ConfigError(f"{key}: {problem}", file=self.file)

    def settings(self, data: dict[str, Any]) -> Settings:
        defaults = Settings()
        top = _Table(self, data, "", (*_TOP_DOCS, "accounts", "vat", "clients"))
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
            register_path=self.register(top, defaults.register_path),
            time_limit=self.time_limit(top, defaults.time_limit),
            memory_limit=self.whole(top, "memory_limit", defaults.memory_limit, 0),
            page_character_limit=self.whole(
                top, "page_character_limit", defaults.page_character_limit, 1
            ),
            character_limit=self.whole(top, "character_limit", defaults.character_limit, 1),
            jobs=self.jobs(top, defaults.jobs),
            foreign_vat_account=accounts.string(
                "foreign_vat", defaults.foreign_vat_account, empty=True
            ).strip(),
            clients=self.clients(top),
            rates_path=self.optional_path(top, "rates"),
            locale=self.locale(top, defaults.locale),
        )
        countries = {rule.country for rule in vat}
        if buyer_country not in countries:
            self.fail(
                f"vat.{buyer_country}",
                f"buyer_country is {buyer_country} but no [vat.{buyer_country}.<case>] tables "
                f"give its VAT codes (cases: {', '.join(VAT_CASES)})",
            )
        for index, client in enumerate(settings.clients):
            if client.country not in countries:
                self.fail(
                    f"clients[{index}].country",
                    f"{client.label} is in {client.country} but no [vat.{client.country}.<case>] "
                    f"tables give its VAT codes (cases: {', '.join(VAT_CASES)})",
                )
        return settings

    def optional_path(self, table: _Table, name: str) -> Path | None:
        """A path, or None when empty; a relative path is relative to the configuration
        file's folder."""
        value = table.string(name, "", empty=True).strip()
        if not value:
            return None
        path = Path(value).expanduser()
        return path if self.base is None else (self.base / path).resolve()

    def locale(self, table: _Table, default: str) -> str:
        value = table.string("locale", default)
        if not is_known_locale(value):
            self.fail(table.key("locale"), f'must be a locale such as "nl_BE", not "{value}"')
        return value

    def clients(self, top: _Table) -> tuple[Client, ...]:
        if "clients" not in top:
            return ()
        value = top.data["clients"]
        if not isinstance(value, list):
            self.fail("clients", f"must be an array of tables ([[clients]]), not {_kind(value)}")
        clients: list[Client] = []
        for index, item in enumerate(value):
            key = f"clients[{index}]"
            if not isinstance(item, dict):
                self.fail(key, f"must be a table, not {_kind(item)}")
            clients.append(self.client(_Table(self, item, f"{key}.", tuple(_CLIENT_DOCS))))
        for earlier, later in itertools.combinations(range(len(clients)), 2):
            for attribute in ("vat_number", "name"):
                first = match_key(getattr(clients[earlier], attribute))
                if first is not None and first == match_key(getattr(clients[later], attribute)):
                    self.fail(
                        f"clients[{later}].{attribute}",
                        f"is the same as clients[{earlier}]'s: each invoice needs one client",
                    )
        return tuple(clients)

    def client(self, table: _Table) -> Client:
        name = table.string("name", "").strip() or None
        vat_number = self.vat_number(table)
        if name is None and vat_number is None:
            self.fail(table.key("name"), "a client needs a name or a vat_number")
        country_default = _vat_country(vat_number) if vat_number else None
        if "country" not in table and country_default is None:
            self.fail(table.key("country"), "is missing (the client has no VAT number)")
        country = self.country(table, "country", country_default or "")
        currency = table.string("currency", "EUR").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            self.fail(table.key("currency"), f'must be an ISO currency code, not "{currency}"')
        accounts = table.table("accounts", (*_ACCOUNT_FIELDS, "products"))
        overrides = tuple(
            (key, accounts.string(key, "", empty=key == "foreign_vat").strip())
            for key in _ACCOUNT_FIELDS
            if key in accounts
        )
        optional = {
            key: table.string(key, "").strip() or None
            for key in _CLIENT_OPTIONAL_KEYS
            if key not in ("peppol_id", "legal_id")
        }
        return Client(
            name=name,
            vat_number=vat_number,
            country=country,
            currency=currency,
            vat_rate=(
                table.decimal("vat_rate", Decimal(0), Decimal(0), Decimal(100))
                if "vat_rate" in table
                else None
            ),
            accounts=overrides,
            product_accounts=(self.product_accounts(accounts) if "products" in accounts else None),
            peppol_id=self.scheme_id(table, "peppol_id"),
            legal_id=self.scheme_id(table, "legal_id"),
            **optional,
        )

    def vat_number(self, table: _Table) -> str | None:
        text = table.string("vat_number", "").strip()
        if not text:
            return None
        number = normalised_vat_number(text)
        problem = vat_number_problem(number)
        if problem is not None:
            self.fail(table.key("vat_number"), f"{number} is not a valid VAT number: {problem}")
        return number

    def scheme_id(self, table: _Table, name: str) -> str | None:
        value = table.string(name, "").strip()
        if not value:
            return None
        if not re.fullmatch(r"\d{4}:\S+", value):
            self.fail(table.key(name), f'must be "scheme:value" ("0208:0123456749"), not "{value}"')
        return value

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

    def register(self, table: _Table, default: RegisterSpec) -> RegisterSpec:
        """A PostgreSQL URL, or a path; a relative path is relative to the configuration
        file's folder."""
        if "register" not in table:
            return default
        chosen = register_spec(table.string("register", ""))
        if is_postgres_url(chosen) or self.base is None:
            return chosen
        return (self.base / Path(chosen).expanduser()).resolve()

    def whole(self, table: _Table, name: str, default: int, low: int) -> int:
        if name not in table:
            return default
        value = table.data[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            self.fail(table.key(name), f"must be a whole number of at least {low}, not {value}")
        return value

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
            rules.setdefault(
                (country_key, "foreign"),
                VatRule(country_key, "foreign", FOREIGN_VAT_CODE, "", False),
            )
            for case in VAT_CASES:
                if (country_key, case) not in rules:
                    self.fail(
                        cases.key(case),
                        "is missing (every country needs reverse_charge, domestic and non_eu)",
                    )
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
            default = VatRule(country, case, "", "", case in ("reverse_charge", "domestic"))
        deductible = table.boolean("deductible", default.deductible)
        if case == "foreign" and deductible:
            self.fail(
                table.key("deductible"),
                "VAT of another country is never deductible; set accounts.foreign_vat to book "
                "it as VAT to reclaim",
            )
        return VatRule(
            country,
            case,
            table.string("code", default.code),
            table.string("boxes", default.boxes, empty=True),
            deductible,
        )


def normalised_vat_number(text: str) -> str:
    """A VAT number as records print it: upper case, no spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", text).upper()


def _vat_country(vat_number: str) -> str | None:
    """The ISO country of a VAT number's prefix (Greece's prefix is EL), if it has one."""
    prefix = vat_number[:2]
    if not prefix.isalpha():
        return None
    return "GR" if prefix == "EL" else prefix


def match_key(value: str | None) -> str | None:
    """A name or VAT number as compared: no case, no spacing or punctuation."""
    if value is None:
        return None
    return re.sub(r"[\W_]+", "", value).casefold() or None


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
