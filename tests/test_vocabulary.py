"""Every family's vocabulary, concept by concept, in the four languages; and that the words of
a family stay in its folder while geometry and table reading know none."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.countries import EU_MEMBER_STATES, EU_VAT_PREFIXES, VAT_BODIES, country_of_prefix
from pipeline.layouts import FAMILIES, family_named, requirements
from pipeline.layouts.family import InvoiceFamily
from pipeline.layouts.vocabulary import (
    FOOTER_HINTS,
    LANGUAGES,
    MINIMUM,
    PAGE_WORDS,
    SELLERS,
    NotPrinted,
    Phrases,
)
from pipeline.model import Language

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
FOLDERS = {family.name: family.read.__module__.rsplit(".", 2)[1] for family in FAMILIES}


def concepts() -> Iterator[tuple[InvoiceFamily, str, str]]:
    for family in FAMILIES:
        for table_name, table in family.vocabulary.tables.items():
            keys = dict.fromkeys(k for language in LANGUAGES for k in table[language])
            for key in keys:
                yield family, table_name, key


def shown(phrases: Phrases | None) -> str:
    if phrases is None:
        return "MISSING"
    if isinstance(phrases, NotPrinted):
        return f"(not printed: {phrases.why})"
    return " / ".join(phrases)


@pytest.mark.parametrize(
    ("family", "table_name", "key"),
    list(concepts()),
    ids=[f"{f.name}:{t}:{k}" for f, t, k in concepts()],
)
def test_each_concept_has_its_label_in_every_language_or_says_it_is_not_printed(
    family: InvoiceFamily, table_name: str, key: str
) -> None:
    table = family.vocabulary.tables[table_name]
    row: dict[Language, Phrases | None] = {lang: table[lang].get(key) for lang in LANGUAGES}
    line = " | ".join(f"{lang}: {shown(p)}" for lang, p in row.items())
    print(f"{family.name} {table_name} {key}: {line}")
    for language, phrases in row.items():
        assert phrases is not None, f"{key} has no {language} entry: {line}"
        if isinstance(phrases, tuple):
            assert phrases, f"{key} declares an empty {language} tuple: {line}"
            assert all(p.strip() == p and p for p in phrases), line
        else:
            assert phrases.why, line
    assert isinstance(row["en"], tuple), f"English is always printed: {line}"


def test_the_vocabularies_hold_the_labels_the_spec_names() -> None:
    a = family_named("portal-2012").vocabulary.tables
    assert a["labels"]["nl"]["current_charges"] == ("Huidige kosten",)
    assert a["labels"]["de"]["previous_balance"] == ("Vorheriger Saldo",)
    assert a["line phrases"]["fr"]["year"] == ("an", "année")
    b = family_named("online-services").vocabulary.tables["labels"]
    assert b["fr"]["grand_total"] == ("Total général",)
    assert b["de"]["col_qty"] == ("Menge",)
    c = family_named("customer-agreement").vocabulary.tables["section C"]
    assert c["nl"]["azure_credits"] == ("Toegepaste Azure-tegoeden", "Azure-tegoed toegepast")
    assert c["de"]["col_tax_amount"] == ("Steuerbetrag",)
    assert c["fr"]["credit_note"] == NotPrinted(
        "the translated credit note title is not documented"
    )
    assert c["en"]["col_charge_dates"] == ("Charge dates", "Purchases Charge dates")


def test_a_family_prints_the_labels_that_identify_it_in_every_language() -> None:
    for family in FAMILIES:
        for language in LANGUAGES:
            labels = family.labels(language)
            assert family.vocabulary.identifying <= set(labels), (family.name, language)
            assert family.vocabulary.grid_keys <= set(labels), (family.name, language)


def test_the_required_fields_are_declared_by_each_family() -> None:
    assert requirements("portal-2012").header == (
        "invoice_number",
        "invoice_date",
        "total",
        "billing_period",
        "due_date",
    )
    assert requirements("online-services").line == (
        "quantity",
        "unit_price",
        "amount",
        "service_period",
        "tax",
        "total",
    )
    assert requirements("customer-agreement").header == (
        "invoice_number",
        "invoice_date",
        "total",
        "billing_period",
    )
    assert requirements(None) == MINIMUM


def test_the_invoice_number_shapes_tell_the_families_apart() -> None:
    numbers = {"portal-2012": "C10001358H", "online-services": "E0300QOPRU"}
    numbers["customer-agreement"] = "G123456789"
    for family in FAMILIES:
        assert [f.name for f in FAMILIES if f.shaped(numbers[family.name])] == [family.name]


def test_one_declaration_of_the_eu_countries_and_their_vat_facts() -> None:
    assert len(EU_MEMBER_STATES) == 27
    assert "GR" in EU_MEMBER_STATES and "EL" not in EU_MEMBER_STATES
    assert (EU_MEMBER_STATES - {"GR"}) | {"EL", "XI"} == EU_VAT_PREFIXES
    assert country_of_prefix("EL") == "GR"
    assert country_of_prefix("XI") == "XI"
    assert country_of_prefix("US") == "US"
    assert re.fullmatch(VAT_BODIES["NL"], "123456789B01")
    assert re.fullmatch(VAT_BODIES["IE"], "8256796U")
    assert {"GB", "NO", "CH"} <= set(VAT_BODIES) and not {"GB", "NO", "CH"} & EU_VAT_PREFIXES


# --- where the words live ---------------------------------------------------------------------


def literals(path: Path) -> list[str]:
    """The string constants of a module, without its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def phrases_of(family: InvoiceFamily, languages: tuple[Language, ...] = LANGUAGES) -> set[str]:
    return {
        p.casefold()
        for table in family.vocabulary.tables.values()
        for language in languages
        for phrases in table[language].values()
        if isinstance(phrases, tuple)
        for p in phrases
    }


def identifying_phrases(family: InvoiceFamily) -> set[str]:
    labels = family.vocabulary.tables["labels"]
    return {
        p
        for language in LANGUAGES
        for key in family.vocabulary.identifying
        if isinstance(phrases := labels[language][key], tuple)
        for p in phrases
    }


def family_words(family: InvoiceFamily) -> set[str]:
    """The words that name this family: the labels that identify it, as printed (English prose
    says "service period" but only the label prints "Service Period"), and, in any case, every
    label it prints in nl, fr or de that is not also an English word of any family (English
    labels such as `total` or `tax` are also the record's field names). Words shorter than four
    letters (`an`, `par`) are common words of English text too, and left out."""
    english = set().union(*(phrases_of(f, ("en",)) for f in FAMILIES))
    own = {p for p in phrases_of(family, ("nl", "fr", "de")) if p not in english}
    return {p for p in identifying_phrases(family) | own if len(p) >= 4}


def named_in(text: str, phrases: set[str]) -> set[str]:
    """The phrases `text` names: as printed, or in any case where a phrase is all lower case."""
    found = set()
    for phrase in phrases:
        flags = re.IGNORECASE if phrase == phrase.casefold() else 0
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, flags):
            found.add(phrase)
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


#: Words that are also part of something else than a label, where they stand.
NOT_LABELS = {("countries.py", "mwst"): "the suffix of a Swiss VAT number (CHE…MWST)"}


def test_no_family_names_its_words_outside_its_folder() -> None:
    """The shared vocabulary holds the words every family shares; every other module outside
    a family's folder names none of that family's words, unless its own family prints it too."""
    shared = PACKAGE / "layouts" / "vocabulary.py"
    for family in FAMILIES:
        words = family_words(family)
        for path in modules():
            folder = path.parent.name
            if path == shared or folder == FOLDERS[family.name]:
                continue
            own = next(
                (phrases_of(f) for f in FAMILIES if FOLDERS[f.name] == folder),
                set(),
            )
            texts = [text for text in literals(path) if text.casefold() not in own]
            found = {w for text in texts for w in named_in(text, words)}
            found = {w for w in found if (path.name, w) not in NOT_LABELS}
            assert not found, f"{path.relative_to(PACKAGE)} names {family.name} words {found}"


def test_geometry_and_tables_know_no_microsoft_word() -> None:
    every = set().union(*(family_words(f) for f in FAMILIES))
    every |= {w.casefold() for w in (*SELLERS, *PAGE_WORDS, *FOOTER_HINTS, "microsoft")}
    for name in ("geometry.py", "tables.py"):
        path = PACKAGE / "layouts" / name
        found = {w for text in literals(path) for w in named_in(text, every)}
        assert not found, f"{name} names {found}"


def test_no_family_name_appears_in_the_checks() -> None:
    text = (PACKAGE / "checks.py").read_text(encoding="utf-8")
    for family in FAMILIES:
        assert family.name not in text
        assert FOLDERS[family.name] not in text
