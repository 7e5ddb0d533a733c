"""Feature extraction shared by the scikit-learn backend.

A document given to the pipeline is one string, ``encode(text, part)`` = ``part + "\\x1f" + text``, so
that the part id can travel through a plain scikit-learn ``FeatureUnion`` of text vectorizers.
The analyzers and the specificity transformer are module-level names so that skops can save them
by reference (they are on the loader's allow-list).
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from .lexicon import boilerplate_lexicon
from .textfeat import FEATURE_NAMES, SEP, char_tokens, compile_markers, decode, encode, spec_row, word_tokens

__all__ = ["FEATURE_NAMES", "SEP", "SpecificityFeatures", "char_analyzer", "decode", "encode", "word_analyzer"]


# The two analyzers are saved by reference in the skops model (``nianbao.classify.features.*``): keep
# their names here; the work is done in textfeat.py, which the numpy scorer shares.
def word_analyzer(doc: str) -> list[str]:
    """jieba words (figures masked) as unigrams and bigrams, plus a part-id token."""
    return word_tokens(doc)


def char_analyzer(doc: str) -> list[str]:
    """Character 1- to 3-grams of the normalised text with figures masked."""
    return char_tokens(doc)


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

    def transform(self, X):
        phrases = self.phrases_
        markers = compile_markers(tuple(self.markers_))
        rows = [spec_row(decode(doc)[1], phrases, markers) for doc in X]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))
