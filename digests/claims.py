"""Claims that let several replicas share one database: a lease on a piece of work (a feed's poll, a channel's
digest) with an owner and an expiry. A replica takes a lease before acting and skips the work when another
holds it; a dead replica's leases simply run out. On PostgreSQL a claim first tries a transaction-scoped
advisory lock on the key and reads the row `FOR UPDATE SKIP LOCKED`, so a replica never waits on another's
claim, not even on a key's first; SQLite (one process) has neither and serialises its writers. Leases are
read on the database's clock (`database_now`), so replicas whose own clocks disagree still agree on them.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from digests.store.schema import Lease


def replica_name() -> str:
    """This process's name as a lease owner: host, pid and a random tag (a pid can come round again)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def database_now(session: Session) -> datetime:
    """The lease clock: the database server's on PostgreSQL (`now()`, this transaction's start), so every
    replica reads a lease's expiry on one clock; this process's on SQLite, which one process uses."""
    if session.get_bind().dialect.name == "postgresql":
        moment = session.scalar(text("SELECT now()"))
        assert isinstance(moment, datetime)
        return moment
    return datetime.now(UTC)


def claim(session: Session, key: str, owner: str, *, until: datetime, now: datetime) -> bool:
    """Take the lease `key` until `until` when nobody holds it (no row, or its holder's time ran out).

    False when another owner holds it, or another transaction is taking it right now. The owner's own live
    lease is not taken again: a claim is for one run of the work."""
    if session.get_bind().dialect.name == "postgresql" and not session.scalar(
        # Whoever else is claiming this key right now (even inserting its first row) holds this lock.
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": key},
    ):
        return False
    lease = session.scalar(select(Lease).where(Lease.key == key).with_for_update(skip_locked=True))
    if lease is None:
        try:
            with session.begin_nested():
                session.add(Lease(key=key, owner=owner, expires_at=until))
                session.flush()
        except IntegrityError:
            return False  # it exists and another transaction holds its row: that one is claiming it
        return True
    if lease.expires_at > now:
        return False
    lease.owner = owner
    lease.expires_at = until
    return True


def renew(session: Session, key: str, owner: str, until: datetime) -> bool:
    """Move the owner's lease to `until`; False when it is no longer the owner's."""
    lease = session.scalar(select(Lease).where(Lease.key == key, Lease.owner == owner).with_for_update())
    if lease is None:
        return False
    lease.expires_at = until
    return True


def release(session: Session, key: str, owner: str) -> None:
    """Give back a lease early (only the owner's own)."""
    lease = session.scalar(select(Lease).where(Lease.key == key, Lease.owner == owner).with_for_update())
    if lease is not None:
        session.delete(lease)


def holder(session: Session, key: str, now: datetime) -> str | None:
    """Who holds the lease now; None when nobody does."""
    lease = session.get(Lease, key)
    return lease.owner if lease is not None and lease.expires_at > now else None
