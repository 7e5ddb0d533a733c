"""Model cards: ``card.json`` (machine-readable) and ``README.md`` (human-readable) next to each model.

The README keeps any text between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` (written by
``scripts/bench_classifier.py``) when the card is rewritten by a new training run.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

from .base import SPLITS, Example

BENCH_START = "<!-- bench:start -->"
BENCH_END = "<!-- bench:end -->"


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def versions(*extra: str) -> dict[str, str | None]:
    names = ["nianbao", "scikit-learn", "skops", "numpy", "scipy", "jieba", *extra]
    out: dict[str, str | None] = {"python": platform.python_version()}
    out.update({n: _version(n) for n in names})
    return out


def corpus_summary(examples: list[Example]) -> dict:
    out: dict = {}
    for split in SPLITS:
        ex = [e for e in examples if e.split == split]
        out[split] = {
            "paragraphs": len(ex),
            "reports": len({e.report_id for e in ex}),
            "boilerplate": dict(sorted(Counter(str(e.boilerplate) for e in ex).items())),
            "topic": dict(sorted(Counter(e.topic for e in ex).items())),
        }
    return out


def build_card(*, backend: str, name: str, version: str, examples: list[Example], threshold: dict,
               validation: dict, test: dict | None, seed: int, small: bool, extra: dict | None = None,
               corpus_path: str | None = None, retrain: str | None = None) -> dict:
    corpus_sha = None
    if corpus_path and Path(corpus_path).is_file():
        corpus_sha = hashlib.sha256(Path(corpus_path).read_bytes()).hexdigest()
    out_hint = f"models/{name}"
    card = {
        "name": name,
        "backend": backend,
        "version": version,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "task": "paragraph classification of 政府信息公开工作年度报告: boilerplate (套话, 0/1) and topic",
        "data": {"corpus": corpus_path, "sha256": corpus_sha, "splits": corpus_summary(examples),
                 "split_rule": "by report (no report in two splits)"},
        "threshold": threshold,
        "metrics": {"validation": validation, "test": test},
        "seed": seed,
        "small": small,
        "retrain": retrain or f"nianbao train --backend {backend} --corpus corpora/paragraphs.jsonl --out {out_hint}"
        f"  (or: python scripts/train_classifier.py --backend {backend} --out {out_hint})",
        "versions": versions("torch", "transformers", "safetensors") if backend == "transformers" else versions(),
    }
    if extra:
        card.update(extra)
    return card


def _fmt(v) -> str:
    return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def _real_section(real: dict | None) -> list[str]:
    """The figures on hand-labelled real report paragraphs (``card["real_paragraphs"]``, written by
    ``scripts/bench_classifier.py``; a new training run drops them until they are measured again)."""
    if not real:
        return []
    lines = ["## Real report paragraphs", "",
             f"Measured by `{real['measured_by']}` on {real['date']} at threshold `{real['threshold']}`: hand-labelled "
             "paragraphs of published reports (`corpora/real/paragraphs/`; dev may be read to improve the corpus, "
             "test is only reported). These are the figures to trust; the corpus test split above shares phrasing "
             "with training.", "",
             "| split | paragraphs | excerpts | boilerplate P / R / F1 | topic accuracy | topic macro-F1 | most frequent topic errors |",
             "|---|---|---|---|---|---|---|"]
    for split, s in real["splits"].items():
        bp, tp = s["boilerplate"], s["topic"]
        errs = "; ".join(f"{a} → {b} {n}" for a, b, n in tp["top_confusions"][:3]) or "—"
        lines.append(f"| {split} | {s['n']} | {s['excerpts']} | {_fmt(bp['precision'])} / {_fmt(bp['recall'])} / "
                     f"**{_fmt(bp['f1'])}** | {_fmt(tp['accuracy'])} | **{_fmt(tp['macro_f1'])}** | {errs} |")
    lines.append("")
    return lines


def render_readme(card: dict, bench: str | None = None) -> str:
    lines = [f"# {card['name']} — model card", ""]
    lines.append(f"Backend: `{card['backend']}` · version `{card['version']}` · created {card['created']}")
    lines.append("")
    lines.append(card["task"] + ".")
    lines.append("")
    lines.append("## Data")
    lines.append("")
    lines.append(f"Corpus: `{card['data']['corpus']}` (sha256 `{card['data']['sha256']}`), split {card['data']['split_rule']}.")
    lines.append("")
    lines.append("| split | reports | paragraphs | boilerplate 0/1 |")
    lines.append("|---|---|---|---|")
    for split, s in card["data"]["splits"].items():
        b = s["boilerplate"]
        lines.append(f"| {split} | {s['reports']} | {s['paragraphs']} | {b.get('0', 0)}/{b.get('1', 0)} |")
    lines.append("")
    thr = card["threshold"]
    lines.append("## Boilerplate threshold")
    lines.append("")
    lines.append(f"`{thr['threshold']}` — {thr['rule']} (validation precision {_fmt(thr['precision'])}, "
                 f"recall {_fmt(thr['recall'])}, F1 {_fmt(thr['f1'])}).")
    lines.append("")
    test = card["metrics"].get("test")
    if test:
        lines.append(f"## Test split ({test['n']} paragraphs)")
        lines.append("")
        bp = test["boilerplate"]
        lines.append(f"Boilerplate: precision {_fmt(bp['precision'])}, recall {_fmt(bp['recall'])}, "
                     f"**F1 {_fmt(bp['f1'])}**, average precision {_fmt(bp['average_precision'])}; "
                     f"confusion [[tn, fp], [fn, tp]] = {bp['confusion']}.")
        lines.append("")
        tp = test["topic"]
        lines.append(f"Topic: **macro-F1 {_fmt(tp['macro_f1'])}**, accuracy {_fmt(tp['accuracy'])}.")
        lines.append("")
        lines.append("| topic | precision | recall | F1 | support |")
        lines.append("|---|---|---|---|---|")
        for lab, m in tp["per_label"].items():
            lines.append(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
        lines.append("")
    lines.extend(_real_section(card.get("real_paragraphs")))
    lines.append("## Retrain")
    lines.append("")
    lines.append(f"`{card['retrain']}`")
    lines.append("")
    lines.append("## Versions")
    lines.append("")
    lines.append(", ".join(f"{k} {v}" for k, v in card["versions"].items() if v))
    lines.append("")
    lines.append(BENCH_START)
    lines.append(bench.strip() if bench else "(speed not measured yet: run `python scripts/bench_classifier.py`)")
    lines.append(BENCH_END)
    lines.append("")
    return "\n".join(lines)


def read_bench(readme: Path) -> str | None:
    if not readme.is_file():
        return None
    text = readme.read_text(encoding="utf-8")
    a, b = text.find(BENCH_START), text.find(BENCH_END)
    if a < 0 or b < a:
        return None
    body = text[a + len(BENCH_START) : b].strip()
    return None if body.startswith("(speed not measured") else body


def write_card(out_dir: Path, card: dict) -> None:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "card.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme = out_dir / "README.md"
    readme.write_text(render_readme(card, read_bench(readme)), encoding="utf-8")


def write_bench(out_dir: Path, bench: str) -> None:
    out_dir = Path(out_dir)
    card = json.loads((out_dir / "card.json").read_text(encoding="utf-8"))
    (out_dir / "README.md").write_text(render_readme(card, bench), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(versions(), indent=2), file=sys.stderr)
