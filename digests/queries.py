"""The store queries slash commands answer from: figures, quotes, feed states, and names for autocomplete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from digests.digest.build import group_figures
from digests.digest.entities import actor_key
from digests.digest.lines import article_refs, latest_figures
from digests.digest.model import FigureGroup, QuoteItem
from digests.store.schema import Article, ArticleTopic, Delivery, FigureRow, QuoteRow, Source
from digests.windows import WHEN, stored_since


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
    # The window's articles by their index, then their figures by article id: what the window holds, never the
    # whole history (tests/digests/test_answer_plans.py).
    where = [since <= WHEN, FigureRow.rejected.is_(None)]
    if topics is not None:
        where.append(FigureRow.topic.in_(topics))
    keep = None
    if actor is not None:
        wanted = actor.casefold()

        def keep(written: str | None) -> bool:
            return actor_key(written).casefold() == wanted or bool(written and wanted in written.casefold())

    return group_figures(session, latest_figures(session, where, keep), limit, topics or ())


def quotes_since(
    session: Session,
    since: datetime,
    *,
    topics: Sequence[str] | None = None,
    speaker: str | None = None,
    limit: int = 10,
) -> tuple[QuoteItem, ...]:
    """Newest quotes first; `speaker` matches any part of the speaker's name, case-insensitively."""
    # Read newest news first along the window's index and stopped at `limit`: as long as the answer, whatever
    # the window or the store holds.
    query = (
        select(QuoteRow.text, QuoteRow.speaker, QuoteRow.article_id)
        .join(Article, Article.id == QuoteRow.article_id)
        .where(since <= WHEN)
        .order_by(WHEN.desc(), QuoteRow.article_id.desc(), QuoteRow.start)
    )
    if topics is not None:
        query = query.where(exists().where(ArticleTopic.article_id == Article.id, ArticleTopic.topic.in_(topics)))
    if speaker is not None:
        query = query.where(func.lower(QuoteRow.speaker).contains(speaker.lower(), autoescape=True))
    rows = session.execute(query.limit(limit)).all()
    refs = article_refs(session, (r.article_id for r in rows))
    return tuple(QuoteItem(text=r.text, speaker=r.speaker, article=refs[r.article_id]) for r in rows)


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


Today = tuple[dict[int, int], dict[int, list[tuple[str, int]]]]


def articles_today(session: Session, day_start: datetime) -> Today:
    """Articles stored since `day_start` by source, and of those the ones not in English by language."""
    # Counted once, by source and language, along the stored-time index.
    counts: dict[int, int] = {}
    others: dict[int, list[tuple[str, int]]] = {}
    for source_id, language, count in session.execute(
        select(Article.source_id, Article.language, func.count())
        .where(stored_since(day_start))
        .group_by(Article.source_id, Article.language)
    ).all():
        counts[source_id] = counts.get(source_id, 0) + int(count)
        if language is not None and language != "en":
            others.setdefault(source_id, []).append((str(language), int(count)))
    for languages in others.values():
        languages.sort()
    return counts, others


def source_states(session: Session, day_start: datetime, today: Today | None = None) -> list[SourceState]:
    """Every source's state, with its articles since `day_start` (`today`: articles_today's, when known)."""
    counts, others = today if today is not None else articles_today(session, day_start)
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
    # Counted in SQL by the stored group (along its index): one row per group reaches Python.
    rows = session.execute(select(FigureRow.actor_key, func.count()).group_by(FigureRow.actor_key)).all()
    totals = {str(key): int(count) for key, count in rows if key is not None}
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
