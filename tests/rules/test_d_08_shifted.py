"""D-08 variants `plan_basis` and `report_shifted` (notes): the previous year's own work plan named as the basis of
the report year's work (按照《…2022年政务公开工作要点》 in the 2023 report), and last year's sentence about publishing
the annual report kept with both years one behind (2022年1月发布了2021年度……年度报告 in the 2023 report). Neither form
occurs on the real dev split (104 work-plan mentions there all name the report's own year); both are notes."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

HEAD = ("青溪县林业局2023年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
        "一、总体情况\n")


def test_last_years_work_plan_as_the_basis():
    assert found(HEAD + "按照《青溪县2022年政务公开工作要点》，全年主动公开信息80条。", "D-08") == [(
        "D-08", "2022",
        "这是2023年度的报告，正文却以“青溪县2022年政务公开工作要点”作为本年度工作的依据；"
        "2023年的工作应依据2023年度的工作安排，疑为沿用往年报告未改年份。",
        "核对所依据的文件，改为2023年度的工作要点或方案。")]


def test_the_report_published_last_year_with_both_years_behind():
    assert found(HEAD + "我局于2022年1月在门户网站发布了2021年度政府信息公开工作年度报告。", "D-08") == [(
        "D-08", "2022",
        "这是2023年度的报告，正文却写2022年发布了2021年度的年度报告；本年度发布的应是2022年度报告（于2023年发布），"
        "两个年份都早了一年，疑为沿用往年报告未改年份。",
        "核对年份，改为“2023年……发布了2022年度报告”。")]


@pytest.mark.parametrize("body", [
    "按照《青溪县2023年政务公开工作要点》，全年主动公开信息80条。",  # the report year's own plan
    "去年按照《青溪县2022年政务公开工作要点》完成了清单整改，今年继续推进。",  # the year before, told as such
    "我局于2023年1月在门户网站发布了2022年度政府信息公开工作年度报告。",  # this January, last year's report
    "2021年以来，我局每年1月发布上年度报告，2022年1月发布了2021年度政府信息公开工作年度报告。",  # history
])
def test_near_misses(body):
    assert found(HEAD + body, "D-08") == []
