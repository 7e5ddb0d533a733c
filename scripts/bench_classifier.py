#!/usr/bin/env python
"""Measure the paragraph classifier's speed and write the figures into the model cards.

Times: model load (cold, in this process), first call (includes the lazy jieba load), and scoring
one report's worth of paragraphs (40, taken from the test split) — median and p95 over repeats.
Also compares jieba with rjieba (if installed) as the segmenter, with the domain dictionary loaded.

    python scripts/bench_classifier.py [--corpus corpora/paragraphs.jsonl] [--repeats 30] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from benchdoc import conditions

from nianbao.classify import cards, find_model_dir, load_classifier
from nianbao.classify.base import by_split, read_corpus


def _ms(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"median_ms": round(statistics.median(xs) * 1000, 2), "p95_ms": round(xs[int(0.95 * (len(xs) - 1))] * 1000, 2)}


def bench_backend(backend: str, texts: list[str], parts: list, repeats: int) -> dict | None:
    try:
        model_dir = find_model_dir(backend)
    except FileNotFoundError:
        return None
    if backend == "transformers":
        try:
            import torch

            torch.set_num_threads(max(1, os.cpu_count() or 1))
        except ImportError:
            return None
    t0 = time.perf_counter()
    clf = load_classifier(backend, model_dir)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_classifier(backend, model_dir)
    reload_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    clf.predict(texts, parts)
    first_s = time.perf_counter() - t0
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        clf.predict(texts, parts)
        runs.append(time.perf_counter() - t0)
    size = sum(f.stat().st_size for f in model_dir.iterdir() if f.is_file())
    return {"backend": backend, "model_dir": str(model_dir), "model_dir_bytes": size,
            "load_ms": round(load_s * 1000, 1), "reload_ms": round(reload_s * 1000, 1), "first_call_ms": round(first_s * 1000, 1),
            "paragraphs": len(texts), **_ms(runs)}


def bench_segmenters(texts: list[str], repeats: int) -> dict:
    from nianbao.classify.lexicon import domain_dict_path
    from nianbao.classify.segment import get_tokenizer
    from nianbao.textnorm import compact

    docs = [compact(t) for t in texts]
    out: dict = {}
    t0 = time.perf_counter()
    tok = get_tokenizer()
    out["jieba_init_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        j = [tok.lcut(d) for d in docs]
        runs.append(time.perf_counter() - t0)
    out["jieba"] = _ms(runs)
    try:
        import rjieba
    except ImportError:
        out["rjieba"] = "not installed"
        return out
    path = domain_dict_path()
    t0 = time.perf_counter()
    n_words = 0
    if path is not None:
        for line in path.read_text(encoding="utf-8").splitlines():
            w = line.split()
            if w:
                freq = int(w[1]) if len(w) > 1 and w[1].isdigit() else None
                rjieba.add_word(w[0], freq, w[2] if len(w) > 2 else None)
                n_words += 1
    out["rjieba_dict_words"] = n_words
    out["rjieba_add_words_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        r = [rjieba.cut(d) for d in docs]
        runs.append(time.perf_counter() - t0)
    out["rjieba"] = _ms(runs)
    same = sum(a == b for a, b in zip(j, r, strict=True))
    out["identical_segmentations"] = f"{same}/{len(docs)}"
    return out


def render(results: dict) -> str:
    lines = ["## Speed", "", f"Measured by `scripts/bench_classifier.py`. {conditions(results['loadavg'])} "
             f"(load average while measuring); one report = "
             f"{results['paragraphs']} paragraphs from the test split, {results['repeats']} repeats.", "",
             "| backend | model files | first load (incl. imports) | reload (file only) | first call (incl. jieba init) "
             "| 40 paragraphs median | p95 |", "|---|---|---|---|---|---|---|"]
    for b in results["backends"]:
        lines.append(f"| {b['backend']} | {b['model_dir_bytes'] / 1e6:.1f} MB | {b['load_ms']} ms | {b['reload_ms']} ms "
                     f"| {b['first_call_ms']} ms "
                     f"| **{b['median_ms']} ms** | {b['p95_ms']} ms |")
    seg = results["segmenter"]
    lines += ["", "### Segmenter", "",
              f"jieba: init {seg['jieba_init_ms']} ms, segmenting the 40 paragraphs {seg['jieba']['median_ms']} ms (median)."]
    if isinstance(seg.get("rjieba"), dict):
        lines.append(f"rjieba: {seg['rjieba']['median_ms']} ms (median) after adding {seg['rjieba_dict_words']} domain "
                     f"words one by one ({seg['rjieba_add_words_ms']} ms); identical segmentations "
                     f"{seg['identical_segmentations']}.")
    else:
        lines.append(f"rjieba: {seg.get('rjieba')}.")
    lines.append("Choice: jieba — it is the declared dependency, loads the domain dictionary file directly and the "
                 "shipped model was trained on its segmentation; the sklearn backend already meets the <100 ms "
                 "per-report target with it. rjieba is much faster and would remove most of the segmentation share "
                 "of the per-report time, but it is not a declared dependency and segments a few paragraphs "
                 "differently, so switching means adding it to pyproject and retraining.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="corpora/paragraphs.jsonl")
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--paragraphs", type=int, default=40)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    test = by_split(read_corpus(args.corpus), "test")
    sample = [test[i % len(test)] for i in range(args.paragraphs)]
    texts, parts = [e.text for e in sample], [e.part for e in sample]
    results: dict = {"machine": platform.machine(), "cpus": os.cpu_count(), "paragraphs": len(texts),
                     "repeats": args.repeats, "backends": [], "loadavg": round(os.getloadavg()[0], 1)}
    for backend in ("sklearn", "transformers"):
        r = bench_backend(backend, texts, parts, args.repeats)
        if r:
            results["backends"].append(r)
    results["segmenter"] = bench_segmenters(texts, args.repeats)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    if not args.no_write:
        text = render(results)
        for r in results["backends"]:
            d = Path(r["model_dir"])
            if (d / "card.json").is_file():
                cards.write_bench(d, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
