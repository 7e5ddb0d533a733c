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
