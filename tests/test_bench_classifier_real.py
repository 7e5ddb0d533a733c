"""The real-paragraph measurement of scripts/bench_classifier.py, on team-written paragraphs and a stub classifier
(exact counts and figures; no real report text, no model)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from nianbao.classify.base import Prediction
from tests.conftest import load_script

bench = load_script("bench_classifier")

TEXT_A = ("字号：大 中 小\n"
          "根据《中华人民共和国政府信息公开条例》要求，现公布本镇2023年度政府信息公开工作年度报告。\n"
          "本年度主动公开文件42件，其中规范性文件3件。\n"
          "本年度收到依申请公开5件，均按期答复。\n")
TEXT_B = "本单位将继续深入推进政务公开，切实提升公开质效。\n严格执行《中华人民共和国政府信息公开条例》各项规定。\n"


def _write(tmp: Path, texts: dict[str, str], missing: tuple[str, ...] = ()) -> tuple[Path, Path, Path]:
    man, par, cache = tmp / "devset", tmp / "paragraphs", tmp / "cache"
    for d in (man, par, cache):
        d.mkdir()
    rows, paras = [], []
    for i, (ex, text) in enumerate(texts.items()):
        rows.append({"id": ex, "split": "dev" if i == 0 else "test", "chars": len(text),
                     "sha256": hashlib.sha256(text.encode()).hexdigest()})
        if ex not in missing:
            (cache / f"{ex}.txt").write_text(text, encoding="utf-8")
        start = 0
        for n, line in enumerate(text.splitlines(keepends=True)):
            if n or ex != "t0001":  # the page-furniture line of t0001 is not labelled
                topic = "主动公开" if "主动" in line else "依申请公开" if "申请" in line else "其他"
                paras.append({"excerpt": ex, "start": start, "end": start + len(line.rstrip("\n")),
                              "boilerplate": int("条例" in line), "topic": topic})
            start += len(line)
    (man / "t.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (par / "t.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in paras), encoding="utf-8")
    return par, man, cache


class Stub:
    """Boilerplate when the paragraph mentions 条例 or 继续; topic 主动公开 whenever it counts 件, else 其他."""

    name, version, threshold = "stub", "0", 0.5

    def predict(self, texts, parts=None):
        return [Prediction(boilerplate=0.9 if ("条例" in t or "继续" in t) else 0.1,
                           topic="主动公开" if "件" in t else "其他") for t in texts]


def test_load_real_paragraphs_reads_as_the_audit_and_skips_missing_copies(tmp_path):
    par, man, cache = _write(tmp_path, {"t0001": TEXT_A, "t0002": TEXT_B, "t0003": TEXT_B}, missing=("t0003",))
    examples, counts = bench.load_real_paragraphs(par, man, cache)
    assert counts == Counter({"measured": 5, "also one audit paragraph": 5, "skipped: no local copy": 2})
    assert [(e.id, e.split, e.boilerplate, e.topic) for e in examples] == [
        ("t0001:9", "dev", 1, "其他"), ("t0001:56", "dev", 0, "主动公开"), ("t0001:80", "dev", 0, "依申请公开"),
        ("t0002:0", "test", 0, "其他"), ("t0002:25", "test", 1, "其他")]
    assert examples[1].text == "本年度主动公开文件42件，其中规范性文件3件。"


def test_measure_real_scores_each_split_at_the_threshold(tmp_path):
    par, man, cache = _write(tmp_path, {"t0001": TEXT_A, "t0002": TEXT_B})
    examples, _ = bench.load_real_paragraphs(par, man, cache)
    r = bench.measure_real(Stub(), examples)
    dev, test = r["splits"]["dev"], r["splits"]["test"]
    assert dev["n"] == 3 and dev["excerpts"] == 1
    assert (dev["boilerplate"]["precision"], dev["boilerplate"]["recall"]) == (1.0, 1.0)
    assert dev["topic"]["accuracy"] == 0.6667  # 依申请公开 (counts 件) taken for 主动公开
    assert dev["top_confusions"] == [("依申请公开", "主动公开", 1)]
    assert test["boilerplate"]["confusion"] == [[0, 1], [0, 1]]  # 继续 … is labelled substantive here
    assert r["by_writer"] == {"t": {"n": 5, "share": 0.4, "f1": 0.8}}  # 2 tp, 1 fp, 0 fn
    block = bench.render_real({"stub": r | {"predictions": None}}, Counter({"measured": 4}), {}, 1.0, None)
    assert "**Conditions:**" in block and "| stub | real dev | 3 | 1.000 / 1.000 / **1.000** | 0.667 |" in block


def test_model_card_renders_the_real_figures(tmp_path):
    from nianbao.classify.cards import _real_section

    par, man, cache = _write(tmp_path, {"t0001": TEXT_A, "t0002": TEXT_B})
    examples, counts = bench.load_real_paragraphs(par, man, cache)
    real = bench.render_card_real(bench.measure_real(Stub(), examples), counts)
    rows = [line for line in _real_section(real) if line.startswith("| dev") or line.startswith("| test")]
    assert rows == ["| dev | 3 | 1 | 1.000 / 1.000 / **1.000** | 0.667 | **0.556** | 依申请公开 → 主动公开 1 |",
                    "| test | 2 | 1 | 0.500 / 1.000 / **0.667** | 1.000 | **1.000** | — |"]
