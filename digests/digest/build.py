"""Builds a digest from the store: the articles new for some topics, their figures grouped, the strongest quotes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from digests.digest.entities import actor_key, claimant_key, is_generic
from digests.digest.model import ArticleRef, Claim, Digest, FigureGroup, QuoteItem
from digests.model import FIGURE_KINDS
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow

# Deaths first: the order a reader scans a casualty report in.
_KIND_ORDER = {k: i for i, k in enumerate(("killed", "casualties", "wounded", "missing", "captured", "displaced"))}
_KIND_ORDER.update({k: len(_KIND_ORDER) for k in FIGURE_KINDS if k not in _KIND_ORDER})
# Quotes that speak of the war's human cost make the digest; small talk doesn't.
_WEIGHTY = frozenset(
    [
        "killed",
        "kill",
        "killing",
        "dead",
        "death",
        "deaths",
        "die",
        "died",
        "casualties",
        "losses",
        "wounded",
        "injured",
        "troops",
        "soldiers",
        "war",
        "attack",
        "attacks",
        "strike",
        "strikes",
        "missile",
        "missiles",
        "drones",
        "civilians",
        "hostages",
        "displaced",
        "refugees",
        "ceasefire",
        "peace",
        "invasion",
        "offensive",
        "front",
        "frontline",
    ]
)


@dataclass(frozen=True)
class DigestLimits:
    max_articles: int = 20
    max_quotes: int = 6
    max_figures: int = 20


def article_ref(article: Article) -> ArticleRef:
    return ArticleRef(
        id=article.id,
        title=article.title or article.url,
        url=article.link or article.url,
        source=article.source.name,
        published_at=article.published_at,
    )


def new_articles(
    session: Session,
    topics: Sequence[str],
    *,
    after_id: int = 0,
    since: datetime | None = None,
) -> list[Article]:
    """Articles of these topics with id > after_id (and ingested since `since`), oldest first."""
    query = (
        select(Article)
        .where(Article.id.in_(select(ArticleTopic.article_id).where(ArticleTopic.topic.in_(topics))))
        .where(Article.id > after_id, Article.is_new.is_(True))
        .options(
            selectinload(Article.figures),
            selectinload(Article.quotes),
            selectinload(Article.source),
        )
        .order_by(Article.id)
    )
    if since is not None:
        query = query.where(Article.ingested_at >= since)
    return list(session.scalars(query))


def _when(article: Article) -> datetime:
    return article.published_at or article.ingested_at


def group_figures(rows: Iterable[FigureRow], limit: int) -> tuple[FigureGroup, ...]:
    """One group per (actor, kind); in each, the latest claim of every claimant.

    Within one article the same claimant may state a vague and a precise count ("thousands of troops",
    "around 10,000 troops"): the narrower range wins, then the later mention.
    """
    best: dict[tuple[str, str, int, str | None], dict[str | None, tuple[tuple[object, ...], FigureRow]]] = {}
    for row in rows:
        actor = actor_key(row.actor)
        claimant = claimant_key(row.attributed_to)
        # A side's counts from many articles are rival claims. "12 people" and "7 people" are more likely two
        # events, even in one article: counts of unnamed people stay with their story and their claimant.
        apart = is_generic(actor)
        group = best.setdefault((actor, row.kind, row.article_id if apart else 0, claimant if apart else None), {})
        width = (row.max if row.max is not None else 10**12) - (row.min or 0)
        rank = (_when(row.article), -width, row.start)
        if claimant not in group or rank > group[claimant][0]:
            group[claimant] = (rank, row)
    groups = []
    for (actor, kind, article_id, _), claims in best.items():
        ordered = sorted(claims.values(), key=lambda item: item[0], reverse=True)
        groups.append(
            FigureGroup(
                actor=actor,
                kind=kind,  # type: ignore[arg-type]
                event=article_ref(ordered[0][1].article) if article_id else None,
                claims=tuple(
                    Claim(
                        min=row.min,
                        max=row.max,
                        qualifier=row.qualifier,
                        claimant=claimant_key(row.attributed_to),
                        actor=row.actor,
                        span=row.span,
                        article=article_ref(row.article),
                    )
                    for _, row in ordered
                ),
            )
        )
    groups.sort(key=lambda g: (_KIND_ORDER[g.kind], -max(_upper(c) for c in g.claims), g.actor))
    return tuple(groups[:limit])


def _upper(claim: Claim) -> int:
    return claim.max if claim.max is not None else (claim.min or 0)


def quote_score(row: QuoteRow, carries_figure: bool = False) -> float:
    """Longer, named, about the human cost, and above all carrying a figure: what a newsroom quotes."""
    words = row.text.split()
    score = min(len(words), 30) / 30
    lowered = {w.strip(".,;:!?“”\"'’").lower() for w in words}
    score += 0.5 * len(lowered & _WEIGHTY)
    if carries_figure:
        score += 1.5
    elif any(ch.isdigit() for ch in row.text):
        score += 0.5
    if row.speaker:
        score += 1.0
    return score


def pick_quotes(rows: Iterable[QuoteRow], figures: Iterable[FigureRow], limit: int) -> tuple[QuoteItem, ...]:
    """The strongest quotes, each further one from the same speaker worth less; shown in the order said."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for f in figures:
        spans.setdefault(f.article_id, []).append((f.start, f.end))
    scored = [
        (
            quote_score(r, any(r.start <= a and b <= r.end for a, b in spans.get(r.article_id, ()))),
            r,
        )
        for r in rows
        if len(r.text.split()) >= 4
    ]
    chosen: list[QuoteRow] = []
    said: dict[str | None, int] = {}
    while scored and len(chosen) < limit:
        # 0.8 off for every quote already taken from the same speaker, so one voice doesn't fill the digest.
        best = max(scored, key=lambda item: (item[0] - 0.8 * said.get(item[1].speaker, 0), -item[1].start))
        scored.remove(best)
        chosen.append(best[1])
        said[best[1].speaker] = said.get(best[1].speaker, 0) + 1
    chosen.sort(key=lambda r: (r.article_id, r.start))
    return tuple(QuoteItem(text=r.text, speaker=r.speaker, article=article_ref(r.article)) for r in chosen)


def build_digest(
    session: Session,
    *,
    topics: Sequence[str],
    title: str,
    now: datetime,
    limits: DigestLimits = DigestLimits(),
    after_id: int = 0,
    since: datetime | None = None,
    channel: str | None = None,
) -> Digest:
    articles = new_articles(session, topics, after_id=after_id, since=since)
    figures = [f for a in articles for f in a.figures]
    quotes = [q for a in articles for q in a.quotes]
    shown = articles[-limits.max_articles :] if limits.max_articles else articles
    return Digest(
        title=title,
        topics=tuple(topics),
        generated_at=now,
        channel=channel,
        since=since,
        figures=group_figures(figures, limits.max_figures),
        quotes=pick_quotes(quotes, figures, limits.max_quotes),
        articles=tuple(article_ref(a) for a in reversed(shown)),
        article_count=len(articles),
        last_article_id=max((a.id for a in articles), default=after_id),
    )
