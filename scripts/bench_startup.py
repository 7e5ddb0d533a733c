"""Start-up of `nianbao score` (whole processes, hyperfine-style medians), the old path beside the new one.

    python scripts/bench_startup.py [--runs 10] [--append docs/benchmarks.md]

Each command is run once to warm the page cache (and the segmenter's dictionary cache), then ``--runs``
times; the table gives the median and min wall time, CPU seconds and peak RSS of the process (os.wait4).
"old path" is the same tree with the classifier scored by scikit-learn/skops (NIANBAO_CLASSIFIER_RUNTIME=
skops) and the per-user caches off (NIANBAO_NO_CACHE=1: jieba's whole dictionary, every regex compiled, every
TOML file parsed), i.e. what `score` did before.
Floors: an empty interpreter; a process that only cuts the report with jieba (whole dictionary, the
"jieba floor"); a process that only extracts the PDF's text with pypdfium2 (the "pypdfium2 floor").
Also: the top of ``python -X importtime`` for the new path, and the time the interpreter takes to exit
after the command is done. Bytecode is compiled first (PYTHONDONTWRITEBYTECODE is unset for the runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from benchdoc import conditions, write_section  # noqa: E402

TEXT = ROOT / "tests" / "fixtures" / "reports" / "county_bureau_2023.txt"
PDF = ROOT / "tests" / "fixtures" / "formats" / "county_bureau_2023.pdf"
PY = sys.executable

JIEBA_FLOOR = """
import sys, jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.lcut(open(sys.argv[1], encoding="utf-8").read())
"""
PDFIUM_FLOOR = """
import sys, pypdfium2
pdf = pypdfium2.PdfDocument(sys.argv[1])
"".join(p.get_textpage().get_text_range() for p in pdf)
"""
EXIT_PROBE = """
import atexit, runpy, sys, time
stamp = sys.argv[1]
atexit.register(lambda: open(stamp, "w").write(repr(time.time())))  # runs after every other handler
sys.argv = ["nianbao", *sys.argv[2:]]
try:
    runpy.run_module("nianbao.cli", run_name="__main__")
except SystemExit:
    pass
"""


SEGMENTER_PROBE = r"""
import json, logging, os, sys, time
t0 = time.perf_counter()
mode, text_path, corpus_path, trimmed = sys.argv[1:5]
sys.path.insert(0, os.environ["NIANBAO_SRC"])
from nianbao.classify.lexicon import domain_dict_path
paras = [p for p in open(text_path, encoding="utf-8").read().split("\n") if p.strip()]
corpus = [json.loads(ln)["text"] for ln in open(corpus_path, encoding="utf-8") if ln.strip()]
t_read = time.perf_counter()
if mode == "rjieba":
    import rjieba
    for ln in open(domain_dict_path(), encoding="utf-8"):
        w = ln.split()
        if w:
            rjieba.add_word(w[0], int(w[1]) if len(w) > 1 else None, w[2] if len(w) > 2 else None)
    cut = lambda s: rjieba.cut(s, True)
else:
    import jieba
    jieba.setLogLevel(logging.WARNING)
    if mode == "lazy":
        from nianbao.classify.segment import get_tokenizer
        tok = get_tokenizer()
    else:
        tok = jieba.Tokenizer(trimmed) if mode == "trimmed" else jieba.Tokenizer()
        tok.initialize()
        tok.load_userdict(str(domain_dict_path()))
    cut = lambda s: tok.lcut(s, HMM=True)
t_load = time.perf_counter()
for p in paras:
    cut(p)
t_cut = time.perf_counter()
out = [cut(s) for s in corpus]
print(json.dumps({"load": t_load - t_read, "cut": t_cut - t_load, "total": t_cut - t0, "words": out}))
"""


def segmenters() -> list[tuple[str, float, float, float, float]]:
    """(segmenter, load s, cut s for the report, in-process total s, share of corpus paragraphs cut as jieba)."""
    import json

    corpus = ROOT / "corpora" / "paragraphs.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        trimmed = Path(tmp) / "dict.small.txt"
        import jieba

        full = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8").splitlines()
        keep = [ln for ln in full if len(ln.split()) > 1 and int(ln.split()[1]) >= 50]
        trimmed.write_text("\n".join(keep) + "\n", encoding="utf-8")
        env = _env(NIANBAO_SRC=str(ROOT / "src"))
        res = {}
        for mode in ("jieba", "lazy", "trimmed", "rjieba"):
            args = [PY, "-c", SEGMENTER_PROBE, mode, str(TEXT), str(corpus), str(trimmed)]
            subprocess.run(args, env=env, capture_output=True, check=False)  # warm: jieba's own cache files
            t0 = time.perf_counter()
            r = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - t0
            if r.returncode != 0:
                print(mode, r.stderr[-500:])
                continue
            res[mode] = (json.loads(r.stdout), wall)
    ref = res["jieba"][0]["words"]
    labels = {"jieba": "jieba, whole dictionary (jieba's own cache) + domain dictionary",
              "lazy": "**nianbao: bucketed memory-mapped cache of the same dictionary** (shipped)",
              "trimmed": f"jieba, trimmed dictionary (words with frequency ≥ 50: {len(keep):,} of {len(full):,}) + domain",
              "rjieba": "rjieba 0.2.2 (jieba-rs) + domain words via add_word"}
    out = []
    for mode, (d, _wall) in res.items():
        same = sum(a == b for a, b in zip(d["words"], ref, strict=True)) / len(ref)
        out.append((labels[mode], d["load"], d["cut"], d["total"], same))
    return out


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NIANBAO_SEGMENTER",
                                                             "NIANBAO_CLASSIFIER_RUNTIME", "NIANBAO_NO_CACHE")}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed with status {proc.returncode}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def measure(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    run_once(cmd, env)  # warm-up
    rows = [run_once(cmd, env) for _ in range(runs)]
    return {"median": statistics.median(r[0] for r in rows), "min": min(r[0] for r in rows),
            "cpu": statistics.median(r[1] for r in rows), "rss": max(r[2] for r in rows)}


def exit_seconds(args: list[str], env: dict[str, str], runs: int) -> float:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        stamp = Path(tmp) / "t"
        for _ in range(runs):
            subprocess.run([PY, "-c", EXIT_PROBE, str(stamp), *args], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            end = time.time()
            out.append(end - float(stamp.read_text()))
    return statistics.median(out)


def importtime(args: list[str], env: dict[str, str], top: int = 10) -> list[tuple[str, float]]:
    res = subprocess.run([PY, "-X", "importtime", "-m", "nianbao.cli", *args], env=env, capture_output=True,
                         text=True, check=False)
    tops: dict[str, float] = {}
    for line in res.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cum, name = line.split("|")
        if name.startswith("  "):  # nested import: counted in its top-level parent
            continue
        try:
            tops[name.strip()] = tops.get(name.strip(), 0.0) + int(cum) / 1e6
        except ValueError:
            continue
    return sorted(tops.items(), key=lambda kv: -kv[1])[:top]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--append", type=Path, default=None)
    a = ap.parse_args(argv)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=False, env=_env())
    new, old = _env(), _env(NIANBAO_CLASSIFIER_RUNTIME="skops", NIANBAO_NO_CACHE="1")
    score_txt = [PY, "-m", "nianbao.cli", "score", str(TEXT)]
    score_pdf = [PY, "-m", "nianbao.cli", "score", str(PDF)]
    cases = [
        ("`python -c pass` (interpreter floor)", [PY, "-c", "pass"], new),
        ("jieba floor: a process that only cuts the report with jieba", [PY, "-c", JIEBA_FLOOR, str(TEXT)], new),
        ("`nianbao score` text report — **new path**", score_txt, new),
        ("`nianbao score` text report — old path (skops + whole jieba dictionary)", score_txt, old),
        ("pypdfium2 floor: a process that only extracts the PDF's text", [PY, "-c", PDFIUM_FLOOR, str(PDF)], new),
        ("`nianbao score` PDF report — new path", score_pdf, new),
        ("`nianbao score` PDF report — old path", score_pdf, old),
    ]
    results = []
    for label, cmd, env in cases:
        r = measure(cmd, env, a.runs)
        results.append((label, r))
        print(f"{label}: median {r['median']:.3f} s, min {r['min']:.3f} s, CPU {r['cpu']:.3f} s, RSS {r['rss']:.0f} MiB",
              flush=True)
    segs = segmenters()
    for row in segs:
        print(row, flush=True)
    ex_new = exit_seconds(["score", str(TEXT)], new, 5)
    ex_old = exit_seconds(["score", str(TEXT)], old, 5)
    imports = importtime(["score", str(TEXT)], new)
    print("exit", ex_new, ex_old, imports)
    if a.append:
        floor = {k: r for k, r in results}
        jieba_floor = floor["jieba floor: a process that only cuts the report with jieba"]["median"]
        pdf_floor = floor["pypdfium2 floor: a process that only extracts the PDF's text"]["median"]
        lines = [
            f"Measured {date.today().isoformat()} by `scripts/bench_startup.py --runs {a.runs}`. {conditions()} "
            f"(load average at the end; min is the closest to a quiet machine); bytecode compiled. Report: `{TEXT.relative_to(ROOT)}` and its PDF. "
            "Old path = same tree with `NIANBAO_CLASSIFIER_RUNTIME=skops NIANBAO_NO_CACHE=1` (what "
            "`score` did before: scikit-learn + skops, jieba's whole dictionary, every regex and TOML file "
            "compiled/parsed in the process). The new path's caches live in `~/.cache/nianbao` and are "
            "built by the first run on a machine (the warm-up run here).",
            "",
            "| whole process | median s | min s | CPU s | peak RSS MiB | × jieba floor | × pypdfium2 floor |",
            "|---|---|---|---|---|---|---|",
        ]
        for label, r in results:
            lines.append(f"| {label} | {r['median']:.3f} | {r['min']:.3f} | {r['cpu']:.3f} | {r['rss']:.0f} | "
                         f"{r['median'] / jieba_floor:.2f} | {r['median'] / pdf_floor:.2f} |")
        lines += ["", "Segmenters (one fresh process each, after a warm-up run; `load` = ready to cut, `cut` = the "
                  "report's paragraphs, `same` = share of the 2,482 corpus paragraphs cut exactly as jieba with the "
                  "whole dictionary cuts them — the classifier was trained on those words):", "",
                  "| segmenter | load s (import + dictionary) | cut the report s | in-process total s | same words as jieba |", "|---|---|---|---|---|"]
        lines += [f"| {lab} | {ld:.3f} | {ct:.3f} | {w:.3f} | {sm:.1%} |" for lab, ld, ct, w, sm in segs]
        lines += ["", f"Interpreter exit after the text `score` is done: new path {ex_new * 1000:.0f} ms, old path "
                  f"{ex_old * 1000:.0f} ms (median of 5).", "",
                  "Largest top-level imports of the new path (`python -X importtime`, cumulative):", "",
                  "| module | s |", "|---|---|"]
        lines += [f"| `{m}` | {s:.3f} |" for m, s in imports]
        write_section(a.append, "startup", "### `nianbao score` start-up (`scripts/bench_startup.py`)", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
