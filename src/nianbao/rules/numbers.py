"""Numbers in the text against the tables and against themselves (K-01, K-02).

Precision first: a number in the text is compared with a table cell only when its phrase names the same
quantity unambiguously (上年结转N件 ↔ 表三 二、总计); where the wording admits two readings, every reading
the tables support is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nianbao.model import Finding, Report, Table
from nianbao.rules.base import RuleContext
from nianbao.rules.counts import (
    APPROX_AFTER,
    CASE_UNITS,
    COUNT_RE,
    LIST_MAX,
    NUM,
    TOTAL_RE,
    UNITS,
    adds_up_before_the_end,
    is_rest,
    names_every_part,
    other_units_after_the_total,
    same_unit,
    share_matches,
    value,
    without_nested,
    without_shares,
)
from nianbao.rules.dates import PLAN_RE
from nianbao.views import Sentence

Values = list[tuple[float, str]]


def _v(t: Table | None, row: str, col: str = "total") -> float | None:
    if t is None:
        return None
    c = t.cell(row, col)
    if c is None or c.status != "number" or c.value is None:
        return None
    return float(c.value)


def _sum(t: Table | None, rows: list[str], col: str = "total") -> float | None:
    if t is None:
        return None
    present = [r for r in rows if r in t.cells]
    if not present:
        return None
    vals = [_v(t, r, col) for r in present]
    if any(v is None for v in vals):
        return None
    return sum(vals)  # type: ignore[arg-type]


def _rows(prefix: str, n: int) -> list[str]:
    return [f"{prefix}_{i}" for i in range(1, n + 1)]


def _req(report: Report) -> Table | None:
    return report.tables.get("requests")


def _rl(report: Report) -> Table | None:
    return report.tables.get("review_litigation")


def _vals(*pairs: tuple[float | None, str]) -> Values:
    return [(v, d) for v, d in pairs if v is not None]


def _new_plus_carried(t: Table | None) -> float | None:
    """表三 本年新收 + 上年结转, or None unless both are numbers."""
    new, carried = _v(t, "new"), _v(t, "carried_over")
    return new + carried if new is not None and carried is not None else None


def _new(r: Report) -> Values:
    t = _req(r)
    return _vals((_v(t, "new"), "表三“一、本年新收政府信息公开申请数量”总计"),
                 (_new_plus_carried(t), "表三本年新收与上年结转之和"))


def _new_only(r: Report) -> Values:
    return _vals((_v(_req(r), "new"), "表三“一、本年新收政府信息公开申请数量”总计"))


def _carried_over(r: Report) -> Values:
    return _vals((_v(_req(r), "carried_over"), "表三“二、上年结转政府信息公开申请数量”总计"))


def _completed(r: Report) -> Values:
    return _vals((_v(_req(r), "total"), "表三“（七）总计”"))


def _handled(r: Report) -> Values:
    t = _req(r)
    return _vals((_v(t, "total"), "表三“（七）总计”"), (_new_plus_carried(t), "表三本年新收与上年结转之和"))


def _carried_forward(r: Report) -> Values:
    return _vals((_v(_req(r), "carried_forward"), "表三“四、结转下年度继续办理”总计"))


def _granted(r: Report) -> Values:
    return _vals((_v(_req(r), "granted"), "表三“（一）予以公开”总计"))


def _partial(r: Report) -> Values:
    return _vals((_v(_req(r), "partial"), "表三“（二）部分公开”总计"))


def _denied(r: Report) -> Values:
    return _vals((_sum(_req(r), _rows("denied", 8)), "表三“（三）不予公开”各项合计"))


def _unable(r: Report) -> Values:
    return _vals((_sum(_req(r), _rows("unable", 3)), "表三“（四）无法提供”各项合计"))


def _not_processed(r: Report) -> Values:
    return _vals((_sum(_req(r), _rows("not_processed", 5)), "表三“（五）不予处理”各项合计"))


def _other_handling(r: Report) -> Values:
    t = _req(r)
    v = _v(t, "other") if t is not None and "other" in t.cells else _sum(t, _rows("other", 3))
    return _vals((v, "表三“（六）其他处理”合计"))


def _review(r: Report) -> Values:
    return _vals((_v(_rl(r), "review"), "表四行政复议“总计”"))


def _litigation(r: Report) -> Values:
    t = _rl(r)
    direct, after = _v(t, "direct_suit"), _v(t, "suit_after_review")
    both = direct + after if direct is not None and after is not None else None
    return _vals((both, "表四行政诉讼（未经复议直接起诉与复议后起诉）总计之和"),
                 (direct, "表四“未经复议直接起诉”总计"))


def _col(col: str) -> Callable[[Report], Values]:
    names = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "social": "社会公益组织",
             "legal": "法律服务机构"}

    def get(r: Report) -> Values:
        return _vals((_v(_req(r), "new", col), f"表三本年新收申请“{names[col]}”列"))
    return get


def _orgs(r: Report) -> Values:
    t = _req(r)
    total, nat = _v(t, "new"), _v(t, "new", "natural")
    return _vals((total - nat if total is not None and nat is not None else None,
                  "表三本年新收申请“法人或其他组织”五列合计"))


@dataclass(frozen=True)
class Quantity:
    key: str
    rx: re.Pattern
    values: Callable[[Report], Values]
    needs: str = ""  # a word the sentence must contain
    after_new: bool = False  # only inside the sentence that states the new requests, after 其中


_N = r"(?:共|总计|合计|计|为|达)?\s*(?P<n>\d+)\s*"
_APPL = r"(?:各类|各项)?(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请"
QUANTITIES: tuple[Quantity, ...] = (
    Quantity("new", re.compile(rf"(?:新收|收到|接收|接到)(?:了)?{_APPL}{_N}件"), _new_only),
    Quantity("accepted", re.compile(rf"受理(?:了)?{_APPL}{_N}件"), _new),
    Quantity("carried_over", re.compile(rf"(?:上年度?|上一年度?|去年)(?:结转|转入)(?:的)?(?:政府信息公开)?(?:申请)?{_N}件"),
             _carried_over),
    Quantity("completed", re.compile(rf"(?<!未)(?:已办结|办结|办理完毕|答复完毕|作出答复|予以答复)(?:了)?(?:{_APPL})?{_N}件"),
             _completed, needs="申请"),
    Quantity("handled", re.compile(rf"(?<![人议案访])(?:办理|处理)(?:了)?{_APPL}{_N}件"), _handled),
    Quantity("carried_forward", re.compile(rf"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?{_N}件"),
             _carried_forward),
    Quantity("granted", re.compile(rf"(?<!不)予以公开{_N}件"), _granted, needs="申请"),
    Quantity("partial", re.compile(rf"部分公开{_N}件"), _partial, needs="申请"),
    Quantity("denied", re.compile(rf"不予公开{_N}件"), _denied, needs="申请"),
    Quantity("unable", re.compile(rf"无法提供{_N}件"), _unable, needs="申请"),
    Quantity("not_processed", re.compile(rf"不予处理{_N}件"), _not_processed, needs="申请"),
    Quantity("other_handling", re.compile(rf"其他处理{_N}件"), _other_handling, needs="申请"),
    Quantity("review", re.compile(rf"(?:被申请|申请|提起|发生|涉及)?行政复议(?:案件)?{_N}(?:{CASE_UNITS})"), _review,
             needs="信息公开"),
    Quantity("litigation", re.compile(rf"(?:被提起|提起|被起诉|发生|涉及)?行政诉讼(?:案件)?{_N}(?:{CASE_UNITS})"), _litigation,
             needs="信息公开"),
    Quantity("natural", re.compile(rf"自然人(?:申请|提出)?{_N}件"), _col("natural"), after_new=True),
    Quantity("commercial", re.compile(rf"商业企业(?:申请|提出)?{_N}件"), _col("commercial"), after_new=True),
    Quantity("research", re.compile(rf"科研机构(?:申请|提出)?{_N}件"), _col("research"), after_new=True),
    Quantity("social", re.compile(rf"社会公益组织(?:申请|提出)?{_N}件"), _col("social"), after_new=True),
    Quantity("legal", re.compile(rf"法律服务机构(?:申请|提出)?{_N}件"), _col("legal"), after_new=True),
    Quantity("orgs", re.compile(rf"法人(?:或|和|及)其他组织(?:申请|提出)?{_N}件"), _orgs, after_new=True),
)
_REVIEW_ORGAN = re.compile(r"(?:办理|审理|受理|作出|收到|承办)[^，。；]{0,4}$")
_OTHER_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_NEW_RX = re.compile(rf"(?:新收|收到|接收|接到|受理)(?:了)?{_APPL}{_N}件")
_ZERO_RES: tuple[tuple[str, re.Pattern, Callable[[Report], Values]], ...] = (
    ("new", re.compile(rf"(?:未|没有)(?:收到|受理|接到){_APPL}(?=[，。；]|的情况)"), _new_only),
    ("review", re.compile(r"(?:未发生|没有发生|未出现|未有|无)[^，。；]{0,16}?(?:被申请|申请)?行政复议"), _review),
    ("litigation", re.compile(r"(?:未发生|没有发生|未出现|未有|无)[^，。；]{0,16}?(?:被提起|提起)?行政诉讼"), _litigation),
)
_ZERO_SPOIL = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被改变|责任追究|追责")


# a count of one office or level of a government, not of the government's whole report ("区政府办代表区政府受理
# 申请17件" in a district report whose table three counts every department): 政府办, 办公室, 本级, 代表
_PART_OF_GOVERNMENT = re.compile(r"政府办|办公室|办公厅|本级|代表|各部门|[^我本全]局|委员会|中心")


def _sentence_ok(report: Report, s: Sentence, upto: int) -> bool:
    year = report.meta.year
    head = report.text[s.start:upto]
    if report.meta.level in ("county_gov", "city_gov", "province_gov") and _PART_OF_GOVERNMENT.search(head):
        return False
    for m in _OTHER_YEAR.finditer(head):
        if year is None or int(re.sub(r"\D", "", m.group(0))) != year:
            return False
    if re.search(r"较|比上年|同比|上年同期|去年同期|环比", head):
        return False
    return not PLAN_RE.search(report.text[s.start:s.end])


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def text_table_numbers(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-01: numbers quoted in the text that contradict the tables."""
    if report.meta.format_version == "pre2019" or not (_req(report) or _rl(report)):
        return
    text = report.text
    for s in report.views.sentences:
        sent = text[s.start:s.end]
        new_m = _NEW_RX.search(text, s.start, s.end)
        for q in QUANTITIES:
            if q.needs and q.needs not in sent and not (q.key in ("review", "litigation")
                                                         and s.part == "review_litigation"):
                continue
            for m in q.rx.finditer(text, s.start, s.end):
                if q.after_new and (new_m is None or m.start() < new_m.end()
                                    or "其中" not in text[new_m.end():m.start()]):
                    continue
                if q.key in ("review", "litigation") and _REVIEW_ORGAN.search(text[s.start:m.start()]):
                    continue
                if not _sentence_ok(report, s, m.start()):
                    continue
                vals = q.values(report)
                if not vals:
                    continue
                n = float(m.group("n"))
                if any(abs(n - v) < 1e-9 for v, _ in vals):
                    continue
                v, desc = vals[0]
                phrase = text[m.start():m.end()]
                yield ctx.finding(m.start(), m.end(), evidence=phrase, part=s.part,
                                  phrase=phrase, desc=desc, table_value=_fmt(v), variant="count")
        for key, rx, get in _ZERO_RES:
            if key != "new" and "信息公开" not in sent and s.part != "review_litigation":
                continue
            for m in rx.finditer(text, s.start, s.end):
                clause_end = min([i for i in (text.find(c, m.end(), s.end) for c in "，。；") if i >= 0] or [s.end])
                if _ZERO_SPOIL.search(text[m.start():clause_end]) or not _sentence_ok(report, s, m.start()):
                    continue
                vals = get(report)
                if not vals or any(v == 0 for v, _ in vals):
                    continue
                v, desc = vals[0]
                phrase = text[m.start():m.end()]
                yield ctx.finding(m.start(), m.end(), evidence=phrase, part=s.part,
                                  phrase=phrase, desc=desc, table_value=_fmt(v), variant="none")


# --------------------------------------------------------------------------------------------- K-02

_ANY_COUNT = re.compile(rf"(?:{NUM})\s*(?:{UNITS})")
_PART = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNITS})")  # one part of a 其中 list


# an item's own 共 right before its count ("政策及解读共2条"), and a list that ends with 等 after its last count
_OWN_TOTAL = re.compile(rf"共(?:计)?(?=\s*(?:{NUM}))")
_ENDS_WITH_DENG = re.compile(rf"(?:{NUM})\s*(?:{UNITS})\s*等\s*$")
# (a cumulative count after the list — "……其他9条，截至年底累计公开430条" — is another quantity, not one more item: a
# fresh dev page)
_LIST_STOP = re.compile(r"较|比|同比|增加|减少|增长|下降|结转|办结|答复|受理|收到|新收|上年|去年|累计|历年|截至|截止")


def _through_semicolons(text: str, sents: list[Sentence], j: int) -> int:
    """The end of sentence j and of the sentences of its paragraph that follow it after a ；(a list may run on through
    them to its full stop; ``_list_clauses`` decides how far it does)."""
    end = sents[j].end
    while j + 1 < len(sents) and sents[j + 1].par_start == sents[j].par_start and text[end - 1:end] in ("；", ";"):
        j += 1
        end = sents[j].end
    return end


def _list_clauses(lst: str) -> str:
    """The 其中 list up to the first 。/； or the first clause that is not a part (a comparison, another quantity); or,
    where every item stands in a ；-separated segment of its own with a note after it and the last one is the rest
    (其中，概况类信息33条，为……提供基础；……；其他信息1932条，涵盖多方面内容。), the items up to that last one, their notes
    blanked (offsets kept)."""
    head = re.split(r"[。；;]", lst, maxsplit=1)[0]
    first = _leading_parts(head)
    segs = re.split(r"(?<=[；;])", re.split(r"。", lst, maxsplit=1)[0])
    if len(segs) < 3 or len(_PART.findall(first)) != 1:
        return first  # (a first segment that lists several items is a list of its own: 其中A 4条，B 0条，C 2条；…)
    def blanked(seg: str, kept: str) -> str:  # the item's note blanked, the ； that ends the segment kept
        return kept + "＿" * (len(seg) - len(kept) - 1) + seg[-1] if len(seg) > len(kept) else kept

    out = [blanked(segs[0], first)]
    for seg in segs[1:]:
        item = re.split(r"(?<=[，,；;])", seg)[0]
        if len(_PART.findall(item)) != 1 or _LIST_STOP.search(item):
            return first  # a segment that is not one more item: the list was the first segment's
        if is_rest(item):
            return "".join(out) + item.rstrip("，,；;")
        out.append(blanked(seg, item))
    return first


def _leading_parts(lst: str) -> str:
    """The clauses of a list up to the first that is not a part."""
    kept = []
    for clause in re.split(r"(?<=[，,])", lst):
        if _LIST_STOP.search(clause):
            break
        kept.append(clause)
    return "".join(kept)


_SHARE_AFTER = re.compile(rf"(?<![\d.])(\d+)\s*(?:{UNITS})[^，。；,;\d]{{0,4}}?[，,]?\s*(?:所?占(?:比例|比重|比)?(?:为|达)?|比例为)\s*"
                          r"(\d+(?:\.\d+)?)\s*[%％]")


def _share_of_item(raw: str, items: list[int], total: int) -> bool:
    """A share written after an item that is its share of another item, not of the total."""
    for m in _SHARE_AFTER.finditer(raw):
        a, p = int(m.group(1)), float(m.group(2))
        if share_matches(a, total, p):
            continue
        if any(b >= a and b != total and share_matches(a, b, p) for b in items):
            return True
    return False


# a round figure written before its number (约12515条, 近300条, 逾百件)
_APPROX_BEFORE = re.compile(r"(?:约|大约|近|逾|超过|将近)\s*$")
# a count left without its measure word before a comma or the list's end (信息4976，)
_BARE_COUNT = re.compile(r"(?<![\d.．%％])\d+(?=\s*(?:[，,；;、。]|$))")


def _blank(lst: str, found: list[re.Match]) -> str:
    """The list with the items already read blanked out."""
    out = list(lst)
    for m in found:
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


_LIST_LEAD = re.compile(r"\s*[：:，,]?\s*(?:主要)?(?:包含|包括|含有)\s*[：:]?")


def subtotals(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-02: '共N条，其中A条、B条' where the listed parts are clearly exhaustive and do not add up."""
    text = report.text
    sents = list(report.views.sentences)
    for i, s in enumerate(sents):
        for tm in TOTAL_RE.finditer(text, s.start, s.end):
            if APPROX_AFTER.match(text[tm.end():tm.end() + 2]) or _APPROX_BEFORE.search(text, max(0, tm.start("n") - 4), tm.start("n")):
                continue  # 1600余条, 约12515条: a round figure is no sum
            unit = tm.group("u")
            # the 其中 list: in the same sentence after the total, or opening the next sentence of the paragraph
            k = text.find("其中", tm.end(), min(s.end, tm.end() + LIST_MAX))
            if k >= 0:
                if TOTAL_RE.search(text, tm.end(), k):
                    continue  # another total stands between
                if _ANY_COUNT.search(text[tm.end():k]):
                    continue  # another count stands between: 其中 may belong to it ("共发布文件3条，解读6条，其中……")
                lst_start, lst_end = k + 2, _through_semicolons(text, sents, i)
            elif i + 1 < len(sents) and sents[i + 1].par_start == s.par_start and \
                    text[sents[i + 1].body:sents[i + 1].body + 2] == "其中" and \
                    TOTAL_RE.search(text, tm.end(), s.end) is None:
                lst_start, lst_end = sents[i + 1].body + 2, _through_semicolons(text, sents, i + 1)
            else:
                continue
            if lead := _LIST_LEAD.match(text, lst_start, lst_end):
                lst_start = lead.end()  # 其中包含……, 其中包括：…… — the list's own opening word, no nested total
            cut = lst_end > lst_start + LIST_MAX  # (read at most LIST_MAX characters on: a list cut there may not fall short)
            raw = text[lst_start:min(lst_end, lst_start + LIST_MAX)]
            lst = _list_clauses(without_shares(without_nested(raw)))  # a share after an item is a note on it
            # (an item's own 共 right before its count — "政策及解读共2条" — is no nested total)
            if "其中" in lst or "%" in lst or "％" in lst or re.search(r"共|包含|包括|含", _OWN_TOTAL.sub("", lst)):
                continue
            found = list(_PART.finditer(lst))
            parts = [(m.start(), m.end(), value(m.group("n"))) for m in found]
            if len(parts) < 2 or any(APPROX_AFTER.match(lst[b:b + 2]) for _, b, _ in parts):
                continue
            if any(not same_unit(m.group("u"), unit) for m in found) or \
                    other_units_after_the_total([p[2] for p in parts], [m.group("u") for m in found], value(tm.group("n")), unit):
                continue
            total = value(tm.group("n"))
            # an item whose count has no measure word ("栏目发布信息4976，其他5781条") is an item too: with it the parts may
            # reach the total (then all is well) or still exceed it; a sum that falls short is not judged
            bare = [(m.start(), m.end(), int(m.group(0))) for m in _BARE_COUNT.finditer(_blank(lst, found))]
            if bare:
                parts = sorted(parts + bare)
                if sum(p[2] for p in parts) <= total:
                    continue
            got = sum(p[2] for p in parts)
            # a list that ends with 等 says it is not complete, whatever its last item
            exhaustive = names_every_part(lst) and not _ENDS_WITH_DENG.search(lst.rstrip("。；;，, "))
            # (the list and where each item ends: items that reach the total with 其他 and go on are over-listed, not
            # the total followed by another quantity)
            if got == total or (got < total and (cut or not exhaustive)) or \
                    adds_up_before_the_end([p[2] for p in parts], total, lst, [p[1] for p in parts]):
                continue
            if _share_of_item(raw, [p[2] for p in parts], total):
                continue  # a share shows one item counts part of another (57项, of which 45项, 占比78.9%)
            if any(value(c.group("n")) == got for c in COUNT_RE.finditer(text, s.start, tm.start())
                   if same_unit(c.group("u"), unit)):
                continue  # "主动公开信息30条，累计820条。其中……": the parts add up to the sentence's other count
            a, b = tm.start(), lst_start + parts[-1][1]
            ev = text[a:b]
            listed = "＋".join(str(p[2]) for p in parts)
            yield ctx.finding(a, b, evidence=ev, part=s.part,
                              total=total, unit=unit, listed=listed, got=got, more_or_less='多于' if got > total else '少于')
