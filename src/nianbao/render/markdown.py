"""Markdown rendering of an audit dict (GitHub-flavoured: tables, task lists, inline <mark>)."""

from __future__ import annotations

import re

from nianbao.vocab import SEVERITIES

from .common import (
    COPY_KIND_LABELS,
    audit_notes,
    category_label,
    cell_label,
    checklist,
    deductions_by_finding,
    finding_counts_by_part,
    findings_by_part,
    fmt_change,
    fmt_num,
    fmt_percent,
    fmt_score,
    follow_up_label,
    header_fields,
    incomplete_warnings,
    location_label,
    part_title,
    previous_page,
    reading_warnings,
    report_title,
    severity_label,
    snippet,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_BREAKS = re.compile(r"[\t\r\n]+")  # a value must not break a table row or list item
_MD_LEAD = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")


def md_escape(s: str) -> str:
    """Escape report text for Markdown: HTML entities for & < >, backslashes for Markdown syntax.

    Tabs and newlines become spaces so that a value never breaks a table row or a list item.
    """
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = _MD_BREAKS.sub(" ", s)
    return _MD_LEAD.sub(_escape_lead, s)


def _escape_lead(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def md_code(s: str) -> str:
    """An inline code span holding s verbatim (fence longer than any backtick run inside)."""
    s = _MD_BREAKS.sub(" ", s)
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or not s.strip() else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _evidence(audit: dict, f: dict) -> list[str]:
    out: list[str] = []
    ev = f.get("evidence") or ""
    if ev:
        out.append(f"- 证据：{md_code(ev if len(ev) <= 120 else ev[:80] + '……' + ev[-30:])}")
    sn = snippet(audit, f)
    if sn is not None and (sn.before or sn.after or not ev):
        quote = md_escape(sn.before) + (f"<mark>{md_escape(sn.span)}</mark>" if sn.span else "") + md_escape(sn.after)
        where = location_label(f.get("location"))
        out.append("")
        out.append(f"  > {quote}" + (f"（{where}）" if where else ""))
        out.append("")
    return out


def render_markdown(audit: dict) -> str:
    lines: list[str] = []
    add = lines.append
    grade = audit.get("grade") or ""
    add(f"# {md_escape(report_title(audit))} · 审核报告")
    add("")
    add(f"**得分：{fmt_score(audit.get('score'))} / 100{'（审查不完整）' if audit.get('incomplete') else ''}"
        f"　等级：{md_escape(grade)}**")
    add("")
    for w in incomplete_warnings(audit):
        add(f"> **审查不完整**：{md_escape(w)}")
        add("")
    for w in reading_warnings(audit):
        add(f"> **读取提示**：{md_escape(w)}")
        add("")
    for k, v in header_fields(audit):
        add(f"- {k}：{md_escape(v)}")
    rub = audit.get("rubric") or {}
    if rub:
        add(f"- 评分规则：{md_escape(str(rub.get('name', '')))} {md_escape(str(rub.get('version', '')))}")
    c = audit.get("counts") or {}
    add("- 问题数量：" + "，".join(f"{severity_label(s)} {c.get(s, 0)}" for s in SEVERITIES))
    by_cat = c.get("by_category") or {}
    if by_cat:
        add("- 按类别：" + "，".join(f"{category_label(k)} {v}" for k, v in by_cat.items()))
    add("")

    add("## 各部分得分")
    add("")
    add("| 部分 | 得分 | 满分 | 错误 | 警告 | 提示 |")
    add("| --- | ---: | ---: | ---: | ---: | ---: |")
    per = finding_counts_by_part(audit)
    for p in audit.get("parts") or []:
        cnt = per.get(p.get("id"), {})
        title = md_escape(p.get("title") or part_title(audit, p.get("id")))
        if not p.get("present", True):
            title += "（缺失）"
        add(
            f"| {title} | {fmt_num(p.get('score'))} | {fmt_num(p.get('max'))} | "
            + " | ".join(str(cnt.get(s, 0)) for s in SEVERITIES)
            + " |"
        )
    doc = per.get(None)
    dd = sum(float(d.get("points") or 0) for d in audit.get("document_deductions") or [])
    if doc or dd:
        add(
            f"| 全文（不属于某一部分） | {'-' + fmt_num(dd) if dd else '0'} |  | "
            + " | ".join(str((doc or {}).get(s, 0)) for s in SEVERITIES)
            + " |"
        )
    add("")

    add("## 问题清单")
    add("")
    groups = findings_by_part(audit)
    if not groups:
        add("未发现问题。")
        add("")
    points = deductions_by_finding(audit)
    for pid, items in groups:
        add(f"### {md_escape(part_title(audit, pid))}")
        add("")
        for i, f in items:
            sev = f.get("severity", "")
            head = f"#### {i + 1}. `{f.get('rule', '')}` {severity_label(sev)} · {category_label(f.get('category', ''))}"
            if f.get("title"):
                head += f"：{md_escape(f['title'])}"
            add(head)
            add("")
            if f.get("message"):
                add(f"- 问题：{md_escape(f['message'])}")
            if points.get(i):
                add(f"- 扣分：{fmt_num(points[i])}")
            if f.get("cause") == "parse":
                add("- 说明：可能为解析问题，请核对原文件")
            lines.extend(_evidence(audit, f))
            if f.get("cells"):
                add("- 涉及单元格：" + "；".join(md_escape(cell_label(audit, c)) for c in f["cells"]))
            if f.get("suggestion"):
                add(f"- 建议：{md_escape(f['suggestion'])}")
            add("")

    add("## 整改清单")
    add("")
    todo = checklist(audit)
    if not todo:
        add("无需整改。")
    for i, f in todo:
        where = part_title(audit, f.get("part"))
        text = f.get("suggestion") or f.get("message") or f.get("title") or ""
        add(f"- [ ] 【{severity_label(f.get('severity', ''))}】{md_escape(where)}：{md_escape(text)}（{f.get('rule', '')}，第{i + 1}条）")
    add("")

    notes = audit_notes(audit)
    if notes:
        add("## 解析说明")
        add("")
        for n in notes:
            where = location_label(n.get("location"))
            add(f"- `{n.get('code', '')}` {md_escape(n.get('message', ''))}" + (f"（{where}）" if where else ""))
        add("")

    cp = audit.get("copying")
    if cp:
        add("## 雷同检测")
        add("")
        add(f"- 与其他单位雷同占比：{fmt_percent(cp.get('other_units_share'))}")
        if cp.get("previous_year_share") is not None:
            add(f"- 与上年报告雷同占比：{fmt_percent(cp.get('previous_year_share'))}")
        matches = cp.get("matches") or []
        if matches:
            add("")
            add("| 类型 | 来源单位 | 本报告语句 | 相似语句 | 相似度 |")
            add("| --- | --- | --- | --- | ---: |")
            for m in matches:
                add(
                    f"| {COPY_KIND_LABELS.get(m.get('kind'), md_escape(str(m.get('kind'))))} | {md_escape(m.get('agency') or '')} | "
                    f"{md_escape(m.get('sentence') or '')} | {md_escape(m.get('matched') or '')} | {float(m.get('similarity') or 0):.2f} |"
                )
        add("")
    pv = audit.get("previous")
    if pv:
        add("## 与上年度对比")
        add("")
        py, year = pv.get("year"), (audit.get("report") or {}).get("year")
        add(f"对比报告：{md_escape(pv.get('agency') or '')} {py or ''}年度（{md_escape(pv.get('source') or '')}）。"
            + md_escape(pv.get("note") or ""))
        add("")
        add(f"| 主要数字 | {py or '上'}年度 | {year or '本'}年度 | 增减 |")
        add("| --- | ---: | ---: | ---: |")
        for k in pv.get("key_numbers") or []:
            vals = ["—" if k[x] is None else fmt_num(k[x]) for x in ("previous", "current")]
            add(f"| {k['label']} | " + " | ".join(vals) + f" | {fmt_change(k['change'])} |")
        if pv.get("problems"):
            add("")
            add("| 上年所列问题 | 判断 | 本年对应的整改或改进内容 |")
            add("| --- | --- | --- |")
            for p in pv["problems"]:
                add(f"| {md_escape(p['problem'])} {previous_page(p.get('location'))} | "
                    f"{follow_up_label(p['status'])} | {md_escape(p.get('answer') or '—')} |")
        add("")
    add(f"<sub>nianbao {md_escape(str(audit.get('nianbao_version', '')))} · {md_escape(str(audit.get('schema', '')))}</sub>")
    return "\n".join(lines) + "\n"
