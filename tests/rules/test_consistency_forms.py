"""Consistency forms (issue #12, helper t12f): the forms reports use to state a count, a total and its parts, read by
K-02 and K-06 — exact findings on sentences we wrote, with near misses."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from nianbao.rules.counts import COUNT_RE, value
from nianbao.rules.engine import run_rules

BUREAU = "青溪县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n"


def found(body: str, codes: list[str], head: str = BUREAU) -> list[tuple[str, str, str]]:
    r = load_report(head + body, require_report=False)
    return [(f.rule, f.evidence, f.severity) for f in run_rules(r, only=codes)]


@pytest.mark.parametrize("written, n", [("12", 12), ("十二", 12), ("两", 2), ("十", 10), ("二十", 20), ("三十五", 35),
                                        ("一百零三", 103), ("两千三百", 2300), ("一千零一", 1001), ("二〇二三", 2023)])
def test_value_of_a_count(written, n):
    assert value(written) == n


@pytest.mark.parametrize("text, counts", [
    ("收到申请一件。", [("一", "件")]),
    ("共收到申请两件，其中自然人十二件", [("两", "件"), ("十二", "件")]),
    ("推行一件事一次办，一次性告知", []),  # 一 alone only as a count that ends its clause
    ("依据条例第五十条规定", []),  # an ordinal
    ("走进千家万户", []),
    ("公开1600余条，占比30%", []),
])
def test_counts_in_digits_and_in_chinese_numerals(text, counts):
    assert [(m.group("n"), m.group("u")) for m in COUNT_RE.finditer(text)] == counts


def test_sum_in_chinese_numerals():
    body = "2023年共主动公开政府信息二十条，其中工作动态十条、通知公告五条、其他信息三条。"
    assert found(body, ["K-02", "K-06"]) == [
        ("K-02", "共主动公开政府信息二十条，其中工作动态十条、通知公告五条、其他信息三条", "warning")]


def test_a_total_with_gong_broken_down_after_baokuo_is_checked():
    # K-02 reads 其中 lists; one opened by 包括/a colon after a 共/共计 total is K-06's (no rule read it before)
    body = "全年公开各类政府信息共计2100条，包括：人事信息10条，政务动态1200条，公告公示300条，解读信息90条，其他类信息800条。"
    assert found(body, ["K-02", "K-06"]) == [
        ("K-06", "2100条，包括：人事信息10条，政务动态1200条，公告公示300条，解读信息90条，其他类信息800条", "info")]
    fits = "全年公开各类政府信息共计2400条，包括：人事信息10条，政务动态1200条，公告公示300条，解读信息90条，其他类信息800条。"
    assert found(fits, ["K-02", "K-06"]) == []


def test_a_list_that_reaches_its_total_with_the_rest_and_goes_on_is_over_listed():
    body = "2023年共主动公开政府信息20条，其中工作动态10条、通知公告5条、其他信息5条、政策解读3条。"
    assert found(body, ["K-02", "K-06"]) == [
        ("K-02", "共主动公开政府信息20条，其中工作动态10条、通知公告5条、其他信息5条、政策解读3条", "warning")]
    # reached by two named kinds, then another quantity: the total and its parts, and something else
    near = "2023年共接待群众咨询20人次，其中电话咨询12人次、现场咨询8人次、网站留言3人次。"
    assert found(near, ["K-02", "K-06"]) == []


def test_received_in_chinese_numerals():
    assert found("本年度未收到政府信息公开申请。全年共收到政府信息公开申请两件，均已答复。", ["K-06"]) == [
        ("K-06", "收到政府信息公开申请两件", "warning")]
    assert found("2023年，我局收到政府信息公开申请五件。本年度我局共收到政府信息公开申请七件。", ["K-06"]) == [
        ("K-06", "共收到政府信息公开申请七件", "warning")]
    # zero requests, said twice in two ways, is no contradiction
    assert found("本年度收到政府信息公开申请0件。2023年，我局未收到政府信息公开申请。", ["K-06"]) == []


def test_a_long_paragraph_without_a_full_stop_is_read():
    """A list is read at most LIST_MAX characters after its count: the checks stay linear in a paragraph with no 。
    (a run of 2,000 lists), and every one of its lists is still judged."""
    body = "，".join(f"公开信息{20 + i % 5}条，其中动态10条、公告5条、其他{i % 5}条" for i in range(2000)) + "。"
    fs = found(body, ["K-06"])
    assert len(fs) == 2000 and {f[0] for f in fs} == {"K-06"}


@pytest.mark.parametrize("body, evidence", [
    # how requests were answered, with each share after its count
    ("本年度收到政府信息公开申请9件，其中：予以公开4件，占44%；部分公开2件，占22%；无法提供1件，占11%。",
     "9件，其中：予以公开4件，占44%；部分公开2件，占22%；无法提供1件"),
    # how requests came in: two kinds of one closed set name every part
    ("本年度收到政府信息公开申请9件，其中网上申请5件、信函申请3件。", "9件，其中网上申请5件、信函申请3件"),
])
def test_breakdowns_by_the_kinds_of_table_three(body, evidence):
    assert found(body, ["K-02", "K-06"]) == [("K-06", evidence, "info")]


@pytest.mark.parametrize("body", [
    "本年度收到政府信息公开申请9件，其中：予以公开6件，占66.7%；部分公开2件，占22.2%；无法提供1件，占11.1%。",  # adds up
    "本年度收到政府信息公开申请9件，其中予以公开5件，不予公开2件，无法提供1件，其余正在办理。",  # the rest named
    "全年发布信息90条，其中网站发布50条、微信发布30条。",  # kinds of publication: not a closed set
    "本年度收到政府信息公开申请9件，其中涉及土地征收5件、涉及社会保障3件。",  # topics: not a closed set
    # the breakdown after a carried count is of the year's and the carried requests together
    "本年度共收到政府信息公开申请9件，上年结转申请2件，其中：当面申请3件，信函申请1件，网络申请7件。",
])
def test_breakdowns_by_kind_near_misses(body):
    assert found(body, ["K-02", "K-06"]) == []


@pytest.mark.parametrize("body, evidence", [
    ("本年度无依申请公开事项。\n（二）依申请公开\n我局受理依申请公开3件，均已答复。", "受理依申请公开3件"),
    ("本年度收到政府信息公开申请0件。\n（二）依申请公开\n我局收到政府信息公开申请2件。", "收到政府信息公开申请2件"),
    ("本年度未发生因政府信息公开被申请行政复议的情况。\n（二）依申请公开\n因政府信息公开引发行政复议1起，已审结。", "行政复议1起"),
    ("因政府信息公开被提起行政诉讼2件。\n（二）依申请公开\n全年未发生因政府信息公开被提起行政诉讼的情况。",
     "未发生因政府信息公开被提起行政诉讼"),
])
def test_none_beside_some(body, evidence):
    assert found(body, ["K-06"]) == [("K-06", evidence, "warning")]


@pytest.mark.parametrize("body", [
    "本年度通过信函收到政府信息公开申请0件，网上收到政府信息公开申请3件。",  # one channel's none
    "未出现行政复议被纠错的情况。因政府信息公开引发行政复议1起。",  # none against the body, not none at all
    "2022年未收到政府信息公开申请。2023年收到政府信息公开申请2件。",  # another year
    "未收到行政复议申请。本年度收到政府信息公开申请2件。",  # another matter
    "全年办理行政复议案件12件。未发生因政府信息公开被申请行政复议的情况。",  # cases the body decides, not about disclosure
])
def test_none_beside_some_near_misses(body):
    assert found(body, ["K-06"]) == []


@pytest.mark.parametrize("body, evidence", [
    ("2023年，我局主动公开政府信息120条。\n（一）主动公开\n全年主动公开政府信息112条，其中通知公告60条。", "全年主动公开政府信息112条"),
    ("因政府信息公开引发行政复议2件。\n四、行政复议\n本年度因政府信息公开被申请行政复议3件，结果维持2件。", "行政复议3件"),
])
def test_the_same_count_stated_twice(body, evidence):
    assert found(body, ["K-06"]) == [("K-06", evidence, "warning")]


@pytest.mark.parametrize("body", [
    "2023年，我局主动公开政府信息120条。\n（一）主动公开\n全年通过网站主动公开政府信息112条。",  # one channel's
    "2023年，我局主动公开政府信息120条。截至年底累计主动公开政府信息1120条。",  # the whole history
    "因政府信息公开引发行政复议2件，其中行政复议结果维持1件，尚未审结行政复议1件。",  # its outcomes
    "全年办理行政复议案件12件。\n四、行政复议\n本年度因政府信息公开被申请行政复议1件。",  # cases the body decides
])
def test_the_same_count_stated_twice_near_misses(body):
    assert found(body, ["K-06"]) == []


# --------------------------------------------------------------------------------------------- K-03 level vocabulary


@pytest.mark.parametrize("head, body, evidence", [
    ("青溪旗白沙镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我镇主动公开信息80条，我旗政务公开工作稳步推进。", "我旗"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我县主动公开信息800条，我旗政务公开工作稳步推进。", "我旗"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我县主动公开信息800条，我州政务公开工作稳步推进。", "我州"),
    ("白云藏族自治州人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我州主动公开信息900条，我市政务公开工作稳步推进。", "我市"),
    ("青溪县政务服务中心2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我中心主动公开信息80条，我局按时答复申请。", "我局"),
])
def test_self_reference_of_another_kind_by_level(head, body, evidence):
    assert found(body, ["K-03"], head) == [("K-03", evidence, "info")]


@pytest.mark.parametrize("head, body", [
    ("青溪旗人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我旗主动公开信息800条，我区（自治区）政务公开要点已落实。"),
    ("白云藏族自治州人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我州主动公开信息900条。"),
    ("青溪县政务服务中心2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，本中心主动公开信息80条，我中心旗帜鲜明讲政治。"),
])
def test_self_reference_by_level_near_misses(head, body):
    assert found(body, ["K-03"], head) == []


def test_the_reports_own_name_naming_a_body_of_another_kind():
    head = "白沙镇人民政府2023年政府信息公开工作年度报告\n"
    body = "根据《条例》规定，现将青溪县市场监督管理局2023年政府信息公开工作年度报告公布如下。\n一、总体情况\n2023年，我镇主动公开信息80条。"
    assert found(body, ["K-03"], head) == [("K-03", "青溪县市场监督管理局", "info")]


@pytest.mark.parametrize("head, body", [
    # a government's office publishes its government's report
    ("青溪县人民政府办公室2023年政府信息公开工作年度报告\n", "现将青溪县人民政府2023年政府信息公开工作年度报告公布如下。\n一、总体情况\n"),
    # the body's own name, and a body of its own kind under another name (an old name: K-07 judges places)
    ("青溪县交通运输局2023年政府信息公开工作年度报告\n", "现将青溪县交通局2023年政府信息公开工作年度报告公布如下。\n一、总体情况\n"),
    ("白沙镇人民政府2023年政府信息公开工作年度报告\n", "现将我镇2023年政府信息公开工作年度报告公布如下。\n一、总体情况\n"),
])
def test_the_reports_own_name_near_misses(head, body):
    assert found(body + "2023年，全年主动公开信息80条。", ["K-03"], head) == []


# --------------------------------------------------------------------------------------------- K-06 shares


@pytest.mark.parametrize("body, evidence", [
    ("本年度收到政府信息公开申请8件，其中网络申请3件，占43%，信函申请5件。", "43%"),  # a count broken down in its sentence
    ("全年共主动公开政府信息80条，其中工作动态60条，占主动公开信息总数的60%。", "60%"),
    ("全年共主动公开政府信息80条，其中工作动态60条（占比60%）。", "60%"),
])
def test_share_forms(body, evidence):
    assert found(body, ["K-06"]) == [("K-06", evidence, "warning")]


@pytest.mark.parametrize("body", [
    "本年度收到政府信息公开申请7件，其中网络申请3件，占43%，信函申请4件，占57%。",
    "全年共主动公开政府信息80条，其中工作动态60条，占全县信息公开总量的3%。",  # another body's whole
    "全年窗口共受理事项430件，占政务服务大厅办件总量58%。",
])
def test_share_forms_near_misses(body):
    assert found(body, ["K-06"]) == []


# --------------------------------------------------------------------------------------------- K-06 the year's flow


@pytest.mark.parametrize("body, evidence", [
    ("本年度收到政府信息公开申请10件，已办结7件，结转下年度2件。", "收到政府信息公开申请10件，已办结7件，结转下年度2件"),
    ("本年度收到政府信息公开申请10件，上年结转2件，办结9件，结转下年度2件。", "收到政府信息公开申请10件，上年结转2件，办结9件，结转下年度2件"),
])
def test_the_years_requests_must_balance(body, evidence):
    assert found(body, ["K-06"]) == [("K-06", evidence, "warning")]


@pytest.mark.parametrize("body", [
    "本年度收到政府信息公开申请10件，办结8件，结转下年度2件。",
    "本年度收到政府信息公开申请10件，办结9件，结转下年度2件。",  # one carried over from last year, unstated
    "本年度收到政府信息公开申请10件，办结8件。",  # the rest unstated
    "本年度通过网络收到政府信息公开申请10件，办结7件，结转下年度2件。",  # one channel's
    "全区共收到政府信息公开申请10件，其中区政府本级办结7件，结转下年度2件。",  # one part of the body
])
def test_the_years_requests_near_misses(body):
    assert found(body, ["K-06"]) == []


@pytest.mark.parametrize("body, evidence", [
    ("本年度收到政府信息公开申请75件，涉及自然人70件、商业企业3件。", "75件，涉及自然人70件、商业企业3件"),
    ("全年主动公开政府信息60条，具体为：工作动态30条、通知公告20条、其他信息5条。", "60条，具体为：工作动态30条、通知公告20条、其他信息5条"),
])
def test_other_words_that_open_a_breakdown(body, evidence):
    assert found(body, ["K-02", "K-06"]) == [("K-06", evidence, "info")]


def test_topics_are_no_breakdown():
    body = "全年公开部门动态3718条，涉及重点领域信息350条、民生信息120条、其他信息30条。"
    assert found(body, ["K-02", "K-06"]) == []


def test_pieces_of_information_counted_in_mixed_units():
    body = "全年主动公开政府信息60条，其中部门文件20件，通知公告16条，政策解读5篇，其他信息10条。"
    assert found(body, ["K-02", "K-06"]) == [("K-06", "60条，其中部门文件20件，通知公告16条，政策解读5篇，其他信息10条", "info")]


@pytest.mark.parametrize("body", [
    "全年主动公开政府信息51条，其中部门文件20件，通知公告16条，政策解读5篇，其他信息10条。",  # adds up
    # the total's own unit reaches it, then documents and articles: another quantity
    "全年主动公开政府信息90条，其中重点领域信息60条，其他信息30条，主动公开文件12份，发布政策解读4篇。",
    # two items in two units: two quantities
    "全年共主动公开政府信息60条，其中乡镇文件20条，通过微信公众号发布信息90篇。",
])
def test_mixed_units_near_misses(body):
    assert found(body, ["K-02", "K-06"]) == []


@pytest.mark.parametrize("head, body, evidence, severity", [
    ("青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n", "（一）部署推进全省政务公开工作。街道全年公开信息80条。",
     "部署推进全省政务公开工作", "warning"),
    ("青溪县人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n", "本年度处理市本级依申请公开件12件。", "市本级", "info"),
    # a sub-heading, which is no sentence
    ("青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n", "（一）部署推进全省政务公开工作\n街道全年公开信息80条。",
     "部署推进全省政务公开工作", "warning"),
    # one level up, but steering the whole of it: that level's own office's work, not a county's
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "加大对全市政务公开工作的推进、指导、协调力度。",
     "对全市政务公开工作的推进、指导", "warning"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "统筹全市政务公开工作，全年公开信息300条。",
     "统筹全市政务公开工作", "warning"),
])
def test_a_scope_above_the_bodys_own(head, body, evidence, severity):
    assert found(body, ["K-03"], head) == [("K-03", evidence, severity)]


@pytest.mark.parametrize("body", [
    "在市政务公开办的指导下，积极推进全市政务公开工作，全年公开信息300条。",  # taking part in the city's work
    "配合做好全市政务公开工作的推进，按时报送信息。",
])
def test_taking_part_in_the_level_above_is_no_scope_slip(body):
    assert found(body, ["K-03"], "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n") == []


@pytest.mark.parametrize("head, body", [
    ("青溪县东山街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n", "（一）组织推动全街道政务公开工作。按照全省统一部署开展培训。"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "县政府办公室指导、协调全县政府信息公开工作，县本级公开信息800条。"),
    ("晋江市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "稳步推进全市政府信息公开各项工作。"),  # a county-level city
])
def test_a_scope_of_the_bodys_own_level(head, body):
    assert found(body, ["K-03"], head) == []


def test_a_share_no_whole_number_of_the_requests_can_have():
    body = "本年度共受理政府信息公开申请5件。\n从所申请信息的内容看，60%是涉及教育类信息，30%是涉及住建类信息，其余是涉及其他信息。"
    assert found(body, ["K-06"]) == [("K-06", "30%", "warning")]
    ok = "本年度共受理政府信息公开申请5件。\n从所申请信息的内容看，60%是涉及教育类信息，20%是涉及住建类信息，其余是涉及其他信息。"
    assert found(ok, ["K-06"]) == []


def test_no_request_then_its_form_described():
    body = "2023年，我局受理政府信息公开申请0件。主要申请形式依然是网站申请，均按时办结。"
    assert found(body, ["K-06"]) == [("K-06", "主要申请形式依然是网站申请", "warning")]
    assert found("2023年，我局受理政府信息公开申请0件。上年主要申请形式是网站申请。", ["K-06"]) == []
    assert found("2023年，我局受理政府信息公开申请6件。主要申请形式是网站申请。", ["K-06"]) == []


def test_an_item_whose_name_holds_a_verb_after_a_semicolon():
    body = "全年通过政府门户主动公开信息100条，其中，工作动态60条；法定主动公开35条；政府信息公开指南1条；其他信息10条。"
    assert found(body, ["K-02", "K-06"]) == [
        ("K-06", "100条，其中，工作动态60条；法定主动公开35条；政府信息公开指南1条；其他信息10条", "info")]


@pytest.mark.parametrize("body", [
    # the breakdown reaches its total before the first ；: the clauses after it are more statements
    "全年共计主动公开本局发文6条，其中业务工作6条；工作动态类信息38条；通知公告9条。",
    # a channel's statement after ；
    "全年公开政府信息60条，其中行政许可类20条、行政处罚10条、工程信息30条；通过媒体途径公开信息共40条。",
])
def test_clauses_after_a_semicolon_near_misses(body):
    assert found(body, ["K-02", "K-06"]) == []


def test_ways_declared_and_ways_listed():
    body = "（三）公开平台。我局主要通过以下四种方式公开信息：一是通过门户网站公开。二是通过政务公开栏公开。三是通过微信公众号公开。"
    assert found(body, ["K-06"]) == [("K-06", "四种方式公开信息", "warning")]
    ok = "（三）公开平台。我局主要通过以下三种方式公开信息：一是通过门户网站公开。二是通过政务公开栏公开。三是通过微信公众号公开。"
    assert found(ok, ["K-06"]) == []
    # a list continued in later paragraphs is not read
    later = "（三）下一步工作。我局将从以下三个方面改进：\n（一）深化公开内容。\n（二）加强培训。\n（三）完善平台。"
    assert found(later, ["K-06"]) == []


def test_a_breakdown_that_goes_on_in_the_next_enumerated_item():
    body = "2023年，我局主动公开各类政府信息共计120条。一是通过网站公开法定主动公开信息30条，工作动态40条，其他信息10条。二是在报刊发布信息40条。"
    assert found(body, ["K-06"]) == []


@pytest.mark.parametrize("head, body", [
    # a township's office speaks as its township
    ("吉村镇人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，我镇主动公开信息80条。"),
    # a development zone's street works as a department of the zone
    ("青溪经济技术开发区东山街道2023年政府信息公开工作年度报告\n一、总体情况\n", "协助区管委会办公室维护本街道负责的网站栏目。"),
])
def test_self_reference_of_offices_and_zone_streets(head, body):
    assert found(body, ["K-03"], head) == []


def test_kinds_named_as_the_breakdowns_words():
    body = "我局主动公开政府信息96条，公开类别主要涉及机构职能类信息1条、重大建设项目信息2条、其他类信息10条。"
    assert found(body, ["K-02", "K-06"]) == [("K-06", "96条，公开类别主要涉及机构职能类信息1条、重大建设项目信息2条、其他类信息10条", "info")]
    ok = "我局主动公开政府信息13条，公开类别主要涉及机构职能类信息1条、重大建设项目信息2条、其他类信息10条。"
    assert found(ok, ["K-02", "K-06"]) == []


@pytest.mark.parametrize("head, body, evidence", [
    ("青溪县自然资源局2023年政府信息公开工作年度报告\n一、总体情况\n", "着力推进生态环境工作的信息公开，及时发布决策和执行情况。", "生态环境工作"),
    ("青溪县东山镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，东山镇聚焦市场监管工作，加大公开力度。", "市场监管工作"),
])
def test_another_departments_field(head, body, evidence):
    assert found(body, ["K-03"], head) == [("K-03", evidence, "info")]


@pytest.mark.parametrize("head, body", [
    ("青溪县生态环境局2023年政府信息公开工作年度报告\n一、总体情况\n", "着力推进生态环境工作的信息公开，及时发布决策和执行情况。"),
    ("青溪县东山镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，东山镇聚焦农业农村工作，加大公开力度。"),
    ("青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", "2023年，全县聚焦市场监管工作，加大公开力度。"),
])
def test_own_field_near_misses(head, body):
    assert found(body, ["K-03"], head) == []


def test_a_body_addressed_as_your_office():
    body = "按照县政务公开办通知和贵办要求，我局编制了2023年度政府信息公开报告，现向社会公布。"
    assert found(body, ["K-03"]) == [("K-03", "贵办", "warning")]
    assert found("我局在贵州省政府网站公开信息，贵阳市民可查阅。", ["K-03"]) == []


def test_kinds_named_right_after_a_whole():
    body = "本年度我局向县人民政府网站累计公布信息58条，工作动态40条，项目管理9条，安全监管6条，执法信息2条，局长信箱回复4条。"
    assert found(body, ["K-02", "K-06"]) == [("K-06", "58条，工作动态40条，项目管理9条，安全监管6条，执法信息2条", "info")]


@pytest.mark.parametrize("body", [
    "本年度我局累计公布信息57条，工作动态40条，项目管理9条，安全监管6条，执法信息2条，局长信箱回复4条。",  # adds up
    "本年度主动公开的信息中，局主要职责2条，法规规章2条，规范性文件1条，人事管理5条。",  # the first count is an item
    "全年主动公开信息310条，其中，主动公开本局文件18条，重点任务落实情况14条，行政许可信息31条。",  # inside a 其中 list
    "本年度累计公布信息58条，通过网站发布动态40条，通过微信推送36条，通过公开栏公开15条。",  # channels with verbs
])
def test_kinds_named_right_after_a_whole_near_misses(body):
    assert found(body, ["K-02", "K-06"]) == []


def test_kinds_named_then_counted():
    body = "全年公开政府信息20条，内容涉及通知公告、机构职能、规范性文件、财政资金及重点领域信息7大类。"
    assert found(body, ["K-06"]) == [("K-06", "通知公告、机构职能、规范性文件、财政资金及重点领域信息7大类", "warning")]
    ok = "全年公开政府信息20条，内容涉及通知公告、机构职能、规范性文件、财政资金及重点领域信息5大类。"
    assert found(ok, ["K-06"]) == []
    partial = "全年公开政府信息20条，内容涉及通知公告、机构职能等7大类。"
    assert found(partial, ["K-06"]) == []


def test_a_township_advancing_its_countys_work():
    head = "青溪县东山镇人民政府2023年政府信息公开工作年度报告\n"
    body = "为进一步推进全县政务公开工作，按照县里的要求，特编制本报告。\n一、总体情况\n2023年，东山镇主动公开信息80条。"
    assert found(body, ["K-03"], head) == []


def test_a_list_cut_by_the_end_of_the_text():
    body = "2024年，全区受理依申请公开件255件，办结255件，其中予以公开71件、部分公开5件、不予公开28"
    assert found(body, ["K-02", "K-06"]) == []


def test_a_last_count_in_another_unit_is_left_out_of_the_sum():
    body = "2024年，我局主动公开政府信息45条，其中公文类信息9条、非公文类信息71条，办理行政许可6件。"
    r = load_report(BUREAU + body, require_report=False)
    fs = run_rules(r, only=["K-06"])
    assert [(f.evidence, "9＋71＝80条" in f.message) for f in fs] == [("45条，其中公文类信息9条、非公文类信息71条", True)]


@pytest.mark.parametrize("body", [
    # the rest named without its count: the counted items fall short by it
    "本年度收到政府信息公开申请9件，其中予以公开5件，不予公开2件，无法提供1件，其余正在办理。",
    "2025年度主动公开政府信息921条。其中主动公开本级政府文件2条，政策解读2条，社会保障75条，其他栏目信息均按时更新。",
    "2022年因政府信息公开引发行政复议共23件，其中结果维持5件，结果纠正10件，其他结",  # a page excerpt cut short
    # a channel's clause after ；
    "在局网站主动公开信息411条，其中政务要闻307条，专栏发布信息97条，领导简历3条；在微信公众号公布信息230条。",
])
def test_rests_without_counts_and_channel_clauses(body):
    assert found(body, ["K-02", "K-06"]) == []


def test_a_directives_set_phrase_is_no_self_reference():
    head = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    assert found("通过政策栏目集中公开本地区本部门规范性文件。", ["K-03"], head) == []


def test_an_office_among_a_bureaus_self_references_when_the_body_is_unknown():
    body = ("关于2023年度政府信息公开工作情况的报告\n一、总体情况\n我局高度重视。我局网站更新及时。我局公开信息86条。"
            "我办未收到政府信息公开申请。")
    assert found(body, ["K-03"], "") == [("K-03", "我办", "warning")]
    street = ("关于2023年度政府信息公开工作情况的报告\n一、总体情况\n我街道高度重视。我街道网站更新及时。我街道公开信息86条。"
              "我办未收到政府信息公开申请。")
    assert found(street, ["K-03"], "") == []


def test_a_share_of_the_years_total_stated_before_a_cumulative_total():
    # 88 of the year's 160 is 55%: the cumulative 4100 stated in between is not the share's base
    ok = "2023年，我局主动公开政府信息160条，历年累计公开4100条。2023年主动公开的政府信息中：行政许可类信息88条，占55%。"
    assert found(ok, ["K-06"]) == []
    r = load_report(BUREAU + ok.replace("占55%", "占65%"), require_report=False)
    (f,) = run_rules(r, only=["K-06"])
    assert (f.evidence, f.message) == ("65%", "正文写88条占65%，但按共160条计算应为55.0%，比例与数字不符。")


def test_qizhong_opening_the_next_sentence_is_not_the_last_counts_breakdown():
    body = ("本年度，我局收到政府信息公开申请5件，3件为网络申请，2件为信函申请；申请人为自然人的3件，法人或者其他组织的2件。"
            "其中4件已书面答复，1件结转下年度办理。")
    assert found(body, ["K-02", "K-06"]) == []
    single = "全年主动公开政府信息60条。其中政策文件10条、工作动态30条、其他信息10条。"
    assert found(single, ["K-02", "K-06"]) == [("K-06", "60条。其中政策文件10条、工作动态30条、其他信息10条", "info")]


def test_a_first_count_of_one_kind_does_not_head_a_list():
    # 规章2件 counts one kind, the first of four kinds of documents: no whole for the others to break down
    body = "通过门户网站主动公开规章2件，行政规范性文件13件，其他文件33件，人事任免文件42件。"
    assert found(body, ["K-02", "K-06"]) == []
