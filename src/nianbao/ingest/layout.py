"""Page layout shared by the PDF reader and OCR: positioned characters and cell rectangles into lines,
table grids, paragraphs and tables in reading order.

Both readers hand this module the same things: characters as dicts with their box in PDF points
(``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``) and, per ruled table, its cell rectangles. From
there on a scanned page is read exactly as a text-layer page is:

* characters are grouped into lines by baseline (:func:`text_lines`), a table's characters into the
  cells of its grid (:func:`grid_from_cells`, :func:`fill_table`); a merged (spanning) cell's text is
  repeated into every grid position it covers, with ``merged`` set on the copies; OCR's characters carry
  their recognition score (``conf``), and each cell keeps the lowest of its text's (``Table.conf``, on to
  ``RawCell.confidence`` through the builder's ``Item.conf``); a region whose cells
  are sentences, not labels and numbers, is not a table (:func:`holds_table`);
* running headers and footers (lines repeated at the same place on most pages) and page numbers
  ("第 3 页", "- 3 -", "3/10", a lone number) in the top and bottom margins are dropped
  (:func:`drop_running_lines`);
* lines are merged into paragraphs (:func:`page_items`): a new paragraph starts at an indented line, a
  heading, after a vertical gap, a change of font size, or after a short line that ends with closing
  punctuation. A paragraph cut by a page break is flagged ``continues`` (the builder joins it); a table
  that goes on at the top of the next page with the same frame is joined to its first half.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from nianbao.ingest.builder import Item, looks_like_heading
from nianbao.textnorm import no_space

_TERMINAL = tuple("。！？；：!?;:")
_PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|[-—–－]\s*\d+\s*[-—–－]|\d+\s*/\s*\d+|\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d+(?:\s*(?:of|/)\s*\d+)?|共\s*\d+\s*页\s*第\s*\d+\s*页)$"
)
_DIGIT_RUN = re.compile(r"\d+")
NUMERIC = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_TOP_ZONE = 0.08
_BOTTOM_ZONE = 0.92


@dataclass
class Line:
    """One line of text on a page, with its box in PDF points and its font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Table:
    """A ruled table's grid: each position's text, whether it is a spanning cell's copy, and its span's origin."""

    top: float
    rows: list[list[str]]
    merged: list[list[bool]]
    origin: list[list[tuple[int, int]]]  # span origin of every grid position
    row_pages: list[int | None] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)  # column boundaries
    # OCR: each grid position's confidence, the lowest of its span's characters (1.0 when empty); None: a text
    # layer, whose characters have no score (every cell 1.0)
    conf: list[list[float]] | None = None


@dataclass
class Page:
    """A page's narrative lines (outside tables) and its tables."""

    number: int
    height: float
    lines: list[Line]
    tables: list[Table]


# --------------------------------------------------------------------------- tables


_PROSE_CELL = re.compile(r"[，。；：！？]")


def holds_table(t: Table) -> bool:
    """A table region's cells hold short labels and numbers; narrative never becomes table cells.

    A candidate whose distinct cells are mostly sentences (long, with sentence punctuation) and that has
    no numeric cell is a ruled frame around prose."""
    cells = {(t.origin[r][c]): v.strip() for r, row in enumerate(t.rows) for c, v in enumerate(row) if v.strip()}
    if not cells:
        return False
    values = list(cells.values())
    numeric = sum(1 for v in values if NUMERIC.match(v))
    prose = sum(1 for v in values if len(v) > 40 and _PROSE_CELL.search(v))
    if numeric == 0 and prose >= max(1, len(values) // 2):
        return False
    return True


def in_any(c: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
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


def grid_from_cells(cells: list[tuple[float, float, float, float]]):
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


def fill_table(grid, chars: list[dict], bbox, page: int) -> Table:
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
    scored = any("conf" in ch for ch in chars)  # OCR
    conf = [[1.0] * ncols for _ in range(nrows)] if scored else None
    for k, (r0, c0, r1, c1, _) in enumerate(spans):
        text = cell_text(buckets[k])
        low = min((ch["conf"] for ch in buckets[k] if "conf" in ch), default=1.0)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = text
                merged[r][c] = (r, c) != (r0, c0)
                origin[r][c] = (r0, c0)
                if conf is not None:
                    conf[r][c] = low
    top = bbox[1]
    return Table(top, rows, merged, origin, [page] * nrows, xs, conf)



# --------------------------------------------------------------------------- lines


def cell_text(chars: list[dict]) -> str:
    lines = text_lines(chars)
    out = ""
    for ln in lines:
        t = ln.text.strip()
        if out and t and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


def text_lines(chars: list[dict]) -> list[Line]:
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
    out: list[Line] = []
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
        out.append(Line(text, g[0]["x0"], max(c["x1"] for c in g), min(c["top"] for c in g),
                         max(c["bottom"] for c in g), max(c.get("size", 10) for c in g)))
    out.sort(key=lambda ln: ln.top)
    return _rejoin_punctuation(out)


_LONE_PUNCT = re.compile(r"^[、，,。；;：:]{1,2}$")


def _rejoin_punctuation(lines: list[Line]) -> list[Line]:
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



# --------------------------------------------------------------------------- running headers and footers


def drop_running_lines(pages: list[Page]) -> None:
    """Remove running headers/footers and page numbers from the top and bottom margins."""

    def zone(ln: Line, p: Page) -> bool:
        return ln.bottom < p.height * _TOP_ZONE or ln.top > p.height * _BOTTOM_ZONE

    def key(ln: Line) -> str:
        return _DIGIT_RUN.sub("#", no_space(ln.text))

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


def _metrics(pages: list[Page]) -> _Metrics:
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


def _starts_new(a: Line, b: Line, m: _Metrics) -> bool:
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


def _continues(last: Line, first: Line, m: _Metrics) -> bool:
    """Does the first line of a page continue the paragraph the previous page ended with?"""
    tol = 0.6 * m.size
    if first.x0 > m.left + tol or looks_like_heading(first.text) or abs(first.size - last.size) > 1:
        return False
    if not last.text.rstrip().endswith(_TERMINAL):
        return True
    return m.indented and last.x1 >= m.right - 1.5 * m.size


def _paragraph_item(lines: list[Line], page: int, m: _Metrics, continues: bool) -> Item:
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


def page_items(pages: list[Page]) -> list[Item]:
    m = _metrics(pages)
    items: list[Item] = []
    last_line: Line | None = None  # last line of the last paragraph, if the page ended with one
    last_table: Table | None = None  # the table the previous page ended with
    for p in pages:
        elements: list[tuple[float, object]] = [(ln.top, ln) for ln in p.lines] + [(t.top, t) for t in p.tables]
        elements.sort(key=lambda e: e[0])
        run: list[Line] = []
        first = True
        page_last_line: Line | None = None
        page_last_table: Table | None = None

        cont_flag = False
        for _, el in elements:
            if isinstance(el, Table):
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
            ln: Line = el  # type: ignore[assignment]
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


def _flush(items: list[Item], run: list[Line], page: int, m: _Metrics, cont: bool) -> None:
    if run:
        items.append(_paragraph_item(run, page, m, cont))


def _table_item(t: Table, page: int) -> Item:
    it = Item("table", page=page, rows=t.rows, merged=t.merged, row_pages=t.row_pages, conf=t.conf)
    t.item = it  # type: ignore[attr-defined]
    return it


def _joinable(a: Table, b: Table) -> bool:
    if not (a.rows and b.rows):
        return False
    if len(a.rows[0]) == len(b.rows[0]):
        return True
    # the same frame: a column edge that no cell of one half uses is missing from its grid, or the
    # label column the cut spanning cell stood in is left out of one half (see _widen_to_rules)
    return abs(a.xs[-1] - b.xs[-1]) <= 3 and abs(a.xs[0] - b.xs[0]) <= 80


def _regrid(t: Table, xs: list[float]) -> None:
    """Re-express a table on finer column boundaries ``xs`` (a superset of its own)."""
    if len(xs) == len(t.xs):
        return
    new_cols: list[list[int]] = []
    for c in range(len(t.xs) - 1):
        lo, hi = t.xs[c], t.xs[c + 1]
        cols = [j for j in range(len(xs) - 1) if xs[j] >= lo - 2.5 and xs[j + 1] <= hi + 2.5]
        new_cols.append(cols or [_index(xs, lo)])
    first = {c: cols[0] for c, cols in enumerate(new_cols)}
    rows, merged, origin, conf = [], [], [], []
    for r in range(len(t.rows)):
        nr, nm, no, nc = [], [], [], []
        for c, cols in enumerate(new_cols):
            o = t.origin[r][c]
            for k, _ in enumerate(cols):
                nr.append(t.rows[r][c])
                nm.append(t.merged[r][c] or k > 0)
                no.append((o[0], first[o[1]]))
                if t.conf is not None:
                    nc.append(t.conf[r][c])
        rows.append(nr)
        merged.append(nm)
        origin.append(no)
        conf.append(nc)
    t.rows[:] = rows
    t.merged[:] = merged
    t.origin[:] = origin
    if t.conf is not None:
        t.conf[:] = conf
    t.xs = xs


def _join_tables(a: Table, b: Table) -> None:
    if len(a.rows[0]) != len(b.rows[0]) or any(abs(x - y) > 2.5 for x, y in zip(a.xs, b.xs, strict=False)):
        xs = _cluster(a.xs + b.xs, 2.5)
        _regrid(a, xs)
        _regrid(b, xs)
    rows, merged, origin = b.rows, b.merged, b.origin
    # a header repeated on the new page
    k = 0
    while k < len(rows) and k < len(a.rows) and rows[k] == a.rows[k] and not any(NUMERIC.match(c) for c in rows[k]):
        k += 1
    rows, merged, origin, pages = rows[k:], merged[k:], origin[k:], b.row_pages[k:]
    if a.conf is not None or b.conf is not None:  # (OCR: both halves are scored)
        a.conf = a.conf if a.conf is not None else [[1.0] * len(r) for r in a.rows]
        conf = b.conf[k:] if b.conf is not None else [[1.0] * len(r) for r in rows]
    else:
        conf = None
    if rows:
        _continue_row_spans(a, rows, merged, origin, conf)
    a.rows.extend(rows)
    a.merged.extend(merged)
    a.origin.extend(origin)  # keep origin row-aligned: a table may continue over a third page
    a.row_pages.extend(pages)
    if a.conf is not None and conf is not None:
        a.conf.extend(conf)
    item = getattr(a, "item", None)
    if item is not None:
        item.rows, item.merged, item.row_pages, item.conf = a.rows, a.merged, a.row_pages, a.conf


def _continue_row_spans(a: Table, rows, merged, origin, conf=None) -> None:
    """A label cell that spans rows across the page break is empty on the new page: refill it (with the
    confidence of the label it repeats)."""
    last = a.rows[-1]
    first_num = next((c for c, v in enumerate(rows[0]) if NUMERIC.match(v)), len(rows[0]))
    for c in range(first_num):
        if rows[0][c] or not last[c] or NUMERIC.match(last[c]) or merged[0][c]:
            continue
        if c > 0 and a.merged[-1][c] and a.rows[-1][c - 1] == last[c]:
            continue  # the label above was a colspan copy
        o = origin[0][c]
        for r in range(len(rows)):
            for cc in range(len(rows[r])):
                if origin[r][cc] == o:
                    rows[r][cc] = last[c]
                    merged[r][cc] = True
                    if conf is not None and a.conf is not None:
                        conf[r][cc] = a.conf[-1][c]
