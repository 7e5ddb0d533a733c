"""W-18: a fixed construction of the genre whose obligatory partner word is lost (issue #12, general frames, not a
list of instances).

A dictionary cannot see a lost word, but a frame can: many constructions of these reports need a partner in the
same sentence, and without it the sentence is visibly incomplete — "本报告由总体情况、……六个部分。" (由 … with no
组成), "门户网站46条" (a channel and a count with no verb between), "……等群众切身利益的" (no 涉及). The frames are
declared in ``data/lexicon/partner_frames.toml`` (read once): a trigger, and the partner that must follow it
(``ahead``) or precede it (``before``) within its sentence or clause; a frame with neither is wrong as written.

W-13 (``rules/lost_chars.py``) is the same idea for the 在……下 frame that lost its 在; this rule is for lost words.
A sentence whose beginning may stand on the line before (a paragraph that starts where the line before did not end a
sentence: a page broke it) is not read for a partner before its trigger. Table cells are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import continues_line_before, span_matches
from nianbao.rules.wording import pos_tagged

_ENDS = {"period": "。！？!?", "sentence": "。！？；!?;", "clause": "。！？；!?;，,：:"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Frame:
    name: str
    label: str
    partner: str
    trigger: re.Pattern
    ahead: re.Pattern | None
    before: re.Pattern | None
    must: re.Pattern | None
    ends: str
    verb: bool  # any word the tagger calls a verb (v, vn, vd …) is a partner before the trigger too


@cache
def frames() -> tuple[Frame, ...]:
    """The frames of ``partner_frames.toml``, compiled once."""
    def rx(v: str | None) -> re.Pattern | None:
        return re.compile(v) if v else None

    return tuple(Frame(f["name"], f["label"], f["partner"], re.compile(f["trigger"]), rx(f.get("ahead")),
                       rx(f.get("before")), rx(f.get("must")), _ENDS[f.get("scope", "sentence")],
                       bool(f.get("before_verb")))
                 for f in lexicon("partner_frames").get("frame", ()))


def _shown(s: str) -> str:
    return s if len(s) <= 24 else f"{s[:8]}……{s[-12:]}"


def lost_partner(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-18: a frame whose partner word is not in its sentence (clause)."""
    text = report.text
    spans = report.views.spans()
    first = {sp.start: k for k, sp in enumerate(spans)}
    found: list[tuple[int, int, Finding]] = []
    for fr in frames():
        seen: set[int] = set()  # one finding of a frame per sentence
        for sp, a, b, _m in span_matches(report, fr.trigger):
            lo = max((text.rfind(c, sp.start, a) for c in fr.ends), default=-1)
            lo = lo + 1 if lo >= sp.start else sp.start
            hi = min((i for c in fr.ends if (i := text.find(c, b, sp.end)) >= 0), default=sp.end)
            if lo in seen:
                continue
            start, end = a, b
            if fr.ahead or fr.must:
                region = _SPACE.sub("", text[b:hi])
                if (fr.must and not fr.must.search(region)) or (fr.ahead and fr.ahead.search(region)):
                    continue
                if fr.ahead:
                    end = hi
            if fr.before:
                if lo == sp.start and continues_line_before(text, spans, first.get(sp.start, 0)):
                    continue  # the sentence may begin on the line before
                region = _SPACE.sub("", text[lo:a])
                if fr.before.search(region) or (fr.verb and any(t.startswith("v") for _, t in pos_tagged(region))):
                    continue
            seen.add(lo)
            shown = _SPACE.sub("", text[start:end])
            found.append((start, end, ctx.finding(start, end, variant=None, found=_shown(shown), label=fr.label,
                                                  partner=fr.partner)))
    yield from (f for _, _, f in sorted(found, key=lambda x: (x[0], x[1])))

