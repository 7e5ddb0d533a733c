"""Forms the eleventh session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

TOWN_22 = "青溪县东山镇人民政府2022年政府信息公开工作年度报告\n"
PARTS_5 = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项"
PARTS_6 = ("总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
           "存在的主要问题及改进情况、其他需要报告的事项")


# S-08: the report's description of its parts written as a sentence of its own ("……编制本报告。由……等六部分组成"),
# under 主要内容包含, or counted in 方面 (the real dev j0044, q1112, e0055)
@pytest.mark.parametrize("sentence, said", [
    ("本报告依据《条例》编制。由" + PARTS_5 + "等六部分组成。", "六部分"),
    ("本报告依据《条例》编制。主要内容包含：" + PARTS_5 + "共六个部分组成。", "六个部分"),
    ("本年度报告包括" + PARTS_5.replace("、", "，") + "等六个方面。", "六个方面"),
])
def test_s08_description_as_its_own_sentence_or_in_fangmian(sentence, said):
    findings = found(TOWN_22 + sentence + "\n一、总体情况\n2022年，我镇扎实推进政务公开工作。", "S-08")
    assert [(f[0], f[1]) for f in findings] == [("S-08", said)]
    assert findings[0][2] == f"报告称由{said[0]}部分组成，但列出的是5个部分（{PARTS_5}），部分数与所列内容不一致。"


@pytest.mark.parametrize("sentence", [
    "本报告依据《条例》编制。由" + PARTS_6 + "等六部分组成。",  # all six, the review part written with its 、
    "本报告依据《条例》编制。主要内容包含：" + PARTS_6.replace("、行政诉讼", "、提起行政诉讼") + "共六个部分组成。",
    "由于人员调整，我镇从总体情况、主动公开、依申请公开等三个方面改进工作。",  # 由于 opens no description
    "本年度报告从以下六个方面进行说明。",  # no list
])
def test_s08_description_near_misses(sentence):
    assert found(TOWN_22 + sentence + "\n一、总体情况\n2022年，我镇扎实推进政务公开工作。", "S-08") == []
