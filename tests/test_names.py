"""Nothing in a file's name or path can crash a batch: newlines, control characters, very long
names, bytes that are not UTF-8 — discovery, sorting, reading, the checks CSV and the summary."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import Settings
from pipeline.discovery import folder_files, printable, sort_key
from pipeline.export import ExportOptions, run_export
from pipeline.report import summary_lines

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "a-nl-annual-exchange-rc.pdf"
NOT_INVOICE = b"%PDF-1.4\nnot really a PDF\n"

text_names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=60
).map(os.fsencode)
byte_names = st.binary(min_size=1, max_size=60).filter(lambda b: b"/" not in b and b"\0" not in b)
long_names = st.integers(min_value=200, max_value=251).map(lambda n: b"\xe9" * (n // 2) + b"\n")
stems = st.one_of(text_names, byte_names, long_names).filter(
    lambda b: not b.startswith(b".") and len(b) <= 251
)


def control_free(text: str) -> bool:
    return all(ord(c) >= 0x20 and c not in "\x7f\x85\u2028\u2029" for c in text)


@given(st.lists(st.text(max_size=30), min_size=1, max_size=4))
def test_printable_names_hold_no_control_character_and_encode(parts: list[str]) -> None:
    for part in parts:
        shown = printable(part)
        assert control_free(shown)
        shown.encode("utf-8")
    sort_key(tuple(parts))


def test_printable_shows_what_it_replaced() -> None:
    assert printable("a\nb\x1b.pdf") == "a\\nb\\x1b.pdf"
    assert printable(os.fsdecode(b"caf\xe9.pdf")) == "caf\\xe9.pdf"
    assert printable("Factuur été.pdf") == "Factuur été.pdf"


@pytest.mark.skipif(sys.platform == "win32", reason="names of bytes are a POSIX file system's")
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(stems, min_size=1, max_size=3, unique_by=bytes.lower))
def test_no_file_name_crashes_an_export(
    tmp_path_factory: pytest.TempPathFactory, stems: list[bytes]
) -> None:
    base = tmp_path_factory.mktemp("names")
    inbox = base / "inbox"
    (inbox / "sub\ndir").mkdir(parents=True)
    raw_inbox = os.fsencode(inbox)
    for index, stem in enumerate(stems):
        folder = raw_inbox + (b"/sub\ndir/" if index % 2 else b"/")
        with open(folder + stem + b".pdf", "wb") as handle:
            handle.write(SAMPLE.read_bytes() if index == 0 else NOT_INVOICE)
    found = folder_files(inbox)
    assert len(found.files) == len(stems)
    register = base / "register.sqlite"
    report = run_export(
        ExportOptions(inbox, base / "out", formats=frozenset({"csv", "xlsx"})),
        Settings(register_path=register, jobs=2),
    )
    assert sorted(f.name for f in report.files) == sorted(f.name for f in found.files)
    assert all(control_free(f.name) for f in report.files)
    assert report.count("exported") == 1
    assert report.count("attention") == len(stems) - 1
    for line in summary_lines(report):
        assert control_free(line)
        line.encode("utf-8")
    [checks] = (base / "out").glob("checks-*.csv")
    rows = list(csv.DictReader(io.StringIO(checks.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {row["file"].lstrip("'") for row in rows} >= {
        f.name for f in report.files if f.outcome == "attention"
    }
    shutil.rmtree(base)
