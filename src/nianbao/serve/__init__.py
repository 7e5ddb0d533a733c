"""`nianbao serve`: a local web page for people who never open a terminal (optional extra ``serve``).

Drop one or many report files on the page and get, for each, the HTML audit, the annotated DOCX and
the JSON; many files also get the batch summary page. Scripts use ``POST /audit``. Bound to
127.0.0.1 by default; uploads stay in memory (the multipart parser's spill-over file is closed and
removed after each request) and nothing is sent anywhere.
"""

from __future__ import annotations

from nianbao.limits import Limits
from nianbao.serve.app import create_app

__all__ = ["create_app", "run"]


def run(host: str = "127.0.0.1", port: int = 8765, limits: Limits | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(limits), host=host, port=port, log_level="warning", access_log=False)
