"""Forms the fifteenth session built from real pages (issue #12), each reproduced in the team's own words: exact
findings, and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import audited

TOWN_20 = "青溪县东山镇人民政府2020年政府信息公开工作年度报告\n\n"


def _f(text: str, rule: str) -> list[tuple[str, str, str]]:
    return [(f.severity, f.evidence, f.message) for f in audited(text, rule)]


# F-08: a list of the report's parts with no lead (本报告由/全文包括): the clause only says the report sums these up
# (the real dev q5017)
def test_f08_old_parts_in_a_list_without_a_lead():
    text = TOWN_20 + ("2020年，东山镇对照县里的安排，把工作亮点、依申请公开政府信息情况、政府信息公开的收费及减免"
                      "情况、复议诉讼情况、问题与打算逐项说明。\n一、总体情况\n")
    assert _f(text, "F-08") == [
        ("warning", "依申请公开政府信息情况",
         "报告自述的组成部分中有“依申请公开政府信息情况”，这是2019年以前旧格式的章节，2020年度报告应按现行格式的六个部分编写。"),
        ("info", "政府信息公开的收费及减免情况",
         "报告自述的组成部分中还有“政府信息公开的收费及减免情况”，也是2019年以前旧格式的章节。")]


def test_f08_a_current_list_without_a_lead_naming_part_three_in_its_own_words_is_quiet():
    # no part only the old outline has (收费及减免, 咨询, 概述): 依申请公开政府信息办理情况 is part three paraphrased
    text = TOWN_20 + ("本年报根据新修订的条例和县政府办公室的有关通知要求编写，总体情况、主动公开政府信息情况、依申请公开政府信息办理"
                      "情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况依次说明如下。\n一、总体情况\n")
    assert _f(text, "F-08") == []


def test_f08_a_list_of_things_done_is_no_list_of_parts():
    text = TOWN_20 + ("一、总体情况\n2020年，我镇认真做好信息发布、政策解读、回应关切、平台建设等工作，"
                      "收费及减免事项按规定执行。\n")
    assert _f(text, "F-08") == []


# F-08: the old outline's 工作概述 and part three with its words reordered, in a led list (the real dev q5609)
def test_f08_work_overview_and_reordered_part_three_in_the_list():
    text = TOWN_20 + ("本报告全文包括工作概述、主动公开政府信息情况、依申请政府信息公开情况、咨询处理情况、存在的主要问题和改进措施。\n"
                      "一、工作概述\n")
    assert [e for _, e, _ in _f(text, "F-08")] == ["工作概述", "依申请政府信息公开情况", "咨询处理情况"]
    assert [s for s, _, _ in _f(text, "F-08")] == ["warning", "info", "info"]


# W-06: the same total-word twice over one verb and its count, across a list of kinds, 共计 as well as 共 (the real
# dev q5322, q5503)
def test_w06_total_word_twice_over_one_count():
    text = TOWN_20 + "一、总体情况\n2020年，我镇在县政府门户网站共发布工作动态和通知公告等信息共86条。\n"
    assert _f(text, "W-06") == [
        ("info", "共发布工作动态和通知公告等信息共",
         "“共发布工作动态和通知公告等信息共”：同一分句里“共”用了两次（如“共受理申请共43件”），删去一处。")]
    text = TOWN_20 + "一、总体情况\n2020年，本镇共计主动公开规划计划、财政预决算信息共计312条。\n"
    assert [e for _, e, _ in _f(text, "W-06")] == ["共计主动公开规划计划、财政预决算信息共计"]


def test_w06_two_totals_of_two_counts_are_quiet():
    text = TOWN_20 + "一、总体情况\n2020年共受理政府信息公开申请3件次共5项，均已按时答复。\n"
    assert _f(text, "W-06") == []
    text = TOWN_20 + "一、总体情况\n根据《中华人民共和国政府信息公开条例》和《中华人民共和国保守国家秘密法》，共公开信息30条。\n"
    assert _f(text, "W-06") == []


# F-08: 政府信息依申请公开情况 in a 2019+ report's list of its parts (the real dev q5020, q6802, q6906): a note where it
# is the list's only old part (part three paraphrased, dev 6 of 7 marked), a warning beside another old part
def test_f08_part_three_in_the_old_words_in_the_list():
    text = TOWN_20 + ("本报告全文包括总体情况、政府信息主动公开情况、政府信息依申请公开情况、政府信息公开行政复议和行政诉讼情况、"
                      "存在的主要问题及改进情况。\n一、总体情况\n")
    with_fees = text.replace("行政诉讼情况、", "行政诉讼情况、政府信息公开的收费及减免情况、")
    assert [(s, e) for s, e, _ in _f(with_fees, "F-08")] == [
        ("warning", "政府信息依申请公开情况"), ("info", "政府信息公开的收费及减免情况")]
    assert _f(text, "F-08") == [
        ("info", "政府信息依申请公开情况",
         "报告自述的组成部分中有“政府信息依申请公开情况”，这是2019年以前旧格式的章节，2020年度报告应按现行格式的六个部分编写。")]


def test_f08_part_three_in_the_old_words_as_a_sub_heading_of_part_one_is_quiet():
    text = TOWN_20 + "一、总体情况\n（一）主动公开情况\n本年主动公开信息30条。\n（二）政府信息依申请公开情况\n本年未收到申请。\n"
    assert _f(text, "F-08") == []


# W-15: the period sentence's fixed words with a character lost (the real dev q2123, q8709)
def test_w15_report_with_a_character_lost_in_the_period_sentence():
    text = TOWN_20 + ("本报告由总体情况等六部分组成。\n报中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n"
                      "一、总体情况\n")
    assert _f(text, "W-15") == [("info", "报中所列数据", "“报中所列数据”疑为固定写法“报告中所列数据”之误，漏了“告”。")]
    assert _f(text.replace("报中所列", "本报告中所列"), "W-15") == []


# D-08: the outline of another year's report named, without book-title marks, as what the report was compiled on
# (the real dev q1212)
def test_d08_another_years_outline_named_without_marks():
    head = "青溪县文旅局2022年政府信息公开工作年度报告\n本报告依据《条例》和青溪县"
    text = head + "2019年度政府信息公开年度报告提纲编制。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"
    assert _f(text, "D-08") == [(
        "warning", "2019",
        "这是2022年度的报告，引用的编制通知《青溪县2019年度政府信息公开年度报告提纲》却是关于2019年度报告的，疑为沿用往年报告未改年份。")]
    assert _f(text.replace("2019年度", "2022年度"), "D-08") == []


# D-08 plan_basis: the work plan of an earlier year named as the basis after another cited title (the real dev q2407)
def test_d08_an_earlier_years_plan_as_basis_after_another_title():
    head = "青溪县东山镇人民政府2023年政府信息公开工作年度报告\n"
    text = head + ("本报告依照《中华人民共和国政府信息公开条例》（以下简称《条例》）及《2021年青溪县政务公开工作方案》要求编制。"
                   "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n")
    assert [(s, e) for s, e, _ in _f(text, "D-08")] == [("info", "2021")]
    assert _f(text.replace("《2021年", "《2023年"), "D-08") == []


# F-08: the old outline's fifth title with 申请 and 提起 written out, as a sub-heading (the real dev q5211), and
# 政府信息公开概述 in the list (the real dev q6802)
def test_f08_review_litigation_and_complaints_heading_written_out():
    text = TOWN_20 + ("一、总体情况\n（一）主动公开情况\n本年主动公开信息30条。\n"
                      "（三）申请行政复议、提起行政诉讼和申诉的情况\n本年未发生行政复议、行政诉讼和申诉事件。\n")
    assert _f(text, "F-08") == [(
        "info", "申请行政复议、提起行政诉讼和申诉的情况",
        "“申请行政复议、提起行政诉讼和申诉的情况”是2019年以前旧格式的标题，2020年度报告应按现行格式编写。")]


def test_f08_information_disclosure_overview_in_the_list():
    text = TOWN_20 + "报告包括政府信息公开概述、政府信息主动公开情况、存在问题和改进措施等。\n一、总体情况\n"
    assert [e for _, e, _ in _f(text, "F-08")] == ["政府信息公开概述"]
    text = TOWN_20 + "报告包括政府信息公开情况概述、政府信息主动公开情况、存在问题和改进措施等。\n一、总体情况\n"
    assert _f(text, "F-08") == []


# W-05: 的 before a verb the tagger misreads — 相关 before the object taken for a verb, 行使 for a noun, 方便 swallowed
# with its object, 服务 with the people it serves, 公开 after a preposition (the real dev i0090, q4912, q5416, q6818,
# q2308, q4810)
def test_w05_verbs_the_tagger_misreads():
    body = TOWN_20 + "一、总体情况\n"
    for clause, verb in [("让群众准确的获取相关政策信息。", "获取"), ("使群众更好的行使监督权。", "行使"),
                         ("细化栏目设置，更好的方便群众查询。", "方便"), ("以群众需求为导向，更好的服务群众。", "服务"),
                         ("通过公开栏，直观的向群众公开政府信息。", "向群众公开"), ("全方位的为广大群众服务。", "为广大群众服务")]:
        found = _f(body + clause, "W-05")
        assert [(s, e) for s, e, _ in found] == [("info", "的")], clause
        assert f"“{verb}”" in found[0][2], (clause, found[0][2])


def test_w05_the_same_words_as_nouns_are_quiet():
    body = TOWN_20 + "一、总体情况\n"
    for clause in ("我镇为群众提供更好的服务。", "建立有效的服务机制。", "进行全面的公开。", "形成了更好的服务群众的机制。"):
        assert _f(body + clause, "W-05") == [], clause


# K-03 field: another department's "X工作开展情况" left in a bureau's report (the real dev q6610)
def test_k03_another_fields_work_progress_in_a_bureaus_report():
    head = "青溪县住房和城乡建设局2020年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "我局网站开设专栏，刊发财政工作开展情况等信息。\n"
    assert [(s, e) for s, e, _ in _f(text, "K-03")] == [("info", "财政工作开展情况")]
    assert _f(text.replace("财政工作", "住建工作"), "K-03") == []
    assert _f(text.replace("刊发财政工作", "配合财政工作"), "K-03") == []


# W-06 mixed_frame: 包含 for 包括, items joined by ；, a list ending in 组成 without 部分 (the real dev q1112, q0608,
# q8022); a 组成 that opens a relative clause is no part of it
def test_w06_baohan_and_zucheng_and_semicolons():
    text = TOWN_20 + "主要内容包含：总体情况；主动公开政府信息情况；其他需要报告的事项共六个部分组成。\n一、总体情况\n"
    assert [e for _, e, _ in _f(text, "W-06")] == ["包含：总体情况；主动公开政府信息情况；其他需要报告的事项共六个部分组成"]
    text = TOWN_20 + "本报告全文包括总体情况、主动公开政府信息情况、存在的主要问题和改进措施组成。\n一、总体情况\n"
    assert [m for _, _, m in _f(text, "W-06")][0].startswith("“包括……组成”：")
    text = TOWN_20 + "本报告内容包括由局长和各科室负责人组成的领导小组的工作情况。\n一、总体情况\n"
    assert _f(text, "W-06") == []


# F-08: the old outline's part three with 不予公开, as a heading and in the list (the real dev q7922, q2314, d0221, q4912)
def test_f08_requests_and_refusals_title_of_the_old_outline():
    text = TOWN_20 + ("一、总体情况\n（一）主动公开政府信息情况\n本年主动公开信息30条。\n"
                      "（三）依申请公开政府信息和不予公开政府信息的情况\n本年未收到申请。\n")
    assert [(s, e) for s, e, _ in _f(text, "F-08")] == [("info", "依申请公开政府信息和不予公开政府信息的情况")]
    text = TOWN_20 + ("本报告由总体情况、主动公开政府信息情况、依申请公开政府信息和不予公开政府信息的情况等组成。\n"
                      "一、总体情况\n")
    assert [(s, e) for s, e, _ in _f(text, "F-08")] == [("warning", "依申请公开政府信息和不予公开政府信息的情况")]


# K-07 superior: a street of a county-level city calls the government above it 区政府 (the real dev q3213)
def test_k07_the_superior_called_by_another_kinds_word():
    head = "乳山市东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "2023年，我街道依托区政府门户网站发布政府信息57条。\n"
    assert _f(text, "K-07") == [(
        "info", "区政府门户网站",
        "本报告由“乳山市东山街道办事处”发布，上一级是乳山市，正文却写有“区政府门户网站”，把上级称作“区”，"
        "疑为套用其他区所属乡镇、街道报告留下的写法。")]
    assert _f(text.replace("区政府门户网站", "市政府门户网站"), "K-07") == []
    assert _f(text.replace("依托区政府门户网站", "依托经济开发区政府门户网站"), "K-07") == []
    # a town named without its county: the level above is unknown, nothing is judged
    assert _f(text.replace("乳山市东山街道办事处2023", "东山街道办事处2023"), "K-07") == []


# W-02: common misspellings the real dev pages showed once each (m0019, q5313, q7904)
def test_w02_common_misspellings_and_their_right_neighbours():
    body = TOWN_20 + "一、总体情况\n"
    assert [(s, e) for s, e, _ in _f(body + "我镇准守保密审查制度。", "W-02")] == [("warning", "准守")]
    assert [e for _, e, _ in _f(body + "焦聚重点领域，机构智能类信息3条。", "W-02")] == ["焦聚", "机构智能"]
    assert _f(body + "我镇聚焦聚力办好民生实事，推进机构智能化改造。", "W-02") == []


# K-06 share: the shares in the list of a count broken down after an earlier channel's count are that count's, and each
# share that is off is its own slip (the real dev q7904: 5 of 60 written 0.08%)
def test_k06_shares_of_the_count_they_follow_each_one():
    text = TOWN_20 + ("一、总体情况\n2020年，我镇通过微信公众号发布信息900条；通过网站主动公开政府信息40条，其中工作动态22条，"
                      "占55%，规划计划6条，占0.15%，财政信息4条，占0.1%。\n")
    assert [(s, e, m) for s, e, m in _f(text, "K-06")] == [
        ("warning", "0.15%", "正文写6条占0.15%，但按共40条计算应为15.0%，比例与数字不符。"),
        ("warning", "0.1%", "正文写4条占0.1%，但按共40条计算应为10.0%，比例与数字不符。")]
    right = text.replace("占0.15%", "占15%").replace("占0.1%", "占10%")
    assert _f(right, "K-06") == []


# K-06 cumulative: the years' count below the year's, in one sentence (the real dev q3613)
def test_k06_cumulative_count_below_the_years_count():
    body = TOWN_20 + "一、总体情况\n（二）依申请公开\n"
    text = body + "2020年度受理信息公开申请2件，历年累计为1件。\n"
    assert _f(text, "K-06") == [
        ("info", "历年累计为1件", "正文写本年2件，紧接着写历年累计只有1件，累计数少于本年数，前后矛盾。")]
    assert _f(text.replace("历年累计为1件", "历年累计为9件"), "K-06") == []
    assert _f(text.replace("历年累计为1件", "累计办结1件"), "K-06") == []


# D-11 event: an event of the year told with the full date of the year before (the real dev q7620)
def test_d11_an_event_dated_in_the_year_before():
    head = ("青溪县东山镇人民政府2020年政府信息公开工作年度报告\n"
            "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n")
    text = head + "镇党政办于2019年9月12日召开了政务公开业务培训会。\n"
    assert _f(text, "D-11") == [
        ("info", "2019年", "这是2020年度的报告，这里记述的活动却注明是“2019年”某日开展的，疑为沿用往年报告未改年份。")]
    assert _f(text.replace("2019年9月12日", "2020年9月12日"), "D-11") == []
    assert _f(text.replace("召开了政务公开业务培训会。", "召开了培训会，与2020年相比……"), "D-11") == []


# K-03 to_read: the submission's request to the superior left in the published report (the real dev q7110)
def test_k03_a_request_to_read_left_from_the_submission():
    text = TOWN_20 + "现将2020年度政府信息公开工作报告如下，请审阅。\n一、总体情况\n全年主动公开信息30条。\n"
    assert _f(text, "K-03") == [(
        "info", "请审阅", "正文写“请审阅”：这是向上级报送材料请其审阅、批示的用语，年度报告面向社会公布，疑为报送稿未改就公开。")]
    assert _f(text.replace("，请审阅", ""), "K-03") == []
    assert _f(text + "做好申请审核和答复工作。\n", "K-03") == _f(text, "K-03")


# W-07: part one headed 总体要求 (the real dev e0216, q4108); W-02: the disclosure principle misquoted (q3912, q8604)
def test_w07_part_one_headed_overall_requirements_and_w02_the_principle_misquoted():
    text = TOWN_20 + "一、总体要求\n2020年，我镇坚持以公开为常态、不公开为特例的总体要求，应公开为常态。\n"
    assert [(s, e) for s, e, _ in _f(text, "W-07")] == [("warning", "一、总体要求")]
    assert [e for _, e, _ in _f(text, "W-02")] == ["不公开为特例", "应公开为常态"]
    right = TOWN_20 + "一、总体情况\n2020年，我镇坚持以公开为常态、不公开为例外的总体要求。\n"
    assert _f(right, "W-07") == [] and _f(right, "W-02") == []


# S-03: part one headed ……概况 is part one under another title (the real dev q7922)
def test_s03_part_one_headed_with_gaikuang():
    text = TOWN_20 + "一、政府信息公开概况\n2020年，我镇主动公开信息30条。\n二、主动公开政府信息情况\n全年主动公开信息30条。\n"
    assert [(s, e) for s, e, _ in _f(text, "S-03")] == [("info", "一、政府信息公开概况")]


# part one headed 总体公开情况 / 总体工作情况 is part one (a note on its title), not a missing part (real dev pages: ten
# such headings among the re-gathered dev pages)
def test_part_one_headed_zongti_is_read_as_part_one():
    text = TOWN_20 + "一、总体公开情况\n2020年，我镇主动公开信息30条。\n二、主动公开政府信息情况\n全年主动公开信息30条。\n"
    assert [(s, e) for s, e, _ in _f(text, "S-03")] == [("info", "一、总体公开情况")]
    assert not any("一、总体情况" in e for _, e, _ in _f(text, "S-01"))


# W-05: two verbs joined by 、 after the adverbial (准确的获取、知悉); 服务 with 全市 as its object (the real dev q8417, h0078)
def test_w05_coordinated_verbs_and_serving_the_whole_city():
    body = TOWN_20 + "一、总体情况\n"
    assert [(s, e) for s, e, _ in _f(body + "确保群众及时、准确的获取、知悉惠民政策。", "W-05")] == [("info", "的")]
    assert [(s, e) for s, e, _ in _f(body + "更好的服务全市经济社会发展。", "W-05")] == [("info", "的")]
    assert _f(body + "建立准确的统计、审核机制。", "W-05") == []
