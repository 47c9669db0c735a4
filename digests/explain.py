"""Why a digest holds what it holds: each candidate article's relevance to the topics and the terms that hit
(`sitrep digest --explain`, and `/digest why` for admins)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from digests.config.models import Topic
from digests.relevance import Relevance
from digests.store.schema import Article

_WHEN = func.coalesce(Article.published_at, Article.ingested_at)


def explain_lines(
    session: Session,
    config_topics: Mapping[str, Topic],
    topics: Sequence[str],
    *,
    after_id: int = 0,
    since: datetime | None = None,
    limit: int = 200,
) -> list[str]:
    """For each new article that names a topic's term (newest first, at most `limit`): a line saying in or
    out, then one per topic with its score and the terms that hit."""
    # Scored against every configured topic, as ingest scores it: a topic's share depends on the others.
    relevance = Relevance(config_topics)
    query = (
        select(Article)
        .where(Article.id > after_id, Article.is_new.is_(True))
        .options(selectinload(Article.figures), selectinload(Article.source))
        .order_by(_WHEN.desc(), Article.id.desc())
    )
    if since is not None:
        query = query.where(since <= _WHEN)
    lines: list[str] = []
    shown = 0
    for article in session.scalars(query):
        scored = relevance.score(article.title, article.text, [(f.start, f.end) for f in article.figures])
        scores = [s for s in scored if s.topic in topics]
        if not scores:
            continue
        verdict = "IN " if any(s.relevant for s in scores) else "out"
        source = article.source.title or article.source.name
        lines.append(f"{verdict} {article.title[:90]} ({source})")
        lines.extend(f"      {s.explain()}" for s in scores)
        shown += 1
        if shown >= limit:
            break
    return lines


def explain_relevance(
    session: Session,
    config_topics: Mapping[str, Topic],
    topics: Sequence[str],
    *,
    after_id: int = 0,
    since: datetime | None = None,
) -> str:
    lines = explain_lines(session, config_topics, topics, after_id=after_id, since=since)
    head = f"Relevance to {', '.join(topics)}: score 0..1, in at 0.50 or more; term×occurrences"
    return "\n".join([head, *lines]) if lines else f"{head}\n(no new article names a term of these topics)"
