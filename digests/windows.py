"""How a query picks the articles of a time window: by an index on that time, then everything else by article id.

An answer then costs what its window holds, not what the store holds. Written as `IN (articles of the window)`,
SQLite's planner takes that road too (joined, it would rather scan figures in id order); PostgreSQL makes it a
semi-join. The indexes: ix_articles_when on WHEN (migration 0005), ix_articles_ingested_at.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from digests.store.schema import Article

# When an article was news: its publication time, or when it was stored if the feed gave none.
WHEN = func.coalesce(Article.published_at, Article.ingested_at)


def published_since(since: datetime) -> ColumnElement[bool]:
    """Articles that were news at or after `since`."""
    return Article.id.in_(select(Article.id).where(since <= WHEN))


def stored_since(moment: datetime) -> ColumnElement[bool]:
    """Articles stored at or after `moment`."""
    return Article.id.in_(select(Article.id).where(Article.ingested_at >= moment))


def first_digest_start(session: Session, window: timedelta) -> datetime | None:
    """Where a channel's first digest starts: `window` before the newest stored article (not before now, so a
    store last filled a while ago still gives a first digest); None when the store holds no article."""
    newest = session.scalar(select(func.max(Article.ingested_at)))
    return newest - window if newest is not None else None
