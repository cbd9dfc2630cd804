"""A glyph bomb: a PDF of a few kilobytes whose one page draws millions of glyphs (a compressed
content stream repeating one `Tj`), written byte by byte with a correct cross-reference table."""

from __future__ import annotations

import zlib
from pathlib import Path


def glyph_bomb(path: Path, glyphs: int = 20_000_000, per_show: int = 1000) -> Path:
    """Write the bomb to `path`: `glyphs` characters drawn by `glyphs // per_show` Tj."""
    show = b"(" + b"A" * per_show + b") Tj\n"
    content = b"BT /F1 1 Tf 10 10 Td\n" + show * (glyphs // per_show) + b"ET\n"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path
