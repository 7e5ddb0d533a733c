"""K-07 本单位的表述中出现其他行政区的名称: exact findings, judged with the gazetteer of divisions."""

from __future__ import annotations

import pytest

from nianbao import divisions
from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule

HEAD = "淮安市洪泽区教育体育局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(text: str) -> list[tuple[str, str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, f.evidence, f.message) for f in audit_report(report, only=["K-07"], use_classifier=False).findings]


def test_the_failing_example_names_the_other_province_and_why():
    failing = next(e for e in get_rule("K-07").examples if e.fails)
    assert _found(failing.text) == [
        ("K-07", "广东省", "本报告由“怀化市中方县林业局”（怀化市中方县）发布，网站、平台或政务公开工作中却写有"
                         "“广东省”（省级行政区），既非本地也非上级或下级行政区，疑为套用其他地方报告留下的名称。"),
    ]
    assert get_rule("K-07").severity == "warning"


def test_the_passing_example_gives_nothing():
    assert all(_found(e.text) == [] for e in get_rule("K-07").examples if not e.fails)


@pytest.mark.parametrize(("sentence", "expect"), [
    # the compiler line names a sibling county of the same prefecture
    ("本报告由盱眙县教育体育局编制，电子版可在洪泽区人民政府门户网站下载。", [("盱眙县", "编制单位", "属淮安市")]),
    # the contact line: the province and the prefecture are ours, the county is not
    ("联系地址：江苏省淮安市金湖县神华大道，邮编211600。", [("金湖县", "联系地址", "属淮安市")]),
    # a short form directly before its own platform
    ("申请人可通过浙江政务服务网提交申请。", [("浙江", "网站、平台或政务公开工作", "省级行政区")]),
    # another county's party committee and government as the ones the bureau works under
    ("在涟水县委、县政府的坚强领导下，我局扎实推进政务公开。", [("涟水县", "网站、平台或政务公开工作", "属淮安市")]),
    # the preamble names another county's annual report as this one
    ("现将盱眙县2023年政府信息公开工作年度报告公布如下。", [("盱眙县", "网站、平台或政务公开工作", "属淮安市")]),
    # a place of the report's own level beside its self-reference 全区
    ("2023年，清江浦区全区共主动公开政府信息1200条。", [("清江浦区", "自称“全区”的句子", "属淮安市")]),
    # a name that repeats across the country (鼓楼区) is only foreign when none of its readings is ours
    ("及时在鼓楼区政府信息公开专栏发布。", [("鼓楼区", "网站、平台或政务公开工作", "多地同名")]),
])
def test_other_jurisdiction_where_the_report_speaks_of_itself(sentence, expect):
    found = _found(HEAD + sentence)
    assert [(e, m.split("发布，")[1].split("中却")[0], m.split("（")[2].split("）")[0]) for _, e, m in found] == expect


@pytest.mark.parametrize("sentence", [
    # our own places, above and below: province, prefecture, district, and the district's own platform
    "本报告由淮安市洪泽区人民政府办公室编制，可在江苏政务服务网和洪泽区人民政府门户网站查阅。",
    "联系地址：江苏省淮安市洪泽区东七街，电话0517-87222222。",
    # a neighbour in ordinary context: joint work, visits, pairing aid, cross-region services, transfers
    "组织信息员赴金湖县学习政务公开经验，与宿迁市泗洪县开展政务服务跨区域通办。",
    "与新疆维吾尔自治区伊犁哈萨克自治州对口帮扶单位交流政务公开工作。",
    "对不属于本机关公开的申请，告知申请人向盱眙县人民政府信息公开工作机构申请。",
    # two-character names are read only after their own prefecture or province (《条例》和县政府 is 和 + 县政府)
    "认真贯彻落实《条例》和县政府对政府信息公开工作的部署。",
    # a neighbour beside 全区 in ordinary context, and a place of another level
    "全区与清江浦区联合开展政务公开培训，全区信息员参加淮安市组织的业务考试。",
    # a quoted document title
    "转发《金湖县政府信息公开工作考核办法》。",
])
def test_own_places_and_ordinary_mentions_give_nothing(sentence):
    assert _found(HEAD + sentence) == []


def test_a_prefecture_city_bureau_calling_itself_a_district():
    text = "衢州市民政局2023年政府信息公开工作年度报告\n一、总体情况\n全年公开本区低保、特困供养标准调整情况。"
    report = load_report(text, require_report=False)
    assert [(f.rule, f.evidence, f.message, f.suggestion, f.severity)
            for f in audit_report(report, only=["K-07"], use_classifier=False).findings] == [
        ("K-07", "本区", "本报告由“衢州市民政局”（衢州市，地级市）发布，正文却自称“本区”，地级市的机关不会以“区”自称，"
                       "疑为套用区、县报告留下的写法。", "把“本区”改为“本市”，并通读全文查找其他套用痕迹。", "warning"),
    ]


@pytest.mark.parametrize("text", [
    # in an autonomous region 我区 is the region
    "南宁市民政局2021年政府信息公开工作年度报告\n一、总体情况\n按照我区政务公开工作要点推进工作。",
    # a district branch of a city bureau speaks of its district
    "丽水市生态环境局莲都分局2021年政府信息公开工作年度报告\n一、总体情况\n本区环境质量信息按月公开。",
    # a county's bureau is a 县's: 本县 is its own word
    "丽水市青田县民政局2021年政府信息公开工作年度报告\n一、总体情况\n本县社会救助政策全部公开。",
    # a bureau of a city's cooperation zone (a 区 of its own, not in the gazetteer) speaks of the zone
    "深圳市深汕特别合作区应急管理局2022年政府信息公开工作年度报告\n一、总体情况\n以我区官方门户网站平台为依托公开政府信息。",
])
def test_lower_self_reference_where_it_is_right(text):
    assert _found(text) == []


def test_a_body_whose_place_is_not_in_the_gazetteer_is_not_judged():
    # a fictional county: no place of our own to compare with, so nothing is said
    assert _found("青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n本报告由盱眙县林业局编制。") == []


def test_gazetteer_lookups():
    assert [d.code for d in divisions.lookup("洪泽区")] == ["320813"]
    assert [d.name for d in divisions.lookup("洪泽", short=True)] == ["洪泽区"]
    assert divisions.lookup("淮安", short=True)[0].name == "淮安市"
    assert [d.short for d in divisions.lookup("恩施土家族苗族自治州")] == ["恩施"]
    assert divisions.parent(divisions.lookup("洪泽区")[0]).name == "淮安市"
    assert [d.code for d in divisions.resolve(["福州市", "鼓楼区"])] == ["350102"]
    assert len(divisions.lookup("鼓楼区")) == 4
    # a special zone is judged as the county that hosts it
    assert [d.name for d in divisions.resolve(["平潭综合实验区"])] == ["平潭县"]
