"""Valid-looking VAT numbers (with their check digits) and the shapes invoices print them in."""

from __future__ import annotations

import random

IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"


def be_number(rng: random.Random) -> str:
    base = rng.randrange(2_000_000, 9_999_999)
    return f"BE0{base:07d}{97 - (base % 97):02d}"


def nl_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        check = sum(d * (9 - i) for i, d in enumerate(digits)) % 11
        if check < 10 and digits[0]:
            return "NL" + "".join(map(str, digits)) + str(check) + "B01"


def de_check(digits: str) -> int:
    """ISO 7064 MOD 11,10 check digit of a German USt-IdNr."""
    product = 10
    for d in digits:
        total = (int(d) + product) % 10 or 10
        product = (2 * total) % 11
    check = 11 - product
    return 0 if check == 10 else check


def de_number(rng: random.Random) -> str:
    digits = str(rng.randrange(10_000_000, 99_999_999))
    return f"DE{digits}{de_check(digits)}"


def luhn_digit(digits: str) -> int:
    """The Luhn check digit that makes `digits` + it pass (a French SIREN's last digit)."""
    total = 0
    for index, digit in enumerate(reversed(digits)):
        doubled = int(digit) * (2 if index % 2 == 0 else 1)
        total += doubled - 9 if doubled > 9 else doubled
    return (10 - total % 10) % 10


def fr_number(rng: random.Random) -> str:
    """A French TVA number: key (12 + 3 × SIREN mod 97) mod 97, and a SIREN that passes Luhn.

    One draw, as before the SIREN's check digit was set, so the other numbers stay the same."""
    drawn = rng.randrange(300_000_000, 999_999_999) // 10
    siren = drawn * 10 + luhn_digit(str(drawn))
    return f"FR{(12 + 3 * (siren % 97)) % 97:02d}{siren}"


def ie_number(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(7)]
    letter = IE_LETTERS[sum(d * (8 - i) for i, d in enumerate(digits)) % 23]
    return "IE" + "".join(map(str, digits)) + letter


NUMBERS = {"BE": be_number, "NL": nl_number, "DE": de_number, "FR": fr_number, "IE": ie_number}

SHAPES: dict[str, tuple[str, ...]] = {
    "BE": ("{cc} {a}.{b}.{c}", "BTW {cc}{body}", "{cc}{body}", "TVA {cc} {a} {b} {c}"),
    "NL": ("{cc}{body}", "BTW {cc} {body}", "btw-id {cc}{body}"),
    "DE": ("{cc} {d1} {d2} {d3}", "USt-IdNr.: {cc}{body}", "{cc}{body}"),
    "FR": ("{cc} {key} {siren}", "N° TVA {cc}{body}", "{cc}{body}"),
    "IE": ("{cc}{body}", "VAT {cc} {ie7} {ie8}", "VAT No. {cc}{body}"),
}


def printed(vat: str, shape: int) -> str:
    """One of the country's printed shapes: BE 0123.456.749, DE 129 273 398, FR 12 345678901."""
    cc, body = vat[:2], vat[2:]
    shapes = SHAPES[cc]
    parts = {
        "cc": cc,
        "body": body,
        "a": body[:4],
        "b": body[4:7],
        "c": body[7:],
        "d1": body[:3],
        "d2": body[3:6],
        "d3": body[6:],
        "key": body[:2],
        "siren": body[2:],
        "ie7": body[:7],
        "ie8": body[7:],
    }
    return shapes[shape % len(shapes)].format(**parts)
