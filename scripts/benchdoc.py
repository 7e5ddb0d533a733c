"""Write one benchmark's section of docs/benchmarks.md (between its own markers, so others stay untouched), and
say in the same words in every section where it was measured (``conditions``)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def conditions(load: float | None = None, quiet: bool = False) -> str:
    """Where a benchmark ran: architecture, cores, Python, the 1-minute load average (``load``, else now) and
    whether the machine was shared with other jobs (then its times are upper bounds). One phrase, no final stop."""
    if load is None and hasattr(os, "getloadavg"):
        load = os.getloadavg()[0]
    where = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    if load is not None:
        where += f", load average {load:.1f}"
    return (f"**Conditions:** {where}; "
            + ("a quiet machine" if quiet else "a machine shared with other jobs, so the times are upper bounds"))


def replace_block(path: Path, start: str, end: str, block: str, heading: str = "",
                  new_file: str = "# Benchmarks\n") -> None:
    """Replace the text from marker ``start`` through marker ``end`` with ``block`` (which holds both markers);
    without the markers, append ``heading`` and ``block`` (``new_file`` starts a missing file)."""
    text = path.read_text(encoding="utf-8") if path.exists() else new_file
    if start in text and end in text:
        a, b = text.index(start), text.index(end) + len(end)
        text = text[:a] + block + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + heading + block + "\n"
    path.write_text(text, encoding="utf-8")


def append_rows(path: Path, start: str, end: str, rows: list[str], header: str = "") -> None:
    """Add ``rows`` at the end of the block between markers ``start`` and ``end`` (a table that grows run by run);
    without the markers, the block is appended first, holding ``header``."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if end not in text:
        text = text.rstrip("\n") + "\n\n" + start + header + end + "\n"
    path.write_text(text.replace(end, "\n".join(rows) + "\n" + end, 1), encoding="utf-8")


def write_section(path: Path, name: str, title: str, lines: list[str]) -> None:
    """Replace (or append) the block between <!-- name:start --> and <!-- name:end --> in a Markdown file."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    replace_block(path, start, end, "\n".join([start, title, "", *lines, end]))
