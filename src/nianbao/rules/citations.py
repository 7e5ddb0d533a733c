"""F-07: the format a report follows, read from its own citations: the 2019 trial format
(国办公开办函〔2019〕60号) cited as the basis of a report for 2021 or later, when the 2021 format (〔2021〕30号)
replaced it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.years import year_guess
from nianbao.views import sentence_bounds

CITE_2019 = re.compile(r"国办公开办函\s*[〔\[［(（【]\s*2019\s*[〕\]］)）】]\s*60\s*号")
CITE_2021 = re.compile(r"国办公开办函\s*[〔\[［(（【]\s*2021\s*[〕\]］)）】]\s*30\s*号")
_HISTORY = re.compile(r"废止|停止执行|不再执行|替代|代替|取代|修订|原格式|旧格式|试行格式的|以前")


def cited_trial_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = year_guess(report) or 0
    if year < 2021:
        return
    text = report.text
    for m in CITE_2019.finditer(text):
        a, b = sentence_bounds(text, m.start(), m.end())
        sent = text[a:b]
        if CITE_2021.search(sent) or _HISTORY.search(sent):
            continue
        yield ctx.finding(m.start(), m.end(), year=year)
        return


# --------------------------------------------------------------------------------------------- F-08

_OLD_TITLE = (r"(?:(?:部门|政府)?信息公开(?:工作)?的?)?(?:收费(?:及|和|与)?(?:费用)?减免|收费|支出(?:和|及|与)收费|"
              r"费用(?:收取)?(?:及|和)?减免|咨询处理)(?:的)?(?:情况)?"
              r"|(?:政府信息公开)?(?:行政)?复议、?(?:行政)?诉讼和申诉(?:的)?情况"
              r"|概\s*述")
_OLD_HEADING = re.compile(
    r"^[ \t　]*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]、?|\d{1,2}\s*[、.．])\s*"
    rf"(?P<t>{_OLD_TITLE})\s*(?:[。.:：]|$)", re.M)
_DECLARED = re.compile(r"(?:本(?:年度)?报告|全文)[^。\n]{0,30}?(?:由|包括|包含|分为)(?P<list>[^。\n]{8,300})")
_OLD_ITEM = re.compile(r"(?:^|[、，,；;])\s*(?:以及|和|及)?\s*(?P<t>概述|[^、，,；;()（）]{0,12}?(?:收费及减免|收费和减免|支出和收费|"
                       r"支出及收费|咨询处理|和申诉)[^、，,；;()（）]{0,6}?)(?=[、，,；;()（）]|等|共|$)")


def _part_title_starts(report: Report) -> set[int]:
    return {p.loc.start for p in [*report.parts, *report.extra_parts] if p.loc.start is not None}


def old_format_heading(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """F-08: a heading of the pre-2019 outline (概述, 收费及减免, 咨询处理, 支出和收费, 申诉) at any level, or such a part
    in the report's own description of its parts, read from the text itself (part titles are F-04's)."""
    year = year_guess(report) or 0
    if year < 2019:
        return
    text = report.text
    parts = _part_title_starts(report)
    for m in _OLD_HEADING.finditer(text):
        if m.start() in parts or text.rfind("\n", 0, m.start("t")) + 1 in parts:
            continue
        if year >= 2021 and re.fullmatch(r"[^减支]*收费(?:的)?(?:情况)?", m.group("t")) and report.part_at(m.start()) == "other":
            continue  # the 2021 format asks part six for the 信息处理费 charged: a 收费情况 heading there is current
        yield ctx.finding(m.start("t"), m.end("t"), variant="heading", title=m.group("t"), year=year)
    d = _DECLARED.search(text)
    if d:
        m = _OLD_ITEM.search(d.group("list"))  # one finding for the description: its first old part
        if m:
            a = d.start("list") + m.start("t")
            yield ctx.finding(a, a + len(m.group("t")), variant="declared", title=m.group("t"), year=year)
