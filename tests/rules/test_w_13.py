"""W-13 “在……下”句式漏写“在”: exact findings on the declaration's examples and on each form."""

from __future__ import annotations

import pytest

from nianbao.rules.registry import get_rule
from tests.rules.helpers import found

HEAD = "云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(text: str) -> list[tuple[str, str, str, str]]:
    return found(text, "W-13")


def test_the_failing_example_gives_one_finding():
    failing = next(e for e in get_rule("W-13").examples if e.fails)
    assert _found(failing.text) == [
        ("W-13", "县人民政府办公室的悉心指导下",
         "疑似漏字：“县人民政府办公室的悉心指导下”是“在……下”（“在……上”）句式，缺少介词“在”。",
         "补上“在”，如“在县人民政府办公室的悉心指导下”。"),
    ]
    assert get_rule("W-13").severity == "warning"


def test_the_passing_examples_give_nothing():
    assert all(_found(e.text) == [] for e in get_rule("W-13").examples if not e.fails)


@pytest.mark.parametrize(("sentence", "evidence"), [
    # the subject first, then the frame without 在
    ("2023年，云岭镇人民政府县委、县政府的坚强领导下，扎实推进政务公开。", "云岭镇人民政府县委、县政府的坚强领导下"),
    ("全体干部职工的共同努力下，各项工作按时完成。", "全体干部职工的共同努力下"),
    ("我镇总结上年工作的基础上，编制了本报告。", "我镇总结上年工作的基础上"),
])
def test_each_form(sentence, evidence):
    assert [f[1] for f in _found(HEAD + sentence)] == [evidence]


def test_frames_with_their_zai_and_broken_lines_are_left_alone():
    text = HEAD + ("在县委的领导下，在县政府办的指导下，我镇于上级部门的大力支持下，依法公开。信息公开过程中，严格审查。"
                   "我镇在区委、区政\n府的统一指导下，认真落实各项要求。")
    assert _found(text) == []
