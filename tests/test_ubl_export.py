"""The UBL format wired into the export: the registry line, the decline mechanism
(`UBL_SKIPPED`), the register's guarantees for per-invoice files, the `ubl` command, and
`run_export` over the samples (ubl.md, "Done when")."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree
from test_ubl_samples import NO_FILE_REASON, WITHOUT_CONFIGURATION
from test_ubl_support import NS, annual_basic, invoice, one, oracle_findings, xp

from pipeline import writers
from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.export import BatchReport, ExportOptions, run_export
from pipeline.ledger import journal_rows, postings
from pipeline.model import Booking, Finding, Invoice, Source
from pipeline.register import read_register
from pipeline.report import summary_lines
from pipeline.ubl import document_violations
from pipeline.writers import BatchOutput, Declined, Document, Format, batch_plan
from pipeline.writers.ubl import ubl_document

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CREATED = datetime(2025, 2, 1, 9, 30, tzinfo=UTC)
D = Decimal
PDF = b"%PDF-1.4\n% the invoice as downloaded\n%%EOF\n"


def never_taken(name: str) -> bool:
    return False


def ubl_skips(report: BatchReport) -> list[tuple[str, str]]:
    """(file, code) of every export finding that a UBL file was not written."""
    return [
        (result.name, finding.code)
        for result in report.files
        for finding in result.export_findings
        if finding.code == "UBL_SKIPPED"
    ]


def booked(record: Invoice) -> Booking:
    rows = journal_rows(record, Settings())
    return Booking(record, rows, postings(record, rows, Settings()))


def batch_of(*bookings: Booking, sources: tuple[tuple[str, Path], ...] = ()) -> BatchOutput:
    return BatchOutput(
        batch_id="20250201-093000",
        created=CREATED,
        bookings=bookings,
        checked=tuple(b.invoice for b in bookings),
        dialect="plain",
        sources=sources,
    )


def record_of(pdf: bytes, number: str = "E0800ABCDE", **fields: object) -> Invoice:
    sha = hashlib.sha256(pdf).hexdigest()
    return invoice(
        (annual_basic(),),
        source=Source(f"{number}.pdf", sha, 1),
        invoice_number=number,
        **fields,
    )


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# ---------------------------------------------------------------- the decline mechanism


@pytest.fixture
def declining(monkeypatch: pytest.MonkeyPatch) -> None:
    """A per-invoice format `txt` that declines every invoice whose number ends in 2."""

    def render(batch: BatchOutput) -> bytes | Declined:
        (booking,) = batch.bookings
        number = booking.invoice.invoice_number or ""
        if number.endswith("2"):
            return Declined(f"RULE-7: the number {number} ends in 2")
        return f"{booking.entry_id} {booking.rows[0].gross_total}".encode()

    txt = Format("txt", ".txt", "invoice", (Document("txt", render),))
    monkeypatch.setattr(writers, "FORMATS", (*writers.FORMATS, txt))


def test_a_declined_invoice_gets_no_file_and_a_warning_the_checks_list(declining: None) -> None:
    first, second = booked(record_of(PDF, "E01")), booked(record_of(PDF, "E02"))
    plan = batch_plan(batch_of(first, second), {"csv", "txt"}, never_taken)
    assert [(p.kind, p.name) for p in plan.files] == [
        ("journal-csv", "journal-20250201-093000.csv"),
        ("postings-csv", "postings-20250201-093000.csv"),
        ("checks-csv", "checks-20250201-093000.csv"),
        ("txt", "txt/IE8256796U-E01.txt"),
    ]
    assert plan.files[-1].render() == b"IE8256796U-E01 270.00"
    assert plan.declined == (
        (
            "E02.pdf",
            Finding(
                code="TXT_SKIPPED",
                severity="warning",
                message="txt/IE8256796U-E02.txt not written: RULE-7: the number E02 ends in 2",
            ),
        ),
    )
    journal, _, checks, _ = (p.render() for p in plan.files)
    assert [row["invoice_number"] for row in csv_rows(journal)] == ["E01", "E02"]
    assert csv_rows(checks) == [
        {
            "file": "E02.pdf",
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "invoice_number": "E02",
            "code": "TXT_SKIPPED",
            "severity": "warning",
            "line": "",
            "message": "txt/IE8256796U-E02.txt not written: RULE-7: the number E02 ends in 2",
        }
    ]


def test_the_workbook_checks_sheet_lists_the_declined_file(declining: None) -> None:
    batch = batch_of(booked(record_of(PDF, "E02")))
    plan = batch_plan(batch, {"xlsx", "txt"}, never_taken)
    workbook = openpyxl.load_workbook(io.BytesIO(plan.files[0].render()))
    rows = list(workbook["Checks"].iter_rows(values_only=True))
    assert rows[-1][3:6] == ("TXT_SKIPPED", "warning", None)
    assert rows[-1][6] == "txt/IE8256796U-E02.txt not written: RULE-7: the number E02 ends in 2"


def test_a_format_left_out_declines_nothing_and_renders_nothing(declining: None) -> None:
    plan = batch_plan(batch_of(booked(record_of(PDF, "E02"))), {"csv"}, never_taken)
    assert plan.declined == ()
    assert "txt" not in {p.kind for p in plan.files}


def test_a_batch_file_may_not_decline(monkeypatch: pytest.MonkeyPatch) -> None:
    def render(batch: BatchOutput) -> bytes | Declined:
        return Declined("not today")

    odd = Format("odd", ".odd", "batch", (Document("odd", render),))
    monkeypatch.setattr(writers, "FORMATS", (odd,))
    (planned,) = batch_plan(batch_of(), {"odd"}, never_taken).files
    with pytest.raises(writers.DeclinedBatchFile, match="cannot be left out: not today"):
        planned.render()


# ---------------------------------------------------------------- the UBL renderer


def test_the_renderer_embeds_the_pdf_read_by_its_path_and_the_journals_due_date(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "E0800ABCDE.pdf"
    pdf.write_bytes(PDF)
    record = record_of(PDF, due_date=date(2025, 2, 14))
    entry = booked(record)
    xml = ubl_document(batch_of(entry, sources=((record.source.sha256, pdf),)))
    assert isinstance(xml, bytes)
    assert document_violations(xml) == ()
    root = etree.fromstring(xml)
    assert one(root, "//cbc:EmbeddedDocumentBinaryObject/@filename") == "E0800ABCDE.pdf"
    embedded = one(root, "//cbc:EmbeddedDocumentBinaryObject")
    assert hashlib.sha256(base64.b64decode(embedded)).digest() == (hashlib.sha256(PDF).digest())
    assert one(root, "/*/cbc:DueDate") == entry.rows[0].due_date.isoformat()  # type: ignore[union-attr]
    assert one(root, "/*/cbc:ID") == "E0800ABCDE"


def test_a_pdf_changed_since_it_was_read_is_a_skip_not_a_wrong_embed(tmp_path: Path) -> None:
    pdf = tmp_path / "E0800ABCDE.pdf"
    pdf.write_bytes(PDF + b"% edited\n")
    record = record_of(PDF)
    result = ubl_document(batch_of(booked(record), sources=((record.source.sha256, pdf),)))
    assert isinstance(result, Declined)
    assert result.reason.startswith("SCOPE-PDF: the PDF bytes given (SHA-256 ")
    assert "are not the file the record was read from (E0800ABCDE.pdf" in result.reason


def test_a_pdf_gone_since_it_was_read_is_a_skip_naming_it(tmp_path: Path) -> None:
    record = record_of(PDF)
    gone = ubl_document(
        batch_of(booked(record), sources=((record.source.sha256, tmp_path / "gone.pdf"),))
    )
    assert gone == Declined(
        "SCOPE-PDF: the PDF E0800ABCDE.pdf cannot be read (No such file or directory)"
    )
    unknown = ubl_document(batch_of(booked(record)))
    assert unknown == Declined("SCOPE-PDF: the PDF E0800ABCDE.pdf was not found in the batch")


# ---------------------------------------------------------------- run_export over the samples

FAMILIES = ("a-", "b-")


def sample_inbox(folder: Path, stems: list[str] | None = None) -> Path:
    """The top-level samples of families A and B (or `stems`), copied into `folder`."""
    folder.mkdir(parents=True)
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        if (stems is None and pdf.name.startswith(FAMILIES)) or (stems and pdf.stem in stems):
            shutil.copy(pdf, folder / pdf.name)
    return folder


def export_samples(tmp_path: Path, inbox: Path, jobs: int = 2) -> BatchReport:
    options = ExportOptions(inbox, tmp_path / "out")
    return run_export(options, Settings(register_path=tmp_path / "reg.sqlite", jobs=jobs))


@pytest.fixture(scope="module")
def samples_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchReport, Path]:
    """`run_export` over the samples of families A and B: its report and output folder."""
    tmp_path = tmp_path_factory.mktemp("ubl-export")
    report = export_samples(tmp_path, sample_inbox(tmp_path / "inbox"))
    return report, tmp_path / "out"


def _journal(out: Path) -> dict[str, list[dict[str, str]]]:
    (path,) = out.glob("journal-*.csv")
    entries: dict[str, list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"):
        entries.setdefault(row["entry_id"], []).append(row)
    return entries


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def test_every_exported_sample_gets_its_ubl_file_or_a_listed_reason(
    samples_export: tuple[BatchReport, Path],
) -> None:
    report, out = samples_export
    journal = _journal(out)
    written = {path.stem for path in (out / "ubl").glob("*.xml")}
    (checks_path,) = out.glob("checks-*.csv")
    checks = list(csv.DictReader(io.StringIO(checks_path.read_text("utf-8-sig")), delimiter=";"))
    skipped = {row["file"]: row for row in checks if row["code"] == "UBL_SKIPPED"}
    by_file = {rows[0]["source_file"]: entry for entry, rows in journal.items()}
    assert sorted(Path(name).stem for name in by_file) == sorted(
        WITHOUT_CONFIGURATION | NO_FILE_REASON.keys()
    )
    for name, entry in by_file.items():
        stem = Path(name).stem
        if stem in WITHOUT_CONFIGURATION:
            assert entry in written, name
            assert name not in skipped
        else:
            assert entry not in written, name
            row = skipped[name]
            assert row["severity"] == "warning"
            assert row["message"].startswith(
                f"ubl/{entry}.xml not written: {NO_FILE_REASON[stem]}: "
            )
    assert written == {by_file[f"{stem}.pdf"] for stem in WITHOUT_CONFIGURATION}
    assert ubl_skips(report) == [(name, "UBL_SKIPPED") for name in sorted(skipped)]
    assert report.exit_status == 0


def test_each_written_file_validates_and_carries_the_journals_totals_exactly(
    samples_export: tuple[BatchReport, Path],
) -> None:
    _, out = samples_export
    journal = _journal(out)
    files = sorted((out / "ubl").glob("*.xml"))
    assert len(files) == len(WITHOUT_CONFIGURATION)
    for path in files:
        xml = path.read_bytes()
        assert document_violations(xml) == (), path.name
        assert oracle_findings(xml) == [], path.name
        root = etree.fromstring(xml, etree.XMLParser(huge_tree=True))
        rows = journal[path.stem]
        sign = -1 if etree.QName(root).localname == "CreditNote" else 1
        net = sign * sum((_money(r["net_amount"]) for r in rows), D("0.00"))
        vat = sign * sum((_money(r["vat_amount"]) for r in rows), D("0.00"))
        gross = sign * _money(rows[0]["gross_total"])
        total = "//cac:LegalMonetaryTotal/cbc:"
        assert D(one(root, total + "LineExtensionAmount")) == net, path.name
        assert D(one(root, total + "TaxExclusiveAmount")) == net, path.name
        assert D(one(root, total + "TaxInclusiveAmount")) == gross, path.name
        assert D(one(root, total + "PayableAmount")) == gross, path.name
        assert D(one(root, "/*/cac:TaxTotal/cbc:TaxAmount")) == vat, path.name
        lines = "//cac:InvoiceLine/cbc:LineExtensionAmount"
        lines += " | //cac:CreditNoteLine/cbc:LineExtensionAmount"
        assert [D(v) for v in xp(root, lines)] == [sign * _money(r["net_amount"]) for r in rows], (
            path.name
        )
        assert one(root, "/*/cbc:ID") == rows[0]["invoice_number"]
        pdf = (SAMPLES / rows[0]["source_file"]).read_bytes()
        embedded = one(root, "//cbc:EmbeddedDocumentBinaryObject")
        assert base64.b64decode(embedded) == pdf, path.name


def test_the_terminal_summary_names_each_skipped_file_and_counts_the_written_ones(
    samples_export: tuple[BatchReport, Path],
) -> None:
    report, out = samples_export
    lines = summary_lines(report)
    skipped = [line for line in lines if "UBL_SKIPPED" in line]
    assert len(skipped) == len(NO_FILE_REASON)
    assert (
        "  ~ b-en-ca-gst-qst.pdf: UBL_SKIPPED: ubl/MicrosoftCorporation-E0J4WE1ZX0.xml not "
        "written: SCOPE-SELLER: the seller Microsoft Corporation has no EU VAT number (VAT "
        "number none, tax 22.58 CAD): its tax is not VAT; SCOPE-BUYER: "
    ) in "\n".join(skipped)
    assert f"  wrote {len(WITHOUT_CONFIGURATION)} files to {out / 'ubl'}{os.sep}" in lines


# ---------------------------------------------------------------- the register


KILL_BETWEEN_WRITING_AND_PUBLISHING = """
import os, signal, sys
from pathlib import Path
from pipeline import writers
from pipeline.config import Settings
from pipeline.export import ExportOptions, run_export

real = writers.publish

def publish(temp, final):
    if final.suffix == ".xml":
        os.kill(os.getpid(), signal.SIGKILL)
    real(temp, final)

if __name__ == "__main__":  # the reader's worker processes import this module too
    writers.publish = publish
    inbox, out, register = map(Path, sys.argv[1:])
    run_export(ExportOptions(inbox, out), Settings(register_path=register, jobs=1))
"""

REGISTER_STEMS = ["a-nl-annual-exchange-rc", "b-fr-be-nbsp-rc", "b-en-us-sales-tax"]


def test_a_run_killed_before_its_ubl_files_are_published_leaves_none_and_the_next_writes_each_once(
    tmp_path: Path,
) -> None:
    inbox = sample_inbox(tmp_path / "inbox", REGISTER_STEMS)
    out, ubl = tmp_path / "out", tmp_path / "out" / "ubl"
    script = tmp_path / "killer.py"
    script.write_text(KILL_BETWEEN_WRITING_AND_PUBLISHING, encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, str(script), str(inbox), str(out), str(tmp_path / "reg.sqlite")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=300,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert sorted(p.name for p in ubl.glob("[!.]*")) == []
    assert len(list(ubl.glob(".*.xml.partial"))) == 2  # written, not published
    rerun = export_samples(tmp_path, inbox, jobs=1)
    assert len(rerun.recovered) == 1
    assert sorted(p.name for p in ubl.iterdir()) == [
        "IE8256796U-C70323394B.xml",
        "IE8256796U-E0TC7F1BVA.xml",
    ]
    with read_register(tmp_path / "reg.sqlite") as register:
        (batch,) = register.batches()
        ubl_files = sorted(f.path.name for f in batch.files if f.kind == "ubl")
    assert ubl_files == sorted(p.name for p in ubl.iterdir())
    before = {p.name: p.stat().st_mtime_ns for p in ubl.iterdir()}
    again = export_samples(tmp_path, inbox, jobs=1)
    assert again.count("already_exported") == 3
    assert [p for p in again.outputs if p.suffix == ".xml"] == []
    assert {p.name: p.stat().st_mtime_ns for p in ubl.iterdir()} == before


def test_a_dry_run_reports_the_skips_and_writes_no_ubl_file(tmp_path: Path) -> None:
    inbox = sample_inbox(tmp_path / "inbox", REGISTER_STEMS)
    options = replace(ExportOptions(inbox, tmp_path / "out"), dry_run=True)
    report = run_export(options, Settings(register_path=tmp_path / "reg.sqlite", jobs=1))
    assert ubl_skips(report) == [("b-en-us-sales-tax.pdf", "UBL_SKIPPED")]
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- the ubl command


def test_the_ubl_command_writes_what_it_can_and_says_why_not_for_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "ubl-out"
    files = [SAMPLES / f"{stem}.pdf" for stem in ("a-nl-annual-exchange-rc", "b-en-us-sales-tax")]
    result = CliRunner().invoke(cli, ["ubl", *map(str, files), "--out", str(out)])
    assert result.exit_code == 1, result.output
    written = out / "IE8256796U-C70323394B.xml"
    assert result.output.splitlines()[0] == f"{files[0]}: wrote {written}"
    assert result.output.splitlines()[1].startswith(
        f"{files[1]}: no UBL file: SCOPE-SELLER: the seller Microsoft Corporation has no EU VAT"
    )
    assert sorted(p.name for p in out.iterdir()) == [written.name]
    assert document_violations(written.read_bytes()) == ()


def test_the_ubl_command_exits_0_when_every_file_was_written(tmp_path: Path) -> None:
    pdf = SAMPLES / "b-fr-be-nbsp-rc.pdf"
    result = CliRunner().invoke(cli, ["ubl", str(pdf), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (written,) = tmp_path.glob("*.xml")
    assert result.output == f"{pdf}: wrote {written}\n"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]  # no temporary file left


def test_the_ubl_command_names_the_finding_of_an_invoice_that_needs_attention(
    tmp_path: Path,
) -> None:
    pdf = SAMPLES / "bad-line-cent-off.pdf"
    result = CliRunner().invoke(cli, ["ubl", str(pdf), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{pdf}: no UBL file: needs attention: LINE_AMOUNT_MISMATCH: line 2: 7 × 3.70 = 25.90 "
        "but the invoice says 25.91.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_ubl_command_exits_2_when_it_cannot_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    pdf = SAMPLES / "b-fr-be-nbsp-rc.pdf"
    result = CliRunner().invoke(cli, ["ubl", str(pdf), "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {blocker / 'sub'}: cannot create the output folder")
    missing = CliRunner().invoke(
        cli, ["ubl", str(pdf), "--out", str(tmp_path), "--config", str(tmp_path / "no.toml")]
    )
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output + missing.stderr


CLIENT_WITH_BUYER_DETAILS = """
[[clients]]
name = "Drukkerij Smit B.V."
vat_number = "NL004495445B01"
country = "NL"
peppol_id = "0106:12345678"
street = "Kerkstraat 1"
city = "Utrecht"
post_code = "3511 AB"
"""


def test_the_clients_configuration_identifies_a_buyer_the_pdf_gives_no_vat_number(
    tmp_path: Path,
) -> None:
    """b-nl-nl-per-unit-tax prints its customer's name only (SCOPE-BUYER without
    configuration); the client of that name supplies the endpoint, VAT number and address."""
    config = tmp_path / "invoice-pipeline.toml"
    register = (tmp_path / "r.sqlite").as_posix()
    config.write_text(f'register = "{register}"\n{CLIENT_WITH_BUYER_DETAILS}', encoding="utf-8")
    inbox = sample_inbox(tmp_path / "inbox", ["b-nl-nl-per-unit-tax"])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["export", str(inbox), "--out", str(out), "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    (written,) = (out / "ubl").glob("*.xml")
    assert written.name == "IE8256796U-E0DYKAUKKU.xml"
    assert document_violations(written.read_bytes()) == ()
    party = etree.fromstring(written.read_bytes()).find(
        "cac:AccountingCustomerParty/cac:Party", namespaces=NS
    )
    assert party is not None
    endpoint = party.find("cbc:EndpointID", namespaces=NS)
    assert endpoint is not None
    assert (endpoint.get("schemeID"), endpoint.text) == ("0106", "12345678")
    assert [
        party.findtext(path, namespaces=NS)
        for path in (
            "cac:PostalAddress/cbc:StreetName",
            "cac:PostalAddress/cbc:CityName",
            "cac:PostalAddress/cbc:PostalZone",
            "cac:PostalAddress/cac:Country/cbc:IdentificationCode",
            "cac:PartyTaxScheme/cbc:CompanyID",
            "cac:PartyLegalEntity/cbc:RegistrationName",
        )
    ] == ["Kerkstraat 1", "Utrecht", "3511 AB", "NL", "NL004495445B01", "Drukkerij Smit B.V."]
