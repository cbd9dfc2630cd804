"""VAT numbers checked by their check digits: the only python-stdnum import.

A VAT number is normalised as the invoice record prints it: the country prefix and its
characters, no spaces or dots (`BE0123456749`, `IE8256796U`, `EL094259216`). Numbers of a country
python-stdnum has no VAT scheme for cannot be checked and are taken as they are.
"""

from __future__ import annotations

from stdnum import get_cc_module
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

#: The VAT prefixes python-stdnum checks as EU numbers (Greece is EL, Northern Ireland XI).
_EU_PREFIXES = frozenset({"EL", *(state.upper() for state in eu_vat.MEMBER_STATES)})


def vat_number_problem(number: str) -> str | None:
    """Why `number` is not a valid VAT number of its country, or None when it is (or when its
    country's numbers cannot be checked)."""
    number = number.upper()
    prefix = number[:2]
    if len(number) < 3 or not prefix.isalpha():
        return "it does not start with a two-letter country prefix"
    if prefix == "CH":
        # a Swiss VAT number is the company's UID and a suffix naming the language
        number = number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        scheme = get_cc_module("ch", "uid")
    else:
        scheme = None if prefix in _EU_PREFIXES else get_cc_module(prefix.lower(), "vat")
    if scheme is None and prefix not in _EU_PREFIXES:
        return None
    try:
        if scheme is None:
            eu_vat.validate(number)
        else:
            scheme.validate(number)
    except ValidationError as error:
        return _reason(error)
    return None


def is_valid_vat_number(number: str) -> bool:
    return vat_number_problem(number) is None


def _reason(error: ValidationError) -> str:
    """stdnum's message ("The number's checksum or check digit is invalid.") as a clause."""
    text = str(error).strip().rstrip(".")
    return text[:1].lower() + text[1:] if text else "it is not a valid VAT number"
