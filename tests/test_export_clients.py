"""An export for configured clients: routing, per-client folders, rates, the export's findings."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pipeline.config import settings_from_toml
from pipeline.export import BatchReport, ExportOptions, run_export
from pipeline.report import summary_lines

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CLAES = "a-nl-annual-exchange-rc.pdf"  # Bouwbedrijf Claes NV, BE0228056304, 0 % reverse charge
LAMBERT = "b-fr-be-nbsp-rc.pdf"  # Agence Lambert SRL, BE0588822266, 0 % reverse charge
NORTHWIND = "a-en-us-sales-tax.pdf"  # Northwind Traders LLC (no VAT number), USD 1065.75
DE_VRIES = "a-en-4pages-long.pdf"  # Installatiebedrijf De Vries B.V., not a client
CONFIG = """
[[clients]]
name = "Bouwbedrijf Claes NV"
vat_number = "BE0228056304"

[[clients]]
vat_number = "BE 0588.822.266"
folder = "lambert"
journal = "AAN2"

[[clients]]
name = "Northwind Traders LLC"
country = "BE"
"""
#: 16 May 2014, a Friday: 1.3713 USD per euro.
RATES = "date,currency,rate\n2014-05-16,USD,1.3713\n"
MOMENT = datetime(2026, 12, 2, 17, 0, 0)


def export(tmp_path: Path, rates: str | None) -> BatchReport:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (CLAES, LAMBERT, NORTHWIND, DE_VRIES):
        shutil.copy(SAMPLES / name, inbox / name)
    text = CONFIG
    if rates is not None:
        (tmp_path / "rates.csv").write_text(rates, encoding="utf-8")
        text = f'rates = "{(tmp_path / "rates.csv").as_posix()}"\n' + CONFIG
    settings = settings_from_toml(
        f'register = "{(tmp_path / "register.sqlite").as_posix()}"\njobs = 1\n' + text
    )
    options = ExportOptions(inbox=inbox, out=tmp_path / "out")
    return run_export(options, settings, clock=lambda: MOMENT)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))


def test_each_client_gets_its_own_folder_and_an_unknown_customer_is_an_error(
    tmp_path: Path,
) -> None:
    report = export(tmp_path, rates=None)
    outcomes = {f.name: (f.outcome, f.folder) for f in report.files}
    assert outcomes == {
        CLAES: ("exported", "BE0228056304"),
        LAMBERT: ("exported", "lambert"),
        NORTHWIND: ("attention", "Northwind-Traders-LLC"),
        DE_VRIES: ("attention", ""),
    }
    out = tmp_path / "out"
    claes = read_csv(out / "BE0228056304" / "journal-20261202-170000.csv")
    assert {(r["entry_id"], r["journal"], r["vat_code"]) for r in claes} == {
        ("IE8256796U-C70323394B", "AANK", "EU-S-21")
    }
    lambert = read_csv(out / "lambert" / "journal-20261202-170000.csv")
    assert {r["journal"] for r in lambert} == {"AAN2"}
    assert {r["customer_vat"] for r in lambert} == {"BE0588822266"}
    # each client's UBL files in its own folder, named after its entries; none elsewhere
    ubl_files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml"))
    lambert_entry = lambert[0]["entry_id"]
    assert ubl_files == sorted(
        ["BE0228056304/ubl/IE8256796U-C70323394B.xml", f"lambert/ubl/{lambert_entry}.xml"]
    )
    # the invoice of no client: its checks in the export's own folder, never in a client's
    top = read_csv(out / "checks-20261202-170000.csv")
    assert [(r["file"], r["code"], r["severity"]) for r in top] == [
        (DE_VRIES, "UNKNOWN_CLIENT", "error"),
        (DE_VRIES, "REVERSE_CHARGE", "info"),
    ]
    assert top[0]["message"].startswith(
        "addressed to Installatiebedrijf De Vries B.V. (NL999340992B01), who is not a "
        "configured client"
    )
    assert not (out / "journal-20261202-170000.csv").exists()
    northwind = read_csv(out / "Northwind-Traders-LLC" / "checks-20261202-170000.csv")
    assert [(r["file"], r["code"]) for r in northwind] == [(NORTHWIND, "NO_EXCHANGE_RATE")]
    # the export's findings are not the invoice's: parse would not print them
    for result in report.files:
        assert result.invoice is not None
        codes = {f.code for f in result.invoice.findings}
        assert not codes & {"UNKNOWN_CLIENT", "NO_EXCHANGE_RATE", "FOREIGN_VAT"}
    lines = summary_lines(report)
    assert (
        f"  ! {NORTHWIND}: NO_EXCHANGE_RATE: no USD/EUR exchange rate for 2014-05-16 or the "
        "days just before it (no exchange-rates file is configured); not exported"
    ) in lines
    assert any(line.startswith(f"  ! {DE_VRIES}: UNKNOWN_CLIENT: addressed to") for line in lines)
    assert "  totals exported:         EUR 12.192,00" in lines


def test_a_usd_invoice_with_a_rate_is_booked_in_euros_balancing_per_entry(
    tmp_path: Path,
) -> None:
    report = export(tmp_path, rates=RATES)
    assert {f.name: f.outcome for f in report.files}[NORTHWIND] == "exported"
    folder = tmp_path / "out" / "Northwind-Traders-LLC"
    rows = read_csv(folder / "journal-20261202-170000.csv")
    assert {(r["currency"], r["functional_currency"], r["exchange_rate"]) for r in rows} == {
        ("USD", "EUR", "1,3713")
    }
    # 1065.75 USD / 1.3713 = 777.18 EUR
    assert {r["gross_total"] + " " + r["gross_functional"] for r in rows} == {"1065,75 777,18"}
    postings = read_csv(folder / "postings-20261202-170000.csv")
    debit = sum(Decimal(p["debit"].replace(",", ".")) for p in postings)
    credit = sum(Decimal(p["credit"].replace(",", ".")) for p in postings)
    assert debit == credit == Decimal("777.18")
    assert {p["currency"] for p in postings} == {"EUR"}
    assert {p["original_currency"] for p in postings} == {"USD"}
    assert sum(Decimal(p["original_amount"].replace(",", ".")) for p in postings) == 0


def test_the_rates_option_reads_the_file_and_a_bad_one_stops_the_export(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "rates.csv").write_text("Date,USD,\n16/05/2014,1.37,\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "export", str(inbox), "--out", str(tmp_path / "out"),
         "--register", str(tmp_path / "r.sqlite"), "--rates", str(tmp_path / "rates.csv")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f'Error: {tmp_path / "rates.csv"}: line 2: "16/05/2014" is not a date (YYYY-MM-DD)\n'
    )


def test_without_clients_the_summary_lists_the_customers_seen(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in (CLAES, DE_VRIES):
        shutil.copy(SAMPLES / name, inbox / name)
    settings = settings_from_toml(f'register = "{(tmp_path / "r.sqlite").as_posix()}"\njobs = 1')
    report = run_export(ExportOptions(inbox, tmp_path / "out"), settings, clock=lambda: MOMENT)
    lines = summary_lines(report)
    start = lines.index("  customers (no [[clients]] configured):")
    assert lines[start + 1 : start + 3] == [
        "    Bouwbedrijf Claes NV (BE0228056304): 1 invoice",
        "    Installatiebedrijf De Vries B.V. (NL999340992B01): 1 invoice",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "checks-20261202-170000.csv",
        "invoices-20261202-170000.xlsx",
        "journal-20261202-170000.csv",
        "postings-20261202-170000.csv",
        "ubl",
    ]
    assert sorted(p.name for p in (tmp_path / "out" / "ubl").iterdir()) == [
        "IE8256796U-C70323394B.xml",
        "IE8256796U-C72706688A.xml",
    ]
