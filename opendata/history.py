"""The publication log: every action attempted on a portal, append-only and verifiable.

One row per step: written when a request starts and again when it ends (ok or failed), so
a run cut in the middle leaves a visible "started" row without an end. Each row carries the
hash of the previous row (a hash chain), so an edited or deleted row is detected; SQLite
triggers refuse updates and deletes outright. The default store is one SQLite file under
``.opendata/``, created on first use.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import sqlite3
import uuid
from pathlib import Path

from . import __version__

GENESIS = "0" * 64
COLUMNS = ("run_id", "time", "os_user", "portal_user", "portal", "dataset", "resource",
           "action", "outcome", "error", "sha256", "bytes", "dataset_id", "resource_id",
           "url", "source", "source_sha256", "tool_version")
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    {", ".join(f"{c} {'INTEGER' if c == 'bytes' else 'TEXT'}" for c in COLUMNS)},
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_dataset ON entries (dataset, time);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'the publication log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'the publication log is append-only'); END;
"""


def row_hash(previous: str, entry: dict) -> str:
    payload = json.dumps({c: entry.get(c) for c in COLUMNS}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{payload}".encode()).hexdigest()


class PublicationLog:
    def __init__(self, location: str | Path):
        self.path = Path(location)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.executescript(SCHEMA)

    def append(self, entry: dict) -> dict:
        """Add one row (its time, user, tool version and chain hash are filled in here)."""
        entry = {"time": utc_now(), "os_user": os_user(), "tool_version": __version__,
                 **entry}
        self.db.execute("BEGIN IMMEDIATE")  # the last hash and the insert, as one step
        try:
            last = self.db.execute("SELECT hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            previous = last["hash"] if last else GENESIS
            values = [entry.get(c) for c in COLUMNS]
            self.db.execute(
                f"INSERT INTO entries ({', '.join(COLUMNS)}, prev_hash, hash) "
                f"VALUES ({', '.join('?' * (len(COLUMNS) + 2))})",
                [*values, previous, row_hash(previous, entry)])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return entry

    def entries(self) -> list[dict]:
        """Every row, oldest first."""
        return [dict(row) for row in self.db.execute("SELECT * FROM entries ORDER BY seq")]

    def close(self) -> None:
        self.db.close()


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container, a service)
        return "unknown"
