#!/usr/bin/env python
"""Export a trained scikit-learn paragraph model (model.skops) to model.npz for the numpy scorer.

    python scripts/export_classifier.py [models/paragraph-sklearn]

Training (scripts/train_classifier.py / ``nianbao train``) already writes model.npz; run this after
replacing model.skops by other means. The export records the skops file's sha256, and the loader
falls back to the skops model when they no longer match.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nianbao.classify import find_model_dir, numpy_backend, sklearn_backend


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    model_dir = Path(argv[0]) if argv else find_model_dir("sklearn")
    skops = model_dir / sklearn_backend.MODEL_FILE
    out = numpy_backend.export(sklearn_backend.load_bundle(skops), skops)
    print(f"{out} ({out.stat().st_size / 1e6:.2f} MB) from {skops}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
