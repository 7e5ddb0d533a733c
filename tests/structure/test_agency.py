"""The reporting body and the title as real copied report pages give them (team-written text, their layouts).

Each case is one general cause of a wrong or missing agency seen on the study set's copied page texts
(corpora/real/study_set.toml, `scripts/bench_reading.py`): the exact title, agency and year read.
"""

from __future__ import annotations

import pytest

from nianbao.audit import load_report

_BODY = ("一、总体情况\n\n{year}年，{who}坚持以公开为常态、不公开为例外，全年主动公开政府信息326条。\n\n"
         "二、主动公开政府信息情况\n\n（略）\n")


def _meta(text: str):
    m = load_report(text.encode("utf-8"), require_report=False).meta
    return m.title, m.agency, m.year


@pytest.mark.parametrize("head,who,expected", [
    # the report saved as one flowing paragraph: the title is its head, the body follows inline
    ("青溪县人民政府2019年 政府信息公开工作年度报告 一、总体情况2019年，我县坚持以公开为常态，全年主动公开信息326条。", None,
     ("青溪县人民政府2019年政府信息公开工作年度报告", "青溪县人民政府", 2019)),
    # a title worded "…政务信息公开工作开展年度报告"
    ("青溪县审计局2025年政务信息公开工作开展年度报告", "审计局",
     ("青溪县审计局2025年政务信息公开工作开展年度报告", "青溪县审计局", 2025)),
    # an older title "…政府信息公开工作报告(全文)"; a place named alone before 政府信息公开 is its government
    ("青溪县2012年政府信息公开工作报告(全文)", "我县", ("青溪县2012年政府信息公开工作报告(全文)", "青溪县人民政府", 2012)),
    # the site's accessibility switches copied before the title
    ("关怀版 无障碍 无障碍2015年白沙镇政府信息公开工作年度报告", "白沙镇",
     ("2015年白沙镇政府信息公开工作年度报告", "白沙镇", 2015)),
    # the agency line above a title that names the body again
    ("青溪县民政局\n\n民政局2009年政府信息公开年报", "我局",
     ("青溪县民政局民政局2009年政府信息公开年报", "青溪县民政局", 2009)),
    # a portal column name on the line above a whole title is not part of it; the preamble gives the full name
    ("乡镇(街道办)\n\n白沙镇2025年政府信息公开工作年度报告\n\n现向社会公布青溪县白沙镇2025年度政府信息公开工作年度报告。",
     "白沙镇", ("白沙镇2025年政府信息公开工作年度报告", "青溪县白沙镇", 2025)),
    # the title's short name, the preamble's with its higher-level place
    ("2009年度白沙区政府信息公开工作报告\n\n本报告由青州市白沙区编制。", "白沙区",
     ("2009年度白沙区政府信息公开工作报告", "青州市白沙区人民政府", 2009)),
    # the title uses the abbreviation the preamble defines
    ("青州新区办2022年政府信息公开工作年度报告\n\n本年度报告由青州市青州新区规划建设管理办公室(以下简称青州新区办)编制。",
     "青州新区办", ("青州新区办2022年政府信息公开工作年度报告", "青州市青州新区规划建设管理办公室", 2022)),
    # a portal's metadata label and a date with its weekday run into the title's line (issue #12, m12); the box's title
    # field (名称：…) is furniture, its value the page's title
    ("名  称: 青溪县2021年政府信息公开工作年度报告", "我县", ("青溪县2021年政府信息公开工作年度报告", "青溪县人民政府", 2021)),
    ("2022-03-01星期二青州市2021年政府信息公开工作年度报告", "我市",
     ("2022-03-01星期二青州市2021年政府信息公开工作年度报告", "青州市人民政府", 2021)),
    # "X镇人民政府信息公开…": the 政府 went into 政府信息公开
    ("2024年青溪县白沙镇人民政府信息公开工作年度报告", "我镇",
     ("2024年青溪县白沙镇人民政府信息公开工作年度报告", "青溪县白沙镇人民政府", 2024)),
    # the government's own offices ("机关") report as the government; "…工作的年度报告"
    ("青溪县人民政府机关2019年政府信息公开工作年度报告", "我县", ("青溪县人民政府机关2019年政府信息公开工作年度报告", "青溪县人民政府", 2019)),
    ("白沙乡关于2020年度政府信息公开工作的年度报告", "我乡", ("白沙乡关于2020年度政府信息公开工作的年度报告", "白沙乡", 2020)),
    # a portal's channel links with their QR codes above the title, the page's stamp and "来源: 本网" below it
    ("  • 微信 微信二维码\n  • 手机版 手机版二维码\n  • 无障碍版\n白沙镇政府2021年信息公开工作年度报告\n  • 2022-04-25 09:14\n"
     "  • 来源:本网\n  • 【字体:    ", "我镇", ("白沙镇政府2021年信息公开工作年度报告", "白沙镇政府", 2021)),
    # "…信息公开情况报告", the stamp between it and the report's first sentence
    ("分享到:\n青溪县水务局2020年度政府信息公开情况报告\n  • 2021-01-14 17:32:55\n  • 来源: 本网\n  • 发布机构:\n"
     "  根据《中华人民共和国政府信息公开条例》，现将2020年度有关政府信息公开情况报告如下：", "我局",
     ("青溪县水务局2020年度政府信息公开情况报告", "青溪县水务局", 2020)),
    # a portal's line above a whole title is not its first half; an empty "信息来源:" does not take the next line
    ("青溪县政府惠民信息微信\n\n二维码\n\n青溪县政府惠民信息微信\n青溪县2022年政府信息公开工作年度报告\n信息来源:\n分享到:", "我县",
     ("青溪县2022年政府信息公开工作年度报告", "青溪县人民政府", 2022)),
    # the body's name on the line above the title still joins it
    ("青溪县人民政府机关\n2020年政府信息公开工作年度报告", "我县", ("青溪县人民政府机关2020年政府信息公开工作年度报告", "青溪县人民政府", 2020)),
])
def test_titles_as_pages_give_them(head, who, expected):
    text = head + "\n\n" + (_BODY.format(year=expected[2], who=who) if who else "")
    assert _meta(text) == expected


@pytest.mark.parametrize("head,year,agency", [
    # a short self-name ("县统计局") and its full name written elsewhere as a whole word
    ("本报告根据《条例》编制。\n\n2023年，在县委、县政府的领导下，县统计局不断完善公开机制。\n\n"
     "（一）主动公开。青溪县统计局组织专题培训2次。", 2023, "青溪县统计局"),
    # "现向社会公布X…年度报告"
    ("根据《条例》规定，现向社会公布2022年青州农业农村局政府信息公开工作年度报告。", 2022, "青州农业农村局"),
    # a short self-name is not completed with the verb before it ("公开市X局权责清单")
    ("根据《条例》规定，现将市水利局2022年政府信息公开工作情况报告如下。\n\n"
     "（一）主动公开。公开市水利局权责清单事项30项。", 2022, None),
    # the contact is a 街道's office: the 街道
    ("本报告根据《条例》编制。如有疑问，请与青溪县白沙街道综合办公室联系（电话：0000-1234567）。", 2024, "青溪县白沙街道"),
    # the contact is a district branch of a city bureau: the branch
    ("本报告根据《条例》编制。如有疑问，请与青州市公安局白沙区分局联系，联系电话：0000-1234567。", 2022, "青州市公安局白沙区分局"),
    # only the site the report is published on names the body
    ("本报告中使用数据统计期限为2021年1月1日至12月31日。本报告的电子版可在青溪县人民政府(http://www.example.gov.cn)"
     "政府信息公开年度报告专栏获取。", 2021, "青溪县人民政府"),
    # "在……领导下，X局坚持……"
    ("根据《条例》要求编制本报告。\n\n2021年，在县委、县政府的正确领导下，青溪县住房和城乡建设局坚持依法公开。", 2021,
     "青溪县住房和城乡建设局"),
    # the body's own rules named in part one
    ("根据《条例》要求编制本报告。\n\n（一）健全制度。建立了《青溪县教育局网上信息公开审查制度》。", 2020, "青溪县教育局"),
    # a street office under a district government compiles the report: the street office (issue #12, m12)
    ("本年度报告由青州市白沙区人民政府东门街道办事处编制。报告包括总体情况等六部分。", 2024, "青州市白沙区人民政府东门街道办事处"),
    # a town named alone, without 人民政府
    ("本年报根据《条例》要求，由青溪县白沙镇编制。", 2015, "青溪县白沙镇人民政府"),
    # "现编制X人民政府信息公开工作年度报告"
    ("按照《条例》要求，现编制2021年青溪县白沙镇人民政府信息公开工作年度报告，统计期限自2021年1月1日起。", 2021,
     "青溪县白沙镇人民政府"),
    # "本机关" names no body; a development zone named in part one is no place's government
    ("依据《条例》，现向社会公布本机关2020年度政府信息公开工作年度报告。", 2020, None),
    ("根据《条例》要求编制本报告。\n\n2022年，青州高新区坚持以公开为常态。", 2022, "青州高新区"),
    # the contact is a street office whose name holds 局; "请及时联系"; a street's 党群服务中心
    ("本报告根据《条例》编制。如有疑问，请联系青州市白沙区东局子街道办事处，地址：青州市白沙区。", 2023, "青州市白沙区东局子街道办事处"),
    ("本报告根据《条例》编制。如对报告有疑问，请及时联系青州市白沙区山前街道办事处信息公开办公室(地址：略)。", 2023,
     "青州市白沙区山前街道办事处"),
    ("本报告根据《条例》编制。如有疑问，请与白沙区东门街道党群服务中心联系。", 2024, "白沙区东门街道"),
    # the contact is a department office of the government (外事办公室), not the government's own office
    ("本报告根据《条例》编制。如有疑问，请与青州市人民政府外事办公室联系。", 2022, "青州市人民政府外事办公室"),
    ("本报告根据《条例》编制。如有疑问，请与青州市人民政府办公室联系。", 2022, "青州市人民政府"),
    # a district named alone in the title, its city written before it in the address: the city is added
    ("和平区2021年政府信息公开工作年度报告\n\n如有疑问，请与和平区政务公开办公室联系（地址：沈阳市和平区南京北街）。", 2021,
     "沈阳市和平区人民政府"),
    ("东城区2021年政府信息公开工作年度报告\n\n如有疑问，请与东城区政务服务局联系（地址：北京市东城区正义路）。", 2021,
     "北京市东城区人民政府"),
    # "现就X…报告如下"; the verbs before a name ("及时公开"), but not a contact's first character (将乐县)
    ("依据《条例》有关规定，现就青溪县交通运输局2023年度政府信息公开工作报告如下。", 2023, "青溪县交通运输局"),
    ("本报告结合2024年及时公开区司法局工作实际编制。如有疑问，请与青州市白沙区司法局办公室联系。", 2024, "青州市白沙区司法局"),
    ("本报告依据《条例》编制。如有疑问，请与将乐县政府办电子政务科联系。", 2022, "将乐县政府"),
    # a town's office under the district government: the town
    ("本报告依据《条例》编制。如有疑问，请与青州市白沙区人民政府水东镇办公室联系。", 2022, "青州市白沙区人民政府水东镇"),
    # part one's first sentence after "按照…工作部署，"
    ("依据《条例》第五十条规定，编制本报告。\n\n一、总体情况\n\n按照青州市和白沙区工作部署，青州市白沙区发展和改革委员会加强政务公开制度建设，按季度检查公开栏目。",
     2021, "青州市白沙区发展和改革委员会"),
    # the body names itself as the one that publishes, compiles or offers this report (issue #12, m13)
    ("青溪县白沙办事处向社会公布2021年度本级政府信息公开年度报告。本报告共分六个部分。", 2021, "青溪县白沙办事处"),
    ("根据《条例》规定，现公布青溪县白沙办事处(白沙园区)2024年政府信息公开工作年度报告。", 2024, "青溪县白沙办事处(白沙园区)"),
    ("本报告是根据《条例》要求，由青州市白沙区信息化工作办公室编制的2018年度政府信息公开工作年度报告。", 2018,
     "青州市白沙区信息化工作办公室"),
    ("根据青溪县人民政府办公室《关于做好2022年政府信息公开年度报告的通知》要求，青溪县市场监督管理局结合单位实际，"
     "编制本单位2022年度政务公开工作年度报告。", 2022, "青溪县市场监督管理局"),
    ("本报告根据《条例》编制。青州市白沙区人民政府办公室提供本报告的电子版下载(网址略)。", 2023, "青州市白沙区人民政府办公室"),
    ("青溪县人民政府办公室关于 报送青溪县2019年政府信息公开 工作年度报告的报告\n\n现将报告随文报来，请予审定。", 2019,
     "青溪县人民政府"),
    # the contact is the place's disclosure office: its government; a development zone's: the zone
    ("本报告根据《条例》编制。如有疑问请与青州市信息公开办公室联系(地址略)。", 2019, "青州市人民政府"),
    ("本报告根据《条例》编制。如有疑问，请与青州经开区政务公开办公室联系。", 2022, "青州经开区"),
    # near misses: a site the report is put on, a superior's notice, a report named in an ordinary sentence
    ("本报告根据《条例》编制。报告电子版通过青州市人民政府网站全文公开。", 2019, None),
    ("本报告根据《条例》编制。青州市人民政府办公室印发《关于做好2022年度政府信息公开工作年度报告的通知》。", 2022, None),
    ("本报告根据《条例》编制。\n\n2023年，青州市人民政府发布2022年度政府信息公开工作年度报告一份。", 2023, None),
    ("根据《条例》规定，现公布青溪县白沙镇人民政府(机关)2021年政府信息公开工作年度报告。", 2021, "青溪县白沙镇人民政府"),
])
def test_copied_page_text_names_its_body(head, year, agency):
    text = head + "\n\n" + _BODY.format(year=year, who="我局")
    assert _meta(text)[1:] == (agency, year)


@pytest.mark.parametrize("text,meta,starts", [
    # breadcrumb, 来源/时间, share buttons, then the report with its title again
    ("当前位置： 首页政务公开政府信息公开年报 青溪县水利局2013年信息公开年度报告 来源：青溪县人民政府 "
     "时间：2014-02-25 00:00 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 青溪县水利局2013年 信息公开年度报告 "
     "根据《中华人民共和国政府信息公开条例》，特向社会公布2013年度青溪县水利局信息公开年度报告。"
     "本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。 一、概述 2013年我局不断完善公开内容。",
     ("青溪县水利局2013年信息公开年度报告", "青溪县水利局", 2013), "青溪县水利局2013年 信息公开年度报告 根据"),
    # the report's first sentence names a title-like phrase ("编制2020年度政府信息公开年度报告"): it stays
    ("当前位置： 首页政务公开政府信息公开青溪县审批局政府信息公开年报 青溪县审批局2020年政府信息公开工作年度报告 来源： "
     "时间：2021-01-27 15:41 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： 根据《中华人民共和国政府信息公开条例》"
     "要求，结合我局实际，编制2020年度政府信息公开年度报告。本报告中所列数据的统计期限为2020年1月1日至2020年12月31日。"
     "如有疑问，请与青溪县审批局办公室联系。一、总体情况2020年，我局全年公开政务信息356条。",
     (None, "青溪县审批局", 2020), "根据《中华人民共和国政府信息公开条例》要求，结合我局实际，编制2020年度"),
    # the saved line opens with the breadcrumb's title, then the chrome
    ("青溪县财政局2020年度政府信息公开工作年度报告 来源： 时间：2021-01-28 09:43 --> 微信 微博 QQ空间 全真版 文字版 "
     "文件下载 相关链接： 青溪县财政局2020年度 政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》要求，"
     "结合我局工作实际，现编制完成了本报告。本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"
     " 一、总体情况 2020年，我局扎实推进政务公开工作。",
     ("青溪县财政局2020年度政府信息公开工作年度报告", "青溪县财政局", 2020), "青溪县财政局2020年度 政府信息公开工作年度报告 根据"),
])
def test_site_chrome_run_together_with_the_report_is_cut(text, meta, starts):
    """A saved page flattened to one line: the chrome ends at its last chrome word before the report's first long
    sentence, whatever titles it names."""
    rep = load_report(text.encode("utf-8"), require_report=False)
    assert _meta(text) == meta
    assert rep.text.startswith(starts) and "微博" not in rep.text and "当前位置" not in rep.text


def test_flowing_report_keeps_its_text_after_the_title():
    # one flowing paragraph: the title is its head; the rest is the report's text, read by the prose rules
    text = "青溪县人民政府2019年 政府信息公开工作年度报告 一、总体情况2019年，我县主动公开政府信息8769条。其中，网站发布2100条。"
    rep = load_report(text.encode("utf-8"), require_report=False)
    assert [rep.text[p.loc.start:p.loc.end] for p in rep.preamble] == [
        "一、总体情况2019年，我县主动公开政府信息8769条。其中，网站发布2100条。"]


@pytest.mark.parametrize("agency,level", [
    # a county-level city (six-digit division code) is a county-level government; a prefecture-level city is not
    ("义乌市人民政府", "county_gov"), ("浙江省义乌市人民政府", "county_gov"), ("金华市人民政府", "city_gov"),
    ("溪州市人民政府", "city_gov"),  # not in the division table: as its name says
    ("天津市人民政府", "province_gov"), ("金华市人民政府研究室", "department"), ("金华市人民政府参事室", "department"),
    ("青州新区临港产业发展局(临港产业区管委会)", "department"),  # its other name in brackets after it
    # a 办事处 without 街道 is a street office, a province's office in the capital is not; a zone named alone stays
    # unknown (which deadline applies to it is not known: tests/rules/test_dates.py)
    ("青溪县白沙办事处", "street"), ("青溪县白沙办事处(白沙园区)", "street"), ("青州省驻京办事处", "department"),
    ("青州经济技术开发区", None),
])
def test_level_of_the_body(agency, level):
    from nianbao.structure.meta import agency_level

    assert agency_level(agency) == level


@pytest.mark.parametrize("text,code", [
    ("本报告根据《条例》编制。\n\n一、总体情况\n\n2023年，我局主动公开政府信息326条。", "agency_not_read"),
    ("青溪县白沙垦殖场2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，我局主动公开政府信息326条。", "agency_kind_unknown"),
    ("青溪县2023年政府信息公开工作年度报告\n\n一、总体情况\n\n2023年，我县主动公开政府信息326条。", None),
])
def test_a_body_not_read_is_a_reading_note(text, code):
    """Not reading the body is said in the audit's reading notes, never charged (issue #12, m12)."""
    from nianbao.structure.reading import assess

    notes = [n.code for n in assess(load_report(text.encode("utf-8"), require_report=False)).notes
             if n.code.startswith("agency_")]
    assert notes == ([code] if code else [])
