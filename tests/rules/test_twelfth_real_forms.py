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
    text = TOWN_24 + "本报告依据《条例》编制。" + BODY + "全年公开信息326条，内容涉及通知公告、人事任免、规划计划、财政资金5大类。"
    assert [f[:2] for f in found(text, "K-06")] == [("K-06", "通知公告、人事任免、规划计划、财政资金5大类")]


# W-07 malformed_url: the scheme of a web address with its colon lost or moved, or its slashes lost (the real dev
# i0067, t0014); a well-formed address is quiet
@pytest.mark.parametrize("url, bad", [
    ("http:www.qxx.gov.cn", "http:"), ("http//:www.qxx.gov.cn", "http//:"), ("https//www.qxx.gov.cn", "https//"),
    ("http:/www.qxx.gov.cn", "http:/"),
])
def test_w07_malformed_url_scheme(url, bad):
    text = TOWN_24 + f"本报告电子版可在青溪县人民政府门户网站（{url}）下载。" + BODY
    findings = found(text, "W-07")
    assert [f[:2] for f in findings] == [("W-07", bad)]
    assert findings[0][2] == "疑似漏字或多字：网址开头的“http://”写错了（冒号或斜杠漏写、错位）。"


@pytest.mark.parametrize("url", ["http://www.qxx.gov.cn", "https://www.qxx.gov.cn/xxgk/", "http:// www.qxx.gov.cn"])
def test_w07_well_formed_url_is_quiet(url):
    assert found(TOWN_24 + f"本报告电子版可在青溪县人民政府门户网站（{url}）下载。" + BODY, "W-07") == []


# W-06: 共计 written twice before one count ("共计公开……共计92条", the real dev q4101), beside 共……共 (a note)
def test_w06_gongji_twice_before_one_count():
    text = TOWN_24 + BODY + "年内，我镇在镇政府网站共计发布工作信息共计57条。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "共计发布工作信息共计")]
    assert found(TOWN_24 + BODY + "年内共计发布工作信息57条，其中工作动态共21条。", "W-06") == []


# reading notes and parse notes carry their line in the audit JSON (the renderers used to count it themselves)
def test_notes_carry_their_line_in_the_json():
    from nianbao.audit import audit_report, load_report
    from nianbao.model import ParseNote
    from nianbao.render.audit_json import audit_to_dict

    text = TOWN_24 + "本报告统计期限自20241月1日起至202412月31日止。\n一、总体情况\n2024我镇主动公开政府信息212条。"
    report = load_report(text, require_report=False)
    k = report.text.index("2024我镇")
    report.notes.append(ParseNote("uncertain_row", "（本测试加的解析说明）", start=k, end=k + 6))
    audit = audit_to_dict(audit_report(report, use_classifier=False))
    assert [(n["code"], n["line"]) for n in audit["reading"]["notes"]] == [("year_lost", 2)]
    assert [(n["code"], n["location"]["line"]) for n in audit["parse_notes"]] == [("uncertain_row", 4)]
