"""Paragraph classifier: boilerplate (套话) probability and topic for report paragraphs.

Public API (used by the CLI and scripts/train_classifier.py)::

    load_classifier(backend="sklearn", model_dir=None) -> ParagraphClassifier
    train(backend, corpus_path, out_dir, base_model=None, seed=0, small=False) -> dict
    evaluate(backend, corpus_path, model_dir, split="test") -> dict

The scikit-learn backend is the default and needs no extra; ``backend="transformers"`` needs the
``transformer`` extra (torch, transformers, safetensors).
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import TOPICS, CorpusError, Example, ParagraphClassifier, Prediction, read_corpus

__all__ = [
    "TOPICS",
    "CorpusError",
    "Example",
    "ModelNotFoundError",
    "ParagraphClassifier",
    "Prediction",
    "default_model_name",
    "evaluate",
    "find_model_dir",
    "load_classifier",
    "read_corpus",
    "train",
]

BACKENDS: dict[str, tuple[str, str]] = {
    # backend -> (default model directory name, file that marks a trained model)
    "sklearn": ("paragraph-sklearn", "model.skops"),
    "transformers": ("paragraph-charbert", "model.safetensors"),
}
ENV_MODEL_DIR = "NIANBAO_MODEL_DIR"  # a models/ folder to search first


class ModelNotFoundError(FileNotFoundError):
    pass


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise ValueError(f"未知的分类器后端：{backend!r}（可选：{'、'.join(BACKENDS)}）")


def default_model_name(backend: str) -> str:
    _check_backend(backend)
    return BACKENDS[backend][0]


def _search_roots() -> list[Path]:
    """Where shipped models may live, in order: $NIANBAO_MODEL_DIR; the package's own data/models/ (an
    installed wheel carries the sklearn model there); the repository's models/ when running from a
    checkout (found by walking up from this file to the folder holding pyproject.toml). The current
    folder is never searched: a stray ./models must not change how an installed nianbao grades."""
    roots: list[Path] = []
    env = os.environ.get(ENV_MODEL_DIR)
    if env:
        roots.append(Path(env))
    here = Path(__file__).resolve()
    roots.append(here.parent.parent / "data" / "models")
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            roots.append(parent / "models")
            break
    return list(dict.fromkeys(roots))


def find_model_dir(backend: str = "sklearn", model_dir: str | Path | None = None) -> Path:
    """The one place that decides which model directory to load; raises ModelNotFoundError (Chinese)."""
    _check_backend(backend)
    name, marker = BACKENDS[backend]
    candidates = [Path(model_dir)] if model_dir is not None else [r / name for r in _search_roots()]
    for c in candidates:
        if (c / marker).is_file():
            return c
    where = "、".join(str(c) for c in candidates)
    hint = f"nianbao train --backend {backend} --corpus corpora/paragraphs.jsonl --out models/{name}"
    if backend == "transformers":
        hint += " --base-model models/char-bert-base"
    raise ModelNotFoundError(
        f"未找到段落分类模型（后端 {backend}，缺少 {marker}；已查找：{where}）。请先训练模型：{hint}"
    )


def load_classifier(backend: str = "sklearn", model_dir: Path | None = None, fast: bool = True) -> ParagraphClassifier:
    """The paragraph classifier. For the sklearn backend, ``fast`` scores the model's numpy export
    (model.npz, same probabilities, no scikit-learn import) when it is present and matches model.skops;
    otherwise, or with ``fast=False`` (training and evaluation), the skops model itself."""
    path = find_model_dir(backend, model_dir)
    if backend == "sklearn":
        if fast and os.environ.get("NIANBAO_CLASSIFIER_RUNTIME") != "skops":  # the switch for benchmarks
            from . import numpy_backend

            if (path / numpy_backend.NPZ_FILE).is_file():
                try:
                    return numpy_backend.load(path)
                except numpy_backend.StaleExportError as e:
                    import logging

                    logging.getLogger(__name__).warning("%s", e)
        from . import sklearn_backend

        return sklearn_backend.load(path)
    from . import transformers_backend

    return transformers_backend.load(path)


def train(backend: str, corpus_path: str | Path, out_dir: str | Path, base_model: str | Path | None = None,
          seed: int = 0, small: bool = False) -> dict:
    """Train on the corpus's train split, pick the threshold on validation, score test; write model + card.

    Returns the model card (a dict; metrics under ``card["metrics"]["test"]``)."""
    _check_backend(backend)
    examples = read_corpus(corpus_path)
    if backend == "sklearn":
        from . import sklearn_backend

        return sklearn_backend.train(examples, Path(out_dir), seed=seed, small=small, corpus_path=str(corpus_path))
    if base_model is None:
        raise ValueError("transformers 后端需要 --base-model 指定本地 BERT 类模型目录（如 models/char-bert-base）")
    from . import transformers_backend

    return transformers_backend.train(examples, Path(out_dir), base_model=Path(base_model), seed=seed, small=small,
                                      corpus_path=str(corpus_path))


def evaluate(backend: str, corpus_path: str | Path, model_dir: str | Path | None = None, split: str = "test") -> dict:
    """Precision/recall/F1 per label, macro-F1 and confusion matrices of a saved model on one split."""
    from .base import by_split
    from .metrics import score

    examples = by_split(read_corpus(corpus_path), split)
    if not examples:
        raise CorpusError(f"语料中没有 {split} 划分的段落：{corpus_path}")
    clf = load_classifier(backend, Path(model_dir) if model_dir is not None else None, fast=False)
    preds = clf.predict([e.text for e in examples], [e.part for e in examples])
    out = score(examples, preds, clf.threshold)
    out.update({"backend": backend, "model": clf.name, "version": clf.version, "split": split,
                "corpus": str(corpus_path)})
    return out
