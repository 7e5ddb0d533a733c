"""Forms the seventh session built from the real dev part's misses (issue #12), each reproduced in the team's own words:
exact findings, and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import found

TOWN = "青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
COUNTY = "青溪县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"


# W-08: a fixed term with one character typed as its homophone (pinyin input), even where the result makes words
def test_w08_a_homophone_in_a_fixed_term():
    text = TOWN + "我镇在政府网站公开了办事指南和已申请公开的途径，全年推行重大决策与公开事项3项。"
    assert [(f[1], f[2]) for f in found(text, "W-08")] == [
        ("已申请公开", "“已申请公开”疑为“依申请公开”之误（错了一个字）。"),
        ("决策与公开", "“决策与公开”疑为“决策预公开”之误（错了一个字）。"),
    ]
    right = TOWN + "我镇在政府网站公开了办事指南和依申请公开的途径，全年推行重大决策预公开事项3项。"
    assert found(right, "W-08") == []
    # only the common reading counts: 和 (huò) is not a homophone of 或, and 一网通管 is a name in use
    other = TOWN + "我镇依法保障公民、法人和其他组织的知情权，推进“一网通管”。"
    assert found(other, "W-08") == []


def test_homophones_read_the_common_reading_without_its_tone():
    from nianbao.rules.util import homophones

    assert homophones("已", "依") and homophones("与", "预") and homophones("绿", "律")
    assert not homophones("和", "或") and not homophones("绿", "路") and not homophones("依", "依")


# W-08 decree_di: the regulation's decree cited without 第
def test_w08_the_decree_number_without_di():
    text = TOWN + "根据《中华人民共和国政府信息公开条例》（国务院令 711号）要求，现公布本镇2023年度报告。"
    assert [(f[1], f[2], f[3]) for f in found(text, "W-08")] == [
        ("令711号", "《条例》的国务院令编号漏了“第”：“令711号”应写作“令第711号”。", "改为“国务院令第711号”。")]
    for right in ("国务院令第711号", "国务院令 第711号", "国务院令第492号"):
        assert found(text.replace("国务院令 711号", right), "W-08") == []


# F-07 mixed / both: the 2019 notice's title with the 2021 format's number; both notices cited as the basis
def test_f07_the_2019_title_with_the_2021_number_and_both_notices():
    head = "青溪县民政局2022年政府信息公开工作年度报告\n"
    title = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
    mixed = head + f"根据《中华人民共和国政府信息公开条例》和{title}（国办公开办函〔2021〕30号）要求，现公布本局2022年度报告。"
    assert [(f[1], f[3]) for f in found(mixed, "F-07")] == [(
        f"{title}（国办公开办函〔2021〕30号",
        "改为《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "（国办公开办函〔2021〕30号）。")]
    new = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    both = head + (f"根据{title}（国办公开办函〔2019〕60号）和{new}（国办公开办函〔2021〕30号）要求，"
                   "现公布本局2022年度报告。")
    assert [(f[1], f[2]) for f in found(both, "F-07")] == [(
        f"{title}（国办公开办函〔2019〕60号",
        "2022年度报告把已停用的2019年试行格式（国办公开办函〔2019〕60号）与2021年格式一并列为依据，"
        "2021年度起只应执行国办公开办函〔2021〕30号规定的格式。")]
    # the right title with its number, or the history told in the sentence: nothing to report
    right = head + f"根据{new}（国办公开办函〔2021〕30号）要求，现公布本局2022年度报告。"
    history = head + (f"{title}（国办公开办函〔2019〕60号）已被{new}（国办公开办函〔2021〕30号）取代，"
                      "本报告按新格式编制。")
    assert found(right, "F-07") == found(history, "F-07") == []


# F-08: the part list of a report that calls itself 年报, and an old title run in after a sentence's end
def test_f08_nianbao_part_list_and_a_run_in_old_title():
    head = "青溪县民政局2020年政府信息公开工作年度报告\n"
    listed = head + "本年报由概述、主动公开政府信息情况、依申请公开政府信息办理情况和其他需要报告的事项组成。\n一、总体情况\n"
    assert [(f[1], f[2]) for f in found(listed, "F-08")] == [
        ("概述", "报告自述的组成部分中有“概述”，这是2019年以前旧格式的章节，2020年度报告应按现行格式的六个部分编写。")]
    current = listed.replace("概述", "总体情况")
    assert found(current, "F-08") == []
    run_in = head + "一、总体情况\n全年未发生不予公开的情形。 3、政府信息公开收费及减免情况。本年度我局未收取任何费用。"
    assert [f[1] for f in found(run_in, "F-08")] == ["政府信息公开收费及减免情况"]
    # the item inside a sentence, not after its end, is no heading
    inside = head + "一、总体情况\n全年未发生不予公开的情形，政府信息公开收费及减免情况已在第六部分说明。"
    assert found(inside, "F-08") == []


# S-07: a period whose years lost 年 in the page's rendering (20231月1日) is read as written, never as no period
def test_s07_reads_a_period_with_the_year_glued_to_the_month():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    glued = head + "本报告所列数据的统计期限自20231月1日起至202312月31日止。\n一、总体情况\n全年主动公开信息90条。"
    assert found(glued, "S-07") == []
    wrong = glued.replace("202312月31日", "202412月31日")
    assert [f[1] for f in found(wrong, "S-07")] == ["自20231月1日起至202412月31日止"]
    # a count before a month is no year: 共2000条 then 12月 stays apart
    unread = head + "本报告所列数据的统计期限为本年度。\n一、总体情况\n全年共发布2000条12月1日至12月31日的信息。"
    assert [f[2] for f in found(unread, "S-07")] == ["报告没有写明统计期间，应说明内容涵盖 2023年1月1日至12月31日。"]


# S-07: the period written 起，至 / 始，至, or with both 年 and 月 lost (202311日至20231231日), is read too
def test_s07_reads_the_period_in_its_other_real_forms():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    tail = "\n一、总体情况\n全年主动公开信息90条。"
    for period in ("自2023年1月1日起，至2023年12月31日止", "自2023年1月1日始，至2023年12月31日止",
                   "自202311日起至20231231日止", "为202311日至1231日", "从20231月1日至20231231日止"):
        assert found(head + f"本报告所列数据的统计期限{period}。" + tail, "S-07") == [], period
    short = head + "本报告所列数据的统计期限自202311日起至20231230日止。" + tail
    assert [f[1] for f in found(short, "S-07")] == ["自202311日起至20231230日止"]
    early = head + "本报告所列数据的统计期限自2008年5月1日起，至2023年12月31日止。" + tail
    assert [f[1] for f in found(early, "S-07")] == ["自2008年5月1日起，至2023年12月31日止"]


# reading: a portal's column name wrapped onto two lines ("政府信息" / "公开年报") above the report's own title is no title
def test_a_yearless_column_name_above_the_title_is_not_the_title():
    from nianbao.audit import load_report

    page = ("法定主动\n公开内容\n\n政府信息\n公开年报\n\n青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n\n"
            "根据《中华人民共和国政府信息公开条例》要求，现公布本镇2023年度报告。\n一、总体情况\n全年主动公开信息90条。")
    meta = load_report(page, require_report=False).meta
    assert (meta.title, meta.agency, meta.year) == (
        "青溪县云岭镇人民政府2023年政府信息公开工作年度报告", "青溪县云岭镇人民政府", 2023)
    assert found(page, "S-06") == []
    # with no title after it, the wrapped name is the title, and S-06 says it has no year
    alone = "青溪县云岭镇人民政府\n政府信息公开年报\n\n根据《中华人民共和国政府信息公开条例》要求，现公布本镇年度报告。"
    assert load_report(alone, require_report=False).meta.title == "青溪县云岭镇人民政府政府信息公开年报"
    assert [f[2] for f in found(alone, "S-06")] == ["报告标题“青溪县云岭镇人民政府政府信息公开年报”没有机关全称、没有四位数年份。"]


# W-06: 共 twice in one clause, and the basis cited again right after its own abbreviation
def test_w06_gong_twice_and_the_basis_twice():
    gong = TOWN + "全年共受理政府信息公开申请共12件，均已按时答复。"
    assert [f[1] for f in found(gong, "W-06")] == ["共受理政府信息公开申请共"]
    once = TOWN + "全年共受理政府信息公开申请12件，共同推进公共服务，其中公开共12件。"
    assert found(once, "W-06") == []
    basis = ("青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n"
             "根据《中华人民共和国政府信息公开条例》（以下简称《条例》），根据《条例》编制本报告。\n"
             "一、总体情况\n全年共受理政府信息公开申请12件。")
    assert [f[1] for f in found(basis, "W-06")] == ["简称《条例》），根据《条例》"]
    right = basis.replace("），根据《条例》编制本报告", "）编制本报告")
    assert found(right, "W-06") == []


# reading: a portal's date years after the report's year is a re-posting's, never a late publication
def test_a_page_date_years_later_is_a_repost_not_a_late_publication():
    from nianbao.audit import load_report

    page = ("发布时间：2018-02-13 09:30\n青溪县民政局2012年政府信息公开工作年度报告\n"
            "本报告所列数据的统计期限自2012年1月1日起至2012年12月31日止。\n一、概述\n全年主动公开信息90条。")
    report = load_report(page, require_report=False)
    assert report.meta.published is None
    assert [n.code for n in report.notes] == ["page_date_repost"]
    assert found(page, "D-04") == []
    late = page.replace("2018-02-13", "2013-05-06")  # a year on: the page's date stands, and was late
    assert load_report(late, require_report=False).notes == []
    assert [f[2] for f in found(late, "D-04")] == [
        "公布日期2013年5月6日晚于公布期限2013年3月31日（原《政府信息公开条例》第三十一条，每年3月31日前公布），逾期36天。"]


# reading the agency: a site's banner or name above a title that names the body again, and a sentence's verbs before
# a name in the preamble, are not the body's name
def test_the_agency_is_not_a_banner_nor_a_sentences_verbs():
    from nianbao.audit import load_report

    def agency(text: str) -> str | None:
        return load_report(text, require_report=False).meta.agency

    body = "\n根据《中华人民共和国政府信息公开条例》要求编制本报告。\n一、总体情况\n全年主动公开信息90条。"
    assert agency("欢迎来到青溪县人民政府\n青溪县2023年政府信息公开工作年度报告" + body) == "青溪县人民政府"
    assert agency("云岭镇人民政府\n云岭镇2023年政府信息公开工作年度报告" + body) == "云岭镇"
    # no title: the name in "依法按时完成X2023年政府信息公开年度报告" starts after the verbs
    untitled = ("一、总体情况\n2023年，我们依法按时完成白鹭街道2023年政府信息公开年度报告的编制。"
                "\n全年主动公开信息90条。")
    assert agency(untitled) == "白鹭街道"
    # the 编制 of a body's own name is no verb: 机构编制委员会办公室
    bianban = ("一、总体情况\n根据《条例》要求，现公布青溪县机构编制委员会办公室2023年政府信息公开工作年度报告。"
               "\n全年主动公开信息90条。")
    assert agency(bianban) == "青溪县机构编制委员会办公室"
    # a short self-name is expanded only with a place before it ("青溪县" + "县统计局"), never with a verb
    short = ("一、总体情况\n2023年，市统计局坚持公开为常态。准确发布市统计局2023年度部门预算。"
             "\n全年主动公开信息90条。联系地址：保山市统计局办公室。")
    assert agency(short) == "保山市统计局"
    assert agency(short.replace("联系地址：保山市统计局办公室。", "")) is None


# D-02 period: no title, the year known from the period alone — another year opening a sentence is a note, not an error
def test_d02_a_year_against_the_period_alone_is_a_note():
    from tests.rules.test_fresh_real_forms import graded

    body = "\n一、总体情况\n2022年，我局全年主动公开信息90条。\n2023年，我局共收到申请3件。"
    untitled = "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。" + body
    assert graded(untitled, "D-02") == [("D-02", "info", "2022年")]
    assert [f[2] for f in found(untitled, "D-02")] == [
        "报告没有标题，统计期间写的是2023年，这里却以“2022年”叙述本年度的工作：统计期间和这句话必有一处年份有误。"]
    titled = "青溪县民政局2023年政府信息公开工作年度报告\n" + untitled
    assert graded(titled, "D-02") == [("D-02", "error", "2022年")]


# F-09: a cited document's title and number that do not belong together
def test_f09_title_and_number_that_do_not_belong_together():
    head = "青溪县民政局2022年政府信息公开工作年度报告\n一、总体情况\n"
    yaodian = head + "我局认真落实《国务院办公厅关于印发2022年政务公开工作要点的通知》（国办发〔2022〕12号）的要求。"
    assert [(f[1], f[2], f[3]) for f in found(yaodian, "F-09")] == [(
        "国办发〔2022〕12号",
        "《国务院办公厅关于印发2022年政务公开工作要点的通知》的文号应为国办发〔2022〕8号，这里写成了国办发〔2022〕12号。",
        "改为国办发〔2022〕8号。")]
    right = yaodian.replace("〔2022〕12号", "〔2022〕8号")
    local = yaodian.replace("国办发〔2022〕12号", "青政办发〔2022〕12号")  # a local notice of the same name
    unknown_year = yaodian.replace("2022年政务", "2025年政务")
    assert found(right, "F-09") == found(local, "F-09") == found(unknown_year, "F-09") == []
    titled = head + "本报告依据《国务院办公厅关于做好政府信息公开工作年度报告编制发布工作的通知》（国办公开办函〔2021〕30号）编制。"
    assert [(f[1], f[2]) for f in found(titled, "F-09")] == [(
        "《国务院办公厅关于做好政府信息公开工作年度报告编制发布工作的通知》（国办公开办函〔2021〕30号",
        "文号国办公开办函〔2021〕30号是《中华人民共和国政府信息公开工作年度报告格式》的文号，这里的标题却是"
        "《国务院办公厅关于做好政府信息公开工作年度报告编制发布工作的通知》，标题与文号不符。")]
    fmt = titled.replace("关于做好政府信息公开工作年度报告编制发布工作的通知", "中华人民共和国政府信息公开工作年度报告格式")
    assert found(fmt, "F-09") == []


# W-12: a district misspelt after its city in an address, not only in a body's name
def test_w12_a_misspelt_district_in_an_address():
    head = "青溪县民政局2023年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "如对本报告有疑问，请联系本局办公室（地址：泸州市纳经区青溪西路8号）。"
    assert [(f[1], f[2]) for f in found(text, "W-12")] == [
        ("纳经区", "“泸州市纳经区青溪西路”中的“纳经区”疑为“纳溪区”之误：泸州市下辖的行政区划中没有“纳经区”。")]
    assert found(text.replace("纳经区", "纳溪区"), "W-12") == []
    # a district one character off followed by no road and no body is not judged
    assert found(head + "我局与泸州市纳经区的同行交流了经验。", "W-12") == []


# S-07 unreadable: a period is written, but no start and end can be read from it — a note on it, not "no period"
def test_s07_a_written_period_that_cannot_be_read_is_a_note_on_it():
    from tests.rules.test_fresh_real_forms import graded

    head = "青溪县民政局2023年政府信息公开工作年度报告\n"
    tail = "\n一、总体情况\n全年主动公开信息90条。"
    for period, dates in (("自2023年1月1日起至202323年12月31日止", "2023年1月1日起至202323年12月31日止"),
                          ("从2023年1月1日至12月31止", "2023年1月1日至12月31止"),
                          ("截止至2023年12月31日止", "2023年12月31日")):  # the end alone: S-07 end_only (eighth session)
        text = head + f"本报告所列数据的统计期限{period}。" + tail
        assert graded(text, "S-07") == [("S-07", "info", dates)], period
    assert [f[2] for f in found(head + "本报告所列数据的统计期限从2023年1月1日至12月31止。" + tail, "S-07")] == [
        "报告写明的统计期间“2023年1月1日至12月31止”读不出完整的起止日期，请核对其中的年、月、日（应为 2023年1月1日至12月31日）。"]
    # no period written at all: still the warning that says so
    assert graded(head + "本报告根据《条例》编制。" + tail, "S-07") == [("S-07", "warning", "青溪县民政局2023年政府信息公开工作年度报告")]
