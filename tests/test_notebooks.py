"""Execute notebooks/tune_classifier.ipynb headless in SMALL mode (transformer part skips without torch)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NB = Path(__file__).resolve().parents[1] / "notebooks" / "tune_classifier.ipynb"


@pytest.mark.slow
def test_tune_classifier_notebook_runs_small(monkeypatch):
    monkeypatch.setenv("NIANBAO_NB_SMALL", "1")
    nb = nbformat.read(NB, as_version=4)
    params = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1
    # inject SMALL = True right after the parameters cell, as papermill would
    nb.cells.insert(params[0] + 1, nbformat.v4.new_code_cell("SMALL = True"))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(NB.parent)}})
    client.execute()
    outputs = "\n".join(
        o.get("text", "") if o.get("output_type") == "stream" else str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    assert "SMALL = True" in outputs
    assert "test boilerplate F1:" in outputs and "pr_curve.png" in outputs
    if importlib.util.find_spec("torch") is None:
        assert "transformers backend skipped" in outputs
    else:
        assert "steps: 12" in outputs
