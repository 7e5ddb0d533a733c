"""The classifier's text features, free of scikit-learn and numpy: shared by the training pipeline
(features.py, saved with skops) and the run-time numpy scorer (numpy_backend.py), so both see the very
same tokens and specificity values."""

from __future__ import annotations

import re
from functools import lru_cache
from math import log1p

from nianbao.textnorm import compact

from .segment import cut, mask_digits

SEP = "\x1f"


def encode(text: str, part: str | None) -> str:
    return f"{part or ''}{SEP}{text}"


def decode(doc: str) -> tuple[str, str]:
    part, sep, text = doc.partition(SEP)
    if not sep:  # a bare text
        return "", doc
    return part, text


def word_tokens(doc: str) -> list[str]:
    """jieba words (figures masked) as unigrams and bigrams, plus a part-id token."""
    part, text = decode(doc)
    words = cut(mask_digits(compact(text)))
    feats = list(words)
    feats.extend(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    feats.append(f"§part={part or 'none'}")
    return feats


def char_tokens(doc: str) -> list[str]:
    """Character 1- to 3-grams of the normalised text with figures masked."""
    _, text = decode(doc)
    s = mask_digits(compact(text))
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
def compile_markers(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error:
            continue
    return tuple(out)


def spec_row(text: str, phrases: list[str] | tuple[str, ...], markers: tuple[re.Pattern[str], ...]) -> list[float]:
    """Dense counts that tell a concrete paragraph (figures, dates, names) from generic 套话."""
    s = compact(text)
    n = max(len(s), 1)
    figures = len(_NUM.findall(s))
    entities = sum(1 for m in _ENTITY.findall(s) if not _GENERIC_SELF.match(m))
    phrase_hits = sum(s.count(p) for p in phrases) if phrases else 0
    marker_hits = sum(len(m.findall(s)) for m in markers)
    return [
        log1p(n),
        1.0 if n < 30 else 0.0,
        log1p(figures),
        min(figures * 100.0 / n, 10.0) / 2.0,
        1.0 if figures else 0.0,
        log1p(len(_DATE.findall(s))),
        log1p(len(_UNIT.findall(s))),
        log1p(len(_DOCNUM.findall(s))),
        log1p(len(_QUOTED.findall(s))),
        log1p(entities),
        min(phrase_hits * 100.0 / n, 10.0) / 2.0,
        log1p(phrase_hits),
        log1p(marker_hits),
        log1p(len(_ENUM.findall(s))),
    ]
