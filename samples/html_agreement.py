"""Family C (`customer-agreement`) written as HTML for the browser engines (`samples.html`).

The same pages as `samples.agreement`: page 1 the invoice and billing summaries, then the
section summary and the details by invoice section on pages planned here (each row its own
fixed-layout table with the same columns, so a page can break between any two rows), and a
last page with payment instructions and publisher information.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from samples.agreement import (
    NUMERIC,
    agreement_of,
    column_titles,
    date_lines,
    header_fields,
    is_credit_note,
    labelled,
    labels_of,
    last_page_rows,
    party_lines,
    period_text,
    row_cells,
    seller_lines,
    summary_rows,
)
from samples.build import section_figures
from samples.formats import number
from samples.html import Drawing, Look, colgroup, logo, page_div
from samples.layout import keep_together
from samples.model import Block, Invoice, Line, Section, Subscription

PRODUCT_WEIGHT = 3.0
DATES_WEIGHT = 1.2


@dataclass(frozen=True, slots=True)
class Piece:
    """A block of a details page: the height it is expected to take, and its HTML, written
    (and its text recorded) only when the block is placed."""

    height: float
    html: Callable[[], str]


class AgreementDrawing(Drawing):
    """Family C: page 1, the planned details pages, and the closing page."""

    def __init__(self, invoice: Invoice, look: Look, fill: float) -> None:
        super().__init__(invoice, look, fill)
        self.labels = labels_of(invoice)
        self.agreement = agreement_of(invoice)
        self.keys = tuple(self.titles())
        self.widths = self.columns()
        self.foot_texts = seller_lines(invoice) if self.f.style.seller_footer else []
        self.foot_height = self.footer_lines(self.foot_texts or [" "])
        room = (self.f.inner_height - self.foot_height - 4) * fill
        planned = self.plan(room)
        count = len(planned) + 2
        self.pages.append(page_div(self.head(), self.first_page(), self.foot(1, count)))
        for index, pieces in enumerate(planned, start=2):
            body = "".join(pieces)
            self.pages.append(page_div("", body, self.foot(index, count)))
        self.pages.append(page_div("", self.last_page(), self.foot(count, count)))

    def foot(self, index: int, count: int) -> str:
        label = self.labels.page.format(i=index, n=count)
        return self.footer(self.foot_texts, label, self.foot_height)

    # ---- page 1

    def head(self) -> str:
        title = self.labels.credit_title if is_credit_note(self.invoice) else self.labels.title
        right = f'<div class="hright"><div class="title">{self.w(title)}</div></div>'
        return f'<div class="head" style="height:40pt">{logo(self.w)}{right}</div>'

    def fields(self) -> str:
        w, style = self.w, self.f.style
        fields = header_fields(self.invoice)
        if style.fields == "tabbed":
            rows = "".join(
                f"<tr><td>{self.label(labelled(self.invoice, label))}</td>"
                f"<td>{w(keep_together(value))}</td></tr>"
                for label, value in fields
            )
            return f'<table class="kv">{rows}</table>'
        if style.fields == "below":
            return "".join(
                f'<div class="b">{w(label)}</div><div>{w(keep_together(value))}</div>'
                for label, value in fields
            )
        return "".join(
            f"<div>{self.label(labelled(self.invoice, label))} {w(keep_together(value))}</div>"
            for label, value in fields
        )

    def parties(self) -> str:
        w, invoice = self.w, self.invoice
        html = []
        for title, party, vat in (
            (self.labels.sold_to, invoice.head.customer, True),
            (self.labels.bill_to, self.agreement.bill_to, False),
        ):
            lines = "".join(f"<div>{w(text)}</div>" for text in party_lines(invoice, party, vat))
            html.append(f'<div class="b" style="margin-top:6pt">{w(title)}</div>{lines}')
        return "".join(html)

    def summary(self) -> str:
        w, f = self.w, self.f
        rows = summary_rows(self.invoice)
        html = []
        for index, (label, value) in enumerate(rows):
            bold = ' class="b"' if index == len(rows) - 1 else ""
            html.append(
                f"<tr{bold}><td>{self.label(label)}</td>"
                f'<td class="n">{w(keep_together(value))}</td></tr>'
            )
        savings = self.agreement.savings
        if savings is not None:
            value = number(savings, self.invoice.style.numbers)
            html.append(
                f"<tr><td>{self.label(self.labels.savings)}</td>"
                f'<td class="n">{w(keep_together(value))}</td></tr>'
            )
        label_width = max(f.width(label, f.size, bold=True) for label, _ in rows) + 24
        span = label_width + f.widest([v for _, v in rows], f.size) + 30
        return (
            f'<div style="width:{span:.2f}pt"><div class="section">'
            f"{w(self.labels.billing_summary)}</div>"
            f'<table class="fixed kv">{colgroup([label_width])}{"".join(html)}</table></div>'
        )

    def first_page(self) -> str:
        w, invoice, head = self.w, self.invoice, self.invoice.head
        period = period_text(invoice, head.period_start, head.period_end)
        summary = self.summary()
        if self.f.style.summary == "beside":
            summary = f'<table class="fixed flat"><tr><td></td><td>{summary}</td></tr></table>'
        return (
            f'<div class="h2">{w(self.labels.invoice_summary)}</div>'
            '<table class="fixed flat"><tr>'
            f'<td style="padding-right:12pt">{self.parties()}</td>'
            f"<td>{self.fields()}</td></tr></table>"
            f'<div class="b gapped">{w(labelled(invoice, self.labels.billing_period))} '
            f"{w(keep_together(period))}</div>"
            f'<div class="gapped">{summary}</div>'
        )

    # ---- the details table

    def titles(self) -> dict[str, str]:
        keys = tuple(
            key
            for key in ("product", "dates", *NUMERIC)
            if key != "azure" or self.agreement.azure_column
        )
        return column_titles(self.labels, keys)

    def columns(self) -> list[float]:
        """Number columns as wide as their widest cell or title word; product and charge
        dates share the rest; type made smaller until the minimums fit."""
        f, invoice = self.f, self.invoice
        contents: dict[str, list[str]] = {key: [] for key in self.keys}
        for line in invoice.lines:
            for key, text in row_cells(invoice, line).items():
                contents[key].append(text)
            contents["dates"].extend(date_lines(invoice, line))
        titles = self.titles()

        def minimum() -> list[float]:
            return [
                max(
                    max((f.width(t, self.ts) for t in contents[key]), default=0.0)
                    if key != "product"
                    else 50.0,
                    f.widest([titles[key]], self.ts * 0.86, bold=True),
                )
                + 2 * f.hpad
                + f.rule
                + 1.5
                for key in self.keys
            ]

        weights = [
            PRODUCT_WEIGHT if key == "product" else DATES_WEIGHT if key == "dates" else 0.0
            for key in self.keys
        ]
        return self.fit_columns(minimum, weights, "details table")

    def width_of(self, key: str) -> float:
        return self.widths[self.keys.index(key)]

    def table(self, rows: str, bold: bool = False) -> str:
        classes = "lines rules" if self.f.look.rules else "lines"
        style = f"width:{sum(self.widths):.2f}pt"
        weight = ";font-weight:bold" if bold else ""
        return (
            f'<table class="{classes}" style="{style}{weight}">{colgroup(self.widths)}'
            f"{rows}</table>"
        )

    def title_piece(self) -> Piece:
        f = self.f
        titles = self.titles()
        lines = max(
            f.lines(title, f.text_room(self.width_of(key)), self.ts * 0.86, True)
            for key, title in titles.items()
        )

        def html() -> str:
            cells = "".join(
                f"<th{' class=n' if key in NUMERIC else ''}>{self.w(title)}</th>"
                for key, title in titles.items()
            )
            return self.table(f'<tr class="colhead">{cells}</tr>')

        return Piece(f.cell(lines, self.ts * 0.86, 1.25), html)

    def row_piece(self, sub: Subscription, line: Line) -> Piece:
        f, invoice = self.f, self.invoice
        dates = date_lines(invoice, line)
        product_lines = f.lines(sub.product, f.text_room(self.width_of("product")), self.ts)
        date_text = " ".join(keep_together(part) for part in dates)
        date_count = f.lines(date_text, f.text_room(self.width_of("dates")), self.ts)
        lines = max(product_lines, date_count)
        bottom = ' style="vertical-align:bottom"' if invoice.style.values_row == "last" else ""

        def html() -> str:
            w = self.w
            cells = [f"<td>{w(sub.product)}</td>", f"<td{bottom}>{w(date_text)}</td>"]
            for text in row_cells(invoice, line).values():
                cells.append(f'<td class="n"{bottom}>{w(keep_together(text))}</td>')
            return self.table(f"<tr>{''.join(cells)}</tr>")

        return Piece(f.cell(lines, self.ts), html)

    def band(self, text: str, shade: bool, indent: float = 0.0) -> Piece:
        """A heading across the table: the section bar (shaded) or an order or family line."""
        f = self.f
        lines = f.lines(text, f.text_room(sum(self.widths)) - indent, self.ts, bold=True)
        cls = ' class="bar"' if shade else ""

        def html() -> str:
            row = (
                f'<tr{cls}><td colspan="{len(self.keys)}">'
                f'<div style="padding-left:{indent:.1f}pt">{self.w(text)}</div></td></tr>'
            )
            return self.table(row, bold=not shade)

        return Piece(f.cell(lines, self.ts) + (2 if shade else 0), html)

    def section_bar(self, section: Section, continued: bool = False) -> Piece:
        text = f"{labelled(self.invoice, self.labels.section)} {section.name}"
        return self.band(f"{text} {self.labels.continued}" if continued else text, True)

    def block_pieces(self, block: Block) -> list[Piece]:
        order = f"{labelled(self.invoice, self.labels.product_order)} {block.order}"
        family = f"{labelled(self.invoice, self.labels.service_family)} {block.service_family}"
        return [self.band(order, False), self.band(family, False, 8.0)]

    def heading(self, text: str) -> Piece:
        f = self.f
        height = f.lines(text, f.inner, f.size * 1.15, True) * f.size * 1.15 * 1.3 + 13
        return Piece(height, lambda: f'<div class="h2">{self.w(text)}</div>')

    def gap(self) -> Piece:
        height = 0.6 * self.f.lh
        return Piece(height, lambda: f'<div style="height:{height:.2f}pt"></div>')

    def section_summary(self) -> Piece:
        """Per invoice section: Charges, Azure credits applied (with the column), Tax, Total."""
        f, labels, invoice = self.f, self.labels, self.invoice
        azure = self.agreement.azure_column
        titles = [labels.section, labels.charges]
        titles += [labels.azure_credits] if azure else []
        titles += [labels.tax, labels.total]
        numbers = invoice.style.numbers
        span = f.inner / (len(titles) + 1)
        widths = [2 * span] + [span] * (len(titles) - 1)
        lines = max(
            f.lines(title, f.text_room(width), self.ts * 0.86, True)
            for title, width in zip(titles, widths, strict=True)
        )
        height = f.cell(lines, self.ts * 0.86, 1.25) + 6
        for section in self.agreement.sections:
            height += f.cell(f.lines(section.name, f.text_room(2 * span), self.ts), self.ts)

        def html() -> str:
            w = self.w
            head = "".join(
                f"<th{' class=n' if i else ''}>{w(title)}</th>" for i, title in enumerate(titles)
            )
            rows = []
            for section in self.agreement.sections:
                charges, applied, tax, total = section_figures(invoice, section)
                values = [charges, *([applied] if azure else []), tax, total]
                cells = "".join(
                    f'<td class="n">{w(keep_together(number(v, numbers)))}</td>' for v in values
                )
                rows.append(f"<tr><td>{w(section.name)}</td>{cells}</tr>")
            classes = "lines rules" if f.look.rules else "lines"
            return (
                f'<table class="{classes}" style="width:{f.inner:.2f}pt">{colgroup(widths)}'
                f'<tr class="colhead">{head}</tr>{"".join(rows)}</table>'
            )

        return Piece(height, html)

    def plan(self, room: float) -> list[list[str]]:
        """The details pages' HTML: a row never alone with the headings above it, and after a
        break the section bar (`repeat_bar`) and the column titles (`repeat_heading`) again or
        not. A piece's text is written only where it is placed."""
        style = self.f.style
        pages: list[list[str]] = [[]]
        used = 0.0

        def place(pieces: Sequence[Piece], again: Sequence[Piece] = ()) -> None:
            nonlocal used
            if used + sum(p.height for p in pieces) > room and pages[-1]:
                pages.append([])
                used = 0.0
                place(again)
            for piece in pieces:
                pages[-1].append(piece.html())
                used += piece.height

        if style.section_summary:
            place([self.heading(self.labels.section_summary), self.section_summary()])
        place([self.heading(self.labels.details)])
        titles = self.title_piece()
        for section in self.agreement.sections:
            again = [self.section_bar(section, continued=True)] if style.repeat_bar else []
            again += [titles] if style.repeat_heading else []
            lead = [self.section_bar(section)]
            for block in section.blocks:
                rows = [
                    self.row_piece(sub, line) for sub in block.subscriptions for line in sub.lines
                ]
                place([*lead, *self.block_pieces(block), titles, rows[0]], again)
                lead = []
                for row in rows[1:]:
                    place([row], again)
                place([self.gap()])
        return pages

    # ---- the last page

    def last_page(self) -> str:
        w, labels = self.w, self.labels
        html = [
            f'<div class="h2">{w(labels.instructions)}</div>',
            *(f"<div>{w(text)}</div>" for text in last_page_rows(self.invoice)),
            f'<div class="h2" style="margin-top:18pt">{w(labels.publishers)}</div>',
        ]
        for publisher in self.agreement.publishers:
            html.append(f'<div class="b" style="margin-top:6pt">{w(publisher[0])}</div>')
            html.extend(f"<div>{w(text)}</div>" for text in publisher[1:])
        return "".join(html)
