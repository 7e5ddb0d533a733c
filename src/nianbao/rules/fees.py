"""The information processing fee stated two ways in the text (K-05)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.dates import PLAN_RE
from nianbao.views import Sentence

# --------------------------------------------------------------------------------------------- K-05

_FEE_NONE = re.compile(r"(?:未|没有|不)(?:收取|收费|征收)(?:任何)?(?:政府信息公开)?(?:信息处理费|费用)"
                       r"|信息处理费(?:为|共计?|合计)?\s*0\s*元|(?:未|没有)发生(?:信息处理费)?收费")
_FEE_SOME = re.compile(r"(?:实际)?(?:收取|征收|收缴)(?:了)?(?:政府信息公开)?信息处理费(?:共计?|合计|总计)?\s*"
                       r"(?P<n>\d+(?:\.\d+)?)\s*(?:万)?元")


def fee_statements(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-05: the text says no information processing fee was collected, and elsewhere that N元 was."""
    text = report.text
    none_at: list[tuple[int, int]] = []
    some_at: list[tuple[int, int, Sentence]] = []
    for s in report.views.sentences:
        if PLAN_RE.search(text[s.start:s.end]):
            continue
        for m in _FEE_NONE.finditer(text, s.start, s.end):
            none_at.append((m.start(), m.end()))
        for m in _FEE_SOME.finditer(text, s.start, s.end):
            if float(m.group("n")) > 0:
                some_at.append((m.start(), m.end(), s))
    if not none_at or not some_at:
        return
    na, nb = none_at[0]
    for a, b, s in some_at:
        yield ctx.finding(a, b, part=s.part,
                          first=text[na:nb], second=text[a:b])
