"""W-12 行政区划名称错漏字: exact findings on the declaration's examples and on each kind of slip."""

from __future__ import annotations

import pytest

from nianbao.rules.registry import get_rule
from tests.rules.helpers import found

HEAD = "太原市小店区民政局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(text: str) -> list[tuple[str, str, str, str]]:
    return found(text, "W-12")


def test_the_failing_example_gives_one_finding():
    failing = next(e for e in get_rule("W-12").examples if e.fails)
    assert _found(failing.text) == [
        ("W-12", "杏花区", "“太原市杏花区人民政府”中的“杏花区”疑为“杏花岭区”之误：太原市下辖的行政区划中没有“杏花区”。",
         "核对后改为“杏花岭区”。")]
    assert get_rule("W-12").severity == "warning"


def test_the_passing_examples_give_nothing():
    assert all(_found(e.text) == [] for e in get_rule("W-12").examples if not e.fails)


@pytest.mark.parametrize(("sentence", "written", "right"), [
    ("全年向太原市晋原区人民政府报送信息12条。", "晋原区", "晋源区"),  # a character replaced
    ("我局配合太原市迎新泽区委开展督查。", "迎新泽区", "迎泽区"),  # a character added
    ("山西省太源市人民政府办公厅印发了工作要点。", "太源市", "太原市"),  # a prefecture under its province
])
def test_each_kind_of_slip(sentence, written, right):
    assert [(f[1], f[3]) for f in _found(HEAD + sentence)] == [(written, f"核对后改为“{right}”。")]


@pytest.mark.parametrize("sentence", [
    "太原市小区物业管理信息已在专栏公开。",  # 小区 is a word, and no body's name follows
    "对照省、岳阳市、汨罗市政府信息公开目录逐项核对。",  # a list, not a misspelt name
    "在广元市昭化元坝镇开展调研。",  # a short form without its suffix
    "学习太原市晋源区人民政府的做法，赴阳曲县调研。",  # right names
])
def test_near_misses(sentence):
    assert _found(HEAD + sentence) == []
