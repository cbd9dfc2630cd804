"""Inputs a reader must reject cleanly: empty, truncated, not a PDF, no text, foreign, locked."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

from reportlab.lib.pdfencrypt import StandardEncryption

from samples.layout import Box, Op, Text, render
from samples.reseller import reseller

GREY = (0.35, 0.35, 0.35)


def empty() -> bytes:
    return b""


def truncated(pdf: bytes) -> bytes:
    """The first 40 % of a real invoice: header and fonts, no page tree, no xref, no %%EOF."""
    return pdf[: len(pdf) * 2 // 5]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png() -> bytes:
    """A 16 × 16 grey PNG image, written byte by byte (no imaging library needed)."""
    size = 16
    rows = b"".join(b"\x00" + bytes([(x * 16) % 256 for x in range(size)]) for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows, 9))
        + png_chunk(b"IEND", b"")
    )


def scanned_pages() -> list[list[Op]]:
    """Grey bars where a scan would show text lines, a logo, a table: shapes and no text."""
    page: list[Op] = [
        Box(40, 36, 7, 7, (0.95, 0.31, 0.13)),
        Box(48, 36, 7, 7, (0.5, 0.73, 0.0)),
        Box(40, 44, 7, 7, (0.0, 0.64, 0.94)),
        Box(48, 44, 7, 7, (1.0, 0.73, 0.0)),
    ]
    widths = (180, 140, 160, 90, 200, 120)
    for i in range(18):
        page.append(Box(40, 120 + i * 14, widths[i % len(widths)], 5, GREY))
        page.append(Box(400, 120 + i * 14, 60 + (i * 7) % 50, 5, GREY))
    for i in range(6):
        page.append(Box(40, 420 + i * 20, 515, 0.6, GREY))
    return [page]


def no_text() -> bytes:
    return render(scanned_pages(), "A4")


def foreign_pages() -> list[list[Op]]:
    """A Dutch web-hosting invoice: readable text with invoice words, but not Microsoft's."""
    font, bold = "Helvetica", "Helvetica-Bold"
    rows = [
        (40, 40, "Hostingbedrijf Zeeland BV", bold, 14.0),
        (40, 60, "Havenstraat 12, 4381 AB Vlissingen", font, 9.0),
        (40, 72, "KvK 81234567 · BTW NL862345012B01", font, 9.0),
        (440, 40, "FACTUUR", bold, 18.0),
        (40, 130, "Factuurnummer: 2024-0117", font, 9.0),
        (40, 143, "Factuurdatum: 15/01/2024", font, 9.0),
        (40, 156, "Vervaldatum: 14/02/2024", font, 9.0),
        (300, 130, "Klant: Bakkerij Jansen B.V.", font, 9.0),
        (300, 143, "Oudegracht 45, 3511 AB Utrecht", font, 9.0),
        (40, 200, "Omschrijving", bold, 9.0),
        (330, 200, "Aantal", bold, 9.0),
        (400, 200, "Prijs", bold, 9.0),
        (480, 200, "Bedrag", bold, 9.0),
        (40, 216, "Webhosting pakket Pro (12 maanden)", font, 9.0),
        (330, 216, "1", font, 9.0),
        (400, 216, "€ 180,00", font, 9.0),
        (480, 216, "€ 180,00", font, 9.0),
        (40, 230, "Domeinnaam bakkerijjansen.nl", font, 9.0),
        (330, 230, "1", font, 9.0),
        (400, 230, "€ 12,50", font, 9.0),
        (480, 230, "€ 12,50", font, 9.0),
        (400, 270, "Subtotaal", font, 9.0),
        (480, 270, "€ 192,50", font, 9.0),
        (400, 284, "BTW 21%", font, 9.0),
        (480, 284, "€ 40,43", font, 9.0),
        (400, 298, "Totaal", bold, 9.0),
        (480, 298, "€ 232,93", bold, 9.0),
        (40, 340, "Wij verzoeken u het bedrag binnen 30 dagen over te maken op", font, 9.0),
        (40, 352, "IBAN NL91 ABNA 0417 1643 00 t.n.v. Hostingbedrijf Zeeland BV.", font, 9.0),
    ]
    return [[Text(x, top, text, f, size) for x, top, text, f, size in rows]]


def foreign() -> bytes:
    return render(foreign_pages(), "A4")


def encrypted(pages: list[list[Op]], page_size: str) -> bytes:
    """A real invoice locked with a user password (RC4 128-bit: no random salt)."""
    lock = StandardEncryption("invoice", "owner-secret", strength=128)
    return render(pages, page_size, encrypt=lock)


BAD_INPUTS: tuple[tuple[str, str, str], ...] = (
    ("bad-empty", "UNREADABLE_PDF", "an empty file named .pdf"),
    ("bad-truncated", "UNREADABLE_PDF", "the first 40 % of a real invoice PDF, cut mid-file"),
    ("bad-png-renamed", "UNREADABLE_PDF", "a PNG image renamed to .pdf"),
    ("bad-no-text-layer", "NO_TEXT_LAYER", "a PDF of drawn shapes only, as a scan would be"),
    ("bad-not-microsoft", "NOT_A_MICROSOFT_INVOICE", "a readable Dutch web-hosting invoice"),
    ("bad-encrypted", "ENCRYPTED_PDF", "a real invoice PDF locked with a user password"),
    (
        "bad-reseller-microsoft-licences",
        "NOT_A_MICROSOFT_INVOICE",
        "a reseller's Dutch invoice for Microsoft 365 licences: the portal's words and Microsoft's "
        "product names, but the reseller is the seller",
    ),
)

SIMPLE: dict[str, Callable[[], bytes]] = {
    "bad-empty": empty,
    "bad-png-renamed": png,
    "bad-no-text-layer": no_text,
    "bad-not-microsoft": foreign,
    "bad-reseller-microsoft-licences": reseller,
}
