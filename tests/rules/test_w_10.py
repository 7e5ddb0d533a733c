"""W-10 漏写机关简称、“年”字或量词: exact findings on the declaration's examples and on each form."""

from __future__ import annotations

import pytest

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule
from tests.rules.helpers import found

HEAD = "云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(text: str, only: tuple[str, ...] = ("W-10",)) -> list[tuple[str, str, str, str]]:
    return found(text, *only)


def test_the_failing_example_gives_one_finding_per_lost_character():
    failing = next(e for e in get_rule("W-10").examples if e.fails)
    assert _found(failing.text) == [
        ("W-10", "2022", "疑似漏字：“2022以来”中的年份后面缺少“年”字。", "改为“2022年以来”。"),
        ("W-10", "我", "疑似漏字：“我共接到”中的自称“我”后面缺少机关简称。", "改为“我局共接到”。"),
        ("W-10", "215", "疑似漏字：“信息215，”中的数量后面缺少量词。", "改为“215条”（或相应量词）。"),
    ]
    assert get_rule("W-10").severity == "info"


def test_the_passing_examples_give_nothing():
    assert all(_found(e.text) == [] for e in get_rule("W-10").examples if not e.fails)


@pytest.mark.parametrize(("sentence", "expect"), [
    # the report's own usual self-reference is suggested (我镇, three times against none)
    ("我镇高度重视政务公开，我镇党委定期研究，全年我规范性文件清理2次，我镇主要领导带头落实。",
     [("W-10", "我", "疑似漏字：“我规范性”中的自称“我”后面缺少机关简称。", "改为“我镇规范性”。")]),
    # a report that never names itself gets the generic advice
    ("全年我受理申请2件。",
     [("W-10", "我", "疑似漏字：“我受理申”中的自称“我”后面缺少机关简称。", "改为“我”加机关简称（如“我局”“我镇”）。")]),
    ("2019至2023年，政务动态信息47，全部按时发布。",
     [("W-10", "47", "疑似漏字：“信息47，”中的数量后面缺少量词。", "改为“47条”（或相应量词）。")]),
    ("全年调整主动公开基本目录1基层政务公开标准目录2，均已上网。",
     [("W-10", "1", "疑似漏字：“目录1基”中的数量后面缺少量词。", "改为“1条”（或相应量词）。"),
      ("W-10", "2", "疑似漏字：“目录2，”中的数量后面缺少量词。", "改为“2条”（或相应量词）。")]),
])
def test_each_form(sentence, expect):
    assert _found(HEAD + sentence) == expect


def test_correct_neighbours_are_left_alone():
    text = HEAD + ("我们依照国办公开办函〔2021〕30号编制，自我检查2次；2023-01-05发布，2020—2022年的目录已更新，"
                   "本网站设有“我要咨询”栏目；我街道、我单位、我中心全年接待咨询2070人次，点赞2000多次，"
                   "发布信息120条、文件3件，1998年以来的档案已数字化。\n"
                   "要求行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人逾期未补正信息12（七）总计\n"
                   "规章000行政规范性文件3112第二十条第（五）项，政务服务便民热线解读12345热线")
    assert _found(text) == []


def test_a_slip_w07_lists_is_left_to_w07():
    assert [f[:2] for f in _found(HEAD + "2023我镇扎实推进我政务公开工作。", ("W-07", "W-10"))] == [
        ("W-07", "2023"), ("W-07", "我")]


def test_a_count_that_ends_its_paragraph_without_its_measure_word():
    text = HEAD + "应主动公开的其他信息3\n二、主动公开政府信息情况\n全年发布信息12条。"
    assert _found(text) == [("W-10", "3", "疑似漏字：“信息3”中的数量后面缺少量词。", "改为“3条”（或相应量词）。")]


def test_a_text_cut_short_after_a_count_is_a_reading_note_not_a_lost_measure_word():
    """The reading layer, not W-10, judges a text that stops at the count: the finding stays, never charged."""
    assert _found(HEAD + "全年发布信息12条，其中政务动态信息") == []
    a = audit_report(load_report(HEAD + "全年发布信息12条，其中政务动态信息35", require_report=False),
                     only=["W-10"], use_classifier=False)
    assert [(f.evidence, f.severity, f.cause) for f in a.findings] == [("35", "info", "parse")]
    assert [n.code for n in a.reading.notes] == ["text_cut"]


def test_a_body_named_by_its_own_kind_and_a_quoted_slogan_are_complete():
    """我场 (a farm), 我苏木, 我嘎查, 我分局, 我管委会 name the body; 我 inside quotation marks belongs to a slogan or a
    column's name (“民呼我为”, “社保有事我帮您”), not to the report's self-reference."""
    text = HEAD + ("2024年，我场主动公开政府信息238条，我苏木、我嘎查按月公开财务，我分局和我管委会接待咨询12次；"
                   "在“社保有事我帮您”专栏和“民呼我为”平台回应诉求7件。")
    assert _found(text) == []


def test_a_count_of_cases_in_zong_has_its_measure_word():
    assert _found(HEAD + "2025年我镇共收到申请公开政府信息5宗，上年结转1宗。") == []
