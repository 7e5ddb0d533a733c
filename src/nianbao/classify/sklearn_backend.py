"""The default backend: hashed word + char n-grams (TF-IDF) + specificity features -> calibrated logistic
regression, one head for boilerplate and one for topic. Saved with skops, loaded against an allow-list."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .base import TOPICS, Example, Prediction, by_split, part_per_text, predictions
from .features import SpecificityFeatures, char_analyzer, encode, word_analyzer

MODEL_FILE = "model.skops"
CARD_FILE = "card.json"
FORMAT_VERSION = 1

# Types that a model file may contain beyond those skops trusts by default. Anything else found by
# ``skops.io.get_untrusted_types`` makes the loader refuse the file.
ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        "nianbao.classify.features.SpecificityFeatures",
        "nianbao.classify.features.word_analyzer",
        "nianbao.classify.features.char_analyzer",
        # sklearn internals of CalibratedClassifierCV that skops does not list as trusted
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration",
    }
)


class UntrustedModelError(RuntimeError):
    pass


def build_features(n_word: int = 2**17, n_char: int = 2**17) -> FeatureUnion:
    def text_branch(analyzer, n_features: int) -> Pipeline:
        return Pipeline(
            [
                ("hash", HashingVectorizer(analyzer=analyzer, n_features=n_features, alternate_sign=False, norm=None)),
                ("tfidf", TfidfTransformer(sublinear_tf=True)),
            ]
        )

    return FeatureUnion(
        [
            ("words", text_branch(word_analyzer, n_word)),
            ("chars", text_branch(char_analyzer, n_char)),
            ("spec", SpecificityFeatures()),
        ],
        transformer_weights={"words": 1.0, "chars": 1.0, "spec": 0.5},
    )


def _calibrated(y: list, kind: str, C: float, seed: int):
    """A linear classifier wrapped in sigmoid calibration (cross-validated, one final estimator).

    ``kind`` is "lr" (LogisticRegression, lbfgs) or "svc" (LinearSVC; much faster for many classes on a
    large hashed feature space)."""
    if kind == "lr":
        est = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    elif kind == "svc":
        est = LinearSVC(C=C, class_weight="balanced", random_state=seed, max_iter=5000)
    else:
        raise ValueError(f"unknown classifier kind {kind!r}")
    _, counts = np.unique(np.asarray(y), return_counts=True)
    cv = int(min(3, counts.min()))
    if cv < 2:  # a class with a single example cannot be calibrated by cross-validation
        cv = 2
    return CalibratedClassifierCV(est, method="sigmoid", cv=cv, ensemble=False)


class SklearnParagraphClassifier:
    """Wraps the two fitted pipelines (they share one fitted FeatureUnion)."""

    def __init__(self, bundle: dict, card: dict | None = None):
        self.bundle = bundle
        self.card = card or {}
        self.name = str(bundle.get("name", "paragraph-sklearn"))
        self.version = str(bundle.get("version", "0"))
        self.threshold = float(bundle["threshold"])
        self._features = bundle["boilerplate"].named_steps["features"]
        self._bp = bundle["boilerplate"].named_steps["clf"]
        self._topic = bundle["topic"].named_steps["clf"]
        self.topics: list[str] = [str(t) for t in self._topic.classes_]

    def predict(self, texts: list[str], parts: list[str | None] | None = None) -> list[Prediction]:
        if not texts:
            return []
        parts = part_per_text(texts, parts)
        X = self._features.transform([encode(t, p) for t, p in zip(texts, parts, strict=True)])
        bp_classes = list(self._bp.classes_)
        p_bp = self._bp.predict_proba(X)[:, bp_classes.index(1)]
        p_topic = self._topic.predict_proba(X)
        return predictions(p_bp, p_topic, self.topics)


# --------------------------------------------------------------------------- training


HEADS = {"boilerplate": ("lr", 4.0), "topic": ("svc", 0.5)}  # head -> (classifier kind, C)


def fit_bundle(train: list[Example], seed: int = 0, small: bool = False, version: str = "0",
               heads: dict[str, tuple[str, float]] | None = None) -> dict:
    heads = {**HEADS, **(heads or {})}
    n = 2**15 if small else 2**17
    features = build_features(n_word=n, n_char=n)
    docs = [encode(e.text, e.part) for e in train]
    X = features.fit_transform(docs)
    y_bp = [e.boilerplate for e in train]
    y_topic = [e.topic for e in train]
    bp_clf = _calibrated(y_bp, *heads["boilerplate"], seed=seed).fit(X, y_bp)
    topic_clf = _calibrated(y_topic, *heads["topic"], seed=seed).fit(X, y_topic)
    return {
        "format": FORMAT_VERSION,
        "name": "paragraph-sklearn",
        "version": version,
        "threshold": 0.5,
        "boilerplate": Pipeline([("features", features), ("clf", bp_clf)]),
        "topic": Pipeline([("features", features), ("clf", topic_clf)]),
    }


def save_bundle(bundle: dict, path: Path) -> None:
    import zipfile

    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(bundle, path, compression=zipfile.ZIP_DEFLATED, compresslevel=6)


def load_bundle(path: Path) -> dict:
    """Load a skops model file, refusing any type that is neither skops-trusted nor on ``ALLOWED_TYPES``."""
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    bad = sorted(set(untrusted) - ALLOWED_TYPES)
    if bad:
        raise UntrustedModelError(
            f"模型文件 {path} 含有不在白名单中的类型，已拒绝加载：{', '.join(bad)}。"
            "请只加载由 nianbao 训练生成的模型。"
        )
    bundle = sio.load(path, trusted=list(untrusted))
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT_VERSION:
        raise UntrustedModelError(f"模型文件 {path} 的格式版本不受支持。请用当前版本重新训练。")
    return bundle


def load(model_dir: Path) -> SklearnParagraphClassifier:
    card_path = model_dir / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else None
    return SklearnParagraphClassifier(load_bundle(model_dir / MODEL_FILE), card)


def train(examples: list[Example], out_dir: Path, seed: int = 0, small: bool = False,
          corpus_path: str | None = None) -> dict:
    """Fit on ``train``, choose the threshold on ``validation``, score ``test``; write model + card."""
    from . import cards
    from .metrics import choose_threshold, score

    train_ex = by_split(examples, "train")
    if small:
        train_ex = train_ex[:600]
    val_ex = by_split(examples, "validation") or train_ex
    test_ex = by_split(examples, "test")
    version = time.strftime("%Y.%m.%d")
    t0 = time.perf_counter()
    bundle = fit_bundle(train_ex, seed=seed, small=small, version=version)
    fit_s = time.perf_counter() - t0
    clf = SklearnParagraphClassifier(bundle)
    val_pred = clf.predict([e.text for e in val_ex], [e.part for e in val_ex])
    thr = choose_threshold([e.boilerplate for e in val_ex], [p.boilerplate for p in val_pred])
    bundle["threshold"] = thr["threshold"]
    clf.threshold = thr["threshold"]
    val_metrics = score(val_ex, val_pred, clf.threshold)
    test_metrics = score(test_ex, clf.predict([e.text for e in test_ex], [e.part for e in test_ex]), clf.threshold) \
        if test_ex else None
    out_dir = Path(out_dir)
    save_bundle(bundle, out_dir / MODEL_FILE)
    from .numpy_backend import NPZ_FILE, export

    export(bundle, out_dir / MODEL_FILE, out_dir / NPZ_FILE)  # what `nianbao score` loads (numpy only)
    card = cards.build_card(
        backend="sklearn",
        name=bundle["name"],
        version=version,
        examples=examples,
        threshold=thr,
        validation=val_metrics,
        test=test_metrics,
        seed=seed,
        small=small,
        corpus_path=corpus_path,
        extra={
            "model_file": MODEL_FILE,
            "model_bytes": (out_dir / MODEL_FILE).stat().st_size,
            "fit_seconds": round(fit_s, 2),
            "features": "jieba word 1-2-grams + char 1-3-grams (HashingVectorizer + TF-IDF, figures masked) "
            "+ 14 specificity features; part id as a token",
            "classifiers": {h: f"CalibratedClassifierCV({k}, C={c}, sigmoid, cv<=3, ensemble=False)" for h, (k, c) in HEADS.items()},
            "topics": list(TOPICS),
        },
    )
    cards.write_card(out_dir, card)
    return card
