"""Forms the ninth session built from real pages (issue #12), each reproduced in the team's own words: exact findings,
and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import found

BUREAU = "青溪县民政局2024年政府信息公开工作年度报告\n一、总体情况\n"


def _severity(text: str, code: str) -> list[str]:
    from nianbao.audit import audit_report, load_report

    report = load_report(text, require_report=False)
    return [str(getattr(f.severity, "value", f.severity)) for f in audit_report(report, only=[code], use_classifier=False).findings]


# W-12 short / lost: a body's place name cut short before 人民政府 (天水人民政府 for 天水市, 辽省 for 辽宁省)
def test_w12_a_place_cut_short_before_its_government():
    text = BUREAU + "根据《辽省人民政府办公厅关于做好年度报告工作的通知》，我局通过“天水人民政府”门户网站公开信息86条。"
    assert [(f[1], f[2]) for f in found(text, "W-12")] == [
        ("辽省", "“辽省人民政府”中的“辽省”不是行政区划名称，疑漏了一个字，应为“辽宁省”。"),
        ("天水", "“天水人民政府”中的“天水”是地名简称，机关名称应写全称，疑漏了层级字，应为“天水市”。")]
    assert _severity(text, "W-12") == ["warning", "info"]  # the short form is a note (real dev: 2 of 3 marked)
    # after a preposition, and after the parent's own full name
    assert [f[1] for f in found(BUREAU + "如有疑问，请与天水人民政府办公室联系。", "W-12")] == ["天水"]
    assert [f[1] for f in found(BUREAU + "信息同步发布在甘肃省天水人民政府网站。", "W-12")] == ["天水"]
    # full names, the end of a longer name, a year's 年 and a portal's own short name: nothing
    for right in ("通过“天水市人民政府”门户网站公开信息86条。", "在华丰镇人民政府公开栏张贴。",
                  "根据2022年县人民政府工作安排，", "依托兴和政府门户网站公开信息。", "请与内乡县人民政府联系。",
                  "根据《辽宁省人民政府办公厅关于做好年度报告工作的通知》，"):
        assert found(BUREAU + right, "W-12") == [], right

