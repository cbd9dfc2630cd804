"""Run the official validation artefacts a Peppol access point runs over UBL files.

    .venv/bin/pip install saxonche
    .venv/bin/python -m bench.peppol_rules --rules CEN-EN16931-UBL.xslt \\
        --rules PEPPOL-EN16931-UBL.sch --samples

The artefacts are not shipped here and never downloaded: give them as files. A compiled
stylesheet (`.xsl`, `.xslt`: the CEN and Peppol releases ship them) runs as it is; a Schematron
source (`.sch`, query binding xslt2) is first compiled by `compiled_schematron` into an XSLT
2.0 stylesheet with the usual semantics (in a pattern the first rule whose context matches a
node fires; global and rule variables; the schema's `xsl:function`s). Saxon-HE (PyPI
`saxonche`, no Java) runs them, as XSLT 2.0 needs. `--samples` validates the UBL file of every
sample PDF of families A, B and C (and their other engines' renderings) that gets one, made as
the export makes it; other arguments are UBL files or folders of them.

Each file gets one line per artefact: `ok` and how many rules fired, or each failed assert and
successful report with its id and flag. The exit status is 1 when any `fatal` (or `error`)
assertion failed, 2 when an artefact or a file cannot be read, else 0.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
SVRL = "http://purl.oclc.org/dsdl/svrl"
FAILING_FLAGS = frozenset({"fatal", "error"})
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Finding:
    """A failed assert or a successful report of an artefact: its rule id, flag and text."""

    rule_id: str
    flag: str
    location: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one artefact says of one file."""

    fired: int
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.flag in FAILING_FLAGS for f in self.findings)


def _x(parent: etree._Element, tag: str, /, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL}}}{tag}", attrs)


def compiled_schematron(sch: bytes) -> bytes:
    """An XSLT 2.0 stylesheet that reports, in SVRL, what the Schematron `sch` finds."""
    schema = etree.fromstring(sch)
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iterfind(f"{{{SCH}}}ns")}
    stylesheet = etree.Element(
        f"{{{XSL}}}stylesheet",
        {"version": "2.0"},
        nsmap={**namespaces, "xsl": XSL, "svrl": SVRL},
    )
    # the schema's and the patterns' variables are global, evaluated on the document
    lets = [*schema.iterfind(f"{{{SCH}}}let"), *schema.iterfind(f"{{{SCH}}}pattern/{{{SCH}}}let")]
    for let in lets:
        _x(stylesheet, "variable", name=let.get("name", ""), select=let.get("value", ""))
    for function in schema.iterfind(f"{{{XSL}}}function"):
        stylesheet.append(copy.deepcopy(function))
    patterns = list(schema.iter(f"{{{SCH}}}pattern"))
    start = _x(stylesheet, "template", match="/")
    output = etree.SubElement(start, f"{{{SVRL}}}schematron-output")
    for number, pattern in enumerate(patterns):
        mode = f"pattern-{number}"
        _x(output, "apply-templates", select="/", mode=mode)
        _x(stylesheet, "template", match="text() | @*", mode=mode, priority="-10")
        rules = list(pattern.iterfind(f"{{{SCH}}}rule"))
        for order, rule in enumerate(rules):
            _rule_template(stylesheet, rule, mode, priority=len(rules) - order)
    return bytes(etree.tostring(stylesheet, xml_declaration=True, encoding="UTF-8"))


def _rule_template(
    stylesheet: etree._Element, rule: etree._Element, mode: str, priority: int
) -> None:
    """A rule as a template of its pattern's mode: the first rule (highest priority) whose
    context matches a node fires for it; then the node's children are visited."""
    context = rule.get("context", "")
    template = _x(stylesheet, "template", match=context, mode=mode, priority=str(priority))
    fired = etree.SubElement(template, f"{{{SVRL}}}fired-rule", context=context)
    fired.text = None
    for child in rule:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "let":
            _x(template, "variable", name=child.get("name", ""), select=child.get("value", ""))
        elif name in ("assert", "report"):
            test = child.get("test", "")
            condition = _x(template, "if", test=f"not({test})" if name == "assert" else test)
            tag = "failed-assert" if name == "assert" else "successful-report"
            found = etree.SubElement(
                condition,
                f"{{{SVRL}}}{tag}",
                id=child.get("id", ""),
                flag=child.get("flag", ""),
                test=test,
            )
            _x(found, "attribute", name="location", select="path()")
            text = etree.SubElement(found, f"{{{SVRL}}}text")
            text.text = " ".join("".join(child.itertext()).split())
    _x(template, "apply-templates", select="@* | node()", mode=mode)


def outcome_of(svrl: bytes) -> Outcome:
    """The fired rules and the findings of an SVRL report."""
    root = etree.fromstring(svrl)
    names = {"svrl": SVRL}
    findings = tuple(
        Finding(
            element.get("id") or "",
            element.get("flag") or "",
            element.get("location") or "",
            " ".join((element.findtext("svrl:text", namespaces=names) or "").split()),
        )
        for element in root.xpath(
            "//svrl:failed-assert | //svrl:successful-report", namespaces=names
        )
    )
    return Outcome(len(root.xpath("//svrl:fired-rule", namespaces=names)), findings)


class Artefacts:
    """The artefacts compiled once by Saxon-HE, each run over one file at a time."""

    def __init__(self, paths: Sequence[Path]) -> None:
        try:
            from saxonche import PySaxonProcessor
        except ImportError as exc:  # the one optional dependency of this script
            raise SystemExit("saxonche is not installed: .venv/bin/pip install saxonche") from exc
        self._processor: Any = PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        self.names = [path.name for path in paths]
        self._executables = [compiler.compile_stylesheet(stylesheet_text=_xslt(p)) for p in paths]

    def outcomes(self, xml: Path) -> list[Outcome]:
        return [
            outcome_of(executable.transform_to_string(source_file=str(xml)).encode("utf-8"))
            for executable in self._executables
        ]


def _xslt(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".sch":
        data = compiled_schematron(data)
    return data.decode("utf-8")


#: The sample PDFs of families A, B and C: the top-level ones and the other engines' renderings.
SAMPLE_PDFS = ("[abc]-*.pdf", "engines/chrome-[abc]-*.pdf", "engines/weasyprint/weasy-[abc]-*.pdf")


def sample_files(folder: Path) -> list[Path]:
    """The UBL file of each sample PDF that gets one, written into `folder` under the PDF's
    name, made as the export makes it (the journal's due date, the printed extras)."""
    from pipeline.config import Settings
    from pipeline.ledger import journal_rows, postings
    from pipeline.model import Booking
    from pipeline.reading import read_invoice
    from pipeline.ubl import UblFile
    from pipeline.writers.ubl import ubl_result

    samples = ROOT / "samples"
    written = []
    for pdf in sorted(path for pattern in SAMPLE_PDFS for path in samples.glob(pattern)):
        record = read_invoice(pdf)
        if record.entry_id is None:
            continue
        rows = journal_rows(record, Settings())
        result = ubl_result(Booking(record, rows, postings(record, rows, Settings())), pdf)
        if isinstance(result, UblFile):
            target = folder / f"{pdf.stem}.xml"
            target.write_bytes(result.xml)
            written.append(target)
    return written


def _files(arguments: Sequence[str]) -> Iterator[Path]:
    for argument in arguments:
        path = Path(argument)
        yield from sorted(path.glob("*.xml")) if path.is_dir() else [path]


def report_lines(name: str, artefacts: Sequence[str], outcomes: Sequence[Outcome]) -> list[str]:
    lines = []
    for artefact, outcome in zip(artefacts, outcomes, strict=True):
        if not outcome.findings:
            lines.append(f"{name}: {artefact}: ok ({outcome.fired} rules fired)")
        for finding in outcome.findings:
            where = re.sub(r"Q\{[^}]*\}", "", finding.location)
            lines.append(
                f"{name}: {artefact}: {finding.flag} {finding.rule_id} at {where}: {finding.text}"
            )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", action="append", type=Path, required=True,
                        help="an artefact: a compiled .xsl/.xslt or a Schematron .sch")  # fmt: skip
    parser.add_argument("--samples", action="store_true",
                        help="validate the UBL file of every sample that gets one")  # fmt: skip
    parser.add_argument("files", nargs="*", help="UBL files or folders of them")
    options = parser.parse_args(argv)
    try:
        artefacts = Artefacts(options.rules)
    except (OSError, etree.XMLSyntaxError) as exc:
        print(f"error: cannot read an artefact: {exc}", file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory(prefix="peppol-rules-") as temp:
        files = [*(sample_files(Path(temp)) if options.samples else []), *_files(options.files)]
        for path in files:
            try:
                outcomes = artefacts.outcomes(path)
            except Exception as exc:  # Saxon reports an unreadable file as a generic error
                print(f"{path}: cannot be validated: {exc}", file=sys.stderr)
                return 2
            failed = failed or any(outcome.failed for outcome in outcomes)
            print("\n".join(report_lines(path.name, artefacts.names, outcomes)))
        print(f"{len(files)} files, {'some fail' if failed else 'all pass'} the fatal rules")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
