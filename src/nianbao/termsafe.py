"""Terminal-safe text: what a report contains is shown, never obeyed.

A report (or a file name) may carry ESC sequences that clear the screen or set the window title,
other control characters, bidirectional overrides that reorder what is shown, or Rich markup such
as ``[link=…]``. Everything that reaches a terminal from a report goes through :func:`visible`
(one visible character for each control character, so offsets into the text stay valid) and, where
Rich would read markup, is passed as :class:`rich.text.Text` or through :func:`markup_safe`.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings/overrides/isolates; line/para separators
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_NL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _picture(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # Control Pictures: ␛ for ESC, ␍ for CR, ␀ for NUL
    if c == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls, bidi controls and separators: the replacement character


def visible(text: str, keep_newlines: bool = True) -> str:
    """Each control character becomes one visible character (same length: offsets stay valid)."""
    return (_UNSAFE if keep_newlines else _UNSAFE_NL).sub(_picture, text)


def markup_safe(text: str) -> str:
    """Text to embed in a Rich markup string: controls made visible, ``[`` escaped."""
    from rich.markup import escape

    return escape(visible(text, keep_newlines=False))


def visible_strings(obj):
    """A copy of a JSON-like value with every string made visible (for renderers of an audit dict)."""
    if isinstance(obj, str):
        return visible(obj)
    if isinstance(obj, dict):
        return {k: visible_strings(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [visible_strings(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(visible_strings(v) for v in obj)
    return obj
