"""Invoice + Settings → purchase-journal rows, balanced postings, deferrals, summary totals.

Pure: no I/O. Money is Decimal, rounded half up to the cent where the ledger itself computes
an amount (tax shares, self-assessed VAT, deferrals, conversions); amounts read from the invoice
are booked as printed. The settings are those of the books the invoice goes to (see
`Settings.for_client`): the VAT case is decided for their country, and the postings are in their
functional currency, converted by the `Conversion` given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from pipeline.config import Settings, VatCase, VatRule
from pipeline.countries import EU_MEMBER_STATES
from pipeline.errors import PipelineError
from pipeline.layouts import arithmetic
from pipeline.model import Invoice, JournalRow, Line, Posting
from pipeline.parsing import r2
from pipeline.rates import Conversion, identity

ZERO = Decimal("0.00")

DEFERRAL_SUFFIX = "-DEF"
REVERSAL_SUFFIX = "-REV"


class LedgerError(PipelineError):
    """An invoice cannot be booked: a field is missing or its own numbers do not balance."""


def vat_case(invoice: Invoice, settings: Settings | None = None) -> VatCase:
    """The VAT case of the invoice for a buyer in `settings.buyer_country`.

    Reverse charge as the invoice says; tax of a supplier without an EU VAT number is `non_eu`.
    Tax of an EU supplier is the buyer country's own VAT (`domestic`) when the supplier is in
    that country, when nothing is charged, or when every rate charged is the buyer's rate (an
    EU supplier abroad charges the buyer country's VAT to a customer without a VAT number);
    otherwise it is VAT of another country (`foreign`, such as Irish 23 % to a Belgian buyer).
    Without settings (no buyer to book for), tax of an EU supplier is `domestic`.
    """
    if invoice.reverse_charge:
        return "reverse_charge"
    supplier = invoice.supplier.country
    if supplier not in EU_MEMBER_STATES:
        return "non_eu"
    if settings is None or supplier == settings.buyer_country:
        return "domestic"
    rates = charged_rates(invoice)
    return "domestic" if rates <= {settings.buyer_vat_rate} else "foreign"


def charged_rates(invoice: Invoice) -> frozenset[Decimal]:
    """The VAT rates (%) of the lines that are charged tax: as printed, else the invoice's
    printed rate, else the rate the tax makes of the subtotal (to the whole percent)."""
    rates = {
        line.tax_rate if line.tax_rate is not None else invoice.tax_rate
        for line in invoice.lines
        if line.tax
    }
    if not any(line.tax is not None for line in invoice.lines) and invoice.tax:
        rates.add(invoice.tax_rate)
    if None in rates:
        rates.discard(None)
        if invoice.tax and invoice.subtotal:
            rates.add(r2(invoice.tax * 100 / invoice.subtotal).quantize(Decimal(1)))
    return frozenset(rate.normalize() for rate in rates if rate is not None)


# ---------------------------------------------------------------- journal rows


def journal_rows(
    invoice: Invoice, settings: Settings, conversion: Conversion | None = None
) -> tuple[JournalRow, ...]:
    """One purchase-journal row per invoice line, the invoice's header fields on each.

    `conversion` takes the invoice's amounts to the books' functional currency (default: none,
    the invoice is booked in its own currency)."""
    entry_id, number, invoice_date, total = _required_header(invoice)
    if conversion is None:
        conversion = identity(invoice.currency or "")
    rule = settings.vat_rule(vat_case(invoice, settings))
    nets = tuple(_net_amount(line, index, invoice) for index, line in enumerate(invoice.lines, 1))
    taxes = line_taxes(invoice, nets)
    nets_booked, taxes_booked, total_booked = converted(nets, taxes, total, conversion)
    year_end = settings.year_end_containing(invoice_date)
    rows = []
    for line_no, (line, net, tax, net_booked, tax_booked) in enumerate(
        zip(invoice.lines, nets, taxes, nets_booked, taxes_booked, strict=True), 1
    ):
        start, end = service_period(line, invoice)
        deferred = deferred_amount(net_booked, start, end, year_end, settings.deferral_threshold)
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
                due_date=due_date(invoice),
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
                self_assessed_vat=self_assessed_vat(net_booked, invoice, settings),
                vat_code=rule.code,
                vat_boxes=rule.boxes,
                gl_account=settings.gl_account(line.product),
                ap_account=settings.ap_account,
                amount_this_year=net_booked - deferred,
                amount_deferred=deferred,
                deferral_account=settings.deferral_account,
                gross_total=total,
                functional_currency=conversion.target or invoice.currency,
                exchange_rate=conversion.rate,
                rate_date=conversion.rate_date,
                net_functional=net_booked,
                vat_functional=tax_booked,
                gross_functional=total_booked,
                status=invoice.status,
                source_file=invoice.source.file,
                source_page=line.page,
                source_sha256=invoice.source.sha256,
                document_type=invoice.document_type or "invoice",
                original_invoice=invoice.original_invoice,
            )
        )
    return tuple(rows)


def due_date(invoice: Invoice) -> date | None:
    """The printed due date; else, for printed terms of N days net, the invoice date + N days
    (for the ledger only: the record keeps the due date as printed)."""
    if invoice.due_date is not None or invoice.invoice_date is None:
        return invoice.due_date
    if invoice.payment_days is None:
        return None
    return invoice.invoice_date + timedelta(days=invoice.payment_days)


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


def converted(
    nets: Sequence[Decimal], taxes: Sequence[Decimal], total: Decimal, conversion: Conversion
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...], Decimal]:
    """The lines' nets and taxes and the total in the functional currency, each converted and
    rounded half up to the cent. When the invoice's own amounts add up to its total, the
    converted ones are made to add up as well: the rounding residual goes to the net of the
    largest line (by size, the first of equals), so the entry balances in the functional
    currency. Amounts that do not add up are left so (the postings then report it)."""
    if conversion.source == conversion.target:
        return tuple(nets), tuple(taxes), total
    nets_booked = [conversion.convert(net) for net in nets]
    taxes_booked = tuple(conversion.convert(tax) for tax in taxes)
    total_booked = conversion.convert(total)
    if nets and sum(nets, ZERO) + sum(taxes, ZERO) == total:
        residual = total_booked - sum(nets_booked, ZERO) - sum(taxes_booked, ZERO)
        largest = max(range(len(nets)), key=lambda index: (abs(nets[index]), -index))
        nets_booked[largest] += residual
    return tuple(nets_booked), taxes_booked, total_booked


def service_period(line: Line, invoice: Invoice) -> tuple[date | None, date | None]:
    """The line's own service period when it prints one, else the invoice's billing period."""
    if line.period_start is not None and line.period_end is not None:
        return line.period_start, line.period_end
    return invoice.period_start, invoice.period_end


def line_taxes(invoice: Invoice, nets: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """The tax of each line: as printed, or (family A prints none) the invoice tax shared out."""
    printed = [line.tax for line in invoice.lines]
    if all(tax is not None for tax in printed):
        taxes = tuple(tax for tax in printed if tax is not None)
        if invoice.tax is None or not arithmetic(invoice.family).tax_per_row:
            return taxes
        return _with_remainder(taxes, invoice.tax - sum(taxes, ZERO), nets)
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


def _with_remainder(
    taxes: Sequence[Decimal], remainder: Decimal, nets: Sequence[Decimal]
) -> tuple[Decimal, ...]:
    """The lines' printed tax with the cents by which rows rounded one by one differ from the
    invoice's tax (the tax due, where the family rounds tax per row) added to the line of the
    largest amount; the checks let only a cent per row through."""
    shares = list(taxes)
    largest = max(range(len(nets)), key=lambda index: (abs(nets[index]), -index))
    shares[largest] += remainder
    return tuple(shares)


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
    """Collects the postings of one journal entry; an amount > 0 is a debit, < 0 a credit.

    Each posting has its amount in the functional `currency` and in the `original` one."""

    day: date
    journal: str
    entry_id: str
    source: str
    currency: str | None
    original: str | None
    rate: Decimal
    postings: list[Posting] = field(default_factory=list)

    def post(
        self, account: str, amount: Decimal, original: Decimal, vat_code: str, description: str
    ) -> None:
        if not amount and not original:
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
                currency=self.currency,
                original_amount=original,
                original_currency=self.original,
                exchange_rate=self.rate,
                vat_code=vat_code,
                description=description,
                source=self.source,
            )
        )

    def imbalance(self) -> Decimal:
        return sum((p.debit - p.credit for p in self.postings), ZERO)


def _entry_of(row: JournalRow, day: date, journal: str, entry_id: str) -> _Entry:
    return _Entry(
        day,
        journal,
        entry_id,
        row.source_file,
        row.functional_currency,
        row.currency,
        row.exchange_rate,
    )


def postings(
    invoice: Invoice, rows: Sequence[JournalRow], settings: Settings
) -> tuple[Posting, ...]:
    """The balanced journal entry of the invoice, then its year-end deferral and reversal.

    `rows` are `journal_rows(invoice, settings, …)`. Raises LedgerError when the invoice's lines
    and tax do not add up to its total, so no balanced entry exists.
    """
    if not rows:
        raise LedgerError("cannot book: no journal rows", file=invoice.source.file)
    rule = settings.vat_rule(vat_case(invoice, settings))
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
    entry = _entry_of(first, first.invoice_date, settings.journal, first.entry_id)
    for row in rows:
        entry.post(row.gl_account, row.net_functional, row.net_amount, rule.code, row.description)
    charged = sum((row.vat_functional for row in rows), ZERO)
    charged_original = sum((row.vat_amount for row in rows), ZERO)
    if rule.deductible:
        entry.post(
            settings.vat_deductible_account, charged, charged_original, rule.code, "Deductible VAT"
        )
    elif rule.case == "foreign" and settings.foreign_vat_account:
        entry.post(
            settings.foreign_vat_account,
            charged,
            charged_original,
            rule.code,
            "Foreign VAT to reclaim",
        )
    else:
        for row in rows:
            entry.post(
                row.gl_account,
                row.vat_functional,
                row.vat_amount,
                rule.code,
                f"Tax: {row.description}",
            )
    if invoice.reverse_charge:
        _post_self_assessed(entry, rows, settings, rule)
    supplier = " ".join(part for part in (first.supplier_name, first.invoice_number) if part)
    entry.post(first.ap_account, -first.gross_functional, -first.gross_total, "", supplier)
    return entry


def _post_self_assessed(
    entry: _Entry, rows: Sequence[JournalRow], settings: Settings, rule: VatRule
) -> None:
    """The VAT the buyer owes itself under reverse charge: due, and deductible or a cost."""
    rate = format(settings.buyer_vat_rate, "f")
    originals = [r2(row.net_amount * settings.buyer_vat_rate / 100) for row in rows]
    self_assessed = sum((row.self_assessed_vat for row in rows), ZERO)
    if rule.deductible:
        entry.post(
            settings.vat_deductible_account,
            self_assessed,
            sum(originals, ZERO),
            rule.code,
            f"Self-assessed VAT {rate}% (reverse charge)",
        )
    else:
        for row, original in zip(rows, originals, strict=True):
            entry.post(
                row.gl_account,
                row.self_assessed_vat,
                original,
                rule.code,
                f"Self-assessed VAT {rate}%: {row.description}",
            )
    entry.post(
        settings.vat_due_account,
        -self_assessed,
        -sum(originals, ZERO),
        rule.code,
        f"VAT due {rate}% (reverse charge)",
    )


def _deferral_postings(rows: Sequence[JournalRow], settings: Settings) -> tuple[Posting, ...]:
    """The year-end deferral entry (dated the year end) and its reversal (the next day)."""
    deferred_rows = [row for row in rows if row.amount_deferred]
    if not deferred_rows:
        return ()
    first = deferred_rows[0]
    year_end = settings.year_end_containing(first.invoice_date)
    originals = [_deferred_original(row, year_end) for row in deferred_rows]
    entries = []
    for suffix, day, sign in (
        (DEFERRAL_SUFFIX, year_end, 1),
        (REVERSAL_SUFFIX, year_end + timedelta(days=1), -1),
    ):
        entry = _entry_of(first, day, settings.deferral_journal, first.entry_id + suffix)
        verb = "Deferred to the next financial year" if sign == 1 else "Reversal of deferral"
        total = sum((row.amount_deferred for row in deferred_rows), ZERO)
        entry.post(
            first.deferral_account,
            sign * total,
            sign * sum(originals, ZERO),
            "",
            f"{verb}: {first.invoice_number}",
        )
        for row, original in zip(deferred_rows, originals, strict=True):
            description = f"{verb}: {row.description} {row.service_start}..{row.service_end}"
            entry.post(
                row.gl_account, -sign * row.amount_deferred, -sign * original, "", description
            )
        entries.extend(entry.postings)
    return tuple(entries)


def _deferred_original(row: JournalRow, year_end: date) -> Decimal:
    """The deferred part of a row in the invoice's currency (the row's is functional)."""
    if row.currency == row.functional_currency:
        return row.amount_deferred
    deferred = deferred_amount(row.net_amount, row.service_start, row.service_end, year_end, ZERO)
    return deferred or ZERO


# ---------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """Totals of one booking month in one (functional) currency; gross = net + VAT charged."""

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
    """Totals per booking month and per product, each per functional currency (the invoice's
    own when the books have none), ordered by currency first (a chart per currency), then
    by month or product name."""
    months: dict[tuple[str, str | None], list[JournalRow]] = {}
    products: dict[tuple[str, str, str | None], Decimal] = {}
    for row in rows:
        months.setdefault((row.booking_period, row.functional_currency), []).append(row)
        key = (row.description, row.gl_account, row.functional_currency)
        products[key] = products.get(key, ZERO) + row.net_functional
    return LedgerSummary(
        months=tuple(
            _month_total(period, currency, months[period, currency])
            for period, currency in sorted(months, key=lambda key: (key[1] or "", key[0]))
        ),
        products=tuple(
            ProductTotal(product, account, currency, products[product, account, currency])
            for product, account, currency in sorted(
                products, key=lambda key: (key[2] or "", key[0].casefold(), key[0], key[1])
            )
        ),
    )


def _month_total(period: str, currency: str | None, rows: Sequence[JournalRow]) -> MonthTotal:
    net = sum((row.net_functional for row in rows), ZERO)
    vat = sum((row.vat_functional for row in rows), ZERO)
    return MonthTotal(
        booking_period=period,
        currency=currency,
        invoices=len({row.entry_id for row in rows}),
        net=net,
        vat=vat,
        gross=net + vat,
        self_assessed_vat=sum((row.self_assessed_vat for row in rows), ZERO),
    )
