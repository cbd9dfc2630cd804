"""A stress corpus printed by the browser: random invoices in random presentations.

    python -m samples.html_corpus --out /tmp/hc --n 120 --seed 1     # needs Debian's chromium
    python -m samples.html_corpus --engine weasyprint --out /tmp/wc --n 100 --seed 2
    python -m samples.html_corpus --engine weasyprint --pinned --out samples/engines/weasyprint

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
from samples.corpus import portal_or_online_invoice, random_invoice
from samples.generate import write_bytes
from samples.html import ENGINES, MONO, SANS, SERIF, Look, printed
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
    """One presentation; B line tables have eleven columns, A six or three (C draws the same
    way as A; its drawing leaves the weights aside)."""
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
    elif invoice.family == "customer-agreement":
        knobs.append("section summary" if style.section_summary else "no section summary")
        knobs.append("section bar repeated" if style.repeat_bar else "section bar not repeated")
        knobs.append(f"values beside the {style.values_row} line")
    else:
        knobs.append(f"summary {style.summary}")
        knobs.append("bar repeated" if style.repeat_bar else "bar not repeated")
    return ", ".join(knobs)


def write_case(
    seed: int, index: int, out: Path, program: str, name: str = "", *, classic: bool = False
) -> Printed:
    """Print invoice `index` of `seed` into `out` in the first look the engine keeps to; with
    `classic`, the family A or B invoice the index drew before family C joined the corpus (as
    the pinned cases were found)."""
    invoice = portal_or_online_invoice(seed, index) if classic else random_invoice(seed, index)
    name = name or f"s{seed}-{invoice.head.name}"
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


README_HEAD = """# {title}

Written by `python -m samples.html_corpus {arguments}`: random invoices of
`samples/corpus.py` printed by {engine} through `samples/html.py`, each in a random look.
{pinned}
| sample | family | language | pages | expected findings | look | layout |
| --- | --- | --- | --- | --- | --- | --- |
"""


@dataclass(frozen=True, slots=True)
class Pinned:
    """A case of the stress corpus kept as a sample: the bug its rendering exposed, or what a
    family-C reader must meet in it. `classic` cases are the family A or B invoice their index
    drew before family C joined the corpus."""

    name: str
    seed: int
    index: int
    bug: str
    classic: bool = True


#: WeasyPrint renderings that each broke the parser once, and family-C documents the reader
#: of issue 11 must read (`--engine weasyprint --pinned`).
PINNED = (
    Pinned("weasy-b-period-dash-glued", 2, 0, "`23/12/2017–22/01/2018` printed as one word"),
    Pinned("weasy-b-written-period-dash-glued", 2, 22, "`5, 2023–October 4,`: a written range"),
    Pinned("weasy-b-iso-period-dash-glued", 3, 77, "`2021-05-15 -2021-05-15`: dash on the end"),
    Pinned("weasy-a-colon-glued-values", 2, 47, "`Date:23/02/2011`: no space after the colon"),
    Pinned("weasy-a-fr-colon-before-value", 2, 29, "French `:PO-99879`: the colon on the value"),
    Pinned("weasy-a-label-glued-values", 3, 49, "`Period25/07/2013`: cells without padding"),
    Pinned("weasy-b-amounts-glued", 3, 72, "`238.562,598.96`: tax and total as one word"),
    Pinned("weasy-a-wide-range-left-column", 3, 18, "a range reaching under the next label"),
    Pinned("weasy-a-range-touching-next-column", 3, 80, "`2016 to` `March 16,`: a space apart"),
    Pinned("weasy-a-product-glued-to-charge-type", 5, 68, "`Office 365Terugkerende` `kosten`"),
    Pinned("weasy-a-wrapped-charge-type-glued", 5, 91, "`Recurring` above `P1)Charges`"),
    Pinned("weasy-a-date-glued-to-number", 5, 73, "`02/04/2015C90840472E`: two cells, one word"),
    Pinned("weasy-a-joiner-glued-to-label", 5, 115, "`13/11/2014 totFactuurnummer`"),
    Pinned("weasy-a-value-inside-wrapped-label", 5, 50, "`Payment Due26/02/2012` over `Date:`"),
    *(
        # family C (issue 11): what its reader must meet, printed by an engine of another kind
        Pinned(name, seed, index, shows, classic=False)
        for name, seed, index, shows in (
            ("weasy-c-nl-local-azure-english", 2, 87, "C: local NL entity, Azure credit, EN terms"),
            ("weasy-c-fr-be-credit-note-sections", 3, 90, "C: Note de crédit, three sections"),
            ("weasy-c-de-two-sections", 5, 74, "C: de labels, two invoice sections"),
            ("weasy-c-en-us-credit-note-cent-off", 3, 15, "C: US credit note, row 1 a cent off"),
            ("weasy-c-en-ie-credit-note-long", 2, 75, "C: 31-row credit note over pages"),
            ("weasy-c-en-us-azure-long", 3, 110, "C: US invoice, Azure usage, 34 rows"),
        )
    ),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.html_corpus", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--n", type=int, help="how many invoices")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus and the looks")
    parser.add_argument("--jobs", type=int, default=3, help="engines printing at once")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="chromium")
    parser.add_argument(
        "--pinned", action="store_true", help="print the pinned cases (PINNED), not --n of --seed"
    )
    args = parser.parse_args(argv)
    if args.n is None and not args.pinned:
        parser.error("give --n or --pinned")
    program = ENGINES[args.engine]()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.pinned:
        jobs = [(p.seed, p.index, p.name, p.classic) for p in PINNED]
        readme, title = args.out / "README.md", f"Samples printed by {args.engine}"
        arguments = f"--engine {args.engine} --pinned --out {args.out}"
        pinned = "\n" + "".join(f"- `{p.name}.pdf`: {p.bug}\n" for p in PINNED)
    else:
        jobs = [(args.seed, index, "", False) for index in range(args.n)]
        readme, title = args.out / f"README-seed{args.seed}.md", "Stress corpus"
        arguments = f"--engine {args.engine} --n {args.n} --seed {args.seed}"
        pinned = ""
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(write_case, seed, index, args.out, program, name, classic=classic)
            for seed, index, name, classic in jobs
        ]
        results = [future.result() for future in futures]
    for result in results:
        if result.failure:
            print(f"{result.name}: not printed: {result.failure}", file=sys.stderr)
    head = README_HEAD.format(title=title, arguments=arguments, engine=args.engine, pinned=pinned)
    write_bytes(readme, (head + "".join(r.row for r in results if r.row)).encode())
    done = sum(1 for result in results if result.row)
    print(f"{done} of {len(jobs)} PDFs printed with {program} into {args.out}")
    return 0 if done == len(jobs) else 1


if __name__ == "__main__":
    sys.exit(main())
