"""Renderers: the audit dict as terminal text, Markdown, one self-contained HTML page, or JSON.

Renderers only format what the audit dict says; they recompute no score or finding. The audit's plain-data
form itself is built in :mod:`nianbao.render.audit_json` (the report's in :mod:`nianbao.render.report_json`).
Each renderer is imported when first used.
"""

from __future__ import annotations

import json
from typing import Any

FORMATS: tuple[str, ...] = ("text", "md", "html", "json")


def render(audit: dict, fmt: str) -> str:
    """Render an audit dict (schema nianbao.audit/1) as ``text``, ``md``, ``html`` or ``json``."""
    if fmt == "text":
        from .terminal import render_text

        return render_text(audit)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(audit)
    if fmt == "html":
        from .html import render_html

        return render_html(audit)
    if fmt == "json":
        return json.dumps(audit, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def __getattr__(name: str) -> Any:
    if name == "render_html":
        from .html import render_html

        return render_html
    if name == "render_markdown":
        from .markdown import render_markdown

        return render_markdown
    if name == "render_text":
        from .terminal import render_text

        return render_text
    raise AttributeError(name)


__all__ = ["FORMATS", "render", "render_html", "render_markdown", "render_text"]
