"""Tables 2–4 whose cells a copy from a web page kept apart with spaces only ("行政规范性文件 4 0 16").

A paragraph is read as a table only where every run of numbers in it follows a mandated row label of
tables 2–4 (the format spec's labels) and has as many numbers as that row has columns; table 4's single
row of 15 numbers follows its own header words. Anything doubtful stays a paragraph, with a reading note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from nianbao.model import ParseNote
from nianbao.structure.spec import format_spec, label_key
from nianbao.structure.tables import match_proactive_row, match_request_row

_NUM = re.compile(r"^-?\d+(?:\.\d+)?$")
# a number inside a run of words: not a list number ("1.属于"), not a quantity in prose ("2笔", "2020年")
_INNER_NUM = re.compile(r"(?<![\d.．])\d+(?:\.\d+)?(?![\d.．、]|[笔元件条个次人项份万亿%％年月日号])")
_HEADER_START = re.compile(r"^(第二十条|信息内容$)")


@dataclass
class _Segment:
    labels: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


# a row label run onto its group's label ("（三）不予公开1.属于国家秘密"): cut before the list number
_LABEL_CUT = re.compile(r"(?<=[^\d\s])(?=\d+[.．、]\D)|(?<=\S)(?=（[一二三四五六七八九十]+）)")


def _tokens(text: str) -> list[str]:
    """Words and numbers; the text's normalisation removed the space between a label and its first number
    ("规章0 0 0行政规范性文件4 0 16"), so numbers are cut out of each word."""
    out: list[str] = []
    for chunk in text.split():
        at = 0
        for m in _INNER_NUM.finditer(chunk):
            if m.start() > at:
                out += _LABEL_CUT.split(chunk[at : m.start()])
            out.append(m.group(0))
            at = m.end()
        if at < len(chunk):
            out += _LABEL_CUT.split(chunk[at:])
    return out


def _segments(tokens: list[str]) -> list[_Segment]:
    segs = [_Segment()]
    for tok in tokens:
        if _NUM.match(tok):
            segs[-1].numbers.append(tok)
        else:
            if segs[-1].numbers:
                segs.append(_Segment())
            segs[-1].labels.append(tok)
    return segs


@cache
def _proactive_counts() -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for layout in format_spec()["tables"]["proactive"]["expected"].values():
        for key, cols in layout.items():
            out.setdefault(key, set()).add(len(cols))
    return out


def _row_label_at(seg: _Segment) -> int | None:
    """Where the segment's mandated row label starts (index into its label tokens), or None."""
    n = len(seg.numbers)
    if n == len(format_spec()["tables"]["review_litigation"]["columns"]) * 3:
        head = label_key("".join(seg.labels))
        if "结果维持" in head and "尚未审结" in head and "行政复议" in head:
            return len(seg.labels)  # table 4: the whole label run is its header
    counts = _proactive_counts()
    for j in range(len(seg.labels) - 1, -1, -1):
        label = "".join(seg.labels[j:])
        key = match_proactive_row(label)
        if key is not None:
            return j if n in counts.get(key, set()) else None
        if n == len(format_spec()["tables"]["requests"]["columns"]) and match_request_row(label, None, None):
            return j
    return None


def _header_rows(tokens: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for tok in tokens:
        if not rows or _HEADER_START.match(tok):
            rows.append([])
        rows[-1].append(tok)
    return rows


def split_spaced_table(text: str, notes: list[ParseNote]) -> tuple[str, list[list[str]], str] | None:
    """(prose before, table rows, prose after) when ``text`` holds a space-separated mandated table, else None."""
    tokens = _tokens(text)
    segs = _segments(tokens)
    numbered = [s for s in segs if s.numbers]
    if not numbered:
        return None
    at = [_row_label_at(s) for s in numbered]
    valid = sum(1 for a in at if a is not None)
    if valid == 0:
        return None
    if valid < len(numbered) or (valid < 2 and at[0] != len(numbered[0].labels)):
        notes.append(ParseNote("spaced_table_doubtful",
                               f"“{text[:16]}……”一段中有表格的行名和数字，但行名或数字个数与格式不符（单元格可能连在一起），"
                               "未作为表格读取。"))
        return None
    # prose before the table: up to the last sentence end among the first row's leading words
    first = numbered[0]
    lead_end = max((i + 1 for i, t in enumerate(first.labels[: at[0]]) if t.endswith(("。", "：", ":"))), default=0)
    before = " ".join(first.labels[:lead_end])
    rows: list[list[str]] = []
    for seg, j in zip(numbered, at, strict=True):
        assert j is not None
        start = lead_end if seg is first else 0
        rows += _header_rows(seg.labels[start:j])
        if j < len(seg.labels):
            rows.append(["".join(seg.labels[j:]), *seg.numbers])
        else:
            rows.append(list(seg.numbers))
    after = " ".join(segs[-1].labels) if not segs[-1].numbers else ""
    return before, rows, after
