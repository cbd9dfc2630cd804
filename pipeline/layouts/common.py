"""What the layout readers hand to `extract`: the located raw texts, and shared vocabulary.

Raw values are the printed strings (joined words); typing them (amounts, dates) happens once,
in `pipeline.extract`, with the decimal mark and date order decided for the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import DocumentType, Family, Language, PriceBasis


@dataclass(frozen=True, slots=True)
class RawLine:
    product: str
    subscription_id: str | None = None
    charge_type: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    days: str | None = None
    quantity: str | None = None
    unit_price: str | None = None
    price_basis: PriceBasis | None = None
    charges: str | None = None
    discounts: str | None = None
    credits: str | None = None
    amount: str | None = None
    tax_rate: str | None = None
    tax: str | None = None
    total: str | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class RawInvoice:
    family: Family
    language: Language
    document_type: DocumentType = "invoice"
    supplier_name: str | None = None
    supplier_vat: str | None = None
    customer_name: str | None = None
    customer_vat: str | None = None
    invoice_number: str | None = None
    invoice_date: str | None = None
    due_date: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    order_number: str | None = None
    purchase_order: str | None = None
    currency: str | None = None
    header_month: str | None = None
    header_total: str | None = None
    previous_balance: str | None = None
    charges: str | None = None
    discounts: str | None = None
    credits: str | None = None
    subtotal: str | None = None
    taxes: tuple[str, ...] = ()
    tax_rate: str | None = None
    total: str | None = None
    lines: tuple[RawLine, ...] = ()


LANGUAGES: tuple[Language, ...] = ("nl", "en", "fr", "de")

#: Sellers of Microsoft's online services and the country of their tax number.
SELLERS: dict[str, str] = {
    "Microsoft Ireland Operations Ltd": "IE",
    "Microsoft Ireland Operations Limited": "IE",
    "Microsoft Corporation": "US",
}

#: The page footer's "Page 1 of 2", in the four languages.
PAGE_WORDS = ("page", "pagina", "seite")
PAGE_OF_WORDS = ("of", "van", "von", "de", "sur")

#: Words that stand before a VAT number and are not part of it.
VAT_LABELS = frozenset(
    {
        "vat",
        "btw",
        "tva",
        "ust",
        "mwst",
        "uid",
        "moms",
        "mva",
        "iva",
        "btw-nr",
        "btw-nummer",
        "vat-nr",
        "vat-no",
        "ust-idnr",
        "ust-id",
        "tva-n°",
        "n°",
        "number",
        "nummer",
        "numéro",
        "tax",
        "id",
        "vat-id",
        "vat-number",
        "btw-nr.",
    }
)

#: EU VAT number bodies per country prefix (after removing spaces, dots and dashes).
VAT_BODY: dict[str, str] = {
    "AT": r"U\d{8}",
    "BE": r"[01]\d{9}|\d{9}",
    "BG": r"\d{9,10}",
    "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}",
    "DE": r"\d{9}",
    "DK": r"\d{8}",
    "EE": r"\d{9}",
    "EL": r"\d{9}",
    "ES": r"[0-9A-Z]\d{7}[0-9A-Z]",
    "FI": r"\d{8}",
    "FR": r"[0-9A-Z]{2}\d{9}",
    "HR": r"\d{11}",
    "HU": r"\d{8}",
    "IE": r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]",
    "IT": r"\d{11}",
    "LT": r"\d{9}|\d{12}",
    "LU": r"\d{8}",
    "LV": r"\d{11}",
    "MT": r"\d{8}",
    "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}",
    "PT": r"\d{9}",
    "RO": r"\d{2,10}",
    "SE": r"\d{12}",
    "SI": r"\d{8}",
    "SK": r"\d{10}",
    "XI": r"\d{9}|\d{12}",
    "GB": r"\d{9}|\d{12}",
    "NO": r"\d{9}(?:MVA)?",
    "CH": r"E\d{9}(?:MWST|TVA|IVA)?",
}

GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

#: Invoice number shapes per family (spec: "invoice number" column).
INVOICE_NUMBER: dict[Family, re.Pattern[str]] = {
    "portal-2012": re.compile(r"^C\d{8}[A-Z]$"),
    "online-services": re.compile(r"^E0[0-9A-Z]{8}$"),
    "customer-agreement": re.compile(r"^G\d{9}$"),
}
ANY_INVOICE_NUMBER = re.compile(r"^(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{5,19}$")

#: The dashes a range or an empty cell is printed with.
DASHES = "-–—"

#: Words that join the two dates of a range, single tokens and phrases.
RANGE_JOINERS: tuple[tuple[str, ...], ...] = (
    ("tot", "en", "met"),
    ("t/m",),
    ("-",),
    ("–",),
    ("—",),
    ("to",),
    ("through",),
    ("au",),
    ("à",),
    ("bis",),
    ("tot",),
)

#: Tax labels of the summaries, in any language (several may stand on one invoice).
TAX_LABELS = (
    "Taxes",
    "Tax",
    "VAT",
    "Sales Tax",
    "GST/HST",
    "QST/PST",
    "GST",
    "HST",
    "QST",
    "PST",
    "BTW",
    "Belasting",
    "TVA",
    "Taxe",
    "MwSt.",
    "USt.",
    "MwSt",
    "USt",
    "Steuer",
    "MVA",
)
