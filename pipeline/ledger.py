"""Invoice + Settings → purchase-journal rows, balanced postings, deferrals, summary totals.

Pure: no I/O. Money is Decimal, rounded half up to the cent where the ledger itself computes
an amount (tax shares, self-assessed VAT, deferrals); amounts read from the invoice are booked
as printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.config import Settings, VatCase, VatRule
from pipeline.countries import EU_MEMBER_STATES
from pipeline.errors import PipelineError
from pipeline.model import Invoice, JournalRow, Line, Posting
from pipeline.parsing import r2

ZERO = Decimal("0.00")

DEFERRAL_SUFFIX = "-DEF"
REVERSAL_SUFFIX = "-REV"


class LedgerError(PipelineError):
    """An invoice cannot be booked: a field is missing or its own numbers do not balance."""


def vat_case(invoice: Invoice) -> VatCase:
    """Reverse charge as the invoice says; else whether the supplier has an EU VAT number."""
    if invoice.reverse_charge:
        return "reverse_charge"
    return "domestic" if invoice.supplier.country in EU_MEMBER_STATES else "non_eu"


# ---------------------------------------------------------------- journal rows


def journal_rows(invoice: Invoice, settings: Settings) -> tuple[JournalRow, ...]:
    """One purchase-journal row per invoice line, the invoice's header fields on each."""
    entry_id, number, invoice_date, total = _required_header(invoice)
    rule = settings.vat_rule(vat_case(invoice))
    nets = tuple(_net_amount(line, index, invoice) for index, line in enumerate(invoice.lines, 1))
    taxes = line_taxes(invoice, nets)
    year_end = settings.year_end_containing(invoice_date)
    rows = []
    for line_no, (line, net, tax) in enumerate(zip(invoice.lines, nets, taxes, strict=True), 1):
        start, end = service_period(line, invoice)
        deferred = deferred_amount(net, start, end, year_end, settings.deferral_threshold)
        if deferred is None:
            raise LedgerError(
                f"line {line_no}: service period ends ({end}) before it starts ({start})",
                file=invoice.source.file,
            )
        rows.append(
            JournalRow(
                entry_id=entry_id,
                journal=settings.journal,
                booking_period=invoice_date.strftime("%Y-%m"),
                invoice_number=number,
                invoice_date=invoice_date,
                due_date=invoice.due_date,
                supplier_name=invoice.supplier.name,
                supplier_vat=invoice.supplier.vat_number,
                supplier_country=invoice.supplier.country,
                customer_vat=invoice.customer.vat_number,
                currency=invoice.currency,
                line_no=line_no,
                description=line.product,
                quantity=line.quantity,
                unit_price=line.unit_price,
                price_basis=line.price_basis,
                service_start=start,
                service_end=end,
                net_amount=net,
                vat_rate=line.tax_rate if line.tax_rate is not None else invoice.tax_rate,
                vat_amount=tax,
                reverse_charge=invoice.reverse_charge,
                self_assessed_vat=self_assessed_vat(net, invoice, settings),
                vat_code=rule.code,
                vat_boxes=rule.boxes,
                gl_account=settings.gl_account(line.product),
                ap_account=settings.ap_account,
                amount_this_year=net - deferred,
                amount_deferred=deferred,
                deferral_account=settings.deferral_account,
                gross_total=total,
                status=invoice.status,
                source_file=invoice.source.file,
                source_page=line.page,
                source_sha256=invoice.source.sha256,
            )
        )
    return tuple(rows)


def _required_header(invoice: Invoice) -> tuple[str, str, date, Decimal]:
    entry_id, number, invoice_date, total = (
        invoice.entry_id,
        invoice.invoice_number,
        invoice.invoice_date,
        invoice.total,
    )
    if entry_id and number and invoice_date is not None and total is not None and invoice.lines:
        return entry_id, number, invoice_date, total
    missing = [
        name
        for name, absent in (
            ("invoice number", not number),
            ("invoice date", invoice_date is None),
            ("total", total is None),
            ("lines", not invoice.lines),
        )
        if absent
    ]
    raise LedgerError(f"cannot book: missing {', '.join(missing)}", file=invoice.source.file)


def _net_amount(line: Line, line_no: int, invoice: Invoice) -> Decimal:
    if line.amount is None:
        raise LedgerError(f"cannot book line {line_no}: no amount", file=invoice.source.file)
    return line.amount


def service_period(line: Line, invoice: Invoice) -> tuple[date | None, date | None]:
    """The line's own service period when it prints one, else the invoice's billing period."""
    if line.period_start is not None and line.period_end is not None:
        return line.period_start, line.period_end
    return invoice.period_start, invoice.period_end


def line_taxes(invoice: Invoice, nets: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """The tax of each line: as printed, or (family A prints none) the invoice tax shared out."""
    printed = [line.tax for line in invoice.lines]
    if all(tax is not None for tax in printed):
        return tuple(tax for tax in printed if tax is not None)
    if any(tax is not None for tax in printed):
        raise LedgerError(
            "cannot book: some lines print their tax and others do not", file=invoice.source.file
        )
    tax = invoice.tax if invoice.tax is not None else ZERO
    if tax and not sum(nets, ZERO):
        raise LedgerError(
            f"cannot share the tax {tax} over lines that add up to zero", file=invoice.source.file
        )
    return share_out(tax, nets)


def share_out(total: Decimal, weights: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """`total` split in proportion to `weights`, each share rounded half up to the cent.

    The rounding remainder goes to the share of the largest weight (by size, the first of
    equals), so the shares add up to `total` exactly. `weights` must not add up to zero
    unless `total` is zero.
    """
    if not total:
        return tuple(ZERO for _ in weights)
    base = sum(weights, ZERO)
    shares = [r2(total * weight / base) for weight in weights]
    largest = max(range(len(weights)), key=lambda index: (abs(weights[index]), -index))
    shares[largest] += total - sum(shares, ZERO)
    return tuple(shares)


def self_assessed_vat(net: Decimal, invoice: Invoice, settings: Settings) -> Decimal:
    """The VAT the buyer owes itself on a reverse-charge line; zero otherwise."""
    if not invoice.reverse_charge:
        return ZERO
    return r2(net * settings.buyer_vat_rate / 100)


def deferred_amount(
    net: Decimal,
    start: date | None,
    end: date | None,
    year_end: date,
    threshold: Decimal,
) -> Decimal | None:
    """The part of `net` for the days of start..end (inclusive) after `year_end`.

    Zero when there is no service period, nothing falls after the year end, or the part is
    smaller in size than `threshold`; None when the period ends before it starts.
    """
    if start is None or end is None:
        return ZERO
    if end < start:
        return None
    days = (end - start).days + 1
    if end <= year_end:
        days_after = 0
    elif start > year_end:
        days_after = days
    else:
        days_after = (end - year_end).days
    deferred = r2(net * days_after / days)
    if not deferred or abs(deferred) < threshold:
        return ZERO
    return deferred


# ---------------------------------------------------------------- postings


@dataclass(slots=True)
class _Entry:
    """Collects the postings of one journal entry; an amount > 0 is a debit, < 0 a credit."""

    day: date
    journal: str
    entry_id: str
    source: str
    postings: list[Posting] = field(default_factory=list)

    def post(self, account: str, amount: Decimal, vat_code: str, description: str) -> None:
        if not amount:
            return
        debit, credit = (amount, ZERO) if amount > 0 else (ZERO, -amount)
        self.postings.append(
            Posting(
                date=self.day,
                journal=self.journal,
                entry_id=self.entry_id,
                account=account,
                debit=debit,
                credit=credit,
                vat_code=vat_code,
                description=description,
                source=self.source,
            )
        )

    def imbalance(self) -> Decimal:
        return sum((p.debit - p.credit for p in self.postings), ZERO)


def postings(
    invoice: Invoice, rows: Sequence[JournalRow], settings: Settings
) -> tuple[Posting, ...]:
    """The balanced journal entry of the invoice, then its year-end deferral and reversal.

    `rows` are `journal_rows(invoice, settings)`. Raises LedgerError when the invoice's lines
    and tax do not add up to its total, so no balanced entry exists.
    """
    if not rows:
        raise LedgerError("cannot book: no journal rows", file=invoice.source.file)
    rule = settings.vat_rule(vat_case(invoice))
    entry = _invoice_entry(invoice, rows, settings, rule)
    if entry.imbalance():
        net = sum((row.net_amount for row in rows), ZERO)
        vat = sum((row.vat_amount for row in rows), ZERO)
        raise LedgerError(
            f"entry {entry.entry_id} does not balance: lines {net} + tax {vat} = {net + vat}, "
            f"but the invoice total is {rows[0].gross_total}",
            file=invoice.source.file,
        )
    return (*entry.postings, *_deferral_postings(rows, settings))


def _invoice_entry(
    invoice: Invoice, rows: Sequence[JournalRow], settings: Settings, rule: VatRule
) -> _Entry:
    first = rows[0]
    entry = _Entry(first.invoice_date, settings.journal, first.entry_id, first.source_file)
    for row in rows:
        entry.post(row.gl_account, row.net_amount, rule.code, row.description)
    charged = sum((row.vat_amount for row in rows), ZERO)
    if rule.deductible:
        entry.post(settings.vat_deductible_account, charged, rule.code, "Deductible VAT")
    else:
        for row in rows:
            entry.post(row.gl_account, row.vat_amount, rule.code, f"Tax: {row.description}")
    if invoice.reverse_charge:
        rate = format(settings.buyer_vat_rate, "f")
        self_assessed = sum((row.self_assessed_vat for row in rows), ZERO)
        if rule.deductible:
            entry.post(
                settings.vat_deductible_account,
                self_assessed,
                rule.code,
                f"Self-assessed VAT {rate}% (reverse charge)",
            )
        else:
            for row in rows:
                entry.post(
                    row.gl_account,
                    row.self_assessed_vat,
                    rule.code,
                    f"Self-assessed VAT {rate}%: {row.description}",
                )
        entry.post(
            settings.vat_due_account, -self_assessed, rule.code, f"VAT due {rate}% (reverse charge)"
        )
    supplier = " ".join(part for part in (first.supplier_name, first.invoice_number) if part)
    entry.post(first.ap_account, -first.gross_total, "", supplier)
    return entry


def _deferral_postings(rows: Sequence[JournalRow], settings: Settings) -> tuple[Posting, ...]:
    """The year-end deferral entry (dated the year end) and its reversal (the next day)."""
    deferred_rows = [row for row in rows if row.amount_deferred]
    if not deferred_rows:
        return ()
    first = deferred_rows[0]
    year_end = settings.year_end_containing(first.invoice_date)
    entries = []
    for suffix, day, sign in (
        (DEFERRAL_SUFFIX, year_end, 1),
        (REVERSAL_SUFFIX, year_end + timedelta(days=1), -1),
    ):
        entry = _Entry(day, settings.deferral_journal, first.entry_id + suffix, first.source_file)
        verb = "Deferred to the next financial year" if sign == 1 else "Reversal of deferral"
        total = sum((row.amount_deferred for row in deferred_rows), ZERO)
        entry.post(first.deferral_account, sign * total, "", f"{verb}: {first.invoice_number}")
        for row in deferred_rows:
            description = f"{verb}: {row.description} {row.service_start}..{row.service_end}"
            entry.post(row.gl_account, -sign * row.amount_deferred, "", description)
        entries.extend(entry.postings)
    return tuple(entries)


# ---------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """Totals of one booking month in one currency; gross = net + VAT as invoiced."""

    booking_period: str
    currency: str | None
    invoices: int
    net: Decimal
    vat: Decimal
    gross: Decimal
    self_assessed_vat: Decimal


@dataclass(frozen=True, slots=True)
class ProductTotal:
    product: str
    gl_account: str
    currency: str | None
    net: Decimal


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    months: tuple[MonthTotal, ...]
    products: tuple[ProductTotal, ...]


def summary_by_month_and_product(rows: Iterable[JournalRow]) -> LedgerSummary:
    """Totals per booking month and per product, each per currency, in a stable order."""
    months: dict[tuple[str, str | None], list[JournalRow]] = {}
    products: dict[tuple[str, str, str | None], Decimal] = {}
    for row in rows:
        months.setdefault((row.booking_period, row.currency), []).append(row)
        key = (row.description, row.gl_account, row.currency)
        products[key] = products.get(key, ZERO) + row.net_amount
    return LedgerSummary(
        months=tuple(
            _month_total(period, currency, months[period, currency])
            for period, currency in sorted(months, key=lambda key: (key[0], key[1] or ""))
        ),
        products=tuple(
            ProductTotal(product, account, currency, products[product, account, currency])
            for product, account, currency in sorted(
                products, key=lambda key: (key[0].casefold(), key[0], key[1], key[2] or "")
            )
        ),
    )


def _month_total(period: str, currency: str | None, rows: Sequence[JournalRow]) -> MonthTotal:
    net = sum((row.net_amount for row in rows), ZERO)
    vat = sum((row.vat_amount for row in rows), ZERO)
    return MonthTotal(
        booking_period=period,
        currency=currency,
        invoices=len({row.entry_id for row in rows}),
        net=net,
        vat=vat,
        gross=net + vat,
        self_assessed_vat=sum((row.self_assessed_vat for row in rows), ZERO),
    )
