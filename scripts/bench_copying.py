"""Benchmark copy detection (in the batch it mostly overlaps the parse) at 1k, 10k and 100k synthetic reports.

    python scripts/bench_copying.py --n 1000 10000 100000 [--append docs/benchmarks.md]

Reports are synthesised cheaply, sentence by sentence, with the mix copy detection meets: stock phrasing
shared by many units (套话, ~15 %), sentences copied from another unit with small edits (~5 %), last
year's sentences for a tenth of the units, and free text built from random pieces of the team's paragraph
corpus with the unit's name and figures. Signatures are computed once per distinct sentence with the batch's own
``copying.signatures``; then ``copying.detect`` runs as in ``nianbao batch`` (the stage alone: no parsing,
no audits).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from benchdoc import conditions, write_section  # noqa: E402

from nianbao.batch import copying as cp  # noqa: E402

PROVINCES = "海澄 青溪 云岭 临川 白石 江安 北塘 南屏 东岳 西林 金沙 玉泉 长河 平湖 石门 桃源".split()
KINDS = "人民政府 市场监督管理局 教育局 卫生健康委员会 财政局 生态环境局 住房和城乡建设局 交通运输局 民政局 司法局".split()
CLAUSES = [
    "围绕优化营商环境", "聚焦群众关切", "依托政府门户网站", "通过政务新媒体", "结合年度重点工作", "按照上级部署要求",
    "主动公开规范性文件", "及时发布政策解读", "办理政府信息公开申请", "完善依申请公开工作机制", "开展政务公开培训",
    "加强公开内容审查", "推进基层政务公开标准化规范化", "更新政府信息公开指南", "规范政府信息公开目录",
    "落实公开属性源头认定", "做好重大建设项目信息公开", "公开财政预决算信息", "回应社会关切", "举办新闻发布会",
    "开展政府开放日活动", "组织业务骨干集中学习", "健全监督考核机制", "将政务公开纳入绩效考核", "畅通意见反馈渠道",
    "提升政策解读质量", "加强政务新媒体管理", "完善网站内容保障", "推动公开平台集约化建设", "强化保密审查",
]
STOCK = [f"坚持以公开为常态、不公开为例外，{a}，{b}，切实保障人民群众的知情权、参与权、表达权和监督权"
         for a in CLAUSES[:12] for b in CLAUSES[12:24]][:200]


def _corpus_text() -> str:
    import json

    with (ROOT / "corpora" / "paragraphs.jsonl").open(encoding="utf-8") as f:
        return "".join(json.loads(ln)["text"] for ln in f if ln.strip())


def synthesise(n: int, seed: int = 11) -> list[tuple[str, str, int, list[str]]]:
    """(sha, agency, year, sentences) for n reports; a tenth are last year's report of another entry.

    Free sentences are six random 5-8 character pieces of the team's paragraph corpus plus the unit's
    name and figures: they share domain wording (政府信息公开, 依申请) with each other at about the rate real
    sentences do, without being copies."""
    rng = random.Random(seed)
    corpus = _corpus_text()
    reports: list[tuple[str, str, int, list[str]]] = []
    for i in range(n):
        if i % 10 == 9 and reports:  # last year's report of an earlier unit: mostly the same sentences
            sha0, agency, year, sents = reports[rng.randrange(len(reports))]
            new = [s if rng.random() < 0.6 else s.replace("本年度", "上一年度") + "。" for s in sents]
            reports.append((f"r{i:07d}", agency, year - 1, new))
            continue
        agency = f"{rng.choice(PROVINCES)}{rng.choice('省市县区')}{rng.choice(PROVINCES)}{rng.choice(KINDS)}{i}"
        sents = []
        for _ in range(33):
            x = rng.random()
            if x < 0.15:
                sents.append(rng.choice(STOCK) + "。")
            elif x < 0.20 and len(reports) > 1:
                other = reports[rng.randrange(len(reports))][3]
                s = rng.choice(other)
                sents.append(s.replace(s[:2], agency[:2], 1))
            else:
                pieces = []
                for _ in range(6):
                    k = rng.randrange(len(corpus) - 8)
                    pieces.append(corpus[k:k + rng.randint(5, 8)])
                sents.append(f"{agency[-6:]}{pieces[0]}{pieces[1]}{rng.randint(1, 999)}件，{pieces[2]}{pieces[3]}"
                             f"{rng.randint(1, 99)}次，{pieces[4]}{pieces[5]}。")
        reports.append((f"r{i:07d}", agency, 2024, sents))
    return reports


class _Rows:
    """Signature rows of one document, looked up in the batch-wide table of distinct sentences."""

    def __init__(self, table: np.ndarray, rows: list[int]):
        self.table, self.rows = table, rows

    def __getitem__(self, j: int) -> np.ndarray:
        return self.table[self.rows[j]]


def build_docs(reports) -> tuple[list[cp.Doc], float]:
    t0 = time.perf_counter()
    settings = cp.load_templates()[0]
    row_of: dict[str, int] = {}
    pending: list[str] = []
    per_doc: list[tuple] = []
    for sha, agency, year, sents in reports:
        rows, entries = [], []
        for s in sents:
            norm = cp.sentence_key(s)
            if len(norm) < settings.min_chars:
                continue
            r = row_of.get(norm)
            if r is None:
                r = row_of[norm] = len(row_of)
                pending.append(norm)
            rows.append(r)
            entries.append([None, None, s, norm])
        per_doc.append((sha, agency, year, entries, rows))
    table = np.concatenate([cp.signatures(pending[i:i + 20000], settings.num_perm)
                            for i in range(0, len(pending), 20000)]).astype(np.uint32)
    docs = [cp.Doc(sha=sha, role="current", source=f"{sha}.txt", agency=agency, year=year, sentences=entries,
                   sigs=_Rows(table, rows))  # type: ignore[arg-type]
            for sha, agency, year, entries, rows in per_doc]
    return docs, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--append", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = []
    for n in args.n:
        reports = synthesise(n)
        docs, sig_s = build_docs(reports)
        t0, c0 = time.perf_counter(), time.process_time()
        res, st = cp.detect(docs)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        flagged = sum(1 for d in res.values() if d["other_units_share"] > 0)
        prev = sum(1 for d in res.values() if d["previous_year_share"])
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        row = (n, st.sentences, st.distinct, st.candidates, st.verified, st.common, dt, cpu, cpu / n * 1000, flagged,
               prev, rss, sig_s)
        print(row, flush=True)
        rows.append(row)
    if args.append:
        lines = [
            f"Measured {date.today().isoformat()} by `scripts/bench_copying.py`. {conditions()} (load average at the "
            "end). The copy-detection stage alone, on synthetic reports (33 sentences "
            "each: stock phrasing, copies from other units, last year's reports); signatures precomputed; the "
            "reports are added to `copying.Index` one by one as the batch adds parse results, so the time is the "
            "whole detection, most of which the batch overlaps with parsing. The CPU column does not depend on the "
            "load. Peak RSS is the whole benchmark process (synthetic texts included).",
            "",
            "| reports | sentences | distinct | LSH candidate pairs | verified | common | detect s (wall) | detect CPU s "
            "| CPU ms per report | reports with cross-unit copies | with previous-year matches | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for n, s, d, c, v, cm, dt, cpu, per, fl, pv, rss, _ in rows:
            lines.append(f"| {n:,} | {s:,} | {d:,} | {c:,} | {v:,} | {cm:,} | {dt:.2f} | {cpu:.2f} | {per:.2f} | {fl:,} "
                         f"| {pv:,} | {rss:.0f} |")
        if len(rows) > 1:
            (n0, *_, c0, _, _, _, _, _), (n1, *_, c1, _, _, _, _, _) = rows[-2], rows[-1]
            lines += ["", f"Growth from {n0:,} to {n1:,} reports: ×{c1 / c0:.1f} in CPU time for ×{n1 / n0:.0f} in "
                      f"reports ({c0 / n0 * 1000:.2f} → {c1 / n1 * 1000:.2f} ms per report)."]
        write_section(args.append, "copying", "### Copy detection at scale (`scripts/bench_copying.py`)", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
