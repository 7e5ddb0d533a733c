"""Renderers: the audit dict as terminal text, Markdown, one self-contained HTML page, or JSON.

Renderers only format what the audit dict says; they recompute no score or finding.
"""

from __future__ import annotations

import json

from .html import render_html
from .markdown import render_markdown
from .terminal import render_text

FORMATS: tuple[str, ...] = ("text", "md", "html", "json")


def render(audit: dict, fmt: str) -> str:
    """Render an audit dict (schema nianbao.audit/1) as ``text``, ``md``, ``html`` or ``json``."""
    if fmt == "text":
        return render_text(audit)
    if fmt == "md":
        return render_markdown(audit)
    if fmt == "html":
        return render_html(audit)
    if fmt == "json":
        return json.dumps(audit, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "render_html", "render_markdown", "render_text"]
