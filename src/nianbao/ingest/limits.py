"""Enforce nianbao.limits while reading: before reading, while inflating, right after reading.

The readers call these small functions; each raises ``InputError("limit", name, clause)`` with a
sentence naming the limit. Inflated sizes are counted *while* inflating, in bounded chunks, so a
bomb costs at most the limit in time and a fixed buffer in memory, never its full inflated size.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from nianbao.errors import InputError
from nianbao.limits import Limits, MiB, current, limit_message

_CHUNK = 1 << 20  # inflate 1 MiB at a time
# a DOCX paragraph mark (<w:p>) per paragraph, and one per table cell: a report's document holds a few
# thousand; past this many per allowed paragraph the file is refused before python-docx parses it
_MARKS_PER_PARAGRAPH = 5

_SPECIAL = (
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISSOCK, "套接字"),
)


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB"


def read_file_bounded(path: str | Path, limits: Limits | None = None) -> bytes:
    """Read a report file, refusing directories, special files and files over ``input_mb``.

    Special files (FIFO, devices, sockets) are refused from ``stat`` before anything is opened, so a
    FIFO with no writer cannot hang and ``/dev/zero`` is never read."""
    lim = limits or current()
    p = Path(path)
    name = str(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError("not_found", name) from None
    except NotADirectoryError:
        raise InputError("not_found", name) from None
    except PermissionError:
        raise InputError("permission", name) from None
    except OSError as exc:
        raise InputError("unreadable", name, exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is_dir", name)
    for test, label in _SPECIAL:
        if test(st.st_mode):
            raise InputError("special", name, label)
    if st.st_size > lim.input_bytes:
        raise InputError("limit", name, limit_message("input_mb", lim, f"实际 {_mb(st.st_size)}"))
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after stat, open does not wait for a writer
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        raise InputError("permission", name) from None
    except OSError as exc:
        raise InputError("unreadable", name, exc.strerror or type(exc).__name__) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise InputError("special", name, "不是普通文件")
        # read what stat announced, then on in chunks: a file that grows while read (or reports size 0,
        # as /proc files do) is cut at the limit; read(n) would allocate n bytes up front
        buf = bytearray(f.read(st.st_size + 1) if st.st_size else b"")
        while len(buf) <= lim.input_bytes and (chunk := f.read(min(_CHUNK, lim.input_bytes + 1 - len(buf)))):
            buf += chunk
        data = bytes(buf)
    if len(data) > lim.input_bytes:
        raise InputError("limit", name, limit_message("input_mb", lim))
    return data


def check_input_size(data: bytes, name: str, limits: Limits | None = None) -> None:
    lim = limits or current()
    if len(data) > lim.input_bytes:
        raise InputError("limit", name, limit_message("input_mb", lim, f"实际 {_mb(len(data))}"))


# --------------------------------------------------------------------------- zip (DOCX)


def check_zip(data: bytes, name: str, limits: Limits | None = None) -> None:
    """Inflate every member in chunks, counting; refuse at the first byte past a limit.

    The sizes the zip declares are not trusted (a bomb can lie); they are only used to refuse early."""
    lim = limits or current()
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the reader reports a damaged file with its own sentence
    total = 0
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            if info.file_size > lim.member_bytes:
                raise InputError("limit", name, limit_message("member_mb", lim, f"{info.filename} 为 {_mb(info.file_size)}"))
            size = 0
            marks, tail = 0, b""  # paragraph marks of the main document, counted on the way
            body = info.filename == "word/document.xml"
            try:
                with zf.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if body:
                            window = tail + chunk
                            marks += window.count(b"<w:p>") + window.count(b"<w:p ")
                            tail = chunk[-4:]  # a mark cut by the chunk edge is counted in the next window
                            if marks > _MARKS_PER_PARAGRAPH * lim.paragraphs:
                                raise InputError("limit", name, limit_message(
                                    "paragraphs", lim, f"word/document.xml 含 {marks} 个以上的段落标记"))
                        if size > lim.member_bytes:
                            raise InputError("limit", name, limit_message("member_mb", lim, f"{info.filename} 解压到上限仍未结束"))
                        if total > lim.zip_total_bytes:
                            raise InputError("limit", name, limit_message("zip_total_mb", lim))
            except InputError:
                raise
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
                continue  # damaged or encrypted member: the reader decides what it means


# --------------------------------------------------------------------------- PDF


# the end of a stream dictionary and the 'stream' keyword; the data starts after CRLF or LF
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")


def check_pdf(data: bytes, name: str, limits: Limits | None = None) -> None:
    """Inflate every Flate stream of a PDF in chunks, counting; refuse a stream or a total past its limit.

    Independent of the PDF library (pdfminer, pdfium): the raw file is scanned for stream keywords,
    so a stream is bounded before any reader inflates it. Streams inside object streams are already
    inside an outer Flate stream, which is counted."""
    lim = limits or current()
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 4096):m.start()]
        start_dict = head.rfind(b"<<")
        # nested dictionaries (DecodeParms) end in '>>' too: look back over the whole object head
        obj = head[head.rfind(b" obj"):] if b" obj" in head else head[start_dict:]
        if not _FLATE.search(obj):
            continue
        size = _inflated_size(data, m.end(), lim.stream_bytes + 1)
        if size > lim.stream_bytes:
            raise InputError("limit", name, limit_message("stream_mb", lim))
        total += size
        if total > lim.pdf_total_bytes:
            raise InputError("limit", name, limit_message("pdf_total_mb", lim))


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """Bytes a zlib stream at ``data[start:]`` inflates to, stopping once ``cap`` is reached."""
    d = zlib.decompressobj()
    size = 0
    pos = start
    n = len(data)
    try:
        while pos < n and not d.eof and size < cap:
            chunk = data[pos:pos + 65536]
            pos += len(chunk)
            out = d.decompress(chunk, _CHUNK)
            size += len(out)
            while d.unconsumed_tail and not d.eof and size < cap:
                out = d.decompress(d.unconsumed_tail, _CHUNK)
                size += len(out)
    except zlib.error:
        pass  # not (or no longer) valid zlib data: the PDF library decides
    return size


# tags per allowed paragraph in an HTML page (site chrome included), newlines per allowed paragraph in text
_TAGS_PER_PARAGRAPH = 50
_LINES_PER_PARAGRAPH = 5


def check_markup(data: bytes, fmt: str, name: str, limits: Limits | None = None) -> None:
    """Refuse HTML or text with far more tags or lines than the paragraph limit allows, before parsing
    (counting bytes is fast; building millions of elements or paragraphs is not)."""
    lim = limits or current()
    if fmt == "html":
        tags = data.count(b"<")
        if tags > _TAGS_PER_PARAGRAPH * lim.paragraphs:
            raise InputError("limit", name, limit_message("paragraphs", lim, f"文件含 {tags} 个 HTML 标签"))
    elif fmt == "text":
        lines = data.count(b"\n") + data.count(b"\r")  # CRLF counts twice, hence the factor 2
        if lines > 2 * _LINES_PER_PARAGRAPH * lim.paragraphs:
            raise InputError("limit", name, limit_message("paragraphs", lim, f"文件含 {lines} 个换行"))


def check_pages(count: int, name: str, limits: Limits | None = None) -> None:
    lim = limits or current()
    if count > lim.pages:
        raise InputError("limit", name, limit_message("pages", lim, f"实际 {count} 页"))


def check_paragraphs(count: int, name: str, limits: Limits | None = None) -> None:
    lim = limits or current()
    if count > lim.paragraphs:
        raise InputError("limit", name, limit_message("paragraphs", lim, f"实际 {count} 个"))
