"""Forms the fourteenth session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import audited, found

TOWN_23 = "青溪县东山镇人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n（一）主动公开情况\n"


def _sums(text: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.evidence, f.message) for f in audited(text, "K-06")]


# K-06 sum: the next sentence breaks the count down in its own words — "具体包括……" in the next paragraph, "主动公开的政府
#信息中，……", "……的类别主要包括：" after a clause with no count (the real dev q4308, q6318, q5022)
def test_k06_next_paragraph_says_what_the_count_includes():
    text = (TOWN_23 + "2023年，我镇通过县政府门户网站主动公开信息64条。\n"
            "具体包括机构职能2条，通知公告11条，财政预决算4条，工作动态30条，政务动态等其他信息12条。\n")
    assert _sums(text) == [(
        "info", "64条。\n具体包括机构职能2条，通知公告11条，财政预决算4条，工作动态30条，政务动态等其他信息12条",
        "写明64条，其后列出的各项 2＋11＋4＋30＋12＝59条，少于所写的数。")]


def test_k06_next_sentence_on_the_information_published():
    text = TOWN_23 + ("2023年我镇主动公开政府信息120条。主动公开的政府信息中，概况类信息18条，工作动态70条；"
                      "通知公告25条，政策解读9条。\n")
    assert _sums(text) == [(
        "info", "120条。主动公开的政府信息中，概况类信息18条，工作动态70条；通知公告25条，政策解读9条",
        "写明120条，其后列出的各项 18＋70＋25＋9＝122条，多于所写的数。")]


def test_k06_kinds_after_a_clause_without_a_count():
    text = TOWN_23 + ("2023年累计主动公开政府信息40条，全文电子化率达100%。主动公开政府信息的类别主要包括：机构职能类信息5条，"
                      "安全生产类信息14条，农业类信息3条，其他类别信息19条。\n")
    assert [f[2] for f in _sums(text)] == ["写明40条，其后列出的各项 5＋14＋3＋19＝41条，多于所写的数。"]


def test_k06_next_sentence_that_adds_up_is_quiet():
    text = TOWN_23 + ("2023年我镇主动公开政府信息122条。主动公开的政府信息中，概况类信息18条，工作动态70条；"
                      "通知公告25条，政策解读9条。\n")
    assert _sums(text) == []


def test_k06_next_sentence_mainly_including_may_fall_short():
    # "主要包括：" names the main kinds; a shorter list without 其他 is no contradiction
    text = TOWN_23 + ("2023年，我镇在县政府网站共计公开各类政府信息95条。2023年本镇主动公开的信息主要包括：财政预算1条，"
                      "民政信息9条，乡村振兴信息11条，工作动态40条。\n")
    assert _sums(text) == []


def test_k06_breakdown_of_the_years_share_after_a_cumulative_count_is_quiet():
    # "历年累计公开2100条。2023年主动公开的政府信息中：……" breaks down the year's count, not the cumulative one
    text = TOWN_23 + ("2023年，我局主动公开政府信息140条，历年累计公开2100条。2023年主动公开的政府信息中，行政许可类信息68条，"
                      "工作动态50条，其他信息22条。\n")
    assert _sums(text) == []


def test_k06_a_channels_information_is_no_breakdown_of_the_whole():
    text = TOWN_23 + ("2023年我镇主动公开政府信息120条。通过网站公开的信息中，概况类信息18条，工作动态70条，"
                      "其他信息25条。\n")
    assert _sums(text) == []


# P-09: a document number's year in other brackets than 〔〕 (GB/T 9704 7.2.4); writers of real reports mark every one
# they meet (dev 24 of 24); a court's case number and a web page's own 文号 field are no such slip
def test_p09_document_year_in_square_and_round_brackets():
    text = TOWN_23 + ("根据《国务院办公厅关于印发2023年政务公开工作要点的通知》（国办发[2023]10号）和"
                      "《青溪县政务公开工作方案》（青政办发（2023）7号）要求，我镇扎实推进政务公开工作。\n")
    assert [f[1:] for f in found(text, "P-09")] == [
        ("[2023]10号", "发文字号“[2023]10号”的年份应使用六角括号“〔〕”。", "改为“〔2023〕10号”。"),
        ("（2023）7号", "发文字号“（2023）7号”的年份应使用六角括号“〔〕”。", "改为“〔2023〕7号”。")]


def test_p09_mismatched_pair():
    text = TOWN_23 + "按照《青溪县政务公开工作方案》（青政办发〔2023]7号）要求，我镇扎实推进政务公开工作。\n"
    assert [f[1] for f in found(text, "P-09")] == ["〔2023]7号"]


def test_p09_right_brackets_case_numbers_and_page_fields_are_quiet():
    text = ("青溪县东山镇人民政府2023年政府信息公开工作年度报告\n文号：青东政[2024]3号\n\n一、总体情况\n"
            "按照《青溪县政务公开工作方案》（青政办发〔2023〕7号）要求，我镇扎实推进政务公开工作。"
            "行政诉讼案件（2023）闽0101行初12号已审结。\n")
    assert found(text, "P-09") == []


# F-09: the year's 政务公开工作要点 with its own number in other brackets is P-09's slip, not a wrong number (the real dev
# q7211); the same title with another year's serial is still F-09's
def test_f09_leaves_brackets_alone_to_p09():
    text = TOWN_23 + "根据《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发[2020]17号）要求，我镇推进政务公开。\n"
    assert found(text, "F-09") == []
    assert [f[1] for f in found(text, "P-09")] == ["[2020]17号"]


def test_f09_still_reads_a_wrong_serial_in_wrong_brackets():
    text = TOWN_23 + "根据《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发[2020]12号）要求，我镇推进政务公开。\n"
    assert [f[0] for f in found(text, "F-09")] == ["F-09"]


# D-02: years listed at a sentence's start ("2021年，2022年，我局……均被评为先进单位") are no narrative of the year's work
# (the real dev q7511); a single other year opening the sentence still is
BUREAU_23 = "青溪县民政局2023年政府信息公开工作年度报告\n\n一、总体情况\n"


def test_d02_listed_years_are_quiet():
    text = BUREAU_23 + "2023年，我局扎实推进政务公开工作。2021年，2022年，我局政务公开工作均被评为全县先进单位。\n"
    assert found(text, "D-02") == []


def test_d02_one_other_year_still_found():
    text = BUREAU_23 + "2023年，我局扎实推进政务公开工作。2022年，我局主动公开政府信息58条。\n"
    assert [(f[0], f[1]) for f in found(text, "D-02")] == [("D-02", "2022年")]


# K-02: a 其中 list that adds up to the sentence's other count breaks that count down, not the cumulative total after
# it (the real dev q7408: the year's items listed after the cumulative count); a list that matches no count is still found
def test_k02_parts_of_the_years_count_before_a_cumulative_total():
    text = TOWN_23 + ("2023年，我镇主动公开信息36条，累计主动公开政府信息820条，发布及时率100%。其中机构职能类信息5条，"
                      "政策文件类信息2条，工作动态类信息24条，其他类信息5条。\n")
    assert found(text, "K-02") == []


def test_k02_parts_matching_no_count_still_found():
    text = TOWN_23 + ("2023年，我镇主动公开信息36条，累计主动公开政府信息820条，发布及时率100%。其中机构职能类信息5条，"
                      "政策文件类信息2条，工作动态类信息20条，其他类信息5条。\n")
    assert [f[2] for f in found(text, "K-02")] == ["合计写“共820条”，其后列出的各项 5＋2＋20＋5＝32条，少于合计数。"]


# S-06: a space inside the title is layout ("……人民政府 信息公开工作年度报告", the real dev q7521); a title without
# 政府信息公开 is still irregular
def test_s06_space_inside_the_title_is_layout():
    text = "2023年青溪县东山镇人民政府 信息公开工作年度报告\n\n一、总体情况\n2023年，我镇扎实推进政务公开工作。\n"
    assert found(text, "S-06") == []


def test_s06_title_without_the_wording_still_noted():
    text = "2023年青溪县东山镇人民政府 信息公开工作报告\n\n一、总体情况\n2023年，我镇扎实推进政务公开工作。\n"
    assert [f[2] for f in found(text, "S-06")] == [
        "报告标题“2023年青溪县东山镇人民政府 信息公开工作报告”没有“政府信息公开工作年度报告”字样。"]


# D-07: 计划 as a kind of information ("公开计划总结类信息") is no plan dated with the report's year (the real
# dev q7605); a plan so dated still is
def test_d07_plans_and_summaries_as_a_kind_of_information():
    text = TOWN_23 + "2023年，公开计划总结、公示公告等信息3类40条。\n五、存在的主要问题及改进情况\n2023年，我镇主动公开计划总结类信息2条。\n"
    assert found(text, "D-07") == []


def test_d07_plan_with_the_reports_year_still_found():
    text = TOWN_23 + "全年主动公开信息40条。\n五、存在的主要问题及改进情况\n2023年，我镇计划进一步完善政务公开栏。\n"
    assert [(f[0], f[1]) for f in found(text, "D-07")] == [("D-07", "2023")]


# W-16: 省、市、县 is a list of one-character items, not 省 cut from 省市 (the real dev q7703)
def test_w16_list_of_one_character_items():
    text = (TOWN_23 + "我镇认真执行省市工作要求，落实省市安排，和省市有关部门保持沟通，"
            "认真贯彻落实《条例》和省、市、县政府信息公开规定。\n")
    assert found(text, "W-16") == []


# S-08: more parts listed than said, each the title of another part ("……等五个部分组成", six listed; the real dev q7618)
def test_s08_more_parts_listed_than_said():
    text = ("青溪县东山镇人民政府2019年政府信息公开工作年度报告\n本报告由概述、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等五个部分组成。\n一、概述\n"
            "2019年，我镇扎实推进政务公开工作。\n")
    assert [(f[1], f[2]) for f in found(text, "S-08")] == [(
        "五个部分", "报告称由五部分组成，但列出的是6个部分（概述、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项），部分数与所列内容不一致。")]


def test_s08_a_title_holding_two_heads_is_not_counted_twice():
    # 行政复议、行政诉讼情况 is one part; six items, six parts: nothing to say
    text = ("青溪县东山镇人民政府2023年政府信息公开工作年度报告\n本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。\n一、总体情况\n"
            "2023年，我镇扎实推进政务公开工作。\n")
    assert found(text, "S-08") == []


# K-06: a breakdown in brackets opened by 包括 and closed by 其他 names every part (the real dev q7709)
def test_k06_bracketed_breakdown_opened_by_including_and_closed_by_the_rest():
    text = TOWN_23 + "2023年，我镇共公开信息90条，其中政务公开专栏60条（包括公开指南1条、财政信息9条、业务工作30条、其他18条）。\n"
    assert [f[2] for f in _sums(text)] == ["写明60条，其后列出的各项 1＋9＋30＋18＝58条，少于所写的数。"]


def test_k06_bracketed_breakdown_opened_by_including_without_the_rest_may_fall_short():
    text = TOWN_23 + "2023年，我镇共公开信息90条，其中政务公开专栏60条（包括公开指南1条、财政信息9条、业务工作30条）。\n"
    assert _sums(text) == []


# W-07: the 一 inside a common word typed as a dash (进—步, the real dev q7919), as in a heading's —、; a dash joining two
# labels (机关简介—机构职能) is a dash
def test_w07_dash_for_one_inside_a_word():
    text = TOWN_23 + "我镇进—步提升政务公开质量，统—部署，逐—核对，推行—站式服务。\n"
    assert [(f[1], f[2]) for f in found(text, "W-07")] == [("—", "疑似错字：词中的“一”写成了横线（如“进—步”）。")] * 4


def test_w07_dash_between_labels_is_quiet():
    text = TOWN_23 + "主动公开重点领域-安全生产26条，机关简介—机构职能1条，进一步提升公开质量。\n"
    assert found(text, "W-07") == []


# W-08: a branch's report naming its parent (市人社局 in the report of 人社分局, the real dev q7815) has lost no 分
def test_w08_parent_bureau_in_a_branchs_report():
    text = ("青溪县人社分局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，人社分局按市人社局工作部署推进政务公开，"
            "人社分局转发市人社局文件6件，人社分局扎实做好政务公开。\n")
    assert found(text, "W-08") == []


# W-05: 举措 is a noun though the tagger calls it a verb ("以更加扎实的举措全面推进", the real dev q7806)
def test_w05_measure_is_a_noun():
    text = TOWN_23 + "我镇以更加扎实的举措全面推进政务公开。\n"
    assert found(text, "W-05") == []


# D-07: 按计划 (as planned) told of the year's work is no plan (the real dev q8005)
def test_d07_as_planned_is_no_plan():
    text = TOWN_23 + "全年主动公开信息40条。\n五、存在的主要问题及改进情况\n2023年，我镇政务公开工作按计划稳步推进，但仍存在不足。\n"
    assert found(text, "D-07") == []


# W-08: a set phrase varied on purpose right after the phrase itself ("应公开尽公开，……应公开早公开", the real dev q8014)
def test_w08_phrase_varied_on_purpose_after_itself():
    text = TOWN_23 + "我镇坚持应公开尽公开，做到应公开早公开。\n"
    assert found(text, "W-08") == []


def test_w08_phrase_with_a_wrong_character_alone_still_found():
    text = TOWN_23 + "我镇坚持做到应公开早公开。\n"
    assert [f[1] for f in found(text, "W-08")] == ["应公开早公开"]


# W-06: a label before its colon names a list and is none of its items ("机构概况：单位职能、……、机构概况", the real dev
# q8009); an item listed twice is still found
def test_w06_label_of_a_list_is_no_item():
    text = TOWN_23 + "主要包括统计数据：统计年报、统计分析，机构概况：单位职能、领导信息、机构概况、政策文件、工作动态等。\n"
    assert found(text, "W-06") == []


def test_w06_item_listed_twice_still_found():
    text = TOWN_23 + "公开内容包括单位职能、机构概况、领导信息、机构概况、政策文件等。\n"
    assert [f[1] for f in found(text, "W-06")] == ["机构概况"]


# W-07: a mandated title's 政府信息 with 信息 lost (依申请公开政府办理情况, 主动公开政府的情况: dev 5 of 5 marked) and part two's
# title with 主动 lost (二、公开政府信息情况: 2 of 2); 主动公开政府采购信息 and 依申请公开政府信息情况 are other words
def test_w07_mandated_titles_with_a_word_lost():
    text = TOWN_23 + "（一）主动公开政府的情况\n全年公开信息12条。\n（二）依申请公开政府办理情况\n无。\n二、公开政府信息情况\n全年公开信息12条。\n"
    assert [(f[1], f[3]) for f in found(text, "W-07")] == [
        ("政府", "改为“政府信息”。"), ("政府", "改为“政府信息”。"), ("公开政府信息", "改为“主动公开政府信息”。")]


def test_w07_mandated_titles_written_whole_are_quiet():
    text = (TOWN_23 + "（一）主动公开情况\n全年主动公开政府采购信息12条，主动公开政府会议3次。\n（二）依申请公开政府信息情况\n无。\n"
            "二、主动公开政府信息情况\n全年公开信息12条。\n")
    assert found(text, "W-07") == []


# W-07: a lawsuit against the body is 被提起, not 被申请 (the real dev q8217); 申请行政复议 and 依法申请 are right
def test_w07_lawsuit_applied_for():
    text = TOWN_23 + "因政府信息公开工作被申请行政复议数量0件。因政府信息公开工作被申请行政诉讼数量0件。\n"
    assert [f[1:] for f in found(text, "W-07")] == [(
        "申请", "疑似用词有误：行政诉讼用“提起”，“申请”是行政复议的说法（被申请行政复议、被提起行政诉讼）。",
        "将“申请”改为“提起”（被提起行政诉讼）。")]


def test_w07_review_applied_for_and_lawsuit_brought_are_quiet():
    text = TOWN_23 + "因政府信息公开工作被申请行政复议、被提起行政诉讼的数量均为0件，公民可依法申请行政复议或者提起行政诉讼。\n"
    assert found(text, "W-07") == []


# W-07 门口网站 (the real dev q8422); 做出具体安排 (q8404) is left to the writers' disagreement: an older dev page writes
# it unmarked
def test_w07_entrance_website():
    text = TOWN_23 + "我镇构建门口网站，对全年政务公开工作做出具体安排。\n"
    assert [(f[0], f[1]) for f in found(text, "W-07", "W-04")] == [("W-07", "门口")]


def test_w07_portal_and_a_gate_are_quiet():
    text = TOWN_23 + "我镇完善门户网站，在单位门口设置公开栏。\n"
    assert found(text, "W-07") == []


# K-06 none_and_some: documents counted by how they are disclosed ("主动公开25件，依申请公开15件") are no requests (the
# real dev q8413); a count of requests beside "未收到申请" still is
def test_k06_documents_by_disclosure_attribute_are_no_requests():
    text = TOWN_23 + "全年共制定文件40件，主动公开25件，依申请公开15件。\n（二）依申请公开情况\n2023年，我镇收到政府信息公开申请数量为0件。\n"
    assert _sums(text) == []


def test_k06_requests_counted_beside_none_still_found():
    text = TOWN_23 + "全年主动公开信息25条，依申请公开15件。\n（二）依申请公开情况\n2023年，我镇未收到政府信息公开申请。\n"
    assert [f[0] for f in _sums(text)] == ["warning"]
