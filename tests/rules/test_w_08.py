"""W-08 固定用语写错一个字: exact findings on the declaration's examples and on each kind of slip."""

from __future__ import annotations

import pytest

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule

HEAD = "云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(text: str) -> list[tuple[str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, f.evidence) for f in audit_report(report, only=["W-08"], use_classifier=False).findings]


def _messages(text: str) -> list[str]:
    report = load_report(text, require_report=False)
    return [f.message for f in audit_report(report, only=["W-08"], use_classifier=False).findings]


def test_term_near_miss_reports_the_failing_example():
    spec = get_rule("W-08")
    failing = next(e for e in spec.examples if e.fails)
    assert _found(failing.text) == [("W-08", "主功公开"), ("W-08", "依申公开")]
    assert _messages(failing.text) == ["“主功公开”疑为“主动公开”之误（错了一个字）。",
                                       "“依申公开”疑为“依申请公开”之误（漏了一个字）。"]


def test_term_near_miss_leaves_the_passing_example_alone():
    spec = get_rule("W-08")
    assert all(_found(e.text) == [] for e in spec.examples if not e.fails)


@pytest.mark.parametrize(("sentence", "evidence", "message"), [
    ("全年主动公开信息255条，不子公开信息81条。", "不子公开", "“不子公开”疑为“不予公开”之误（错了一个字）。"),
    ("进一步提高政府工作透朋度。", "透朋度", "“透朋度”疑为“透明度”之误（错了一个字）。"),
    ("按照《关于印发政府信息公开工作年度报告格式的通知》（国办公开函〔2021〕30号）编制本报告。", "国办公开函",
     "“国办公开函”疑为“国办公开办函”之误（漏了一个字）。"),
    ("（一）动公开情况\n全年主动公开政府信息120条。", "动公开", "“动公开”疑为“主动公开”之误（漏了一个字）。"),
])
def test_term_near_miss_finds_a_wrong_or_lost_character(sentence, evidence, message):
    assert _found(HEAD + sentence) == [("W-08", evidence)]
    assert _messages(HEAD + sentence) == [message]


def test_a_slip_a_word_list_names_is_left_to_that_rule():
    report = load_report(HEAD + "切实发挥信思公开工作的作用。", require_report=False)
    found = audit_report(report, only=["W-02", "W-08"], use_classifier=False).findings
    assert [(f.rule, f.evidence) for f in found] == [("W-02", "信思")]


def test_term_near_miss_leaves_correct_neighbours_alone():
    text = HEAD + ("坚持以公开为常态、不公开为例外，以公开促落实；市政务公开办的指导下，推动公开工作，"
                   "通过政务微博、政务微信和“三务公开”平台公开信息，政府信息公开栏同步更新，实现“一窗通办”，提高透明度和覆盖面，增强时效性。")
    assert _found(text) == []


def test_an_adverb_left_out_at_an_edge_is_a_phrase_of_its_own():
    # 未审结 is 尚未审结 without its adverb 尚: a phrase of its own; a character lost inside still is a slip
    text = HEAD + "本年度被申请行政复议2件，1件维持，1件未审结；依申公开办理及时。"
    assert _found(text) == [("W-08", "依申公开")]


def test_a_near_miss_inside_another_word_is_not_a_slip():
    # 政类信息 is one edit from 政府信息, but 政 ends the word 财政 and 类 is the category's own character
    text = HEAD + "本年度共发布财政类信息、为民办实事类信息13条；全年主功公开政府信息5条。"
    assert _found(text) == [("W-08", "主功公开")]


def test_the_reports_own_name_with_an_inner_character_lost():
    text = ("青溪县凤凰台北街街道办事处2022年政府信息公开工作年度报告\n一、总体情况\n"
            "2022年，凤凰北街街道办事处按《条例》要求推进公开，凤凰台北街街道的各社区同步公开。")
    assert _messages(text) == ["“凤凰北街街道办事处”疑为“凤凰台北街街道办事处”之误（漏了一个字）。"]


def test_short_forms_of_the_own_name_are_left_alone():
    # a level or joining character left out, another body of another level, a division's own name (W-12's)
    text = ("平潭综合实验区交通与建设局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "区交通建设局开通“平潭交通建设局”公众号，配合平潭综合实验县交通与建设局、交通与建设厅开展工作。")
    assert _found(text) == []


def test_a_titles_type_word_one_character_off_before_its_closing_mark():
    text = HEAD + ("根据《中华人民共和国政府信息公开条理》（以下筒称《条例》），"
                   "我镇修订《政务信息公开目录》和《政府信息公开指南》，做到条理清晰。")
    assert _found(text) == [("W-08", "中华人民共和国政府信息公开条理"), ("W-08", "以下筒称")]


def test_a_name_with_one_character_replaced_is_another_name():
    text = ("明月店镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
            "明月店镇围绕明月古镇景区建设，公开文旅项目信息12条。")
    assert _found(text) == []


def test_a_six_character_phrase_with_another_first_character_is_another_phrase():
    assert _found(HEAD + "坚持有申请必审查、需公开尽公开，按时答复每一位申请人。") == []


def test_a_near_miss_must_end_a_word():
    # 联乡人 is one character from 联系人, but 人 starts 人民政府 (a township named 白联乡); a short phrase written
    # with a wrong middle character still is a slip
    text = ("白联乡人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
            "本报告由白联乡人民政府编制，进一步提高政府工作透朋度。")
    assert _found(text) == [("W-08", "透朋度")]


def test_the_slogan_that_pairs_business_with_disclosure_is_not_a_lost_character():
    # 管公开 in “管业务就要管公开” is the slogan's own word, not 管理公开; 管理公开 short of 理 in a list still is a slip
    text = HEAD + "落实“管业务就要管公开”“谁管业务谁管公开”要求，推进决策公开、执行公开、管公开、服务公开。"
    assert _found(text) == [("W-08", "管公开")]
