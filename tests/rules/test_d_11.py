"""D-11: the other forms of a wrong year (notes): figures dated with another year inside a sentence, the next year told
as done, the report summing up another year's work, 截至 the end of the year before, requests carried into the report
year. Our own sentences; each form with near misses that are right (comparisons, plans, past events, cited titles)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

HEAD = "青溪县水利局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _one(sentence: str) -> list[tuple[str, str]]:
    return [(f[0], f[1]) for f in found(HEAD + sentence, "D-11")]


def test_figures_inside_a_sentence():
    assert found(HEAD + "我局在政府网站设置了河湖管理专栏，2022年共公开相关信息64条。", "D-11") == [(
        "D-11", "2022年", "这是2023年度的报告，这里交代数据时写的却是“2022年”，疑为沿用往年报告未改年份。",
        "核对后改为“2023年”或“本年度”。")]


def test_figures_after_the_bodys_name():
    assert _one("青溪县水利局2022年主动公开政府信息41条。") == [("D-11", "2022年")]


def test_figures_opening_the_sentence_without_a_comma():
    assert _one("2022年主动公开政府信息41条，其中政策文件6件。") == [("D-11", "2022年")]


def test_the_next_year_told_as_done():
    assert found(HEAD + "（二）依申请公开\n2024年，我局无依申请公开事项。", "D-11") == [(
        "D-11", "2024年", "这是2023年度的报告，这里把“2024年”的情况写成已经发生的事实，疑为年份写错。",
        "核对后改为“2023年”；如是下一年度的打算，写明计划。")]


def test_the_report_sums_up_another_year():
    assert _one("本报告根据《条例》要求编制，总结青溪县水利局2022年政府信息公开工作情况。") == [("D-11", "2022年")]


def test_the_report_says_it_reports_another_year():
    text = HEAD.replace("一、总体情况\n", "") + "现将青溪县水利局2022年度政府信息公开工作情况报告如下。\n一、总体情况\n"
    assert [(f[0], f[1]) for f in found(text, "D-11")] == [("D-11", "2022年度")]


def test_until_the_end_of_the_year_before():
    assert found(HEAD + "截至2022年底，我局尚未收到政府信息公开申请。", "D-11") == [(
        "D-11", "2022年", "这是2023年度的报告，这里说明的却是截至2022年底的情况，不是本年度的，疑为沿用往年报告未改年份。",
        "核对后改为“截至2023年底”或“2023年”。")]


def test_carried_into_the_report_year():
    assert found(HEAD + "全年收到申请5件，办结4件，1件转结2023年办理。", "D-11") == [(
        "D-11", "2023年", "这是2023年度的报告，本年度未办结的申请应结转到2024年，这里写的是“2023年”。", "核对后改为“2024年”。")]


@pytest.mark.parametrize("sentence", [
    "我局在政府网站设置了河湖管理专栏，2023年共公开相关信息64条，较2022年增加12条。",  # the report year
    "我局主动公开信息64条，2022年共公开58条，同比增长10%。",  # a comparison
    "我局设置了专栏，2024年将共公开信息不少于60条。",  # a plan
    "2023年主动公开政府信息41条，2022年主动公开36条。",  # the report year beside it
    "我局设置了专栏，2022年共公开信息58条，今年增至64条。",  # the report year as 今年 beside it
    "2022年结转申请1件，已于1月办结。",  # carried over from the year before
    "根据《青溪县2022年共性问题整改清单》，我局逐项整改。",  # a cited title
    "2024年，我局将力争无超期答复情况。",  # a plan for next year
    "2022年，我局无依申请公开事项。",  # a year before: D-02's business, not told as done in the future
    "2024年，我局未收到申请，已完成公开目录更新。",  # a later year told as done: D-02 charges it
    "全年收到申请5件，1件结转2024年继续办理。",  # carried into the next year: right
    "上年结转2022年申请1件，已于1月办结。",  # carried over from the year before
    "截至2023年底，我局尚未收到政府信息公开申请。",  # the report year's end
    "2024年1月，我局完成了2023年度报告的编制，总结全年工作。",  # the weeks after the year
    "本报告根据《关于做好2022年度政府信息公开工作总结的通知》编制。",  # inside a cited title
    "现将青溪县水利局2023年度政府信息公开工作情况报告如下。",  # the report year
    "本报告介绍了我局于2023年1月发布2022年政府信息公开工作年度报告的情况。",  # last year's report, named
])
def test_near_misses(sentence):
    assert found(HEAD + sentence, "D-11") == []


def test_no_charge_without_a_stated_report_year():
    text = "一、总体情况\n2023年，我局扎实推进政务公开。我局设置了专栏，2022年共公开相关信息64条。"
    assert found(text, "D-11") == []

