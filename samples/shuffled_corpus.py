"""Random invoices in shuffled layouts, printed by reportlab or fpdf2, with their records.

    python -m samples.shuffled_corpus --engine fpdf --n 500 --seed 1 --out /tmp/fpdf-500
    python -m samples.shuffled_corpus --engine reportlab --n 500 --out /tmp/rl-500 --family a
    python -m samples.shuffled_corpus --pinned --out samples/engines/shuffled   # make shuffled

Case i of seed S and engine E depends only on (E, S, i): a random invoice of
`samples.corpus` (family A or B in turn unless `--family` says), made to carry one-time and
prorated family-A lines, charge types on family-B bars and credits as negative charges, laid
out by `samples.shuffle` in a random `Shuffle` and written in a random order and pieces. Each
record is the generator's own (`samples.record`); score a folder with
`../shared/tools/score_records.py --project . --cases DIR`.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from samples.corpus import (
    online_random,
    portal_random,
    random_agreement,
    random_head,
    tampered,
    tax_rate,
)
from samples.engine_fpdf import fpdf_pdf, register_dejavu
from samples.generate import write_bytes
from samples.layout import NARROW_NBSP, render
from samples.model import Family, Invoice
from samples.record import invoice_record, record_text
from samples.shuffle import (
    LinePlan,
    Shuffle,
    random_shuffle,
    shuffled_online,
    shuffled_pages,
    shuffled_portal,
    with_bar_charge_types,
    written,
)

Engine = Literal["reportlab", "fpdf"]
ENGINES: tuple[Engine, ...] = ("reportlab", "fpdf")
DEJAVU_FONTS = (
    ("DejaVuSans", "DejaVuSans-Bold"),
    ("DejaVuSerif", "DejaVuSerif-Bold"),
    ("DejaVuSansMono", "DejaVuSansMono-Bold"),
)


@dataclass(frozen=True, slots=True)
class Case:
    invoice: Invoice
    shuffle: Shuffle
    engine: Engine


def with_font(rng: random.Random, invoice: Invoice, engine: Engine) -> Invoice:
    """A DejaVu face now and then (where the system has it; the monospaced one no larger than
    Courier is drawn, so that labels fit their cells); no narrow no-break space where the
    engine's font would not draw it."""
    style = invoice.style
    if register_dejavu() and rng.random() < 0.3:
        font, bold = rng.choice(DEJAVU_FONTS)
        size = min(style.size, 9.0) if font.endswith("Mono") else style.size
        style = replace(style, font=font, bold=bold, size=size)
    if style.numbers.group == NARROW_NBSP and (engine == "fpdf" or style.font != "Vera"):
        style = replace(style, numbers=replace(style.numbers, group="\u00a0"))
    return replace(invoice, head=replace(invoice.head, style=style))


def agreement_case(engine: Engine, seed: int, index: int) -> Case:
    """A family-C invoice of the corpus, written in a shuffled order and pieces (its layout
    is the generator's own)."""
    rng = random.Random(f"shuffled-{engine}-{seed}-{index}-customer-agreement")
    invoice = random_agreement(seed, index)
    head = invoice.head
    name = f"{engine}-c-{index:04d}-{head.language}-{head.country.lower()}"
    invoice = replace(invoice, head=replace(head, name=name))
    return Case(with_font(rng, invoice, engine), random_shuffle(rng, 0), engine)


def case(engine: Engine, seed: int, index: int, family: Family | None = None) -> Case:
    """Case `index` of `seed` for `engine`: families A and B alternate unless `family` is
    given."""
    if family == "customer-agreement":
        return agreement_case(engine, seed, index)
    rng = random.Random(f"shuffled-{engine}-{seed}-{index}-{family}")
    chosen: Family = family or ("portal-2012" if index % 2 == 0 else "online-services")
    head = random_head(rng, chosen, index)
    letter = "a" if chosen == "portal-2012" else "b"
    name = f"{engine}-{letter}-{index:04d}-{head.language}-{head.country.lower()}"
    head = replace(head, name=name, summary="shuffled corpus invoice")
    rate = tax_rate(rng, head.country, head.customer)
    long = rng.random() < 0.08
    if chosen == "portal-2012":
        base = portal_random(rng, head, rate, long)
        shuffle = random_shuffle(rng, len(base.lines))
        invoice = shuffled_portal(rng, base)
    else:
        base = online_random(rng, head, rate, long)
        shuffle = random_shuffle(rng, len(base.lines))
        invoice = shuffled_online(rng, base, shuffle)
    invoice = tampered(rng, invoice) if rng.random() < 0.05 else invoice
    return Case(with_font(rng, invoice, engine), shuffle, engine)


def printed(c: Case) -> tuple[bytes, int]:
    pages = written(shuffled_pages(c.invoice, c.shuffle), c.shuffle)
    title = f"Invoice {c.invoice.head.number}"
    if c.engine == "fpdf":
        return fpdf_pdf(pages, c.invoice.style.page, title), len(pages)
    return render(pages, c.invoice.style.page, title=title), len(pages)


def write_case(c: Case, out: Path) -> Path:
    pdf, pages = printed(c)
    path = out / f"{c.invoice.head.name}.pdf"
    write_bytes(path, pdf)
    record = invoice_record(c.invoice, path.name, pdf, pages)
    write_bytes(path.with_suffix(".json"), record_text(record).encode())
    return path


def write_index(job: tuple[Engine, int, int, Family | None, Path]) -> Path:
    engine, seed, index, family, out = job
    return write_case(case(engine, seed, index, family), out)


# --- pinned cases: one rendering per class of issue 17 ----------------------------------------


@dataclass(frozen=True, slots=True)
class Pin:
    """A shuffled rendering kept as a sample: the misreading it pins."""

    name: str
    engine: Engine
    family: Family
    language: str
    bug: str
    wanted: Callable[[Invoice], bool]
    shuffle: Callable[[Shuffle], Shuffle]


def has_period(invoice: Invoice) -> bool:
    return any(line.days is not None for line in invoice.lines)


def has_once(invoice: Invoice) -> bool:
    return any(line.basis == "once" for line in invoice.lines)


def has_negative_credit(invoice: Invoice) -> bool:
    return any(line.charges < 0 and line.days is not None for line in invoice.lines)


def plans(plan: LinePlan, **more: Any) -> Callable[[Shuffle], Shuffle]:
    """Every line in `plan`, and the other fields of the shuffle in `more`."""

    def apply(shuffle: Shuffle) -> Shuffle:
        return replace(shuffle, plans=(plan,), **more)

    return apply


def several(invoice: Invoice) -> bool:
    return len(invoice.lines) >= 3


def anything(invoice: Invoice) -> bool:
    return True


def unchanged(shuffle: Shuffle) -> Shuffle:
    return shuffle


PINS = (
    Pin(
        "fpdf-a-nl-count-under-guid",
        "fpdf",
        "portal-2012",
        "nl",
        "count under the GUID, price phrase under the product, amount on the last row",
        several,
        plans(
            LinePlan(count="under_guid", price="under_product", charge="column", amount_last=True),
            order="natural",
            glyphs="runs",
        ),
    ),
    Pin(
        "fpdf-a-en-price-under-count-amount-first",
        "fpdf",
        "portal-2012",
        "en",
        "price phrase under the count in one column, amount on the first row of three",
        several,
        plans(
            LinePlan(count="column", price="under_count", charge="under_guid"),
            column_cap=70.0,
            order="natural",
            glyphs="runs",
        ),
    ),
    Pin(
        "fpdf-a-fr-lines-evenly-spaced",
        "fpdf",
        "portal-2012",
        "fr",
        "lines as close as their rows, a product wrapped over three: each keeps its own rows",
        several,
        plans(LinePlan(), gap=0.0, valign="top", column_cap=160.0),
    ),
    Pin(
        "fpdf-a-nl-prorated-period-under-product",
        "fpdf",
        "portal-2012",
        "nl",
        "`Serviceperiode: … tot en met …  Dagen: 254` under the product in its cell",
        has_period,
        plans(LinePlan(price="under_product", under=("period", "price", "count", "charge"))),
    ),
    Pin(
        "reportlab-a-de-prorated-period-under-product",
        "reportlab",
        "portal-2012",
        "de",
        "`Dienstzeitraum: … bis …  Tage: …` under the product, count under the GUID",
        has_period,
        plans(LinePlan(count="under_guid", under=("period", "count", "price", "charge"))),
    ),
    Pin(
        "fpdf-a-fr-one-time-charge",
        "fpdf",
        "portal-2012",
        "fr",
        "`7,50 € par licence utilisateur` with no per month/year, `Frais uniques` in a column",
        has_once,
        plans(LinePlan(columns=("count", "price", "charge"))),
    ),
    Pin(
        "fpdf-a-en-separator-glyphs",
        "fpdf",
        "portal-2012",
        "en",
        "product and charge type in one cell with `•` between them",
        several,
        plans(LinePlan(charge="joined", separator="•", price="under_product")),
    ),
    Pin(
        "reportlab-a-nl-separator-bar",
        "reportlab",
        "portal-2012",
        "nl",
        "product and charge type in one cell with `|` between them, count under the product",
        several,
        plans(LinePlan(charge="joined", separator="|", count="under_product")),
    ),
    Pin(
        "fpdf-b-en-charge-type-under-bar",
        "fpdf",
        "online-services",
        "en",
        "`Monthly subscription charges` printed under the product bar",
        several,
        lambda s: replace(s, bar="under"),
    ),
    Pin(
        "reportlab-b-de-charge-type-joined-to-bar",
        "reportlab",
        "online-services",
        "de",
        "the charge type joined to the product on its bar with `–`",
        several,
        lambda s: replace(s, bar="joined", separator="–"),
    ),
    Pin(
        "fpdf-b-en-credit-negative-charge",
        "fpdf",
        "online-services",
        "en",
        "a prorated credit printed as a negative charge in parentheses, nothing in Credits",
        has_negative_credit,
        unchanged,
    ),
    Pin(
        "reportlab-a-fr-amounts-written-first",
        "reportlab",
        "portal-2012",
        "fr",
        "text written in reverse (amounts before products), spaces and no-break spaces as glyphs",
        several,
        lambda s: replace(s, order="reversed", glyphs="spaces"),
    ),
    Pin(
        "fpdf-b-nl-words-in-random-order",
        "fpdf",
        "online-services",
        "nl",
        "every word and space its own text object, written in a random order",
        anything,
        lambda s: replace(s, order="random", glyphs="spaces"),
    ),
)


def pinned_case(pin: Pin) -> Case:
    """The first case of seed 17 of the pin's engine, family and language that shows it."""
    for index in range(4000):
        c = case(pin.engine, 17, index, pin.family)
        invoice = c.invoice
        if invoice.head.language != pin.language or invoice.head.previous_balance < 0:
            continue
        if not pin.wanted(invoice) or len(shuffled_pages(invoice, c.shuffle)) > 2:
            continue
        head = replace(invoice.head, name=pin.name, summary=pin.bug)
        negative = invoice.style.numbers
        if pin.name.endswith("credit-negative-charge"):
            negative = replace(negative, negative="parens")
        style = replace(invoice.style, numbers=negative)
        invoice = replace(invoice, head=replace(head, style=style))
        shuffle = pin.shuffle(c.shuffle)
        if invoice.family == "online-services" and shuffle.bar != "plain":
            invoice = with_bar_charge_types(invoice)
        return Case(invoice, shuffle, pin.engine)
    raise SystemExit(f"{pin.name}: no case of seed 17 shows it")


README_HEAD = """# Shuffled layouts, printed by reportlab and fpdf2

Written by `make shuffled` (`python -m samples.shuffled_corpus --pinned --out {out}`): random
invoices of `samples/corpus.py` laid out by `samples/shuffle.py` in cells no template of the
project uses, each pinning a misreading of issue 17. Records are the generator's own.

| sample | family | language | what it pins |
| --- | --- | --- | --- |
"""


def write_pinned(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [write_case(pinned_case(pin), out) for pin in PINS]
    rows = "".join(f"| `{p.name}.pdf` | {p.family} | {p.language} | {p.bug} |\n" for p in PINS)
    write_bytes(out / "README.md", (README_HEAD.format(out=out) + rows).encode())
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.shuffled_corpus", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--engine", choices=ENGINES, default="fpdf")
    parser.add_argument("--n", type=int, default=500, help="how many invoices")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--family", choices=("a", "b", "c"), help="only this family")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pinned", action="store_true", help="write the pinned cases (PINS)")
    args = parser.parse_args(argv)
    if args.pinned:
        paths = write_pinned(args.out)
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        family: Family | None = {
            "a": "portal-2012",
            "b": "online-services",
            "c": "customer-agreement",
            None: None,
        }[args.family]
        jobs = [(args.engine, args.seed, i, family, args.out) for i in range(args.n)]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            paths = list(pool.map(write_index, jobs, chunksize=8))
    print(f"{len(paths)} PDFs written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
