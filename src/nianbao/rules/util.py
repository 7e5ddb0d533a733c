"""Small helpers shared by the checks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Paragraph, Report


def find_all(text: str, needle: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    end = len(text) if end is None else end
    i = text.find(needle, start, end)
    while i != -1:
        yield i
        i = text.find(needle, i + 1, end)


def first_in(report: Report, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    i = report.text.find(needle, start, len(report.text) if end is None else end)
    return (i, i + len(needle)) if i >= 0 else None


def first_regex(report: Report, rx: re.Pattern, start: int = 0, end: int | None = None) -> re.Match | None:
    return rx.search(report.text, start, len(report.text) if end is None else end)


def narrative(report: Report, parts: tuple[str, ...] | None = None) -> Iterator[Paragraph]:
    """Narrative paragraphs (preamble and parts), optionally limited to some parts."""
    for p in report.paragraphs():
        if parts is None or p.part in parts:
            yield p


