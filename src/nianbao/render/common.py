"""Helpers shared by the renderers: labels, ordering and evidence extraction.

Renderers never recompute scores: everything here only reads and orders what the audit dict says.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from nianbao.views import SENTENCE_END, sentence_bounds
from nianbao.vocab import (
    CATEGORY_LABELS,
    FORMAT_LABELS,
    GRADE_COLORS,
    LEVEL_LABELS,
    PART_IDS,
    PART_NAMES,
    SEVERITIES,
    SEVERITY_LABELS,
    SOURCE_FORMAT_LABELS,
    grade_style,
    severity_rank,
)

CELL_STATUS_LABELS: dict[str, str] = {
    "number": "数字",
    "blank": "空白",
    "dash": "横线/斜线",
    "none_word": "“无”",
    "unreadable": "无法识读",
    "missing": "缺失",
}

COPY_KIND_LABELS: dict[str, str] = {"cross_unit": "与其他单位雷同", "previous_year": "与上年报告雷同"}

DOC_LEVEL_TITLE = "全文"  # group title for findings not tied to a part

SEVERITY_RICH: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def grade_names(audit: dict) -> list[str]:
    """The grades of the rubric that graded this audit, best first (the default rubric's for an audit
    written before the audit carried them)."""
    names = (audit.get("rubric") or {}).get("grades")
    return list(names) if names else list(_default_grades())


@cache
def _default_grades() -> tuple[str, ...]:
    """The default rubric's grades (parsed once: a batch summary asks for them once per report)."""
    from nianbao.scoring import load_rubric

    return tuple(g for g, _ in load_rubric().grades)


def grade_color(audit: dict, grade: str | None, palette: tuple[str, ...] = GRADE_COLORS, default: str = "#59636e") -> str:
    """The colour of a grade by its rank in the audit's rubric."""
    return grade_style(grade_names(audit), grade, palette, default)


def severity_label(sev: str) -> str:
    return SEVERITY_LABELS.get(sev, sev)


def category_label(cat: str) -> str:
    return CATEGORY_LABELS.get(cat, cat)


def part_title(audit: dict, pid: str | None) -> str:
    """The part's title as the audit gives it; canonical name as a fallback; 全文 for None."""
    if pid is None:
        return DOC_LEVEL_TITLE
    for p in audit.get("parts") or []:
        if p.get("id") == pid and p.get("title"):
            return str(p["title"])
    return PART_NAMES.get(pid, pid)


def part_rank(pid: str | None) -> int:
    """Document-level first, then parts in their mandated order, unknown ids last."""
    if pid is None:
        return -1
    try:
        return PART_IDS.index(pid)
    except ValueError:
        return len(PART_IDS)


def _loc_start(f: dict) -> int:
    loc = f.get("location") or {}
    s = loc.get("start")
    return s if isinstance(s, int) else 1 << 60


def findings_by_part(audit: dict) -> list[tuple[str | None, list[tuple[int, dict]]]]:
    """Findings grouped by part: (part id or None, [(index, finding)…]) in display order.

    Groups: document-level findings first, then the parts in mandated order. Inside a group the
    findings keep document order (location start), severity breaking ties.
    """
    groups: dict[str | None, list[tuple[int, dict]]] = {}
    for i, f in enumerate(audit.get("findings") or []):
        groups.setdefault(f.get("part"), []).append((i, f))
    out = []
    for pid in sorted(groups, key=lambda p: (part_rank(p), str(p))):
        items = sorted(groups[pid], key=lambda t: (_loc_start(t[1]), severity_rank(t[1].get("severity")), t[0]))
        out.append((pid, items))
    return out


def checklist(audit: dict) -> list[tuple[int, dict]]:
    """The 整改清单: findings the agency must act on (cause == "report"), ordered by severity, then
    part (document-level first), then position in the text.

    Findings with cause == "parse" are doubts about our own reading of the file, not defects the
    agency can fix; they are shown with the findings and the parse notes, not in this list.
    """
    items = [(i, f) for i, f in enumerate(audit.get("findings") or []) if f.get("cause", "report") == "report"]
    items.sort(
        key=lambda t: (severity_rank(t[1].get("severity")), part_rank(t[1].get("part")), _loc_start(t[1]), t[0])
    )
    return items


def finding_counts_by_part(audit: dict) -> dict[str | None, dict[str, int]]:
    out: dict[str | None, dict[str, int]] = {}
    for f in audit.get("findings") or []:
        d = out.setdefault(f.get("part"), {s: 0 for s in SEVERITIES})
        sev = f.get("severity")
        if sev in d:
            d[sev] += 1
    return out


def fmt_num(x: object) -> str:
    """Scores and points as written: 62.5, 20 (no trailing .0), '—' for None."""
    if x is None:
        return "—"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if x == int(x):
            return str(int(x))
        return f"{x:.1f}" if round(x, 1) == x else f"{x:g}"
    return str(x)


def fmt_change(x: float | int | None) -> str:
    """A year-on-year change as every renderer writes it: +12, -3, 0, '—' for None."""
    if x is None:
        return "—"
    return ("+" if x > 0 else "") + fmt_num(x)


def fmt_score(x: object) -> str:
    """The total score with its one decimal: 82.5, 100.0."""
    return f"{x:.1f}" if isinstance(x, int | float) and not isinstance(x, bool) else "—"


def fmt_percent(x: object) -> str:
    if not isinstance(x, int | float):
        return "—"
    return f"{x * 100:.0f}%"


def location_label(loc: dict | None) -> str:
    """'第2页 第45行' (only the parts that are known)."""
    if not loc:
        return ""
    bits = []
    if loc.get("page") is not None:
        bits.append(f"第{loc['page']}页")
    if loc.get("line") is not None:
        bits.append(f"第{loc['line']}行")
    return " ".join(bits)


def valid_span(text: str, f: dict) -> tuple[int, int] | None:
    """(start, end) of a finding when it is a usable span into text, else None (zero-length allowed)."""
    loc = f.get("location") or {}
    s, e = loc.get("start"), loc.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
        return None
    if 0 <= s <= e <= len(text):
        return s, e
    return None


MAX_SIDE = 80  # characters of context kept on each side of the span


@dataclass
class Snippet:
    """Evidence shown in its sentence: before + span + after (span is the faulty text)."""

    before: str
    span: str
    after: str
    from_text: bool  # True when cut from the report text by offsets

    @property
    def plain(self) -> str:
        return self.before + self.span + self.after


def _shorten_span(span: str, limit: int = 160) -> str:
    if len(span) <= limit:
        return span
    return span[: limit // 2] + "……" + span[-limit // 4 :]


def snippet(audit: dict, f: dict) -> Snippet | None:
    """The evidence in its sentence, or None when there is nothing to show.

    Uses the finding's ``context`` when present (the span is located in it by the evidence
    string); otherwise cuts the surrounding sentence out of ``text`` with location start/end.
    """
    ev = f.get("evidence") or ""
    ctx = f.get("context")
    text = audit.get("text") or ""
    span = valid_span(text, f)
    if ctx:
        target = ev if ev and ev in ctx else (text[span[0] : span[1]] if span and span[1] > span[0] else "")
        if target and target in ctx:
            k = ctx.index(target)
            return Snippet(ctx[:k], _shorten_span(target), ctx[k + len(target) :], False)
        return Snippet(ctx, "", "", False)
    if span is not None:
        s, e = span
        a, b = sentence_bounds(text, s, e, MAX_SIDE)
        before = text[a:s].lstrip()
        after = text[e:b].rstrip()
        if a > 0 and text[a - 1] not in SENTENCE_END:
            before = "…" + before
        if b < len(text) and text[b - 1] not in SENTENCE_END and text[b] not in SENTENCE_END:
            after = after + "…"
        return Snippet(before, _shorten_span(text[s:e]), after, True)
    if ev:
        return Snippet("", _shorten_span(ev), "", False)
    return None


def header_fields(audit: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for the report header, Chinese labels."""
    r = audit.get("report") or {}
    src = audit.get("source") or {}
    period = r.get("period") or {}
    level = r.get("level")
    agency = r.get("agency") or "（未识别）"
    if level:
        agency += f"（{LEVEL_LABELS.get(level, level)}）"
    out = [
        ("单位", agency),
        ("年度", str(r["year"]) if r.get("year") is not None else "（未识别）"),
        ("格式", FORMAT_LABELS.get(r.get("format_version") or "unknown", str(r.get("format_version")))),
        ("发布日期", (r.get("published") + ("（据网页）" if r.get("published_source") == "page" else ""))
         if r.get("published") else "（未识别）"),
    ]
    if period.get("start") or period.get("end"):
        out.append(("统计期间", f"{period.get('start') or '？'} 至 {period.get('end') or '？'}"))
    out.append(("来源文件", f"{src.get('path') or '—'}（{SOURCE_FORMAT_LABELS.get(src.get('format'), src.get('format'))}）"))
    return out


def incomplete_warnings(audit: dict) -> list[str]:
    """Checks that could not run (the audit failed closed): said first, above everything else."""
    return [str(w) for w in audit.get("incomplete") or []]


def audit_notes(audit: dict) -> list[dict]:
    """The parse notes, then the reading layer's notes (text cut short, 年 lost by the page, table rows not read …)
    that are not among them: every doubt about what was read, for the audit's 解析说明 section."""
    notes = list(audit.get("parse_notes") or [])
    seen = {(n.get("code"), n.get("message")) for n in notes}
    for n in (audit.get("reading") or {}).get("notes") or []:
        if (n.get("code"), n.get("message")) not in seen:
            seen.add((n.get("code"), n.get("message")))
            notes.append({"code": n.get("code"), "message": n.get("message"),
                          "location": {"page": n.get("page"), "line": n.get("line"), "start": n.get("start"),
                                       "end": n.get("end")}})
    return notes


def reading_warnings(audit: dict) -> list[str]:
    """What we could not read reliably, in a clerk's words, for the top of an audit (empty when all is well)."""
    rd = audit.get("reading") or {}
    return list(rd.get("summary") or []) if rd.get("low") else []


def report_title(audit: dict) -> str:
    r = audit.get("report") or {}
    if r.get("title"):
        return str(r["title"])
    agency = r.get("agency") or ""
    year = r.get("year")
    return f"{agency}{year if year is not None else ''}年政府信息公开工作年度报告" if agency or year else "政府信息公开工作年度报告"


def deduction_total(audit: dict) -> float:
    return sum(float(d.get("points") or 0) for p in audit.get("parts") or [] for d in p.get("deductions") or []) + sum(
        float(d.get("points") or 0) for d in audit.get("document_deductions") or []
    )


def deductions_by_finding(audit: dict) -> dict[int, float]:
    """Points taken off for each finding index (as the audit says; nothing recomputed)."""
    out: dict[int, float] = {}
    ds = list(audit.get("document_deductions") or [])
    for p in audit.get("parts") or []:
        ds.extend(p.get("deductions") or [])
    for d in ds:
        i = d.get("finding")
        if isinstance(i, int):
            out[i] = out.get(i, 0.0) + float(d.get("points") or 0)
    return out


FOLLOW_UP_LABELS: dict[str, str] = {"addressed": "已见整改", "unclear": "无法确认", "unaddressed": "未见回应"}


def follow_up_label(status: str) -> str:
    """How last year's problem was followed up, in words (an unknown status as it is)."""
    return FOLLOW_UP_LABELS.get(status, status)


def previous_page(loc: dict | None) -> str:
    """'上年报告第3页' for a location in last year's report ('' without a page)."""
    page = (loc or {}).get("page")
    return f"上年报告第{page}页" if page else ""


def cell_findings(audit: dict) -> dict[tuple[str, str, str], list[int]]:
    """(table, row, col) -> indices of the findings naming that cell."""
    out: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(audit.get("findings") or []):
        for c in f.get("cells") or []:
            if c.get("report") == "previous":  # a cell of last year's report (cross-year findings)
                continue
            key = (str(c.get("table")), str(c.get("row")), str(c.get("col")))
            if i not in out.setdefault(key, []):
                out[key].append(i)
    return out


def cell_label(audit: dict, c: dict) -> str:
    """'（七）总计 × 自然人 = 2' using the table's labels as written (keys when unknown)."""
    t = (audit.get("tables") or {}).get(c.get("table")) or {}
    row = (t.get("row_labels") or {}).get(c.get("row")) or str(c.get("row"))
    col = (t.get("col_labels") or {}).get(c.get("col")) or str(c.get("col"))
    raw = c.get("raw")
    shown = raw if raw not in (None, "") else ("空白" if c.get("value") is None else fmt_num(c.get("value")))
    if c.get("report") == "previous":
        year = f"{c['year']}年度" if c.get("year") else "上一年度"
        page = f"第{c['page']}页" if c.get("page") else ""
        return f"（{year}报告{page}）{row} × {col} = {shown}"
    return f"{row} × {col} = {shown}"
