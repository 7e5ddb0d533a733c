"""Forms the eighth session built from real pages (issue #12), each reproduced in the team's own words: exact findings,
and the near miss beside each."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report
from tests.rules.helpers import found

TOWN = "青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n"
PREAMBLE = "本报告由云岭镇人民政府办公室编制，全文包括总体情况、主动公开政府信息情况等六个部分。"


def _severities(text: str, code: str) -> list[str]:
    report = load_report(text, require_report=False)
    return [f.severity.value if hasattr(f.severity, "value") else str(f.severity)
            for f in audit_report(report, only=[code], use_classifier=False).findings]


# S-07 end_only: the period stated by its end alone is stated (loosely): a note that quotes it, never "no period"
def test_s07_a_period_stated_by_its_end_alone():
    for written, quoted in (("所列数据截止日期为2023年12月31日。", "2023年12月31日"),
                            ("本报告所列数据截止为2023年12月31日。", "2023年12月31日"),
                            ("本报告中所列数据的统计期限截止至2023年12月31日止。", "2023年12月31日"),
                            ("所列数据截止日期为20231231日。", "20231231日")):  # 年/月 lost in the page's rendering
        text = TOWN + PREAMBLE + written + "\n一、总体情况\n"
        assert [(f[1], f[2]) for f in found(text, "S-07")] == [(
            quoted, f"报告只写了统计数据的截止日期“{quoted}”，没有写明起始日期；"
                    "宜写明统计期限自2023年1月1日起至2023年12月31日止。")], written
        assert _severities(text, "S-07") == ["info"]
    # an end that is not the report year's last day is a wrong period (an error), quoted as such
    wrong = TOWN + PREAMBLE + "所列数据截止日期为2022年12月31日。\n一、总体情况\n"
    assert [f[1] for f in found(wrong, "S-07")] == ["2022年12月31日"]
    assert _severities(wrong, "S-07") == ["error"]
    # the full period: nothing; no period at all: still "no period"
    full = TOWN + PREAMBLE + "所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n"
    assert found(full, "S-07") == []
    none = TOWN + PREAMBLE + "\n一、总体情况\n"
    assert [f[2] for f in found(none, "S-07")] == ["报告没有写明统计期间，应说明内容涵盖 2023年1月1日至12月31日。"]
    # a count "截至2023年12月31日，累计公开……" in the text is not the period
    count = TOWN + PREAMBLE + "\n一、总体情况\n截至2023年12月31日，累计主动公开政府信息120条。"
    assert [f[2] for f in found(count, "S-07")] == ["报告没有写明统计期间，应说明内容涵盖 2023年1月1日至12月31日。"]


# W-10 year: a year without 年 opening a sentence before a comma
def test_w10_a_sentence_opening_year_without_nian_before_a_comma():
    text = TOWN + "一、总体情况\n2023，云岭镇严格按照《条例》要求，推进政务公开。\n（一）主动公开\n全年公开信息120条。"
    assert [(f[1], f[2]) for f in found(text, "W-10")] == [("2023", "疑似漏字：“2023，云”中的年份后面缺少“年”字。")]
    for right in ("2023年，云岭镇严格按照", "2022，2023年云岭镇严格按照", "截至2023，云岭镇严格按照"):
        assert found(text.replace("2023，云岭镇严格按照", right), "W-10") == [], right


# W-10 self: 我 straight before the report's year ("现将我2021年度……报告如下")
def test_w10_wo_before_a_year():
    text = TOWN + "现将我2023年度政府信息公开工作情况报告如下。\n一、总体情况\n我镇全年公开信息120条。"
    assert [(f[1], f[3]) for f in found(text, "W-10")] == [("我", "改为“我镇2023年”。")]
    assert found(text.replace("现将我2023年度", "现将我镇2023年度"), "W-10") == []


# F-07: the trial format cited by its own name (年度报告格式（试行）), with or without 《》, after 2021
def test_f07_the_trial_format_by_its_name():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    for cited in ("《中华人民共和国政府信息公开工作年度报告格式（试行）》", "中华人民共和国政府信息公开年度报告格式（试行）"):
        text = head + f"按照{cited}要求，由青溪县民政局编制本报告。\n一、总体情况\n"
        assert [(f[1], f[2]) for f in found(text, "F-07")] == [(
            cited, "2023年度报告仍以2019年试行格式（国办公开办函〔2019〕60号）为依据，2021年度起应执行国办公开办函〔2021〕30号规定的格式。")]
        # a 2020 report follows the trial format rightly; the 2021 format by its name is current
        assert found(text.replace("2023年", "2020年"), "F-07") == []
    current = head + "按照《中华人民共和国政府信息公开工作年度报告格式》要求，由青溪县民政局编制本报告。\n一、总体情况\n"
    assert found(current, "F-07") == []


# W-04 wrong_unit: applications counted in 条 (a note: the real writers mark it only in part)
def test_w04_applications_counted_in_tiao_are_a_note():
    text = TOWN + "一、总体情况\n（二）依申请公开\n2023年，我镇共收到政府信息公开申请6条，均按期答复。主动公开信息120条。"
    assert [(f[1], f[2]) for f in found(text, "W-04")] == [(
        "条", "“条”应为“件”：政府信息公开申请按“件”计数（与统计表一致，如“收到申请6件”），“条”用于信息条目。")]
    assert _severities(text, "W-04") == ["info"]
    for right in ("政府信息公开申请6件", "政府信息公开申请，公开信息6条"):
        assert found(text.replace("政府信息公开申请6条", right), "W-04") == [], right
    # the listed one-character form does not hide W-08's slip in a title's type word
    slip = TOWN + "根据《中华人民共和国政府信息公开条理》要求，现公布本报告。\n一、总体情况\n"
    assert [f[1] for f in found(slip, "W-08")] == ["中华人民共和国政府信息公开条理"]


# W-10 unit: a count of information without 条 before a full stop; W-07: 主动政府信息 without 公开
def test_w10_a_count_before_a_full_stop_and_w07_zhudong_without_gongkai():
    text = TOWN + "一、总体情况\n全年在政府网站主动公开政府信息12。本年度未收到申请。"
    assert [(f[1], f[2]) for f in found(text, "W-10")] == [("12", "疑似漏字：“信息12。”中的数量后面缺少量词。")]
    assert found(text.replace("政府信息12。", "政府信息12条。"), "W-10") == []
    lost = TOWN + "一、总体情况\n全年主动政府信息120条，均在网站发布。"
    assert [(f[1], f[3]) for f in found(lost, "W-07")] == [("主动", "改为“主动公开政府信息”。")]
    assert found(lost.replace("主动政府信息", "主动公开政府信息"), "W-07") == []


# W-05: 的 before a second adverb and a verb with its result and object ("精准的直接查阅到信息")
def test_w05_de_before_an_adverb_and_a_verb_with_its_result():
    text = TOWN + "一、总体情况\n群众在专栏里能精准的直接查阅到办事指南。"
    assert [(f[1], f[2]) for f in found(text, "W-05")] == [
        ("的", "“精准的直接查阅到”中“精准”修饰动词“直接查阅到”，应用“地”。")]
    assert found(text.replace("精准的直接", "精准地直接"), "W-05") == []
    # a noun after 的 (a relative clause's head), not a verb: nothing
    assert found(TOWN + "一、总体情况\n这是群众最关心的直接利益。", "W-05") == []


# K-03 salutation: a submission's salutation at the head of the report (a note)
def test_k03_a_submissions_salutation_at_the_head():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    body = "根据《中华人民共和国政府信息公开条例》要求，现将本局2023年政府信息公开工作情况报告如下。\n一、总体情况\n全年公开信息90条。"
    text = head + "县政府办公室：\n" + body
    assert [(f[1], f[2]) for f in found(text, "K-03")] == [(
        "县政府办公室：", "报告开头是“县政府办公室：”这样的称呼：年度报告面向社会公布，不写给某个机关；这是向上级报送时的抬头，疑为把报送稿直接公开。")]
    assert _severities(text, "K-03") == ["info"]
    # no salutation; a contact line later with the office's name and a colon: nothing
    assert found(head + body, "K-03") == []
    later = head + body + "\n如有疑问请联系：县政府办公室：电话0000-1234567。"
    assert found(later, "K-03") == []


# S-08 extra: seven parts listed, six of them the current ones, the seventh a part of its own that is not one
def test_s08_the_seventh_part_that_is_not_a_part():
    head = "云岭镇人民政府2025年政府信息公开工作年度报告\n"
    listed = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
              "信息处理费收取情况、存在的主要问题及改进情况、其他需要报告的事项七个部分组成。\n一、总体情况\n")
    assert [(f[1], f[2]) for f in found(head + listed, "S-08")] == [(
        "信息处理费收取情况", "2025年度报告称由七部分组成，其中“信息处理费收取情况”不是现行格式（国办公开办函〔2021〕30号）的一个部分："
        "现行格式规定为六个部分，这项内容应写在相应部分之中（如信息处理费写在“其他需要报告的事项”）。")]
    # the pre-2019 outline's seven parts: the variant that says so, on the count
    old = ("本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议、"
           "提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况、其他需要报告的事项七个部分组成。\n一、总体情况\n")
    assert [f[1] for f in found(head + old, "S-08")] == ["七个部分"]


# W-01 boundary: an adjective character left alone before its noun is a prefix, not a doubled character
def test_w01_a_prefix_adjective_after_a_word_that_ends_with_it():
    text = TOWN + "一、总体情况\n我镇进一步健全全流程审核机制，累计计发布信息33条。"
    assert [f[1] for f in found(text, "W-01")] == ["计计"]


# W-07: the sixth part's title cut before 的事项 in the report's own list of parts
def test_w07_the_sixth_title_cut_before_de_shixiang():
    text = TOWN + "本报告由总体情况、存在的主要问题及改进情况、其他需要报告。现将报告公布如下。\n一、总体情况\n"
    assert [(f[1], f[3]) for f in found(text, "W-07")] == [("其他需要报告", "改为“其他需要报告的事项”。")]
    for right in ("其他需要报告的事项。", "其他需要报告事项。"):
        assert found(text.replace("其他需要报告。", right), "W-07") == [], right


# K-02: a 其中 list opened by 包含/包括 is still the list ("其中包含……、其他公开事项82条")
def test_k02_a_list_opened_by_baohan():
    text = TOWN + ("一、总体情况\n2023年，我镇在县政府网站发布各类信息共计76条，其中包含工作动态24条、通知公告12条、"
                   "政策文件10条、其他信息20条。")
    assert [(f[1], f[2]) for f in found(text, "K-02")] == [(
        "共计76条，其中包含工作动态24条、通知公告12条、政策文件10条、其他信息20条",
        "合计写“共76条”，其后列出的各项 24＋12＋10＋20＝66条，少于合计数。")]
    assert found(text.replace("其他信息20条", "其他信息30条"), "K-02") == []
    # a 包含 further on inside the list (a nested total) still excuses it
    nested = text.replace("通知公告12条", "通知公告12条，包含图片新闻10条")
    assert found(nested, "K-02") == []


# S-08 missing / missing_other: a closed list of the report's parts (no 等, no count) that leaves parts out
def test_s08_a_closed_part_list_that_leaves_parts_out():
    head = "云岭镇人民政府2023年政府信息公开工作年度报告\n"
    tail = "\n一、总体情况\n全年公开信息90条。"
    gap = head + "全文包括总体情况、主动公开政府信息情况、存在的主要问题及改进情况，以及其他需要报告的事项。" + tail
    assert [(f[1], f[2]) for f in found(gap, "S-08")] == [(
        "总体情况、主动公开政府信息情况、存在的主要问题及改进情况，以及其他需要报告的事项",
        "报告开头列出的本报告组成部分没有“收到和处理政府信息公开申请情况”、“政府信息公开行政复议、行政诉讼情况”："
        "2023年度报告按统一格式应有六个部分，这句说明漏列了部分（或报告缺少这些部分）。")]
    assert _severities(gap, "S-08") == ["warning"]
    last = head + ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
                   "存在的主要问题及改进情况组成。") + tail
    assert _severities(last, "S-08") == ["info"]
    # an open list (等, 等方面), a list with its count, a 2020 report: not this check's
    for open_ in (gap.replace("其他需要报告的事项。", "其他需要报告的事项等。"),
                  last.replace("改进情况组成。", "改进情况等方面。"),
                  gap.replace("2023年", "2020年")):
        assert found(open_, "S-08") == [], open_


# reading: a dash typed for 一 in part one's heading ("—、总体情况") is part one, never "报告缺少第一部分"
def test_a_dash_for_yi_in_part_ones_heading_is_read_as_part_one():
    text = (TOWN + "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n—、总体情况\n全年公开信息90条。\n"
            "二、主动公开政府信息情况\n全年主动公开政府信息90条。\n")
    assert [f[1] for f in found(text, "S-01")] == ["（缺少）三、收到和处理政府信息公开申请情况", "（缺少）四、政府信息公开行政复议、行政诉讼情况",
                                                 "（缺少）五、存在的主要问题及改进情况", "（缺少）六、其他需要报告的事项"]
    assert [(f[1], f[2]) for f in found(text, "S-03")] == [
        ("—、总体情况", "第一部分标题“—、总体情况”与统一格式的标题“一、总体情况”不完全一致。")]
    # a dash before another title, or later in the report, is a list item
    items = text.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n—、公开指南\n")
    assert "—、公开指南" not in [f[1] for f in found(items, "S-03")]


def test_s08_closed_part_lists_split_by_semicolons_or_opening_with_an_overview():
    head = "云岭镇人民政府2023年政府信息公开工作年度报告\n"
    semi = head + "全文包括政府信息主动公开情况；政府信息依申请公开情况；行政复议和行政诉讼情况；存在的主要问题和改进情况。\n一、总体情况\n"
    assert [f[2].split("：")[0] for f in found(semi, "S-08")] == ["报告开头列出的本报告组成部分没有“总体情况”、“其他需要报告的事项”"]
    overview = head + "全文包括：总体情况概述、主动公开政府信息情况、依申请公开情况、存在的主要问题及改进情况、其他需要报告的事项。\n一、总体情况\n"
    assert [f[2].split("：")[0] for f in found(overview, "S-08")] == ["报告开头列出的本报告组成部分没有“政府信息公开行政复议、行政诉讼情况”"]


# reading: a part's own title with its number lost (、主动公开政府信息情况) or made a list mark (- 总体情况) is that part
def test_a_part_title_without_its_number_is_read_as_the_part():
    head = TOWN + "本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。\n"
    text = head + "- 总体情况\n全年公开信息90条。\n、主动公开政府信息情况\n全年主动公开政府信息90条。\n"
    missing = [f[1] for f in found(text, "S-01")]
    assert "（缺少）一、总体情况" not in missing and "（缺少）二、主动公开政府信息情况" not in missing
    assert [f[2] for f in found(text, "S-03")] == [
        "第一部分标题“- 总体情况”与统一格式的标题“一、总体情况”不完全一致。",
        "第二部分标题“、主动公开政府信息情况”与统一格式的标题“二、主动公开政府信息情况”不完全一致。"]
    # a later part's bare title (no trace of a lost number) inside part one is a sub-heading, not part two
    sub = head + "一、总体情况\n主动公开政府信息情况\n全年主动公开政府信息90条。\n"
    assert "（缺少）二、主动公开政府信息情况" in [f[1] for f in found(sub, "S-01")]


# W-05: a modifier joined to a noun or a verb (与/或) is not an adverbial; 的 inside a document's title is quoted
def test_w05_coordinated_modifiers_and_document_titles():
    head = TOWN + "一、总体情况\n"
    for right in ("我镇定期清理已废止或失效的公开信息。", "扩大了惠民政策与动态的传播范围。",
                  "根据《青溪县推进政务公开标准化规范化的实施方案》要求开展工作。"):
        assert found(head + right, "W-05") == [], right
    # an adverbial joined to an adverb or adjective still modifies the verb
    assert [f[2] for f in found(head + "我镇认真和细致的开展政务公开工作。", "W-05")] == [
        "“细致的开展”中“细致”修饰动词“开展”，应用“地”。"]


# W-04 途经 for 途径 (a channel), W-06 近……余 (nearly and more than at once)
def test_w04_tujing_and_w06_jin_yu():
    text = TOWN + "一、总体情况\n我镇在网站公布了申请途经和办理流程，全年组织培训近百余人次。"
    assert [f[3] for f in found(text, "W-04")] == ["将“途经”改为“途径”。"]
    assert [f[1] for f in found(text, "W-06")] == ["近百余"]
    right = TOWN + "一、总体情况\n公交线路途经本镇，最近100余人次参加培训，附近200余户。"
    assert found(right, "W-04", "W-06") == []


# W-14: the report's own name with two words exchanged (政府公开信息年报)
def test_w14_zhengfu_gongkai_xinxi_nianbao():
    text = TOWN + "一、总体情况\n全年发布政府公开信息年报1条、政策解读3条。"
    assert [(f[1], f[2]) for f in found(text, "W-14")] == [
        ("政府公开信息年报", "“政府公开信息年报”疑为法定标题“政府信息公开年报”，词的顺序颠倒了。")]
    assert found(TOWN + "一、总体情况\n全年发布政府信息公开年报1条，政府公开信息120条。", "W-14") == []


def test_w07_yiba_lingdao():
    text = TOWN + "一、总体情况\n镇里由一把领导亲自抓政务公开，“一把手”负责制落实到位。"
    assert [(f[1], f[3]) for f in found(text, "W-07")] == [("一把", "改为“一把手”（或“主要领导”）。")]


def test_w14_the_short_name_and_c06_a_typesetting_note():
    text = TOWN + "一、总体情况(宋体加粗小四号字)\n年内更新信息年度公开报告1份。"
    assert [f[1] for f in found(text, "W-14")] == ["信息年度公开报告"]
    assert [f[1] for f in found(text, "C-06")] == ["(宋体加粗小四号字)"]


# F-04 old_title: parts three and four under the 2008 outline's titles in a 2019+ report
def test_f04_parts_three_and_four_under_the_old_titles():
    text = ("云岭镇人民政府2025年政府信息公开工作年度报告\n一、总体情况\n全年公开信息90条。\n二、主动公开政府信息情况\n公开90条。\n"
            "三、依申请公开政府信息情况\n未收到申请。\n四、申请行政复议、提起行政诉讼和申诉的情况\n无。\n"
            "五、存在的主要问题及改进情况\n一是不足。\n六、其他需要报告的事项\n无。\n")
    assert [(f[1], f[2]) for f in found(text, "F-04")] == [
        ("三、依申请公开政府信息情况", "部分标题“三、依申请公开政府信息情况”是2019年以前旧格式的写法，现行格式为“三、收到和处理政府信息公开申请情况”。"),
        ("四、申请行政复议、提起行政诉讼和申诉的情况",
         "部分标题“四、申请行政复议、提起行政诉讼和申诉的情况”是2019年以前旧格式的写法，现行格式为“四、政府信息公开行政复议、行政诉讼情况”。")]
    # the 2019 trial format's part four title follows the 2019 regulation; a 2018 report used the old outline rightly
    trial = text.replace("四、申请行政复议、提起行政诉讼和申诉的情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    assert [f[1] for f in found(trial, "F-04")] == ["三、依申请公开政府信息情况"]
    assert found(text.replace("2025年", "2018年"), "F-04") == []
    assert _severities(text, "F-04") == ["info", "info"]  # a note: dev 2/2, test 0/1 (benchmarks, eighth session)


def test_s08_a_description_of_the_years_main_contents_is_not_a_part_list():
    text = ("云岭镇人民政府2025年政府信息公开工作年度报告\n本报告包括云岭镇本年度全年的政务公开工作，"
            "主要内容：主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况。\n（一）主动公开\n")
    assert found(text, "S-08") == []


def test_w01_a_lone_character_ending_a_compound_after_a_word():
    text = TOWN + "一、总体情况\n按月公开自来水厂出厂水水质报告12期，大事多、喜喜事多。"
    assert [f[1] for f in found(text, "W-01")] == ["喜喜"]
