"""Consistency rules (K-xx): the text against the tables, sums in the text, who the report speaks as.

Precision first: a number in the text is compared with a table cell only when its phrase names the same
quantity unambiguously (上年结转N件 ↔ 表三 二、总计); where the wording admits two readings, every reading
the tables support is accepted. Names and self-references are judged against the report's own agency.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nianbao.model import Finding, Report, Table
from nianbao.rules.base import RuleContext
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


def _new(r: Report) -> Values:
    t = _req(r)
    new, carried = _v(t, "new"), _v(t, "carried_over")
    both = new + carried if new is not None and carried is not None else None
    return _vals((new, "表三“一、本年新收政府信息公开申请数量”总计"), (both, "表三本年新收与上年结转之和"))


def _new_only(r: Report) -> Values:
    return _vals((_v(_req(r), "new"), "表三“一、本年新收政府信息公开申请数量”总计"))


def _carried_over(r: Report) -> Values:
    return _vals((_v(_req(r), "carried_over"), "表三“二、上年结转政府信息公开申请数量”总计"))


def _completed(r: Report) -> Values:
    return _vals((_v(_req(r), "total"), "表三“（七）总计”"))


def _handled(r: Report) -> Values:
    t = _req(r)
    new, carried = _v(t, "new"), _v(t, "carried_over")
    both = new + carried if new is not None and carried is not None else None
    return _vals((_v(t, "total"), "表三“（七）总计”"), (both, "表三本年新收与上年结转之和"))


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
    Quantity("review", re.compile(rf"(?:被申请|申请|提起|发生|涉及)?行政复议(?:案件)?{_N}(?:件|起|宗)"), _review,
             needs="信息公开"),
    Quantity("litigation", re.compile(rf"(?:被提起|提起|被起诉|发生|涉及)?行政诉讼(?:案件)?{_N}(?:件|起|宗)"), _litigation,
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


def _sentence_ok(report: Report, s: Sentence, upto: int) -> bool:
    year = report.meta.year
    head = report.text[s.start:upto]
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

_UNITS = "条|件|个|次|篇|期|场|人次|份|项|批次|户|家|名|人"
_TOTAL_RE = re.compile(rf"(?:(?<![公一总])共(?:计)?[^，。；：\d]{{0,16}}?|总计|合计|累计)\s*(?P<n>\d+)\s*(?P<u>{_UNITS})")
_APPROX = re.compile(r"^(?:余|多|以上|左右|万|千|百)")


_LIST_STOP = re.compile(r"较|比|同比|增加|减少|增长|下降|结转|办结|答复|受理|收到|新收|上年|去年")


def _list_clauses(lst: str) -> str:
    """The 其中 list up to the first 。/； or the first clause that is not a part (a comparison, another quantity)."""
    lst = re.split(r"[。；;]", lst, maxsplit=1)[0]
    kept = []
    for clause in re.split(r"(?<=[，,])", lst):
        if _LIST_STOP.search(clause):
            break
        kept.append(clause)
    return "".join(kept)


def subtotals(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-02: '共N条，其中A条、B条' where the listed parts are clearly exhaustive and do not add up."""
    text = report.text
    sents = list(report.views.sentences)
    for i, s in enumerate(sents):
        for tm in _TOTAL_RE.finditer(text, s.start, s.end):
            if _APPROX.match(text[tm.end():tm.end() + 2]):
                continue
            unit = tm.group("u")
            # the 其中 list: in the same sentence after the total, or opening the next sentence of the paragraph
            k = text.find("其中", tm.end(), s.end)
            if k >= 0:
                if _TOTAL_RE.search(text, tm.end(), k):
                    continue  # another total stands between
                if re.search(rf"\d+\s*(?:{_UNITS})", text[tm.end():k]):
                    continue  # another count stands between: 其中 may belong to it ("共发布文件3条，解读6条，其中……")
                lst_start, lst_end = k + 2, s.end
            elif i + 1 < len(sents) and sents[i + 1].par_start == s.par_start and \
                    text[sents[i + 1].body:sents[i + 1].body + 2] == "其中" and \
                    _TOTAL_RE.search(text, tm.end(), s.end) is None:
                lst_start, lst_end = sents[i + 1].body + 2, sents[i + 1].end
            else:
                continue
            lst = _list_clauses(text[lst_start:lst_end])
            if "其中" in lst or "%" in lst or "％" in lst or re.search(r"共|包含|包括|含", lst):
                continue
            parts = [(m.start(), m.end(), int(m.group(1)))
                     for m in re.finditer(rf"(?<![\d.])(\d+)\s*(?:{_UNITS})", lst)]
            if len(parts) < 2 or any(_APPROX.match(lst[b:b + 2]) for _, b, _ in parts):
                continue
            units = {re.sub(r"[\d\s]", "", lst[a:b]) for a, b, _ in parts}
            if units != {unit}:
                continue
            total = int(tm.group("n"))
            got = sum(p[2] for p in parts)
            exhaustive = bool(re.search(r"其他|其余|剩余|另有", lst)) or ("自然人" in lst and "法人" in lst)
            if got == total or (got < total and not exhaustive):
                continue
            a, b = tm.start(), lst_start + parts[-1][1]
            ev = text[a:b]
            listed = "＋".join(str(p[2]) for p in parts)
            yield ctx.finding(a, b, evidence=ev, part=s.part,
                              total=total, unit=unit, listed=listed, got=got, more_or_less='多于' if got > total else '少于')


# --------------------------------------------------------------------------------------------- K-03

_SELF_RE = re.compile(r"(?P<p>我|本)(?P<k>街道|局|委|厅|镇|乡|县|区|市|省)"
                      r"(?!(?<=市)场|(?<=区)域|(?<=区)间|(?<=县)域|(?<=镇)域|(?<=委)员|(?<=委)托|(?<=局)限|(?<=省)级|(?<=市)级|"
                      r"(?<=县)级|(?<=区)级|(?<=镇)级)")
_PLACE_SUFFIXES = ("自治区", "街道", "省", "市", "州", "盟", "县", "旗", "区", "镇", "乡")
_PLACE_RES = tuple(re.compile(rf"[\u4e00-\u9fff]{{{n},8}}?(?:自治区|街道|省|市|州|盟|县|旗|区|镇|乡)") for n in (2, 1))
_NOT_PLACE = re.compile(r"和|城乡|管理|服务|发展|建设|资源|监督|委员|社区|^(?:城市|城区|市区|开发区|园区|新区|高新区|景区)$")


def agency_places(agency: str | None) -> list[str]:
    """The place names an agency name starts with: 晋江市安海镇人民政府 -> [晋江市, 安海镇]."""
    out: list[str] = []
    if not agency:
        return out
    pos = 0
    while True:
        m = next((m for rx in _PLACE_RES if (m := rx.match(agency, pos)) and not _NOT_PLACE.search(m.group(0))), None)
        if not m:
            break
        out.append(m.group(0))
        pos = m.end()
    return out


def _suffix(place: str) -> str:
    return next(s for s in _PLACE_SUFFIXES if place.endswith(s))


def _organ(agency: str) -> str | None:
    for k, rx in (("局", r"局$"), ("委", r"委(?:员会)?$"), ("厅", r"厅$")):
        if re.search(rx, agency):
            return k
    return None


def _self_policy(report: Report) -> tuple[dict[str, str], str]:
    """Forbidden self-reference kinds -> 'error'|'warning', and how the report's agency is described."""
    m = report.meta
    level, agency = m.level, m.agency or ""
    places = [_suffix(p) for p in agency_places(agency)]
    organs = {"局": "error", "委": "error", "厅": "error"}
    if level == "township":
        bad = {**organs, "街道": "error", "县": "warning", "区": "warning", "市": "warning", "省": "warning"}
        # a 乡 calling itself 我镇 (or a 镇 我乡) copied a neighbour's text
        if re.search(r"乡(?:人民政府)?$", agency):
            bad["镇"] = "warning"
        elif re.search(r"镇(?:人民政府)?$", agency):
            bad["乡"] = "warning"
        return bad, "乡镇"
    if level == "street":
        return {**organs, "镇": "error", "乡": "error", "县": "warning", "区": "warning", "市": "warning",
                "省": "warning"}, "街道"
    if level in ("county_gov", "city_gov", "province_gov"):
        bad = {**organs, "镇": "error", "乡": "error", "街道": "error"}
        if level == "county_gov":
            if "县" in places and "区" not in places:
                bad["区"] = "warning"
            if "区" in places and "县" not in places:
                bad["县"] = "warning"
        elif level == "city_gov":
            bad.update({"县": "warning", "区": "warning"})
        else:
            bad.update({"县": "warning", "区": "warning", "市": "warning"})
        return bad, "人民政府"
    if level == "department":
        bad = {"镇": "error", "乡": "error", "街道": "error"}
        own = _organ(agency)
        if own:
            bad.update({k: "error" for k in ("局", "委", "厅") if k != own})
        if places:
            low = places[-1]
            if low in ("区", "市") and "县" not in places:
                bad["县"] = "warning"
            if low == "县" and "区" not in places:
                bad["区"] = "warning"
            if low in ("省", "自治区"):
                bad.update({"县": "warning", "区": "warning", "市": "warning"})
        return bad, "部门"
    return {}, ""


def self_reference(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-03: 我局 in a township's report, 我镇 in a bureau's, 我县 in a township's …"""
    bad, kind = _self_policy(report)
    if not bad:
        return
    text = report.text
    agency = report.meta.agency or ""
    for s in report.views.sentences:
        for m in _SELF_RE.finditer(text, s.start, s.end):
            k = m.group("k")
            if k not in bad:
                continue
            if m.group("p") == "本" and k in ("县", "区", "市", "省"):
                continue  # 本市/本县 may name the jurisdiction the unit belongs to
            if text.rfind("《", s.start, m.start()) > text.rfind("》", s.start, m.start()):
                continue  # inside a quoted title
            ev = m.group(0)
            yield ctx.finding(m.start(), m.end(), evidence=ev, part=s.part, severity=bad[k],
                              agency=agency, kind=kind, ev=ev, report=_own_short(report))


def _own_short(report: Report) -> str:
    agency = report.meta.agency or ""
    level = report.meta.level
    if level == "township":
        return "乡" if re.search(r"乡(人民政府)?$", agency) else "镇"
    if level == "street":
        return "街道"
    if level == "department":
        return _organ(agency) or "单位"
    places = agency_places(agency)
    return _suffix(places[-1]) if places else "单位"


# --------------------------------------------------------------------------------------------- K-04

_SAME_LEVEL = {"township": ("镇", "乡"), "street": ("街道",), "county_gov": ("县", "区", "旗"),
               "city_gov": ("市", "州", "盟"), "province_gov": ("省", "自治区")}
# characters that do not occur in the two-character core of a place name but do in the words before a suffix
# used on its own (在乡、通过乡政府网站、年内对乡、部分市、调整街道)
_FUNC = set("在对把将被由向从与及并或的了是为以经依托围绕结合组织坚持查询调整年内全部分各本我该此其每乡镇县区市省街这那过托绕合织持询整通和")
_BOUNDARY = set("在对由把将照据经向为于是即")
_ORG = r"(?:人民政府|政府|党委|党委和政府|党委政府|办事处)?"
# what a subject does next: 东石镇严格按照… / 河西区人民政府将…
_SUBJ_VERB = (r"(?:严格|认真|始终|坚持|深入|积极|持续|全面|扎实|进一步|不断|高度|切实|按照|对照|围绕|以|把|共|全年|本年度|"
              r"主动|依法|着力|紧紧|大力|聚焦|结合|健全|完善|加强|强化|推进|落实|将|针对|已|还|要|在|通过|依托|于|对|"
              r"创新|建立|开展|组织|做好|注重|重视|印发|制定|及时|共计|累计|政府信息公开工作|政务公开工作)")
_OWNER_RE = re.compile(r"(?P<suf>街道|镇|乡|县|区|市|省)(?:人民政府|政府|办事处)?(?:的)?(?:政府信息公开|信息公开|政务公开)")


def _level_suffixes(report: Report) -> tuple[str, ...]:
    level = report.meta.level
    if level in _SAME_LEVEL:
        return _SAME_LEVEL[level]
    if level == "department":
        places = agency_places(report.meta.agency)
        if places:
            low = _suffix(places[-1])
            return {"县": ("县", "区"), "区": ("县", "区"), "市": ("市",), "省": ("省",)}.get(low, (low,))
    return ()


def _core(place: str) -> str:
    return place[: -len(_suffix(place))] if place.endswith(_PLACE_SUFFIXES) else place


def _ours_before(text: str, suf_start: int, places: list[str]) -> bool:
    """The text before a suffix ends with one of the report's own place names (安海|镇)."""
    return any(len(c) >= 1 and text[max(0, suf_start - len(c)):suf_start] == c for c in map(_core, places))


def _core_ok(core: str) -> bool:
    return len(core) == 2 and all("\u4e00" <= ch <= "\u9fff" and ch not in _FUNC for ch in core)


def foreign_names(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """K-04: another unit of the same level (or another agency of our kind) left in the text."""
    sufs = _level_suffixes(report)
    agency = report.meta.agency or ""
    places = agency_places(agency)
    if not sufs or not places:
        return
    text = report.text
    core = agency[len("".join(places)):] if report.meta.level == "department" else ""
    seen: set[int] = set()

    def emit(a: int, b: int, s: Sentence, how: str) -> Finding:
        seen.add(a)
        name = text[a:b]
        return ctx.finding(a, b, evidence=name, part=s.part, agency=agency, how=how.format(name=name), name=name,
                           place=places[-1])

    def foreign_at(suf_start: int, lo: int, need_boundary: bool) -> int | None:
        """Start of a foreign two-character place name ending at suf_start, or None."""
        a = suf_start - 2
        if a < lo or _ours_before(text, suf_start, places) or not _core_ok(text[a:suf_start]):
            return None
        if need_boundary:
            prev = text[a - 1] if a > lo else ""
            if a > lo and "\u4e00" <= prev <= "\u9fff" and prev not in _BOUNDARY:
                return None
        return a

    is_dept = report.meta.level == "department"
    lower = ("镇", "乡", "街道") if is_dept and sufs and sufs[0] in ("县", "区", "市") else ()
    suf_alt = "|".join(sorted(sufs + lower, key=len, reverse=True))
    own_alt = "|".join(re.escape(p) for p in places)
    subj_re = re.compile(rf"(?P<own>(?:{own_alt})*)(?P<name>[\u4e00-\u9fff]{{2}}(?P<suf>{suf_alt}))(?P<org>{_ORG}|[\u4e00-\u9fff]{{1,10}}?(?:局|委员会|委|厅|办公室))"
                         rf"(?={_SUBJ_VERB}|编制|暂无|承担|提供)")
    lead_re = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:度)?(?:\s*\d{1,2}\s*月(?:份)?)?\s*[，,]\s*|[一二三四五六七八九十]是|"
                         r"本年度[，,]?|全年|年内|此外[，,])*")
    joint = re.compile(r"(?:赴|与|和|同|向|到|学习|借鉴|联合|会同|协同|配合|参观)[^，。；]{0,3}$")
    first_rest = agency[len(places[0]):] if len(places) >= 2 else ""
    for s in report.views.sentences:
        sent_text = text[s.start:s.end]

        def quoted(pos: int, _s: Sentence = s) -> bool:
            return text.rfind("《", _s.start, pos) > text.rfind("》", _s.start, pos)

        # (a) the subject of a sentence: 东石镇严格按照… / 2023年，东石镇… / 东坪县教育局始终坚持…
        body = lead_re.match(text, s.body, s.end).end()
        m = subj_re.match(text, body, s.end)
        if m and foreign_at(m.start("suf"), m.start("name"), need_boundary=False) is not None:
            org = m.group("org")
            if m.group("suf") in sufs or re.search(r"局|委|厅", org):
                yield emit(m.start("name"), m.end(), s, "以“{name}”作为主语叙述工作")
        # (b) the owner of the disclosure work: 东石镇人民政府信息公开工作…
        for om in _OWNER_RE.finditer(text, s.start, s.end):
            if om.group("suf") not in sufs or quoted(om.start()):
                continue
            a = foreign_at(om.start("suf"), s.start, need_boundary=True)
            if a is None or a in seen or joint.search(text[s.start:a]):
                continue
            yield emit(a, om.end("suf"), s, "写有“{name}”的政府信息公开工作")
        # (c) 我镇（东石镇）
        for pm in re.finditer(r"[我本](?:镇|乡|街道|县|区|市|局)[（(]([^）)]{2,12})[）)]", sent_text):
            name = pm.group(1)
            if name not in agency and not any(_core(p) in name for p in places):
                a = s.start + pm.start(1)
                yield emit(a, a + len(name), s, "在自称后注明“{name}”")
        # (d) another agency of our own kind, or another place's government site: 东坪县市场监督管理局 / 东坪县人民政府网站
        targets = [core] if is_dept and len(core) >= 2 else []
        targets += ["人民政府门户网站", "人民政府网", "人民政府”门户网站", "人民政府网站"]
        for tgt in targets:
            for cm in re.finditer(re.escape(tgt), sent_text):
                suf_at = s.start + cm.start()
                for suf in sufs:
                    if text[suf_at - len(suf):suf_at] != suf:
                        continue
                    a = foreign_at(suf_at - len(suf), s.start, need_boundary=False)
                    if a is None or a in seen or quoted(a) or joint.search(text[s.start:a]):
                        continue
                    if a > s.start and text[a - 1] not in "“\"" and "\u4e00" <= text[a - 1] <= "\u9fff" \
                            and text[a - 1] not in _BOUNDARY and not re.search(r"(?:依托|通过|在|由|请联系|联系|要求，)$",
                                                                             text[s.start:a]):
                        continue
                    b = s.start + cm.end() if tgt == core else suf_at
                    yield emit(a, b, s, "写有“{name}”")
        # (f) another unit of our level named with its organ anywhere: 东坪县财政局未发出… / 东石镇人民政府…
        org_re = (r"[\u4e00-\u9fff]{1,10}?(?:局|委员会|厅)(?![长])" if is_dept else r"(?:人民政府|办事处)")
        for fm in re.finditer(rf"(?P<suf>{suf_alt})(?P<org>{org_re})", sent_text):
            suf_at = s.start + fm.start("suf")
            a = foreign_at(suf_at, s.start, need_boundary=False)
            if a is None or a in seen or quoted(a) or joint.search(text[s.start:a]):
                continue
            prev = text[a - 1] if a > s.start else ""
            if prev and "\u4e00" <= prev <= "\u9fff" and prev not in _BOUNDARY and prev not in "年度" \
                    and not re.search(r"(?:请与|联系|依托|通过|针对)$", text[s.start:a]):
                continue
            if fm.group("suf") not in sufs and not is_dept:
                continue
            yield emit(a, s.start + fm.end(), s, "写有“{name}”")
        # (e) our full name under another superior: 云阳市云溪区教育局 for 汀州市云溪区教育局
        if first_rest and len(first_rest) >= 3:
            for fm in re.finditer(re.escape(first_rest), sent_text):
                at = s.start + fm.start()
                sup = _suffix(places[0])
                if text[at - len(sup):at] != sup:
                    continue
                a = at - len(sup) - 2
                if a < s.start or a in seen or not _core_ok(text[a:at - len(sup)]) or _core(places[0]) == text[a:at - len(sup)]:
                    continue
                yield emit(a, at - len(sup) + len(sup), s, "在本单位名称前写有其他上级地名“{name}”")


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
