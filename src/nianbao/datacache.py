"""Per-user cache of what is costly to rebuild in every process: parsed TOML data files (and the cache
folder that the segmenter's dictionary cache uses too).

``parse_toml(text)`` is ``tomllib.loads(text)`` memoised on disk with marshal, keyed by a hash of the text:
the package's rule declarations and lexicons take ~0.1 CPU-s to parse on every start and ~10 ms to
unmarshal. A file whose data marshal cannot hold (TOML dates) is simply parsed each time. Set
``NIANBAO_CACHE_DIR`` to choose the folder (an unwritable one only costs the speed-up); ``NIANBAO_NO_CACHE=1``
turns off this cache, the regex cache (recache.py) and the segmenter's (plain jieba), as benchmarks do.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import tomllib
from pathlib import Path

_VERSION = b"toml-1"


def cache_dir() -> Path:
    env = os.environ.get("NIANBAO_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "nianbao"
    home = Path.home()
    if home.is_dir() and os.access(home, os.W_OK):
        return home / ".cache" / "nianbao"
    return Path(tempfile.gettempdir()) / f"nianbao-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder: a reader never sees half a file.

    ``mode``: the file's permission bits before the umask, as ``open()`` applies it (0o666: an ordinary
    file, 0644 under the usual umask); None keeps the temporary file's 0600 (the private caches)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if mode is not None:
                os.fchmod(f.fileno(), mode & ~_umask())
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """This process's umask, read without changing it (Linux); elsewhere set and restored at once."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def parse_toml(text: str) -> dict:
    """``tomllib.loads(text)``, from the on-disk cache when this exact text was parsed before."""
    if os.environ.get("NIANBAO_NO_CACHE"):
        return tomllib.loads(text)
    raw = text.encode("utf-8")
    path = cache_dir() / "toml" / f"{hashlib.blake2b(_VERSION + raw, digest_size=16).hexdigest()}.bin"
    try:
        data = marshal.loads(path.read_bytes())
        if isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = tomllib.loads(text)
    try:
        blob = marshal.dumps(data)
    except ValueError:  # dates, times: not marshallable
        return data
    try:
        write_atomic(path, blob)
    except OSError:
        pass
    return data
