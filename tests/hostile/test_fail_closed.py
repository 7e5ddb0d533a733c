"""The classifier fails closed (issue #14 item 8): a missing or broken model makes the audit say so at the
top, marks the score incomplete, and ``--fail-under`` exits 3 instead of passing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nianbao.audit as audit_mod
from nianbao.cli import EXIT_INCOMPLETE, app

REPORT = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "reports" / "county_bureau_2023.txt"
runner = CliRunner()


def _missing(backend):
    raise FileNotFoundError("models/paragraph-sklearn 不存在")


class _Broken:
    threshold = 0.5

    def predict(self, texts, parts=None):
        raise ValueError("matmul: shapes (3,7) and (9,2) not aligned")


@pytest.fixture(params=["missing", "broken"])
def no_classifier(request, monkeypatch):
    monkeypatch.setattr(audit_mod, "_classifier", _missing if request.param == "missing" else lambda b: _Broken())
    return request.param


def test_fail_under_does_not_pass(no_classifier):
    res = runner.invoke(app, ["score", str(REPORT), "--fail-under", "10", "--format", "json"])
    assert res.exit_code == EXIT_INCOMPLETE == audit_mod.EXIT_INCOMPLETE == 3  # (still importable from audit)
    d = json.loads(res.stdout)
    why = "段落分类器不可用" if no_classifier == "missing" else "段落分类器运行出错"
    assert len(d["incomplete"]) == 1 and d["incomplete"][0].startswith(why)
    assert d["incomplete"][0].endswith("套话和主题相关的检查未做，得分可能偏高，仅供参考。")
    assert "审查不完整，--fail-under 不予通过（退出状态 3）" in res.stderr


def test_said_at_the_top_of_text_markdown_and_html(no_classifier):
    text = runner.invoke(app, ["score", str(REPORT), "--no-color"]).stdout
    assert text.splitlines()[0].startswith("审查不完整：段落分类器")
    assert "（审查不完整）" in text  # beside the score
    md = runner.invoke(app, ["score", str(REPORT), "--format", "md"]).stdout
    assert "（审查不完整）" in md.splitlines()[2] and "> **审查不完整**：段落分类器" in md
    html = runner.invoke(app, ["score", str(REPORT), "--format", "html"]).stdout
    assert html.index('id="incomplete"') < html.index('id="overview"')


def test_a_working_classifier_is_complete():
    res = runner.invoke(app, ["score", str(REPORT), "--fail-under", "10", "--format", "json"])
    assert res.exit_code == 0
    assert "incomplete" not in json.loads(res.stdout)


def test_batch_ranking_says_incomplete(tmp_path, monkeypatch):
    import csv
    import shutil

    from nianbao.batch.runner import run_batch

    monkeypatch.setattr(audit_mod, "_classifier", _missing)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(REPORT, src / REPORT.name)
    run_batch([src], tmp_path / "out", jobs=1, progress=False)
    with (tmp_path / "out" / "ranking.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["读取提示"].startswith("审查不完整：段落分类器不可用")
