"""Mandated tables -> canonical keyed grids (Table / Cell), with provenance and parse confidence.

A chain of small pure steps, as in pdfplumber's table finder: raw grid -> rows of (label cells,
value cells) -> row keys matched against data/spec/format.toml -> Cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from nianbao.model import Block, Cell, ParseNote, RawCell, Table
from nianbao.structure.spec import format_spec, label_key, strip_numbering

_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?$")
_DASHES = {"/", "-", "—", "－", "——", "--", "\\", "／", "–"}


def parse_cell(rc: RawCell | None, confidence: float = 1.0) -> Cell:
    if rc is None:
        return Cell(None, "", confidence=0.0, status="missing")
    raw = rc.text.strip()
    base = dict(raw=rc.text, page=rc.page, src_row=rc.row, src_col=rc.col, start=rc.start, end=rc.end)
    conf = confidence * (0.9 if rc.merged else 1.0) * rc.confidence
    if raw == "":
        return Cell(None, status="blank", confidence=conf, **base)
    if raw in _DASHES:
        return Cell(None, status="dash", confidence=conf, **base)
    if raw in {"无", "空"}:
        return Cell(None, status="none_word", confidence=conf, **base)
    s = raw.replace("，", ",").replace(" ", "")
    if _NUMBER.match(s):
        s = s.replace(",", "")
        val: int | float = float(s) if "." in s else int(s)
        return Cell(val, status="number", confidence=conf, **base)
    m = re.match(r"^([+-]?\d+(?:\.\d+)?)\s*(万元|元|件|个|项|条)?$", s)
    if m:
        v = m.group(1)
        return Cell(float(v) if "." in v else int(v), status="number", confidence=conf * 0.8, **base)
    # text where a number belongs ("若干", "不详"): read correctly, but not a number
    return Cell(None, status="unreadable", confidence=conf, **base)


def is_value_text(s: str) -> bool:
    s = s.strip()
    return s == "" or s in _DASHES or s in {"无", "空"} or bool(_NUMBER.match(s.replace("，", ",").replace(" ", "")))


def _cells(row: list[RawCell]) -> list[RawCell]:
    """Drop the copies that a merged (spanning) cell left in the grid; keep the original."""
    out: list[RawCell] = []
    for c in row:
        if c.merged and out and out[-1].text == c.text:
            continue
        out.append(c)
    return out


@dataclass
class SplitRow:
    labels: list[RawCell]
    values: list[RawCell]
    src: list[RawCell]


def split_row(row: list[RawCell]) -> SplitRow:
    cells = row
    last_label = -1
    for i, c in enumerate(cells):
        if c.text.strip() and not is_value_text(c.text):
            last_label = i
    labels = [c for c in cells[: last_label + 1] if c.text.strip()]
    return SplitRow(labels, cells[last_label + 1 :], cells)


def _fit_values(values: list[RawCell], n: int) -> tuple[list[RawCell | None], float]:
    """Pick the n value cells of a row: trim empty cells that extraction added at either end."""
    vals = list(values)
    conf = 1.0
    # a spacer cell right after the label (merged label columns) goes first, then trailing noise
    # (empty cells left by merged label columns are structural: no loss of confidence)
    while len(vals) > n and not vals[0].text.strip():
        vals.pop(0)
    while len(vals) > n and not vals[-1].text.strip():
        vals.pop()
    if len(vals) > n:
        vals = vals[:n]
        conf = 0.5
    out: list[RawCell | None] = list(vals)
    if len(out) < n:
        conf = 0.6 if out else 0.0
        out += [None] * (n - len(out))
    return out, conf


# ------------------------------------------------------------------------------------------ table 3


@cache
def _row_index() -> list[tuple[str, set[str], str | None, str | None]]:
    """Normalised label forms of every table-3 row, computed once."""
    out = []
    for r in format_spec()["tables"]["requests"]["rows"]:
        forms = {label_key(x) for x in r["labels"]} | {strip_numbering(label_key(x)) for x in r["labels"]}
        out.append((r["key"], forms, r.get("group"), r.get("only")))
    return out


def match_request_row(label: str, group: str | None, layout_hint: str | None) -> str | None:
    n = label_key(label)
    bare = strip_numbering(n)
    cands = []
    for key, forms, grp, only in _row_index():
        if n in forms or bare in forms:
            cands.append((key, grp, only))
    if not cands:
        # tolerant: a label that starts with a known form (extra words such as notes in brackets)
        for key, forms, grp, only in _row_index():
            if any(len(f) >= 4 and (bare.startswith(f) or f.startswith(bare) and len(bare) >= 6) for f in forms):
                cands.append((key, grp, only))
    if not cands and group:
        # a label cut short by its cell's width ("2.其他法律行政止公开"): close to one form of its group
        best = max(((SequenceMatcher(None, bare, f).ratio(), key, grp, only)
                    for key, forms, grp, only in _row_index() if grp == group for f in forms if len(f) >= 4),
                   default=None)
        if best and best[0] >= 0.8:
            cands.append(best[1:])
    if not cands:
        return None
    if len(cands) > 1 and group:
        in_group = [c for c in cands if c[1] == group]
        if in_group:
            cands = in_group
    if len(cands) > 1 and layout_hint:
        cands = [c for c in cands if c[2] in (None, layout_hint)] or cands
    return cands[0][0]


@cache
def _group_forms() -> dict[str, tuple[set[str], set[str]]]:
    groups = format_spec()["tables"]["requests"]["groups"]
    return {g: ({label_key(f) for f in forms}, {strip_numbering(label_key(f)) for f in forms}) for g, forms in groups.items()}


def _group_of(label: str) -> str | None:
    n = label_key(label)
    for g, (full, bare) in _group_forms().items():
        if n in full or strip_numbering(n) in bare:
            return g
    return None


def parse_requests(blocks: list[Block], notes: list[ParseNote]) -> Table:
    spec = format_spec()["tables"]["requests"]
    cols: list[str] = spec["columns"]
    rows = [r for b in blocks for r in (b.rows or [])]
    # layout: the 2021 format has three （六） sub-rows; their own words, short enough to survive one
    # misread character in "逾期" (read "途期" on a scan)
    flat = label_key("".join(c.text for r in rows for c in r))
    layout = "2021" if ("不补正" in flat or "收费通知" in flat) else "2019"
    table = Table(id="requests", layout=layout, start=blocks[0].start, end=blocks[-1].end, page=blocks[0].page)
    header_parts: list[str] = []
    header_rows: list[list[str]] = []
    group: str | None = None
    for row in rows:
        if not table.cells:  # the full grid, merged copies included, keeps the header's columns aligned
            header_rows.append([c.text.strip() for c in row])
        row = _cells(row)
        sr = split_row(row)
        label_texts = [c.text.strip() for c in sr.labels]
        has_values = any(c.text.strip() for c in sr.values)
        if not label_texts:
            continue
        key = None
        # the most specific label cell is the last one; earlier ones are group headers, and a group's first
        # row carries its group's label ("（六）其他处理", the nearest one): match that row within it, not the
        # group before
        row_group = next((g for t in reversed(label_texts[:-1]) if (g := _group_of(t))), group)
        matched = None
        for li in range(len(label_texts) - 1, -1, -1):
            key = match_request_row(label_texts[li], row_group, layout)
            if key:
                matched = li
                break
        if matched is not None and matched < len(label_texts) - 1:
            # text after the row's label ("若干", "不详") is a value cell that cannot be read, not a label
            cut = row.index(sr.labels[matched]) + 1
            sr = SplitRow(sr.labels[: matched + 1], row[cut:], row)
            label_texts = label_texts[: matched + 1]
            has_values = any(c.text.strip() for c in sr.values)
        for t in label_texts[:-1] if key else label_texts:
            g = _group_of(t)
            if g:
                group = g
        if not has_values:
            # a header row or a group label spanning its sub-rows ("（三）不予公开", "（六）其他处理" in 2021)
            for t in label_texts:
                g = _group_of(t)
                if g:
                    group = g
            header_parts.extend(label_texts)
            continue
        if key is None:
            g = _group_of(label_texts[-1])
            if g == "other_handling" and layout == "2019":
                key = "other"
            else:
                header_parts.extend(label_texts)
                table.extra_rows.append("".join(label_texts))
                continue
        if key in table.cells:
            table.extra_rows.append("".join(label_texts))
            notes.append(ParseNote("duplicate_row", f"表三中“{label_texts[-1]}”出现两次，只采用第一次。",
                                   start=row[0].start, page=row[0].page))
            continue
        vals, conf = _fit_values(sr.values, len(cols))
        table.row_labels[key] = label_texts[-1]
        table.cells[key] = {c: parse_cell(v, conf) for c, v in zip(cols, vals, strict=True)}
        if conf < 0.9:
            notes.append(ParseNote("uncertain_row", f"表三“{label_texts[-1]}”一行的数值列数与格式不符，读取结果可能有误。",
                                   start=row[0].start, page=row[0].page))
    table.header_text = "".join(header_parts) + "|" + _column_wise(header_rows)
    expected = [r["key"] for r in spec["rows"] if r.get("only") in (None, layout)]
    table.missing_rows = [k for k in expected if k not in table.cells]
    for k, labels in spec["column_labels"].items():
        table.col_labels[k] = labels[0]
    return table


def _column_wise(rows: list[list[str]]) -> str:
    """Header labels that extraction wrapped over several lines ("商业" / "企业"), joined down each column."""
    width = max((len(r) for r in rows), default=0)
    return "|".join("".join(r[j] for r in rows if j < len(r)) for j in range(width))


# ------------------------------------------------------------------------------------------ table 4


def parse_review_litigation(blocks: list[Block], notes: list[ParseNote]) -> Table:
    spec = format_spec()["tables"]["review_litigation"]
    table = Table(id="review_litigation", layout="2021", start=blocks[0].start, end=blocks[-1].end,
                  page=blocks[0].page)
    rows = [_cells(r) for b in blocks for r in (b.rows or [])]
    header = "".join(c.text for r in rows for c in r if not is_value_text(c.text))
    table.header_text = header
    data_rows = [r for r in rows if sum(1 for c in r if c.text.strip() and is_value_text(c.text)) >= 5]
    values: list[RawCell] = []
    for r in data_rows:
        values.extend(c for c in r if is_value_text(c.text) and c.text.strip())
    conf = 1.0
    if len(values) != 15 and len(data_rows) == 1:
        # text where a number belongs ("约5", "不详"): the data row still has its 15 filled cells
        filled = [c for c in data_rows[0] if c.text.strip()]
        if len(filled) == 15:
            values = filled
    if len(values) != 15:
        # blank cells inside the data row: take the row's value cells positionally
        if len(data_rows) == 1:
            sr = split_row(data_rows[0])
            fitted, conf = _fit_values(sr.values, 15)
            values = [v for v in fitted if v is not None]
            if len(fitted) == 15:
                values = fitted  # type: ignore[assignment]
        if len(values) != 15:
            notes.append(ParseNote("table4_shape", f"表四读取到 {len(values)} 个数值（应为 15 个），结果可能有误。",
                                   start=table.start, page=table.page))
            conf = 0.5
    blocks_order = spec["blocks"]
    cols = spec["columns"]
    for bi, bkey in enumerate(blocks_order):
        table.cells[bkey] = {}
        for ci, ckey in enumerate(cols):
            idx = bi * 5 + ci
            rc = values[idx] if idx < len(values) else None
            table.cells[bkey][ckey] = parse_cell(rc, conf)
        table.row_labels[bkey] = spec["block_labels"][bkey][0]
    for k, labels in spec["column_labels"].items():
        table.col_labels[k] = labels[0]
    table.missing_rows = [b for b in blocks_order if all(c.status == "missing" for c in table.cells[b].values())]
    return table


# ------------------------------------------------------------------------------------------ table 2


def match_proactive_row(label: str) -> str | None:
    """The key of table 2's mandated row that ``label`` names (numbering ignored), or None."""
    n = strip_numbering(label_key(label))
    for r in format_spec()["tables"]["proactive"]["rows"]:
        if n in {label_key(x) for x in r["labels"]}:
            return r["key"]
    return None


def _match_proactive_col(label: str, layout: str) -> str | None:
    n = label_key(label)
    cols = format_spec()["tables"]["proactive"]["columns"][layout]
    for key, labels in cols.items():
        if n in {label_key(x) for x in labels}:
            return key
    for key, labels in cols.items():
        if any(label_key(x) in n or n in label_key(x) and len(n) >= 4 for x in labels):
            return key
    return None


def detect_proactive_layout(text: str) -> str:
    fp = format_spec()["fingerprints"]
    t = label_key(text)
    old = sum(1 for w in fp["2019"]["table2"] if label_key(w) in t)
    new = sum(1 for w in fp["2021"]["table2"] if label_key(w) in t)
    if old == new == 0:
        return "unknown"
    return "2019" if old > new else "2021"


def parse_proactive(blocks: list[Block], notes: list[ParseNote]) -> Table:
    rows = [_cells(r) for b in blocks for r in (b.rows or [])]
    all_text = "".join(c.text for r in rows for c in r)
    layout = detect_proactive_layout(all_text)
    table = Table(id="proactive", layout=layout, start=blocks[0].start, end=blocks[-1].end, page=blocks[0].page)
    lay = layout if layout != "unknown" else "2021"
    header_cols: list[str | None] = []
    header_bits: list[str] = []
    for row in rows:
        texts = [c.text.strip() for c in row]
        nonempty = [t for t in texts if t]
        if not nonempty:
            continue
        first = nonempty[0]
        if label_key(first) == label_key("信息内容"):
            header_cols = [_match_proactive_col(t, lay) for t in nonempty[1:]]
            header_bits.extend(nonempty)
            continue
        if label_key(first).startswith(label_key("第二十条")):
            header_bits.extend(nonempty)
            continue
        key = match_proactive_row(first)
        if key is None:
            header_bits.extend(nonempty)
            if not all(is_value_text(t) for t in nonempty):
                table.extra_rows.append(first)
            continue
        # every cell after the row label is a value, text included ("不详" is an unreadable value)
        label_at = next(i for i, c in enumerate(row) if c.text.strip() == first)
        vals = row[label_at + 1:]
        # drop empty trailing cells beyond the header's width
        width = len(header_cols) or len(vals)
        fitted, conf = _fit_values(vals, width)
        table.row_labels[key] = first
        table.cells[key] = {}
        for i, rc in enumerate(fitted):
            col = header_cols[i] if i < len(header_cols) else None
            if col is None:
                continue
            table.cells[key][col] = parse_cell(rc, conf)
    table.header_text = "".join(header_bits)
    expected = format_spec()["tables"]["proactive"]["expected"].get(lay, {})
    table.missing_rows = [k for k in expected if k not in table.cells]
    for key, labels in format_spec()["tables"]["proactive"]["columns"][lay].items():
        table.col_labels[key] = labels[0]
    return table
