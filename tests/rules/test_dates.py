"""Date rules D-01 … D-06: true positives and near misses with exact evidence and locations."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nianbao.audit import load_report
from nianbao.config import Config
from nianbao.rules.dates import deadline_for
from nianbao.rules.engine import run_rules
from tests.conftest import ROOT

D = ["D-01", "D-02", "D-03", "D-04", "D-05", "D-06"]
TOWN = "晋江市安海镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
BUREAU = "青溪县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n"


def audit(text: str, codes=D):
    r = load_report(text, require_report=False)
    return r, run_rules(r, only=codes)


def spans(r, fs):
    return [(f.rule, f.evidence, f.part, f.location.start, f.location.end) for f in fs]


def test_seed_gets_only_the_half_year_slip(seed_path):
    r = load_report(seed_path)
    fs = run_rules(r, only=D)
    start = r.text.index("2023年上半年，安海镇")
    assert spans(r, fs) == [("D-01", "2023年上半年", "overview", start, start + 8)]
    assert fs[0].severity == "error"
    assert "2023年1月1日至12月31日" in fs[0].message


def test_yunling_fixture_gets_only_the_half_year_slip():
    r = load_report(ROOT / "tests" / "fixtures" / "reports" / "yunling_town_2023.txt")
    fs = run_rules(r, only=D)
    assert [(f.rule, f.evidence, f.part) for f in fs] == [("D-01", "2023年上半年", "overview")]


# ------------------------------------------------------------------------------------------ D-01


@pytest.mark.parametrize("body, evidence", [
    ("2023年上半年，安海镇严格按照《条例》推进政务公开工作。", "2023年上半年"),
    ("本年度新收政府信息公开申请415件。上半年因政府信息公开工作被申请行政复议10件。", "上半年"),
    ("2023年第一季度，我镇共主动公开政府信息312条。", "2023年第一季度"),
    ("截至2023年6月底，我镇共主动公开政府信息312条。", "截至2023年6月底"),
    ("在镇政务服务中心设置查阅点，1-6月接待现场查阅12人次。", "1-6月"),
    ("本报告统计期限为2023年上半年。", "2023年上半年"),
    ("本年度上半年共收到申请3件。", "本年度上半年"),
    ("本年度新收申请12件。上半年有2件答复的法律救济告知不够规范，已完成整改。", "上半年"),
])
def test_period_slip_found(body, evidence):
    r, fs = audit(TOWN + body, ["D-01"])
    start = r.text.index(evidence)
    assert spans(r, fs) == [("D-01", evidence, "overview", start, start + len(evidence))]


@pytest.mark.parametrize("body", [
    "2024年，我镇将在上半年组织一次全镇信息员集中培训。",  # plan
    "全年发布信息数量较上半年翻了一番。",  # comparison
    "上半年，重点梳理公开目录；下半年，集中开展答复文书自查。",  # walking through the year
    "每季度通报一次落实情况，按季度公开抽检结果。",
    "6月底前完成了目录修订，截至6月底前全部整改到位。",  # dated events
    "我镇于2023年上半年完成村务公开栏改造。",  # an event inside the year, mid-sentence
    "上半年全镇12个村全部完成了村务公开栏改造。",  # the time a task was finished, opening the sentence
    "内容涵盖2023年1月1日至12月31日期间本镇政府信息公开工作情况。",
])
def test_period_slip_near_misses(body):
    assert audit(TOWN + body, ["D-01"])[1] == []


# ------------------------------------------------------------------------------------------ D-02


@pytest.mark.parametrize("body, evidence", [
    ("2022年，我局在县委、县政府的领导下推进政务公开。", "2022年"),
    ("2022年全年共主动公开政府信息642条。", "2022年"),
    ("（一）主动公开。2021年5月，本局开展答复文书抽查。", "2021年"),
])
def test_wrong_year_found(body, evidence):
    r, fs = audit(BUREAU + body, ["D-02"])
    start = r.text.index(evidence, len(BUREAU) - 8)
    assert spans(r, fs) == [("D-02", evidence, "overview", start, start + len(evidence))]
    assert "2023年" in fs[0].suggestion


@pytest.mark.parametrize("body", [
    "2024年，我局将按照上级部门的要求，进一步加强政府信息公开工作。",
    "与2022年相比，主动公开信息增加87条。",
    "2022年以来，本局持续推进政务公开标准化建设。",
    "较2022年增加87条，自2022年起实行月度巡查。",
    "依据《青溪县2022年政务公开工作要点》（青政办〔2022〕5号）开展工作。",
    "2022年度报告指出的问题已全部整改。",
    "2024年3月底前完成栏目梳理。",
    "2024年1月，我局完成了2023年度报告的编制，共收集数据12项。",  # the weeks between the year's end and the report
])
def test_wrong_year_near_misses(body):
    assert audit(BUREAU + body, ["D-02"])[1] == []


def test_title_year_conflict_reported_once_on_the_title():
    text = ("石泉县教育局2022年政府信息公开工作年度报告\n本报告统计期限为2023年1月1日至12月31日。\n一、总体情况\n"
            "2023年，我局认真贯彻落实《条例》。\n（一）主动公开\n2023年，我局共主动公开政府信息312条。")
    r, fs = audit(text)
    assert spans(r, fs) == [("D-06", "2022年", None, 6, 11)]


# ------------------------------------------------------------------------------------------ D-03


@pytest.mark.parametrize("body, evidence, why", [
    ("2023年2月30日，我镇召开专题会议。", "2023年2月30日", "2月没有30日"),
    ("2023年13月，我镇完成目录修订。", "2023年13月", "没有13月"),
    ("于4月31日完成整改。", "4月31日", "4月没有31日"),
    ("2023年2月29日召开会议。", "2023年2月29日", "2月没有29日"),
])
def test_invalid_dates(body, evidence, why):
    r, fs = audit(TOWN + body, ["D-03"])
    start = r.text.index(evidence)
    assert spans(r, fs) == [("D-03", evidence, "overview", start, start + len(evidence))]
    assert why in fs[0].message


def test_valid_dates_pass():
    body = "2024年2月29日召开会议，12月31日完成，网址 http://x.gov.cn/art/2023/5/15/1.html 。"
    assert audit(TOWN.replace("2023", "2024") + body, ["D-03"])[1] == []


# ------------------------------------------------------------------------------------------ D-04 / D-05


def _signed(title: str, signer: str, when: str) -> str:
    return f"{title}\n一、总体情况\n本年度持续推进政务公开工作。\n{signer}\n{when}"


def test_user_example_publication_is_on_time():
    text = _signed("晋江市安海镇人民政府2023年政府信息公开工作年度报告", "安海镇人民政府", "2024年1月19日")
    assert audit(text, ["D-04", "D-05"])[1] == []


def test_late_city_government():
    text = _signed("沅陵市人民政府2023年政府信息公开工作年度报告", "沅陵市人民政府", "2024年5月10日")
    r, fs = audit(text, ["D-04"])
    start = r.text.index("2024年5月10日")
    assert spans(r, fs) == [("D-04", "2024年5月10日", None, start, start + 10)]
    assert "2024年3月31日" in fs[0].message and "逾期40天" in fs[0].message


def test_department_deadline_is_31_january_and_configurable():
    text = _signed("青溪县市场监督管理局2023年政府信息公开工作年度报告", "青溪县市场监督管理局", "2024年2月1日")
    r, fs = audit(text, ["D-04"])
    assert [f.evidence for f in fs] == ["2024年2月1日"]
    assert "2024年1月31日" in fs[0].message
    ok = _signed("青溪县市场监督管理局2023年政府信息公开工作年度报告", "青溪县市场监督管理局", "2024年1月29日")
    r2 = load_report(ok, require_report=False)
    assert run_rules(r2, only=["D-04"]) == []
    strict = Config(deadlines={"department": "01-28"})
    assert [f.evidence for f in run_rules(r2, config=strict, only=["D-04"])] == ["2024年1月29日"]


def test_deadline_table():
    assert deadline_for(2023, "township") == date(2024, 1, 31)
    assert deadline_for(2023, "county_gov") == date(2024, 3, 31)
    assert deadline_for(2023, None) == date(2024, 3, 31)  # kind unknown: the later deadline
    assert deadline_for(2017, "department") == date(2018, 3, 31)  # 2008 regulation
    assert deadline_for(2023, "street", {"street": "01-20"}) == date(2024, 1, 20)


def test_unknown_kind_of_organ_gets_the_later_deadline():
    # a zone named without its organ (as real reports of 综合实验区 are titled): which article applies is unknown
    text = _signed("云岭综合实验区2023年政府信息公开工作年度报告", "云岭综合实验区", "2024年3月8日")
    r, fs = audit(text, ["D-04"])
    assert r.meta.level is None and fs == []
    late = _signed("云岭综合实验区2023年政府信息公开工作年度报告", "云岭综合实验区", "2024年4月2日")
    r, fs = audit(late, ["D-04"])
    assert [f.evidence for f in fs] == ["2024年4月2日"]
    assert "2024年3月31日" in fs[0].message and "未能从名称判断机关类别" in fs[0].message


def test_old_regulation_township_march_is_on_time():
    text = _signed("桃源乡人民政府2017年政府信息公开工作年度报告", "桃源乡人民政府", "2018年3月15日")
    assert audit(text, ["D-04"])[1] == []


def test_signed_before_year_end():
    text = _signed("青溪县市场监督管理局2023年政府信息公开工作年度报告", "青溪县市场监督管理局", "2023年12月15日")
    r, fs = audit(text, ["D-04", "D-05"])
    start = r.text.index("2023年12月15日")
    assert spans(r, fs) == [("D-05", "2023年12月15日", None, start, start + 11)]
    assert fs[0].severity == "error"


def test_page_date_before_year_end_is_a_warning_not_an_error():
    """A portal's 发布日期 is not the body's signed date: D-05 still speaks, as a warning (issue #12)."""
    text = ("发布日期：2023-12-20  来源：青溪县市场监督管理局\n"
            "青溪县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局主动公开政府信息212条。\n")
    r, fs = audit(text, ["D-05"])
    assert (r.meta.published_source, [(f.rule, f.severity) for f in fs]) == ("page", [("D-05", "warning")])


# ------------------------------------------------------------------------------------------ corpus


def test_year_read_from_a_sentence_is_not_measured_against_other_dates():
    # no title, no period: the year comes from a sentence of the text, too weak for D-02 and D-05
    text = "发布时间：2023-03-01\n一、总体情况\n2023年，我局共主动公开政府信息120条。2022年，我局共办理申请5件。"
    r, fs = audit(text, ["D-02", "D-05"])
    assert (r.meta.year, r.meta.year_source, r.meta.published) == (2023, "text", date(2023, 3, 1))
    assert fs == []


def test_last_years_report_published_is_not_the_report_year():
    text = "一、总体情况\n本年度，我街道修订了公开指南，并按期发布2019年政府信息公开年度报告。"
    r = load_report(text, require_report=False)
    assert (r.meta.year, r.meta.year_source) == (None, None)


def _clean_reports() -> list[Path]:
    man = ROOT / "corpora" / "reports" / "manifest.jsonl"
    out = [ROOT / "corpora" / json.loads(x)["file"] for x in man.read_text(encoding="utf-8").splitlines()
           if json.loads(x)["clean"]]
    return out + sorted(p for p in (ROOT / "tests" / "fixtures" / "reports").glob("*.txt") if "yunling" not in p.name)


def test_no_date_findings_on_clean_reports():
    noisy = {}
    for p in _clean_reports():
        fs = run_rules(load_report(p), only=D)
        if fs:
            noisy[p.name] = [(f.rule, f.evidence) for f in fs]
    assert noisy == {}


# ------------------------------------------------------------------------------------------ D-10


@pytest.mark.parametrize("body, evidence", [
    ("本年度报告的统计数据起于2009年1月1日《条例》施行之日，止于2009年12月31日。", "2009年1月1日"),
    ("《中华人民共和国政府信息公开条例》（国务院令第492号）于2008年1月1日正式施行。", "2008年1月1日"),
    ("修订后的《条例》自2019年5月1日起施行。", "2019年5月1日"),
])
def test_regulation_effective_date(body, evidence):
    text = "青溪县东山街道办事处2019年政府信息公开工作年度报告\n" + body
    r, fs = audit(text, ["D-10"])
    a = r.text.index(evidence)
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("D-10", a, a + len(evidence), "warning")]


@pytest.mark.parametrize("body", [
    "自2008年5月1日《条例》施行以来，我街道持续推进公开；新修订的《条例》于2019年5月15日起施行。",
    "《中华人民共和国政府信息公开条例》（以下简称《条例》）将于2008年5月1日起施行。",
    "《青州市物业管理条例》（以下简称《条例》）于2021年3月1日起施行。",  # 《条例》 is another regulation here
    "本制度自2009年4月1日起施行。",
])
def test_regulation_effective_date_near_misses(body):
    assert audit("青溪县东山街道办事处2019年政府信息公开工作年度报告\n" + body, ["D-10"])[1] == []


def test_wrong_year_after_the_subject():
    text = ("青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "我局2022年度共主动公开政府信息86条。我局2023年共收到申请3件。我局2022年以来持续推进公开。我局2024年将继续推进。")
    r, fs = audit(text, ["D-02"])
    a = r.text.index("2022年度共")
    assert [(f.rule, f.location.start, f.location.end, f.severity) for f in fs] == [("D-02", a, a + 5, "warning")]


def test_a_year_that_dates_an_event_is_not_the_current_year():
    text = ("青溪县林业局2021年政府信息公开工作年度报告\n一、总体情况\n"
            "2019年5月15日，新《条例》施行以后，我局据此调整了公开目录。2020年，我局共主动公开信息86条。")
    r, fs = audit(text, ["D-02"])
    a = r.text.index("2020年，")
    assert [(f.location.start, f.location.end) for f in fs] == [(a, a + 5)]


def test_not_done_is_plan_and_more():
    """NOT_DONE_RE (D-08 accounts) is PLAN_RE plus any 将/拟 and work under way: one declaration, wider on purpose."""
    from nianbao.rules.dates import NOT_DONE_RE, PLAN_RE

    for s in ("下一步将继续推进", "力争年底前完成", "计划于明年公开", "我局将进一步规范"):
        assert PLAN_RE.search(s) and NOT_DONE_RE.search(s)
    for s in ("将决算纳入公开范围", "决算尚未公开", "正在编制决算", "待审批后公开"):
        assert NOT_DONE_RE.search(s) and not PLAN_RE.search(s)
