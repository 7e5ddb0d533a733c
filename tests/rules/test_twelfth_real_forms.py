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
    assert findings[0][2] == "疑似有误：网址开头的“http://”写错了（冒号或斜杠漏写、错位）。"


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


# W-12: a common word after a city's name is what it says — 济宁市城市管理局 is the city's 城市管理局, not 邹城市 with
# 邹 lost (a fresh real dev page, four warnings); a child's name with a character lost still is a slip
def test_w12_common_word_after_the_city_is_no_misspelt_division():
    text = "济宁市城市管理局2024年政府信息公开工作年度报告\n一、总体情况\n2024年，济宁市城市管理局按照部署推进政务公开。\n"
    assert found(text, "W-12") == []
    slip = "太原市杏花区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我区推进政务公开。\n"
    assert [f[:2] for f in found(slip, "W-12")] == [("W-12", "杏花区")]


# K-06 sum: a clause with no count of its own between the total and the 其中 that opens the next sentence (the real
# dev q1103); a clause that holds a count of its own leaves the 其中 to that count
def test_k06_breakdown_after_an_aside():
    text = TOWN_24 + BODY + ("全年在镇政府网站发布信息88条，按时更新率为100%。其中，工作动态类41条，财政资金类12条，"
                             "民生保障类20条，其他类16条。")
    assert [f[:3] for f in found(text, "K-06")] == [(
        "K-06", "88条，按时更新率为100%。其中，工作动态类41条，财政资金类12条，民生保障类20条，其他类16条",
        "写明88条，其后列出的各项 41＋12＋20＋16＝89条，多于所写的数。")]
    other = text.replace("按时更新率为100%", "微信公众号发布信息300条")
    assert found(other, "K-06") == []


# K-06 sum: a closed list (ending in 其他) that falls just short of its total, then a clause after ； reporting another
# channel (the real dev q4404); a list naming half of its total or less before such a clause is a partial list
def test_k06_closed_list_just_short_before_another_channel():
    text = TOWN_24 + BODY + ("全年发布各类信息305条，其中在镇政府网站发布信息46条，其中镇情简介9条，通知公告15条，"
                             "工作动态18条，其他栏目2条；通过镇微信公众号发布信息259条。")
    assert [f[:3] for f in found(text, "K-06")] == [(
        "K-06", "46条，其中镇情简介9条，通知公告15条，工作动态18条，其他栏目2条",
        "写明46条，其后列出的各项 9＋15＋18＋2＝44条，少于所写的数。")]
    partial = text.replace("工作动态18条", "工作动态6条")  # 32 of 46: not a slip of arithmetic
    assert found(partial, "K-06") == []


# K-06 flow: the whole area's requests (全区共受理……) balance within their sentence like the body's own (the real dev
# q4418: 116 + 1 carried over against 103 completed + 13 carried forward); a balanced flow is quiet
def test_k06_flow_of_the_whole_area():
    gov = "青溪县人民政府2025年政府信息公开工作年度报告\n一、总体情况\n"
    text = gov + "2025年，全县共受理政府信息公开申请58件，办结申请50件（含2024年结转2件），结转至2026年办理9件。"
    assert [f[:2] for f in found(text, "K-06")] == [
        ("K-06", "受理政府信息公开申请58件，办结申请50件（含2024年结转2件），结转至2026年办理9件")]
    assert found(text.replace("办结申请50件", "办结申请51件"), "K-06") == []


# W-04 quanli: the public's right to government information written 权力 (the real dev h0045, q4622); a 权力清单 and
# the 权力 a body exercises are quiet
def test_w04_the_right_to_information_is_quanli_with_li():
    text = TOWN_24 + BODY + "我镇切实保障群众依法获取政府信息的权力。"
    findings = found(text, "W-04")
    assert [f[:2] for f in findings] == [("W-04", "权力")]
    assert findings[0][2].startswith("“权力”应为“权利”")
    quiet = TOWN_24 + BODY + "我镇公开政府信息权力清单，规范行政权力运行，保障群众依法获取政府信息的权利。"
    assert found(quiet, "W-04") == []


# W-05 nominal: after 得到/受到 the verb that ends the clause is a noun, and its modifier takes 的 (the real dev q3503,
# a fresh dev page); a 地 before a verb with its own object or complement is right
def test_w05_di_before_the_object_of_dedao():
    text = TOWN_24 + BODY + "群众来信都得到了认真、妥善地处理。"
    findings = found(text, "W-05")
    assert [f[:2] for f in findings] == [("W-05", "地")]
    assert findings[0][2] == "“得到（受到）……妥善地处理”中“处理”是“得到”的宾语，作名词用，修饰它应用“的”。"
    assert found(TOWN_24 + BODY + "各项工作得到认真地落实好，群众诉求得到及时回应。", "W-05") == []


# W-07: a heading's numeral 一 typed as a dash (—、总体情况: the real dev q0013 and a fresh dev page); a dash inside a
# line is left alone
def test_w07_heading_numeral_typed_as_a_dash():
    text = TOWN_24 + "本报告依据《条例》编制。\n—、总体情况\n2024年，我镇扎实推进政务公开工作，全年公开信息326条——比上年多。"
    findings = found(text, "W-07")
    assert [f[:3] for f in findings] == [("W-07", "—", "疑似错字：标题序号“一、”的“一”写成了横线。")]


# W-04: 转结 wherever it stands — after a bare year too (2021年转结办理: a fresh dev page); 结转 is quiet, and so is
# 转结构 (another word)
def test_w04_zhuanjie_after_a_bare_year():
    text = TOWN_24 + BODY + "全年新收政府信息公开申请5件（2023年转结办理1件），均已按时答复，推动产业转结构调整。"
    assert [f[:2] for f in found(text, "W-04")] == [("W-04", "转结")]
    assert found(TOWN_24 + BODY + "全年新收政府信息公开申请5件（2023年结转办理1件），均已按时答复。", "W-04") == []
