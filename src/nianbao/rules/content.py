"""Mandated content: part one's five areas, sub-headings that say what their text is about, a concrete part
five, the 信息处理费 in part six, unfilled placeholders. Keyword lists live in the rule's params (TOML)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Heading, Report
from nianbao.rules.base import RuleContext
from nianbao.views import walk_headings
from nianbao.vocab import is_government

_SPECIFIC = re.compile(r"\d+(?:\.\d+)?\s*(?:件|条|次|个|篇|场|期|人次|人|万元|元|%|项|家|户|处|份|批|天|小时|个工作日)"
                       r"|\d{1,2}\s*月(?:底|末|份)?(?:前|以前)?|年底前|年内|\d{4}\s*年\s*\d{1,2}\s*月")


def _part_text(report: Report, pid: str) -> str:
    p = report.part(pid)
    if p is None:
        return ""
    titles = " ".join(h.title for h in walk_headings(p.headings))
    return titles + "\n" + p.text


# the classifier's topic for each of part one's five areas
AREA_TOPICS = {"主动公开": "主动公开", "依申请公开": "依申请公开", "政府信息管理": "政府信息管理",
               "政府信息公开平台建设": "平台建设", "监督保障": "监督保障"}


def _topics_in_part(report: Report, ctx: RuleContext, pid: str, min_proba: float = 0.6) -> set[str]:
    """Topics the classifier is confident about for the paragraphs of one part (empty without predictions)."""
    return {pr.topic for p, pr in ctx.views.classified()
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
                          missing='、'.join(missing))


def heading_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A sub-heading of part one whose text is about something else. Only 依申请公开 is checked: writing about
    requests needs its own words (申请, 受理, 答复, 收到), while the other areas' text is worded too variously for
    keywords (on the real dev split the five-area version gave 25 notes, none right)."""
    p = report.part("overview")
    if p is None:
        return
    areas: dict[str, dict] = ctx.params["headings"]
    topics = _topics_by_offset(report, ctx)
    for h in p.headings:
        name = re.sub(r"[\s。.：:；;]+$", "", h.name)
        area = next((a for a, spec in areas.items() if re.fullmatch(spec["heading"], name)), None)
        if area is None:
            continue  # only the area's own heading: not "规范依申请公开工作", not "主动公开、依申请公开方面"
        paras = [x for x in _all_paragraphs(h)]
        # a run-in heading ("(二)依申请公开。通过……") opens its own paragraph: its words are not the text's
        body = "".join(x.text.removeprefix(h.title) if x.loc.start == h.loc.start else x.text for x in paras) \
            + "".join(c.name for c in walk_headings(h.children))
        if len(body) < 30 or not re.search(r"[。；;]", body):
            continue  # too little to judge, or cut before its first sentence ends
        spec = areas[area]
        if any(w in body for w in spec["content"]):
            continue
        # the classifier, when present, must agree that the text is about another topic
        tps = [topics.get(x.loc.start) for x in paras if topics.get(x.loc.start)]
        if tps and sum(1 for t in tps if t == spec["topic"]) * 2 >= len(tps):
            continue
        about = _dominant(tps) or "其他事项"
        children = "、".join(c.name for c in h.children[:3])
        # the span runs from the heading into the first sentence of what is written under it (the misplaced text)
        first = next((x.loc for x in paras if x.loc.start is not None), None)  # paragraphs come in text order
        end = h.loc.end
        if first is not None:
            at = first.start + len(h.title) if first.start == h.loc.start else first.start  # after a run-in heading
            stop = report.text.find("。", at, min(at + 80, first.end))
            end = stop + 1 if stop != -1 else min(at + 80, first.end)
        yield ctx.finding(h.loc.start, end, part="overview",
                          title=h.title, expect=spec['expect'], actual=('“' + children + '”等') if children else about, expected=spec['expect'].removeprefix('应写'))


def _all_paragraphs(h: Heading):
    yield from h.paragraphs
    for c in h.children:
        yield from _all_paragraphs(c)


def _topics_by_offset(report: Report, ctx: RuleContext) -> dict[int | None, str]:
    return {p.loc.start: pr.topic for p, pr in ctx.views.classified()}


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
                          missing='；'.join(missing))


def last_year_rectification(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    p = report.part("problems")
    if p is None or (report.meta.year or 0) < 2021:
        return
    if not any(w in p.text for w in ctx.params["words"]):
        yield ctx.finding(p.loc.start, p.loc.end, part="problems", evidence=p.title)


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
    yield ctx.finding(start, end, part="other")


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
                          missing='、'.join(missing))


def placeholders(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    pats = _placeholder_patterns()
    for para in report.paragraphs():
        for rx, msg, sev in pats:
            for m in rx.finditer(para.text):
                s = para.loc.start + m.start()
                yield ctx.finding(s, s + len(m.group(0)), part=para.part, severity=sev, where="",
                                  placeholder=_describe(msg, m.group(0)))
    if report.meta.title and report.meta.title_loc:
        for rx, msg, sev in pats:
            m = rx.search(report.meta.title)
            if m:
                s = report.meta.title_loc.start + m.start()
                yield ctx.finding(s, s + len(m.group(0)), part=None, severity=sev, where="标题中",
                                  placeholder=_describe(msg, m.group(0)))


def _describe(msg: str, found: str) -> str:
    """The lexicon's description of a placeholder, naming what was found."""
    base = msg or f"有未填写的模板占位符“{found}”"
    return f"{base}：“{found}”" if found not in base else base


def _placeholder_patterns() -> list[tuple[re.Pattern, str, str | None]]:
    """(regex, message, severity) from data/lexicon/placeholders.toml."""
    out: list[tuple[re.Pattern, str, str | None]] = []
    for e in lexicon("placeholders").get("pattern", []):
        out.append((re.compile(e["regex"], re.MULTILINE), e.get("message", ""), e.get("severity")))
    return out
