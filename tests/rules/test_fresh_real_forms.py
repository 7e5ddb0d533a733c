"""Forms found on the sixth session's fresh real pages (h12k–h12n, dev part), each reproduced in the team's own words:
the false alarms they showed and the slips the rules missed (issue #12). Exact findings, and the near miss beside each."""

from __future__ import annotations

from nianbao.audit import load_report
from tests.rules.helpers import audited, found

TOWN = "青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
COUNTY = "青溪县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"


def graded(text: str, code: str) -> list[tuple[str, str, str]]:
    """The rule's findings as (rule, severity, evidence): for the checks whose point is the severity."""
    return [(f.rule, f.severity, f.evidence) for f in audited(text, code)]


# K-06: 未收到因……申请引起的行政复议 denies a review, not the requests
def test_k06_a_review_caused_by_requests_is_not_a_denial_of_requests():
    text = TOWN + "全年共受理政府信息公开申请12件，均已按时答复。全年未收到因政府信息公开申请引起的行政复议和行政诉讼。"
    assert found(text, "K-06") == []
    denied = TOWN + "全年共受理政府信息公开申请12件，均已按时答复。\n（二）依申请公开\n本年度未收到政府信息公开申请。"
    assert [f[1] for f in found(denied, "K-06")] == ["未收到政府信息公开申请"]


# S-07: a body set up during the year reports from the day it was set up, and says so
def test_s07_a_period_from_the_day_the_body_was_set_up_is_a_note():
    head = "青溪县白鹭街道办事处2024年政府信息公开工作年度报告\n"
    text = head + ("因青溪县白鹭街道办事处于2024年6月18日挂牌成立，本报告所列数据的统计期限自2024年6月18日起至2024年12月31日止。"
                   "\n一、总体情况\n白鹭街道全年主动公开政府信息56条。")
    assert graded(text, "S-07") == [("S-07", "info", "自2024年6月18日起至2024年12月31日止")]
    unexplained = head + ("本报告所列数据的统计期限自2024年6月18日起至2024年12月31日止。"
                          "\n一、总体情况\n白鹭街道全年主动公开政府信息56条。")
    assert graded(unexplained, "S-07") == [("S-07", "error", "自2024年6月18日起至2024年12月31日止")]


# W-01: a media account named after what it does (“××发布”), followed by the verb 发布
def test_w01_an_account_named_fabu_then_the_verb():
    text = COUNTY + "通过政务新媒体发布信息300条，其中微信公众号青溪政府发布发布180条，微博发布120条。"
    assert found(text, "W-01") == []
    doubled = COUNTY + "通过政务新媒体发布发布信息300条。"
    assert [f[1] for f in found(doubled, "W-01")] == ["发布发布"]


# K-02: a round total (约) and a count left without its measure word are not summed
def test_k02_a_round_total_and_an_unread_count_are_not_judged():
    approx = COUNTY + "全年共发布信息约5200条，其中政务动态900条，其他2100条。"
    assert found(approx, "K-02") == []
    bare = COUNTY + "全年共发布信息5200条，其中政务动态900条，政策文件栏目发布信息2200，其他2100条。"
    assert found(bare, "K-02") == []
    exceeds = COUNTY + "全年共发布信息5200条，其中政务动态900条，政策文件2200条，其他2300条。"
    assert [f[2] for f in found(exceeds, "K-02")] == [
        "合计写“共5200条”，其后列出的各项 900＋2200＋2300＝5400条，多于合计数。"]


# K-02: items each in a ；-separated segment with a note after it, closed by 其他
def test_k02_a_list_of_noted_items_closed_by_the_rest():
    text = COUNTY + ("全年主动公开政府信息总计1200条。其中，机构职能类信息20条，方便群众办事；政务动态信息700条，"
                     "反映全县工作进展；政策解读信息80条，帮助群众理解政策；其他信息500条，涉及各个方面。")
    assert [f[2] for f in found(text, "K-02")] == [
        "合计写“共1200条”，其后列出的各项 20＋700＋80＋500＝1300条，多于合计数。"]
    adds_up = text.replace("其他信息500条", "其他信息400条")
    assert found(adds_up, "K-02") == []
    # a first segment that lists several items is a list of its own, whatever follows the ；
    several = COUNTY + ("全年共制作政府信息300条，其中主动公开信息4条，依申请公开信息0条，机构信息2条；"
                        "建设类信息1条；其他类信息1条；另在专栏公开低保情况。")
    assert found(several, "K-02") == []


# the report year: no title, a period of one year, the preamble's own report and part one of another
def test_year_from_the_preamble_and_part_one_over_a_lone_period():
    text = ("现将2022年度政府信息公开工作报告如下。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
            "一、总体情况\n2022年，青溪县交通运输局主动公开政府信息83条。")
    report = load_report(text, require_report=False)
    assert (report.meta.year, report.meta.year_source) == (2022, "text")
    assert [(f[0], f[1]) for f in found(text, "S-07", "D-08", "D-11")] == [
        ("S-07", "自2021年1月1日起至2021年12月31日止")]
    agrees = text.replace("2022年，青溪县", "2021年，青溪县")  # part one agrees with the period: the period stands
    assert load_report(agrees, require_report=False).meta.year == 2021


# D-08 plan_basis: a work plan of an earlier year (up to three back), issued by a notice, as this year's basis
def test_d08_plan_basis_an_earlier_years_task_list():
    head = "青溪县云岭街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + ("2023年，云岭街道按照《青溪县人民政府办公室关于印发青溪县2020年政务公开重点工作任务责任分解表的通知》，"
                   "完成了全年政务公开工作。")
    assert [(f[0], f[1]) for f in found(text, "D-08")] == [("D-08", "2020")]
    four_back = text.replace("2020年政务公开", "2019年政务公开")
    assert found(four_back, "D-08") == []
    own = text.replace("2020年政务公开", "2023年政务公开")
    assert found(own, "D-08") == []


# W-08 decree: the regulation's decree number is 第492号 (2007) or 第711号 (2019)
def test_w08_the_regulations_decree_number():
    text = TOWN + "我镇贯彻落实《中华人民共和国政府信息公开条例》（国务院令第771号），全年主动公开信息90条。"
    assert found(text, "W-08") == [(
        "W-08", "771",
        "《条例》的国务院令编号写成了“第771号”：2007年公布的《条例》是国务院令第492号，2019年修订后的是第711号。",
        "核对后改为“国务院令第711号”（2019年修订的《条例》）。")]
    for right in ("国务院令第711号", "中华人民共和国国务院令第711号", "国务院令第492号"):
        assert found(text.replace("国务院令第771号", right), "W-08") == []


# K-07 prefecture: a county under a prefecture-level city writes of the level above as 州 (an autonomous prefecture's words)
def test_k07_zhou_in_a_county_under_a_city():
    head = "衡南县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "2022年，我县深入贯彻落实省、州关于政务公开工作的部署要求，全年主动公开政府信息300条。"
    assert [(f[0], f[1]) for f in found(text, "K-07")] == [("K-07", "省、州")]
    assert found(text.replace("省、州", "省、市"), "K-07") == []
    # in an autonomous prefecture 州 is the level above; a place's name ending in 州 is no such word
    prefecture = "永靖县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n" + \
        "2022年，我县深入贯彻落实省、州关于政务公开工作的部署要求，全年主动公开政府信息300条。"
    assert found(prefecture, "K-07") == []
    name = head + "2022年，我县组织干部赴广州政府部门和定州市委党校学习，全年主动公开政府信息300条。"
    assert [f for f in found(name, "K-07") if "自治州" in f[2]] == []


# K-07 compiler: a township's report says the county compiled it (the county's own preamble, left in)
def test_k07_a_township_report_compiled_by_its_county():
    head = "平阳县云岭镇人民政府2022年政府信息公开工作年度报告\n"
    text = head + ("本报告依据《中华人民共和国政府信息公开条例》要求，由平阳县结合有关统计数据编制。"
                   "\n一、总体情况\n2022年，云岭镇全年主动公开政府信息120条。")
    assert [(f[0], f[1]) for f in found(text, "K-07")] == [("K-07", "平阳县")]
    for own in ("由云岭镇人民政府结合有关统计数据编制", "由平阳县云岭镇人民政府办公室负责编制", "由镇党政办结合有关统计数据编制"):
        assert found(text.replace("由平阳县结合有关统计数据编制", own), "K-07") == []


# K-06 sum: a breakdown that goes on in another unit (……4条、新闻发布会5次) is not judged short
def test_k06_a_breakdown_that_goes_on_in_another_unit():
    text = COUNTY + "全年发布解读信息64条，其中：视频解读42条、图文解读9条、文字解读4条、新闻发布会6次、在线访谈3次。"
    assert found(text, "K-06") == []


# K-02: a count left without its measure word is an item too — with it the parts may still exceed the total
def test_k02_an_unread_count_counts_when_the_parts_exceed_the_total():
    text = COUNTY + "全年共发布信息5200条，其中政务动态900条，政策文件栏目发布信息2200，其他2300条。"
    assert [f[2] for f in found(text, "K-02")] == [
        "合计写“共5200条”，其后列出的各项 900＋2200＋2300＝5400条，多于合计数。"]


# K-06 flow: every kind of applicant named before the count (公民、法人和其他组织) — the count is all the requests
def test_k06_flow_with_every_kind_of_applicant_named():
    text = COUNTY + ("全年共受理公民、法人和其他社会组织政府信息公开申请120件，上年结转6件，办结110件，结转下年度办理10件。")
    assert [f[0] for f in found(text, "K-06")] == ["K-06"]
    balanced = text.replace("办结110件", "办结116件")
    assert found(balanced, "K-06") == []
    one_kind = COUNTY + ("全年共受理法人政府信息公开申请120件，上年结转6件，办结110件，结转下年度办理10件。")
    assert found(one_kind, "K-06") == []


# W-08 office: an ordinary prefecture-level city's government has an 办公室, not an 办公厅
def test_w08_a_prefecture_citys_office_called_banggongting():
    text = TOWN + "我镇根据《湖州市人民政府办公厅关于做好政务公开工作的通知》要求，全年主动公开信息90条。"
    assert [(f[0], f[1]) for f in found(text, "W-08")] == [("W-08", "湖州市人民政府办公厅")]
    for right in ("湖州市人民政府办公室", "杭州市人民政府办公厅", "宁波市人民政府办公厅", "浙江省人民政府办公厅"):
        assert found(text.replace("湖州市人民政府办公厅", right), "W-08") == []


# W-06: 年 and 年度 stacked after a year (2015年年度政府信息公开工作); 2022年年度报告 (the year's annual report) is right
def test_w06_nian_and_niandu_stacked():
    text = TOWN.replace("2023年政府", "2023年年度政府") + "我镇全年主动公开政府信息90条。"
    assert [(f[0], f[1]) for f in found(text, "W-06")] == [("W-06", "2023年年度")]
    right = TOWN + "我镇于2023年1月发布了2022年年度报告，全年主动公开政府信息90条。"
    assert found(right, "W-06") == []


# F-07: the 2019 notice cited by its title (forwarded, or with a word lost) as the basis of a 2021+ report
def test_f07_the_2019_notice_by_its_title():
    head = "青溪县民政局2022年政府信息公开工作年度报告\n"
    title = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
    text = head + f"根据《中华人民共和国政府信息公开条例》和{title}要求，现公布本局2022年度报告。"
    assert [(f[0], f[1]) for f in found(text, "F-07")] == [("F-07", title)]
    with_number = text.replace(f"{title}要求", f"{title}（国办公开办函〔2019〕60号）要求")
    assert [f[1] for f in found(with_number, "F-07")] == [f"{title}（国办公开办函〔2019〕60号"]
    forwarded = text.replace(title, "《青溪县政务公开办公室转发国务院办公厅政府信息与政务公开办公室关于工作年度报告有关事项的通知》")
    assert [f[0] for f in found(forwarded, "F-07")] == ["F-07"]
    # a local office's own notice of that wording, a notice that names a year, a 2020 report: another document or time
    local = text.replace(title, "《青溪县人民政府办公室关于政府信息公开工作年度报告有关事项的通知》")
    named_year = text.replace(title, "《关于做好2022年度政府信息公开工作年度报告有关事项的通知》")
    assert found(local, "F-07") == found(named_year, "F-07") == []
    assert found(text.replace("2022年", "2020年"), "F-07") == []


# F-08 declared: the old outline's part three (依申请公开政府信息情况) in the report's own part list
def test_f08_the_old_part_three_in_the_part_list():
    head = "青溪县卫生健康委员会2023年政府信息公开工作年度报告\n本报告由青溪县卫生健康委员会编制而成。\n"
    text = head + ("全文包括总体情况、主动公开政府信息情况、依申请公开政府信息情况、行政复议和行政诉讼情况、"
                   "存在的主要问题及改进情况、其他需要报告的事项。\n一、总体情况\n全年主动公开政府信息120条。")
    assert [(f[0], f[1]) for f in found(text, "F-08")] == [("F-08", "依申请公开政府信息情况")]
    current = text.replace("依申请公开政府信息情况、", "收到和处理政府信息公开申请情况、")
    assert found(current, "F-08") == []
    # as a sub-heading of part one it is current wording
    sub = head + "一、总体情况\n（二）依申请公开政府信息情况\n全年收到政府信息公开申请3件。"
    assert found(sub, "F-08") == []


# D-08 self_name: the preamble's basis sentence names the report being compiled with last year
def test_d08_the_preamble_compiles_last_years_report():
    text = ("根据《中华人民共和国政府信息公开条例》要求，我镇认真编制了《云岭镇2020年政府信息公开工作年度报告》。"
            "所列数据的统计期限自2021年1月1日起至12月31日止。\n一、总体情况\n2021年，云岭镇主动公开政府信息90条。")
    assert [(f[0], f[1]) for f in found(text, "D-08")] == [("D-08", "2020")]
    assert found(text.replace("云岭镇2020年", "云岭镇2021年"), "D-08") == []


# D-11 until_prior after a run-in heading; D-08 self_name with 本镇 between the year and the report's name
def test_d11_until_prior_after_a_run_in_heading_and_d08_with_benzhen():
    head = "青溪县乡村振兴局2021年政府信息公开工作年度报告\n一、总体情况\n"
    text = head + "（一）主动公开政府信息情况：截至2020年12月31日，我局通过政府网站公开信息56条。"
    assert [(f[0], f[1]) for f in found(text, "D-11")] == [("D-11", "2020年")]
    assert found(text.replace("截至2020年", "截至2021年"), "D-11") == []
    town = "云岭镇人民政府2017年政府信息公开工作年度报告\n特向社会公布2016年度本镇政府信息公开年度报告。\n一、总体情况\n全年公开信息9条。"
    assert [(f[0], f[1]) for f in found(town, "D-08")] == [("D-08", "2016")]
    assert found(town.replace("2016年度本镇", "2017年度本镇"), "D-08") == []


# F-07: the regulation's own revision (新修订的《条例》, 《条例》（2019年4月3日修订）) tells no history of the format, and
# the 2019 notice's title may lose its 关于
def test_f07_the_regulations_revision_is_no_history():
    title = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
    text = ("青溪县应急管理局2023年政府信息公开工作年度报告\n根据新修订的《中华人民共和国政府信息公开条例》规定，"
            f"本报告是根据{title}的相关要求编制。")
    assert [f[1] for f in found(text, "F-07")] == [title]
    no_guan = text.replace(title, "《国务院办公厅政府信息与政务公开办公室政府信息公开年度报告有关事项的通知》")
    assert [f[0] for f in found(no_guan, "F-07")] == ["F-07"]
    history = text.replace("的相关要求编制", "编制，该通知规定的格式已被2021年的新格式取代")
    assert found(history, "F-07") == []
