"""Terminal rendering of an audit dict with rich (plain text without ANSI codes when color=False)."""

from __future__ import annotations

import io
import sys

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from nianbao.termsafe import visible_strings
from nianbao.vocab import GRADE_RICH, SEVERITIES

from .common import (
    SEVERITY_RICH,
    audit_notes,
    category_label,
    cell_label,
    deductions_by_finding,
    finding_counts_by_part,
    findings_by_part,
    fmt_change,
    fmt_num,
    fmt_score,
    follow_up_label,
    grade_color,
    header_fields,
    incomplete_warnings,
    location_label,
    part_title,
    reading_warnings,
    report_title,
    severity_label,
    snippet,
)

PLAIN_OPEN, PLAIN_CLOSE = "〖", "〗"  # marks the faulty span when there is no colour


def _flat(s: str, newline: str = " ") -> str:
    return s.replace("\t", "  ").replace("\n", newline)


def _evidence_text(audit: dict, f: dict, color: bool) -> Text | None:
    sn = snippet(audit, f)
    if sn is None:
        return None
    t = Text("原文：", style="dim")
    t.append(_flat(sn.before))
    if sn.span:
        span = _flat(sn.span, "⏎")
        if color:
            t.append(span, style="bold white on red" if f.get("severity") == "error" else "bold black on yellow")
        else:
            t.append(PLAIN_OPEN + span + PLAIN_CLOSE)
    t.append(_flat(sn.after))
    return t


def _header(audit: dict) -> Panel:
    grade = audit.get("grade") or ""
    head = Text(report_title(audit), style="bold")
    lines: list[Text] = [head]
    meta = Text()
    for i, (k, v) in enumerate(header_fields(audit)):
        if i:
            meta.append("   ")
        meta.append(f"{k}：", style="dim")
        meta.append(v)
    lines.append(meta)
    score = Text()
    score.append("得分 ", style="dim")
    score.append(fmt_score(audit.get("score")), style=grade_color(audit, grade, GRADE_RICH, "bold"))
    score.append(" / 100", style="dim")
    if audit.get("incomplete"):
        score.append("（审查不完整）", style="bold red")
    score.append("   ", style="dim")
    score.append("等级 ", style="dim")
    score.append(grade, style=grade_color(audit, grade, GRADE_RICH, "bold"))
    rub = audit.get("rubric") or {}
    if rub:
        score.append(f"   评分规则：{rub.get('name', '')} {rub.get('version', '')}", style="dim")
    lines.append(score)
    c = audit.get("counts") or {}
    cnt = Text("问题：", style="dim")
    for i, s in enumerate(SEVERITIES):
        if i:
            cnt.append(" · ", style="dim")
        cnt.append(f"{severity_label(s)} {c.get(s, 0)}", style=SEVERITY_RICH[s])
    by_cat = c.get("by_category") or {}
    if by_cat:
        cnt.append("   （" + "，".join(f"{category_label(k)} {v}" for k, v in by_cat.items()) + "）", style="dim")
    lines.append(cnt)
    return Panel(Group(*lines), box=box.ROUNDED, border_style=grade_color(audit, grade, GRADE_RICH, "white").replace("bold ", ""))


def _parts_table(audit: dict) -> Table:
    per = finding_counts_by_part(audit)
    t = Table(title="各部分得分", box=box.SIMPLE_HEAVY, title_justify="left", title_style="bold")
    t.add_column("部分")
    t.add_column("得分", justify="right")
    t.add_column("满分", justify="right")
    for s in SEVERITIES:
        t.add_column(severity_label(s), justify="right", style=SEVERITY_RICH[s])
    for p in audit.get("parts") or []:
        c = per.get(p.get("id"), {})
        title = p.get("title") or part_title(audit, p.get("id"))
        if not p.get("present", True):
            title += "（缺失）"
        t.add_row(Text(title), fmt_num(p.get("score")), fmt_num(p.get("max")), *(str(c.get(s, 0)) for s in SEVERITIES))
    doc = per.get(None)
    dd = sum(float(d.get("points") or 0) for d in audit.get("document_deductions") or [])
    if doc or dd:
        t.add_row("全文（不属于某一部分）", f"-{fmt_num(dd)}" if dd else "0", "", *(str((doc or {}).get(s, 0)) for s in SEVERITIES))
    return t


def _findings(audit: dict, color: bool) -> list:
    out: list = []
    groups = findings_by_part(audit)
    if not groups:
        out.append(Text("未发现问题。", style="green"))
        return out
    points = deductions_by_finding(audit)
    for pid, items in groups:
        out.append(Rule(Text(part_title(audit, pid), style="bold"), align="left", style="dim"))
        for i, f in items:
            sev = f.get("severity", "")
            head = Text(f"{i + 1}. ", style="dim")
            head.append(f"[{f.get('rule', '')}]", style="bold")
            head.append(" ")
            head.append(severity_label(sev), style=SEVERITY_RICH.get(sev, ""))
            head.append(f" · {category_label(f.get('category', ''))}", style="dim")
            if f.get("title"):
                head.append(f"  {f['title']}", style="bold")
            if i in points and points[i]:
                head.append(f"  扣 {fmt_num(points[i])} 分", style="magenta")
            if f.get("cause") == "parse":
                head.append("  （可能为解析问题，请核对原文件）", style="dim")
            body: list = [head]
            if f.get("message"):
                body.append(Padding(Text(f["message"]), (0, 0, 0, 4)))
            ev = _evidence_text(audit, f, color)
            if ev is not None:
                where = location_label(f.get("location"))
                if where:
                    ev.append(f"  （{where}）", style="dim")
                body.append(Padding(ev, (0, 0, 0, 4)))
            if f.get("cells"):
                cells = "；".join(cell_label(audit, c) for c in f["cells"])
                body.append(Padding(Text("单元格：" + cells, style="dim"), (0, 0, 0, 4)))
            if f.get("suggestion"):
                sug = Text("建议：", style="green")
                sug.append(f["suggestion"])
                body.append(Padding(sug, (0, 0, 0, 4)))
            out.append(Group(*body))
            out.append(Text(""))
    return out


def render_text(audit: dict, color: bool | None = None, width: int = 100) -> str:
    """The audit as terminal text. color=None: colour only when stdout is a terminal."""
    if color is None:
        color = sys.stdout.isatty()
    audit = visible_strings(audit)  # report text is shown, never obeyed: no ESC or control reaches the terminal
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=bool(color),
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for w in incomplete_warnings(audit):
        console.print(Text(f"审查不完整：{w}", style="bold red"))
    console.print(_header(audit))
    for w in reading_warnings(audit):
        console.print(Text(f"读取提示：{w}", style="bold yellow"))
    console.print(_parts_table(audit))
    console.print(Text("问题清单", style="bold"))
    for r in _findings(audit, bool(color)):
        console.print(r)
    notes = audit_notes(audit)
    if notes:
        console.print(Rule(Text("解析说明", style="bold"), align="left", style="dim"))
        for n in notes:
            where = location_label(n.get("location"))
            console.print(Text(f"· [{n.get('code', '')}] {n.get('message', '')}" + (f"（{where}）" if where else ""), style="dim"))
    cp = audit.get("copying")
    if cp:
        console.print(Rule(Text("雷同检测", style="bold"), align="left", style="dim"))
        line = f"与其他单位雷同占比 {cp.get('other_units_share', 0) * 100:.0f}%"
        if cp.get("previous_year_share") is not None:
            line += f"；与上年报告雷同占比 {cp['previous_year_share'] * 100:.0f}%"
        console.print(Text(line))
        for m in (cp.get("matches") or [])[:10]:
            console.print(
                Text(f"· {m.get('agency', '')}（相似度{float(m.get('similarity') or 0):.2f}）：{m.get('sentence', '')}", style="dim")
            )
    pv = audit.get("previous")
    if pv:
        py, year = pv.get("year"), (audit.get("report") or {}).get("year")
        t = Table(title=f"与上年度对比（{pv.get('agency') or ''} {py or ''}年度）", box=box.SIMPLE_HEAVY,
                  title_justify="left", title_style="bold")
        for h in ("主要数字", f"{py or '上'}年度", f"{year or '本'}年度", "增减"):
            t.add_column(h, justify="left" if h == "主要数字" else "right")
        for k in pv.get("key_numbers") or []:
            t.add_row(k["label"], *("—" if k[x] is None else fmt_num(k[x]) for x in ("previous", "current")),
                      fmt_change(k["change"]))
        console.print(t)
        for p in pv.get("problems") or []:
            console.print(Text(f"· 上年问题［{follow_up_label(p['status'])}］{p['problem']}", style="dim"))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
