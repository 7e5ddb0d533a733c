"""Feature extraction shared by the scikit-learn backend.

A document given to the pipeline is one string, ``encode(text, part)`` = ``part + "\\x1f" + text``, so
that the part id can travel through a plain scikit-learn ``FeatureUnion`` of text vectorizers.
The analyzers and the specificity transformer are module-level names so that skops can save them
by reference (they are on the loader's allow-list).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .lexicon import boilerplate_lexicon
from .segment import cut, mask_digits, normalize

SEP = "\x1f"


def encode(text: str, part: str | None) -> str:
    return f"{part or ''}{SEP}{text}"


def decode(doc: str) -> tuple[str, str]:
    part, sep, text = doc.partition(SEP)
    if not sep:  # a bare text
        return "", doc
    return part, text


def word_analyzer(doc: str) -> list[str]:
    """jieba words (figures masked) as unigrams and bigrams, plus a part-id token."""
    part, text = decode(doc)
    words = cut(mask_digits(normalize(text)))
    feats = list(words)
    feats.extend(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    feats.append(f"§part={part or 'none'}")
    return feats


def char_analyzer(doc: str) -> list[str]:
    """Character 1- to 3-grams of the normalised text with figures masked."""
    _, text = decode(doc)
    s = mask_digits(normalize(text))
    out: list[str] = []
    n = len(s)
    for k in (1, 2, 3):
        out.extend(s[i : i + k] for i in range(n - k + 1))
    return out


# --------------------------------------------------------------------------- specificity features

_NUM = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|底|初|中旬|上旬|下旬)?")
_UNIT = re.compile(
    r"\d+(?:\.\d+)?(?:万|亿|千)?(?:人次|件次|批次|个工作日|工作日|件|条|次|人|元|个|项|篇|场|户|份|%|期|台|家|天|小时|分|名|期|栏|处|页|万元|平方米|公里)"
)
_DOCNUM = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号")
_QUOTED = re.compile(r"《[^》]{1,60}》|“[^”]{1,40}”|\"[^\"]{1,40}\"|「[^」]{1,40}」")
_ENTITY = re.compile(
    r"[\u4e00-\u9fff]{2,10}?(?:省|市|县|区|镇|乡|街道|村|社区|局|委员会|委|办公室|中心|公司|医院|学校|大学|银行|法院|检察院|管委会)"
)
_GENERIC_SELF = re.compile(r"^(?:我|本|该|全|各)")
_ENUM = re.compile(r"[一二三四五六七八九十]是")

FEATURE_NAMES: tuple[str, ...] = (
    "log_len",
    "short",
    "log_figures",
    "figure_density",
    "has_figure",
    "log_dates",
    "log_units",
    "log_docnums",
    "log_quoted",
    "log_entities",
    "phrase_density",
    "log_phrases",
    "log_markers",
    "log_enum",
)


@lru_cache(maxsize=8)
def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error:
            continue
    return tuple(out)


class SpecificityFeatures(TransformerMixin, BaseEstimator):
    """Dense counts that tell a concrete paragraph (figures, dates, names) from generic 套话.

    ``phrases`` / ``markers`` default to the shared lexicon at fit time and are then stored on the
    fitted object (``phrases_``, ``markers_``), so a saved model does not change when the lexicon does.
    """

    def __init__(self, phrases: list[str] | None = None, markers: list[str] | None = None):
        self.phrases = phrases
        self.markers = markers

    def fit(self, X, y=None):
        lex_phrases, lex_markers = boilerplate_lexicon()
        self.phrases_ = list(self.phrases if self.phrases is not None else lex_phrases)
        self.markers_ = list(self.markers if self.markers is not None else lex_markers)
        self.n_features_out_ = len(FEATURE_NAMES)
        return self

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"spec__{n}" for n in FEATURE_NAMES], dtype=object)

    def _row(self, text: str, phrases: list[str], markers: tuple[re.Pattern[str], ...]) -> list[float]:
        s = normalize(text)
        n = max(len(s), 1)
        figures = len(_NUM.findall(s))
        entities = sum(1 for m in _ENTITY.findall(s) if not _GENERIC_SELF.match(m))
        phrase_hits = sum(s.count(p) for p in phrases) if phrases else 0
        marker_hits = sum(len(m.findall(s)) for m in markers)
        return [
            np.log1p(n),
            1.0 if n < 30 else 0.0,
            np.log1p(figures),
            min(figures * 100.0 / n, 10.0) / 2.0,
            1.0 if figures else 0.0,
            np.log1p(len(_DATE.findall(s))),
            np.log1p(len(_UNIT.findall(s))),
            np.log1p(len(_DOCNUM.findall(s))),
            np.log1p(len(_QUOTED.findall(s))),
            np.log1p(entities),
            min(phrase_hits * 100.0 / n, 10.0) / 2.0,
            np.log1p(phrase_hits),
            np.log1p(marker_hits),
            np.log1p(len(_ENUM.findall(s))),
        ]

    def transform(self, X):
        phrases = self.phrases_
        markers = _compile(tuple(self.markers_))
        rows = [self._row(decode(doc)[1], phrases, markers) for doc in X]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))
