"""Sentence boundaries around a span of report text (shared by the rules' context and the renderers)."""

from __future__ import annotations

SENTENCE_END = "。！？!?；;\n"


def sentence_bounds(text: str, start: int, end: int, limit: int = 120) -> tuple[int, int]:
    """(a, b) such that text[a:b] is the sentence holding text[start:end], at most `limit` characters
    on each side, with the sentence's own end mark kept (but not a line break)."""
    a = start
    while a > 0 and text[a - 1] not in SENTENCE_END and start - a < limit:
        a -= 1
    b = end
    while b < len(text) and text[b] not in SENTENCE_END and b - end < limit:
        b += 1
    if b < len(text) and text[b] != "\n" and b - end < limit:
        b += 1
    return a, b
