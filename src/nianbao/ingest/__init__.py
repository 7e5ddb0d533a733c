"""Ingest: any report file -> RawDocument. Dispatch by content (magic bytes), not by extension alone."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from nianbao.errors import InputError
from nianbao.ingest import limits as _limits
from nianbao.model import RawDocument

__all__ = ["read_document", "read_bytes", "sniff_format"]


# magic bytes of files that are not reports: (prefix, what it is, error code). Checked only for what
# sniff_format left as text: a PNG, JPEG or TIFF with its full signature is a scan and goes to OCR there, so no
# JPEG entry (its signature is that of sniff_format); the PNG entry catches a damaged PNG signature.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x7fELF", "ELF 可执行文件", "executable"),
    (b"MZ", "Windows 可执行文件（EXE/DLL）", "executable"),
    (b"\xcf\xfa\xed\xfe", "macOS 可执行文件（Mach-O）", "executable"),
    (b"\xce\xfa\xed\xfe", "macOS 可执行文件（Mach-O）", "executable"),
    (b"\xca\xfe\xba\xbe", "macOS 通用可执行文件或 Java 类文件", "executable"),
    (b"\x00asm", "WebAssembly 程序", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls/.ppt），请另存为 DOCX 或 PDF", "unsupported_kind"),
    (b"\x89PNG", "PNG 图片", "unsupported_kind"),
    (b"GIF8", "GIF 图片", "unsupported_kind"),
    (b"Rar!", "RAR 压缩包", "unsupported_kind"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "unsupported_kind"),
    (b"\x1f\x8b", "gzip 压缩文件", "unsupported_kind"),
    (b"{\\rtf", "RTF 文档，请另存为 DOCX 或 PDF", "unsupported_kind"),
)


def sniff_kind(data: bytes) -> tuple[str, str] | None:
    """(error code, what it is) for a file that is plainly not a report by content, else None."""
    for magic, what, code in _MAGIC:
        if data.startswith(magic):
            return code, what
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 without a byte-order mark has a NUL in every other byte: leave it to the text reader
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) < len(head) // 4:
            return "executable", "含有大量控制字节的二进制数据"
    return None


def sniff_format(data: bytes, name: str = "") -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    low = head[:1024].lower()
    if name.lower().endswith((".htm", ".html", ".shtml")) or low.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in low and b"<body" in data[:65536].lower()
    ):
        return "html"
    if name.lower().endswith((".doc", ".xls", ".xlsx", ".ppt", ".png", ".jpg", ".jpeg", ".zip", ".rar")):
        return "other"
    return "text"


def read_bytes(data: bytes, name: str = "<text>") -> RawDocument:
    """Read report bytes; every limit of :mod:`nianbao.limits` in force is checked on the way."""
    _limits.check_input_size(data, name)
    raw = _read(data, name)
    _limits.check_paragraphs(sum(1 + len(b.rows or ()) for b in raw.blocks), name)
    return raw


def _read(data: bytes, name: str) -> RawDocument:
    fmt = sniff_format(data, name)
    if fmt == "pdf":
        from nianbao.ingest.pdf import read_pdf

        _limits.check_pdf(data, name)
        return read_pdf(data, name)
    if fmt == "docx":
        from nianbao.ingest.docx import read_docx

        _limits.check_zip(data, name)
        return read_docx(data, name)
    if fmt == "html":
        from nianbao.ingest.html import read_html

        _limits.check_markup(data, "html", name)
        return read_html(data, name)
    if fmt == "image":
        from nianbao.ingest.ocr import read_scan

        return read_scan(data, name, kind="image")
    if fmt in ("zip", "other"):
        raise InputError("unsupported", name)
    kind = sniff_kind(data)
    if kind:
        raise InputError(kind[0], name, kind[1])
    from nianbao.ingest.text import read_text

    _limits.check_markup(data, "text", name)
    return read_text(data, name)


def read_document(path: str | Path) -> RawDocument:
    """Read a report file: directories, special files (FIFO, devices) and oversized files are refused
    before any byte is read."""
    data = _limits.read_file_bounded(path)
    return read_bytes(data, str(path))
