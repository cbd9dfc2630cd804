"""No rendering the project has is taken for the wrong family: every sample, every engine
rendering (samples/engines/**) and every corpus example is detected as the family (and in the
language) of its expected record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.layouts import FAMILIES, detect
from pipeline.layouts.geometry import Row, document_rows, rows_of
from pipeline.model import Word
from pipeline.pdfwords import read_document

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "samples", ROOT / "samples" / "engines", ROOT.parent / "shared" / "corpus")


def renderings() -> list[Any]:
    cases = []
    for folder in FOLDERS:
        for pdf in sorted(folder.rglob("*.pdf")) if folder.is_dir() else ():
            expected = pdf.with_suffix(".json")
            if not expected.exists():
                continue
            record = json.loads(expected.read_text(encoding="utf-8"))
            if "error" in record or record.get("family") is None:
                continue
            name = pdf.relative_to(folder.parent).as_posix()
            cases.append(pytest.param(pdf, record["family"], record["language"], id=name))
    return cases


CASES = renderings()


@pytest.mark.parametrize(("pdf", "family", "language"), CASES)
def test_each_rendering_is_detected_as_its_own_family(
    pdf: Path, family: str, language: str
) -> None:
    found = detect(document_rows(read_document(pdf)))
    assert found is not None, f"{pdf.name}: no family detected"
    assert (found[0].name, found[1]) == (family, language)


def test_every_family_has_renderings_to_be_told_apart() -> None:
    assert {family for _, family, _ in (case.values for case in CASES)} == {
        f.name for f in FAMILIES
    }


def _rows(*lines: str) -> list[Row]:
    words = []
    for n, line in enumerate(lines):
        x = 40.0
        for text in line.split():
            words.append(Word(text, x, x + 6 * len(text), 20.0 * n, 20.0 * n + 9, 1))
            x += 6 * len(text) + 4
    return rows_of(words)


def test_labels_two_families_share_decide_neither() -> None:
    """Sold to, Billing summary, Qty and Payment instructions are printed by the Online
    Services invoice and the Customer Agreement alike: alone they identify no family."""
    shared = _rows(
        "Microsoft Invoice",
        "Sold to Bill to",
        "Billing summary",
        "Charges 10.00 Tax 0.00 Total 10.00",
        "Product Qty",
        "Payment instructions",
        "Microsoft Ireland Operations Ltd",
    )
    assert detect(shared) is None
    agreement = _rows(
        *(row.text for row in shared), "Billing profile: X", "Invoice number: G123456789"
    )
    found = detect(agreement)
    assert found is not None and (found[0].name, found[1]) == ("customer-agreement", "en")


def test_a_customer_agreement_in_dutch_with_english_terms_is_dutch() -> None:
    """English labels are always recognised; the language is the one whose own words print."""
    rows = _rows(
        "Microsoft Factuur",
        "Factuuroverzicht",
        "Sold to Factureringsprofiel: Smit",
        "P.O. number: X Factuurnummer: G114655011",
        "Factuurdatum: 05/01/2026 Betalingsvoorwaarden: Netto 30 dagen",
        "Charges 48,40 Tegoeden 5,78 Subtotaal 42,62 Btw 8,96 Totaal 51,58",
        "Microsoft Ireland Operations Ltd",
    )
    found = detect(rows)
    assert found is not None and (found[0].name, found[1]) == ("customer-agreement", "nl")


def test_a_customer_agreement_layout_that_no_microsoft_entity_sells_is_no_family() -> None:
    """A reseller's invoice printing the Customer Agreement's labels and Microsoft's product
    names, but sold by the reseller, is not Microsoft's."""
    lines = (
        "Invoice",
        "Sold to Bill to Billing profile: Smit",
        "Invoice number: G123456789 Invoice date: 05/01/2026",
        "Billing summary",
        "Microsoft 365 Business Standard 12.50",
        "Charges 12.50 Tax 0.00 Total 12.50",
        "Payment instructions",
    )
    assert detect(_rows(*lines, "Contoso Cloud Partner B.V.")) is None
    found = detect(_rows(*lines, "Microsoft Ireland Operations Ltd"))
    assert found is not None and (found[0].name, found[1]) == ("customer-agreement", "en")
