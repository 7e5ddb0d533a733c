"""Forms the tenth session built from real pages (issue #12), each reproduced in the team's own words: exact findings,
and the near miss beside each."""

from __future__ import annotations

import pytest

from tests.rules.helpers import found

HEALTH = "青溪县卫生健康局2023年政府信息公开工作年度报告\n一、总体情况\n"
TOWN = "青溪县东山镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
STREET = "青溪县城关街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
BUREAU_23 = "青溪县民政局2023年政府信息公开工作年度报告\n"


# K-03 field: another department's field of work named where the report speaks of its own — "了解和监督X工作", "X系统"
# and "提升X（行政）效能" beside the older 围绕/推进/聚焦X工作 (the real dev m0009 and q0204)
@pytest.mark.parametrize("head, body, phrase, evidence", [
    (HEALTH, "畅通意见渠道，方便群众及时了解和监督交通运输工作。", "监督交通运输工作", "交通运输工作"),
    (TOWN, "把政务公开作为提升司法行政效能的有力抓手。", "提升司法行政效能", "司法行政效能"),
    (HEALTH, "认真做好教育系统政府信息的报送和发布。", "教育系统", "教育系统"),
])
def test_k03_another_departments_field_in_more_frames(head, body, phrase, evidence):
    agency, kind = ("青溪县卫生健康局", "部门") if head == HEALTH else ("青溪县东山镇人民政府", "乡镇")
    assert [(f[0], f[1], f[2]) for f in found(head + body, "K-03")] == [
        ("K-03", evidence, f"本报告由“{agency}”（{kind}）发布，正文却写“{phrase}”，“{evidence}”是其他部门的工作领域，"
                           "疑为套用其他部门的报告。")]


@pytest.mark.parametrize("head, body", [
    (HEALTH, "畅通意见渠道，方便群众及时了解和监督卫生健康工作。"),  # its own field
    (HEALTH, "认真做好卫生系统政府信息的报送和发布，系统性梳理公开目录。"),
    (HEALTH, "建立健全公开工作系统性制度，提升行政效能。"),  # no field named
    (TOWN, "配合做好民政系统的数据报送，提升应急管理效能。"),  # fields a township works in
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "全面提升司法行政效能，做好教育系统信息报送。"),  # a government
])
def test_k03_field_near_misses(head, body):
    assert found(head + body, "K-03") == []


# D-11 until_prior: 截至 the end of the year before opening a later clause of a sentence, not only its start
def test_d11_until_the_prior_year_end_in_a_later_clause():
    text = STREET + "街道完善依申请公开办理规定，截止到2022年12月31日，我街道暂未收到政府信息公开申请。"
    assert [(f[0], f[1]) for f in found(text, "D-11")] == [("D-11", "2022年")]
    assert found(text, "D-11")[0][2] == "这是2023年度的报告，这里说明的却是截至2022年底的情况，不是本年度的，疑为沿用往年报告未改年份。"
    for right in ("街道完善依申请公开办理规定，截止到2023年12月31日，我街道暂未收到政府信息公开申请。",
                  "街道完善依申请公开办理规定，与截至2022年12月31日相比，申请数量有所减少。",
                  "街道完善依申请公开办理规定，截至2022年12月31日结转的1件申请已在本年度办结。"):
        assert found(STREET + right, "D-11") == [], right


# W-04: requests counted in 条 by the name of the procedure ("收到依申请公开事项3条", "受理群众依申请公开0条"): a note
def test_w04_requests_by_the_procedures_name_in_tiao():
    from tests.rules.test_ninth_real_forms import _severity

    text = STREET + "全年街道受理群众依申请公开3条，均按期答复。"
    assert [(f[1], f[2]) for f in found(text, "W-04")] == [
        ("条", "“条”应为“件”：政府信息公开申请按“件”计数（与统计表一致，如“收到申请6件”），“条”用于信息条目。")]
    assert _severity(text, "W-04") == ["info"]
    # information disclosed on request, listed among the year's items, is counted in 条
    assert found(STREET + "全年主动公开信息46条，其中公文14条，依申请公开2条。", "W-04") == []


# the statistics period by its end alone is read by the structure (meta), and S-07 reports from what was read
def test_the_period_by_its_end_alone_is_read_into_the_reports_meta():
    from datetime import date

    from nianbao.audit import load_report

    text = STREET + "本报告所列数据截止日期为2023年12月31日。街道全年主动公开信息52条。"
    meta = load_report(text, require_report=False).meta
    assert (meta.period_start, meta.period_end, meta.period_text) == (None, date(2023, 12, 31), "2023年12月31日")
    assert text[meta.period_loc.start:meta.period_loc.end] == "2023年12月31日"
    assert [(f[1], f[2]) for f in found(text, "S-07")] == [
        ("2023年12月31日", "报告只写了统计数据的截止日期“2023年12月31日”，没有写明起始日期；宜写明统计期限自2023年1月1日起至2023年12月31日止。")]
    # a full period is read as before; a date that does not exist is no period end
    full = load_report(STREET + "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。", require_report=False).meta
    assert (full.period_start, full.period_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert load_report(STREET + "本报告所列数据截止日期为2023年12月32日。", require_report=False).meta.period_end is None


# F-07: every place the report cites the obsolete notice as its basis is a finding, not only the first (the real dev q1308)
def test_f07_each_citation_of_the_2019_notice():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    text = (head + "本报告依据国办公开办函〔2019〕60号的要求编制。\n一、总体情况\n"
            "我局对照《关于政府信息公开工作年度报告有关事项的通知》逐项核对了统计数据。")
    assert [f[1] for f in found(text, "F-07")] == ["国办公开办函〔2019〕60号", "《关于政府信息公开工作年度报告有关事项的通知》"]
    # a sentence telling the history of the format is no citation as a basis
    told = text.replace("我局对照", "2021年起，新格式已取代试行格式，我局不再对照")
    assert [f[1] for f in found(told, "F-07")] == ["国办公开办函〔2019〕60号"]


# P-08: a paragraph of whole sentences right before a heading that ends with no end mark
def test_p08_a_paragraph_without_its_full_stop_before_a_heading():
    text = (BUREAU_23 + "如对本报告有疑问，请与青溪县民政局办公室联系（电话：0591-2345678）\n一、总体情况\n"
            "（一）主动公开\n全年公开信息86条，其中政策文件12条，工作动态40条，切实保障群众的知情权和监督权\n"
            "（二）依申请公开\n全年收到申请3件，均按期答复，办结率达到100%\n（三）政府信息管理。修订公开指南，规范发布流程。\n")
    assert [(f[1], f[2]) for f in found(text, "P-08")] == [
        ("0591-2345678）", "段落以联系方式“……0591-2345678）”结束，这句话末尾没有句号。"),
        ("的知情权和监督权", "段落“……的知情权和监督权”以完整的句子结束，末尾却没有句号。"),
        ("结率达到100%", "段落“……结率达到100%”以完整的句子结束，末尾却没有句号。")]  # (before a run-in heading)
    # with their end marks; a "如下" (a colon's slip, not a period's); a bare count whose unit the page may have lost;
    # the last paragraph, followed by no heading
    for right in ("联系（电话：0591-2345678）。\n一、总体情况\n", "现将有关情况报告如下\n一、总体情况\n",
                  "全年在政府网站发布各类动态信息123\n（二）依申请公开\n", "切实保障群众的知情权和监督权\n本报告完。\n",
                  "本报告所列数据的统计期限为2023年1月1日至12月31日）\n一、总体情况\n"):
        assert found(BUREAU_23 + "如对本报告有疑问，请与青溪县民政局办公室" + right, "P-08") == [], right


# reading: sub-headings whose page lost the opening bracket ("二)依申请公开") are headings, and a paragraph before one
# is not joined to it as if a page break had cut it (the fresh dev q2201)
def test_a_sub_heading_without_its_opening_bracket():
    from nianbao.audit import load_report

    text = (BUREAU_23 + "一、总体情况\n一)主动公开\n全年公开信息86条，其中政策文件12条，工作动态74条\n"
            "二)依申请公开\n全年收到申请3件，均按期答复。\n")
    report = load_report(text, require_report=False)
    assert [h.title for h in report.part("overview").headings] == ["一)主动公开", "二)依申请公开"]
    assert not any(n.code == "joined_paragraph" for n in report.notes)
    assert [f[1] for f in found(text, "P-08")] == ["工作动态74条"]



# W-01: a website's name ending in 网 before 网页/网站 is no doubled word (the fresh dev q2008's one wrong W-01 warning)
def test_w01_a_site_name_before_wangye():
    for right in ("本局在青溪县人民政府网网页上及时发布了动态信息。", "在青溪县政务服务网网站发布信息。"):
        assert found(BUREAU_23 + "一、总体情况\n" + right, "W-01") == [], right
    assert [f[1] for f in found(BUREAU_23 + "一、总体情况\n坚决执行执行上级部署。", "W-01")] == ["执行执行"]


# severity decision (tenth session): W-05's adverbial 的 is a note — real dev 24 of 27, test 6 of 9, under a warning's 0.90
def test_w05_adverbial_de_is_a_note():
    from tests.rules.test_ninth_real_forms import _severity

    assert _severity(BUREAU_23 + "一、总体情况\n我局更好的满足了群众需求。", "W-05") == ["info"]
