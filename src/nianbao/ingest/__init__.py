"""Ingest: any report file -> RawDocument. Dispatch by content (magic bytes), not by extension alone."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from nianbao.errors import InputError
from nianbao.ingest import limits as _limits
from nianbao.model import RawDocument

__all__ = ["read_document", "read_bytes", "sniff_format"]


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

        return read_html(data, name)
    if fmt in ("zip", "other"):
        raise InputError("unsupported", name)
    from nianbao.ingest.text import read_text

    return read_text(data, name)


def read_document(path: str | Path) -> RawDocument:
    """Read a report file: directories, special files (FIFO, devices) and oversized files are refused
    before any byte is read."""
    data = _limits.read_file_bounded(path)
    return read_bytes(data, str(path))
