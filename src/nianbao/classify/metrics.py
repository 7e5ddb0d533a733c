"""Metrics shared by both backends: per-label precision/recall/F1, macro-F1, confusion matrices, threshold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    confusion_matrix,
    precision_recall_curve,
    precision_recall_fscore_support,
)

from .base import TOPICS, Example, Prediction

MIN_PRECISION = 0.9
# Thresholds whose validation F1 is within this of the best count as equally good: the validation split shares
# the corpus templates, so such a plateau says nothing about where to cut, and the cut nearest the calibrated
# midpoint 0.5 is taken. Chosen on the real DEV paragraphs (corpora/real/paragraphs/): with the plain max-F1 cut
# the threshold swung between 0.46 and 0.74 from one corpus version to the next at the same ranking quality
# (average precision 0.70), and real boilerplate F1 with it (0.60-0.67); 0.005 gave 0.58 (F1 0.66), 0.01 gave
# 0.38 (F1 0.70). Two or three of ~140 validation positives is all it gives up.
F1_TOLERANCE = 0.01


def _per_label(y_true: Sequence, y_pred: Sequence, labels: Sequence) -> dict[str, dict[str, float]]:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    return {
        str(lab): {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4),
                   "support": int(s[i])}
        for i, lab in enumerate(labels)
    }


def choose_threshold(y_true: Sequence[int], proba: Sequence[float], min_precision: float = MIN_PRECISION) -> dict:
    """Pick the boilerplate threshold: the max-F1 threshold among those with precision >= min_precision,
    or the overall max-F1 threshold when no threshold reaches that precision; among thresholds within
    ``F1_TOLERANCE`` of that F1, the one nearest 0.5."""
    y = np.asarray(y_true, dtype=int)
    p = np.asarray(proba, dtype=float)
    if y.min() == y.max():  # a single class: nothing to tune
        return {"threshold": 0.5, "rule": "default (validation has one class)", "precision": None, "recall": None,
                "f1": None}
    prec, rec, thr = precision_recall_curve(y, p)
    prec, rec = prec[:-1], rec[:-1]  # align with thr
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0.0)
    ok = prec >= min_precision
    if ok.any():
        rule = f"max F1 subject to precision >= {min_precision} on the validation split"
    else:
        ok = np.ones_like(ok)
        rule = "max F1 on the validation split (no threshold reached the precision floor)"
    near = np.flatnonzero(ok & (f1 >= f1[ok].max() - F1_TOLERANCE))
    idx = int(near[np.argmin(np.abs(thr[near] - 0.5))])
    rule += f" (of the thresholds within {F1_TOLERANCE} of that F1, the one nearest 0.5)"
    # place the cut half-way between the chosen score and the next lower score, for some margin
    lower = p[p < thr[idx]]
    cut = (thr[idx] + lower.max()) / 2 if lower.size else thr[idx]
    return {"threshold": round(float(cut), 4), "rule": rule, "precision": round(float(prec[idx]), 4),
            "recall": round(float(rec[idx]), 4), "f1": round(float(f1[idx]), 4)}


def score(examples: Sequence[Example], preds: Sequence[Prediction], threshold: float) -> dict:
    """All metrics of one split."""
    y_bp = [e.boilerplate for e in examples]
    p_bp = [pr.boilerplate for pr in preds]
    yhat_bp = [int(v >= threshold) for v in p_bp]
    bp_labels = [0, 1]
    bp_per = _per_label(y_bp, yhat_bp, bp_labels)
    bp = {
        "threshold": threshold,
        "per_label": bp_per,
        "f1": bp_per["1"]["f1"],
        "precision": bp_per["1"]["precision"],
        "recall": bp_per["1"]["recall"],
        "macro_f1": round(float(np.mean([v["f1"] for v in bp_per.values()])), 4),
        "confusion": confusion_matrix(y_bp, yhat_bp, labels=bp_labels).tolist(),
        "confusion_labels": bp_labels,
        "average_precision": (round(float(average_precision_score(y_bp, p_bp)), 4) if len(set(y_bp)) == 2 else None),
    }
    y_t = [e.topic for e in examples]
    yhat_t = [pr.topic for pr in preds]
    labels = [t for t in TOPICS if t in set(y_t) | set(yhat_t)]
    t_per = _per_label(y_t, yhat_t, labels)
    present = [t for t in labels if t in set(y_t)]
    topic = {
        "per_label": t_per,
        "macro_f1": round(float(np.mean([t_per[t]["f1"] for t in present])), 4) if present else 0.0,
        "accuracy": round(float(np.mean([a == b for a, b in zip(y_t, yhat_t, strict=True)])), 4),
        # counted here, not by sklearn's confusion_matrix, which warns when a split holds a single topic
        "confusion": [[sum(1 for a, b in zip(y_t, yhat_t, strict=True) if a == r and b == c) for c in labels]
                      for r in labels],
        "confusion_labels": labels,
    }
    return {"n": len(examples), "boilerplate": bp, "topic": topic}
