"""Imported once by the forkserver (``set_forkserver_preload``) before any worker is forked.

Imports, rule data, templates and the paragraph classifier (numpy export) are loaded here once, and a
first prediction touches the segmenter: the workers forked from the server start with all of it in
(copy-on-write shared) memory and are ready in milliseconds.
"""

from __future__ import annotations

import os


def warm(backend: str = "sklearn") -> None:
    from nianbao.audit import _classifier
    from nianbao.batch import copying
    from nianbao.rules.registry import all_rules

    all_rules()
    copying.load_templates()
    try:
        clf = _classifier(backend)
        clf.predict(["本年度通过门户网站主动公开政府信息，及时回应群众关切。"], ["overview"])
    except Exception:  # noqa: BLE001 - no model: the audits record that themselves
        pass


def _server() -> None:
    from nianbao.batch.pool import die_with_parent

    die_with_parent()  # the forkserver goes when the batch goes (its workers follow it the same way)
    warm(os.environ.get("NIANBAO_BATCH_BACKEND", "sklearn"))


_server()
