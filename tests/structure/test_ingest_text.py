"""Text ingestion: encodings, line endings, full-width digits, tab and | tables, page-cut repairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from nianbao.audit import load_report
from nianbao.config import load_config
from nianbao.errors import InputError
from nianbao.ingest import read_bytes
from tests.conftest import REPORTS

CLEAN = (REPORTS / "county_bureau_2023.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(encoding):
    raw = read_bytes(CLEAN.encode(encoding), "r.txt")
    assert raw.encoding == encoding if encoding != "gb18030" else raw.encoding in ("gbk", "gb18030")
    assert raw.text.startswith("青溪县市场监督管理局2023年政府信息公开工作年度报告")


def test_crlf_and_fullwidth_digits():
    text = CLEAN.replace("\n", "\r\n").replace("全年共收到政府信息公开申请28件", "全年共收到政府信息公开申请２８件")
    rep = load_report(text.encode("utf-8"))
    assert "\r" not in rep.text
    assert "全年共收到政府信息公开申请28件" in rep.text


def test_pipe_tables_parse_like_tab_tables():
    lines = []
    for line in CLEAN.split("\n"):
        lines.append("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line)
        if line.startswith("信息内容"):
            lines.append("|---|---|---|---|")
    rep = load_report("\n".join(lines))
    tab = load_report(CLEAN)
    for tid in ("proactive", "requests", "review_litigation"):
        a = {r: {c: x.value for c, x in cols.items()} for r, cols in rep.tables[tid].cells.items()}
        b = {r: {c: x.value for c, x in cols.items()} for r, cols in tab.tables[tid].cells.items()}
        assert a == b, tid


def test_cjk_digit_spaces_are_removed_but_chinese_spaces_kept():
    rep = load_report("云岭镇人民政府2023 年政府信息公开工作年度报告\n一、总体情况\n全年公开信息 312 条，办理 申请。\n")
    assert rep.meta.year == 2023
    assert "全年公开信息312条，办理 申请。" in rep.text


def test_undecodable_bytes_name_the_file():
    with pytest.raises(InputError) as ei:
        read_bytes(bytes(range(0x80, 0x100)) * 4, "坏文件.txt")
    assert ei.value.code == "encoding" and str(ei.value).startswith("坏文件.txt：")


def test_pyproject_tool_section_is_read(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.nianbao]\nselect = ["T", "d-01"]\nignore = ["T2"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "reports"
    sub.mkdir()
    cfg = load_config(start=sub)
    assert cfg.select == ["T", "D-01"] and cfg.ignore == ["T2"]
    assert cfg.enabled("T3-01") and cfg.enabled("D-01") and not cfg.enabled("T2-01") and not cfg.enabled("W-01")


def test_an_empty_table_row_takes_its_spanning_flags_and_page_with_it():
    """The builder drops empty table rows; the spanning-cell flags and pages of the rows after one must stay with
    their own rows (they used to shift up by one, r4's review)."""
    from nianbao.ingest.builder import Item, build_document

    rows = [["项目", "数量"], ["", ""], ["主动公开", "12"], ["依申请公开", "3"]]
    merged = [[False, False], [False, False], [True, False], [False, False]]
    pages = [1, 1, 2, 2]
    raw = build_document("<t>", "pdf", [Item("table", page=1, rows=rows, merged=merged, row_pages=pages)])
    table = next(b for b in raw.blocks if b.kind == "table")
    got = [(c.text, c.merged, c.page) for row in table.rows for c in row if c.col == 0]
    assert got == [("项目", False, 1), ("主动公开", True, 2), ("依申请公开", False, 2)]
