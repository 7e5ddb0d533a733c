"""The real-text dev set manifests are consistent on their own (no local copy of the excerpts needed)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
real_devset = load_script("real_devset")

MANIFEST = ROOT / "corpora" / "real" / "devset" / "h12d.jsonl"


def _rows():
    return real_devset.load_jsonl(real_devset.MANIFEST_DIR)


def test_h12d_manifest_is_consistent():
    rows = [r for r in _rows() if r[0] == MANIFEST.name]
    assert len(rows) >= 200
    assert real_devset.validate_manifest(rows) == []
    assert all(r["id"].startswith("d") for _, _, r in rows)


def test_all_manifests_and_paragraphs_are_consistent():
    rows = _rows()
    manifest = {r["id"]: r for _, _, r in rows}
    assert real_devset.validate_manifest(rows) == []
    assert real_devset.validate_paragraphs(real_devset.load_jsonl(real_devset.PARAGRAPH_DIR), manifest) == []


def test_split_rule_is_the_contracts():
    # int(sha256(url)[:8], 16) % 10 < 3 -> test
    assert real_devset.split_for("http://www.qingxi.example.gov.cn/art/2022/3/8/art_1001_2001.html") == "dev"
    assert real_devset.split_for("http://yunling.example.gov.cn/info/1201/3301.htm") == "test"


def test_validation_catches_broken_lines():
    good = next(r for _, _, r in _rows() if r["annotations"])
    bad = dict(good, split="dev" if good["split"] == "test" else "test")
    ann = dict(good["annotations"][0], category="spelling", snippet="x" * 13)
    bad["annotations"] = [ann]
    errors = real_devset.validate_manifest([("x.jsonl", 1, good), ("x.jsonl", 2, bad)])
    assert any("used twice" in e for e in errors)
    assert any("split" in e for e in errors)
    assert any("category 'spelling'" in e for e in errors)
    assert any("snippet" in e for e in errors)
    clean_with_notes = dict(good, id="zz", clean=True)
    assert any("clean=True" in e for e in real_devset.validate_manifest([("x.jsonl", 1, clean_with_notes)]))


def test_h12f_manifest_is_consistent():
    rows = [r for r in _rows() if r[0] == "h12f.jsonl"]
    assert len(rows) >= 30
    assert real_devset.validate_manifest(rows) == []
    assert all(r["id"].startswith("f") for _, _, r in rows)


def test_h12g_manifest_is_consistent():
    rows = [r for r in _rows() if r[0] == "h12g.jsonl"]
    assert len(rows) >= 120
    assert real_devset.validate_manifest(rows) == []
    assert all(r["id"].startswith("g") for _, _, r in rows)


def _own_row(i: str, text: str, query: str, rank: int, split: str = "dev") -> dict:
    import hashlib

    return {"id": i, "split": split, "url": f"http://qingxi.example.gov.cn/{i}.html", "query": query, "rank": rank,
            "chars": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest(), "annotations": []}


def test_save_writes_the_result_and_cuts_it_to_the_excerpt(tmp_path, capsys):
    import json

    page = "首页>政务公开\n青溪县东山镇2023年政府信息公开工作年度报告\n一、总体情况\n"
    excerpt = page.split("\n", 1)[1]  # the manifest's excerpt starts at a line start of the saved result
    row = _own_row("z9001", excerpt, "东山镇 2023年", 1)
    assert real_devset.save({"z9001": row}, tmp_path, json.dumps({"z9001": page}, ensure_ascii=False)) == 0
    assert (tmp_path / "z9001.txt").read_text(encoding="utf-8") == excerpt
    assert capsys.readouterr().out == "z9001: OK\n"
    # one character copied wrong: no excerpt is written and the line says why
    assert real_devset.save({"z9001": row}, tmp_path / "b", json.dumps({"z9001": page.replace("东山", "东三")})) == 1
    assert not (tmp_path / "b" / "z9001.txt").exists()
    assert "no slice of" in capsys.readouterr().out


def test_shards_hold_the_missing_excerpts_best_first(tmp_path):
    import json

    rows = [("x.jsonl", 1, _own_row("z9101", "甲" * 10, "q-one", 1)),
            ("x.jsonl", 2, _own_row("z9102", "乙" * 10, "q-two", 1, split="test")),
            ("x.jsonl", 3, _own_row("z9103", "丙" * 10, "q-two", 3)),
            ("x.jsonl", 4, _own_row("z9104", "丁" * 10, "q-three", 2))]
    rows[0][2]["annotations"] = [{"start": 0, "end": 1}, {"start": 1, "end": 2}]
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "z9104.txt").write_text("丁" * 10, encoding="utf-8")  # already here: its query is not re-run
    msg = real_devset.shards(rows, cache, tmp_path / "out", 1, 10, "annotations")
    assert msg == "2 queries hold 3 missing excerpts; the shards hold 2 queries, 3 excerpts"
    shard = json.loads((tmp_path / "out" / "shard_1.json").read_text(encoding="utf-8"))
    assert [q for q, _ in shard] == ["q-one", "q-two"]
    assert [n["id"] for n in shard[1][1]] == ["z9102", "z9103"]
    real_devset.shards(rows, cache, tmp_path / "t", 1, 10, "test")
    assert [q for q, _ in json.loads((tmp_path / "t" / "shard_1.json").read_text(encoding="utf-8"))] == ["q-two", "q-one"]
