"""The issue's stress of the PostgreSQL register, as a script and for tests/test_register_stress.py.

1. Race: two exports started at once, from two processes, on one register, over overlapping
   inboxes (A = invoices 1…n, B = n/2+1…3n/2): one wins, the other is refused with the busy
   message; B again afterwards. Every invoice is booked exactly once.
2. Kills: an export over one inbox, killed with SIGKILL at a random moment, `kills` times, then
   run to the end. Nothing lost, nothing twice: the journal files of the finished batches
   hold every invoice once, the register agrees, no pending batch, no temporary file.

    .venv/bin/python tests/register_stress.py --reader real --n 200 --kills 20 [--url URL]

`--reader real` reads PDFs the bench's generator makes (samples.generate.generate_corpus);
`--reader fake` reads the JSON invoices of test_export.py (fast, for CI). Without `--url` (or
INVOICE_PIPELINE_TEST_PG) a throwaway server is started (tests/pg_server.py). Prints the
measured results as JSON.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import pg_server  # noqa: E402
import psycopg  # noqa: E402

from pipeline.register import BUSY_MESSAGE, read_register, register_name  # noqa: E402

#: The CLI, with test_export's JSON reader in place of the PDF reader (--reader fake).
FAKE_CLI = """
import functools, sys
import pipeline.export as export
import test_export
export.run_export = functools.partial(export.run_export, reader=test_export.json_reader)
from pipeline.cli import cli
cli.main(args=sys.argv[1:], prog_name="invoice-pipeline")
"""


@dataclass
class Results:
    reader: str
    n: int
    race: dict[str, Any] = field(default_factory=dict)
    kills: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- invoices


def fake_invoices(folder: Path, numbers: range) -> dict[str, str]:
    """JSON invoices named *.pdf; file name → entry_id."""
    from test_export import invoice, put

    return {
        put(folder, f"Invoice {n:04d}.pdf", invoice(n)).name: f"IE8256796U-E0{n:08d}"
        for n in numbers
    }


def real_invoices(folder: Path, count: int, seed: int) -> list[Path]:
    from samples.generate import generate_corpus

    made = folder / "generated"
    return sorted(p for p in generate_corpus(made, count, seed) if p.suffix == ".pdf")


def fill(inbox: Path, files: list[Path]) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copyfile(path, inbox / path.name)


# ---------------------------------------------------------------- running exports


def command(reader: str, inbox: Path, out: Path, url: str) -> list[str]:
    args = ["export", str(inbox), "--out", str(out), "--register", url, "--jobs", "2"]
    if reader == "fake":
        return [sys.executable, "-c", FAKE_CLI, *args]
    return [sys.executable, "-m", "pipeline", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)])}


def start(reader: str, inbox: Path, out: Path, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(reader, inbox, out, url),
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def entries_of(path: Path) -> list[str]:
    """entry_id of every row of one journal CSV."""
    text = path.read_bytes().decode("utf-8-sig")
    return [row["entry_id"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]


def journal_entries(out: Path) -> list[str]:
    return [entry for path in sorted(out.glob("journal-*.csv")) for entry in entries_of(path)]


def booked(out: Path) -> Counter[str]:
    """How many journal files book each invoice (rows of one invoice count once per file)."""
    counts: Counter[str] = Counter()
    for path in sorted(out.glob("journal-*.csv")):
        counts.update(set(entries_of(path)))
    return counts


def register_state(url: str) -> dict[str, Any]:
    """Batches by state, exports per entry_id, and the files the finished batches listed."""
    with read_register(url) as view:
        batches = view.batches()
        exports: Counter[str] = Counter()
        for batch in batches:
            exports.update(view.exported_entry_ids(batch.batch_id))
    return {
        "states": Counter(b.state for b in batches),
        "exports": exports,
        "files": {f.path for b in batches if b.state == "done" for f in b.files},
    }


def fresh_database(server: str) -> str:
    name = f"stress_{secrets.token_hex(5)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def drop_database(server: str, url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


# ---------------------------------------------------------------- 1. the race


def race(reader: str, work: Path, url: str, inbox_a: Path, inbox_b: Path) -> dict[str, Any]:
    out_a, out_b = work / "race-out-a", work / "race-out-b"
    begun = time.monotonic()
    processes = {"A": start(reader, inbox_a, out_a, url), "B": start(reader, inbox_b, out_b, url)}
    ended: dict[str, float] = {}
    while len(ended) < len(processes):
        for name, process in processes.items():
            if name not in ended and process.poll() is not None:
                ended[name] = time.monotonic() - begun
        time.sleep(0.01)
    results = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=60)
        results[name] = (process.returncode, stdout, stderr, ended[name])
    busy_line = f"Error: {register_name(url)}: {BUSY_MESSAGE}\n"
    refused = [name for name, (code, _, err, _) in results.items() if code == 2]
    winners = [name for name, (code, _, _, _) in results.items() if code in (0, 1)]
    messages = [results[name][2] for name in refused]
    again = None
    if refused:
        loser = refused[0]
        inbox, out = (inbox_a, out_a) if loser == "A" else (inbox_b, out_b)
        rerun = start(reader, inbox, out, url)
        _, rerun_err = rerun.communicate(timeout=1800)
        again = rerun.returncode
        assert again in (0, 1), rerun_err
    counts = booked(out_a) + booked(out_b)
    state = register_state(url)
    return {
        "winners": winners,
        "refused": refused,
        "refusal_is_the_busy_message": messages == [busy_line] * len(refused),
        "refused_after_s": [round(results[name][3], 2) for name in refused],
        "winner_took_s": [round(results[name][3], 2) for name in winners],
        "loser_run_again_exit": again,
        "invoices_booked": len(counts),
        "booked_more_than_once": sorted(e for e, c in counts.items() if c > 1),
        "register_entries": len(state["exports"]),
        "register_twice": sorted(e for e, c in state["exports"].items() if c > 1),
        "register_agrees_with_files": set(state["exports"]) == set(counts),
        "booked": sorted(counts),
    }


# ---------------------------------------------------------------- 2. the kills


def stage_of(url: str, out: Path) -> str:
    """Where the export stood when it was killed (read just before the kill)."""
    try:
        with read_register(url) as view:
            pending = bool(view.batches(state="pending"))
            done = len(view.batches(state="done"))
    except Exception:
        return "starting"
    temp = out.exists() and any(p.name.startswith(".") for p in out.iterdir())
    if pending:
        return "writing files" if temp else "batch pending"
    return f"reading (done batches: {done})"


def kills(
    reader: str,
    work: Path,
    url: str,
    inbox: Path,
    count: int,
    clean_s: float,
    seed: int,
    more: Callable[[], bool],
) -> dict[str, Any]:
    """Kill `count` exports, each at a moment drawn uniformly from the duration of the last
    export that finished (at first a clean export of the whole inbox). An export that finishes
    before its moment is a finished run: `more` then puts new invoices in the inbox, as the
    next day brings, so that the next export has work to do again."""
    out = work / "kill-out"
    chance = random.Random(seed)
    stages: Counter[str] = Counter()
    moments = []
    landed = finished = 0
    window = clean_s
    while landed < count and finished < 4 * count:
        begun = time.monotonic()
        process = start(reader, inbox, out, url)
        moment = chance.uniform(0.0, window)
        while time.monotonic() < begun + moment and process.poll() is None:
            time.sleep(0.01)
        if process.poll() is not None:
            finished += 1
            window = time.monotonic() - begun
            process.communicate()
            if not more():
                break
            continue
        stages[stage_of(url, out)] += 1
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        moments.append(round(moment, 2))
        landed += 1
    final = start(reader, inbox, out, url)
    _, final_err = final.communicate(timeout=1800)
    counts = booked(out)
    state = register_state(url)
    leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    return {
        "kills": landed,
        "moments_s": moments,
        "stages_at_kill": dict(stages),
        "runs_finished_before_their_kill": finished,
        "final_exit": final.returncode,
        "final_stderr": final_err.strip(),
        "invoices_booked": len(counts),
        "booked_more_than_once": sorted(e for e, c in counts.items() if c > 1),
        "register_entries": len(state["exports"]),
        "register_twice": sorted(e for e, c in state["exports"].items() if c > 1),
        "pending_batches": state["states"].get("pending", 0),
        "temporary_files_left": leftovers,
        "files_not_of_a_done_batch": sorted(
            p.name for p in out.iterdir() if p not in state["files"]
        ),
        "register_agrees_with_files": set(state["exports"]) == set(counts),
        "booked": sorted(counts),
    }


def clean_run(reader: str, work: Path, url: str, inbox: Path) -> set[str]:
    """A reference export without kills: what should be booked."""
    out = work / "clean-out"
    process = start(reader, inbox, out, url)
    _, err = process.communicate(timeout=1800)
    assert process.returncode in (0, 1), err
    return set(journal_entries(out))


# ---------------------------------------------------------------- together


@contextmanager
def server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    folder = Path(tempfile.gettempdir()) / f"invoice-pipeline-stress-pg-{secrets.token_hex(4)}"
    try:
        yield pg_server.start(folder)
    finally:
        pg_server.stop(folder)


def run(reader: str, n: int, count: int, url: str | None, seed: int, work: Path) -> Results:
    """Both stresses on fresh databases of the server; each result says whether what was
    booked is exactly what one uninterrupted export of the same inbox books."""
    results = Results(reader=reader, n=n)
    with server(url) as admin:
        inbox_a, inbox_b, inbox_k = work / "inbox-a", work / "inbox-b", work / "inbox-k"
        half, step = n // 2, max(n // 10, 1)
        if reader == "fake":
            fake = fake_invoices(inbox_a, range(1, n + 1))
            fake |= fake_invoices(inbox_b, range(half + 1, n + half + 1))
            fake |= fake_invoices(inbox_k, range(1, n + 1))
            reserve = [range(start, start + step) for start in range(10_000, 20_000, step)]

            def more() -> bool:
                fake.update(fake_invoices(inbox_k, reserve.pop(0)))
                return True

            def expected(*inboxes: Path) -> set[str]:
                return {fake[p.name] for inbox in inboxes for p in inbox.iterdir()}
        else:
            made = real_invoices(work, 2 * n + half, seed)
            fill(inbox_a, made[:n])
            fill(inbox_b, made[half : n + half])
            fill(inbox_k, made[:n])
            spare = made[n + half :]

            def more() -> bool:
                if not spare:
                    return False
                fill(inbox_k, [spare.pop(0) for _ in range(min(step, len(spare)))])
                return True

            def expected(*inboxes: Path) -> set[str]:
                union = work / f"union-{len(list(work.glob('union-*')))}"
                for inbox in inboxes:
                    fill(union / "inbox", sorted(inbox.iterdir()))
                return reference_run(admin, reader, union, union / "inbox")

        results.race = on_fresh_database(
            admin, lambda url: race(reader, work, url, inbox_a, inbox_b)
        )
        clean_s = max(results.race["winner_took_s"])
        results.kills = on_fresh_database(
            admin, lambda url: kills(reader, work, url, inbox_k, count, clean_s, seed, more)
        )
        results.kills["clean_export_s"] = clean_s
        for outcome, inboxes in ((results.race, (inbox_a, inbox_b)), (results.kills, (inbox_k,))):
            should = expected(*inboxes)
            outcome["expected_invoices"] = len(should)
            outcome["booked_is_exactly_the_expected"] = set(outcome.pop("booked")) == should
    return results


def on_fresh_database(admin: str, stress: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    database = fresh_database(admin)
    try:
        return stress(database)
    finally:
        drop_database(admin, database)


def reference_run(admin: str, reader: str, work: Path, inbox: Path) -> set[str]:
    """What one uninterrupted export of `inbox` books, on a database of its own."""
    return on_fresh_database(admin, lambda url: {"b": clean_run(reader, work, url, inbox)})["b"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", choices=["real", "fake"], default="real")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--url", default=os.environ.get(pg_server.ENV))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="register-stress-") as folder:
        begun = time.monotonic()
        results = run(args.reader, args.n, args.kills, args.url, args.seed, Path(folder))
        summary = asdict(results)
        summary["total_s"] = round(time.monotonic() - begun, 1)
    print(json.dumps(summary, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
