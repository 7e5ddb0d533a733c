"""DOCX reports (python-docx): body paragraphs and tables in document order.

Heading levels come from the paragraph style (``Heading N`` / ``标题 N``, ``Title`` = level 0) or
an outline level on the paragraph or its style. Tables are resolved to their full grid: a cell
with ``gridSpan`` or a vertical merge (``vMerge``) has its text repeated into every grid position
it covers, and the copies are flagged ``merged``.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from nianbao.errors import InputError
from nianbao.ingest.builder import Item, build_document
from nianbao.model import RawDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def read_docx(data: bytes, name: str) -> RawDocument:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - python-docx is a hard dependency
        raise InputError("corrupt", name, "缺少 python-docx") from exc
    if not data.strip():
        raise InputError("empty", name)
    try:
        document = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError("corrupt", name, type(exc).__name__) from None
    except Exception as exc:  # lxml syntax errors, missing parts …
        raise InputError("corrupt", name, type(exc).__name__) from None
    styles = _style_levels(document)
    items: list[Item] = []
    _walk(document.element.body, styles, items)
    if not any((it.text or "").strip() or it.rows for it in items):
        raise InputError("empty", name)
    return build_document(name, "docx", items, data=data)


def _style_levels(document) -> dict[str, int | None]:
    """style id -> heading level (0 for Title), following basedOn."""
    raw: dict[str, tuple[str, int | None, str | None]] = {}
    for st in document.styles.element.findall(f"{W}style"):
        sid = st.get(f"{W}styleId") or ""
        name_el = st.find(f"{W}name")
        sname = name_el.get(f"{W}val") if name_el is not None else ""
        outline = st.find(f"{W}pPr/{W}outlineLvl")
        lvl = int(outline.get(f"{W}val")) if outline is not None and outline.get(f"{W}val", "").isdigit() else None
        based = st.find(f"{W}basedOn")
        raw[sid] = (sname or "", lvl, based.get(f"{W}val") if based is not None else None)

    def level(sid: str, depth: int = 0) -> int | None:
        if sid not in raw or depth > 8:
            return None
        sname, outline, based = raw[sid]
        m = _HEADING_NAME.match(sname.strip())
        if m:
            return int(m.group(1))
        if sname.strip().lower() in ("title", "标题"):
            return 0
        if outline is not None and outline < 9:
            return outline + 1
        return level(based, depth + 1) if based else None

    return {sid: level(sid) for sid in raw}


def _walk(parent, styles: dict[str, int | None], items: list[Item]) -> None:
    for el in parent:
        tag = el.tag
        if tag == f"{W}p":
            _paragraph(el, styles, items)
        elif tag == f"{W}tbl":
            rows, merged = _table(el)
            if rows:
                items.append(Item("table", rows=rows, merged=merged))
        elif tag in (f"{W}sdt", f"{W}customXml"):
            content = el.find(f"{W}sdtContent")
            _walk(content if content is not None else el, styles, items)


def _paragraph_lines(p) -> list[str]:
    """Paragraph text split at explicit line breaks; tabs become spaces."""
    lines = [""]
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            lines[-1] += node.text or ""
        elif node.tag == f"{W}tab":
            lines[-1] += " "
        elif node.get(f"{W}type") in (None, "textWrapping"):
            lines.append("")
    return lines


def _paragraph(p, styles: dict[str, int | None], items: list[Item]) -> None:
    level: int | None = None
    ppr = p.find(f"{W}pPr")
    if ppr is not None:
        st = ppr.find(f"{W}pStyle")
        if st is not None:
            level = styles.get(st.get(f"{W}val") or "")
        ol = ppr.find(f"{W}outlineLvl")
        if ol is not None and (ol.get(f"{W}val") or "").isdigit() and int(ol.get(f"{W}val")) < 9:
            level = int(ol.get(f"{W}val")) + 1
    for line in _paragraph_lines(p):
        if not line.strip():
            continue
        if level is not None:
            items.append(Item("heading", line, level=level))
        else:
            items.append(Item("paragraph", line))


def _cell_text(tc) -> str:
    out = ""
    for p in tc.iter(f"{W}p"):
        for line in _paragraph_lines(p):
            t = line.strip()
            if not t:
                continue
            if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
                out += " "
            out += t
    return out


def table_grid(tbl) -> list[list[tuple[object | None, int, str | None]]]:
    """Each row's grid positions as (tc, k, vmerge): tc is None for gridBefore padding, k is the
    position's index inside a horizontally spanning cell (0 = the cell's own first column), vmerge is
    the cell's vMerge value ("restart", "continue") or None. Shared with the annotated DOCX."""
    out: list[list[tuple[object | None, int, str | None]]] = []
    for tr in tbl.findall(f"{W}tr"):
        row: list[tuple[object | None, int, str | None]] = []
        trpr = tr.find(f"{W}trPr")
        before = 0
        if trpr is not None:
            gb = trpr.find(f"{W}gridBefore")
            if gb is not None and (gb.get(f"{W}val") or "").isdigit():
                before = int(gb.get(f"{W}val"))
        row.extend((None, 0, None) for _ in range(before))
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                if gs is not None and (gs.get(f"{W}val") or "").isdigit():
                    span = max(1, int(gs.get(f"{W}val")))
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{W}val") or "continue"
            row.extend((tc, k, vmerge) for k in range(span))
        out.append(row)
    return out


def _table(tbl) -> tuple[list[list[str]], list[list[bool]]]:
    """The full grid of a table with horizontal and vertical merges resolved."""
    grid_rows: list[list[tuple[str, bool, str | None]]] = []  # (text, merged, vmerge)
    for cells in table_grid(tbl):
        row: list[tuple[str, bool, str | None]] = []
        for tc, k, vmerge in cells:
            text = "" if tc is None else row[-1][0] if k > 0 else _cell_text(tc)
            row.append((text, k > 0, vmerge))
        grid_rows.append(row)
    width = max((len(r) for r in grid_rows), default=0)
    rows: list[list[str]] = []
    merged: list[list[bool]] = []
    for r, row in enumerate(grid_rows):
        texts, flags = [], []
        for c in range(width):
            text, m, vmerge = row[c] if c < len(row) else ("", False, None)
            if vmerge == "continue" and r > 0 and c < len(rows[r - 1]):
                text, m = rows[r - 1][c], True
            texts.append(text)
            flags.append(m)
        rows.append(texts)
        merged.append(flags)
    return rows, merged
