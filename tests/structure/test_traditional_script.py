"""A traditional-script rendering (繁体版) is read as the simplified text it was converted from, with a note."""

from __future__ import annotations

from nianbao.audit import load_report
from nianbao.ingest import read_bytes
from nianbao.rules.engine import run_rules

# Our own report, written in simplified characters and rendered in traditional ones (as a 繁体 web page would).
TRAD = """青溪縣雲嶺鎮人民政府2023年政府信息公開工作年度報告
本報告由總體情況、主動公開政府信息情況、收到和處理政府信息公開申請情況、政府信息公開行政復議和行政訴訟情況、存在的主要問題及改進情況、其他需要報告的事項六部分組成。如對本報告有任何疑問，請與鎮黨政辦聯繫。
一、總體情況
2023年，我鎮認真貫徹落實《條例》，截止2023年12月31日，共主動公開政府信息120條。"""


def test_traditional_rendering_is_converted_with_a_note_and_offsets_kept():
    read = read_bytes(TRAD.encode("utf-8")).text  # the reader's own text (it may join wrapped lines)
    r = load_report(TRAD, require_report=False)
    assert len(r.text) == len(read)
    assert r.text.startswith("青溪县云岭镇人民政府2023年政府信息公开工作年度报告")
    notes = [n for n in r.notes if n.code == "traditional_script"]
    assert len(notes) == 1 and "OpenCC" in notes[0].message and "不作为错别字" in notes[0].message
    assert r.meta.year == 2023 and [p.id for p in r.parts] == ["overview"]
    # the author's real slip is still found, at the same offset as in the traditional text
    fs = [f for f in run_rules(r, only=["W-04", "W-02", "W-01"])]
    assert [(f.rule, f.evidence) for f in fs] == [("W-04", "截止")]
    assert read[fs[0].location.start:fs[0].location.end] == "截止"


def test_simplified_text_is_left_alone():
    simplified = "青溪县云岭镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我镇共主动公开政府信息120条，显著提升了公开质量。"
    r = load_report(simplified, require_report=False)
    assert r.text == read_bytes(simplified.encode("utf-8")).text
    assert not [n for n in r.notes if n.code == "traditional_script"]
