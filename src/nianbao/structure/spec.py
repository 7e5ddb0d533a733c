"""Load the mandated format (data/spec/format.toml) and normalise labels for tolerant matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nianbao.vocab import format_spec  # noqa: F401 - the one loader of data/spec/format.toml

# a small traditional -> simplified map for the characters that occur in the mandated labels
_TRAD = str.maketrans(
    "開門關請處資訊機與務權審訴議復維結總計數業會組織構個內執為無現實報類項規範許罰強費財採購額單萬應錄來發廢經過後輸辦統縣鄉鎮區網絡級內轉續護屬國祕秘險危穩營銷當證書處論點體製據條問題況計劃與",
    "开门关请处资讯机与务权审诉议复维结总计数业会组织构个内执为无现实报类项规范许罚强费财采购额单万应录来发废经过后输办统县乡镇区网络级内转续护属国秘秘险危稳营销当证书处论点体制据条问题况计划与",
)
_DROP = re.compile(r"[\s\u3000“”\"'‘’「」『』]")


@lru_cache(maxsize=65536)
def norm(s: str) -> str:
    """Normalise a label: NFKC (full-width -> half-width), no spaces/quotes, 、 -> ,, traditional -> simplified."""
    s = unicodedata.normalize("NFKC", s or "").translate(_TRAD)
    s = _DROP.sub("", s)
    return s.replace("、", ",").replace("，", ",").replace("．", ".")


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[,.]|\([一二三四五六七八九十]+\)|\d{1,2}[.,]?(?!\d))")


def strip_numbering(s: str) -> str:
    """'（三）不予公开' -> '不予公开' (on a normalised label)."""
    return _NUMBERING.sub("", s, count=1)


