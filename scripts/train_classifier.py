#!/usr/bin/env python
"""Train the paragraph classifier (same functions as ``nianbao train`` / ``nianbao evaluate``).

    python scripts/train_classifier.py --backend sklearn --corpus corpora/paragraphs.jsonl --out models/paragraph-sklearn
    python scripts/train_classifier.py --backend transformers --base-model models/char-bert-base \\
        --out models/paragraph-charbert
    python scripts/train_classifier.py --evaluate --backend sklearn --split test
"""

from __future__ import annotations

import argparse
import json

from nianbao.classify import default_model_name, evaluate, train


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["sklearn", "transformers"], default="sklearn")
    ap.add_argument("--corpus", default="corpora/paragraphs.jsonl")
    ap.add_argument("--out", default=None, help="model folder (default models/<backend model name>)")
    ap.add_argument("--base-model", default=None, help="local BERT-family checkpoint folder (transformers backend)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--small", action="store_true", help="cap data and steps (smoke test)")
    ap.add_argument("--evaluate", action="store_true", help="evaluate a saved model instead of training")
    ap.add_argument("--split", default="test")
    args = ap.parse_args(argv)
    out = args.out or f"models/{default_model_name(args.backend)}"
    if args.evaluate:
        res = evaluate(args.backend, args.corpus, out, split=args.split)
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    card = train(args.backend, args.corpus, out, base_model=args.base_model, seed=args.seed, small=args.small)
    test = card["metrics"]["test"]
    summary = {"out": out, "threshold": card["threshold"], "fit_seconds": card.get("fit_seconds"),
               "model_bytes": card.get("model_bytes")}
    if test:
        summary.update({"test_boilerplate_f1": test["boilerplate"]["f1"], "test_topic_macro_f1": test["topic"]["macro_f1"]})
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
