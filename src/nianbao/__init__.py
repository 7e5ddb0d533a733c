"""nianbao — audit and grade Chinese government information-disclosure annual reports.

    >>> import nianbao
    >>> a = nianbao.audit("报告.pdf")   # doctest: +SKIP
    >>> a.score, a.grade                # doctest: +SKIP
"""

__version__ = "0.2.0"


def audit(path_or_text, rubric=None, **kw):
    """Audit one report (path, bytes or text) and return an :class:`nianbao.audit.Audit`.

    Defined here so that ``import nianbao`` stays cheap; importing the module ``nianbao.audit`` replaces
    this attribute with that module, which is callable the same way."""
    from nianbao.audit import audit as _audit

    return _audit(path_or_text, rubric, **kw)


__all__ = ["__version__", "audit"]
