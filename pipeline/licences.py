"""The `timeline` command: the licence timeline of every invoice the register has exported.

Reads the record the register keeps of each exported invoice and credit note (an export made
before registers kept them left none: such invoices are counted, never guessed), derives the
timeline (`pipeline.timeline`), writes `licences-<date>.csv` in the configured CSV dialect
(whole or not at all) and gives the lines of the terminal summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.config import CsvDialect
from pipeline.errors import PipelineError
from pipeline.export import exported_invoices
from pipeline.register import RegisterSpec, read_register
from pipeline.timeline import LicenceMonth, licence_timeline, of_customer, summary_text
from pipeline.writers import publish, temp_path_of, write_bytes
from pipeline.writers.csv import licences_csv, licences_file_name


class TimelineError(PipelineError):
    """The timeline cannot be written: no such customer, or an unusable output folder."""


@dataclass(frozen=True, slots=True)
class TimelineReport:
    """What the command did: the rows written, where, and what it could not include."""

    rows: tuple[LicenceMonth, ...]
    path: Path
    invoices: int
    without_record: tuple[str, ...]


def licences_path(out: Path, today: date) -> Path:
    return out / licences_file_name(today)


def run_timeline(
    register: RegisterSpec,
    out: Path | None,
    dialect: CsvDialect,
    today: date,
    customer: str | None = None,
) -> TimelineReport:
    """Read the register, derive the timeline (of one customer, by VAT number, when given)
    and write its CSV in `out` (default: the current folder, never the register's, which is
    by default the user's data folder); raises TimelineError, RegisterError."""
    if isinstance(register, Path) and not register.exists():
        raise TimelineError("no register here yet", file=str(register))
    with read_register(register) as view:
        invoices, missing = exported_invoices(view)
    rows = licence_timeline(invoices)
    if customer is not None:
        rows = of_customer(rows, customer)
        if not rows:
            raise TimelineError(f"the register holds no licences of customer {customer}")
    folder = out if out is not None else Path(".")
    path = licences_path(folder, today)
    temp = temp_path_of(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(temp, licences_csv(rows, dialect))
        publish(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise TimelineError(f"cannot write {path.name} ({error.strerror or error})",
                            file=str(folder)) from None  # fmt: skip
    return TimelineReport(rows, path, len(invoices), missing)


def report_lines(report: TimelineReport) -> list[str]:
    """What the command prints: the summary per customer, what it left out, the file."""
    lines = summary_text(report.rows).splitlines()
    if report.without_record:
        lines.append(
            f"! {len(report.without_record)} exported invoices are not in the timeline: "
            "the register kept no record of them (exported by an older version; "
            "export them again with --again to include them)"
        )
    lines.append(f"wrote {report.path} ({len(report.rows)} rows)")
    return lines
