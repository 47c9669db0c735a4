"""How the store is doing: a write probe, what kind of fault an error is, one log line per kind a minute, and
when the admins should hear that the database failed (once, after a while) and that it is back."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from digests.store.db import Store

# Faults that no retry mends: the tables or the database itself are gone.
FATAL = frozenset({"missing schema", "missing database"})
# (kind, words in the driver's message, lowercased), first match wins.
_KINDS = (
    ("read-only", ("readonly", "read-only", "read only")),
    ("disk full", ("disk is full", "no space left")),
    ("disk I/O error", ("disk i/o error", "malformed")),
    ("locked", ("database is locked", "busy")),
    ("unreachable", ("unable to open", "connection", "could not connect", "server closed", "terminating")),
)


class DatabaseLost(Exception):
    """The SQLite file is gone: connections still open write to a deleted file, new ones would start empty."""


def fault_kind(exc: BaseException) -> str | None:
    """The kind of storage fault an exception is ("read-only", "unreachable"…), None if it is none."""
    if isinstance(exc, DatabaseLost):
        return "missing database"
    if not isinstance(exc, SQLAlchemyError):
        return None
    original = getattr(exc, "orig", None) or exc
    text = str(original).lower()
    state = getattr(original, "sqlstate", None)  # PostgreSQL's error code
    if state == "42P01" or "no such table" in text:
        return "missing schema"
    if state == "3D000" or ('database "' in text and "does not exist" in text):
        return "missing database"
    for kind, words in _KINDS:
        if any(w in text for w in words):
            return kind
    return type(original).__name__


def reason(exc: BaseException) -> str:
    """The driver's own first line, for an admin."""
    original = getattr(exc, "orig", None) or exc
    return next(iter(str(original).strip().splitlines()), type(original).__name__)


def probe(store: Store) -> None:
    """A write that changes nothing but is written all the same (SQLite finds a read-only or moved file only
    when it writes a page): raises when the database is unreachable, read-only or lost its tables."""
    url = store.engine.url
    file = url.database if url.get_backend_name() == "sqlite" and url.database != ":memory:" else None
    if file and not Path(file).expanduser().exists():
        raise DatabaseLost(f"the database file {file} was deleted")
    with store.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = version_num"))


class Throttle:
    """One log line per kind of fault a minute: a failing database must not bury the log in tracebacks."""

    def __init__(self, every: float = 60.0) -> None:
        self.every = every
        self._last: dict[str, float] = {}

    def log(self, logger: logging.Logger, what: str, exc: BaseException) -> None:
        kind = fault_kind(exc) or type(exc).__name__
        now = time.monotonic()
        if now - self._last.get(kind, -self.every) < self.every:
            return
        self._last[kind] = now
        logger.error("%s: database %s: %s", what, kind, reason(exc))


# Shared by every part of the process that meets a storage fault.
THROTTLE = Throttle()


@dataclass
class Outage:
    """The database's failing spell: the admins hear once when it has lasted `notify_after`, and once when
    it is over (only if they heard it began)."""

    notify_after: timedelta
    since: datetime | None = None
    kinds: list[str] = field(default_factory=list)
    told: bool = False

    def failed(self, kind: str, now: datetime) -> bool:
        """Record a failure; True when the admins should be told now."""
        if self.since is None:
            self.since = now
        if kind not in self.kinds:
            self.kinds.append(kind)
        if not self.told and now - self.since >= self.notify_after:
            self.told = True
            return True
        return False

    def recovered(self, now: datetime) -> timedelta | None:
        """Record a success; how long the outage lasted when the admins had been told of it, else None."""
        lasted = now - self.since if self.since is not None and self.told else None
        self.since, self.kinds, self.told = None, [], False
        return lasted
