"""The delivery ledger: a row per channel and window, written before a post and marked after it."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from digests.store.schema import Delivery

PENDING, SENT, FAILED = "pending", "sent", "failed"


def covered_up_to(session: Session, channel: str) -> int:
    """The highest article id already delivered (or being delivered) to a channel.

    Failed deliveries don't count, so what they held comes round again in the next digest.
    """
    value = session.scalar(
        select(func.max(Delivery.last_article_id)).where(
            Delivery.channel == channel, Delivery.status.in_((SENT, PENDING))
        )
    )
    return int(value or 0)


def settle_articles(session: Session) -> None:
    """Before a digest is built: wait for articles being stored right now, and hold new ones off until this
    transaction ends. On PostgreSQL an article's id is taken when it is inserted but transactions commit in
    any order, so a digest built between two commits could see article 5 and not yet 4, count everything up
    to 5 as covered and never show 4. (SQLite lets one writer at a time: ids commit in order.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE articles IN SHARE MODE"))


def open_delivery(
    session: Session,
    *,
    channel: str,
    window: str,
    platform: str,
    payload: Sequence[dict[str, Any]],
    last_article_id: int,
    article_count: int,
    now: datetime,
    owner: str | None = None,
    claimed_until: datetime | None = None,
) -> Delivery | None:
    """Record a pending delivery, held by `owner` until `claimed_until` while it posts; None when this channel
    and window already has one (another run took it)."""
    delivery = Delivery(
        channel=channel,
        window=window,
        platform=platform,
        status=PENDING,
        last_article_id=last_article_id,
        article_count=article_count,
        payload=list(payload),
        parts_sent=0,
        message_ids=[],
        attempts=0,
        created_at=now,
        claimed_by=owner,
        claimed_until=claimed_until,
    )
    try:
        with session.begin_nested():
            session.add(delivery)
            session.flush()
    except IntegrityError:
        return None
    return delivery


def record_part(
    session: Session, delivery_id: int, message_id: str, *, owner: str | None = None, until: datetime | None = None
) -> bool:
    """Record a posted part; with `owner`, also renew its claim until `until`. False when the claim is no
    longer the owner's (the part is recorded all the same: it was posted)."""
    delivery = session.get_one(Delivery, delivery_id, with_for_update=True)
    delivery.message_ids = [*delivery.message_ids, message_id]
    delivery.parts_sent += 1
    if owner is None or until is None:
        return True
    if delivery.claimed_by != owner:
        return False
    delivery.claimed_until = until
    return True


def mark_sent(session: Session, delivery_id: int, now: datetime) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.status = SENT
    delivery.sent_at = now
    delivery.error = None
    delivery.claimed_by = delivery.claimed_until = None


# A transiently failed post is tried again after 30 s, 1 min, 2 min… at most 30 min apart.
RETRY_FIRST, RETRY_MAX = timedelta(seconds=30), timedelta(minutes=30)


def mark_failed(
    session: Session,
    delivery_id: int,
    reason: str,
    *,
    permanent: bool,
    now: datetime | None = None,
    owner: str | None = None,
) -> None:
    """A permanent failure ends the delivery; a transient one stays pending, retried with backoff.
    With `owner`: nothing changes when another replica holds the delivery now (it took it over)."""
    delivery = session.get_one(Delivery, delivery_id, with_for_update=True)
    if owner is not None and delivery.claimed_by not in (None, owner):
        return
    delivery.attempts += 1
    delivery.error = reason
    delivery.claimed_by = delivery.claimed_until = None
    if permanent:
        delivery.status = FAILED
        delivery.next_attempt_at = None
    elif now is not None:
        delivery.next_attempt_at = now + min(RETRY_FIRST * 2 ** (delivery.attempts - 1), RETRY_MAX)


def pending_deliveries(session: Session, channel: str | None = None) -> list[Delivery]:
    """Pending deliveries, oldest first."""
    query = select(Delivery).where(Delivery.status == PENDING).order_by(Delivery.id)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    return list(session.scalars(query))


def claim_pending(
    session: Session,
    owner: str,
    *,
    now: datetime,
    until: datetime,
    due_only: bool = False,
    skip: Collection[int] = (),
) -> Delivery | None:
    """Claim the oldest pending delivery nobody holds (never claimed, or its holder's claim ran out) for
    `owner` until `until`; None when there is none. A row another replica is claiming at this moment is
    skipped, not waited on. With `due_only`: not one that failed for a passing reason and whose retry time
    has not come. `skip`: ids this pass already handled."""
    query = (
        select(Delivery)
        .where(Delivery.status == PENDING, or_(Delivery.claimed_until.is_(None), Delivery.claimed_until <= now))
        .order_by(Delivery.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if due_only:
        query = query.where(or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now))
    if skip:
        query = query.where(Delivery.id.not_in(list(skip)))
    delivery = session.scalar(query)
    if delivery is not None:
        delivery.claimed_by = owner
        delivery.claimed_until = until
    return delivery


def renew_claim(session: Session, delivery_id: int, owner: str, until: datetime) -> bool:
    """Extend the owner's claim on a delivery it is posting; False when the claim is no longer its own."""
    delivery = session.get_one(Delivery, delivery_id, with_for_update=True)
    if delivery.claimed_by != owner or delivery.status != PENDING:
        return False
    delivery.claimed_until = until
    return True


def recent_deliveries(session: Session, limit: int = 20) -> list[Delivery]:
    return list(session.scalars(select(Delivery).order_by(Delivery.id.desc()).limit(limit)))


def last_delivery(session: Session, channel: str) -> Delivery | None:
    return session.scalar(select(Delivery).where(Delivery.channel == channel).order_by(Delivery.id.desc()).limit(1))
