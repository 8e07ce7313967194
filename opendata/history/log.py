"""The publication log: every action attempted on a portal, append-only and verifiable.

One row per step: written when a request starts and again when it ends (ok or failed), so
a run cut in the middle leaves a visible "started" row without an end. Each row carries the
hash of the previous row (a hash chain), so an edited or removed row is detected; triggers
refuse updates and deletes outright. The default store is one SQLite file under
``.opendata/``, created on first use; a team can share one PostgreSQL database instead
(``[log] path = "postgresql://…"`` in opendata.toml).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from opendata import __version__
from opendata.errors import DefinitionError

GENESIS = "0" * 64
TABLE = "publication_log"
COLUMNS = ("run_id", "time", "os_user", "portal_user", "portal", "dataset", "resource",
           "action", "outcome", "error", "sha256", "bytes", "dataset_id", "resource_id",
           "url", "source", "source_sha256", "tool_version", "details")
# Columns added after the first logs were written: a row's hash covers them only when they
# are set, so every row written before still verifies as it was written.
ADDED_COLUMNS = ("details",)  # JSON: the portal's version at a run's start, moderation…
COLUMN_TYPES = ", ".join(f"{c} {'BIGINT' if c == 'bytes' else 'TEXT'}" for c in COLUMNS)
REFUSAL = "the publication log is append-only"

SQLITE_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, {COLUMN_TYPES},
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS {TABLE}_dataset ON {TABLE} (dataset, time);
CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END;
CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END;
"""
POSTGRES_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    seq BIGSERIAL PRIMARY KEY, {COLUMN_TYPES},
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS {TABLE}_dataset ON {TABLE} (dataset, time);
CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TABLE}_no_change') THEN
        CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse();
        CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse();
    END IF;
END $$;
"""


@dataclass
class Filters:
    dataset: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive
    portal: str | None = None
    outcome: str | None = None


@dataclass
class ChainBreak:
    seq: int
    problem: str  # "edited": the row is not what was written; "gap": a row before it is gone


def row_hash(previous: str, entry: dict) -> str:
    payload = json.dumps({c: entry.get(c) for c in COLUMNS
                          if c not in ADDED_COLUMNS or entry.get(c) is not None},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{previous}\n{payload}".encode()).hexdigest()


class PublicationLog:
    """The log in SQLite (a path) or PostgreSQL (a ``postgresql://`` URL)."""

    def __init__(self, location: str | Path, read_only: bool = False):
        """Open the log; ``read_only`` (log, status, verify) never creates or changes a
        file: a project that has published nothing reads as an empty log."""
        self.location = str(location)
        if self.location.startswith(("postgresql://", "postgres://")):
            self.db, self.mark = connect_postgres(self.location), "%s"
            self.lock = f"BEGIN; LOCK TABLE {TABLE} IN EXCLUSIVE MODE"
            return
        self.mark, self.lock = "?", "BEGIN IMMEDIATE"
        path = Path(location)
        try:
            if read_only and not path.exists():
                self.db = sqlite3.connect(":memory:", isolation_level=None)
                self.db.executescript(SQLITE_SCHEMA)
            elif read_only:
                self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                          isolation_level=None, timeout=30)
                self.db.execute(f"SELECT 1 FROM {TABLE} LIMIT 1")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
                self.db.executescript(SQLITE_SCHEMA)
                present = {row[1] for row in self.db.execute(f"PRAGMA table_info({TABLE})")}
                for column in ADDED_COLUMNS:
                    if column not in present:  # a log written by an earlier version
                        self.db.execute(f"ALTER TABLE {TABLE} ADD COLUMN {column} TEXT")
        except (sqlite3.Error, OSError) as error:
            raise DefinitionError("log-unreadable", path=self.location,
                                  reason=" ".join(str(error).split())[:200]) from None

    def rows(self, sql: str, params=()) -> list[dict]:
        cursor = self.db.execute(sql.replace("?", self.mark), params)
        names = [d[0] for d in cursor.description]
        added = dict.fromkeys(ADDED_COLUMNS)  # absent from a log an earlier version wrote
        return [{**added, **dict(zip(names, row))} for row in cursor.fetchall()]

    def append(self, entry: dict) -> dict:
        """Add one row; its time, OS user, tool version and chain hash are filled in here."""
        entry = {"time": utc_now(), "os_user": os_user(), "tool_version": __version__,
                 **entry}
        for statement in self.lock.split("; "):  # the last hash and the insert, as one step
            self.db.execute(statement)
        try:
            last = self.rows(f"SELECT hash FROM {TABLE} ORDER BY seq DESC LIMIT 1")
            previous = last[0]["hash"] if last else GENESIS
            marks = ", ".join([self.mark] * (len(COLUMNS) + 2))
            self.db.execute(f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}, prev_hash, hash) "
                            f"VALUES ({marks})", [*(entry.get(c) for c in COLUMNS), previous,
                                                  row_hash(previous, entry)])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return entry

    def entries(self, filters: Filters | None = None, newest_first: bool = True) -> list[dict]:
        filters = filters or Filters()
        where, params = [], []
        for column, value in (("dataset", filters.dataset), ("portal", filters.portal),
                              ("outcome", filters.outcome)):
            if value:
                where.append(f"{column} = ?")
                params.append(value.rstrip("/") if column == "portal" else value)
        if filters.since:
            where.append("time >= ?")
            params.append(filters.since.isoformat())
        if filters.until:
            where.append("time < ?")
            params.append((filters.until + dt.timedelta(days=1)).isoformat())
        sql = f"SELECT * FROM {TABLE}" + (f" WHERE {' AND '.join(where)}" if where else "")
        return self.rows(sql + f" ORDER BY seq {'DESC' if newest_first else 'ASC'}", params)

    def chain_breaks(self) -> list[ChainBreak]:
        """Rows that are not as written, or follow a row that is gone."""
        breaks, previous = [], GENESIS
        for row in self.entries(newest_first=False):
            if row["prev_hash"] != previous:
                breaks.append(ChainBreak(row["seq"], "gap"))
            if row["hash"] != row_hash(row["prev_hash"], row):
                breaks.append(ChainBreak(row["seq"], "edited"))
            previous = row["hash"]
        return breaks

    def close(self) -> None:
        self.db.close()


def connect_postgres(url: str):
    try:
        import psycopg
    except ImportError:
        raise DefinitionError("log-postgres-missing")
    try:
        db = psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        raise DefinitionError("log-unreachable", location=url.split("@")[-1],
                              reason=" ".join(str(error).split())[:200])
    db.execute(POSTGRES_SCHEMA)
    for column in ADDED_COLUMNS:  # a log written by an earlier version
        db.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {column} TEXT")
    return db


def new_run_id() -> str:
    return uuid.uuid4().hex[:16]


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container, a service)
        return "unknown"
