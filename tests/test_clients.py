"""Whose books an invoice goes in: routing, VAT for the client's country, currencies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from pipeline.clients import (
    FOREIGN_VAT,
    NO_EXCHANGE_RATE,
    UNKNOWN_CLIENT,
    Refusal,
    book_for_client,
    client_folder,
    client_of,
    ubl_buyer,
)
from pipeline.config import Client, Settings
from pipeline.ledger import vat_case
from pipeline.model import Booking, Invoice, Line, Party, Posting, Source
from pipeline.rates import no_rates, rates_from_csv
from pipeline.ubl.types import Buyer

D = Decimal
MS_IRELAND = Party("Microsoft Ireland Operations Ltd", "IE8256796U")
MS_BELGIUM = Party("Microsoft NV", "BE0202239951")
MS_CORPORATION = Party("Microsoft Corporation", None)
DE_KLOK_CUSTOMER = Party("Brouwerij De Klok BV", "BE0123456749")
DE_KLOK = Client(name="Brouwerij De Klok BV", vat_number="BE0123456749", country="BE")
VAN_DIJK = Client(
    name="Van Dijk Installatietechniek BV",
    vat_number="NL853746333B01",
    country="NL",
    journal="INK",
    accounts=(("ap", "1600"), ("expense", "4100"), ("vat_deductible", "1510"), ("vat_due", "1500")),
)
TWO_CLIENTS = Settings(clients=(DE_KLOK, VAN_DIJK))
#: USD per euro as the ECB publishes it: Friday 26 February 2016, nothing on the weekend.
ECB_CSV = "Date,USD,JPY,CYP,\n2016-02-26,1.5000,125.0,N/A,\n2016-02-25,1.1000,124.0,N/A,\n"


def invoice(
    *nets_and_taxes: tuple[str, str],
    customer: Party = DE_KLOK_CUSTOMER,
    supplier: Party = MS_IRELAND,
    currency: str = "EUR",
    day: date = date(2025, 3, 10),
    rate: str = "0",
) -> Invoice:
    """An invoice of one line per (net, tax), service on its day (nothing to defer)."""
    lines = tuple(
        Line(
            product=f"Product {number}",
            period_start=day,
            period_end=day,
            quantity=D(1),
            unit_price=D(net),
            price_basis="month",
            charges=D(net),
            amount=D(net),
            tax_rate=D(rate),
            tax=D(tax),
            total=D(net) + D(tax),
            page=1,
        )
        for number, (net, tax) in enumerate(nets_and_taxes, 1)
    )
    subtotal = sum((line.amount or D(0) for line in lines), D("0.00"))
    tax = sum((line.tax or D(0) for line in lines), D("0.00"))
    return Invoice(
        source=Source("Invoice.pdf", "ab" * 32, 1),
        family="online-services",
        document_type="invoice",
        supplier=supplier,
        customer=customer,
        invoice_number="E0800ABCDE",
        invoice_date=day,
        period_start=day,
        period_end=day,
        currency=currency,
        lines=lines,
        subtotal=subtotal,
        tax=tax,
        total=subtotal + tax,
        reverse_charge=supplier.country not in (None, customer.country) and not tax,
    )


def booked(result: Booking | Refusal) -> Booking:
    assert isinstance(result, Booking), result
    return result


def sides(postings: tuple[Posting, ...]) -> list[tuple[str, str, str, str, str]]:
    """(journal, account, debit, credit, vat code) of each posting."""
    return [(p.journal, p.account, str(p.debit), str(p.credit), p.vat_code) for p in postings]


def balance(postings: tuple[Posting, ...]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for p in postings:
        totals[p.entry_id] = totals.get(p.entry_id, D(0)) + p.debit - p.credit
    return totals


# ------------------------------------------------------------------ routing


def test_an_invoice_for_a_configured_client_is_booked_in_its_belgian_books() -> None:
    result = booked(book_for_client(invoice(("432.00", "0.00")), TWO_CLIENTS, no_rates()))
    assert client_of(result.invoice, TWO_CLIENTS.clients) == DE_KLOK
    (row,) = result.rows
    assert (row.journal, row.vat_code, row.vat_boxes, row.self_assessed_vat) == (
        "AANK",
        "EU-S-21",
        "82,88,55,59",
        D("90.72"),
    )
    assert sides(result.postings) == [
        ("AANK", "613310", "432.00", "0.00", "EU-S-21"),
        ("AANK", "411000", "90.72", "0.00", "EU-S-21"),
        ("AANK", "451000", "0.00", "90.72", "EU-S-21"),
        ("AANK", "440000", "0.00", "432.00", ""),
    ]
    assert result.findings == ()
    assert balance(result.postings) == {"IE8256796U-E0800ABCDE": D(0)}


def test_an_invoice_for_another_client_is_routed_to_its_dutch_books_and_accounts() -> None:
    to_van_dijk = invoice(
        ("200.00", "0.00"), customer=Party("Van Dijk Installatietechniek B.V.", "NL853746333B01")
    )
    result = booked(book_for_client(to_van_dijk, TWO_CLIENTS, no_rates()))
    assert client_of(result.invoice, TWO_CLIENTS.clients) == VAN_DIJK
    (row,) = result.rows
    assert (row.journal, row.vat_code, row.vat_boxes, row.gl_account, row.ap_account) == (
        "INK",
        "EU-S-21",
        "4b,5b",
        "4100",
        "1600",
    )
    assert row.self_assessed_vat == D("42.00")
    assert sides(result.postings) == [
        ("INK", "4100", "200.00", "0.00", "EU-S-21"),
        ("INK", "1510", "42.00", "0.00", "EU-S-21"),
        ("INK", "1500", "0.00", "42.00", "EU-S-21"),
        ("INK", "1600", "0.00", "200.00", ""),
    ]
    assert balance(result.postings) == {"IE8256796U-E0800ABCDE": D(0)}


def test_an_invoice_for_nobody_configured_is_an_error_naming_its_customer() -> None:
    stranger = invoice(("100.00", "0.00"), customer=Party("Garage Peeters BV", "BE0228056304"))
    result = book_for_client(stranger, TWO_CLIENTS, no_rates())
    assert isinstance(result, Refusal)
    (finding,) = result.findings
    assert (finding.code, finding.severity) == (UNKNOWN_CLIENT, "error")
    assert finding.message == (
        "addressed to Garage Peeters BV (BE0228056304), who is not a configured client "
        "(Brouwerij De Klok BV, Van Dijk Installatietechniek BV); not exported"
    )


def test_an_invoice_without_a_customer_vat_number_goes_to_the_client_of_that_name() -> None:
    by_name = invoice(("10.00", "0.00"), customer=Party("BROUWERIJ  de Klok bv", None))
    assert client_of(by_name, TWO_CLIENTS.clients) == DE_KLOK


def test_a_client_name_with_another_vat_number_is_not_that_client() -> None:
    other = invoice(("10.00", "0.00"), customer=Party("Brouwerij De Klok BV", "BE0228056304"))
    assert client_of(other, TWO_CLIENTS.clients) is None


def test_without_clients_every_invoice_is_booked_as_before_in_its_own_currency() -> None:
    usd = invoice(("100.00", "0.00"), supplier=MS_CORPORATION, currency="USD")
    result = booked(book_for_client(usd, Settings(), no_rates()))
    (row,) = result.rows
    assert (row.currency, row.functional_currency, row.exchange_rate, row.net_functional) == (
        "USD",
        "USD",
        D(1),
        D("100.00"),
    )
    assert [(p.currency, p.original_currency, p.original_amount) for p in result.postings] == [
        ("USD", "USD", D("100.00")),
        ("USD", "USD", D("-100.00")),
    ]


def test_each_client_has_its_own_folder_when_several_are_configured() -> None:
    assert client_folder(DE_KLOK, (DE_KLOK,)) == ""
    assert client_folder(DE_KLOK, (DE_KLOK, VAN_DIJK)) == "BE0123456749"
    assert client_folder(replace(VAN_DIJK, folder="vandijk"), (DE_KLOK, VAN_DIJK)) == "vandijk"
    assert client_folder(Client(name="Café Noord / Zuid", country="BE"), (DE_KLOK, VAN_DIJK)) == (
        "Café-Noord-Zuid"
    )


# ------------------------------------------------------------------ VAT for the client's country


def test_domestic_21_percent_is_deductible_in_the_clients_country() -> None:
    domestic = invoice(("100.00", "21.00"), supplier=MS_BELGIUM, rate="21")
    result = booked(book_for_client(domestic, TWO_CLIENTS, no_rates()))
    (row,) = result.rows
    assert (row.vat_code, row.vat_boxes, row.vat_amount, row.self_assessed_vat) == (
        "VAT-21",
        "82,59",
        D("21.00"),
        D("0.00"),
    )
    assert sides(result.postings) == [
        ("AANK", "613310", "100.00", "0.00", "VAT-21"),
        ("AANK", "411000", "21.00", "0.00", "VAT-21"),
        ("AANK", "440000", "0.00", "121.00", ""),
    ]
    assert result.findings == ()


def test_irish_23_percent_to_a_belgian_client_is_a_cost_with_a_finding() -> None:
    irish = invoice(("100.00", "23.00"), customer=Party("Brouwerij De Klok BV", None), rate="23")
    result = booked(book_for_client(irish, TWO_CLIENTS, no_rates()))
    (row,) = result.rows
    assert (row.vat_code, row.vat_boxes, row.status) == ("FOREIGN-VAT", "", "warning")
    assert sides(result.postings) == [
        ("AANK", "613310", "100.00", "0.00", "FOREIGN-VAT"),
        ("AANK", "613310", "23.00", "0.00", "FOREIGN-VAT"),
        ("AANK", "440000", "0.00", "123.00", ""),
    ]
    assert "411000" not in {p.account for p in result.postings}
    (finding,) = result.findings
    assert (finding.code, finding.severity) == (FOREIGN_VAT, "warning")
    assert finding.message == (
        "IE VAT 23% (23.00 EUR) charged by Microsoft Ireland Operations Ltd is VAT of another "
        "country than BE: not deductible, added to the expense"
    )


def test_foreign_vat_goes_to_the_account_to_reclaim_when_one_is_configured() -> None:
    irish = invoice(("100.00", "23.00"), customer=Party("Brouwerij De Klok BV", None), rate="23")
    settings = replace(TWO_CLIENTS, foreign_vat_account="416000")
    result = booked(book_for_client(irish, settings, no_rates()))
    assert sides(result.postings) == [
        ("AANK", "613310", "100.00", "0.00", "FOREIGN-VAT"),
        ("AANK", "416000", "23.00", "0.00", "FOREIGN-VAT"),
        ("AANK", "440000", "0.00", "123.00", ""),
    ]
    assert result.findings[0].message.endswith(
        "not deductible, booked on 416000 (foreign VAT to reclaim)"
    )


def test_the_vat_case_follows_the_clients_country_and_rate() -> None:
    belgian, dutch = Settings(buyer_country="BE"), Settings(buyer_country="NL")
    no_number = Party("Brouwerij De Klok BV", None)
    # an EU supplier abroad charging the buyer's own rate: that country's VAT (since 2015)
    oss = invoice(("100.00", "21.00"), customer=no_number, rate="21")
    assert (vat_case(oss, belgian), vat_case(oss, dutch)) == ("domestic", "domestic")
    belgian_entity = invoice(("100.00", "21.00"), supplier=MS_BELGIUM, rate="21")
    assert (vat_case(belgian_entity, belgian), vat_case(belgian_entity, dutch)) == (
        "domestic",
        "domestic",
    )
    irish = invoice(("100.00", "23.00"), customer=no_number, rate="23")
    assert vat_case(irish, replace(belgian, buyer_vat_rate=D(23))) == "domestic"
    assert vat_case(irish, belgian) == "foreign"
    sales_tax = invoice(("100.00", "8.75"), supplier=MS_CORPORATION, currency="USD", rate="8.75")
    assert vat_case(sales_tax, belgian) == "non_eu"


# ------------------------------------------------------------------ currencies


def test_a_usd_invoice_is_converted_at_the_last_rate_before_a_weekend_and_balances() -> None:
    usd = invoice(
        ("100.00", "0.00"),
        ("100.00", "0.00"),
        ("100.00", "0.00"),
        supplier=MS_CORPORATION,
        currency="USD",
        day=date(2016, 2, 28),  # a Sunday: Friday's rate, 1.5000 USD per euro
    )
    rates = rates_from_csv(ECB_CSV, "eurofxref-hist.csv")
    result = booked(book_for_client(usd, TWO_CLIENTS, rates))
    assert [
        (r.currency, r.net_amount, r.functional_currency, r.exchange_rate, r.rate_date)
        for r in result.rows
    ] == [("USD", D("100.00"), "EUR", D("1.5000"), date(2016, 2, 26))] * 3
    # 100.00 / 1.5 = 66.67 each, 300.00 / 1.5 = 200.00: the residual cent leaves the first line
    assert [r.net_functional for r in result.rows] == [D("66.66"), D("66.67"), D("66.67")]
    assert {(r.gross_total, r.gross_functional) for r in result.rows} == {
        (D("300.00"), D("200.00"))
    }
    assert [
        (p.account, p.debit, p.credit, p.currency, p.original_amount, p.original_currency)
        for p in result.postings
    ] == [
        ("613310", D("66.66"), D("0.00"), "EUR", D("100.00"), "USD"),
        ("613310", D("66.67"), D("0.00"), "EUR", D("100.00"), "USD"),
        ("613310", D("66.67"), D("0.00"), "EUR", D("100.00"), "USD"),
        ("440000", D("0.00"), D("200.00"), "EUR", D("-300.00"), "USD"),
    ]
    assert balance(result.postings) == {"MicrosoftCorporation-E0800ABCDE": D(0)}


def test_a_usd_invoice_with_sales_tax_converts_each_amount_half_up() -> None:
    usd = invoice(
        ("1000.00", "87.50"),
        ("333.33", "29.17"),
        supplier=MS_CORPORATION,
        currency="USD",
        day=date(2016, 2, 25),
        rate="8.75",
    )
    rates = rates_from_csv(ECB_CSV, "eurofxref-hist.csv")
    result = booked(book_for_client(usd, TWO_CLIENTS, rates))
    # at 1.1000: 1000.00 → 909.09, 87.50 → 79.55, 333.33 → 303.03, 29.17 → 26.52;
    # total 1450.00 → 1318.18 = 909.09 + 79.55 + 303.03 + 26.52 - 0.01 (from the largest line)
    assert [(r.net_functional, r.vat_functional) for r in result.rows] == [
        (D("909.08"), D("79.55")),
        (D("303.03"), D("26.52")),
    ]
    assert sides(result.postings) == [
        ("AANK", "613310", "909.08", "0.00", "NON-EU"),
        ("AANK", "613310", "303.03", "0.00", "NON-EU"),
        ("AANK", "613310", "79.55", "0.00", "NON-EU"),
        ("AANK", "613310", "26.52", "0.00", "NON-EU"),
        ("AANK", "440000", "0.00", "1318.18", ""),
    ]
    assert balance(result.postings) == {"MicrosoftCorporation-E0800ABCDE": D(0)}


def test_a_usd_invoice_without_a_rate_for_its_date_is_not_exported() -> None:
    usd = invoice(
        ("100.00", "0.00"), supplier=MS_CORPORATION, currency="USD", day=date(2016, 3, 10)
    )
    rates = rates_from_csv(ECB_CSV, "eurofxref-hist.csv")
    result = book_for_client(usd, TWO_CLIENTS, rates)
    assert isinstance(result, Refusal)
    (finding,) = result.findings
    assert (finding.code, finding.severity, finding.message) == (
        NO_EXCHANGE_RATE,
        "error",
        "no USD/EUR exchange rate for 2016-03-10 or the days just before it in "
        "eurofxref-hist.csv; not exported",
    )


def test_a_usd_invoice_without_a_rates_file_says_so() -> None:
    usd = invoice(("100.00", "0.00"), supplier=MS_CORPORATION, currency="USD")
    result = book_for_client(usd, TWO_CLIENTS, no_rates())
    assert isinstance(result, Refusal)
    assert result.findings[0].message == (
        "no USD/EUR exchange rate for 2025-03-10 or the days just before it "
        "(no exchange-rates file is configured); not exported"
    )


def test_a_client_is_the_buyer_of_its_invoices_ubl_files() -> None:
    client = replace(DE_KLOK, peppol_id="0208:0123456749", street="Markt 1", city="Gent")
    assert ubl_buyer(client) == Buyer(
        name="Brouwerij De Klok BV",
        vat_number="BE0123456749",
        country="BE",
        peppol_id="0208:0123456749",
        street="Markt 1",
        city="Gent",
    )
