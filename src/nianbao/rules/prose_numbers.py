"""K-06: numbers stated in prose that contradict each other — a share that does not match its counts ("共65条，
其中……45条，所占比例75%"), shares in one sentence that no single total fits, a rate that is not its two counts'
ratio, listed items that do not add up to the total they break down (after 其中/包括/具体为/类别涉及/a colon, in brackets,
with 分别, in the next sentence, named by nouns right after a whole, or beyond the year's whole proactive total), the
year's requests whose flow does not balance (received + carried over = completed + carried forward), a count stated
twice with two numbers (requests, carried forward, the year's proactive total, reviews, lawsuits), "none" beside "some"
(未收到申请 / 收到申请2件; 未发生行政复议 / 行政复议1起), a zero followed by answers or by the requests' form, a share of
the requests no whole number of them can have, and a declared number of ways or kinds that its list does not match.
Counts may be written in Chinese numerals. Tables are not read (K-01 compares prose with table three).

The count patterns and helpers K-02 (``numbers.py``) shares — ``share_matches``, ``without_nested``,
``names_every_part``, ``adds_up_before_the_end`` — are in ``counts.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.counts import (
    APPROX_AFTER,
    CASE_UNITS,
    COUNT_APPROX_RE,
    COUNT_RE,
    LIST_MAX,
    NUM,
    REQUEST_UNITS,
    TOTAL_BEFORE,
    TOTAL_RE,
    UNITS,
    YEAR_TOTAL,
    adds_up_before_the_end,
    closed_breakdown,
    half_up,
    is_rest,
    last_item,
    names_every_part,
    other_units_after_the_total,
    rest_uncounted,
    same_unit,
    share_exact,
    share_matches,
    value,
    without_nested,
    without_shares,
)
from nianbao.rules.dates import PLAN_RE
from nianbao.rules.util import trie_pattern

# a share after its count: 占30%, 占比30%, 所占比例为30%, 约占30%, （占30%）, 占总数的30%, 占总体的比例为30%, 占全部信息的30%
# (the whole named in generic words only: 占全县总量的3%, 占行政服务中心办件总量66% name another total)
_SHARE = re.compile(
    rf"(?P<a>\d+)\s*(?P<u>{UNITS})\s*[,，]?\s*[（(]?\s*(?:约?所?占(?:(?:全年|本年度?|主动公开|公开|政府|信息|各类|申请|的)*"
    rf"(?:总数|总量|总体|全部|总和|总条数|总件数|信息总[数量]))?(?:的)?(?:比例|比重|比)?(?:为|达|达到|约)?"
    rf"|比例为|占比为?)\s*(?P<p>\d+(?:\.\d+)?)\s*[%％]")
# a rate after its two counts: "收到申请5件，按时答复4件，答复率100%"
_RATE = re.compile(r"(?P<w>办结|答复|办复|回复|公开)率(?:达到|达|为|是)?\s*(?P<p>\d+(?:\.\d+)?)\s*[%％]")

# what a request for disclosure is called
_REQ_WORD = r"(?:(?:政府|政务)?信息公开(?:的)?申请|依申请公开(?:政府信息)?(?:申请|事项|件)?|公开申请|信息申请)"
# a count of the year's requests ("收到政府信息公开申请2件", "收到3件信息公开申请", "依申请公开0件"), and the words that
# say there were none ("未收到政府信息公开申请", "无依申请公开事项")
_REQ_COUNT = re.compile(rf"(?:收到|受理|接到|新收|接收)[^，。；,;未没无]{{0,16}}?{_REQ_WORD}[^，。；,;\d]{{0,6}}?(?P<n>{NUM})\s*(?:{REQUEST_UNITS})"
                        rf"|(?:收到|受理|接到|新收)[^，。；,;未没无\d]{{0,10}}?(?P<m>{NUM})\s*(?:{REQUEST_UNITS})[^，。；,;]{{0,4}}?{_REQ_WORD}"
                        rf"|(?<![收理到])依申请公开(?:政府信息)?(?:申请)?(?:数量|受理量|件数)?(?:为|共)?\s*(?P<k>{NUM})\s*件")
_REQ_NONE = re.compile(rf"(?:未|没有|暂未|尚未)(?:收到过?|受理|接到|接收到?)[^，。；,;]{{0,14}}?(?:{_REQ_WORD}|(?<=收到)申请)"
                       r"|(?<![\u4e00-\u9fff])(?:无|暂无)(?:依申请公开|政府信息公开申请|信息公开申请)|(?:无|暂无|没有)(?:依申请公开|政府信息公开申请)")
# the same for requests for administrative review and for lawsuits over the body's disclosure
_CASE_SUB = r"(?<!结果)(?<!维持)(?<!纠正)(?<!纠错)(?<!审结)(?<!驳回)(?<!撤销)"
_CASES = {
    "review": (re.compile(rf"{_CASE_SUB}行政复议(?:案件|申请)?(?:共|为|共计)?\s*(?P<n>{NUM})\s*(?:{CASE_UNITS})"),
               re.compile(r"(?:未|没有|无|暂无|未曾)(?:发生|出现|产生|收到|接到|有|被)?[^，。；,;]{0,20}?行政复议")),
    "litigation": (re.compile(rf"{_CASE_SUB}行政诉讼(?:案件)?(?:共|为|共计)?\s*(?P<n>{NUM})\s*(?:{CASE_UNITS})"),
                   re.compile(r"(?:未|没有|无|暂无|未曾)(?:发生|出现|产生|收到|接到|有|被)?[^，。；,;]{0,20}?行政诉讼")),
}
_CASE_NAME = {"review": "因政府信息公开被申请行政复议", "litigation": "因政府信息公开被提起行政诉讼"}
# what makes a count another matter's, another period's or one part's (a channel, a kind of applicant, a sub-body)
_OTHER_MATTER = re.compile("|".join(lexicon("count_words")["other_matter"]))  # (count_words.toml)
# a sentence that speaks of disclosure: only there is an administrative review or lawsuit one over disclosure
_ABOUT_DISCLOSURE = re.compile(r"信息公开|依申请")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年")  # a year a sentence names (2023年): another year's count is left out
# a none that only says no case went against the body (未出现被纠错, 无败诉)
_CASE_SPOIL = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被改变|责任追究|追责|结果|维持|审结")


def _shares(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Shares stated after a total, in its paragraph, up to the next total; a share that fits a nearer count is that
    count's share."""
    text = report.text
    for sp in report.views.spans(headings=False, title=False):
        if not _SHARE.search(text, sp.start, sp.end):
            continue  # no share in the paragraph (a share found from a total is found from the paragraph's start too)
        # the year's total written with 共 is TOTAL_RE's too: one total per count
        found = {m.end(): m for rx in (YEAR_TOTAL, TOTAL_RE) for m in rx.finditer(text, sp.start, sp.end)}
        # a count its sentence breaks down ("收到申请8件，其中网络申请3件，占43%") is a total within that sentence
        broken = {c.end(): c for c in COUNT_RE.finditer(text, sp.start, sp.end)
                  if c.end() not in found and (lo := _LIST_OPEN.match(text, c.end(), sp.end)) and lo.end() > c.end()}
        totals = sorted([*found.values(), *broken.values()], key=lambda x: x.start())
        broken_in_order = sorted(broken.values(), key=lambda x: x.start())
        for tm in totals:
            if APPROX_AFTER.match(text[tm.end():tm.end() + 2]) or text[tm.end():tm.end() + 1] in ("%", "％") or \
                    text[tm.end():tm.end() + 1].isdigit():
                continue
            # the total's paragraph: its shares may come in later sentences ("全年公开信息200条。网站公开150条，占比80%")
            end = sp.end
            total, unit = value(tm.group("n")), tm.group("u")
            if total <= 0:
                continue
            # another total after this one: its shares and every later one are that total's (found once per total, so
            # that the scan stays linear in the paragraph)
            if tm.end() in broken:
                end = text.find("。", tm.end(), sp.end)
                end = sp.end if end < 0 else end
            nxt = TOTAL_RE.search(text, tm.end(), end)
            # (a count broken down after it — "……公众号公开信息1260条；网站公开信息60条，其中A类35条，占58%" — is the
            # total of the shares in its list: they are not the earlier total's)
            sub = next((b for b in broken_in_order if b.start() >= tm.end()
                        and (nxt is None or b.end() < nxt.end()) and not text[b.end():b.end() + 2].lstrip().startswith("。")),
                       None)
            if sub is not None:
                nxt = sub
            stop = nxt.end() if nxt else end
            counts = [c for c in COUNT_RE.finditer(text, tm.end(), stop) if c.group("u") == unit]
            # the counts stated before this total in the paragraph (read once per total, not per share)
            early = [value(c.group("n")) for c in COUNT_RE.finditer(text, sp.start, tm.start()) if c.group("u") == unit]
            for m in _SHARE.finditer(text, tm.end(), stop):
                if nxt is not None and m.start() >= nxt.end():
                    break
                if m.group("u") != unit:
                    continue
                a, p = int(m.group("a")), float(m.group("p"))
                if a > total:
                    continue
                # the share of a nearer count ("共60项，其中甲类40项，……的有30项，占比75.0%": 30 of 40), or of a
                # count stated before this total in the paragraph ("公开信息120条，累计2400条。……90条，占75.0%": 90
                # of the year's 120, not of the cumulative 2400)
                bases = [value(c.group("n")) for c in counts if c.end() <= m.start() and c.start() != m.start()]
                if any(b >= a and share_matches(a, b, p) and share_exact(a, b, p) for b in bases):
                    continue
                if tm.end() in broken and "。" not in text[tm.end():m.start()]:
                    # a share in the list of the count it follows is that count's: a count before it is held to the share
                    # closely (5 of an earlier channel's 1260 is 0.4%, not the 0.08% written in the list of the 60 after
                    # it — the real dev q7904)
                    if any(b >= a and abs(100 * a / b - p) <= max(0.1, 0.02 * p) for b in early):
                        continue
                else:
                    bases = [*bases, *early]
                    if any(b >= a and share_matches(a, b, p) and share_exact(a, b, p) for b in early):
                        continue
                # the message names the total the share most likely meant: of the candidates, the one nearest to it
                base = min([total, *(b for b in bases if b >= a)], key=lambda b: abs(100 * a / b - p))
                if not share_matches(a, total, p) and not any(b >= a and share_matches(a, b, p) for b in bases):
                    yield ctx.finding(m.start("p"), m.end(), variant="share",
                                      count=a, unit=unit, written=m.group("p"), total=base, real=half_up(100 * a / base))
                    continue  # (every share of the list that is off is its own slip: the real dev q7904 marks four)
                if not share_exact(a, base, p):
                    # a share written to a decimal place and off there (1 of 80 written 1.1%; 48 of 257 written 18.8%):
                    # often a list forced to add up to 100%, a note (the real dev q0803, q4504 marked, m0019 not)
                    yield ctx.finding(m.start("p"), m.end(), variant="share_decimal",
                                      count=a, unit=unit, written=m.group("p"), total=base, real=half_up(100 * a / base))
                    break


def common_base(items: list[tuple[int, float]]) -> bool:
    """Some whole total T (at least the largest count) of which every count is its written share. Not the sum: the
    counts may overlap (of 57 items, 45 "一趟不用跑" and 41 "全程网办")."""
    a, p = max(items, key=lambda i: i[1])  # the largest share bounds T most tightly
    if p <= 0:
        return True
    lo, hi = max(max(x for x, _ in items), int(100 * a / (p + 1.5))), int(100 * a / max(p - 1.5, 0.01)) + 1
    return any(all(share_matches(x, t, q) for x, q in items) for t in range(lo, min(hi, lo + 200_000) + 1))


def _share_lists(report: Report, ctx: RuleContext, flagged: set[int]) -> Iterator[Finding]:
    """Two shares or more in one sentence (。), of counts in one unit ("网上公开20条，占30%；公告栏公开45条，占75%"):
    they must be shares of one total, whether or not the total is written — otherwise at least one is wrong."""
    text = report.text
    for sp in report.views.spans(headings=False, title=False):
        a0 = sp.start
        while a0 < sp.end:
            b0 = text.find("。", a0, sp.end)
            b0 = sp.end if b0 < 0 else b0 + 1
            shares = list(_SHARE.finditer(text, a0, b0))
            s0, a0 = a0, b0
            if len(shares) < 2 or len({m.group("u") for m in shares}) != 1 or any(m.start("p") in flagged for m in shares):
                continue
            items = [(int(m.group("a")), float(m.group("p"))) for m in shares]
            if any(p > 100 for _, p in items) or common_base(items):
                continue
            # each share of a count the sentence states before it ("申请50件，其中自然人48件，占比96%；答复47件，……予以公开
            # 46件，占比97.8%": 48 of 50, 46 of 47): shares of nested wholes, not of one total
            unit = shares[0].group("u")
            counts = [c for c in COUNT_RE.finditer(text, s0, b0) if c.group("u") == unit]
            if all(any(c.end() <= m.start() and value(c.group("n")) >= a and share_matches(a, value(c.group("n")), p)
                       for c in counts) for (a, p), m in zip(items, shares, strict=True)):
                continue
            last = shares[-1]
            yield ctx.finding(shares[0].start(), last.end(), variant="shares",
                              listed="、".join(f"{a}{last.group('u')}占{m.group('p')}%" for (a, _), m in zip(items, shares,
                                                                                                          strict=True)))


_RATE_VERB = {k: "|".join(v) for k, v in lexicon("count_words")["rate_verbs"].items()}  # (count_words.toml)


def _rates(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"收到申请5件，按时答复4件，答复率100%": a rate after exactly two counts of one unit in its sentence, the second
    the first's part done by the rate's own verb, must be their ratio."""
    text = report.text
    for s in report.views.sentences:
        for m in _RATE.finditer(text, s.start, s.end):
            counts = list(COUNT_RE.finditer(text, s.start, m.start()))
            if len(counts) != 2 or counts[0].group("u") != counts[1].group("u"):
                continue
            whole, done = value(counts[0].group("n")), value(counts[1].group("n"))
            verbs = _RATE_VERB[m.group("w")]
            between = text[counts[0].end():counts[1].start()]
            if whole == 0 or done > whole or not re.search(rf"(?:{verbs})[^，,；;。\d]{{0,8}}$", between) or \
                    re.search(r"其中|结转|上年|去年|同比|较|累计|余|多|约", text[s.start:m.start()]):
                continue
            p = float(m.group("p"))
            if not share_matches(done, whole, p):
                yield ctx.finding(counts[0].start(), m.end(), variant="rate", whole=whole, done=done,
                                  unit=counts[0].group("u"), rate=text[m.start():m.end()],
                                  real=half_up(100 * done / whole))


def _clause(text: str, s, a: int, b: int) -> str:
    """The clause of a match: from the last ，/； before it to its end."""
    return text[max(s.start, *(text.rfind(c, s.start, a) + 1 for c in "，,；;")):b]


def _clause_rest(text: str, s, b: int) -> str:
    """The rest of a match's clause: from its end to the next ，/；/。 (or the sentence's end)."""
    ends = [k for c in "，,；;。" if (k := text.find(c, b, s.end)) >= 0]
    return text[b:min(ends, default=s.end)]


def _none_and_some(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"未收到政府信息公开申请" (or "收到申请0件", "无依申请公开事项") in one place and "收到申请2件" in another; the same for
    requests for administrative review and for lawsuits over disclosure ("未发生……行政复议" beside "行政复议1件"). Counts
    of another period, of one channel, kind of applicant or part of the body, and cases judged against the body, are
    left out; a case counts only in a sentence about disclosure (or in part four)."""
    text, year = report.text, report.meta.year
    kinds: dict[str, tuple[re.Pattern, re.Pattern]] = {"requests": (_REQ_COUNT, _REQ_NONE), **_CASES}
    for kind, (count_rx, none_rx) in kinds.items():
        none = some = None
        for s in report.views.sentences:
            sent = text[s.start:s.end]
            if kind != "requests" and not (_ABOUT_DISCLOSURE.search(sent) or s.part == "review_litigation"):
                continue
            if PLAN_RE.search(sent) or any(int(y) != year for y in _YEAR_NAMED.findall(sent)):
                continue  # another year's, or next year's plan
            for m in none_rx.finditer(text, s.start, s.end):
                clause = _clause(text, s, m.start(), m.end())
                # the whole clause for requests: "未收到因政府信息公开申请引起的行政复议" denies a review, not requests
                whole = clause + _clause_rest(text, s, m.end()) if kind == "requests" else clause
                if none is None and not _OTHER_MATTER.search(clause) and not (
                        kind == "requests" and re.search(r"复议|诉讼", whole)) and not (
                        kind != "requests" and _CASE_SPOIL.search(text[m.start():m.end() + 8])):
                    none = (m.start(), m.end(), 0)
            for m in count_rx.finditer(text, s.start, s.end):
                n = value(next(g for g in (m.group(k) for k in ("n", "m", "k") if k in m.re.groupindex) if g))
                clause = _clause(text, s, m.start(), m.end())
                if _OTHER_MATTER.search(clause) or (kind == "requests" and re.search(r"复议|诉讼", clause)):
                    continue
                if "k" in m.re.groupindex and m.group("k") and \
                        re.search(r"主动公开\s*\d+\s*件\s*[，,、]\s*$", text[max(s.start, m.start() - 20):m.start()]):
                    continue  # "制定文件40件，主动公开25件，依申请公开15件": documents by how they are disclosed, no requests
                if n == 0:
                    none = none or (m.start(), m.end(), 0)
                elif some is None:
                    some = (m.start(), m.end(), n)
        if none is None or some is None:
            continue
        later, other = (some, none) if some[0] > none[0] else (none, some)
        first, second = text[other[0]:other[1]], text[later[0]:later[1]]
        if kind == "requests":
            yield ctx.finding(later[0], later[1], variant="none_and_some", first=first, second=second, count=some[2])
        else:
            yield ctx.finding(later[0], later[1], variant="none_and_some_case", first=first, second=second,
                              what=_CASE_NAME[kind])


@cache
def _count_words(key: str) -> re.Pattern[str]:
    """data/lexicon/count_words.toml: ``channels`` (where information goes out: two channels may carry the same items,
    so their counts may add up past the total), ``part_count`` (words that make a count a part or another period's)."""
    return re.compile(trie_pattern(lexicon("count_words")[key]))


# a breakdown opens with 其中/包括/包含, or with a colon right after the count ("主动公开信息52条：工作动态11条、……")
# (具体为：/分别是 open one too; 涉及/涵盖 only a breakdown by the closed kinds of table three: 申请40件，涉及自然人37件、法人3件)
_LIST_OPEN = re.compile(r"\s*(?:[。，,；;:：]?\s*(?:其中|(?:内容|主要|具体)?(?:包括|包含)|具体(?:为|是)|分别(?:为|是)(?=\s*[:：]?\s*[^\d\s])|"
                        r"(?:公开)?(?:的)?(?:主要)?(?:类别|内容)(?:主要)?(?:包括|涉及|涵盖|有)|"
                        r"(?P<kinds>涉及|涵盖))\s*(?:包括|有)?\s*[:：,，]?|[:：](?![\d\s]))")
# where a list stops being the list: a nested breakdown, or a clause that reports another quantity
# (an answered kind after ；— 不予公开5件, 正在办理1件 — is an item of the list)
# (a verb that reports another quantity opens its clause, after at most a few adverbs, or a channel does: "；法定主动公开35条"
# is an item, "；主动公开信息20条" / "；通过网站发布信息20条" another statement)
_NESTED = re.compile(r"其中|包括|包含|\(|（|[;；][^;；]*?(?:较|比|同比|增加|减少|增长|下降|上年|去年)|"
                     r"[;；]\s*(?:同时|另外?|还|并|此外)?\s*(?:通过|在|依托|利用)|"
                     r"[;；]\s*(?:(?:全年|同时|另外?|还|并|此外|共|累计|及时|主动|积极|已|全部|均|依法|按时)\s*)*"
                     r"(?:结转|办结|答复|受理|收到|新收|发布|开展|(?<![以分予意后全])公开|报送|更新|上传|编制|完成|(?<![在续])办理|制定|"
                     r"印发)")


_ASIDE = re.compile(r"\s*[，,][^。；;:：\n]{2,24}(?=。)")
# the next sentence (or the next paragraph) breaks the count down in its own words: "……公开信息83条。具体包括……",
# "……主动公开政府信息120条。主动公开的政府信息中，……", "……92条。2025年本镇主动公开的信息主要包括：……"
# (a channel's share of the information is no breakdown of the whole: a lead naming a channel is left out)
_SENTENCE_OPEN = re.compile(r"\s*。\s*(?:(?:(?:19|20)\d{2}\s*年度?|全年|本年度?)?[，,]?(?P<lead>[^，,。；;\d\n]{0,12}?)"
                            r"(?:主动)?公开(?:的)?(?:政府|政务)?信息(?:中|的?(?:类别|内容|种类)?(?:主要|具体)?(?:包括|包含|有|为))|"
                            r"(?:具体|主要)(?:包括|包含))\s*[:：，,]?")
_CONTAINS = re.compile(rf"(?P<keep>\d\s*(?:{UNITS}))(?P<drop>\s*[，,]?\s*(?:其中)?(?:包?含|内含)[^、，,；;。]*)")


def _names_channel(lead: str) -> bool:
    """The words before "……公开的信息中" name one channel (通过网站, 在公众号 — count_words.toml's channels): that
    channel's share of the information, no breakdown of the whole."""
    return bool(re.search(r"通过|在|其中", lead) or _count_words("channels").search(lead))


def _sums(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"N条，其中A条、B条、C条" (three items or more, the same unit): the items must add up to N. Lists after a 共/合计
    total that K-02 already judges (items above the total, or an exhaustive list) are left to K-02."""
    text = report.text
    spans = report.views.spans(headings=False, title=False)
    for k, sp in enumerate(spans):
        a0, b0 = sp.start, sp.end
        for tm in COUNT_RE.finditer(text, a0, b0):
            hi = b0  # how far the list may run: the paragraph, or the next one where that one opens with it
            lo = _LIST_OPEN.match(text, tm.end(), b0)
            if not lo or lo.end() == tm.end():
                # "发布信息88条，更新率为100%。其中，……": a clause with no count of its own between the count and the
                # sentence that breaks it down
                aside = _ASIDE.match(text, tm.end(), b0)
                start = tm.end() if aside is None or COUNT_RE.search(text, tm.end(), aside.end()) else aside.end()
                lo = _LIST_OPEN.match(text, start, b0) if start > tm.end() and text.startswith("。", start) else None
                if lo is None:
                    # the next sentence breaks it down in its own words, in this paragraph or opening the next one
                    # ("……83条。⏎具体包括……")
                    nxt = spans[k + 1] if k + 1 < len(spans) else None
                    reach = nxt.end if nxt is not None and not text[b0:nxt.start].strip() else b0
                    so = _SENTENCE_OPEN.match(text, start, reach)
                    if so is None or _names_channel(so.group("lead") or ""):
                        continue
                    lo, hi = so, max(b0, min(reach, so.end() + LIST_MAX))
            if text[tm.end():lo.end()].lstrip().startswith("。") or lo.re is _SENTENCE_OPEN:
                # (a sentence that breaks "the information" down follows the whole sentence, not one clause of it)
                begin = max(a0, *(text.rfind(c, a0, tm.start()) + 1 for c in ("。" if lo.re is _SENTENCE_OPEN else "。；;")))
                if COUNT_RE.search(text, begin, tm.start()):
                    continue  # "收到申请4件……自然人2件，法人2件。其中3件已答复": a 其中 opening the next sentence breaks
                    # down the sentence's whole, not its last count
            head = text[max(a0, tm.start() - 40):tm.start()]
            if re.search(r"(?:结转|上年|去年|上一年)[^，,；;。]*$", head):
                continue  # "收到申请12件，上年结转申请1件，其中：……": the breakdown is of what came before, not the carried count
            # the list runs to the sentence's end, read at most LIST_MAX characters on; a list cut there may not fall short
            end = text.find("。", lo.end(), min(hi, lo.end() + LIST_MAX))
            cut = end < 0 and hi > lo.end() + LIST_MAX
            # (a list at the very end of a text that stops without a closing mark was cut short too: a page excerpt)
            cut = cut or (end < 0 and not text[hi:].strip() and not re.search(r"[。；;！!？?]\s*$", text[lo.end():hi]))
            end = min(hi, lo.end() + LIST_MAX) if end < 0 else end
            lst = without_nested(text[lo.end():end])  # bracketed breakdowns of one item are not items of the list
            # "行政处罚信息33条含207条处理决定": what one item contains is no item of the list (blanked, offsets kept)
            lst = _CONTAINS.sub(lambda x: x.group("keep") + "＿" * len(x.group("drop")), lst)
            lst = without_shares(lst)  # "予以公开42件，占51.85%；不予公开5件": a share is a note on its item
            nested = _NESTED.search(lst)
            if nested:
                lst = lst[:nested.start()]
            if (channel := _NEXT_CHANNEL.search(lst)) and not _CHANNEL_FIRST.match(lst):
                # "……45条，其中A8条、B6条，通过X公众号发布信息834条": another channel's count after a breakdown by kind (a
                # breakdown by channel, "其中，通过市政府网站……，通过县政府门户网站……", goes on)
                lst = lst[:channel.start()]
            items = list(COUNT_APPROX_RE.finditer(lst))
            unit = tm.group("u")
            while len(items) > 2 and items[-1].group("u") != unit and sum(i.group("u") == unit for i in items) >= 2:
                items.pop()  # "其中公文8条、非公文66条，作出行政处罚决定8件": a last count in another unit is another quantity
            if lo.groupdict().get("kinds") and not closed_breakdown(lst):
                continue  # 涉及/涵盖 topics: not a breakdown
            approx = any(i.group("approx") for i in items)
            if len(items) < 2 or any(not same_unit(i.group("u"), unit) for i in items) or \
                    re.search(r"余|多|约|左右|%|％|复议|诉讼", COUNT_APPROX_RE.sub("", lst)):
                continue
            total, got = value(tm.group("n")), sum(value(i.group("n")) for i in items)
            # the two kinds of applicant are every applicant; kinds of one closed set (予以公开、部分公开……) name every part
            applicants = ("自然人" in lst and "法人" in lst) or closed_breakdown(lst)
            if other_units_after_the_total([value(i.group("n")) for i in items], [i.group("u") for i in items], total, unit):
                continue  # another quantity in another unit after (or beside) the breakdown
            if len(items) == 2 and not applicants and (got <= total or _count_words("channels").search(lst)):
                continue  # two kinds may be any two; two channels may carry the same items
            if got == total or (approx and got <= total):
                continue  # "1600余条": only lower bounds that already exceed the total are sure to contradict it
            semi = re.search(r"[;；]", lst)
            if got > total and semi and sum(value(i.group("n")) for i in items if i.end() <= semi.start()) == total:
                continue  # "4条，其中业务工作4条；动态类信息51条；……": the breakdown ends at ；, the clauses after it are more
            if got > total and adds_up_before_the_end([value(i.group("n")) for i in items], total, lst, [i.end() for i in items]):
                continue  # "720人次，其中电话430人次，现场290人次，专栏访问量1406人次": the last is another quantity
            # (a nested breakdown may hide the rest; a clause after ； that reports another quantity ends the list, whole
            # where the list closes with 其他 and falls just short — 29 of 31, the real dev q4404)
            ended = nested is not None and re.match(r"[;；]", nested.group(0)) is not None and \
                is_rest(last_item(lst)) and total - got <= max(2, total // 10)
            if got < total and ((nested and not ended) or cut or re.match(r"\s*等", lst[items[-1].end():])
                                or _MORE_COUNTS.match(lst, items[-1].end())):
                continue  # a list cut short by us, or one that says it is partial (……公开指南1条等), or one that goes on
                # in another unit (……文字解读4条、新闻发布会5次、在线访谈1次): the rest is unknown
            # "其中：" announces all (a next sentence's "主要包括：" does not)
            exhaustive = not rest_uncounted(lst) and (is_rest(last_item(lst)) or applicants or (
                lo.re is _LIST_OPEN and bool(re.search(r"[:：]\s*$", text[tm.end():lo.end()]))))
            # a shorter list may simply not name every kind; only a sum just below the total is a slip of arithmetic
            if got < total and not exhaustive and total - got > max(1, total // 50):
                continue
            if TOTAL_BEFORE.search(text, max(a0, tm.start() - 20), tm.start()) and (got > total or names_every_part(lst)) \
                    and not re.search(r"[；;]", lst) and "其中" in text[tm.end():lo.end()]:
                continue  # K-02's finding (K-02 reads a 其中 list in one sentence: one going on past ；, or opened by
                # 包括/a colon — "共计3437条，包括：……" — is left to this check)
            last = items[-1]
            yield ctx.finding(tm.start(), lo.end() + last.end(), variant="sum", total=total, unit=unit,
                              listed="＋".join(i.group("n") + (i.group("approx") or "") for i in items),
                              got=f"{got}余" if approx else got,
                              relation="多于" if got > total else "少于")


# a clause of its own after a comma, on another channel and with its own verb, ends a breakdown: "，通过X公众号发布信息834条"
_NEXT_CHANNEL = re.compile(r"[，,]\s*(?:通过|依托|利用|借助)[^，,；;。\d]{2,24}?(?:发布|公开|推送|刊发|转载)")
_CHANNEL_FIRST = re.compile(r"[\s，,：:]*(?:其中)?[\s，,：:]*(?:通过|依托|利用|借助|在)")
# the list goes on with counts in another unit: "、新闻发布会5次" after "……文字解读4条"
_MORE_COUNTS = re.compile(r"\s*[、，,]\s*[^、，,；;。\d]{1,12}?\d+\s*(?:次|场|期|个|项|人次|场次|篇|份|部)")
_FOLLOW_STOP = re.compile(r"共|合计|总计|累计|其中|包括|%|％|余|多|约|左右|较|同比|上年|去年|复议|诉讼")
_CLAUSE_BREAK = re.compile(r"\s*[；;。]\s*")  # what ends the count's sentence before the list
_SUBSET_LEAD = re.compile(r"[^，,。；;\d]{0,16}?(?:通过|在|依托)[^，,。；;\d]{1,20}?中\s*[，,:：]")


def _following_list(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"累计主动公开政府信息280条；通过网站公开132条，……，其它媒体公开73条。": a count that ends its sentence, and a next
    sentence of three counts or more in its unit that ends with the rest (其他/其它/其余) — a full breakdown given apart
    from its total, which must add up to it."""
    text = report.text
    for sp in report.views.spans(headings=False, title=False):
        for tm in COUNT_RE.finditer(text, sp.start, sp.end):
            nxt = _CLAUSE_BREAK.match(text, tm.end(), sp.end)  # (matched in place: no copy of the rest of the span)
            if not nxt or APPROX_AFTER.match(text[tm.end():tm.end() + 2]):
                continue
            lo0 = max(sp.start, tm.start() - LIST_MAX)  # (bounded, like the list below: linear in the paragraph)
            clause = text[max(lo0, *(text.rfind(c, lo0, tm.start()) + 1 for c in "，,；;。")):tm.start()]
            # the count is a whole (共/累计/合计/总计, or the year's 主动公开), not one channel's ("通过公开栏公开144条");
            # judged first: it reads only the clause, the list below reads up to the next 。
            if not re.search(r"共|累计|合计|总计|主动公开", clause) or re.search(r"其中|通过|在|较|同比|上年|去年|%|％", clause):
                continue
            lo = nxt.end()
            end = text.find("。", lo, min(sp.end, lo + LIST_MAX))
            if end < 0 and sp.end > lo + LIST_MAX:
                continue  # no end of the list within reach: its rest is unknown
            end = sp.end if end < 0 else end
            if re.match(r"\s*一是", text[lo:end]) and re.search(r"二是", text[end:sp.end]):
                continue  # "共计253条。一是……其他信息11条。二是……103条": the breakdown goes on in the next items
            lst = without_nested(text[lo:end])
            if re.search(r"历年|累计", clause) and re.match(r"\s*(?:(?:19|20)\d{2}\s*年|本年|全年|今年)", lst):
                continue  # "历年累计公开2100条。2023年主动公开的政府信息中，……": the year's share, not the cumulative count
            if _SUBSET_LEAD.match(lst):
                continue  # "通过网站公开的信息中，……": one channel's information, not the whole
            unit = tm.group("u")
            # counts in another unit are details of an item ("编印《林业简报》18期，公开信息85条")
            items = [i for i in COUNT_RE.finditer(lst) if i.group("u") == unit]
            if len(items) < 3 or _FOLLOW_STOP.search(lst) or \
                    not is_rest(last_item(lst[:items[-1].end()])) or \
                    lst[items[-1].end():].strip("。；;，, "):
                continue
            total, got = value(tm.group("n")), sum(value(i.group("n")) for i in items)
            if got == total:
                continue
            yield ctx.finding(tm.start(), lo + items[-1].end(), variant="sum", total=total, unit=unit,
                              listed="＋".join(i.group("n") for i in items), got=got,
                              relation="多于" if got > total else "少于")


# "共收到申请10件，自然人、法人分别为6件、5件": names, 分别, then one count per name
_RESPECTIVE = re.compile(rf"[，,]\s*(?P<names>[^，,。；;\d]{{2,40}}?)分别(?:为|是|有|占|公开|发布|收到|受理|办理|提出|答复)?\s*(?P<list>"
                         rf"\d+\s*(?:{UNITS})?(?:\s*[、，,和及与]\s*\d+\s*(?:{UNITS})?)+)")
_BARE_NUM = re.compile(rf"(?P<n>\d+)\s*(?P<u>{UNITS})?")


def _respective(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"共N件，A、B、C分别为a件、b件、c件": the counts given one per name after a total must add up to it — more is sure
    to contradict, less only when the names end with 其他/其余 or the sum falls just short (a slip of arithmetic)."""
    text = report.text
    for s in report.views.sentences:
        for tm in TOTAL_RE.finditer(text, s.start, s.end):
            rm = _RESPECTIVE.match(text, tm.end(), s.end)
            if not rm or APPROX_AFTER.match(text[tm.end():tm.end() + 2]):
                continue
            names = [n for n in re.split(r"[、和及与]", rm.group("names")) if n.strip()]
            nums = list(_BARE_NUM.finditer(rm.group("list")))
            unit = tm.group("u")
            if len(nums) < 2 or len(names) != len(nums) or nums[-1].group("u") != unit or \
                    any(n.group("u") not in (None, unit) for n in nums) or re.search(r"其中|同比|较|上年|去年", rm.group("names")):
                continue
            total, got = value(tm.group("n")), sum(value(n.group("n")) for n in nums)
            slip = 0 < total - got <= max(1, total // 50)
            if got == total or (got < total and not slip and not re.search(r"其他|其余", names[-1])):
                continue
            yield ctx.finding(tm.start(), rm.end(), variant="sum", total=total, unit=unit,
                              listed="＋".join(n.group("n") for n in nums), got=got,
                              relation="多于" if got > total else "少于")


# the count of new requests, said in so many words: 收到/新收/接到/接收 (not 受理, which may include the year before)
_RECEIVED = re.compile(r"(?:共|全年|本年度?|今年)?(?:新收|收到|接到|接收)(?:了)?(?:各类|各项)?(?:政府信息公开|信息公开|依申请公开)(?:的)?申请"
                       rf"(?:共|总计|合计|共计|为)?\s*(?P<n>{NUM})\s*件(?![\d%％])")


# a part of the body named earlier in the sentence ("全区共受理640件，结转27件，区政府本级共受理158件，结转4件")
_SUB_BODY = re.compile("|".join(lexicon("count_words")["sub_body"]))  # (count_words.toml)
# requests carried into next year, said in so many words
_CARRIED_FORWARD = re.compile(rf"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:政府信息公开)?(?:申请)?(?:共|为)?\s*(?P<n>{NUM})\s*件"
                              r"(?![\d%％])")


def _received_twice(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"本年度收到政府信息公开申请5件" in one place and "……收到政府信息公开申请7件" in another (or the requests carried into
    next year): the report's own count, stated twice, must be the same number (counts of a channel, a kind of
    applicant, a part of the body or another period are left out)."""
    text = report.text
    year = report.meta.year
    review, litigation = (_CASES[k][0] for k in ("review", "litigation"))
    for rx in (_RECEIVED, _CARRIED_FORWARD, YEAR_TOTAL, review, litigation):
        first: re.Match | None = None
        for s in report.views.sentences:
            sent = text[s.start:s.end]
            if rx in (review, litigation) and not (_ABOUT_DISCLOSURE.search(sent) or s.part == "review_litigation"):
                continue  # cases the body decides or takes part in, not cases over its disclosure
            planned: bool | None = None  # whether the sentence is a plan: read once, for its first count
            for m in rx.finditer(text, s.start, s.end):
                head = text[max(s.start, text.rfind("，", s.start, m.start()) + 1, text.rfind(",", s.start, m.start()) + 1):m.end()]
                if _count_words("part_count").search(head.replace("结转", "")):
                    continue
                if planned is None:
                    planned = PLAN_RE.search(sent) is not None
                if planned or _SUB_BODY.search(text, s.start, m.start()):
                    continue
                if any(int(y) != year for y in _YEAR_NAMED.findall(text, s.start, m.end())):
                    continue
                if first is None:
                    first = m
                elif value(m.group("n")) != value(first.group("n")) and \
                        ("u" not in rx.groupindex or m.group("u") == first.group("u")):
                    yield ctx.finding(m.start(), m.end(), variant="restated" if rx in (_RECEIVED, _CARRIED_FORWARD) else
                                      "restated_count", first=text[first.start():first.end()], second=text[m.start():m.end()])
                    break
            else:
                continue
            break


# the flow of the year's requests in one sentence: received (收到/受理, not one channel's), carried over from last year,
# completed (办结/答复), carried into next year — received + carried over = completed + carried forward (table three)
# (the applicants may stand between: 受理公民、法人和其他社会组织政府信息公开申请758件)
_FLOW_IN = re.compile(rf"(?:新收|收到|接到|接收|受理)(?:了)?(?:各类|各项)?(?:(?:公民|法人|自然人|其他|组织|社会|和|、|及|或者?)+"
                      rf"(?:提出|提交)?的?)?(?:政府信息公开|信息公开|依申请公开)(?:的)?申请(?:共|为)?\s*"
                      rf"(?P<n>{NUM})\s*件(?![\d%％])")
_FLOW_OVER = re.compile(rf"(?:上一?年度?|去年|(?<!\d)(?:19|20)\d{{2}}\s*年度?)(?:结转|转入)(?:的)?(?:政府信息公开)?(?:申请)?(?:共|为)?\s*(?P<n>{NUM})\s*件(?![\d%％])")
_FLOW_DONE = re.compile(rf"(?<![未没])(?:办结|办理完毕|答复完毕)(?:了)?(?:政府信息公开申请|申请)?(?:共|为)?\s*(?P<n>{NUM})\s*件(?![\d%％])")
_FLOW_FORWARD = re.compile(rf"结转(?:至|到)?(?:下一?年度?|(?:19|20)\d{{2}}\s*年度?)(?:继续)?(?:办理)?(?:的)?(?:政府信息公开)?(?:申请)?(?:共|为)?\s*"
                           rf"(?P<n>{NUM})\s*件(?![\d%％])")


_FLOW_RES = (_FLOW_IN, _FLOW_OVER, _FLOW_DONE, _FLOW_FORWARD)

# every kind of applicant named together (公民、法人和其他组织): the count is all the requests, not one kind's
_ALL_APPLICANTS = re.compile(r"(?:公民|自然人)[、，,和及与]*法人(?:[、，,和及与或者]*(?:其他|社会)*组织)?")


def _flow(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"收到申请10件，办结7件，结转下年度2件": one sentence that states the year's requests received, completed and carried
    into next year (each once) must balance — received + carried over = completed + carried forward. Without the
    carried-over count stated, only fewer completed and carried than received is sure to be wrong."""
    text = report.text
    sents = report.views.sentences
    for k, s in enumerate(sents):
        found = [list(rx.finditer(text, s.start, s.end)) for rx in _FLOW_RES]
        if found[0] and not (found[2] and found[3]) and text[s.end - 1] in "；;" and k + 1 < len(sents) \
                and sents[k + 1].par_start == s.par_start:
            # the flow split by a semicolon ("办结367件；结转下年度16件"): the next clause completes it
            found = [list(rx.finditer(text, s.start, sents[k + 1].end)) for rx in _FLOW_RES]
        got, over, done, fwd = found
        if len(got) != 1 or len(done) != 1 or len(fwd) != 1 or len(over) > 1:
            continue
        last = max(m[0].end() for m in found if m)
        sent = text[s.start:last]  # what the counts say; a comparison after them (较上年增长36.3%) is not theirs
        if _SUB_BODY.search(sent) or PLAN_RE.search(sent) or re.search(r"同比|较|比上年|累计|以来|截至|截止", sent):
            continue
        clause = _ALL_APPLICANTS.sub("", _clause(text, s, got[0].start(), got[0].end()).replace("结转", ""))
        # one channel's, one kind of applicant's or one part of the body's (every kind named is all of them); the whole
        # area's requests (part_count's 全区, 全县 …: 全区共受理……) balance within their own sentence like the body's own
        if any(not w.group(0).startswith("全") for w in _count_words("part_count").finditer(clause)):
            continue
        received, completed, forward = (value(m[0].group("n")) for m in (got, done, fwd))
        carried = value(over[0].group("n")) if over else None
        if (carried is not None and received + carried != completed + forward) or \
                (carried is None and completed + forward < received):
            if carried is None:
                yield ctx.finding(got[0].start(), last, variant="flow_short", received=received, completed=completed,
                                  forward=forward)
            else:
                yield ctx.finding(got[0].start(), last, variant="flow", received=received, carried=carried,
                                  completed=completed, forward=forward)


# a share of the requests written without its count ("从所申请信息的内容看，60%是涉及教育类信息，30%是……")
_BARE_SHARE = re.compile(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*[%％](?:的)?(?:申请)?(?:是|为|涉及|属于|来自)")


def _shares_of_requests(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"受理政府信息公开申请5件……60%是涉及教育类信息，30%是涉及住建类信息": a share of the year's requests written
    without its count must be a share some whole number of them can have (of 5, 20%, 40% …, not 30%)."""
    text = report.text
    for m in _BARE_SHARE.finditer(text):
        before = list(_FLOW_IN.finditer(text, max(0, m.start() - 400), m.start()))
        if not before:
            continue
        n, p = value(before[-1].group("n")), float(m.group("p"))
        if n <= 0 or n > 200 or p > 100 or any(share_matches(k, n, p) for k in range(n + 1)):
            continue
        yield ctx.finding(m.start("p"), m.end("p") + 1, variant="share_of_requests", total=n, written=m.group("p"))


# a declared number of ways or aspects, enumerated in the same paragraph with 一是……二是……("通过以下四种方式进行：一是……")
_ORDINALS = "一二三四五六七八九十"
_DECLARED = re.compile(rf"(?:以下|从|通过|做好|抓好|采取|围绕|着力)[^，。；:：\n]{{0,6}}?(?P<n>[{_ORDINALS}两]|\d)(?:个|种|项|类|条)"
                       r"(?:方面|方式|措施|渠道|途径|举措|重点|工作)?[^。：:\n]{0,20}?[：:]")
_ORDINAL_ITEM = re.compile(rf"(?:^|(?<=[。；;，,\s：:]))(?P<o>[{_ORDINALS}])是")


def _enumerated(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"通过以下三种方式推进平台建设：一是……二是……三是……": the ways listed with 一是/二是 in the paragraph must be as many
    as it declares (a list continued in later paragraphs, "（一）……", is not read)."""
    text = report.text
    for sp in report.views.spans(headings=False, title=False):
        for m in _DECLARED.finditer(text, sp.start, sp.end):
            n = 2 if m.group("n") == "两" else (int(m.group("n")) if m.group("n").isdigit() else _ORDINALS.index(m.group("n")) + 1)
            ords = [o.group("o") for o in _ORDINAL_ITEM.finditer(text, m.end(), sp.end)]
            if len(ords) < 2 or ords != list(_ORDINALS[:len(ords)]) or len(ords) == n:
                continue  # no 一是 list, or one out of order (another list), or as many as declared
            yield ctx.finding(m.start("n"), m.end() - 1, variant="enumerated", declared=text[m.start("n"):m.end() - 1].strip(),
                              listed=len(ords), last=ords[-1])


# a run of kinds right after a sentence's first count, with no word opening it ("累计公布信息58条，工作动态40条，项目管理9条，
# 安全监管6条，执法信息2条，依申请公开事项办结1件"): the kinds are named by nouns alone — a verb, a channel or a total in
# the name makes it another statement
_RUN_VERB = re.compile(r"发布|公开|回复|办结|受理|推送|更新|开展|印发|制定|召开|举办|通过|在|向|收到|答复|办理|编制|报送|上传|转载|"
                       r"录入|接待|解读|征集|访问|浏览|点击|关注|订阅|阅读|其中|包括|共|累计|合计|总计|较|同比|上年|去年")


def _label_run(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"累计公布信息58条，工作动态40条，项目管理9条，安全监管6条，执法信息2条": three kinds or more named by nouns alone,
    each with a count in the unit of the sentence's first count, right after it — they break it down, and may not
    exceed it (nor fall short when the last is the rest)."""
    text = report.text
    for s in report.views.sentences:
        tm = COUNT_RE.search(text, s.start, s.end)
        if tm is None or not re.match(r"\s*[，,]", text[tm.end():tm.end() + 2]):
            continue
        lo = _LIST_OPEN.match(text, tm.end(), s.end)
        if lo and lo.end() > tm.end():
            continue  # a breakdown opened by its words: _sums reads it
        # the count's own clause says it is a whole (an item's count — 教育局主要职责2条 — is not)
        head = text[max(s.start, *(text.rfind(c, s.start, tm.start()) + 1 for c in "，,；;：:")):tm.start()]
        # (and its count follows the verb and a general object: 主动公开规章2件 counts one kind, the first of a list)
        if not re.search(r"(?:主动公开|公开|公布|发布|更新|累计)(?:了)?(?:各类|各项)?(?:政府|政务)?(?:信息|文件)?"
                         r"(?:共计|共|合计|总计)?\s*$", head) or \
                re.search(r"其中|包括|较|同比|上年|去年|%|％", text[s.start:tm.start()]) or \
                APPROX_AFTER.match(text[tm.end():tm.end() + 2]):
            continue
        run, at, last_label = [], tm.end(), ""
        for it in COUNT_RE.finditer(text, tm.end(), min(s.end, tm.end() + LIST_MAX)):
            label = text[at:it.start()].lstrip("，,、；; ")
            if it.group("u") != tm.group("u") or not label or len(label) > 14 or _RUN_VERB.search(label) or \
                    APPROX_AFTER.match(text[it.end():it.end() + 2]):
                break
            run.append(it)
            at, last_label = it.end(), label
            if not re.match(r"\s*[，,、；;]", text[at:at + 2]):
                break
        if len(run) < 3:
            continue
        total, got = value(tm.group("n")), sum(value(i.group("n")) for i in run)
        if got == total or (got < total and not is_rest(last_label) and total - got > max(1, total // 50)):
            continue
        yield ctx.finding(tm.start(), run[-1].end(), variant="sum", total=total, unit=tm.group("u"),
                          listed="＋".join(i.group("n") for i in run), got=got, relation="多于" if got > total else "少于")


# kinds named one after another and then counted ("内容涉及通知公告、机构职能、规范性文件、财政资金及重点领域信息公开7大类")
_NAMED_COUNT = re.compile(rf"(?:涉及|包括|包含|涵盖|分为|围绕|覆盖)(?P<list>[^，,。；;：:\d等]{{2,80}}?)(?P<n>{NUM})\s*(?:大类|类|个方面|个领域|个类别)")


def _named_count(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"……涉及通知公告、机构职能、规范性文件、财政资金及重点领域信息公开7大类": the kinds named (split at 、, the last
    join 及/和/与/以及 read either way) must be as many as the count after them; a list with 等 is partial."""
    text = report.text
    own = [(d.start, d.end) for d in report.views.part_lists]  # the report's list of its own parts is S-08's
    for s in report.views.sentences:
        for m in _NAMED_COUNT.finditer(text, s.start, s.end):
            if any(a <= m.start("n") < b for a, b in own):
                continue
            parts = [p for p in m.group("list").split("、") if p.strip()]
            if len(parts) < 2:
                continue
            fewest, most = len(parts), len(parts) + (1 if re.search(r"以及|及|和|与", parts[-1]) else 0)
            n = value(m.group("n"))
            if fewest <= n <= most:
                continue
            yield ctx.finding(m.start("list"), m.end(), variant="named_count", declared=text[m.start("n"):m.end()],
                              listed=most if most < n else fewest)


# no request received, then a clause that says the requests were handled
_ZERO_REQ = re.compile(rf"(?:未|没有)(?:收到|受理|接到)[^，,。；;]{{0,12}}?申请|(?:收到|受理|接到)[^，,。；;\d]{{0,16}}?申请[^，,。；;\d]{{0,4}}?(?<!\d)[0零]\s*(?:{REQUEST_UNITS})")
_HANDLED = re.compile(r"\s*[，,]\s*(?P<h>(?:均|已|全部|都|按照程序|按程序|依法|按时|及时|在法定时限内|在规定时限内|予以){1,4}"
                      r"(?:公开|答复|办结|回复)(?:完毕)?)\s*(?=[。；;]|$)")


def _none_then_handled(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"收到政府信息公开申请0件，已按程序予以公开": a clause saying the requests were answered or disclosed right after
    one saying there were none."""
    text = report.text
    for s in report.views.sentences:
        for m in _ZERO_REQ.finditer(text, s.start, s.end):
            h = _HANDLED.match(text, m.end(), s.end)
            if h and re.search(r"已|均|全部|都|按照程序|按程序|依法|按时|及时|时限", h.group("h")):
                yield ctx.finding(h.start("h"), h.end("h"), variant="none_handled", first=text[m.start():m.end()],
                                  second=h.group("h"))
                continue
            # the requests described right after (in the next 80 characters of the paragraph): their form or content
            d = _DESCRIBED.search(text, m.end(), min(s.par_end, m.end() + 80))
            if d and not re.search(r"上年|去年|往年|以往|历年|复议|诉讼", text[m.end():d.end()]):
                yield ctx.finding(d.start(), d.end(), variant="none_described", first=text[m.start():m.end()],
                                  second=d.group(0))


# what only requests received can have: a main form, a content, applicants
_DESCRIBED = re.compile(r"主要申请(?:形式|方式|内容|渠道)[^，,。；;]{0,12}|申请(?:内容|事项)(?:主要|多)[^，,。；;]{0,12}|"
                        r"申请人主要[^，,。；;]{0,12}|申请主要(?:涉及|集中)[^，,。；;]{0,12}")


# a later run of items published in the year (after the year's proactive total, YEAR_TOTAL)
_ITEM_RUN = re.compile(rf"(?:[^、，,；;。\d]{{1,16}}?\d+\s*(?:{UNITS})[、，,]){{3,}}[^、，,；;。\d]{{1,16}}?\d+\s*(?:{UNITS})")


def _list_over_years_total(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"2023年主动公开政府信息共21条" and later "2023年……新增公开了领导信息3条、工作动态61条、政策文件15条……": items
    published in the year that add up to more than the year's whole proactive total."""
    text, year = report.text, report.meta.year
    total = None
    for s in report.views.sentences:
        sent = text[s.start:s.end]
        if total is None:
            for m in YEAR_TOTAL.finditer(text, s.start, s.end):
                head = text[max(s.start, *(text.rfind(c, s.start, m.start()) for c in "，,：:")):m.start()]
                if (m.group("y") and int(m.group("y")) != year) or re.search(r"通过|在|累计|历年|以来|截至|截止", head):
                    continue
                total = m
                break
            continue
        if not re.search(r"新增|全年|本年|" + (str(year) if year else "本年度"), sent) or \
                re.search(r"其中|累计|历年|以来|截至|截止|上年|去年|同比|较|余|多|约|%|％", sent):
            continue
        for r in _ITEM_RUN.finditer(text, s.start, s.end):
            items = list(COUNT_RE.finditer(text, r.start(), r.end()))
            if not re.search(r"公开|发布", text[s.start:items[0].start()]):
                continue
            unit = total.group("u")
            if any(i.group("u") != unit for i in items):
                continue
            got, n = sum(value(i.group("n")) for i in items), value(total.group("n"))
            if got > n:
                # the year's total is the number the items contradict: the finding stands on it, the items in its message
                yield ctx.finding(total.start(), total.end(), variant="over_year", first=text[total.start():total.end()],
                                  listed="＋".join(i.group("n") for i in items), got=got, unit=unit)
                return


_BRACKETED = re.compile(rf"(?<![\d.])(?P<n>\d+)\s*(?P<u>{UNITS})?\s*[（(](?P<list>[^（()）]{{4,200}})[)）]")
_NOT_ITEM = re.compile(r"[\d\s、，,；;。和及与]|(?:[^\d、，,；;]*?\d+\s*(?:" + UNITS + r"))")  # what is left is no item
_PARTIAL = re.compile(r"等|其中|包括|包含|含|部分|主要|如|例如|余|多|约|左右|%|％|以上")


def _bracketed_sums(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """"684条（制度文件2条、规划计划5条、部门文件72条……）": a count with its breakdown in brackets right after it. Only
    a breakdown that reads as complete (three items or more, no 等/其中/主要) may fall short; any may not exceed."""
    text = report.text
    for sp in report.views.spans(headings=False, title=False):
        for m in _BRACKETED.finditer(text, sp.start, sp.end):
            lst = m.group("list")
            items = list(COUNT_RE.finditer(lst))
            units = {i.group("u") for i in items}
            unit = m.group("u") or (units.pop() if len(units) == 1 else None)
            if len(items) < 2 or unit is None or any(i.group("u") != unit for i in items):
                continue
            if _NOT_ITEM.sub("", lst):
                continue  # words between the items that are not items: not a plain breakdown
            total, got = value(m.group("n")), sum(value(i.group("n")) for i in items)
            # "74条（包括A1条、……、其他12条）": a breakdown opened by 包括 and closed by the rest names every part
            lead = re.match(r"\s*(?:包括|包含)\s*[:：]?", lst)
            partial = bool(_PARTIAL.search(lst[lead.end():] if lead and is_rest(last_item(lst)) else lst))
            if got == total or (got < total and (partial or len(items) < 3)) or (got > total and partial and "其中" not in lst):
                continue
            if got > total and re.search(r"余|多|约|左右|%|％", lst):
                continue
            # the total stated just before in the same words ("684条：其中……684（…）") is the same quantity: show both
            start = m.start()
            before = text.rfind(f"{total}{unit}", max(sp.start, start - 40), start)
            if before >= 0 and not re.search(r"[。；;]", text[before:start]):
                start = before
            yield ctx.finding(start, m.end(), variant="sum", total=total, unit=unit,
                              listed="＋".join(i.group("n") for i in items), got=got,
                              relation="多于" if got > total else "少于")


# the year's count, then the count of all the years so far: "受理申请1件，历年累计为0" — the years' count is at least the
# year's (the real dev q3613). The same unit, or none after 累计; one sentence. (累计 alone may be the year's own running
# total: only 历年/往年累计.)
_SINCE_EVER = re.compile(rf"(?:历年|往年)累计(?:主动公开|公开|受理|收到|发布)?[^，,。；;\d]{{0,8}}?(?:为|共|达)?\s*"
                         rf"(?P<m>{NUM})(?:\s*(?P<u>{UNITS}))?(?![\d%％])")


def _cumulative_below_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-06 (cumulative): a count 历年累计 below the year's count just before it, in one sentence."""
    text = report.text
    for s in report.views.sentences:
        for m in _SINCE_EVER.finditer(text, s.start, s.end):
            before = list(COUNT_RE.finditer(text, s.start, m.start()))
            if not before:
                continue
            c = before[-1]
            if not re.search(r"[，,]", text[c.end():m.start()]):
                continue  # the years' count follows the year's in the next clause
            unit = m.group("u") or c.group("u")
            if unit != c.group("u") or value(m.group("m")) >= value(c.group("n")):
                continue
            yield ctx.finding(m.start(), m.end(), variant="cumulative", year_count=f"{c.group('n')}{c.group('u')}",
                              ever=f"{m.group('m')}{unit}")


def prose_numbers(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    flagged: set[int] = set()
    for f in _shares(report, ctx):
        flagged.add(f.location.start)
        yield f
    yield from _share_lists(report, ctx, flagged)
    yield from _rates(report, ctx)
    yield from _respective(report, ctx)
    yield from _following_list(report, ctx)
    yield from _none_then_handled(report, ctx)
    yield from _list_over_years_total(report, ctx)
    yield from _sums(report, ctx)
    yield from _bracketed_sums(report, ctx)
    yield from _flow(report, ctx)
    yield from _shares_of_requests(report, ctx)
    yield from _enumerated(report, ctx)
    yield from _label_run(report, ctx)
    yield from _named_count(report, ctx)
    yield from _cumulative_below_year(report, ctx)
    # "收到申请0件" and later "收到申请2件" is said once, as no request against some
    told = set()
    for f in _none_and_some(report, ctx):
        told.add((f.location.start, f.location.end))
        yield f
    yield from (f for f in _received_twice(report, ctx) if (f.location.start, f.location.end) not in told)
