#!/usr/bin/env python
"""Pre-train a tiny character BERT (2 layers, 128 hidden, masked LM) from scratch on the corpus paragraphs.

Writes a local checkpoint folder (config.json, model.safetensors, vocab.txt, pretrain.json) so that
``nianbao train --backend transformers --base-model models/char-bert-base`` works offline.
Only the train and validation splits are read (test paragraphs are never seen).

    python scripts/pretrain_char_bert.py --corpus corpora/paragraphs.jsonl --out models/char-bert-base --steps 600
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nianbao.classify.base import read_corpus
from nianbao.classify.transformers_backend import pretrain_char_bert


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="corpora/paragraphs.jsonl")
    ap.add_argument("--out", default="models/char-bert-base")
    ap.add_argument("--steps", type=int, default=600, help="number of optimiser steps (bounded pre-training)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    args = ap.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    texts = [e.text for e in read_corpus(args.corpus) if e.split in ("train", "validation")]
    info = pretrain_char_bert(texts, Path(args.out), steps=args.steps, batch_size=args.batch_size,
                              max_len=args.max_len, lr=args.lr, seed=args.seed, progress=True)
    print(json.dumps(info, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
