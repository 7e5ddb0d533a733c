"""W-18 固定句式缺少搭配词: exact findings on the declaration's examples, on each frame (our own sentences) and on
near misses that keep their partner."""

from __future__ import annotations

import pytest

from nianbao.rules.frames import frames
from nianbao.rules.registry import get_rule
from tests.rules.helpers import found

HEAD = "云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
PARTS = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、其他需要报告的事项"


def _found(text: str) -> list[tuple[str, str, str, str]]:
    return found(text, "W-18")


def test_the_failing_example_gives_its_two_findings():
    failing = next(e for e in get_rule("W-18").examples if e.fails)
    assert _found(failing.text) == [
        ("W-18", "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
                 "存在的主要问题及改进情况、其他需要报告的事项六个部分",
         "疑似漏词：“本报告由总体情况……他需要报告的事项六个部分”是“由……组成”句式，缺少搭配词。",
         "核对是否漏写了“组成”（或“构成”）。"),
        ("W-18", "门户网站215条", "疑似漏词：“门户网站215条”是“渠道＋动词＋数量”句式，缺少搭配词。",
         "核对是否漏写了“发布”“推送”这类动词。"),
    ]
    assert get_rule("W-18").severity == "info"


def test_the_passing_examples_give_nothing():
    assert all(_found(e.text) == [] for e in get_rule("W-18").examples if not e.fails)


def test_every_frame_is_declared_once():
    names = [f.name for f in frames()]
    assert sorted(names) == sorted(set(names)) == sorted(
        ["zucheng", "genju", "zai_jichu", "channel_count", "qieshen", "xiangguan", "huo_qita", "de_head", "zai_locative"])


@pytest.mark.parametrize(("sentence", "evidence"), [
    (f"全文由{PARTS}四个部分。", f"全文由{PARTS}四个部分"),
    ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定。",
     "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定"),
    ("本报告在收集各村、各站所信息公开工作情况编制而成。", "在收集各村、各站所信息公开工作情况编制而成"),
    ("2023年我镇政务微博120条，其中政策解读8条。", "政务微博120条"),
    ("重点公开教育、医疗、养老等公众切身利益的信息。", "等公众切身利益"),
    ("部分信息的更新频率不符合有关，需要改进。", "有关"),
    ("全年未接到或其它方式提出的申请。", "接到或其它"),
    ("我镇依照档案管理的，按期归档政府信息。", "依照档案管理的"),
    ("2023年，在上级部门的大力支持，我镇按期完成各项工作。", "在上级部门的大力支持"),
])
def test_each_frame(sentence, evidence):
    assert [f[1] for f in _found(HEAD + sentence)] == [evidence]


def test_frames_that_keep_their_partner_are_left_alone():
    text = HEAD + (
        f"全文由{PARTS}四个部分组成。本报告由云岭镇党政办公室编制，全文包括{PARTS}。"
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定编制。"
        "本报告在收集各村、各站所信息公开工作情况的基础上编制而成。我镇正在总结全年工作情况。"
        "全年通过政务微博发布信息120条，其中政务微信85条、门户网站35条。全年主动公开信息166条，其中：门户网站120条；"
        "政务微博46条。我镇还通过政务微博转述120条。"
        "重点公开教育、医疗、养老等涉及公众切身利益的信息，以及与群众利益密切相关、社会关注度高的信息。"
        "部分信息的更新频率不符合有关要求，需要改进。全年未收到书面或其他形式的申请，收到和处理申请的流程已公开。"
        "依照《条例》规定应当主动公开的，一律按时公开；本报告是依照《条例》编制的。我镇本着便民的目的，依照档案管理的规定按期归档。"
        "在上级部门的大力支持下，在法律允许的范围内，各项工作按期完成。")
    assert _found(text) == []


def test_a_sentence_broken_over_two_lines_is_read_whole():
    broken = HEAD + "全年通过各渠道主动发布信息166条，分别为\n门户网站120条、政务微博46条。\n"
    assert _found(broken) == []
    assert [f[1] for f in _found(broken.replace("分别为\n", "。\n"))] == ["门户网站120条"]
