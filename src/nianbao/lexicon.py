"""Load the editable word lists in nianbao/data/lexicon/ (TOML, plus the jieba dictionary)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from nianbao.datacache import parse_toml


@cache
def lexicon(name: str) -> dict:
    """The parsed ``data/lexicon/<name>.toml``; an empty dict when the file is absent."""
    path = resources.files("nianbao.data").joinpath("lexicon", f"{name}.toml")
    if not path.is_file():
        return {}
    return parse_toml(path.read_text(encoding="utf-8"))


@cache
def data_toml(relpath: str) -> dict:
    """Any TOML file shipped under nianbao/data/ (e.g. 'deadlines.toml')."""
    path = resources.files("nianbao.data").joinpath(*relpath.split("/"))
    return parse_toml(path.read_text(encoding="utf-8"))
