"""Builders that compute a sample's amounts the way Microsoft bills them.

Each builder returns printed values that agree with each other; the deliberate mistakes of the
`bad-*` samples are applied afterwards with `dataclasses.replace`.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from samples.checks import period_end, term_days
from samples.model import (
    ZERO,
    Agreement,
    Basis,
    Header,
    Invoice,
    Line,
    Section,
    Subscription,
    r2,
)


def unit_tax(price: Decimal, rate: Decimal, quantity: int) -> Decimal:
    """Microsoft's tax of a full line: per licence, rounded, times the licences."""
    return r2(price * rate / 100) * quantity


def taxed(line: Line, rate: Decimal | None, *, per_unit: bool) -> Line:
    if rate is None:
        return line
    if per_unit:
        sign = -1 if line.amount < 0 else 1
        tax = sign * unit_tax(line.unit_price, rate, line.quantity)
    else:
        tax = r2(line.amount * rate / 100)
    tax = abs(tax) if tax == 0 else tax
    return replace(line, tax_rate=rate, tax=tax, total=line.amount + tax)


def portal_line(quantity: int, price: Decimal, basis: Basis) -> Line:
    """A family-A line: the printed amount is quantity × price."""
    amount = r2(quantity * price)
    return Line(quantity=quantity, unit_price=price, basis=basis, charges=amount, amount=amount)


def full_line(
    quantity: int,
    price: Decimal,
    basis: Basis,
    start: date,
    rate: Decimal | None,
    discount_pct: Decimal | None = None,
) -> Line:
    """A family-B row for one full term from `start`, optionally discounted."""
    end = period_end(start, basis)
    charges = r2(quantity * price)
    discounts = r2(charges * discount_pct / 100) if discount_pct else ZERO
    line = Line(
        quantity=quantity,
        unit_price=price,
        basis=basis,
        charges=charges,
        discounts=discounts,
        amount=charges - discounts,
        period_start=start,
        period_end=end,
        days=(end - start).days + 1,
    )
    return taxed(line, rate, per_unit=not discount_pct)


def prorated_line(
    quantity: int, price: Decimal, basis: Basis, start: date, end: date, rate: Decimal | None
) -> Line:
    """A row for part of a term: quantity × price × days / days in the term from `start`."""
    days = (end - start).days + 1
    charges = r2(quantity * price * days / term_days(start, basis))
    line = Line(
        quantity=quantity,
        unit_price=price,
        basis=basis,
        charges=charges,
        amount=charges,
        period_start=start,
        period_end=end,
        days=days,
    )
    return taxed(line, rate, per_unit=False)


def credit_line(
    quantity: int, price: Decimal, basis: Basis, start: date, end: date, rate: Decimal | None
) -> Line:
    """A credit-and-rebill credit row: charges 0.00, the amount in Credits."""
    days = (end - start).days + 1
    term = term_days(start, basis)
    full = days == term
    credits = r2(quantity * price * days / term)
    line = Line(
        quantity=quantity,
        unit_price=price,
        basis=basis,
        charges=ZERO,
        credits=credits,
        amount=-credits,
        period_start=start,
        period_end=end,
        days=days,
    )
    return taxed(line, rate, per_unit=full)


def credit_rebill(
    old: int,
    new: int,
    price: Decimal,
    basis: Basis,
    cycle_start: date,
    change: date,
    rate: Decimal | None,
    *,
    credit_whole_term: bool,
) -> tuple[Line, ...]:
    """The three rows of a mid-term licence change.

    Whole-term variant: credit the old quantity for the whole term, re-bill it prorated up to
    the change, bill the new quantity prorated from the change. Remaining-days variant: credit
    the old quantity from the change, bill the new quantity from the change, then the next
    full term at the new quantity.
    """
    cycle_end = period_end(cycle_start, basis)
    if credit_whole_term:
        return (
            credit_line(old, price, basis, cycle_start, cycle_end, rate),
            prorated_line(old, price, basis, cycle_start, change - timedelta(days=1), rate),
            prorated_line(new, price, basis, change, cycle_end, rate),
        )
    return (
        credit_line(old, price, basis, change, cycle_end, rate),
        prorated_line(new, price, basis, change, cycle_end, rate),
        full_line(new, price, basis, cycle_end + timedelta(days=1), rate),
    )


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def portal_number(rng: random.Random) -> str:
    return f"C{rng.randrange(10**7, 10**8 - 1):08d}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"


def online_number(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "E0" + "".join(rng.choice(alphabet) for _ in range(8))


def sum_of(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO)


def portal_invoice(
    head: Header,
    subscriptions: tuple[Subscription, ...],
    rate: Decimal,
    *,
    per_unit_tax: bool = True,
) -> Invoice:
    """A family-A invoice whose subtotal, tax and total follow from its lines."""
    lines = [line for sub in subscriptions for line in sub.lines]
    subtotal = sum_of([line.amount for line in lines])
    if per_unit_tax:
        tax = sum_of([unit_tax(line.unit_price, rate, line.quantity) for line in lines])
    else:
        tax = r2(subtotal * rate / 100)
    return Invoice(
        head=head,
        family="portal-2012",
        subscriptions=subscriptions,
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        tax_rate=rate,
    )


def online_invoice(
    head: Header,
    subscriptions: tuple[Subscription, ...],
    tax_split: tuple[tuple[str, Decimal], ...] = (),
) -> Invoice:
    """A family-B invoice whose summary, header total and tax rows follow from its lines.

    `tax_split` names the summary's tax rows (label, rate) when there are several, e.g.
    GST/HST 5 and QST for Quebec; the last row takes what the others leave of the line taxes.
    """
    lines = [line for sub in subscriptions for line in sub.lines]
    charges = sum_of([line.charges for line in lines])
    discounts = sum_of([line.discounts for line in lines])
    credits = sum_of([line.credits for line in lines])
    subtotal = charges - discounts - credits
    tax = sum_of([line.tax or ZERO for line in lines])
    parts: list[tuple[str, Decimal]] = []
    for label, rate in tax_split[:-1]:
        parts.append((label, r2(subtotal * rate / 100)))
    if tax_split:
        parts.append((tax_split[-1][0], tax - sum_of([value for _, value in parts])))
    return Invoice(
        head=head,
        family="online-services",
        subscriptions=subscriptions,
        charges=charges,
        discounts=discounts,
        credits=credits,
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        header_total=subtotal + tax,
        tax_parts=tuple(parts),
    )


def agreement_line(
    quantity: int,
    price: Decimal,
    basis: Basis,
    charges: Decimal,
    period: tuple[date, date],
    rate: Decimal,
    azure: Decimal,
) -> Line:
    """A family-C row from its Charges/Credits: `azure` (Azure Credit) comes off before the
    tax; the charge dates are the row's service period."""
    start, end = period
    line = Line(
        quantity=quantity,
        unit_price=price,
        basis=basis,
        charges=charges,
        credits=azure,
        amount=charges - azure,
        period_start=start,
        period_end=end,
        days=(end - start).days + 1,
    )
    return taxed(line, rate, per_unit=False)


def agreement_row(
    quantity: int,
    price: Decimal,
    basis: Basis,
    start: date,
    end: date,
    rate: Decimal,
    *,
    negative: bool = False,
) -> Line:
    """A seat row: Charges/Credits = quantity × unit price, prorated by the charge dates over
    the term from `start` when they are shorter than it; negative for a return or a credit
    note."""
    days = (end - start).days + 1
    charges = r2(quantity * price * days / term_days(start, basis))
    return agreement_line(
        quantity, price, basis, -charges if negative else charges, (start, end), rate, ZERO
    )


def agreement_term(
    quantity: int,
    price: Decimal,
    basis: Basis,
    start: date,
    rate: Decimal,
    *,
    negative: bool = False,
) -> Line:
    """A family-C row for one whole term from `start`."""
    return agreement_row(
        quantity, price, basis, start, period_end(start, basis), rate, negative=negative
    )


def agreement_usage(
    quantity: int, price: Decimal, start: date, end: date, rate: Decimal, azure: Decimal = ZERO
) -> Line:
    """A usage row (Azure): quantity × a unit price with more decimals, rounded to the cent."""
    return agreement_line(quantity, price, "month", r2(quantity * price), (start, end), rate, azure)


def agreement_number(rng: random.Random) -> str:
    """`G` + 9 digits, as every documented Customer Agreement invoice number."""
    return f"G{rng.randrange(10**9):09d}"


def agreement_invoice(
    head: Header, agreement: Agreement, *, tax_at_subtotal: bool = False
) -> Invoice:
    """A family-C document whose billing summary follows from its rows.

    Charges are the positive rows and Credits the returns (negative rows) of an invoice; a
    credit note's Charges are its (negative) rows. The tax is the rows' tax, or, where
    `tax_at_subtotal` (a local distributor), the rate applied to the subtotal once.
    """
    subscriptions = tuple(
        sub
        for section in agreement.sections
        for block in section.blocks
        for sub in block.subscriptions
    )
    lines = [line for sub in subscriptions for line in sub.lines]
    if agreement.document_type == "credit_note":
        charges, returns = sum_of([line.charges for line in lines]), ZERO
    else:
        charges = sum_of([line.charges for line in lines if line.charges > 0])
        returns = -sum_of([line.charges for line in lines if line.charges < 0])
    azure = sum_of([line.credits for line in lines])
    subtotal = charges - returns - azure
    if tax_at_subtotal:
        rates = {line.tax_rate for line in lines}
        assert len(rates) == 1 and len(agreement.sections) == 1, "one rate, one section"
        rate = rates.pop()
        assert rate is not None
        tax = r2(subtotal * rate / 100)
    else:
        tax = sum_of([line.tax or ZERO for line in lines])
    return Invoice(
        head=head,
        family="customer-agreement",
        subscriptions=subscriptions,
        charges=charges,
        credits=returns,
        azure_credits=azure,
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        agreement=agreement,
    )


def section_figures(
    invoice: Invoice, section: Section
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """A section's Charges (net of returns), Azure credits applied, Tax and Total.

    With one section its tax is the invoice's (which may be the subtotal's tax)."""
    lines = section.lines
    charges = sum_of([line.charges for line in lines])
    azure = sum_of([line.credits for line in lines])
    agreement = invoice.agreement
    single = agreement is not None and len(agreement.sections) == 1
    tax = invoice.tax if single else sum_of([line.tax or ZERO for line in lines])
    return charges, azure, tax, charges - azure + tax
