"""Load the mandated format (data/spec/format.toml) and normalise labels for tolerant matching."""

from __future__ import annotations

import re

from nianbao.textnorm import label_key  # noqa: F401 - how labels are normalised for matching
from nianbao.vocab import format_spec  # noqa: F401 - the one loader of data/spec/format.toml

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[,.]|\([一二三四五六七八九十]+\)|\d{1,2}[.,]?(?!\d))")


def strip_numbering(s: str) -> str:
    """'（三）不予公开' -> '不予公开' (on a normalised label)."""
    return _NUMBERING.sub("", s, count=1)


