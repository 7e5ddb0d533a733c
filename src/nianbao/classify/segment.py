"""Word segmentation for the classifier: jieba with the domain dictionary, loaded once, lazily.

Measured choice (see models/paragraph-sklearn/README.md, "Segmenter"): rjieba is faster but cannot load
a user-dictionary file in one call and must be given every word through ``add_word``; jieba with the
domain dictionary is fast enough for a 40-paragraph report (a few ms), so jieba is the default and the
only segmenter the shipped model depends on.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata

from .lexicon import domain_dict_path

_lock = threading.Lock()
_tokenizer = None  # jieba.Tokenizer, created on first use

_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


def get_tokenizer():
    """The shared jieba tokenizer with the domain dictionary (if present) loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                tok.initialize()
                path = domain_dict_path()
                if path is not None:
                    try:
                        tok.load_userdict(str(path))
                    except Exception as e:  # a malformed dictionary must not break classification
                        logging.getLogger(__name__).warning("domain dictionary %s not loaded: %s", path, e)
                _tokenizer = tok
    return _tokenizer


def normalize(text: str) -> str:
    """NFKC, drop all whitespace (PDF extraction inserts spaces between digits and Chinese)."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def mask_digits(text: str) -> str:
    """Collapse every number to '0' so that n-grams generalise over figures."""
    return _DIGITS.sub("0", text)


def cut(text: str) -> list[str]:
    """Segment already-normalised text into words, dropping punctuation-only tokens."""
    return [w for w in get_tokenizer().lcut(text, HMM=True) if w and not _PUNCT_ONLY.match(w)]
