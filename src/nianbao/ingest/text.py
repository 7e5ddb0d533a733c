"""Plain-text reports (UTF-8 with or without BOM, GBK, GB18030), as pasted or extracted from a PDF.

Tables come as tab-separated lines (what PDF-to-text tools leave) or as ``|`` rows; runs of such
lines form one table, even across blank lines and separator lines such as ``-----``.
"""

from __future__ import annotations

import codecs
import re
import threading

from nianbao.errors import InputError
from nianbao.ingest.builder import Item, build_document
from nianbao.ingest.page import evidence_from_lines, split_furniture
from nianbao.model import ParseNote, RawDocument

_SEPARATOR = re.compile(r"^[\s\-—=_|:：+]*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# page numbers and running footers that PDF-to-text leaves on their own line
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding) or raises InputError('encoding')."""
    text, enc, _ = decode_with_faults(data, name)
    return text, enc


# a few undecodable bytes in an otherwise valid UTF-8/UTF-16 file are read as U+FFFD with a parse note
_MAX_FAULTS = 8


def decode_with_faults(data: bytes, name: str) -> tuple[str, str, int]:
    """(text, encoding, number of undecodable sequences replaced by U+FFFD) or InputError('encoding').

    A file cut one byte short (UTF-16 with an odd trailing byte, UTF-8 with a broken last character),
    or with a lone surrogate, is read, not rejected: the reader adds a parse note."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _lenient(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _lenient(data, "utf-16", "utf-16")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    text, enc, faults = _lenient(data, "utf-8", "utf-8")
    if faults <= _MAX_FAULTS and faults * 1000 <= max(len(data), 1000):
        return text, enc, faults
    for enc in ("gbk", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        # a real Chinese report decodes to mostly CJK characters, not to noise
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        if cjk >= max(4, len(text) // 20):
            return text, enc, 0
    raise InputError("encoding", name)


def _lenient(data: bytes, codec: str, label: str) -> tuple[str, str, int]:
    _FAULTS.n = 0
    text = data.decode(codec, errors="nianbao-fault")
    faults = _FAULTS.n
    # UTF-16 may decode a lone surrogate code unit without complaint: it is a fault too
    lone = len(_SURROGATE.findall(text))
    if lone:
        text = _SURROGATE.sub("\ufffd", text)
    return text, label, faults + lone


_FAULTS = threading.local()


def _count_fault(err: UnicodeError) -> tuple[str, int]:
    _FAULTS.n = getattr(_FAULTS, "n", 0) + 1
    return "\ufffd", err.end  # type: ignore[attr-defined]


codecs.register_error("nianbao-fault", _count_fault)
_SURROGATE = re.compile("[\ud800-\udfff]")


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


_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)")


def read_text(data: bytes, name: str) -> RawDocument:
    if not data.strip():
        raise InputError("empty", name)
    text, enc, faults = decode_with_faults(data, name)
    if not text.strip():
        raise InputError("empty", name)
    notes = [ParseNote("encoding_fault", f"文件中有 {faults} 处字节不符合 {enc.upper()} 编码（如文件末尾被截断），"
                                         "已用“\ufffd”代替后继续读取，请核对原文件。")] if faults else []
    # a web page's images, left as Markdown marks by the tool that copied it ("![](/img/x.png)", "![]()"): the page's,
    # not the report's words (an empty "()" there is no bracket the author left unfilled)
    text, images = _MD_IMAGE.subn("", text)
    if images:
        notes.append(ParseNote("page_images", f"文本中有 {images} 处网页图片标记（如“![]()”），是复制网页时留下的，已略去。"))
    # text copied from a web page: its breadcrumb and metadata lines are evidence, not report text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body, furniture = split_furniture(lines)
    ev = evidence_from_lines(furniture)
    items = items_from_text("\n".join(body))
    if ev.title and not any(ev.title.replace(" ", "") in it.text.replace(" ", "") for it in items[:3]):
        items.insert(0, Item("heading", ev.title))
    return build_document(name, "text", items, encoding=enc, data=data, published_hint=ev.published,
                          agency_hint=ev.agency, notes=notes)
