"""notebooks/explore_audits.ipynb runs headless on the fixture reports (so it cannot rot)."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT


def test_explore_audits_notebook_runs(tmp_path):
    pytest.importorskip("ipykernel")
    nb = nbformat.read(ROOT / "notebooks" / "explore_audits.ipynb", as_version=4)
    os.environ["NIANBAO_NB_LIMIT"] = "5"
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "audited 5 reports, 0 could not be read" in outputs
    assert "evidence checked for" in outputs
