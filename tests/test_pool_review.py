"""scripts/pool_review.py: pairing findings with the hand judgements of the review pool, and the per-rule table."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("pool_review", ROOT / "scripts" / "pool_review.py")
pr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pr)

U = "https://example.gov.cn/a.html"


def _f(rule, start, snippet, severity="warning", variant=None):
    return {"url": U, "rule": rule, "start": start, "snippet": snippet, "severity": severity, "variant": variant}


def test_the_variant_is_read_back_from_the_message():
    boundary = "疑似词语重复：“信信”中的“信”紧挨着写了两遍（其中一遍与前后的字连成了词，容易看漏）。"
    assert pr.variant_of("W-01", boundary) == "boundary"
    assert pr.variant_of("W-01", "词语重复：“关于关于”中的“关于”多写了一遍。") == "duplicate"
    # a note about a page cut carries a sentence after the template
    assert pr.variant_of("W-01", "词语重复：“关于关于”中的“关于”多写了一遍。（正文在此中断）") == "duplicate"
    assert pr.variant_of("W-04", "“截止”应为“截至”：…") is None  # a single-template rule


def test_findings_pair_by_offset_then_by_snippet_and_the_rest_are_gone():
    judged = [dict(_f("W-04", 10, "截止"), judgement="right"), dict(_f("W-05", 40, "的"), judgement="wrong"),
              dict(_f("K-07", 70, "我区"), judgement="wrong")]
    now = [_f("W-04", 10, "截止"), _f("W-05", 44, "的"), _f("W-07", 90, "依法申请公开")]  # W-05 moved by 4
    pairs, gone = pr.match(now, judged)
    assert [(f["rule"], j and j["judgement"]) for f, j in pairs] == [("W-04", "right"), ("W-05", "wrong"),
                                                                      ("W-07", None)]
    assert [j["rule"] for j in gone] == ["K-07"]


def test_the_table_combines_pool_and_dev_and_tests_against_the_target():
    judged = [dict(_f("W-05", i, "的"), judgement=j) for i, j in enumerate(["right"] * 3 + ["wrong"] * 2)]
    pairs, gone = pr.match([_f("W-05", i, "的") for i in range(5)], judged)
    dev = [{"rule": "W-05", "severity": "warning", "variant": "adverbial", "tp": True}] * 10
    (row,) = pr.table(pairs, gone, dev)
    assert (row["right"], row["wrong"], row["dev_tp"], row["dev_fp"], row["n"]) == (3, 2, 10, 0, 15)
    assert row["pool_precision"] == pytest.approx(0.6)
    assert row["combined"] == pytest.approx(13 / 15)
    assert row["p_below_goal"] == pytest.approx(0.451, abs=1e-3)  # P(X >= 2), X ~ Binomial(15, 0.10)
    assert not row["thin"]


def test_the_committed_review_is_facts_only():
    rows = [json.loads(x) for x in (ROOT / "corpora" / "real" / "pool_review.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) >= 100
    for r in rows:
        assert r["judgement"] in ("right", "wrong", "reading")
        assert len(r["snippet"]) <= 12 and r["url"].startswith("http") and r["reason"]


def test_the_index_takes_any_pools_page_ids_and_no_header(tmp_path):
    rows = ["pid\turl\tquery\tyear\tagency\tlevel\trank",
            f"p004\t{U}\tq\t2024\t某局\tdepartment\t1",
            "qa001\thttps://example.gov.cn/b.html\tq\t2023\t某镇人民政府\ttownship\t2"]
    (tmp_path / "INDEX.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    index = pr.read_index(tmp_path)
    assert sorted(index) == ["p004", "qa001"]
    assert index["qa001"]["year"] == 2023 and index["qa001"]["agency"] == "某镇人民政府"
