"""Text normalisation, in one place: what each comparison of text ignores.

- :func:`compact` — NFKC and no whitespace at all (PDF extraction puts spaces between digits and Chinese):
  the classifier's input, template and copy matching.
- :func:`label_key` — a table or heading label as the format spec matches it: compact, no quotes,
  、/，→ ",", common traditional characters simplified.
- :func:`sentence_key` — a sentence as copy detection compares it: NFKC, word characters only, every
  number "#" (a copied sentence with this year's figures is still a copy).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")

# a small traditional -> simplified map for the characters that occur in the mandated labels
_TRAD = str.maketrans(
    "開門關請處資訊機與務權審訴議復維結總計數業會組織構個內執為無現實報類項規範許罰強費財採購額單萬應錄來發廢經過後輸辦統縣鄉鎮區網絡級轉續護屬國祕險穩營銷當證書論點體製據條問題況劃",
    "开门关请处资讯机与务权审诉议复维结总计数业会组织构个内执为无现实报类项规范许罚强费财采购额单万应录来发废经过后输办统县乡镇区网络级转续护属国秘险稳营销当证书论点体制据条问题况划",
)
_DROP = re.compile(r"[\s\u3000“”\"'‘’「」『』]")
_KEEP = re.compile(r"[\w#]")
_DIGITS = re.compile(r"\d+")


def no_space(text: str) -> str:
    """All whitespace removed, nothing else changed."""
    return _WS.sub("", text)


def compact(text: str) -> str:
    """NFKC, all whitespace removed."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def label_key(s: str) -> str:
    """A label as matched against the format spec: NFKC (full-width -> half-width), no spaces or quotes,
    、 and ， -> ",", ． -> ".", traditional -> simplified."""
    s = unicodedata.normalize("NFKC", s or "").translate(_TRAD)
    s = _DROP.sub("", s)
    return s.replace("、", ",").replace("，", ",").replace("．", ".")


def sentence_key(sentence: str) -> str:
    """A sentence as copy detection compares it: NFKC, word characters only, numbers as "#"."""
    s = unicodedata.normalize("NFKC", sentence)
    s = "".join(_KEEP.findall(s))
    return _DIGITS.sub("#", s)
