"""Write one benchmark's section of docs/benchmarks.md (between its own markers, so others stay untouched)."""

from __future__ import annotations

from pathlib import Path


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


def write_section(path: Path, name: str, title: str, lines: list[str]) -> None:
    """Replace (or append) the block between <!-- name:start --> and <!-- name:end --> in a Markdown file."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    replace_block(path, start, end, "\n".join([start, title, "", *lines, end]))
