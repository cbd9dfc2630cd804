"""Measure the pipeline on a generated corpus, print the figures beside their targets and write
them to bench/results.json.

    .venv/bin/python -m bench.run --n 500

Parsing is timed in this process, file by file, interleaved with bare pdfplumber on the same
file, so that machine noise hits both alike. Exports run as `python -m pipeline export`
subprocesses, as a user runs them: their wall time includes start-up and imports. Memory is the
peak of the summed resident set of the export's whole process tree (the export and its worker
processes), sampled from /proc; the largest single process's exact peak comes from `os.wait4`.
The exit status is 0 when targets are missed (this is a measurement); 1 when an export crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
SAMPLE_INTERVAL_S = 0.02

REQUIRED_KEYS = (
    "n",
    "pdfplumber_ms_per_file",
    "parse_ms_per_file",
    "parse_ratio",
    "export_1job_s",
    "export_2jobs_s",
    "jobs2_speedup",
    "rerun_s",
    "peak_rss_mb",
    "help_s",
)


class BenchError(Exception):
    """A measured command crashed, so its figures mean nothing."""


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    relation: str
    limit: float

    def met(self, value: float) -> bool:
        return value <= self.limit if self.relation == "<=" else value >= self.limit


TARGETS = (
    Target("parse_ratio", "<=", 1.15),
    Target("jobs2_speedup", ">=", 1.7),
    Target("rerun_s", "<=", 1.0),
    Target("peak_rss_mb", "<=", 250.0),
    Target("help_s", "<=", 0.3),
)


# ---------------------------------------------------------------- parsing, in this process


@dataclass(frozen=True, slots=True)
class ParseTimes:
    """Per file pdfplumber reads, in the corpus's order: its pages, and the wall and CPU
    milliseconds of bare pdfplumber and of our read_invoice."""

    pages: tuple[int, ...]
    pdfplumber_ms: tuple[float, ...]
    parse_ms: tuple[float, ...]
    pdfplumber_cpu_ms: tuple[float, ...]
    parse_cpu_ms: tuple[float, ...]


def bare_pdfplumber(path: Path) -> int:
    """What reading a PDF costs at least: open, every page's words, close each page."""
    import pdfplumber

    pages = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
            pages += 1
    return pages


def our_parse(path: Path) -> int:
    from pipeline.reading import read_invoice

    return read_invoice(path).source.pages or 0


@dataclass(frozen=True, slots=True)
class Timed:
    wall_ms: float
    cpu_ms: float
    pages: int


def timed(reader: Callable[[Path], int], path: Path) -> Timed:
    wall, cpu = time.perf_counter(), time.process_time()
    pages = reader(path)
    return Timed((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, pages)


def readable(path: Path) -> bool:
    """Whether bare pdfplumber reads the file (a corpus may hold damaged or locked PDFs, which
    have no baseline to compare with)."""
    try:
        bare_pdfplumber(path)
    except Exception:
        return False
    return True


def measure_parse(files: Sequence[Path]) -> ParseTimes:
    """Both readers on every file pdfplumber can read, alternating which goes first, after one
    untimed warm-up (imports, caches)."""
    files = [path for path in files if readable(path)]
    if not files:
        raise BenchError("pdfplumber reads none of the generated files")
    our_parse(files[0])
    bare: list[Timed] = []
    ours: list[Timed] = []
    for index, path in enumerate(files):
        if index % 2:
            ours.append(timed(our_parse, path))
            bare.append(timed(bare_pdfplumber, path))
        else:
            bare.append(timed(bare_pdfplumber, path))
            ours.append(timed(our_parse, path))
    return ParseTimes(
        pages=tuple(t.pages for t in bare),
        pdfplumber_ms=tuple(t.wall_ms for t in bare),
        parse_ms=tuple(t.wall_ms for t in ours),
        pdfplumber_cpu_ms=tuple(t.cpu_ms for t in bare),
        parse_cpu_ms=tuple(t.cpu_ms for t in ours),
    )


# ---------------------------------------------------------------- subprocesses


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name: [0] state, [1] parent pid,
    [11] user and [12] system CPU clock ticks, [21] resident pages."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            text = handle.read().decode(errors="replace")
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


class ProcessTree:
    """A process and all its descendants, found in /proc. Each pid's parent is read once, when
    the pid is first seen, so a snapshot costs one directory listing and one read per process
    of the tree (a full /proc scan each time would take a busy core's share from the export)."""

    def __init__(self, root: int) -> None:
        self.root = root
        self._parent: dict[int, int] = {}

    def _members(self) -> list[int]:
        try:
            names = os.listdir("/proc")
        except OSError:
            return []
        for name in names:
            if name.isdigit() and int(name) not in self._parent:
                fields = _stat_fields(int(name))
                self._parent[int(name)] = int(fields[1]) if fields else -1
        children: dict[int, list[int]] = {}
        for pid, parent in self._parent.items():
            children.setdefault(parent, []).append(pid)
        members, frontier = [self.root], [self.root]
        while frontier:
            found = children.get(frontier.pop(), [])
            members.extend(found)
            frontier.extend(found)
        return members

    def snapshot(self) -> dict[int, tuple[int, int]]:
        """Pid → (resident pages, CPU clock ticks so far) of every process of the tree now."""
        found = {}
        for pid in self._members():
            fields = _stat_fields(pid)
            if fields is not None:
                found[pid] = (int(fields[21]), int(fields[11]) + int(fields[12]))
        return found


class TreeSampler:
    """Snapshots a `ProcessTree` every 20 ms in a thread until stopped: the peak of the summed
    resident set, and each process's CPU time as last seen."""

    def __init__(self, root: int) -> None:
        self.peak_bytes = 0
        self._cpu_ticks: dict[int, int] = {}
        self._tree = ProcessTree(root)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            snapshot = self._tree.snapshot()
            self.peak_bytes = max(self.peak_bytes, page * sum(r for r, _ in snapshot.values()))
            for pid, (_, ticks) in snapshot.items():
                self._cpu_ticks[pid] = max(ticks, self._cpu_ticks.get(pid, 0))
            self._stop.wait(SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Run:
    """One finished command: wall time, exit status, memory and what it printed."""

    wall_s: float
    status: int
    tree_peak_mb: float
    process_peak_mb: float
    cpu_s: float
    stdout: str
    stderr: str


def run_command(args: Sequence[str], log: Path) -> Run:
    """Run `args` from the project root, its output to files (so no pipe can fill)."""
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(args), cwd=ROOT, stdout=out, stderr=err)
        sampler = TreeSampler(process.pid)
        _, wait_status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        sampler.stop()
    return Run(
        wall_s=wall,
        status=process.returncode,
        tree_peak_mb=sampler.peak_bytes / 2**20,
        process_peak_mb=usage.ru_maxrss / 1024,
        cpu_s=sampler.cpu_s,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def export_command(inbox: Path, out: Path, register: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline",
        "export",
        str(inbox),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--register",
        str(register),
    ]


def run_export(inbox: Path, out: Path, register: Path, jobs: int, log: Path) -> Run:
    """A whole export; exit status 0 (all well) and 1 (a file needs attention) are results,
    anything else is a crash."""
    run = run_command(export_command(inbox, out, register, jobs), log)
    if run.status not in (0, 1):
        raise BenchError(
            f"export --jobs {jobs} exited with status {run.status}:\n{run.stderr[-2000:]}"
        )
    return run


def summary_count(stdout: str, label: str) -> int:
    """A count from export's closing summary (`  files read:   12`); -1 when not printed."""
    match = re.search(rf"^\s*{re.escape(label)}:\s+(\d+)", stdout, re.MULTILINE)
    return int(match[1]) if match else -1


def attention_files(stdout: str) -> list[str]:
    """The files export's summary lists with an error (`  ! name.pdf: CODE: message`)."""
    return sorted(set(re.findall(r"^\s*! (.+?\.pdf): [A-Z_]+:", stdout, re.MULTILINE | re.I)))


def help_seconds(runs: int, log: Path) -> list[float]:
    times = []
    for _ in range(runs):
        run = run_command([sys.executable, "-m", "pipeline", "--help"], log)
        if run.status != 0:
            raise BenchError(f"pipeline --help exited with status {run.status}:\n{run.stderr}")
        times.append(run.wall_s)
    return times


CONTROL_LOOPS = 5_000_000


def spin_seconds(copies: int, loops: int) -> float:
    """Wall seconds of `copies` identical CPU-bound Python processes run at once."""
    spin = f"x = 0\nfor i in range({loops}):\n    x += i * i\n"
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(copies)]
    if any(process.wait() != 0 for process in processes):
        raise BenchError("the CPU-bound control process failed")
    return time.perf_counter() - start


@dataclass(frozen=True, slots=True)
class Control:
    """One CPU-bound process alone, then two at once, each the same fixed work."""

    alone_s: float
    together_s: float

    @property
    def capacity(self) -> float:
        """How many cores two CPU-bound processes got: 2.0 on an idle 2-core machine, less when
        other work shares the cores; the ceiling of jobs2_speedup at that moment."""
        return 2 * self.alone_s / self.together_s


def control(loops: int = CONTROL_LOOPS) -> Control:
    return Control(spin_seconds(1, loops), spin_seconds(2, loops))


# ---------------------------------------------------------------- the whole bench


def generate(folder: Path, n: int, seed: int) -> list[Path]:
    from samples.generate import generate_corpus

    return sorted(p for p in generate_corpus(folder, n, seed) if p.suffix.lower() == ".pdf")


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found[1].strip() if found else ""
    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def measure(
    n: int, seed: int = 0, help_runs: int = 7, control_loops: int = CONTROL_LOOPS
) -> dict[str, Any]:
    """Every figure of the bench, from one corpus of `n` generated invoices."""
    host = machine()
    with tempfile.TemporaryDirectory(prefix="invoice-bench-") as temp:
        work = Path(temp)
        inbox = work / "inbox"
        inbox.mkdir()
        files = generate(inbox, n, seed)
        if not files:
            raise BenchError("the generator wrote no PDF")
        parse = measure_parse(files)
        controls = [control(control_loops)]
        one = run_export(inbox, work / "out-1", work / "reg-1" / "r.sqlite", 1, work / "one")
        two = run_export(inbox, work / "out-2", work / "reg-2" / "r.sqlite", 2, work / "two")
        controls.append(control(control_loops))
        rerun = run_export(inbox, work / "out-2", work / "reg-2" / "r.sqlite", 2, work / "rerun")
        helps = help_seconds(help_runs, work / "help")
    host["load_average_1min_end"] = round(os.getloadavg()[0], 2)
    capacity = statistics.mean(c.capacity for c in controls)
    host["parallel_capacity"] = round(capacity, 2)
    host["control_alone_s"] = [round(c.alone_s, 3) for c in controls]
    return {
        **figures(len(files), parse, one, two, rerun, helps),
        "jobs2_efficiency": round(one.wall_s / two.wall_s / capacity, 2),
        "machine": host,
    }


def figures(
    n: int, parse: ParseTimes, one: Run, two: Run, rerun: Run, helps: Sequence[float]
) -> dict[str, Any]:
    bare_ms = statistics.median(parse.pdfplumber_ms)
    parse_ms = statistics.median(parse.parse_ms)
    bare_cpu_ms = statistics.median(parse.pdfplumber_cpu_ms)
    parse_cpu_ms = statistics.median(parse.parse_cpu_ms)
    one_page = [
        ms for ms, pages in zip(parse.pdfplumber_ms, parse.pages, strict=True) if pages == 1
    ]
    parse_total_s = sum(parse.parse_ms) / 1000
    return {
        "n": n,
        "parse_files_timed": len(parse.pages),
        "pages_total": sum(parse.pages),
        "files_3plus_pages": sum(1 for pages in parse.pages if pages >= 3),
        "pdfplumber_ms_per_file": round(bare_ms, 2),
        "pdfplumber_ms_per_1page_file": round(statistics.median(one_page), 2) if one_page else None,
        "parse_ms_per_file": round(parse_ms, 2),
        "parse_ratio": round(parse_ms / bare_ms, 3),
        "pdfplumber_cpu_ms_per_file": round(bare_cpu_ms, 2),
        "parse_cpu_ms_per_file": round(parse_cpu_ms, 2),
        "parse_ratio_cpu": round(parse_cpu_ms / bare_cpu_ms, 3),
        "parse_overhead_ms_per_file": round(
            statistics.median(
                p - b for p, b in zip(parse.parse_ms, parse.pdfplumber_ms, strict=True)
            ),
            2,
        ),
        "parse_invoices_per_s": round(1000 / parse_ms, 1),
        "parse_total_s": round(parse_total_s, 2),
        "export_1job_s": round(one.wall_s, 2),
        "export_1job_invoices_per_s": round(n / one.wall_s, 1),
        "export_1job_cpu_s": round(one.cpu_s, 2),
        "export_1job_overhead_cpu_s": round(one.cpu_s - sum(parse.parse_cpu_ms) / 1000, 2),
        "export_2jobs_s": round(two.wall_s, 2),
        "export_2jobs_invoices_per_s": round(n / two.wall_s, 1),
        "export_2jobs_cpu_s": round(two.cpu_s, 2),
        "jobs2_speedup": round(one.wall_s / two.wall_s, 2),
        "exported_invoices": summary_count(two.stdout, "invoices exported"),
        "attention_files": attention_files(two.stdout),
        "rerun_s": round(rerun.wall_s, 2),
        "rerun_cpu_s": round(rerun.cpu_s, 2),
        "rerun_files_read": summary_count(rerun.stdout, "files read"),
        "rerun_already_exported": summary_count(rerun.stdout, "already exported"),
        "peak_rss_mb": round(max(one.tree_peak_mb, two.tree_peak_mb, rerun.tree_peak_mb), 1),
        "peak_rss_1job_mb": round(one.tree_peak_mb, 1),
        "peak_rss_2jobs_mb": round(two.tree_peak_mb, 1),
        "peak_rss_largest_process_mb": round(
            max(one.process_peak_mb, two.process_peak_mb, rerun.process_peak_mb), 1
        ),
        "peak_rss_method": (
            "peak of the summed RSS of the export's process tree, sampled from /proc every"
            f" {SAMPLE_INTERVAL_S * 1000:g} ms; largest single process exact from os.wait4"
        ),
        "help_s": round(statistics.median(helps), 3),
        "help_runs": len(helps),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


# ---------------------------------------------------------------- reporting


def target_marks(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        t.key: {"target": f"{t.relation} {t.limit:g}", "met": t.met(float(results[t.key]))}
        for t in TARGETS
    }


ROWS = (
    ("n", "invoices"),
    ("parse_files_timed", "files"),
    ("pages_total", "pages"),
    ("files_3plus_pages", "files"),
    ("pdfplumber_ms_per_file", "ms"),
    ("pdfplumber_ms_per_1page_file", "ms"),
    ("parse_ms_per_file", "ms"),
    ("parse_ratio", "×"),
    ("pdfplumber_cpu_ms_per_file", "ms CPU"),
    ("parse_cpu_ms_per_file", "ms CPU"),
    ("parse_ratio_cpu", "×"),
    ("parse_overhead_ms_per_file", "ms"),
    ("parse_invoices_per_s", "/s (1 core)"),
    ("export_1job_s", "s"),
    ("export_1job_invoices_per_s", "/s"),
    ("export_1job_cpu_s", "s CPU"),
    ("export_1job_overhead_cpu_s", "s CPU"),
    ("export_2jobs_s", "s"),
    ("export_2jobs_invoices_per_s", "/s"),
    ("export_2jobs_cpu_s", "s CPU"),
    ("jobs2_speedup", "×"),
    ("jobs2_efficiency", "of capacity"),
    ("exported_invoices", "invoices"),
    ("rerun_s", "s"),
    ("rerun_cpu_s", "s CPU"),
    ("rerun_files_read", "files"),
    ("peak_rss_mb", "MB"),
    ("peak_rss_1job_mb", "MB"),
    ("peak_rss_2jobs_mb", "MB"),
    ("peak_rss_largest_process_mb", "MB"),
    ("help_s", "s"),
)


def table(results: dict[str, Any]) -> str:
    marks = results["targets"]
    lines = [f"{'figure':<30} {'value':>10}  {'unit':<12} target", "-" * 66]
    for key, unit in ROWS:
        value = results.get(key)
        mark = marks.get(key)
        verdict = f"{mark['target']:<8} {'pass' if mark['met'] else 'FAIL'}" if mark else ""
        lines.append(f"{key:<30} {value!s:>10}  {unit:<12} {verdict}".rstrip())
    info = results["machine"]
    lines.append("-" * 66)
    lines.append(
        f"{info['cpu_count']} CPUs ({info['cpu_model'] or 'unknown model'}),"
        f" Python {info['python']}, load {info['load_average_1min']} at the start and"
        f" {info['load_average_1min_end']} at the end, {results['date']}"
    )
    lines.append(
        f"parallel capacity: two CPU-bound processes got {info['parallel_capacity']} cores"
        " (2.0 on an idle 2-core machine; the ceiling of jobs2_speedup); one alone took"
        f" {' and '.join(f'{t:g}' for t in info['control_alone_s'])} s before and after"
    )
    lines.append(f"memory: {results['peak_rss_method']}")
    return "\n".join(lines)


def write_results(results: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Measure the pipeline on a generated corpus."
    )
    parser.add_argument("--n", type=int, default=500, help="invoices to generate (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--help-runs", type=int, default=7, help="timed `--help` runs")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument(
        "--control-loops",
        type=int,
        default=CONTROL_LOOPS,
        help="iterations of the CPU-bound control that measures the cores available",
    )
    args = parser.parse_args(argv)
    if min(args.n, args.help_runs, args.control_loops) < 1:
        parser.error("--n, --help-runs and --control-loops must be at least 1")
    try:
        results = measure(args.n, args.seed, args.help_runs, args.control_loops)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    results["targets"] = target_marks(results)
    write_results(results, args.results)
    print(table(results))
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
