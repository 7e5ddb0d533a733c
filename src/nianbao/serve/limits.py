"""Limits of the web page itself. The per-file limits (size, time, memory …) are nianbao.limits'
(the ``[limits]`` table of the configuration), shared with the command line and batch."""

from __future__ import annotations

MAX_FILES = 200  # files in one batch on the page
MAX_RESULTS = 500  # results kept in memory, oldest dropped first
AUDITS_AT_ONCE = 2  # audits running together (memory stays bounded on a busy server)
