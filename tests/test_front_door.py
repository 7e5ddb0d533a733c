"""nianbao.audit(...) works before and after the module nianbao.audit is imported (which rebinds the name)."""

from __future__ import annotations

import importlib

import nianbao
from tests.conftest import REPORTS


def test_nianbao_audit_is_callable_and_is_the_module():
    module = importlib.import_module("nianbao.audit")
    assert nianbao.audit is module and callable(nianbao.audit)
    a = nianbao.audit(REPORTS / "township_2017.txt")
    b = module.audit(REPORTS / "township_2017.txt")
    assert isinstance(a, module.Audit)
    assert (a.score, a.grade, [f.rule for f in a.findings]) == (b.score, b.grade, [f.rule for f in b.findings])
    assert a.grade in a.to_dict()["rubric"]["grades"]
