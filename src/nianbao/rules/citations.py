"""F-07: the format a report follows, read from its own citations: the 2019 trial format
(国办公开办函〔2019〕60号) cited as the basis of a report for 2021 or later, when the 2021 format (〔2021〕30号)
replaced it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.years import year_guess
from nianbao.views import sentence_bounds
from nianbao.vocab import pre2019_words


def _format_notice(year: int, serial: int) -> re.Pattern:
    """A format notice by its number, whatever brackets hold the year — the issuer also with 办 or 函 lost (国办公开函,
    国办公开办: the same notice by its year and serial, the slip W-08's or W-07's; the real dev s9602)."""
    return re.compile(rf"国办公开(?:办函|函|办)\s*[〔\[［(（【]\s*{year}\s*[〕\]］)）】]\s*{serial}\s*号")


CITE_2019 = _format_notice(2019, 60)
CITE_2021 = _format_notice(2021, 30)
_HISTORY = re.compile(r"废止|停止执行|不再执行|替代|代替|取代|修订|原格式|旧格式|试行格式的|以前")


# the 2019 notice by its title, 《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》, also
# with a word of it lost (关于工作年度报告有关事项的通知) or forwarded; a title that names a year is another notice (关于做好
# 2021年……), and so is a local office's own notice of the same wording (××区人民政府办公室关于……)
TITLE_2019 = re.compile(r"《(?:[^《》\d]{0,40}?(?:国务院办公厅|国办|政府信息与政务公开办公室)[^《》\d]{0,20}?)?"
                        r"(?:关于)?(?:政府信息公开)?(?:工作)?年度报告有关事项的通知》")
# the trial format by its own name, 《中华人民共和国政府信息公开工作年度报告格式（试行）》, also without 《》 or 工作
TRIAL_NAME = re.compile(r"《?(?:中华人民共和国)?政府信息公开(?:工作)?年度报告格式\s*[（(]\s*试行\s*[)）](?:及编写说明)?》?")
_REGULATION_NOTE = re.compile(r"条例》?\s*[(（][^()（）]{0,40}[)）]|(?:最?新)?修订(?:后)?的?\s*《[^《》]{0,30}条例》")


def cited_trial_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """F-07: the 2019 notice cited by its number or by its title, or the trial format by its own name (年度报告格式
    （试行）) — the span covers the number too when it follows — in a report for 2021 or later, in a sentence that does
    not tell the history. Its title with the 2021 format's number is the variant ``mixed``; a sentence citing both
    notices as the basis, the variant ``both`` (the real dev split's writers mark both, 5 of 5). Each citation is a
    finding: the author fixes every place the obsolete basis is named (the real dev q1308 cites it twice)."""
    year = year_guess(report) or 0
    if year < 2021:
        return
    text = report.text
    cites: list[tuple[int, int, bool]] = []  # (start, end, the title with the 2021 number)
    for t in sorted((*TITLE_2019.finditer(text), *TRIAL_NAME.finditer(text)), key=lambda t: t.start()):
        at = t.end() + (1 if text[t.end():t.end() + 1] in "（(" else 0)
        n, n21 = CITE_2019.match(text, at), CITE_2021.match(text, at)
        cites.append((t.start(), (n or n21).end() if n or n21 else t.end(), bool(n21)))
    cites += [(m.start(), m.end(), False) for m in CITE_2019.finditer(text)
              if not any(a <= m.start() < b for a, b, _ in cites)]
    for start, end, mixed in sorted(cites):
        a, b = sentence_bounds(text, start, end)
        sent = text[a:b]
        # (the regulation's own revision — 《条例》（2019年4月3日修订）, 新修订的《条例》 — tells no history of the format)
        if _HISTORY.search(_REGULATION_NOTE.sub("", sent)):
            continue
        if mixed:
            yield ctx.finding(start, end, variant="mixed", year=year)
        elif CITE_2021.search(sent[:start - a] + sent[end - a:]):
            yield ctx.finding(start, end, variant="both", year=year)
        else:
            yield ctx.finding(start, end, variant="cite", year=year)


# --------------------------------------------------------------------------------------------- F-08

_OLD_TITLE = (r"(?:(?:部门|政府)?信息公开(?:工作)?的?)?(?:收费(?:及|和|与)?(?:费用)?减免|收费|支出(?:和|及|与)收费|"
              r"费用(?:收取)?(?:及|和)?减免|咨询处理)(?:的)?(?:情况)?"
              r"|(?:(?:因)?政府信息公开)?(?:申请)?(?:行政)?复议、?(?:提起)?(?:行政)?诉讼和申诉(?:的)?情况"
              r"|(?:行政机关)?依申请公开政府信息和不予公开政府信息(?:的)?情况"
              r"|概\s*述")
# a heading on its own line, or an item run in after a sentence's end ("……不予公开的政府信息。 3、政府信息公开收费及减免情况。")
_OLD_HEADING = re.compile(
    r"(?:^|(?<=[。；;]))[ \t　]*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]、?|\d{1,2}\s*[、.．])\s*"
    rf"(?P<t>{_OLD_TITLE})\s*(?:[。.:：]|$)", re.M)
# (依申请公开政府信息情况 is the old outline's part three; in a 2019+ report's own part list it is always the old outline —
# 15 of 15 on the real dev split — while as a sub-heading of part one, "（二）依申请公开政府信息情况", it is current; so is
# 政府信息依申请公开办理情况: 6 of 6 such 2019+ lists on dev marked; and 政府信息依申请公开情况: 6 of 6 such lists on the
# re-gathered dev, fifteenth session, three of them marked as the list's wrong parts)
# (part one as 基本情况 in a 2019+ list — the old outline's 概述 by another name: real dev s0008, q7620 and a fresh page
# marked, g0019 not; a note, as part three's old words)
_PART_ONE_OTHER = re.compile(r"(?:政府信息公开)?(?:工作)?(?:的)?基本(?:情况|概况)")
_OLD_ITEM = re.compile(r"(?:^|[、，,；;])\s*(?:以及|和|及)?\s*(?P<t>(?:政府信息公开)?(?:工作)?概述|"
                       + _PART_ONE_OTHER.pattern + r"|依申请公开政府信息(?:的)?情况|"
                       r"依申请政府信息公开(?:的)?情况|政府信息依申请公开(?:的)?情况|"
                       r"(?:行政机关)?依申请公开政府信息和不予公开政府信息(?:的)?情况|"
                       r"(?:政府信息)?依申请公开(?:政府信息)?办理(?:的)?情况|"
                       r"[^、，,；;()（）]{0,12}?(?:收费及减免|收费和减免|支出和收费|"
                       r"支出及收费|咨询处理|和申诉)[^、，,；;()（）]{0,6}?)(?=[、，,；;()（）]|等|共|$)")


_OLD_OUTLINE = pre2019_words()
_PART_THREE_OLD = re.compile(r"政府信息依申请公开(?:的)?情况|依申请政府信息公开(?:的)?情况|" + _PART_ONE_OTHER.pattern)


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
    # the report's description of its parts (``views.part_lists``): the first that names an old part gives one
    # finding, on that part
    # (or a list of them with no lead, ``views.part_chains``, where the list names a part only the old outline has —
    # 收费及减免, 咨询, 概述: a lead-free list otherwise current may name part three in its own words, 依申请公开政府信息办理
    # 情况, dev 0 of 1 marked)
    chains = [d for d in report.views.part_chains if _OLD_OUTLINE.search(text, d.list_start, d.list_end)]
    for d in sorted((*report.views.part_lists, *chains), key=lambda d: d.start):
        ms = list(_OLD_ITEM.finditer(text[d.list_start:d.list_end]))
        ms = [m for m in ms if not _PART_ONE_OTHER.fullmatch(m.group("t"))] or ms  # 基本情况 counts only on its own
        # part three in its old words (or part one as 基本情况) is the list's only old part: in a list otherwise current it
        # may be the part paraphrased (real dev, fifteenth session: 6 of 7 marked) — a note
        weak = len(ms) == 1 and _PART_THREE_OLD.fullmatch(ms[0].group("t")) is not None
        for k, m in enumerate(ms):
            a = d.list_start + m.start("t")
            if k:
                yield ctx.finding(a, a + len(m.group("t")), variant="declared_more", title=m.group("t"))
            else:
                yield ctx.finding(a, a + len(m.group("t")), variant="declared", title=m.group("t"), year=year,
                                  severity="info" if weak else None)
        if ms:
            return


# --------------------------------------------------------------------------------------------- F-09

# "《title》（number）": a document cited with its number right after it
_CITED = re.compile(r"《(?P<title>[^《》]{4,80})》\s*[(（]\s*(?P<number>(?P<issuer>[\u4e00-\u9fff]{2,8}?)\s*"
                    r"[〔\[［(（【]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］)）】]\s*(?P<serial>\d{1,4})\s*号)")


@cache
def _documents() -> tuple[dict[str, tuple[str, tuple[str, ...]]], tuple[tuple[re.Pattern, str, dict[int, int]], ...]]:
    """(number -> (name, title keywords), yearly documents as (title regex with the year, issuer, year -> serial))."""
    d = lexicon("documents")
    known = {x["number"]: (x["name"], tuple(x["keywords"])) for x in d.get("document", ())}
    yearly = tuple((re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?\s*" + re.escape(y["title"])), y["issuer"],
                    {int(k): int(v) for k, v in y["numbers"].items()}) for y in d.get("yearly", {}).values())
    return known, yearly


def document_number_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """F-09: a cited document's title and number that do not belong together: the year's 政务公开工作要点 with another
    number than that year's, or the number of a known document under another title."""
    known, yearly = _documents()
    text = report.text
    for m in _CITED.finditer(text):
        title, issuer = m.group("title"), m.group("issuer")
        number = re.sub(r"\s", "", m.group("number"))
        a, b = m.start("number"), m.end("number")
        for rx, yissuer, serials in yearly:
            t = rx.search(title)
            if t and issuer == yissuer and int(t.group("y")) in serials:
                right = f"{yissuer}〔{t.group('y')}〕{serials[int(t.group('y'))]}号"
                # the year and the serial, read from the match (the issuer is the same): brackets alone are P-09's
                if (m.group("year"), m.group("serial")) != (t.group("y"), str(serials[int(t.group("y"))])):
                    yield ctx.finding(a, b, variant="number", title=title, right=right, found=number)
                break
        else:
            if number in known and not any(k in title for k in known[number][1]) and not TITLE_2019.fullmatch(f"《{title}》"):
                # (the title is what is wrong here: the span covers it and the number)
                yield ctx.finding(m.start(), b, variant="title", title=title, known=known[number][0], found=number)
