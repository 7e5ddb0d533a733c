"""Turn what a reader found (items in reading order) into a RawDocument with exact offsets.

Every reader (text, PDF, DOCX, HTML) produces a list of :class:`Item`; this module owns the
normalisations they all share, so a report reads the same whatever its file format:

* full-width digits become ASCII digits;
* spaces that extraction puts between Chinese and digits ("2023 年") are removed;
* a paragraph cut in two by a page break is joined again;
* a table row whose label was cut by a page break ("3. 要求提供公" / "开出版物") is joined again;
* offsets of every block and table cell into the document text are computed once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from nianbao.ingest.spaced import split_spaced_table
from nianbao.model import Block, ParseNote, RawCell, RawDocument
from nianbao.textnorm import no_space
from nianbao.vocab import SourceFormat

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CJK = r"\u3400-\u9fff"
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}])[ \u00a0\u3000]+(?=[0-9])|(?<=[0-9%])[ \u00a0\u3000]+(?=[{_CJK}])")
# a paragraph that ends like this is complete
_TERMINAL = tuple("。！？；：…”’」』）)!?;:")
# numbering that starts a heading: 一、 （一） (一) 1. 1、 第一部分
# (a page that lost the opening bracket of its sub-headings writes "二)依申请公开": still a heading)
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]?\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]+部分)"
)
_TABLE_TITLE = re.compile(r"^(第.{1,8}[条项]|信息内容|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．])")
_SHORT_HEADINGS = {"引言", "前言", "概述", "附件", "附表"}


@dataclass
class Item:
    kind: Literal["paragraph", "heading", "table"]
    text: str = ""
    page: int | None = None
    level: int | None = None
    rows: list[list[str]] | None = None
    merged: list[list[bool]] | None = None  # table cells filled from a spanning cell
    row_pages: list[int | None] | None = None  # page of each table row (a table may cross pages)
    conf: list[list[float]] | None = None  # OCR: each table cell's lowest character confidence (None: all 1.0)
    continues: bool = False  # reader knows this item continues the previous one (page break)


@dataclass
class _Acc:
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start, self.length


def normalize_inline(text: str) -> str:
    """Normalisations applied to every piece of text a reader returns."""
    text = text.translate(FULLWIDTH_DIGITS).replace("\r", "")
    text = _SPACE_CJK_DIGIT.sub("", text)
    return text.strip()


_SPACED_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,2}[ \u3000]+[\u4e00-\u9fff]")


def looks_like_heading(text: str) -> bool:
    t = text.strip()
    if t in _SHORT_HEADINGS:
        return True
    # "五 存在的主要问题…" — a part heading whose 、 was lost or typed as a space
    if len(t) <= 40 and _SPACED_NUMBER.match(t) and not t.endswith(_TERMINAL):
        return True
    return bool(HEADING_START.match(t))


# a report's title by its end: 年度报告 or 年报, or (a line of a title's length) a year's 信息公开工作报告
_ANNUAL_END = re.compile(r"(?:年度报告|年报)$")
_TITLE_END = re.compile(r"(?:19|20)\d{2}\s*年度?[^，,。；;]{0,20}?(?:信息|政务)公开(?:工作)?(?:情况)?报告$")


def _ends_as_title(s: str) -> bool:
    return bool(_ANNUAL_END.search(s) or (len(s) <= 80 and _TITLE_END.search(s)))


def _is_cut_paragraph(prev: Item, nxt: Item) -> bool:
    """A paragraph that a page break cut in two: long, no closing punctuation, followed by more text."""
    if prev.kind != "paragraph" or nxt.kind != "paragraph":
        return False
    a, b = prev.text.rstrip(), nxt.text.lstrip()
    if not a or not b or looks_like_heading(b) or looks_like_heading(a) and len(a) < 40:
        return False
    if a.endswith(_TERMINAL):
        return False
    if len(a) < 20 or _ends_as_title(a):
        return False  # a title ends there ("……2021年度政府信息公开工作报告" above the preamble)
    if len(b) <= 80 and "信息公开" in b and _ends_as_title(b.rstrip()):
        return False  # the next block is the report's title
    if re.match(r"^[\d〇零一二三四五六七八九十]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月", b):
        return False  # a date line (落款) never continues a paragraph
    return True


def _join_cut_table_rows(rows: list[list[str]], merged: list[list[bool]] | None, pages: list[int | None] | None,
                         conf: list[list[float]] | None = None):
    """Join a row whose label a page break cut: the continuation has a label fragment and no values (each cell
    of the joined row keeps the lower confidence of the two)."""
    out: list[list[str]] = []
    out_m: list[list[bool]] = []
    out_p: list[int | None] = []
    out_c: list[list[float]] | None = [] if conf is not None else None
    for i, row in enumerate(rows):
        cells = [c for c in row]
        filled = [j for j, c in enumerate(cells) if c.strip()]
        if out and len(filled) == 1:
            j = filled[0]
            frag = cells[j].strip()
            prev = out[-1]
            numeric_prev = [c for c in prev if re.fullmatch(r"[-\d.]+", c.strip() or "x")]
            # the previous row has values and a label cell that ends without closing punctuation
            if (numeric_prev and not re.fullmatch(r"[-\d.]+", frag) and not looks_like_heading(frag)
                    and not _TABLE_TITLE.match(frag)):
                label_idx = max((k for k, c in enumerate(prev) if c.strip() and not re.fullmatch(r"[-\d.]+", c.strip())),
                                default=None)
                if label_idx is not None:
                    prev[label_idx] = prev[label_idx].rstrip() + frag
                    if out_c is not None and conf is not None:
                        out_c[-1] = [min(a, b) for a, b in zip(out_c[-1], conf[i], strict=False)]
                    continue
        out.append(cells)
        out_m.append(merged[i] if merged and i < len(merged) else [False] * len(cells))
        out_p.append(pages[i] if pages and i < len(pages) else None)
        if out_c is not None and conf is not None:
            out_c.append(list(conf[i]))
    return out, out_m, out_p, out_c


@cache
def _inline_part_heading() -> re.Pattern[str]:
    """A part heading written inside a paragraph: "……12月31日。一、总体情况 2024年，……"."""
    from nianbao.vocab import format_spec

    titles = []
    worded: list[str] = []
    for p in format_spec()["parts"].values():
        titles += [p["canonical"], *p.get("variants", [])]
        # a title of the body's own wording that opens with the part's keyword ("五、存在的主要问题及明年工作计划"),
        # ending at its first 情况/事项 ("四、政府信息公开行政复议与行政诉讼情况" before table 4's header) or where the
        # text goes on with a number, a bracket or punctuation
        kws = "|".join(map(re.escape, sorted(p["keywords"], key=len, reverse=True)))
        # (or with a few words before the keyword, then ending at 情况/事项: "四、政府信息公开行政法复议、行政诉讼情况")
        worded.append(rf"{p['number']}\s*[、.．]\s*(?:(?:政府信息公开(?:工作)?)?(?:{kws})"
                      r"(?:[\u4e00-\u9fff]{0,12}?(?:情况|事项)|[\u4e00-\u9fff]{0,12}(?=[\s\d（(，,。：:]|$))"
                      rf"|[\u4e00-\u9fff、]{{1,12}}?(?:{kws})[\u4e00-\u9fff、]{{0,8}}?(?:情况|事项))")
    titles.sort(key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, t)) for t in titles)
    # not inside a word, except after the unit that ends a table run together before it ("…94432.52元三、收到和…")
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[元件条次个项篇]))"
                      rf"(?:[一二三四五六]\s*[、.．]\s*(?:{alts})|{'|'.join(worded)})")


@cache
def _mandated_titles() -> frozenset[str]:
    from nianbao.vocab import format_spec

    return frozenset(t for p in format_spec()["parts"].values() for t in [p["canonical"], *p.get("variants", [])])


_PART_NUMBERING = re.compile(r"^\s*[一二三四五六]\s*[、.．]")


def _mandated(heading: str) -> bool:
    """"三、收到和处理政府信息公开申请情况": the numbering, then a title the format prescribes, word for word."""
    return no_space(_PART_NUMBERING.sub("", heading)) in _mandated_titles()


_TABLE_ON = re.compile(r".*[\d（(]|.{13}")  # a number, a bracket or a run of labels: not more heading words
_RUN_ON = re.compile(r"\s*[：:。]?\s*[\u4e00-\u9fff\d（(]")
_INLINE_SUB = re.compile(r"(?<=[。；！？])\s*(?=[（(]\s*[一二三四五六七八九十]{1,2}\s*[)）])")


def split_flowing(items: list[Item], notes: list[ParseNote]) -> list[Item]:
    """A report flattened into one flowing paragraph (some archives, some copy-pastes): cut it at the
    part headings written inline, and, inside such a document, before each "（一）" that follows a
    sentence end, so the parts and their run-in sub-headings are found as if the lines were kept."""
    rx = _inline_part_heading()
    hits = [(i, m) for i, it in enumerate(items) if it.kind == "paragraph" and len(it.text) > 60
            for m in rx.finditer(it.text) if m.start() > 0]
    flowing = len({m.group(0)[0] for _, m in hits}) >= 2
    # a part heading run into the start of its own paragraph, the text going straight on after it
    # ("六、其他需要报告的事项2024年，无收取……" in one <p> of a saved page, "二、主动公开政府信息情况第二十条…" before
    # the table's cells run together): the heading is cut off when a sentence follows it, or when it is the mandated
    # title and a table's labels or values follow (a line that is all heading, however worded, is left whole);
    # likewise the mandated title right after a table's last value in a paragraph ("…94432.52元三、收到和处理…")
    lead = [(i, m) for i, it in enumerate(items) if it.kind == "paragraph"
            and (m := rx.match(it.text)) is not None and _RUN_ON.match(it.text[m.end():])
            and (re.search(r"[。；]", it.text) or _mandated(m.group(0)) and _TABLE_ON.match(it.text[m.end():]))]
    after_table = [(i, m) for i, it in enumerate(items) if it.kind == "paragraph" for m in rx.finditer(it.text)
                   if m.start() > 0 and re.match(r"[\d元件条次个项篇]", it.text[m.start() - 1]) and _mandated(m.group(0))]
    hits = sorted(set((hits if flowing else after_table) + lead), key=lambda h: (h[0], h[1].start()))
    if not hits:
        return items
    out: list[Item] = []
    cut_any = False
    for i, it in enumerate(items):
        ms = [m for j, m in hits if j == i]
        if not ms:
            out.append(it)
            continue
        cut_any = True
        pos = 0
        for m in ms:
            before = it.text[pos:m.start()].strip()
            if before:
                out.extend(_split_subs(Item("paragraph", before, it.page, continues=it.continues and pos == 0)))
            out.append(Item("heading", no_space(m.group(0)), it.page))
            pos = m.end()
        rest = it.text[pos:].strip().lstrip("：:。").strip()
        if rest:
            out.extend(_split_subs(Item("paragraph", rest, it.page)) if flowing else [Item("paragraph", rest, it.page)])
    if cut_any and flowing:
        notes.append(ParseNote("flowing_text", "正文被合并成一段（标题写在段落中间），已按其中的部分标题重新分段。"))
    return out


def _split_subs(it: Item) -> list[Item]:
    pieces = [p.strip() for p in _INLINE_SUB.split(it.text) if p.strip()]
    return [Item("paragraph", p, it.page, continues=it.continues and k == 0) for k, p in enumerate(pieces)]


def _spaced_tables(items: list[Item], notes: list[ParseNote]) -> list[Item]:
    """Paragraphs holding a mandated table whose cells a web page's copy kept apart with spaces only."""
    out: list[Item] = []
    for it in items:
        got = split_spaced_table(it.text, notes) if it.kind == "paragraph" else None
        if got is None:
            out.append(it)
            continue
        before, rows, after = got
        if before:
            out.append(Item("paragraph", before, it.page))
        out.append(Item("table", page=it.page, rows=rows))
        if after:
            out.append(Item("paragraph", after, it.page))
    return out


def build_document(
    source: str,
    fmt: SourceFormat,
    items: list[Item],
    *,
    encoding: str | None = None,
    page_count: int | None = None,
    data: bytes | None = None,
    notes: list[ParseNote] | None = None,
    published_hint=None,
    agency_hint: str | None = None,
) -> RawDocument:
    notes = list(notes or [])
    # 1. normalise text and drop empties
    clean: list[Item] = []
    for it in items:
        if it.kind == "table":
            rows = [[normalize_inline(c or "") for c in r] for r in (it.rows or [])]
            # empty rows are dropped, and with them their spanning-cell flags, pages and confidences, so that
            # these stay with the rows they describe
            keep = [i for i, r in enumerate(rows) if any(c for c in r)]
            if not keep:
                continue
            conf = [it.conf[i] for i in keep if i < len(it.conf)] if it.conf else None
            merged0 = [it.merged[i] for i in keep if i < len(it.merged)] if it.merged else None
            pages0 = [it.row_pages[i] for i in keep if i < len(it.row_pages)] if it.row_pages else None
            rows = [rows[i] for i in keep]
            rows, merged, pages, conf = _join_cut_table_rows(rows, merged0, pages0, conf)
            clean.append(Item("table", page=it.page, rows=rows, merged=merged, row_pages=pages, conf=conf))
        else:
            t = normalize_inline(it.text)
            if t:
                clean.append(Item(it.kind, t, it.page, it.level, continues=it.continues))
    clean = split_flowing(clean, notes)
    if fmt != "pdf":
        clean = _spaced_tables(clean, notes)
    # 2. join paragraphs cut by a page break
    joined: list[Item] = []
    for it in clean:
        if joined and (it.continues or _is_cut_paragraph(joined[-1], it)):
            prev = joined[-1]
            notes.append(ParseNote("joined_paragraph", f"段落在“{prev.text[-8:]}”处被分页或换行截断，已与下文合并。",
                                   page=it.page))
            prev.text = prev.text + it.text
            continue
        joined.append(it)
    # 3. lay out the text and compute offsets
    acc = _Acc()
    blocks: list[Block] = []
    page_starts: dict[int, int] = {}
    for n, it in enumerate(joined):
        if n:
            acc.add("\n")
        if it.page is not None and it.page not in page_starts:
            page_starts[it.page] = acc.length
        if it.kind == "table":
            start = acc.length
            grid: list[list[RawCell]] = []
            for r, row in enumerate(it.rows or []):
                if r:
                    acc.add("\n")
                rpage = (it.row_pages or [None])[r] if it.row_pages and r < len(it.row_pages) else it.page
                if rpage is not None and rpage not in page_starts:
                    page_starts[rpage] = acc.length
                cells: list[RawCell] = []
                for c, txt in enumerate(row):
                    if c:
                        acc.add("\t")
                    s, e = acc.add(txt)
                    m = bool(it.merged and r < len(it.merged) and c < len(it.merged[r]) and it.merged[r][c])
                    cf = it.conf[r][c] if it.conf and r < len(it.conf) and c < len(it.conf[r]) else 1.0
                    cells.append(RawCell(text=txt, row=r, col=c, page=rpage, start=s, end=e, merged=m, confidence=cf))
                grid.append(cells)
            blocks.append(Block("table", "", start, acc.length, page=it.page, rows=grid))
        else:
            s, e = acc.add(it.text)
            blocks.append(Block(it.kind, it.text, s, e, page=it.page, level=it.level))
    text = "".join(acc.parts)
    for b in blocks:
        if b.kind == "table":
            b.text = text[b.start : b.end]
    starts = [page_starts[p] for p in sorted(page_starts)] if page_starts else []
    return RawDocument(
        source=source,
        format=fmt,
        text=text,
        blocks=blocks,
        encoding=encoding,
        page_count=page_count,
        page_starts=starts,
        sha256=hashlib.sha256(data).hexdigest() if data is not None else None,
        published_hint=published_hint,
        agency_hint=agency_hint,
        notes=notes,
    )
