"""Located raw strings to a typed `Invoice`: the one place printed text becomes values.

The decimal mark and the day/month order are decided once per document (spec, "Formats"):
a number above 12 anywhere in a date proves the order; else the family-B header month; else
the order under which the dates are consistent (period start ≤ end ≤ invoice date ≤ due
date); else the billing country's convention, and the invoice says the dates are ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipeline.layouts import detect, payment_days
from pipeline.layouts.geometry import Row, document_rows, split_glued_values
from pipeline.layouts.raw import RawInvoice, RawLine
from pipeline.model import Document, Finding, Invoice, Line, Party, Section, Source
from pipeline.parsing import (
    DateOrder,
    DecimalMark,
    PrintedDate,
    decimal_mark_of,
    month_year,
    parse_amount,
    parse_percent,
    printed_date,
    written_date,
)


def extract_invoice(document: Document, source: Source) -> Invoice:
    """The invoice a document prints, or a record with NOT_A_MICROSOFT_INVOICE."""
    rows = document_rows(document)
    found = detect(rows)
    if found is None:
        return Invoice(
            source=source,
            findings=(
                Finding.of(
                    "NOT_A_MICROSOFT_INVOICE",
                    f"{source.file}: readable, but not a Microsoft invoice of a known layout",
                ),
            ),
        )
    family, language = found
    rows = split_glued_values(rows, family.labels(language))
    raw = family.read(rows, language, family.labeller(rows, language))
    return typed_invoice(raw, source, rows)


# --- amounts ---------------------------------------------------------------------------------


def _amount_texts(raw: RawInvoice) -> Iterator[str]:
    yield from (
        t
        for t in (
            raw.header_total,
            raw.charges,
            raw.discounts,
            raw.credits,
            raw.subtotal,
            raw.total,
            raw.previous_balance,
            raw.azure_credits,
            *raw.taxes,
            *(t for s in raw.sections for t in (s.charges, s.credits, s.tax, s.total) if t),
        )
        if t
    )
    for line in raw.lines:
        yield from (
            t
            for t in (
                line.unit_price,
                line.charges,
                line.discounts,
                line.credits,
                line.amount,
                line.tax,
                line.total,
            )
            if t
        )


ZERO = Decimal("0.00")


def _amount(text: str | None, mark: DecimalMark) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_amount(text, mark)
    except ValueError:
        return None


def _percent(text: str | None, mark: DecimalMark) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_percent(text, mark)
    except ValueError:
        return None


# --- dates -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Dates:
    invoice: PrintedDate | None
    due: PrintedDate | None
    start: PrintedDate | None
    end: PrintedDate | None
    lines: tuple[tuple[PrintedDate | None, PrintedDate | None], ...]
    days: tuple[int | None, ...] = ()


def _printed(text: str | None) -> PrintedDate | None:
    if text is None:
        return None
    found = printed_date(text)
    if found:
        return found
    written = written_date(text)
    return PrintedDate(text, fixed=written) if written else None


def _dates_of(raw: RawInvoice) -> _Dates:
    return _Dates(
        _printed(raw.invoice_date),
        _printed(raw.due_date),
        _printed(raw.period_start),
        _printed(raw.period_end),
        tuple((_printed(li.period_start), _printed(li.period_end)) for li in raw.lines),
        tuple(_days(li.days) for li in raw.lines),
    )


def _days(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _all(dates: _Dates) -> list[PrintedDate]:
    found = [dates.invoice, dates.due, dates.start, dates.end]
    found += [d for pair in dates.lines for d in pair]
    return [d for d in found if d is not None]


def _violations(dates: _Dates, order: DateOrder) -> int:
    """How many of the document's date rules `order` breaks: period start ≤ end ≤ invoice
    date ≤ due date, each line's start ≤ end and its Days = its inclusive length. Rules between
    dates whose order is already fixed (ISO, written) cannot tell the orders apart and are not
    counted; a date that does not exist under `order` counts double."""

    def at(d: PrintedDate | None) -> date | None:
        return d.resolve(order) if d else None

    def decides(*ds: PrintedDate | None) -> bool:
        return any(d is not None and d.fixed is None and d.first != d.second for d in ds)

    broken = 2 * sum(d.resolve(order) is None for d in _all(dates))
    pairs = [(dates.start, dates.end), (dates.end, dates.invoice), (dates.invoice, dates.due)]
    pairs += list(dates.lines)
    for a, b in pairs:
        first, second = at(a), at(b)
        if first and second and decides(a, b) and first > second:
            broken += 1
    for (a, b), days in zip(dates.lines, dates.days, strict=True):
        first, second = at(a), at(b)
        if first and second and days is not None and decides(a, b):
            broken += (second - first).days + 1 != days
    return broken


def decide_order(
    dates: _Dates, document_dates: Iterable[PrintedDate], header_month: str | None, usd: bool
) -> tuple[DateOrder, bool]:
    """The document's day/month order and whether nothing in the document decided it."""
    proofs = {proof for d in document_dates if (proof := d.proves) is not None}
    if len(proofs) == 1:
        return proofs.pop(), False
    month = month_year(header_month) if header_month else None
    if month and dates.invoice and dates.invoice.fixed is None:
        orders: tuple[DateOrder, ...] = ("dmy", "mdy")
        matching = [
            order
            for order in orders
            if (d := dates.invoice.resolve(order)) and (d.year, d.month) == month
        ]
        if len(matching) == 1:
            return matching[0], False
    dmy, mdy = _violations(dates, "dmy"), _violations(dates, "mdy")
    if dmy != mdy:
        return ("dmy" if dmy < mdy else "mdy"), False
    default: DateOrder = "mdy" if usd else "dmy"
    order_matters = any(d.fixed is None and d.first != d.second for d in _all(dates))
    return default, order_matters


# --- the invoice -----------------------------------------------------------------------------


def _credit(value: Decimal | None, sign: int) -> Decimal | None:
    """A credit as a positive amount; on a credit note whose credits are a balance applied
    (`sign` −1), negative like its charges, whichever sign it was printed with."""
    return None if value is None else sign * abs(value)


def _credit_sign(raw: RawInvoice) -> int:
    """−1 where credits applied to the charges are negative with them: a credit note of a
    family whose lines do not print their net (C); else 1."""
    return -1 if not raw.lines_print_net and raw.document_type == "credit_note" else 1


def _line(
    raw: RawLine,
    mark: DecimalMark,
    dates: tuple[date | None, date | None],
    prints_net: bool,
    sign: int,
) -> Line:
    credits = _credit(_amount(raw.credits, mark), sign)
    charges = _amount(raw.charges, mark)
    amount = _amount(raw.amount, mark)
    days = _days(raw.days)
    if not prints_net:
        amount = charges - (credits or ZERO) if charges is not None else None
        start, end = dates
        days = (end - start).days + 1 if start and end else None
    return Line(
        product=raw.product,
        subscription_id=raw.subscription_id,
        charge_type=raw.charge_type,
        period_start=dates[0],
        period_end=dates[1],
        days=days,
        quantity=_amount(raw.quantity, mark),
        unit_price=_amount(raw.unit_price, mark),
        price_basis=raw.price_basis,
        charges=charges,
        discounts=_amount(raw.discounts, mark),
        credits=credits,
        amount=amount,
        tax_rate=_percent(raw.tax_rate, mark),
        tax=_amount(raw.tax, mark),
        total=_amount(raw.total, mark),
        page=raw.page,
    )


def typed_invoice(raw: RawInvoice, source: Source, rows: Iterable[Row] = ()) -> Invoice:
    mark = decimal_mark_of(_amount_texts(raw))
    dates = _dates_of(raw)
    document_dates = [d for row in rows for w in row.words if (d := printed_date(w.text))]
    order, ambiguous = decide_order(
        dates, document_dates or _all(dates), raw.header_month, raw.currency == "USD"
    )

    def at(d: PrintedDate | None) -> date | None:
        return d.resolve(order) if d else None

    sign = _credit_sign(raw)
    lines = tuple(
        _line(li, mark, (at(a), at(b)), raw.lines_print_net, sign)
        for li, (a, b) in zip(raw.lines, dates.lines, strict=True)
    )
    charges = _amount(raw.charges, mark)
    discounts = _amount(raw.discounts, mark)
    credits = _amount(raw.credits, mark)
    subtotal = _amount(raw.subtotal, mark)
    if subtotal is None and charges is not None:
        subtotal = charges - (discounts or Decimal(0)) - abs(credits or Decimal(0))
    taxes = [t for t in (_amount(x, mark) for x in raw.taxes) if t is not None]
    azure = _credit(_amount(raw.azure_credits, mark), sign)
    credits = _credit(credits, sign)
    if raw.summary_hides_zero and (charges is not None or subtotal is not None):
        credits = (credits or ZERO) + (azure or ZERO)
        taxes = taxes or [ZERO]
    return Invoice(
        source=source,
        family=raw.family,
        language=raw.language,
        document_type=raw.document_type,
        supplier=Party(raw.supplier_name, raw.supplier_vat),
        customer=Party(raw.customer_name, raw.customer_vat),
        invoice_number=raw.invoice_number,
        invoice_date=at(dates.invoice),
        due_date=at(dates.due),
        period_start=at(dates.start),
        period_end=at(dates.end),
        order_number=raw.order_number,
        purchase_order=raw.purchase_order,
        currency=raw.currency,
        lines=lines,
        charges=charges,
        discounts=discounts,
        credits=credits,
        subtotal=subtotal,
        tax=sum(taxes, Decimal("0")) if taxes else None,
        total=_amount(raw.total, mark),
        header_total=_amount(raw.header_total, mark),
        tax_rate=_percent(raw.tax_rate, mark),
        previous_balance=_amount(raw.previous_balance, mark),
        dates_ambiguous=ambiguous,
        payment_terms=raw.payment_terms,
        original_invoice=raw.original_invoice,
        azure_credits=azure,
        payment_days=payment_days(raw.family, raw.payment_terms),
        sections=_sections(raw, mark, sign),
        seller_address=raw.seller_address,
        customer_address=raw.customer_address,
        bank_account=raw.bank_account,
    )


def _sections(raw: RawInvoice, mark: DecimalMark, sign: int) -> tuple[Section, ...]:
    """The section summary's rows whose amounts all read."""
    found = []
    for section in raw.sections:
        amounts = [_amount(t, mark) for t in (section.charges, section.tax, section.total)]
        credits = _amount(section.credits, mark) if section.credits is not None else ZERO
        charges, tax, total = amounts
        if charges is None or tax is None or total is None or credits is None:
            continue
        found.append(Section(section.name, charges, sign * abs(credits), tax, total))
    return tuple(found)
