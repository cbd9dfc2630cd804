"""Family B (`online-services`): page 1 with header and summary, then the line table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from samples.formats import (
    date_text,
    month_year,
    number,
    numeric_date,
    percent,
)
from samples.labels import COUNTRY_NAMES, ONLINE, OnlineLabels
from samples.layout import (
    Box,
    Flow,
    Geometry,
    Op,
    Text,
    geometry,
    keep_together,
    logo,
    longest_token,
    width,
    wrap,
)
from samples.model import ZERO, Invoice, Line, Subscription

KEYS = (
    "period", "days", "qty", "price", "charges", "discounts",
    "credits", "subtotal", "taxpct", "taxes", "total",
)  # fmt: skip
WEIGHTS = (3.0, 0.8, 0.8, 1.4, 1.3, 1.2, 1.2, 1.3, 1.0, 1.1, 1.3)
BAR = (0.82, 0.82, 0.82)
SECTION = (0.7, 0.7, 0.7)
US_BANK = (
    ("Bank:", "Bank of America"),
    ("SWIFT CODE:", "BOFAUS3N"),
    ("ABA/Routing Number:", "026009593"),
    ("Account Number:", "1234567890"),
)
EU_BANK = (("IBAN:", "IE29 CITI 9900 5112 3456 78"), ("BIC:", "CITIIE2X"))


def day(invoice: Invoice, value: date) -> str:
    return date_text(value, invoice.style.dates, invoice.head.language)


def header(invoice: Invoice, g: Geometry, page: list[Op]) -> float:
    """The header repeated on every page; returns the top below it."""
    head, style = invoice.head, invoice.style
    labels = ONLINE[head.language]
    logo(page, g.margin, 36, g.font)
    page.append(Text(g.right, 28, labels.title, g.bold, 22, "right"))
    top = 58.0
    page.append(
        Text(g.right, top, month_year(head.invoice_date, head.language), g.font, g.size, "right")
    )
    fields = [
        (labels.invoice_date, day(invoice, head.invoice_date)),
        (labels.invoice_number, head.number),
        (labels.due_date, day(invoice, head.due_date)),
    ]
    ordered = [fields[i] for i in style.header_order]
    value_x = g.right - max(width(value, g.font, g.size) for _, value in ordered)
    for label, value in ordered:
        top += g.lead
        if style.fields == "tabbed":
            page.append(Text(value_x - 4, top, label, g.font, g.size, "right"))
            page.append(Text(value_x, top, value, g.font, g.size))
        elif style.fields == "below":
            page.append(Text(g.right, top, label, g.font, g.size, "right"))
            top += g.lead
            page.append(Text(g.right, top, value, g.font, g.size, "right"))
        else:
            page.append(Text(g.right, top, f"{label} {value}", g.font, g.size, "right"))
    top += 1.6 * g.lead
    assert invoice.header_total is not None
    total = f"{number(invoice.header_total, style.numbers)} {head.currency}"
    page.append(Text(g.right, top, total, g.bold, 12, "right"))
    return top + 12 + 1.8 * g.lead


def addresses(invoice: Invoice, g: Geometry, page: list[Op], top: float) -> float:
    head = invoice.head
    labels = ONLINE[head.language]
    customer = head.customer
    column = g.inner / 3
    body = [*customer.address, COUNTRY_NAMES[head.country][head.language]]
    bottom = top
    for i, title in enumerate((labels.sold_to, labels.bill_to, labels.usage)):
        x = g.margin + i * column
        page.append(Text(x, top, title, g.bold, g.size))
        texts = [customer.name, *body]
        if i == 2 and customer.vat_printed:
            texts.append(customer.vat_printed)
        lines = [part for text in texts for part in wrap(text, g.font, g.size, column - 14)]
        for row, text in enumerate(lines, start=1):
            page.append(Text(x, top + row * g.lead, text, g.font, g.size))
        bottom = max(bottom, top + (len(lines) + 1) * g.lead)
    return bottom


def label_rows(
    g: Geometry,
    page: list[Op],
    x: float,
    top: float,
    label_width: float,
    value_width: float,
    rows: list[tuple[str, str]],
    *,
    bold_last: bool = False,
    value_right: bool = False,
) -> float:
    """Label/value rows; a label wider than its column wraps, its value beside the first line."""
    widest = max(longest_token(label, g.bold, g.size) for label, _ in rows)
    if widest + 8 > label_width:
        value_width -= widest + 8 - label_width
        label_width = widest + 8
    for index, (label, value) in enumerate(rows):
        font = g.bold if bold_last and index == len(rows) - 1 else g.font
        label_lines = wrap(label, font, g.size, label_width - 6)
        value_lines = wrap(
            keep_together(value) if value_right else value, font, g.size, value_width
        )
        for i, text in enumerate(label_lines):
            page.append(Text(x, top + i * g.lead, text, font, g.size))
        for i, text in enumerate(value_lines):
            if value_right:
                page.append(
                    Text(
                        x + label_width + value_width, top + i * g.lead, text, font, g.size, "right"
                    )
                )
            else:
                page.append(Text(x + label_width, top + i * g.lead, text, font, g.size))
        top += max(len(label_lines), len(value_lines)) * g.lead + 0.25 * g.lead
    return top


def section(g: Geometry, page: list[Op], x: float, top: float, span: float, title: str) -> float:
    page.append(Box(x, top - 3, span, g.size + 6, SECTION))
    page.append(Text(x + 5, top, title, g.bold, g.size))
    return top + g.size + 8


def summary_rows(invoice: Invoice, labels: OnlineLabels) -> list[tuple[str, str]]:
    numbers = invoice.style.numbers
    assert invoice.charges is not None
    assert invoice.discounts is not None
    assert invoice.credits is not None
    taxes = list(invoice.tax_parts) or [
        (labels.vat if invoice.style.alt_tax_label else labels.taxes, invoice.tax)
    ]
    rows = [
        (labels.charges, invoice.charges),
        (labels.discounts, invoice.discounts),
        (labels.credits, invoice.credits),
        *taxes,
        (labels.total, invoice.total),
    ]
    return [(label, number(value, numbers)) for label, value in rows]


def order_rows(invoice: Invoice, labels: OnlineLabels) -> list[tuple[str, str]]:
    head = invoice.head
    style = invoice.style
    start, end = (keep_together(day(invoice, d)) for d in (head.period_start, head.period_end))
    terms = labels.terms_card if head.payment == "card" else labels.terms_net
    return [
        (labels.product, labels.product_value),
        (labels.po_number, head.purchase_order or ""),
        (labels.order_number, head.order_number),
        (labels.billing_period, start + style.dates.range_sep + end),
        (labels.payment_terms, terms),
        (labels.due_date, keep_together(day(invoice, head.due_date))),
    ]


def longest(texts: list[str], font: str, size: float) -> float:
    return max((longest_token(text, font, size) for text in texts), default=0.0)


def details(invoice: Invoice, g: Geometry, page: list[Op], top: float) -> float:
    """Order Details, with the Billing Summary beside or below it; returns the next top.

    A summary beside the details moves below when the details' longest value (the order
    GUID) would not fit next to the label column."""
    labels = ONLINE[invoice.head.language]
    style = invoice.style
    rows = order_rows(invoice, labels)
    label_width = max(style.label_width, longest([label for label, _ in rows], g.bold, g.size) + 8)
    value_width = longest([v for _, v in rows], g.font, g.size) + 16
    beside = style.summary == "beside" and label_width + value_width <= g.inner * 0.53
    span = g.inner * 0.53 if beside else max(g.inner * 0.62, label_width + value_width)
    body = top
    if style.summary_heading:
        body = section(g, page, g.margin, top, span - 6, labels.order_details)
    bottom = label_rows(g, page, g.margin + 5, body, label_width, span - label_width - 10, rows)
    summary = summary_rows(invoice, labels)
    if beside:
        x = g.margin + span
        sub_width = g.inner - span
        if style.summary_heading:
            section(g, page, x, top, sub_width, labels.billing_summary)
        summary_label = max(width(label, g.bold, g.size) for label, _ in summary) + 14
        end = label_rows(
            g, page, x + 5, body, summary_label, sub_width - summary_label - 12, summary,
            bold_last=True, value_right=True,
        )  # fmt: skip
        return max(bottom, end)
    top = bottom + 0.8 * g.lead
    if style.summary_heading:
        top = section(g, page, g.margin, top, span - 6, labels.billing_summary)
    return label_rows(g, page, g.margin + 5, top, label_width, 90, summary, bold_last=True)


def instruction_text(invoice: Invoice) -> str:
    """The sentence after 'Payment Instructions:': 'do not pay' for card payers, else what to
    pay by when, with the invoice number as reference."""
    head = invoice.head
    labels = ONLINE[head.language]
    if head.payment == "card":
        return labels.do_not_pay
    return labels.please_pay.format(
        amount=keep_together(number(invoice.total, invoice.style.numbers)),
        currency=head.currency,
        date=keep_together(day(invoice, head.due_date)),
        number=head.number,
    )


def instructions(invoice: Invoice, g: Geometry, page: list[Op], top: float) -> float:
    """Payment instructions: 'do not pay' for card payers, else bank (and check) blocks."""
    head = invoice.head
    labels = ONLINE[head.language]
    label_width = width(labels.instructions, g.bold, g.size) + max(4.5, g.size * 0.6)
    text = instruction_text(invoice)
    lines = wrap(text, g.bold, g.size, g.inner, first=g.inner - label_width)
    page.append(Text(g.margin, top, labels.instructions, g.bold, g.size))
    page.append(Text(g.margin + label_width, top, lines[0], g.bold, g.size))
    for i, rest in enumerate(lines[1:], start=1):
        page.append(Text(g.margin, top + i * g.lead, rest, g.font, g.size))
    if head.payment == "card":
        return top + len(lines) * g.lead
    top += (len(lines) + 1) * g.lead
    half = g.inner / 2
    body = section(g, page, g.margin, top, half - 4, labels.transfer)
    american = head.currency in ("USD", "CAD")
    bank = [*US_BANK] if american else [(labels.bank, "Citibank Europe plc"), *EU_BANK]
    bank.append((labels.account_name, "Microsoft" if american else head.supplier.name))
    bottom = label_rows(g, page, g.margin + 5, body, half * 0.42, half * 0.55, bank)
    if head.payment == "check":
        section(g, page, g.margin + half, top, half, "Check")
        cheque = [
            ("Payee:", "Microsoft"),
            ("Mailing Address:", "PO Box 842103 Dallas, TX 75284-2103"),
        ]
        end = label_rows(g, page, g.margin + half + 5, body, half * 0.42, half * 0.55, cheque)
        bottom = max(bottom, end)
    return bottom


def first_page(invoice: Invoice, g: Geometry, page: list[Op]) -> float:
    """Page 1; returns the bottom of its content."""
    top = header(invoice, g, page)
    top = addresses(invoice, g, page, top)
    top = details(invoice, g, page, top + 1.8 * g.lead)
    return instructions(invoice, g, page, top + 1.2 * g.lead)


@dataclass(frozen=True, slots=True)
class Table:
    """Column edges and the font sizes of the line table."""

    lefts: tuple[float, ...]
    rights: tuple[float, ...]
    size: float
    header_size: float
    lead: float

    def left(self, key: str) -> float:
        return self.lefts[KEYS.index(key)]

    def right(self, key: str) -> float:
        return self.rights[KEYS.index(key)]


def period_cell(invoice: Invoice, line: Line) -> list[str]:
    if line.period_start is None or line.period_end is None:
        return [""]
    style = invoice.style.dates
    separator = style.range_sep if style.range_sep.strip() in ("-", "–") else " - "
    start, end = numeric_date(line.period_start, style), numeric_date(line.period_end, style)
    if invoice.style.wrap_period:
        return [f"{start}{separator.rstrip()}", end]
    return [f"{start}{separator}{end}"]


def line_cells(invoice: Invoice, line: Line) -> dict[str, str]:
    numbers = invoice.style.numbers
    tax = line.tax if line.tax is not None else ZERO
    return {
        "days": "" if line.days is None else str(line.days),
        "qty": str(line.quantity),
        "price": number(line.unit_price, numbers),
        "charges": number(line.charges, numbers),
        "discounts": number(line.discounts, numbers),
        "credits": number(line.credits, numbers),
        "subtotal": number(line.amount, numbers),
        "taxpct": "" if line.tax_rate is None else percent(line.tax_rate, numbers),
        "taxes": number(tax, numbers),
        "total": number(line.total if line.total is not None else line.amount + tax, numbers),
    }


def sum_cells(invoice: Invoice, lines: tuple[Line, ...]) -> dict[str, str]:
    numbers = invoice.style.numbers

    def total(values: list[Decimal]) -> str:
        return number(sum(values, ZERO), numbers)

    return {
        "charges": total([line.charges for line in lines]),
        "discounts": total([line.discounts for line in lines]),
        "credits": total([line.credits for line in lines]),
        "subtotal": total([line.amount for line in lines]),
        "taxes": total([line.tax or ZERO for line in lines]),
        "total": total([line.total or line.amount for line in lines]),
    }


def grand_cells(invoice: Invoice) -> dict[str, str]:
    numbers = invoice.style.numbers
    values = {
        "charges": invoice.charges,
        "discounts": invoice.discounts,
        "credits": invoice.credits,
        "subtotal": invoice.subtotal,
        "taxes": invoice.tax,
        "total": invoice.total,
    }
    return {key: number(value or ZERO, numbers) for key, value in values.items()}


def header_labels(labels: OnlineLabels, annual: bool) -> dict[str, str]:
    return {
        "period": labels.col_period,
        "days": labels.col_days,
        "qty": labels.col_qty,
        "price": labels.col_annual if annual else labels.col_monthly,
        "charges": labels.col_charges,
        "discounts": labels.col_discounts,
        "credits": labels.col_credits,
        "subtotal": labels.col_subtotal,
        "taxpct": labels.col_tax_pct,
        "taxes": labels.col_taxes,
        "total": labels.col_total,
    }


def table(invoice: Invoice, g: Geometry) -> Table:
    """Columns as narrow as their content allows, the rest of the width shared by weight."""
    labels = ONLINE[invoice.head.language]
    contents: dict[str, list[str]] = {key: [] for key in KEYS}
    for line in invoice.lines:
        contents["period"].extend(period_cell(invoice, line))
        for key, text in line_cells(invoice, line).items():
            contents[key].append(text)
    for key, text in grand_cells(invoice).items():
        contents[key].append(text)
    words: dict[str, list[str]] = {key: [] for key in KEYS}
    for annual in (False, True):
        for key, text in header_labels(labels, annual).items():
            words[key].append(text)
    size = g.size * 0.92
    while True:
        header_size = size * 0.86
        minimum = [
            max(
                max((width(t, g.font, size) for t in contents[key]), default=0.0),
                max(longest_token(text, g.bold, header_size) for text in words[key]),
            )
            + 9
            for key in KEYS
        ]
        if sum(minimum) <= g.inner or size <= 5:
            break
        size -= 0.25
    weights = (
        invoice.style.column_scale if len(invoice.style.column_scale) == len(KEYS) else WEIGHTS
    )
    extra = max(0.0, g.inner - sum(minimum))
    widths = [low + extra * w / sum(weights) for low, w in zip(minimum, weights, strict=True)]
    lefts: list[float] = []
    x = g.margin
    for w in widths:
        lefts.append(x)
        x += w
    rights = tuple(left + w for left, w in zip(lefts, widths, strict=True))
    return Table(tuple(lefts), rights, size, size * 0.86, size * 1.45 * invoice.style.row_gap)


def cell_ops(invoice: Invoice, t: Table, top: float, cells: dict[str, str], font: str) -> list[Op]:
    ops: list[Op] = []
    for key, text in cells.items():
        if text:
            ops.append(Text(t.right(key) - 4, top, text, font, t.size, "right"))
    return ops


class TableWriter:
    """Writes subscriptions into the flow, repeating bar and column header after a break."""

    def __init__(self, invoice: Invoice, g: Geometry, flow: Flow) -> None:
        self.invoice, self.g, self.flow = invoice, g, flow
        self.t = table(invoice, g)
        self.labels = ONLINE[invoice.head.language]

    def bar_lines(self, sub: Subscription) -> list[str]:
        room = self.g.inner * self.invoice.style.bar_width - 10
        return wrap(sub.product, self.g.bold, self.t.size, room)

    def bar(self, sub: Subscription) -> None:
        lines = self.bar_lines(sub)
        height = len(lines) * self.t.lead + 3
        self.flow.page.append(Box(self.g.margin, self.flow.top - 2, self.g.inner, height, BAR))
        for i, text in enumerate(lines):
            self.flow.page.append(
                Text(
                    self.g.margin + 3,
                    self.flow.top + i * self.t.lead,
                    text,
                    self.g.bold,
                    self.t.size,
                )
            )
        self.flow.top += height + 0.5 * self.t.lead

    def header_lines(self, sub: Subscription) -> dict[str, list[str]]:
        annual = sub.lines[0].basis == "year"
        return {
            key: wrap(
                text, self.g.bold, self.t.header_size, self.t.right(key) - self.t.left(key) - 7
            )
            for key, text in header_labels(self.labels, annual).items()
        }

    def column_header(self, sub: Subscription) -> None:
        t, flow = self.t, self.flow
        lines = self.header_lines(sub)
        for key, texts in lines.items():
            for i, text in enumerate(texts):
                top = flow.top + i * t.header_size * 1.25
                if key == "period" or not self.invoice.style.headers_right:
                    flow.page.append(Text(t.left(key) + 3, top, text, self.g.bold, t.header_size))
                else:
                    flow.page.append(
                        Text(t.right(key) - 4, top, text, self.g.bold, t.header_size, "right")
                    )
        rows = max(len(texts) for texts in lines.values())
        flow.top += rows * t.header_size * 1.25 + 0.55 * t.lead

    def block_height(self, sub: Subscription) -> float:
        rows = max(len(texts) for texts in self.header_lines(sub).values())
        return (len(self.bar_lines(sub)) + 1.5) * self.t.lead + rows * self.t.header_size * 1.25

    def row(self, sub: Subscription, line: Line) -> None:
        t, flow = self.t, self.flow
        period = period_cell(self.invoice, line)
        if flow.need(len(period) * t.lead):
            self.resume(sub)
        for i, text in enumerate(period):
            flow.page.append(
                Text(t.left("period") + 3, flow.top + i * t.lead, text, self.g.font, t.size)
            )
        flow.page.extend(
            cell_ops(self.invoice, t, flow.top, line_cells(self.invoice, line), self.g.font)
        )
        flow.top += len(period) * t.lead

    def resume(self, sub: Subscription) -> None:
        if self.invoice.style.repeat_bar:
            self.bar(sub)
        self.column_header(sub)

    def subscription(self, sub: Subscription) -> None:
        t, flow = self.t, self.flow
        first = len(period_cell(self.invoice, sub.lines[0])) * t.lead
        flow.need(self.block_height(sub) + first + t.lead)
        self.bar(sub)
        self.column_header(sub)
        for line in sub.lines:
            self.row(sub, line)
        if flow.need(t.lead):
            self.resume(sub)
        flow.text(t.left("period") + 3, self.labels.subtotal_row, self.g.font, t.size)
        flow.page.extend(
            cell_ops(self.invoice, t, flow.top, sum_cells(self.invoice, sub.lines), self.g.font)
        )
        flow.top += 1.6 * t.lead

    def grand_total(self) -> None:
        t, flow = self.t, self.flow
        flow.need(1.5 * t.lead)
        flow.text(t.left("period") + 3, self.labels.grand_total, self.g.bold, t.size)
        flow.page.extend(
            cell_ops(self.invoice, t, flow.top, grand_cells(self.invoice), self.g.bold)
        )
        flow.top += t.lead


def footers(invoice: Invoice, g: Geometry, pages: list[list[Op]]) -> None:
    head = invoice.head
    labels = ONLINE[head.language]
    supplier = head.supplier
    small = min(g.size * 0.8, 6.8)
    texts = [labels.question, " - ".join((supplier.name, *supplier.address))]
    if supplier.vat_printed:
        texts.append(supplier.vat_printed)
    lines = [part for text in texts for part in wrap(text, g.font, small, g.inner)]
    middle = g.page_width / 2
    bottom = g.page_height - 34
    for index, page in enumerate(pages, start=1):
        for row, text in enumerate(lines):
            top = bottom - (len(lines) - row) * small * 1.3
            page.append(Text(middle, top, text, g.font, small, "center"))
        label = labels.page.format(i=index, n=len(pages))
        page.append(Text(g.right, bottom, label, g.font, small, "right"))


def fitted(invoice: Invoice) -> Invoice:
    """The invoice, its type made smaller until page 1 ends above the footer."""
    while invoice.style.size > 6:
        g = geometry(invoice)
        if first_page(invoice, g, []) <= g.page_height - 92:
            break
        style = replace(invoice.style, size=invoice.style.size - 0.5, row_gap=1.0)
        invoice = replace(invoice, head=replace(invoice.head, style=style))
    return invoice


def render_online(
    invoice: Invoice, writer_of: Callable[[Invoice, Geometry, Flow], TableWriter] = TableWriter
) -> list[list[Op]]:
    """The pages; `writer_of` makes the line table's writer (a shuffled layout's, say)."""
    invoice = fitted(invoice)
    g = geometry(invoice)

    def start(page: list[Op], number: int) -> float:
        if number == 1:
            first_page(invoice, g, page)
            return g.page_height
        return header(invoice, g, page)

    flow = Flow(start, g.page_height - 88)
    flow.new_page()
    writer = writer_of(invoice, g, flow)
    for sub in invoice.subscriptions:
        writer.subscription(sub)
    writer.grand_total()
    footers(invoice, g, flow.pages)
    return flow.pages
