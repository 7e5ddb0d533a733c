"""Map offsets of ``Report.text`` back to characters of a DOCX body (for the annotated copy).

The DOCX reader (:mod:`nianbao.ingest.docx`) lays the body's paragraphs and tables out as text and
normalises it (full-width digits, spaces between Chinese and digits, stripped ends, line breaks). This
module walks the same XML in the same order and aligns every non-space character of each block
of the report with the ``w:t`` character it came from, giving ``offset -> (w:t element, index)``.
Table cells are aligned cell by cell against the ``w:tc`` they were read from, so a finding about
a cell lands in that cell; a blank cell (no character to anchor on) is kept as ``offset -> w:tc``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nianbao.ingest.builder import FULLWIDTH_DIGITS, normalize_inline
from nianbao.model import Block, RawDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WINDOW = 4000  # how far ahead a character is looked for before it is left unmapped


@dataclass
class CharPos:
    t: object  # the lxml w:t element
    idx: int  # index of the character in t.text


@dataclass
class OffsetMap:
    chars: dict[int, CharPos] = field(default_factory=dict)
    blank_cells: dict[int, object] = field(default_factory=dict)  # offset of a blank cell -> w:tc
    offsets: list[int] = field(default_factory=list)  # mapped offsets, sorted

    def mapped_in(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last mapped offsets inside [start, end)."""
        from bisect import bisect_left

        i = bisect_left(self.offsets, start)
        if i >= len(self.offsets) or self.offsets[i] >= end:
            return None
        j = bisect_left(self.offsets, end) - 1
        return self.offsets[i], self.offsets[j]


def _stream(el) -> list[tuple[str, CharPos]]:
    """Non-space characters of the w:t nodes under one paragraph (or cell), in order."""
    out: list[tuple[str, CharPos]] = []
    for t in el.iter(f"{W}t"):
        for i, ch in enumerate(t.text or ""):
            if not ch.isspace():
                out.append((ch.translate(FULLWIDTH_DIGITS), CharPos(t, i)))
    return out


def _body_units(parent, paras: list, tables: list) -> None:
    for el in parent:
        if el.tag == f"{W}p":
            paras.append(el)
        elif el.tag == f"{W}tbl":
            tables.append(el)
        elif el.tag in (f"{W}sdt", f"{W}customXml"):
            content = el.find(f"{W}sdtContent")
            _body_units(content if content is not None else el, paras, tables)


def _align(text: str, base: int, stream: list[tuple[str, CharPos]], cursor: int, out: dict[int, CharPos]) -> int:
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        stop = min(len(stream), cursor + _WINDOW)
        for j in range(cursor, stop):
            if stream[j][0] == ch:
                out[base + k] = stream[j][1]
                cursor = j + 1
                break
    return cursor


def _grid(tbl) -> list[list[object | None]]:
    """tc element at each grid position; None for positions a merge fills (gridSpan, vMerge continue)."""
    from nianbao.ingest.docx import table_grid

    return [[tc if tc is not None and k == 0 and vmerge != "continue" else None for tc, k, vmerge in row]
            for row in table_grid(tbl)]


def _table_rows(tbl) -> list[list[object | None]]:
    """Grid rows that the reader keeps (rows with some text), as tc elements."""
    from nianbao.ingest.docx import _table

    texts, _ = _table(tbl)
    grid = _grid(tbl)
    return [g for t, g in zip(texts, grid, strict=False) if any(normalize_inline(c) for c in t)]


def build_map(body, raw: RawDocument) -> OffsetMap:
    """Align the blocks of ``raw`` (read from this body, or rendered into it) with the body's XML."""
    paras: list = []
    tables: list = []
    _body_units(body, paras, tables)
    stream: list[tuple[str, CharPos]] = []
    for p in paras:
        stream.extend(_stream(p))
    kept_tables = [t for t in tables if _table_rows(t)]
    m = OffsetMap()
    cursor = 0
    ti = 0
    for b in raw.blocks:
        if b.kind != "table":
            cursor = _align(b.text, b.start, stream, cursor, m.chars)
            continue
        if ti >= len(kept_tables):
            continue
        _map_table(b, _table_rows(kept_tables[ti]), m)
        ti += 1
    m.offsets = sorted(m.chars)
    return m


def _map_table(b: Block, grid: list[list[object | None]], m: OffsetMap) -> None:
    rows = b.rows or []
    g = 0
    for row in rows:
        if g >= len(grid):
            break
        # a row the reader joined with the next (label cut by a page break) shifts the grid: follow text
        if len(rows) != len(grid):
            while g < len(grid) - 1 and not _row_matches(row, grid[g]):
                g += 1
        for cell in row:
            tc = grid[g][cell.col] if cell.col < len(grid[g]) else None
            if tc is None or cell.merged or cell.start is None:
                continue
            if cell.text:
                _align(cell.text, cell.start, _stream(tc), 0, m.chars)
            else:
                m.blank_cells[cell.start] = tc
        g += 1


def _row_matches(row, tcs: list[object | None]) -> bool:
    for cell in row:
        if cell.text and cell.col < len(tcs) and tcs[cell.col] is not None:
            got = "".join(ch for ch, _ in _stream(tcs[cell.col]))
            if got == "".join(ch for ch in cell.text if not ch.isspace()):
                return True
    return False
