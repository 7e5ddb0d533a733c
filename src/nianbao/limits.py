"""Every resource limit in one place: input size, inflated size, pages, paragraphs, time and memory per file.

A hostile or careless file must not hold the machine: each limit is checked as early as it can be
(input size before reading, inflated size while inflating, pages before reading pages) and a file
over a limit is refused with one Chinese sentence naming the limit (``InputError("limit", ...)``).

Configure them in ``nianbao.toml`` or ``[tool.nianbao.limits]`` of ``pyproject.toml``::

    [limits]                 # or [tool.nianbao.limits]
    input_mb = 64            # size of the file as given
    member_mb = 64           # inflated size of one zip member (DOCX parts)
    zip_total_mb = 512       # inflated size of all members of one zip together
    stream_mb = 64           # inflated size of one PDF stream
    pdf_total_mb = 512       # inflated size of all Flate streams of one PDF together
    pages = 300              # pages of a PDF
    paragraphs = 20000       # paragraphs and table rows after reading
    file_seconds = 120       # wall time to audit one file in batch / serve
    file_memory_mb = 2048    # memory of the worker auditing one file in batch / serve

The batch pool and ``nianbao serve`` read ``file_seconds`` and ``file_memory_mb`` from here;
readers read the rest through :func:`current`. docs/security.md lists the defaults and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

MiB = 1024 * 1024

# (key, Chinese name used in messages, unit shown in messages)
LABELS: dict[str, tuple[str, str]] = {
    "input_mb": ("文件大小", "MB"),
    "member_mb": ("压缩包内单个部件解压后的大小", "MB"),
    "zip_total_mb": ("压缩包解压后的总大小", "MB"),
    "stream_mb": ("PDF 单个数据流解压后的大小", "MB"),
    "pdf_total_mb": ("PDF 数据流解压后的总大小", "MB"),
    "pages": ("页数", "页"),
    "paragraphs": ("段落和表格行数", "个"),
    "file_seconds": ("单个文件的处理时间", "秒"),
    "file_memory_mb": ("单个文件的内存用量", "MB"),
}


def _in_bytes(name: str) -> property:
    """A read-only property: the ``name`` field (MiB) in whole bytes."""
    return property(lambda self: int(getattr(self, name) * MiB))


@dataclass(frozen=True)
class Limits:
    input_mb: float = 64
    member_mb: float = 64
    zip_total_mb: float = 512
    stream_mb: float = 64
    pdf_total_mb: float = 512
    pages: int = 300
    paragraphs: int = 20000
    file_seconds: float = 120
    file_memory_mb: float = 2048

    # byte values for the checks (each the *_mb field above in bytes)
    input_bytes = _in_bytes("input_mb")
    member_bytes = _in_bytes("member_mb")
    zip_total_bytes = _in_bytes("zip_total_mb")
    stream_bytes = _in_bytes("stream_mb")
    pdf_total_bytes = _in_bytes("pdf_total_mb")
    file_memory_bytes = _in_bytes("file_memory_mb")

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    def scaled(self, factor: float) -> Limits:
        """Every size/count limit multiplied by ``factor`` (benchmarks that measure reading past the defaults)."""
        return replace(self, **{f.name: type(getattr(self, f.name))(getattr(self, f.name) * factor)
                                for f in fields(self)})


class LimitsError(ValueError):
    """A ``[limits]`` table with an unknown key or a value that is not a positive number."""


def limits_from_table(table: dict[str, Any] | None, source: str = "配置") -> Limits:
    """Build Limits from a ``[limits]`` TOML table; missing keys keep their defaults."""
    if not table:
        return Limits()
    names = {f.name: f for f in fields(Limits)}
    values: dict[str, float | int] = {}
    for key, value in table.items():
        if key not in names:
            raise LimitsError(f"{source}：[limits] 中有未知的键 {key}（可用：{'、'.join(names)}）。")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise LimitsError(f"{source}：[limits] 的 {key} 应为正数，实际为 {value!r}。")
        values[key] = int(value) if names[key].type in ("int", int) else float(value)
    return Limits(**values)


def limit_message(key: str, limits: Limits, found: str | None = None) -> str:
    """'文件大小超过上限（64 MB；实际 66.0 MB；可在…调整）' — the clause inside InputError('limit') messages."""
    label, unit = LABELS[key]
    extra = f"；{found}" if found else ""
    return f"{label}超过上限（{getattr(limits, key):g} {unit}{extra}；可在配置的 [limits] {key} 中调整）"


_current = Limits()


def current() -> Limits:
    """The limits in force in this process (defaults unless :func:`configure` was called)."""
    return _current


def configure(limits: Limits | None) -> Limits:
    """Set the limits in force in this process (the CLI after reading the config; batch workers at start).

    Returns the previous limits so a caller can restore them."""
    global _current
    previous = _current
    _current = limits or Limits()
    return previous
