"""The matching logic of scripts/bench_real.py on team-written text (no real excerpt is needed)."""

from __future__ import annotations

from tests.conftest import load_script

B = load_script("bench_real")
TEXT = "2023年度政府信息公开工作年度报告\n截止2023年底，我镇共主动公开信息120条，更好的满足群众需求。"


def _ex(anns, clean=False):
    return B.Excerpt("x0001", "dev", 2023, "township", clean, anns, TEXT)


def test_overlap_and_category_decide_a_hit():
    jz = TEXT.index("截止")
    de = TEXT.index("更好的") + 2
    ex = _ex([B.Annotation(jz, jz + 2, "typo", "jiezhi", "截止", "截至"),
              B.Annotation(de, de + 1, "typo", "de_di", "的", "地")])
    findings = [
        B.Found("W-04", "typo", "warning", jz, jz + 7),  # overlaps 截止 → hit
        B.Found("D-02", "date", "error", jz + 2, jz + 7),  # overlaps nothing of its category → false alarm
        B.Found("S-01", "structure", "error", None, None),  # truncation rule, unmatched → ignored
        B.Found("W-05", "typo", "warning", de + 1, de + 3),  # touches 的 only from the right → no overlap
    ]
    sc = B.score_excerpt(ex, findings)
    assert sc.hit == [True, False, False, False]
    assert sc.found == [True, False]
    assert sc.ignored == [False, False, True, False]
    s = B.summarise([sc])
    assert s["rules"]["W-04"]["precision"] == 1.0
    assert s["rules"]["W-05"]["precision"] == 0.0
    assert "S-01" not in s["rules"]
    assert s["recall_by_category"]["typo"] == {"n": 2, "found": 1, "recall": 0.5, "found_warn": 1, "recall_warn": 0.5}
    assert s["recall_by_kind"]["typo/de_di"]["found"] == 0


def test_recall_by_warnings_and_errors_leaves_notes_out_and_writers_are_told_apart():
    ex = _ex([B.Annotation(0, 2, "typo", "jiezhi", "截止", "截至")])
    sc = B.score_excerpt(ex, [B.Found("W-10", "typo", "info", 0, 2)])
    assert (sc.found, sc.found_warn) == ([True], [False])
    s = B.summarise([sc])
    assert s["recall_by_category"]["typo"] == {"n": 1, "found": 1, "recall": 1.0, "found_warn": 0, "recall_warn": 0.0}
    assert s["recall_by_writer"] == {f"{B.WRITERS.get(ex.id[:1], ex.id[:1])} typo": {"n": 1, "found": 1, "recall": 1.0}}


def test_compatible_pairs_and_document_level_findings():
    a = B.Annotation(0, 4, "date", "wrong_year", "2023", "2022")
    assert B.matches(a, B.Found("S-07", "structure", "error", 2, 3))  # statistical period rule finds a date slip
    assert not B.matches(a, B.Found("S-03", "structure", "info", 2, 3))
    assert B.matches(a, B.Found("D-06", "date", "error", None, None))  # no location: any compatible annotation
    assert B.matches(B.Annotation(5, 5, "typo"), B.Found("W-01", "typo", "error", 5, 6))  # empty span = one position
    # a blank count marked as a missing word is C-06's unfilled blank; another content rule is not a typo
    blank = B.Annotation(10, 19, "typo", "missing_word", "主动公开信息  条")
    assert B.matches(blank, B.Found("C-06", "content", "error", 16, 19))
    assert not B.matches(blank, B.Found("C-01", "content", "warning", 16, 19))


def test_false_alarms_count_only_clean_excerpts_and_warnings_errors():
    clean = B.score_excerpt(_ex([], clean=True), [B.Found("W-02", "typo", "warning", 0, 2),
                                                  B.Found("S-03", "structure", "info", 0, 2)])
    dirty = B.score_excerpt(_ex([B.Annotation(0, 2, "typo")]), [B.Found("P-01", "punctuation", "warning", 20, 21)])
    s = B.summarise([clean, dirty])
    assert s["clean"] == 1
    assert s["false_alarms_per_clean"] == {"error": 0.0, "warning": 1.0, "info": 1.0}
    assert s["false_alarms_per_clean_warn_err"] == 1.0
    assert s["rules"]["P-01"]["fp"] == 1


def test_manifest_and_copy_loading(tmp_path):
    import hashlib
    import json

    man, cache = tmp_path / "m", tmp_path / "c"
    man.mkdir()
    cache.mkdir()
    (cache / "x0001.txt").write_text(TEXT, encoding="utf-8")
    good = {"id": "x0001", "split": "dev", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "clean": True,
            "annotations": []}
    bad = {"id": "x0002", "split": "test", "sha256": "0" * 64, "annotations": []}
    (man / "t.jsonl").write_text("\n".join(json.dumps(d) for d in (good, bad)) + "\n", encoding="utf-8")
    exs, skipped = B.load_manifests(man, cache)
    assert [e.id for e in exs] == ["x0001"] and exs[0].text == TEXT
    assert skipped == {"no local copy": 1}


def test_the_same_defect_repeated_elsewhere_counts_for_precision_only():
    text = "本报告由概述、主动公开政府信息情况等部分组成。\n（一）概述\n2023年。"
    first, second = text.index("概述"), text.rindex("概述")
    ex = B.Excerpt("x0002", "dev", 2023, "township", False, [B.Annotation(first, first + 2, "format")], text)
    sc = B.score_excerpt(ex, [B.Found("F-08", "format", "warning", second, second + 2)])
    assert sc.hit == [True] and sc.found == [False]


def test_typo_findings_are_counted_per_lexicon_entry():
    jz = TEXT.index("截止")
    ex = _ex([B.Annotation(jz, jz + 2, "typo", "jiezhi", "截止", "截至")])
    findings = [B.Found("W-04", "typo", "warning", jz, jz + 2, "截止", "“截止”应为“截至”：后面是日期。"),
                B.Found("W-08", "typo", "warning", 40, 44, "主功公开", "“主功公开”疑为“主动公开”之误（错了一个字）。")]
    s = B.summarise([B.score_excerpt(ex, findings)])
    assert s["typo_entries"] == {"W-04 截止": {"tp": 1, "fp": 0}, "W-08 主功公开": {"tp": 0, "fp": 1}}
