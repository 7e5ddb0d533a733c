"""Reports as they are really published (our own text, their layout): exact parse of each phenomenon.

The fixtures come from ``scripts/make_real_fixtures.py``; each reproduces what real published reports
showed on the study set (corpora/real/study_set.toml): Word/WPS-exported PDFs, a page archive's
flattened text, text copied from a portal page, a saved portal page.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from nianbao.audit import audit_report, load_report
from nianbao.ingest import pdf as pdf_reader
from nianbao.ingest.page import is_furniture
from nianbao.structure.reading import assess
from tests.conftest import FIXTURES

REAL = FIXTURES / "real_like"
SRC = FIXTURES / "reports" / "county_bureau_2023.txt"
SIX = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
TITLE = "青溪县市场监督管理局2023年政府信息公开工作年度报告"
AGENCY = "青溪县市场监督管理局"


def _cells(rep) -> dict[str, object]:
    return {f"{tid}.{r}.{c}": x.value for tid, t in rep.tables.items() for r, cols in t.cells.items()
            for c, x in cols.items()}


@pytest.fixture(scope="module")
def source():
    return load_report(SRC)


def test_word_export_pdf_reads_like_its_text(source):
    rep = load_report(REAL / "word_export.pdf")
    m = rep.meta
    assert (m.title, m.agency, m.year, m.format_version) == (TITLE, AGENCY, 2023, "2021")
    assert m.published is None  # no 落款 in the file: the date lives on the web page
    assert [p.id for p in rep.parts] == SIX
    assert _cells(rep) == _cells(source)
    # white paragraph rectangles, the page frame and the ruled box around prose are not tables
    assert [b.kind for b in rep.raw.blocks].count("table") == 3  # table 3 over three pages read as one
    for b in rep.raw.blocks:
        if b.kind == "table":
            assert not any(len(c.text) > 40 and "。" in c.text for row in b.rows for c in row)
    # running header and "- n -" page numbers are gone; the two-line title is one title
    assert rep.text.count(TITLE) == 1 and not re.search(r"-\s*\d+\s*-", rep.text)
    # the line-final "、" set off its line is back in its sentence
    assert not any(b.text.strip() in ("、", "，") for b in rep.raw.blocks)
    assert "围绕个体工商户扶持、小微企业质量提升" in rep.text
    # the ruled box around a narrative paragraph is read as that paragraph
    assert any(p.text.startswith("（三）政务公开工作创新情况。") for p in rep.part("other").paragraphs)
    # wrapped labels kept whole, table 3 cut by a page break (its cut row left open) read whole
    t = rep.tables["requests"]
    assert t.missing_rows == [] and t.extra_rows == []
    assert t.row_labels["other_1"] == "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert [t.cell(r, "total").page for r in ("new", "granted", "unable_2")] == [3, 4, 5]
    assert t.value("unable_1", "natural") == 5
    assert not assess(rep).low


def test_a_row_lost_by_reading_is_a_note_not_a_deduction(monkeypatch):
    """Without the open-bottom repair the cut row is lost: the audit says so and charges nothing for it."""
    monkeypatch.setattr(pdf_reader, "_extend_open_bottom", lambda t, grid, chars, bbox, height: bbox)
    rep = load_report(REAL / "word_export.pdf")
    assert rep.tables["requests"].missing_rows == ["unable_1"]
    audit = audit_report(rep, use_classifier=False)
    reading = audit.to_dict()["reading"]
    assert reading["doubtful_tables"] == ["requests"] and reading["low"]
    assert [n["code"] for n in reading["notes"]] == ["table_row_lost"]
    assert "本机关不掌握相关政府信息" in reading["notes"][0]["message"]
    assert reading["summary"] == ["表三部分行未能可靠读取，相关表格问题未据此扣分。"]
    table3 = [f for f in audit.findings if f.part == "requests" and (f.rule.startswith("T3-") or f.rule == "S-05")]
    assert table3 and all(f.cause == "parse" for f in table3)
    part = next(p for p in audit.scorecard.parts if p.id == "requests")
    assert part.score == part.max


def test_flowing_text_with_inline_headings():
    rep = load_report(REAL / "flowing.txt")
    m = rep.meta
    assert (m.title, m.agency, m.year) == (TITLE, AGENCY, 2023)
    assert (m.published.isoformat(), m.published_source) == ("2024-01-22", "page")
    assert [p.id for p in rep.parts] == SIX
    assert [p.title for p in rep.parts][:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    # the run-in sub-headings inside the flowing line are found, each with its own paragraph
    heads = [h.label for h in rep.part("overview").headings]
    assert heads == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    first = rep.part("overview").headings[0]
    assert first.paragraphs[0].text.startswith("（一）主动公开")
    # the heading is its lead-in, not the paragraph it opens (a clerk reads "“（一）主动公开。”下的这段文字")
    assert (first.title, first.name) == ("（一）主动公开。", "主动公开")
    assert first.paragraphs[0].heading == "（一）主动公开。"
    # tables whose cells ran together are not read (a row label and its numbers run into one "规章000": doubtful)
    # (and that is not the report's fault)
    assert [n.code for n in rep.notes] == ["flowing_text", "spaced_table_doubtful"]
    assert rep.tables == {}
    audit = audit_report(rep, use_classifier=False)
    d = audit.to_dict()
    assert d["reading"]["unread_tables"] == ["proactive", "requests", "review_litigation"]
    s04 = [f for f in audit.findings if f.rule == "S-04"]
    assert len(s04) == 3 and all(f.cause == "parse" for f in s04)
    assert not any(f.rule == "S-01" for f in audit.findings)
    assert d["report"]["published_source"] == "page"
    # the text and HTML audits say so at the top, in a clerk's words
    warn = "表二未能读取（表格内容可能被合并成一段文字），未据此扣分。"
    text = audit.to_text()
    assert f"读取提示：{warn}" in text and text.index("读取提示") < text.index("各部分得分")
    page = audit.to_html()
    assert warn in page and page.index('id="reading"') < page.index('id="overview"')


@pytest.mark.parametrize("name", ["copied.txt", "portal.html", "portal_runin.html", "portal_dept.html"])
def test_page_copies_read_without_their_furniture(name, source):
    rep = load_report(REAL / name)
    m = rep.meta
    assert (m.title, m.agency, m.year, m.format_version) == (TITLE, AGENCY, 2023, "2021")
    assert (m.published.isoformat(), m.published_source) == ("2024-01-22", "page")
    assert [p.id for p in rep.parts] == SIX
    assert _cells(rep) == _cells(source)
    for chrome in ("当前位置", "首页", "字体", "打印", "关闭", "分享到", "热门搜索", "网站标识码"):
        assert chrome not in rep.text, chrome
    # ASCII "(一)" headings are headings like "（一）": the same sub-heading tree as the original
    assert [h.name for h in rep.part("overview").headings] == [h.name for h in source.part("overview").headings]
    # the same paragraphs as the original (up to bracket and colon width), nothing more
    norm = [unicodedata.normalize("NFKC", p.text) for p in rep.paragraphs()]
    assert norm == [unicodedata.normalize("NFKC", p.text) for p in source.paragraphs()]


def test_a_part_heading_we_failed_to_read_is_not_a_missing_part():
    """"二、主动公开政府信息情况" is in the text but glued into a paragraph: a parse note, no deduction."""
    text = SRC.read_text(encoding="utf-8").replace("\n\n二、主动公开政府信息情况\n", "二、主动公开政府信息情况")
    rep = load_report(text.encode("utf-8"))
    assert "proactive" not in [p.id for p in rep.parts]
    audit = audit_report(rep, use_classifier=False)
    d = audit.to_dict()
    assert d["reading"]["unread_parts"] == ["proactive"]
    assert d["reading"]["summary"][0] == "第二部分未能可靠读取，未据此扣分。"
    s01 = [f for f in audit.findings if f.rule == "S-01"]
    assert len(s01) == 1 and s01[0].cause == "parse" and s01[0].severity == "warning"
    assert all(p.score > 0 for p in audit.scorecard.parts)


_BODY = ("一、总体情况\n\n{year}年，{who}坚持以公开为常态、不公开为例外，全年主动公开政府信息326条。\n\n"
         "二、主动公开政府信息情况\n\n（略）\n")


@pytest.mark.parametrize("head,year,agency", [
    # no title on the page: the body that compiled the report
    ("根据《中华人民共和国政府信息公开条例》要求，由青溪县政府办公室编制。本报告所列数据统计期限为{year}年1月1日至12月31日。",
     2023, "青溪县政府"),
    # only a contact line names it: the body the office belongs to
    ("本报告电子版可在门户网站下载。如对本报告有疑问，请与青溪县白沙镇党政综合办公室联系（地址：白沙镇府前路1号）。",
     2022, "青溪县白沙镇"),
    # "现公布X…年度报告" with a bare place name: its government
    ("根据《中华人民共和国政府信息公开条例》规定，现公布青溪县{year}年政府信息公开工作年度报告。", 2021, "青溪县人民政府"),
    # "特编制X…年度报告": the verb is not part of the name (a real page pattern, issue #12)
    ("根据《中华人民共和国政府信息公开条例》规定，特编制青溪县白沙乡{year}年政府信息公开工作年度报告。", 2024, "青溪县白沙乡"),
])
def test_copied_page_text_without_title_names_its_body_and_year(head, year, agency):
    text = head.format(year=year) + "\n\n" + _BODY.format(year=year, who="我县")
    rep = load_report(text.encode("utf-8"), require_report=False)
    assert (rep.meta.title, rep.meta.agency, rep.meta.year) == (None, agency, year)


def test_bulleted_page_metadata_and_a_wrapped_title():
    text = ("• 信息来源：青溪县白沙镇\n• 发布日期：2023-01-18 09:30  • 浏览次数：\n"
            "> 政务公开 > 乡镇街道 > 白沙镇 > 政府信息公开年报\n\n青溪县白沙镇2022年政府信息\n公开工作年度报告\n\n"
            + _BODY.format(year=2022, who="白沙镇"))
    rep = load_report(text.encode("utf-8"))
    m = rep.meta
    assert (m.title, m.agency, m.year) == ("青溪县白沙镇2022年政府信息公开工作年度报告", "青溪县白沙镇", 2022)
    assert (m.published.isoformat(), m.published_source) == ("2023-01-18", "page")
    assert "政务公开 >" not in rep.text and "浏览次数" not in rep.text


def test_stock_headings_are_not_copy_detection_sentences_whatever_their_bracket_width():
    from nianbao.batch.copying import extract

    body = "2023年，白沙镇在镇政府门户网站主动公开各类政府信息共计326条，较上年增加41条。"
    for open_, close in (("（", "）"), ("(", ")")):
        text = (f"青溪县白沙镇2023年政府信息公开工作年度报告\n\n一、总体情况\n\n"
                f"{open_}四{close}政府信息公开平台建设情况。{body}\n")
        rep = load_report(text.encode("utf-8"))
        assert [x[2] for x in extract(rep)[0]] == [body], open_


def test_table_rows_that_repeat_narrative_make_the_table_doubtful():
    """A ruled frame read as a table turns prose into table rows: a parse note, and no charge for the table."""
    prose = "本年度我局认真贯彻落实条例要求，依法依规办理每一件政府信息公开申请，确保答复及时准确、程序合法规范。"
    lines = SRC.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收政府信息公开申请数量"))
    lines.insert(at, "\t".join([prose] * 9))
    rep = load_report("\n".join(lines).encode("utf-8"))
    d = audit_report(rep, use_classifier=False).to_dict()["reading"]
    assert d["doubtful_tables"] == ["requests"] and d["confidence"]["tables"]["requests"] == 0.5
    assert [n["code"] for n in d["notes"]] == ["table_narrative_rows"]


def test_a_row_label_cut_short_by_its_cell_still_finds_its_row(source):
    """Real exports print "2.其他法律行政止公开" when the cell is too narrow for the label."""
    text = SRC.read_text(encoding="utf-8").replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
    rep = load_report(text.encode("utf-8"))
    t = rep.tables["requests"]
    assert t.missing_rows == [] and t.extra_rows == []
    assert t.row_labels["denied_2"] == "2.其他法律行政止公开"
    assert _cells(rep) == _cells(source)


@pytest.mark.parametrize(("row", "misread", "rows"), [
    # the group's first row carries the group's label
    ("\t（六）其他处理\t1.申请人无正当理由逾期不补正", "\t（六）其他处理\t1.申请人无正当理由途期不补正", ["other_1"]),
    # a PDF grid repeats the spanning labels in every row: the nearest group label names the group
    ("\t\t2.申请人逾期未按收费通知", "三、本年度办理结果\t（六）其他处理\t2.申请人途期未按收费通知", ["other_2"]),
    # both: the sub-rows still tell the 2021 format from the 2019 one
    ("逾期", "途期", ["other_1", "other_2"]),
])
def test_a_misread_label_is_matched_within_its_group(source, row, misread, rows):
    """A label read a character off on a scan ("逾期" read as "途期") is matched within the group its row's
    own label cells name (（六）其他处理), not within the group before it or the table's part heading."""
    text = SRC.read_text(encoding="utf-8")
    assert row in text
    rep = load_report(text.replace(row, misread).encode("utf-8"))
    t = rep.tables["requests"]
    assert t.layout == "2021" and t.missing_rows == [] and t.extra_rows == []
    assert [k for k, label in t.row_labels.items() if "途期" in label] == rows
    assert _cells(rep) == _cells(source)


def test_flowing_text_heading_right_after_a_table_unit():
    """A page saved as one line: part 三's heading follows the last cell of table 2 ("…元三、收到和处理…")."""
    text = ("青溪县2019年政府信息公开工作年度报告 本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。"
            "一、总体情况2019年，我县认真贯彻落实《条例》，全年主动公开政府信息326条。"
            "二、主动公开政府信息情况 第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购1231200.5元"
            "三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请23件，全部按期办结。"
            "四、政府信息公开行政复议、行政诉讼情况 本年未发生行政复议和行政诉讼。"
            "五、存在的主要问题及改进情况 信息公开队伍能力仍有欠缺。六、其他需要报告的事项 无其他需要报告的事项")
    rep = load_report(text.encode("utf-8"))
    assert [p.id for p in rep.parts] == SIX
    assert (rep.parts[2].title, rep.parts[2].paragraphs[0].text) == (
        "三、收到和处理政府信息公开申请情况", "本年新收政府信息公开申请23件，全部按期办结。")


_FLOWING = ("青溪县公安局2024年政府信息公开工作年度报告 本报告中有关情况的统计期限为2024年1月1日至12月31日。"
            "一、总体情况2024年，我局全年主动公开政府信息135条。二、主动公开政府信息情况 本年制发规范性文件0件。"
            "三、收到和处理政府信息公开申请情况 本年新收申请8件。{four} {five}六、其他需要报告的事项 无。")


@pytest.mark.parametrize("four,five,part,title", [
    # part 五 in the body's own words, ended where the text goes on with a number
    ("四、政府信息公开行政复议、行政诉讼情况 本年无复议诉讼。", "五、存在的主要问题及明年工作计划2024年，我局认定不够准确。",
     4, "五、存在的主要问题及明年工作计划"),
    # 与 for 、, ended at 情况 right before table 4's header
    ("四、政府信息公开行政复议与行政诉讼情况行政复议行政诉讼结果维持0000000000", "五、存在的主要问题及改进情况 不够准确。",
     3, "四、政府信息公开行政复议与行政诉讼情况"),
    # a stray 法 before the keyword, ended at 情况
    ("四、政府信息公开行政法复议、行政诉讼情况行政复议 行政诉讼 结果维持 0 1 1 0 2", "五、存在的主要问题及改进情况 不够准确。",
     3, "四、政府信息公开行政法复议、行政诉讼情况"),
])
def test_flowing_text_part_heading_in_the_bodys_own_words(four, five, part, title):
    """Inline part headings worded by the body: found by the part's keyword, so the part is not charged missing."""
    rep = load_report(_FLOWING.format(four=four, five=five).encode("utf-8"))
    assert [p.id for p in rep.parts] == SIX
    assert (rep.parts[part].title, rep.parts[part].canonical) == (title, False)
    if part == 4:
        assert rep.parts[4].paragraphs[0].text == "2024年，我局认定不够准确。"


def test_a_page_with_the_title_alone_is_refused_not_graded():
    """The report was an attachment: the saved page holds its title only — one Chinese sentence, no grade."""
    from nianbao.errors import InputError

    text = ("标题: 青溪县公安局2020年政府信息公开工作年度报告\n发布时间: 2021-01-28 11:10\n"
            "==================== 正文 ====================\n青溪县公安局2020年政府信息公开工作年度报告\n")
    with pytest.raises(InputError) as e:
        load_report(text.encode("utf-8"))
    assert e.value.code == "title_only"


def test_format_from_table_2_labels_when_the_tables_ran_together():
    """Cells run together on a saved page: table 2 cannot be read, its column labels still tell the format,
    so the report is not charged with an unknown format (F-01) for our misreading."""
    text = ("青溪县2022年政府信息公开工作年度报告 本报告中所列数据统计时限为2022年1月1日至2022年12月31日。"
            "一、总体情况 2022年，全县主动公开政府信息14571条。二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数 "
            "本年废止件数 现行有效件数 规章000行政规范性文件8855698第二十条第（五）项信息内容本年处理决定数量行政许可10690"
            "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费9116.36 "
            "三、收到和处理政府信息公开申请情况 本年新收申请74件。四、政府信息公开行政复议、行政诉讼情况 本年无复议诉讼。"
            "五、存在的主要问题及改进情况 意见征集形式较为单一。六、其他需要报告的事项 无。")
    rep = load_report(text.encode("utf-8"))
    assert (rep.meta.format_version, rep.meta.format_evidence) == (
        "2021", ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"])
    assert "F-01" not in [f.rule for f in audit_report(rep, use_classifier=False).findings]


def test_part_headings_run_into_their_paragraph_on_a_saved_page(source):
    """portal_runin.html: "<p><span>一、总体情况</span>2023年，……</p>" (parts one, five, six): the heading is cut off."""
    rep = load_report(REAL / "portal_runin.html")
    assert [p.id for p in rep.parts] == SIX
    assert [p.title for p in rep.parts] == [p.title for p in source.parts]
    assert rep.part("overview").paragraphs[0].text.startswith("2023年，青溪县市场监督管理局在县委、")
    assert [h.name for h in rep.part("problems").headings] == [h.name for h in source.part("problems").headings]
    assert rep.notes == []  # not a flowing text: nothing was merged, no note


def test_mandated_title_after_a_tables_last_value_and_run_in_lines():
    """Lines of a saved page's text whose table cells ran together: the mandated title right after the last value
    ("……0000000四、政府信息公开行政复议、行政诉讼情况") starts part four; "六、其他需要报告的事项2024年，……" starts part
    six; a line that is all heading in the body's own words is never cut ("五、存在的主要问题和改进情况及下一步打算")."""
    lines = ["青溪县统计局2024年政府信息公开工作年度报告",
             "一、总体情况2024年，本局主动公开政府信息86条，办理依申请公开2件。",
             "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000",
             "三、收到和处理政府信息公开申请情况",
             "（七）总计2000002四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况",
             "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000",
             "五、存在的主要问题和改进情况及下一步打算",
             "一是公开内容不够丰富。二是解读形式单一。",
             "六、其他需要报告的事项2024年，本局未收取信息处理费。"]
    rep = load_report("\n".join(lines) + "\n")
    assert [p.id for p in rep.parts] == SIX
    assert [p.title for p in rep.parts] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题和改进情况及下一步打算", "六、其他需要报告的事项"]
    assert rep.part("other").paragraphs[0].text == "2024年，本局未收取信息处理费。"
    assert rep.part("overview").paragraphs[0].text == "2024年，本局主动公开政府信息86条，办理依申请公开2件。"


def test_department_page_index_box_is_furniture():
    """portal_dept.html: the <li> index box (索引号 … 有效性) stays out of the text; the 来源 line is empty as saved."""
    rep = load_report(REAL / "portal_dept.html")
    for chrome in ("索引号", "主题分类", "发文机关", "成文日期", "发文字号", "有效性", "QX00106", "县市场监管局"):
        assert chrome not in rep.text, chrome
    assert rep.text.count(TITLE) == 1
    assert (rep.meta.agency, rep.meta.published.isoformat()) == (AGENCY, "2024-01-22")


def test_space_separated_table_cells_are_read():
    """Cells a page's copy kept apart with spaces only, in one flowing line (pingtan_czj2020, pingtan_jtj2022)."""
    rep = load_report(REAL / "spaced.txt")
    assert [p.id for p in rep.parts] == SIX
    assert [n.code for n in rep.notes] == ["flowing_text"]
    cells = _cells(rep)
    assert cells == _cells(load_report(SRC))  # every cell of tables 2–4, as the tab-separated original reads
    p2, p3, p4 = (rep.tables[t] for t in ("proactive", "requests", "review_litigation"))
    assert [p2.value("normative_docs", c) for c in ("issued", "repealed", "in_force")] == [3, 1, 12]
    assert [p2.value(r, "decisions") for r in ("licensing", "penalty", "enforcement")] == [1268, 214, 9]
    assert [p3.value("new", c) for c in p3.cells["new"]] == [23, 4, 0, 0, 1, 0, 28]
    assert [p3.value("denied_4", c) for c in p3.cells["denied_4"]] == [1, 0, 0, 0, 0, 0, 1]
    assert [p3.value("other_2", c) for c in p3.cells["other_2"]] == [0] * 7
    assert [p4.value("review", c) for c in p4.cells["review"]] == [1, 0, 0, 0, 1]
    assert p3.missing_rows == [] and p2.missing_rows == []
    # the sentence after table 4 stays prose of part four
    assert rep.part("review_litigation").paragraphs[-1].text.startswith("本年度本局因政府信息公开工作被申请行政复议1件")
    audit = audit_report(rep, use_classifier=False)
    assert audit.to_dict()["reading"]["unread_tables"] == []


def test_a_space_separated_row_that_does_not_fit_leaves_its_table_unread():
    """One row with a number too few: the table is not guessed at; a reading note, no deduction."""
    text = (REAL / "spaced.txt").read_text(encoding="utf-8").replace("行政规范性文件 3 1 12", "行政规范性文件 3 12")
    rep = load_report(text.encode("utf-8"))
    assert "proactive" not in rep.tables and {"requests", "review_litigation"} <= set(rep.tables)
    assert [n.code for n in rep.notes] == ["flowing_text", "spaced_table_doubtful"]
    audit = audit_report(rep, use_classifier=False)
    assert audit.to_dict()["reading"]["unread_tables"] == ["proactive"]
    s04 = [f for f in audit.findings if f.rule == "S-04"]
    assert len(s04) == 1 and s04[0].cause == "parse"


def test_a_portals_hot_search_bar_or_metadata_box_is_not_the_title():
    text = ("热搜词：政府工作报告 营商环境 政府信息公开年度报告\n"
            "索 引 号：00000000-0/2023-00001  分类：信息公开年度报告\n"
            "青溪县白沙镇2022年政府信息公开工作年度报告\n\n" + _BODY.format(year=2022, who="我镇"))
    rep = load_report(text.encode("utf-8"))
    m = rep.meta
    assert (m.title, m.agency, m.year) == ("青溪县白沙镇2022年政府信息公开工作年度报告", "青溪县白沙镇", 2022)
    assert "索 引 号" not in rep.text  # a line that starts with a box label is furniture, out of the text


def test_a_metadata_label_anywhere_in_a_line_keeps_it_from_being_the_title():
    """One furniture test (ingest.page.is_furniture): a line that starts with furniture is dropped from a page copy;
    a line that only holds a box label or the hot-search bar further on is not taken for the title either."""
    box = "（2022-01-20）发布机构：青溪县白沙镇人民政府 2021年政府信息公开工作年度报告"
    assert (is_furniture(box), is_furniture(box, anywhere=True)) == (False, True)
    assert (is_furniture("热搜词：营商环境"), is_furniture("热搜词：营商环境", anywhere=True)) == (False, True)
    assert is_furniture("索 引 号：00000000-0/2023-00001  分类：信息公开年度报告")
    # one list of box fields for the box's lines and its table rows: spaced or not, ":" or "|" after the label
    assert is_furniture("发文日期：2022-01-20  发布机构：青溪县白沙镇人民政府")
    assert is_furniture("文  号: 主 题 词:") and is_furniture("| 名 称 | |||") and is_furniture("标 题: | 青溪县2022年报告 |")
    assert not is_furniture("青溪县白沙镇2022年政府信息公开工作年度报告", anywhere=True)


def test_a_metadata_box_rendered_as_table_rows_is_furniture_not_a_placeholder():
    """A portal's box copied as table rows, labels spaced out, cells split by |: its empty 文号 "〔〕号" is the site's
    field, not the report's placeholder (C-06 charged it as an error before)."""
    rows = ["发布机构 | 发布日期 | 2023-01-18 09:30 | |", "名 称 | |||", "文 号 | 〔〕号 | 有 效 性 | |", "主 题 词 | |"]
    assert all(is_furniture(r) for r in rows)
    text = "\n".join(rows) + "\n青溪县白沙镇2022年政府信息公开工作年度报告\n\n" + _BODY.format(year=2022, who="我镇")
    rep = load_report(text.encode("utf-8"))
    assert "〔〕" not in rep.text and rep.meta.title == "青溪县白沙镇2022年政府信息公开工作年度报告"
    assert [f.rule for f in audit_report(rep, use_classifier=False).findings if f.rule == "C-06"] == []
    assert not is_furniture("文号规范，名称准确：全年制发规范性文件3件。")


_CUT_HEAD = ("青溪县白沙镇2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我镇主动公开政府信息212条。\n"
             "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公")


def test_a_word_cut_off_at_the_end_of_a_copied_text_is_a_reading_note_not_a_typo():
    """A page copy that stops mid-word ("四、政府信息公") must not charge the author with a lost 开 (W-08 did on
    a real dev page, issue #12): the finding stays, marked as reading, and the audit says the text may be cut."""
    a = audit_report(load_report(_CUT_HEAD.encode("utf-8"), require_report=False))
    w08 = [f for f in a.findings if f.rule == "W-08"]
    assert [(f.evidence, f.severity, f.cause) for f in w08] == [("政府信息公", "info", "parse")]
    notes = [n for n in a.reading.notes if n.code == "text_cut"]
    assert [(n.message, n.start) for n in notes] == [
        ("正文在“四、政府信息公”处结束，末句没有结束标点，文本可能不完整；末尾的疑似错漏未据此扣分。", len(_CUT_HEAD) - 1)]


def test_a_finished_text_ending_on_its_date_is_not_cut():
    text = _CUT_HEAD + "开行政复议、行政诉讼情况\n本年度未发生行政复议。\n青溪县白沙镇人民政府\n2024年1月20日"
    rep = load_report(text.encode("utf-8"), require_report=False)
    assert assess(rep).cut_at is None
    assert not [f for f in audit_report(rep).findings if f.rule == "W-08"]


def test_a_text_ending_on_a_shortened_signature_is_not_cut():
    text = _CUT_HEAD + "开行政复议、行政诉讼情况\n本年度未发生行政复议。\n白沙镇人民政府"
    assert assess(load_report(text.encode("utf-8"), require_report=False)).cut_at is None
