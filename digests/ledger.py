"""The delivery ledger: a row per channel and window, written before a post and marked after it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
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
) -> Delivery | None:
    """Record a pending delivery; None when this channel and window already has one (another run took it)."""
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
    )
    try:
        with session.begin_nested():
            session.add(delivery)
            session.flush()
    except IntegrityError:
        return None
    return delivery


def record_part(session: Session, delivery_id: int, message_id: str) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.message_ids = [*delivery.message_ids, message_id]
    delivery.parts_sent += 1


def mark_sent(session: Session, delivery_id: int, now: datetime) -> None:
    delivery = session.get_one(Delivery, delivery_id)
    delivery.status = SENT
    delivery.sent_at = now
    delivery.error = None


# A transiently failed post is tried again after 30 s, 1 min, 2 min… at most 30 min apart.
RETRY_FIRST, RETRY_MAX = timedelta(seconds=30), timedelta(minutes=30)


def mark_failed(
    session: Session, delivery_id: int, reason: str, *, permanent: bool, now: datetime | None = None
) -> None:
    """A permanent failure ends the delivery; a transient one stays pending, retried with backoff."""
    delivery = session.get_one(Delivery, delivery_id)
    delivery.attempts += 1
    delivery.error = reason
    if permanent:
        delivery.status = FAILED
        delivery.next_attempt_at = None
    elif now is not None:
        delivery.next_attempt_at = now + min(RETRY_FIRST * 2 ** (delivery.attempts - 1), RETRY_MAX)


def pending_deliveries(
    session: Session, channel: str | None = None, *, due_before: datetime | None = None
) -> list[Delivery]:
    """Pending deliveries, oldest first. With `due_before`: only those that failed for a passing reason
    and whose retry time has come — never one that a job is posting right now (it has no attempt yet)."""
    query = select(Delivery).where(Delivery.status == PENDING).order_by(Delivery.id)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    if due_before is not None:
        query = query.where(Delivery.attempts > 0, Delivery.next_attempt_at <= due_before)
    return list(session.scalars(query))


def recent_deliveries(session: Session, limit: int = 20) -> list[Delivery]:
    return list(session.scalars(select(Delivery).order_by(Delivery.id.desc()).limit(limit)))


def last_delivery(session: Session, channel: str) -> Delivery | None:
    return session.scalar(select(Delivery).where(Delivery.channel == channel).order_by(Delivery.id.desc()).limit(1))
