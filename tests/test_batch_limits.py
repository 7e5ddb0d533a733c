"""Per-file time and memory limits in batch, and no process left behind when the batch is killed."""

from __future__ import annotations

import csv
import multiprocessing as mp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.batch import worker
from nianbao.batch.runner import run_batch

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "reports"
CORPUS = ROOT / "corpora" / "reports"

needs_fork = pytest.mark.skipif("fork" not in mp.get_all_start_methods() or not sys.platform.startswith("linux"),
                                reason="needs Linux and the fork start method")


def _inputs(src: Path) -> None:
    src.mkdir()
    shutil.copy(FIX / "county_bureau_2023.txt", src / "a.txt")
    shutil.copy(FIX / "city_gov_2019.txt", src / "b.txt")
    shutil.copy(CORPUS / "nb006.txt", src / "big.txt")


def _failures(out: Path) -> list[tuple[str, str]]:
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as f:
        return [(Path(r["文件路径"]).name, r["原因"]) for r in csv.DictReader(f)]


def test_timeout_fails_one_file_in_process(tmp_path, monkeypatch):
    _inputs(tmp_path / "in")
    real = worker.load_report

    def slow(path):
        if Path(path).name == "big.txt":
            time.sleep(120)
        return real(path)

    monkeypatch.setattr(worker, "load_report", slow)
    res = run_batch([tmp_path / "in"], tmp_path / "out", jobs=1, progress=False, timeout=1)
    assert (res.files, res.audited, res.failed) == (3, 2, 1)
    assert _failures(tmp_path / "out") == [
        ("big.txt", "解析超时：处理时间超过每个文件 1 秒的上限（--timeout），已跳过该文件")]


@needs_fork
def test_timeout_and_memory_cap_in_workers_spare_the_chunk_mates(tmp_path, monkeypatch):
    _inputs(tmp_path / "in")
    real = worker.load_report

    def hungry(path):
        if Path(path).name == "big.txt":
            hog = bytearray(3 * 2**30)  # 3 GiB, past the 300 MB cap
            return hog
        if Path(path).name == "b.txt":
            time.sleep(120)
        return real(path)

    monkeypatch.setattr(worker, "load_report", hungry)
    res = run_batch([tmp_path / "in"], tmp_path / "out", jobs=2, progress=False, mp_context="fork", timeout=2,
                    max_memory_mb=300)
    assert (res.files, res.audited, res.failed) == (3, 1, 2)
    assert _failures(tmp_path / "out") == [
        ("b.txt", "解析超时：处理时间超过每个文件 2 秒的上限（--timeout），已跳过该文件"),
        ("big.txt", "解析出错：内存占用超过每个文件 300 MB 的上限（--max-memory），已跳过该文件"),
    ]


@needs_fork
def test_a_file_stuck_where_the_alarm_cannot_reach_is_killed_and_named(tmp_path, monkeypatch):
    """A parse stuck in a call that never returns to Python (simulated: SIGALRM blocked) is ended by the
    parent, which kills its worker; the file is recorded as failed and the others are audited."""
    _inputs(tmp_path / "in")
    real = worker.load_report

    def stuck(path):
        if Path(path).name == "big.txt":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(600)
        return real(path)

    monkeypatch.setattr(worker, "load_report", stuck)
    res = run_batch([tmp_path / "in"], tmp_path / "out", jobs=2, progress=False, mp_context="fork", timeout=1)
    assert (res.files, res.audited, res.failed) == (3, 2, 1)
    assert _failures(tmp_path / "out") == [
        ("big.txt", "解析超时：处理时间远超每个文件 1 秒的上限且无法中断（--timeout），工作进程已被终止，已跳过该文件")]


# --------------------------------------------------------------------------- orphans

_BATCH = """
import sys
from nianbao.batch import run_batch
run_batch([sys.argv[1]], sys.argv[2], jobs=2, progress=False)
"""


def _children() -> dict[int, int]:
    """pid -> parent pid of every process (from /proc)."""
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    stat = f.read()
                out[int(d)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return out


def _descendants(pid: int) -> set[int]:
    tree = _children()
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for c, pp in tree.items():
            if pp == p and c not in found:
                found.add(c)
                todo.append(c)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@needs_fork
def test_no_process_outlives_a_killed_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    base = (CORPUS / "nb006.txt").read_text(encoding="utf-8")
    for i in range(300):  # distinct contents, enough work that the batch is still running when killed
        (src / f"r{i:03d}.txt").write_text(base + f"\n（备注{i}）\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", _BATCH, str(src), str(tmp_path / "out")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            seen |= _descendants(proc.pid)
            if len(seen) >= 4:  # resource tracker, forkserver and the two workers
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the batch ended before it could be killed"
        assert len(seen) >= 4
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in seen):
            time.sleep(0.1)
        assert sorted(p for p in seen if _alive(p)) == []
    finally:
        if proc.poll() is None:
            proc.kill()
        for p in seen:  # never leave a process behind, even when the test fails
            if _alive(p):
                os.kill(p, signal.SIGKILL)


def test_oversized_input_refused_before_it_is_read(tmp_path, monkeypatch):
    """The hash stage applies the input checks (ingest.limits.read_file_bounded) before reading a file: a file
    over [limits] input_mb is recorded as failed with the limit's reason, and neither hashed nor parsed."""
    from dataclasses import replace

    from nianbao.config import load_config
    from nianbao.limits import Limits

    src = tmp_path / "in"
    _inputs(src)
    size = (src / "a.txt").stat().st_size
    limit_mb = (size - 1) / 2**20  # a.txt is one byte over; b.txt and big.txt are smaller
    assert (src / "b.txt").stat().st_size < size - 1 and (src / "big.txt").stat().st_size < size - 1
    seen: list[str] = []
    real = worker.load_report
    monkeypatch.setattr(worker, "load_report", lambda p: seen.append(Path(p).name) or real(p))
    config = replace(load_config(), limits=Limits(input_mb=limit_mb))
    res = run_batch([src], tmp_path / "out", jobs=1, progress=False, config=config)
    assert (res.audited, res.failed) == (2, 1)
    assert sorted(seen) == ["b.txt", "big.txt"]
    [(name, reason)] = _failures(tmp_path / "out")
    assert name == "a.txt"
    assert reason.startswith("文件大小超过上限") and reason.endswith("已拒绝读取。"), reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_dask_task_refuses_a_fifo_without_waiting(tmp_path):
    """A file swapped for a FIFO after the hash stage: the Dask engine's reader refuses it from stat (no open
    that waits for a writer) and records the file as failed; nothing is sent to a worker."""
    from nianbao.batch.dask_engine import DaskPool

    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    pool = DaskPool.__new__(DaskPool)
    pool.initargs, pool.inputs = (None, None, "", "", (0.0, 0)), {}  # (a file past the kept bytes is read here)
    failed: list[dict] = []
    t0 = time.monotonic()
    work = pool._prepare("parse", [("f" * 64, str(fifo)), ("a" * 64, str(FIX / "city_gov_2019.txt"))], failed.append)
    assert time.monotonic() - t0 < 5
    assert [w[:2] for w in work] == [("a" * 64, str(FIX / "city_gov_2019.txt"))]
    assert work[0][2] == (FIX / "city_gov_2019.txt").read_bytes()
    [f] = failed
    assert (f["sha"], f["status"], f["name"]) == ("f" * 64, "failed", "swapped.txt")
    assert f["reason"].startswith("不是普通文件"), f["reason"]
