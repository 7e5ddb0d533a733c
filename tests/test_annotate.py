"""The annotated DOCX (score --annotate): comments on exact evidence, tracked changes, untouched parts.

LibreOffice (headless) must open every annotated fixture: it converts each to PDF, and a DOCX it
re-saves still holds every comment on the same text (so it read the ranges, not just the notes).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from lxml import etree

from nianbao.audit import audit, audit_report, load_report
from nianbao.cli import app
from nianbao.render.docx import W, annotated_docx, comment_anchors, replacement_of
from tests.conftest import FIXTURES, require_tool

FORMATS = FIXTURES / "formats"
DOCX_FIXTURES = ["city_gov_2019", "county_bureau_2023", "messy_street_2022", "township_2017", "yunling_town_2023"]
CHANGED = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}


def _ws(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _annotate(path: Path, findings: list[dict] | None = None):
    rep = load_report(path)
    fs = audit_report(rep).to_dict()["findings"] if findings is None else findings
    src = path.read_bytes() if rep.raw.format == "docx" else None
    return rep, fs, annotated_docx(rep, fs, src)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> dict[str, tuple]:
    out = {}
    for stem in DOCX_FIXTURES:
        out[stem] = _annotate(FORMATS / f"{stem}.docx")
    out["yunling_town_2023.pdf"] = _annotate(FORMATS / "yunling_town_2023.pdf")
    out["township_2017.txt"] = _annotate(FIXTURES / "reports" / "township_2017.txt")
    frag = tmp_path_factory.mktemp("frag") / "fragmented.docx"
    frag.write_bytes(_fragmented_docx((FIXTURES / "reports" / "yunling_town_2023.txt").read_text(encoding="utf-8"), 3))
    out["fragmented"] = _annotate(frag)
    return out


def _check_anchors(rep, findings: list[dict], data: bytes) -> None:
    anchors = comment_anchors(data)
    assert len(anchors) == len(findings)
    for (cid, (covered, note)), f in zip(sorted(anchors.items()), findings, strict=True):
        loc = f["location"]
        assert note.startswith(f"【{f['rule']} "), (cid, note)
        assert f["message"] in note
        if loc["start"] is None:
            assert _ws(covered) == _ws(rep.meta.title or ""), f
        elif loc["end"] > loc["start"]:
            assert _ws(covered) == _ws(rep.text[loc["start"]:loc["end"]]), (f["rule"], covered)


@pytest.mark.parametrize("name", [*DOCX_FIXTURES, "yunling_town_2023.pdf", "township_2017.txt"])
def test_every_comment_sits_on_its_evidence(annotated, name):
    rep, findings, data = annotated[name]
    _check_anchors(rep, findings, data)
    reopened = docx.Document(BytesIO(data))  # python-docx opens it and reads the comments
    comments = list(reopened.comments)
    assert len(comments) == len(findings)
    assert {c.author for c in comments} <= {"nianbao"}


def test_yunling_comments_tracked_change_and_table_cells(annotated):
    rep, findings, data = annotated["yunling_town_2023"]
    assert len(findings) > 20
    body = etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    # the doubled word is offered as a tracked change: 落实落实 deleted, 落实 inserted, author nianbao
    dels = body.findall(f".//{W}del")
    assert ["".join(t.text for t in d.iter(f"{W}delText")) for d in dels] == ["落实落实"]
    ins = dels[0].getnext()
    assert ins.tag == f"{W}ins" and "".join(t.text for t in ins.iter(f"{W}t")) == "落实"
    assert dels[0].get(f"{W}author") == ins.get(f"{W}author") == "nianbao"
    # accepting it gives the paragraph with the one word fixed and nothing else changed
    p = next(dels[0].iterancestors(f"{W}p"))
    accepted = "".join(t.text or "" for t in p.iter(f"{W}t"))
    start = findings[[f["rule"] for f in findings].index("W-01")]["location"]["start"]
    block = next(b for b in rep.raw.blocks if b.start <= start < b.end)
    assert _ws(accepted) == _ws(block.text.replace("落实落实", "落实", 1))
    # table findings are comments inside the table cells they name
    starts = {el.get(f"{W}id"): el for el in body.iter(f"{W}commentRangeStart")}
    table_ids = [str(i) for i, f in enumerate(findings) if f["category"] == "table"]
    assert table_ids
    anchors = comment_anchors(data)
    for cid in table_ids:
        assert any(a.tag == f"{W}tc" for a in starts[cid].iterancestors()), cid
        # the comment sits on the key cell and names every cell of the identity with its value
        assert "证据：" + findings[int(cid)]["evidence"] in anchors[int(cid)][1]


def test_untouched_parts_are_byte_for_byte(annotated):
    for stem in DOCX_FIXTURES:
        orig = zipfile.ZipFile(FORMATS / f"{stem}.docx")
        new = zipfile.ZipFile(BytesIO(annotated[stem][2]))
        assert set(new.namelist()) == set(orig.namelist()) | {"word/comments.xml"}
        for name in orig.namelist():
            if name not in CHANGED:
                assert new.read(name) == orig.read(name), (stem, name)
        # the document's text is unchanged once the offered insertions are left out (run splits only)
        assert _text_without_insertions(new) == _text_without_insertions(orig), stem


def _text_without_insertions(z: zipfile.ZipFile) -> str:
    body = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in body.iter(f"{W}t", f"{W}delText")
                   if not any(a.tag == f"{W}ins" for a in t.iterancestors()))


def _blank_one_cell(src: Path, dst: Path) -> None:
    """A copy of src with the first cell of its last table that reads “0” left blank."""
    zin = zipfile.ZipFile(src)
    doc = etree.fromstring(zin.read("word/document.xml"))
    tc = next(tc for tc in doc.findall(f".//{W}tbl")[-1].iter(f"{W}tc")
              if "".join(t.text or "" for t in tc.iter(f"{W}t")).strip() == "0")
    for t in tc.iter(f"{W}t"):
        t.text = ""
    with zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
                          if info.filename == "word/document.xml" else data)


def test_whole_report_finding_sits_on_the_title_and_blank_cells_are_commented(tmp_path):
    path = tmp_path / "blank.docx"
    _blank_one_cell(FORMATS / "yunling_town_2023.docx", path)
    rep = load_report(path)
    blank = next(c for b in rep.raw.blocks if b.kind == "table" for row in b.rows for c in row
                 if not c.text and not c.merged)
    findings = [
        {"rule": "S-01", "category": "structure", "severity": "error", "message": "全文缺少落款日期。",
         "suggestion": "在文末写明落款日期。", "location": {"start": None, "end": None}},
        {"rule": "T2-03", "category": "table", "severity": "warning", "message": "表格有空白单元格。",
         "suggestion": "填写 0。", "location": {"start": blank.start, "end": blank.end}},
    ]
    data = annotated_docx(rep, findings, path.read_bytes())
    anchors = comment_anchors(data)
    assert _ws(anchors[0][0]) == "青溪市云岭镇人民政府2023年政府信息公开工作年度报告"
    assert "（针对全文）" in anchors[0][1] and "建议：在文末写明落款日期。" in anchors[0][1]
    body = etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    start = next(el for el in body.iter(f"{W}commentRangeStart") if el.get(f"{W}id") == "1")
    assert any(a.tag == f"{W}tc" for a in start.iterancestors())


def test_replacement_only_when_the_suggestion_names_the_evidence():
    text = "认真抓好落实落实工作"
    f = {"category": "typo", "suggestion": "将“落实落实”改为“落实”。", "location": {"start": 4, "end": 8}}
    assert replacement_of(f, text) == "落实"
    assert replacement_of({**f, "location": {"start": 3, "end": 7}}, text) is None
    assert replacement_of({**f, "category": "content"}, text) is None
    assert replacement_of({**f, "suggestion": "删去多余的标点，只保留一个（如“。”）。"}, text) is None


def test_cli_annotate(tmp_path):
    from typer.testing import CliRunner

    src = tmp_path / "报告.docx"
    shutil.copy(FORMATS / "township_2017.docx", src)
    res = CliRunner().invoke(app, ["score", str(src), "--annotate"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "报告.审查.docx"
    assert len(comment_anchors(out.read_bytes())) == len(audit(src).findings) > 0


def test_cli_annotate_default_target_checked_once_before_the_audit(tmp_path, monkeypatch):
    """The file written next to the report is checked like -o, once, before any work: a folder in its way fails
    with the -o message and exit 2, without auditing."""
    from typer.testing import CliRunner

    import nianbao.audit as audit_mod
    import nianbao.cli as cli

    src = tmp_path / "报告.docx"
    shutil.copy(FORMATS / "township_2017.docx", src)
    (tmp_path / "报告.审查.docx").mkdir()
    checked: list = []
    monkeypatch.setattr(cli, "_check_output", lambda p, real=cli._check_output: (checked.append(p), real(p)))
    monkeypatch.setattr(audit_mod, "audit_report", lambda *a, **k: pytest.fail("audited before the check"))
    res = CliRunner().invoke(app, ["score", str(src), "--annotate"])
    assert (res.exit_code, checked) == (2, [tmp_path / "报告.审查.docx"])
    assert "这是一个目录，不能作为输出文件" in res.stderr


def test_libreoffice_opens_every_annotated_fixture(annotated, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require_tool(soffice is not None, "LibreOffice (soffice)")
    files = []
    for name, (_, _, data) in annotated.items():
        p = tmp_path / "in" / (name.replace(".", "_") + ".docx")
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        files.append(p)
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"
    for fmt, outdir in (("pdf", tmp_path / "pdf"), ("docx:MS Word 2007 XML", tmp_path / "docx")):
        proc = subprocess.run([soffice, profile, "--headless", "--convert-to", fmt, "--outdir", str(outdir),
                               *map(str, files)], capture_output=True, timeout=240)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    for p in files:
        pdf = (tmp_path / "pdf" / p.name).with_suffix(".pdf")
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000, p.name
        # LibreOffice read every comment with its range: its own re-saved DOCX has them on the same text
        ours = sorted(comment_anchors(p.read_bytes()).values(), key=lambda x: x[1])
        theirs = sorted(comment_anchors((tmp_path / "docx" / p.name).read_bytes()).values(), key=lambda x: x[1])
        assert [(_ws(a), n.strip()) for a, n in ours] == [(_ws(a), n.strip()) for a, n in theirs], p.name


def test_missing_system_tools_fail_in_ci_and_skip_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="setup_system.sh"):
        require_tool(False, "LibreOffice (soffice)")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_tool(False, "LibreOffice (soffice)")
    require_tool(True, "LibreOffice (soffice)")


def test_batch_annotate_writes_a_commented_docx_beside_each_audit(tmp_path):
    from nianbao.batch.runner import run_batch

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FORMATS / "yunling_town_2023.docx", src / "云岭镇.docx")
    shutil.copy(FIXTURES / "reports" / "township_2017.txt", src / "乡镇.txt")
    res = run_batch([src], tmp_path / "out", jobs=1, progress=False, annotate=True)
    assert res.summary_line()
    docs = sorted((tmp_path / "out" / "audits").glob("*.docx"))
    assert len(docs) == 2
    counts = sorted(len(comment_anchors(p.read_bytes())) for p in docs)
    assert counts == sorted([len(audit(FORMATS / "yunling_town_2023.docx").findings),
                             len(audit(FIXTURES / "reports" / "township_2017.txt").findings)])
    assert all(p.with_suffix(".html").is_file() for p in docs)


def _fragmented_docx(text: str, seed: int) -> bytes:
    """The report written as Word does after many edits: every paragraph cut into short runs with mixed
    bold, some digits typed full-width, table rows as tables."""
    import random

    rnd = random.Random(seed)
    fw = str.maketrans("0123456789", "０１２３４５６７８９")
    d = docx.Document()
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            t = d.add_table(rows=1, cols=len(cells))
            for i, c in enumerate(cells):
                t.cell(0, i).paragraphs[0].add_run(c.translate(fw) if rnd.random() < 0.3 else c)
        elif line.strip():
            p = d.add_paragraph()
            i = 0
            while i < len(line):
                j = min(len(line), i + rnd.randint(1, 9))
                r = p.add_run(line[i:j].translate(fw) if rnd.random() < 0.2 else line[i:j])
                r.bold = rnd.random() < 0.3
                i = j
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_fragmented_runs_and_full_width_digits():
    from nianbao.ingest import read_bytes
    from nianbao.structure import parse_report

    data = _fragmented_docx((FIXTURES / "reports" / "yunling_town_2023.txt").read_text(encoding="utf-8"), seed=3)
    rep = parse_report(read_bytes(data, "碎片.docx"))
    findings = audit_report(rep).to_dict()["findings"]
    out = annotated_docx(rep, findings, data)
    fw = str.maketrans("０１２３４５６７８９", "0123456789")
    anchors = comment_anchors(out)
    assert len(anchors) == len(findings) > 20
    for (covered, _), f in zip((anchors[k] for k in sorted(anchors)), findings, strict=True):
        s, e = f["location"]["start"], f["location"]["end"]
        if s is not None and e > s:
            assert _ws(covered).translate(fw) == _ws(rep.text[s:e]), f["rule"]
    body = etree.fromstring(zipfile.ZipFile(BytesIO(out)).read("word/document.xml"))
    (dele,) = body.findall(f".//{W}del")  # the doubled word, spread over several runs, is one deletion
    assert "".join(t.text for t in dele.iter(f"{W}delText")) == "落实落实" and len(dele) > 1
