"""Limits of the web page (one place, shown on the page and enforced by the server)."""

from __future__ import annotations

MAX_FILE_MB = 50
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024  # one uploaded file
MAX_FILES = 200  # files in one batch on the page
MAX_RESULTS = 500  # results kept in memory, oldest dropped first
