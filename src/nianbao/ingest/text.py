"""Plain-text reports (UTF-8 with or without BOM, GBK, GB18030), as pasted or extracted from a PDF.

Tables come as tab-separated lines (what PDF-to-text tools leave) or as ``|`` rows; runs of such
lines form one table, even across blank lines and separator lines such as ``-----``.
"""

from __future__ import annotations

import re

from nianbao.errors import InputError
from nianbao.ingest.builder import Item, build_document
from nianbao.ingest.page import evidence_from_lines, split_furniture
from nianbao.model import RawDocument

_SEPARATOR = re.compile(r"^[\s\-—=_|:：+]*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# page numbers and running footers that PDF-to-text leaves on their own line
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding) or raises InputError('encoding')."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in ("gbk", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # a real Chinese report decodes to mostly CJK characters, not to noise
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if cjk >= max(4, len(text) // 20):
            return text, enc
    raise InputError("encoding", name)


def _split_row(line: str) -> list[str]:
    if _PIPE_ROW.match(line):
        inner = line.strip()[1:-1]
        return [c.strip() for c in inner.split("|")]
    return [c.strip() for c in line.split("\t")]


def items_from_text(text: str) -> list[Item]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    items: list[Item] = []
    table: list[list[str]] | None = None
    for line in text.split("\n"):
        is_row = "\t" in line.strip("\n") and line.strip() != "" or bool(_PIPE_ROW.match(line))
        if is_row:
            if _SEPARATOR.match(line):
                continue  # a markdown or extraction separator line inside a table
            if table is None:
                table = []
                items.append(Item("table", rows=table))
            table.append(_split_row(line))
            continue
        if not line.strip() or _PAGE_NUMBER.match(line):
            continue  # blank lines and page numbers do not end a table: page breaks leave them inside tables
        if table is not None and _SEPARATOR.match(line):
            continue
        table = None
        items.append(Item("paragraph", line))
    return items


def read_text(data: bytes, name: str) -> RawDocument:
    if not data.strip():
        raise InputError("empty", name)
    text, enc = decode(data, name)
    if not text.strip():
        raise InputError("empty", name)
    # text copied from a web page: its breadcrumb and metadata lines are evidence, not report text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body, furniture = split_furniture(lines)
    ev = evidence_from_lines(furniture)
    items = items_from_text("\n".join(body))
    if ev.title and not any(ev.title.replace(" ", "") in it.text.replace(" ", "") for it in items[:3]):
        items.insert(0, Item("heading", ev.title))
    return build_document(name, "text", items, encoding=enc, data=data, published_hint=ev.published,
                          agency_hint=ev.agency)
