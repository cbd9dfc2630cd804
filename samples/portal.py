"""Family A (`portal-2012`): the Office 365 portal's printable invoice."""

from __future__ import annotations

from datetime import date

from samples.formats import date_text, money, percent
from samples.labels import COUNTRY_NAMES, PORTAL, PortalLabels
from samples.layout import (
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
from samples.model import Invoice, Line, Subscription

DEFAULT_ORDER = (0, 1, 2, 3, 4, 5, 6, 7)


def bare(label: str, colon: bool) -> str:
    return label if colon else label.removesuffix(":").rstrip()


def header_fields(invoice: Invoice, labels: PortalLabels) -> list[tuple[str, str]]:
    head, style = invoice.head, invoice.style
    dates, language = style.dates, head.language

    def day(value: date) -> str:
        return keep_together(date_text(value, dates, language))

    period = day(head.period_start) + labels.range_word + day(head.period_end)
    number_label = labels.number_alt if style.long_labels else labels.number
    date_label = labels.invoice_date_alt if style.long_labels else labels.invoice_date
    method = labels.method_card if head.payment == "card" else labels.method_invoice
    frequency = labels.frequency_year if head.annual else labels.frequency_month
    fields = [
        (labels.period, period),
        (number_label, head.number),
        (labels.order_number, head.order_number),
        (date_label, day(head.invoice_date)),
        (labels.purchase_order, head.purchase_order or ""),
        (labels.due_date, day(head.due_date)),
        (labels.method, method),
        (labels.frequency, frequency),
    ]
    order = style.field_order or DEFAULT_ORDER
    chosen = [fields[i] for i in order if i != 4 or head.purchase_order is not None]
    return [(bare(label, style.colon), value) for label, value in chosen]


def cell(
    invoice: Invoice, g: Geometry, x: float, top: float, cell_width: float, field: tuple[str, str]
) -> tuple[list[Op], float]:
    """One header field drawn in its grid cell; returns the ops and the height used."""
    label, value = field
    style = invoice.style
    ops: list[Op] = []
    if style.fields == "below":
        small = g.size * 0.85
        labels = wrap(label, g.font, small, cell_width - 8)
        for i, text in enumerate(labels):
            ops.append(Text(x, top + i * small * 1.25, text, g.font, small))
        below = top + len(labels) * small * 1.25
        lines = wrap(value, g.font, g.size, cell_width - 8)
        for i, text in enumerate(lines):
            ops.append(Text(x, below + i * g.lead, text, g.font, g.size))
        return ops, below - top + len(lines) * g.lead
    if style.fields == "tabbed":
        label_width = max(style.label_width, longest_token(label, g.font, g.size) + 8)
        label_lines = wrap(label, g.font, g.size, label_width - 6)
        value_lines = wrap(value, g.font, g.size, cell_width - label_width - 6)
        for i, text in enumerate(label_lines):
            ops.append(Text(x, top + i * g.lead, text, g.font, g.size))
        for i, text in enumerate(value_lines):
            ops.append(Text(x + label_width, top + i * g.lead, text, g.font, g.size))
        return ops, max(len(label_lines), len(value_lines)) * g.lead
    label_lines = wrap(label, g.font, g.size, cell_width - 8)
    for i, text in enumerate(label_lines):
        ops.append(Text(x, top + i * g.lead, text, g.font, g.size))
    last = top + (len(label_lines) - 1) * g.lead
    indent = width(label_lines[-1], g.font, g.size) + max(4.5, g.size * 0.6)
    room = cell_width - indent - 8
    if room < 45 or room < longest_token(value, g.font, g.size):
        lines = wrap(value, g.font, g.size, cell_width - 8)
        for i, text in enumerate(lines, start=1):
            ops.append(Text(x, last + i * g.lead, text, g.font, g.size))
        return ops, last - top + (len(lines) + 1) * g.lead
    lines = wrap(value, g.font, g.size, cell_width - 8, first=room)
    ops.append(Text(x + indent, last, lines[0], g.font, g.size))
    for i, text in enumerate(lines[1:], start=1):
        ops.append(Text(x, last + i * g.lead, text, g.font, g.size))
    return ops, last - top + len(lines) * g.lead


def grid_columns(invoice: Invoice, g: Geometry, fields: list[tuple[str, str]]) -> int:
    """The style's number of grid columns, fewer when a value (a GUID) would not fit a cell."""
    style = invoice.style
    needed = max(longest_token(value, g.font, g.size) for _, value in fields) + 12
    if style.fields == "tabbed":
        label = max(longest_token(label, g.font, g.size) for label, _ in fields) + 8
        needed += max(style.label_width, label)
    return max(1, min(style.grid_columns, int(g.inner // needed)))


def first_page(invoice: Invoice, g: Geometry, page: list[Op]) -> float:
    """Logo, supplier, bill-to, header fields and previous charges; returns the next top."""
    head, style = invoice.head, invoice.style
    labels = PORTAL[head.language]
    logo(page, g.margin, 36, g.font)
    page.append(Text(g.margin, 66, "Microsoft Online Services", g.bold, g.size * 1.35))
    supplier = head.supplier
    x_supplier = max(g.page_width * 0.59, g.right - 200)
    top = 36.0
    page.append(Text(x_supplier, top, supplier.name, g.bold, g.size))
    for text in supplier.address:
        top += g.lead
        page.append(Text(x_supplier, top, text, g.font, g.size))
    if supplier.vat_printed:
        top += g.lead
        page.append(Text(x_supplier, top, supplier.vat_printed, g.font, g.size))
    top = max(top, 100.0) + 2.2 * g.lead
    customer = head.customer
    page.append(Text(g.margin, top, labels.bill_to, g.bold, g.size))
    address = [customer.name, *customer.address, COUNTRY_NAMES[head.country][head.language]]
    if customer.vat_printed:
        address.append(customer.vat_printed)
    for text in address:
        top += g.lead
        page.append(Text(g.margin, top, text, g.font, g.size))
    top += 2.0 * g.lead
    fields = header_fields(invoice, labels)
    columns = grid_columns(invoice, g, fields)
    cell_width = g.inner / columns
    for row in range(0, len(fields), columns):
        height = 0.0
        for col, field in enumerate(fields[row : row + columns]):
            ops, used = cell(invoice, g, g.margin + col * cell_width, top, cell_width, field)
            page.extend(ops)
            height = max(height, used)
        top += height + 0.35 * g.lead
    top += 1.2 * g.lead
    page.append(Text(g.margin, top, labels.previous, g.bold, g.size * 1.15))
    top += 1.6 * g.lead
    currency, numbers = head.currency, style.numbers
    balance = money(head.previous_balance, currency, numbers)
    page.append(Text(g.margin + 3, top, labels.previous_balance, g.font, g.size))
    page.append(Text(g.right, top, balance, g.font, g.size, "right"))
    top += 1.3 * g.lead
    carried = f"{labels.carried} {date_text(head.period_end, style.dates, head.language)}"
    page.append(Text(g.margin + 3, top, carried, g.font, g.size))
    page.append(Text(g.right, top, balance, g.font, g.size, "right"))
    top += 2.2 * g.lead
    page.append(Text(g.margin, top, labels.current, g.bold, g.size * 1.15))
    return top + 1.7 * g.lead


def next_page(invoice: Invoice, g: Geometry, page: list[Op]) -> float:
    labels = PORTAL[invoice.head.language]
    logo(page, g.margin, 36, g.font)
    number = f"{bare(labels.number, invoice.style.colon)} {invoice.head.number}"
    page.append(Text(g.right, 40, number, g.font, g.size, "right"))
    top = 90.0
    if invoice.style.repeat_heading:
        heading = f"{labels.current} {labels.continued}"
        page.append(Text(g.margin, top, heading, g.bold, g.size * 1.15))
        top += 1.7 * g.lead
    return top


def line_texts(invoice: Invoice, sub: Subscription, line: Line) -> tuple[str, str, str]:
    labels = PORTAL[invoice.head.language]
    numbers, currency = invoice.style.numbers, invoice.head.currency
    price = keep_together(money(line.unit_price, currency, numbers))
    return (
        labels.licence_text(line.quantity),
        labels.price_text(price, line.basis),
        money(line.amount, currency, numbers),
    )


def two_row_line(invoice: Invoice, g: Geometry, flow: Flow, sub: Subscription, line: Line) -> None:
    scale = invoice.style.column_scale if len(invoice.style.column_scale) == 2 else (0.34, 0.62)
    small = g.size * 0.8
    licences, price, amount = line_texts(invoice, sub, line)
    amount_width = width(amount, g.font, g.size)
    x0 = g.margin + 3
    guid_end = x0 + width(sub.subscription_id or "", g.font, small) + 10
    price_room = g.right - amount_width - 12 - longest_token(price, g.font, g.size)
    x1 = min(max(g.margin + g.inner * scale[0], guid_end), price_room)
    charge_room = g.right - 4 - longest_token(sub.charge_type or "", g.font, g.size)
    x2 = min(
        max(g.margin + g.inner * scale[1], x1 + longest_token(sub.product, g.font, g.size) + 8),
        charge_room,
    )
    product = wrap(sub.product, g.font, g.size, x2 - x1 - 8)
    charge = wrap(sub.charge_type or "", g.font, g.size, g.right - x2 - 4)
    price_lines = wrap(price, g.font, g.size, g.right - amount_width - 12 - x1)
    licence_lines = wrap(licences, g.font, g.size, x1 - x0 - 6)
    first = max(len(product), len(charge))
    second = max(len(price_lines), len(licence_lines))
    flow.need((first + second) * g.lead + 0.4 * g.lead)
    top = flow.top
    flow.page.append(
        Text(x0, top + (g.size - small) * 0.6, sub.subscription_id or "", g.font, small)
    )
    for i, text in enumerate(product):
        flow.page.append(Text(x1, top + i * g.lead, text, g.font, g.size))
    for i, text in enumerate(charge):
        flow.page.append(Text(x2, top + i * g.lead, text, g.font, g.size))
    top += first * g.lead + 0.3 * g.lead
    for i, text in enumerate(licence_lines):
        flow.page.append(Text(x0, top + i * g.lead, text, g.font, g.size))
    for i, text in enumerate(price_lines):
        flow.page.append(Text(x1, top + i * g.lead, text, g.font, g.size))
    flow.page.append(Text(g.right, top, amount, g.font, g.size, "right"))
    flow.top = top + second * g.lead + 0.9 * g.lead


def column_edges(invoice: Invoice, g: Geometry) -> list[float] | None:
    """Left edges of the GUID, product, charge type, licences and price columns, or None
    when the longest words do not fit side by side (the invoice then uses two rows a line)."""
    small = g.size * 0.8
    guid_width = width("00000000-0000-0000-0000-000000000000", g.font, small) + 10
    texts: list[list[str]] = [[], [], [], []]
    amount_width = 0.0
    for sub in invoice.subscriptions:
        for line in sub.lines:
            licences, price, amount = line_texts(invoice, sub, line)
            for column, text in enumerate((sub.product, sub.charge_type or "", licences, price)):
                texts[column].append(text)
            amount_width = max(amount_width, width(amount, g.font, g.size))
    minimum = [max(longest_token(text, g.font, g.size) for text in column) + 10 for column in texts]
    rest = g.inner - guid_width - amount_width - 12
    if sum(minimum) > rest:
        return None
    custom = invoice.style.column_scale
    scale = custom if len(custom) == 4 else (0.22, 0.15, 0.14, 0.22)
    extra = rest - sum(minimum)
    edges = [g.margin + 3, g.margin + 3 + guid_width]
    for low, share in zip(minimum[:3], scale[:3], strict=True):
        edges.append(edges[-1] + low + extra * share / sum(scale[:4]))
    return edges


def column_line(invoice: Invoice, g: Geometry, flow: Flow, sub: Subscription, line: Line) -> None:
    edges = column_edges(invoice, g)
    if edges is None:
        two_row_line(invoice, g, flow, sub, line)
        return
    licences, price, amount = line_texts(invoice, sub, line)
    amount_left = g.right - width(amount, g.font, g.size) - 6
    cells = [
        (edges[1], wrap(sub.product, g.font, g.size, edges[2] - edges[1] - 6)),
        (edges[2], wrap(sub.charge_type or "", g.font, g.size, edges[3] - edges[2] - 6)),
        (edges[3], wrap(licences, g.font, g.size, edges[4] - edges[3] - 6)),
        (edges[4], wrap(price, g.font, g.size, amount_left - edges[4])),
    ]
    rows = max(len(lines) for _, lines in cells)
    flow.need(rows * g.lead + 0.6 * g.lead)
    top = flow.top
    small = g.size * 0.8
    guid = sub.subscription_id or ""
    flow.page.append(Text(edges[0], top + (g.size - small) * 0.6, guid, g.font, small))
    for x, lines in cells:
        for i, text in enumerate(lines):
            flow.page.append(Text(x, top + i * g.lead, text, g.font, g.size))
    flow.page.append(Text(g.right, top, amount, g.font, g.size, "right"))
    flow.top = top + rows * g.lead + 0.9 * g.lead


def totals(invoice: Invoice, g: Geometry, flow: Flow) -> None:
    head, style = invoice.head, invoice.style
    labels = PORTAL[head.language]
    numbers, currency = style.numbers, head.currency
    flow.need(4.5 * g.lead)
    flow.top += 0.8 * g.lead
    rate = percent(invoice.tax_rate, numbers) if invoice.tax_rate is not None else ""
    tax_label = labels.tax_alt if style.alt_tax_label else labels.tax
    rows = [
        (labels.subtotal_alt if style.long_labels else labels.subtotal, invoice.subtotal, g.font),
        (f"{tax_label} ({rate})", invoice.tax, g.font),
        (labels.total_alt if style.long_labels else labels.total, invoice.total, g.bold),
    ]
    widest = max(
        width(label, g.bold, g.size) + width(money(value, currency, numbers), g.bold, g.size)
        for label, value, _ in rows
    )
    x = min(g.margin + g.inner * 0.58, g.right - widest - 16)
    for label, value, font in rows:
        flow.text(x, label, font, g.size)
        flow.text(g.right, money(value, currency, numbers), font, g.size, "right")
        flow.top += 1.35 * g.lead


def footers(invoice: Invoice, g: Geometry, pages: list[list[Op]]) -> None:
    labels = PORTAL[invoice.head.language]
    supplier = invoice.head.supplier
    small = min(g.size * 0.8, 7.2)
    lines = wrap(f"{supplier.name} · {', '.join(supplier.address)}", g.font, small, g.inner)
    for number, page in enumerate(pages, start=1):
        for row, text in enumerate(lines):
            top = g.page_height - 50 + row * small * 1.3
            page.append(Text(g.page_width / 2, top, text, g.font, small, "center"))
        if len(pages) > 1:
            label = labels.page.format(i=number, n=len(pages))
            page.append(Text(g.right, g.page_height - 28, label, g.font, small, "right"))


def render_portal(invoice: Invoice) -> list[list[Op]]:
    g = geometry(invoice)

    def start(page: list[Op], number: int) -> float:
        return first_page(invoice, g, page) if number == 1 else next_page(invoice, g, page)

    flow = Flow(start, g.page_height - 70)
    draw = two_row_line if invoice.style.lines == "two-row" else column_line
    for sub in invoice.subscriptions:
        for line in sub.lines:
            draw(invoice, g, flow, sub, line)
    totals(invoice, g, flow)
    footers(invoice, g, flow.pages)
    return flow.pages
