"""Read the shared lexicon files (written by another team member); absent files give empty lists."""

from __future__ import annotations

import logging
import tomllib
from functools import lru_cache
from pathlib import Path

from nianbao.datacache import parse_toml

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"


@lru_cache(maxsize=4)
def boilerplate_lexicon(directory: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (generic phrases, specific-marker regexes) from ``boilerplate_phrases.toml``.

    Accepts ``phrases = [...]`` and/or ``[[phrase]] text = ...`` tables, plus ``specific_markers = [...]``
    (strings, or tables with a ``pattern``/``regex`` key).
    """
    path = Path(directory) / "boilerplate_phrases.toml" if directory else LEXICON_DIR / "boilerplate_phrases.toml"
    if not path.is_file():
        return (), ()
    try:
        data = parse_toml(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        log.warning("cannot read %s: %s", path, e)
        return (), ()
    phrases: list[str] = []
    raw = data.get("phrases", [])
    if isinstance(raw, list):
        phrases.extend(str(p) for p in raw if isinstance(p, str))
    tables = data.get("phrase", [])
    if isinstance(tables, list):
        for t in tables:
            if isinstance(t, dict) and isinstance(t.get("text"), str):
                phrases.append(t["text"])
    markers: list[str] = []
    for m in data.get("specific_markers", []) or []:
        if isinstance(m, str):
            markers.append(m)
        elif isinstance(m, dict):
            pat = m.get("pattern") or m.get("regex")
            if isinstance(pat, str):
                markers.append(pat)
    # de-duplicate, keep order, drop empties
    phrases = list(dict.fromkeys(p.strip() for p in phrases if p.strip()))
    return tuple(phrases), tuple(dict.fromkeys(markers))


def domain_dict_path(directory: str | None = None) -> Path | None:
    path = Path(directory) / "domain_dict.txt" if directory else LEXICON_DIR / "domain_dict.txt"
    return path if path.is_file() else None
