"""Forms the ninth session built from real pages (issue #12), each reproduced in the team's own words: exact findings,
and the near miss beside each."""

from __future__ import annotations

from tests.rules.helpers import audited, found

BUREAU = "青溪县民政局2024年政府信息公开工作年度报告\n一、总体情况\n"


def _severity(text: str, code: str) -> list[str]:
    return [f.severity for f in audited(text, code)]


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



# W-07 notes: 政府公开工作 (信息 lost) and 其他报告的事项 (需要 lost) — writers mark them most times, not every time
def test_w07_notes_for_forms_writers_mark_most_times():
    text = BUREAU + "我局把政府公开工作纳入年度考核，本报告由总体情况、存在的主要问题及改进情况、其他报告的事项等六部分组成。"
    assert [(f[1], f[2]) for f in found(text, "W-07")] == [
        ("政府", "疑似漏字：“政府公开工作”漏了“信息”，应为“政府信息公开工作”。"),
        ("其他", "疑似漏字：第六部分的标题是“其他需要报告的事项”，这里漏了“需要”。")]
    assert _severity(text, "W-07") == ["info", "info"]
    right = BUREAU + "我局把政府信息公开工作和政务公开工作纳入年度考核，本报告由总体情况、其他需要报告的事项共六个部分组成。"
    assert found(right, "W-07") == []
    # a slip without note = true keeps the rule's own severity
    assert _severity(BUREAU + "坚决贯彻党国务院的部署。", "W-07") == ["warning"]
    # the user's configured severity for the rule applies to its notes as well (as to declared variant severities)
    from nianbao.audit import audit_report, load_report
    from nianbao.config import Config

    both = load_report(text + "坚决贯彻党国务院的部署。", require_report=False)
    for configured in ("error", "info"):
        got = audit_report(both, only=["W-07"], use_classifier=False, config=Config(severity={"W-07": configured}))
        assert [str(getattr(f.severity, "value", f.severity)) for f in got.findings] == [configured] * 3


# C-06: a web page's image left in the copied text ("![]()") is furniture, not an empty bracket the author left
def test_c06_a_page_image_is_not_an_empty_bracket():
    from nianbao.audit import load_report

    text = "![]() |\n" + BUREAU + "我局全年公开信息86条（）。![图片](/images/qr.png)"
    assert [f[1] for f in found(text, "C-06")] == ["（）"]
    report = load_report(text, require_report=False)  # the text reader drops the marks and says so
    assert "![" not in report.text and report.text.endswith("（）。")
    assert [n.message for n in report.notes if n.code == "page_images"] == [
        "文本中有 2 处网页图片标记（如“![]()”），是复制网页时留下的，已略去。"]


# K-06 flow: received + carried over = completed + carried forward, also when a semicolon splits the flow, the carried-over
# count is named by its year ("含2023年结转13件") and a comparison follows the counts
def test_k06_the_request_flow_across_a_semicolon():
    flow = ("全年青溪县民政局受理政府信息公开申请58件，办结52件（含2023年结转的4件）；"
            "结转2025年度继续办理6件，较上年多1件。")
    assert [(f[1], f[2]) for f in found(BUREAU + flow, "K-06")] == [(
        "受理政府信息公开申请58件，办结52件（含2023年结转的4件）；结转2025年度继续办理6件",
        "同一句写本年收到申请58件、上年结转4件，办结52件、结转下年度6件，收到与结转之和不等于办结与结转之和，件数对不上。")]
    # balanced (58 + 4 = 56 + 6): nothing
    assert found(BUREAU + flow.replace("办结52件", "办结56件"), "K-06") == []


# W-04: requests counted in 条 before the noun ("收到2条政府信息公开申请") — a note, as 申请N条
def test_w04_requests_counted_in_tiao_before_the_noun():
    text = BUREAU + "全年我局收到2条政府信息公开申请，主动公开政府信息35条。"
    assert [(f[1], f[3]) for f in found(text, "W-04")] == [("条", "将“条”改为“件”。")]
    assert _severity(text, "W-04") == ["info"]
    assert found(text.replace("2条政府信息公开申请", "2件政府信息公开申请"), "W-04") == []


# W-04 zuochu: 做出 before a qualified 要求 ("做出明确要求")
def test_w04_zuochu_before_a_qualified_demand():
    text = BUREAU + "我局对信息发布的内容和流程做出明确要求。"
    assert [f[1] for f in found(text, "W-04")] == ["做出"]
    assert found(text.replace("做出明确要求", "提出明确要求"), "W-04") == []


# W-06 mixed_frame: 本报告包括……等六部分组成 runs 包括…… and 由……组成 together (a note, as all of W-06)
def test_w06_baokuo_and_zucheng_run_together():
    text = ("青溪县民政局2024年政府信息公开工作年度报告\n本报告包括总体情况、主动公开政府信息情况、其他需要报告的事项等六部分组成。"
            "\n一、总体情况\n我局全年公开信息86条。")
    # (the span runs from 包括 to 组成: writers mark either end — fifteenth session)
    assert [(f[1], f[2]) for f in found(text, "W-06")] == [(
        "包括总体情况、主动公开政府信息情况、其他需要报告的事项等六部分组成",
        "“包括……六部分组成”：“包括……”和“由……组成”两种句式杂糅（“本报告包括……等六部分组成”），"
                "应为“本报告由……组成”或“本报告包括……”。")]
    for right in ("本报告由总体情况、主动公开政府信息情况、其他需要报告的事项等六部分组成。",
                  "本报告包括总体情况、主动公开政府信息情况、其他需要报告的事项六个部分。",
                  "本报告由总体情况（包括主动公开、依申请公开等内容）和其他需要报告的事项等六部分组成。"):
        assert found(text.replace(text.split("\n")[1], right), "W-06") == [], right


# K-03 scope_self: the body not named, the report calls itself 我县 and still steers the whole city's work
def test_k03_a_scope_above_the_level_the_report_calls_itself():
    text = ("本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"
            "一、总体情况\n2024年，我县持续推进政务公开，并牵头对全市政府信息公开工作的指导。我县全年公开信息320条。")
    assert [(f[1], f[2]) for f in found(text, "K-03")] == [(
        "对全市政府信息公开工作的指导",
        "正文2处自称“我县”，却写“对全市政府信息公开工作的指导”，这是上级机关的工作范围，不是本单位的，疑为套用上级机关的报告或模板。")]
    # once only, or beside 我市 (a county-level city may say both), or its own level: nothing
    assert found(text.replace("我县全年", "全年"), "K-03") == []
    assert found(text.replace("我县全年", "我市全年"), "K-03") == []
    assert found(text.replace("对全市政府信息公开工作", "对全县政府信息公开工作"), "K-03") == []


# W-15: 统计期限 is a fixed term of the preamble: 统计限 (期 lost) is a note
def test_w15_the_period_term_with_a_character_lost():
    text = BUREAU.replace("一、总体情况\n", "") + "所列数据统计限为2024年1月1日至12月31日。\n一、总体情况\n"
    assert [(f[1], f[2]) for f in found(text, "W-15")] == [("统计限", "“统计限”疑为固定写法“统计期限”之误，漏了“期”。")]
    assert found(text.replace("统计限", "统计期限"), "W-15") == []


# precision mends from fresh pages: W-12 on a child joined to its parent by 及, W-13 on a second frame sharing 在
def test_w12_w13_quiet_on_joined_names_and_shared_zai():
    text = BUREAU + "2024年，我局落实省、泉州市及南安市政府的部署，推进政务公开。"
    assert found(text, "W-12") == []
    # the misspelt child itself is still found after its parent
    assert [f[1] for f in found(text.replace("泉州市及南安市", "泉州市南按市"), "W-12")] == ["南按市"]
    shared = BUREAU + "2024年，我局在镇党委的坚强领导下，县数据局的业务指导下，推进政务公开。"
    assert found(shared, "W-13") == []
    lost = BUREAU + "2024年，我局按照工作部署，县数据局的业务指导下，推进政务公开。"
    assert [f[1] for f in found(lost, "W-13")] == ["县数据局的业务指导下"]


# Reading + K-03 compiled: "由X政务公开办汇总市人民政府各工作部门……年度报告编制" in a bureau's report — the compiler
# stands before 综合, never "X政务公开办综合市人民政府" as the body; the city's compilation sentence kept by a bureau
def test_k03_a_bureau_keeping_its_city_s_compilation_sentence():
    from nianbao.audit import load_report

    text = ("依照《中华人民共和国政府信息公开条例》，由云州市政务公开办汇总市人民政府各工作部门报送的年度报告编制。"
            "有疑问的，请与云州市司法局办公室联系。\n一、总体情况\n2024年，我局公开信息86条。")
    assert load_report(text, require_report=False).meta.agency == "云州市司法局"
    assert [f[1] for f in found(text, "K-03")] == ["市人民政府各工作部门报送的年度报告编制"]
    # the city government's own report says the same rightly
    city = text.replace("云州市司法局办公室", "云州市人民政府办公室").replace("我局", "我市")
    assert found(city, "K-03") == []


# K-03 compiled: 县属各成员单位 — the county's units, from whose reports only the district government compiles its own
def test_k03_a_bureau_compiling_from_the_district_s_units():
    text = ("青溪县民政局2020年政府信息公开工作年度报告\n本年度报告由青溪县政务公开办综合县属各成员单位报送的年度报告编制。"
            "\n一、总体情况\n2020年，我局公开信息86条。")
    assert [f[1] for f in found(text, "K-03")] == ["县属各成员单位报送的年度报告编制"]
    assert found(text.replace("县属各成员单位", "局属各单位"), "K-03") == []


# W-07: a day without 日 before 止/起/至 ("至12月31止"); W-06: 年 typed twice before 以来 ("2019年年以来")
def test_w07_day_without_ri_and_w06_nian_twice():
    text = BUREAU + "数据时段：2024年1月1日至12月31止。2023年年以来，我局公开信息86条。"
    assert [(f[1], f[2]) for f in found(text, "W-07")] == [("31", "疑似漏字：日期的“日”字漏了（如“12月31止”）。")]
    assert [f[1] for f in found(text, "W-06")] == ["2023年年"]
    right = BUREAU + "数据时段：2024年1月1日至12月31日止。2023年以来，我局于2023年年底公开了2022年年报。"
    assert found(right, "W-07") == [] and found(right, "W-06") == []


# W-07: the 2019 notice's title cited with 政府信息公开 (or 政府) lost; with only 工作 lost the writers rarely mark it
def test_w07_the_notices_title_with_a_word_lost():
    cite = "根据《国务院办公厅政府信息与政务公开办公室关于{}年度报告有关事项的通知》要求，编制本报告。"
    for lost in ("工作", "信息公开工作"):
        text = BUREAU + cite.format(lost)
        assert [f[1] for f in found(text, "W-07")] == ["关于"], lost
    for kept in ("政府信息公开工作", "政府信息公开"):
        assert found(BUREAU + cite.format(kept), "W-07") == [], kept


# C-06: a drafting instruction left inside quotation marks (“具体重大政策名称”)
def test_c06_a_quoted_drafting_instruction():
    text = BUREAU + "我局坚持政策文件与解读同步，“具体重大政策名称”出台后即推出图解。"
    assert [(f[1], f[2]) for f in found(text, "C-06")] == [
        ("“具体重大政策名称”", "模板中的填写提示未替换，如“具体重大政策名称”，请替换为实际内容。")]
    assert found(text.replace("具体重大政策名称", "青溪县养老服务补贴办法"), "C-06") == []
