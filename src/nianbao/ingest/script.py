"""Traditional-script renderings (繁体版): a simplified report run through a converter for a 繁体 web page.

Such a rendering is recognised by the share of characters that OpenCC (t2s) would change, converted back to
simplified characters one character at a time (so every offset stays valid: blocks, cells and findings point at
the same positions), and marked with a parse note, so that the audit says it read converted text and does not
report the converter's characters as the author's typos. Without OpenCC the text is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from nianbao.model import Block, ParseNote, RawDocument

_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_CHANGED = 8  # traditional characters in the text ...
MIN_SHARE = 0.03  # ... and their share of all Chinese characters
# Frequent characters that exist only in traditional script: a cheap first look before OpenCC is asked at all.
_HINT = re.compile("[們個來時會為說對與國這開關體報資區縣鎮條當發現實點機處務經濟應導辦將並從認檢審權請聯繫總計員較質]")


@cache
def _converter():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a core dependency; a broken install must not stop the audit
        return None
    return opencc.OpenCC("t2s")


def char_map(text: str) -> dict[int, str]:
    """Each Chinese character of `text` that OpenCC maps to one other character (a str.translate table)."""
    cc = _converter()
    if cc is None:
        return {}
    out: dict[int, str] = {}
    for ch in set(_CJK.findall(text)):
        s = cc.convert(ch)
        if len(s) == 1 and s != ch:
            out[ord(ch)] = s
    return out


def simplify(raw: RawDocument) -> RawDocument:
    """The document with traditional characters converted to simplified ones, or `raw` itself when it is not a
    traditional rendering."""
    if len(_HINT.findall(raw.text, 0, 20000)) < MIN_CHANGED // 2:
        return raw
    table = char_map(raw.text)
    if not table:
        return raw
    cjk = len(_CJK.findall(raw.text))
    changed = sum(1 for ch in raw.text if ord(ch) in table)
    if changed < MIN_CHANGED or changed < MIN_SHARE * max(1, cjk):
        return raw

    def tr(s: str) -> str:
        return s.translate(table)

    def block(b: Block) -> Block:
        rows = [[replace(c, text=tr(c.text)) for c in row] for row in b.rows] if b.rows is not None else None
        return replace(b, text=tr(b.text), rows=rows)

    note = ParseNote("traditional_script",
                     f"原文是繁体字版本（{changed}个字为繁体），多为网站繁简转换生成。已用 OpenCC 逐字转换为简体后检查，"
                     "证据按转换后的文字显示；繁简转换造成的用字差异不作为错别字。")
    return replace(raw, text=tr(raw.text), blocks=[block(b) for b in raw.blocks], notes=[*raw.notes, note])


__all__ = ["simplify", "char_map"]
