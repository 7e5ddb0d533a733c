"""Consistency rules K-01 … K-05: true positives and near misses with exact evidence and locations."""

from __future__ import annotations

import json

import pytest

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules
from nianbao.rules.identity import agency_places
from tests.conftest import ROOT

K = ["K-01", "K-02", "K-03", "K-04", "K-05"]
TOWN = "晋江市安海镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
BUREAU = "青溪县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n"
TABLES = """
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t23\t4\t0\t0\t1\t0\t28
二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2
（一）予以公开\t10\t2\t0\t0\t1\t0\t13
（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t1\t0\t0\t0\t0\t4
（七）总计\t24\t4\t0\t0\t1\t0\t29
四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1
四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
"""


def audit(text: str, codes=K):
    r = load_report(text, require_report=False)
    return r, run_rules(r, only=codes)


def spans(fs):
    return [(f.rule, f.evidence, f.part, f.location.start, f.location.end) for f in fs]


def at(r, evidence: str, after: int = 0) -> tuple[int, int]:
    i = r.text.index(evidence, after)
    return i, i + len(evidence)


def test_seed_gets_no_consistency_finding(seed_path):
    fs = run_rules(load_report(seed_path), only=K)
    assert fs == []


def test_yunling_fixture_gets_no_consistency_finding():
    fs = run_rules(load_report(ROOT / "tests" / "fixtures" / "reports" / "yunling_town_2023.txt"), only=K)
    assert fs == []


# ------------------------------------------------------------------------------------------ K-01


def test_tables_parse_for_these_tests():
    r = load_report(BUREAU + "本年度工作平稳。" + TABLES, require_report=False)
    assert r.tables["requests"].value("new", "total") == 28
    assert r.tables["review_litigation"].value("review", "total") == 1


def test_text_matches_tables():
    body = ("全年共收到政府信息公开申请28件，其中自然人申请23件、商业企业申请4件、法律服务机构申请1件；上年结转2件。"
            "本年度办结29件，其中予以公开13件、部分公开4件，结转下年度1件。"
            "本年度因政府信息公开工作被申请行政复议1件，未发生因政府信息公开工作被提起行政诉讼的情况。")
    assert audit(BUREAU + body + TABLES)[1] == []


@pytest.mark.parametrize("body, evidence", [
    ("全年共收到政府信息公开申请30件。", "收到政府信息公开申请30件"),
    ("全年共受理申请28件，加上上年结转3件。", "上年结转3件"),
    ("本年度申请已办结27件。", "已办结27件"),
    ("收到申请28件，结转下年度继续办理2件。", "结转下年度继续办理2件"),
    ("全年因政府信息公开工作被申请行政复议2件。", "被申请行政复议2件"),
    ("全年因政府信息公开工作被提起行政诉讼1起。", "被提起行政诉讼1起"),
    ("收到申请28件，其中自然人申请20件。", "自然人申请20件"),
    ("本年度未发生因政府信息公开工作被申请行政复议的情况。", "未发生因政府信息公开工作被申请行政复议"),
])
def test_text_contradicts_tables(body, evidence):
    r, fs = audit(BUREAU + body + TABLES, ["K-01"])
    a, b = at(r, evidence)
    assert spans(fs) == [("K-01", evidence, "overview", a, b)]
    assert fs[0].severity == "error"


def test_self_reference_not_judged_on_the_sites_source_line():
    # no title: the body is known only from the page's 来源 line, which names the site (the county), not the bureau
    text = "来源：青溪县人民政府\n一、总体情况\n2023年，我局主动公开政府信息120条，本局专栏更新及时。"
    r, fs = audit(text, ["K-03"])
    assert (r.meta.agency, r.meta.agency_source) == ("青溪县人民政府", "page")
    assert fs == []


def test_count_of_one_office_is_not_the_governments_table():
    head = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    body = "2023年，县政府办代表县政府受理政府信息公开申请17件，均已按时答复。"
    assert audit(head + body + TABLES, ["K-01"])[1] == []
    r, fs = audit(head + "2023年，我县受理政府信息公开申请17件。" + TABLES, ["K-01"])
    assert [f.evidence for f in fs] == ["受理政府信息公开申请17件"]


@pytest.mark.parametrize("body", [
    "全年共受理申请30件（含上年结转2件）。",  # 受理 may include the carried-over requests
    "2022年收到申请20件，较上年增加8件。",  # another year
    "本年度受理群众咨询40件，办理人大代表建议5件。",  # not applications
    "全年依申请公开答复中被行政复议纠正0件。",
    "未发生行政复议被纠错的情况。",
    "2024年，本局将力争办结申请40件。",  # plan
])
def test_text_table_near_misses(body):
    assert audit(BUREAU + body + TABLES, ["K-01"])[1] == []


# ------------------------------------------------------------------------------------------ K-02


def test_seed_style_subtotal_is_consistent():
    body = ("2023年，我镇主动公开政务文件、工作动态信息共1213条，同时每月更新政务公开栏。其中在门户网站上公开政务文件58条，"
            "在微信公众号上刊登各类工作动态信息共1155条。")
    assert audit(TOWN + body, ["K-02"])[1] == []


def test_parts_exceed_total():
    body = "2023年，我镇共主动公开政府信息864条，其中在门户网站公开47条，在微信公众号发布827条。"
    r, fs = audit(TOWN + body, ["K-02"])
    ev = "共主动公开政府信息864条，其中在门户网站公开47条，在微信公众号发布827条"
    a, b = at(r, ev)
    assert spans(fs) == [("K-02", ev, "overview", a, b)]
    assert fs[0].severity == "warning" and "47＋827＝874条" in fs[0].message


@pytest.mark.parametrize("body", [
    "全年共发布信息415条，其中政策解读38条、图片新闻120条。",  # parts need not be exhaustive
    "共收到申请6件，其中自然人申请5件、商业企业申请1件，较上年增加2件。",
    "共发放1800余份，其中窗口发放900份、上门发放1000份。",
])
def test_subtotal_near_misses(body):
    assert audit(TOWN + body, ["K-02"])[1] == []


def test_exhaustive_list_short_of_total():
    body = "全年共收到申请10件，其中自然人申请6件、法人或其他组织申请3件。"
    r, fs = audit(TOWN + body, ["K-02"])
    assert [f.evidence for f in fs] == ["共收到申请10件，其中自然人申请6件、法人或其他组织申请3件"]


# ------------------------------------------------------------------------------------------ K-03


@pytest.mark.parametrize("head, body, evidence, severity", [
    # notes: the self variant's false alarms on real text contradicted its dev precision (docs/benchmarks.md,
    # "Severity decisions")
    (TOWN, "2023年，我局严格落实保密审查制度。", "我局", "info"),
    (TOWN, "我县政务公开工作稳步推进。", "我县", "info"),
    (BUREAU, "本年度我镇未收取信息处理费。", "我镇", "info"),
    ("东岳市人民政府2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n", "我镇无其他需要报告的事项。", "我镇", "info"),
    ("东岳市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "我局按季度检查政府网站。", "我局", "info"),
    (BUREAU, "我委全年主动公开信息50条。", "我委", "info"),
])
def test_self_reference_mismatch(head, body, evidence, severity):
    r, fs = audit(head + body, ["K-03"])
    a, b = at(r, evidence, len(head) - 10)
    assert [(f.rule, f.evidence, f.location.start, f.location.end, f.severity) for f in fs] == [
        ("K-03", evidence, a, b, severity)]


@pytest.mark.parametrize("head, body", [
    (TOWN, "2023年，我镇在县委、县政府领导下推进政务公开，全县考核位列前三。"),
    (BUREAU, "2023年，我局按照我县政务公开工作要点推进工作，本局专栏更新及时。"),
    (BUREAU, "本市场主体信息按规定公开，本办法另行制定。"),
    ("白河市望城区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "我区、我市两级平台同步发布。"),
    # an autonomous region (and its departments) calls itself 我区
    ("青川自治区审计厅2023年政府信息公开工作年度报告\n一、总体情况\n", "我厅围绕我区审计工作重点，主动公开审计结果公告12条。"),
    # 我局 throughout and never 我县: the body was read wrong, not a slip of a copied text
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我局主动公开信息120条。我局专栏更新及时。"),
    # a municipality's government (a province-level body) calls itself 我市
    ("天津市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我市政务公开质量稳步提升，为推进我市发展提供支撑。"),
])
def test_self_reference_near_misses(head, body):
    assert audit(head + body, ["K-03"])[1] == []


# ------------------------------------------------------------------------------------------ K-04


def test_agency_places():
    assert agency_places("晋江市安海镇人民政府") == ["晋江市", "安海镇"]
    assert agency_places("青溪县市场监督管理局") == ["青溪县"]
    assert agency_places("汀州市云溪区教育局") == ["汀州市", "云溪区"]
    assert agency_places("住房和城乡建设局") == []


@pytest.mark.parametrize("head, body, evidence", [
    (TOWN, "东石镇严格按照《条例》要求推进政务公开工作。", "东石镇"),
    (TOWN, "2023年，东石镇人民政府信息公开工作平稳运行。", "东石镇"),
    (TOWN, "我镇（东石镇）持续推进政务公开。", "东石镇"),
    (BUREAU, "2023年8月，东坪县财政局组织政务公开业务培训2期。", "东坪县财政局"),
    (BUREAU, "本报告电子版可在东坪县市场监督管理局网站下载。", "东坪县市场监督管理局"),
])
def test_foreign_names(head, body, evidence):
    r, fs = audit(head + body, ["K-04"])
    a, b = at(r, evidence, len(head) - 10)
    assert spans(fs) == [("K-04", evidence, "overview", a, b)]
    assert fs[0].severity == "info"  # lowered: precision 0.00 on the real dev split (issue #12)


@pytest.mark.parametrize("head, body", [
    (TOWN, "2023年，我镇与东石镇联合开展培训，并赴东石镇学习政务公开专区建设经验。"),
    (TOWN, "晋江市委、市政府高度重视政务公开，安海镇严格落实各项部署。"),
    (TOWN, "在“中国晋江”门户网站和晋江市人民政府网站公开政务文件58条。"),
    (TOWN, "召开镇党委会议研究政务公开，依托镇政务服务中心设置查阅点。"),
    (BUREAU, "依托青溪县人民政府门户网站公开信息，按照《东坪县政务公开工作要点》学习借鉴。"),
    # real patterns (issue #12): a verb or preposition before a bare level word, and the report's own name cut short
    (BUREAU, "进一步优化县市场监督管理局网站栏目，包括市场主体登记信息。"),
    (TOWN, "根据镇党委部署，完善镇政务公开专区。"),
    ("阿拉善盟额济纳旗达来呼布镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n",
     "在阿拉善盟额济纳旗达来呼布镇人民政府网站公开信息。"),
    # the report's own name shortened to some of its characters (凤栖北路街道 → 凤北街道), and a verb of
    # cooperation jieba tags as a noun before a bare level word (协同区财政局)
    ("青溪县凤栖北路街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n",
     "凤北街道坚持以公开促落实，全年公开信息75条。"),
    (BUREAU, "协同县财政局做好预决算公开，会同县司法局审查规范性文件。"),
])
def test_foreign_name_near_misses(head, body):
    assert audit(head + body, ["K-04"])[1] == []


# ------------------------------------------------------------------------------------------ K-05


def test_fee_contradiction():
    text = (BUREAU + "本年度本局向2名申请人发出收费通知2件，收取信息处理费200元。\n六、其他需要报告的事项\n本年度本局未收取信息处理费。")
    r, fs = audit(text, ["K-05"])
    a, b = at(r, "收取信息处理费200元")
    assert spans(fs) == [("K-05", "收取信息处理费200元", "overview", a, b)]


def test_fee_consistent():
    text = BUREAU + "六、其他需要报告的事项\n本年度本局未发出信息处理费收费通知，未收取信息处理费。"
    assert audit(text, ["K-05"])[1] == []


# ------------------------------------------------------------------------------------------ corpus


def test_no_consistency_findings_on_clean_reports():
    man = ROOT / "corpora" / "reports" / "manifest.jsonl"
    paths = [ROOT / "corpora" / json.loads(x)["file"] for x in man.read_text(encoding="utf-8").splitlines()
             if json.loads(x)["clean"]]
    paths += sorted(p for p in (ROOT / "tests" / "fixtures" / "reports").glob("*.txt") if "yunling" not in p.name)
    noisy = {}
    for p in paths:
        fs = run_rules(load_report(p), only=K)
        if fs:
            noisy[p.name] = [(f.rule, f.evidence) for f in fs]
    assert noisy == {}


def test_corpus_defects_of_mine_are_found():
    """Every date/consistency defect the corpus manifest records is found by a D or K rule, at its evidence."""
    man = ROOT / "corpora" / "reports" / "manifest.jsonl"
    missed = []
    for line in man.read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        mine = [d for d in m["defects"] if d["category"] in ("date", "consistency")]
        if not mine:
            continue
        fs = run_rules(load_report(ROOT / "corpora" / m["file"]), only=K + ["D-01", "D-02", "D-03", "D-04", "D-05"])
        for d in mine:
            if not any(d["evidence"] in f.evidence or f.evidence in d["evidence"] for f in fs):
                missed.append((m["id"], d["kind"], d["evidence"]))
    assert missed == []


# ------------------------------------------------------------------------------------------ K-06 / K-03 (t12c)


@pytest.mark.parametrize("body, evidence, needle", [
    ("网上公开信息30条，占比40%；公告栏公开信息60条，占比90%。", "30条，占比40%；公告栏公开信息60条，占比90%", "找不到一个总数"),
    ("本年度收到政府信息公开申请8件，按时答复6件，答复率100%。", "8件，按时答复6件，答复率100%", "应为75.0%"),
    ("全年共收到申请12件，自然人、法人或其他组织分别为8件、6件。", "共收到申请12件，自然人、法人或其他组织分别为8件、6件", "8＋6＝14件"),
    ("主动公开政府信息52条：工作动态11条、通知公告29条、其他信息10条。", "52条：工作动态11条、通知公告29条、其他信息10条", "11＋29＋10＝50条"),
])
def test_prose_numbers_t12c(body, evidence, needle):
    r, fs = audit(BUREAU + body, ["K-06"])
    a, b = at(r, evidence)
    # K-06's sums (fifth session) and its rates (ninth) are notes (docs/benchmarks.md "Severity decisions")
    sev = "info" if "＝" in needle or "应为" in needle else "warning"
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-06", a, b, sev)]
    assert needle in fs[0].message


@pytest.mark.parametrize("body", [
    "实现网上办理的有40项，占比80%；实现即办的有30项，占比60%；免于提交材料的有45项，占比90%。",  # overlapping shares of 50
    "本年度收到政府信息公开申请8件，按时答复8件，答复率100%。",
    "收到申请10件，办结8件，结转下年度2件，办结率100%。",  # three counts: whose rate is unclear
    "全年共发布信息300条，门户网站、微信公众号分别发布120条、80条。",  # two channels need not be all
    "2023年收到政府信息公开申请5件。通过信函收到政府信息公开申请2件，较上年收到政府信息公开申请3件有所增加。",
])
def test_prose_numbers_t12c_near_misses(body):
    assert audit(BUREAU + body, ["K-06"])[1] == []


def test_received_twice():
    body = "2023年，我局收到政府信息公开申请5件。\n三、收到和处理政府信息公开申请情况\n本年度我局共收到政府信息公开申请7件。"
    r, fs = audit(BUREAU + body, ["K-06"])
    a, b = at(r, "共收到政府信息公开申请7件")
    assert [(f.rule, f.location.start, f.location.end) for f in fs] == [("K-06", a, b)]
    assert "收到政府信息公开申请5件" in fs[0].message


@pytest.mark.parametrize("head, body, evidence", [
    ("青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n",
     "受理公民向县政府及县政府办公室提出的政府信息公开申请3件。", "县政府及县政府办公室"),
    (TOWN, "镇党政办统筹并督促管委会各部门做好政府信息公开工作。", "管委会各部门"),
    (TOWN, "年初，我镇以政府令形式出台了政府信息公开规定。", "以政府令形式出台"),
    ("关于2023年度政府信息公开工作情况的报告\n一、总体情况\n", "我局网站更新及时。我局公开信息86条。我局按时答复。我镇无申请。", "我镇"),
])
def test_other_body_in_own_place(head, body, evidence):
    r, fs = audit(head + body, ["K-03"])
    a, b = at(r, evidence, len(head) - 5)
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-03", a, b, "warning")]


def test_decree_message_names_a_page_read_body_without_empty_brackets():
    """The body read from the page's 来源 line has no kind of report: the message names it alone, never “X”（）."""
    text = ("发布日期：2024-01-20  来源：青溪县白沙镇人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n"
            "2023年，我镇以政府令形式出台了《白沙镇政府信息公开办法》。\n")
    r, fs = audit(text, ["K-03"])
    assert r.meta.agency_source == "page"
    assert [(f.evidence, f.message) for f in fs] == [(
        "以政府令形式出台", "正文写“青溪县白沙镇人民政府”“以政府令形式出台”；政府令（规章）只有国务院和省、自治区、直辖市及设区的市"
        "人民政府才能发布，疑为套用其他机关的报告。")]


@pytest.mark.parametrize("head, body", [
    ("青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n", "协助县政府办公室转办向县政府提出的申请2件。"),
    (TOWN, "配合管委会各部门做好信息报送。"),
    (TOWN, "省政府以政府令形式发布的规章已及时转载。"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "督促各部门按要求，使用财政拨款的部门均应公开本部门预算。"),
    ("关于2023年度政府信息公开工作情况的报告\n一、总体情况\n", "我局网站更新及时。我镇无申请。"),  # too few to tell which
])
def test_other_body_in_own_place_near_misses(head, body):
    assert audit(head + body, ["K-03"])[1] == []


def test_breakdown_in_the_next_sentence_and_two_items_over_total():
    body = ("截至年底，我局累计主动公开政府信息150条；门户网站公开信息90条，微信公开信息40条，其它渠道公开信息30条。"
            "发布法定主动公开内容2条，包括机构概况1条，预算决算信息3条。")
    r, fs = audit(BUREAU + body, ["K-06"])
    ev1 = "150条；门户网站公开信息90条，微信公开信息40条，其它渠道公开信息30条"
    ev2 = "2条，包括机构概况1条，预算决算信息3条"
    assert [(f.location.start, f.location.end) for f in fs] == [at(r, ev1), at(r, ev2)]
    assert "90＋40＋30＝160条" in fs[0].message and "1＋3＝4条" in fs[1].message


@pytest.mark.parametrize("body", [
    "我局累计主动公开政府信息150条；门户网站公开信息90条，微信公开信息40条，新闻媒体公开信息30条。",  # no rest named
    "通过门户网站公开信息80条，其中网站专栏60条，微信公众号同步发布50条。",  # two channels may overlap
])
def test_breakdown_near_misses(body):
    assert audit(BUREAU + body, ["K-06"])[1] == []


def test_another_townships_catalogue():
    head = "青溪县东山乡人民政府2012年政府信息公开工作年度报告\n一、概述\n"
    body = "党政办制定和完善西岭乡信息公开目录。我乡与西岭乡联合开展培训，学习西岭乡政府信息公开专栏建设经验，东山乡信息公开指南已更新。"
    r, fs = audit(head + body, ["K-07"])
    a, b = at(r, "西岭乡")
    # a note since the fifth session (K-07 `township` and `place`: docs/benchmarks.md "Severity decisions")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-07", a, b, "info")]


def test_department_report_compiled_from_subunits():
    body = "本报告依据《条例》，汇总2023年度青溪县各乡镇、县直各部门报送的政府信息公开工作年度报告编制。"
    r, fs = audit(BUREAU + body, ["K-03"])
    a, b = at(r, "各乡镇、县直各部门报送的政府信息公开工作年度报告编制")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-03", a, b, "warning")]
    gov = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert audit(gov + body, ["K-03"])[1] == []  # a government's report is compiled so
    notice = "按照《关于做好2023年度各乡镇和县直各部门政府信息公开工作年度报告编制工作的通知》要求编制本报告。"
    assert audit(BUREAU + notice, ["K-03"])[1] == []


def test_department_report_compiled_from_subunits_statistics():
    # the same copied preamble with the subunits' statistics instead of their reports; the body's own offices are fine
    body = "本报告根据各乡镇人民政府和县直有关部门的政府信息公开工作统计数据汇总编制。"
    r, fs = audit(BUREAU + body, ["K-03"])
    a, b = at(r, "各乡镇人民政府和县直有关部门的政府信息公开工作统计数据汇总")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-03", a, b, "warning")]
    assert audit(BUREAU + "本报告根据本局各股室报送的统计数据汇总编制。", ["K-03"])[1] == []


@pytest.mark.parametrize("body, evidence", [
    ("2023年我局收到政府信息公开申请0件，已按程序予以公开。", "已按程序予以公开"),
    ("本年度未收到政府信息公开申请，均已按时答复。", "均已按时答复"),
])
def test_no_requests_yet_answered(body, evidence):
    r, fs = audit(BUREAU + body, ["K-06"])
    a, b = at(r, evidence)
    assert [(f.rule, f.location.start, f.location.end) for f in fs] == [("K-06", a, b)]


@pytest.mark.parametrize("body", [
    "本年度未收到政府信息公开申请，无依申请公开事项。",
    "本年度未收到政府信息公开申请，未发生行政复议，已公开的信息均可在网站查阅。",
])
def test_no_requests_near_misses(body):
    assert audit(BUREAU + body, ["K-06"])[1] == []


@pytest.mark.parametrize("body, codes", [
    ("窗口共接待咨询560人次，其中电话咨询310人次，现场咨询250人次，专栏访问量1180人次。", ["K-02"]),  # 310+250 is the total
    ("通过网站公开信息64条，其中包括机构职能类4条、工作动态类31条、财政信息类5条、公开指南1条等。", ["K-06"]),  # 等: partial
    ("主动公开政府信息共计55条。其中：组织机构类5条；街道动态类19条；部门文件类5条；财政预决算类3条；政府信息公开报告信息1条；"
     "其他信息22条。", ["K-06"]),
])
def test_sum_near_misses_t12c(body, codes):
    assert audit(BUREAU + body, codes)[1] == []


def test_a_verb_is_no_townships_name():
    head = "青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert audit(head + "建立街道政务公开领导小组，办事处主任任组长、副主任任副组长。", ["K-07"])[1] == []


def test_superior_named_in_the_reports_own_place():
    head = "青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
    body = "调整充实青州市政府信息公开工作领导小组。调整充实了县政府信息公开工作领导小组，在青州市政府信息公开工作领导小组指导下开展工作。"
    r, fs = audit(head + body, ["K-07"])
    a, b = at(r, "青州市")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-07", a, b, "warning")]


@pytest.mark.parametrize("head, body, evidence", [
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "我市全年主动公开政府信息1200条。", "我市"),
    (BUREAU, "我省政务公开标准化工作在我局率先推开。", "我省"),
])
def test_county_speaking_as_city_or_province(head, body, evidence):
    r, fs = audit(head + body, ["K-03"])
    a, b = at(r, evidence, len(head) - 5)
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-03", a, b, "info")]


def test_county_level_city_says_wo_shi():
    head = "晋江市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert audit(head + "我市全年主动公开政府信息1200条，本省政务公开要点已落实。", ["K-03"])[1] == []


@pytest.mark.parametrize("body", [
    # the items are the whole history (累计), not the year's
    "2023年主动公开政府信息共21条。截至年底累计公开领导信息3条、工作动态61条、政策文件15条、通知公告22条。",
    # the items fit in the year's total
    "2023年主动公开政府信息共118条。2023年在网站新增公开了领导信息3条、工作动态61条、政策文件15条、通知公告22条。",
])
def test_items_over_years_total_near_misses(body):
    assert audit(BUREAU + body, ["K-06"])[1] == []


def test_wo_jie_is_a_streets_self_reference():
    r, fs = audit(TOWN + "2023年，我街坚持公开为常态，我镇全年主动公开信息80条，街头宣传3次。", ["K-03"])
    a, b = at(r, "我街")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("K-03", a, b, "info")]
    street = "青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert audit(street + "2023年，我街坚持公开为常态，我街全年主动公开信息80条。", ["K-03"])[1] == []


def test_two_kinds_of_applicant_are_every_applicant():
    body = "本年度收到政府信息公开申请10件，其中自然人申请6件、法人或其他组织申请3件。"
    r, fs = audit(BUREAU + body, ["K-06"])
    a, b = at(r, "10件，其中自然人申请6件、法人或其他组织申请3件")
    assert [(f.rule, f.location.start, f.location.end) for f in fs] == [("K-06", a, b)]
    ok = "本年度收到政府信息公开申请9件，其中自然人7件，法人及其他组织2件，予以公开3件，本机关不掌握5件。"
    assert audit(BUREAU + ok, ["K-06"])[1] == []


def test_carried_forward_twice():
    body = ("2023年，我局收到政府信息公开申请5件，结转下年度办理1件。\n三、收到和处理政府信息公开申请情况\n"
            "本年度共收到政府信息公开申请5件，结转下年度继续办理2件。")
    r, fs = audit(BUREAU + body, ["K-06"])
    a, b = at(r, "结转下年度继续办理2件")
    assert [(f.rule, f.location.start, f.location.end) for f in fs] == [("K-06", a, b)]
    gov = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    whole_and_part = "全年全县共受理申请640件，结转下年度办理27件，县政府本级共受理158件，结转下年度办理4件。"
    assert audit(gov + whole_and_part, ["K-06"])[1] == []


def test_the_rest_of_a_list_is_one_test_for_k02_and_k06():
    """counts.is_rest / last_item: the item that names the rest of a list, shared by K-02 and K-06's sums."""
    from nianbao.rules.counts import is_rest, last_item, names_every_part
    assert last_item("网站发布30条、微信发布12条，其他渠道发布5条。") == "其他渠道发布5条"
    assert [is_rest(x) for x in ("其它媒体公开73条", "通过其他渠道公开3条", "其余2件", "法人或其他组织3件")] == \
        [True, True, True, False]
    assert names_every_part("自然人申请4件、法人或其他组织申请2件")  # both kinds of applicant
    assert not names_every_part("网站发布30条、其他重点信息5条、微信发布12条")  # 其他 amid the list is one more kind
