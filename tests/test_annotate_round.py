"""scripts/annotate_round.py: the fresh-round tool keeps what the earlier rounds kept (the cut, the manifest line that
real_devset.py check accepts), on a page of our own words."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("annotate_round", ROOT / "scripts" / "annotate_round.py")
ar = importlib.util.module_from_spec(spec)
sys.modules["annotate_round"] = ar
spec.loader.exec_module(ar)
import real_devset  # noqa: E402  (annotate_round put scripts/ on the path)

PAGE = ("青溪县东山镇人民政府2024年政府信息公开工作年度报告\n"
        "根据《中华人民共和国政府信息公开条例》规定，现公布本报告。\n"
        "一、总体情况\n2024年，我镇聚集重点领域，做好信息公开工作，共公开信息120条。\n")


def test_cut_keeps_short_pages_whole_and_cuts_long_ones_at_a_line_end():
    assert ar.cut(PAGE) == PAGE
    long = ("甲" * 500 + "\n") + ("乙" * 250 + "\n") + "丙" * 400
    assert ar.cut(long) == "甲" * 500 + "\n" + "乙" * 250  # the last line end within 800 characters
    assert ar.cut("丁" * 1000) == "丁" * 800  # no line end at all: the first 800 characters


def test_save_record_finish_write_a_line_that_the_check_accepts(tmp_path):
    r = ar.Round(tmp_path)
    r.manifests.mkdir(parents=True)
    url = "http://www.qingxi.gov.cn/dsz/2025/0120.html"
    assert r.used() == {}
    r.save("h12t", "t0001", {"url": url, "query": "东山镇2024年政府信息公开工作年度报告", "rank": 3, "excerpt": PAGE})
    assert r.used() == {"qingxi.gov.cn/dsz/2025/0120.html": "t0001 (draft)"}
    with pytest.raises(ValueError):
        r.save("h12t", "t0002", {"url": "https://qingxi.gov.cn/dsz/2025/0120.html/", "query": "q", "rank": 1,
                                 "excerpt": PAGE})  # the same page by another spelling of its URL
    row = r.record("h12t", "t0001", {"year": 2024, "agency": "青溪县东山镇人民政府", "level": "township", "province": "",
                                     "annotations": [{"text": "聚集", "category": "typo", "kind": "wrong_char",
                                                      "correction": "聚焦"}]})
    assert list(row) == real_devset.KEYS and list(row["annotations"][0]) == real_devset.ANNOTATION_KEYS
    assert (row["annotations"][0]["start"], row["annotations"][0]["end"]) == (PAGE.index("聚集"), PAGE.index("聚集") + 2)
    assert row["clean"] is False and row["chars"] == len(PAGE) and row["split"] == real_devset.split_for(url)
    with pytest.raises(ValueError):
        r.record("h12t", "t0001", {"year": 2024, "agency": "x", "level": "township",
                                   "annotations": [{"text": "聚焦", "category": "typo", "kind": "wrong_char"}]})
    out = r.finish("h12t")
    assert json.loads(out.read_text(encoding="utf-8")) == row
    assert real_devset.main(["check", "--cache", str(r.cache), "--manifest-dir", str(r.manifests),
                             "--paragraph-dir", str(tmp_path / "none")]) == 0
