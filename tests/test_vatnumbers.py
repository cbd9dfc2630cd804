"""VAT numbers checked by their check digits."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.checks import invalid_vat_number_findings, run_checks
from pipeline.model import Finding, Invoice, Party, Source
from pipeline.vatnumbers import is_valid_vat_number, vat_number_problem
from samples.vat import NUMBERS

VALID = ["BE0123456749", "BE0228056304", "IE8256796U", "NL853746333B01", "DE136695976",
         "FR40303265045", "EL094259216", "NO995525828MVA"]  # fmt: skip


@pytest.mark.parametrize("number", VALID)
def test_numbers_with_right_check_digits_pass(number: str) -> None:
    assert vat_number_problem(number) is None
    assert is_valid_vat_number(number)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("BE0123456748", "the number's checksum or check digit is invalid"),
        ("FR12345678901", "the number's checksum or check digit is invalid"),
        ("IE8256796V", "the number's checksum or check digit is invalid"),
        ("NL853746334B01", "the number's checksum or check digit is invalid"),
        ("BE01234567490", "the number has an invalid length"),
        ("0123456749", "it does not start with a two-letter country prefix"),
    ],
)
def test_a_misread_digit_or_a_wrong_number_fails(number: str, problem: str) -> None:
    assert vat_number_problem(number) == problem
    assert not is_valid_vat_number(number)


def test_a_number_of_a_country_without_a_known_scheme_is_taken_as_it_is() -> None:
    assert vat_number_problem("ZZ12345") is None


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(sorted(NUMBERS)))
def test_the_sample_generator_draws_numbers_that_pass_their_check_digits(
    seed: int, country: str
) -> None:
    number = NUMBERS[country](random.Random(seed))
    assert vat_number_problem(number) is None, number


def test_a_swiss_number_is_checked_with_or_without_its_language_suffix() -> None:
    assert vat_number_problem("CHE123456788") is None
    assert vat_number_problem("CHE123456788TVA") is None
    assert vat_number_problem("CHE123456789") == "the number's checksum or check digit is invalid"


def test_parse_reports_a_vat_number_that_fails_its_check_digits() -> None:
    misread = Invoice(
        source=Source("Invoice.pdf", "ab" * 32, 1),
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        customer=Party("Brouwerij De Klok BV", "BE0123456748"),
    )
    assert invalid_vat_number_findings(misread) == [
        Finding(
            "INVALID_VAT_NUMBER",
            "error",
            "the customer's VAT number BE0123456748 fails its check (the number's checksum or "
            "check digit is invalid): a misread digit, or a wrong number on the invoice.",
        )
    ]
    assert invalid_vat_number_findings(replace(misread, customer=Party("Klok", None))) == []
    assert "INVALID_VAT_NUMBER" in {f.code for f in run_checks(misread).findings}
