"""PDF, DOCX and HTML readers against the fixtures that scripts/make_fixtures.py builds from the text reports.

The text version of each report is the reference: the rich formats must give the same paragraph
sequence and the same table grids. Documented differences:
* markdown bold markers ``**`` in the text reports are rendered as bold, so they are not in the
  rich formats' text;
* PDF text is compared with whitespace removed (a line wrap inside a table cell or at a space
  drops that space);
* table grids are compared with the grid :func:`make_fixtures.layout_table` lays the text rows
  out on (the text version's rows are ragged; the rich formats have rectangular grids).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from nianbao.errors import InputError
from nianbao.ingest import read_bytes, read_document
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "tests" / "fixtures" / "reports"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
STEMS = sorted(p.stem for p in REPORTS.glob("*.txt") if (FORMATS / f"{p.stem}.pdf").exists())

mf = load_script("make_fixtures")

_TEXT_CACHE: dict = {}
_DOC_CACHE: dict = {}


def text_doc(stem: str):
    if stem not in _TEXT_CACHE:
        _TEXT_CACHE[stem] = read_document(REPORTS / f"{stem}.txt")
    return _TEXT_CACHE[stem]


def fmt_doc(stem: str, ext: str):
    key = (stem, ext)
    if key not in _DOC_CACHE:
        _DOC_CACHE[key] = read_document(FORMATS / f"{stem}.{ext}")
    return _DOC_CACHE[key]


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def texts(doc, ext: str) -> list[str]:
    out = [b.text.replace("**", "") for b in doc.blocks if b.kind != "table"]
    return [squeeze(t) for t in out] if ext == "pdf" else out


def tables(doc) -> list:
    return [b for b in doc.blocks if b.kind == "table"]


def test_fixtures_exist():
    assert STEMS == sorted(p.stem for p in REPORTS.glob("*.txt")), "run scripts/make_fixtures.py"
    assert len(STEMS) >= 4


@pytest.mark.parametrize("ext", ["pdf", "docx", "html"])
@pytest.mark.parametrize("stem", STEMS)
def test_paragraph_sequence_equals_text_version(stem, ext):
    ref = texts(text_doc(stem), ext)
    got = texts(fmt_doc(stem, ext), ext)
    assert got == ref


@pytest.mark.parametrize("ext", ["pdf", "docx", "html"])
@pytest.mark.parametrize("stem", STEMS)
def test_table_grids_equal_text_version(stem, ext):
    ref_tables = tables(text_doc(stem))
    got_tables = tables(fmt_doc(stem, ext))
    assert len(got_tables) == len(ref_tables)
    for ref, got in zip(ref_tables, got_tables, strict=True):
        grid, spans = mf.layout_table([[c.text for c in row] for row in ref.rows])
        want, want_merged = mf.filled_grid(grid, spans)
        got_rows = [[c.text for c in row] for row in got.rows]
        if ext == "pdf":
            want = [[squeeze(c) for c in row] for row in want]
            got_rows = [[squeeze(c) for c in row] for row in got_rows]
        assert got_rows == want
        assert [[c.merged for c in row] for row in got.rows] == want_merged
        # the numbers, cell for cell, in the order the text version has them
        num = re.compile(r"^-?\d+(?:\.\d+)?$")
        ref_numbers = [[c.text for c in row if num.match(c.text)] for row in ref.rows]
        got_numbers = [[c.text for c in row if num.match(c.text) and not c.merged] for row in got.rows]
        assert [r for r in got_numbers if r] == [r for r in ref_numbers if r]


def test_merged_cells_are_flagged_with_spanning_text():
    doc = fmt_doc("county_bureau_2023", "docx")
    t3 = tables(doc)[1]
    col0 = [row[0] for row in t3.rows]
    result_rows = [c for c in col0 if c.text == "三、本年度办理结果"]
    assert len(result_rows) == 22  # （一）予以公开 … （七）总计
    assert [c.merged for c in result_rows] == [False] + [True] * 21
    assert [c.text for c in t3.rows[1][3:10]] == ["自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织",
                                                 "法人或其他组织", "法人或其他组织", "总计"]


# --------------------------------------------------------------------------- PDF specifics


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_page_break_paragraph_and_table_are_joined(stem):
    manifest = json.loads((FORMATS / f"{stem}.pdf.json").read_text(encoding="utf-8"))
    doc = fmt_doc(stem, "pdf")
    assert doc.page_count == manifest["pages"]
    paras = [squeeze(b.text) for b in doc.blocks if b.kind == "paragraph"]
    assert manifest["split_paragraphs"]
    for p in manifest["split_paragraphs"]:
        assert paras.count(squeeze(p)) == 1
    notes = [n for n in doc.notes if n.code == "joined_paragraph"]
    assert len(notes) == len(manifest["split_paragraphs"])
    assert manifest["split_tables"]
    for nrows, pages in manifest["split_tables"]:
        matches = [t for t in tables(doc) if len(t.rows) == nrows
                   and sorted({c.page for row in t.rows for c in row}) == pages]
        assert len(matches) == 1


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_running_header_and_page_numbers_dropped(stem):
    doc = fmt_doc(stem, "pdf")
    ref = text_doc(stem)
    title = squeeze(ref.blocks[0].text)
    # the running header (the title, on pages 2…) is gone: the title occurs as often as in the text
    assert squeeze(doc.text).count(title) == squeeze(ref.text).count(title)
    page_no = re.compile(r"^(第\s*\d+\s*页|-\s*\d+\s*-|\d+\s*/\s*\d+|\d+)$")

    def numbers(d) -> list[str]:
        return [b.text for b in d.blocks if b.kind != "table" and page_no.match(b.text)]

    assert numbers(doc) == numbers(ref)  # only a page-number line the text report itself carries
    assert len(doc.page_starts) == doc.page_count
    assert doc.blocks[0].page == 1 and doc.blocks[-1].page == doc.page_count


def test_pdf_blocks_have_pages_and_offsets():
    doc = fmt_doc("county_bureau_2023", "pdf")
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        assert b.page is not None
    heads = [b.text for b in doc.blocks if b.kind == "heading"]
    assert heads[:3] == ["青溪县市场监督管理局2023年政府信息公开工作年度报告", "一、总体情况", "（一）主动公开"]


# --------------------------------------------------------------------------- DOCX specifics


def test_docx_heading_levels_from_styles():
    doc = fmt_doc("county_bureau_2023", "docx")
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert heads[0] == (0, "青溪县市场监督管理局2023年政府信息公开工作年度报告")
    assert (1, "一、总体情况") in heads and (2, "（一）主动公开") in heads
    assert doc.format == "docx" and doc.page_count is None


# --------------------------------------------------------------------------- HTML specifics


@pytest.mark.parametrize("stem", STEMS)
def test_html_chrome_absent_and_hints_read(stem):
    doc = fmt_doc(stem, "html")
    blocks = mf.report_blocks((REPORTS / f"{stem}.txt").read_bytes(), stem)
    agency, published = mf.signature(blocks)
    assert doc.published_hint == date.fromisoformat(published)
    assert doc.agency_hint == agency
    chrome = ("当前位置", "索引号", "发布机构", "网站标识码", "分享到", "相关链接", "首页", "信息公开目录", "字体", "上一篇",
              "办事服务", "互动交流")
    checkable = [c for c in chrome if c not in text_doc(stem).text]
    assert len(checkable) >= 10
    assert [c for c in checkable if c in doc.text] == []
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1


def test_html_declared_gbk_charset_decodes_the_same():
    stem = STEMS[0]
    gbk = read_document(FORMATS / f"{stem}.gbk.html")
    assert gbk.encoding == "gb18030"
    assert gbk.text == fmt_doc(stem, "html").text
    assert gbk.published_hint == fmt_doc(stem, "html").published_hint


def test_gbk_text_report_reads_like_utf8():
    stem = STEMS[0]
    doc = read_document(FORMATS / f"{stem}.gbk.txt")
    assert doc.encoding == "gbk"
    assert doc.text == text_doc(stem).text


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("encrypted.pdf", "encrypted", "已加密"),
        ("scanned.pdf", "scanned_empty", "没有读出"),  # OCR (the ocr extra) reads no usable text in it
        ("garbled.pdf", "garbled", "乱码"),
        ("empty.txt", "empty", "文件为空"),
    ],
)
def test_bad_files_raise_input_error(name, code, words):
    path = FORMATS / name
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.code == code
    assert str(err.value).startswith(f"{path}：")
    assert words in str(err.value)


def test_scan_without_the_ocr_extra_names_the_extra(monkeypatch):
    from nianbao.ingest import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    path = FORMATS / "scanned.pdf"
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.code == "scanned"
    assert str(err.value) == (f"{path}：PDF 没有文字层（扫描件或图片）；安装文字识别扩展后即可审查："
                              "pip install 'nianbao[ocr]'，或提供可复制文字的版本。")


def test_images_go_to_ocr_and_a_damaged_png_signature_is_refused(monkeypatch):
    """A JPEG or PNG with its full signature is a scan (sniff_format: image, read by OCR); a file that starts
    like a PNG but lost the rest of its signature is refused as a picture, not read as text."""
    from nianbao.ingest import ocr, read_bytes, sniff_format

    monkeypatch.setattr(ocr, "available", lambda: False)
    for head in (b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n"):
        assert sniff_format(head + b"0" * 100, "扫描件") == "image"
        with pytest.raises(InputError) as err:
            read_bytes(head + b"0" * 100, "扫描件")
        assert (err.value.code, str(err.value)) == (  # without the ocr extra the message names it, and no PDF
            "scanned_image", "扫描件：这是一张图片（扫描件或照片），需要文字识别才能审查：pip install 'nianbao[ocr]'，"
            "或提供可复制文字的版本。")
    with pytest.raises(InputError) as err:
        read_bytes(b"\x89PNG" + "年度报告".encode() * 20, "坏图.txt")
    assert (err.value.code, str(err.value).count("PNG 图片")) == ("unsupported_kind", 1)


def test_truncated_pdf_and_broken_docx_are_corrupt():
    data = (FORMATS / f"{STEMS[0]}.pdf").read_bytes()
    with pytest.raises(InputError) as err:
        read_bytes(data[: len(data) // 3], "cut.pdf")
    assert err.value.code == "corrupt" and str(err.value).startswith("cut.pdf：")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><unclosed")
    with pytest.raises(InputError) as err:
        read_bytes(buf.getvalue(), "broken.docx")
    assert err.value.code == "corrupt" and str(err.value).startswith("broken.docx：")


def test_fixture_layout_of_a_ragged_header():
    rows = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        ["一、本年新收政府信息公开申请数量", "", "3", "1", "0", "0", "0", "0", "4"],
        ["三、本年度办理结果", "（一）予以公开", "1", "0", "0", "0", "0", "0", "1"],
        ["", "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
        ["", "4.无正当理由大量反复申请", "0", "0", "0", "0", "0", "0", "0"],
    ]
    grid, spans = mf.layout_table(rows)
    assert len(grid) == 7 and all(len(r) == 10 for r in grid)
    assert grid[1][3:] == ["自然人", "法人或其他组织", "", "", "", "", "总计"]
    assert grid[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert grid[6][:3] == ["", "", "4.无正当理由大量反复申请"]
    assert (0, 0, 2, 2) in spans and (1, 4, 1, 8) in spans and (1, 9, 2, 9) in spans
    assert (4, 0, 6, 0) in spans and (5, 1, 6, 1) in spans and (3, 0, 3, 2) in spans
