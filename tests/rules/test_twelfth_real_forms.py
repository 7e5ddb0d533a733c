"""Forms the twelfth session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

TOWN_24 = "青溪县东山镇人民政府2024年政府信息公开工作年度报告\n"
BODY = "\n一、总体情况\n2024年，我镇扎实推进政务公开工作。"
PARTS_5 = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项"
PARTS_6 = ("总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
           "存在的主要问题及改进情况、其他需要报告的事项")


# the report's description of its parts is read once (structure.declared): S-08 now also reads a count written before
# its list ("本报告共分六个部分：……"), which the count-after-the-list reading left empty
def test_s08_count_before_its_list():
    findings = found(TOWN_24 + "本报告共分六个部分：" + PARTS_5 + "。" + BODY, "S-08")
    assert [(f[0], f[1]) for f in findings] == [("S-08", "六个部分")]
    assert findings[0][2] == f"报告称由六部分组成，但列出的是5个部分（{PARTS_5}），部分数与所列内容不一致。"


def test_s08_count_before_a_full_list_is_quiet():
    assert found(TOWN_24 + "本报告共分六个部分：" + PARTS_6 + "。" + BODY, "S-08") == []


# K-06: the report's own list of its parts counted in 方面 is S-08's, which reads 行政复议、行政诉讼情况 as one part; K-06's
# count of named kinds split it in two (six parts read as seven: the real dev q4014)
def test_k06_leaves_the_part_description_to_s08():
    text = TOWN_24 + "报告分为" + PARTS_6 + "六个方面。" + BODY
    assert found(text, "K-06", "S-08") == []


def test_k06_still_counts_named_kinds_elsewhere():
    text = TOWN_24 + "本报告依据《条例》编制。" + BODY + "全年公开信息326条，内容涉及通知公告、机构职能、规范性文件、财政资金5大类。"
    assert [f[:2] for f in found(text, "K-06")] == [("K-06", "通知公告、机构职能、规范性文件、财政资金5大类")]
