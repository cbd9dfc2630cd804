"""Settings: defaults, TOML loading and rendering, errors that name the file and the key."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.config import (
    DEFAULT_VAT,
    VAT_CASES,
    Client,
    ProductAccount,
    Settings,
    VatRule,
    load_settings,
    settings_from_toml,
    settings_toml,
)
from pipeline.errors import ConfigError

PROJECT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pipeline.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_documented_defaults(data_folder: Path) -> None:
    settings = load_settings(None)
    assert settings == Settings()
    assert (
        settings.journal,
        settings.deferral_journal,
        settings.ap_account,
        settings.expense_account,
        settings.product_accounts,
        settings.vat_deductible_account,
        settings.vat_due_account,
        settings.deferral_account,
        settings.buyer_country,
        settings.buyer_vat_rate,
        settings.financial_year_end,
        settings.deferral_threshold,
        settings.csv_dialect,
        settings.register_path,
        settings.time_limit,
        settings.memory_limit,
        settings.page_character_limit,
        settings.character_limit,
        settings.jobs,
    ) == (
        "AANK",
        "DIV",
        "440000",
        "613310",
        (),
        "411000",
        "451000",
        "490000",
        "BE",
        Decimal("21"),
        (12, 31),
        Decimal("0.00"),
        "excel-nl",
        data_folder / "register.sqlite",
        30.0,
        1024,
        100_000,
        1_000_000,
        None,
    )


def test_default_vat_codes_and_boxes_per_case_for_belgium_and_the_netherlands() -> None:
    assert [(r.country, r.case, r.code, r.boxes, r.deductible) for r in Settings().vat] == [
        ("BE", "reverse_charge", "EU-S-21", "82,88,55,59", True),
        ("BE", "domestic", "VAT-21", "82,59", True),
        ("BE", "foreign", "FOREIGN-VAT", "", False),
        ("BE", "non_eu", "NON-EU", "82", False),
        ("NL", "reverse_charge", "EU-S-21", "4b,5b", True),
        ("NL", "domestic", "VAT-21", "5b", True),
        ("NL", "foreign", "FOREIGN-VAT", "", False),
        ("NL", "non_eu", "NON-EU", "", False),
    ]


def test_vat_rule_follows_the_buyer_country() -> None:
    dutch = Settings(buyer_country="NL")
    assert dutch.vat_rule("reverse_charge") == VatRule(
        "NL", "reverse_charge", "EU-S-21", "4b,5b", True
    )
    assert Settings().vat_rule("non_eu") == VatRule("BE", "non_eu", "NON-EU", "82", False)


def test_a_file_overrides_only_the_keys_it_gives(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
journal = "INK"
buyer_country = "nl"
buyer_vat_rate = 9.0
financial_year_end = "06-30"
deferral_threshold = 25.00
csv_dialect = "plain"
register = "/srv/ledger/register.sqlite"
time_limit = 12
jobs = 3

[accounts]
expense = "612000"

[[accounts.products]]
pattern = "exchange online*"
account = "613320"

[[accounts.products]]
pattern = "Business"
account = "613330"

[vat.NL.domestic]
boxes = "5b,1a"
""",
    )
    assert load_settings(path) == Settings(
        journal="INK",
        expense_account="612000",
        product_accounts=(
            ProductAccount("exchange online*", "613320"),
            ProductAccount("Business", "613330"),
        ),
        buyer_country="NL",
        buyer_vat_rate=Decimal("9.0"),
        vat=tuple(
            VatRule("NL", "domestic", "VAT-21", "5b,1a", True)
            if (rule.country, rule.case) == ("NL", "domestic")
            else rule
            for rule in DEFAULT_VAT
        ),
        financial_year_end=(6, 30),
        deferral_threshold=Decimal("25.00"),
        csv_dialect="plain",
        register_path=Path("/srv/ledger/register.sqlite"),
        time_limit=12.0,
        jobs=3,
    )


def test_a_new_buyer_country_with_its_three_cases_gets_the_default_foreign_case(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        """
buyer_country = "DE"
[vat.DE.reverse_charge]
code = "EU-S-19"
boxes = "46,47,67"
[vat.DE.domestic]
code = "VST-19"
boxes = "66"
[vat.DE.non_eu]
code = "DRITT"
boxes = ""
""",
    )
    settings = load_settings(path)
    assert [settings.vat_rule(case) for case in VAT_CASES] == [
        VatRule("DE", "reverse_charge", "EU-S-19", "46,47,67", True),
        VatRule("DE", "domestic", "VST-19", "66", True),
        VatRule("DE", "foreign", "FOREIGN-VAT", "", False),
        VatRule("DE", "non_eu", "DRITT", "", False),
    ]


def test_jobs_auto_means_one_per_core(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, 'jobs = "auto"')).jobs is None


@pytest.mark.parametrize(
    ("product", "account"),
    [
        ("Exchange Online (Plan 1)", "613320"),
        ("EXCHANGE ONLINE (PLAN 2)", "613320"),
        ("Microsoft 365 Business Basic", "613330"),
        ("Office 365 Enterprise E3", "613340"),
        ("Office 365 E1", "613310"),
        ("Microsoft Teams Exchange Online add-on", "613350"),
        ("Exchange Online Protection", "613350"),
    ],
)
def test_the_first_matching_product_pattern_gives_the_gl_account(
    product: str, account: str
) -> None:
    settings = Settings(
        product_accounts=(
            ProductAccount("exchange online (plan ?)", "613320"),
            ProductAccount("business", "613330"),
            ProductAccount("office 365 enterprise*", "613340"),
            ProductAccount("Exchange Online", "613350"),
        )
    )
    assert settings.gl_account(product) == account


def test_a_glob_pattern_must_match_the_whole_product_name() -> None:
    assert not ProductAccount("Exchange*Plan 1", "1").matches("Exchange Online (Plan 1)")
    assert ProductAccount("Exchange*Plan 1)", "1").matches("Exchange Online (Plan 1)")


@pytest.mark.parametrize(
    ("year_end", "day", "expected"),
    [
        ((12, 31), date(2025, 1, 15), date(2025, 12, 31)),
        ((12, 31), date(2025, 12, 31), date(2025, 12, 31)),
        ((6, 30), date(2025, 6, 30), date(2025, 6, 30)),
        ((6, 30), date(2025, 7, 1), date(2026, 6, 30)),
        ((3, 31), date(2024, 2, 29), date(2024, 3, 31)),
    ],
)
def test_the_financial_year_end_is_that_of_the_year_containing_the_day(
    year_end: tuple[int, int], day: date, expected: date
) -> None:
    assert Settings(financial_year_end=year_end).year_end_containing(day) == expected


# ------------------------------------------------------------------ rendering and round trip


def test_the_rendered_defaults_document_every_key() -> None:
    text = settings_toml(Settings())
    data = tomllib.loads(text)
    assert sorted(data) == [
        "accounts",
        "buyer_country",
        "buyer_vat_rate",
        "character_limit",
        "csv_dialect",
        "deferral_journal",
        "deferral_threshold",
        "financial_year_end",
        "jobs",
        "journal",
        "locale",
        "memory_limit",
        "page_character_limit",
        "rates",
        "register",
        "time_limit",
        "vat",
    ]
    assert sorted(data["accounts"]) == [
        "ap",
        "deferral",
        "expense",
        "foreign_vat",
        "vat_deductible",
        "vat_due",
    ]
    assert "# [[accounts.products]]" in text
    assert "# [[clients]]" in text
    for key in ("name", "vat_number", "country", "currency", "vat_rate", "journal", "folder",
                "peppol_id", "legal_id", "street", "city", "post_code", "accounts"):  # fmt: skip
        assert any(line.startswith(f"#   {key} ") for line in text.splitlines()), key
    lines = text.splitlines()
    for key in [*(k for k in data if k not in ("accounts", "vat")), *data["accounts"]]:
        line = next(i for i, line in enumerate(lines) if line.startswith(f"{key} ="))
        assert lines[line - 1].startswith("# "), key


ROUND_TRIP_CASES = [
    Settings(),
    Settings(
        journal='IN"K\\',
        product_accounts=(ProductAccount("Exchange*", "613320"), ProductAccount("é\t", "1")),
        buyer_country="NL",
        buyer_vat_rate=Decimal("9.5"),
        financial_year_end=(2, 28),
        deferral_threshold=Decimal("100"),
        csv_dialect="plain",
        register_path=Path("/srv/C:ledger/register.sqlite"),
        time_limit=0.25,
        memory_limit=0,
        page_character_limit=5,
        character_limit=7,
        jobs=8,
    ),
    Settings(
        vat=(*DEFAULT_VAT, *(VatRule("FR", case, f"FR-{case}", "", False) for case in VAT_CASES)),
        buyer_country="FR",
    ),
    Settings(
        foreign_vat_account="416000",
        rates_path=Path("/srv/rates/eurofxref-hist.csv"),
        locale="en_GB",
        clients=(
            Client(
                name="Brouwerij De Klok BV",
                vat_number="BE0123456749",
                country="BE",
                peppol_id="0208:0123456749",
                legal_id="0208:0123456749",
                street="Markt 1",
                city="Gent",
                post_code="9000",
            ),
            Client(
                name="Van Dijk Installatietechniek BV",
                vat_number="NL853746333B01",
                country="NL",
                currency="USD",
                vat_rate=Decimal("21"),
                journal="INK",
                folder="van-dijk",
                accounts=(("ap", "1600"), ("foreign_vat", "")),
                product_accounts=(ProductAccount("Exchange*", "4120"),),
            ),
            Client(name="Klok privé", country="BE", product_accounts=()),
        ),
    ),
]


def test_clients_are_read_with_their_overrides_and_buyer_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[clients]]
name = "Brouwerij De Klok BV"
vat_number = "BE 0123.456.749"
peppol_id = "0208:0123456749"
street = "Markt 1"

[[clients]]
vat_number = "nl853746333b01"
currency = "usd"
journal = "INK"
[clients.accounts]
expense = "4100"
[[clients.accounts.products]]
pattern = "Exchange*"
account = "4120"
""",
    )
    klok, van_dijk = load_settings(path).clients
    assert klok == Client(
        name="Brouwerij De Klok BV",
        vat_number="BE0123456749",
        country="BE",
        peppol_id="0208:0123456749",
        street="Markt 1",
    )
    assert van_dijk == Client(
        vat_number="NL853746333B01",
        country="NL",
        currency="USD",
        journal="INK",
        accounts=(("expense", "4100"),),
        product_accounts=(ProductAccount("Exchange*", "4120"),),
    )
    books = Settings(clients=(klok, van_dijk)).for_client(van_dijk)
    assert (
        books.journal,
        books.buyer_country,
        books.currency,
        books.expense_account,
        books.gl_account("Exchange Online (Plan 1)"),
        books.gl_account("Visio"),
        books.ap_account,
        books.clients,
    ) == ("INK", "NL", "USD", "4100", "4120", "4100", "440000", ())


@pytest.mark.parametrize("settings", ROUND_TRIP_CASES)
def test_rendered_settings_load_back_equal(settings: Settings, tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, settings_toml(settings))) == settings


text_values = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=12
).filter(str.strip)
money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)
year_ends = st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)).map(
    lambda day: (day.month, day.day)
)
vat_rules = st.lists(
    st.builds(
        VatRule,
        country=st.sampled_from(["BE", "NL"]),
        case=st.sampled_from(VAT_CASES),
        code=text_values,
        boxes=st.text(max_size=8),
        deductible=st.booleans(),
    ).map(lambda rule: replace(rule, deductible=rule.deductible and rule.case != "foreign")),
    max_size=6,
).map(
    lambda overrides: tuple({(r.country, r.case): r for r in (*DEFAULT_VAT, *overrides)}.values())
)


@given(
    st.builds(
        Settings,
        journal=text_values,
        deferral_journal=text_values,
        ap_account=text_values,
        expense_account=text_values,
        product_accounts=st.lists(
            st.builds(ProductAccount, text_values, text_values), max_size=3
        ).map(tuple),
        buyer_country=st.sampled_from(["BE", "NL"]),
        buyer_vat_rate=st.decimals(min_value=0, max_value=100, places=2),
        vat=vat_rules,
        financial_year_end=year_ends,
        deferral_threshold=money,
        csv_dialect=st.sampled_from(["excel-nl", "plain"]),
        register_path=text_values.map(Path),
        time_limit=st.floats(min_value=0.001, max_value=1e6),
        jobs=st.none() | st.integers(min_value=1, max_value=512),
    )
)
def test_any_settings_render_to_toml_that_loads_back_equal(settings: Settings) -> None:
    assert settings_from_toml(settings_toml(settings)) == settings


# ------------------------------------------------------------------ errors


def test_a_missing_file_is_a_config_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: no such configuration file"
    assert raised.value.file == str(path)


def test_a_directory_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path)
    assert str(raised.value) == f"{tmp_path}: is a directory, not a configuration file"


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('journal = "Aankopen é"'.encode("latin-1"))
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: is not UTF-8 text"


def test_bad_toml_is_a_config_error_with_the_position(tmp_path: Path) -> None:
    path = write(tmp_path, 'journal = "AANK"\nbuyer_vat_rate = \n')
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: not valid TOML: Invalid value (at line 2, column 18)"


BAD_VALUES = [
    ('jornal = "AANK"', "jornal: unknown key (did you mean journal?)"),
    ("[accounts]\nsupplier = '440000'", "accounts.supplier: unknown key"),
    ("journal = 5", "journal: must be a quoted string, not the number 5"),
    ('journal = "  "', "journal: must not be empty"),
    ("[accounts]\nap = 440000", "accounts.ap: must be a quoted string, not the number 440000"),
    ('accounts = "440000"', 'accounts: must be a table, not the string "440000"'),
    ('buyer_country = "BEL"', 'buyer_country: must be a two-letter country code, not "BEL"'),
    ('buyer_vat_rate = "21"', 'buyer_vat_rate: must be a number, not the string "21"'),
    ("buyer_vat_rate = true", "buyer_vat_rate: must be a number, not the boolean true"),
    ("buyer_vat_rate = 121", "buyer_vat_rate: must be at least 0 and at most 100, not 121"),
    ("buyer_vat_rate = nan", "buyer_vat_rate: must be at least 0 and at most 100, not NaN"),
    ("deferral_threshold = -0.01", "deferral_threshold: must be at least 0, not -0.01"),
    (
        'financial_year_end = "02-29"',
        'financial_year_end: must be a day of a common year as "MM-DD", not "02-29"',
    ),
    (
        'financial_year_end = "31/12"',
        'financial_year_end: must be a day of a common year as "MM-DD", not "31/12"',
    ),
    (
        "financial_year_end = 1231",
        "financial_year_end: must be a quoted string, not the number 1231",
    ),
    ('csv_dialect = "excel"', 'csv_dialect: must be one of "excel-nl", "plain", not "excel"'),
    ("time_limit = 0", "time_limit: must be a positive number of seconds, not 0"),
    ("time_limit = -5", "time_limit: must be at least 0, not -5"),
    ("jobs = 0", 'jobs: must be a positive whole number or "auto", not the number 0'),
    ('jobs = "many"', 'jobs: must be a positive whole number or "auto", not the string "many"'),
    ("jobs = 2.5", 'jobs: must be a positive whole number or "auto", not the number 2.5'),
    ('register = ""', "register: must not be empty"),
    (
        '[accounts]\nproducts = "Exchange"',
        "accounts.products: must be an array of tables ([[accounts.products]]), "
        'not the string "Exchange"',
    ),
    ('[[accounts.products]]\npattern = "Exchange"', "accounts.products[0].account: is missing"),
    (
        '[[accounts.products]]\npattern = "A"\naccount = "1"\n'
        '[[accounts.products]]\npattern = "B"\naccount = "2"\nacount = "3"',
        "accounts.products[1].acount: unknown key (did you mean account?)",
    ),
    (
        "[accounts]\nproducts = [1]",
        "accounts.products[0]: must be a table, not the number 1",
    ),
    ('[vat.be.domestic]\ncode = "X"', "vat.be: must be a two-letter upper-case country code"),
    ('[vat.BE.intra_eu]\ncode = "X"', "vat.BE.intra_eu: unknown key"),
    ("[vat.BE.domestic]\nrate = 21", "vat.BE.domestic.rate: unknown key"),
    (
        "[vat.BE.domestic]\ncode = 21",
        "vat.BE.domestic.code: must be a quoted string, not the number 21",
    ),
    (
        '[vat.BE.domestic]\ndeductible = "yes"',
        'vat.BE.domestic.deductible: must be true or false, not the string "yes"',
    ),
    ('[vat.FR.domestic]\ncode = "TVA-20"', "vat.FR.domestic.boxes: is missing"),
    (
        '[vat.FR.domestic]\ncode = "TVA-20"\nboxes = "20"',
        "vat.FR.reverse_charge: is missing (every country needs reverse_charge, domestic and "
        "non_eu)",
    ),
    (
        'buyer_country = "FR"',
        "vat.FR: buyer_country is FR but no [vat.FR.<case>] tables give its VAT codes "
        "(cases: reverse_charge, domestic, foreign, non_eu)",
    ),
    (
        "[vat.BE.foreign]\ndeductible = true",
        "vat.BE.foreign.deductible: VAT of another country is never deductible; set "
        "accounts.foreign_vat to book it as VAT to reclaim",
    ),
    ("rates = 5", "rates: must be a quoted string, not the number 5"),
    ('locale = "Dutch"', 'locale: must be a locale such as "nl_BE", not "Dutch"'),
    (
        'clients = "BE0123456749"',
        'clients: must be an array of tables ([[clients]]), not the string "BE0123456749"',
    ),
    ('[[clients]]\ncountry = "BE"', "clients[0].name: a client needs a name or a vat_number"),
    ('[[clients]]\nname = "Klok"', "clients[0].country: is missing (the client has no VAT number)"),
    (
        '[[clients]]\nvat_number = "BE 0123.456.748"',
        "clients[0].vat_number: BE0123456748 is not a valid VAT number: the number's checksum "
        "or check digit is invalid",
    ),
    (
        '[[clients]]\nvat_number = "BE0123456749"\ncurrency = "euro"',
        'clients[0].currency: must be an ISO currency code, not "EURO"',
    ),
    (
        '[[clients]]\nvat_number = "BE0123456749"\nvat = "21"',
        "clients[0].vat: unknown key",
    ),
    (
        '[[clients]]\nvat_number = "BE0123456749"\npeppol_id = "0123456749"',
        'clients[0].peppol_id: must be "scheme:value" ("0208:0123456749"), not "0123456749"',
    ),
    (
        '[[clients]]\nvat_number = "BE0123456749"\n[clients.accounts]\nap = 4400',
        "clients[0].accounts.ap: must be a quoted string, not the number 4400",
    ),
    (
        '[[clients]]\nname = "Klok"\nvat_number = "BE0123456749"\n'
        '[[clients]]\nname = "Ander"\nvat_number = "be 0123 456 749"',
        "clients[1].vat_number: is the same as clients[0]'s: each invoice needs one client",
    ),
    (
        '[[clients]]\nname = "Klok BV"\ncountry = "BE"\n'
        '[[clients]]\nname = "klok bv"\ncountry = "NL"',
        "clients[1].name: is the same as clients[0]'s: each invoice needs one client",
    ),
    (
        '[[clients]]\nvat_number = "DE136695976"',
        "clients[0].country: DE136695976 is in DE but no [vat.DE.<case>] tables give its VAT "
        "codes (cases: reverse_charge, domestic, foreign, non_eu)",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_VALUES)
def test_a_bad_key_or_value_is_a_config_error_naming_the_file_and_the_key(
    text: str, message: str, tmp_path: Path
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert str(raised.value) == f"{path}: {message}"


# ------------------------------------------------------------------ the config command


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        check=False,
    )


def test_the_config_command_prints_the_effective_configuration(tmp_path: Path) -> None:
    path = write(tmp_path, 'journal = "INK"\n[accounts]\nexpense = "612000"\n')
    result = run_cli("config", "--config", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == settings_toml(Settings(journal="INK", expense_account="612000"))


def test_the_config_command_without_a_file_prints_the_defaults() -> None:
    result = run_cli("config")
    assert (result.returncode, result.stdout) == (0, settings_toml(Settings()))


def test_the_config_command_reports_a_bad_file_in_one_line_with_status_2(tmp_path: Path) -> None:
    path = write(tmp_path, "[accounts]\nap = 440000\n")
    result = run_cli("config", "--config", str(path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {path}: accounts.ap: must be a quoted string, not the number 440000\n"
    )
