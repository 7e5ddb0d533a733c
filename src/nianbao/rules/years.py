"""Years and dates judged against the report's own year, or against fixed facts:

* D-07: next year's plans dated with the report's own year ("2023年，我局将继续……" in the 2023 report, or a heading
  "2023年工作打算"), usually left over from last year's report with the year changed in the wrong place;
* D-08: a document named with a year that does not fit (the notice on compiling the report cited with another year,
  this year's report said to be published within the same year);
* D-09: a full-year report that counts "up to now" (2019年至今) instead of to 31 December;
* D-10: the regulation's date of taking force written wrong (it took force on 2008-05-01, revised on 2019-05-15);
* D-11: the other forms of a wrong year, each measured on real text as too rare for more than a note: the year's own
  figures dated with another year inside a sentence, the next year told as done, the report saying it sums up another
  year's work, the year's state given 截至 the end of the year before, requests carried forward into the report year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.dates import NOT_DONE_RE, PLAN_RE
from nianbao.rules.util import CJK, in_title

_YEAR_MENTION = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d{2})\s*年")


def year_guess(report: Report) -> int | None:
    """The report year: the title's, else the statistical period's, else the year the text names most often (at least
    twice, and more often than any other) — for format rules that only need to know 'after 2019' when the page has
    no title."""
    m = report.meta
    if m.year is not None:
        return m.year
    for d in (m.period_end, m.period_start):
        if d is not None:
            return d.year
    counts: dict[int, int] = {}
    for x in _YEAR_MENTION.finditer(report.text):
        y = int(x.group(1))
        counts[y] = counts.get(y, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None

# the words of this module are data/lexicon/year_words.toml's (lists of plain words, joined in order)
_WORDS = lexicon("year_words")
_WILL = rf"将(?:{'|'.join(_WORDS['will_verbs'])})"


def _plan_rx(year: int) -> re.Pattern:
    # the report's own year, or one before it (a plan two reports old, its year changed in the wrong place); 计划 as a
    # kind of information (公开计划总结类信息, 规划计划类) is no plan, nor is 按计划 (as planned)
    y = rf"(?<![\d〔\[（(])(?P<y>{year}|{year - 1}|{year - 2})\s*年(?:度)?"
    return re.compile(
        rf"{y}(?:\s*[，,]?\s*(?:[^，。；\d]{{0,12}}?)(?:{_WILL}|(?:(?<![规按照据依])计划(?!总结|类|信息|[、，,])|拟)(?!\s*[（(])|力争|争取)"
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
        yield ctx.finding(a, b, part=s.part, year=year, next=year + 1, written=m.group("y"))


# --------------------------------------------------------------------------------------------- D-08

_NOTICE = re.compile(r"《(?P<name>[^《》]{0,40}?(?P<y>(?:19|20)\d{2})\s*年度?(?:全[省市区县])?(?:政府信息公开|政务公开)?(?:工作)?"
                     r"年度报告[^《》]{0,24}?(?:通知|要求|安排|提纲|模板))》")
# the same outline named without book-title marks as the basis the report was compiled on: "依据××县2019年度政府信息公开
# 年度报告提纲编制" in the 2022 report (the real dev q1212)
_NOTICE_BARE = re.compile(r"(?:根据|按照|依据|依照|以及|及|和)(?P<name>[^。；，,《》\d]{0,12}?(?P<y>(?:19|20)\d{2})\s*年度?的?"
                          r"(?:政府信息公开|政务公开)?(?:工作)?年度报告(?:编制)?(?:提纲|模板))(?=\s*(?:要求)?\s*(?:编制|编写|撰写))")
_OWN = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)(?:工作)?年度报告[^。；\n]{0,40}?(?<![至到])"
                  r"(?P<y2>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月[^。；，,\n]{0,16}?(?:前|发布|公布|公开|上传|完成)")
# (the period's end and a verb of a later clause are no publication: "……年度报告，统计期限为……至12月31日，下面分述公开……")


# the report naming itself as it is published: "现向社会公布X镇人民政府2023年政府信息公开工作年度报告" ("发布2019年……年度报告"
# without 现/特 is last year's report, told as work done)
_SELF_NAME = re.compile(r"(?:(?:现|特|特此|兹|现予)(?:向社会)?(?:予以)?(?:公布|发布|公开|编制)|现将|特将)(?P<pre>[^。；\n《》]{0,40}?)"
                        r"(?P<y>(?:19|20)\d{2})\s*年度?(?:本[镇乡局委办区县市]|我[镇乡局委办区县市])?"
                        r"(?:(?:本级)?政府(?:[(（](?:机关|部门)[)）])?信息公开|政务公开)"  # (本级政府(机关)信息公开: a body's own name)
                        r"(?:工作)?(?:年度)?(?:报告|年报)")
# the same in the preamble's basis sentence: "根据《条例》……，我镇认真编制了《田黄镇2020年政府信息公开工作年度报告》" (on the
# real dev split this sentence names its own report's year 63 times of 64, the other an annotated slip)
_SELF_NAME_BASIS = re.compile(r"(?:^|(?<=[。\n]))\s*(?:根据|依据|按照)[^。\n]{0,120}?编制(?:了|完成)?《?(?P<pre>[^。；\n《》]{0,30}?)"
                              r"(?P<y>(?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)")
# a work arrangement for a year, made in the report year: "印发2022年度政务公开重点任务分工方案" in the 2023 report
_PLAN_DOC = re.compile(r"(?:制定|印发|出台|编制|制发)(?:了)?《?(?P<y>(?:19|20)\d{2})\s*年度?"
                       r"(?P<n>[^。；，、《》\d]{0,16}?(?:工作要点|任务分工表?|分工方案|实施方案|工作计划|工作方案))")
# the year's own arrangement named as the basis of the work: "按照《青溪县2022年政务公开工作要点》" in the 2023 report
# (a notice that issues it: 《……关于印发哈尔滨市2020年政务公开重点工作任务责任分解表的通知》)
_PLAN_BASIS = re.compile(r"(?:按照|根据|依据|依照|对照|落实|贯彻|围绕)[^。；，]{0,12}?(?:《[^《》]*》[^。；，《》]{0,14}?)*?"
                         r"《(?P<pre>[^《》]{0,24}?)(?P<y>(?:19|20)\d{2})\s*年度?"
                         r"(?P<n>[^《》\d]{0,16}?(?:工作要点|任务分工表?|分工方案|实施方案|工作计划|工作方案|"
                         r"重点工作任务(?:责任)?(?:分解|分工)?表?))(?:的通知)?》")
# last year's report told as published this year, both years one behind: "2022年1月发布了2021年度……年度报告" in the
# 2023 report (the 2023 report's own January publishes the 2022 report)
_REPORT_PUBLISHED = re.compile(r"(?P<y2>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月[^。；\n]{0,30}?(?:发布|公布|公开|上传)(?:了)?"
                               r"[^。；\n]{0,20}?(?P<y>(?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度报告|年报)")
# the report of the year itself told as one of the year's published items, beside counts of the others: "通知公告18条，
# 东山镇2024年度政府信息公开工作年度报告1条" or "工作动态96条……，如期挂网……2024年政府信息公开工作年度报告" in the 2024 report
# (it is published only after the year ends; the one published within the year is the previous year's)
_OWN_LISTED = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度报告|年报)》?\s*(?:为)?\s*\d+\s*[条篇份]")
_OWN_UPLOADED = re.compile(r"(?:按时|如期|按期)(?:上传|发布|公布|公开|挂网)(?:了)?(?P<pre>[^。；，,\n《》]{0,24}?)"
                           r"(?P<y>(?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度报告|年报)")
_ITEM_COUNT = re.compile(r"\d+\s*[条篇份]")
_PAST = re.compile("|".join(_WORDS["past_words"]))
# a year's final accounts (决算) told as published within that year: a year's 决算 is drawn up and approved only after
# the year has ended, so the report of 2024 can publish the 2023 决算 (and the 2024 budget), never the 2024 决算
_ACCOUNTS = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?的?(?:本级|部门|单位|本单位|机关|政府|财政|一般公共预算)?(?:财政)?决算")
_PUBLISH = re.compile("|".join(_WORDS["publish_verbs"]))


def other_year_documents(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-08: the notice on compiling the annual report cited with another year; the report of the year itself said
    to be published within that same year; the report's own name with another year; a work arrangement for the
    previous year made in the report year; the report year's final accounts said to be published within it."""
    year = report.meta.year
    if year is None:
        return
    text = report.text
    for m in (*_NOTICE.finditer(text), *_NOTICE_BARE.finditer(text)):
        y = int(m.group("y"))
        if y != year and abs(y - year) <= 3:
            yield ctx.finding(m.start("y"), m.end("y"), variant="notice", year=year, name=m.group("name"), other=y)
    for m in _OWN.finditer(text):
        y, y2 = int(m.group("y")), int(m.group("y2"))
        if y == year and y2 == year:
            yield ctx.finding(m.start("y"), m.end("y"), variant="own_report", year=year, next=year + 1,
                              previous=year - 1)
    if not report.meta.year_stated:
        return  # the two checks below compare with the report year: only a year the report states itself
    named: set[int] = set()
    for m in (*_SELF_NAME.finditer(text), *_SELF_NAME_BASIS.finditer(text, 0, 1500)):
        y = int(m.group("y"))
        if y != year and abs(y - year) <= 3 and m.start("y") not in named:
            named.add(m.start("y"))
            name = re.sub(r"\s", "", text[m.start("pre"):m.end()])
            yield ctx.finding(m.start("y"), m.end("y"), variant="self_name", year=year, other=y, name=name)
    for s in report.views.sentences:
        past: bool | None = None  # the sentence tells of the year before: read once, for its first candidate

        def told_as_past(_s=s) -> bool:
            nonlocal past
            if past is None:
                past = _PAST.search(text, _s.start, _s.end) is not None
            return past

        seen: set[int] = set()  # the years a plan_doc/plan_cited finding already stands on
        for m in _PLAN_DOC.finditer(text, s.start, s.end):
            if int(m.group("y")) != year - 1 or told_as_past():
                continue
            seen.add(m.start("y"))
            name = text[m.start("y"):m.end("n")]
            if in_title(text, s.start, m.start()):  # 根据《…关于印发2020年政务公开工作要点的通知》: cited, not made
                yield ctx.finding(m.start("y"), m.end("y"), variant="plan_cited", year=year, other=year - 1, name=name)
                continue
            yield ctx.finding(m.start("y"), m.end("y"), variant="plan_doc", year=year, other=year - 1, name=name)
        for m in _PLAN_BASIS.finditer(text, s.start, s.end):
            if not year - 3 <= int(m.group("y")) < year or m.start("y") in seen or told_as_past():
                continue
            name = text[m.start("pre"):m.end("n")]
            yield ctx.finding(m.start("y"), m.end("y"), variant="plan_basis", year=year, name=name)
        for m in _REPORT_PUBLISHED.finditer(text, s.start, s.end):
            if (int(m.group("y2")), int(m.group("y"))) != (year - 1, year - 2) or told_as_past():
                continue
            yield ctx.finding(m.start("y2"), m.end("y2"), variant="report_shifted", year=year,
                              y2=year - 1, y=year - 2, previous=year - 1)
        for m in (*_OWN_LISTED.finditer(text, s.start, s.end), *_OWN_UPLOADED.finditer(text, s.start, s.end)):
            if int(m.group("y")) != year or "向社会" in (m.groupdict().get("pre") or ""):
                continue
            # one item among the year's counted items: another count stands in the sentence
            if not any(c.start() not in range(m.start(), m.end()) for c in _ITEM_COUNT.finditer(text, s.start, s.end)):
                continue
            yield ctx.finding(m.start("y"), m.end("y"), variant="listed", year=year, next=year + 1, previous=year - 1)
        not_done: bool | None = None  # the sentence tells a plan or work under way: read once, for its first account
        for m in _ACCOUNTS.finditer(text, s.start, s.end):
            if int(m.group("y")) != year or not _PUBLISH.search(text, s.start, m.start()):
                continue
            if not_done is None:
                not_done = NOT_DONE_RE.search(text, s.start, s.end) is not None
            if not_done:
                continue
            yield ctx.finding(m.start("y"), m.end("y"), variant="accounts", year=year, next=year + 1,
                              previous=year - 1, name=text[m.start():m.end()])


# --------------------------------------------------------------------------------------------- D-09


def _until_now_rx(year: int) -> re.Pattern:
    return re.compile(rf"(?:(?<![\d〔\[（(]){year}\s*年(?:度)?(?:\s*1\s*月(?:份)?(?:\s*1\s*日)?)?|本年度?|今年)\s*(?:以来)?\s*"
                      r"(?:至今|到现在|截至目前|截止目前|到目前为止)")


def until_now(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-09: a full-year report that counts "from January up to now" (2019年至今) instead of to 31 December."""
    year = year_guess(report)
    if year is None:
        return
    rx = _until_now_rx(year)
    for sp in report.views.spans():
        for m in rx.finditer(report.text, sp.start, sp.end):
            yield ctx.finding(m.start(), m.end(), year=year, found=m.group(0))


# --------------------------------------------------------------------------------------------- D-10

# the two dates the regulation took force: the 2007 text (国务院令第492号) and its 2019 revision (第711号)
_EFFECTIVE = {(2008, 5, 1), (2019, 5, 15)}
_REG = r"《(?:中华人民共和国)?(?:政府信息公开)?条例》"
_NOTE = r"(?:\s*[（(][^（()）]{0,30}[)）])?"  # (国务院令第492号，以下简称《条例》)
_DATE = r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
_EFFECTIVE_RE = re.compile(
    rf"{_DATE}\s*(?:起)?[，,]?\s*(?:新修订的|修订后的)?{_REG}{_NOTE}\s*(?:正式)?(?:实施|施行|生效)"
    rf"|{_REG}{_NOTE}\s*(?:将)?(?:于|自|从)?\s*{_DATE.replace('?P<', '?P<e')}\s*(?:起)?\s*(?:正式)?(?:实施|施行|生效)")
_OTHER_SHORT = re.compile(r"》\s*[（(]\s*以下简称\s*《条例》")


def regulation_effective_date(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-10: the regulation's date of taking force written wrong ("起于2009年1月1日《条例》施行之日")."""
    text = report.text
    for d in _OTHER_SHORT.finditer(text):
        title_start = text.rfind("《", 0, d.start())
        if "政府信息公开条例" not in text[title_start:d.start()]:
            return  # 《条例》 here is another regulation
    for m in _EFFECTIVE_RE.finditer(text):
        g = "" if m.group("y") else "e"
        y, mo, dd = int(m.group(g + "y")), int(m.group(g + "m")), int(m.group(g + "d"))
        if (y, mo, dd) in _EFFECTIVE:
            continue
        a, b = m.start(g + "y"), text.index("日", m.end(g + "d")) + 1
        yield ctx.finding(a, b, evidence=text[a:b], date=text[a:b])


# --------------------------------------------------------------------------------------------- D-11

_Y = r"(?<![\d〔\[（(《])(?P<y>(?:19|20)\d{2})\s*年(?:度)?"
_FIGURES = r"(?:全年|共|累计|总共|合计|主动公开|新增|收到|受理|办理|接收|答复|办结)"
# the year's own figures dated inside a sentence: "……专栏，2022年共公开信息64条" / "鲁城街道2022年主动公开……"
_YEAR_WORD = re.compile(r"\d{4}\s*年(?:度)?")
_CLAUSE = re.compile(rf"[，,；;：:]\s*(?:在|于)?\s*{_Y}\s*(?:[，,]\s*)?(?:(?:我|本)[{CJK}]{{1,3}}?)?\s*{_FIGURES}")
_NAMED = re.compile(rf"[{CJK}]{{2,24}}?(?:镇|乡|街道|局|委员会|委|办公室|办|人民政府|政府|中心|办事处|管委会)\s*(?:在|于)?\s*"
                    rf"{_Y}\s*{_FIGURES}")
# …or opening the sentence without the comma, 全年/共/累计 or 我X that D-02 reads: "2022年主动公开政府信息41条"
_LEAD = re.compile(rf"{_Y}(?!\s*(?:[，,\d月以底末起至]|全年|共|累计|[我本]))\s*[{CJK}]{{0,8}}?{_FIGURES}")
_CLAUSE_CMP = re.compile(r"较|比|相比|同比|环比|上年|去年|上一年|以来|同期|此前|以前|之前")
# the next year told as done: "2022年，我局无依申请公开事项。" in the 2021 report (a plan has 将/计划 …)
_LATER_FACT = re.compile(rf"{_Y}\s*[，,]?\s*(?:我|本)?[{CJK}]{{0,8}}?(?:无|未|没有)")
# the report says which year's work it sums up: "……编制，总结X局2021年政府信息公开工作情况。" in the 2022 report,
# "现将X镇2021年度政府信息公开工作情况报告如下" (a report's own name, ……年度报告, is D-08's `self_name`)
_SUMMARY = re.compile(rf"(?:总结|回顾|反映|汇报|介绍|现将|特将)(?:了)?[^。；《》\n]{{0,40}}?{_Y}[^。；《》\n\d]{{0,16}}?"
                      r"(?:政府信息公开|政务公开)(?:工作)?(?!年度报告|年报|[^。；，\n]{0,6}年度报告)")
# the year's state given up to the end of the year before: "截至2021年底，我镇尚无……" in the 2022 report
_UNTIL_PRIOR = re.compile(rf"截[至止]到?\s*{_Y}\s*(?:12\s*月\s*31\s*日|12\s*月(?:底|末)|底|末|年底|年末)\s*[，,]")


# the same opening a later clause of the sentence ("……明确办理规定，截止到2022年12月31日，我街道暂未收到申请")
_UNTIL_PRIOR_CLAUSE = re.compile(r"(?<=[，,；;])\s*" + _UNTIL_PRIOR.pattern)
# a run-in heading that ends in a colon before the sentence proper ("（一）主动公开政府信息情况：")
_RUN_IN_LABEL = re.compile(r"[^。；，,:：\n]{1,24}[:：]\s*")
# requests carried forward into the report year or before it: "0件转结2024年办结" in the 2024 report
_CARRY = re.compile(rf"(?:结转|转结|转入)\s*(?:(?:至|到)\s*{_Y}|{_Y.replace('<y>', '<y2>')}\s*(?:继续)?\s*(?:办理|办结|处理))")


# an event of the year told with the full date of the year before: "2019年9月12日召开了……培训会" in the 2020 report
# (the real dev q7620); a plan, a comparison or a carry-over in the sentence excuses it, as for `figures`
_EVENT = re.compile(rf"{_Y}\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日[^，。；,;\n]{{0,6}}?"
                    r"(?:召开|举办|开展|组织)(?:了)?")
_CARRIED = re.compile(r"结转|转结|转入")
_CLAUSE_STOP = re.compile(r"[，,；;。]")


def _year_span(text: str, m: re.Match, g: str = "y") -> tuple[int, int, str]:
    a = m.start(g)
    b = a + len(_YEAR_WORD.match(text, a).group())
    return a, b, text[a:b]


def other_year_statements(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """D-11: the other forms of a wrong year (see the module docstring); each needs a report year the report states."""
    year = report.meta.year
    if year is None or not report.meta.year_stated:
        return
    text = report.text
    own_year = re.compile(rf"(?<!\d){year}\s*年|今年|本年")
    for s in report.views.sentences:
        sent = text[s.start:s.end]
        plan = PLAN_RE.search(sent) is not None
        lead = _NAMED.match(text, s.body, s.end) or _LEAD.match(text, s.body, s.end)
        excused: bool | None = None  # a comparison, a carry-over or the report year in the sentence: read once
        for m in ([lead] if lead else []) + list(_CLAUSE.finditer(text, s.start, s.end)):
            y = int(m.group("y"))
            if y == year or abs(y - year) > 3 or plan:
                continue
            if excused is None:
                excused = bool(_CLAUSE_CMP.search(sent) or _CARRIED.search(sent) or own_year.search(sent))
            if excused or in_title(text, s.start, m.start()):
                continue  # a comparison, a plan, a carry-over, the report year beside it, a cited title
            stop = _CLAUSE_STOP.search(text, m.end(), s.end)
            clause = text[m.end():stop.start() if stop else s.end]
            if y > year and not re.search(r"\d", clause):
                continue  # a later year without figures: most likely a plan worded without a plan marker
            a, b, ev = _year_span(text, m)
            yield ctx.finding(a, b, variant="figures", evidence=ev, part=s.part, year=year, written=ev)
        for m in _EVENT.finditer(text, s.start, s.end):
            if int(m.group("y")) != year - 1 or plan or in_title(text, s.start, m.start()):
                continue
            if excused is None:
                excused = bool(_CLAUSE_CMP.search(sent) or _CARRIED.search(sent) or own_year.search(sent))
            if not excused:
                a, b, ev = _year_span(text, m)
                yield ctx.finding(a, b, variant="event", evidence=ev, part=s.part, year=year, written=ev)
        m = _LATER_FACT.match(text, s.body, s.end)
        if m and int(m.group("y")) == year + 1 and not plan and not _CARRIED.search(sent) \
                and not re.search(r"以来|之前|以前", sent) \
                and not re.search(r"全年|共|累计|完成了|取得了|已", text[m.start():s.end]):  # D-02 charges those
            a, b, ev = _year_span(text, m)
            yield ctx.finding(a, b, variant="later_fact", evidence=ev, part=s.part, year=year, written=ev)
        if "报告" in sent and not plan:
            for m in _SUMMARY.finditer(text, s.start, s.end):
                y = int(m.group("y"))
                if y != year and abs(y - year) <= 3 and not in_title(text, s.start, m.start()):
                    a, b, ev = _year_span(text, m)
                    yield ctx.finding(a, b, variant="summary", evidence=ev, part=s.part, year=year, written=ev)
        # (after a run-in heading too: "（一）主动公开政府信息情况：截至2020年12月31日，……")
        label = _RUN_IN_LABEL.match(text, s.body, s.end)
        m = _UNTIL_PRIOR.match(text, s.body, s.end) or (_UNTIL_PRIOR.match(text, label.end(), s.end) if label else None) \
            or _UNTIL_PRIOR_CLAUSE.search(text, s.body, s.end)
        if m and int(m.group("y")) == year - 1 and not plan and not _CLAUSE_CMP.search(text[m.end():s.end]):
            a, b, ev = _year_span(text, m)
            yield ctx.finding(a, b, variant="until_prior", evidence=ev, part=s.part, year=year, written=ev)
        for m in _CARRY.finditer(text, s.start, s.end):
            g = "y" if m.group("y") else "y2"
            if 0 <= year - int(m.group(g)) <= 3:
                a, b, ev = _year_span(text, m, g)
                yield ctx.finding(a, b, variant="carry", evidence=ev, part=s.part, year=year, written=ev,
                                  next=year + 1)
