"""The samples printed by HTML engines parse to exactly their expected records.

They are the generator's invoices laid out by Chromium (samples/engines) and by WeasyPrint
(samples/engines/weasyprint) instead of reportlab (samples/html.py); the PDFs are committed, so
these tests need neither engine.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from test_samples import ROOT, _cases, _check

from samples.html_corpus import PINNED

ENGINES = ROOT / "samples" / "engines"
ENGINE_CASES = _cases(ENGINES)
WEASY_CASES = _cases(ENGINES / "weasyprint")


@pytest.mark.parametrize(("pdf", "expected"), ENGINE_CASES + WEASY_CASES)
def test_engine_printed_sample_parses_to_its_expected_record(pdf: Path, expected: Path) -> None:
    _check(pdf, expected)


@pytest.mark.parametrize(("pdf", "expected"), ENGINE_CASES + WEASY_CASES)
def test_each_record_names_the_file_and_sha256_of_the_pdf_beside_it(
    pdf: Path, expected: Path
) -> None:
    source = json.loads(expected.read_text(encoding="utf-8"))["source"]
    assert source["file"] == pdf.name
    assert source["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_the_browser_samples_cover_every_family_every_language_and_several_pages() -> None:
    records = [json.loads(case.values[1].read_text(encoding="utf-8")) for case in ENGINE_CASES]
    assert len(records) >= 16
    assert {r["family"] for r in records} == {
        "portal-2012",
        "online-services",
        "customer-agreement",
    }
    assert {r["language"] for r in records} == {"nl", "en", "fr", "de"}
    assert {r["source"]["pages"] for r in records} >= {1, 2, 3}
    codes = {f["code"] for r in records for f in r["findings"]}
    assert {"PRORATED_LINE", "REVERSE_CHARGE"} <= codes
    assert any(f["severity"] == "error" for r in records for f in r["findings"])


def test_every_pinned_weasyprint_rendering_is_committed_with_its_record() -> None:
    """Each was a rendering the parser once got wrong (samples.html_corpus.PINNED)."""
    assert {case.values[0].stem for case in WEASY_CASES} == {p.name for p in PINNED}


def test_the_browser_samples_print_family_c_invoices_and_credit_notes_in_every_language() -> None:
    records = [json.loads(case.values[1].read_text(encoding="utf-8")) for case in ENGINE_CASES]
    agreement = [r for r in records if r["family"] == "customer-agreement"]
    assert len(agreement) >= 12
    for language in ("en", "nl", "fr", "de"):
        assert {r["document_type"] for r in agreement if r["language"] == language} == {
            "invoice",
            "credit_note",
        }
    assert max(r["source"]["pages"] for r in agreement) >= 4
    assert any(line["credits"] not in (None, "0.00") for r in agreement for line in r["lines"])
    assert {r["currency"] for r in agreement} == {"EUR", "USD"}
