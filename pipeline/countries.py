"""The countries whose VAT numbers the pipeline reads, and their VAT facts, declared once.

A country's VAT prefix is its ISO code except for Greece (`EL`); Northern Ireland's traders
use `XI` for goods, inside the EU's VAT rules though outside the EU. The VAT-number body is
what follows the prefix once spaces, dots and dashes are removed. The standard rate is given
where the project relies on it (the buyer's self-assessed VAT, the samples' rates).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Country:
    #: ISO 3166 code (`XI` stands for Northern Ireland, which has no ISO code of its own).
    code: str
    vat_prefix: str
    #: Regular expression of the VAT number after the prefix.
    vat_body: str
    #: An EU member state.
    member_state: bool
    #: Inside the EU's VAT rules for intra-community supplies (the member states and XI).
    eu_vat: bool
    standard_rate: Decimal | None = None


def _eu(code: str, body: str, rate: str | None = None, prefix: str | None = None) -> Country:
    return Country(code, prefix or code, body, True, True, Decimal(rate) if rate else None)


COUNTRIES: tuple[Country, ...] = (
    _eu("AT", r"U\d{8}", "20"),
    _eu("BE", r"[01]\d{9}|\d{9}", "21"),
    _eu("BG", r"\d{9,10}", "20"),
    _eu("CY", r"\d{8}[A-Z]", "19"),
    _eu("CZ", r"\d{8,10}", "21"),
    _eu("DE", r"\d{9}", "19"),
    _eu("DK", r"\d{8}", "25"),
    _eu("EE", r"\d{9}"),
    _eu("GR", r"\d{9}", "24", prefix="EL"),
    _eu("ES", r"[0-9A-Z]\d{7}[0-9A-Z]", "21"),
    _eu("FI", r"\d{8}"),
    _eu("FR", r"[0-9A-Z]{2}\d{9}", "20"),
    _eu("HR", r"\d{11}", "25"),
    _eu("HU", r"\d{8}", "27"),
    _eu("IE", r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]", "23"),
    _eu("IT", r"\d{11}", "22"),
    _eu("LT", r"\d{9}|\d{12}", "21"),
    _eu("LU", r"\d{8}", "17"),
    _eu("LV", r"\d{11}", "21"),
    _eu("MT", r"\d{8}", "18"),
    _eu("NL", r"\d{9}B\d{2}", "21"),
    _eu("PL", r"\d{10}", "23"),
    _eu("PT", r"\d{9}", "23"),
    _eu("RO", r"\d{2,10}"),
    _eu("SE", r"\d{12}", "25"),
    _eu("SI", r"\d{8}", "22"),
    _eu("SK", r"\d{10}"),
    Country("XI", "XI", r"\d{9}|\d{12}", member_state=False, eu_vat=True),
    Country("GB", "GB", r"\d{9}|\d{12}", member_state=False, eu_vat=False),
    Country("NO", "NO", r"\d{9}(?:MVA)?", member_state=False, eu_vat=False),
    Country("CH", "CH", r"E\d{9}(?:MWST|TVA|IVA)?", member_state=False, eu_vat=False),
)

#: ISO codes of the EU member states (Greece is GR here, EL only as a VAT prefix).
EU_MEMBER_STATES: frozenset[str] = frozenset(c.code for c in COUNTRIES if c.member_state)
#: VAT-number prefixes inside the EU's VAT rules: the member states' (EL for Greece) and XI.
EU_VAT_PREFIXES: frozenset[str] = frozenset(c.vat_prefix for c in COUNTRIES if c.eu_vat)
#: The VAT-number body of every known prefix.
VAT_BODIES: dict[str, str] = {c.vat_prefix: c.vat_body for c in COUNTRIES}
_BY_PREFIX = {c.vat_prefix: c for c in COUNTRIES}
_BY_CODE = {c.code: c for c in COUNTRIES}


def country_of_prefix(prefix: str) -> str:
    """The country code of a VAT prefix (`EL` → `GR`); an unknown prefix stands for itself."""
    known = _BY_PREFIX.get(prefix)
    return known.code if known else prefix


def standard_rate(code: str) -> Decimal:
    """The standard VAT rate of a country; KeyError when it is not declared."""
    rate = _BY_CODE[code].standard_rate
    if rate is None:
        raise KeyError(f"no standard VAT rate declared for {code}")
    return rate
