"""XLSX and CSV files read back: real dates and numbers, exact amounts, text never a formula."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import writers
from pipeline.config import CsvDialect
from pipeline.ledger import LedgerSummary, MonthTotal, ProductTotal
from pipeline.model import Booking, Finding, Invoice, JournalRow, Posting, Source
from pipeline.writers import (
    BatchOutput,
    Document,
    Format,
    UnknownFormat,
    batch_files,
    chosen_formats,
    format_names,
    renderer,
)
from pipeline.writers.csv import csv_bytes, decimal_text, text_field
from pipeline.writers.files import publish, temp_path_of, write_bytes
from pipeline.writers.tables import (
    FORMULA_PREFIXES,
    JOURNAL_HEADER,
    CheckRow,
    Sheet,
    check_rows,
    checks_table,
    journal_table,
    postings_table,
    safe_text,
)
from pipeline.writers.xlsx import invoice_sheets, workbook_bytes

D = Decimal
SHA = "ab" * 32
CREATED = datetime(2025, 2, 1, 9, 30, 0)
FORMULA_NAMES = ('=HYPERLINK("http://x","y")', "+1", "-2", "@x")


def journal_row(**changes: object) -> JournalRow:
    """The worked example of ledger.md."""
    row = JournalRow(
        entry_id="IE8256796U-E0800ABCDE",
        journal="AANK",
        booking_period="2025-01",
        invoice_number="E0800ABCDE",
        invoice_date=date(2025, 1, 15),
        due_date=date(2025, 2, 14),
        supplier_name="Microsoft Ireland Operations Ltd",
        supplier_vat="IE8256796U",
        supplier_country="IE",
        customer_vat="BE0123456749",
        currency="EUR",
        line_no=1,
        description="Microsoft 365 Business Basic",
        quantity=D("5"),
        unit_price=D("54.00"),
        price_basis="year",
        service_start=date(2025, 1, 15),
        service_end=date(2026, 1, 14),
        net_amount=D("270.00"),
        vat_rate=D("0"),
        vat_amount=D("0.00"),
        reverse_charge=True,
        self_assessed_vat=D("56.70"),
        vat_code="EU-S-21",
        vat_boxes="82,88,55,59",
        gl_account="613310",
        ap_account="440000",
        amount_this_year=D("259.64"),
        amount_deferred=D("10.36"),
        deferral_account="490000",
        gross_total=D("270.00"),
        functional_currency="EUR",
        exchange_rate=D("1"),
        rate_date=None,
        net_functional=D("270.00"),
        vat_functional=D("0.00"),
        gross_functional=D("270.00"),
        status="ok",
        source_file="Invoice.pdf",
        source_page=2,
        source_sha256=SHA,
        document_type="invoice",
        original_invoice=None,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def credit_posting() -> Posting:
    return Posting(
        date=date(2025, 1, 15),
        journal="AANK",
        entry_id="IE8256796U-E0800ABCDE",
        account="440000",
        debit=D("0.00"),
        credit=D("270.00"),
        currency="EUR",
        original_amount=D("-270.00"),
        original_currency="EUR",
        exchange_rate=D("1"),
        vat_code="",
        description="Microsoft Ireland Operations Ltd E0800ABCDE",
        source="Invoice.pdf",
    )


CHECK = CheckRow("Broken.pdf", SHA, None, "UNREADABLE_PDF", "error", None, "the file is empty")
SUMMARY = LedgerSummary(
    months=(
        MonthTotal("2025-01", "EUR", 1, D("270.00"), D("0.00"), D("270.00"), D("56.70")),
        MonthTotal("2025-02", "EUR", 2, D("-10.36"), D("0.00"), D("-10.36"), D("-2.18")),
    ),
    products=(ProductTotal("Microsoft 365 Business Basic", "613310", "EUR", D("270.00")),),
)


def batch_workbook(tmp_path: Path, rows: tuple[JournalRow, ...]) -> Path:
    path = tmp_path / "invoices.xlsx"
    sheets = invoice_sheets(rows, (credit_posting(),), (CHECK,), SUMMARY)
    path.write_bytes(workbook_bytes(sheets, CREATED))
    return path


def write_journal_csv(path: Path, rows: list[JournalRow], dialect: CsvDialect) -> None:
    path.write_bytes(csv_bytes(journal_table(rows), dialect))


def write_postings_csv(path: Path, postings: list[Posting], dialect: CsvDialect) -> None:
    path.write_bytes(csv_bytes(postings_table(postings), dialect))


def sheet_xml(path: Path, number: int) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


def column(name: str) -> int:
    return JOURNAL_HEADER.index(name) + 1


# ---------------------------------------------------------------- XLSX


def test_the_workbook_has_the_journal_postings_checks_and_summary_sheets(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))
    assert book.sheetnames == ["Journal", "Postings", "Checks", "Summary"]


def test_journal_sheet_columns_are_the_journal_row_fields_in_ledger_order(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Journal"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["entry_id", "journal", "booking_period", "invoice_number"]
    assert header[30:37] == [  # ledger.md's columns end here: later ones are appended
        "gross_total",
        "status",
        "source_file",
        "source_page",
        "source_sha256",
        "document_type",
        "original_invoice",
    ]
    assert header[37:] == [
        "functional_currency",
        "exchange_rate",
        "rate_date",
        "net_functional",
        "vat_functional",
        "gross_functional",
    ]
    assert tuple(header) == JOURNAL_HEADER
    assert len(header) == 43


def test_dates_are_date_cells_with_an_iso_format(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Journal"]
    cell = sheet.cell(row=2, column=column("invoice_date"))
    assert cell.is_date
    assert cell.value == datetime(2025, 1, 15)
    assert cell.number_format == "yyyy-mm-dd"
    assert sheet.cell(row=2, column=column("service_end")).value == datetime(2026, 1, 14)


def test_amounts_are_number_cells_equal_to_the_decimal_values(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Journal"]
    expected = {
        "net_amount": D("270.00"),
        "self_assessed_vat": D("56.70"),
        "amount_this_year": D("259.64"),
        "amount_deferred": D("10.36"),
        "gross_total": D("270.00"),
        "vat_amount": D("0.00"),
    }
    for name, amount in expected.items():
        cell = sheet.cell(row=2, column=column(name))
        assert cell.data_type == "n", name
        assert cell.number_format == "0.00", name
        assert D(str(cell.value)) == amount, name


def test_amounts_are_stored_as_their_exact_decimal_digits(tmp_path: Path) -> None:
    path = batch_workbook(tmp_path, (journal_row(),))
    xml = sheet_xml(path, 1)
    cells = dict(re.findall(r'<c r="([A-Z]+2)"[^>]*><v>([^<]*)</v>', xml))
    letter = openpyxl.utils.get_column_letter
    assert cells[f"{letter(column('amount_this_year'))}2"] == "259.64"
    assert cells[f"{letter(column('amount_deferred'))}2"] == "10.36"
    assert cells[f"{letter(column('self_assessed_vat'))}2"] == "56.7"
    assert cells[f"{letter(column('unit_price'))}2"] == "54"


def test_quantity_line_number_and_flags_keep_their_own_types(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Journal"]
    assert sheet.cell(row=2, column=column("quantity")).value == 5
    assert sheet.cell(row=2, column=column("line_no")).value == 1
    assert sheet.cell(row=2, column=column("reverse_charge")).value is True
    assert sheet.cell(row=2, column=column("gl_account")).value == "613310"
    assert sheet.cell(row=2, column=column("unit_price")).number_format == "0.00##"


def test_every_sheet_has_a_frozen_header_and_a_filter(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(), journal_row())))
    assert book["Journal"].freeze_panes == "A2"
    assert book["Journal"].auto_filter.ref == "A1:AQ3"
    assert book["Postings"].freeze_panes == "A2"
    assert book["Postings"].auto_filter.ref == "A1:M2"
    assert book["Checks"].auto_filter.ref == "A1:G2"
    summary = book["Summary"]
    assert summary.freeze_panes == "A2"
    assert dict(summary.tables.items()) == {
        "Months": "A1:G3",
        "Products": "I1:L2",
    }


def test_columns_are_wide_enough_for_their_header_and_values(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Journal"]
    letter = openpyxl.utils.get_column_letter
    assert sheet.column_dimensions[letter(column("supplier_name"))].width == 34
    assert sheet.column_dimensions[letter(column("journal"))].width == 11
    assert sheet.column_dimensions[letter(column("source_sha256"))].width == 60


def test_the_checks_sheet_lists_a_file_that_could_not_be_read(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Checks"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        ("file", "sha256", "invoice_number", "code", "severity", "line", "message"),
        ("Broken.pdf", SHA, None, "UNREADABLE_PDF", "error", None, "the file is empty"),
    ]


def test_the_summary_sheet_has_month_and_product_totals_and_two_bar_charts(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [
        (
            "booking_period", "currency", "invoices", "net", "vat", "gross",
            "self_assessed_vat", None, "product", "gl_account", "currency", "net",
        ),
        ("2025-01", "EUR", 1, 270, 0, 270, 56.7, None,
         "Microsoft 365 Business Basic", "613310", "EUR", 270),
        ("2025-02", "EUR", 2, -10.36, 0, -10.36, -2.18, None, None, None, None, None),
    ]  # fmt: skip
    with zipfile.ZipFile(tmp_path / "invoices.xlsx") as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        chart = archive.read(charts[0]).decode()
    assert "<barChart>" in chart
    assert "<val><numRef><f>'Summary'!$D$2:$D$3</f></numRef></val>" in chart
    assert "<cat><strRef><f>'Summary'!$A$2:$A$3</f></strRef></cat>" in chart


def test_pandas_reads_dates_as_datetimes_and_amounts_as_exact_numbers(tmp_path: Path) -> None:
    rows = (journal_row(), journal_row(line_no=2, net_amount=D("-10.36"), description="Credit"))
    frame = pd.read_excel(batch_workbook(tmp_path, rows), sheet_name="Journal")
    assert str(frame["invoice_date"].dtype).startswith("datetime64")
    assert frame["invoice_date"].tolist() == [pd.Timestamp(2025, 1, 15)] * 2
    assert frame["net_amount"].tolist() == [270.0, -10.36]
    assert frame["amount_this_year"].tolist() == [259.64, 259.64]
    assert frame["reverse_charge"].tolist() == [True, True]


@pytest.mark.parametrize("text", FORMULA_NAMES)
def test_formula_looking_product_names_are_text_cells_in_xlsx(tmp_path: Path, text: str) -> None:
    rows = (journal_row(description=text, net_amount=D("-10.36")),)
    path = batch_workbook(tmp_path, rows)
    cell = openpyxl.load_workbook(path)["Journal"].cell(row=2, column=column("description"))
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    amount = openpyxl.load_workbook(path)["Journal"].cell(row=2, column=column("net_amount"))
    assert amount.data_type == "n"
    assert amount.value == -10.36
    assert "<f>" not in sheet_xml(path, 1)


@pytest.mark.parametrize("text", [*FORMULA_NAMES, "\tcmd"])
def test_formula_looking_text_is_stored_as_an_inline_string_not_a_formula(
    tmp_path: Path, text: str
) -> None:
    path = batch_workbook(tmp_path, (journal_row(description=text),))
    letter = openpyxl.utils.get_column_letter(column("description"))
    xml = sheet_xml(path, 1)
    (cell,) = re.findall(rf'<c r="{letter}2"[^>]*>.*?</c>', xml)
    assert re.fullmatch(
        rf'<c r="{letter}2" s="\d+" t="inlineStr"><is><t[^>]*>(.*)</t></is></c>', cell
    )
    assert openpyxl.load_workbook(path)["Journal"][f"{letter}2"].value == text
    assert "<f>" not in xml


def test_the_summary_tables_keep_their_filters_and_column_names(tmp_path: Path) -> None:
    summary = openpyxl.load_workbook(batch_workbook(tmp_path, (journal_row(),)))["Summary"]
    months, products = summary.tables["Months"], summary.tables["Products"]
    assert months.autoFilter.ref == "A1:G3"
    assert products.autoFilter.ref == "I1:L2"
    assert [c.name for c in months.tableColumns] == [
        "booking_period", "currency", "invoices", "net", "vat", "gross", "self_assessed_vat"
    ]  # fmt: skip
    assert [c.name for c in products.tableColumns] == ["product", "gl_account", "currency", "net"]


def test_a_long_journal_streams_every_row_in_order(tmp_path: Path) -> None:
    rows = tuple(journal_row(line_no=n, net_amount=D(n) / 100) for n in range(1, 1001))
    sheet = openpyxl.load_workbook(batch_workbook(tmp_path, rows))["Journal"]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[column("line_no") - 1] for v in values] == list(range(1, 1001))
    assert D(str(values[-1][column("net_amount") - 1])) == D("10.00")
    assert D(str(values[122][column("net_amount") - 1])) == D("1.23")
    assert sheet.auto_filter.ref == "A1:AQ1001"


def test_text_that_excel_reads_as_an_error_value_stays_text(tmp_path: Path) -> None:
    path = batch_workbook(tmp_path, (journal_row(description="#N/A"),))
    cell = openpyxl.load_workbook(path)["Journal"].cell(row=2, column=column("description"))
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_control_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    path = batch_workbook(tmp_path, (journal_row(description="Office\x0b365"),))
    cell = openpyxl.load_workbook(path)["Journal"].cell(row=2, column=column("description"))
    assert cell.value == "Office\ufffd365"


def test_the_same_rows_and_batch_time_give_the_same_workbook_bytes() -> None:
    sheets = invoice_sheets((journal_row(),), (credit_posting(),), (CHECK,), SUMMARY)
    assert workbook_bytes(sheets, CREATED) == workbook_bytes(sheets, CREATED)


def test_the_workbook_times_are_the_batch_time_not_now() -> None:
    data = workbook_bytes([Sheet("Journal", (journal_table([journal_row()]),))], CREATED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
        dates = {info.date_time for info in archive.infolist()}
    # openpyxl declares xmlns:xsi on the element itself when lxml is installed
    assert 'xsi:type="dcterms:W3CDTF">2025-02-01T09:30:00Z</dcterms:created>' in core
    assert 'xsi:type="dcterms:W3CDTF">2025-02-01T09:30:00Z</dcterms:modified>' in core
    assert dates == {(1980, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------- CSV


def test_the_excel_nl_csv_has_a_bom_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "journal.csv"
    write_journal_csv(path, [journal_row()], "excel-nl")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfentry_id;journal;booking_period;invoice_number;")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1] == (
        'IE8256796U-E0800ABCDE;AANK;"=""2025-01""";E0800ABCDE;2025-01-15;2025-02-14;'
        "Microsoft Ireland Operations Ltd;IE8256796U;IE;BE0123456749;EUR;1;"
        "Microsoft 365 Business Basic;5;54,00;year;2025-01-15;2026-01-14;270,00;0;0,00;true;"
        '56,70;EU-S-21;"=""82,88,55,59""";"=""613310""";"=""440000""";259,64;10,36;'
        '"=""490000""";270,00;ok;Invoice.pdf;2;'
        + SHA
        + ";invoice;"  # document type, then no original invoice: appended after the others
        + ";EUR;1;;270,00;0,00;270,00"  # then the functional currency's columns
    )
    assert lines[2:] == [""]


def test_the_plain_csv_has_commas_decimal_points_and_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "journal.csv"
    write_journal_csv(path, [journal_row(amount_deferred=D("1234.50"))], "plain")
    data = path.read_bytes()
    assert data.startswith(b"entry_id,journal,booking_period,")
    row = data.decode().split("\r\n")[1]
    assert ',"82,88,55,59",613310,440000,259.64,1234.50,490000,270.00,ok,' in row
    assert row.endswith(",invoice,,EUR,1,,270.00,0.00,270.00")


def test_pandas_reads_the_excel_nl_csv_back_to_the_same_amounts(tmp_path: Path) -> None:
    path = tmp_path / "journal.csv"
    write_journal_csv(path, [journal_row(net_amount=D("-1234.56"))], "excel-nl")
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"gl_account": str})
    assert frame["net_amount"].tolist() == [-1234.56]
    assert frame["amount_this_year"].tolist() == [259.64]
    assert frame["gl_account"].tolist() == ['="613310"']  # a spreadsheet shows the text 613310
    assert frame["invoice_date"].tolist() == ["2025-01-15"]


@pytest.mark.parametrize("dialect", ["excel-nl", "plain"])
@pytest.mark.parametrize("text", FORMULA_NAMES)
def test_formula_looking_product_names_get_a_quote_in_csv(
    tmp_path: Path, text: str, dialect: str
) -> None:
    path = tmp_path / "journal.csv"
    row = journal_row(description=text, net_amount=D("-2.00"))
    write_journal_csv(path, [row], dialect)  # type: ignore[arg-type]
    sep, decimal = (";", ",") if dialect == "excel-nl" else (",", ".")
    frame = pd.read_csv(path, sep=sep, decimal=decimal, encoding="utf-8-sig", keep_default_na=False)
    assert frame["description"].tolist() == ["'" + text]
    assert frame["net_amount"].tolist() == [-2.0]
    assert f"{sep}-2{decimal}00{sep}" in path.read_bytes().decode("utf-8-sig")


def test_tab_and_carriage_return_at_the_start_get_a_quote() -> None:
    assert safe_text("\tcmd") == "'\tcmd"
    assert safe_text("\rcmd") == "'\rcmd"
    assert safe_text("Exchange - Plan 1") == "Exchange - Plan 1"


def test_the_postings_csv_has_one_row_per_posting(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    write_postings_csv(path, [credit_posting()], "excel-nl")
    assert path.read_bytes().decode("utf-8-sig").split("\r\n") == [
        "date;journal;entry_id;account;debit;credit;currency;original_amount;original_currency;"
        "exchange_rate;vat_code;description;source",
        '2025-01-15;AANK;IE8256796U-E0800ABCDE;"=""440000""";0,00;270,00;EUR;-270,00;EUR;1;;'
        "Microsoft Ireland Operations Ltd E0800ABCDE;Invoice.pdf",
        "",
    ]


def test_negative_zero_is_written_as_zero() -> None:
    assert decimal_text(D("-0.00"), "excel-nl") == "0,00"
    assert decimal_text(D("-0.00"), "plain") == "0.00"


@given(st.text())
def test_no_csv_text_field_starts_like_a_formula(text: str) -> None:
    safe = safe_text(text)
    assert safe in (text, "'" + text)
    assert not safe.startswith(FORMULA_PREFIXES)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, max_value=10**12, min_value=-(10**12)
    )
)
def test_csv_amounts_read_back_to_the_same_decimal(value: Decimal) -> None:
    assert Decimal(decimal_text(value, "excel-nl").replace(",", ".")) == value
    assert Decimal(decimal_text(value, "plain")) == value
    assert "E" not in decimal_text(value, "plain")


# ---------------------------------------------------------------- whole or absent


def test_publishing_replaces_an_existing_file_whole_and_leaves_no_temporary_name(
    tmp_path: Path,
) -> None:
    final = tmp_path / "journal.csv"
    final.write_bytes(b"old")
    temp = temp_path_of(final)
    assert temp == tmp_path / ".journal.csv.partial"
    data = csv_bytes(journal_table([journal_row()]), "plain")
    write_bytes(temp, data)
    assert final.read_bytes() == b"old"
    publish(temp, final)
    assert final.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["journal.csv"]


# ---------------------------------------------------------------- the registry


def booking(number: str, supplier_vat: str = "IE8256796U") -> Booking:
    entry_id = f"{supplier_vat}-{number}"
    source = Source(f"{number}.pdf", SHA, 1)
    invoice = Invoice(source=source, invoice_number=number)
    row = journal_row(entry_id=entry_id, invoice_number=number, source_file=source.file)
    return Booking(invoice, (row,), (replace(credit_posting(), entry_id=entry_id),))


def batch_output(*bookings: Booking) -> BatchOutput:
    broken = Invoice(
        source=Source("Broken.pdf", SHA, None),
        findings=(Finding.of("UNREADABLE_PDF", "Broken.pdf: the file is empty"),),
    )
    return BatchOutput(
        batch_id="20250201-093000",
        created=CREATED,
        bookings=bookings,
        checked=(*(b.invoice for b in bookings), broken),
        dialect="plain",
    )


def never_taken(name: str) -> bool:
    return False


def test_the_registry_names_xlsx_and_csv_in_order() -> None:
    assert format_names() == ("xlsx", "csv")
    assert [(f.name, f.suffix, f.scope) for f in writers.FORMATS] == [
        ("xlsx", ".xlsx", "batch"),
        ("csv", ".csv", "batch"),
    ]


def test_a_name_that_is_not_registered_is_an_error_naming_the_registered_ones() -> None:
    assert chosen_formats(["csv", "xlsx", "csv"]) == frozenset({"csv", "xlsx"})
    with pytest.raises(UnknownFormat) as caught:
        chosen_formats(["csv", "pdf", "XLS"])
    assert str(caught.value) == "unknown output format 'XLS', 'pdf' (registered: xlsx, csv)"
    with pytest.raises(UnknownFormat):
        batch_files(batch_output(), {"ods"}, never_taken)


def test_a_batch_that_books_writes_every_file_of_the_registry_in_order() -> None:
    planned = batch_files(batch_output(booking("E1")), {"xlsx", "csv"}, never_taken)
    assert [(p.kind, p.name) for p in planned] == [
        ("invoices-xlsx", "invoices-20250201-093000.xlsx"),
        ("journal-csv", "journal-20250201-093000.csv"),
        ("postings-csv", "postings-20250201-093000.csv"),
        ("checks-csv", "checks-20250201-093000.csv"),
    ]


def test_the_checks_are_written_even_when_csv_is_not_asked_for_and_nothing_is_booked() -> None:
    assert [p.name for p in batch_files(batch_output(), {"xlsx"}, never_taken)] == [
        "invoices-20250201-093000.xlsx",
        "checks-20250201-093000.csv",
    ]
    assert [p.name for p in batch_files(batch_output(), {"csv"}, never_taken)] == [
        "checks-20250201-093000.csv"
    ]


def test_each_planned_file_renders_its_format_of_the_batch() -> None:
    batch = batch_output(booking("E1"), booking("E2"))
    journal, postings, checks = batch_files(batch, {"csv"}, never_taken)
    assert journal.render() == csv_bytes(journal_table(batch.rows), "plain")
    assert postings.render() == csv_bytes(postings_table(batch.postings), "plain")
    assert checks.render() == csv_bytes(checks_table(check_rows(batch.checked)), "plain")
    assert [row.invoice_number for row in batch.rows] == ["E1", "E2"]
    assert checks.render().decode().count("\r\n") == 2  # the header and Broken.pdf's finding
    (workbook,) = batch_files(batch, {"xlsx"}, never_taken)[:1]
    book = openpyxl.load_workbook(io.BytesIO(workbook.render()))
    assert [c.value for c in book["Journal"]["D"]] == ["invoice_number", "E1", "E2"]


def test_a_renderer_imports_its_module_at_the_first_call() -> None:
    batch = batch_output(booking("E1"))
    assert renderer("csv", "postings_csv")(batch) == csv_bytes(
        postings_table(batch.postings), "plain"
    )


@pytest.fixture
def per_invoice(monkeypatch: pytest.MonkeyPatch) -> list[BatchOutput]:
    """A per-invoice format `txt` registered beside the others; what it was given."""
    seen: list[BatchOutput] = []

    def render(batch: BatchOutput) -> bytes:
        seen.append(batch)
        return batch.bookings[0].entry_id.encode()

    txt = Format("txt", ".txt", "invoice", (Document("", render),))
    monkeypatch.setattr(writers, "FORMATS", (*writers.FORMATS, txt))
    return seen


def test_a_per_invoice_format_writes_one_file_per_booking_named_after_its_entry_id(
    per_invoice: list[BatchOutput],
) -> None:
    batch = batch_output(booking("E1"), booking("E/2", supplier_vat="NL 12..3"))
    planned = batch_files(batch, {"txt"}, never_taken)
    assert [(p.kind, p.name) for p in planned] == [
        ("checks-csv", "checks-20250201-093000.csv"),
        ("txt", "IE8256796U-E1.txt"),
        ("txt", "NL_12..3-E_2.txt"),
    ]
    assert [p.render() for p in planned[1:]] == [b"IE8256796U-E1", b"NL 12..3-E/2"]
    assert [[b.entry_id for b in seen.bookings] for seen in per_invoice] == [
        ["IE8256796U-E1"],
        ["NL 12..3-E/2"],
    ]
    assert [[i.invoice_number for i in seen.checked] for seen in per_invoice] == [["E1"], ["E/2"]]
    assert "txt" in format_names()


def test_a_per_invoice_file_never_replaces_one_the_folder_holds(
    per_invoice: list[BatchOutput],
) -> None:
    taken = {"IE8256796U-E1.txt", "IE8256796U-E1-20250201-093000.txt"}
    planned = batch_files(batch_output(booking("E1"), booking("E2")), {"txt"}, taken.__contains__)
    assert [p.name for p in planned if p.kind == "txt"] == [
        "IE8256796U-E1-20250201-093000-2.txt",
        "IE8256796U-E2.txt",
    ]


def test_a_per_invoice_format_writes_nothing_for_a_batch_that_books_nothing(
    per_invoice: list[BatchOutput],
) -> None:
    assert [p.name for p in batch_files(batch_output(), {"txt"}, never_taken)] == [
        "checks-20250201-093000.csv"
    ]
    assert per_invoice == []


def format_words_in(path: Path) -> list[str]:
    """String constants of a module that name a registered format as code would: the name
    itself, a file suffix, or a file kind (`journal-csv`)."""
    names = format_names()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(re.search(rf"(^|[.\-]){name}($|,)", node.value, re.IGNORECASE) for name in names)
    ]


def test_no_format_name_is_used_outside_the_writers_package() -> None:
    package = Path(writers.__file__).parent.parent
    found = {
        path.relative_to(package).as_posix(): words
        for path in sorted(package.rglob("*.py"))
        if "writers" not in path.relative_to(package).parts and (words := format_words_in(path))
    }
    assert found == {}


def test_the_design_check_finds_a_format_name(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'A = "xlsx"\nB = f"journal-{x}.csv"\nC = "checks-csv"\nD = "CSV files"\n'
        'E = "--csv-dialect"\n'
    )
    assert sorted(format_words_in(module)) == [".csv", "checks-csv", "xlsx"]


@pytest.mark.parametrize(
    ("text", "excel_nl", "plain"),
    [
        ("82,59", '="82,59"', "82,59"),
        ("613310", '="613310"', "613310"),
        ("2025-01", '="2025-01"', "2025-01"),
        ("12e4", '="12e4"', "12e4"),
        ("4b,5b", "4b,5b", "4b,5b"),
        ("C70323394B", "C70323394B", "C70323394B"),
        ("E000000002", "E000000002", "E000000002"),
        ("-2", "'-2", "'-2"),
        ('82"59', '82"59', '82"59'),
    ],
)
def test_text_that_looks_like_a_number_stays_text_in_the_spreadsheet_dialect(
    text: str, excel_nl: str, plain: str
) -> None:
    assert (text_field(text, "excel-nl"), text_field(text, "plain")) == (excel_nl, plain)


def test_the_checks_list_errors_then_warnings_then_notes_each_marked(tmp_path: Path) -> None:
    source = Source("a.pdf", SHA, 1)
    invoice = Invoice(
        source=source,
        findings=(
            Finding("REVERSE_CHARGE", "info", "0% VAT"),
            Finding("AMBIGUOUS_DATE", "warning", "day/month"),
        ),
    )
    other = Invoice(source=Source("b.pdf", SHA, 1), findings=(Finding.of("MISSING_FIELD", "x"),))
    export_finding = ("a.pdf", Finding("FOREIGN_VAT", "warning", "IE VAT 23%"))
    rows = check_rows((invoice, other), (export_finding,))
    assert [(r.file, r.code, r.severity) for r in rows] == [
        ("b.pdf", "MISSING_FIELD", "error"),
        ("a.pdf", "AMBIGUOUS_DATE", "warning"),
        ("a.pdf", "FOREIGN_VAT", "warning"),
        ("a.pdf", "REVERSE_CHARGE", "info"),
    ]
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes(invoice_sheets((), (), rows, SUMMARY), CREATED))
    cells = [r[4] for r in openpyxl.load_workbook(path)["Checks"].iter_rows(min_row=2)]
    assert [(c.value, c.fill.fgColor.rgb, c.font.b) for c in cells] == [
        ("error", "00FFC7CE", True),
        ("warning", "00FFEB9C", False),
        ("warning", "00FFEB9C", False),
        ("info", "00DDEBF7", False),
    ]


def test_the_summary_has_a_chart_per_currency_and_products_as_horizontal_bars() -> None:
    summary = LedgerSummary(
        months=(
            MonthTotal("2025-01", "EUR", 1, D("270.00"), D("0.00"), D("270.00"), D("56.70")),
            MonthTotal("2025-02", "EUR", 1, D("100.00"), D("21.00"), D("121.00"), D("0.00")),
            MonthTotal("2016-02", "USD", 1, D("2000.00"), D("175.00"), D("2175.00"), D("0")),
        ),
        products=(
            ProductTotal("Microsoft 365 Business Basic", "613310", "EUR", D("370.00")),
            ProductTotal("Office 365 Enterprise E3 (annual commitment)", "613310", "USD", D("2")),
        ),
    )
    data = workbook_bytes(invoice_sheets((), (), (), summary), CREATED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [
            archive.read(name).decode()
            for name in sorted(archive.namelist())
            if name.startswith("xl/charts/chart")
        ]
    titles = [re.findall(r"<a:t>([^<]*)</a:t>", chart)[0] for chart in charts]
    assert sorted(titles) == [
        "net (EUR) per booking period",
        "net (EUR) per product",
        "net (USD) per booking period",
        "net (USD) per product",
    ]
    directions = {re.findall(r"<a:t>([^<]*)</a:t>", c)[0]: 'barDir val="bar"' in c for c in charts}
    assert directions["net (EUR) per product"] and not directions["net (EUR) per booking period"]
    ranges = {
        re.findall(r"<a:t>([^<]*)</a:t>", c)[0]: re.findall(r"<f>([^<]*)</f>", c.replace("'", ""))
        for c in charts
    }
    assert ranges["net (EUR) per booking period"] == ["Summary!$A$2:$A$3", "Summary!$D$2:$D$3"]
    assert ranges["net (USD) per booking period"] == ["Summary!$A$4", "Summary!$D$4"]
