"""Batch auditing: hundreds of reports in parallel, resumable, ranked, charted, with copy detection.

>>> from nianbao.batch import run_batch          # doctest: +SKIP
>>> res = run_batch(["reports/"], "out/", jobs=4)  # doctest: +SKIP
>>> print(res.summary_line())                      # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nianbao.batch.runner import BatchError, BatchResult, run_batch

__all__ = ["BatchError", "BatchResult", "run_batch"]


def __getattr__(name: str) -> Any:  # keep `import nianbao.batch` light (the CLI imports the command module)
    if name in __all__:
        from nianbao.batch import runner

        return getattr(runner, name)
    raise AttributeError(name)
