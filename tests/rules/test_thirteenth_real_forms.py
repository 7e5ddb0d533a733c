"""Forms the thirteenth session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import audited, found

TOWN_24 = "青溪县东山镇人民政府2024年政府信息公开工作年度报告\n"
BODY = "\n一、总体情况\n2024年，我镇扎实推进政务公开工作。"
LISTED_WHY = ("这是2024年度的报告，正文却把2024年度的年度报告列为本年度已发布的信息；2024年度的年度报告要到2025年才能发布，"
              "本年度发布的应是2023年度报告，疑为年份写错。")


# D-08 listed: the report of the year itself counted among the year's published items, or told as uploaded on time
# beside the year's counts (the real dev q3521, q4019); it is published only after the year ends
def test_d08_own_report_counted_among_the_years_items():
    text = TOWN_24 + BODY + "全年公开通知公告18条，东山镇2024年度政府信息公开工作年度报告1条，工作动态40条。"
    findings = found(text, "D-08")
    assert [f[:2] for f in findings] == [("D-08", "2024")]
    assert findings[0][2] == LISTED_WHY


def test_d08_own_report_uploaded_on_time_beside_counts():
    text = TOWN_24 + BODY + "本年在网站发布工作动态96条、通知公告21条，如期挂网东山镇人民政府2024年政府信息公开工作年度报告。"
    assert [f[:2] for f in found(text, "D-08")] == [("D-08", "2024")]


def test_d08_previous_report_counted_is_quiet():
    text = TOWN_24 + BODY + "全年公开通知公告18条，东山镇2023年度政府信息公开工作年度报告1条，工作动态40条。"
    assert found(text, "D-08") == []


def test_d08_own_report_published_without_counts_beside_it_is_quiet():
    # the report telling of its own publication in a sentence of its own is no item among the year's counts
    text = (TOWN_24 + "根据《条例》要求，本镇按时发布东山镇人民政府2024年政府信息公开工作年度报告。" + BODY
            + "全年公开信息120条。")
    assert found(text, "D-08") == []


# F-04 old_overview: part one titled 工作概述 in a report that names other parts of the pre-2019 outline (the real dev
# q5609: 咨询处理情况, 政府支出和收费 in its list of parts); alone, 工作概述 is only unusual (S-03)
OLD_LIST = "全文包括工作概述、主动公开政府信息情况、依申请公开政府信息情况、咨询处理情况、政府支出和收费、存在的主要问题和改进措施。"
OLD_BODY = "\n一、工作概述\n2020年，我镇扎实推进政务公开工作。\n二、主动公开政府信息情况\n全年公开信息120条。"
TOWN_20 = "青溪县东山镇人民政府2020年政府信息公开工作年度报告\n"


def test_f04_work_overview_title_beside_old_parts():
    findings = [f for f in audited(TOWN_20 + OLD_LIST + OLD_BODY, "F-04") if f.evidence == "一、工作概述"]
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("F-04", "warning", "第一部分标题“一、工作概述”是旧格式写法，现行格式为“一、总体情况”。")]


def test_f04_work_overview_title_alone_is_left_to_s03():
    text = TOWN_20 + "本报告由工作概述、主动公开政府信息情况等六部分组成。" + OLD_BODY
    assert [f.evidence for f in audited(text, "F-04")] == []
    assert [f.evidence for f in audited(text, "S-03")] == ["一、工作概述"]


# W-04: a lawsuit is 提起, not 提请 (the real dev q5518); 提请 a matter for review is right
def test_w04_tiqing_before_a_lawsuit():
    text = TOWN_24 + "全年未发生因政府信息公开被申请行政复议、提请行政诉讼的情况。" + BODY
    findings = found(text, "W-04")
    assert [f[:2] for f in findings] == [("W-04", "提请")]
    assert findings[0][2].startswith("“提请”应为“提起”：诉讼用“提起”")


def test_w04_tiqing_for_review_is_quiet():
    assert found(TOWN_24 + "年度报告经镇党委会议审定后提请县政府审议。" + BODY, "W-04") == []


# W-06: two prepositions of means stacked, and 进行 written twice around one object (the real dev q5521)
def test_w06_yituo_tongguo():
    text = TOWN_24 + BODY + "我镇依托通过镇政务公众号发布惠民政策。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "依托通过")]


def test_w06_jinxing_twice_around_one_object():
    text = TOWN_24 + BODY + "我镇及时进行惠民资金信息进行公示。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "进行惠民资金信息进行")]


def test_w06_jinxing_joined_by_a_conjunction_is_quiet():
    text = TOWN_24 + BODY + "我镇对拟公开信息进行审核并进行公开，依托县政府网站发布。"
    assert found(text, "W-06") == []


# W-06 repeated_item: a clause stating a figure twice is two statements, not one item listed twice (the real dev
# q5519); an item with its count listed twice is still one
def test_w06_repeated_statement_of_a_figure_is_quiet():
    text = TOWN_24 + BODY + "本年制发政策文件12件，公开率为100%，制发规范性文件5件，公开率为100%。"
    assert found(text, "W-06") == []


def test_w06_item_with_its_count_listed_twice():
    text = TOWN_24 + BODY + "全年公开信息40条：工作动态信息20条，通知公告信息9条，工作动态信息20条。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "工作动态信息20条")]


# W-07: 公开工作 with its 作 lost before another word (the real dev q4823, q5710); 公开工程 is a word
def test_w07_gongkai_gong_lost_zuo():
    text = TOWN_24 + "我镇大力推进政务公开工作，政务公开工逐步走上规范化轨道。" + BODY
    findings = found(text, "W-07")
    assert [f[:2] for f in findings] == [("W-07", "工")]
    assert findings[0][2] == "疑似漏字：“公开工作”漏了“作”字。"


def test_w07_gongkai_gongcheng_is_quiet():
    assert found(TOWN_24 + BODY + "我镇依法做好重大建设项目信息公开工程招投标信息同步公布。", "W-07") == []


# K-06 share_decimal: a share written to a decimal place that is off there (1 of 80 written 1.1%; the real dev q0803,
# q4504), a note; the rounding is a reader's (1.25 → 1.3, not Python's 1.2)
def test_k06_share_off_at_its_decimal_place():
    text = TOWN_24 + BODY + "全年公开信息80条，其中年度报告1条，占比1.1%；工作动态54条，占比67.5%。"
    findings = audited(text, "K-06")
    assert [(f.evidence, f.severity) for f in findings] == [("1.1%", "info")]
    assert findings[0].message == ("正文写1条占1.1%，但按共80条计算四舍五入应为1.3%，小数位上对不上"
                                   "（常见于为凑足100%而调整某一项）。")


def test_k06_share_rounded_right_is_quiet():
    text = TOWN_24 + BODY + "全年公开信息80条，其中年度报告1条，占比1.3%；工作动态54条，占比67.5%。"
    assert found(text, "K-06") == []


def test_k06_whole_percent_keeps_its_tolerance():
    text = TOWN_24 + BODY + "全年公开信息80条，其中年度报告1条，占比1%；工作动态54条，占比68%。"
    assert found(text, "K-06") == []


# K-06 shares: two shares in one sentence, each of a count the sentence states before it (48 of 50 applicants, 46 of
# 47 answered: the real dev q5802) are shares of nested wholes, not of one total
def test_k06_shares_of_nested_wholes_are_quiet():
    text = (TOWN_24 + BODY + "全年收到政府信息公开申请40件，其中自然人申请36件，占比90%；答复38件，其中予以公开35件，"
            "占比92.1%。")
    assert found(text, "K-06") == []


def test_k06_shares_without_a_common_whole_still_found():
    text = TOWN_24 + BODY + "网站公开信息20条，占30%；公告栏公开45条，占75%。"
    assert [f[:2] for f in found(text, "K-06")] == [("K-06", "20条，占30%；公告栏公开45条，占75%")]


# the title said as 工作报告 (……2021年度政府信息公开工作报告) is a title line of its own, not the head of the preamble it
# stands above (the real dev q5113, q3307): the report year is the title's, so D-02 reads the year's own figures
# dated with another year; 自治县 in the subject is no 自 of a comparison
AUTONOMOUS = ("青溪彝族自治县林业局2021年度政府信息公开工作报告\n\n"
              "2021年，青溪县林业局扎实推进政务公开，现将有关情况报告如下。\n\n一、总体情况\n\n"
              "（一）主动公开情况。2019年度，青溪彝族自治县林业局主动公开信息46条。\n")


def test_title_said_as_work_report_stands_alone():
    from nianbao.audit import load_report

    report = load_report(AUTONOMOUS, require_report=False)
    assert report.meta.title == "青溪彝族自治县林业局2021年度政府信息公开工作报告"
    assert (report.meta.year, report.meta.year_source) == (2021, "title")


def test_d02_year_of_the_count_after_an_autonomous_county_name():
    findings = found(AUTONOMOUS, "D-02")
    assert [f[:2] for f in findings] == [("D-02", "2019年")]
    assert findings[0][2] == "这是2021年的年度报告，这里却以“2019年”叙述本年度的工作，疑为沿用往年报告未改年份。"


# F-08 declared_more: every further old part of the report's own list of its parts is named too, as a note (the
# writers of the older-year rounds mark each one: the real dev q5014, q5609); the first stays the warning
def test_f08_each_old_part_of_the_list():
    text = (TOWN_20 + "本报告由概述、主动公开政府信息情况、政府信息公开的收费及减免情况、咨询处理情况、存在的主要问题及改进情况组成。"
            + BODY)
    findings = [(f.evidence, f.severity) for f in audited(text, "F-08")]
    assert findings == [("概述", "warning"), ("政府信息公开的收费及减免情况", "info"), ("咨询处理情况", "info")]
    assert audited(text, "F-08")[2].message == "报告自述的组成部分中还有“咨询处理情况”，也是2019年以前旧格式的章节。"


# W-14 old_list: a reordered title inside a list of parts in the pre-2019 outline may be that outline's own wording
# (real dev: 2 of 4 marked as word order, 2 as the old outline), a note; elsewhere it stays a warning
def test_w14_reordered_title_in_an_old_outline_list_is_a_note():
    text = TOWN_20 + "全文包括概述、主动政府信息公开情况、政府信息公开的收费及减免情况等内容。" + BODY
    assert [(f.evidence, f.severity) for f in audited(text, "W-14")] == [("主动政府信息公开情况", "info")]


def test_w14_reordered_title_in_a_current_list_is_a_warning():
    text = TOWN_24 + "本报告由总体情况、主动政府信息公开情况、其他需要报告的事项等六部分组成。" + BODY
    findings = audited(text, "W-14")
    assert [(f.evidence, f.severity) for f in findings] == [("主动政府信息公开情况", "warning")]
    assert findings[0].message == "“主动政府信息公开情况”疑为法定标题“主动公开政府信息情况”，词的顺序颠倒了。"


# W-05: after 为 "in order to" an adverbial's 的 before a verb with its result (更好的做好) is 地 (the real dev q6010);
# 为 "to be" before a noun phrase stays quiet
def test_w05_de_before_a_resultative_verb_after_wei():
    text = TOWN_24 + BODY + "为更好的抓好信息公开工作，我镇调整了领导小组。"
    assert [f[:2] for f in found(text, "W-05")] == [("W-05", "的")]


def test_w05_wei_before_a_noun_phrase_is_quiet():
    assert found(TOWN_24 + BODY + "信息公开成为更好的服务渠道。", "W-05") == []


# W-10 year: a year without 年 before a comma after an item's numeral ("1.2021，在县委……") or a heading run into its
# paragraph ("……情况2019，……"), as at a sentence's start (the real dev q5605, n0013); a list of years is quiet
def test_w10_year_without_nian_after_a_numeral():
    text = TOWN_24 + "一、总体情况\n1.2024，在县委、县政府的领导下，我镇扎实推进政务公开工作。\n"
    findings = found(text, "W-10")
    assert [f[:2] for f in findings] == [("W-10", "2024")]
    assert findings[0][2] == "疑似漏字：“2024，在”中的年份后面缺少“年”字。"


def test_w10_year_without_nian_after_a_run_in_heading():
    text = TOWN_24 + "一、总体情况\n（一）主动公开情况2024，我镇在县政府网站公开信息36条。\n"
    assert [f[:2] for f in found(text, "W-10")] == [("W-10", "2024")]


def test_w10_list_of_years_after_a_numeral_is_quiet():
    assert found(TOWN_24 + BODY + "\n1.2022，2023，2024年公开数据见下表。\n", "W-10") == []


# W-06: two prepositions of basis stacked (依据依照《条例》, 严格按照根据: the real dev q2407, q6314)
def test_w06_two_prepositions_of_basis():
    text = TOWN_24 + "本报告依照根据《中华人民共和国政府信息公开条例》编制。" + BODY
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "依照根据")]


# W-10 unit: a count without its measure word after a verb of publishing or a listed kind, or with 余 before the
# stop (信息发布11386。, 民生事项11。, 信息300余；: the real dev o0014, q3511, q6306); a year there is no count
def test_w10_count_without_unit_after_a_verb():
    text = TOWN_24 + BODY + "全年在镇政务公开栏发布52。"
    findings = found(text, "W-10")
    assert [f[:2] for f in findings] == [("W-10", "52")]
    assert findings[0][2] == "疑似漏字：“发布52。”中的数量后面缺少量词。"


def test_w10_count_with_yu_without_unit():
    assert [f[:2] for f in found(TOWN_24 + BODY + "全年发布各类信息260余；更新栏目12个。", "W-10")] == [("W-10", "260余")]


def test_w10_year_after_a_verb_is_quiet():
    assert found(TOWN_24 + BODY + "我镇已于1月公开2023，2024年度部门预算也已公开。", "W-10") == []


# the preamble's "向社会公布2021年度本镇……报告" names no body: 度 is the year's, 本镇 a self-reference (the real dev
# q6206, where the body was read as 度本 and a street, and the street's own name then taken for another body's)
def test_preamble_self_reference_is_no_agency():
    from nianbao.structure.meta import agency_from_preamble

    assert agency_from_preamble("现向社会公布2021年度本镇政府信息公开年度报告。本报告由总体情况等六部分组成。") is None


# K-06 sum: a clause on another channel with its own verb ends a breakdown by kind (the real dev q6401); a breakdown by
# channel goes on through its channels
def test_k06_another_channels_count_ends_a_breakdown_by_kind():
    text = (TOWN_24 + BODY + "全年通过县政府网站发布各类信息52条，其中通知公告20条、工作动态25条、政策文件7条，"
            "通过镇政务公众号发布信息316条。")
    assert found(text, "K-06") == []


def test_k06_breakdown_by_channel_still_adds_up():
    text = (TOWN_24 + BODY + "全年主动公开政府信息500条。其中，通过县政府网站公开信息200条，通过镇政务公众号发布信息260条，"
            "通过政务公开栏公开信息90条。")
    findings = found(text, "K-06")
    assert [f[0] for f in findings] == ["K-06"]
    assert findings[0][2] == "写明500条，其后列出的各项 200＋260＋90＝550条，多于所写的数。"


# W-02: 修定 for 修订 (both dev pages that write it are marked: q3016, q6419)
def test_w02_xiuding():
    text = TOWN_24 + BODY + "我镇修定了《东山镇政府信息公开指南》。"
    assert [f[:2] for f in found(text, "W-02")] == [("W-02", "修定")]


# the body is not the one whose guide the report follows: "按照《青溪县人民政府信息公开指南》要求" names a basis, another
# body's (the real dev q6619: a city bureau's report read as the city government's, then 我局 taken for a copied
# self-name; eight dev pages and pools read this way); a guide the body revised is still its own
def test_preamble_guide_followed_is_no_agency():
    from nianbao.structure.meta import agency_from_preamble

    text = "2021年，我局按照《青溪县人民政府信息公开指南》要求，扎实推进政务公开工作。"
    assert agency_from_preamble(text) is None
    assert agency_from_preamble("2021年，我局修订了《青溪县林业局政府信息公开指南》。") == "青溪县林业局"


# S-08 seven: a report of 2019 or later that says it has seven parts is a note — the readers mark its old parts
# (F-08's), not the count (dev 1 of 4, test 0 of 1)
def test_s08_seven_parts_is_a_note():
    text = (TOWN_20 + "本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、"
            "因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题及改进措施、其他需要报告的事项等七部分组成。" + BODY)
    findings = audited(text, "S-08")
    assert [(f.evidence, f.severity) for f in findings] == [("七部分", "info")]
    assert findings[0].message == "2020年度报告称由七部分组成，这是2019年以前旧格式的结构；2019年起的统一格式规定为六个部分。"


# W-06: a body's level character written twice, and 党政办 run into 办公室 (the real dev q6610, q0709, q1419); 局长, 局务
# and 党委委员 are words
def test_w06_body_character_twice():
    text = TOWN_24 + BODY + "我镇配合县民政局局信息公开指南的修订，并联系镇党政办办公室更新栏目。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "局局"), ("W-06", "办办公室")]


def test_w06_body_character_words_are_quiet():
    text = TOWN_24 + BODY + "县民政局局长、镇党委委员参加了局务会议。"
    assert found(text, "W-06") == []


# W-06: 其中 written twice across a colon, and 本 twice before the report (the real dev q6810, q6908);
# 本本 alone (本本主义) is a word
def test_w06_qizhong_twice_and_benben():
    text = TOWN_24 + BODY + "全年公开信息40条，其中：其中通知公告12条、工作动态28条。本本年度报告可在镇政府网站下载。"
    assert [f[:2] for f in found(text, "W-06")] == [("W-06", "其中：其中"), ("W-06", "本本")]


def test_w06_benben_as_a_word_is_quiet():
    assert found(TOWN_24 + BODY + "我镇坚决反对本本主义和形式主义。", "W-06") == []
