"""The bench on a tiny corpus: every figure it promises is written, and a re-run reads no file
it exported before.

No timing is asserted; the figures' sizes depend on the machine.
"""

from __future__ import annotations

import json
import math
import os
import platform
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bench.run import REQUIRED_KEYS, TARGETS, ProcessTree, main


def tiny_bench(folder: Path) -> dict[str, Any]:
    path = folder / "results.json"
    options = ["--n", "3", "--help-runs", "1", "--control-loops", "1000"]
    assert main([*options, "--results", str(path)]) == 0
    results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return results


def test_a_tiny_bench_writes_every_figure_marks_every_target_and_reruns_without_reading(
    tmp_path: Path,
) -> None:
    """One test, so that the bench (three exports) runs once even when tests are spread over
    several pytest workers."""
    results = tiny_bench(tmp_path)
    for key in (*REQUIRED_KEYS, "jobs2_efficiency"):
        value = results[key]
        assert isinstance(value, int | float) and not isinstance(value, bool), key
        assert math.isfinite(value) and value > 0, key
    assert (results["n"], results["parse_files_timed"]) == (3, 3)
    exported = results["exported_invoices"]
    assert isinstance(exported, int) and exported >= 1
    assert results["rerun_already_exported"] == exported
    assert results["rerun_files_read"] == 0
    assert results["targets"] == {
        t.key: {"target": f"{t.relation} {t.limit:g}", "met": t.met(float(results[t.key]))}
        for t in TARGETS
    }
    machine = results["machine"]
    assert isinstance(machine["cpu_count"], int) and machine["cpu_count"] >= 1
    assert machine["parallel_capacity"] > 0
    assert machine["python"] == platform.python_version()
    assert datetime.fromisoformat(results["date"]).tzinfo is not None


def test_a_crashing_export_is_an_error_not_a_figure(tmp_path: Path) -> None:
    from bench.run import BenchError, run_export

    not_a_folder = tmp_path / "inbox.pdf"
    not_a_folder.write_bytes(b"%PDF-")
    with pytest.raises(BenchError, match="status 2"):
        run_export(not_a_folder, tmp_path / "out", tmp_path / "r.sqlite", 1, tmp_path / "log")


def test_a_missed_target_is_marked_failed_and_a_met_one_passed() -> None:
    ratio = next(t for t in TARGETS if t.key == "parse_ratio")
    speedup = next(t for t in TARGETS if t.key == "jobs2_speedup")
    assert (ratio.met(1.15), ratio.met(1.16)) == (True, False)
    assert (speedup.met(1.7), speedup.met(1.69)) == (True, False)


def test_the_memory_sampler_sees_a_process_and_its_children() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "import subprocess; subprocess.run(['sleep', '5'])"],
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 5
        sampled = ProcessTree(child.pid)
        tree = sampled.snapshot()
        while len(tree) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            tree = sampled.snapshot()
        assert len(tree) == 2
        assert child.pid in tree
        assert all(pages > 0 for pages, _ in tree.values())
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
