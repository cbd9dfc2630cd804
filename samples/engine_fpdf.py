"""A second PDF engine for the generator's pages: fpdf2, the only module that imports it.

fpdf2 writes every `text()` call as a text object of its own, encodes the standard fonts in
Windows-1252 and embeds TrueType fonts as Identity-H subsets with their own widths: none of
that is how reportlab writes a page. The pages are the same `samples.layout` operations, so a
record written from the generator's model holds for either engine.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from samples.layout import PAGE_SIZES, Box, Op, Text, register_ttf, width

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
#: TrueType faces beside reportlab's Vera: name → file in DEJAVU.
DEJAVU_FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
}
#: The standard fonts, as fpdf2 names them (family, style).
CORE = {
    "Helvetica": ("helvetica", ""),
    "Helvetica-Bold": ("helvetica", "B"),
    "Times-Roman": ("times", ""),
    "Times-Bold": ("times", "B"),
    "Courier": ("courier", ""),
    "Courier-Bold": ("courier", "B"),
}
#: A fixed creation date, so the same pages give the same bytes.
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def has_dejavu() -> bool:
    return all((DEJAVU / file).is_file() for file in DEJAVU_FACES.values())


@cache
def register_dejavu() -> bool:
    """Make the DejaVu faces measurable by `samples.layout.width` (reportlab's metrics);
    False when the system has no DejaVu fonts."""
    if not has_dejavu():
        return False
    for name, file in DEJAVU_FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(DEJAVU / file)))
    return True


def ttf_file(name: str) -> Path | None:
    if name in DEJAVU_FACES:
        return DEJAVU / DEJAVU_FACES[name]
    if name.startswith("Vera"):
        import reportlab

        folder = Path(os.path.dirname(reportlab.__file__)) / "fonts"
        return folder / ("VeraBd.ttf" if name == "Vera-Bold" else "Vera.ttf")
    return None


def fpdf_pdf(pages: list[list[Op]], page_size: str, title: str = "") -> bytes:
    """The PDF bytes fpdf2 writes for the pages; identical input gives identical bytes."""
    from fpdf import FPDF

    register_ttf()
    page_width, page_height = PAGE_SIZES[page_size]
    pdf = FPDF(unit="pt", format=(page_width, page_height))
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_creation_date(EPOCH)
    pdf.set_title(title)
    pdf.set_producer("fpdf2")
    added: set[str] = set()
    for ops in pages:
        pdf.add_page()
        for op in ops:
            if isinstance(op, Box):
                pdf.set_fill_color(*(round(c * 255) for c in op.rgb))
                pdf.rect(op.x, op.top, op.width, op.height, style="F")
                continue
            draw(pdf, op, added)
    return bytes(pdf.output())


def draw(pdf: object, op: Text, added: set[str]) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    if op.font in CORE:
        family, style = CORE[op.font]
    else:
        file = ttf_file(op.font)
        if file is None:
            raise ValueError(f"fpdf2 has no font {op.font}")
        if op.font not in added:
            pdf.add_font(op.font, "", str(file))
            added.add(op.font)
        family, style = op.font, ""
    pdf.set_font(family, style, op.size)
    full = width(op.text, op.font, op.size)
    x = op.x - {"right": full, "center": full / 2}.get(op.align, 0.0)
    pdf.text(x, op.top + op.size * 0.78, op.text)
