"""Checks over the classifier's answers (套话) and over copy detection (雷同)."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext

MIN_CHARS = 25


def _threshold(ctx: RuleContext) -> float:
    return float(ctx.options.get("boilerplate_threshold") or ctx.params.get("threshold", 0.5))


def boilerplate_paragraph(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.predictions:
        return
    thr = _threshold(ctx)
    for para, pred in zip(report.paragraphs(), ctx.predictions, strict=False):
        if para.part in ctx.params.get("skip_parts", []) or len(para.text) < MIN_CHARS:
            continue
        if pred.boilerplate < thr or pred.topic in ctx.params.get("skip_topics", []):
            continue
        where = f"“{para.heading}”下的" if para.heading else ""
        yield ctx.finding(para.loc.start, para.loc.end, part=para.part,
                          message=f"{where}这段文字是可以放进任何机关报告的通用表述（套话概率 {pred.boilerplate:.0%}），"
                                  "没有写明本机关本年度做了什么、做了多少、效果如何。",
                          suggestion="补充本机关本年度的具体事实：做了哪些具体工作（名称、时间）、数量（件、条、次）、"
                                     "涉及的平台或栏目、取得的实际成效；删去空泛的表态。")


def boilerplate_share(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.predictions:
        return
    thr = _threshold(ctx)
    min_share = float(ctx.params.get("min_share", 0.6))
    by_part: dict[str, list[tuple[int, bool]]] = {}
    for para, pred in zip(report.paragraphs(), ctx.predictions, strict=False):
        if para.part is None or len(para.text) < MIN_CHARS:
            continue
        by_part.setdefault(para.part, []).append((len(para.text), pred.boilerplate >= thr))
    for pid, items in by_part.items():
        if len(items) < int(ctx.params.get("min_paragraphs", 3)):
            continue
        total = sum(n for n, _ in items)
        share = sum(n for n, b in items if b) / total if total else 0.0
        if share >= min_share:
            part = report.part(pid)
            if part is None:
                continue
            yield ctx.finding(part.loc.start, part.loc.end, part=pid, evidence=part.title,
                              message=f"“{part.title}”中约 {share:.0%} 的文字是通用套话，缺少本机关的具体情况和数据。")


def copied_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """雷同: sentences shared with other units' reports or the same agency's earlier report (batch only)."""
    copying = ctx.options.get("copying")
    if not copying:
        return
    min_share = float(ctx.params.get("min_share", 0.3))
    for kind, share_key, label in (("previous_year", "previous_year_share", "本机关上一年度报告"),
                                   ("cross_unit", "other_units_share", "其他单位的报告")):
        share = copying.get(share_key) or 0.0
        if share < min_share:
            continue
        matches = [m for m in copying.get("matches", []) if m.get("kind") == kind]
        first = next((m for m in matches if m.get("start") is not None), None)
        sources = sorted({m.get("agency") or m.get("source") for m in matches})[:3]
        start, end = (first["start"], first["end"]) if first else (None, None)
        yield ctx.finding(start, end, evidence=(first or {}).get("sentence", ""),
                          part=report.part_at(start) if start is not None else None,
                          message=f"本报告约 {share:.0%} 的非模板文字与{label}雷同"
                                  f"{'（' + '、'.join(s for s in sources if s) + '）' if sources else ''}，"
                                  "评议中按“与往年或其他单位雷同”扣分。")
