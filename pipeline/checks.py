"""The arithmetic, date and VAT checks of an invoice (notes/semantics.md), as pure functions.

Each check takes an `Invoice` and returns its findings; a check whose inputs are absent returns
nothing, and no check raises. `run_checks` adds their findings to those of reading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pipeline.countries import EU_VAT_PREFIXES
from pipeline.layouts import arithmetic, product_misread, requirements
from pipeline.layouts.vocabulary import STANDARD, Arithmetic, HeaderField, LineField
from pipeline.model import SEVERITY, Finding, Invoice, Line, PriceBasis
from pipeline.parsing import CENT, r2
from pipeline.vatnumbers import vat_number_problem

TermBasis = Literal["month", "year"]
Check = Callable[[Invoice], list[Finding]]


#: Findings of reading that mean there is no invoice to check.
REJECTION_CODES: frozenset[str] = frozenset(
    {"NOT_A_MICROSOFT_INVOICE", "NO_TEXT_LAYER", "ENCRYPTED_PDF", "UNREADABLE_PDF"}
)

_CODE_ORDER = {code: rank for rank, code in enumerate(SEVERITY)}


def add_months(start: date, months: int) -> date:
    """The same day `months` later; a day the target month lacks becomes the 1st of the next.

    So 2024-01-31 + 1 month is 2024-03-01 and 2024-02-29 + 12 months is 2025-03-01.
    """
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    try:
        return date(year, month0 + 1, start.day)
    except ValueError:
        year, month0 = divmod(year * 12 + month0 + 1, 12)
        return date(year, month0 + 1, 1)


def add_term(start: date, basis: TermBasis) -> date:
    """The start of the next term of a price: one calendar month or one year after `start`."""
    return add_months(start, 1 if basis == "month" else 12)


def term_days(start: date, basis: PriceBasis | None) -> int | None:
    """Days in the price's term starting at `start` (28–31 or 365/366); None without a term."""
    if basis == "month" or basis == "year":
        try:
            return (add_term(start, basis) - start).days
        except (ValueError, OverflowError):
            return None
    return None


def money(value: Decimal) -> str:
    return format(r2(value), "f")


def price(value: Decimal) -> str:
    """A unit price with at least two decimals, more where the invoice printed more."""
    exponent = value.as_tuple().exponent
    return format(value if isinstance(exponent, int) and exponent < -2 else r2(value), "f")


def number(value: Decimal) -> str:
    """A quantity or rate without trailing zeros: 7, 8.75, 21."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def money_in(value: Decimal, currency: str | None) -> str:
    """An amount to the cent followed by its currency, where known: "270.00 EUR"."""
    return f"{money(value)} {currency}" if currency else money(value)


def _with_currency(invoice: Invoice, value: Decimal) -> str:
    return money_in(value, invoice.currency)


def _numbered(invoice: Invoice) -> Iterator[tuple[int, Line]]:
    return enumerate(invoice.lines, start=1)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when a value is absent or there is none."""
    items = list(values)
    present = [v for v in items if v is not None]
    if not items or len(present) < len(items):
        return None
    return sum(present, Decimal(0))


def _allowance(quantity: Decimal | None) -> Decimal:
    """The tax tolerance of Microsoft's per-licence rounding: one cent per licence, at least one."""
    return max(CENT * abs(quantity), CENT) if quantity is not None else CENT


# --- line amounts ----------------------------------------------------------------------------


def checked_amount(line: Line, applied: bool = False) -> tuple[Decimal, bool] | None:
    """The amount quantity × price must explain, and whether it credits: the credits of a
    credit row, or the charges by their absolute value (a credit printed as a negative charge,
    a credit note's negative rows). Where the line's credits are a balance `applied` to its
    charges, they never stand for the charges."""
    no_charges = line.charges is None or line.charges == 0
    if not applied and no_charges and line.credits is not None and line.credits > 0:
        return line.credits, True
    if line.charges is None:
        return None
    return abs(line.charges), line.charges < 0


def full_amount(line: Line) -> Decimal | None:
    """r2(quantity × unit price)."""
    if line.quantity is None or line.unit_price is None:
        return None
    return r2(line.quantity * line.unit_price)


def _date_terms(start: date, end: date) -> list[int]:
    """The days of a month and of a year starting at `start`, and of those ending at `end`."""
    after = end + timedelta(days=1)
    try:
        terms = [(add_months(start, n) - start).days for n in (1, 12)]
        terms += [(after - add_months(after, -n)).days for n in (1, 12)]
    except (ValueError, OverflowError):
        return []
    return list(dict.fromkeys(terms))


def _terms(line: Line, from_dates: bool) -> list[int]:
    """The days of the terms the line's price may be prorated over: its price basis's term,
    or, where the family prints none, a month or a year by its charge dates."""
    if line.period_start is None:
        return []
    term = term_days(line.period_start, line.price_basis)
    if term is not None:
        return [term]
    if from_dates and line.period_end is not None:
        return _date_terms(line.period_start, line.period_end)
    return []


def prorated_amount(line: Line, rules: Arithmetic = STANDARD) -> tuple[Decimal, int] | None:
    """r2(quantity × unit price × days / term days) with the term's days, where days are known;
    of several possible terms the one that matches the line's charges, else the first."""
    if line.quantity is None or line.unit_price is None or line.days is None:
        return None
    prorations = [
        (r2(line.quantity * line.unit_price * line.days / term), term)
        for term in _terms(line, rules.term_from_dates)
    ]
    checked = checked_amount(line, rules.line_credits_applied)
    matching = [p for p in prorations if checked is not None and p[0] == checked[0]]
    return next(iter(matching or prorations), None)


def _product(line: Line) -> str:
    return f"{number(line.quantity or Decimal(0))} × {price(line.unit_price or Decimal(0))}"


def _quantity_price_mismatch(n: int, line: Line, rules: Arithmetic) -> Finding | None:
    checked = checked_amount(line, rules.line_credits_applied)
    full = full_amount(line)
    if checked is None or full is None:
        return None
    amount, is_credit = checked
    partial = prorated_amount(line, rules)
    if amount == full or (partial is not None and amount == partial[0]):
        return None
    expected = f"{_product(line)} = {money(full)}"
    if partial is not None and partial[0] != full:
        expected += f" (prorated × {line.days}/{partial[1]} days = {money(partial[0])})"
    verb = "credits" if is_credit else "says"
    return Finding.of(
        "LINE_AMOUNT_MISMATCH",
        f"line {n}: {expected} but the invoice {verb} {money(amount)}.",
        n,
    )


def _net_mismatch(n: int, line: Line) -> Finding | None:
    if line.charges is None or line.discounts is None:
        return None
    if line.credits is None or line.amount is None:
        return None
    net = line.charges - line.discounts - line.credits
    if net == line.amount:
        return None
    return Finding.of(
        "LINE_AMOUNT_MISMATCH",
        f"line {n}: charges {money(line.charges)} − discounts {money(line.discounts)}"
        f" − credits {money(line.credits)} = {money(net)}"
        f" but the line subtotal says {money(line.amount)}.",
        n,
    )


def line_amount_mismatches(invoice: Invoice) -> list[Finding]:
    """Quantity × price (prorated where days say so) ≠ the line's charges, or its net ≠ amount."""
    findings = []
    rules = arithmetic(invoice.family)
    for n, line in _numbered(invoice):
        for finding in (_quantity_price_mismatch(n, line, rules), _net_mismatch(n, line)):
            if finding is not None:
                findings.append(finding)
    return findings


def prorated_lines(invoice: Invoice) -> list[Finding]:
    """Lines whose charges (or credits) match only as a prorated amount, stating the fraction."""
    findings = []
    rules = arithmetic(invoice.family)
    for n, line in _numbered(invoice):
        checked = checked_amount(line, rules.line_credits_applied)
        partial = prorated_amount(line, rules)
        if checked is None or partial is None:
            continue
        amount, term = checked[0], partial[1]
        if amount == partial[0] and amount != full_amount(line):
            message = f"line {n}: {_product(line)} × {line.days}/{term} days = {money(amount)}."
            findings.append(Finding.of("PRORATED_LINE", message, n))
    return findings


# --- invoice sums ----------------------------------------------------------------------------


def _sum_mismatch(
    invoice: Invoice, summed: str, total: Decimal | None, label: str, printed: Decimal | None
) -> list[Finding]:
    if total is None or printed is None or total == printed:
        return []
    message = (
        f"the {summed} add up to {_with_currency(invoice, total)}"
        f" but the invoice prints {label} {_with_currency(invoice, printed)}."
    )
    return [Finding.of("SUBTOTAL_MISMATCH", message)]


def _summary_net_mismatch(invoice: Invoice) -> list[Finding]:
    charges, discounts, credits = invoice.charges, invoice.discounts, invoice.credits
    if charges is None or credits is None or invoice.subtotal is None:
        return []
    net = charges - (discounts or 0) - credits
    if net == invoice.subtotal:
        return []
    less = f" − discounts {money(discounts)}" if discounts is not None else ""
    message = (
        f"charges {money(charges)}{less} − credits {money(credits)}"
        f" = {_with_currency(invoice, net)}"
        f" but the subtotal says {_with_currency(invoice, invoice.subtotal)}."
    )
    return [Finding.of("SUBTOTAL_MISMATCH", message)]


def _charges_printed(invoice: Invoice, rules: Arithmetic) -> tuple[str, Decimal | None]:
    """What the lines' charges add up to: the summary's charges, or (lines holding the returns
    as negative rows) its charges less the credits that are not a balance applied."""
    if not rules.line_charges_net:
        return "charges", invoice.charges
    if invoice.charges is None or invoice.credits is None:
        return "charges − credits", None
    returns = invoice.credits - (invoice.azure_credits or 0)
    return "charges − credits", invoice.charges - returns


def _credits_printed(invoice: Invoice, rules: Arithmetic) -> tuple[str, Decimal | None]:
    """What the lines' credits add up to: the invoice's credits, or the balance applied."""
    if not rules.line_credits_applied:
        return "credits", invoice.credits
    applied = invoice.azure_credits
    if applied is None and invoice.credits is not None:
        applied = Decimal("0.00")
    return "credits applied", applied


def subtotal_mismatches(invoice: Invoice) -> list[Finding]:
    """Lines that do not add up to the subtotal, or to the summary's columns."""
    lines = invoice.lines
    rules = arithmetic(invoice.family)
    charges_label, charges = _charges_printed(invoice, rules)
    credits_label, credits = _credits_printed(invoice, rules)
    return [
        *_sum_mismatch(
            invoice, "line amounts", _sum(x.amount for x in lines), "subtotal", invoice.subtotal
        ),
        *_sum_mismatch(
            invoice, "line charges", _sum(x.charges for x in lines), charges_label, charges
        ),
        *_sum_mismatch(
            invoice,
            "line discounts",
            _sum(x.discounts for x in lines),
            "discounts",
            invoice.discounts,
        ),
        *_sum_mismatch(
            invoice, "line credits", _sum(x.credits for x in lines), credits_label, credits
        ),
        *_summary_net_mismatch(invoice),
        *_sum_mismatch(
            invoice,
            "line charges",
            _sum(x.charges for x in lines) if invoice.sections else None,
            "sections' charges",
            _sum(section.charges for section in invoice.sections),
        ),
    ]


# --- tax ---------------------------------------------------------------------------------------


def _line_tax_mismatch(n: int, line: Line) -> list[Finding]:
    if line.tax is None or line.tax_rate is None or line.amount is None:
        return []
    expected = r2(line.amount * line.tax_rate / 100)
    allowance = _allowance(line.quantity)
    if abs(line.tax - expected) <= allowance:
        return []
    message = (
        f"line {n}: {number(line.tax_rate)} % of {money(line.amount)} = {money(expected)}"
        f" but the line tax is {money(line.tax)}, more than the {money(allowance)}"
        " per-licence rounding allows."
    )
    return [Finding.of("TAX_MISMATCH", message, n)]


def _line_taxes_sum_mismatch(invoice: Invoice) -> list[Finding]:
    if invoice.tax is None or all(line.tax is None for line in invoice.lines):
        return []
    summed = _sum(line.tax for line in invoice.lines)
    if summed is None or summed == invoice.tax:
        return []
    message = (
        f"the line taxes add up to {_with_currency(invoice, summed)}"
        f" but the invoice tax says {_with_currency(invoice, invoice.tax)}."
    )
    return [Finding.of("TAX_MISMATCH", message)]


def _invoice_rate_mismatch(invoice: Invoice) -> list[Finding]:
    if invoice.tax is None or invoice.tax_rate is None or invoice.subtotal is None:
        return []
    expected = r2(invoice.subtotal * invoice.tax_rate / 100)
    quantities = [abs(line.quantity) for line in invoice.lines if line.quantity is not None]
    allowance = _allowance(sum(quantities, Decimal(0)) if quantities else None)
    if abs(invoice.tax - expected) <= allowance:
        return []
    message = (
        f"{number(invoice.tax_rate)} % of the subtotal {money(invoice.subtotal)}"
        f" = {_with_currency(invoice, expected)} but the tax says"
        f" {_with_currency(invoice, invoice.tax)}, more than the {money(allowance)}"
        " per-licence rounding allows."
    )
    return [Finding.of("TAX_MISMATCH", message)]


def _rated_tax(invoice: Invoice) -> Decimal | None:
    """The tax the lines' amounts at their rates make, rounded once (the subtotal × rate for
    one rate); None when a line's amount or rate is not known."""
    if not invoice.lines:
        return None
    parts = [
        line.amount * line.tax_rate / 100
        for line in invoice.lines
        if line.amount is not None and line.tax_rate is not None
    ]
    return r2(sum(parts, Decimal(0))) if len(parts) == len(invoice.lines) else None


def _per_row_tax_mismatches(invoice: Invoice) -> list[Finding]:
    """Tax rounded per row: the summary tax and the sum of the rows' tax each within one cent
    per row of the amounts × their rates."""
    expected = _rated_tax(invoice)
    if expected is None:
        return []
    allowance = CENT * len(invoice.lines)
    findings = []
    rows = _sum(line.tax for line in invoice.lines)
    for what, tax in (("the invoice tax", invoice.tax), ("the rows' tax adds up to", rows)):
        if tax is None or abs(tax - expected) <= allowance:
            continue
        message = (
            f"the amounts at their rates make {_with_currency(invoice, expected)} of tax but"
            f" {what} {_with_currency(invoice, tax)}, more than the {money(allowance)}"
            " per-row rounding allows."
        )
        findings.append(Finding.of("TAX_MISMATCH", message))
    return findings


def tax_mismatches(invoice: Invoice) -> list[Finding]:
    """Line tax ≠ rate × amount beyond per-licence rounding; line taxes or rate ≠ invoice tax
    (or, where tax is rounded per row, either beyond a cent per row of the rated amounts)."""
    findings = [f for n, line in _numbered(invoice) for f in _line_tax_mismatch(n, line)]
    if arithmetic(invoice.family).tax_per_row:
        return findings + _per_row_tax_mismatches(invoice)
    return findings + _line_taxes_sum_mismatch(invoice) + _invoice_rate_mismatch(invoice)


# --- totals ------------------------------------------------------------------------------------


def _line_total_mismatch(n: int, line: Line) -> list[Finding]:
    if line.total is None or line.amount is None or line.tax is None:
        return []
    if line.amount + line.tax == line.total:
        return []
    message = (
        f"line {n}: {money(line.amount)} + tax {money(line.tax)}"
        f" = {money(line.amount + line.tax)} but the line total says {money(line.total)}."
    )
    return [Finding.of("TOTAL_MISMATCH", message, n)]


def _section_mismatches(invoice: Invoice) -> list[Finding]:
    """A section summary's rows: each section's charges − credits applied + tax = its total,
    and the sections' totals add up to the invoice total."""
    findings = []
    for section in invoice.sections:
        net = section.charges - section.credits + section.tax
        if net != section.total:
            message = (
                f"section {section.name}: charges {money(section.charges)} − credits applied"
                f" {money(section.credits)} + tax {money(section.tax)} = {money(net)}"
                f" but its total says {money(section.total)}."
            )
            findings.append(Finding.of("TOTAL_MISMATCH", message))
    summed = _sum(section.total for section in invoice.sections)
    subtotal, tax, total = invoice.subtotal, invoice.tax, invoice.total
    if subtotal is not None and tax is not None and subtotal + tax != total:
        return findings  # the total disagrees with its own summary: reported once, there
    if summed is not None and total is not None and summed != total:
        message = (
            f"the sections' totals add up to {_with_currency(invoice, summed)}"
            f" but the invoice total is {_with_currency(invoice, total)}."
        )
        findings.append(Finding.of("TOTAL_MISMATCH", message))
    return findings


def total_mismatches(invoice: Invoice) -> list[Finding]:
    """Amount + tax ≠ total on a line or the invoice; page-header total ≠ total; a section's
    own sum or the sections' totals ≠ the invoice total."""
    findings = [f for n, line in _numbered(invoice) for f in _line_total_mismatch(n, line)]
    findings += _section_mismatches(invoice)
    subtotal, tax, total = invoice.subtotal, invoice.tax, invoice.total
    if subtotal is not None and tax is not None and total is not None and subtotal + tax != total:
        message = (
            f"subtotal {money(subtotal)} + tax {money(tax)}"
            f" = {_with_currency(invoice, subtotal + tax)}"
            f" but the total says {_with_currency(invoice, total)}."
        )
        findings.append(Finding.of("TOTAL_MISMATCH", message))
    if invoice.header_total is not None and total is not None and invoice.header_total != total:
        message = (
            f"the page header says {_with_currency(invoice, invoice.header_total)}"
            f" but the invoice total is {_with_currency(invoice, total)}."
        )
        findings.append(Finding.of("TOTAL_MISMATCH", message))
    return findings


# --- dates -------------------------------------------------------------------------------------


def _line_date_findings(n: int, line: Line) -> list[Finding]:
    start, end = line.period_start, line.period_end
    if start is None or end is None:
        return []
    if end < start:
        message = f"line {n}: the service period ends {end} before it starts {start}."
        return [Finding.of("DATE_ORDER", message, n)]
    length = (end - start).days + 1
    if line.days is None or line.days == length:
        return []
    message = (
        f"line {n}: the service period {start} – {end} has {length} days"
        f" but the line says {line.days}."
    )
    return [Finding.of("DATE_ORDER", message, n)]


def date_order_findings(invoice: Invoice) -> list[Finding]:
    """Periods that end before they start, Days ≠ the period's length, due before invoiced."""
    findings = [f for n, line in _numbered(invoice) for f in _line_date_findings(n, line)]
    start, end = invoice.period_start, invoice.period_end
    if start is not None and end is not None and end < start:
        message = f"the billing period ends {end} before it starts {start}."
        findings.append(Finding.of("DATE_ORDER", message))
    due, issued = invoice.due_date, invoice.invoice_date
    if due is not None and issued is not None and due < issued:
        message = f"the due date {due} is before the invoice date {issued}."
        findings.append(Finding.of("DATE_ORDER", message))
    return findings


def ambiguous_date_findings(invoice: Invoice) -> list[Finding]:
    """The reader could not decide day/month order and fell back on the currency's convention."""
    if not invoice.dates_ambiguous:
        return []
    order = "month/day (the US convention)" if invoice.currency == "USD" else "day/month"
    shown = f", giving the invoice date {invoice.invoice_date}" if invoice.invoice_date else ""
    message = (
        f"the document does not show whether its dates are day/month or month/day;"
        f" they were read as {order}{shown}: compare the dates with the PDF."
    )
    return [Finding.of("AMBIGUOUS_DATE", message)]


# --- required fields -------------------------------------------------------------------------


#: How a finding names each required field, and where the invoice holds it.
_HEADER_FIELDS: dict[HeaderField, tuple[str, Callable[[Invoice], object]]] = {
    "invoice_number": ("invoice number", lambda i: i.invoice_number),
    "invoice_date": ("invoice date", lambda i: i.invoice_date),
    "total": ("total", lambda i: i.total),
    "billing_period": ("billing period", lambda i: i.period_start and i.period_end),
    "due_date": ("due date", lambda i: i.due_date),
}
_LINE_FIELDS: dict[LineField, tuple[str, Callable[[Line], object]]] = {
    "quantity": ("licence count", lambda li: li.quantity),
    "unit_price": ("unit price", lambda li: li.unit_price),
    "amount": ("amount", lambda li: li.amount),
    "service_period": ("service period", lambda li: li.period_start and li.period_end),
    "tax": ("tax", lambda li: li.tax),
    "total": ("total", lambda li: li.total),
}


def missing_field_findings(invoice: Invoice) -> list[Finding]:
    """One finding per value the invoice's family always prints that the reader did not find
    (the family declares them; an invoice of no known family is held to what any prints)."""
    required = requirements(invoice.family)
    missing = [
        name
        for name, value in (_HEADER_FIELDS[f] for f in required.header)
        if _absent(value(invoice))
    ]
    findings = [
        Finding.of("MISSING_FIELD", f"the {name} was not found; read it from the PDF.")
        for name in missing
    ]
    if not invoice.lines:
        message = "no charge line was found; the invoice cannot be booked line by line."
        findings.append(Finding.of("MISSING_FIELD", message))
    for number, line in enumerate(invoice.lines, start=1):
        absent = [
            name for name, value in (_LINE_FIELDS[f] for f in required.line) if value(line) is None
        ]
        if absent:
            what = " and the ".join(absent)
            message = (
                f"line {number} ({line.product or 'no product name'}): the {what} could not"
                " be read, so the line cannot be checked; read it from the PDF."
            )
            findings.append(Finding.of("MISSING_FIELD", message, number))
    return findings


def product_name_findings(invoice: Invoice) -> list[Finding]:
    """A line whose product name holds another field of the line (an amount, a price or
    licence phrase, a date or period, a label, a lone separator glyph) was misread: the value
    may be missing from its own field or taken from elsewhere, so the invoice is not booked.
    No finding code names a misread value; MISSING_FIELD is the nearest (the field's value was
    not found where it belongs)."""
    findings = []
    for number, line in enumerate(invoice.lines, start=1):
        what = product_misread(invoice.family, line.product)
        if what is not None:
            message = (
                f"line {number}: the product name '{line.product}' holds {what}, a value of the"
                " line read into the name; read the line from the PDF."
            )
            findings.append(Finding.of("MISSING_FIELD", message, number))
    return findings


def _absent(value: object) -> bool:
    return value is None or value == ""


# --- VAT ---------------------------------------------------------------------------------------


def vat_prefix(vat_number: str | None) -> str | None:
    """The two-letter prefix of a VAT number (EL for Greece), or None."""
    if not vat_number:
        return None
    prefix = vat_number.strip()[:2].upper()
    return prefix if len(prefix) == 2 and prefix.isalpha() else None


def is_reverse_charge(invoice: Invoice) -> bool:
    """No VAT charged by an EU supplier to a business customer in another EU member state."""
    if invoice.tax is None or invoice.tax != 0:
        return False
    if any(line.tax is not None and line.tax != 0 for line in invoice.lines):
        return False
    supplier = vat_prefix(invoice.supplier.vat_number)
    customer = vat_prefix(invoice.customer.vat_number)
    return supplier in EU_VAT_PREFIXES and customer in EU_VAT_PREFIXES and customer != supplier


def reverse_charge_findings(invoice: Invoice) -> list[Finding]:
    if not is_reverse_charge(invoice):
        return []
    base = invoice.subtotal if invoice.subtotal is not None else invoice.total
    name = invoice.customer.name or "the customer"
    on = f" on {_with_currency(invoice, base)}" if base is not None else ""
    message = (
        f"0% VAT charged to {name} ({invoice.customer.vat_number}):"
        f" reverse charge, self-assess VAT{on}."
    )
    return [Finding.of("REVERSE_CHARGE", message)]


def invalid_vat_number_findings(invoice: Invoice) -> list[Finding]:
    """A supplier or customer VAT number that fails its country's check digits: a digit misread,
    or a wrong number printed; either way not one to book or route by."""
    findings = []
    for role, party in (("supplier", invoice.supplier), ("customer", invoice.customer)):
        problem = vat_number_problem(party.vat_number) if party.vat_number else None
        if problem is not None:
            message = (
                f"the {role}'s VAT number {party.vat_number} fails its check ({problem}): "
                "a misread digit, or a wrong number on the invoice."
            )
            findings.append(Finding.of("INVALID_VAT_NUMBER", message))
    return findings


#: The checks in the spec's order of finding codes.
CHECKS: tuple[Check, ...] = (
    line_amount_mismatches,
    prorated_lines,
    subtotal_mismatches,
    tax_mismatches,
    total_mismatches,
    date_order_findings,
    ambiguous_date_findings,
    missing_field_findings,
    product_name_findings,
    reverse_charge_findings,
    invalid_vat_number_findings,
)


def check_findings(invoice: Invoice) -> list[Finding]:
    """The findings of every check, in the spec's code order, then by line (invoice-wide first)."""
    findings = [finding for check in CHECKS for finding in check(invoice)]
    return sorted(findings, key=lambda f: (_CODE_ORDER[f.code], f.line or 0))


def run_checks(invoice: Invoice) -> Invoice:
    """The invoice with the checks' findings after those of reading, and its reverse charge.

    A file that reading rejected (not a Microsoft invoice, no text, encrypted, unreadable) is
    returned as it is. Running the checks twice adds nothing the first run did not.
    """
    if any(f.code in REJECTION_CODES for f in invoice.findings):
        return dataclasses.replace(invoice, reverse_charge=False)
    new = [f for f in check_findings(invoice) if f not in invoice.findings]
    return dataclasses.replace(
        invoice,
        findings=(*invoice.findings, *new),
        reverse_charge=is_reverse_charge(invoice),
    )
