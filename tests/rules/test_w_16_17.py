"""W-16 常用词写成半个字 and W-17 “共”字位置不当: exact findings on the declarations' examples and on sentences of
our own, with the near misses each check must leave alone."""

from __future__ import annotations

import pytest

from nianbao.rules.registry import get_rule
from tests.rules.helpers import found

HEAD = "云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
# the report's own words: 信息 and 工作 written whole, several times, after the same characters as the slips below
OWN = ("2023年，我镇全面做好政务信息公开工作，扎实推进各项工作，全年发布政务信息120条、政策文件类信息35条，"
       "通过新闻和报纸公开信息18条。\n")


@pytest.mark.parametrize("code", ["W-16", "W-17"])
def test_the_declared_examples(code):
    rule = get_rule(code)
    assert rule.severity == "warning"
    assert [bool(found(e.text, code)) for e in rule.examples] == [e.fails for e in rule.examples]


def test_w16_the_failing_example_gives_one_finding():
    failing = next(e for e in get_rule("W-16").examples if e.fails)
    assert found(failing.text, "W-16") == [
        ("W-16", "类信", "疑似漏字：“类信56条”中的词只写了半个，本报告别处写作“类信息”。", "核对是否应为“类信息56条”。"),
    ]


@pytest.mark.parametrize(("sentence", "evidence", "message", "suggestion"), [
    # before a number
    ("镇政府网站另发布政务信40余条。", "政务信", "疑似漏字：“政务信40余条”中的词只写了半个，本报告别处写作“政务信息”。",
     "核对是否应为“政务信息40余条”。"),
    # before a pause mark in a list
    ("其中政策文件类信、便民服务类信息各有更新。", "类信", "疑似漏字：“类信、”中的词只写了半个，本报告别处写作“类信息”。",
     "核对是否应为“类信息”。"),
    # before a full stop
    ("下一步，我镇将继续做好各项工。", "各项工", "疑似漏字：“各项工。”中的词只写了半个，本报告别处写作“各项工作”。",
     "核对是否应为“各项工作”。"),
    # glued by the segmenter into another word of the dictionary (公开信)
    ("此外，镇宣传栏公开信26条。", "公开信", "疑似漏字：“公开信26条”中的词只写了半个，本报告别处写作“公开信息”。",
     "核对是否应为“公开信息26条”。"),
])
def test_w16_a_word_cut_short(sentence, evidence, message, suggestion):
    assert found(HEAD + OWN + sentence, "W-16") == [("W-16", evidence, message, suggestion)]


@pytest.mark.parametrize("sentence", [
    "通过政务微信、微博发布信息26条。",  # 微信 ends a word
    "向群众发放公开信2000份。",  # a letter, counted in copies
    "本报告所列数据的统计期限自2023年1月1日起。",  # 自: a preposition
    "地址：云岭镇北安街27号。",  # an address
    "组织各委、办、局学习条例。",  # a list of one-character bodies
    "全年发布信息四十余条。",  # a measure word after a numeral
])
def test_w16_near_misses(sentence):
    assert found(HEAD + OWN + sentence, "W-16") == []


def test_w16_needs_the_whole_word_in_the_report():
    # 信息 is written three times, but never after 务: nothing says 政务信 stands for 政务信息
    text = HEAD + "全年发布信息120条，公开信息35条，其他信息18条。镇网站另发布政务信40余条。"
    assert found(text, "W-16") == []


@pytest.mark.parametrize(("sentence", "evidence", "suggestion"), [
    ("局机关规范性文件专栏共文件收录86件。", "共文件收录", "改为“文件共收录”。"),
    ("本年度共政务微博账号发布林业资讯210余条。", "共政务微博账号发布", "改为“政务微博账号共发布”。"),
])
def test_w17_misplaced_gong(sentence, evidence, suggestion):
    assert found(HEAD + sentence, "W-17") == [
        ("W-17", evidence, f"疑似语序错误：“{evidence}”中的副词“共”应放在动词前。", suggestion)]


def test_w17_near_misses():
    text = HEAD + ("全年共收到政府信息公开申请3件，共办理申请3件，共依申请公开3件，共依法主动公开信息215条，共制发解读材料12篇，"
                   "镇政策文件库共收录547件，两项合计共12件，共青团组织开展宣传2次。")
    assert found(text, "W-17") == []
