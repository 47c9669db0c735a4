"""What a topic's trend chart shows, read from the store: each claimant's running totals as a line over
publication time, and incident tolls summed per day (each story's largest count once)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from digests.digest.entities import actor_key, claimant_key, is_generic, names_actor
from digests.store.schema import Article, FigureRow

_WHEN = func.coalesce(Article.published_at, Article.ingested_at)
# The kinds a toll chart draws; deployed and displaced are other stories than a war's toll.
TOLL_KINDS = ("killed", "wounded", "casualties", "captured", "missing")
# At most this many lines (the ones with the most points, then the largest): a chart is read at a glance.
MAX_LINES = 6
# A chart is worth attaching to a digest from this many points over at least two days.
MIN_POINTS = 3


@dataclass(frozen=True)
class Series:
    """One claimant's running total of one actor and kind: (publication time, value) in time order."""

    actor: str
    kind: str
    claimant: str
    points: tuple[tuple[datetime, int], ...]

    @property
    def label(self) -> str:
        return f"{self.actor} · {self.kind} — {self.claimant}"


@dataclass(frozen=True)
class ChartData:
    topic: str
    title: str
    totals: tuple[Series, ...] = ()
    # kind -> ((day, toll), ...): incident tolls per publication day.
    daily: dict[str, tuple[tuple[date, int], ...]] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return sum(len(s.points) for s in self.totals) + sum(len(d) for d in self.daily.values())

    @property
    def days(self) -> set[date]:
        return {t.date() for s in self.totals for t, _ in s.points} | {d for v in self.daily.values() for d, _ in v}

    @property
    def enough(self) -> bool:
        """Whether a chart says more than the digest's lines: several points over more than one day."""
        return self.points >= MIN_POINTS and len(self.days) >= 2


def _value(row: FigureRow) -> int | None:
    return row.min if row.min is not None else row.max


def chart_data(
    session: Session,
    topic: str,
    title: str,
    *,
    since: datetime,
    until: datetime | None = None,
    upto_article_id: int | None = None,
    actor: str | None = None,
) -> ChartData:
    """The topic's tolls published in [since, until], from articles up to `upto_article_id` (what a delivery
    covered, so that drawing it again later gives the same picture); with `actor`, only the counts of the
    actors it names (as `/casualties civilians` reads it)."""
    query = (
        select(FigureRow)
        .join(Article)
        .where(FigureRow.topic == topic, FigureRow.rejected.is_(None), FigureRow.kind.in_(TOLL_KINDS))
        .where(FigureRow.scope.in_(("cumulative", "incident")), since <= _WHEN)
        .options(selectinload(FigureRow.article).selectinload(Article.source))
        .order_by(_WHEN, FigureRow.article_id, FigureRow.start)
    )
    if until is not None:
        query = query.where(until >= _WHEN)
    if upto_article_id is not None:
        query = query.where(FigureRow.article_id <= upto_article_id)
    lines: dict[tuple[str, str, str], dict[datetime, int]] = defaultdict(dict)
    # (kind, day, story) -> largest toll: several outlets reporting one strike count it once.
    incidents: dict[tuple[str, date, int], int] = {}
    for row in session.scalars(query):
        value = _value(row)
        if value is None or (actor is not None and not names_actor(row.actor, actor)):
            continue
        article = row.article
        moment = article.published_at or article.ingested_at
        if row.scope == "cumulative":
            group, claimant = actor_key(row.actor), claimant_key(row.attributed_to)
            if claimant is None and is_generic(group):
                continue  # "1,000 people killed" in one outlet's words: no side's running total to follow
            who = claimant or f"via {article.source.title or article.source.name}"
            # The same moment twice (two sentences of one article): the larger count stands.
            points = lines[(group, row.kind, who)]
            points[moment] = max(points.get(moment, 0), value)
        else:
            key = (row.kind, moment.date(), article.story_id or article.id)
            incidents[key] = max(incidents.get(key, 0), value)
    totals = [Series(group, kind, who, tuple(sorted(points.items()))) for (group, kind, who), points in lines.items()]
    totals.sort(key=lambda s: (-len(s.points), -s.points[-1][1], s.label))
    per_day: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for (kind, day, _story), toll in incidents.items():
        per_day[kind][day] += toll
    daily = {kind: tuple(sorted(days.items())) for kind, days in sorted(per_day.items())}
    return ChartData(topic, title, tuple(sorted(totals[:MAX_LINES], key=lambda s: s.label)), daily)
