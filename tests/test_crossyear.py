"""Cross-year checks (Y-01..Y-04) on a team-written pair of one invented body's reports (松岭县市场监督管理局
2023 and 2024, derived from tests/fixtures/reports/county_bureau_2023.txt): `score --previous` through the
CLI and the API, the audit's `previous` block, silence on a consistent pair, and the batch (--previous DIR
and several years of one body in the inputs)."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import nianbao
from nianbao.audit import audit_report, load_report
from nianbao.cli import app
from tests.conftest import ROOT, assert_evidence_contract

PAIR = ROOT / "tests" / "fixtures" / "crossyear"
Y2023, Y2024, Y2024_OK = PAIR / "songling_2023.txt", PAIR / "songling_2024.txt", PAIR / "songling_2024_consistent.txt"
runner = CliRunner()


def _y(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["rule"].startswith("Y-")]


def _cell_start(path: Path, line_start: str, nth: int = 1) -> int:
    """Offset of the nth value cell on the table line that starts with ``line_start``."""
    text = load_report(path).text
    pos = text.index(line_start)
    for _ in range(nth):
        pos = text.index("\t", pos) + 1
    return pos


@pytest.fixture(scope="module")
def cli_json() -> dict:
    res = runner.invoke(app, ["score", str(Y2024), "--previous", str(Y2023), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def api_audit():
    return nianbao.audit(str(Y2024), previous=str(Y2023))


def test_score_previous_reports_the_broken_chains_with_both_cells(cli_json):
    ys = {f["rule"]: f for f in _y(cli_json["findings"])}
    assert sorted(ys) == ["Y-01", "Y-02", "Y-03", "Y-04"]
    assert len(_y(cli_json["findings"])) == 4  # one column broken: 自然人 (总计 follows and is not repeated)

    y1 = ys["Y-01"]
    assert (y1["severity"], y1["category"], y1["part"]) == ("error", "crossyear", "requests")
    assert y1["message"] == ("本年表三“自然人”列“二、上年结转”为 2，而上年（2023年度）报告表三同列"
                             "“四、结转下年度继续办理”为 1，两者应相等。")
    assert y1["evidence"] == ("本年表三“二、上年结转政府信息公开申请数量”·自然人=2；"
                              "上年（2023年度）报告表三“四、结转下年度继续办理”·自然人=1")
    assert y1["cells"] == [
        {"table": "requests", "row": "carried_over", "col": "natural", "value": 2, "raw": "2"},
        {"table": "requests", "row": "carried_forward", "col": "natural", "value": 1, "raw": "1",
         "report": "previous", "year": 2023, "page": None},
    ]
    start = _cell_start(Y2024, "二、上年结转政府信息公开申请数量")
    assert (y1["location"]["start"], y1["location"]["end"], y1["location"]["line"]) == (start, start + 1, 40)

    y2 = ys["Y-02"]
    assert (y2["severity"], y2["part"]) == ("warning", "proactive")
    assert y2["message"] == ("表二“行政规范性文件”现行有效件数为 15，而上年（2023年度）报告的现行有效件数 12 "
                             "加本年制发 2、减本年废止 1 应为 13。")
    assert [(c["row"], c["col"], c["value"], c.get("report")) for c in y2["cells"]] == [
        ("normative_docs", "in_force", 15, None), ("normative_docs", "issued", 2, None),
        ("normative_docs", "repealed", 1, None), ("normative_docs", "in_force", 12, "previous")]
    assert y2["location"]["start"] == _cell_start(Y2024, "行政规范性文件\t", 3)

    y3 = ys["Y-03"]
    assert y3["severity"] == "warning"
    assert y3["message"] == ("上年（2023年度）报告第五部分列出的问题“三是依申请公开办理人员多为兼职，对不予公开情形的"
                             "法律适用把握还不够准确。”，在本年报告第五部分的整改情况和改进措施中未见回应"
                             "（“依申请公开”、“办理”、“人员”、“兼职”等关键词都没有出现）。")
    assert y3["evidence"].startswith("（二）上年度问题整改情况。针对2023年度报告中指出的政策解读形式较为单一问题")

    y4 = ys["Y-04"]
    assert y4["part"] == "overview"
    assert y4["message"].startswith("本段有 5 句（约 100% 的文字）与上年（2023年度）报告的文字相同，连数字也未更新")
    assert y4["evidence"].startswith("调整充实局政务公开工作领导小组") and y4["evidence"].endswith("被追究责任的情况。")


def test_api_gives_the_same_findings_and_the_previous_block(cli_json, api_audit):
    d = api_audit.to_dict()
    assert _y(d["findings"]) == _y(cli_json["findings"])
    found = [f for f in api_audit.findings if f.rule.startswith("Y-")]
    assert_evidence_contract(api_audit.report, found, api_audit.previous)
    pv = d["previous"]
    assert (pv["agency"], pv["year"], pv["compared"], pv["same_agency"]) == ("松岭县市场监督管理局", 2023, True, True)
    nums = {k["key"]: (k["previous"], k["current"], k["change"]) for k in pv["key_numbers"]}
    assert nums["received"] == (28, 31, 3) and nums["denied"] == (2, 1, -1)
    assert nums["reviews"] == (1, 2, 1) and nums["suits"] == (0, 1, 1)
    assert [p["status"] for p in pv["problems"]] == ["addressed", "addressed", "unaddressed"]
    assert pv["problems"][0]["answer"].startswith("针对2023年度报告中指出的政策解读形式较为单一问题")
    schema = json.loads(resources.files("nianbao").joinpath("data/schema/audit.schema.json").read_text(encoding="utf-8"))
    # the `previous` block and the findings' cells against their part of the schema (the whole document is
    # not: other stages' keys such as `reading` are not in the schema yet)
    doc = json.loads(api_audit.to_json())
    jsonschema.Draft202012Validator({"$defs": schema["$defs"], **schema["properties"]["previous"]}).validate(doc["previous"])
    cell_schema = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/finding_cell"})
    for f in _y(doc["findings"]):
        for c in f.get("cells", []):
            cell_schema.validate(c)


def test_html_audit_shows_the_year_on_year_view(api_audit):
    html = api_audit.to_html()
    assert '<a href="#previous">与上年度对比</a>' in html
    assert "<tr><td>本年新收申请</td><td>28</td><td>31</td>" in html
    assert "（2023年度报告）四、结转下年度继续办理 × 自然人 = 1" in html  # last year's cell, named as such
    assert "<td>未见回应</td>" in html


def test_a_consistent_pair_is_silent():
    a = nianbao.audit(str(Y2024_OK), previous=str(Y2023))
    assert _y([f.to_dict() for f in a.findings]) == []
    assert [p["status"] for p in a.to_dict()["previous"]["problems"]] == ["addressed"] * 3


def test_silent_without_a_previous_report_or_for_years_that_do_not_follow(api_audit):
    alone = nianbao.audit(str(Y2024))
    assert not [f for f in alone.findings if f.rule.startswith("Y-")] and "previous" not in alone.to_dict()
    same_year = nianbao.audit(str(Y2024), previous=api_audit.report)
    assert not [f for f in same_year.findings if f.rule.startswith("Y-")]
    notes = {n["code"]: n["message"] for n in same_year.to_dict()["parse_notes"]}
    assert notes["previous_not_compared"] == "上一年度报告的年度为2024年，不是本报告（2024年度）的上一年，未做跨年度比对。"


def test_terminal_output_shows_the_comparison():
    res = runner.invoke(app, ["score", str(Y2024), "--previous", str(Y2023), "--select", "Y", "--no-color"])
    assert res.exit_code == 0, res.output
    assert "[Y-01] 错误 · 跨年度" in res.stdout
    assert "（2023年度报告）四、结转下年度继续办理" in res.stdout
    assert "与上年度对比（松岭县市场监督管理局 2023年度）" in res.stdout
    assert "本年新收申请         28         31     +3" in res.stdout


def test_unreadable_previous_report_is_one_sentence_and_exit_2(tmp_path: Path):
    empty = tmp_path / "上年.txt"
    empty.write_bytes(b"")
    res = runner.invoke(app, ["score", str(Y2024), "--previous", str(empty)])
    assert res.exit_code == 2 and "上年.txt：文件为空" in res.output and "Traceback" not in res.output


def test_batch_previous_dir_and_per_body_history(tmp_path: Path):
    from nianbao.batch.runner import run_batch

    cur, prev = tmp_path / "2024", tmp_path / "2023"
    cur.mkdir()
    prev.mkdir()
    shutil.copy(Y2024, cur)
    shutil.copy(Y2023, prev)
    run_batch([cur], tmp_path / "out", jobs=1, previous=prev, progress=False)
    page = next((tmp_path / "out" / "audits").glob("songling_2024-*.html")).read_text(encoding="utf-8")
    assert "Y-01" in page and "与上年度对比" in page
    assert 'id="history"' not in (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")

    # several years of the same body among the inputs: matched by agency name, history in the summary
    both = tmp_path / "both"
    both.mkdir()
    shutil.copy(Y2023, both)
    shutil.copy(Y2024, both)
    run_batch([both], tmp_path / "out2", jobs=1, progress=False)
    summary = (tmp_path / "out2" / "summary.html").read_text(encoding="utf-8")
    hist = summary[summary.index('id="history"'):summary.index('id="reports"')]
    assert "<h3>松岭县市场监督管理局</h3>" in hist
    assert hist.index("<tr><td>2023</td>") < hist.index("<tr><td>2024</td>")
    assert "<td class='num'>28</td><td class='num'>13</td>" in hist  # 2023: received 28, granted 13
    assert "<td class='num'>31</td><td class='num'>16</td>" in hist  # 2024: received 31, granted 16
    page = next((tmp_path / "out2" / "audits").glob("songling_2024-*.html")).read_text(encoding="utf-8")
    assert "Y-01" in page


def test_same_body_allows_the_parent_divisions_in_front_only():
    from nianbao.crossyear import body_keys, same_body

    assert same_body("淮安市洪泽区人民政府", "洪泽区人民政府") is True
    assert same_body("江苏省淮安市洪泽区人民政府", "洪泽区 人民政府") is True
    assert same_body("洪泽区人民政府", "淮阴区人民政府") is False
    assert same_body("南京市公安局", "苏州市公安局") is False
    assert same_body("南京市城市管理局", "城市管理局") is False  # no place of its own: not merged
    assert same_body("南京市经济技术开发区管理委员会", "经济技术开发区管理委员会") is False
    assert same_body(None, "洪泽区人民政府") is None
    keys = body_keys(["淮安市洪泽区人民政府", "洪泽区人民政府", "南京市公安局"])
    assert keys["洪泽区人民政府"] == "淮安市洪泽区人民政府" and keys["南京市公安局"] == "南京市公安局"


def test_a_problem_paragraph_that_turns_to_the_measures_is_cut_there():
    from nianbao import crossyear as cy

    before = load_report("云岭镇人民政府2023年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n"
                         "2023年，我镇政务公开工作取得一定成效，但仍存在一些不足：一是村务公开栏更新不及时；"
                         "二是政策解读形式单一。下一步，我镇将建立村务公开栏巡查制度，增加图解解读。",
                         require_report=False)
    assert [p.text for p in cy.problems(before)] == [
        "2023年，我镇政务公开工作取得一定成效，但仍存在一些不足：", "一是村务公开栏更新不及时；", "二是政策解读形式单一。"]
    assert [a.text for a in cy.answers(before)] == ["下一步，我镇将建立村务公开栏巡查制度，增加图解解读。"]


def test_markdown_audit_has_the_year_on_year_table(api_audit):
    md = api_audit.to_markdown()
    assert "## 与上年度对比" in md
    assert "| 本年新收申请 | 28 | 31 | +3 |" in md and "| 2023年度 | 2024年度 |" in md
    assert "| 未见回应 |" in md


def test_no_measures_at_all_is_one_finding_not_one_per_problem():
    before = load_report(Y2023)
    text = Y2024.read_text(encoding="utf-8")
    cut = text[text.index("（二）上年度问题整改情况"):text.index("六、其他需要报告的事项")]
    now = load_report(text.replace(cut, ""))
    a = audit_report(now, only=["Y-03"], previous=before, use_classifier=False)
    assert [(f.rule, f.severity, f.message) for f in a.findings] == [
        ("Y-03", "warning", "上年（2023年度）报告第五部分列出了 3 个问题（如“一是政策解读形式较为单一，全年38篇解读中图文解读仅9篇，"
                            "尚未制作视频解读；”），本年报告第五部分没有写整改情况或改进措施。")]
