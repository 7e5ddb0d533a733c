"""A per-user cache of compiled regular expressions for the command line (``cli.main`` installs it).

nianbao's rules and readers compile about a thousand patterns (lexicon tries, character classes) in every
process: ~0.1 CPU-s of ``re``'s pure-Python parser and code generator before the first report is read. The
result of that work is a list of integers that ``_sre.compile`` turns into a Pattern; this module keeps
those lists (with the flags and group names) in a marshal file keyed by the pattern text, the flags and the
exact Python and ``_sre`` versions, so a later process builds the same Pattern objects without re-parsing.
Only CPython; any mismatch or error falls back to ``re``'s own compiler. The file is written at exit, only
when new patterns were compiled, and holds at most ``MAX_ENTRIES`` of them.
"""

from __future__ import annotations

import atexit
import marshal
import sys
from typing import Any

MAX_ENTRIES = 20000
_state: dict[str, Any] = {}


def _path():
    import _sre

    from nianbao.datacache import cache_dir

    tag = f"{sys.implementation.cache_tag}-{'.'.join(map(str, sys.version_info[:3]))}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return cache_dir() / f"re-{tag}.bin"


def install() -> None:
    """Route ``re``'s compiler through the cache (idempotent; a no-op outside CPython 3.11+)."""
    import os

    if _state or sys.implementation.name != "cpython" or sys.version_info < (3, 11) or os.environ.get("NIANBAO_NO_CACHE"):
        return
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:  # pragma: no cover
        return
    path = _path()
    try:
        table = marshal.loads(path.read_bytes())
        if not isinstance(table, dict):
            table = {}
    except (OSError, ValueError, EOFError, TypeError):
        table = {}
    original = _compiler.compile
    debug = _compiler.SRE_FLAG_DEBUG

    def compile(p, flags=0):  # noqa: A001 - the name re calls
        if not isinstance(p, str | bytes) or flags & debug:
            return original(p, flags)
        key = (p, int(flags))
        hit = table.get(key)
        if hit is not None:
            try:
                return _sre.compile(p, *hit)
            except (TypeError, ValueError, RuntimeError):
                table.pop(key, None)
        parsed = _parser.parse(p, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if len(table) < MAX_ENTRIES:
            table[key] = args
            _state["dirty"] = True
        return _sre.compile(p, *args)

    _state.update(table=table, path=path, original=original, dirty=False)
    _compiler.compile = compile
    atexit.register(_save)


def _save() -> None:
    if not _state.get("dirty"):
        return
    from nianbao.datacache import write_atomic

    try:
        write_atomic(_state["path"], marshal.dumps(_state["table"]))
        _state["dirty"] = False
    except (OSError, ValueError):
        pass


def uninstall() -> None:
    """Restore ``re``'s own compiler (tests)."""
    if _state:
        from re import _compiler

        _compiler.compile = _state["original"]
        _save()
        _state.clear()
