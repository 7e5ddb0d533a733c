"""Score the shipped scikit-learn paragraph model with numpy alone (no scikit-learn, scipy or skops at
run time): importing those costs over a second per process, the arithmetic a few milliseconds.

The model's feature pipeline is stateless hashing (MurmurHash3 of each token, as scikit-learn's
HashingVectorizer) followed by TF-IDF with a fitted idf vector, an l2 norm per branch and the branch
weights, plus 14 specificity values; each head is a linear model wrapped in sigmoid calibration. All of
it is exported from the skops model to ``model.npz`` beside it by ``export()`` (called by the training
script and by ``scripts/export_classifier.py``), together with the sha256 of the skops file it came from:
the loader refuses an export whose skops file has changed since, and ``load_classifier`` then falls
back to the skops model. tests/test_classify.py checks that both give the same probabilities.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .base import Prediction, part_per_text, predictions
from .textfeat import FEATURE_NAMES, char_tokens, compile_markers, decode, encode, spec_row, word_tokens

NPZ_FILE = "model.npz"
EXPORT_FORMAT = 1


class StaleExportError(RuntimeError):
    pass


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- MurmurHash3 (x86, 32 bit)

_C1 = np.uint32(0xCC9E2D51)
_C2 = np.uint32(0x1B873593)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _fmix(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def murmurhash3_32(keys: list[bytes], seed: int = 0) -> np.ndarray:
    """Signed 32-bit MurmurHash3_x86_32 of each key (what scikit-learn's ``murmurhash3_32`` returns),
    vectorised over keys of equal length."""
    out = np.empty(len(keys), dtype=np.int64)
    by_len: dict[int, list[int]] = {}
    for i, k in enumerate(keys):
        by_len.setdefault(len(k), []).append(i)
    with np.errstate(over="ignore"):
        for length, idx in by_len.items():
            n = len(idx)
            h = np.full(n, seed, dtype=np.uint32)
            if length:
                raw = np.frombuffer(b"".join(keys[i] for i in idx), dtype=np.uint8).reshape(n, length)
            nblocks = length // 4
            if nblocks:
                blocks = np.ascontiguousarray(raw[:, : nblocks * 4]).view("<u4")
                for b in range(nblocks):
                    k = blocks[:, b].astype(np.uint32)
                    k *= _C1
                    k = _rotl(k, 15)
                    k *= _C2
                    h ^= k
                    h = _rotl(h, 13)
                    h = h * np.uint32(5) + np.uint32(0xE6546B64)
            tail = length & 3
            if tail:
                k = np.zeros(n, dtype=np.uint32)
                for t in range(tail - 1, -1, -1):
                    k ^= raw[:, nblocks * 4 + t].astype(np.uint32) << np.uint32(8 * t)
                k *= _C1
                k = _rotl(k, 15)
                k *= _C2
                h ^= k
            h ^= np.uint32(length)
            h = _fmix(h)
            out[idx] = h.view(np.int32).astype(np.int64)
    return out


# --------------------------------------------------------------------------- export (needs scikit-learn)


def export(bundle: dict, skops_path: Path, out_path: Path | None = None) -> Path:
    """Write the arrays the numpy scorer needs from a fitted skops bundle; returns the .npz path."""
    skops_path = Path(skops_path)
    out_path = Path(out_path) if out_path is not None else skops_path.with_name(NPZ_FILE)
    bp_pipe, topic_pipe = bundle["boilerplate"], bundle["topic"]
    features = bp_pipe.named_steps["features"]
    if topic_pipe.named_steps["features"] is not features:
        raise ValueError("the two heads must share one fitted FeatureUnion")
    names = [n for n, _ in features.transformer_list]
    if names != ["words", "chars", "spec"]:
        raise ValueError(f"unexpected feature branches {names}")
    weights = features.transformer_weights or {}
    arrays: dict[str, np.ndarray] = {}
    sizes = []
    for name in ("words", "chars"):
        branch = dict(features.transformer_list)[name]
        hv, tf = branch.named_steps["hash"], branch.named_steps["tfidf"]
        if hv.alternate_sign or hv.norm is not None or hv.binary:
            raise ValueError(f"{name}: unsupported HashingVectorizer settings")
        if tf.norm != "l2" or not tf.sublinear_tf or not tf.use_idf:
            raise ValueError(f"{name}: unsupported TfidfTransformer settings")
        arrays[f"idf_{name}"] = np.asarray(tf.idf_, dtype=np.float64)
        sizes.append(int(hv.n_features))
    spec = dict(features.transformer_list)["spec"]
    heads = []
    for pipe in (bp_pipe, topic_pipe):
        clf = pipe.named_steps["clf"]
        if len(clf.calibrated_classifiers_) != 1:
            raise ValueError("expected one calibrated classifier (ensemble=False)")
        cc = clf.calibrated_classifiers_[0]
        if cc.method != "sigmoid":
            raise ValueError("expected sigmoid calibration")
        est = cc.estimator
        heads.append((np.atleast_2d(est.coef_), np.ravel(est.intercept_),
                      np.array([c.a_ for c in cc.calibrators], dtype=np.float64),
                      np.array([c.b_ for c in cc.calibrators], dtype=np.float64),
                      [str(c) for c in clf.classes_], [str(c) for c in est.classes_]))
    (bp_w, bp_b, bp_a, bp_bb, bp_classes, _), (tp_w, tp_b, tp_a, tp_bb, tp_classes, tp_est) = heads
    if bp_classes != ["0", "1"] or tp_classes != tp_est:
        raise ValueError("unexpected class order")
    W = np.vstack([bp_w, tp_w])  # (1 + n_topics, n_features)
    cols = np.flatnonzero(np.any(W != 0, axis=0)).astype(np.int32)
    arrays.update(
        cols=cols,
        W=np.ascontiguousarray(W[:, cols].T),
        intercept=np.concatenate([bp_b, tp_b]),
        cal_a=np.concatenate([bp_a, tp_a]),
        cal_b=np.concatenate([bp_bb, tp_bb]),
        topics=np.array(tp_classes),
        phrases=np.array(list(spec.phrases_), dtype=str),
        markers=np.array(list(spec.markers_), dtype=str),
    )
    meta = {
        "format": EXPORT_FORMAT,
        "name": str(bundle.get("name", "paragraph-sklearn")),
        "version": str(bundle.get("version", "0")),
        "threshold": float(bundle["threshold"]),
        "n_word": sizes[0],
        "n_char": sizes[1],
        "n_features": int(W.shape[1]),
        "weights": [float(weights.get(n, 1.0)) for n in ("words", "chars", "spec")],
        "skops_sha256": file_sha256(skops_path),
    }
    arrays["meta"] = np.array(json.dumps(meta, ensure_ascii=False))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("wb") as f:
        np.savez_compressed(f, **arrays)
    return out_path


# --------------------------------------------------------------------------- scoring


def _branch(docs_tokens: list[list[str]], n_features: int, idf: np.ndarray, weight: float, offset: int,
            cache: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc index, feature index, value) of one TF-IDF branch, l2-normalised per document."""
    missing = list({t for toks in docs_tokens for t in toks if t not in cache})
    if missing:
        h = murmurhash3_32([t.encode("utf-8") for t in missing])
        for t, v in zip(missing, (np.abs(h) % n_features).tolist(), strict=True):
            cache[t] = v
    doc_ids, feats = [], []
    for d, toks in enumerate(docs_tokens):
        doc_ids.extend([d] * len(toks))
        feats.extend(cache[t] for t in toks)
    if not feats:
        return (np.zeros(0, np.int64),) * 2 + (np.zeros(0),)
    key = np.asarray(doc_ids, dtype=np.int64) * n_features + np.asarray(feats, dtype=np.int64)
    uniq, counts = np.unique(key, return_counts=True)
    d_idx, f_idx = np.divmod(uniq, n_features)
    val = (np.log(counts) + 1.0) * idf[f_idx]
    norms = np.sqrt(np.bincount(d_idx, weights=val * val, minlength=len(docs_tokens)))
    norms[norms == 0] = 1.0
    val = val / norms[d_idx] * weight
    return d_idx, f_idx + offset, val


class NumpyParagraphClassifier:
    """Same predictions as SklearnParagraphClassifier on the same model, from ``model.npz``."""

    _HASH_CACHE_MAX = 500_000

    def __init__(self, arrays: dict[str, np.ndarray], card: dict | None = None):
        meta = json.loads(str(arrays["meta"]))
        if meta.get("format") != EXPORT_FORMAT:
            raise StaleExportError("模型导出文件的格式版本不受支持")
        self.card = card or {}
        self.name = meta["name"]
        self.version = meta["version"]
        self.threshold = float(meta["threshold"])
        self.topics: list[str] = [str(t) for t in arrays["topics"]]
        self._n_word, self._n_char = int(meta["n_word"]), int(meta["n_char"])
        self._weights = meta["weights"]
        self._idf_w, self._idf_c = arrays["idf_words"], arrays["idf_chars"]
        n_features = int(meta["n_features"])
        cols = arrays["cols"]
        self._W = np.vstack([arrays["W"], np.zeros((1, arrays["W"].shape[1]))])  # last row: all-zero column
        self._col_of = np.full(n_features, len(cols), dtype=np.int32)
        self._col_of[cols] = np.arange(len(cols), dtype=np.int32)
        self._b, self._a, self._cb = arrays["intercept"], arrays["cal_a"], arrays["cal_b"]
        self._phrases = tuple(str(p) for p in arrays["phrases"])
        self._markers = compile_markers(tuple(str(m) for m in arrays["markers"]))
        self._cache_w: dict[str, int] = {}
        self._cache_c: dict[str, int] = {}

    _BATCH = 1024  # documents scored together: memory stays bounded however long the report (issue #14)

    def decision(self, docs: list[str]) -> np.ndarray:
        """Raw linear scores, (n_docs, 1 + n_topics): column 0 the boilerplate head."""
        if len(docs) > self._BATCH:  # each document's row depends on it alone: same scores, bounded memory
            return np.vstack([self.decision(docs[i:i + self._BATCH]) for i in range(0, len(docs), self._BATCH)])
        for c in (self._cache_w, self._cache_c):
            if len(c) > self._HASH_CACHE_MAX:
                c.clear()
        n_w, n_c = self._n_word, self._n_char
        ww, wc, ws = self._weights
        dw, fw, vw = _branch([word_tokens(d) for d in docs], n_w, self._idf_w, ww, 0, self._cache_w)
        dc, fc, vc = _branch([char_tokens(d) for d in docs], n_c, self._idf_c, wc, n_w, self._cache_c)
        spec = np.asarray([spec_row(decode(d)[1], self._phrases, self._markers) for d in docs], dtype=np.float64)
        spec = spec.reshape(len(docs), len(FEATURE_NAMES)) * ws
        ds = np.repeat(np.arange(len(docs)), len(FEATURE_NAMES))
        fs = np.tile(np.arange(len(FEATURE_NAMES)) + n_w + n_c, len(docs))
        d_all = np.concatenate([dw, dc, ds])
        contrib = self._W[self._col_of[np.concatenate([fw, fc, fs])]] * np.concatenate([vw, vc, spec.ravel()])[:, None]
        out = np.zeros((len(docs), self._W.shape[1]))
        np.add.at(out, d_all, contrib)
        return out + self._b

    def predict(self, texts: list[str], parts: list[str | None] | None = None) -> list[Prediction]:
        if not texts:
            return []
        parts = part_per_text(texts, parts)
        scores = self.decision([encode(t, p) for t, p in zip(texts, parts, strict=True)])
        with np.errstate(over="ignore"):
            proba = 1.0 / (1.0 + np.exp(self._a * scores + self._cb))  # sigmoid calibration, per column
        p_bp = proba[:, 0]
        p_bp[(p_bp > 1.0) & (p_bp <= 1.0 + 1e-5)] = 1.0
        p_topic = proba[:, 1:]
        denom = p_topic.sum(axis=1, keepdims=True)
        p_topic = np.divide(p_topic, denom, out=np.full_like(p_topic, 1.0 / p_topic.shape[1]), where=denom != 0)
        p_topic[(p_topic > 1.0) & (p_topic <= 1.0 + 1e-5)] = 1.0
        return predictions(p_bp, p_topic, self.topics)


def load(model_dir: Path, skops_file: str = "model.skops") -> NumpyParagraphClassifier:
    """Load ``model.npz``; raises StaleExportError when the skops model beside it is not the one exported."""
    model_dir = Path(model_dir)
    with np.load(model_dir / NPZ_FILE, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"]))
    skops = model_dir / skops_file
    if skops.is_file() and file_sha256(skops) != meta.get("skops_sha256"):
        raise StaleExportError(f"{model_dir / NPZ_FILE} 不是由 {skops} 导出的（模型已重新训练）；"
                               "请运行 python scripts/export_classifier.py 重新导出。")
    card_path = model_dir / "card.json"
    card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else None
    return NumpyParagraphClassifier(arrays, card)
