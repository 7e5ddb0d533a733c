"""nianbao batch: store, failures, ranking, outputs, resume, copy detection (in-process: jobs=1)."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from nianbao.batch import copying as cp
from nianbao.batch import runner, worker
from nianbao.batch.runner import BatchError, run_batch
from nianbao.batch.store import DB_NAME, Store

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "reports"
CORPUS = ROOT / "corpora" / "reports"
COPIED = "以县政府门户网站信息公开专栏为第一平台，以“青溪市场监管”微信公众号"


def _copy_report(dst: Path) -> None:
    """nb003 (海澄省人民政府) with a paragraph of county_bureau_2023 pasted in, 青溪 renamed to 海澄."""
    para = next(ln for ln in (FIX / "county_bureau_2023.txt").read_text(encoding="utf-8").splitlines()
                if ln.startswith(COPIED))
    text = (CORPUS / "nb003.txt").read_text(encoding="utf-8")
    anchor = "（一）主动公开方面\n\n"
    assert anchor in text
    dst.write_text(text.replace(anchor, anchor + para.replace("青溪", "海澄") + "\n\n", 1), encoding="utf-8")


def _crash_on(name: str):
    real = worker.load_report

    def fake(path):
        if Path(path).name == name:
            raise RuntimeError("parser exploded")
        return real(path)

    return fake


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for name in ("city_gov_2019.txt", "county_bureau_2023.txt", "messy_street_2022.txt", "township_2017.txt"):
        shutil.copy(FIX / name, src / name)
    sub = src / "corpus"
    sub.mkdir()
    shutil.copy(CORPUS / "nb001.txt", sub / "nb001.txt")
    shutil.copy(CORPUS / "nb002.txt", sub / "nb002.txt")
    shutil.copy(CORPUS / "nb001.txt", sub / "nb001_again.txt")  # same content, second path
    _copy_report(sub / "copied.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    shutil.copy(CORPUS / "nb004.txt", src / "crash.txt")
    (src / "notes.md").write_text("not an input", encoding="utf-8")  # ignored in folders
    out = tmp_path_factory.mktemp("out")
    mp = pytest.MonkeyPatch()
    mp.setattr(worker, "load_report", _crash_on("crash.txt"))
    try:
        res = run_batch([src], out, jobs=1, progress=False)
    finally:
        mp.undo()
    return src, out, res


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_counts_and_rows(batch):
    src, out, res = batch
    assert (res.files, res.contents, res.duplicates) == (11, 10, 1)
    assert (res.audited, res.failed) == (7, 3)
    assert (out / "ranking.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = _csv(out / "ranking.csv")
    assert len(rows) == 7
    assert res.summary_line().startswith("批量审查完成：共 11 个文件（其中内容重复 1 个），成功 7 份，失败 3 份")


def test_same_content_listed_under_both_paths(batch):
    src, out, _ = batch
    rows = _csv(out / "ranking.csv")
    row = next(r for r in rows if "nb001.txt" in r["文件路径"])
    assert row["文件路径"].split("；") == [str(src / "corpus" / "nb001.txt"), str(src / "corpus" / "nb001_again.txt")]
    con = sqlite3.connect(out / DB_NAME)
    assert con.execute("SELECT COUNT(*) FROM audits").fetchone()[0] == 7
    assert con.execute("SELECT COUNT(DISTINCT sha) FROM paths").fetchone()[0] == 10


def test_failures_recorded_with_reason(batch):
    src, out, _ = batch
    fails = {Path(f["文件路径"]).name: f for f in _csv(out / "failures.csv")}
    assert sorted(fails) == ["bad.pdf", "crash.txt", "empty.txt"]
    assert fails["empty.txt"]["原因"] == "文件为空，没有可审查的内容。"  # the path is in its own column
    assert fails["bad.pdf"]["原因"].startswith("文件已损坏或格式不正确，无法解析")
    assert fails["crash.txt"]["原因"] == "解析出错：RuntimeError（parser exploded）"
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "解析出错：RuntimeError（parser exploded）" in html and "bad.pdf" in html


def test_ranking_order_and_outputs(batch):
    _, out, _ = batch
    rows = _csv(out / "ranking.csv")
    scores = [float(r["得分"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    ranks = [int(r["排名"]) for r in rows]
    assert ranks[0] == 1
    for i in range(1, len(rows)):  # competition ranking: ties share a rank
        assert ranks[i] == (ranks[i - 1] if scores[i] == scores[i - 1] else i + 1)
    for r in rows:
        assert (out / r["审查报告"]).is_file()
        assert r["等级"] in ("优秀", "良好", "合格", "不合格")
    assert len(list((out / "audits").glob("*.html"))) == 7
    for name in ("ranking.xlsx", "summary.html", "copying.csv", "failures.csv"):
        assert (out / name).is_file()
    summary = (out / "summary.html").read_text(encoding="utf-8")
    assert summary.count("<svg") == 4 and "<script" not in summary and "http://" not in summary.split("<main>")[0]
    assert all(r["审查报告"] in summary for r in rows)


def test_outputs_and_pages_are_written_with_the_users_file_mode(batch):
    """Written through a 0600 temporary file, yet readable like any file the user writes (0644 under umask 022)."""
    _, out, _ = batch
    mask = os.umask(0o022)
    os.umask(mask)
    written = [out / n for n in ("ranking.csv", "ranking.xlsx", "copying.csv", "failures.csv", "summary.html")]
    written += sorted((out / "audits").glob("*.html"))
    assert len(written) > 5
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: 0o666 & ~mask for p in written}


def test_write_atomic_mode_follows_the_umask(tmp_path):
    from nianbao.datacache import write_atomic

    mask = os.umask(0o027)
    try:
        worker.write_files(tmp_path, {"page.html": b"<p>1</p>"})
        write_atomic(tmp_path / "cache.bin", b"1")  # a private cache keeps mkstemp's 0600
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "cache.bin").stat().st_mode) == 0o600
    assert (tmp_path / "page.html").read_bytes() == b"<p>1</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.bin", "page.html"]  # no temporary file left


def test_failed_file_format_is_sniffed_from_its_content(tmp_path):
    """A damaged PDF saved as .txt is listed as a PDF, as the reader saw it, not by its name."""
    pdf = tmp_path / "附件.txt"
    pdf.write_bytes(b"%PDF-1.4 garbage")
    r = worker.parse_one("a" * 64, str(pdf))
    assert (r["status"], r["format"]) == ("failed", "pdf")
    assert r["reason"].startswith("文件已损坏或格式不正确，无法解析")
    assert worker.parse_one("b" * 64, "scan.html", b"%PDF-1.4 garbage")["format"] == "pdf"  # bytes sent (Dask)
    assert worker.format_of(str(tmp_path / "gone.pdf")) is None  # nothing to sniff


def test_xlsx_opens(batch):
    import openpyxl

    _, out, _ = batch
    wb = openpyxl.load_workbook(out / "ranking.xlsx")
    ws = wb["排名"]
    assert ws.max_row == 8 and ws.freeze_panes == "C2"
    header = [c.value for c in ws[1]]
    assert header[:8] == ["排名", "机关", "层级", "年度", "文件格式", "报告格式版本", "得分", "等级"]
    assert len(ws.conditional_formatting) == 2
    csv_rows = _csv(out / "ranking.csv")
    assert [ws.cell(row=i + 2, column=2).value for i in range(7)] == [r["机关"] for r in csv_rows]
    assert wb["失败"].max_row == 4


def test_copy_detection_finds_renamed_paragraph(batch):
    src, out, _ = batch
    store = Store(out)
    try:
        shas = {Path(p).name: s for p, s in store.con.execute("SELECT path, sha FROM paths")}
        cpd = store.copying([shas["copied.txt"]])[shas["copied.txt"]]
    finally:
        store.close()
    assert cpd["other_units_share"] > 0
    m = next(m for m in cpd["matches"] if "海澄市场监管" in m["sentence"])
    assert m["kind"] == "cross_unit" and m["agency"] == "青溪县市场监督管理局"
    assert m["source"] == str(src / "county_bureau_2023.txt")
    assert "青溪市场监管" in m["matched"] and 0.8 <= m["similarity"] < 1.0
    from nianbao.audit import load_report

    text = load_report(src / "corpus" / "copied.txt").text  # offsets index the report text, as findings do
    assert text[m["start"]:m["end"]] == m["sentence"]
    assert cpd["previous_year_share"] is None
    # template wording never counts, in any report
    for m in cpd["matches"]:
        assert cp.template_name(m["sentence"]) is None
    rows = {r["本报告语句"] for r in _csv(out / "copying.csv")}
    assert m["sentence"] in rows


def test_copy_index_same_pairs_whatever_the_arrival_order(tmp_path):
    """The batch adds each report as its parse result arrives (any order) and pairs sentences block by block;
    the matches must be those of one pass over the whole batch."""
    import random

    import numpy as np

    from nianbao.audit import load_report

    _copy_report(tmp_path / "copied.txt")
    paths = [FIX / "county_bureau_2023.txt", FIX / "city_gov_2019.txt", tmp_path / "copied.txt",
             *sorted(CORPUS.glob("nb00*.txt"))[:5]]
    docs = []
    for p in paths:
        sents, sigs = cp.extract(load_report(p))
        docs.append(cp.Doc(sha=p.stem, role="current", source=str(p), agency=load_report(p).meta.agency, year=None,
                           sentences=sents, sigs=np.frombuffer(sigs, dtype=np.uint64).reshape(len(sents), -1)))
    once, st1 = cp.Index(block=10**9).detect(docs)  # one flush: every sentence banded together
    index = cp.Index(block=7)
    for d in random.Random(3).sample(docs, len(docs)):
        index.add(d.sha, d.sentences, d.sigs)
    later, st2 = index.detect(docs)
    assert later == once
    assert (st2.candidates, st2.verified, st2.distinct) == (st1.candidates, st1.verified, st1.distinct)
    m = next(m for m in once["copied"]["matches"] if "海澄市场监管" in m["sentence"])
    assert m["source"] == str(FIX / "county_bureau_2023.txt") and 0.8 <= m["similarity"] < 1.0


def test_lsh_banding_is_datasketch_choice():
    """lsh_bands x lsh_rows in the data file are what datasketch's MinHashLSH picks for threshold 0.5."""
    datasketch = pytest.importorskip("datasketch")
    s = cp.load_templates()[0]
    lsh = datasketch.MinHashLSH(threshold=0.5, num_perm=s.num_perm)
    assert (s.lsh_bands, s.lsh_rows) == (lsh.b, lsh.r) == (14, 4)


def test_chunks_end_with_single_items():
    """Every item once and in order; the last 2 x workers x chunksize items one per chunk (no idle worker
    waiting for another's whole chunk at the end of a pass)."""
    from nianbao.batch.pool import chunked

    ch = chunked(list(range(100)), 8, 2)
    assert [x for c in ch for x in c] == list(range(100))
    assert [len(c) for c in ch] == [8] * 8 + [4] + [1] * 32
    assert chunked(list(range(5)), 8, 2) == [[0], [1], [2], [3], [4]]


def test_template_sentences_excluded():
    for s in ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
              "存在的主要问题及改进情况、其他需要报告的事项六部分组成。",
              "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求，编制本报告。",
              "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
              "如对本年报有疑问，请与安海镇人民政府党政办联系。",
              "本年度我局未收取政府信息公开信息处理费。"):
        assert cp.template_name(s) is not None, s
    assert cp.template_name("全年通过门户网站主动公开政府信息642条，较2022年增加87条。") is None
    assert cp.sentence_key("全年公开 642 条，较2022年增加87条。") == "全年公开#条较#年增加#条"
    assert cp.split_sentences("第一句。第二句！\n第三句") == [(0, 4), (4, 8), (9, 12)]


def test_residue_notes():
    assert cp._residue("2022年，本局公开信息500条。", "2022年，本局公开信息500条。", 2023, 2022) == \
        "沿用了上年报告的年份“2022年”；数字与上年报告完全相同（500条），可能未更新"
    assert cp._residue("2023年，本局公开信息612条。", "2022年，本局公开信息500条。", 2023, 2022) is None


def _shift_years(text: str) -> str:
    return text.replace("2023", "\0").replace("2022", "2021").replace("\0", "2022").replace("2024", "2023")


def test_previous_year_by_agency(tmp_path):
    cur, prev = tmp_path / "cur", tmp_path / "prev"
    cur.mkdir()
    prev.mkdir()
    shutil.copy(FIX / "county_bureau_2023.txt", cur / "county.txt")
    shutil.copy(FIX / "city_gov_2019.txt", cur / "city.txt")
    (prev / "county_2022.txt").write_text(_shift_years((FIX / "county_bureau_2023.txt").read_text(encoding="utf-8")),
                                          encoding="utf-8")
    res = run_batch([cur], tmp_path / "out", previous=prev, jobs=1, progress=False)
    assert (res.files, res.previous_files, res.audited) == (2, 1, 2)
    store = Store(tmp_path / "out")
    try:
        shas = {Path(p).name: s for p, s in store.con.execute("SELECT path, sha FROM paths")}
        cps = store.copying(shas.values())
    finally:
        store.close()
    assert shas["county_2022.txt"] not in cps  # last year's report is compared with, not ranked
    c = cps[shas["county.txt"]]
    assert c["previous_report"] == {"source": str(prev / "county_2022.txt"), "agency": "青溪县市场监督管理局",
                                    "year": 2022}
    assert c["previous_year_share"] >= 0.9
    pm = [m for m in c["matches"] if m["kind"] == "previous_year"]
    assert pm and all(m["source"] == str(prev / "county_2022.txt") for m in pm)
    assert any("可能未更新" in (m.get("residue") or "") for m in pm)
    assert cps[shas["city.txt"]]["previous_year_share"] is None  # no earlier report of that agency
    rows = _csv(tmp_path / "out" / "ranking.csv")
    county = next(r for r in rows if r["机关"] == "青溪县市场监督管理局")
    assert county["与上年报告雷同"] == f"{c['previous_year_share'] * 100:.1f}%"
    html = next((tmp_path / "out" / "audits").glob("county-*.html")).read_text(encoding="utf-8")
    assert "与本单位上年报告雷同的比例" in html
    store = Store(tmp_path / "out")
    try:
        row = store.audits([shas["county.txt"]])[shas["county.txt"]]["row"]
    finally:
        store.close()
    assert "B-03" in row["rules"]  # the rule layer turned the share into a 雷同 finding


def test_previous_report_named_by_its_path_in_this_run(tmp_path):
    """Last year's report parsed by an earlier run under another path (the folder was moved): the store keeps
    its parse, and the audit names it where it is now."""
    cur, old, moved = tmp_path / "cur", tmp_path / "old", tmp_path / "moved"
    for d in (cur, old, moved):
        d.mkdir()
    shutil.copy(FIX / "county_bureau_2023.txt", cur / "county.txt")
    text = _shift_years((FIX / "county_bureau_2023.txt").read_text(encoding="utf-8"))
    (old / "county_2022.txt").write_text(text, encoding="utf-8")
    (moved / "county_2022.txt").write_text(text, encoding="utf-8")
    run_batch([cur], tmp_path / "out", previous=old, jobs=1, progress=False)
    res = run_batch([cur], tmp_path / "out", previous=moved, jobs=1, progress=False)
    assert (res.parsed_now, res.audited_now) == (0, 1)  # same contents: nothing parsed again, the audit redone
    html = next((tmp_path / "out" / "audits").glob("county-*.html")).read_text(encoding="utf-8")
    assert f"对比报告：青溪县市场监督管理局 2022年度（{moved / 'county_2022.txt'}）" in html
    assert str(old) not in html


def test_resume_after_interruption(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("county_bureau_2023.txt", "city_gov_2019.txt", "township_2017.txt"):
        shutil.copy(FIX / name, src / name)
    shutil.copy(CORPUS / "nb005.txt", src / "nb005.txt")
    # a first run on half of the files
    run_batch([src / "county_bureau_2023.txt", src / "city_gov_2019.txt"], tmp_path / "a", jobs=1, progress=False)
    # then all of them, interrupted (Ctrl-C) after one audit has been committed
    calls = {"n": 0}
    real = Store.save_audit

    def interrupted(self, res):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real(self, res)

    monkeypatch.setattr(Store, "save_audit", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch([src], tmp_path / "a", jobs=1, progress=False)
    monkeypatch.setattr(Store, "save_audit", real)
    con = sqlite3.connect(tmp_path / "a" / DB_NAME)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4  # all parsed before the audits
    con.close()
    res = run_batch([], tmp_path / "a", resume=True, jobs=1, progress=False)  # inputs taken from the last run
    assert (res.files, res.audited, res.failed, res.parsed_now) == (4, 4, 0, 0)
    assert res.audited_now < 4  # what was committed before the interruption is not redone
    fresh = run_batch([src], tmp_path / "b", jobs=1, progress=False)
    assert fresh.audited == 4
    a, b = _csv(tmp_path / "a" / "ranking.csv"), _csv(tmp_path / "b" / "ranking.csv")
    assert len(a) == 4
    assert [(r["机关"], r["得分"], r["等级"], r["与其他单位雷同"]) for r in a] == \
        [(r["机关"], r["得分"], r["等级"], r["与其他单位雷同"]) for r in b]
    con = sqlite3.connect(tmp_path / "a" / DB_NAME)
    assert con.execute("SELECT COUNT(*) FROM audits").fetchone()[0] == 4
    # nothing to do the third time
    again = run_batch([src], tmp_path / "a", jobs=1, progress=False)
    assert (again.parsed_now, again.audited_now, again.audited) == (0, 0, 4)


def test_bad_arguments(tmp_path):
    with pytest.raises(BatchError, match="没有找到可审查的文件"):
        run_batch([tmp_path / "nothing-here"], tmp_path / "o", jobs=1, progress=False)
    with pytest.raises(BatchError, match="没有可继续的批量审查记录"):
        run_batch([], tmp_path / "o2", resume=True, jobs=1, progress=False)


def test_discover_folders_globs_and_exclusions(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.pdf", "a/b/y.DOCX", "a/b/z.htm", "a/readme.md", "a/.hidden.txt", "a/~$tmp.docx", "w.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, missing = runner.discover([tmp_path / "a", str(tmp_path / "*.txt"), tmp_path / "none.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a/b/y.DOCX", "a/b/z.htm", "a/x.pdf", "w.txt"]
    assert missing == [str(tmp_path / "none.pdf")]
    files, _ = runner.discover([tmp_path], exclude=tmp_path / "a")
    assert [p.name for p in files] == ["w.txt"]


def _die_on_crash_txt(sha, path):
    import os

    if Path(path).name == "crash.txt":
        os._exit(3)  # the worker process dies without a word
    return _real_parse_one(sha, path)


_real_parse_one = worker.parse_one


def test_worker_death_is_isolated(tmp_path, monkeypatch):
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("needs the fork start method")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "county_bureau_2023.txt", src / "a.txt")
    shutil.copy(FIX / "city_gov_2019.txt", src / "b.txt")
    shutil.copy(CORPUS / "nb006.txt", src / "crash.txt")
    from nianbao.audit import _classifier

    try:
        _classifier("sklearn")  # loaded here once, shared by the forked workers
    except Exception:  # noqa: BLE001
        pass
    monkeypatch.setattr(worker, "parse_one", _die_on_crash_txt)
    res = run_batch([src], tmp_path / "out", jobs=2, progress=False, mp_context="fork")
    assert (res.files, res.audited, res.failed) == (3, 2, 1)
    fails = _csv(tmp_path / "out" / "failures.csv")
    assert [(Path(f["文件路径"]).name, f["原因"]) for f in fails] == [("crash.txt", runner.CRASH_REASON)]


def test_command_exit_status_and_final_line(tmp_path):
    import typer
    from typer.testing import CliRunner

    from nianbao.batch.command import batch as batch_command

    app = typer.Typer()
    app.command("batch")(batch_command)
    app.command("noop")(lambda: None)  # two commands: "batch" is then a real sub-command, as in nianbao's CLI
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(FIX / "township_2017.txt", src / "t.txt")
    (src / "empty.txt").write_bytes(b"")
    r = CliRunner().invoke(app, ["batch", str(src), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-progress"])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines()[-1].startswith("批量审查完成：共 2 个文件（其中内容重复 0 个），成功 1 份，失败 1 份")
    r = CliRunner().invoke(app, ["batch", str(tmp_path / "none"), "--out", str(tmp_path / "out2"), "--jobs", "1"])
    assert r.exit_code == 2
    assert "没有找到可审查的文件" in r.output
    help_text = CliRunner().invoke(app, ["batch", "--help"]).stdout
    assert "--previous" in help_text and "--resume" in help_text


def test_failures_are_retried_after_an_upgrade(tmp_path):
    """A file that failed under an older nianbao version is parsed again (its reader may have been fixed)."""
    import sqlite3

    from nianbao.batch.store import DB_NAME, Store

    st = Store(tmp_path)
    st.save_parsed({"sha": "a" * 64, "status": "failed", "reason": "x", "name": "r.pdf"})
    assert "a" * 64 in st.known()
    st.close()
    con = sqlite3.connect(tmp_path / DB_NAME)
    con.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'nianbao_version'")
    con.commit()
    con.close()
    st = Store(tmp_path)
    assert "a" * 64 not in st.known()
    st.close()
