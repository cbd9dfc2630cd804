"""The sample invoices printed by a browser: the generator's invoices as HTML, through Chromium.

    python -m samples.html --out samples/engines      # needs Debian's chromium

The parser must read these layouts from engines other than reportlab. Here the browser lays the
text out itself: it wraps lines in table cells of fixed widths, pads the cells and places
subset fonts glyph by glyph. The invoices are the frozen models of `samples.catalog`; labels,
number and date formats come from the generator's own modules and each record from
`samples.record`, with `source` taken from the printed PDF.

Pages are cut here, not by the browser, so the page header repeats and the footer can say
"Page i of n". Every printed PDF is checked to have the pages planned (nothing spilled over),
to hold exactly the characters written (nothing clipped or hyphenated) and no overlapping words.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from string import Template
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pipeline.pdfwords import read_document
from samples import agreement_catalog, catalog
from samples.catalog import Sample
from samples.checks import findings
from samples.formats import date_text, money, month_year, number, percent
from samples.generate import FAMILY_NAMES, write_bytes
from samples.labels import COUNTRY_NAMES, ONLINE, PORTAL
from samples.layout import KEEP, keep_together, longest_token, tokens, width, wrap
from samples.model import Invoice, Line, Subscription
from samples.online import (
    EU_BANK,
    KEYS,
    US_BANK,
    WEIGHTS,
    day,
    grand_cells,
    header_labels,
    instruction_text,
    line_cells,
    order_rows,
    period_cell,
    sum_cells,
    summary_rows,
)
from samples.portal import bare, header_fields, line_texts
from samples.record import invoice_record, record_text

PAGE_POINTS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
MM = 72 / 25.4
UNBREAKABLE = frozenset("-/–‐")
LOGO_COLOURS = ("#f25022", "#7fba00", "#00a4ef", "#ffb900")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
FILLS = (0.97, 0.9, 0.82, 0.74, 0.66)
PORTAL_WEIGHTS = (0.04, 0.3, 0.16, 0.16, 0.3, 0.04)
TWO_ROW_WEIGHTS = (0.3, 0.45, 0.25)

CSS = Template("""
@page { size: $page; margin: ${margin}pt; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: $family; font-size: ${size}pt; line-height: $lead; color: #000;
  hyphens: none; -webkit-hyphens: none; overflow-wrap: normal; word-break: normal; }
.page { min-height: ${inner}pt; display: flex; flex-direction: column; }
.page + .page { page-break-before: always; }
.main { flex: 1 0 auto; }
.k { white-space: nowrap; }
.b { font-weight: bold; }
.n { text-align: right; }
table { border-collapse: collapse; border-spacing: 0; }
td, th { padding: ${pad}pt ${hpad}pt; vertical-align: top; text-align: left;
  font-weight: normal; }
.rules td, .rules th { border: ${rule}pt solid #8c8c8c; }
.head { position: relative; }
.logo { position: relative; height: 18pt; padding-left: 22pt; font-size: 17pt; line-height: 1; }
.logo i { position: absolute; width: 7pt; height: 7pt; }
.hright { position: absolute; right: 0; top: 0; text-align: right; }
.title { font-size: 22pt; font-weight: bold; line-height: 1.15; }
.htotal { font-size: 12pt; font-weight: bold; line-height: 1.25; margin-top: 6pt; }
.hfields { margin-left: auto; }
.hfields td { padding: 0 0 0 4pt; }
.hfields td:first-child { text-align: right; }
.number { position: absolute; right: 0; top: 2pt; }
.foot { position: relative; font-size: ${small}pt; line-height: 1.3; text-align: center;
  padding-top: 4pt; }
.pageno { position: absolute; right: 0; bottom: 0; }
.fixed { width: 100%; table-layout: fixed; }
.flat td { padding: 0; }
.section { background: #b3b3b3; font-weight: bold; padding: 2pt 5pt; margin-bottom: 3pt; }
.kv td { padding: 1pt 4pt 1pt 5pt; }
.kv td, .grid td, .lines td { vertical-align: $valign; }
.lines { table-layout: fixed; font-size: ${ts}pt; }
.lines th { font-size: ${hs}pt; font-weight: bold; }
.lines .bar td { background: #d1d1d1; font-weight: bold; }
.lines .grand td { font-weight: bold; border-top: 1pt solid #000; }
.lines .gap td { padding: 0; }
.lines .guid { font-size: ${guid}pt; }
.lines .end td { padding-bottom: ${endpad}pt; }
.brand { font-size: ${brand}pt; font-weight: bold; margin-top: 10pt; }
.block { margin-top: 14pt; }
.grid { margin-top: 12pt; }
.grid .small td { font-size: ${label}pt; padding-bottom: 0; }
.h2 { font-size: ${h2}pt; font-weight: bold; line-height: 1.3; margin: 10pt 0 3pt 0; }
.totals { margin: 10pt 0 0 auto; }
.totals td { padding: ${pad}pt 0 ${pad}pt 18pt; }
.gapped { margin-top: 12pt; }
.instructions { margin: 12pt 0 0 0; }
""")


@dataclass(frozen=True, slots=True)
class Look:
    """How the browser is asked to draw one invoice: font, sizes (pt), widths, padding."""

    family: str
    generic: str = "sans-serif"
    size: float = 8.5
    lead: float = 1.3
    pad: float = 2.0
    margin: float = 14.0
    table: float = 1.0
    weights: tuple[float, ...] = ()
    bar: float = 1.0
    rules: bool = False
    valign: Literal["top", "middle", "bottom", "baseline"] = "top"
    hpad: float | None = None
    numbers: Literal["right", "left"] = "right"
    spacing: float = 0.0
    bold_labels: bool = False
    summary_lines: bool = False
    page: Literal["A4", "Letter"] | None = None

    @property
    def css_family(self) -> str:
        return f'"{self.family}", {self.generic}'

    def extra_css(self) -> str:
        """Rules for the knobs beyond the committed samples' looks (none at their defaults)."""
        rules = []
        if self.numbers == "left":
            rules.append(".n, .hfields td:first-child { text-align: left; }")
        if self.spacing:
            rules.append(f"body {{ letter-spacing: {self.spacing:g}pt; }}")
        if self.bold_labels:
            rules.append(".lbl { font-weight: bold; }")
        return "\n".join(rules)

    def describe(self) -> str:
        parts = [f"{self.family} {self.size:g}pt", f"padding {self.pad:g}pt"]
        if self.table < 1:
            parts.append(f"table {self.table:.0%} wide")
        if self.bar < 1:
            parts.append(f"bar text {self.bar:.0%} wide")
        if self.rules:
            parts.append("cell rules")
        if self.valign != "top":
            parts.append(f"cells aligned {self.valign}")
        if self.hpad is not None:
            parts.append(f"side padding {self.hpad:g}pt")
        if self.numbers == "left":
            parts.append("numbers left-aligned")
        if self.spacing:
            parts.append(f"letter-spacing {self.spacing:g}pt")
        if self.bold_labels:
            parts.append("bold labels")
        if self.summary_lines:
            parts.append("summary as label: value lines")
        if self.page is not None:
            parts.append(f"{self.page} margin {self.margin:.1f}mm")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    make: Callable[[], Sample]
    look: Look
    shows: str


@cache
def font_file(family: str, bold: bool) -> str:
    """The file fontconfig (and so Chromium) takes for `family`, which must be installed."""
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    found = subprocess.run(
        ["fc-match", "--format=%{family}\n%{file}", pattern],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    families, _, file = found.partition("\n")
    if family not in families.split(","):
        raise SystemExit(f"font {family!r} is not installed (fontconfig offers {families!r})")
    return file.strip()


@cache
def metric_font(family: str, bold: bool) -> str:
    """A reportlab font name with the metrics of the file the browser will use."""
    name = f"html-{family.replace(' ', '')}-{'bold' if bold else 'regular'}"
    pdfmetrics.registerFont(TTFont(name, font_file(family, bold)))
    return name


class Writer:
    """Escapes every text it is given and keeps it, so the PDF can be checked to hold exactly
    these characters. The browser may break a line only where `layout.wrap` would: at a space
    that is not marked KEEP, never inside a word with a hyphen or slash (GUIDs, dates)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> str:
        self.texts.append(text.replace(KEEP, " "))
        parts = []
        for token in tokens(text):
            plain = escape(token.replace(KEEP, " "))
            whole = KEEP in token or not UNBREAKABLE.isdisjoint(token)
            parts.append(f'<span class="k">{plain}</span>' if whole else plain)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Row:
    """One table row of a planned page, with the height it is expected to take."""

    kind: Literal["bar", "head", "line", "sum", "gap", "grand", "totals"]
    height: float
    sub: Subscription | None = None
    line: Line | None = None


@dataclass
class Pager:
    """Puts rows on pages of a given room; `restart` gives the rows a new page repeats."""

    room: float
    first_room: float
    pages: list[list[Row]] = field(default_factory=lambda: [[]])
    used: float = 0.0

    @property
    def free(self) -> float:
        return (self.first_room if len(self.pages) == 1 else self.room) - self.used

    def add(self, row: Row) -> None:
        self.pages[-1].append(row)
        self.used += row.height

    def place(self, rows: Sequence[Row], restart: Sequence[Row] = ()) -> None:
        """Put `rows` together on this page, or on a new one that starts with `restart`."""
        if sum(row.height for row in rows) > self.free and self.pages[-1]:
            self.pages.append([])
            self.used = 0.0
            for row in restart:
                self.add(row)
        for row in rows:
            self.add(row)


class Frame:
    """Page measures (points) and text metrics of one invoice drawn in one look."""

    def __init__(self, invoice: Invoice, look: Look, fill: float) -> None:
        self.invoice, self.look, self.fill = invoice, look, fill
        self.head = invoice.head
        self.style = invoice.style
        self.page = look.page or self.style.page
        self.page_width, self.page_height = PAGE_POINTS[self.page]
        self.margin = look.margin * MM
        self.inner = self.page_width - 2 * self.margin
        self.inner_height = self.page_height - 2 * self.margin - 1.5
        self.size = look.size
        self.lh = look.size * look.lead
        self.pad = look.pad
        self.hpad = 2 * look.pad if look.hpad is None else look.hpad
        self.rule = 0.5 if look.rules else 0.0
        self.small = min(look.size * 0.8, 7.0)

    def font(self, bold: bool = False) -> str:
        return metric_font(self.look.family, bold)

    def metric(self, size: float) -> float:
        """The type size whose plain widths cover `size` drawn with the look's letter-spacing:
        every glyph at least 0.35 em wide grows by at least the spacing."""
        return size + self.look.spacing / 0.35

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return width(text, self.font(bold), self.metric(size))

    def widest(self, texts: Sequence[str], size: float, bold: bool = False) -> float:
        """The widest unbreakable piece of any of `texts`."""
        size = self.metric(size)
        return max((longest_token(text, self.font(bold), size) for text in texts), default=0.0)

    def lines(self, text: str, room: float, size: float, bold: bool = False) -> int:
        return len(wrap(text, self.font(bold), self.metric(size), max(room, 1.0)))

    def cell(self, lines: int, size: float, lead: float | None = None) -> float:
        """The height of a table row whose tallest cell holds `lines` lines."""
        return lines * size * (lead or self.look.lead) + 2 * self.pad + self.rule

    def text_room(self, column: float) -> float:
        return column - 2 * self.hpad - self.rule - 0.5


def logo(w: Writer) -> str:
    squares = "".join(
        f'<i style="left:{8 * (i % 2)}pt;top:{1 + 8 * (i // 2)}pt;background:{colour}"></i>'
        for i, colour in enumerate(LOGO_COLOURS)
    )
    return f'<div class="logo">{squares}{w("Microsoft")}</div>'


def colgroup(widths: Sequence[float]) -> str:
    return "<colgroup>" + "".join(f'<col style="width:{c:.2f}pt">' for c in widths) + "</colgroup>"


def spread(minimum: Sequence[float], weights: Sequence[float], total: float) -> list[float]:
    """Column widths: each its minimum, the rest of `total` shared by weight."""
    extra = max(0.0, total - sum(minimum))
    share = sum(weights) or 1.0
    return [low + extra * weight / share for low, weight in zip(minimum, weights, strict=True)]


def page_div(head: str, main: str, foot: str) -> str:
    return f'<div class="page">{head}<div class="main">{main}</div>{foot}</div>'


class Drawing:
    """The HTML of one invoice, its planned page count and every text it prints."""

    def __init__(self, invoice: Invoice, look: Look, fill: float) -> None:
        self.f = Frame(invoice, look, fill)
        self.w = Writer()
        self.invoice = invoice
        self.ts = look.size * 0.92
        self.pages: list[str] = []

    def css(self) -> str:
        f, look = self.f, self.f.look
        return CSS.substitute(
            page=f.page,
            margin=f"{f.margin:.2f}",
            family=look.css_family,
            size=look.size,
            lead=look.lead,
            inner=f"{f.inner_height:.2f}",
            pad=look.pad,
            hpad=f.hpad,
            rule=f.rule,
            small=f"{f.small:.2f}",
            ts=f"{self.ts:.2f}",
            hs=f"{self.ts * 0.86:.2f}",
            guid=f"{look.size * 0.8:.2f}",
            endpad=look.pad + 4,
            brand=f"{look.size * 1.35:.2f}",
            label=f"{look.size * 0.85:.2f}",
            h2=f"{look.size * 1.15:.2f}",
            valign=look.valign,
        )

    def html(self) -> str:
        title = escape(f"Invoice {self.invoice.head.number}")
        return (
            f'<!doctype html><html lang="{self.invoice.head.language}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{self.css()}{self.f.look.extra_css()}</style></head>"
            f"<body>{''.join(self.pages)}</body></html>\n"
        )

    def fit_columns(
        self, minimum: Callable[[], list[float]], weights: Sequence[float], what: str
    ) -> list[float]:
        """Column widths: the minimums at the type size `ts` with the rest of the table's width
        shared by weight; the table widened to the page, then the type made smaller, until the
        minimums fit."""
        f = self.f
        total = f.inner * f.look.table
        while True:
            widths = minimum()
            if sum(widths) <= total:
                return spread(widths, weights, total)
            if total < f.inner:
                total = f.inner
            elif self.ts > 5.5:
                self.ts -= 0.25
            else:
                raise SystemExit(f"{self.invoice.head.name}: the {what} does not fit the page")

    def label(self, text: str) -> str:
        """A label as written, in bold when the look says so."""
        if self.f.look.bold_labels:
            return f'<span class="lbl">{self.w(text)}</span>'
        return self.w(text)

    def footer_lines(self, texts: Sequence[str]) -> float:
        f = self.f
        rows = sum(f.lines(text, f.inner - 4, f.small) for text in texts)
        return (rows + 1) * f.small * 1.3 + 6

    def footer(self, texts: Sequence[str], label: str, height: float) -> str:
        lines = "".join(f"<div>{self.w(text)}</div>" for text in texts)
        page = f'<div class="pageno">{self.w(label)}</div>' if label else ""
        return f'<div class="foot" style="height:{height:.2f}pt">{lines}{page}</div>'


class OnlineDrawing(Drawing):
    """Family B: page 1 with header and summary, then the line table on pages of its own."""

    def __init__(self, invoice: Invoice, look: Look, fill: float) -> None:
        super().__init__(invoice, look, fill)
        self.labels = ONLINE[invoice.head.language]
        self.widths = self.columns()
        rows = 6 if self.f.style.fields == "below" else 3
        self.head_height = 22 * 1.15 + (1 + rows) * self.f.lh + 6 + 12 * 1.25 + 12
        self.foot_texts = self.footer_texts()
        self.foot_height = self.footer_lines(self.foot_texts)
        room = (self.f.inner_height - self.head_height - self.foot_height - 4) * fill
        planned = self.plan(room)
        count = len(planned) + 1
        self.pages.append(page_div(self.header(), self.first_page(), self.foot(1, count)))
        for index, rows_ in enumerate(planned, start=2):
            self.pages.append(page_div(self.header(), self.table(rows_), self.foot(index, count)))

    def footer_texts(self) -> list[str]:
        supplier = self.invoice.head.supplier
        texts = [self.labels.question, " - ".join((supplier.name, *supplier.address))]
        if supplier.vat_printed:
            texts.append(supplier.vat_printed)
        return texts

    def foot(self, index: int, count: int) -> str:
        label = self.labels.page.format(i=index, n=count)
        return self.footer(self.foot_texts, label, self.foot_height)

    def header(self) -> str:
        w, invoice, head = self.w, self.invoice, self.invoice.head
        labels, style = self.labels, self.f.style
        fields = [
            (labels.invoice_date, day(invoice, head.invoice_date)),
            (labels.invoice_number, head.number),
            (labels.due_date, day(invoice, head.due_date)),
        ]
        ordered = [fields[i] for i in style.header_order]
        if style.fields == "tabbed":
            rows = "".join(
                f"<tr><td>{self.label(label)}</td><td>{w(keep_together(value))}</td></tr>"
                for label, value in ordered
            )
            block = f'<table class="hfields">{rows}</table>'
        elif style.fields == "below":
            block = "".join(
                f"<div>{self.label(label)}</div><div>{w(keep_together(value))}</div>"
                for label, value in ordered
            )
        else:
            block = "".join(
                f"<div>{self.label(label)} {w(keep_together(value))}</div>"
                for label, value in ordered
            )
        assert invoice.header_total is not None
        total = f"{number(invoice.header_total, style.numbers)} {head.currency}"
        right = (
            f'<div class="hright"><div class="title">{w(labels.title)}</div>'
            f"<div>{w(month_year(head.invoice_date, head.language))}</div>{block}"
            f'<div class="htotal">{w(keep_together(total))}</div></div>'
        )
        return f'<div class="head" style="height:{self.head_height:.2f}pt">{logo(w)}{right}</div>'

    def addresses(self) -> str:
        w, head, labels = self.w, self.invoice.head, self.labels
        customer = head.customer
        body = [customer.name, *customer.address, COUNTRY_NAMES[head.country][head.language]]
        cells = []
        for index, title in enumerate((labels.sold_to, labels.bill_to, labels.usage)):
            texts = [*body, customer.vat_printed] if index == 2 and customer.vat_printed else body
            lines = "".join(f"<div>{w(text)}</div>" for text in texts if text)
            cells.append(f'<td><div class="b">{w(title)}</div>{lines}</td>')
        return f'<table class="fixed flat">{"<tr>" + "".join(cells) + "</tr>"}</table>'

    def pairs(
        self, rows: Sequence[tuple[str, str]], label_width: float, *, right: bool = False
    ) -> str:
        w = self.w
        html = []
        for index, (label, value) in enumerate(rows):
            bold = ' class="b"' if right and index == len(rows) - 1 else ""
            value_cell = (
                f'<td class="n">{w(keep_together(value))}</td>'
                if right
                else (f"<td>{w(value)}</td>")
            )
            html.append(f"<tr{bold}><td>{self.label(label)}</td>{value_cell}</tr>")
        cols = colgroup([label_width]) if label_width else ""
        return f'<table class="fixed kv">{cols}{"".join(html)}</table>'

    def lines_of(self, rows: Sequence[tuple[str, str]]) -> str:
        """Rows as "label value" lines, the last in bold."""
        html = []
        for index, (label, value) in enumerate(rows):
            bold = ' class="b"' if index == len(rows) - 1 else ""
            html.append(f"<div{bold}>{self.label(label)} {self.w(keep_together(value))}</div>")
        return f'<div class="kvl">{"".join(html)}</div>'

    def section(self, title: str) -> str:
        if not self.f.style.summary_heading:
            return ""
        return f'<div class="section">{self.w(title)}</div>'

    def details(self) -> str:
        f, labels, style = self.f, self.labels, self.f.style
        order = order_rows(self.invoice, labels)
        summary = summary_rows(self.invoice, labels)
        bold = f.look.bold_labels
        label_width = max(
            style.label_width, f.widest([lb for lb, _ in order], f.size, bold=bold) + 10
        )
        value_width = f.widest([v for _, v in order], f.size) + 14
        beside = style.summary == "beside" and label_width + value_width <= f.inner * 0.55
        order_html = self.section(labels.order_details) + self.pairs(order, label_width)
        summary_label = max(f.width(lb, f.size, bold=True) for lb, _ in summary) + 14
        summary_html = self.section(labels.billing_summary) + (
            self.lines_of(summary)
            if f.look.summary_lines
            else self.pairs(summary, summary_label, right=True)
        )
        if beside:
            return (
                '<table class="fixed flat gapped"><tr>'
                f'<td style="width:55%;padding-right:8pt">{order_html}</td>'
                f"<td>{summary_html}</td></tr></table>"
            )
        span = min(f.inner, max(f.inner * 0.62, label_width + value_width))
        summary_width = summary_label + f.widest([v for _, v in summary], f.size) + 24
        return (
            f'<div class="gapped" style="width:{span:.2f}pt">{order_html}</div>'
            f'<div class="gapped" style="width:{max(summary_width, span * 0.6):.2f}pt">'
            f"{summary_html}</div>"
        )

    def instructions(self) -> str:
        w, head, labels = self.w, self.invoice.head, self.labels
        text = instruction_text(self.invoice)
        html = (
            f'<p class="instructions"><span class="b">{w(labels.instructions)}</span> {w(text)}</p>'
        )
        if head.payment == "card":
            return html
        american = head.currency in ("USD", "CAD")
        bank = [*US_BANK] if american else [(labels.bank, "Citibank Europe plc"), *EU_BANK]
        bank.append((labels.account_name, "Microsoft" if american else head.supplier.name))
        label_width = self.f.inner * 0.2
        left = f'<div class="section">{w(labels.transfer)}</div>{self.pairs(bank, label_width)}'
        right = ""
        if head.payment == "check":
            cheque = [
                ("Payee:", "Microsoft"),
                ("Mailing Address:", "PO Box 842103 Dallas, TX 75284-2103"),
            ]
            right = f'<div class="section">{w("Check")}</div>{self.pairs(cheque, label_width)}'
        return (
            html + f'<table class="fixed flat gapped"><tr><td style="padding-right:8pt">{left}</td>'
            f"<td>{right}</td></tr></table>"
        )

    def first_page(self) -> str:
        return f'<div class="block">{self.addresses()}</div>{self.details()}{self.instructions()}'

    def period_texts(self, line: Line) -> list[str]:
        return period_cell(self.invoice, line)

    def columns(self) -> list[float]:
        """Line-table column widths: each as wide as its widest unbreakable text, the rest of
        the table's width shared by weight; type made smaller until the minimums fit."""
        f, invoice = self.f, self.invoice
        contents: dict[str, list[str]] = {key: [] for key in KEYS}
        for line in invoice.lines:
            contents["period"].extend(self.period_texts(line))
            for key, text in line_cells(invoice, line).items():
                contents[key].append(text)
        for key, text in grand_cells(invoice).items():
            contents[key].append(text)
        words: dict[str, list[str]] = {key: [] for key in KEYS}
        for annual in (False, True):
            for key, text in header_labels(self.labels, annual).items():
                words[key].append(text)
        weights = list(f.look.weights) if len(f.look.weights) == len(KEYS) else list(WEIGHTS)
        if f.style.wrap_period:
            weights[0] = 0.0

        def minimum() -> list[float]:
            return [
                max(
                    max((f.width(t, self.ts) for t in contents[key]), default=0.0),
                    f.widest(words[key], self.ts * 0.86, bold=True),
                )
                + 2 * f.hpad
                + f.rule
                + 1.5
                for key in KEYS
            ]

        return self.fit_columns(minimum, weights, "line table")

    def width_of(self, key: str) -> float:
        return self.widths[KEYS.index(key)]

    def bar_lines(self, sub: Subscription) -> int:
        f = self.f
        room = max(f.text_room(sum(self.widths)) * f.look.bar, f.widest([sub.product], self.ts))
        return f.lines(sub.product, room, self.ts, bold=True)

    def head_lines(self, sub: Subscription) -> int:
        f = self.f
        annual = sub.lines[0].basis == "year"
        texts = header_labels(self.labels, annual)
        return max(
            f.lines(text, f.text_room(self.width_of(key)), self.ts * 0.86, bold=True)
            for key, text in texts.items()
        )

    def line_lines(self, line: Line) -> int:
        parts = self.period_texts(line)
        room = self.f.text_room(self.width_of("period"))
        return self.f.lines(" ".join(keep_together(p) for p in parts), room, self.ts)

    def plan(self, room: float) -> list[list[Row]]:
        f, ts = self.f, self.ts
        pager = Pager(room, room)
        for sub in self.invoice.subscriptions:
            bar = Row("bar", f.cell(self.bar_lines(sub), ts) + 2, sub)
            head = Row("head", f.cell(self.head_lines(sub), ts * 0.86, 1.25), sub)
            again = [bar, head] if f.style.repeat_bar else [head]
            lines = [
                Row("line", f.cell(self.line_lines(line), ts), sub, line) for line in sub.lines
            ]
            pager.place([bar, head, lines[0]])
            for row in lines[1:]:
                pager.place([row], again)
            pager.place([Row("sum", f.cell(1, ts), sub)], again)
            if pager.free > 0.8 * f.lh:
                pager.add(Row("gap", 0.8 * f.lh))
        pager.place([Row("grand", f.cell(1, ts) + 1)])
        return pager.pages

    def cells(self, values: dict[str, str], period: str) -> str:
        w = self.w
        html = [f"<td>{period}</td>"]
        for key in KEYS[1:]:
            text = values.get(key, "")
            html.append(f'<td class="n">{w(keep_together(text))}</td>' if text else "<td></td>")
        return "".join(html)

    def row_html(self, row: Row) -> str:
        w, f = self.w, self.f
        if row.kind == "gap":
            return f'<tr class="gap"><td colspan="11" style="height:{row.height:.2f}pt"></td></tr>'
        if row.kind == "grand":
            label = f"<span>{w(self.labels.grand_total)}</span>"
            return f'<tr class="grand">{self.cells(grand_cells(self.invoice), label)}</tr>'
        assert row.sub is not None
        sub = row.sub
        if row.kind == "bar":
            room = max(f.text_room(sum(self.widths)) * f.look.bar, f.widest([sub.product], self.ts))
            return (
                f'<tr class="bar"><td colspan="11"><div style="width:{room:.2f}pt">'
                f"{w(sub.product)}</div></td></tr>"
            )
        if row.kind == "head":
            annual = sub.lines[0].basis == "year"
            cells = []
            for key, text in header_labels(self.labels, annual).items():
                right = key != "period" and f.style.headers_right
                cells.append(f"<th{' class=n' if right else ''}>{w(text)}</th>")
            return f'<tr class="colhead">{"".join(cells)}</tr>'
        if row.kind == "sum":
            label = w(self.labels.subtotal_row)
            return f'<tr class="sum">{self.cells(sum_cells(self.invoice, sub.lines), label)}</tr>'
        assert row.line is not None
        parts = self.period_texts(row.line)
        period = w(" ".join(keep_together(p) for p in parts))
        return f"<tr>{self.cells(line_cells(self.invoice, row.line), period)}</tr>"

    def table(self, rows: Sequence[Row]) -> str:
        classes = "lines rules" if self.f.look.rules else "lines"
        body = "".join(self.row_html(row) for row in rows)
        style = f"width:{sum(self.widths):.2f}pt"
        return f'<table class="{classes}" style="{style}">{colgroup(self.widths)}{body}</table>'


class PortalDrawing(Drawing):
    """Family A: addresses, header grid and previous charges, then the charge lines."""

    def __init__(self, invoice: Invoice, look: Look, fill: float) -> None:
        super().__init__(invoice, look, fill)
        self.labels = PORTAL[invoice.head.language]
        f = self.f
        supplier = invoice.head.supplier
        self.foot_texts = [f"{supplier.name} · {', '.join(supplier.address)}"]
        self.foot_height = self.footer_lines(self.foot_texts)
        self.grid = header_fields(invoice, self.labels)
        self.grid_columns = self.field_columns()
        self.widths = self.line_columns()
        self.two_row = self.widths is None
        self.next_height = 40.0
        if f.style.repeat_heading:
            self.next_height += self.h2_height()
        body = f.inner_height - self.foot_height - 4
        planned = self.plan((body - self.next_height) * fill, (body - self.top_height()) * fill)
        count = len(planned)
        for index, rows in enumerate(planned, start=1):
            top = self.first_top() if index == 1 else self.next_top()
            label = self.labels.page.format(i=index, n=count) if count > 1 else ""
            foot = self.footer(self.foot_texts, label, self.foot_height)
            self.pages.append(page_div("", top + self.table(rows), foot))

    def h2_height(self) -> float:
        return 13 + self.f.size * 1.15 * 1.3

    def field_columns(self) -> int:
        """The style's grid columns, fewer when a value (a GUID) would not fit a cell."""
        f, style = self.f, self.f.style
        needed = f.widest([value for _, value in self.grid], f.size) + 2 * f.hpad + 4
        if style.fields == "tabbed":
            needed += self.label_width()
        return max(1, min(style.grid_columns, int(f.inner // needed)))

    def label_width(self) -> float:
        """The label column of a tabbed header grid."""
        f = self.f
        labels = [label for label, _ in self.grid]
        return f.widest(labels, f.size, bold=f.look.bold_labels) + 2 * f.hpad + 4

    def grid_height(self) -> float:
        f, style, columns = self.f, self.f.style, self.grid_columns
        cell = f.inner / columns
        total = 12.0
        for start in range(0, len(self.grid), columns):
            chunk = self.grid[start : start + columns]
            if style.fields == "tabbed":
                label_width = self.label_width()
                value_room = f.text_room(cell - label_width)
                lines = max(
                    max(
                        f.lines(label, f.text_room(label_width), f.size),
                        f.lines(value, value_room, f.size),
                    )
                    for label, value in chunk
                )
                total += f.cell(lines, f.size)
            elif style.fields == "below":
                small = f.size * 0.85
                labels = max(f.lines(label, f.text_room(cell), small) for label, _ in chunk)
                values = max(f.lines(value, f.text_room(cell), f.size) for _, value in chunk)
                total += f.cell(labels, small) + f.cell(values, f.size)
            else:
                lines = max(
                    f.lines(f"{label} {value}", f.text_room(cell), f.size) for label, value in chunk
                )
                total += f.cell(lines, f.size)
        return total

    def address_lines(self) -> tuple[list[str], list[str]]:
        head = self.invoice.head
        supplier, customer = head.supplier, head.customer
        seller = [*supplier.address] + ([supplier.vat_printed] if supplier.vat_printed else [])
        buyer = [customer.name, *customer.address, COUNTRY_NAMES[head.country][head.language]]
        if customer.vat_printed:
            buyer.append(customer.vat_printed)
        return seller, buyer

    def top_height(self) -> float:
        f = self.f
        seller, buyer = self.address_lines()
        top = max(18 + 10 + f.size * 1.35 * f.look.lead, (1 + len(seller)) * f.lh)
        bill = 14 + (1 + len(buyer)) * f.lh
        previous = self.h2_height() + 2 * f.cell(1, f.size)
        return top + bill + self.grid_height() + previous + self.h2_height() + 6

    def grid_html(self) -> str:
        w, f, style, columns = self.w, self.f, self.f.style, self.grid_columns
        rows = []
        for start in range(0, len(self.grid), columns):
            chunk = self.grid[start : start + columns]
            pad = "<td></td>" * (columns - len(chunk))
            if style.fields == "tabbed":
                cells = "".join(
                    f"<td>{self.label(label)}</td><td>{w(value)}</td>" for label, value in chunk
                )
                rows.append(f"<tr>{cells}{pad * 2}</tr>")
            elif style.fields == "below":
                labels = "".join(f"<td>{self.label(label)}</td>" for label, _ in chunk)
                values = "".join(f"<td>{w(value)}</td>" for _, value in chunk)
                rows.append(f'<tr class="small">{labels}{pad}</tr><tr>{values}{pad}</tr>')
            else:
                cells = "".join(
                    f"<td>{self.label(label)} {w(value)}</td>" for label, value in chunk
                )
                rows.append(f"<tr>{cells}{pad}</tr>")
        cols = ""
        if style.fields == "tabbed":
            label_width = self.label_width()
            cols = colgroup([label_width, f.inner / columns - label_width] * columns)
        return f'<table class="fixed grid">{cols}{"".join(rows)}</table>'

    def first_top(self) -> str:
        w, f, head, labels = self.w, self.f, self.invoice.head, self.labels
        seller, buyer = self.address_lines()
        supplier = "".join(f"<div>{w(text)}</div>" for text in seller)
        brand = f'<div class="brand">{w("Microsoft Online Services")}</div>'
        top = (
            f'<table class="fixed flat"><tr><td>{logo(w)}{brand}</td>'
            f'<td style="width:{min(220.0, f.inner * 0.42):.2f}pt">'
            f'<div class="b">{w(head.supplier.name)}</div>{supplier}</td></tr></table>'
        )
        bill = "".join(f"<div>{w(text)}</div>" for text in buyer)
        bill_to = f'<div class="block"><div class="b">{w(labels.bill_to)}</div>{bill}</div>'
        numbers, style = f.style.numbers, f.style
        balance = money(head.previous_balance, head.currency, numbers)
        carried = f"{labels.carried} {date_text(head.period_end, style.dates, head.language)}"
        previous = (
            f'<div class="h2">{w(labels.previous)}</div><table class="fixed">'
            f'<tr><td>{w(labels.previous_balance)}</td><td class="n">{w(keep_together(balance))}'
            f'</td></tr><tr><td>{w(carried)}</td><td class="n">{w(keep_together(balance))}</td>'
            f'</tr></table><div class="h2">{w(labels.current)}</div>'
        )
        return top + bill_to + self.grid_html() + previous

    def next_top(self) -> str:
        w, head, labels = self.w, self.invoice.head, self.labels
        number_text = f"{bare(labels.number, self.f.style.colon)} {head.number}"
        heading = ""
        if self.f.style.repeat_heading:
            heading = f'<div class="h2">{w(f"{labels.current} {labels.continued}")}</div>'
        return (
            f'<div class="head" style="height:40pt">{logo(w)}'
            f'<div class="number">{w(number_text)}</div></div>{heading}'
        )

    def texts(self, sub: Subscription, line: Line) -> tuple[str, str, str, str, str, str]:
        licences, price, amount = line_texts(self.invoice, sub, line)
        return (
            sub.subscription_id or "",
            sub.product,
            sub.charge_type or "",
            licences,
            price,
            keep_together(amount),
        )

    def line_columns(self) -> list[float] | None:
        """Six columns (GUID, product, charge type, licences, price, amount) when their widest
        unbreakable texts fit side by side, else None: each line then takes two rows."""
        f = self.f
        if f.style.lines == "two-row":
            return None
        sizes = (f.size * 0.8, f.size, f.size, f.size, f.size, f.size)
        columns: list[list[str]] = [[], [], [], [], [], []]
        for sub in self.invoice.subscriptions:
            for line in sub.lines:
                for column, text in enumerate(self.texts(sub, line)):
                    columns[column].append(text)
        minimum = [
            f.widest(texts, size) + 2 * f.hpad + f.rule + 1.5
            for texts, size in zip(columns, sizes, strict=True)
        ]
        total = f.inner * f.look.table
        if sum(minimum) > total:
            total = f.inner
        if sum(minimum) > total:
            return None
        weights = f.look.weights if len(f.look.weights) == 6 else PORTAL_WEIGHTS
        return spread(minimum, weights, total)

    def two_row_widths(self) -> list[float]:
        f = self.f
        first: list[str] = []
        second: list[str] = []
        third: list[str] = []
        for sub in self.invoice.subscriptions:
            for line in sub.lines:
                _, product, charge, licences, price, amount = self.texts(sub, line)
                first.append(licences)
                second.extend((product, price))
                third.extend((charge, amount))
        guid_width = max(
            (
                f.width(sub.subscription_id or "", f.size * 0.8)
                for sub in self.invoice.subscriptions
            ),
            default=0.0,
        )
        minimum = [
            max(guid_width, f.widest(first, f.size)) + 2 * f.hpad + f.rule + 1.5,
            f.widest(second, f.size) + 2 * f.hpad + f.rule + 1.5,
            f.widest(third, f.size) + 2 * f.hpad + f.rule + 1.5,
        ]
        weights = f.look.weights if len(f.look.weights) == 3 else TWO_ROW_WEIGHTS
        total = max(f.inner * f.look.table, min(f.inner, sum(minimum)))
        return spread(minimum, weights, total)

    def line_height(self, sub: Subscription, line: Line) -> float:
        f = self.f
        texts = self.texts(sub, line)
        if self.widths is not None:
            lines = max(
                f.lines(text, f.text_room(column), f.size)
                for text, column in zip(texts[1:], self.widths[1:], strict=True)
            )
            return f.cell(lines, f.size) + 4
        widths = self.two_row_widths()
        _, product, charge, licences, price, amount = texts
        first = max(
            f.lines(product, f.text_room(widths[1]), f.size),
            f.lines(charge, f.text_room(widths[2]), f.size),
        )
        second = max(
            f.lines(licences, f.text_room(widths[0]), f.size),
            f.lines(price, f.text_room(widths[1]), f.size),
            f.lines(amount, f.text_room(widths[2]), f.size),
        )
        return f.cell(first, f.size) + f.cell(second, f.size) + 4

    def plan(self, room: float, first_room: float) -> list[list[Row]]:
        pager = Pager(room, first_room)
        for sub in self.invoice.subscriptions:
            for line in sub.lines:
                pager.place([Row("line", self.line_height(sub, line), sub, line)])
        pager.place([Row("totals", 10 + 3 * self.f.cell(1, self.f.size))])
        return pager.pages

    def line_html(self, sub: Subscription, line: Line) -> str:
        w = self.w
        guid, product, charge, licences, price, amount = self.texts(sub, line)
        if self.widths is not None:
            return (
                f'<tr class="end"><td class="guid">{w(guid)}</td><td>{w(product)}</td>'
                f"<td>{w(charge)}</td><td>{w(licences)}</td><td>{w(price)}</td>"
                f'<td class="n">{w(amount)}</td></tr>'
            )
        return (
            f'<tr><td class="guid">{w(guid)}</td><td>{w(product)}</td><td>{w(charge)}</td></tr>'
            f'<tr class="end"><td>{w(licences)}</td><td>{w(price)}</td>'
            f'<td class="n">{w(amount)}</td></tr>'
        )

    def totals(self) -> str:
        w, invoice, labels, style = self.w, self.invoice, self.labels, self.f.style
        numbers, currency = style.numbers, invoice.head.currency
        rate = percent(invoice.tax_rate, numbers) if invoice.tax_rate is not None else ""
        tax_label = labels.tax_alt if style.alt_tax_label else labels.tax
        rows = [
            (labels.subtotal_alt if style.long_labels else labels.subtotal, invoice.subtotal, ""),
            (f"{tax_label} ({rate})", invoice.tax, ""),
            (labels.total_alt if style.long_labels else labels.total, invoice.total, "b"),
        ]
        html = "".join(
            f'<tr class="{bold}"><td>{self.label(keep_together(label))}</td>'
            f'<td class="n">{w(keep_together(money(value, currency, numbers)))}</td></tr>'
            for label, value, bold in rows
        )
        return f'<table class="totals">{html}</table>'

    def table(self, rows: Sequence[Row]) -> str:
        widths = self.widths if self.widths is not None else self.two_row_widths()
        body = "".join(
            self.line_html(row.sub, row.line)
            for row in rows
            if row.kind == "line" and row.sub is not None and row.line is not None
        )
        classes = "lines rules" if self.f.look.rules else "lines"
        style = f"width:{sum(widths):.2f}pt;font-size:{self.f.size}pt"
        html = ""
        if body:
            html = f'<table class="{classes}" style="{style}">{colgroup(widths)}{body}</table>'
        if any(row.kind == "totals" for row in rows):
            html += self.totals()
        return html


def drawing(invoice: Invoice, look: Look, fill: float) -> Drawing:
    if invoice.family == "portal-2012":
        return PortalDrawing(invoice, look, fill)
    if invoice.family == "customer-agreement":
        # Imported here: samples.html_agreement builds on this module's Drawing.
        from samples.html_agreement import AgreementDrawing

        return AgreementDrawing(invoice, look, fill)
    return OnlineDrawing(invoice, look, fill)


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium found: apt-get install -y chromium")


def weasyprint() -> str:
    """WeasyPrint's command: on the PATH or beside this Python (`make engines` installs it)."""
    beside = Path(sys.executable).parent / "weasyprint"
    found = shutil.which("weasyprint") or (str(beside) if beside.exists() else None)
    if found is None:
        raise SystemExit("no WeasyPrint found: pip install weasyprint")
    return found


#: The HTML-to-PDF engines that print the samples, and how each is found.
ENGINES: dict[str, Callable[[], str]] = {"chromium": browser, "weasyprint": weasyprint}


def print_command(program: str, page: Path, out: Path) -> list[str]:
    if Path(program).name.startswith("weasyprint"):
        return [program, "--quiet", str(page), str(out)]
    return [
        program,
        *BROWSER_FLAGS,
        f"--user-data-dir={out.parent / 'profile'}",
        f"--print-to-pdf={out}",
        page.resolve().as_uri(),
    ]


def print_pdf(markup: str, program: str, keep: Path | None = None) -> bytes:
    """The PDF the engine prints of `markup` (Chromium's own header and footer off)."""
    with tempfile.TemporaryDirectory(prefix="invoice-html-") as folder:
        root = Path(folder)
        page = keep if keep is not None else root / "invoice.html"
        page.write_text(markup, encoding="utf-8")
        out = root / "invoice.pdf"
        run = subprocess.run(
            print_command(program, page, out),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if not out.exists():
            raise SystemExit(f"{program} printed nothing: {run.stderr.strip()[-400:]}")
        return out.read_bytes()


def comparable(text: str) -> Counter[str]:
    """The characters of `text` as the reader sees them, without any space."""
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def problems(pdf: bytes, pages: int, texts: Sequence[str]) -> Iterator[str]:
    """What is wrong with a printed PDF: page count, lost or added characters, overlaps."""
    with tempfile.TemporaryDirectory(prefix="invoice-check-") as folder:
        path = Path(folder) / "invoice.pdf"
        path.write_bytes(pdf)
        document = read_document(path)
    if len(document.pages) != pages:
        yield f"{len(document.pages)} pages printed, {pages} planned"
        return
    printed = comparable("".join(w.text for page in document.pages for w in page.words))
    written = comparable("".join(texts))
    if printed != written:
        yield f"characters missing {written - printed}, added {printed - written}"
    for page in document.pages:
        words = sorted(page.words, key=lambda w: (w.top, w.x0))
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                if b.top > a.bottom:
                    break
                across = min(a.x1, b.x1) - max(a.x0, b.x0)
                down = min(a.bottom, b.bottom) - max(a.top, b.top)
                if across > 0.5 and down > 0.3 * min(a.bottom - a.top, b.bottom - b.top):
                    yield f"page {page.number}: {a.text!r} overlaps {b.text!r}"


def printed(invoice: Invoice, look: Look, program: str, keep: Path | None) -> tuple[bytes, int]:
    """The PDF and its page count, cutting pages shorter until the browser keeps to them."""
    found: list[str] = []
    for fill in FILLS:
        draw = drawing(invoice, look, fill)
        pdf = print_pdf(draw.html(), program, keep)
        found = list(problems(pdf, len(draw.pages), draw.w.texts))
        if not found:
            return pdf, len(draw.pages)
    raise SystemExit(f"{invoice.head.name}: {'; '.join(found[:5])}")


SANS = "sans-serif"
SERIF = "serif"
MONO = "monospace"

CASES = (
    Case(
        "chrome-a-nl-be-rc-annual",
        catalog.a_nl_annual_exchange_rc,
        Look("Liberation Serif", SERIF, size=9.5, pad=2.5),
        "nl portal, one annual line, Belgian VAT number in the bill-to block, BTW 0%",
    ),
    Case(
        "chrome-a-en-ie-below-rules",
        catalog.a_en_ie_vat23_below,
        Look("DejaVu Sans", SANS, size=7.5, pad=1.5, rules=True),
        "en portal, labels in a row above their values, ruled cells, VAT 23%",
    ),
    Case(
        "chrome-a-fr-be-rc-mono",
        catalog.a_fr_be_rc_tabbed,
        Look("DejaVu Sans Mono", MONO, size=7.0, pad=2.0, margin=10, valign="middle"),
        "fr portal, label and value cells side by side, monospace, 1.234,56 €, TVA 0%",
    ),
    Case(
        "chrome-a-de-rc-previous-balance",
        catalog.a_de_rc_previous_balance,
        Look("Liberation Sans", SANS, size=8.5, pad=3.0),
        "de portal, four subscriptions, a previous balance carried forward, MwSt. 0%",
    ),
    Case(
        "chrome-a-nl-wrapped-names",
        catalog.a_nl_written_dates_wrapped,
        Look("DejaVu Serif", SERIF, size=10, table=0.72, weights=(0.2, 0.1, 0.1), valign="bottom"),
        "nl portal, written dates, long product names wrapped by the browser in a narrow cell",
    ),
    Case(
        "chrome-a-en-us-sales-tax",
        catalog.a_en_us_sales_tax,
        Look("Liberation Sans", SANS, size=9.0, pad=2.5, margin=15),
        "en portal from Microsoft Corporation, Letter, $, mm/dd/yyyy, Tax (8.75%)",
    ),
    Case(
        "chrome-a-fr-narrow-pages",
        catalog.a_fr_2pages_wrapped,
        Look("DejaVu Sans", SANS, size=8.5, pad=2.0, table=0.88, valign="middle"),
        "fr portal over pages, narrow columns wrapping product, charge type, licences, price",
    ),
    Case(
        "chrome-a-en-long",
        catalog.a_en_4pages_long,
        Look("Liberation Serif", SERIF, size=9.0, lead=1.2, pad=1.5),
        "en portal, 46 subscriptions over several pages, the totals on the last, VAT 0%",
    ),
    Case(
        "chrome-a-nl-ambiguous-dates",
        catalog.a_nl_ambiguous_dates,
        Look("Liberation Mono", MONO, size=8.0, pad=2.0),
        "nl portal whose dates fit both day/month orders: AMBIGUOUS_DATE",
    ),
    Case(
        "chrome-a-nl-nl-per-unit",
        catalog.a_nl_nl_vat21_dashes_per_unit,
        Look("DejaVu Sans", SANS, size=9.0, pad=4.0, rules=True),
        "nl portal, dates with dashes, 100 × € 0,99 taxed per licence, BTW 21%",
    ),
    Case(
        "chrome-bad-a-de-total",
        catalog.bad_total_not_sum,
        Look("DejaVu Serif", SERIF, size=9.0, pad=2.0),
        "de portal whose Summe is 0,10 more than Zwischensumme + MwSt.: TOTAL_MISMATCH",
    ),
    Case(
        "chrome-b-en-us-sales-tax",
        catalog.b_en_us_sales_tax,
        Look("Liberation Sans", SANS, size=8.5, pad=2.0),
        "en online services from Microsoft Corporation, Letter, Taxes 8.75%, check block",
    ),
    Case(
        "chrome-b-nl-nl-per-unit-tax",
        catalog.b_nl_nl_per_unit_tax,
        Look("Liberation Serif", SERIF, size=9.0, pad=2.5),
        "nl online services, header labels and values in cells, 100 × 0,99 taxed per licence",
    ),
    Case(
        "chrome-b-fr-fr-credit-rebill-rc",
        catalog.b_fr_credit_rebill,
        Look("DejaVu Sans", SANS, size=7.5, pad=2.0, rules=True),
        "fr online services, credit and re-bill of a licence change, 1 234,56, TVA 0 %",
    ),
    Case(
        "chrome-b-en-ie-credit-rebill-parens",
        catalog.b_en_ie_credit_rebill_parens,
        Look("DejaVu Serif", SERIF, size=8.0, pad=1.5, table=0.94, valign="bottom"),
        "en online services, credit for the remaining days, negatives in parentheses, VAT 23%",
    ),
    Case(
        "chrome-b-de-wrapped-mono",
        catalog.b_de_3pages_wrapped,
        Look("DejaVu Sans Mono", MONO, size=7.0, pad=1.5, bar=0.35, valign="middle"),
        "de online services, twelve long product names wrapped in narrow bars, monospace",
    ),
    Case(
        "chrome-b-nl-be-prorated-rc",
        catalog.b_nl_be_multi_prorated_rc,
        Look("Liberation Sans", SANS, size=8.5, pad=3.0, bar=0.45, valign="middle"),
        "nl online services, a prorated addition, a long product name wrapped, BTW 0 %",
    ),
    Case(
        "chrome-b-en-ca-gst-qst",
        catalog.b_en_ca_gst_qst,
        Look("DejaVu Sans", SANS, size=8.0, pad=1.5, margin=12),
        "en online services for Canada, ISO dates, CAD, GST/HST and QST in the summary",
    ),
    Case(
        "chrome-b-en-no-mva-annual",
        catalog.b_en_no_mva_annual,
        Look("Liberation Mono", MONO, size=7.5, pad=2.0),
        "en online services for Norway, NOK, 04.08.2026, annual prices, MVA 25 %",
    ),
    Case(
        "chrome-b-fr-fr-narrow-nbsp",
        catalog.b_fr_fr_narrow_nbsp,
        Look("DejaVu Sans", SANS, size=8.0, pad=2.5),
        "fr online services, amounts grouped by U+202F, written dates, en-dash period",
    ),
    Case(
        "chrome-b-fr-be-nbsp-rc",
        catalog.b_fr_be_nbsp_rc,
        Look("Liberation Serif", SERIF, size=9.0, pad=2.0, table=0.96),
        "fr online services, annual prices grouped by U+00A0, Belgian VAT number, Taxes 0 %",
    ),
    Case(
        "chrome-b-de-discount",
        catalog.b_de_discount,
        Look("DejaVu Sans Mono", MONO, size=7.5, pad=2.0, rules=True),
        "de online services, header values below labels, a 10 % discount (Rabatte), MwSt. 19 %",
    ),
    Case(
        "chrome-b-nl-be-long",
        catalog.b_nl_4pages_repeat_bar,
        Look("DejaVu Serif", SERIF, size=10.0, lead=1.4, pad=3.0),
        "nl online services, eight licence changes continuing across pages, bar repeated",
    ),
    Case(
        "chrome-c-en-be-rc-two-sections",
        agreement_catalog.c_en_be_rc_two_sections,
        Look("Liberation Sans", SANS, size=8.5, pad=2.0),
        "en labels for a Belgian customer, two invoice sections with a section summary, "
        "prorated seats, reverse charge",
    ),
    Case(
        "chrome-c-en-us-sales-tax-dashes",
        agreement_catalog.c_en_us_sales_tax_dashes,
        Look("DejaVu Serif", SERIF, size=8.0, pad=1.5, rules=True),
        "en, Microsoft Corporation, USD, 07-21-2026 dates, sales tax 8.75 %, due date, ruled cells",
    ),
    Case(
        "chrome-c-nl-nl-domestic-vat",
        agreement_catalog.c_nl_nl_domestic_vat,
        Look("DejaVu Sans", SANS, size=8.0, pad=2.0, valign="middle"),
        "nl, local Dutch entity charging BTW 21 % on the subtotal, dd-mm-yyyy, seller only in "
        "the payment instructions",
    ),
    Case(
        "chrome-c-fr-be-domestic-azure",
        agreement_catalog.c_fr_be_domestic_azure,
        Look("Liberation Serif", SERIF, size=9.0, pad=2.5),
        "fr, local Belgian entity, TVA 21 %, Azure Credit column, estimated savings, 1 234,56",
    ),
    Case(
        "chrome-c-de-de-rc-three-sections",
        agreement_catalog.c_de_de_rc_three_sections,
        Look("DejaVu Sans Mono", MONO, size=7.0, pad=1.5, table=0.9),
        "de, three invoice sections over several pages, wrapped product names, headings not "
        "repeated, monospace",
    ),
    Case(
        "chrome-c-en-nl-credit-note-rc",
        agreement_catalog.c_en_nl_credit_note_rc,
        Look("Liberation Mono", MONO, size=8.0, pad=2.0),
        "en Credit Note, Original invoice, negative amounts, reverse charge",
    ),
    Case(
        "chrome-c-nl-be-credit-note-domestic",
        agreement_catalog.c_nl_be_credit_note_domestic,
        Look("DejaVu Serif", SERIF, size=9.5, pad=3.0, valign="bottom"),
        "nl Creditnota from the local Belgian entity, negative Btw 21 %, annual row in full",
    ),
    Case(
        "chrome-c-fr-fr-credit-note-vat20",
        agreement_catalog.c_fr_fr_credit_note_vat20,
        Look("Liberation Sans", SANS, size=10.0, pad=2.0, table=0.8),
        "fr Note de crédit without corrected invoice, TVA 20 %, a long product name wrapped",
    ),
    Case(
        "chrome-c-de-de-credit-note-rc",
        agreement_catalog.c_de_de_credit_note_rc,
        Look("DejaVu Sans", SANS, size=7.5, pad=1.5, rules=True),
        "de Gutschrift in two sections with a section summary, reverse charge, ruled cells",
    ),
    Case(
        "chrome-c-en-nl-mdy-upfront-rc",
        agreement_catalog.c_en_nl_mdy_upfront_rc,
        Look("Liberation Serif", SERIF, size=8.5, pad=2.0),
        "en for a Dutch customer, month-first 05/20/2025 from Microsoft Ireland, annual renewal",
    ),
    Case(
        "chrome-c-en-us-credit-note",
        agreement_catalog.c_en_us_credit_note,
        Look("DejaVu Sans", SANS, size=9.0, pad=2.0),
        "en Credit Note from Microsoft Corporation, USD, sales tax 10.1 % negative",
    ),
    Case(
        "chrome-c-nl-be-rc-return-row",
        agreement_catalog.c_nl_be_rc_return_row,
        Look("Liberation Sans", SANS, size=9.5, pad=3.0, valign="middle"),
        "nl, a return row (Tegoeden), details over pages with headings repeated, wrapped dates",
    ),
    Case(
        "chrome-c-nl-nl-english-terms",
        agreement_catalog.c_nl_nl_english_terms,
        Look("DejaVu Serif", SERIF, size=8.0, pad=1.5),
        "nl labels with Sold to, Bill to, P.O. number, Charges and Unit price in English",
    ),
    Case(
        "chrome-bad-b-en-cent-off",
        catalog.bad_line_cent_off,
        Look("Liberation Sans", SANS, size=9.0, pad=2.0),
        "en online services, line 2 prints 25.91 where 7 × 3.70 = 25.90: LINE_AMOUNT_MISMATCH",
    ),
)

README_HEAD = """# Samples printed by Chromium

The invoices of `samples/catalog.py` and `samples/agreement_catalog.py` (family C, written by
`samples/html_agreement.py`) written as HTML by `samples/html.py` and printed to PDF by
headless Chromium {version} (Debian's `chromium`): the browser wraps the text in table cells,
pads them and places subset TrueType fonts glyph by glyph. Each `NAME.json` is the generator's
own record of the invoice (`samples/record.py`) with `source` taken from the printed PDF; the
findings are the generator's. Regenerate with `python -m samples.html --out samples/engines`
(needs `apt-get install chromium`); the PDF bytes differ from run to run (Chromium embeds the
date), the records only in `source.sha256`. `tests/test_engines.py` parses them without Chromium.

| sample | family | language | pages | expected findings | look | what it shows |
| --- | --- | --- | --- | --- | --- | --- |
"""


def chromium_version(program: str) -> str:
    run = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    words = run.stdout.split()
    return next((word for word in words if word[:1].isdigit()), "")


def write_case(case: Case, out: Path, program: str, keep: Path | None) -> str:
    """Print one case into `out`; returns its README row."""
    sample = case.make()
    invoice = sample.invoice
    codes = {finding.code for finding in findings(invoice)}
    if codes != sample.codes:
        raise SystemExit(f"{case.name}: findings {sorted(codes)}, meant {sorted(sample.codes)}")
    html_path = keep / f"{case.name}.html" if keep else None
    pdf, pages = printed(invoice, case.look, program, html_path)
    path = out / f"{case.name}.pdf"
    path.write_bytes(pdf)
    record = invoice_record(invoice, path.name, pdf, pages)
    write_bytes(path.with_suffix(".json"), record_text(record).encode())
    family = FAMILY_NAMES[invoice.family]
    listed = ", ".join(sorted(codes)) or "none"
    return (
        f"| `{path.name}` | {family} | {invoice.head.language} | {pages} | {listed} | "
        f"{case.look.describe()} | {case.shows} |\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.html", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--only", nargs="*", default=None, help="print only these cases")
    parser.add_argument("--html", type=Path, help="keep each case's HTML in this folder")
    args = parser.parse_args(argv)
    program = browser()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.html:
        args.html.mkdir(parents=True, exist_ok=True)
    cases = [case for case in CASES if not args.only or case.name in args.only]
    rows = [write_case(case, args.out, program, args.html) for case in cases]
    if args.only is None:
        head = README_HEAD.format(version=chromium_version(program))
        write_bytes(args.out / "README.md", (head + "".join(rows)).encode())
    print(f"{len(rows)} PDFs printed with {program} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
