"""How sure are we of what we read? Check the structure we built against the raw text.

"We could not read it" must never become "the report is wrong". After structuring, this module looks
for signs that reading, not the report, lost something:

* a canonical part heading ("二、主动公开政府信息情况") occurs in the text but did not become a part;
* a mandated table's labels occur in its part's text but no table was read there (a flattened page,
  cells run together);
* a table row that the report has (its label is in the text) but that the table lost;
* table rows that repeat narrative text (a ruled frame read as a table).

Each becomes a parse note, a confidence for the structure and for each table, and the set of parts and
tables whose findings the audit must not charge (:func:`reconcile`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from nianbao.model import Finding, ParseNote, Report
from nianbao.structure.dates import GLUED_DATE_RE
from nianbao.structure.spec import format_spec, label_key, strip_numbering
from nianbao.vocab import PART_IDS, PART_NAMES, PART_NUMBERS, TABLE_NUMBERS

_NUM = "".join(PART_NUMBERS.values())
# labels that only a mandated table carries: their presence in a part's text means the table is there
_TABLE_MARKS = {
    "proactive": ("第二十条第", "行政规范性文件", "本年制发件数", "行政事业性收费"),
    "requests": ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "结转下年度继续办理"),
    "review_litigation": ("结果维持", "未经复议直接起诉", "复议后起诉"),
}
_TABLE_NAMES = TABLE_NUMBERS
# findings that a reading failure can cause, by what they depend on
_PART_RULES = {"S-01"}
_TABLE_MISSING_RULES = {"S-04"}
_TABLE_RULE_PREFIX = ("T2-", "T3-", "T4-")
_ROW_RULES = {"S-05"}
# findings about a word that a cut text may have lost the end of
_CUT_CATEGORIES = {"typo", "punctuation"}
LOW = 0.8


@dataclass
class Reading:
    structure: float = 1.0
    tables: dict[str, float] = field(default_factory=dict)
    notes: list[ParseNote] = field(default_factory=list)
    unread_parts: list[str] = field(default_factory=list)  # heading in the text, part not read
    unread_tables: list[str] = field(default_factory=list)  # table in the text, not read
    doubtful_tables: list[str] = field(default_factory=list)  # read, but rows lost or narrative rows
    ocr: dict | None = None  # the report was a scan read by OCR (RawDocument.ocr), with suspected misreads
    labels: dict[str, tuple[dict, dict]] = field(default_factory=dict, repr=False)  # table -> row, col labels
    cut_at: int | None = None  # the text stops mid-sentence: offset of its last character
    cut_tail: str = ""  # the words it stops on, for the note
    year_lost: ParseNote | None = None  # a date whose 年 (and 月) the page lost ("202311日"): a year without 年 is ours

    @property
    def low(self) -> bool:
        # a scan read by OCR is always said at the top of the audit: every number may be a misreading
        return self.ocr is not None or self.structure < LOW or any(v < LOW for v in self.tables.values())

    def summary(self) -> list[str]:
        """Sentences for the top of an audit, in a clerk's words."""
        out = []
        if self.ocr:
            out.append(f"本报告为扫描件，经文字识别（OCR）读取，平均置信度 {self.ocr['mean_confidence']:.2f}；"
                       "表格数字如有疑问请以原件为准。")
            for m in self.ocr.get("suspected_misreads", []):
                out.append(m["message"])
        for pid in self.unread_parts:
            out.append(f"第{_NUM[PART_IDS.index(pid)]}部分未能可靠读取，未据此扣分。")
        for tid in self.unread_tables:
            out.append(f"{_TABLE_NAMES[tid]}未能读取（表格内容可能被合并成一段文字），未据此扣分。")
        for tid in self.doubtful_tables:
            out.append(f"{_TABLE_NAMES[tid]}部分行未能可靠读取，相关表格问题未据此扣分。")
        return out

    def to_dict(self, line_of: Callable[[int | None], int | None] | None = None) -> dict:
        """The reading as the audit JSON gives it; `line_of` places each note on its line (None leaves it out)."""
        return {
            "confidence": {"structure": round(self.structure, 3),
                           "tables": {k: round(v, 3) for k, v in self.tables.items()}},
            "low": self.low,
            "summary": self.summary(),
            "unread_parts": list(self.unread_parts),
            "unread_tables": list(self.unread_tables),
            "doubtful_tables": list(self.doubtful_tables),
            "ocr": self.ocr,
            "notes": [{"code": n.code, "message": n.message, "page": n.page,
                       "line": line_of(n.start) if line_of is not None else None, "start": n.start, "end": n.end}
                      for n in self.notes],
        }


def _heading_pattern(pid: str) -> re.Pattern[str]:
    p = format_spec()["parts"][pid]
    titles = [p["canonical"], *p.get("variants", [])]
    alts = "|".join(r"\s*".join(map(re.escape, t.replace(" ", ""))) for t in titles)
    return re.compile(rf"[{_NUM}]\s*[、.．，,]?\s*(?:{alts})")


def assess(report: Report) -> Reading:
    rd = Reading()
    if report.raw.ocr:
        rd.ocr = dict(report.raw.ocr) | {"suspected_misreads": []}
        rd.labels = {tid: (t.row_labels, t.col_labels) for tid, t in report.tables.items()}
    text = report.text
    present = {p.id for p in report.parts}
    # 1. part headings in the text that did not become parts
    if (report.meta.year or 9999) >= 2019:
        for pid in PART_IDS:
            if pid in present:
                continue
            m = _heading_pattern(pid).search(text)
            if m:
                rd.unread_parts.append(pid)
                rd.notes.append(ParseNote(
                    "part_not_read",
                    f"文中有“{m.group(0)}”字样，但未能识别为第{_NUM[PART_IDS.index(pid)]}部分“{PART_NAMES[pid]}”的标题"
                    "（可能是版面或文字提取问题），未据此扣分。",
                    page=report.raw.page_of(m.start()), start=m.start(), end=m.end()))
    found = len(present & set(PART_IDS))
    if found + len(rd.unread_parts):
        rd.structure = found / (found + len(rd.unread_parts))
    elif len(text) > 2000:
        rd.structure = 0.5  # a long text in which no part was found at all
    # 2. tables
    for tid, marks in _TABLE_MARKS.items():
        part = report.part(tid)
        t = report.tables.get(tid)
        if t is None:
            if part is None:
                continue
            body = text[part.loc.start or 0: part.end or len(text)]
            if sum(1 for mk in marks if mk in body) >= 2:
                rd.unread_tables.append(tid)
                rd.tables[tid] = 0.0
                rd.notes.append(ParseNote(
                    "table_not_read",
                    f"第{_NUM[PART_IDS.index(tid)]}部分文字中有{_TABLE_NAMES[tid]}的栏目名称，但未能读出表格"
                    "（表格可能被合并成一段文字），未据此扣分。",
                    page=part.loc.page, start=part.loc.start, end=part.loc.end))
            continue
        conf = [c.confidence for row in t.cells.values() for c in row.values()]
        score = sum(conf) / len(conf) if conf else 0.0
        lost = _lost_rows(report, tid, t.missing_rows)
        if lost:
            score = min(score, 1 - len(lost) / max(1, len(t.cells) + len(lost)) - 0.25)
            rd.notes.append(ParseNote(
                "table_row_lost",
                f"{_TABLE_NAMES[tid]}中“{'、'.join(lost[:3])}”等行在文中出现，但未能读入表格，相关问题未据此扣分。",
                start=t.start, end=t.end))
        narrative = _narrative_rows(report, t)
        if narrative:
            score = min(score, 0.5)
            rd.notes.append(ParseNote(
                "table_narrative_rows",
                f"{_TABLE_NAMES[tid]}中有{narrative}行内容像是正文段落，表格可能读取有误。",
                start=t.start, end=t.end))
        if lost or narrative:
            rd.doubtful_tables.append(tid)
        rd.tables[tid] = max(0.0, score)
    # 3. the body: the self-reference checks (K-03) judge 我局/我镇 against the body's kind only when it was read
    note = _body_note(report)
    if note:
        rd.notes.append(note)
    # 4. a text that stops mid-sentence (a page copy or an extraction cut short): what its last word lacks is ours
    rd.cut_at = _cut_at(report)
    if rd.cut_at is not None:
        rd.cut_tail = text[max(0, rd.cut_at - 11):rd.cut_at + 1].split("\n")[-1]
    # 5. a date with its year run into the month or the day: the page lost 年 (and 月) in rendering (the real pages
    # that show it lose 年 elsewhere too; their writers mark none of these as the author's). Noted once a finding needs it.
    if m := GLUED_DATE_RE.search(text):
        rd.year_lost = ParseNote(
            "year_lost", f"文中有“{m.group(0)}”这样年份与月、日直接相连的写法，网页或文字提取可能丢失了“年”“月”字；"
            "年份后缺“年”字的疑似错漏未据此扣分。", page=report.raw.page_of(m.start()), start=m.start(), end=m.end())
    return rd


# a finding that a year lacks its 年 (W-07's and W-10's year forms): its evidence is the year alone
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}")


def _body_note(report: Report) -> ParseNote | None:
    """A note when the reporting body, or its kind, was not read from the report itself."""
    m = report.meta
    if not m.agency:
        return ParseNote("agency_not_read", "未能从报告中读出发布机关名称（标题、落款和正文开头均未写明），"
                         "“我局”“我镇”等自称只在报告内部相互比较，未与发布机关核对。")
    if m.level is None:
        return ParseNote("agency_kind_unknown", f"发布机关“{m.agency}”的类型（乡镇、街道、政府或部门）未能判断，"
                         "“我局”“我镇”等自称只在报告内部相互比较，未与发布机关核对。")
    if m.agency_source == "page":
        return ParseNote("agency_from_page", f"发布机关“{m.agency}”取自网页的来源或发布机构栏，报告文字未写明；"
                         "“我局”“我镇”等自称只在报告内部相互比较，未与发布机关核对。")
    return None


# how a finished text ends: a sentence's end, a closing mark, or a date (the 落款)
_FINISHED = "。！？!?；;…”’」』）)》】.．"
_DATE_END = re.compile(r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})$")


# a 落款 line that names a body, whole or shortened (白沙镇人民政府 for 青溪县白沙镇人民政府)
_SIGNATURE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:人民政府|政府|办事处|委员会|管委会|局|厅|委|办公室|中心|街道|镇|乡)(?:办公室)?")


def _cut_at(report: Report) -> int | None:
    """Offset of the last character when the text stops mid-sentence: no closing mark, no date, and a last line
    that is not a body's name (the 落款, whole or shortened) nor a bare page number."""
    t = report.text.rstrip()
    if not t or t[-1] in _FINISHED or _DATE_END.search(t):
        return None
    last = t[t.rfind("\n") + 1:].strip()
    if len(last) < 4 or last.isdigit() or (report.meta.agency and report.meta.agency in last) or _SIGNATURE.fullmatch(last):
        return None
    return len(t) - 1


def _lost_rows(report: Report, tid: str, missing: list[str]) -> list[str]:
    """Missing rows whose label is in the text: the report has them, reading lost them."""
    if not missing:
        return []
    spec = format_spec()["tables"][tid]
    rows = {r["key"]: r for r in spec.get("rows", [])} if isinstance(spec.get("rows"), list) else {}
    part = report.part(tid)
    region = report.text[part.loc.start or 0: part.end or len(report.text)] if part else report.text
    flat = label_key(region)
    out = []
    for key in missing:
        r = rows.get(key)
        if not r:
            continue
        # the label's first words: a wrapped label cell interleaves its lines with the row's numbers
        forms = [strip_numbering(label_key(x))[:6] for x in r.get("labels", [])]
        if any(len(f) == 6 and f in flat for f in forms):
            out.append(strip_numbering(r["labels"][0]))
    return out


def _narrative_rows(report: Report, t) -> int:
    """Rows of the raw table blocks that hold a sentence of narrative."""
    n = 0
    for b in report.raw.blocks:
        if b.kind != "table" or t.start is None or b.end <= t.start or (t.end is not None and b.start >= t.end):
            continue
        for row in b.rows or []:
            texts = {c.text for c in row if c.text}
            if any(len(x) > 40 and re.search(r"[，。；]", x) for x in texts):
                n += 1
    return n


def reconcile(findings: list[Finding], reading: Reading) -> list[Finding]:
    """Findings that only reading caused are not charged: they keep their place, marked cause="parse"."""
    for f in findings:
        if f.cause == "parse":
            continue
        if reading.ocr is not None and (misread := ocr_misread(f, reading.labels)) is not None:
            f.cause = "parse"
            f.severity = "info"
            f.message = f.message.rstrip() + "（疑似文字识别误读，未据此扣分）"
            reading.ocr["suspected_misreads"].append(misread)
            reading.notes.append(ParseNote("ocr_misread", misread["message"], start=f.location.start,
                                           end=f.location.end, page=f.location.page))
            continue
        if reading.cut_at is not None and f.category in _CUT_CATEGORIES and f.location.end is not None \
                and f.location.end > reading.cut_at:
            f.cause = "parse"
            f.severity = "info"
            f.message = f.message.rstrip() + "（正文在此中断，可能是复制或读取不完整，未据此扣分）"
            if not any(n.code == "text_cut" for n in reading.notes):
                reading.notes.append(ParseNote(
                    "text_cut", f"正文在“{reading.cut_tail}”处结束，末句没有结束标点，文本可能不完整；"
                    "末尾的疑似错漏未据此扣分。", start=reading.cut_at, end=reading.cut_at + 1))
            continue
        if reading.year_lost is not None and f.category == "typo" and _BARE_YEAR.fullmatch(f.evidence or ""):
            f.cause = "parse"
            f.severity = "info"
            f.message = f.message.rstrip() + "（页面可能丢失了“年”字，未据此扣分）"
            if reading.year_lost not in reading.notes:
                reading.notes.append(reading.year_lost)
            continue
        hit = (f.rule in _PART_RULES and f.part in reading.unread_parts
               or f.rule in _TABLE_MISSING_RULES and f.part in reading.unread_tables
               or (f.rule.startswith(_TABLE_RULE_PREFIX) or f.rule in _ROW_RULES)
               and f.part in reading.doubtful_tables + reading.unread_tables)
        if hit:
            f.cause = "parse"
            f.severity = "info" if f.severity == "warning" else "warning" if f.severity == "error" else f.severity
            f.message = f.message.rstrip() + "（可能是读取问题，未据此扣分）"
    return findings


# OCR confuses glyphs of similar shape; a sum identity that one such slip explains is a reading doubt
_LOOKALIKE = {frozenset(p) for p in ("38", "68", "69", "89", "08", "06", "09", "17", "14", "35", "56", "25", "27")}


def _one_digit_apart(a: int, b: int) -> bool:
    sa, sb = str(a), str(b)
    if len(sa) != len(sb):
        return False
    diff = [(x, y) for x, y in zip(sa, sb, strict=True) if x != y]
    return len(diff) == 1 and frozenset(diff[0]) in _LOOKALIKE


def ocr_misread(f: Finding, labels: dict[str, tuple[dict, dict]] | None = None) -> dict | None:
    """For a failed sum identity on a scanned report: the one cell whose reading, changed in one digit to a
    look-alike (3/8, 6/9, 1/7 …), makes the identity hold — or None when no cell, or more than one, does."""
    cells = [c for c in f.cells if c.get("side") in ("left", "right") and isinstance(c.get("value"), int | float)]
    if not cells or not all(float(c["value"]).is_integer() for c in cells):
        return None
    left = sum(int(c["value"]) for c in cells if c["side"] == "left")
    right = sum(int(c["value"]) for c in cells if c["side"] == "right")
    diff = left - right
    if diff == 0:
        return None
    hits = []
    for c in cells:
        v = int(c["value"])
        want = v - diff if c["side"] == "left" else v + diff
        if want >= 0 and _one_digit_apart(v, want):
            hits.append((c, want))
    if len(hits) != 1:
        return None
    c, want = hits[0]
    table = _TABLE_NAMES.get(c["table"], c["table"])
    rows, cols = (labels or {}).get(c["table"], ({}, {}))
    where = f"{rows.get(c['row'], c['row'])}·{cols.get(c['col'], c['col'])}"
    msg = (f"{table}“{where}”读作 {int(c['value'])}，若实为 {want} 则{f.rule}的勾稽关系成立，"
           "疑似文字识别误读，请核对原件；未据此扣分。")
    return {"rule": f.rule, "table": c["table"], "row": c["row"], "col": c["col"], "read": int(c["value"]),
            "likely": want, "message": msg}
