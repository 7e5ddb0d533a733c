"""D-08 variant `accounts`: the report year's own final accounts (决算) told as published within that year."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

HEAD = "青溪县云岭乡人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"


def test_the_report_years_accounts_published_in_it():
    text = HEAD + "2024年，我乡在政府网站公开2024年度财政决算和2025年度财政预算各1条。"
    assert found(text, "D-08") == [(
        "D-08", "2024",
        "这是2024年度的报告，正文却写本年度公开了“2024年度财政决算”；2024年度的决算要到2025年才能编制和公开，"
        "本年度公开的应是2023年度的决算，疑为年份写错。",
        "核对年份，改为“2023年度”决算。")]


@pytest.mark.parametrize("sentence", [
    "2024年，我乡公开2023年度财政决算和2024年度财政预算。",  # the right pair
    "2024年，我乡公开2024年度预决算信息3条。",  # 预决算: the year may belong to the budget
    "2024年，我乡公开2024年度预算、决算说明。",  # a year shared by 预算 and 决算
    "2025年，我乡将及时公开2024年度决算。",  # a plan
    "我乡正在编制2024年度决算，待审批后公开。",  # not yet done
    "2024年度决算工作顺利完成。",  # no publication told
])
def test_near_misses(sentence):
    assert found(HEAD + sentence, "D-08") == []
