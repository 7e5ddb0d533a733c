"""D-08 variant `plan_cited`: a notice issuing the previous year's work plan cited as the basis of the report year's
work (根据《…关于印发2020年政务公开工作要点的通知》 in the 2021 report); the message says it was cited, not made."""

from __future__ import annotations

from tests.rules.helpers import found


def test_d08_a_cited_work_plan_of_the_year_before():
    head = "青溪县云岭乡人民政府2021年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "根据《青溪县人民政府办公室关于印发2020年政务公开工作要点的通知》要求，我乡扎实推进政务公开。"
    assert found(text, "D-08") == [(
        "D-08", "2020",
        "这是2021年度的报告，正文作为依据引用的却是印发2020年度工作安排“2020年政务公开工作要点”的文件；"
        "2021年的工作应依据2021年度的工作安排，疑为沿用往年报告未改年份。",
        "核对所依据的文件，改为2021年度的工作要点或方案。")]
    right = head + "根据《青溪县人民政府办公室关于印发2021年政务公开工作要点的通知》要求，我乡扎实推进政务公开。"
    assert found(right, "D-08") == []
