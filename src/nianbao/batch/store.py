"""The batch store: one SQLite file (``DIR/nianbao-batch.sqlite``) keyed by file content hash.

Only the parent process writes; every result is committed in its own transaction, so an interrupted run
(crash, Ctrl-C, power loss) leaves a valid database holding every result that finished. Workers open the
file read-only to fetch parsed reports (WAL mode lets readers run beside the single writer).

Tables
  runs        one row per invocation: its arguments (to ``--resume``) and whether it finished
  paths       file path -> sha256 (several paths may share one sha256: audited once, all paths listed)
  documents   sha256 -> parse status ('parsed' | 'failed'), reason, metadata, role ('current' | 'previous')
  reports     sha256 -> the parsed Report (pickled, zlib) for the audit stage
  sentences   sha256 -> copy-detection sentences (JSON) and their MinHash signatures (uint64 bytes)
  copying     sha256 -> the copying dict of the latest copy-detection pass
  audits      sha256 -> audit key (rubric + config + copying + version), status, score, grade, row (JSON)
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DB_NAME = "nianbao-batch.sqlite"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL, args TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY, sha TEXT NOT NULL, role TEXT NOT NULL, size INTEGER, run INTEGER);
CREATE INDEX IF NOT EXISTS paths_sha ON paths (sha);
CREATE TABLE IF NOT EXISTS documents (
    sha TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, name TEXT NOT NULL, format TEXT,
    agency TEXT, level TEXT, year INTEGER, chars INTEGER, parse_s REAL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS reports (sha TEXT PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (sha TEXT PRIMARY KEY, data TEXT NOT NULL, sigs BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS copying (sha TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audits (
    sha TEXT PRIMARY KEY, key TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, score REAL, grade TEXT,
    row TEXT, audit_s REAL, at REAL NOT NULL);
"""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    else:
        con = sqlite3.connect(path, timeout=60, isolation_level=None)  # explicit BEGIN/COMMIT below
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: consistent after any crash
    con.execute("PRAGMA busy_timeout=60000")
    return con


class Store:
    """The parent's handle on the batch database (single writer)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path)
        self.con.executescript(_SCHEMA)
        with self.tx():
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        self._forget_failures_of_older_versions()

    def _forget_failures_of_older_versions(self) -> None:
        """Files that failed under another nianbao version are tried again (the reader may have been fixed)."""
        from nianbao import __version__

        row = self.con.execute("SELECT value FROM meta WHERE key = 'nianbao_version'").fetchone()
        if row and row[0] == __version__:
            return
        with self.tx() as c:
            c.execute("DELETE FROM documents WHERE status = 'failed'")
            c.execute("INSERT OR REPLACE INTO meta VALUES ('nianbao_version', ?)", (__version__,))

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # ------------------------------------------------------------------ runs
    def start_run(self, args: dict[str, Any]) -> int:
        with self.tx() as c:
            cur = c.execute("INSERT INTO runs (started, args) VALUES (?, ?)",
                            (time.time(), json.dumps(args, ensure_ascii=False)))
            return int(cur.lastrowid or 0)

    def finish_run(self, run: int) -> None:
        with self.tx() as c:
            c.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run))

    def last_run(self) -> tuple[dict[str, Any], bool] | None:
        """(arguments, finished) of the latest run that recorded its inputs, if any."""
        row = self.con.execute("SELECT args, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return (json.loads(row[0]), row[1] is not None) if row else None

    # ------------------------------------------------------------------ paths and documents
    def add_paths(self, rows: Iterable[tuple[str, str, str, int | None]], run: int) -> None:
        with self.tx() as c:
            c.executemany("INSERT OR REPLACE INTO paths (path, sha, role, size, run) VALUES (?, ?, ?, ?, ?)",
                          [(p, s, r, n, run) for p, s, r, n in rows])

    def known(self) -> set[str]:
        """Content hashes already parsed (or failed) — skipped when seen again."""
        return {r[0] for r in self.con.execute("SELECT sha FROM documents")}

    def save_parsed(self, res: dict[str, Any]) -> None:
        """One parse result, committed on its own (with its report and sentences when it parsed)."""
        with self.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO documents (sha, status, reason, name, format, agency, level, year, chars,"
                " parse_s, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (res["sha"], res["status"], res.get("reason"), res["name"], res.get("format"), res.get("agency"),
                 res.get("level"), res.get("year"), res.get("chars"), res.get("seconds"), time.time()))
            if res["status"] == "parsed":
                c.execute("INSERT OR REPLACE INTO reports VALUES (?, ?)", (res["sha"], res["blob"]))
                c.execute("INSERT OR REPLACE INTO sentences VALUES (?, ?, ?)",
                          (res["sha"], json.dumps(res["sentences"], ensure_ascii=False), res["sigs"]))

    def documents(self, shas: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        cols = ("sha", "status", "reason", "name", "format", "agency", "level", "year", "chars", "parse_s")
        for chunk in _chunks(list(shas), 500):
            q = f"SELECT {', '.join(cols)} FROM documents WHERE sha IN ({','.join('?' * len(chunk))})"
            for row in self.con.execute(q, chunk):
                out[row[0]] = dict(zip(cols, row, strict=True))
        return out

    def sentences(self, shas: Iterable[str]) -> Iterator[tuple[str, list, bytes]]:
        for chunk in _chunks(list(shas), 500):
            q = f"SELECT sha, data, sigs FROM sentences WHERE sha IN ({','.join('?' * len(chunk))})"
            for sha, data, sigs in self.con.execute(q, chunk):
                yield sha, json.loads(data), sigs

    # ------------------------------------------------------------------ copying and audits
    def save_copying(self, copying: dict[str, dict]) -> None:
        with self.tx() as c:
            c.executemany("INSERT OR REPLACE INTO copying VALUES (?, ?)",
                          [(sha, json.dumps(d, ensure_ascii=False, sort_keys=True)) for sha, d in copying.items()])

    def copying(self, shas: Iterable[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for chunk in _chunks(list(shas), 500):
            q = f"SELECT sha, data FROM copying WHERE sha IN ({','.join('?' * len(chunk))})"
            out.update((sha, json.loads(d)) for sha, d in self.con.execute(q, chunk))
        return out

    def audit_keys(self) -> dict[str, str]:
        return {sha: key for sha, key in self.con.execute("SELECT sha, key FROM audits")}

    def save_audit(self, res: dict[str, Any]) -> None:
        with self.tx() as c:
            c.execute("INSERT OR REPLACE INTO audits (sha, key, status, reason, score, grade, row, audit_s, at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      (res["sha"], res["key"], res["status"], res.get("reason"), res.get("score"), res.get("grade"),
                       json.dumps(res.get("row"), ensure_ascii=False) if res.get("row") is not None else None,
                       res.get("seconds"), time.time()))

    def audits(self, shas: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(shas), 500):
            q = (f"SELECT sha, key, status, reason, score, grade, row FROM audits"
                 f" WHERE sha IN ({','.join('?' * len(chunk))})")
            for sha, key, status, reason, sc, grade, row in self.con.execute(q, chunk):
                out[sha] = {"sha": sha, "key": key, "status": status, "reason": reason, "score": sc,
                            "grade": grade, "row": json.loads(row) if row else None}
        return out

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("paths", "documents", "reports", "audits")}


def load_report_blob(con: sqlite3.Connection, sha: str) -> bytes | None:
    row = con.execute("SELECT blob FROM reports WHERE sha = ?", (sha,)).fetchone()
    return row[0] if row else None


def _chunks(xs: list, n: int) -> Iterator[list]:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]
