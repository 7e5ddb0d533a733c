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

_OLD_HEADING = re.compile(
    r"^[ \t　]*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]、?|\d{1,2}\s*[、.．])\s*"
    r"(?P<t>(?:政府信息公开(?:工作)?的?)?(?:收费(?:及|和|与)?(?:减免|费用减免)?|费用(?:收取)?(?:及|和)?减免)(?:的)?(?:情况)?"
    r"|(?:政府信息公开(?:工作)?的?)?(?:咨询处理|咨询)(?:的)?情况"
    r"|概\s*述)\s*[。.]?\s*$", re.M)


def old_format_heading(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """F-08: a heading of the pre-2019 outline (概述, 收费及减免, 咨询处理) at any level, read from the text itself."""
    year = year_guess(report) or 0
    if year < 2019:
        return
    for m in _OLD_HEADING.finditer(report.text):
        yield ctx.finding(m.start("t"), m.end("t"), title=m.group("t"), year=year)
