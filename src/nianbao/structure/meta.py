"""Title, agency, level, report year, publication date (落款), statistical period, format version."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from nianbao.divisions import LEVEL_CHARS, lookup, place_ending_at
from nianbao.ingest.page import is_furniture
from nianbao.lexicon import lexicon
from nianbao.model import Block, Location, RawDocument, ReportMeta, Table
from nianbao.structure.dates import DATE_RE, find_period, find_period_end, parse_date_match
from nianbao.structure.spec import format_spec, label_key
from nianbao.textnorm import no_space

TITLE_RE = re.compile(
    r"^(?P<pre>.*?)(?P<year>\d{4})\s*年(?:度)?\s*(?P<mid>.*?)(?:(?:政[府务])?信息公开|政务公开)(?:工作)?(?P<y2>\d{4})?\s*(?:年度|年)?(?:工作)?(?:开展)?(?:情况)?的?(?:年度)?(?:报告|年报)"
)
@cache
def _level_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Agency-name endings -> level, in order, from data/lexicon/agency_terms.toml ([[kind]])."""
    return tuple((re.compile(k["suffix"]), k["level"]) for k in lexicon("agency_terms").get("kind", []))


@cache
def _not_government() -> re.Pattern[str]:
    """A title's X区 that is no place's government (a street office, a management committee, a development or
    functional zone): data/lexicon/agency_terms.toml, not_government_words and zone_kinds."""
    terms = lexicon("agency_terms")
    return re.compile("|".join(map(re.escape, terms["not_government_words"]))
                      + "|(?:" + "|".join(map(re.escape, terms["zone_kinds"])) + ")区$")


def agency_level(agency: str | None) -> str | None:
    if not agency:
        return None
    # "…发展局(临空先进制造业区管委会)": the body's other name in brackets after it
    agency = re.sub(r"[(（][^()（）]{2,30}[)）]$", "", agency) or agency
    for rx, lvl in _level_patterns():
        if rx.search(agency):
            return _county_level_city(agency) if lvl == "city_gov" else lvl
    return None


def _county_level_city(agency: str) -> str:
    """"高平市人民政府" is a county-level city's government (县级市, a six-digit division code): county_gov; a
    prefecture-level city ("吉林市人民政府"), or a name the division table does not settle, stays city_gov."""
    name = re.sub(r"(?:人民)?政府$", "", agency)
    found = place_ending_at(name, len(name)) if name.endswith("市") else None
    if found and all(len(d.code) == 6 for d in found[1]):
        return "county_gov"
    return "city_gov"


def parse_title(text: str) -> tuple[str | None, int | None]:
    t = no_space(text)
    m = TITLE_RE.match(t)
    if not m:
        return None, None
    year = int(m.group("year"))
    agency = re.sub(r"关于$", "", (m.group("pre") or m.group("mid") or "").strip("《》“”[]【】"))
    if m.group("y2") and not m.group("pre"):
        agency = m.group("mid")
    # page furniture before the name on the title's line: "名称:" / "称:" labels, a date and weekday, a portal's
    # "简体|繁體|个人中心|" — the name is what follows the last character no body's name holds
    agency = _BEFORE_NAME.sub("", agency).lstrip(")）、")  # not the closing bracket of what went before
    # "X镇人民政府信息公开…" / "X区人民政府信息公开…": the 政府 went into the match of 政府信息公开
    if agency.endswith("人民"):
        agency += "政府"
    # "X县人民政府机关2019年…": the government's own offices report as the government
    agency = re.sub(r"(?<=政府)机关$", "", agency)
    if agency and re.search(_PLACE + "$", agency) and (not m.group("pre") or (
            not m.group("mid") and t.startswith("政府信息公开", m.end("mid")) and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", agency)
            and not _not_government().search(agency))):
        # "2022年上海市政府信息公开工作年度报告" / "保康县2020年政府信息公开工作年度报告": the 政府 went into the match
        # of 政府信息公开 — the place's government reports
        agency += "人民政府"
    # a portal's column name on the title's first line: "乡镇(街道办)" / "昌荣镇2025年…"
    agency = _COLUMN_PREFIX.sub("", agency or "")
    # the agency line above a title that names it again: "北京市X区民政局" / "X区民政局2009年…"
    for k in range(3, len(agency) // 2 + 1):
        if agency[:-k].endswith(agency[-k:]):
            agency = agency[:-k]
            break
    return agency or None, year


_BEFORE_NAME = re.compile(r"^.*(?:[^\u4e00-\u9fff()（）、]|星期[一二三四五六日天])")
_COLUMN_PREFIX = re.compile(r"^(?:乡镇|镇街|街镇|部门|市直部门|区直部门|县直部门|区县|县区)(?:[(（][^)）]{1,6}[)）])?(?=[\u4e00-\u9fff]{2})")


_ORG = r"(?:人民政府|政府|办公室|办公厅|管理局|局|委员会|管委会|街道办事处|街道|镇|乡|中心|厅|委|院|署|办)"
_CJK_NAME = r"[\u4e00-\u9fff]{2,30}?"
_PLACE = f"[{LEVEL_CHARS}]"  # a division's last character
_VERBS = r"(?:坚持|认真|深入|全面|严格|持续|进一步|紧紧|始终|按照|在|以|围绕|深化|高度|扎实|积极|不断|聚焦|牢固|通过|加强|结合)"
_PAREN = r"(?:[(（][^)）]{1,16}[)）])?"
# the body's other name in brackets after it ("白沙办事处（白沙园区）"), kept with the name; not "(以下简称…)"
_ALIAS = r"(?:(?P<alias>[(（](?![^)）]*(?:以下|简称|下称|机关|办公|政府))[^)）]{1,16}[)）])|[(（][^)）]{1,16}[)）])?"
# where a sentence (or a clause after "根据……要求，") starts: its subject is the text's own
_CLAUSE_START = r"(?:^|(?<=[。；;！!\n])|(?<=(?:要求|规定|精神)[，,]))\s*"
# (pattern, how to read the name): "office" — the body the named office belongs to; "place" — a bare place
# name is its government ("贵港市" → "贵港市人民政府"); "plain" — as written; "own_rules" — as written,
# unless its clause names the rules as what the work follows (按照《……指南》). In order of trust.
_PREAMBLE_AGENCY = (
    # "……要求，由青溪县政府办公室编制" / "由云州市东湖区编制的" / "本报告由云州市政务公开领导小组办公室根据"
    # ("由X政务公开办综合各部门的……年度报告编制": the compiler is the one before 综合/汇总)
    (re.compile(r"由(?P<a>[\u4e00-\u9fff]{3,40}?)" + _PAREN + r"(?:编制|根据|依据|按照|综合|汇总)"), "office"),
    # "现公布云州市东湖区人民政府办公室(以下简称…)2022年…" / "特向社会公布2024年度青溪县卫生健康局信息公开年度报告"
    (re.compile(r"(?:现(?:将|予)?(?:向社会)?(?:公布|发布|公开|编制)|特(?:向社会)?公布|现将)《?(?:(?:20\d{2}|19\d{2})\s*年度?)?(?P<a>"
                + _CJK_NAME + "(?:" + _ORG[3:-1] + "|办事处|" + _PLACE + r"))" + _ALIAS
                + r"\s*(?:(?:20\d{2}|19\d{2})\s*年度?)?(?:政府)?信息公开"), "place"),
    (re.compile(r"(?P<a>" + _CJK_NAME + _ORG + r")\s*(?:编制)?\s*(?:20\d{2}|19\d{2})\s*年度?(?:政府)?信息公开(?:工作)?"
                r"(?:年度)?(?:报告|年报)"), "plain"),
    # the body names itself as the one that publishes or compiles this very report, at a sentence's start:
    # "青溪县白沙办事处向社会公布2021年度本级政府信息公开年度报告" / "……要求，青溪县统计局结合单位实际，编制本单位2022年度……报告"
    (re.compile(_CLAUSE_START + r"(?P<a>" + _CJK_NAME + "(?:" + _ORG[3:-1] + "|办事处|" + _PLACE + "))" + _ALIAS
                + r"(?:结合[^，,。；;]{1,12}[，,])?(?:现|特)?(?:向社会)?(?:公布|发布|编制|编写)(?:了)?"
                r"(?:本级|本单位|本机关|本部门)?\s*《?(?:20\d{2}|19\d{2})\s*年度?(?:本级)?(?:政府|政务)?(?:信息|政务)?公开(?:工作)?"
                r"(?:年度)?(?:报告|年报)"), "place"),
    # "青溪县人民政府办公室提供本报告的电子版下载": the body that offers this report
    (re.compile(_CLAUSE_START + r"(?P<a>" + _CJK_NAME + _ORG + r")(?:负责)?提供本(?:年度)?(?:报告|年报)(?:的)?电子版"), "plain"),
    # "X办公室关于报送青溪县2019年政府信息公开工作年度报告的报告": the body whose report is sent
    (re.compile(r"关于\s*(?:报送|上报|呈报)\s*(?P<a>[\u4e00-\u9fff]{1,30}?(?:" + _ORG[3:-1] + "|" + _PLACE
                + r"))\s*(?:20\d{2}|19\d{2})\s*年度?(?:政府|政务)?信息\s*公开"), "place"),
    # "如对本报告有疑问，请与青溪县政务公开办公室联系": the body the office belongs to
    (re.compile(r"(?:请与|直接与|可与|请(?:及时)?联系[:：]?)(?P<a>[\u4e00-\u9fff]{3,40}?)(?:联系|[,，(（。]|邮编)"), "office"),
    # part one's first sentence: "2024年，教育部坚持以……" / "2018年,安徽省全面贯彻……" / "……领导下，X局坚持……"
    (re.compile(r"(?:(?:20\d{2})\s*年度?|领导下|指导下|工作部署|工作要求)\s*[，,]\s*(?P<a>[\u4e00-\u9fff]{2,24}?(?:" + _ORG[3:-1] + r"|部|"
                + _PLACE + "))" + _VERBS), "place"),
    # "本报告的电子版可在青溪县人民政府(http://…)…获取": the site the report is published on
    (re.compile(r"电子版[^。]{0,6}?(?:可在|可从|可登录|在)[“\"]?(?P<a>" + _CJK_NAME + "(?:" + _ORG[3:-1] + "|" + _PLACE
                + r"))[”\"]?(?:门户网站|网站|政府网|政务网|[(（]\s*(?:http|www|网址))"), "place"),
    # the body's own rules named in part one: "印发《东阳市X局信息公开工作机制(试行)》"
    # (not rules the report follows: "按照《条例》和《咸宁市人民政府信息公开指南》要求" is another body's guide, a basis)
    (re.compile(r"《(?P<a>" + _CJK_NAME + _ORG + r")(?:网上)?(?:政府)?(?:信息|政务)公开[^》]{0,12}?"
                r"(?:指南|目录|制度|机制|清单|细则|规程)(?:[(（]试行[)）])?》"), "own_rules"),
)
# "(以下简称自治区北部湾办)": the full name an abbreviation stands for
_ABBREVIATION = re.compile(r"(?P<full>[\u4e00-\u9fff]{4,40}?)[(（]以下(?:简称|称)[“\"]?(?P<abbr>[\u4e00-\u9fff]{2,16})[”\"]?[)）]")
# a sentence's verb inside what stands before a short self-name: "准确发布" + "市政府办公厅" is no place
# (not the 编制 of a body's name: 机构编制委员会办公室)
_NAME_BIAN = r"(?<!机构)编制(?!委员会|办)"
_VERB_INSIDE = re.compile(r"发布|公布|公开|完成|印发|" + _NAME_BIAN + r"|编写|推进|加强|落实|建立|完善|制定|及时|准确|按照|根据|依据|依法|通过"
                          r"|组织|召开")
_VERB_PREFIX = re.compile(r"现|特|经|编制")  # at the start only (特克斯县 holds 特 further in); the rest is _VERB_INSIDE
_NOT_IN_PLACE = re.compile(r"[我本的在与对各全该由向将了是为年月日届]")


def _expand_short_name(short: str, text: str) -> str | None:
    """A self-name without its place ("市文化和旅游局", "县统计局") → the full name the text also writes
    ("保山市文化和旅游局"), as a whole word after punctuation or a line start."""
    if not short or short[0] not in LEVEL_CHARS or len(short) < 3:
        return None
    for m in re.finditer(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,8}?)" + re.escape(short), text):
        prefix = m.group(1)
        if not _NOT_IN_PLACE.search(prefix) and not _VERB_PREFIX.match(prefix) and not _VERB_INSIDE.search(prefix):
            return prefix + short
    return None


def _same_body_fuller(fuller: str, short: str) -> bool:
    """"北京市大兴区人民政府" is "大兴区人民政府" with its higher-level place written out."""
    def key(a: str) -> str:
        return re.sub(r"(?:人民)?政府$", "", a)
    f, s = key(fuller), key(short)
    return len(f) > len(s) >= 3 and f.endswith(s) and re.search(_PLACE + "$", f[: len(f) - len(s)]) is not None


def _with_its_city(agency: str, text: str) -> str:
    """A body named by its county-level place alone ("和平区人民政府") with the city the text writes before that place
    ("地址：沈阳市和平区…"): "沈阳市和平区人民政府". The city (or province) must be the division the county lies in."""
    for n in range(2, min(7, len(agency)) + 1):
        own = [d for d in lookup(agency[:n]) if len(d.code) == 6]
        if not own or agency[:n][-1] not in "区县旗市":
            continue
        for m in re.finditer(re.escape(agency[:n]), text):
            found = place_ending_at(text, m.start(), max(0, m.start() - 12))
            # the city, or a municipality (北京市东城区: its districts hang from the two-digit province code)
            if found and any(len(c.code) in (2, 4) and o.code.startswith(c.code) for c in found[1] for o in own):
                return text[found[0]:m.start()] + agency
        return agency
    return agency


def _expand_abbreviation(agency: str, text: str) -> str:
    for m in _ABBREVIATION.finditer(text[:3000]):
        if m.group("abbr") == agency:
            return re.sub(r"^.*(?:由|现将|公布|根据|对)", "", m.group("full"))
    return agency
_OFFICE_END = re.compile(r"^[\u4e00-\u9fff]{2,20}分局|街道办事处|街道(?=党政|党群|综合|党工委|办公|便民)|人民政府|政府(?!信息)|政府(?=信息公开)|局|委员会|管委会|管理委员会|中心|办公厅|厅|"
                         r"[镇乡](?=党政|综合|人民|政府|办|信息)|苏木(?=党政|综合|人民|政府|办)")


_BELOW_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:街道办事处|镇人民政府|乡人民政府|街道(?=办|党|综合|$)|[镇乡](?=$|党政|综合|办))")
_TOWN_BODY = re.compile(r"街道办事处|(?:镇|乡|苏木)人民政府")
_NAMED_OFFICE = re.compile(r"(?!办公|信息|政务|政府|公开|综合|党政)[\u4e00-\u9fff]{2,10}办公室")
_TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2}(?:镇|乡|苏木|街道)$")
# the places a name opens with ("北京市东城区"), and the office after them: a disclosure office, or one of its own
_PLACES_HEAD = r"(?P<place>(?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|州|盟|县|区|旗))+)"
_DISCLOSURE_OFFICE = re.compile(_PLACES_HEAD + r"(?:政府)?(?:信息|政务)公开(?:管理|工作)?(?:领导小组)?办公室")
_OWN_OFFICE = re.compile(_PLACES_HEAD + r"(?!办公)(?!.*(?:公开|政府|综合|党政))[^局馆院委所站会厅处部队室中心镇乡街]{2,8}办公室")


def _body_of_office(name: str) -> str | None:
    """The body an office belongs to: "宣汉县政府信息公开管理办公室" → "宣汉县政府", "闽侯县水利局政府信息公开…"
    → "闽侯县水利局", "广元市昭化区元坝镇党政综合办公室" → "广元市昭化区元坝镇"; a bare place is its government."""
    if t := _TOWN_BODY.search(name):
        # "吉林市昌邑区东局子街道办事处": the street office (not the 局 inside its name), "X镇人民政府党政办公室": the town
        return name[: t.end()]
    m = _OFFICE_END.search(name)
    if m:
        if m.group(0).endswith("政府"):
            # "上海市静安区人民政府共和新路街道办事处": the street office under the district's government, not the government
            if below := _BELOW_GOVERNMENT.match(name, m.end()):
                return name[: below.end()]
            # "包头市人民政府外事办公室": a department of the government, not the government's own office
            if _NAMED_OFFICE.fullmatch(name, m.end()):
                return name
        return name[: m.end()]
    # "泸州市信息公开办公室": the place's government's disclosure office, so the government
    if m := _DISCLOSURE_OFFICE.fullmatch(name):
        # (a development zone's office: the zone, no place's government)
        return m.group("place") + ("" if _not_government().search(m.group("place")) else "人民政府")
    # "北京市东城区信息化工作办公室": an office that is a body of its own, not a body's general office
    if _OWN_OFFICE.fullmatch(name):
        return name
    if _TOWNSHIP_NAME.search(name):
        # "由崇明县长兴镇编制": a township or street names itself without 人民政府 / 办事处
        return name + ("人民政府" if name.endswith(("镇", "乡", "苏木")) else "")
    if re.search(_PLACE + "$", name):
        return name + "人民政府"
    return None


# a clause that names the rules the work follows: "严格按照《条例》和《……指南》要求"
_FOLLOWED = re.compile(r"(?:按照|根据|依据|依照|遵照|参照|对照|遵循|贯彻|落实|执行)[^，,。；;！!？?\n]*$")


def agency_from_preamble(text: str) -> str | None:
    """The body's name where the page gives no title: "由X编制", "现公布X2022年…", "请与X联系", "2024年，X坚持…"."""
    head = text[:1500]
    for rx, how in _PREAMBLE_AGENCY:
        for m in rx.finditer(head):
            # the verbs before the name ("现将X…", "及时公开X…"; a verb further in is the sentence's too: "依法按时完成长通
            # 街道…", "编制了永泰县教育局…"); a contact's name ("请与将乐县…联系") has none
            a = m.group("a")
            if how == "own_rules" and _FOLLOWED.search(head, max(0, m.start() - 40), m.start()):
                continue  # the basis of the work, another body's rules
            if how != "office":
                a = re.sub(r"^(?:根据|依据|按照|关于|现将|现就|就|现|将|由|本|对|特向社会公布|特公布|向社会公布|公布|发布|及时|公开|特编制"
                           r"|编制|特制定|制定|形成|了|并|向社会)+", "", re.split(r"发布|公布|完成|印发|" + _NAME_BIAN, a)[-1])
            if how == "office":
                a = _body_of_office(a) or ""
            elif how == "place" and re.search(_PLACE + "$", a) and not _not_government().search(a):
                a += "人民政府"
            a = _expand_short_name(a, text) or a
            # a short self-name ("区政府办公室", "我乡") names no body
            if a.startswith(("度本", "度我")):
                continue  # "公布2021年度本街道……报告": 本街道 is a self-reference, the 度 is the year's (年度)
            if (len(a) >= 4 or a.endswith(("部", "镇", "乡"))) and len(a) >= 3 and a[0] not in "区市县镇乡我本全该各局" \
                    and not a.startswith(("中华人民共和国", "国务院", "本报告", "报告", "机关", "本级", "有关")):
                return a + ((m.group("alias") or "") if "alias" in rx.groupindex else "")
    return None


_FLOWING_TITLE = re.compile(r"\s*(\S(?:(?!报告).){5,50}?(?:政[府务])?(?:信息公开|政务公开)(?:(?!报告)\S){0,10}?"
                            r"(?:年度报告|年报|工作报告|情况报告))\s*(?=一、|[（(]一[)）]|本(?:年度)?报告|根据)")
# a site's accessibility switches before the title on a copied page: "关怀版 无障碍 无障碍2015年X镇…"
_TOOLBAR = re.compile(r"^(?:(?:关怀版|无障碍|长者模式|适老版|老年模式|简体版|繁體版|繁体版|欢迎(?:您)?(?:来到|访问|光临))\s*)+")


def _continues(t: str, nxt: str) -> bool:
    """``nxt`` is the second line of a title that starts with ``t``: it does not name a body of its own
    ("2020年政府信息公开…", "办事处2023年…"), or ``t`` is the body's name above it ("城口县人民政府机关" /
    "青溪县民政局"). Not a portal's line ("灵川县政府惠民信息微信", "搜索") above a whole title ("灵川县2022年…")."""
    own = parse_title(nxt)[0]
    return not own or re.match(r"(?:办事处|人民政府|政府|局|委员会|办公室|街道)", own) is not None \
        or re.search(r"(?:" + _ORG[3:-1] + "|" + _PLACE + r"|机关)$", no_space(t)) is not None


def find_title(raw: RawDocument) -> tuple[str | None, Block | None]:
    blocks = raw.blocks[:8]
    yearless: tuple[str, Block] | None = None  # a wrapped title with no year: a portal's column ("政府信息" / "公开年报")
    # above the report's own title, unless no title follows
    for i, b in enumerate(blocks):
        if b.kind == "table":
            continue
        t = re.sub(r"^标\s*题\s*[:：|｜]?\s*", "", b.text.strip())  # an archive's "标题" label
        t = _TOOLBAR.sub("", t)
        if is_furniture(t, anywhere=True):
            continue  # a portal's hot-search bar or its metadata box ("热搜词：…", "索 引 号：… 分类：信息公开年度报告")
        nxt = blocks[i + 1].text.strip() if i + 1 < len(blocks) and blocks[i + 1].kind != "table" else ""
        if "年度报告" not in t and "年报" not in t and len(t) <= 40 and len(nxt) <= 20 and \
                re.search(r"(年度报告|年报)$", nxt) and "信息" in t + nxt and _continues(t, nxt):
            own = parse_title(nxt)[0]
            if own and (own.startswith(t) or t.startswith(own)):
                continue  # the site's name above a whole title that names the body again ("杨柳镇人民政府" / "杨柳镇2021年…")
            if re.search(r"(?:19|20)\d{2}", t + nxt):
                return t + nxt, b  # a title wrapped onto two lines ("…2023年政府信息" / "公开工作年度报告")
            yearless = yearless or (t + nxt, b)
            continue
        if ("年度报告" in t or "年报" in t or re.search(r"信息公开(?:工作)?(?:情况)?报告(?:[(（][^)）]{1,6}[)）])?$", t)) \
                and ("信息公开" in t or "政务公开" in t) and len(t) <= 80:
            if not ("条例" in t or t.endswith("。") or re.search(r"[，,；;]|如下|现将|现予", t) or
                    not re.search(r"(?:19|20)\d{2}", t)):
                return t, b
            # else a sentence of the preamble, or a column name ("政府信息公开年报"), not a title
        # a report saved as one flowing paragraph: the title is its head ("X2019年 政府信息公开工作年度报告 一、总体情况…")
        m = _FLOWING_TITLE.match(b.text)
        if m and re.search(r"(?:19|20)\d{2}", m.group(1)) and not re.search(r"[，,；;。、]|条例", m.group(1)):
            title = no_space(m.group(1))
            return title, Block(b.kind, title, b.start + m.start(1), b.start + m.end(1), b.page)
    return yearless or (None, None)


def find_signature(raw: RawDocument, tail_from: int) -> tuple[date | None, Block | None, str | None, Block | None]:
    """The 落款: a date line at the end, and the agency line just before it."""
    blocks = [b for b in raw.blocks if b.kind != "table" and b.start >= tail_from]
    for i in range(len(blocks) - 1, max(-1, len(blocks) - 5), -1):
        b = blocks[i]
        t = b.text.strip()
        m = DATE_RE.fullmatch(t) or DATE_RE.match(t)
        if m and len(t) <= m.end() + 2:
            d = parse_date_match(m)
            agency, ab = None, None
            if i > 0:
                prev = blocks[i - 1].text.strip()
                if len(prev) <= 40 and not prev.endswith("。"):
                    agency, ab = prev, blocks[i - 1]
            return d, b, agency, ab
    return None, None, None, None


def detect_format(raw: RawDocument, tables: dict[str, Table], headings_text: str) -> tuple[str, list[str]]:
    """spec §3.3: table-2 column labels first, then table-3 （六）, then headings and words."""
    fp = format_spec()["fingerprints"]
    evidence: list[str] = []
    t2 = tables.get("proactive")
    if t2 is not None and t2.layout in ("2019", "2021"):
        words = [w for w in fp[t2.layout]["table2"] if label_key(w) in label_key(t2.header_text)]
        evidence.extend(words)
        return t2.layout, evidence
    t3 = tables.get("requests")
    if t3 is not None and t3.cells:
        if "other_1" in t3.cells or "other_2" in t3.cells:
            return "2021", ["表三（六）其他处理分三项"]
        if "other" in t3.cells:
            return "2019", ["表三（六）其他处理为单行"]
    # tables that could not be read (cells run together on a saved page): table 2's column labels in the text
    text_key = label_key(raw.text)
    hits = {lay: [w for w in fp[lay]["table2"] if label_key(w) in text_key] for lay in ("2021", "2019")}
    best, other = sorted(hits, key=lambda lay: len(hits[lay]), reverse=True)
    if len(hits[best]) >= 3 and len(hits[best]) > len(hits[other]):
        return best, hits[best]
    h = label_key(headings_text)
    old = [w for w in fp["pre2019"]["headings"] if label_key(w) in h]
    words = [w for w in fp["pre2019"]["words"] if label_key(w) in text_key]
    if old or words:
        return "pre2019", old + words
    return "unknown", evidence


_FIRST_YEAR = re.compile(r"(?:^|\n|。)\s*(?:根据《条例》要求[，,])?((?:20|19)\d{2})\s*年度?(?![\d月])")
# the preamble's own report: "现将2022年度政府信息公开工作报告如下", "现公布……2023年政府信息公开工作年度报告"
_OWN_REPORT = re.compile(r"(?:现将|现把|特将|现予?公布|现发布|现向社会公布)[^。；;]{0,30}?((?:19|20)\d{2})\s*年度?"
                         r"[^。；;\d]{0,20}?报告")


def _first_year(text: str) -> int | None:
    """The year that opens a sentence or line in the first 2,000 characters (part one's "2019年，我局……")."""
    m = _FIRST_YEAR.search(text[:2000])
    return int(m.group(1)) if m else None


def _own_report_year(text: str) -> int | None:
    m = _OWN_REPORT.search(text)
    return int(m.group(1)) if m else None


def build_meta(raw: RawDocument, tables: dict[str, Table], headings_text: str, tail_from: int) -> ReportMeta:
    meta = ReportMeta()
    title, tb = find_title(raw)
    if title:
        meta.title = title
        meta.title_loc = Location(raw.page_of(tb.start), raw.line_of(tb.start), tb.start, tb.end)
        meta.agency, meta.year = parse_title(title)
        meta.year_source = "title" if meta.year is not None else None
        meta.agency_source = "title" if meta.agency else None
    d, db, sig_agency, ab = find_signature(raw, tail_from)
    if d:
        meta.published = d
        meta.published_source = "signature"
        meta.signature_loc = Location(raw.page_of(db.start), raw.line_of(db.start), db.start, db.end)
    elif raw.published_hint:
        meta.published = raw.published_hint
        meta.published_source = "page"
    if not meta.agency:
        pre = None if sig_agency else agency_from_preamble(raw.text)
        meta.agency = sig_agency or pre or raw.agency_hint
        meta.agency_source = "signature" if sig_agency else "preamble" if pre else "page" if meta.agency else None
    elif (fuller := agency_from_preamble(raw.text)) and _same_body_fuller(fuller, meta.agency):
        # the title's "大兴区", the preamble's "由北京市大兴区编制"
        meta.agency = fuller + ("人民政府" if meta.agency.endswith("人民政府") and not fuller.endswith("政府") else "")
    elif fuller and agency_level(meta.agency) is None and agency_level(fuller) is not None \
            and re.split(r"[、，,/]", meta.agency)[0] in fuller:
        # a title of no known kind ("白沙办事处、白沙园区"), the preamble's "现公布青溪县白沙办事处（白沙园区）…": the latter
        meta.agency, meta.agency_source = fuller, "preamble"
    if meta.agency:
        meta.agency = _with_its_city(_expand_abbreviation(meta.agency, raw.text), raw.text)
    per = find_period(raw.text[: max(2000, tail_from // 3)]) or find_period(raw.text)
    if per:
        start, end, m = per
        meta.period_start, meta.period_end, meta.period_text = start, end, m.group(0)
        meta.period_loc = Location(raw.page_of(m.start()), raw.line_of(m.start()), m.start(), m.end())
        if meta.year is None and start.year == end.year:
            meta.year, meta.year_source = start.year, "period"
            # no title: the period alone against the preamble's own report and part one's first year, both of another
            # year ("现将2022年度……报告如下", "2022年，……", the period 2021年1月1日至12月31日): the period is the slip
            own = _own_report_year(raw.text[:1500])
            if own is not None and own != start.year and _first_year(raw.text) == own:
                meta.year, meta.year_source = own, "text"
    elif end_only := find_period_end(raw.text[:3000]):
        # the period by its end alone ("数据截止日期为2023年12月31日"): an end and no start (S-07 end_only); never the year's source
        end, m = end_only
        meta.period_end, meta.period_text = end, m.group("dates")
        meta.period_loc = Location(raw.page_of(m.start("dates")), raw.line_of(m.start("dates")), m.start("dates"),
                                   m.end("dates"))
    if meta.year is None:
        # "2019年政府信息公开…" — not the report that an earlier sentence says was published ("发布2019年政府信息公开年度报告"
        # in the 2020 report) or one a notice is about ("关于做好2019年政府信息公开工作年度报告…的通知")
        for m2 in re.finditer(r"(20\d{2}|19\d{2})\s*年度?政[府务]信息公开", raw.text[:3000]):
            if re.search(r"(?:发布|公布|公开|报送|上报|完成|编制了|撰写了|做好|关于)(?:了)?\s*$", raw.text[max(0, m2.start() - 6):m2.start()]):
                continue
            meta.year, meta.year_source = int(m2.group(1)), "text"
            break
    if meta.year is None:
        # part one's first sentence: "2019年，我局……" / "2010年,本市各级政府部门……"
        meta.year = _first_year(raw.text)
        meta.year_source = "text" if meta.year is not None else None
    meta.level = agency_level(meta.agency)
    meta.format_version, meta.format_evidence = detect_format(raw, tables, headings_text)
    return meta
