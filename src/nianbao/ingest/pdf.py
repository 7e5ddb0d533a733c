"""PDF reports: text in reading order with page numbers, ruled tables as cell grids.

* Engines, chosen by measurement on real Word/WPS exports (docs/benchmarks.md): pypdfium2 reads the
  characters, their boxes and the page's rules (about 15 times faster than pdfplumber); pdfplumber reads
  a file pypdfium2 cannot (form XObjects, compound paths, unmapped glyphs, a pdfium error). Tables are
  found by pdfplumber's lattice algorithm run on the *visible* rules only: Word/WPS exports draw an
  unstroked white rectangle behind every paragraph, and a ruled frame around prose is never a table
  (a candidate must have two columns and hold labels and numbers, not sentences).

* Characters inside a ruled table's bbox belong to the table; the table's cells come from
  pdfplumber's cell rectangles. Lines, table grids, running headers and footers, paragraphs and
  tables joined across pages are the shared page layout (``nianbao.ingest.layout``), which reads a
  scanned page (``nianbao.ingest.ocr``) the same way.
* A page without any text is a scan: OCR reads it when the ``ocr`` extra is installed.
"""

from __future__ import annotations

import math
import os
import re
import threading
from io import BytesIO

from nianbao.errors import InputError
from nianbao.ingest import layout
from nianbao.ingest.builder import build_document
from nianbao.ingest.limits import check_pages
from nianbao.model import RawDocument


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
    layout.drop_running_lines(pages)
    items = layout.page_items(pages)
    return build_document(name, "pdf", items, page_count=len(pages), data=data)


# --------------------------------------------------------------------------- engines


# pdfium is not thread-safe: one document at a time per process (a forked child starts with a free lock)
PDFIUM_LOCK = threading.Lock()
if hasattr(os, "register_at_fork"):
    def _fresh_lock() -> None:
        global PDFIUM_LOCK
        PDFIUM_LOCK = threading.Lock()

    os.register_at_fork(after_in_child=_fresh_lock)


def _pdfium_pages(data: bytes, name: str) -> list[layout.Page] | None:
    """Characters with their boxes and the page's rules through pypdfium2 (about 15 times faster than
    pdfplumber on Word/WPS exports); None when a page needs what only pdfplumber reads (form XObjects)."""
    with PDFIUM_LOCK:
        return _pdfium_pages_locked(data, name)


def _pdfium_pages_locked(data: bytes, name: str) -> list[layout.Page] | None:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError("encrypted", name) from None
        raise
    pages: list[layout.Page] = []
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


def _pdfplumber_pages(data: bytes, name: str) -> list[layout.Page]:
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


def _read_page(page, number: int) -> layout.Page:
    """One page through pdfplumber (the fallback engine)."""
    chars = [c for c in page.chars if c.get("text")]
    lines = [ln for ln in page.lines]
    rects = [r for r in page.rects if _visible(r)]
    return _page_from(number, float(page.height), chars, lines, rects)


def _page_from(number: int, height: float, chars: list[dict], lines: list[dict], rects: list[dict]) -> layout.Page:
    """Tables from the visible rules, narrative from the characters outside them."""
    tables: list[layout.Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    for bbox, cells in _find_tables(lines, rects):
        grid = layout.grid_from_cells(cells)
        if grid is None or grid[1] < 2:
            continue  # one column: a frame drawn around text, not a table
        table = layout.fill_table(grid, chars, bbox, number)
        if not layout.holds_table(table):
            continue
        bbox = _extend_open_bottom(table, grid, chars, bbox, height)
        boxes.append(_widen_to_rules(bbox, lines))
        tables.append(table)
    free = [c for c in chars if not layout.in_any(c, boxes)] if boxes else chars
    return layout.Page(number, height, layout.text_lines(free), tables)


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


def _extend_open_bottom(t: layout.Table, grid, chars: list[dict], bbox, height: float):
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
    lines = layout.text_lines(band)
    if len(lines) > 3:
        return bbox
    last = sorted(last, key=lambda sp: sp[1])
    buckets: list[list[dict]] = [[] for _ in last]
    for ch in band:
        cx = (ch["x0"] + ch["x1"]) / 2
        k = min(range(len(last)), key=lambda i: 0 if last[i][4][0] <= cx <= last[i][4][2] else
                min(abs(cx - last[i][4][0]), abs(cx - last[i][4][2])))
        buckets[k].append(ch)
    texts = [layout.cell_text(b) for b in buckets]
    if sum(1 for x in texts if layout.NUMERIC.match(x)) < 2:
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


# --------------------------------------------------------------------------- checks


def _has_text(pages: list[layout.Page]) -> bool:
    """False for an image-only PDF (a scan): then OCR reads it, when the ``ocr`` extra is installed."""
    return any(ln.text.strip() for p in pages for ln in p.lines) or any(
        c.strip() for p in pages for t in p.tables for row in t.rows for c in row)


def _check_text_layer(pages: list[layout.Page], name: str) -> None:
    texts = [ln.text for p in pages for ln in p.lines]
    texts += [c for p in pages for t in p.tables for row in t.rows for c in row]
    joined = "".join(texts)
    if not joined.strip():
        raise InputError("scanned", name)
    bad = len(re.findall(r"\(cid:\d+\)", joined)) + joined.count("\ufffd")
    readable = len(re.sub(r"\(cid:\d+\)|\ufffd|\s", "", joined))
    if bad and bad >= 0.3 * (bad + readable):
        raise InputError("garbled", name)
