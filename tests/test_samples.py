"""Every committed sample and every corpus example parses to exactly its expected record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.reading import read_invoice
from pipeline.record import invoice_record

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "rendered"
SCHEMA = SHARED / "spec" / "invoice.schema.json"


def _cases(folder: Path) -> list[Any]:
    if not folder.is_dir():
        return []
    return [
        pytest.param(
            pdf,
            pdf.with_suffix(".json"),
            id=f"{folder.name}/{pdf.stem}",
        )
        for pdf in sorted(folder.glob("*.pdf"))
        if pdf.with_suffix(".json").exists()
    ]


SAMPLE_CASES = _cases(ROOT / "samples")
CORPUS_CASES = _cases(CORPUS)


def _findings(record: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    return sorted((f["code"], f["severity"], f.get("line")) for f in record["findings"])


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The record without finding messages (free text), which are compared by code and line."""
    return {k: v for k, v in record.items() if k != "findings"} | {"findings": _findings(record)}


def _check(pdf: Path, expected_path: Path) -> dict[str, Any]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    record = invoice_record(read_invoice(pdf))
    if "error" in expected:
        assert expected["error"] in {f["code"] for f in record["findings"]}
        assert all(f["severity"] == "error" for f in record["findings"])
        return record
    assert _comparable(record) == _comparable(expected)
    return record


@pytest.mark.parametrize(("pdf", "expected"), CORPUS_CASES)
def test_corpus_example_parses_to_its_expected_record(pdf: Path, expected: Path) -> None:
    _check(pdf, expected)


@pytest.mark.parametrize(("pdf", "expected"), SAMPLE_CASES)
def test_sample_parses_to_its_expected_record(pdf: Path, expected: Path) -> None:
    _check(pdf, expected)


@pytest.mark.skipif(not SCHEMA.exists(), reason="../shared/spec is not beside the project")
@pytest.mark.parametrize(("pdf", "expected"), SAMPLE_CASES + CORPUS_CASES)
def test_every_record_is_valid_against_the_schema(pdf: Path, expected: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    record = invoice_record(read_invoice(pdf))
    jsonschema.validate(record, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_there_are_enough_samples_to_cover_the_layouts() -> None:
    assert len(SAMPLE_CASES) >= 24
