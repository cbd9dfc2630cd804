"""Pages as lists of drawing operations in top-down coordinates, and their PDF rendering.

Layout code places text with `top` measured from the top edge (as pdfplumber reports it);
`render` is the only place that talks to reportlab's canvas.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from samples.model import Invoice

Align = Literal["left", "right", "center"]
KEEP = "\x00"
LOGO_COLOURS = ((0.95, 0.31, 0.13), (0.5, 0.73, 0.0), (0.0, 0.64, 0.94), (1.0, 0.73, 0.0))
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
NARROW_NBSP = "\u202f"


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    top: float
    text: str
    font: str
    size: float
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    top: float
    width: float
    height: float
    rgb: tuple[float, float, float] = (0.85, 0.85, 0.85)


Op = Text | Box


@cache
def register_ttf() -> tuple[str, str]:
    """Bitstream Vera from reportlab's own fonts, with U+202F drawn as a narrow space.

    Vera has no glyph for the narrow no-break space; mapping it to the space glyph keeps the
    character in the text layer (ToUnicode) while drawing what the character means.
    """
    import reportlab

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    names = []
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf")):
        font = TTFont(name, os.path.join(folder, file))
        face: Any = font.face
        face.charToGlyph[ord(NARROW_NBSP)] = face.charToGlyph[ord(" ")]
        face.charWidths[ord(NARROW_NBSP)] = face.charWidths[ord(" ")] * 0.6
        pdfmetrics.registerFont(font)
        names.append(name)
    return names[0], names[1]


def ensure_font(name: str) -> None:
    if name.startswith("Vera"):
        register_ttf()


def width(text: str, font: str, size: float) -> float:
    ensure_font(font)
    return float(pdfmetrics.stringWidth(text.replace(KEEP, " "), font, size))


def keep_together(text: str) -> str:
    """Mark the spaces of `text` (an amount like 1 234,56) as not breakable by `wrap`."""
    return text.replace(" ", KEEP)


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of `text`: a lone ':' or '%' (French spacing, '21 %') is joined
    to the word before it."""
    words: list[str] = []
    for word in text.split(" "):
        if words and word in (":", "%"):
            words[-1] += KEEP + word
        else:
            words.append(word)
    return words


def longest_token(text: str, font: str, size: float) -> float:
    return max((width(token, font, size) for token in tokens(text)), default=0.0)


def wrap(text: str, font: str, size: float, limit: float, first: float | None = None) -> list[str]:
    """Greedy word wrap over `tokens`; `first` is the room on the first line when it differs."""
    lines: list[str] = []
    current = ""
    room = limit if first is None else first
    for word in tokens(text):
        candidate = f"{current} {word}" if current else word
        if current and width(candidate, font, size) > room:
            lines.append(current)
            current, room = word, limit
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return [line.replace(KEEP, " ") for line in lines]


def logo(page: list[Op], x: float, top: float, font: str) -> None:
    for i, rgb in enumerate(LOGO_COLOURS):
        page.append(Box(x + 8 * (i % 2), top + 8 * (i // 2), 7, 7, rgb))
    page.append(Text(x + 22, top - 1, "Microsoft", font, 17))


@dataclass
class Flow:
    """Places blocks down the pages, starting a new page when a block would not fit."""

    start: Callable[[list[Op], int], float]
    bottom: float
    pages: list[list[Op]] = field(default_factory=list)
    top: float = 0.0

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def page(self) -> list[Op]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.top = self.start(self.pages[-1], len(self.pages))

    def need(self, height: float) -> bool:
        """Start a new page unless `height` fits; True when a page was started."""
        if self.top + height > self.bottom:
            self.new_page()
            return True
        return False

    def text(self, x: float, text: str, font: str, size: float, align: Align = "left") -> None:
        self.page.append(Text(x, self.top, text, font, size, align))


#: How far apart a producer that fakes bold prints the regular font's copies of the text.
OVERSTRIKE = (0.0, 0.3, 0.6)


def render(
    pages: list[list[Op]],
    page_size: str,
    encrypt: object | None = None,
    title: str = "",
    fake_bold: tuple[str, str] | None = None,
    spaceless: bool = False,
) -> bytes:
    """The PDF bytes of the pages; identical input gives identical bytes (invariant mode).
    With `fake_bold` (bold font, regular font), bold text is the regular font overstruck;
    with `spaceless`, each word is placed on its own and no space character is written, as
    engines that position words themselves do."""
    page_width, page_height = PAGE_SIZES[page_size]
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=(page_width, page_height), invariant=1, pageCompression=1, encrypt=encrypt
    )
    canvas.setTitle(title)
    for ops in pages:
        for op in ops:
            if isinstance(op, Box):
                canvas.setFillColorRGB(*op.rgb)
                canvas.rect(op.x, page_height - op.top - op.height, op.width, op.height, 0, 1)
                canvas.setFillColorRGB(0, 0, 0)
                continue
            overstruck = fake_bold is not None and op.font == fake_bold[0]
            font = fake_bold[1] if fake_bold is not None and overstruck else op.font
            ensure_font(font)
            if NARROW_NBSP in op.text and not font.startswith("Vera"):
                raise ValueError(f"{font} cannot draw U+202F: {op.text!r}")
            canvas.setFont(font, op.size)
            baseline = page_height - op.top - op.size * 0.78
            for dx in OVERSTRIKE if overstruck else (0.0,):
                if spaceless:
                    draw_words(canvas, op, font, op.x + dx, baseline)
                elif op.align == "right":
                    canvas.drawRightString(op.x + dx, baseline, op.text)
                elif op.align == "center":
                    canvas.drawCentredString(op.x + dx, baseline, op.text)
                else:
                    canvas.drawString(op.x + dx, baseline, op.text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_words(canvas: Canvas, op: Text, font: str, x: float, baseline: float) -> None:
    """The text of `op` word by word, each at the x it has in the whole line."""
    width = canvas.stringWidth(op.text, font, op.size)
    start = x - {"right": width, "center": width / 2}.get(op.align, 0.0)
    at = 0
    for word in op.text.split(" "):
        if word:
            left = canvas.stringWidth(op.text[:at], font, op.size)
            canvas.drawString(start + left, baseline, word)
        at += len(word) + 1


@dataclass(frozen=True, slots=True)
class Geometry:
    page_width: float
    page_height: float
    margin: float
    size: float
    lead: float
    font: str
    bold: str

    @property
    def right(self) -> float:
        return self.page_width - self.margin

    @property
    def inner(self) -> float:
        return self.page_width - 2 * self.margin


def geometry(invoice: Invoice) -> Geometry:
    style = invoice.style
    page_width, page_height = PAGE_SIZES[style.page]
    return Geometry(
        page_width,
        page_height,
        style.margin,
        style.size,
        style.size * 1.32 * style.row_gap,
        style.font,
        style.bold,
    )
