"""The only pdfplumber import: a PDF file to the words of its pages, with their boxes.

Each page is laid out by our own pdfminer device, which counts the characters it draws and
stops the page at the configured limits (`ReadLimits`) before they are all in memory: a PDF of
a few kilobytes can draw millions of glyphs, each of which would become a Python object.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import EncryptedPdf, UnreadablePdf
from pipeline.limits import LimitExceeded, ReadLimits, too_many_in_document, too_many_on_page
from pipeline.model import Document, Page, Word

_PDF_MAGIC = b"%PDF-"
_GAP_RATIO = 0.15

# pdfminer and pdfplumber log a warning for every damaged operator, font or metadata value they
# skip; without a handler of their own those reach stderr through logging's last resort and bury
# the CLI's one-line errors.
for _library in ("pdfminer", "pdfplumber"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": ""})


def clean_text(text: str) -> str:
    """A word as other PDF engines may print it, made comparable: ligatures and compatibility
    forms unfolded (NFKC: `ﬁ` → `fi`, `№` → `No`), Unicode hyphens made ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_HYPHENS)


def _overstruck(chars: Sequence[Mapping[str, Any]]) -> bool:
    """Whether a glyph is drawn twice in one place: bold faked by printing the text two or
    three times a hair apart, which would read as `IIInnnvvvoooiiiccceee`. Cheap, so only
    such pages pay for pdfplumber's `dedupe_chars`."""
    places = {(c["text"], round(c["x0"]), round(c["top"])) for c in chars}
    return len(places) < len(chars)


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head:
        raise UnreadablePdf("the file is empty", file=path.name)
    if _PDF_MAGIC not in head:
        raise UnreadablePdf("the file is not a PDF (no %PDF- header)", file=path.name)


def _is_password_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        if "Password" in name or "Encrypt" in name:
            return True
        for arg in current.args:
            if isinstance(arg, BaseException) and _is_password_error(arg):
                return True
        current = current.__cause__ or current.__context__
    return False


class _OverBudget(BaseException):
    """Raised from inside pdfminer when a page draws more characters than allowed; a
    BaseException, so that no `except Exception` of the library swallows it."""

    def __init__(self, page: int, document: bool) -> None:
        super().__init__(page, document)
        self.page, self.document = page, document


def _lay_out(page: Any, number: int, budget: list[int], limits: ReadLimits) -> None:
    """Lay out `page` as pdfplumber would (its `layout`), counting the characters drawn:
    `_OverBudget` past the page's limit or the document's remaining `budget[0]`."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counting(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.drawn += 1
            if self.drawn > limits.page_characters:
                raise _OverBudget(number, document=False)
            if self.drawn > budget[0]:
                raise _OverBudget(number, document=True)
            return float(super().render_char(*args, **kwargs))

    pdf = page.pdf
    device = Counting(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    budget[0] -= device.drawn
    # pdfplumber's cached layout (a cached property it clears in `close`): set here so that
    # `chars` and `extract_words` use the layout counted above instead of making their own.
    page._layout = device.get_result()


def read_document(path: Path, limits: ReadLimits | None = None) -> Document:
    """Every page's words; pages are closed after use so memory stays flat over a batch.

    Raises `EncryptedPdf` when a password is needed, `LimitExceeded` for a page or document
    that draws more characters than `limits` allow, and `UnreadablePdf` for anything that is
    not a readable PDF.
    """
    import pdfplumber

    limits = limits or ReadLimits()
    _check_header(path)
    budget = [limits.characters]
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                _lay_out(page, number, budget, limits)
                drawn = page.dedupe_chars(tolerance=1) if _overstruck(page.chars) else page
                raw = drawn.extract_words(
                    keep_blank_chars=False, use_text_flow=False, x_tolerance_ratio=_GAP_RATIO
                )
                pages.append(
                    Page(
                        number=number,
                        width=float(page.width),
                        height=float(page.height),
                        words=tuple(
                            Word(
                                text=clean_text(w["text"]),
                                x0=float(w["x0"]),
                                x1=float(w["x1"]),
                                top=float(w["top"]),
                                bottom=float(w["bottom"]),
                                page=number,
                            )
                            for w in raw
                        ),
                    )
                )
                page.close()
    except _OverBudget as over:
        reason = (
            too_many_in_document(limits) if over.document else too_many_on_page(over.page, limits)
        )
        raise LimitExceeded(reason, file=path.name) from None
    except MemoryError:  # the worker's memory limit: reported as such by pipeline.reading
        raise
    except RecursionError as exc:
        raise UnreadablePdf(
            f"the PDF is too complex to read ({type(exc).__name__})", file=path.name
        ) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged input
        if _is_password_error(exc):
            raise EncryptedPdf("the PDF needs a password to open", file=path.name) from exc
        reason = str(exc).strip() or type(exc).__name__
        raise UnreadablePdf(f"the PDF is damaged or truncated ({reason})", file=path.name) from exc
    return Document(pages=tuple(pages))
