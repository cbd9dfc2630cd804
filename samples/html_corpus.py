"""A stress corpus printed by the browser: random invoices in random presentations.

    python -m samples.html_corpus --out /tmp/hc --n 120 --seed 1     # needs Debian's chromium

Invoice i of seed S is `samples.corpus.random_invoice(S, i)`; its look (font, sizes, padding,
alignment, rules, widths, page, margins, letter-spacing, bold labels, the B summary as lines) is
drawn from a generator seeded by S and i, so a case is the same whatever N is. Each is printed
through `samples.html` with the same checks (pages as planned, every character printed once,
no overlaps), and its record's `source` comes from the printed PDF. A look the browser cannot
keep to is drawn again; `README.md` lists each case's look and layout knobs.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from samples.checks import findings
from samples.corpus import random_invoice
from samples.generate import write_bytes
from samples.html import MONO, SANS, SERIF, Look, browser, printed
from samples.model import Invoice
from samples.record import invoice_record, record_text

FAMILIES = (
    ("DejaVu Sans", SANS),
    ("DejaVu Serif", SERIF),
    ("DejaVu Sans Mono", MONO),
    ("Liberation Sans", SANS),
    ("Liberation Serif", SERIF),
    ("Liberation Mono", MONO),
)
VALIGNS: tuple[Literal["top", "middle", "bottom", "baseline"], ...] = (
    "top",
    "middle",
    "bottom",
    "baseline",
)
PX = 0.75
ATTEMPTS = 4


@dataclass(frozen=True, slots=True)
class Printed:
    """What became of one case: its README row, or why no look could be printed."""

    name: str
    row: str = ""
    failure: str = ""


def random_look(rng: random.Random, family: str) -> Look:
    """One presentation; B line tables have eleven columns, A six or three."""
    font, generic = rng.choice(FAMILIES)
    columns = 11 if family == "online-services" else rng.choice((6, 3))
    narrow = rng.random() < 0.35
    page: Literal["A4", "Letter"] = "A4" if rng.random() < 0.5 else "Letter"
    return Look(
        font,
        generic,
        size=rng.choice((7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 12.0)),
        lead=rng.choice((1.15, 1.2, 1.3, 1.4)),
        pad=round(rng.randint(0, 10) * PX, 2),
        hpad=round(rng.randint(0, 10) * PX, 2),
        margin=rng.uniform(8.0, 25.0),
        table=rng.uniform(0.55, 0.9) if narrow else 1.0,
        weights=tuple(rng.uniform(0.0, 1.0) for _ in range(columns)) if narrow else (),
        bar=rng.uniform(0.3, 1.0) if columns == 11 else 1.0,
        rules=rng.random() < 0.4,
        valign=rng.choice(VALIGNS),
        numbers="left" if rng.random() < 0.3 else "right",
        spacing=rng.choice((0.0, 0.0, 0.2, 0.4, 0.6)),
        bold_labels=rng.random() < 0.4,
        summary_lines=rng.random() < 0.4,
        page=page,
    )


def layout_knobs(invoice: Invoice) -> str:
    style = invoice.style
    knobs = [f"header values {style.fields}"]
    if invoice.family == "portal-2012":
        knobs.append(f"lines {style.lines}")
    else:
        knobs.append(f"summary {style.summary}")
        knobs.append("bar repeated" if style.repeat_bar else "bar not repeated")
    return ", ".join(knobs)


def write_case(seed: int, index: int, out: Path, program: str) -> Printed:
    """Print invoice `index` of `seed` into `out` in the first look the browser keeps to."""
    invoice = random_invoice(seed, index)
    name = f"s{seed}-{invoice.head.name}"
    rng = random.Random(f"html-corpus-{seed}-{index}")
    failures = []
    for _ in range(ATTEMPTS):
        look = random_look(rng, invoice.family)
        try:
            pdf, pages = printed(invoice, look, program, None)
        except SystemExit as failed:
            failures.append(str(failed))
            continue
        path = out / f"{name}.pdf"
        path.write_bytes(pdf)
        record = invoice_record(invoice, path.name, pdf, pages)
        write_bytes(path.with_suffix(".json"), record_text(record).encode())
        codes = ", ".join(sorted({finding.code for finding in findings(invoice)})) or "none"
        row = (
            f"| `{path.name}` | {invoice.family} | {invoice.head.language} | {pages} | {codes} | "
            f"{look.describe()} | {layout_knobs(invoice)} |\n"
        )
        return Printed(name, row=row)
    return Printed(name, failure="; ".join(failures))


README_HEAD = """# Browser-printed stress corpus

Written by `python -m samples.html_corpus`: random invoices of `samples/corpus.py` printed by
headless Chromium through `samples/html.py`, each in a random look.

| sample | family | language | pages | expected findings | look | layout |
| --- | --- | --- | --- | --- | --- | --- |
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.html_corpus", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--n", type=int, required=True, help="how many invoices")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus and the looks")
    parser.add_argument("--jobs", type=int, default=3, help="browsers printing at once")
    args = parser.parse_args(argv)
    program = browser()
    args.out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(write_case, args.seed, index, args.out, program) for index in range(args.n)
        ]
        results = [future.result() for future in futures]
    for result in results:
        if result.failure:
            print(f"{result.name}: not printed: {result.failure}", file=sys.stderr)
    readme = args.out / f"README-seed{args.seed}.md"
    write_bytes(readme, (README_HEAD + "".join(r.row for r in results if r.row)).encode())
    done = sum(1 for result in results if result.row)
    print(f"{done} of {args.n} PDFs printed with {program} into {args.out}")
    return 0 if done == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
