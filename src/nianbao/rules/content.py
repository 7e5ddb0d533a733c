"""Mandated content: part one's five areas, sub-headings that say what their text is about, a concrete part
five, the 信息处理费 in part six, unfilled placeholders. Keyword lists live in the rule's params (TOML)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Heading, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import is_government

_SPECIFIC = re.compile(r"\d+(?:\.\d+)?\s*(?:件|条|次|个|篇|场|期|人次|人|万元|元|%|项|家|户|处|份|批|天|小时|个工作日)"
                       r"|\d{1,2}\s*月(?:底|末|份)?(?:前|以前)?|年底前|年内|\d{4}\s*年\s*\d{1,2}\s*月")


def _part_text(report: Report, pid: str) -> str:
    p = report.part(pid)
    if p is None:
        return ""
    titles = " ".join(h.title for h in _walk(p.headings))
    return titles + "\n" + p.text


def _walk(hs: list[Heading]) -> Iterator[Heading]:
    for h in hs:
        yield h
        yield from _walk(h.children)


# the classifier's topic for each of part one's five areas
AREA_TOPICS = {"主动公开": "主动公开", "依申请公开": "依申请公开", "政府信息管理": "政府信息管理",
               "政府信息公开平台建设": "平台建设", "监督保障": "监督保障"}


def _topics_in_part(report: Report, ctx: RuleContext, pid: str, min_proba: float = 0.6) -> set[str]:
    """Topics the classifier is confident about for the paragraphs of one part (empty without predictions)."""
    if not ctx.predictions:
        return set()
    return {pr.topic for p, pr in zip(report.paragraphs(), ctx.predictions, strict=False)
            if p.part == pid and pr.topic_proba.get(pr.topic, 0.0) >= min_proba}


def overview_areas(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = report.part("overview")
    if p is None or (report.meta.year or 9999) < 2019:
        return
    text = _part_text(report, "overview")
    topics = _topics_in_part(report, ctx, "overview")
    # an area counts as covered when its keywords appear or the classifier reads a paragraph as about it
    missing = [area for area, words in ctx.params["areas"].items()
               if not any(w in text for w in words) and AREA_TOPICS.get(area) not in topics]
    if missing:
        yield ctx.finding(p.loc.start, p.loc.end, part="overview", evidence=p.title,
                          message=f"第一部分“总体情况”没有涉及{'、'.join(missing)}方面的情况。统一格式要求总体情况"
                                  "涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。",
                          suggestion=f"补写{'、'.join(missing)}方面的具体工作和数据。")


def heading_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A sub-heading of part one whose paragraphs are about something else (keywords, confirmed by topics)."""
    p = report.part("overview")
    if p is None:
        return
    areas: dict[str, dict] = ctx.params["headings"]
    topics = _topics_by_offset(report, ctx)
    for h in p.headings:
        area = next((a for a, spec in areas.items() if any(w in h.name for w in spec["heading"])), None)
        if area is None:
            continue
        paras = [x for x in _all_paragraphs(h)]
        body = "".join(x.text for x in paras) + "".join(c.name for c in _walk(h.children))
        if len(body) < 20:
            continue
        spec = areas[area]
        if any(w in body for w in spec["content"]):
            continue
        # the classifier, when present, must agree that the text is about another topic
        tps = [topics.get(x.loc.start) for x in paras if topics.get(x.loc.start)]
        if tps and sum(1 for t in tps if t == spec["topic"]) * 2 >= len(tps):
            continue
        about = _dominant(tps) or "其他事项"
        children = "、".join(c.name for c in h.children[:3])
        yield ctx.finding(h.loc.start, h.loc.end, part="overview",
                          message=f"小标题“{h.title}”下的内容与标题不符：{spec['expect']}，"
                                  f"而正文写的是{('“' + children + '”等') if children else about}。",
                          suggestion=f"在“{h.title}”下如实写明{spec['expect'].removeprefix('应写')}；"
                                     "与标题无关的内容移到相应的小标题下。")


def _all_paragraphs(h: Heading):
    yield from h.paragraphs
    for c in h.children:
        yield from _all_paragraphs(c)


def _topics_by_offset(report: Report, ctx: RuleContext) -> dict[int | None, str]:
    if not ctx.predictions:
        return {}
    return {p.loc.start: pr.topic for p, pr in zip(report.paragraphs(), ctx.predictions, strict=False)}


def _dominant(tps: list[str | None]) -> str | None:
    tps2 = [t for t in tps if t]
    if not tps2:
        return None
    best = max(set(tps2), key=tps2.count)
    return f"“{best}”方面的内容"


def problems_concrete(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = report.part("problems")
    if p is None or (report.meta.year or 9999) < 2019:
        return
    text = p.text
    has_problem = any(w in text for w in ctx.params["problem_words"])
    has_measure = any(w in text for w in ctx.params["measure_words"])
    specifics = [m.group(0) for m in _SPECIFIC.finditer(text)]
    missing = []
    if not has_problem:
        missing.append("没有写明存在的具体问题")
    if not has_measure:
        missing.append("没有写明改进措施")
    if not specifics:
        missing.append("问题和措施都只有原则性表述，没有数据、时限或具体事项")
    if missing:
        yield ctx.finding(p.loc.start, p.loc.end, part="problems", evidence=p.title,
                          message=f"第五部分“存在的主要问题及改进情况”{'；'.join(missing)}。",
                          suggestion="逐条写明本机关本年度发现的具体问题（哪项工作、什么差距、有何数据），并对应写出改进措施、"
                                     "责任部门和完成时限。")


def last_year_rectification(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = report.part("problems")
    if p is None or (report.meta.year or 0) < 2021:
        return
    if not any(w in p.text for w in ctx.params["words"]):
        yield ctx.finding(p.loc.start, p.loc.end, part="problems", evidence=p.title,
                          message="第五部分没有说明上一年度报告所列问题的整改情况。")


def fee_statement(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Part six states the 信息处理费 situation (reports of 2021 and later)."""
    if (report.meta.year or 0) < 2021:
        return
    p = report.part("other")
    if p is None:
        return  # the missing part is reported by S-01
    text = _part_text(report, "other")
    if any(w in text for w in ctx.params["words"]) or "信息处理费" in _topics_in_part(report, ctx, "other", 0.8):
        return
    first = p.paragraphs[0] if p.paragraphs else None
    start, end = (first.loc.start, first.loc.end) if first else (p.loc.start, p.loc.end)
    yield ctx.finding(start, end, part="other",
                      message="第六部分没有说明信息处理费的收取情况。按照《政府信息公开信息处理费管理办法》，"
                              "年度报告应写明本年度发出收费通知的件数和总金额、实际收取的金额，未收取的也要写明“未收取”。",
                      suggestion="在第六部分补写：“本年度共发出收费通知 N 件，总金额 N 元，实际收取 N 元”，或“本年度未收取信息处理费”。")


def government_accountability(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Governments' reports mention 工作考核、社会评议和责任追究 (条例第五十条)."""
    if not is_government(report.meta.level) or (report.meta.year or 0) < 2019:
        return
    text = _part_text(report, "overview") + _part_text(report, "problems")
    missing = [w for w, alts in ctx.params["items"].items() if not any(a in text for a in alts)]
    if missing:
        p = report.part("overview") or report.part("problems")
        if p is None:
            return
        yield ctx.finding(p.loc.start, p.loc.end, part=p.id, evidence=p.title,
                          message=f"人民政府的年度报告应说明工作考核、社会评议和责任追究结果情况，本报告没有提到{'、'.join(missing)}。")


def placeholders(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    pats = _placeholder_patterns()
    for para in report.paragraphs():
        for rx, msg, sev in pats:
            for m in rx.finditer(para.text):
                s = para.loc.start + m.start()
                yield ctx.finding(s, s + len(m.group(0)), part=para.part, severity=sev,
                                  message=_msg(msg, m.group(0)))
    if report.meta.title and report.meta.title_loc:
        for rx, msg, sev in pats:
            m = rx.search(report.meta.title)
            if m:
                s = report.meta.title_loc.start + m.start()
                yield ctx.finding(s, s + len(m.group(0)), part=None, severity=sev, message="标题中" + _msg(msg, m.group(0)))


def _msg(msg: str, found: str) -> str:
    base = msg or f"有未填写的模板占位符“{found}”"
    return f"{base}：“{found}”，请替换为实际内容。" if found not in base else base + "，请替换为实际内容。"


def _placeholder_patterns() -> list[tuple[re.Pattern, str, str | None]]:
    """(regex, message, severity) from data/lexicon/placeholders.toml."""
    out: list[tuple[re.Pattern, str, str | None]] = []
    for e in lexicon("placeholders").get("pattern", []):
        out.append((re.compile(e["regex"], re.MULTILINE), e.get("message", ""), e.get("severity")))
    return out
