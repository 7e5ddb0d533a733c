"""Date rules (D-xx): the report period, the current year, impossible dates and the publication date.

Precision first. A phrase such as 上半年 or 2022年 is only a defect when it frames a statement about the
report period — at the start of a sentence, right after the report year, or in the sentence that states the
statistical period. Comparisons (较上半年、与2022年相比), plans (2024年，我镇将…) and citations
(〔2022〕5号、《…2022年…》) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from nianbao.lexicon import data_toml
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import CJK
from nianbao.structure.dates import DATE_RE, cn_number
from nianbao.vocab import GOVERNMENTS_WITH_DEPARTMENTS, SELF_BODIES, alternation

# --------------------------------------------------------------------------------------------- sentences

PLAN_RE = re.compile(
    r"计划|拟(?:于|在|将|对|开展|启动|建立|出台|组织|推进)|力争|争取|预计|下一步|下一年|明年|今后|将于|将在|[我本][" + CJK + r"]{1,2}将"
    r"|将(?:继续|进一步|持续|按照|对照|重点|着重|加快|加强|不断|全面|深入|积极|逐步|做好|围绕|推动|坚持|完善|"
    r"聚焦|严格|认真|切实|着力|以|把|结合|抓好|建立|开展|组织|制定|启动|实现|确保|探索|强化|提升|优化)"
)
# a plan or work not yet done: PLAN_RE, or any 将 / 拟, or work under way or waiting (尚未, 正在, 待, 准备). Wider than
# PLAN_RE on purpose: PLAN_RE excuses statements of the year's own work, where a bare 将 is mostly the object marker of
# a done deed (将……纳入考核) and must not excuse it; NOT_DONE_RE excuses a claim that something was published (D-08's
# 决算 within its own year), which any hint of a future or unfinished act already withdraws
NOT_DONE_RE = re.compile(PLAN_RE.pattern + r"|将|拟|下步|下年|待|尚未|正在|准备")
DEADLINE_RE = re.compile(r"底前|月前|日前|之前完成|前完成")
COMPARE_RE = re.compile(r"较|比|相比|相较|同比|环比|对比|以来|以前|之前|此前|截至|截止|自(?!治)|起至|整改|上年度|去年|上一年|"
                        r"年度报告|报告中|指出|印发|出台|公布的|发布的|制定的")


def report_year(report: Report) -> int | None:
    return report.meta.year


# --------------------------------------------------------------------------------------------- D-01


def _slip_re(year: int) -> re.Pattern:
    y = rf"(?:{year}\s*年(?:度)?\s*|本年度?\s*|今年\s*)"
    months = r"(?:[2-9]|1[01])"
    body = (
        r"(?P<slip>上半年|下半年|前三季度|前两个季度|第[一二三四]季度|(?<![每按各第季])[一二三四]季度"
        rf"|1\s*月?\s*(?:份)?\s*[-—–－~～至到]\s*{months}\s*月(?:份)?(?!\s*\d{{1,2}}\s*日)"
        rf"|1\s*月\s*1\s*日\s*(?:起)?\s*[-—–－~～至到]\s*(?:{year}\s*年\s*)?{months}\s*月\s*\d{{1,2}}\s*日(?:止)?"
        rf"|截[至止](?:{year}\s*年\s*)?{months}\s*月(?:底|末|份|\s*\d{{1,2}}\s*日)?(?!前|之前|以前)"
        rf"|截[至止](?:{year}\s*年\s*)?12\s*月\s*(?:[1-9]|[12]\d|30)\s*日(?!前|之前|以前)"
        r")"
    )
    return re.compile(rf"(?P<pre>{y})?{body}")


_PERIOD_FRAME_RE = re.compile(r"(?:统计期限|统计时限|统计时间|统计区间|统计周期|时间范围|报告期|期限为|期间为|范围为|涵盖|覆盖|"
                              r"统计(?:的)?(?:是|为)|数据(?:均)?为)[^。；]{0,6}$")


def _slip_desc(slip: str) -> str:
    s = re.sub(r"\s", "", slip)
    if "上半年" in s:
        return "半年"
    if "下半年" in s:
        return "半年"
    if "季度" in s:
        return "季度"
    return "部分月份"


# the clause a half-year opens ends on a task's completion: the time it was done, not the year's span
_DONE_IN_CLAUSE = re.compile(r"[^，,；;。]*?(?:完成了|全部完成|按时完成|如期完成|已完成)")


def period_slips(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-01: 上半年 / 第一季度 / 1-6月 / 截至6月底 framing a statement in a full-year report."""
    year = report_year(report)
    if year is None:
        return
    rx = _slip_re(year)
    text = report.text
    period = report.meta.period_loc
    for s in report.views.sentences:
        for m in rx.finditer(text, s.body, s.end):
            a, b = m.start(), m.end()
            slip = m.group("slip")
            pre = re.sub(r"\s", "", m.group("pre") or "")
            before = text[s.body:a]
            # 1) where does the phrase stand? sentence-initial (after the report year at most), in the sentence
            #    that states the statistical period, or as 本年度上半年
            initial = before.strip(" 在于") == ""
            # a clause that opens with the phrase and reports a figure: "，上半年接待现场查阅12人次"
            clause = re.search(r"[，,：:]\s*$", before) is not None and re.match(
                r"[^，。；]{0,24}?\d+(?:\.\d+)?\s*(?:件|条|次|人次|篇|个|期|份|场|项|起|批次|户|家|万|元)", text[b:s.end]) is not None
            initial = initial or clause
            in_frame = bool(_PERIOD_FRAME_RE.search(text[s.start:a]))
            this_year = pre.startswith(("本年", "今年"))
            if not (initial or in_frame or this_year):
                continue
            # 2) what kind of statement is it? plans and comparisons are fine
            sent = text[s.start:s.end]
            if not in_frame and PLAN_RE.search(sent):
                continue
            if re.match(r"\s*(?:相比|同期|相较|以前|之前|前|末|底前)", text[b:b + 4]):
                continue
            if re.search(r"(?:较|比|与|同|和|及|、|至|到)\s*$", before):
                continue
            # the time a task was finished, not the span of the year's work: "上半年……全部完成了部门预算公开" (the
            # clause the phrase opens ends on the completion; "上半年有2件……，已完成整改" counts the half-year)
            if _DONE_IN_CLAUSE.match(text, b, s.end):
                continue
            # an explicit date range that is the parsed statistical period is S-07's business
            if period is not None and period.start is not None and period.end is not None \
                    and a < period.end and b > period.start:
                continue
            # a paragraph that walks through the year (上半年…，下半年…) covers the whole year
            ptext = text[s.par_start:s.par_end]
            if ("半年" in slip or "季度" in slip) and sum(
                    w in ptext for w in ("上半年", "下半年", "一季度", "二季度", "三季度", "四季度")) >= 2:
                continue
            ev_start = a if pre else m.start("slip")
            evidence = text[ev_start:b]
            unit = _slip_desc(slip)
            yield ctx.finding(
                ev_start, b, evidence=evidence, part=s.part,
                year=year, slip=evidence, unit=unit,
            )


# --------------------------------------------------------------------------------------------- D-02

# the bodies a report calls itself by after 我/本 (我局, 本镇 …)
_SELF_BODIES = alternation(SELF_BODIES)
# the report's subject, then the year of the figures: "我镇2022年度共主动公开信息380条" (the same test as a year that
# opens the sentence)
_SUBJECT_YEAR_RE = re.compile(
    rf"(?:我|本)(?:{_SELF_BODIES}|单位|机关)\s*(?:在)?\s*(?P<y>(?:19|20)\d{{2}})\s*年(?P<du>度)?\s*"
    r"(?P<stat>全年|共|累计|主动公开|新增|收到|受理)")
_YEAR_LEAD_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年(?P<du>度)?\s*(?:"
    r"(?P<comma>[，,])"
    r"|(?P<stat>全年|共|累计)"
    r"|(?P<md>\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*日)?\s*[，,])"
    rf"|(?P<me>(?:我|本)(?:{_SELF_BODIES}))"
    r")"
)


def _current_year_votes(report: Report) -> list[int]:
    """Years used as 'this year' at the start of overview sentences (plans and comparisons left out)."""
    votes = []
    for s in report.views.sentences:
        if s.part not in ("overview", None):
            continue
        m = _YEAR_LEAD_RE.match(report.text, s.body, s.end)
        if not m or not (m.group("comma") or m.group("stat") or m.group("me")):
            continue
        sent = report.text[s.start:s.end]
        if PLAN_RE.search(sent) or COMPARE_RE.search(report.text[m.end():s.end][:8]):
            continue
        votes.append(int(m.group("y")))
    return votes


def title_text_year_conflict(report: Report) -> int | None:
    """The year the text uses as its current year, when it disagrees with the title year (else None).

    Needs at least two sentence-initial current-year statements, all for the same other year, and a
    statistical period (if stated) in that same year.
    """
    year = report.meta.year
    if year is None or report.meta.title_loc is None:
        return None
    votes = _current_year_votes(report)
    if len(votes) < 2 or len(set(votes)) != 1 or votes[0] == year:
        return None
    other = votes[0]
    ps = report.meta.period_start
    if ps is not None and ps.year != other:
        return None
    return other


def wrong_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-02: another year used as the current year of the report."""
    year = report_year(report)
    if year is None or not report.meta.year_stated or title_text_year_conflict(report) is not None:
        return  # a year read from a sentence of the text is no measure for the other years of the text
    text = report.text
    for s in report.views.sentences:
        m = _YEAR_LEAD_RE.match(text, s.body, s.end) or _SUBJECT_YEAR_RE.match(text, s.body, s.end)
        if not m:
            continue
        y = int(m.group("y"))
        if y == year or abs(y - year) > 10:
            continue
        sent = text[s.start:s.end]
        rest = text[m.end():s.end]
        if PLAN_RE.search(sent):
            continue
        if re.match(r"\s*(?:以来|以前|之前|起|底|末|年底|年末)", text[m.end("y") + 1:m.end("y") + 5]):
            continue
        if re.match(r"\s*度?\s*[，,、和及与至到—-]\s*(?:19|20)\d{2}\s*年", text[m.end("y") + 1:m.end("y") + 12]):
            continue  # "2021年，2022年，我局……均被评为先进": years listed (or a span of years), not the year's work
        if COMPARE_RE.search(rest[:12]) or re.search(r"上年度|去年|上一年|年度报告|报告指出|问题整改|整改情况", sent):
            continue
        if re.search(r"(?:实施|施行|颁布|公布|修订|印发|出台|成立|启动|上线|开通)(?:后|以来|之后|以后|起)", rest[:40]):
            continue  # "2019年5月15日，新《条例》施行以后，我区……": since an event, not the year's own work
        if y == year + 1 and m.groupdict().get("md"):  # (only the year-first form has a month)
            continue  # "2024年1月，我局编制了2023年度报告": the weeks between the year's end and the report
        if y > year and (DEADLINE_RE.search(sent) or not (m.group("stat") or re.search(r"共|累计|完成了|取得了|已", rest))):
            continue  # a later year without figures: most likely a plan worded without a plan marker
        a, b = m.start("y"), m.end("y") + 1
        ev = text[a:b]
        if report.meta.year_source == "period":  # no title: the period or this sentence, either may be the slip
            yield ctx.finding(a, b, variant="period", evidence=ev, part=s.part, year=year, ev=ev)
            continue
        # the subject-first form is measured on less real text than the year-first one: a warning
        sev = {"severity": "warning"} if m.re is _SUBJECT_YEAR_RE else {}
        yield ctx.finding(a, b, variant="earlier" if y < year else "later", evidence=ev, part=s.part, year=year, ev=ev,
                          **sev)


def title_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-06: the title's year disagrees with the year the text treats as current."""
    other = title_text_year_conflict(report)
    if other is None:
        return
    m = report.meta
    loc = m.title_loc
    assert loc is not None and loc.start is not None and loc.end is not None
    tm = re.search(rf"{m.year}\s*年", report.text[loc.start:loc.end])
    a = loc.start + tm.start() if tm else loc.start
    b = loc.start + tm.end() if tm else loc.end
    yield ctx.finding(a, b, part=None,
                      year=m.year, other=other)


# --------------------------------------------------------------------------------------------- D-03

_YM_RE = re.compile(r"(?<![\d〔\[/])(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
_MD_RE = re.compile(r"(?<![\d年./\-])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _in_url(text: str, pos: int) -> bool:
    a = pos
    while a > 0 and text[a - 1].isascii() and not text[a - 1].isspace():
        a -= 1
    return "/" in text[a:pos] or "=" in text[a:pos] or "_" in text[a:pos]


def _valid(y: int | None, mo: int, d: int | None) -> str | None:
    """None when valid, else the reason in Chinese."""
    if not 1 <= mo <= 12:
        return f"没有{mo}月"
    if d is None:
        return None
    days = _DAYS[mo]
    if mo == 2 and y is not None:
        days = 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    if not 1 <= d <= days:
        return f"{mo}月没有{d}日" if d >= 1 else f"日期“{d}日”不存在"
    return None


def invalid_dates(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-03: dates that cannot exist (2023年13月, 2月30日, 4月31日, 2023-02-30)."""
    text = report.text
    covered: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    for m in DATE_RE.finditer(text):
        if m.group("y"):
            y, mo, d = cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
        else:
            if _in_url(text, m.start()):
                continue
            y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        covered.append((m.start(), m.end()))
        if mo is None or d is None:
            continue
        why = _valid(y, mo, d)
        if why:
            found.append((m.start(), m.end(), why))
    for m in _YM_RE.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        why = _valid(int(m.group("y")), int(m.group("m")), None)
        covered.append((m.start(), m.end()))
        if why:
            found.append((m.start(), m.end(), why))
    for m in _MD_RE.finditer(text):
        if any(a <= m.start() < b for a, b in covered):
            continue
        why = _valid(None, int(m.group("m")), int(m.group("d")))
        if why:
            found.append((m.start(), m.end(), why))
    for a, b, why in sorted(found):
        ev = text[a:b]
        yield ctx.finding(a, b, evidence=ev, ev=ev, why=why)


# --------------------------------------------------------------------------------------------- D-04 / D-05



def deadline_for(year: int, level: str | None, overrides: dict[str, str] | None = None) -> date:
    """The publication deadline for a report of `year` by an agency of `level` (spec §1.1, §1.2).

    data/deadlines.toml holds the defaults; `overrides` (config [deadlines], level -> "MM-DD", or
    "default") replaces them for reports under the current regulation.
    """
    table = data_toml("deadlines.toml")
    regime = "old" if year <= int(table["old_until_year"]) else "current"
    rules: dict[str, str] = dict(table[regime])
    if regime == "current" and overrides:
        rules.update({k: str(v) for k, v in overrides.items()})
    md = rules.get(level or "default", rules["default"])
    mo, d = (int(x) for x in md.split("-"))
    return date(year + 1, mo, d)


def _pub_location(report: Report) -> tuple[int | None, int | None, str]:
    m = report.meta
    if m.published_source == "signature" and m.signature_loc is not None and m.signature_loc.start is not None:
        a, b = m.signature_loc.start, m.signature_loc.end
        return a, b, report.text[a:b].strip()
    return None, None, f"发布日期 {m.published.isoformat() if m.published else ''}"


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def late_publication(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-04: published after the statutory deadline."""
    m = report.meta
    if m.year is None or m.published is None:
        return
    overrides = ctx.deadlines
    dl = deadline_for(m.year, m.level, overrides)
    if m.published <= dl:
        return
    a, b, ev = _pub_location(report)
    if m.year <= int(data_toml("deadlines.toml")["old_until_year"]):
        basis = "原《政府信息公开条例》第三十一条，每年3月31日前公布"
    elif m.level in GOVERNMENTS_WITH_DEPARTMENTS and dl.month == 3 and not overrides.get(m.level):
        basis = "条例第四十九条，县级以上人民政府的年度报告应于每年3月31日前公布"
    elif overrides.get(m.level or "default"):
        basis = "本地区规定的公布期限"
    elif m.level is None and dl.month == 3:
        basis = "条例第四十九条；未能从名称判断机关类别，按较晚的3月31日计"
    else:
        basis = "条例第四十九条，每年1月31日前公布"
    late = (m.published - dl).days
    yield ctx.finding(a, b, evidence=ev, part=None,
                      published=_cn(m.published), deadline=_cn(dl), basis=basis, late=late, year=m.year)


def early_signature(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-05: signed/published before the report year has ended."""
    m = report.meta
    if m.year is None or m.published is None or not m.year_stated:
        return  # a year guessed from a sentence of the text ("2023年，我局…") may be another year than the report's
    if m.published >= date(m.year, 12, 31):
        return
    a, b, ev = _pub_location(report)
    # a web page's date is the portal's, not the body's own 落款: it may be a re-posting's or a draft's, so it says
    # less than a signed date does (precision first on real pages, issue #12)
    yield ctx.finding(a, b, evidence=ev, part=None, variant="page" if m.published_source == "page" else "signature",
                      published=_cn(m.published), year=m.year, next_year=m.year + 1)
