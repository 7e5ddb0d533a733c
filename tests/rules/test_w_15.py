"""W-15 固定写法差一处: exact findings on the declaration's examples and on sentences we wrote ourselves, with the
near misses that must stay silent."""

from __future__ import annotations

import pytest

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule
from nianbao.rules.util import one_edit

HEAD = "青溪县林业局2023年政府信息公开工作年度报告\n"


def _found(text: str, only: tuple[str, ...] = ("W-15",)) -> list[tuple[str, str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, report.text[f.location.start:f.location.end], f.message)
            for f in audit_report(report, only=list(only), use_classifier=False).findings]


def test_the_failing_example_names_the_lost_word():
    failing = next(e for e in get_rule("W-15").examples if e.fails)
    assert _found(failing.text) == [
        ("W-15", "收到和处理政府信息申请情况",
         "“收到和处理政府信息申请情况”疑为固定写法“收到和处理政府信息公开申请情况”之误，漏了“公开”。")]


def test_the_passing_example_is_silent():
    assert all(_found(e.text) == [] for e in get_rule("W-15").examples if not e.fails)


@pytest.mark.parametrize("text, found, message", [
    ("一、总体情况\n本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开情况等六部分组成。",
     "收到和处理政府信息公开情况", "“收到和处理政府信息公开情况”疑为固定写法“收到和处理政府信息公开申请情况”之误，漏了“申请”。"),
    ("四、政府信息公开政复议、行政诉讼情况\n本年度未发生行政复议。",
     "政府信息公开政复议、行政诉讼情况", "“政府信息公开政复议、行政诉讼情况”疑为固定写法“政府信息公开行政复议、行政诉讼情况”之误，漏了“行”。"),
    ("四、政府信息公开行政法复议、行政诉讼情况\n本年度未发生行政复议。",
     "政府信息公开行政法复议、行政诉讼情况", "“政府信息公开行政法复议、行政诉讼情况”疑为固定写法“政府信息公开行政复议、行政诉讼情况”之误，多了“法”。"),
    ("一、总体情况\n全年新收政府信息申请公开数量5件，均已按期答复。",
     "政府信息申请公开", "“政府信息申请公开”疑为固定写法“政府信息公开申请”之误，“申请公开”两个词的顺序颠倒了。"),
    ("三、收到和处理政府信息公开申请情况\n不予公开的2件均属于三类内部事信息。",
     "属于三类内部事信息", "“属于三类内部事信息”疑为固定写法“属于三类内部事务信息”之误，漏了“务”。"),
    ("二、主动公开政府信息请况\n全年主动公开政府信息86条。",
     "主动公开政府信息请况", "“主动公开政府信息请况”疑为固定写法“主动公开政府信息情况”之误，“情”写成了“请”。"),
    ("三、收到和处理政府信息公开申请况\n本年度未收到申请。",
     "收到和处理政府信息公开申请况", "“收到和处理政府信息公开申请况”疑为固定写法“收到和处理政府信息公开申请情况”之误，漏了“情”。"),
    ("六、其他需要报告的事顶\n本年度未收取信息处理费。",
     "其他需要报告的事顶", "“其他需要报告的事顶”疑为固定写法“其他需要报告的事项”之误，“项”写成了“顶”。"),
    ("一、总体情况\n现公布青溪县林业局2023年政府信息年度报告。",
     "政府信息年度报告", "“政府信息年度报告”疑为固定写法“政府信息公开年度报告”之误，漏了“公开”。"),
    ("一、总体情况\n（二）依申请动公开情况\n全年收到申请5件。",
     "依申请动公开", "“依申请动公开”疑为固定写法“依申请公开”之误，多了“动”。"),
])
def test_a_fixed_phrase_one_edit_away(text, found, message):
    assert _found(HEAD + text) == [("W-15", found, message)]


def test_a_long_term_loses_a_character_without_leaving_one_alone():
    text = "青溪县林业局2023年政府信息公开工作年报告\n一、总体情况\n全年主动公开政府信息86条。"
    assert _found(text) == [("W-15", "政府信息公开工作年报告",
                             "“政府信息公开工作年报告”疑为固定写法“政府信息公开工作年度报告”之误，漏了“度”。")]


@pytest.mark.parametrize("text", [
    # shortened or re-worded titles, correct wordings in common use
    "本报告由概述、政府信息主动公开情况、政府信息依申请公开情况、存在的问题及改进情况和其他需要报告的事项组成。",
    "四、政府信息公开行政复议、诉讼情况\n本年度未发生行政复议。",
    "四、政府信息公开行政复议和行政诉讼的情况\n本年度未发生行政复议。",
    "三、因政府信息公开被申请行政复议、提起行政诉讼的情况\n无。",
    # a verb phrase or a longer word, not the term
    "全年依申请公开政务信息3条，申请信息公开的群众均已获得答复，部门网站同步发布。",
    "我局依法申请公开的事项已办结，主动从公开渠道收集意见，落实采购全过程信息公开。",
    # table labels used loosely in prose, a modifier between two words of a title, an ellipsis of a shared word
    "本年制发规范性文件2件，现行有效数量12件；未经复议直接诉讼0件。",
    "四、政府信息公开类行政复议和行政诉讼情况\n无。",
    "二、主动公开政务信息情况\n六、其他需要报告的事情\n无。",
    "六、其他需报告的事项\n无。",
    "现公布2023年政府信息公开报告，全年发布政府信息公开工作报告1条。",
    # an issuer's code before a document number
    "根据《关于印发2023年政务公开工作要点的通知》（青政公开〔2023〕1号）开展工作。",
    # the added character makes a three-character word with its neighbours: a website, 依申请 before a verb
    "每月在政务网公开执法检查情况，进一步完善政府信息公开依申请办理流程。",
])
def test_near_misses_stay_silent(text):
    assert _found(HEAD + "一、总体情况\n" + text) == []


def test_slips_other_rules_report_are_left_to_them():
    # 主动政府信息公开情况 is W-14's (a title's words reordered), 信息公开申报 a W-04 pair, 主功公开 W-08's
    text = (HEAD + "一、总体情况\n本报告由总体情况、主动政府信息公开情况、收到和处理政府信息公开申报情况等六部分组成，"
            "全年主功公开政府信息12条。")
    assert [(r, f) for r, f, _ in _found(text, ("W-04", "W-08", "W-14", "W-15"))] == [
        ("W-14", "主动政府信息公开情况"), ("W-04", "申报"), ("W-08", "主功公开")]


@pytest.mark.parametrize("written, right, width, edit", [
    ("政复议", "行政复议", 1, ("lost", 0)),
    ("依申请动公开", "依申请公开", 1, ("added", 3)),
    ("信思公开", "信息公开", 1, ("sub", 1)),
    ("信公息开", "信息公开", 1, ("swap", 1)),
    ("报告告", "报告", 1, ("added", 2)),
    ("收到和处理政府信息申请情况", "收到和处理政府信息公开申请情况", 2, ("lost", 9)),
    ("政府信息公开工作", "政府信息公开", 2, ("added", 6)),
    ("政府信息公开", "政府信息公开", 1, None),
    ("政府公开", "政府信息公开", 1, None),
])
def test_one_edit(written, right, width, edit):
    assert one_edit(written, right, width) == edit
