"""Family C (`customer-agreement`): invoice summary and billing summary on page 1, the section
summary and the details by invoice section from page 2, payment instructions and publisher
information on a last page of their own (shared/spec/invoices.md, section C)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samples.build import section_figures
from samples.formats import number, numeric_date, percent, price_text
from samples.labels import AGREEMENT, COUNTRY_NAMES, AgreementLabels
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
from samples.model import Agreement, Block, Invoice, Line, Party, Section, Subscription

KEYS = ("product", "dates", "price", "qty", "charges", "azure", "rate", "tax", "total")
NUMERIC = KEYS[2:]
WEIGHTS = {"product": 3.0, "dates": 1.4}
BAR = (0.85, 0.85, 0.85)
HEADING = (0.93, 0.93, 0.93)
#: The bank, then label/value rows, by the seller's country.
BANKS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "IE": ("Citibank Europe plc", (("IBAN", "IE29 CITI 9900 5112 3456 78"), ("BIC", "CITIIE2X"))),
    "BE": ("BNP Paribas Fortis", (("IBAN", "BE71 0961 2345 6769"), ("BIC", "GEBABEBB"))),
    "NL": ("ABN AMRO Bank N.V.", (("IBAN", "NL91 ABNA 0417 1643 00"), ("BIC", "ABNANL2A"))),
    "US": ("Bank of America", (("ABA/Routing", "026009593"), ("Account", "1234567890"))),
}


def agreement_of(invoice: Invoice) -> Agreement:
    assert invoice.agreement is not None
    return invoice.agreement


def labels_of(invoice: Invoice) -> AgreementLabels:
    labels = AGREEMENT[invoice.head.language]
    return labels.english_terms() if agreement_of(invoice).english_terms else labels


def day(invoice: Invoice, value: date) -> str:
    return numeric_date(value, invoice.style.dates)


def period_text(invoice: Invoice, start: date, end: date) -> str:
    separator = invoice.style.dates.range_sep
    return f"{day(invoice, start)}{separator}{day(invoice, end)}"


def labelled(invoice: Invoice, label: str) -> str:
    return f"{label}:" if invoice.style.colon else label


def is_credit_note(invoice: Invoice) -> bool:
    return agreement_of(invoice).document_type == "credit_note"


def header_fields(invoice: Invoice) -> list[tuple[str, str]]:
    """The invoice-summary fields beside the parties, in the order printed."""
    head, agreement, labels = invoice.head, agreement_of(invoice), labels_of(invoice)
    credit = is_credit_note(invoice)
    fields = [(labels.billing_profile, agreement.billing_profile)]
    if head.purchase_order:
        fields.append((labels.po_number, head.purchase_order))
    fields.append((labels.credit_number if credit else labels.invoice_number, head.number))
    fields.append(
        (labels.credit_date if credit else labels.invoice_date, day(invoice, head.invoice_date))
    )
    if agreement.original_invoice:
        fields.append((labels.original_invoice, agreement.original_invoice))
    if agreement.payment_terms:
        fields.append((labels.payment_terms, agreement.payment_terms))
    if agreement.due_printed:
        fields.append((labels.due_date, day(invoice, head.due_date)))
    return fields


def summary_rows(invoice: Invoice) -> list[tuple[str, str]]:
    """The billing summary: Azure credits and Tax only when not zero, the total with its
    currency."""
    labels, numbers = labels_of(invoice), invoice.style.numbers
    assert invoice.charges is not None
    assert invoice.credits is not None
    rows: list[tuple[str, Decimal]] = [
        (labels.charges, invoice.charges),
        (labels.credits, invoice.credits),
    ]
    if invoice.azure_credits:
        rows.append((labels.azure_credits, invoice.azure_credits))
    rows.append((labels.subtotal, invoice.subtotal))
    if invoice.tax:
        rows.append((labels.tax, invoice.tax))
    texts = [(label, number(value, numbers)) for label, value in rows]
    total = f"{number(invoice.total, numbers)} {invoice.head.currency}"
    return [*texts, (labels.total, total)]


def party_lines(invoice: Invoice, party: Party, vat: bool) -> list[str]:
    country = COUNTRY_NAMES[invoice.head.country][invoice.head.language]
    lines = [party.name, *party.address, country]
    if vat and party.vat_printed:
        lines.append(party.vat_printed)
    return lines


def fields_block(
    invoice: Invoice, g: Geometry, page: list[Op], x: float, top: float, room: float
) -> float:
    """The fields as 'Label: value' lines, as a label column and a value column, or each
    value below its label, per the style."""
    fields = header_fields(invoice)
    style = invoice.style
    if style.fields == "tabbed":
        label_width = max(width(labelled(invoice, lab), g.font, g.size) for lab, _ in fields) + 8
        for label, value in fields:
            page.append(Text(x, top, labelled(invoice, label), g.font, g.size))
            for text in wrap(value, g.font, g.size, room - label_width):
                page.append(Text(x + label_width, top, text, g.font, g.size))
                top += g.lead
        return top
    for label, value in fields:
        if style.fields == "below":
            page.append(Text(x, top, label, g.bold, g.size))
            for text in wrap(value, g.font, g.size, room):
                top += g.lead
                page.append(Text(x, top, text, g.font, g.size))
            top += 1.2 * g.lead
            continue
        for text in wrap(
            f"{labelled(invoice, label)} {keep_together(value)}", g.font, g.size, room
        ):
            page.append(Text(x, top, text, g.font, g.size))
            top += g.lead
    return top


def parties_block(invoice: Invoice, g: Geometry, page: list[Op], top: float, room: float) -> float:
    labels, agreement = labels_of(invoice), agreement_of(invoice)
    for title, party, vat in (
        (labels.sold_to, invoice.head.customer, True),
        (labels.bill_to, agreement.bill_to, False),
    ):
        page.append(Text(g.margin, top, title, g.bold, g.size))
        top += g.lead
        for text in party_lines(invoice, party, vat):
            for part in wrap(text, g.font, g.size, room):
                page.append(Text(g.margin, top, part, g.font, g.size))
                top += g.lead
        top += 0.6 * g.lead
    return top


def summary_block(invoice: Invoice, g: Geometry, page: list[Op], x: float, top: float) -> float:
    labels = labels_of(invoice)
    rows = summary_rows(invoice)
    span = min(g.inner, 250.0)
    page.append(Box(x, top - 3, span, g.size + 6, BAR))
    page.append(Text(x + 4, top, labels.billing_summary, g.bold, g.size))
    top += g.size + 8
    for index, (label, value) in enumerate(rows):
        font = g.bold if index == len(rows) - 1 else g.font
        page.append(Text(x + 4, top, label, font, g.size))
        page.append(Text(x + span - 4, top, value, font, g.size, "right"))
        top += g.lead * 1.15
    savings = agreement_of(invoice).savings
    if savings is not None:
        top += 0.5 * g.lead
        page.append(Text(x + 4, top, labels.savings, g.font, g.size))
        page.append(
            Text(x + span - 4, top, number(savings, invoice.style.numbers), g.font, g.size, "right")
        )
        top += g.lead
    return top


def first_page(invoice: Invoice, g: Geometry, page: list[Op]) -> None:
    head, labels = invoice.head, labels_of(invoice)
    logo(page, g.margin, 36, g.font)
    title = labels.credit_title if is_credit_note(invoice) else labels.title
    page.append(Text(g.right, 28, title, g.bold, 22, "right"))
    top = 76.0
    page.append(Text(g.margin, top, labels.invoice_summary, g.bold, g.size * 1.3))
    top += g.size * 1.3 + g.lead
    half = g.inner / 2
    left = parties_block(invoice, g, page, top, half - 12)
    right = fields_block(invoice, g, page, g.margin + half, top, half)
    top = max(left, right) + g.lead
    period = period_text(invoice, head.period_start, head.period_end)
    page.append(
        Text(g.margin, top, f"{labelled(invoice, labels.billing_period)} {period}", g.bold, g.size)
    )
    top += 2 * g.lead
    x = g.margin + half if invoice.style.summary == "beside" else g.margin
    summary_block(invoice, g, page, x, top)


@dataclass(frozen=True, slots=True)
class Table:
    """The details table's columns (left and right edges) and type sizes."""

    keys: tuple[str, ...]
    lefts: tuple[float, ...]
    rights: tuple[float, ...]
    size: float
    header_size: float
    lead: float

    def left(self, key: str) -> float:
        return self.lefts[self.keys.index(key)]

    def right(self, key: str) -> float:
        return self.rights[self.keys.index(key)]


def column_titles(labels: AgreementLabels, keys: tuple[str, ...]) -> dict[str, str]:
    titles = {
        "product": labels.col_product,
        "dates": labels.col_dates,
        "price": labels.col_price,
        "qty": labels.col_qty,
        "charges": labels.col_charges,
        "azure": labels.col_azure,
        "rate": labels.col_rate,
        "tax": labels.col_tax,
        "total": labels.col_total,
    }
    return {key: titles[key] for key in keys}


def row_cells(invoice: Invoice, line: Line) -> dict[str, str]:
    numbers = invoice.style.numbers
    assert line.tax_rate is not None and line.tax is not None and line.total is not None
    cells = {
        "price": price_text(line.unit_price, numbers),
        "qty": str(line.quantity),
        "charges": number(line.charges, numbers),
        "azure": number(line.credits, numbers),
        "rate": percent(line.tax_rate, numbers),
        "tax": number(line.tax, numbers),
        "total": number(line.total, numbers),
    }
    if not agreement_of(invoice).azure_column:
        del cells["azure"]
    return cells


def date_lines(invoice: Invoice, line: Line) -> list[str]:
    assert line.period_start is not None and line.period_end is not None
    start, end = day(invoice, line.period_start), day(invoice, line.period_end)
    separator = invoice.style.dates.range_sep
    if invoice.style.wrap_period:
        return [f"{start}{separator.rstrip()}", end]
    return [f"{start}{separator}{end}"]


def table(invoice: Invoice, g: Geometry) -> Table:
    """Number columns as wide as their widest cell or title word; product and charge dates
    share the rest by weight (or the style's scale)."""
    keys = KEYS if agreement_of(invoice).azure_column else tuple(k for k in KEYS if k != "azure")
    titles = column_titles(labels_of(invoice), keys)
    contents: dict[str, list[str]] = {key: [] for key in keys}
    for line in invoice.lines:
        for key, text in row_cells(invoice, line).items():
            contents[key].append(text)
        contents["dates"].extend(date_lines(invoice, line))
    size = g.size * 0.9
    while True:
        header_size = size * 0.9
        minimum = {
            key: max(
                max((width(text, g.font, size) for text in contents[key]), default=0.0),
                longest_token(titles[key], g.bold, header_size),
            )
            + 8
            for key in keys
            if key != "product"
        }
        minimum["product"] = max(60.0, longest_token(titles["product"], g.bold, header_size) + 8)
        if sum(minimum.values()) <= g.inner or size <= 5:
            break
        size -= 0.25
    scale = invoice.style.column_scale
    weights = {
        key: (scale[i] if len(scale) == 2 else WEIGHTS[key])
        for i, key in enumerate(("product", "dates"))
    }
    extra = max(0.0, g.inner - sum(minimum.values()))
    share = sum(weights.values())
    widths = [minimum[key] + extra * weights.get(key, 0.0) / share for key in keys]
    lefts, x = [], g.margin
    for w in widths:
        lefts.append(x)
        x += w
    rights = tuple(left + w for left, w in zip(lefts, widths, strict=True))
    return Table(keys, tuple(lefts), rights, size, header_size, size * 1.4 * invoice.style.row_gap)


class DetailsWriter:
    """Writes the section summary and the details into the flow; after a page break the
    section and order headings (`repeat_bar`) and the column titles (`repeat_heading`) are
    printed again or not, per the style."""

    def __init__(self, invoice: Invoice, g: Geometry, flow: Flow) -> None:
        self.invoice, self.g, self.flow = invoice, g, flow
        self.t = table(invoice, g)
        self.labels = labels_of(invoice)
        self.section: Section | None = None
        self.block: Block | None = None

    def heading(self, text: str, scale: float = 1.2) -> None:
        size = self.g.size * scale
        self.flow.need(size + 3 * self.g.lead)
        self.flow.text(self.g.margin, text, self.g.bold, size)
        self.flow.top += size + 0.8 * self.g.lead

    def section_summary(self) -> None:
        """Per invoice section: Charges, Azure credits applied (with the column), Tax, Total."""
        g, t, labels, flow = self.g, self.t, self.labels, self.flow
        agreement = agreement_of(self.invoice)
        self.heading(labels.section_summary)
        columns = [labels.charges, *([labels.azure_credits] if agreement.azure_column else [])]
        columns += [labels.tax, labels.total]
        span = g.inner / (len(columns) + 2)
        rights = [g.margin + span * (i + 3) for i in range(len(columns))]
        flow.text(g.margin, labels.section, g.bold, t.header_size)
        for right, title in zip(rights, columns, strict=True):
            for i, part in enumerate(wrap(title, g.bold, t.header_size, span - 6)):
                flow.page.append(
                    Text(
                        right - 3,
                        flow.top + i * t.header_size * 1.2,
                        part,
                        g.bold,
                        t.header_size,
                        "right",
                    )
                )
        flow.top += 2 * t.header_size * 1.2 + 2
        numbers = self.invoice.style.numbers
        for section in agreement.sections:
            charges, azure, tax, total = section_figures(self.invoice, section)
            values = [charges, *([azure] if agreement.azure_column else []), tax, total]
            names = wrap(section.name, g.font, t.size, 2.6 * span)
            flow.need(len(names) * t.lead)
            for i, part in enumerate(names):
                flow.page.append(Text(g.margin, flow.top + i * t.lead, part, g.font, t.size))
            for right, value in zip(rights, values, strict=True):
                flow.page.append(
                    Text(right - 3, flow.top, number(value, numbers), g.font, t.size, "right")
                )
            flow.top += len(names) * t.lead
        flow.top += 1.5 * g.lead

    def section_bar(self, section: Section, continued: bool = False) -> None:
        g, t, flow = self.g, self.t, self.flow
        text = f"{labelled(self.invoice, self.labels.section)} {section.name}"
        if continued:
            text += f" {self.labels.continued}"
        flow.page.append(Box(g.margin, flow.top - 2, g.inner, t.lead + 2, BAR))
        flow.text(g.margin + 3, text, g.bold, t.size)
        flow.top += t.lead + 3

    def block_headings(self, block: Block) -> None:
        g, t, flow = self.g, self.t, self.flow
        flow.text(
            g.margin,
            f"{labelled(self.invoice, self.labels.product_order)} {block.order}",
            g.bold,
            t.size,
        )
        flow.top += t.lead
        family = f"{labelled(self.invoice, self.labels.service_family)} {block.service_family}"
        flow.text(g.margin + 8, family, g.font, t.size)
        flow.top += t.lead

    def title_lines(self) -> dict[str, list[str]]:
        t = self.t
        return {
            key: wrap(title, self.g.bold, t.header_size, t.right(key) - t.left(key) - 6)
            for key, title in column_titles(self.labels, t.keys).items()
        }

    def column_titles(self) -> None:
        t, flow = self.t, self.flow
        lines = self.title_lines()
        for key, texts in lines.items():
            for i, text in enumerate(texts):
                top = flow.top + i * t.header_size * 1.2
                if key in NUMERIC:
                    flow.page.append(
                        Text(t.right(key) - 3, top, text, self.g.bold, t.header_size, "right")
                    )
                else:
                    flow.page.append(Text(t.left(key) + 2, top, text, self.g.bold, t.header_size))
        rows = max(len(texts) for texts in lines.values())
        flow.top += rows * t.header_size * 1.2 + 0.4 * t.lead

    def resume(self) -> None:
        """What a new page repeats before the next row."""
        style = self.invoice.style
        if style.repeat_bar and self.section is not None:
            self.section_bar(self.section, continued=True)
        if style.repeat_heading:
            self.column_titles()

    def row(self, sub: Subscription, line: Line) -> None:
        t, g, flow = self.t, self.g, self.flow
        products = wrap(sub.product, g.font, t.size, t.right("product") - t.left("product") - 6)
        dates = date_lines(self.invoice, line)
        rows = max(len(products), len(dates))
        if flow.need(rows * t.lead):
            self.resume()
        for i, text in enumerate(products):
            flow.page.append(
                Text(t.left("product") + 2, flow.top + i * t.lead, text, g.font, t.size)
            )
        values_top = flow.top
        if self.invoice.style.values_row == "last":
            values_top += (rows - 1) * t.lead
        for i, text in enumerate(dates):
            top = flow.top + i * t.lead if len(dates) > 1 else values_top
            flow.page.append(Text(t.left("dates") + 2, top, text, g.font, t.size))
        for key, text in row_cells(self.invoice, line).items():
            flow.page.append(Text(t.right(key) - 3, values_top, text, g.font, t.size, "right"))
        flow.top += rows * t.lead + 0.25 * t.lead

    def details(self) -> None:
        self.heading(self.labels.details)
        t, flow = self.t, self.flow
        for section in agreement_of(self.invoice).sections:
            self.section = section
            flow.need(5 * t.lead + 3 * t.header_size)
            self.section_bar(section)
            for block in section.blocks:
                flow.need(4 * t.lead + 3 * t.header_size)
                self.block_headings(block)
                self.column_titles()
                for sub in block.subscriptions:
                    for line in sub.lines:
                        self.row(sub, line)
                flow.top += 0.6 * t.lead
            flow.top += 0.8 * t.lead


def seller_lines(invoice: Invoice) -> list[str]:
    supplier, labels = invoice.head.supplier, labels_of(invoice)
    lines = [" - ".join((supplier.name, *supplier.address))]
    if supplier.vat_printed:
        vat = supplier.vat_printed
        lines.append(
            f"{labelled(invoice, labels.vat_number)} {vat}" if supplier.vat_number else vat
        )
    return lines


def instruction_text(invoice: Invoice) -> str:
    labels = labels_of(invoice)
    if is_credit_note(invoice):
        return labels.refund
    if invoice.head.payment == "card":
        return labels.pay_card
    return labels.pay_bank.format(number=invoice.head.number)


def payment_rows(invoice: Invoice) -> list[str]:
    """The bank's rows for a payer by transfer, the account name, and the seller's name and
    VAT number when the footer does not carry them."""
    labels, head = labels_of(invoice), invoice.head
    rows: list[str] = []
    if head.payment != "card" and not is_credit_note(invoice):
        vat = head.supplier.vat_number
        bank, details = BANKS[vat[:2] if vat else "US"]
        rows.append(f"{labelled(invoice, labels.bank)} {bank}")
        rows.extend(f"{labelled(invoice, key)} {value}" for key, value in details)
    if not invoice.style.seller_footer or rows:
        name = "Microsoft" if head.currency == "USD" else head.supplier.name
        rows.append(f"{labelled(invoice, labels.account_name)} {name}")
    if not invoice.style.seller_footer:
        rows.extend(seller_lines(invoice))
    return rows


def last_page_rows(invoice: Invoice) -> list[str]:
    """What follows the payment-instructions heading, paragraph by paragraph."""
    return [instruction_text(invoice), *payment_rows(invoice)]


def last_page(invoice: Invoice, g: Geometry, page: list[Op]) -> None:
    """Payment instructions and publisher information: no amounts."""
    labels = labels_of(invoice)
    top = 60.0
    page.append(Text(g.margin, top, labels.instructions, g.bold, g.size * 1.2))
    top += 2 * g.lead
    for text in wrap(instruction_text(invoice), g.font, g.size, g.inner):
        page.append(Text(g.margin, top, text, g.font, g.size))
        top += g.lead
    top += 0.6 * g.lead
    for text in payment_rows(invoice):
        for part in wrap(text, g.font, g.size, g.inner):
            page.append(Text(g.margin, top, part, g.font, g.size))
            top += g.lead
    top += 2 * g.lead
    page.append(Text(g.margin, top, labels.publishers, g.bold, g.size * 1.2))
    top += 2 * g.lead
    for publisher in agreement_of(invoice).publishers:
        page.append(Text(g.margin, top, publisher[0], g.bold, g.size))
        top += g.lead
        for text in publisher[1:]:
            page.append(Text(g.margin, top, text, g.font, g.size))
            top += g.lead
        top += 0.6 * g.lead


def footers(invoice: Invoice, g: Geometry, pages: list[list[Op]]) -> None:
    labels = labels_of(invoice)
    small = min(g.size * 0.8, 6.8)
    texts = seller_lines(invoice) if invoice.style.seller_footer else []
    lines = [part for text in texts for part in wrap(text, g.font, small, g.inner - 70)]
    bottom = g.page_height - 34
    for index, page in enumerate(pages, start=1):
        for row, text in enumerate(lines):
            top = bottom - (len(lines) - 1 - row) * small * 1.3
            page.append(Text(g.margin, top, text, g.font, small))
        label = labels.page.format(i=index, n=len(pages))
        page.append(Text(g.right, bottom, label, g.font, small, "right"))


def render_agreement(invoice: Invoice) -> list[list[Op]]:
    g = geometry(invoice)
    style = invoice.style

    def start(page: list[Op], number: int) -> float:
        return 50.0

    pages: list[list[Op]] = [[]]
    first_page(invoice, g, pages[0])
    flow = Flow(start, g.page_height - 80)
    writer = DetailsWriter(invoice, g, flow)
    if style.section_summary:
        writer.section_summary()
    writer.details()
    pages.extend(flow.pages)
    closing: list[Op] = []
    last_page(invoice, g, closing)
    pages.append(closing)
    footers(invoice, g, pages)
    return pages
