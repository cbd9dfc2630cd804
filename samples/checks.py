"""The findings a sample's printed values imply under notes/semantics.md.

Written from the generator's own model so the expected records never depend on the parser.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

from samples.formats import rate_text
from samples.model import CODE_ORDER, ZERO, Basis, Finding, Invoice, Line, r2

EU = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


def add_months(start: date, months: int) -> date:
    """Same day `months` later, or the first day of the following month when it does not exist."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return date(year, month, start.day)
    return date(year + month // 12, month % 12 + 1, 1)


def term_days(start: date, basis: Basis) -> int:
    return (add_months(start, 12 if basis == "year" else 1) - start).days


def period_end(start: date, basis: Basis) -> date:
    """The last day of one full term starting on `start`."""
    return add_months(start, 12 if basis == "year" else 1) - timedelta(days=1)


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def checked_amount(line: Line) -> Decimal:
    """The amount quantity × price explains: the credits of a credit row, else the charges
    (a credit printed as a negative charge by its absolute value)."""
    if not line.charges and line.credits > 0:
        return line.credits
    return abs(line.charges)


def line_findings(number: int, line: Line, family: str) -> Iterator[Finding]:
    quantity, price = Decimal(line.quantity), line.unit_price
    checked, full = checked_amount(line), r2(quantity * price)
    head = f"line {number}: {line.quantity} × {money(price)}"
    if checked != full:
        if line.days is not None and line.period_start is not None:
            term = term_days(line.period_start, line.basis)
            prorated = r2(quantity * price * line.days / term)
            if checked == prorated:
                yield Finding(
                    "PRORATED_LINE", f"{head} × {line.days}/{term} days = {money(prorated)}", number
                )
            else:
                yield Finding(
                    "LINE_AMOUNT_MISMATCH",
                    f"{head} = {money(full)} (prorated {line.days}/{term} days: "
                    f"{money(prorated)}) but the invoice says {money(checked)}",
                    number,
                )
        else:
            yield Finding(
                "LINE_AMOUNT_MISMATCH",
                f"{head} = {money(full)} but the invoice says {money(checked)}",
                number,
            )
    if family == "online-services":
        net = line.charges - line.discounts - line.credits
        if line.amount != net:
            yield Finding(
                "LINE_AMOUNT_MISMATCH",
                f"line {number}: charges {money(line.charges)} − discounts "
                f"{money(line.discounts)} − credits {money(line.credits)} = {money(net)} but "
                f"the line subtotal is {money(line.amount)}",
                number,
            )
    yield from line_sum_findings(number, line)


def line_sum_findings(number: int, line: Line) -> Iterator[Finding]:
    """A line's tax at its rate, its total, and its service period's order and length."""
    quantity = Decimal(line.quantity)
    if line.tax_rate is not None and line.tax is not None:
        expected = r2(line.amount * line.tax_rate / 100)
        tolerance = max(Decimal("0.01"), Decimal("0.01") * abs(quantity))
        if abs(line.tax - expected) > tolerance:
            yield Finding(
                "TAX_MISMATCH",
                f"line {number}: {rate_text(line.tax_rate)}% of {money(line.amount)} is "
                f"{money(expected)} but the line tax is {money(line.tax)}",
                number,
            )
    if line.total is not None and line.tax is not None and line.total != line.amount + line.tax:
        yield Finding(
            "TOTAL_MISMATCH",
            f"line {number}: {money(line.amount)} + tax {money(line.tax)} = "
            f"{money(line.amount + line.tax)} but the line total is {money(line.total)}",
            number,
        )
    if line.period_start is not None and line.period_end is not None:
        if line.period_end < line.period_start:
            yield Finding(
                "DATE_ORDER",
                f"line {number}: the service period ends {line.period_end} before it starts "
                f"{line.period_start}",
                number,
            )
        elif line.days is not None:
            length = (line.period_end - line.period_start).days + 1
            if line.days != length:
                yield Finding(
                    "DATE_ORDER",
                    f"line {number}: the service period {line.period_start} to "
                    f"{line.period_end} is {length} days but the invoice says {line.days}",
                    number,
                )


def price_money(price: Decimal) -> str:
    """A unit price as a message writes it: two decimals, or all of a usage price's."""
    exponent = price.as_tuple().exponent
    return str(price) if isinstance(exponent, int) and exponent < -2 else money(price)


def agreement_proration(line: Line) -> tuple[int, Decimal] | None:
    """Family C: the term (days) over which the row's charge dates prorate its charges, trying
    a month and then a year from the first charge date; None when neither matches."""
    if line.days is None or line.period_start is None:
        return None
    quantity, charged = Decimal(line.quantity), abs(line.charges)
    for basis in ("month", "year"):
        term = term_days(line.period_start, "month" if basis == "month" else "year")
        prorated = r2(quantity * line.unit_price * line.days / term)
        if prorated == charged:
            return term, prorated
    return None


def agreement_line_findings(number: int, line: Line) -> Iterator[Finding]:
    """Family C: |Charges/Credits| = Qty × Unit price (or prorated by the charge dates), the
    net after Azure Credit, then tax, total and dates as for every family."""
    quantity, price = Decimal(line.quantity), line.unit_price
    charged, full = abs(line.charges), r2(quantity * price)
    head = f"line {number}: {line.quantity} × {price_money(price)}"
    if charged != full:
        proration = agreement_proration(line)
        if proration is not None:
            term, prorated = proration
            yield Finding(
                "PRORATED_LINE", f"{head} × {line.days}/{term} days = {money(prorated)}", number
            )
        else:
            yield Finding(
                "LINE_AMOUNT_MISMATCH",
                f"{head} = {money(full)}, prorated by neither a month nor a year of its charge "
                f"dates, but the invoice says {money(charged)}",
                number,
            )
    if line.amount != line.charges - line.credits:
        yield Finding(
            "LINE_AMOUNT_MISMATCH",
            f"line {number}: charges/credits {money(line.charges)} − Azure credit "
            f"{money(line.credits)} = {money(line.charges - line.credits)} but the line amount "
            f"is {money(line.amount)}",
            number,
        )
    yield from line_sum_findings(number, line)


def agreement_subtotal_findings(invoice: Invoice) -> Iterator[Finding]:
    """Family C: the rows add up to Charges − Credits and Azure credits applied, and
    Charges − Credits − Azure credits applied = Subtotal."""
    assert invoice.charges is not None
    assert invoice.credits is not None
    lines = invoice.lines
    for label, column, printed in (
        ("charges/credits", [line.charges for line in lines], invoice.charges - invoice.credits),
        ("Azure credits", [line.credits for line in lines], invoice.azure_credits),
        ("amounts", [line.amount for line in lines], invoice.subtotal),
    ):
        added = sum(column, ZERO)
        if added != printed:
            yield Finding(
                "SUBTOTAL_MISMATCH",
                f"the line {label} add up to {money(added)} but the billing summary says "
                f"{money(printed)}",
            )
    net = invoice.charges - invoice.credits - invoice.azure_credits
    if net != invoice.subtotal:
        yield Finding(
            "SUBTOTAL_MISMATCH",
            f"charges {money(invoice.charges)} − credits {money(invoice.credits)} − Azure "
            f"credits {money(invoice.azure_credits)} = {money(net)} but the subtotal is "
            f"{money(invoice.subtotal)}",
        )


def agreement_tax_findings(invoice: Invoice) -> Iterator[Finding]:
    """Family C: the summary Tax and the rows' tax each within a cent per row of the rate
    applied to the subtotal (per rate)."""
    lines = invoice.lines
    rates = sorted({line.tax_rate for line in lines if line.tax_rate is not None})
    expected = sum(
        (
            r2(sum((line.amount for line in lines if line.tax_rate == rate), ZERO) * rate / 100)
            for rate in rates
        ),
        ZERO,
    )
    tolerance = max(Decimal("0.01"), Decimal("0.01") * len(lines))
    row_tax = sum((line.tax or ZERO for line in lines), ZERO)
    for label, value in (("invoice tax", invoice.tax), ("rows' tax", row_tax)):
        if abs(value - expected) > tolerance:
            yield Finding(
                "TAX_MISMATCH",
                f"the rates applied to the subtotal give {money(expected)} but the {label} is "
                f"{money(value)}",
            )


def subtotal_findings(invoice: Invoice) -> Iterator[Finding]:
    lines = invoice.lines
    line_sum = sum((line.amount for line in lines), ZERO)
    if line_sum != invoice.subtotal:
        yield Finding(
            "SUBTOTAL_MISMATCH",
            f"the lines add up to {money(line_sum)} but the subtotal is {money(invoice.subtotal)}",
        )
    if invoice.family == "customer-agreement":
        yield from agreement_subtotal_findings(invoice)
    if invoice.family != "online-services":
        return
    assert invoice.charges is not None
    assert invoice.discounts is not None
    assert invoice.credits is not None
    for label, printed, values in (
        ("charges", invoice.charges, [line.charges for line in lines]),
        ("discounts", invoice.discounts, [line.discounts for line in lines]),
        ("credits", invoice.credits, [line.credits for line in lines]),
    ):
        column = sum(values, ZERO)
        if column != printed:
            yield Finding(
                "SUBTOTAL_MISMATCH",
                f"the line {label} add up to {money(column)} but page 1 says {money(printed)}",
            )
    net = invoice.charges - invoice.discounts - invoice.credits
    if net != invoice.subtotal:
        yield Finding(
            "SUBTOTAL_MISMATCH",
            f"charges {money(invoice.charges)} − discounts {money(invoice.discounts)} − "
            f"credits {money(invoice.credits)} = {money(net)} but the subtotal is "
            f"{money(invoice.subtotal)}",
        )


def tax_findings(invoice: Invoice) -> Iterator[Finding]:
    lines = invoice.lines
    if invoice.family == "customer-agreement":
        yield from agreement_tax_findings(invoice)
        return
    if invoice.family == "online-services":
        line_tax = sum((line.tax or ZERO for line in lines), ZERO)
        if line_tax != invoice.tax:
            yield Finding(
                "TAX_MISMATCH",
                f"the line taxes add up to {money(line_tax)} but the invoice tax is "
                f"{money(invoice.tax)}",
            )
        return
    if invoice.tax_rate is None:
        return
    expected = r2(invoice.subtotal * invoice.tax_rate / 100)
    quantity = sum(abs(line.quantity) for line in lines)
    if abs(invoice.tax - expected) > max(Decimal("0.01"), Decimal("0.01") * quantity):
        yield Finding(
            "TAX_MISMATCH",
            f"{rate_text(invoice.tax_rate)}% of the subtotal {money(invoice.subtotal)} is "
            f"{money(expected)} but the invoice tax is {money(invoice.tax)}",
        )


def total_findings(invoice: Invoice) -> Iterator[Finding]:
    if invoice.subtotal + invoice.tax != invoice.total:
        yield Finding(
            "TOTAL_MISMATCH",
            f"subtotal {money(invoice.subtotal)} + tax {money(invoice.tax)} = "
            f"{money(invoice.subtotal + invoice.tax)} but the total is {money(invoice.total)}",
        )
    if invoice.header_total is not None and invoice.header_total != invoice.total:
        yield Finding(
            "TOTAL_MISMATCH",
            f"the page header says {money(invoice.header_total)} but the total is "
            f"{money(invoice.total)}",
        )


def date_findings(invoice: Invoice) -> Iterator[Finding]:
    head = invoice.head
    if head.period_end < head.period_start:
        yield Finding(
            "DATE_ORDER",
            f"the billing period ends {head.period_end} before it starts {head.period_start}",
        )
    if due_printed(invoice) and head.due_date < head.invoice_date:
        yield Finding(
            "DATE_ORDER",
            f"the due date {head.due_date} is before the invoice date {head.invoice_date}",
        )


def due_printed(invoice: Invoice) -> bool:
    """Families A and B always print a due date; family C only sometimes."""
    return invoice.agreement is None or invoice.agreement.due_printed


def printed_numeric_dates(invoice: Invoice) -> tuple[date, ...]:
    """The header dates a family-A invoice prints in digits (B always prints its month line)."""
    head, style = invoice.head, invoice.style.dates
    if invoice.family != "portal-2012" or style.written or style.order == "ymd":
        return ()
    return (head.period_start, head.period_end, head.invoice_date, head.due_date)


def line_periods(invoice: Invoice) -> tuple[tuple[date, date, int], ...]:
    """The service periods (start, end, days) family-A lines print in digits under their
    product, whatever the header's dates look like."""
    if invoice.family != "portal-2012" or invoice.style.dates.order == "ymd":
        return ()
    return tuple(
        (line.period_start, line.period_end, line.days)
        for line in invoice.lines
        if line.period_start is not None and line.period_end is not None and line.days is not None
    )


def swapped(day: date) -> date | None:
    try:
        return date(day.year, day.day, day.month)
    except ValueError:
        return None


def consistent(start: date, end: date, issued: date, due: date) -> bool:
    return start <= end <= issued <= due


def agreement_dates_ambiguous(invoice: Invoice) -> bool:
    """Family C: no day above 12 among the header and charge dates, and both orders keep every
    period in order, the invoice date on or after the billing period, a printed due date on or
    after the invoice date."""
    head = invoice.head
    if invoice.style.dates.order == "ymd" or invoice.style.dates.written:
        return False
    periods = [(head.period_start, head.period_end)]
    periods += [
        (line.period_start, line.period_end)
        for line in invoice.lines
        if line.period_start is not None and line.period_end is not None
    ]
    after = [(head.period_end, head.invoice_date)]
    if due_printed(invoice):
        after.append((head.invoice_date, head.due_date))
    printed = [d for pair in periods + after for d in pair]
    if any(d.day > 12 for d in printed):
        return False

    def in_order(pairs: list[tuple[date | None, date | None]]) -> bool:
        return all(a is not None and b is not None and a <= b for a, b in pairs)

    flipped_periods = [(swapped(a), swapped(b)) for a, b in periods]
    flipped_after = [(swapped(a), swapped(b)) for a, b in after]
    return in_order([*periods, *after]) and in_order([*flipped_periods, *flipped_after])


def rules_hold(header: tuple[date, ...], periods: tuple[tuple[date, date, int], ...]) -> bool:
    """The date rules: billing period, invoice and due date in order; each line's period in
    order and as long as its days."""
    if header and not consistent(*header):
        return False
    return all(start <= end and (end - start).days + 1 == days for start, end, days in periods)


def dates_ambiguous(invoice: Invoice) -> bool:
    """True when the invoice prints dates in digits, none with a day above 12, and both
    day/month orders satisfy the date rules."""
    if invoice.family == "customer-agreement":
        return agreement_dates_ambiguous(invoice)
    header = printed_numeric_dates(invoice)
    periods = line_periods(invoice)
    printed = [*header, *(d for start, end, _ in periods for d in (start, end))]
    if not printed or any(d.day > 12 for d in printed):
        return False
    flip = {d: swapped(d) for d in printed}
    if any(d is None for d in flip.values()):
        return False
    flipped_header = tuple(flip[d] or d for d in header)
    flipped_periods = tuple((flip[a] or a, flip[b] or b, days) for a, b, days in periods)
    return rules_hold(header, periods) and rules_hold(flipped_header, flipped_periods)


def ambiguity_findings(invoice: Invoice) -> Iterator[Finding]:
    if dates_ambiguous(invoice):
        convention = "mm/dd/yyyy" if invoice.head.currency == "USD" else "dd/mm/yyyy"
        yield Finding(
            "AMBIGUOUS_DATE",
            f"every date could be read day-first or month-first; read as {convention}, the "
            f"convention for {invoice.head.currency} invoices",
        )


def is_reverse_charge(invoice: Invoice) -> bool:
    supplier, customer = invoice.head.supplier.vat_number, invoice.head.customer.vat_number
    if invoice.tax != 0 or any(line.tax for line in invoice.lines):
        return False
    if not supplier or not customer:
        return False
    return supplier[:2] in EU and customer[:2] in EU and customer[:2] != supplier[:2]


def reverse_charge_findings(invoice: Invoice) -> Iterator[Finding]:
    if is_reverse_charge(invoice):
        customer = invoice.head.customer
        yield Finding(
            "REVERSE_CHARGE",
            f"0% VAT charged to {customer.name} ({customer.vat_number}): reverse charge, "
            f"self-assess VAT on {money(invoice.subtotal)} {invoice.head.currency}.",
        )


def findings(invoice: Invoice) -> tuple[Finding, ...]:
    """Every finding, ordered by the spec's code order and then by line."""
    found: list[Finding] = []
    for number, line in enumerate(invoice.lines, start=1):
        if invoice.family == "customer-agreement":
            found.extend(agreement_line_findings(number, line))
        else:
            found.extend(line_findings(number, line, invoice.family))
    for check in (
        subtotal_findings,
        tax_findings,
        total_findings,
        date_findings,
        ambiguity_findings,
        reverse_charge_findings,
    ):
        found.extend(check(invoice))
    return tuple(sorted(found, key=lambda f: (CODE_ORDER.index(f.code), f.line or 0)))
