"""Forms the sixteenth session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import audited

TOWN_22 = "青溪县东山镇人民政府2022年政府信息公开工作年度报告\n\n"
BUREAU_22 = "青溪县工业和信息化局2022年政府信息公开工作年度报告\n\n"


def _f(text: str, rule: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.evidence, f.message) for f in audited(text, rule)]


# W-04: the preface's contact sentence with 于 for 与 (the real dev q2316, q4711), the body's full name between
def test_w04_contact_sentence_with_yu_for_yu():
    text = TOWN_22 + ("如对本报告有任何疑问，请于青溪县东山镇党政办公室联系（地址：东山镇解放路8号）。\n"
                      "一、总体情况\n")
    assert _f(text, "W-04") == [
        ("warning", "请于", "“请于”应为“请与”：“请与……联系”的“与”是介词，引出联系的对象；“于”引出时间或处所（“请于1月31日前报送”）。")]


def test_w04_yu_before_a_time_is_right():
    text = TOWN_22 + "一、总体情况\n各村请于每月5日前与镇党政办联系报送公开信息，请于1月31日前完成自查。\n"
    assert _f(text, "W-04") == []


# W-07: a body's name run into 府信息公开, 政 lost (the real dev q3611)
def test_w07_zheng_lost_after_a_bodys_name():
    text = BUREAU_22 + "一、总体情况\n2022年，青溪县工业和信息化局府信息公开工作由综合科具体负责。\n"
    assert _f(text, "W-07") == [("warning", "府", "疑似漏字：“府信息公开”漏了“政”字，应为“政府信息公开”。")]


def test_w07_a_government_abbreviated_is_quiet():
    text = BUREAU_22 + "一、总体情况\n2022年，我局按照市府信息公开工作的统一部署开展工作。\n"
    assert _f(text, "W-07") == []


# K-03 (field): another department's field in the words a report uses of its own work — the statistics bureau's
# 政府统计信息 in a township's report (the real dev q2709, q5011), the audit bureau's 审计工作透明度 and its upper
# bureau's guidance in another department's report (q6413, q3622), 交通运输部门 in an archive's report (q8226)
def test_k03_another_fields_words_left_in():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇按时做好政府统计信息主动公开，并定期更新。\n")
    assert [(s, e) for s, e, _ in _f(text, "K-03")] == [("info", "统计信息主动公开")]
    text = BUREAU_22 + ("一、总体情况\n2022年，我局在市审计局的有力指导下，不断提升审计工作透明度。\n")
    assert [(s, e) for s, e, _ in _f(text, "K-03")] == [("info", "审计局的有力指导下"), ("info", "审计工作透明度")]


def test_k03_own_field_and_a_general_word_are_quiet():
    text = ("青溪县统计局2022年政府信息公开工作年度报告\n\n一、总体情况\n2022年，我局切实做好政府统计信息主动公开工作，"
            "在市统计局的有力指导下，不断提升统计工作透明度。\n")
    assert _f(text, "K-03") == []
    text = TOWN_22 + "一、总体情况\n2022年，我镇在县政府办公室的有力指导下，不断提升政务公开工作透明度。\n"
    assert _f(text, "K-03") == []


# W-04: the regulation's title with one word changed, inside 《》 (the real dev q4904, i0014)
def test_w04_regulation_title_with_one_word_changed():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇组织学习《中华人民共和国政务信息公开条例》，印制《国务院政府信息公开条例》"
                      "宣传手册200份。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-04")] == [
        ("warning", "中华人民共和国政务信息公开条例"), ("warning", "国务院政府信息公开条例")]


def test_w04_the_words_outside_a_title_are_quiet():
    text = TOWN_22 + "一、总体情况\n2022年，我镇认真贯彻国务院政府信息公开条例精神，推进中华人民共和国政务信息公开条例宣传。\n"
    assert _f(text, "W-04") == []


# W-06: a label written twice with its colon (the real dev q3210)
def test_w06_label_written_twice():
    text = TOWN_22 + "如对本报告有任何疑问，请与东山镇党政办公室联系（地址：地址：东山镇解放路8号，电话：0571-5551234）。\n"
    assert [(s, e) for s, e, _ in _f(text, "W-06")] == [("info", "地址：地址")]


def test_w06_a_label_and_its_value_are_quiet():
    text = TOWN_22 + "如对本报告有任何疑问，请与东山镇党政办公室联系（地址：东山镇解放路8号，电话：电话号码见门户网站）。\n"
    assert _f(text, "W-06") == []


# W-05 (nominal): 地 before a verb that a light verb makes a noun — 起到……地推动作用, 进行了……地审查 (the real dev q5111)
def test_w05_di_after_a_light_verb():
    text = TOWN_22 + ("一、总体情况\n镇公众号为政策宣传起到了积极地推动作用。对每件申请，我镇都进行了认真地审查。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-05")] == [("info", "地"), ("info", "地")]


def test_w05_di_before_a_verb_with_its_object_is_right():
    text = TOWN_22 + "一、总体情况\n我镇积极地推动政务公开，认真地审查每件申请，取得了明显成效。\n"
    assert _f(text, "W-05") == []


# W-04: 聚集 for 聚焦 before what a body focuses on (the real dev j0003, q1713), 决赛 beside a budget (q0727), 透明性 among
# the kinds of government (q8314); W-02: 阳关政府, 分信力, 行政执发 (q8009, q6211, q4712)
def test_w04_w02_common_keyboard_slips():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇聚集重点领域信息公开，公开单位决赛等资金信息，努力打造廉洁型、透明性、创新型政府，"
                      "打造阳关政府，不断提升政府分信力，公开行政执发流程图。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-04")] == [("warning", "聚集"), ("warning", "决赛"), ("warning", "透明性")]
    assert [(s, e) for s, e, _ in _f(text, "W-02")] == [
        ("warning", "阳关政府"), ("warning", "分信力"), ("warning", "行政执发")]


def test_w04_gathering_a_contest_and_transparency_in_their_own_sense_are_quiet():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇严防人员聚集，举办政务公开知识竞赛决赛，不断提高工作透明性，"
                      "沿着阳关大道前进。\n")
    assert _f(text, "W-04") == [] and _f(text, "W-02") == []


# W-07: 依法申请公开 for the procedure's name 依申请公开 before a count, 制度 or 信息的申请 (the real dev w0004, q7403, q5904)
def test_w07_yifa_for_the_procedures_name():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇收到依法申请公开3件，修订了依法申请公开制度。镇政府接到依法申请公开信息的申请1件。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [("info", "依法申请公开")] * 3


def test_w07_applying_according_to_law_is_right():
    text = TOWN_22 + "一、总体情况\n公民、法人和其他组织可以依法申请公开政府信息，我镇依法申请公开的事项均按时答复。\n"
    assert _f(text, "W-07") == []


def test_w07_yifa_after_zhudong_gongkai_and_before_its_procedure():
    # the fresh dev q8811: 依法申请公开 after 主动公开及, before 办事程序
    text = TOWN_22 + "一、总体情况\n2022年，我镇修订了主动公开与依法申请公开办事流程。\n"
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [("info", "依法申请公开")]


# S-08: the parts listed as quoted names side by side, without 、 (the fresh dev q9005: five names, "6个部分")
def test_s08_quoted_names_side_by_side():
    text = TOWN_22 + ("本报告全文由“总体情况”“主动公开政府信息情况”“收到和处理政府信息公开申请情况”“存在的主要问题及改进情况”"
                      "“其他需要报告的事项”6个部分组成。\n一、总体情况\n")
    assert [(s, e) for s, e, _ in _f(text, "S-08")] == [("warning", "6个部分")]
    text = TOWN_22 + ("本报告全文由“总体情况”“主动公开政府信息情况”“收到和处理政府信息公开申请情况”“政府信息公开行政复议、"
                      "行政诉讼情况”“存在的主要问题及改进情况”“其他需要报告的事项”6个部分组成。\n一、总体情况\n")
    assert _f(text, "S-08") == []


# F-08: part one named 基本情况 in a 2019+ report's list of its parts (the real dev s0008, the fresh q9014), a note
def test_f08_part_one_as_jiben_qingkuang_in_the_list():
    text = TOWN_22 + ("本报告全文包括政府信息公开工作基本情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开"
                      "行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\n一、总体情况\n")
    assert [(s, e) for s, e, _ in _f(text, "F-08")] == [("info", "政府信息公开工作基本情况")]


def test_f08_jiben_qingkuang_beside_an_old_part_leaves_the_old_part_first():
    text = TOWN_22 + ("本报告由基本情况、主动公开政府信息情况、政府信息公开的收费及减免情况、存在的主要问题及改进情况组成。\n"
                      "一、总体情况\n")
    assert [(s, e) for s, e, _ in _f(text, "F-08")] == [("warning", "政府信息公开的收费及减免情况")]


# K-02: 其他线下方式 is the rest of the offline channels only, not of every channel (a fresh dev page)
def test_k02_the_rest_of_one_kind_of_channel_is_not_the_rest():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇共公开政府信息284条，其中政务公开专区公开15条，其他线下方式公开119条。\n")
    assert _f(text, "K-02") == []
    text = TOWN_22 + "一、总体情况\n2022年，我镇共公开政府信息284条，其中政务公开专区公开15条，其他方式公开119条。\n"
    assert [s for s, _, _ in _f(text, "K-02")] == ["warning"]


# W-05: after a modifier, 的 before a verb that takes its noun as an object, even before a head noun (开展自查工作,
# 完善工作机制, 进行检查: the real dev q6403, q8510 and a test page's form)
def test_w05_de_before_an_object_verb_and_its_noun():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇认真的开展自查工作，逐步的完善工作机制，每周不定期的进行检查，及时有效的开展互动工作。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-05")] == [("info", "的")] * 4


def test_w05_the_nominal_kaizhan_before_another_verb_is_right():
    # 的开展 is the noun the next verb's phrase is built on; 有效的监督机制 is a compound noun
    text = TOWN_22 + "一、总体情况\n2022年，我镇为政务公开持续有效的开展打下了基础，建立了有效的监督机制。\n"
    assert _f(text, "W-05") == []


# W-07: 依申请和处理政府信息 (one region's template: the real dev a0004, q7110) and a clause whose subject is a bare 镇
# (q7201, two fresh pages)
def test_w07_template_remnant_and_a_bare_zhen():
    text = TOWN_22 + "一、总体情况\n2022年，镇严格按照上级要求做好公开工作。本年度没有依申请和处理政府信息事项。\n"
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [("info", "镇"), ("warning", "依申请和处理")]


def test_w07_the_towns_leaders_are_quiet():
    text = TOWN_22 + "一、总体情况\n每条信息都经分管领导审核，镇主要领导对重要信息进行把关。\n"
    assert _f(text, "W-07") == []


# F-07 reads the 2019 notice by its year and serial whatever the issuer lost; W-07 names 函 lost (a fresh dev page)
def test_f07_w07_the_2019_notice_with_han_lost():
    text = TOWN_22 + ("本报告根据《中华人民共和国政府信息公开条例》和国办公开办〔2019〕60号文件要求编制。\n一、总体情况\n")
    assert [(s, e) for s, e, _ in _f(text, "F-07")] == [("warning", "国办公开办〔2019〕60号")]
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [("warning", "国办公开办")]


# W-07: 任 lost before the leading group's posts (the real dev q8206, a fresh page) and a measure word written twice
def test_w07_ren_lost_before_the_post_and_tiao_twice():
    text = TOWN_22 + ("一、总体情况\n镇调整了政务公开领导小组，由主要领导组长，分管领导副组长。全年报送政务信息30余条条。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [
        ("warning", "领导"), ("warning", "领导"), ("warning", "余条条")]


def test_w07_leaders_with_their_posts_and_the_idiom_are_quiet():
    text = TOWN_22 + "一、总体情况\n由主要领导任组长，分管领导任副组长，条条举措落到实处。\n"
    assert _f(text, "W-07") == []


# W-07: slips the dev writers mark wherever they occur — 乡村战略, 依申请主动公开, 政府公开指南, 政府信息水平
def test_w07_slips_marked_wherever_they_occur():
    text = TOWN_22 + ("一、总体情况\n2022年，我镇扎实实施乡村战略，依申请主动公开各类信息12条，"
                      "及时更新政府公开指南，不断提高政府信息水平。\n")
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [
        ("warning", "乡村"), ("warning", "依申请"), ("warning", "政府"), ("warning", "政府信息")]


def test_w07_the_whole_phrases_are_quiet():
    text = TOWN_22 + ("本报告根据国办公开办函〔2021〕30号编制。\n一、总体情况\n2022年，我镇扎实实施乡村振兴战略，主动公开各类信息12条，"
                      "依申请公开2件，及时更新政府信息公开指南，不断提高政府信息公开水平。\n")
    assert _f(text, "W-07") == []


# K-02: a cumulative count after a list that adds up is another quantity, not one more item (a clean fresh dev page)
def test_k02_a_cumulative_count_after_the_list_is_no_item():
    text = TOWN_22 + ("一、总体情况\n2022年共主动公开政府信息16条，其中：机构职能类1条，重大建设项目类1条，其他类信息14条，"
                      "截至年底历年累计公开430条。\n")
    assert _f(text, "K-02") == []
    text = TOWN_22 + "一、总体情况\n2022年共主动公开政府信息16条，其中：机构职能类1条，重大建设项目类1条，其他类信息15条。\n"
    assert [s for s, _, _ in _f(text, "K-02")] == ["warning"]


# W-12: a county renamed a district keeps its old name in a report written before (赣县, 赣县区 since 2016)
def test_w12_an_old_county_name_in_an_older_report():
    text = ("赣州市赣县某某镇2015年政府信息公开工作年度报告\n\n本报告已报送审定。赣县人民政府办公室负责本报告的编制。\n一、概述\n")
    assert _f(text, "W-12") == []
    text = text.replace("2015", "2022").replace("一、概述", "一、总体情况")
    assert [(s, e) for s, e, _ in _f(text, "W-12")] == [("info", "赣县")]
