"""The Python API: read a report and (later) audit it."""

from __future__ import annotations

from pathlib import Path

from nianbao.ingest import read_bytes, read_document
from nianbao.model import Report
from nianbao.structure import parse_report


def load_report(path_or_text: str | Path | bytes, *, require_report: bool = True) -> Report:
    """Read a file path, raw bytes, or report text into the structured Report."""
    if isinstance(path_or_text, bytes):
        raw = read_bytes(path_or_text)
    elif isinstance(path_or_text, Path) or ("\n" not in path_or_text and len(path_or_text) < 1024):
        raw = read_document(path_or_text)
    else:
        raw = read_bytes(path_or_text.encode("utf-8"), "<text>")
    return parse_report(raw, require_report=require_report)
