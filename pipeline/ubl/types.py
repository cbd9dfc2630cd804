"""The frozen inputs and results of the UBL library: buyer configuration, printed extras, result.

No lxml here: these are what the export and the configuration hand to `ubl_file` and get back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Buyer:
    """The `[buyer]` configuration of the client an invoice is routed to (spec: ubl.md).

    `peppol_id` and `legal_id` are `scheme:value`, e.g. `0208:0123456749`, `0106:12345678`.
    Every field is optional; a value the customer block of the PDF prints wins where the
    spec says so (name, VAT number, country).
    """

    name: str | None = None
    vat_number: str | None = None
    country: str | None = None
    peppol_id: str | None = None
    legal_id: str | None = None
    street: str | None = None
    city: str | None = None
    post_code: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as printed on the PDF."""

    street: str | None = None
    city: str | None = None
    post_code: str | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    """Printed payment instructions: UNCL4461 code (58 SEPA transfer, 30 transfer, 48 card)."""

    code: str
    iban: str | None = None
    bic: str | None = None


@dataclass(frozen=True, slots=True)
class Printed:
    """What the PDF prints beyond the fields of the invoice record, where the reader has it.

    `due_date` is the journal's due date derived from the printed terms, used where the
    record has no printed `due_date`; `original_invoice` is the number of the invoice a
    credit note corrects.
    """

    original_invoice: str | None = None
    payment_terms: str | None = None
    due_date: date | None = None
    seller_address: Address | None = None
    customer_address: Address | None = None
    payment: Payment | None = None


@dataclass(frozen=True, slots=True)
class Violation:
    """One reason a document cannot be written: an EN 16931 / Peppol rule id or a scope reason.

    Scope reasons (the spec's "which documents get a file") have ids starting with `SCOPE-`,
    XSD errors the id `UBL-XSD`.
    """

    rule_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.message}"


@dataclass(frozen=True, slots=True)
class UblFile:
    """A document that passed the XSD and every rule: UTF-8 bytes with an XML declaration."""

    entry_id: str
    root: str
    xml: bytes

    @property
    def file_name(self) -> str:
        """`<entry_id>.xml`, the name under `ubl/` beside the other export files."""
        return f"{self.entry_id}.xml"


@dataclass(frozen=True, slots=True)
class UblSkipped:
    """No file: the reasons, each naming its rule id and the value involved."""

    entry_id: str
    reasons: tuple[Violation, ...]

    @property
    def message(self) -> str:
        """One line for the checks sheet (`UBL_SKIPPED`): every reason, `; `-separated."""
        return "no UBL file: " + "; ".join(str(reason) for reason in self.reasons)


UblResult = UblFile | UblSkipped
