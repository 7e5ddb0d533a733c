"""Word segmentation: jieba with the domain dictionary, loaded once, lazily — and fast.

jieba's own start-up unmarshals its whole prefix dictionary (about 500,000 entries, 0.6 s or more) before
the first word is cut, although a report touches a few thousand of them. ``get_tokenizer`` instead gives
jieba a ``LazyFreq`` over a bucketed copy of the same dictionary (jieba's default dictionary with
data/lexicon/domain_dict.txt loaded, exactly as ``Tokenizer.load_userdict`` leaves it), built once per
machine in the user's cache folder and memory-mapped: a lookup loads only the bucket of its first two
characters. jieba's segmentation depends on nothing but ``FREQ`` lookups and ``total``, so the words are
identical to plain jieba (tests/test_segment.py checks that on the corpus). Measured alternatives
(rjieba, a trimmed dictionary) are in docs/benchmarks.md, "Start-up".

Set ``NIANBAO_CACHE_DIR`` to choose the cache folder; ``NIANBAO_SEGMENTER=jieba`` uses plain jieba.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import re
import struct
import threading
from pathlib import Path

from nianbao.datacache import cache_dir, write_atomic

from .lexicon import domain_dict_path

log = logging.getLogger(__name__)

_lock = threading.Lock()
_tokenizer = None  # jieba.Tokenizer, created on first use

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")

_MAGIC = b"NIANBAO-JIEBA-FREQ-2\n"
_NBUCKETS = 1 << 16
_HEADER = struct.Struct("<QI")  # total, number of buckets


def _bucket(prefix: str) -> int:
    return (ord(prefix[0]) * 40503 + (ord(prefix[1]) if len(prefix) > 1 else 0)) % _NBUCKETS


class LazyFreq:
    """The part of jieba's ``FREQ`` dict that jieba's cutting uses (``in``, ``[]``, ``get``), reading
    each bucket of the memory-mapped dictionary on first use. (The same class serves the part-of-speech
    table, ``word_tag_tab``, that jieba.posseg reads with ``get``.)"""

    __slots__ = ("_d", "_seen", "_loaded", "_mm", "_offsets")

    def __init__(self, mm: mmap.mmap | bytes, offsets: list[int]):
        self._d: dict[str, int] = {}
        self._seen: set[str] = set()  # two-character prefixes already looked up
        self._loaded = bytearray(len(offsets) - 1)  # buckets already read
        self._mm = mm
        self._offsets = offsets

    def _load(self, prefix: str) -> None:
        self._seen.add(prefix)
        b = _bucket(prefix)
        if not self._loaded[b]:
            self._loaded[b] = 1
            lo, hi = self._offsets[b], self._offsets[b + 1]
            if hi > lo:
                self._d.update(marshal.loads(self._mm[lo:hi]))

    def __contains__(self, word: str) -> bool:
        p = word[:2]
        if p not in self._seen:
            self._load(p)
        return word in self._d

    def __getitem__(self, word: str) -> int:
        p = word[:2]
        if p not in self._seen:
            self._load(p)
        return self._d[word]

    def get(self, word: str, default=None):
        p = word[:2]
        if p not in self._seen:
            self._load(p)
        return self._d.get(word, default)

    def __setitem__(self, word: str, freq: int) -> None:  # jieba's add_word / suggest_freq
        p = word[:2]
        if p not in self._seen:
            self._load(p)
        self._d[word] = freq


def _cache_key(jieba_mod) -> str:
    """What the bucketed dictionary depends on: jieba's version and dictionary, the domain dictionary."""
    h = hashlib.sha256(_MAGIC)
    h.update(str(getattr(jieba_mod, "__version__", "")).encode())
    st = os.stat(os.path.join(os.path.dirname(jieba_mod.__file__), jieba_mod.DEFAULT_DICT_NAME))
    h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    path = domain_dict_path()
    h.update(path.read_bytes() if path is not None else b"")
    return h.hexdigest()[:16]


def _full_tokenizer(jieba_mod):
    """Plain jieba: the whole dictionary in memory, then the domain dictionary on top."""
    tok = jieba_mod.Tokenizer()
    tok.initialize()
    path = domain_dict_path()
    if path is not None:
        try:
            tok.load_userdict(str(path))
        except Exception as e:  # a malformed dictionary must not break classification
            log.warning("domain dictionary %s not loaded: %s", path, e)
    return tok


def _bucketed(table: dict) -> list[bytes]:
    buckets: list[dict] = [{} for _ in range(_NBUCKETS)]
    for w, f in table.items():
        buckets[_bucket(w[:2])][w] = f
    return [marshal.dumps(b) if b else b"" for b in buckets]


def build_cache(path: Path, freq: dict[str, int], total: int, tags: dict[str, str] | None = None) -> None:
    """Write ``freq`` and the part-of-speech ``tags``, each bucketed by the first two characters of each
    word, to ``path`` (atomically)."""
    blobs = _bucketed(freq) + _bucketed(tags or {})
    head = len(_MAGIC) + _HEADER.size + 8 * (2 * _NBUCKETS + 2)
    offsets = [head]
    for i, b in enumerate(blobs):
        if i == _NBUCKETS:
            offsets.append(offsets[-1])  # the end of the last FREQ bucket is the start of the first tag bucket
        offsets.append(offsets[-1] + len(b))
    header = _MAGIC + _HEADER.pack(int(total), _NBUCKETS) + struct.pack(f"<{2 * _NBUCKETS + 2}Q", *offsets)
    write_atomic(path, header + b"".join(blobs))


def open_cache(path: Path) -> tuple[LazyFreq, int, LazyFreq]:
    """(FREQ, total, part-of-speech tags) of a cache written by ``build_cache``."""
    with path.open("rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if mm[: len(_MAGIC)] != _MAGIC:
        raise ValueError(f"{path}: not a nianbao segmenter cache")
    total, nb = _HEADER.unpack_from(mm, len(_MAGIC))
    if nb != _NBUCKETS:
        raise ValueError(f"{path}: unexpected bucket count")
    offsets = list(struct.unpack_from(f"<{2 * nb + 2}Q", mm, len(_MAGIC) + _HEADER.size))
    if offsets[-1] != len(mm):
        raise ValueError(f"{path}: truncated")
    return LazyFreq(mm, offsets[: nb + 1]), total, LazyFreq(mm, offsets[nb + 1:])


def pos_tags(tok) -> dict[str, str]:
    """jieba.posseg's word -> tag table for ``tok``: its dictionary file's tags, then the user dictionary's
    (what ``POSTokenizer(tok)`` builds, without importing jieba.posseg)."""
    tags: dict[str, str] = {}
    with tok.get_dict_file() as f:
        for line in f:
            parts = line.strip().decode("utf-8").split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    tags.update(getattr(tok, "user_word_tag_tab", {}) or {})
    return tags


def _fast_tokenizer(jieba_mod):
    path = cache_dir() / f"jieba-freq-{_cache_key(jieba_mod)}.bin"
    if not path.is_file():
        full = _full_tokenizer(jieba_mod)
        try:
            build_cache(path, full.FREQ, full.total, pos_tags(full))
        except OSError as e:
            log.warning("segmenter cache %s not written: %s", path, e)
        return full
    freq, total, tags = open_cache(path)
    tok = jieba_mod.Tokenizer()
    tok.FREQ, tok.total = freq, total
    tok.initialized = True
    tok.nianbao_pos_tags = tags  # for get_pos_tokenizer
    return tok


def get_tokenizer():
    """The shared jieba tokenizer with the domain dictionary (if present) loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                if os.environ.get("NIANBAO_SEGMENTER") == "jieba" or os.environ.get("NIANBAO_NO_CACHE"):
                    _tokenizer = _full_tokenizer(jieba)
                else:
                    try:
                        _tokenizer = _fast_tokenizer(jieba)
                    except (OSError, ValueError, EOFError) as e:
                        log.warning("segmenter cache unusable, loading jieba's whole dictionary: %s", e)
                        _tokenizer = _full_tokenizer(jieba)
    return _tokenizer


_pos_tokenizer = None


_POS_MODEL = ("char_state_tab", "prob_start", "prob_trans", "prob_emit")


def _preload_posseg_model() -> None:
    """Put jieba.posseg's HMM tables into sys.modules from a marshal cache before jieba.posseg imports them.

    The tables are Python modules of dict literals (3.4 MB of bytecode, ~0.3 CPU-s to execute on every
    import); the same dicts unmarshal in ~10 ms. Built once from the real modules, keyed by their files."""
    import sys
    import types

    if "jieba.posseg" in sys.modules:
        return
    import jieba

    folder = Path(jieba.__file__).parent / "posseg"
    h = hashlib.sha256(_MAGIC)
    for name in _POS_MODEL:
        st = os.stat(folder / f"{name}.py")
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    path = cache_dir() / f"jieba-posseg-{h.hexdigest()[:16]}.bin"
    try:
        tables = marshal.loads(path.read_bytes())
        if not (isinstance(tables, tuple) and len(tables) == len(_POS_MODEL)):
            raise ValueError("bad posseg cache")
    except (OSError, ValueError, EOFError, TypeError):
        import importlib

        tables = tuple(importlib.import_module(f"jieba.posseg.{n}").P for n in _POS_MODEL)
        try:
            write_atomic(path, marshal.dumps(tables))
        except OSError as e:
            log.warning("posseg cache %s not written: %s", path, e)
        return
    for name, table in zip(_POS_MODEL, tables, strict=True):
        mod = types.ModuleType(f"jieba.posseg.{name}")
        mod.P = table
        sys.modules.setdefault(mod.__name__, mod)


class _TagsOnFirstUse:
    """jieba.posseg's module-level POSTokenizer reads jieba's whole dictionary file when jieba.posseg is
    imported (0.3 CPU-s); nianbao never uses that one, so its table is read only if someone does."""

    def __init__(self, owner) -> None:
        self._owner = owner

    def _real(self) -> dict:
        self._owner.load_word_tag(self._owner.tokenizer.get_dict_file())  # replaces this object on the owner
        return self._owner.word_tag_tab

    def get(self, key, default=None):
        return self._real().get(key, default)

    def __getitem__(self, key):
        return self._real()[key]

    def __contains__(self, key) -> bool:
        return key in self._real()

    def update(self, other) -> None:
        self._real().update(other)


def _import_posseg():
    import io
    import sys

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    import jieba

    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # instance attribute, for the import only
    try:
        import jieba.posseg as pseg
    finally:
        del jieba.dt.get_dict_file
    pseg.dt.word_tag_tab = _TagsOnFirstUse(pseg.dt)
    return pseg


def get_pos_tokenizer():
    """A jieba.posseg POSTokenizer over the shared tokenizer, with the domain dictionary's tags; from the
    cache its tag table is lazy too (POSTokenizer() itself reads the whole dictionary file), and its HMM
    tables are unmarshalled rather than imported."""
    global _pos_tokenizer
    if _pos_tokenizer is None:
        if os.environ.get("NIANBAO_SEGMENTER") != "jieba" and not os.environ.get("NIANBAO_NO_CACHE"):
            try:
                _preload_posseg_model()
            except OSError as e:  # pragma: no cover - no jieba files: the import below says so
                log.warning("posseg tables not preloaded: %s", e)
        pseg = _import_posseg()
        tok = get_tokenizer()
        with _lock:
            if _pos_tokenizer is None:
                pt = pseg.POSTokenizer.__new__(pseg.POSTokenizer)
                pt.tokenizer = tok
                pt.word_tag_tab = getattr(tok, "nianbao_pos_tags", None) or pos_tags(tok)
                _pos_tokenizer = pt
    return _pos_tokenizer


def mask_digits(text: str) -> str:
    """Collapse every number to '0' so that n-grams generalise over figures."""
    return _DIGITS.sub("0", text)


def cut(text: str) -> list[str]:
    """Segment already-normalised text into words, dropping punctuation-only tokens."""
    return [w for w in get_tokenizer().lcut(text, HMM=True) if w and not _PUNCT_ONLY.match(w)]
