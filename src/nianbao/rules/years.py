"""D-07: next year's plans dated with the report's own year ("2023年，我局将继续……" in the 2023 report, or a
heading "2023年工作打算"), usually left over from last year's report with the year changed in the wrong place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext

_WILL = (r"将(?:继续|进一步|持续|着力|不断|重点|全面|加大|加强|深化|坚持|围绕|严格|认真|切实|做好|推进|强化|积极|努力|"
         r"紧紧围绕|聚焦|按照|统筹|扎实)")


def _plan_rx(year: int) -> re.Pattern:
    y = rf"(?<![\d〔\[（(])(?P<y>{year})\s*年(?:度)?"
    return re.compile(
        rf"{y}(?:\s*[，,]?\s*(?:[^，。；\d]{{0,12}}?)(?:{_WILL}|(?:计划|拟)(?!\s*[（(])|力争|争取)"
        rf"|\s*(?:工作)?(?:计划|打算|工作思路|工作安排|工作要点)(?:如下)?\s*[：:。\n]?$)")


def plan_with_report_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    year = report.meta.year
    if year is None:
        return
    rx = _plan_rx(year)
    text = report.text
    for s in report.views.sentences:
        m = rx.match(text, s.body, s.end)
        if not m:
            continue
        # a plan inside the year's own narrative ("2023年，我局将……纳入考核" told as done) is not a slip:
        # only sentences in the parts that look ahead, or headed as plans, are reported
        if s.part not in ("problems", "other", None) and not re.search(r"计划|打算|思路|安排", m.group(0)):
            continue
        if re.search(r"已|完成了|取得了|实现了|共计?\d", text[m.end():s.end]):
            continue
        a, b = m.start("y"), m.end("y")
        yield ctx.finding(a, b, part=s.part, year=year, next=year + 1)
