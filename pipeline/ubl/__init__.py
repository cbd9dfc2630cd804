"""Peppol BIS Billing 3.0 UBL files for invoices and credit notes (shared/spec/ubl.md).

`ubl_file` is the one entry point for the export: it builds the document (`document`),
serialises it, reads the bytes back and checks them against the UBL 2.1 XSD (`schema`)
and the EN 16931 and Peppol rules (`rules`). It returns the bytes of a file that passed
everything, or the reasons why none may be written; it never writes a file itself.
"""

from __future__ import annotations

from lxml import etree

from pipeline.model import Invoice
from pipeline.ubl.document import scope_reasons, ubl_tree
from pipeline.ubl.rules import rule_violations
from pipeline.ubl.schema import xsd_violations
from pipeline.ubl.types import (
    Address,
    Buyer,
    Payment,
    Printed,
    UblFile,
    UblResult,
    UblSkipped,
    Violation,
)

__all__ = [
    "Address",
    "Buyer",
    "Payment",
    "Printed",
    "UblFile",
    "UblResult",
    "UblSkipped",
    "Violation",
    "document_violations",
    "ubl_file",
]

NOTHING_PRINTED = Printed()


def document_violations(xml: bytes) -> tuple[Violation, ...]:
    """The rule violations, then the XSD errors, of a serialised UBL document."""
    # huge_tree: the embedded PDF is one text node, over libxml2's 10 MB default for a large PDF
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    root = etree.fromstring(xml, parser=parser)
    return (*rule_violations(root), *xsd_violations(root))


def ubl_file(
    invoice: Invoice,
    entry_id: str,
    buyer: Buyer | None,
    pdf_bytes: bytes,
    printed: Printed = NOTHING_PRINTED,
) -> UblResult:
    """The UBL file of one invoice or credit note, or why none may be written.

    `entry_id` is the journal's; `buyer` the `[buyer]` configuration of the client the
    invoice is routed to (None when there is none); `pdf_bytes` the PDF as read (its SHA-256
    must be the record's `source.sha256`); `printed` what the PDF prints beyond the record
    (the original invoice of a credit note, payment terms, addresses, payment means).
    """
    reasons = scope_reasons(invoice, buyer, pdf_bytes, printed)
    if reasons:
        return UblSkipped(entry_id, reasons)
    tree = ubl_tree(invoice, buyer, pdf_bytes, printed)
    xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    violations = document_violations(xml)
    if violations:
        return UblSkipped(entry_id, violations)
    return UblFile(entry_id, etree.QName(tree).localname, xml)
