"""Property tests over the text reader, the structure step and the audit (issue #14 item 10).

For any input: never a traceback (a report is read, or refused with an InputError sentence), every
offset lies inside the text, and the same input gives the same output. Examples are bounded and
derandomised so the suite is fast and the same on every run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.errors import InputError
from nianbao.ingest import read_bytes
from nianbao.render.report_json import report_to_dict
from nianbao.structure import parse_report

# NIANBAO_FUZZ_EXAMPLES=5000 for a deep run; the suite's default keeps it to a few seconds
EXAMPLES = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 60, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# pieces of real report shape, so examples reach the structure step and the rules, not only the decoder
FRAGMENTS = [
    "某某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "（一）主动公开", "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项", "本年度共主动公开政府信息1,234条。", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t0\t0\t3", "| 自然人 | 法人 | 合计 |", "|---|---|---|", "第 3 页 共 10 页", "- 2 -", "2024年1月20日",
    "本报告统计期限为2023年1月1日至12月31日。", "\x1b[2J", "=HYPERLINK(\"http://x\")", "[link=http://x]a[/link]",
    "\u202e", "\ufffd", "\t", "|", "　", "",
]
LINE = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
                 st.text(alphabet=st.sampled_from(list("一二三四五六七八九十、（）()0123456789年月日条件。，\t|-")), max_size=30))
REPORTISH = st.lists(LINE, max_size=40).map("\n".join)


def _read(data: bytes):
    try:
        raw = read_bytes(data, "fuzz.txt")
    except InputError as e:
        assert str(e).startswith("fuzz.txt："), str(e)
        return None, None
    try:
        rep = parse_report(raw, require_report=False)
    except InputError as e:
        assert str(e).startswith("fuzz.txt：")
        return raw, None
    return raw, rep


def _check_offsets(raw, rep) -> None:
    n = len(raw.text)
    lines = raw.text.count("\n") + 1
    for b in raw.blocks:
        assert 0 <= b.start <= b.end <= n, (b.start, b.end, n)
        for row in b.rows or []:
            for c in row:
                if c.start is not None:
                    assert 0 <= c.start <= (c.end if c.end is not None else n) <= n
    if rep is None:
        return
    for p in rep.paragraphs():
        assert 0 <= p.loc.start <= p.loc.end <= n
        assert 1 <= p.loc.line <= lines
        assert 1 <= raw.line_of(p.loc.end) <= lines


@FUZZ
@given(REPORTISH)
def test_text_reader_and_structure(text):
    raw, rep = _read(text.encode("utf-8"))
    if raw is None:
        return
    _check_offsets(raw, rep)
    raw2, rep2 = _read(text.encode("utf-8"))
    assert raw2.text == raw.text and [(b.kind, b.start, b.end) for b in raw2.blocks] == [
        (b.kind, b.start, b.end) for b in raw.blocks]
    if rep is not None:
        assert report_to_dict(rep2) == report_to_dict(rep)


@FUZZ
@given(st.binary(max_size=2048))
def test_any_bytes_are_read_or_refused_with_a_sentence(data):
    raw, rep = _read(data)
    if raw is not None:
        _check_offsets(raw, rep)


@FUZZ
@given(st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-8-sig"]), REPORTISH, st.binary(max_size=3))
def test_encodings_with_trailing_garbage(enc, text, tail):
    try:
        data = text.encode(enc) + tail
    except UnicodeEncodeError:
        return
    raw, rep = _read(data)
    if raw is not None:
        _check_offsets(raw, rep)


@settings(max_examples=max(8, EXAMPLES // 8), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH)
def test_audit_never_raises_and_locates_inside_the_text(text):
    from nianbao.audit import audit_report

    raw, rep = _read(("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n" + text).encode("utf-8"))
    if rep is None:
        return
    a = audit_report(rep)
    n = len(rep.text)
    for f in a.findings:
        loc = f.location
        if loc is not None and loc.start is not None:
            assert 0 <= loc.start <= (loc.end if loc.end is not None else loc.start) <= n, f
    assert 0 <= a.score <= 100
