"""PDF reports: text in reading order with page numbers, ruled tables as cell grids.

* Engines, chosen by measurement on real Word/WPS exports (docs/benchmarks.md): pypdfium2 reads the
  characters, their boxes and the page's rules (about 15 times faster than pdfplumber); pdfplumber reads
  a file pypdfium2 cannot (form XObjects, compound paths, unmapped glyphs, a pdfium error). Tables are
  found by pdfplumber's lattice algorithm run on the *visible* rules only: Word/WPS exports draw an
  unstroked white rectangle behind every paragraph, and a ruled frame around prose is never a table
  (a candidate must have two columns and hold labels and numbers, not sentences).

* Characters inside a ruled table's bbox belong to the table; the table's cells come from
  pdfplumber's cell rectangles, so a merged (spanning) cell's text is repeated into every grid
  position it covers, with ``merged`` set on the copies.
* Running headers and footers (lines repeated at the same place on most pages) and page numbers
  ("第 3 页", "- 3 -", "3/10", a lone number) in the top and bottom margins are dropped.
* pdfplumber gives lines; lines are merged into paragraphs. A new paragraph starts at an indented
  line, a heading, after a vertical gap, a change of font size, or after a short line that ends
  with closing punctuation.
* A paragraph cut by a page break is flagged ``continues`` (the builder joins it); a table that
  goes on at the top of the next page with the same number of columns is joined to its first half.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from nianbao.errors import InputError
from nianbao.ingest.builder import Item, build_document, looks_like_heading
from nianbao.ingest.limits import check_pages
from nianbao.model import RawDocument

_TERMINAL = tuple("。！？；：!?;:")
_PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–－]\s*\d+\s*[-—–－]|\d+\s*/\s*\d+|\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?|共\s*\d+\s*页\s*第\s*\d+\s*页)$"
)
_NUMERIC = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_TOP_ZONE = 0.08
_BOTTOM_ZONE = 0.92


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Table:
    top: float
    rows: list[list[str]]
    merged: list[list[bool]]
    origin: list[list[tuple[int, int]]]  # span origin of every grid position
    row_pages: list[int | None] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)  # column boundaries


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]
    tables: list[_Table]


def _is_encryption_error(exc: BaseException) -> bool:
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        name = type(e).__name__.lower()
        if "password" in name or "encrypt" in name or "password" in str(e).lower():
            return True
        e = e.__cause__ or e.__context__
    return False


def read_pdf(data: bytes, name: str) -> RawDocument:
    if not data.strip():
        raise InputError("empty", name)
    pages = None
    try:
        pages = _pdfium_pages(data, name)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pdfium could not read it: let pdfplumber try
        pages = None
    if pages is None:
        pages = _pdfplumber_pages(data, name)
    if not pages:
        raise InputError("corrupt", name, "没有页面")
    if not _has_text(pages):
        from nianbao.ingest.ocr import read_scan

        return read_scan(data, name, kind="pdf")
    _check_text_layer(pages, name)
    _drop_running_lines(pages)
    items = _items(pages)
    return build_document(name, "pdf", items, page_count=len(pages), data=data)


# --------------------------------------------------------------------------- engines


# pdfium is not thread-safe: one document at a time per process (a forked child starts with a free lock)
_PDFIUM_LOCK = threading.Lock()
if hasattr(os, "register_at_fork"):
    def _fresh_lock() -> None:
        global _PDFIUM_LOCK
        _PDFIUM_LOCK = threading.Lock()

    os.register_at_fork(after_in_child=_fresh_lock)


def _pdfium_pages(data: bytes, name: str) -> list[_Page] | None:
    """Characters with their boxes and the page's rules through pypdfium2 (about 15 times faster than
    pdfplumber on Word/WPS exports); None when a page needs what only pdfplumber reads (form XObjects)."""
    with _PDFIUM_LOCK:
        return _pdfium_pages_locked(data, name)


def _pdfium_pages_locked(data: bytes, name: str) -> list[_Page] | None:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("encrypted", name) from None
        raise
    pages: list[_Page] = []
    unmapped = 0
    try:
        check_pages(len(doc), name)  # nianbao.limits: refuse before reading any page
        for i in range(len(doc)):
            page = doc[i]
            height = float(page.get_height())
            tp = page.get_textpage()
            n = tp.count_chars()
            chars: list[dict] = []
            mat, loose = R.FS_MATRIX(), R.FS_RECTF()
            ink_l, ink_r, ink_b, ink_t = (ctypes.c_double() for _ in range(4))
            ink = tuple(ctypes.byref(x) for x in (ink_l, ink_r, ink_b, ink_t))
            for k in range(n):
                if R.FPDFText_IsGenerated(tp.raw, k):
                    continue
                code = R.FPDFText_GetUnicode(tp.raw, k)
                if code in (0, 0xFFFE, 0xFFFD) or R.FPDFText_HasUnicodeMapError(tp.raw, k) == 1:
                    unmapped += 1
                    continue
                ch = chr(code)
                if ch in "\r\n":
                    continue
                # x0 is the pen position (the loose box's left, as pdfplumber has it), x1 the glyph's own right
                # edge (a bold font's loose box reaches into the next cell); y from the loose box: the same line
                # height for every character of a line
                R.FPDFText_GetCharBox(tp.raw, k, *ink)
                R.FPDFText_GetLooseCharBox(tp.raw, k, ctypes.byref(loose))
                x0, y0, y1 = loose.left, loose.bottom, loose.top
                x1 = ink_r.value if ink_r.value > x0 else loose.right
                # the nominal size times the text matrix's vertical scale (WPS writes size 439 at scale 0.05)
                R.FPDFText_GetMatrix(tp.raw, k, ctypes.byref(mat))
                size = float(R.FPDFText_GetFontSize(tp.raw, k)) * (math.hypot(mat.c, mat.d) or 1.0)
                chars.append({"text": ch, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
                              "size": size})
            lines: list[dict] = []
            rects: list[dict] = []
            for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM), max_depth=1):
                if obj.type == R.FPDF_PAGEOBJ_FORM:
                    return None
                if obj.type != R.FPDF_PAGEOBJ_PATH:
                    continue
                fill, stroke = ctypes.c_int(), ctypes.c_int()
                R.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
                if R.FPDFPath_CountSegments(obj.raw) > 5:
                    return None  # a compound path: pdfplumber splits it into its lines
                left, bottom, right, top = obj.get_bounds()
                color = None
                if fill.value:
                    r, g, b, a = (ctypes.c_uint() for _ in range(4))
                    R.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(x) for x in (r, g, b, a)))
                    color = (r.value / 255, g.value / 255, b.value / 255)
                rect = {"x0": left, "x1": right, "top": height - top, "bottom": height - bottom, "object_type": "rect",
                        "stroke": bool(stroke.value), "fill": bool(fill.value), "non_stroking_color": color}
                if not _visible(rect):
                    continue
                if stroke.value and (right - left <= 2 or top - bottom <= 2):
                    lines.append(rect)  # a stroked line
                else:
                    rects.append(rect)
            tp.close()
            pages.append(_page_from(i + 1, height, chars, lines, rects))
            page.close()
    finally:
        doc.close()
    mapped = sum(len(ln.text) for p in pages for ln in p.lines)
    if unmapped and unmapped >= 0.3 * (unmapped + mapped):
        return None  # glyphs without Unicode: pdfplumber tells a garbled text layer from a scanned one
    return pages


def _pdfplumber_pages(data: bytes, name: str) -> list[_Page]:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - pdfplumber is a hard dependency
        raise InputError("corrupt", name, "缺少 pdfplumber") from exc
    if not data.strip():
        raise InputError("empty", name)
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as exc:
        if _is_encryption_error(exc):
            raise InputError("encrypted", name) from None
        raise InputError("corrupt", name, type(exc).__name__) from None
    try:
        with pdf:
            check_pages(len(pdf.pages), name)  # nianbao.limits: refuse before reading any page
            return [_read_page(p, i + 1) for i, p in enumerate(pdf.pages)]
    except InputError:
        raise
    except Exception as exc:
        if _is_encryption_error(exc):
            raise InputError("encrypted", name) from None
        raise InputError("corrupt", name, type(exc).__name__) from None


# --------------------------------------------------------------------------- one page


def _read_page(page, number: int) -> _Page:
    """One page through pdfplumber (the fallback engine)."""
    chars = [c for c in page.chars if c.get("text")]
    lines = [ln for ln in page.lines]
    rects = [r for r in page.rects if _visible(r)]
    return _page_from(number, float(page.height), chars, lines, rects)


def _page_from(number: int, height: float, chars: list[dict], lines: list[dict], rects: list[dict]) -> _Page:
    """Tables from the visible rules, narrative from the characters outside them."""
    tables: list[_Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    for bbox, cells in _find_tables(lines, rects):
        grid = _grid_from_cells(cells)
        if grid is None or grid[1] < 2:
            continue  # one column: a frame drawn around text, not a table
        table = _fill_table(grid, chars, bbox, number)
        if not _holds_table(table):
            continue
        bbox = _extend_open_bottom(table, grid, chars, bbox, height)
        boxes.append(_widen_to_rules(bbox, lines))
        tables.append(table)
    free = [c for c in chars if not _in_any(c, boxes)] if boxes else chars
    return _Page(number, height, _lines(free), tables)


def _edges(lines: list[dict], rects: list[dict]) -> list[dict]:
    out: list[dict] = []

    def h(x0, x1, y):
        out.append({"object_type": "line", "orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y,
                    "width": x1 - x0, "height": 0.0})

    def v(x, top, bottom):
        out.append({"object_type": "line", "orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom,
                    "width": 0.0, "height": bottom - top})

    for ln in lines:
        # a stroked line's box may include its width: thin in one direction, long in the other
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if bottom - top <= 2.5 and x1 - x0 > bottom - top:
            h(x0, x1, (top + bottom) / 2)
        elif x1 - x0 <= 2.5 and bottom - top > x1 - x0:
            v((x0 + x1) / 2, top, bottom)
    for r in rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        if bottom - top <= 2:
            h(x0, x1, (top + bottom) / 2)  # a rule drawn as a thin filled rectangle
        elif x1 - x0 <= 2:
            v((x0 + x1) / 2, top, bottom)
        else:
            h(x0, x1, top), h(x0, x1, bottom), v(x0, top, bottom), v(x1, top, bottom)
    return out


def _find_tables(lines: list[dict], rects: list[dict]):
    """(bbox, cell boxes) of each ruled table: pdfplumber's lattice algorithm on the visible rules only."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges = [e for e in _edges(lines, rects) if (e["height"] if e["orientation"] == "v" else e["width"]) >= 1]
    if len(edges) < 4:
        return []
    edges = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    edges = [e for e in edges if (e["height"] if e["orientation"] == "v" else e["width"]) >= 3]
    cells = intersections_to_cells(edges_to_intersections(edges, 3, 3))
    out = []
    for group in cells_to_tables(cells):
        bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        out.append((bbox, group))
    out.sort(key=lambda t: (t[0][1], t[0][0]))
    return out


def _white(color) -> bool:
    if color is None:
        return True
    vals = color if isinstance(color, (tuple, list)) else (color,)
    try:
        return all(float(v) >= 0.97 for v in vals) if len(vals) != 4 else all(float(v) <= 0.03 for v in vals)
    except (TypeError, ValueError):
        return False


def _visible(obj: dict) -> bool:
    """Keep what a reader sees: Word/WPS exports fill every paragraph with an unstroked white rectangle,
    and a table finder would take those for table cells."""
    if obj.get("object_type") != "rect":
        return True
    if obj.get("stroke"):
        return True
    if obj.get("fill") and not _white(obj.get("non_stroking_color")):
        return True
    return False


_PROSE_CELL = re.compile(r"[，。；：！？]")


def _holds_table(t: _Table) -> bool:
    """A table region's cells hold short labels and numbers; narrative never becomes table cells.

    A candidate whose distinct cells are mostly sentences (long, with sentence punctuation) and that has
    no numeric cell is a ruled frame around prose."""
    cells = {(t.origin[r][c]): v.strip() for r, row in enumerate(t.rows) for c, v in enumerate(row) if v.strip()}
    if not cells:
        return False
    values = list(cells.values())
    numeric = sum(1 for v in values if _NUMERIC.match(v))
    prose = sum(1 for v in values if len(v) > 40 and _PROSE_CELL.search(v))
    if numeric == 0 and prose >= max(1, len(values) // 2):
        return False
    return True


def _in_any(c: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (c["x0"] + c["x1"]) / 2
    cy = (c["top"] + c["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(coords: list[float], v: float) -> int:
    return min(range(len(coords)), key=lambda i: abs(coords[i] - v))


def _grid_from_cells(cells: list[tuple[float, float, float, float]]):
    """Span rectangles (r0, c0, r1, c1, bbox) on the grid of all cell edges."""
    if not cells:
        return None
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 2 or len(ys) < 2:
        return None
    spans = []
    for x0, top, x1, bottom in cells:
        c0, c1 = _index(xs, x0), _index(xs, x1) - 1
        r0, r1 = _index(ys, top), _index(ys, bottom) - 1
        if c1 < c0 or r1 < r0:
            continue
        spans.append((r0, c0, r1, c1, (x0, top, x1, bottom)))
    return len(ys) - 1, len(xs) - 1, spans, xs


def _fill_table(grid, chars: list[dict], bbox, page: int) -> _Table:
    nrows, ncols, spans, xs = grid
    buckets: list[list[dict]] = [[] for _ in spans]
    x0b, topb, x1b, bottomb = bbox
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0b <= cx <= x1b and topb <= cy <= bottomb):
            continue
        for k, (_, _, _, _, (x0, top, x1, bottom)) in enumerate(spans):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets[k].append(ch)
                break
    rows = [[""] * ncols for _ in range(nrows)]
    merged = [[False] * ncols for _ in range(nrows)]
    origin = [[(r, c) for c in range(ncols)] for r in range(nrows)]
    for k, (r0, c0, r1, c1, _) in enumerate(spans):
        text = _cell_text(buckets[k])
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = text
                merged[r][c] = (r, c) != (r0, c0)
                origin[r][c] = (r0, c0)
    top = bbox[1]
    return _Table(top, rows, merged, origin, [page] * nrows, xs)


def _extend_open_bottom(t: _Table, grid, chars: list[dict], bbox, height: float):
    """A table cut by the page break often has no rule under its last row on this page; the finder then
    stops one row short. A band of characters right under the table, inside its columns, with numbers in
    at least two of them, is that row."""
    nrows, _, spans, _ = grid
    x0b, _, x1b, bottom = bbox
    last = [sp for sp in spans if sp[2] == nrows - 1]
    if not last:
        return bbox
    row_h = max(sp[4][3] - sp[4][1] for sp in last)
    limit = min(bottom + max(row_h, 12.0) * 1.5, height)
    band = [c for c in chars if x0b <= (c["x0"] + c["x1"]) / 2 <= x1b and bottom < c["top"] < limit
            and c["bottom"] <= limit + row_h]
    if not band:
        return bbox
    lines = _lines(band)
    if len(lines) > 3:
        return bbox
    last = sorted(last, key=lambda sp: sp[1])
    buckets: list[list[dict]] = [[] for _ in last]
    for ch in band:
        cx = (ch["x0"] + ch["x1"]) / 2
        k = min(range(len(last)), key=lambda i: 0 if last[i][4][0] <= cx <= last[i][4][2] else
                min(abs(cx - last[i][4][0]), abs(cx - last[i][4][2])))
        buckets[k].append(ch)
    texts = [_cell_text(b) for b in buckets]
    if sum(1 for x in texts if _NUMERIC.match(x)) < 2:
        return bbox
    ncols = len(t.rows[0])
    row, merged, origin = [""] * ncols, [False] * ncols, [(nrows, c) for c in range(ncols)]
    for (r0, c0, _, c1, _), text in zip(last, texts, strict=True):
        for c in range(c0, c1 + 1):
            if text:
                row[c], merged[c], origin[c] = text, c != c0, (nrows, c0)
            elif r0 < nrows - 1:  # a label cell spanning rows from above goes on
                row[c], merged[c], origin[c] = t.rows[-1][c], True, t.origin[-1][c]
    t.rows.append(row)
    t.merged.append(merged)
    t.origin.append(origin)
    t.row_pages.append(t.row_pages[-1] if t.row_pages else None)
    return (x0b, bbox[1], x1b, max(c["bottom"] for c in band) + 0.5)


def _widen_to_rules(bbox, lines: list[dict]):
    """A column whose only cell spans the rows of a table cut by a page break ("三、本年度办理结果" written
    one character per line) has no closing rule on this page, so the finder leaves it out. The vertical
    rules beside the table that run along most of its height still frame it: its characters belong to
    the table, not to the narrative."""
    x0, top, x1, bottom = bbox
    height = max(1.0, bottom - top)
    for ln in lines:
        if abs(ln["x0"] - ln["x1"]) > 1:
            continue
        overlap = min(bottom, ln["bottom"]) - max(top, ln["top"])
        if overlap < 0.6 * height:
            continue
        if x0 - 80 <= ln["x0"] < x0:
            x0 = ln["x0"]
        elif x1 < ln["x0"] <= x1 + 80:
            x1 = ln["x0"]
    return (x0, top, x1, bottom)


def _cell_text(chars: list[dict]) -> str:
    lines = _lines(chars)
    out = ""
    for ln in lines:
        t = ln.text.strip()
        if out and t and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


def _lines(chars: list[dict]) -> list[_Line]:
    """Group characters into text lines (by baseline), left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"]))
    groups: list[list[dict]] = []
    for ch in ordered:
        if groups:
            g = groups[-1]
            ref = g[0]
            if abs(ch["bottom"] - ref["bottom"]) <= max(2.0, 0.3 * ref.get("size", 10)):
                g.append(ch)
                continue
        groups.append([ch])
    out: list[_Line] = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for ch in g:
            t = ch["text"]
            if prev is not None:
                gap = ch["x0"] - prev["x1"]
                p = parts[-1][-1:] if parts else ""
                if (gap > 0.25 * ch.get("size", 10) and p and p != " " and t != " "
                        and p.isascii() and t.isascii()):
                    parts.append(" ")
            parts.append(t)
            prev = ch
        text = "".join(parts)
        if not text.strip():
            continue
        out.append(_Line(text, g[0]["x0"], max(c["x1"] for c in g), min(c["top"] for c in g),
                         max(c["bottom"] for c in g), max(c.get("size", 10) for c in g)))
    out.sort(key=lambda ln: ln.top)
    return _rejoin_punctuation(out)


_LONE_PUNCT = re.compile(r"^[、，,。；;：:]{1,2}$")


def _rejoin_punctuation(lines: list[_Line]) -> list[_Line]:
    """A line-final "、" or "，" that justified layout set a little off its line comes out as a line of its
    own: give it back to the line it ends (the nearest line above or beside that stops just left of it)."""
    lone = [ln for ln in lines if _LONE_PUNCT.match(ln.text.strip())]
    if not lone:
        return lines
    keep = [ln for ln in lines if ln not in lone]
    for p in lone:
        near = [ln for ln in keep if ln.x1 <= p.x0 + 2 and p.x0 - ln.x1 < 2 * ln.size
                and abs(ln.bottom - p.bottom) <= 1.5 * ln.size]
        if not near:
            keep.append(p)
            continue
        host = min(near, key=lambda ln: (abs(ln.bottom - p.bottom), p.x0 - ln.x1))
        host.text += p.text.strip()
        host.x1 = max(host.x1, p.x1)
    keep.sort(key=lambda ln: ln.top)
    return keep


# --------------------------------------------------------------------------- checks


def _has_text(pages: list[_Page]) -> bool:
    """False for an image-only PDF (a scan): then OCR reads it, when the ``ocr`` extra is installed."""
    return any(ln.text.strip() for p in pages for ln in p.lines) or any(
        c.strip() for p in pages for t in p.tables for row in t.rows for c in row)


def _check_text_layer(pages: list[_Page], name: str) -> None:
    texts = [ln.text for p in pages for ln in p.lines]
    texts += [c for p in pages for t in p.tables for row in t.rows for c in row]
    joined = "".join(texts)
    if not joined.strip():
        raise InputError("scanned", name)
    bad = len(re.findall(r"\(cid:\d+\)", joined)) + joined.count("\ufffd")
    readable = len(re.sub(r"\(cid:\d+\)|\ufffd|\s", "", joined))
    if bad and bad >= 0.3 * (bad + readable):
        raise InputError("garbled", name)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove running headers/footers and page numbers from the top and bottom margins."""

    def zone(ln: _Line, p: _Page) -> bool:
        return ln.bottom < p.height * _TOP_ZONE or ln.top > p.height * _BOTTOM_ZONE

    def key(ln: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))

    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({key(ln) for ln in p.lines if zone(ln, p)})
    need = max(2, (len(pages) + 1) // 2)
    for p in pages:
        keep = []
        for ln in p.lines:
            if zone(ln, p):
                t = re.sub(r"\s+", " ", ln.text.strip())
                if _PAGE_NUMBER.match(t) or (len(pages) >= 2 and counts[key(ln)] >= need):
                    continue
            keep.append(ln)
        p.lines = keep


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Metrics:
    left: float
    right: float
    size: float
    gap: float
    indented: bool


def _metrics(pages: list[_Page]) -> _Metrics:
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return _Metrics(0, 0, 10, 0, False)
    size = statistics.median(ln.size for ln in lines)
    lefts = Counter(round(ln.x0) for ln in lines if abs(ln.size - size) < 1)
    left = float(min(lefts.most_common(3), key=lambda kv: kv[0])[0]) if lefts else min(ln.x0 for ln in lines)
    # the most common left edge is the text margin unless indented first lines outnumber wrapped lines
    common = lefts.most_common(1)[0][0] if lefts else left
    if abs(common - left) > 3 * size:
        left = float(common)
    rights = sorted(ln.x1 for ln in lines if abs(ln.size - size) < 1)
    right = rights[int(0.9 * (len(rights) - 1))] if rights else left
    gaps = []
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            g = b.top - a.bottom
            if 0 <= g < 3 * size:
                gaps.append(g)
    gap = statistics.median(gaps) if gaps else size * 0.5
    indented = sum(1 for ln in lines if 1.5 * size <= ln.x0 - left <= 2.6 * size) >= 3
    return _Metrics(left, right, size, gap, indented)


def _starts_new(a: _Line, b: _Line, m: _Metrics) -> bool:
    tol = 0.6 * m.size
    a_short = a.x1 < m.right - 1.5 * m.size
    a_end = a.text.rstrip().endswith(_TERMINAL)
    if abs(a.size - b.size) > 1:
        return True
    if b.top - a.bottom > m.gap + 0.35 * m.size:
        return True
    if a.size > m.size * 1.1 and abs(a.size - b.size) <= 1:
        return False  # a wrapped title in a larger font
    if b.x0 > m.left + tol:
        return True
    if looks_like_heading(b.text) and (a_short or a_end):
        return True
    if m.indented:
        # first-line indents mark paragraphs: an unindented line goes on (a short line before it is a wrap
        # forced by an unbreakable number or address)
        return False
    if a_short and (a_end or looks_like_heading(a.text)):
        return True
    return False


def _continues(last: _Line, first: _Line, m: _Metrics) -> bool:
    """Does the first line of a page continue the paragraph the previous page ended with?"""
    tol = 0.6 * m.size
    if first.x0 > m.left + tol or looks_like_heading(first.text) or abs(first.size - last.size) > 1:
        return False
    if not last.text.rstrip().endswith(_TERMINAL):
        return True
    return m.indented and last.x1 >= m.right - 1.5 * m.size


def _paragraph_item(lines: list[_Line], page: int, m: _Metrics, continues: bool) -> Item:
    text = ""
    for ln in lines:
        t = ln.text.strip()
        if text and t and text[-1].isascii() and text[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            text += " "
        text += t
    big = lines[0].size >= m.size * 1.2 and len(lines) <= 3 and len(text) <= 80
    heading = not continues and not text.endswith("。") and (
        big or (len(lines) == 1 and len(text) <= 40 and looks_like_heading(text)))
    return Item("heading" if heading else "paragraph", text, page=page, continues=continues)


def _items(pages: list[_Page]) -> list[Item]:
    m = _metrics(pages)
    items: list[Item] = []
    last_line: _Line | None = None  # last line of the last paragraph, if the page ended with one
    last_table: _Table | None = None  # the table the previous page ended with
    for p in pages:
        elements: list[tuple[float, object]] = [(ln.top, ln) for ln in p.lines] + [(t.top, t) for t in p.tables]
        elements.sort(key=lambda e: e[0])
        run: list[_Line] = []
        first = True
        page_last_line: _Line | None = None
        page_last_table: _Table | None = None

        cont_flag = False
        for _, el in elements:
            if isinstance(el, _Table):
                _flush(items, run, p.number, m, cont_flag)
                run, cont_flag = [], False
                if first and last_table is not None and _joinable(last_table, el):
                    _join_tables(last_table, el)
                    page_last_table = last_table
                else:
                    items.append(_table_item(el, p.number))
                    page_last_table = el
                page_last_line = None
                first = False
                continue
            ln: _Line = el  # type: ignore[assignment]
            if first:
                cont_flag = last_line is not None and _continues(last_line, ln, m)
                run = [ln]
            elif run and not _starts_new(run[-1], ln, m):
                run.append(ln)
            else:
                _flush(items, run, p.number, m, cont_flag)
                run, cont_flag = [ln], False
            page_last_line, page_last_table = ln, None
            first = False
        _flush(items, run, p.number, m, cont_flag)
        last_line, last_table = page_last_line, page_last_table
    return items


def _flush(items: list[Item], run: list[_Line], page: int, m: _Metrics, cont: bool) -> None:
    if run:
        items.append(_paragraph_item(run, page, m, cont))


def _table_item(t: _Table, page: int) -> Item:
    it = Item("table", page=page, rows=t.rows, merged=t.merged, row_pages=t.row_pages)
    t.item = it  # type: ignore[attr-defined]
    return it


def _joinable(a: _Table, b: _Table) -> bool:
    if not (a.rows and b.rows):
        return False
    if len(a.rows[0]) == len(b.rows[0]):
        return True
    # the same frame: a column edge that no cell of one half uses is missing from its grid, or the
    # label column the cut spanning cell stood in is left out of one half (see _widen_to_rules)
    return abs(a.xs[-1] - b.xs[-1]) <= 3 and abs(a.xs[0] - b.xs[0]) <= 80


def _regrid(t: _Table, xs: list[float]) -> None:
    """Re-express a table on finer column boundaries ``xs`` (a superset of its own)."""
    if len(xs) == len(t.xs):
        return
    new_cols: list[list[int]] = []
    for c in range(len(t.xs) - 1):
        lo, hi = t.xs[c], t.xs[c + 1]
        cols = [j for j in range(len(xs) - 1) if xs[j] >= lo - 2.5 and xs[j + 1] <= hi + 2.5]
        new_cols.append(cols or [_index(xs, lo)])
    first = {c: cols[0] for c, cols in enumerate(new_cols)}
    rows, merged, origin = [], [], []
    for r in range(len(t.rows)):
        nr, nm, no = [], [], []
        for c, cols in enumerate(new_cols):
            o = t.origin[r][c]
            for k, _ in enumerate(cols):
                nr.append(t.rows[r][c])
                nm.append(t.merged[r][c] or k > 0)
                no.append((o[0], first[o[1]]))
        rows.append(nr)
        merged.append(nm)
        origin.append(no)
    t.rows[:] = rows
    t.merged[:] = merged
    t.origin[:] = origin
    t.xs = xs


def _join_tables(a: _Table, b: _Table) -> None:
    if len(a.rows[0]) != len(b.rows[0]) or any(abs(x - y) > 2.5 for x, y in zip(a.xs, b.xs, strict=False)):
        xs = _cluster(a.xs + b.xs, 2.5)
        _regrid(a, xs)
        _regrid(b, xs)
    rows, merged, origin = b.rows, b.merged, b.origin
    # a header repeated on the new page
    k = 0
    while k < len(rows) and k < len(a.rows) and rows[k] == a.rows[k] and not any(_NUMERIC.match(c) for c in rows[k]):
        k += 1
    rows, merged, origin, pages = rows[k:], merged[k:], origin[k:], b.row_pages[k:]
    if rows:
        _continue_row_spans(a, rows, merged, origin)
    a.rows.extend(rows)
    a.merged.extend(merged)
    a.origin.extend(origin)  # keep origin row-aligned: a table may continue over a third page
    a.row_pages.extend(pages)
    item = getattr(a, "item", None)
    if item is not None:
        item.rows, item.merged, item.row_pages = a.rows, a.merged, a.row_pages


def _continue_row_spans(a: _Table, rows, merged, origin) -> None:
    """A label cell that spans rows across the page break is empty on the new page: refill it."""
    last = a.rows[-1]
    first_num = next((c for c, v in enumerate(rows[0]) if _NUMERIC.match(v)), len(rows[0]))
    for c in range(first_num):
        if rows[0][c] or not last[c] or _NUMERIC.match(last[c]) or merged[0][c]:
            continue
        if c > 0 and a.merged[-1][c] and a.rows[-1][c - 1] == last[c]:
            continue  # the label above was a colspan copy
        o = origin[0][c]
        for r in range(len(rows)):
            for cc in range(len(rows[r])):
                if origin[r][cc] == o:
                    rows[r][cc] = last[c]
                    merged[r][cc] = True
