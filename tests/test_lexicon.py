"""The editable lexicon files in nianbao/data/lexicon/: they parse, hold what the rules expect, and the
entries behave (no confusion fires on correct text, placeholders skip URLs, agency kinds derive)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import nianbao

LEX = Path(nianbao.__file__).resolve().parent / "data" / "lexicon"
TOML_FILES = [
    "confusions.toml",
    "reduplication_allow.toml",
    "boilerplate_phrases.toml",
    "period_slips.toml",
    "agency_terms.toml",
    "placeholders.toml",
    "old_format_terms.toml",
    "set_phrases.toml",
    "place_words.toml",
    "count_words.toml",
    "partner_frames.toml",
    "agency_domains.toml",
]
HAN = re.compile(r"[\u4e00-\u9fff]")
LEVELS = {"township", "street", "county_gov", "city_gov", "province_gov", "department"}


def load(name: str) -> dict:
    return tomllib.loads((LEX / name).read_text(encoding="utf-8"))


CONF = load("confusions.toml")["pair"]
REDUP = load("reduplication_allow.toml")
BOIL = load("boilerplate_phrases.toml")
PERIOD = load("period_slips.toml")
AGENCY = load("agency_terms.toml")
PLACE = load("placeholders.toml")
OLD = load("old_format_terms.toml")


def excused(text: str, i: int, n: int, contexts: list[str]) -> bool:
    """Is text[i:i+n] inside an occurrence of one of the contexts?"""
    for c in contexts:
        j = text.find(c, max(0, i + n - len(c)))
        while j != -1 and j <= i:
            if j + len(c) >= i + n:
                return True
            j = text.find(c, j + 1)
    return False


def confusion_hits(text: str) -> list[str]:
    """Reference semantics of confusions.toml: every occurrence of `wrong` not inside an `unless`."""
    hits = []
    for p in CONF:
        w = p["wrong"]
        i = text.find(w)
        while i != -1:
            if not excused(text, i, len(w), p.get("unless", [])):
                hits.append(w)
            i = text.find(w, i + 1)
    return hits


# Realistic, correct report prose written for this test: no pair may fire on it.
CLEAN_TEXT = """
2023年，我镇严格按照《中华人民共和国政府信息公开条例》要求，按排名先后公布各村评比结果，
按排查情况建立问题台账，对照问题清单逐项整改。全年通过政府门户网站主动公开政府信息1213条，
其中政策解读26篇，按装修进度分批公开项目信息。我镇一贯采取“先审核后公开”的做法，
安排专人负责保密审查，依法依规办理政府信息公开申请，申请人对答复结果均无异议。
各部门应当按照规定定期更新公开内容，领导小组组长牵头部署，确保应公开尽公开。
积极推进政务公开标准化规范化建设，持续优化营商环境，完善长效机制，加强舆情回应。
自己经手的材料要建立台账，严禁私自带离。同时，对群众反映强烈的问题做到即知即改、立行立改。
依托便民服务中心设立政务公开专区，为群众提供查阅服务；行政复议、行政诉讼均为0件。
镇党委委员带队开展专项检查，检查结果在政府信息公开专栏予以公开。全镇覆盖率达到100%。
政府信息公开工作年度报告于2024年1月19日发布，逾期未补正的申请按规定不再处理。
在审批漏洞排查中发现问题3个，已全部整改到位，相关措施将纳入下一年度工作要点。
"""


# --------------------------------------------------------------------------- all files


@pytest.mark.parametrize("name", TOML_FILES)
def test_file_parses_and_starts_with_bilingual_comment(name):
    text = (LEX / name).read_text(encoding="utf-8")
    tomllib.loads(text)
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line)
    assert len(head) >= 8, name
    block = "\n".join(head)
    assert HAN.search(block) and re.search(r"\[Purpose\]|\[Contents\]", block), name
    assert "如何编辑" in block and "[Editing]" in block, name


# --------------------------------------------------------------------------- confusions


def test_confusions_count_and_keys():
    assert len(CONF) >= 320
    for p in CONF:
        assert set(p) <= {"wrong", "right", "why", "unless"}, p
        assert isinstance(p["wrong"], str) and isinstance(p["right"], str) and isinstance(p["why"], str)
        assert p["wrong"] != p["right"], p
        assert 2 <= len(p["wrong"]) <= 6, p
        assert all(HAN.match(ch) for ch in p["wrong"]), p
        assert HAN.search(p["why"]) and "\n" not in p["why"] and p["why"].count("。") <= 1, p
        assert re.search(r"“[^”]+”", p["why"]), p  # quotes the form it explains


def test_confusions_have_no_duplicate_or_nested_wrong_forms():
    wrongs = [p["wrong"] for p in CONF]
    assert len(wrongs) == len(set(wrongs))
    nested = [(a, b) for a in wrongs for b in wrongs if a != b and a in b]
    assert nested == []


def test_context_free_and_context_pairs_do_not_overlap():
    # W-02 (confusions.toml, every context) and W-04 (context_confusions.toml, only in context) match the same spans
    # the same way (rules.util.span_matches): one wrong form inside the other would give two findings for one slip
    # (a context pair inside a context-free form is fine when its context cannot hold there: 己 in 刻己奉公)
    from nianbao.rules.wording import _holds, context_pairs

    _, pairs = context_pairs()
    both = []
    for p in CONF:
        w = p["wrong"]
        for x, ps in pairs.items():
            if w in x:
                both.append((w, x))
            for k in (i for i in range(len(w)) if w.startswith(x, i)):
                if any(_holds(cp, w, k, k + len(x), 0, len(w)) for cp in ps):
                    both.append((w, x))
    assert both == []


def test_set_phrases_are_han_and_long_enough():
    d = load("set_phrases.toml")
    for t in [*d["terms"], *d["doc_codes"]]:
        assert len(t) >= 4 and all(HAN.match(ch) for ch in t), t
    assert all(HAN.match(w[0]) for w in d["words"])


def test_unless_entries_contain_their_wrong_form():
    for p in CONF:
        for u in p.get("unless", []):
            assert p["wrong"] in u and u != p["wrong"], p
        assert len(p.get("unless", [])) == len(set(p.get("unless", []))), p


def test_no_right_form_triggers_any_pair():
    # neither the pair's own correct form nor any other pair's correct form may be reported
    offenders = {p["right"]: confusion_hits(p["right"]) for p in CONF}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_confusions_stay_silent_on_correct_text_and_lexicon_words():
    assert confusion_hits(CLEAN_TEXT) == []
    words = REDUP["allow"] + REDUP["allow_contexts"]
    words += [ln.split()[0] for ln in (LEX / "domain_dict.txt").read_text(encoding="utf-8").splitlines()]
    words += BOIL["phrases"] + [t["text"] for t in BOIL["phrase"]]
    assert {w: confusion_hits(w) for w in words if confusion_hits(w)} == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请各单位按排专人负责", ["按排"]),
        ("按排名先后公布", []),
        ("我局一贯采取多种方式", []),
        ("认真贯采落实上级部署", ["贯采"]),
        ("进一步布署政务公开工作", ["布署"]),
        ("要针贬时弊，再接再励", ["再接再励", "针贬"]),
        ("自己经常深入一线", []),
        ("全面惯彻落实上级部署", ["惯彻"]),
        ("依申请公开工作扎实开展，不于公开的依法说明理由", ["不于公开"]),
        ("群众情不自已", []),
    ],
)
def test_confusion_examples(text, expected):
    assert sorted(confusion_hits(text)) == sorted(expected)


def test_no_allowed_reduplication_is_a_confusion():
    wrongs = {p["wrong"] for p in CONF}
    assert wrongs.isdisjoint(REDUP["allow"])
    assert wrongs.isdisjoint(REDUP["allow_contexts"])


# --------------------------------------------------------------------------- reduplication


def _has_repeat(s: str) -> bool:
    return any(s[i : i + n] == s[i + n : i + 2 * n] for n in (1, 2, 3, 4) for i in range(len(s) - 2 * n + 1))


def test_reduplication_lists():
    allow, contexts = REDUP["allow"], REDUP["allow_contexts"]
    assert len(allow) >= 120 and len(contexts) >= 40
    assert len(allow) == len(set(allow)) and len(contexts) == len(set(contexts))
    assert [w for w in allow if not _has_repeat(w)] == []
    assert [c for c in contexts if not _has_repeat(c)] == []
    # the seed report's page-break defect must stay reportable
    for ok in allow + contexts:
        assert "执行执行" not in ok
    assert not excused("坚决执行执行政府信息公开制度", 2, 4, allow + contexts)
    assert excused("按照规定定期公开", 3, 2, contexts)  # 定定 of 规定 + 定期
    assert excused("XX局局长带队检查", 2, 2, contexts)


# --------------------------------------------------------------------------- boilerplate


def test_boilerplate_phrases_and_weights():
    plain = BOIL["phrases"]
    weighted = BOIL["phrase"]
    texts = plain + [t["text"] for t in weighted]
    assert len(texts) >= 150
    assert len(texts) == len(set(texts))
    for t in weighted:
        assert isinstance(t["weight"], float) and 0 < t["weight"] <= 2.0, t
    assert not any(re.search(r"\d", t) for t in texts)
    for must in [
        "进一步加强",
        "高度重视",
        "取得了一定成效",
        "有待进一步提高",
        "常态化、制度化、规范化",
        "应公开尽公开",
    ]:
        assert must in texts


def test_classifier_reader_sees_the_lexicon():
    from nianbao.classify.lexicon import boilerplate_lexicon

    phrases, markers = boilerplate_lexicon(str(LEX))
    assert len(phrases) == len(BOIL["phrases"]) + len(BOIL["phrase"])
    assert len(markers) == len(BOIL["specific_markers"])


def _marker_hits(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in BOIL["specific_markers"]:
        found = [x.group(0) for x in re.finditer(m["pattern"], text)]
        if found:
            out[m["name"]] = found
    return out


def test_specific_markers():
    assert _marker_hits("主动公开政府信息共1213条，其中政务文件58 条，办结率100%。") == {
        "count_with_unit": ["1213条", "58 条"],
        "percentage": ["100%"],
    }
    assert _marker_hits("依据国办公开办函〔2021〕30号，于2024年1月19日在“今日安海”微信公众号发布。") == {
        "document_number": ["〔2021〕30号"],
        "full_date": ["2024年1月19日"],
        "named_platform": ["“今日安海”微信公众号"],
    }
    generic = "监督各行业主管部门要切实履行主管职责，严格执行信息公开制度，强化各项社会监督的力度。"
    assert _marker_hits(generic) == {}


# --------------------------------------------------------------------------- period slips


def _period_hits(text: str) -> list[str]:
    return [p["name"] for p in PERIOD["pattern"] for _ in re.finditer(p["regex"], text, re.M)]


def test_period_patterns_are_well_formed():
    kinds = {"half_year", "quarter", "months_range", "date_range", "cutoff", "year_to_date"}
    for p in PERIOD["pattern"]:
        re.compile(p["regex"], re.M)
        assert p["kind"] in kinds and p["strength"] in {"strong", "weak"} and HAN.search(p["note"]), p
    for key in ("comparison_markers", "plan_markers", "citation_markers"):
        for where in ("before", "after", "sentence"):
            assert PERIOD[key][where], (key, where)
    assert "将" in PERIOD["plan_markers"]["sentence"]
    assert "同比" in PERIOD["comparison_markers"]["sentence"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023 年上半年，安海镇严格按照条例要求", ["first_half"]),
        ("2023年1-6月共受理申请5件", ["months_from_january"]),
        ("1—6月份", ["months_from_january"]),
        ("2023年一至九月", ["months_from_january"]),
        ("第三季度", ["quarter"]),
        ("前三季度", ["first_quarters"]),
        ("截至6月底", ["cutoff_before_december"]),
        ("统计期间为2023年1月1日至6月30日", ["date_range_part_year"]),
        ("今年以来", ["this_year_so_far"]),
        ("1-12月", []),
        ("1月至12月", []),
        ("截至12月31日", []),
        ("截至2023年12月底", []),
        ("内容涵盖 2023 年 1 月 1 日至 12 月 31 日", []),
        ("按季度更新公开内容", []),
    ],
)
def test_period_examples(text, expected):
    assert _period_hits(text) == expected


def test_cutoff_exposes_year_and_month():
    pat = next(p for p in PERIOD["pattern"] if p["name"] == "cutoff_before_december")
    m = re.search(pat["regex"], "截至2024年1月，累计公开信息300条")
    assert m and m.group("year") == "2024" and m.group("month") == "1"


# --------------------------------------------------------------------------- agency terms


def agency_kind(name: str) -> dict:
    for k in AGENCY["kind"]:
        if re.search(k["suffix"], name):
            return k
    raise LookupError(name)


def region_of(name: str) -> tuple[str | None, int]:
    """(region suffix, rank) following the derivation described in agency_terms.toml."""
    regions = AGENCY["region"]
    kind = agency_kind(name)
    if kind.get("region"):
        r = next(x for x in regions if x["suffix"] == kind["region"])
        return r["suffix"], r["rank"]
    if any(name.startswith(p) for p in AGENCY["national_prefixes"]):
        return "国", 5
    tok = re.compile(AGENCY["region_token_regex"])
    pos, last = 0, None
    while (m := tok.match(name, pos)) and m.group(0) not in AGENCY["region_false_tokens"]:
        last, pos = m.group(0), m.end()
    if last is None:
        return None, 0
    if last in AGENCY["province_level_cities"]:
        return "直辖市", 4
    for r in sorted(regions, key=lambda r: -len(r["suffix"])):
        if last.endswith(r["suffix"]):
            return r["suffix"], r["rank"]
    raise LookupError(last)


def self_mismatches(name: str, text: str) -> list[str]:
    kind = agency_kind(name)
    suffix, rank = region_of(name)
    allowed = set(kind["self"]) | set(AGENCY["neutral"])
    known = {w for k in AGENCY["kind"] for w in k["self"]}
    for r in AGENCY["region"]:
        known |= set(r["words"])
        if r["suffix"] == suffix or r["rank"] > rank:
            allowed |= set(r["words"])
    out = []
    for w in sorted(known - allowed, key=len, reverse=True):
        i = text.find(w)
        while i != -1:
            inside_longer = any(len(k) > len(w) and w in k and excused(text, i, len(w), [k]) for k in known)
            if not inside_longer and not excused(text, i, len(w), AGENCY["ignore_contexts"]):
                out.append(w)
            i = text.find(w, i + 1)
    return sorted(out)


@pytest.mark.parametrize(
    ("name", "kind", "level", "region"),
    [
        ("晋江市安海镇人民政府", "town", "township", "镇"),
        ("新安县云岭乡人民政府", "township", "township", "乡"),
        ("某市东城街道办事处", "street", "street", "街道"),
        ("新安县人民政府办公室", "gov_office", "department", "县"),
        ("新安县人民政府", "county_gov", "county_gov", "县"),
        ("思明区人民政府", "district_gov", "county_gov", "区"),
        ("福州市人民政府", "city_gov", "city_gov", "市"),
        ("上海市人民政府", "municipality_gov", "province_gov", "直辖市"),
        ("福建省人民政府", "province_gov", "province_gov", "省"),
        ("广西壮族自治区人民政府", "autonomous_region_gov", "province_gov", "自治区"),
        ("晋江市市场监督管理局", "bureau", "department", "市"),
        ("北京市海淀区市场监督管理局", "bureau", "department", "区"),
        ("新安县城市管理局", "bureau", "department", "县"),
        ("新安县发展和改革委员会", "commission", "department", "县"),
        ("新安经济开发区管理委员会", "management_committee", "department", "区"),
        ("新安县融媒体中心", "center", "department", "县"),
        ("新安县综合行政执法大队", "team", "department", "县"),
        ("中华人民共和国自然资源部", "ministry_bu", "department", "国"),
    ],
)
def test_agency_kind_and_region(name, kind, level, region):
    k = agency_kind(name)
    assert (k["id"], k["level"], region_of(name)[0]) == (kind, level, region)


def test_agency_file_is_consistent():
    ids = [k["id"] for k in AGENCY["kind"]]
    assert len(ids) == len(set(ids))
    suffixes = {r["suffix"] for r in AGENCY["region"]}
    for k in AGENCY["kind"]:
        re.compile(k["suffix"])
        assert k["level"] in LEVELS and k["self"], k
        assert k.get("region") is None or k["region"] in suffixes, k
    re.compile(AGENCY["region_token_regex"])


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("晋江市安海镇人民政府", "我镇严格按照要求，本镇各村、全镇干部，配合我市和全省部署。", []),
        ("晋江市安海镇人民政府", "我局严格按照要求开展工作，我镇配合。", ["我局"]),
        ("晋江市安海镇人民政府", "依照本办法第五条，我区域内各村", []),
        ("新安县人民政府办公室", "我县政务公开工作由我办牵头，全县各乡镇配合。", []),
        ("新安县人民政府办公室", "我镇政务公开工作由我办牵头。", ["我镇"]),
        ("某市东城街道办事处", "我街道依托辖区党群服务中心，我办专人负责，全区统一部署。", []),
        ("某市东城街道办事处", "我局在辖区内开展宣传。", ["我局"]),
        ("晋江市市场监督管理局", "我局积极配合我市和全省工作。", []),
        ("晋江市市场监督管理局", "我镇、我委和全县", ["全县", "我委", "我镇"]),
    ],
)
def test_self_reference_compatibility(name, text, expected):
    assert self_mismatches(name, text) == expected


# --------------------------------------------------------------------------- placeholders


def placeholder_hits(text: str) -> list[tuple[str, str]]:
    return [(p["name"], m.group(0)) for p in PLACE["pattern"] for m in re.finditer(p["regex"], text, re.M)]


def test_placeholder_file_is_well_formed():
    names = [p["name"] for p in PLACE["pattern"]]
    assert len(names) == len(set(names))
    for p in PLACE["pattern"]:
        re.compile(p["regex"], re.M)
        assert p["severity"] in {"error", "warning", "info"} and HAN.search(p["message"]), p
    assert all(HAN.search(w) for w in PLACE["words"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XX镇人民政府2023年政府信息公开工作年度报告", [("xx_letters", "XX")]),
        ("全年公开信息xx条", [("xx_letters", "xx")]),
        ("电话：0595-XXXXXXXX", [("xx_letters", "XXXXXXXX")]),
        ("××县人民政府", [("times_signs", "××")]),
        ("本报告于20XX年发布", [("year_with_x", "20XX年")]),
        ("○○乡人民政府", [("circle_zeros", "○○")]),
        ("可在政府门户网站(具体网址)下载", [("bracketed_instruction", "(具体网址)")]),
        ("可在政府门户网站（具体网址）下载", [("bracketed_instruction", "（具体网址）")]),
        ("联系人：【待填】", [("bracketed_instruction", "【待填】")]),
        ("编制[具体地名]政务公开目录", [("bracketed_instruction", "[具体地名]")]),
        ("一、总体情况(宋体加粗小四号字)", [("typesetting_note", "(宋体加粗小四号字)")]),
        ("主动公开信息  条", [("missing_number", "  条")]),
        ("全年共  条，其中政策解读\u3000篇", [("missing_number", "  条"), ("missing_number", "\u3000篇")]),
        ("本年收到申请  件", [("missing_number", "  件")]),
        ("受理 件", [("missing_number", " 件")]),
        ("全年共？条", [("question_mark_number", "共？条")]),
        ("签发人：______", [("underscores", "______")]),
        ("在“ ”平台发布", [("empty_brackets", "“ ”")]),
        ("请访问 http://www.xx.gov.cn 查看", [("url_placeholder", "http://www.xx.gov.cn")]),
        ("由某某同志负责", [("mou_mou", "某某")]),
    ],
)
def test_placeholder_positives(text, expected):
    assert placeholder_hits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本报告的电子版可在“晋江市人民政府”门户网站（http://www.jinjiang.gov.cn/）下载。",
        "网址：http://www.jjxxgk.gov.cn/xxgk/zfxxgknb/，邮箱：zfxxgk_2023@jinjiang.gov.cn",
        "人类进入XXI世纪以来，XX世纪的经验仍有借鉴意义。",
        "二〇〇八年五月一日起施行，二○二四年一月十九日发布。",
        "主动公开政府信息共1213条，其中政务文件58 条。",
        "政府信息公开 条例规定的公开内容",
        "开展 人员培训2次，组织 人员参加。",
        "（地址：晋江市安海镇成功东路 1 号，邮编：362261，电话：85799022）",
        "第二十条第（一）项规定的信息；3×4米的公开栏。",
        "2023 年 1 月 1 日至 12 月 31 日期间",
        "各项工作情况（具体见附表）按时报送。",
        "印发《公文格式规范》（宋体字号要求另行通知）。",
    ],
)
def test_placeholder_negatives(text):
    assert placeholder_hits(text) == []


# --------------------------------------------------------------------------- domain dictionary


def test_domain_dict_format_and_segmentation():
    lines = (LEX / "domain_dict.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 150
    words = []
    for ln in lines:
        parts = ln.split(" ")
        assert len(parts) == 3 and parts[1].isdigit() and re.fullmatch(r"[a-z]+", parts[2]), ln
        words.append(parts[0])
    assert len(words) == len(set(words))
    import jieba

    tok = jieba.Tokenizer()
    tok.load_userdict(str(LEX / "domain_dict.txt"))
    cut = tok.lcut("属于三类内部事务信息的不予公开，危及三安全一稳定的依申请公开事项", HMM=False)
    for w in ("三类内部事务信息", "不予公开", "三安全一稳定", "依申请公开"):
        assert w in cut


# --------------------------------------------------------------------------- old formats


def test_old_format_terms():
    texts = [t["text"] for t in OLD["term"]]
    assert len(texts) == len(set(texts))
    for t in OLD["term"]:
        assert t["format"] in {"2019", "pre2019", "2021"}, t
        assert t["where"] in {"table2", "table3", "table4", "heading", "text", "citation"}, t
        assert t["strength"] in {"strong", "weak"} and HAN.search(t["note"]), t
    for c in OLD["citation"]:
        re.compile(c["regex"])
        assert set(c["formats"]) <= {"2019", "pre2019", "2021"} and c["formats"], c
    table_2019 = (
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量"
    )
    strong = sorted({t["format"] for t in OLD["term"] if t["strength"] == "strong" and t["text"] in table_2019})
    assert strong == ["2019"]
    table_2021 = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n信息内容\t本年处理决定数量"
    found = sorted({t["format"] for t in OLD["term"] if t["text"] in table_2021})
    assert found == ["2019", "2021"]  # the weak 2019 "处理决定数量" sits inside 本年处理决定数量 (see its note)
    cites = {
        c["name"] for c in OLD["citation"] if re.search(c["regex"], "依据国务院令第 711 号和国办公开办函〔2021〕30号")
    }
    assert cites == {"order_711", "notice_2021_30"}


# --------------------------------------------------------------------------- the joined word lists compile
def test_joined_lexicon_regexes_compile():
    """W-02/W-04/W-06/W-07 join each list into one regex: a pattern with an inline global flag ((?m), (?i)) compiles
    alone but not joined, and the rule would then stop with a rule_failed note on every report."""
    from nianbao.rules.typos import confusion_lexicon
    from nianbao.rules.wording import _stacks, context_pairs, slip_lexicon

    assert slip_lexicon()[0] is not None
    assert confusion_lexicon()[0] is not None
    assert context_pairs()[0] is not None
    assert _stacks()
    for name, key in (("slips", "slip"), ("stacked_words", "stack")):
        for entry in load(f"{name}.toml").get(key, []):
            assert not re.search(r"\(\?[aiLmsux]+\)", entry["pattern"]), (name, entry["pattern"])
