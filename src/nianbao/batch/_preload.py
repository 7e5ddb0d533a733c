"""Imported once by the forkserver (``set_forkserver_preload``) before any worker is forked.

Loading the paragraph classifier means importing scikit-learn/skops and reading the model, and its first
prediction initialises jieba's dictionary: seconds of work that every worker would otherwise repeat. Done
here, the workers forked from the server start with all of it in (copy-on-write shared) memory.
"""

from __future__ import annotations

import os


def warm(backend: str = "sklearn") -> None:
    from nianbao.batch import copying
    from nianbao.pipeline import _classifier
    from nianbao.rules.registry import all_rules

    all_rules()
    copying.load_templates()
    try:
        clf = _classifier(backend)
        clf.predict(["本年度通过门户网站主动公开政府信息，及时回应群众关切。"], ["overview"])
    except Exception:  # noqa: BLE001 - no model: the audits record that themselves
        pass


warm(os.environ.get("NIANBAO_BATCH_BACKEND", "sklearn"))
