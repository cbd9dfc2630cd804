"""Family C (Microsoft Customer Agreement): the checks its declared arithmetic drives, its
record's two extra fields and their round trip, and the reader's words and rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.checks import check_findings, is_reverse_charge, prorated_amount
from pipeline.layouts import arithmetic, payment_days
from pipeline.layouts.customer_agreement.reader import _anchors, _is_end_date, _unglued_dates
from pipeline.layouts.customer_agreement.vocabulary import INVOICE_NUMBER, net_days
from pipeline.model import Finding, Invoice, Line, Party, Section, Source, Word
from pipeline.record import invoice_from_record, invoice_record

D = Decimal
RULES = arithmetic("customer-agreement")


def row(
    quantity: str,
    price: str,
    charges: str,
    start: date,
    end: date,
    *,
    azure: str | None = None,
    rate: str = "0",
    tax: str = "0.00",
) -> Line:
    amount = D(charges) - D(azure or "0")
    return Line(
        product="Microsoft 365 Business Premium",
        period_start=start,
        period_end=end,
        days=(end - start).days + 1,
        quantity=D(quantity),
        unit_price=D(price),
        charges=D(charges),
        credits=D(azure) if azure is not None else None,
        amount=amount,
        tax_rate=D(rate),
        tax=D(tax),
        total=amount + D(tax),
    )


def agreement(*lines: Line, **changes: object) -> Invoice:
    """A Customer Agreement whose summary is what its rows add up to (no returns)."""
    charges = sum((line.charges or D(0) for line in lines), D("0.00"))
    azure = sum((line.credits or D(0) for line in lines), D("0.00"))
    tax = sum((line.tax or D(0) for line in lines), D("0.00"))
    made = Invoice(
        source=Source("c.pdf", "0" * 64, 3),
        family="customer-agreement",
        language="en",
        document_type="invoice",
        supplier=Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        customer=Party("Brouwerij De Linde BV", "BE0317224345"),
        invoice_number="G150047186",
        invoice_date=date(2025, 6, 2),
        period_start=date(2025, 5, 1),
        period_end=date(2025, 5, 31),
        currency="EUR",
        lines=lines,
        charges=charges,
        credits=azure,
        azure_credits=azure if any(line.credits for line in lines) else None,
        subtotal=charges - azure,
        tax=tax,
        total=charges - azure + tax,
    )
    return replace(made, **changes)


def codes(invoice: Invoice) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in check_findings(invoice)]


MAY = (date(2025, 5, 1), date(2025, 5, 31))


def test_a_full_month_and_a_prorated_row_are_read_against_their_charge_dates() -> None:
    full = row("6", "9.40", "56.40", *MAY)
    # 3 × 11.70 × 18/31 = 20.38: a month from the first charge date, or ending on the last
    prorated = row("3", "11.70", "20.38", date(2025, 5, 14), date(2025, 5, 31))
    assert codes(agreement(full, prorated)) == [("PRORATED_LINE", 2), ("REVERSE_CHARGE", None)]
    wrong = replace(prorated, charges=D("20.39"), amount=D("20.39"), total=D("20.39"))
    assert ("LINE_AMOUNT_MISMATCH", 2) in codes(agreement(full, wrong))


def test_a_prorated_credit_takes_the_term_ending_on_its_last_charge_date() -> None:
    """5 × 20.60 credited for 16/09–13/10: 28 days of the term 14/09–13/10 (30 days)."""
    credit = row("5", "20.60", "-96.13", date(2025, 9, 16), date(2025, 10, 13))
    assert prorated_amount(credit, RULES) == (D("96.13"), 30)
    note = agreement(credit, document_type="credit_note")
    assert codes(note) == [("PRORATED_LINE", 1), ("REVERSE_CHARGE", None)]


def test_an_annual_term_is_tried_when_a_month_does_not_match() -> None:
    # 2 × 140.40 × 100/365 = 76.93
    annual = row("2", "140.40", "76.93", date(2025, 5, 1), date(2025, 8, 8))
    assert prorated_amount(annual, RULES) == (D("76.93"), 365)


def test_a_return_row_is_a_row_and_the_rows_add_up_to_charges_less_credits() -> None:
    bought = row("12", "20.60", "247.20", *MAY)
    returned = row("2", "20.60", "-19.94", date(2025, 5, 17), date(2025, 5, 31))
    invoice = agreement(bought, returned, charges=D("247.20"), credits=D("19.94"))
    assert codes(invoice) == [("PRORATED_LINE", 2), ("REVERSE_CHARGE", None)]
    summary_off = replace(invoice, charges=D("247.30"), subtotal=D("227.36"))
    assert ("SUBTOTAL_MISMATCH", None) in codes(summary_off)


def test_azure_credit_is_a_balance_applied_not_a_credit_to_explain() -> None:
    usage = row("744", "0.0912", "67.85", *MAY, azure="50.00", rate="21", tax="3.75")
    seats = row("9", "11.70", "105.30", *MAY, rate="21", tax="22.11")
    invoice = agreement(usage, seats)
    assert (invoice.credits, invoice.subtotal, invoice.total) == (
        D("50.00"),
        D("123.15"),
        D("149.01"),
    )
    assert codes(invoice) == []
    assert ("SUBTOTAL_MISMATCH", None) in codes(replace(invoice, azure_credits=D("40.00")))
    fully_paid = row("1194", "9.60", "11462.40", *MAY, azure="11462.40")
    assert codes(agreement(fully_paid)) == [("REVERSE_CHARGE", None)]


def test_tax_rounded_per_row_may_differ_by_a_cent_per_row_and_no_more() -> None:
    """2.37 + 8.23 + 0.62 = 11.22 while 21 % of 53.47 is 11.23 (the tax due)."""
    lines = (
        row("1", "20.60", "11.30", date(2025, 10, 15), date(2025, 10, 31), rate="21", tax="2.37"),
        row("7", "5.60", "39.20", date(2025, 10, 1), date(2025, 10, 31), rate="21", tax="8.23"),
        row("3", "0.99", "2.97", date(2025, 10, 1), date(2025, 10, 31), rate="21", tax="0.62"),
    )
    domestic = dict(
        supplier=Party("Microsoft Distribution Netherlands B.V.", "NL852047319B01"),
        customer=Party("Installatiebedrijf Jansen B.V.", "NL315995178B01"),
    )
    invoice = agreement(*lines, tax=D("11.23"), total=D("64.70"), **domestic)
    assert codes(invoice) == [("PRORATED_LINE", 1)]
    assert not is_reverse_charge(invoice)  # the local entity's VAT: domestic, not reverse
    beyond = replace(invoice, tax=D("11.27"), total=D("64.74"))
    assert ("TAX_MISMATCH", None) in codes(beyond)


def test_a_credit_note_holds_its_checks_with_negative_signs() -> None:
    seats = row("4", "140.40", "-561.60", date(2024, 11, 18), date(2025, 11, 17), rate="21",
                tax="-117.94")  # fmt: skip
    visio = row("1", "14.00", "-12.19", date(2024, 12, 18), date(2025, 1, 13), rate="21",
                tax="-2.56")  # fmt: skip
    note = agreement(
        seats,
        visio,
        document_type="credit_note",
        supplier=Party("Microsoft Distribution Belgium BV", "BE0749301541"),
        customer=Party("Tandartsenpraktijk Maes BV", "BE0749390425"),
    )
    assert (note.total, note.tax) == (D("-694.29"), D("-120.50"))
    assert codes(note) == [("PRORATED_LINE", 2)]


def test_a_reverse_charge_needs_another_country_no_tax_and_a_customer_vat_number() -> None:
    invoice = agreement(row("6", "9.40", "56.40", *MAY))
    assert is_reverse_charge(invoice)
    assert not is_reverse_charge(replace(invoice, customer=Party("Brouwerij De Linde BV")))
    local = Party("Microsoft Distribution Belgium BV", "BE0749301541")
    assert not is_reverse_charge(replace(invoice, supplier=local))


def test_the_sections_add_up_to_the_invoice() -> None:
    a = row("3", "11.70", "20.38", date(2025, 5, 14), date(2025, 5, 31))
    b = row("6", "9.40", "56.40", *MAY)
    sections = (
        Section("Administratie", D("20.38"), D("0.00"), D("0.00"), D("20.38")),
        Section("Productie", D("56.40"), D("0.00"), D("0.00"), D("56.40")),
    )
    invoice = agreement(a, b, sections=sections)
    assert codes(invoice) == [("PRORATED_LINE", 1), ("REVERSE_CHARGE", None)]
    off = (sections[0], replace(sections[1], total=D("56.50")))
    assert codes(replace(invoice, sections=off)).count(("TOTAL_MISMATCH", None)) == 2
    total_off = replace(invoice, total=D("76.88"))  # reported once, by the summary's own sum
    assert codes(total_off).count(("TOTAL_MISMATCH", None)) == 1
    charges_off = (sections[0], replace(sections[1], charges=D("56.50"), total=D("56.50")))
    found = codes(replace(invoice, sections=charges_off))
    assert ("SUBTOTAL_MISMATCH", None) in found and ("TOTAL_MISMATCH", None) in found


# --- the record's two extra fields --------------------------------------------------------------


terms = st.one_of(st.none(), st.sampled_from(("Net 30 days", "Netto 30 dagen", "30 jours nets")))
numbers = st.one_of(st.none(), st.from_regex(r"G[0-9]{9}", fullmatch=True))


@given(terms, numbers, st.sampled_from(("invoice", "credit_note")))
def test_the_record_round_trip_keeps_the_terms_and_the_corrected_invoice(
    printed: str | None, original: str | None, kind: str
) -> None:
    invoice = agreement(
        row("6", "9.40", "56.40", *MAY),
        payment_terms=printed,
        original_invoice=original,
        document_type=kind,
        findings=(Finding.of("REVERSE_CHARGE", "0% VAT"),),
    )
    record = invoice_record(invoice)
    assert (record["payment_terms"], record["original_invoice"]) == (printed, original)
    back = invoice_from_record(record)
    assert invoice_record(back) == record
    assert back.payment_days == (30 if printed else None)


def test_the_records_of_the_other_families_keep_the_schemas_fields_only() -> None:
    record = invoice_record(agreement(row("6", "9.40", "56.40", *MAY), family="online-services"))
    assert "payment_terms" not in record and "original_invoice" not in record


@given(st.integers(1, 120))
def test_net_terms_give_their_days_in_every_language(days: int) -> None:
    for printed in (f"Net {days} days", f"Netto {days} dagen", f"{days} dagen netto",
                    f"{days} jours nets", f"Netto {days} Tage", f"net {days} days."):  # fmt: skip
        assert net_days(printed) == days, printed
        assert payment_days("customer-agreement", printed) == days
    assert payment_days("online-services", f"Net {days} days") is None
    assert net_days(f"Due on receipt, {days} days") is None


def test_the_invoice_numbers_follow_the_documented_pattern() -> None:
    for number in (
        "G123456789",
        "G016907411",
        "H12345678A",
        "T0000AAAA1",
        "HT12345ABCD",
        "H1-AB12",
    ):
        assert INVOICE_NUMBER.match(number), number
    for other in ("E0300QOPRU", "C10001358H", "D123456789", "G12345678", "g123456789"):
        assert not INVOICE_NUMBER.match(other), other


# --- the reader's rows ---------------------------------------------------------------------


def words(*texts: str) -> list[Word]:
    out, x = [], 100.0
    for text in texts:
        out.append(Word(text, x, x + 5 * len(text), 0, 9, 2))
        x += 5 * len(text) + 4
    return out


def test_a_line_that_only_continues_the_charge_dates_starts_no_row() -> None:
    assert _is_end_date(words("31/10/2024"))
    assert _is_end_date(words("-", "31/10/2024"))
    assert _is_end_date(words("28/02/2026", "9,40", "42", "394,80", "0%", "0,00", "394,80"))
    assert not _is_end_date(words("17/10/2024", "-"))
    assert not _is_end_date(words("01/10/2024", "-", "31/10/2024", "20,60"))
    lines = [
        words("01/10/2024", "-"),
        words("20,60", "12", "247,20", "0%", "0,00", "247,20"),
        words("31/10/2024"),
        words("17/10/2024", "-"),
        words("31/10/2024", "20,60", "2", "-19,94", "0%", "0,00", "-19,94"),
        words("01/10/2024", "-", "31/10/2024", "11,70", "5", "58,50", "0%", "0,00", "58,50"),
    ]
    assert _anchors(lines) == [0, 3, 5]


def test_a_charge_date_glued_to_the_product_name_is_split_off() -> None:
    glued = Word("Essentials07/31/2021", 100.0, 200.0, 0, 9, 2)
    first, second = _unglued_dates([glued])
    assert (first.text, second.text) == ("Essentials", "07/31/2021")
    assert first.x1 == second.x0 == 100.0 + 100.0 * 10 / 20
    assert [w.text for w in _unglued_dates([Word("2024/311", 0, 40, 0, 9, 1)])] == ["2024/311"]


def test_net_terms_and_the_due_date_of_the_ledger() -> None:
    from pipeline.ledger import due_date

    invoice = agreement(row("6", "9.40", "56.40", *MAY), payment_days=30)
    assert due_date(invoice) == invoice.invoice_date + timedelta(days=30)  # type: ignore[operator]
    assert due_date(replace(invoice, payment_days=None)) is None


def test_check_names_a_credit_note_and_the_invoice_it_corrects() -> None:
    from pipeline.report import check_block

    credit = row("5", "20.60", "-96.13", date(2025, 9, 16), date(2025, 10, 13))
    note = agreement(credit, document_type="credit_note", original_invoice="G886085392")
    assert check_block("cn.pdf", note).splitlines()[:2] == [
        "cn.pdf",
        "  credit note G150047186 (corrects G886085392), total EUR -96,13, status ok",
    ]
    plain = agreement(row("6", "9.40", "56.40", *MAY))
    assert check_block("i.pdf", plain).splitlines()[1] == (
        "  invoice G150047186, total EUR 56,40, status ok"
    )


# --- a Customer Agreement drawn here: a note beneath a row, a product wrapped above its values


def draw_agreement(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(595, 842))

    def text(x: float, y: float, line: str, size: float = 9) -> None:
        canvas.setFont("Helvetica", size)
        canvas.drawString(x, 842 - y, line)

    def footer(page: int) -> None:
        text(40, 800, "Microsoft Ireland Operations Ltd - One Microsoft Place - Dublin 18", 7)
        text(40, 810, f"VAT number: IE 8256796 U     Page {page} of 2", 7)

    text(40, 30, "Microsoft Credit Note", 16)
    text(40, 70, "Invoice summary", 12)
    for y, left, right in (
        (95, "Sold to", "Billing profile: Klok"),
        (107, "Brouwerij De Klok BV", "Credit note number: G550000001"),
        (119, "Kerkstraat 1", "Credit note date: 03/15/2026"),
        (131, "9000 Gent", "Original invoice: G440000001"),
        (143, "BE 0123.456.749", ""),
    ):
        text(40, y, left)
        text(300, y, right)
    text(40, 175, "Billing period: 02/01/2026 - 02/28/2026")
    for y, label, value in (
        (200, "Billing summary", ""),
        (215, "Charges", "-1,000.00"),
        (227, "Credits", "0.00"),
        (239, "Azure credits applied", "-100.00"),
        (251, "Subtotal", "-900.00"),
        (263, "Total", "-900.00 EUR"),
    ):
        text(300, y, label)
        text(450, y, value)
    footer(1)
    canvas.showPage()
    text(40, 50, "Details by invoice section", 12)
    text(43, 70, "Invoice section: Klok Brewing")
    text(40, 82, "Product order: Azure plan")
    columns = (40, 200, 300, 350, 385, 450, 490, 520, 555)
    for x, title in zip(columns, ("Product", "Charge dates", "Unit price", "Qty",
                                  "Charges/Credits", "Azure Credit", "Tax rate", "Tax amount",
                                  "Total"), strict=False):  # fmt: skip
        text(x, 100, title, 7)
    text(40, 115, "Virtual Machines Dv3 Series -", 8)
    text(40, 125, "D2 v3 - EU West", 8)
    values = ("02/01/2026 - 02/28/2026", "0.5000", "1200", "-600.00", "-60.00", "0%", "0.00",
              "-540.00")  # fmt: skip
    for x, value in zip(columns[1:], values, strict=True):
        text(x, 125, value, 7)
    text(40, 137, "Savings plan 12% off the list price", 7)
    text(40, 152, "Managed Disks", 8)
    values = ("02/01/2026 - 02/28/2026", "10.0000", "40", "-400.00", "-40.00", "0%", "0.00",
              "-360.00")  # fmt: skip
    for x, value in zip(columns[1:], values, strict=True):
        text(x, 152, value, 7)
    text(40, 300, "Payment instructions", 12)
    text(40, 320, "This credit note will be refunded to your payment method.")
    footer(2)
    canvas.save()


def test_a_drawn_credit_note_reads_to_its_values(tmp_path: Path) -> None:
    from pipeline.reading import read_invoice

    pdf = tmp_path / "credit.pdf"
    draw_agreement(pdf)
    note = read_invoice(pdf)
    assert (note.family, note.language, note.document_type) == (
        "customer-agreement",
        "en",
        "credit_note",
    )
    assert (note.invoice_number, note.original_invoice, note.invoice_date) == (
        "G550000001",
        "G440000001",
        date(2026, 3, 15),
    )
    assert (note.supplier, note.customer) == (
        Party("Microsoft Ireland Operations Ltd", "IE8256796U"),
        Party("Brouwerij De Klok BV", "BE0123456749"),
    )
    assert (note.charges, note.credits, note.subtotal, note.tax, note.total) == (
        D("-1000.00"),
        D("-100.00"),  # the Azure credit given back, negative like the charges
        D("-900.00"),
        D("0.00"),
        D("-900.00"),
    )
    assert [(li.product, li.quantity, li.unit_price, li.charges, li.credits, li.amount, li.days)
            for li in note.lines] == [
        ("Virtual Machines Dv3 Series - D2 v3 - EU West", D("1200"), D("0.5000"), D("-600.00"),
         D("-60.00"), D("-540.00"), 28),
        ("Managed Disks", D("40"), D("10.0000"), D("-400.00"), D("-40.00"), D("-360.00"), 28),
    ]  # fmt: skip
    assert [(f.code, f.line) for f in note.findings] == [("REVERSE_CHARGE", None)]
