"""Bounded fuzzing of `read_invoice` with mutated invoice PDFs: always an Invoice, never a crash.

The inputs are the corpus renderings in ../shared (skipped when absent) and any samples/*.pdf;
each case mutates one of them with a deterministic random generator, so a failing case can be
rebuilt from its number alone. Each case is read as every command reads a file (in a worker
process under a time limit), so a hang or a crash becomes a failure naming the case.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.limits import ReadLimits
from pipeline.model import Invoice
from pipeline.reading import FileToRead, read_files
from pipeline.record import invoice_record

SEED = 20260722
CASES = 60
CASE_SECONDS = 20.0
PROJECT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
INTERNAL_ERROR = "(an internal reading error)"
READING_CODES = {"UNREADABLE_PDF", "ENCRYPTED_PDF", "NO_TEXT_LAYER", "NOT_A_MICROSOFT_INVOICE"}


@dataclass(frozen=True, slots=True)
class Seed:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Mutant:
    description: str
    data: bytes


def seed_files() -> list[Path]:
    """The PDFs to mutate; an empty file (samples/bad-empty.pdf) has nothing to mutate."""
    corpus = sorted((SHARED / "corpus" / "rendered").glob("*.pdf"))
    found = corpus + sorted((PROJECT / "samples").glob("*.pdf"))
    return [path for path in found if path.stat().st_size > 0]


def span(rng: random.Random, size: int) -> tuple[int, int]:
    """A start and a length inside `size` bytes, up to a quarter of the file."""
    start = rng.randrange(size)
    return start, rng.randint(1, max(1, min(size - start, size // 4)))


def truncated(rng: random.Random, seed: Seed, other: Seed) -> Mutant:
    offset = rng.randrange(len(seed.data))
    return Mutant(f"{seed.name} truncated at byte {offset}", seed.data[:offset])


def flipped(rng: random.Random, seed: Seed, other: Seed) -> Mutant:
    data = bytearray(seed.data)
    positions = sorted(rng.sample(range(len(data)), min(len(data), rng.randint(1, 16))))
    for position in positions:
        data[position] ^= rng.randint(1, 255)
    return Mutant(f"{seed.name} with the bytes at {positions} flipped", bytes(data))


def spliced(rng: random.Random, seed: Seed, other: Seed) -> Mutant:
    head, tail = rng.randrange(len(seed.data)), rng.randrange(len(other.data))
    return Mutant(
        f"{seed.name}[:{head}] + {other.name}[{tail}:]", seed.data[:head] + other.data[tail:]
    )


def zeroed(rng: random.Random, seed: Seed, other: Seed) -> Mutant:
    start, length = span(rng, len(seed.data))
    data = seed.data[:start] + bytes(length) + seed.data[start + length :]
    return Mutant(f"{seed.name} with bytes {start}..{start + length} zeroed", data)


def duplicated(rng: random.Random, seed: Seed, other: Seed) -> Mutant:
    start, length = span(rng, len(seed.data))
    end = start + length
    data = seed.data[:end] + seed.data[start:end] + seed.data[end:]
    return Mutant(f"{seed.name} with bytes {start}..{end} repeated", data)


MUTATIONS: tuple[Callable[[random.Random, Seed, Seed], Mutant], ...] = (
    truncated,
    flipped,
    spliced,
    zeroed,
    duplicated,
)


def mutant(case: int, seeds: list[Seed]) -> Mutant:
    """Case `case`: the mutation `case` cycles to, applied to seeds chosen by the case's seed."""
    rng = random.Random(f"{SEED}-{case}")
    seed, other = rng.choice(seeds), rng.choice(seeds)
    made = MUTATIONS[case % len(MUTATIONS)](rng, seed, other)
    return Mutant(f"case {case}: {made.description}", made.data)


def read_guarded(path: Path) -> tuple[Invoice, bool]:
    """The invoice read in a worker under the time limit, and whether it is the reader's own
    answer (not a time-out or a dead worker)."""
    [result] = read_files([FileToRead(path, path.name)], ReadLimits(seconds=CASE_SECONDS))
    return result.invoice, result.lasting and "time limit" not in str(result.invoice.findings)


@pytest.fixture(scope="module")
def seeds() -> list[Seed]:
    files = seed_files()
    if not files:
        pytest.skip("no corpus in ../shared and no samples/*.pdf to mutate")
    return [Seed(path.name, path.read_bytes()) for path in files]


@pytest.fixture(scope="module")
def schema_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "spec" / "invoice.schema.json"
    if not schema_path.exists():
        return None
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("case", range(CASES))
def test_a_mutated_pdf_reads_to_an_invoice_without_raising_or_hanging(
    case: int, seeds: list[Seed], schema_validator: Any, tmp_path: Path
) -> None:
    made = mutant(case, seeds)
    path = tmp_path / f"case-{case}.pdf"
    path.write_bytes(made.data)
    invoice, answered = read_guarded(path)
    if not answered:
        pytest.fail(f"read_invoice hung or crashed on {made.description}: {invoice.findings}")
    assert "reading failed" not in str(invoice.findings), made.description

    assert isinstance(invoice, Invoice), made.description
    internal = [f.message for f in invoice.findings if INTERNAL_ERROR in f.message]
    assert internal == [], f"the reader crashed inside on {made.description}: {internal}"
    assert invoice.source.file == path.name
    assert invoice.source.sha256 == hashlib.sha256(made.data).hexdigest()
    reading = [f for f in invoice.findings if f.code in READING_CODES]
    if reading:
        assert invoice.findings == tuple(reading[:1]), made.description
        assert reading[0].severity == "error"
        assert reading[0].message.startswith(f"{path.name}: "), made.description
        assert invoice.status == "error"
    if invoice.status != "error":
        required = (invoice.invoice_number, invoice.invoice_date, invoice.total)
        assert None not in required and invoice.lines, made.description
    if schema_validator is not None:
        errors = [e.message for e in schema_validator.iter_errors(invoice_record(invoice))]
        assert errors == [], made.description


def test_the_mutations_are_the_same_on_every_run() -> None:
    seeds = [Seed("a.pdf", bytes(range(256)) * 4), Seed("b.pdf", b"%PDF-1.3\n" * 50)]
    first = [mutant(case, seeds) for case in range(10)]
    again = [mutant(case, seeds) for case in range(10)]
    assert first == again
    assert [m.description.split(":")[0] for m in first] == [f"case {n}" for n in range(10)]
