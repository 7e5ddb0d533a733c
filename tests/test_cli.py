"""The `nianbao` command end to end: exit codes, one-sentence errors, JSON that other tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from nianbao.cli import app
from tests.conftest import REPORTS

runner = CliRunner()
CLEAN = REPORTS / "county_bureau_2023.txt"


def test_inspect_json_pins_the_schema_names():
    res = runner.invoke(app, ["inspect", str(CLEAN), "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    for key in ("title", "agency", "year", "published", "period", "format_version", "parts", "tables", "parse_notes"):
        assert key in d
    assert d["published"] == "2024-01-22"
    assert d["period"] == {"start": "2023-01-01", "end": "2023-12-31", "text": d["period"]["text"]}
    cell = d["tables"]["requests"]["cells"]["new"]["natural"]
    assert (cell["value"], cell["raw"], cell["confidence"]) == (23, "23", 1.0)
    assert set(d["tables"]["review_litigation"]["cells"]) == {"review", "direct_suit", "suit_after_review"}


def test_inspect_text_shows_the_structure():
    res = runner.invoke(app, ["inspect", str(CLEAN)])
    assert res.exit_code == 0
    assert "青溪县市场监督管理局" in res.stdout and "六、其他需要报告的事项" in res.stdout


def test_score_json_and_fail_under(tmp_path: Path):
    res = runner.invoke(app, ["score", str(CLEAN), "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["schema"] == "nianbao.audit/1"
    assert d["report"]["agency"] == "青溪县市场监督管理局"
    res2 = runner.invoke(app, ["score", str(CLEAN), "--fail-under", "101"])
    assert res2.exit_code == 1
    out = tmp_path / "a.html"
    res3 = runner.invoke(app, ["score", str(CLEAN), "--format", "html", "-o", str(out)])
    assert res3.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_input_is_one_sentence_and_exit_2(tmp_path: Path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    res = runner.invoke(app, ["score", str(empty)])
    assert res.exit_code == 2
    assert "空.txt：文件为空" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["score", str(tmp_path / "nope.pdf")])
    assert res.exit_code == 2 and "文件不存在" in res.output
    junk = tmp_path / "乱码.txt"
    junk.write_bytes(bytes(range(128, 256)) * 8)
    res = runner.invoke(app, ["inspect", str(junk)])
    assert res.exit_code == 2 and "编码" in res.output


def test_not_a_report(tmp_path: Path):
    p = tmp_path / "notice.txt"
    p.write_text("关于召开安全生产工作会议的通知\n各村（社区）：定于下周一召开会议，请准时参加。\n", encoding="utf-8")
    res = runner.invoke(app, ["score", str(p)])
    assert res.exit_code == 2 and "不是政府信息公开工作年度报告" in res.output


def test_select_and_ignore(tmp_path: Path):
    seedlike = REPORTS / "messy_street_2022.txt"
    all_rules = json.loads(runner.invoke(app, ["score", str(seedlike), "-f", "json"]).stdout)["findings"]
    only_t = json.loads(runner.invoke(app, ["score", str(seedlike), "-f", "json", "--select", "T"]).stdout)["findings"]
    assert {f["rule"][0] for f in only_t} == {"T"}
    assert [f for f in all_rules if f["rule"].startswith("T")] == only_t
    no_t = json.loads(runner.invoke(app, ["score", str(seedlike), "-f", "json", "--ignore", "T3"]).stdout)["findings"]
    assert not any(f["rule"].startswith("T3") for f in no_t)
    cfg = tmp_path / "nianbao.toml"
    cfg.write_text('ignore = ["T3-01"]\n[severity]\n"T3-03" = "info"\n', encoding="utf-8")
    via_cfg = json.loads(runner.invoke(app, ["score", str(seedlike), "-f", "json", "--config", str(cfg)]).stdout)
    assert not any(f["rule"] == "T3-01" for f in via_cfg["findings"])


def test_rules_list_and_explain():
    res = runner.invoke(app, ["rules", "--format", "json"])
    codes = [r["code"] for r in json.loads(res.stdout)]
    assert "T3-01" in codes and len(codes) == len(set(codes))
    res = runner.invoke(app, ["rules", "t3-01"])
    assert res.exit_code == 0 and "表三勾稽关系不成立" in res.stdout and "如何修改" in res.stdout
    assert runner.invoke(app, ["rules", "Z-99"]).exit_code == 2


def test_train_and_evaluate_commands(tmp_path: Path):
    corpus = REPORTS.parent / "paragraphs_small.jsonl"
    out = tmp_path / "model"
    res = runner.invoke(app, ["train", "--backend", "sklearn", "--corpus", str(corpus), "--out", str(out), "--small"])
    assert res.exit_code == 0, res.output
    assert (out / "model.skops").is_file()
    res = runner.invoke(app, ["evaluate", "--backend", "sklearn", "--corpus", str(corpus), "--model", str(out),
                              "--split", "test"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["split"] == "test" and 0.0 <= d["boilerplate"]["f1"] <= 1.0 and "macro_f1" in d["topic"]
