"""What answers and digests read from the store, as plain rows picked in SQL: the latest claim of every count,
each distinct quote once, and the articles that end up shown.

A window of a week can hold tens of thousands of figures and quotes, most of them the same claim or the same
words repeated by later reports. The database keeps one row of each (window functions, on SQLite and
PostgreSQL alike) and Python sees only those; articles are loaded for the few claims and quotes shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session, defer, selectinload

from digests.digest.entities import claimant_key
from digests.digest.model import ArticleRef
from digests.store.schema import Article, FigureRow, QuoteRow
from digests.windows import WHEN

# A digest names articles; it never reads their text: loading it would make every answer as heavy as the articles.
WITHOUT_TEXT = (defer(Article.text), defer(Article.summary))


@dataclass(frozen=True, slots=True)
class FigureLine:
    """One figure as grouping needs it: its own columns, its actor's group, when its article was news, its story."""

    id: int
    article_id: int
    kind: str
    min: int | None
    max: int | None
    actor: str | None
    actor_key: str
    qualifier: str | None
    attributed_to: str | None
    start: int
    end: int
    span: str
    topic: str | None
    scope: str | None
    place: str | None
    anchors: str | None
    released: bool | None
    at: datetime
    story_id: int | None


_SAME = (FigureRow.actor, FigureRow.kind, FigureRow.topic, FigureRow.attributed_to, FigureRow.min, FigureRow.max)


def latest_figures(
    session: Session, where: Sequence[ColumnElement[bool]], keep: Callable[[str | None], bool] | None = None
) -> list[FigureLine]:
    """The latest report of every claim among the figures `where` selects (figures joined to their articles):
    one line per actor's group, kind, topic, claimant and number, in the order each claim was first stored.

    The same claimant's same number repeated by later articles ("123 killed, the ministry said") is one claim:
    its report published last stands for all (the later mention in one article; the first stored when two
    tie). SQL keeps one row per actor and claimant as written; here those are joined by their grouped names,
    after `keep` (a test of the actor as written) dropped the ones not asked for."""
    at = WHEN
    ranked = (
        select(
            *(c for c in FigureRow.__table__.c if c.key not in ("rejected",)),
            at.label("at"),
            Article.story_id,
            func.row_number()
            .over(partition_by=_SAME, order_by=(at.desc(), FigureRow.start.desc(), FigureRow.id))
            .label("rank"),
            func.min(FigureRow.id).over(partition_by=_SAME).label("first"),
        )
        .join(Article, Article.id == FigureRow.article_id)
        .where(*where)
        .subquery()
    )
    rows = session.execute(select(ranked).where(ranked.c.rank == 1).order_by(ranked.c.first)).all()
    latest: dict[tuple[object, ...], FigureLine] = {}
    for r in rows:
        if keep is not None and not keep(r.actor):
            continue
        line = FigureLine(
            id=r.id,
            article_id=r.article_id,
            kind=r.kind,
            min=r.min,
            max=r.max,
            actor=r.actor,
            actor_key=r.actor_key,
            qualifier=r.qualifier,
            attributed_to=r.attributed_to,
            start=r.start,
            end=r.end,
            span=r.span,
            topic=r.topic,
            scope=r.scope,
            place=r.place,
            anchors=r.anchors,
            released=r.released,
            at=r.at,
            story_id=r.story_id,
        )
        same = (line.actor_key, line.kind, line.topic, claimant_key(line.attributed_to), line.min, line.max)
        held = latest.get(same)
        if held is None or (line.at, line.start, -line.id) > (held.at, held.start, -held.id):
            latest[same] = line
    return list(latest.values())


def last_figure_article(session: Session, where: Sequence[ColumnElement[bool]]) -> int | None:
    """The newest article id among the figures `where` selects (figures joined to their articles)."""
    query = select(func.max(FigureRow.article_id)).join(Article, Article.id == FigureRow.article_id).where(*where)
    return session.scalar(query)


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One quote as a digest picks it: its words, speaker and place, and whether it carries one of the figures."""

    id: int
    article_id: int
    text: str
    speaker: str | None
    start: int
    end: int
    carries_figure: bool


def distinct_quotes(
    session: Session, where: Sequence[ColumnElement[bool]], figures: Sequence[ColumnElement[bool]]
) -> list[QuoteLine]:
    """Each distinct quote of the articles `where` selects, once: the last said of the same words (articles
    oldest news first, then by id; quotes in the order stored), in the order its words were first said.
    `carries_figure`: a figure `figures` selects sits inside it (same article, within its offsets).

    SQL keeps one row per text as written; here texts that differ only in spacing or case are joined."""
    order = (WHEN, Article.id, QuoteRow.id)
    placed = (
        select(QuoteRow.id, QuoteRow.text, func.row_number().over(order_by=order).label("said"))
        .join(Article, Article.id == QuoteRow.article_id)
        .where(*where)
        .subquery()
    )
    ranked = select(
        placed.c.id,
        placed.c.said,
        func.row_number().over(partition_by=placed.c.text, order_by=placed.c.said.desc()).label("rank"),
        func.min(placed.c.said).over(partition_by=placed.c.text).label("first"),
    ).subquery()
    inside = exists().where(
        FigureRow.article_id == QuoteRow.article_id,
        QuoteRow.start <= FigureRow.start,
        FigureRow.end <= QuoteRow.end,
        *figures,
    )
    rows = session.execute(
        select(
            QuoteRow.id,
            QuoteRow.article_id,
            QuoteRow.text,
            QuoteRow.speaker,
            QuoteRow.start,
            QuoteRow.end,
            inside.label("inside"),
            ranked.c.said,
            ranked.c.first,
        )
        .join(ranked, and_(ranked.c.id == QuoteRow.id, ranked.c.rank == 1))
        .order_by(ranked.c.first)
    ).all()
    # Texts that differ only in spacing or case: the one said last, in the place the first was said.
    unique: dict[str, tuple[int, QuoteLine]] = {}
    for r in rows:
        key = " ".join(r.text.split()).casefold()
        line = QuoteLine(r.id, r.article_id, r.text, r.speaker, r.start, r.end, bool(r.inside))
        held = unique.get(key)
        if held is None or r.said > held[0]:
            unique[key] = (r.said, line)
    return [line for _, line in unique.values()]


def article_refs(session: Session, ids: Iterable[int], topics: Sequence[str] = ()) -> dict[int, ArticleRef]:
    """How a digest names these articles (by id); `topics` are the digest's, for the articles' relevance."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        select(Article)
        .where(Article.id.in_(wanted))
        .options(*WITHOUT_TEXT, selectinload(Article.source), selectinload(Article.topics))
    )
    return {a.id: article_ref(a, topics) for a in session.scalars(query)}


def article_ref(article: Article, topics: Sequence[str] = ()) -> ArticleRef:
    """How a digest names an article; `topics` are the digest's, for the article's relevance to them."""
    scores = [t.score for t in article.topics if t.topic in topics and t.score is not None] if topics else []
    return ArticleRef(
        id=article.id,
        title=article.title or article.url,
        url=article.link or article.url,
        source=article.source.title or article.source.name,
        published_at=article.published_at,
        canonical=article.url,
        topics=tuple(t.topic for t in article.topics),
        relevance=max(scores) if scores else None,
        story=article.story_id,
    )
