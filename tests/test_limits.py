"""Every command reads PDFs under the same limits: a time limit enforced by killing the worker,
a memory limit on the worker, and character limits that stop a glyph bomb before it is laid out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from glyphbomb import glyph_bomb

from pipeline.errors import PdfError
from pipeline.limits import ReadLimits
from pipeline.pdfwords import read_document
from pipeline.reading import FileToRead, read_files
from pipeline.workers import START_METHOD

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "a-nl-annual-exchange-rc.pdf"
MEMORY_MIB = 512

#: Runs a command and prints, last, the peak resident memory (KiB on Linux) of the largest
#: process among its descendants that were waited for: the command and its worker processes.
PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print('peak', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)

PAGE_MESSAGE = (
    "bomb.pdf: page 1 draws more than 100,000 characters, the page character limit; it was not"
    " read; if it is a genuine invoice, raise page_character_limit in the configuration file"
    " (--config FILE)"
)


def run_measured(tmp_path: Path, *args: str) -> tuple[str, int, int]:
    """The command's output, exit status and peak memory in MiB (workers spawned, so that they
    are children of the command and their peak is counted)."""
    config = tmp_path / "limits.toml"
    config.write_text(f"memory_limit = {MEMORY_MIB}\n", encoding="utf-8")
    env = {**os.environ, START_METHOD: "spawn", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            sys.executable,
            "-m",
            "pipeline",
            *args,
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    output, last = done.stdout.rsplit("peak ", 1)
    peak_kib, status = (int(part) for part in last.split())
    return output + done.stderr, status, peak_kib // 1024


@pytest.mark.skipif(sys.platform == "win32", reason="the peak is measured with resource")
@pytest.mark.parametrize("command", ["check", "parse", "export"])
def test_a_glyph_bomb_is_stopped_under_the_memory_limit(tmp_path: Path, command: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bomb = glyph_bomb(inbox / "bomb.pdf")
    assert bomb.stat().st_size < 64 * 1024
    extra = {
        "check": [str(bomb)],
        "parse": [str(bomb)],
        "export": [
            str(inbox), "--out", str(tmp_path / "out"),
            "--register", str(tmp_path / "register.sqlite"),
        ],
    }[command]  # fmt: skip
    output, status, peak = run_measured(tmp_path, command, *extra)
    assert status == 1, output
    assert PAGE_MESSAGE.removeprefix("bomb.pdf: ") in " ".join(output.split()), output
    assert peak < MEMORY_MIB, f"{command} peaked at {peak} MiB"


@pytest.fixture
def small_bomb(tmp_path: Path) -> Path:
    return glyph_bomb(tmp_path / "bomb.pdf", glyphs=20_000, per_show=100)


def test_a_page_over_its_character_limit_is_not_laid_out(small_bomb: Path) -> None:
    with pytest.raises(PdfError) as caught:
        read_document(small_bomb, ReadLimits(page_characters=10_000))
    assert caught.value.reason == (
        "page 1 draws more than 10,000 characters, the page character limit; it was not read;"
        " if it is a genuine invoice, raise page_character_limit in the configuration file"
        " (--config FILE)"
    )


def test_a_document_over_its_character_limit_is_not_laid_out(small_bomb: Path) -> None:
    with pytest.raises(PdfError) as caught:
        read_document(small_bomb, ReadLimits(page_characters=50_000, characters=15_000))
    assert caught.value.reason == (
        "the PDF draws more than 15,000 characters, the character limit; it was not read; if it"
        " is a genuine invoice, raise character_limit in the configuration file (--config FILE)"
    )


def test_a_document_within_its_limits_is_read_whole(small_bomb: Path) -> None:
    document = read_document(small_bomb, ReadLimits(page_characters=20_000, characters=20_000))
    assert len(document.pages) == 1
    assert {char for word in document.words for char in word.text} == {"A"}


def hungry_reader(path: Path, name: str) -> object:
    """A reader that wants 4 GiB."""
    return bytearray(4 * 1024**3)


@pytest.mark.skipif(sys.platform == "win32", reason="the memory limit is POSIX setrlimit")
def test_a_reader_over_the_memory_limit_is_reported_with_the_limit(tmp_path: Path) -> None:
    file = FileToRead(SAMPLE, "big.pdf", "a" * 64)
    [result] = read_files([file], ReadLimits(memory_mib=256), reader=hungry_reader)  # type: ignore[arg-type]
    assert result.lasting
    assert [(f.code, f.message) for f in result.invoice.findings] == [
        (
            "UNREADABLE_PDF",
            "big.pdf: reading it needed more than the memory limit of 256 MiB and was stopped;"
            " if it is a genuine invoice, raise memory_limit in the configuration file"
            " (--config FILE)",
        )
    ]


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_every_start_method_reads_the_same_invoice(method: str) -> None:
    """`spawn` is how the workers start on Windows: the same invoice, the same limits."""
    from pipeline.reading import read_invoice

    [result] = read_files([FileToRead(SAMPLE, SAMPLE.name)], ReadLimits(), method=method)
    assert result.lasting
    assert result.invoice == read_invoice(SAMPLE)
    assert result.invoice.invoice_number == "C70323394B"
