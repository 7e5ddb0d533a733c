"""W-05 and W-06 on sentences this team wrote (issue #12, t12a): exact findings, messages and spans."""

from __future__ import annotations

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules

HEAD = "青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n"


def findings(body: str, code: str) -> list[tuple[int, str, str]]:
    """(offset in `body`, evidence, message) of each finding of `code`."""
    report = load_report(HEAD + body, require_report=False)
    base = report.text.index(body[:8])
    return [(f.location.start - base, report.text[f.location.start:f.location.end], f.message)
            for f in run_rules(report, only=[code])]


def test_w05_modifier_by_part_of_speech():
    # 尽可能 (adverb), 循序渐进 (idiom) and 灵活 (adjective) are in no list: the tagger says they can modify a verb
    assert findings("我局尽可能的满足申请人需求，循序渐进的推进公开标准化建设，灵活的运用新媒体发布政策。", "W-05") == [
        (5, "的", "“尽可能的满足”中“尽可能”修饰动词“满足”，应用“地”。"),
        (18, "的", "“循序渐进的推进”中“循序渐进”修饰动词“推进”，应用“地”。"),
        (31, "的", "“灵活的运用”中“灵活”修饰动词“运用”，应用“地”。"),
    ]


def test_w05_verb_after_aspect_or_preposition():
    # 规范 is tagged a noun but 了 makes it the verb; a preposition opens the verb's adverbial after a listed modifier
    assert findings("我局进一步的规范了信息发布流程，更好的为群众提供服务。", "W-05") == [
        (5, "的", "“进一步的规范”中“进一步”修饰动词“规范”，应用“地”。"),
        (18, "的", "“更好的为群众提供”中“更好”修饰动词“为群众提供”，应用“地”。"),
    ]


def test_w05_noun_phrases_and_relative_clauses_are_right():
    body = ("我局对公开目录进行了系统全面的梳理，可以公开的信息已全部公开，建立了规范的依申请公开办理流程，"
            "有效的监督检查机制已经形成，这是最直接的体现。")
    assert findings(body, "W-05") == []


def test_w05_a_document_as_subject_an_object_of_ba_and_a_format_are_noun_phrases():
    # 《条例》明确的公开重点: the document specifies; 把……相关的作为重点: the 的-phrase is 把's object;
    # 统一规范的答复格式: 格式 heads the noun phrase
    body = ("按照《条例》明确的公开重点，全面公开规范性文件；把与群众生活息息相关的作为信息公开的重点；"
            "以统一规范的答复格式答复申请。")
    assert findings(body, "W-05") == []
    # the adverbial stays a slip where none of them holds
    assert [e for _, e, _ in findings("我局及时准确的公开政府信息。", "W-05")] == ["的"]


def test_w05_light_verb_is_a_word_not_a_character():
    # 工作 ends with 作, which is a light verb on its own: "公开工作尽可能的贴近群众" is still an adverbial
    assert [m for _, _, m in findings("政务公开工作尽可能的贴近群众生活。", "W-05")] == [
        "“尽可能的贴近”中“尽可能”修饰动词“贴近”，应用“地”。"]


def test_w06_word_doubled_across_a_separator():
    body = "由办公室主任、干事、干事等负责，群众可通过局网站和局网站，提出申请。"
    assert findings(body, "W-06") == [
        (7, "干事、干事", "“干事”隔着“、”重复写了两遍，疑为多写。"),
        (21, "局网站和局网站", "“局网站”隔着“和”重复写了两遍，疑为多写。"),
    ]


def test_w06_one_defect_is_one_finding():
    """Two copies side by side are the doubled word, not also an item listed twice; apart, they are a repeated item."""
    assert findings("公开了机构职能、办公地址、办公地址、联系电话等信息。", "W-06") == [
        (8, "办公地址、办公地址", "“办公地址”隔着“、”重复写了两遍，疑为多写。")]
    assert findings("主动公开内容：办公地址、机构职能、办公地址、联系电话。", "W-06") == [
        (17, "办公地址", "同一句的列举中“办公地址”出现了两次。")]


def test_w06_a_connective_written_again_after_its_comma():
    # 其中 and 同时 open their clause: written again after the comma, the clause goes on (no anadiplosis repeats them)
    body = "全年公开信息共9件，其中，其中人事信息3件。同时，同时加强解读。"
    assert findings(body, "W-06") == [
        (10, "其中，其中", "“其中”隔着“，”重复写了两遍，疑为多写。"),
        (22, "同时，同时", "“同时”隔着“，”重复写了两遍，疑为多写。"),
    ]
    # a noun or verb that goes on after its comma is anadiplosis; a connective inside a clause is not its opener
    assert findings("成立领导小组，领导小组下设办公室；请联系，联系电话见网站；并且其中，其中人事信息3件。", "W-06") == []


def test_w06_anadiplosis_and_slogans_are_not_doubled():
    body = "成立领导小组，领导小组下设办公室，坚持上网不涉密，涉密不上网，做到谁公开、谁审查，谁审查、谁负责。"
    assert findings(body, "W-06") == []


def test_w05_light_verb_before_a_longer_word_ending_in_a_listed_modifier():
    # 有力 is listed, but the word is 强有力 and 提供了 before it takes the whole noun phrase as its object
    assert findings("为各项工作提供了强有力的组织领导保障。", "W-05") == []


def test_w06_mixed_phrasing_and_doubled_measure_word():
    body = "领导小组下设办公室在综合科，把信息公开作为一项的一项重要内容。"
    # (下设办公室在 was read too until the fourteenth session: real readers mark 2 of its 8 dev uses, so it is left)
    assert [(k, e) for k, e, _ in findings(body, "W-06")] == [(21, "一项的一项")]


def test_w05_object_that_starts_with_a_head_noun_used_as_modifier():
    # 工作 modifies 实际 here (结合工作实际), so it is the object, not the head of a noun phrase; 有效的监督工作机制 stays
    assert [m for _, _, m in findings("我局紧密的结合工作实际，有效的监督工作机制已经建立。", "W-05")] == [
        "“紧密的结合”中“紧密”修饰动词“结合”，应用“地”。"]


def test_yiji_yu_is_a_preposition_after_a_conjunction():
    # 以及与……共建: 与 is "with", not a second "and"; 和以及 stays a stacked conjunction
    assert findings("平台主要有门户网站、微信公众号以及与市融媒体中心共建的栏目。", "W-06") == []
    assert [f[1] for f in findings("平台主要有门户网站和以及微信公众号。", "W-06")] == ["和以及"]
