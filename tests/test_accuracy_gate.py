"""Accuracy regression gate: recall and precision on injected defects, false alarms on clean reports.

Runs a small deterministic version of ``scripts/bench_accuracy.py`` (12 clean corpus reports spread over the
sorted ids, every injector kind, seed 0, text input, the full ``nianbao.audit`` with rules and classifier) and fails
when

* the recall or precision of any category drops below its floor in ``tests/accuracy/floors.json``;
* any clean report gets an error-severity finding;
* the mean number of warning-level findings per clean report exceeds ``clean_warnings_per_report_max``.

The floors only rise. After a change that improves the figures, raise them with

    python scripts/bench_accuracy.py --quick --update-floors

(it writes the measured figures rounded down to 2 decimals, keeps any floor that is already higher and lowers the
warning ceiling, never the other way) and commit ``tests/accuracy/floors.json`` with the change. Lowering a floor
is a decision: edit the file by hand and say why in the commit message. To see what was missed and which findings
are false alarms: ``python scripts/bench_accuracy.py --quick`` (lists the first 30 of each).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "accuracy" / "floors.json").read_text(encoding="utf-8"))


B = load_script("bench_accuracy")


@pytest.fixture(scope="module")
def summary() -> dict:
    s = FLOORS["settings"]
    assert (s["reports"], s["seeds"], s["formats"]) == (B.GATE["reports"], B.GATE["seeds"], B.GATE["formats"])
    res = B.evaluate(reports=s["reports"], seeds=s["seeds"], formats=tuple(s["formats"]), jobs=2)
    return res["formats"]["text"]


# --------------------------------------------------------------------------- the gate


def test_sample_is_the_recorded_one(summary):
    assert summary["clean_reports"] == 12
    assert summary["errors"] == []
    assert summary["variants"] >= 12 * 20  # every report takes most of the 24 kinds


@pytest.mark.parametrize("category", sorted(c for c, f in FLOORS["categories"].items() if "recall" in f))
def test_recall_floor(summary, category):
    floor = FLOORS["categories"][category]["recall"]
    got = summary["categories"][category]["recall"]
    misses = [f"{m['id']} {m['kind']}: {m['evidence'][:30]}" for m in summary["misses"]
              if summary["kinds"][m["kind"]]["report_as"] == category][:5]
    assert got >= floor, f"{category} recall {got} < floor {floor}; misses: {misses}"


@pytest.mark.parametrize("category", sorted(c for c, f in FLOORS["categories"].items() if "precision" in f))
def test_precision_floor(summary, category):
    floor = FLOORS["categories"][category]["precision"]
    got = summary["categories"].get(category, {}).get("precision")
    if got is None:  # the category produced no finding at all: nothing can be a false alarm
        return
    fas = [f"{f['rule']} {f['id']}: {f['evidence'][:30]}" for f in summary["false_alarms"]
           if f["category"] == category][:5]
    assert got >= floor, f"{category} precision {got} < floor {floor}; false alarms: {fas}"


def test_no_error_on_clean_reports(summary):
    errs = [f"{f['id']} {f['rule']}: {f['evidence'][:40]} — {f['message'][:60]}" for f in summary["clean_error_findings"]]
    assert len(errs) <= FLOORS["clean_errors_max"] == 0, errs


def test_warning_false_alarms_per_clean_report(summary):
    got = summary["clean_false_alarms_per_report"]["warning"]
    top = Counter(f["rule"] for f in summary["false_alarms"] if f["where"] == "clean" and f["severity"] == "warning")
    assert got <= FLOORS["clean_warnings_per_report_max"], f"{got} warnings per clean report; by rule: {top}"


# --------------------------------------------------------------------------- the matching itself


def _f(rule, category, start, end, evidence, part=None, message=""):
    return SimpleNamespace(rule=rule, category=category, severity="error", part=part, evidence=evidence,
                           message=message, location=SimpleNamespace(start=start, end=end))


def test_locate_finds_the_injected_line_in_text_with_other_whitespace():
    src = "标题\n一、总体情况\n本年度共受理申请12件。\n二、主动公开\n"
    inj = B.INJ.Injection("text_table_mismatch", "consistency", "overview", 18, 20, "12", "", "10")
    target = "标题\n一、总体情况\n本年度共受理申请 12 件。\n二、主动公开"
    assert src[18:20] == "12"
    assert B.locate(src, inj, target) == (10, 24)
    assert target[10:24] == "本年度共受理申请 12 件。"


def test_new_findings_ignore_a_paragraph_finding_that_only_moved_with_the_edit():
    para = "我镇高度重视政府信息公开工作，严格按照上级部署要求，稳步推进各项工作。"
    clean = [_f("B-01", "boilerplate", 10, 40, para, "overview"), _f("C-04", "content", 90, 95, "五、存在的主要问题")]
    edited = para.replace("信息", "信息信息", 1)
    variant = [_f("B-01", "boilerplate", 10, 42, edited, "overview"), _f("C-04", "content", 92, 97, "五、存在的主要问题"),
               _f("W-01", "typo", 20, 24, "信息信息", "overview")]
    assert [f.rule for f in B.new_findings(variant, clean)] == ["W-01"]


def test_matching_by_category_place_and_missing_part():
    exp = B.load_expected()
    src = "标题\n一、总体情况\n本年度共受理申请12件。\n"
    inj = B.INJ.Injection("duplicated_word", "typo", "overview", 14, 18, "受理受理", "", "受理")
    region = (10, 24)
    assert B.matches(_f("W-01", "typo", 14, 18, "受理受理"), inj, exp["duplicated_word"], region, src)
    assert not B.matches(_f("P-01", "punctuation", 14, 18, "受理受理"), inj, exp["duplicated_word"], region, src)
    assert not B.matches(_f("W-01", "typo", 30, 34, "公开公开"), inj, exp["duplicated_word"], region, src)
    gone = B.INJ.Injection("missing_part", "structure", "proactive", 20, 20, "", "", "二、主动公开政府信息情况\n正文。")
    s01 = _f("S-01", "structure", 19, 19, "（缺少）二、主动公开政府信息情况", None, "报告缺少第二部分。")
    assert B.matches(s01, gone, exp["missing_part"], None, src)
    assert not B.matches(_f("S-01", "structure", 19, 19, "（缺少）三、收到和处理政府信息公开申请情况", None,
                            "报告缺少第三部分。"), gone, exp["missing_part"], None, src)


def test_row_label_is_the_field_before_the_values():
    assert B.row_label("行政强制\t30\t1\t5") == "行政强制"
    assert B.row_label("\t（五）不予处理\t1.信访举报投诉类申请\t5\t0\t0\t0\t0\t1\t6") == "1.信访举报投诉类申请"
    assert B.row_label("15\t2\t4\t2\t23") == ""


def test_every_injector_kind_has_an_expectation():
    import tomllib

    declared = tomllib.loads((ROOT / "tests" / "accuracy" / "expected_kinds.toml").read_text(encoding="utf-8"))
    assert set(declared["kinds"]) == set(B.INJ.INJECTORS)
