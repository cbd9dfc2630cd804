"""A family of Microsoft invoices as one self-describing unit, the way beangulp describes an
importer: its name, its vocabulary (words, identifying labels, number shape, required fields)
and its reader. Each `layouts/<family>/__init__.py` declares one; `layouts` registers them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.layouts.geometry import Labeller, Row
from pipeline.layouts.raw import RawInvoice
from pipeline.layouts.segments import misread
from pipeline.layouts.vocabulary import Arithmetic, Requirements, Vocabulary
from pipeline.model import Family, Language

Reader = Callable[[Sequence[Row], Language, Labeller], RawInvoice]


@dataclass(frozen=True, slots=True)
class InvoiceFamily:
    """`misread` names what a line's product name holds that is another field of the line
    (an amount, a price phrase, a date, a label, a separator glyph), or None."""

    name: Family
    vocabulary: Vocabulary
    read: Reader
    misread: Callable[[str], str | None] = misread

    @property
    def required(self) -> Requirements:
        return self.vocabulary.required

    @property
    def arithmetic(self) -> Arithmetic:
        return self.vocabulary.arithmetic

    def labels(self, language: Language) -> dict[str, tuple[str, ...]]:
        """The label phrases of `language`, by concept key."""
        return self.vocabulary.labels(language)

    def labeller(self, rows: Sequence[Row], language: Language) -> Labeller:
        """Every label of this family and language found in `rows`."""
        return Labeller(rows, self.labels(language), self.vocabulary.grid_keys)

    def found(self, language: Language, present: Callable[[str], bool]) -> tuple[int, int]:
        """Detection's inputs: how many of this family's identifying keys and how many of all
        its keys have a phrase in `language` that `present` says the document prints."""
        found = {
            key for key, phrases in self.labels(language).items() if any(map(present, phrases))
        }
        return len(found & self.vocabulary.identifying), len(found)

    def shaped(self, word: str) -> bool:
        """Whether `word` has the shape of this family's invoice numbers."""
        return bool(self.vocabulary.invoice_number.match(word))
