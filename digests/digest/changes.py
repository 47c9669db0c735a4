"""How each running total moved since the channel's last digest: the same claimant's last count of the same
people, kind and topic among the articles that digest covered, and the difference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from digests.digest.entities import claimant_key, people_key
from digests.digest.model import Claim, FigureGroup
from digests.store.schema import Article, FigureRow

# The earlier counts looked at: the most recent this many running totals of the digest's topics.
_HISTORY = 2000


def _value(low: int | None, high: int | None) -> int | None:
    return low if low is not None else high


def with_changes(
    session: Session, groups: Sequence[FigureGroup], topics: Sequence[str], after_id: int
) -> tuple[FigureGroup, ...]:
    """The groups with `change` set on each running-total claim that an earlier digest also showed, and
    `change_since` to when that earlier count was published."""
    if not after_id or not any(g.scope == "cumulative" for g in groups):
        return tuple(groups)
    query = (
        select(
            FigureRow.actor,
            FigureRow.kind,
            FigureRow.topic,
            FigureRow.attributed_to,
            FigureRow.min,
            FigureRow.max,
            func.coalesce(Article.published_at, Article.ingested_at),
        )
        .join(Article)
        .where(FigureRow.article_id <= after_id, FigureRow.topic.in_(topics))
        .where(FigureRow.scope == "cumulative", FigureRow.rejected.is_(None))
        .order_by(FigureRow.article_id.desc(), FigureRow.start.desc())
        .limit(_HISTORY)
    )
    before: dict[tuple[str, str, str | None, str | None], tuple[int, datetime]] = {}
    for actor, kind, topic, claimant, low, high, published in session.execute(query):
        value = _value(low, high)
        if value is not None:
            before.setdefault((people_key(actor), kind, topic, claimant_key(claimant)), (value, published))

    def moved(group: FigureGroup, claim: Claim) -> Claim:
        earlier = before.get((group.actor, group.kind, group.topic, claim.claimant))
        now = _value(claim.min, claim.max)
        if earlier is None or now is None:
            return claim
        return replace(claim, change=now - earlier[0], change_since=earlier[1])

    return tuple(
        replace(g, claims=tuple(moved(g, c) for c in g.claims)) if g.scope == "cumulative" else g for g in groups
    )
