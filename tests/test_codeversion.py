"""The reading-code version: derived from the reading modules themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import __version__
from pipeline.codeversion import PACKAGE, reading_code_version, reading_modules


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package's sources, named as it is."""
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def names(package: Path) -> set[str]:
    return {path.relative_to(package).as_posix() for path in reading_modules(package)}


def test_the_reading_modules_are_what_reading_imports_every_layout_and_the_record() -> None:
    found = names(PACKAGE)
    assert {
        "__init__.py", "reading.py", "pdfwords.py", "extract.py", "checks.py", "parsing.py",
        "model.py", "errors.py", "hashing.py", "record.py", "layouts/__init__.py",
    } <= found  # fmt: skip
    assert {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "layouts").rglob("*.py")} <= found
    assert not found & {"export.py", "cli.py", "register.py", "ledger.py", "writers/__init__.py"}


def test_the_version_is_the_package_version_and_a_digest_of_those_modules(package: Path) -> None:
    version = reading_code_version(package)
    assert version == reading_code_version(PACKAGE)
    assert version.startswith(f"{__version__}+")
    assert len(version) == len(__version__) + 1 + 12


def test_a_new_module_in_each_family_folder_changes_the_version(package: Path) -> None:
    families = sorted(p.parent for p in (package / "layouts").glob("*/__init__.py"))
    assert [f.name for f in families] == ["customer_agreement", "online_services", "portal_2012"]
    versions = {reading_code_version(package)}
    for family in families:
        (family / "credit_notes.py").write_text("WORDS = ()\n")
        versions.add(reading_code_version(package))
    assert len(versions) == 1 + len(families)


def test_a_new_family_folder_and_its_sub_packages_change_the_version(package: Path) -> None:
    before = reading_code_version(package)
    family = package / "layouts" / "a_new_family"
    family.mkdir()
    (family / "__init__.py").write_text("")
    with_package = reading_code_version(package)
    (family / "vocabulary.py").write_text('LABELS = {"en": "Invoice"}\n')
    with_module = reading_code_version(package)
    nested = family / "tables"
    nested.mkdir()
    (nested / "columns.py").write_text("KEYS = ()\n")
    assert len({before, with_package, with_module, reading_code_version(package)}) == 4


def test_changing_a_module_reading_imports_changes_the_version_and_others_do_not(
    package: Path,
) -> None:
    before = reading_code_version(package)
    with (package / "export.py").open("a") as handle:
        handle.write("# not reading code\n")
    (package / "writers" / "odd.py").write_text("X = 1\n")
    assert reading_code_version(package) == before
    with (package / "parsing.py").open("a") as handle:
        handle.write("# a changed parser\n")
    assert reading_code_version(package) != before


def test_a_module_newly_imported_by_the_reader_counts(package: Path) -> None:
    (package / "helper.py").write_text("def help() -> int:\n    return 1\n")
    before = reading_code_version(package)
    assert "helper.py" not in names(package)
    reading = package / "reading.py"
    reading.write_text(reading.read_text() + "\nfrom pipeline.helper import help  # noqa\n")
    assert "helper.py" in names(package)
    (package / "helper.py").write_text("def help() -> int:\n    return 2\n")
    assert reading_code_version(package) != before


def test_relative_imports_are_followed_from_modules_and_packages(package: Path) -> None:
    for name in ("first.py", "second.py"):
        (package / name).write_text("X = 1\n")
    family = package / "layouts" / "a_new_family"
    family.mkdir()
    (family / "__init__.py").write_text("from ...first import X  # noqa\n")
    (family / "reader.py").write_text("from ... import second  # noqa\n")
    assert {"first.py", "second.py"} <= names(package)
