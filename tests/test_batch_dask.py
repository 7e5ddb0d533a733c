"""nianbao batch --engine dask on a LocalCluster of worker processes: the same store and outputs as the
local engine, and a worker killed mid-run is recovered."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from nianbao.batch.runner import run_batch  # noqa: E402
from nianbao.batch.store import DB_NAME  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "reports"
CORPUS = ROOT / "corpora" / "reports"
OUTPUTS = ("ranking.csv", "copying.csv", "failures.csv")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    for name in ("city_gov_2019.txt", "county_bureau_2023.txt", "messy_street_2022.txt", "township_2017.txt"):
        shutil.copy(FIX / name, src / name)
    for name in ("nb001.txt", "nb002.txt", "nb003.txt", "nb004.txt"):
        shutil.copy(CORPUS / name, src / name)
    (src / "empty.txt").write_bytes(b"")
    (src / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    return src


@pytest.fixture(scope="module")
def local(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    res = run_batch([inputs], out, jobs=1, progress=False)
    return out, res


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as c, Client(c) as client:
        yield c, client


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    pages = sorted(p.name for p in (a / "audits").glob("*.html"))
    assert pages == sorted(p.name for p in (b / "audits").glob("*.html")) and pages
    match, mismatch, errors = filecmp.cmpfiles(a / "audits", b / "audits", pages, shallow=False)
    assert (mismatch, errors) == ([], [])


def _count_reads(monkeypatch) -> dict[str, int]:
    """How many times this process reads each input (to hash it, and to send it to a worker)."""
    from nianbao.batch import dask_engine, runner

    reads: dict[str, int] = {}
    real = runner.read_file_bounded

    def counting(path, *args, **kwargs):
        reads[Path(path).name] = reads.get(Path(path).name, 0) + 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, "read_file_bounded", counting)
    monkeypatch.setattr(dask_engine, "read_file_bounded", counting)
    return reads


def test_dask_engine_gives_the_local_results(inputs, local, cluster, tmp_path, monkeypatch):
    c, _ = cluster
    out = tmp_path / "dask"
    reads = _count_reads(monkeypatch)
    res = run_batch([inputs], out, jobs=3, progress=False, engine="dask", scheduler=c.scheduler_address)
    lres = local[1]
    assert (res.files, res.contents, res.audited, res.failed) == (lres.files, lres.contents, lres.audited, lres.failed)
    assert (res.files, res.audited, res.failed) == (10, 8, 2)
    _same_outputs(local[0], out)
    assert len(reads) == 10 and set(reads.values()) == {1}  # the bytes hashed are the bytes sent


def test_dask_inputs_past_the_memory_budget_are_read_again(inputs, local, cluster, tmp_path, monkeypatch):
    from nianbao.batch import runner

    c, _ = cluster
    out = tmp_path / "dask"
    reads = _count_reads(monkeypatch)
    monkeypatch.setattr(runner, "KEEP_INPUT_BYTES", 16)  # bad.pdf (16 bytes) and empty.txt are kept
    res = run_batch([inputs], out, jobs=3, progress=False, engine="dask", scheduler=c.scheduler_address)
    assert (res.files, res.audited, res.failed) == (10, 8, 2)
    _same_outputs(local[0], out)
    assert {name: n for name, n in reads.items() if n == 1} == {"bad.pdf": 1, "empty.txt": 1}
    assert len(reads) == 10 and sum(reads.values()) == 18


def test_dask_worker_killed_mid_run_is_recovered(inputs, local, cluster, tmp_path):
    c, client = cluster
    out = tmp_path / "dask"
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one_when_audits_start() -> None:  # the audit pass is under way: kill a busy worker
        db = out / DB_NAME
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                n = 0
            if n >= 10:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
                return
            time.sleep(0.05)

    t = threading.Thread(target=kill_one_when_audits_start, daemon=True)
    t.start()
    res = run_batch([inputs], out, jobs=3, progress=False, engine="dask", scheduler=c.scheduler_address)
    t.join()
    assert killed, "no worker was killed"
    assert (res.files, res.audited, res.failed) == (10, 8, 2)
    _same_outputs(local[0], out)
