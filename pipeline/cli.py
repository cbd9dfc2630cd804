"""The command line: thin click commands over the library; errors become one line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline import __version__
from pipeline.writers import UnknownFormat, chosen_formats, format_names

if TYPE_CHECKING:
    from pipeline.discovery import Skipped
    from pipeline.model import Invoice

#: The output formats, as the registry of `pipeline.writers` names them.
_FORMATS = format_names()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="invoice-pipeline")
def cli() -> None:
    """Microsoft 365 / Office 365 invoice PDFs to checked, ledger-ready bookkeeping files."""


_CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="TOML file whose values replace the defaults.",
)


def _read_paths(
    paths: tuple[Path, ...], config_file: Path | None
) -> tuple[list[tuple[str, Invoice]], tuple[Skipped, ...]]:
    """Every file the paths name (the one rule of `pipeline.discovery`), each read in a worker
    under the configured limits; exit status 2 for a bad configuration."""
    from pipeline.config import load_settings
    from pipeline.discovery import command_files, printable
    from pipeline.errors import PipelineError
    from pipeline.reading import FileToRead, read_files

    try:
        settings = load_settings(config_file)
        found = command_files(paths)
        # the record names the file, the output the path as given
        files = [FileToRead(f.path, printable(f.path.name)) for f in found.files]
        read = read_files(files, settings.read_limits(), jobs=settings.jobs or os.cpu_count() or 1)
    except PipelineError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    named = zip(found.files, read, strict=True)
    return [(f.name, r.invoice) for f, r in named], found.skipped


def _name_skipped(skipped: tuple[Skipped, ...], err: bool) -> None:
    for item in skipped:
        click.echo(f"{item.name}: not read: {item.reason}", err=err)


@cli.command()
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="FILE|FOLDER...",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--pretty/--compact",
    default=None,
    help="Indent the JSON (default: indented for one file on a terminal).",
)
@_CONFIG_OPTION
def parse(paths: tuple[Path, ...], pretty: bool | None, config_file: Path | None) -> None:
    """Print the invoice record of each FILE (folders are searched for *.pdf) as JSON, one
    object per line; files left out of a folder are named on stderr.

    Exit status 0 when no record has an error finding, 1 when one has.
    """
    from pipeline.record import invoice_record

    read, skipped = _read_paths(paths, config_file)
    if pretty is None:
        pretty = len(read) == 1 and sys.stdout.isatty()
    failed = False
    for _name, invoice in read:
        failed = failed or invoice.status == "error"
        text = json.dumps(invoice_record(invoice), ensure_ascii=False, indent=2 if pretty else None)
        click.echo(text)
        for finding in invoice.findings:
            if finding.severity == "error":
                message = finding.message.removeprefix(f"{invoice.source.file}: ")
                click.echo(f"{invoice.source.file}: {finding.code}: {message}", err=True)
    _name_skipped(skipped, err=True)
    sys.exit(1 if failed else 0)


@cli.command("config")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="TOML file whose values replace the defaults.",
)
def config_command(config_file: Path | None) -> None:
    """Print the effective configuration as commented TOML (the defaults, FILE over them).

    Exit status 2 when the file is missing or has a bad key or value.
    """
    from pipeline.config import load_settings, settings_toml
    from pipeline.errors import ConfigError

    try:
        settings = load_settings(config_file)
    except ConfigError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    click.echo(settings_toml(settings), nl=False)


@cli.command()
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    metavar="FILE|FOLDER...",
    type=click.Path(exists=True, path_type=Path),
)
@_CONFIG_OPTION
def check(paths: tuple[Path, ...], config_file: Path | None) -> None:
    """Read each PDF (folders are searched for *.pdf) and show what needs a person's attention;
    files left out of a folder are named.

    Exit status 0 when no file has an error finding, 1 when one has.
    """
    from pipeline.report import check_block, status_summary

    read, skipped = _read_paths(paths, config_file)
    for name, invoice in read:
        click.echo(check_block(name, invoice) + "\n")
    _name_skipped(skipped, err=False)
    invoices = [invoice for _name, invoice in read]
    click.echo(status_summary(invoices))
    sys.exit(1 if any(invoice.status == "error" for invoice in invoices) else 0)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> frozenset[str]:
    """The comma-separated registered format names (exit status 2 for any other)."""
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    if not names:
        raise click.BadParameter(f"name one or more of {', '.join(_FORMATS)}, not {value!r}")
    try:
        return chosen_formats(names)
    except UnknownFormat as error:
        raise click.BadParameter(str(error)) from None


class _ProgressBar:
    """A click progress bar on stderr, opened when export reports how many files it reads."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total == 0:
                return
            self._bar = click.progressbar(length=total, label="Reading PDFs", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._shown)
        self._shown = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder for the batch's files (created if missing).",
)
@click.option(
    "--format",
    "formats",
    default=",".join(_FORMATS),
    show_default=True,
    callback=_formats,
    help=f"Formats to write, comma-separated: {', '.join(_FORMATS)}. Checks are always written.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="TOML file whose values replace the defaults.",
)
@click.option(
    "--again", is_flag=True, help="Export again invoices the register has already exported."
)
@click.option(
    "--dry-run", is_flag=True, help="Read and report, but write no file and record nothing."
)
@click.option(
    "--archive",
    "archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Move each exported PDF to DIR/<YYYY-MM>/<invoice date> <invoice number>.pdf.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes (default: the configuration's, else one per CPU core).",
)
@click.option(
    "--csv-dialect",
    type=click.Choice(["excel-nl", "plain"]),
    default=None,
    help="excel-nl: BOM, ';' and decimal comma; plain: ',' and decimal point.",
)
@click.option(
    "--register",
    "register_path",
    default=None,
    metavar="PATH",
    help="The register of exported invoices: an SQLite file, or postgresql://user@host/db.",
)
@click.option(
    "--rates",
    "rates_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Exchange rates: the ECB's reference rates as published, or date,currency,rate rows.",
)
def export(
    inbox: Path,
    out: Path,
    formats: frozenset[str],
    config_file: Path | None,
    again: bool,
    dry_run: bool,
    archive: Path | None,
    jobs: int | None,
    csv_dialect: str | None,
    register_path: str | None,
    rates_path: Path | None,
) -> None:
    """Read every PDF below INBOX and write the month's journal, postings and checks to DIR.

    Invoices the register already exported are skipped; duplicates and invoices with an error
    are not exported and are listed in the checks. Exit status 0 when all is well, 1 when a
    file needs attention, 2 when the export could not run (nothing is then written).
    """
    import dataclasses

    from pipeline.config import CSV_DIALECTS, load_settings
    from pipeline.errors import PipelineError
    from pipeline.export import ExportOptions, run_export
    from pipeline.register import register_spec
    from pipeline.report import summary_lines

    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        settings = load_settings(config_file)
        settings = dataclasses.replace(
            settings,
            jobs=jobs if jobs is not None else settings.jobs,
            csv_dialect=next((d for d in CSV_DIALECTS if d == csv_dialect), settings.csv_dialect),
            register_path=register_spec(register_path) if register_path else settings.register_path,
            rates_path=rates_path or settings.rates_path,
        )
        options = ExportOptions(
            inbox=inbox,
            out=out,
            formats=formats,
            again=again,
            dry_run=dry_run,
            archive=archive,
        )
        try:
            report = run_export(options, settings, progress=bar)
        finally:
            if bar is not None:
                bar.close()
    except PipelineError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo(
            "Interrupted: a batch is exported whole or not at all; run the export again.", err=True
        )
        sys.exit(130)
    for line in summary_lines(report):
        click.echo(line)
    sys.exit(report.exit_status)


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--reason", required=True, help="What was done with the file, for the record.")
@_CONFIG_OPTION
@click.option(
    "--register",
    "register_path",
    default=None,
    metavar="PATH",
    help="The register of exported invoices: an SQLite file, or postgresql://user@host/db.",
)
def dismiss(
    files: tuple[Path, ...], reason: str, config_file: Path | None, register_path: str | None
) -> None:
    """Record that each FILE needing attention was handled by hand.

    The register knows the file by its SHA-256 (whatever its name or folder); later exports
    do not read it and list it as dismissed, not as needing attention. Exit status 2 when a
    file is already exported (there is nothing to dismiss) or the register cannot be used.
    """
    import dataclasses

    from pipeline.config import load_settings
    from pipeline.discovery import printable
    from pipeline.errors import PipelineError
    from pipeline.export import dismiss_files
    from pipeline.register import register_name, register_spec

    try:
        settings = load_settings(config_file)
        if register_path:
            settings = dataclasses.replace(settings, register_path=register_spec(register_path))
        done = dismiss_files(files, reason, settings)
    except PipelineError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    for path, dismissal in zip(files, done, strict=True):
        click.echo(f"dismissed {printable(str(path))} (SHA-256 {dismissal.sha256[:12]}…): {reason}")
    click.echo(f"register: {register_name(settings.register_path)}")


def main() -> None:
    cli(prog_name="invoice-pipeline")
