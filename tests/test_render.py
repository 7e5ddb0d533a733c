"""Renderers: JSON Schema validity of the fixtures, exact highlighted spans, escaping, checklists."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from nianbao.render import render, render_text
from nianbao.render.common import checklist
from nianbao.render.markdown import md_escape
from tests.conftest import require_tool

FIX = Path(__file__).parent / "fixtures" / "audits"
ROOT = Path(__file__).parent.parent


def load(name: str) -> dict:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resources.files("nianbao").joinpath("data/schema/audit.schema.json").read_text(encoding="utf-8"))


@pytest.fixture()
def township() -> dict:
    return load("township_2023_defects.json")


@pytest.fixture()
def clean() -> dict:
    return load("county_office_2022_clean.json")


class MarkText(HTMLParser):
    """Collects the text content of every element with an id (nested elements included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.open_ids: list[str] = []
        self.texts: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.data_f: dict[str, list[str]] = {}
        self.cur_marks: list[str] = []  # data-f of open marks

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a.get("id")))
        if a.get("id"):
            self.open_ids.append(a["id"])
            self.texts[a["id"]] = ""
            self.classes[a["id"]] = a.get("class") or ""
        if tag == "mark" and a.get("data-f"):
            self.cur_marks.append(a["data-f"])

    def handle_endtag(self, tag):
        while self.stack:
            t, i = self.stack.pop()
            if i:
                self.open_ids.remove(i)
            if t == "mark" and self.cur_marks:
                self.cur_marks.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for i in self.open_ids:
            self.texts[i] += data
        for f in set(self.cur_marks):
            self.data_f.setdefault(f, []).append(data)


def parse(html: str) -> MarkText:
    p = MarkText()
    p.feed(html)
    return p


# --------------------------------------------------------------------------- schema


@pytest.mark.parametrize("name", ["township_2023_defects.json", "county_office_2022_clean.json"])
def test_fixtures_validate_against_schema(schema, name):
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(load(name))


def test_schema_rejects_bad_audits(schema, township):
    v = jsonschema.Draft202012Validator(schema)
    bad = copy.deepcopy(township)
    bad["grade"] = "很好"
    assert not v.is_valid(bad)
    bad = copy.deepcopy(township)
    bad["findings"][0]["severity"] = "fatal"
    assert not v.is_valid(bad)
    bad = copy.deepcopy(township)
    del bad["findings"][0]["location"]
    assert not v.is_valid(bad)
    bad = copy.deepcopy(township)
    bad["extra"] = 1
    assert not v.is_valid(bad)
    bad = copy.deepcopy(township)
    bad["report"]["published"] = "2024/01/26"
    assert not v.is_valid(bad)
    bad = copy.deepcopy(township)
    bad["copying"] = None  # null copying is allowed
    assert v.is_valid(bad)


def test_fixture_offsets_point_at_evidence(township):
    text = township["text"]
    for f in township["findings"]:
        s, e = f["location"]["start"], f["location"]["end"]
        if f["rule"] not in ("T3-02",):  # T3-02's evidence is a summary of four cells
            assert text[s:e] == f["evidence"], f["rule"]


# --------------------------------------------------------------------------- text


def test_text_plain_has_score_grade_and_no_ansi(township):
    out = render_text(township, color=False, width=100)
    assert "\x1b" not in out
    assert "82.5" in out and "良好" in out
    assert "〖认真认真〗" in out  # the faulty span, marked in its sentence
    assert "进一步强化责任意识，〖认真认真〗抓好各项任务落实" in out
    assert "〖,〗建立了办理台账。" in out  # from the finding's context
    for f in township["findings"]:
        assert f"[{f['rule']}]" in out
    # document-level findings come first, then the parts in order
    assert out.index("[META-03]") < out.index("[DATE-05]") < out.index("[T3-02]") < out.index("[STR-05]")
    assert "建议：删去重复的“认真”。" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_text_color_uses_ansi(township):
    out = render_text(township, color=True)
    assert "\x1b[" in out and "〖" not in out


def test_text_clean(clean):
    out = render(clean, "text")  # stdout is not a terminal under pytest: plain text
    assert "\x1b" not in out
    assert "100.0" in out and "优秀" in out and "未发现问题" in out


# --------------------------------------------------------------------------- markdown


def test_markdown(township):
    md = render(township, "md")
    for f in township["findings"]:
        assert f"`{f['rule']}`" in md
    assert "**得分：82.5 / 100　等级：良好**" in md
    items = [ln for ln in md.splitlines() if ln.startswith("- [ ] ")]
    assert len(items) == 8  # 9 findings, one of them a parse doubt
    assert items[0].startswith("- [ ] 【错误】一、总体情况：")
    assert items[-1].startswith("- [ ] 【提示】")
    assert "<mark>认真认真</mark>" in md
    assert "- 证据：`认真认真`" in md
    assert "| 三、收到和处理政府信息公开申请情况 | 13 | 20 | 2 | 0 | 1 |" in md


def test_markdown_escapes_report_text(township):
    a = copy.deepcopy(township)
    a["findings"][1]["message"] = "含有 <script>alert(1)</script> & *星号* | 竖线"
    md = render(a, "md")
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*星号\\* \\| 竖线" in md
    assert md_escape("# 标题") == "\\# 标题" and md_escape("1. 项") == "1\\. 项"


def test_markdown_clean(clean):
    md = render(clean, "md")
    assert "未发现问题。" in md and "无需整改。" in md and "- [ ]" not in md


# --------------------------------------------------------------------------- html


def test_html_marks_contain_exact_spans(township):
    html = render(township, "html")
    p = parse(html)
    text = township["text"]
    for i, f in enumerate(township["findings"]):
        s, e = f["location"]["start"], f["location"]["end"]
        assert p.texts[f"m{i}"] == text[s:e], f["rule"]
        assert f"sev-{f['severity']}" in p.classes[f"m{i}"]
        assert f'href="#m{i}"' in html and f'id="f{i}"' in html  # mark <-> finding links
        assert f'href="#f{i}"' in html
    # the duplicated word is nested inside the boilerplate paragraph mark
    assert "认真认真" in p.texts["m2"] and p.texts["m1"] == "认真认真"


def test_html_crossing_spans_are_split(township):
    a = copy.deepcopy(township)
    text = a["text"]
    s = text.index("认真认真")
    a["findings"][1]["location"].update(start=s - 5, end=s + 2)  # "强化责任意识，认真"
    a["findings"][3]["location"].update(start=s, end=s + 6)  # "认真认真抓好": crosses the end of finding 2
    a["findings"][3].pop("context")
    html = render(a, "html")
    p = parse(html)
    assert p.texts["m1"] == text[s - 5 : s + 2]
    # finding 4 (index 3) starts inside finding 2's mark and continues after it: two pieces
    assert "".join(p.data_f["4"]) == text[s : s + 6]
    assert len(re.findall(r'<mark[^>]*data-f="4"', html)) == 2 and html.count('class="fm sev-info cont"') == 1


def test_html_escapes_report_text(township):
    a = copy.deepcopy(township)
    inject = "<script>alert('x')</script> & <b>粗</b>"
    pos = a["text"].index("2023年上半年")
    a["text"] = a["text"][:pos] + inject + a["text"][pos:]
    n = len(inject)
    for f in a["findings"]:
        loc = f["location"]
        if loc["start"] is not None and loc["start"] >= pos:
            loc["start"] += n
            loc["end"] += n
    a["findings"][0]["location"]["start"] = pos  # the mark now begins with the injected text
    a["findings"][0]["message"] = "<img src=x onerror=alert(1)>"
    a["report"]["agency"] = "A&B<镇>"
    html = render(a, "html")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>粗</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;" in html
    assert "A&amp;B&lt;镇&gt;" in html
    p = parse(html)
    assert p.texts["m0"] == inject + "2023年上半年"
    assert html.count("<script>") == 1  # only our own inline script


def test_html_self_contained_and_labels(township):
    html = render(township, "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif' in html
    assert "@media print" in html
    assert not re.search(r"<link\b|<script[^>]+src=|<img[^>]+src=|@import|url\(\s*['\"]?https?:", html)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "82.5" in html and "良好" in html


def test_html_checklist_and_cells(township):
    html = render(township, "html")
    assert html.count('class="todo-item"') == len(checklist(township)) == 8
    assert html.count('type="checkbox"') == 8
    # checklist order: errors first (DATE-05, T3-02, T3-03, STR-05), then warnings, then info
    refs = re.findall(r'<a class="ref" href="#f(\d+)">', html)
    assert refs == ["0", "4", "5", "7", "8", "1", "2", "3"]
    # flagged table cells: red, with a tooltip naming the finding
    bad = re.findall(r'<td class="([^"]*\bbad\b[^"]*)" title="([^"]*)"><a href="#f(\d+)">([^<]*)</a></td>', html)
    # T3-02 names 6 cells, T3-03 adds granted/partial × 自然人 (shares the two 总计 cells), T3-05 one more
    assert len(bad) == 9
    shared = [t for _, t, f, v in bad if "T3-02" in t and "T3-03" in t]
    assert len(shared) == 2  # （七）总计 × 自然人 and × 总计 carry both findings in their tooltip
    unreadable = [c for c, t, f, v in bad if v == "O"]
    assert unreadable == ["st-unreadable lowconf bad"]
    assert 'class="rg para hi-bp"' in html and "套话概率 93%" in html
    assert "雷同检测" in html and "91" in html


def test_html_clean(clean):
    html = render(clean, "html")
    assert "<mark" not in html and "无需整改。" in html and "100.0" in html and "优秀" in html
    assert 'id="copying"' not in html and 'id="notes"' not in html


def test_json_roundtrip(township):
    assert json.loads(render(township, "json")) == township
    assert "云溪县" in render(township, "json")  # ensure_ascii=False
    with pytest.raises(ValueError):
        render(township, "pdf")


def test_screenshot_script(tmp_path, township):
    require_tool(bool(shutil.which("chromium") or shutil.which("chromium-browser")), "chromium")
    page = tmp_path / "a.html"
    page.write_text(render(township, "html"), encoding="utf-8")
    out = tmp_path / "a.png"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot_audit.py"), str(page), str(out), "--height", "900"],
        check=True,
        timeout=180,
    )
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _nest_before(mb, lo: int, hi: int, pieces: list) -> str:
    """MarkBuilder.nest as it was before the heap (a scan and a sort of the others per mark): the reference."""
    from nianbao.render.marks import Piece, e

    out, pos = [], lo
    todo = sorted(pieces, key=lambda p: (p.start, -p.end, p.fid))
    while todo:
        s = todo.pop(0)
        inner, rest = [], []
        for t in todo:
            if t.start >= s.end:
                rest.append(t)
            elif t.end <= s.end:
                inner.append(t)
            else:
                inner.append(Piece(t.start, s.end, t.fid))
                rest.append(Piece(s.end, t.end, t.fid))
        out.append(e(mb.text[pos : s.start]))
        tag, was_first = mb._open(s)
        out += [tag, _nest_before(mb, s.start, s.end, inner), mb._close(s, was_first)]
        pos = s.end
        todo = sorted(rest, key=lambda p: (p.start, -p.end, p.fid))
    out.append(e(mb.text[pos:hi]))
    return "".join(out)


def test_marks_nest_same_html_as_before_with_many_overlapping_findings():
    """A real fixture audit, then with 600 more findings crossing, nesting, repeating and touching each other
    (points, equal spans, spans over paragraph ends): the marks are the ones the old nesting made."""
    import random

    from nianbao.audit import audit
    from nianbao.render.marks import MarkBuilder

    d = audit(str(Path(__file__).parent / "fixtures" / "reports" / "messy_street_2022.txt")).to_dict()
    n = len(d["text"])
    rng = random.Random(20261206)
    extra = []
    for i in range(600):
        start = rng.randrange(n)
        end = start if i % 10 == 0 else min(n, start + rng.choice((1, 2, 5, 12, 40, 150, 600)))
        extra.append({"rule": f"X-{i % 7:02d}", "severity": rng.choice(("error", "warning", "info", "odd")),
                      "title": f"t{i}", "location": {"start": start, "end": end}})
    extra += [dict(extra[j]) for j in range(0, 600, 25)]  # the same span twice
    for findings in (d["findings"], d["findings"] + extra):
        case = {**d, "findings": findings}
        old = MarkBuilder(case)
        old.nest = lambda lo, hi, pieces, mb=old: _nest_before(mb, lo, hi, pieces)
        html, before = MarkBuilder(case).render(), old.render()
        assert html == before
        assert html.count("<mark") >= len(findings) and html.count(' class="fm') == html.count("</mark>")
