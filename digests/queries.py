"""The store queries slash commands answer from: figures, quotes, feed states, and names for autocomplete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from digests.digest.build import WITHOUT_TEXT, article_ref, group_figures
from digests.digest.entities import actor_key
from digests.digest.model import FigureGroup, QuoteItem
from digests.store.schema import Article, ArticleTopic, Delivery, FigureRow, QuoteRow, Source
from digests.windows import WHEN, published_since, stored_since


def _in_topics(topics: Sequence[str]) -> object:
    return Article.id.in_(select(ArticleTopic.article_id).where(ArticleTopic.topic.in_(topics)))


def figures_since(
    session: Session,
    since: datetime,
    *,
    topics: Sequence[str] | None = None,
    actor: str | None = None,
    limit: int = 25,
) -> tuple[FigureGroup, ...]:
    """Latest claims per count among conflict figures published since `since` that belong to `topics` (by
    their own sentence and paragraph); `actor` matches the grouped name or the words as written,
    case-insensitively."""
    query = (
        select(FigureRow)
        .where(FigureRow.article_id.in_(select(Article.id).where(since <= WHEN)))
        .where(FigureRow.rejected.is_(None))
        .options(selectinload(FigureRow.article).options(*WITHOUT_TEXT, selectinload(Article.source)))
        .options(selectinload(FigureRow.article).selectinload(Article.topics))
        .order_by(FigureRow.id)
    )
    if topics is not None:
        query = query.where(FigureRow.topic.in_(topics))
    rows = list(session.scalars(query))
    if actor is not None:
        wanted = actor.casefold()
        rows = [
            r for r in rows if actor_key(r.actor).casefold() == wanted or (r.actor and wanted in r.actor.casefold())
        ]
    return group_figures(rows, limit, topics or ())


def quotes_since(
    session: Session,
    since: datetime,
    *,
    topics: Sequence[str] | None = None,
    speaker: str | None = None,
    limit: int = 10,
) -> tuple[QuoteItem, ...]:
    """Newest quotes first; `speaker` matches any part of the speaker's name, case-insensitively."""
    query = (
        select(QuoteRow)
        .join(Article)
        .where(published_since(since))
        .options(selectinload(QuoteRow.article).options(*WITHOUT_TEXT, selectinload(Article.source)))
        .options(selectinload(QuoteRow.article).selectinload(Article.topics))
        .order_by(WHEN.desc(), QuoteRow.article_id.desc(), QuoteRow.start)
    )
    if topics is not None:
        query = query.where(_in_topics(topics))  # type: ignore[arg-type]
    if speaker is not None:
        query = query.where(func.lower(QuoteRow.speaker).contains(speaker.lower(), autoescape=True))
    rows = list(session.scalars(query.limit(limit)))
    return tuple(QuoteItem(text=r.text, speaker=r.speaker, article=article_ref(r.article)) for r in rows)


@dataclass(frozen=True)
class SourceState:
    name: str
    url: str
    status: str | None
    error: str | None
    failures: int
    last_success_at: datetime | None
    last_error_at: datetime | None
    paused: bool
    gone: bool
    articles_today: int
    # Of those, the ones in a language other than English, as (language, count): no figures or quotes.
    other_languages_today: tuple[tuple[str, int], ...] = ()


def source_states(session: Session, day_start: datetime) -> list[SourceState]:
    counts = dict(
        session.execute(
            select(Article.source_id, func.count()).where(stored_since(day_start)).group_by(Article.source_id)
        ).all()
    )
    others: dict[int, list[tuple[str, int]]] = {}
    for source_id, language, count in session.execute(
        select(Article.source_id, Article.language, func.count())
        .where(stored_since(day_start), Article.language.is_not(None), Article.language != "en")
        .group_by(Article.source_id, Article.language)
        .order_by(Article.language)
    ).all():
        others.setdefault(source_id, []).append((str(language), int(count)))
    return [
        SourceState(
            name=s.name,
            url=s.permanent_url or s.url,
            status=s.status,
            error=s.error,
            failures=s.failures,
            last_success_at=s.last_success_at,
            last_error_at=s.last_error_at,
            paused=s.paused_at is not None,
            gone=s.gone,
            articles_today=int(counts.get(s.id, 0)),
            other_languages_today=tuple(others.get(s.id, ())),
        )
        for s in session.scalars(select(Source).order_by(Source.name))
    ]


def failed_deliveries(session: Session, limit: int = 10) -> list[Delivery]:
    """Deliveries that did not go through (failed, or pending after an error), newest first."""
    query = (
        select(Delivery)
        .where((Delivery.status == "failed") | ((Delivery.status == "pending") & Delivery.error.is_not(None)))
        .order_by(Delivery.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def known_actors(session: Session, prefix: str = "", limit: int = 25) -> list[str]:
    """Grouped actor names for autocomplete, most counted first."""
    rows = session.execute(select(FigureRow.actor, func.count()).group_by(FigureRow.actor)).all()
    totals: dict[str, int] = {}
    for actor, count in rows:
        key = actor_key(actor)
        totals[key] = totals.get(key, 0) + int(count)
    wanted = prefix.casefold()
    names = [k for k in sorted(totals, key=lambda k: (-totals[k], k)) if wanted in k.casefold()]
    return names[:limit]


def known_speakers(session: Session, prefix: str = "", limit: int = 25) -> list[str]:
    query = (
        select(QuoteRow.speaker, func.count())
        .where(QuoteRow.speaker.is_not(None))
        .group_by(QuoteRow.speaker)
        .order_by(func.count().desc(), QuoteRow.speaker)
    )
    if prefix:
        query = query.where(func.lower(QuoteRow.speaker).contains(prefix.lower(), autoescape=True))
    return [str(s) for s, _ in session.execute(query.limit(limit)).all()]


def fetch_times(session: Session) -> dict[str, tuple[datetime | None, datetime | None]]:
    """Each source's last fetch attempt and the moment before which it may not be fetched again (after a
    backoff or a Retry-After; None: no such wait)."""
    rows = session.execute(select(Source.name, Source.last_attempt_at, Source.next_fetch_at)).all()
    return {name: (attempt, due) for name, attempt, due in rows}
