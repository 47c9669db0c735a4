"""Builds a digest from the store: the articles new for some topics, their figures grouped, the strongest quotes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from digests.digest.changes import with_changes
from digests.digest.entities import (
    UNNAMED,
    claimant_key,
    claimant_series,
    is_generic,
    nationals,
)
from digests.digest.incidents import headline_of, join_incidents
from digests.digest.lines import (
    FigureLine,
    QuoteLine,
    article_refs,
    distinct_quotes,
    last_figure_article,
    latest_figures,
)
from digests.digest.model import ArticleRef, Claim, Digest, FigureGroup, QuoteItem, Story
from digests.digest.sides import with_sides
from digests.digest.tolls import own_people, population
from digests.model import FIGURE_KINDS
from digests.store.schema import Article, ArticleTopic, FigureRow
from digests.windows import WHEN
from digests.windows import stored_since as window_stored_since

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


def _article_window(
    topics: Sequence[str] | None, after_id: int, since: datetime | None, stored_since: datetime | None
) -> list[ColumnElement[bool]]:
    """The articles a digest covers: stored after `after_id` (and published since `since`, stored since
    `stored_since`), new when stored; with `topics`, about one of them."""
    where: list[ColumnElement[bool]] = [Article.id > after_id, Article.is_new.is_(True)]
    if since is not None:
        where.append(since <= WHEN)
    if stored_since is not None:
        # Said twice: SQLite's planner takes the window's ids as a list first (else it walks every article in
        # `WHEN` order), PostgreSQL's filters the articles it joins by the index itself.
        where += [Article.ingested_at >= stored_since, window_stored_since(stored_since)]
    if topics is not None:
        where.append(exists().where(ArticleTopic.article_id == Article.id, ArticleTopic.topic.in_(topics)))
    return where


def new_figures(
    session: Session,
    topics: Sequence[str],
    *,
    after_id: int = 0,
    since: datetime | None = None,
    stored_since: datetime | None = None,
) -> list[FigureLine]:
    """The latest report of each claim among the conflict figures that belong to these topics by their own
    sentence and paragraph, whatever their article is about, from articles stored after `after_id` (and
    published since `since`, stored since `stored_since`)."""
    where = [*_figure_filter(topics), *_article_window(None, after_id, since, stored_since)]
    return latest_figures(session, where)


def _figure_filter(topics: Sequence[str]) -> list[ColumnElement[bool]]:
    return [FigureRow.topic.in_(topics), FigureRow.rejected.is_(None)]


def _claim(row: FigureLine, ref: ArticleRef, counted: bool = False) -> Claim:
    return Claim(
        min=row.min,
        max=row.max,
        qualifier=row.qualifier,
        claimant=claimant_key(row.attributed_to),
        actor=row.actor,
        span=row.span,
        article=ref,
        start=row.start,
        end=row.end,
        counted=row.actor if counted else None,
    )


# A number at least this large, said exactly or as a floor ("at least 1,332"), identifies its count; so does a
# smaller one that is not round ("87 killed", "at least 87"): two counts rarely share it by chance.
_DISTINCT = 100
_ODD = 13
# (actor, kind, scope, topic, event, apart): event is the story for incidents and unnamed people, else 0; apart
# keeps counts of unnamed people apart: their claimant, a claimant's series, or a number said again and again.
_GroupKey = tuple[str, str, str | None, str | None, int, str | None]


def group_figures(
    session: Session,
    latest: Sequence[FigureLine],
    limit: int,
    topics: Sequence[str] = (),
    terms: Mapping[str, re.Pattern[str]] | None = None,
) -> tuple[FigureGroup, ...]:
    """One group per count: who, what kind, and what it counts — a running total, or one incident's toll.
    `latest`: the latest report of every claim (lines.latest_figures); only the `limit` groups shown load
    their articles.

    Claims sit side by side only when they count the same thing: the same side's running total from any
    article, or the same incident as told by the articles of one story. In each group, the latest claim
    of every claimant. Within one article the same claimant may state a vague and a precise count
    ("thousands of troops", "around 10,000 troops"): the narrower range wins, then the later mention.
    `terms`: every topic's terms, which tell a topic's own nationality ("Iranians" in the Iran topic's toll).
    """
    latest = with_sides(session, latest)
    own = own_people(latest, terms)
    best: dict[_GroupKey, dict[str | None, tuple[tuple[object, ...], FigureLine]]] = {}
    # A precise large number said again and again ("at least 1,332 killed") is one count, whoever is named as
    # counted ("people", "Iranian civilians") and whoever repeats it.
    by_number: dict[tuple[object, ...], list[FigureLine]] = {}
    for row in latest:
        if _identifies(row):
            by_number.setdefault((row.kind, row.topic, row.min), []).append(row)
    shared = {id(r): rows_ for rows_ in by_number.values() if len(rows_) > 1 for r in rows_}
    for row in latest:
        actor = row.actor_key
        claimant = claimant_key(row.attributed_to)
        key: _GroupKey
        same_rows = shared.get(id(row), [row])
        scopes = {r.scope for r in same_rows}
        scope = "cumulative" if "cumulative" in scopes else "incident" if "incident" in scopes else None
        if scope == "cumulative" and all(population(r, own) for r in same_rows):
            # The running toll of a topic's people ("1,230 people have been killed", "at least 1,332 Iranian
            # civilians", "Israeli strikes have killed more than 200 people across Lebanon") is one line whoever
            # counts it, each claimant's latest count side by side; people counted somewhere else the count
            # names ("10 people in Israel") or in a setting ("in shelters") are a toll of their own.
            where = {r.place for r in same_rows}
            label = UNNAMED if where == {None} else f"{UNNAMED} in {sorted(p for p in where if p)[0]}"
            key = (label, row.kind, scope, row.topic, 0, "toll")
        elif id(row) in shared:
            named = [r.actor_key for r in same_rows if not is_generic(r.actor_key)]
            # Unnamed people with a number of their own are their own count: "300,000 displaced" and "100,000
            # in shelters" are not two claims of one thing.
            key = (
                (named[0], row.kind, scope, row.topic, 0, None)
                if named
                else (actor, row.kind, scope, row.topic, 0, str(row.min))
            )
        else:
            # "12 people" and "7 people" are more likely two events, even in one article: counts of unnamed
            # people stay with their story and their claimant. One incident's toll stays with its story.
            apart = is_generic(actor)
            story = row.story_id or row.article_id
            if apart and row.scope == "cumulative" and claimant is not None:
                # A claimant's running total of a part of them ("children") is one series across articles.
                key = (actor, row.kind, row.scope, row.topic, 0, claimant_series(claimant))
            else:
                event = story if apart or row.scope == "incident" else 0
                key = (actor, row.kind, row.scope, row.topic, event, claimant if apart else None)
        group = best.setdefault(key, {})
        width = (row.max if row.max is not None else 10**12) - (row.min or 0)
        # The latest, the narrowest, one that names what was hit or where (an incident's anchors), the later said.
        rank = (row.at, -width, bool(row.anchors), row.start)
        who = claimant_series(claimant) if claimant else None
        if who not in group or rank > group[who][0]:
            group[who] = (rank, row)
    for claims in best.values():
        _join_unplaced_claimants(claims)
    # Two sources' counts of one story's unnamed people that agree ("7" and "at least 7") are one count told
    # twice: shown side by side. Counts that disagree there stay apart (they may be two events).
    merged: dict[_GroupKey, dict[str | None, tuple[tuple[object, ...], FigureLine]]] = {}
    for key, claims in best.items():
        home = next((k for k in merged if _same_event(k, key) and _agree(merged[k], claims)), None)
        if home is None:
            merged[key] = dict(claims)
        else:
            merged[home].update(claims)
    # One incident told by several stories in their own words is one line (digests/digest/incidents.py).
    # Deaths first, then the largest; a running total before an incident's toll of the same size.
    shown = sorted(
        (
            (key, [row for _, row in sorted(claims.values(), key=lambda item: item[0], reverse=True)], joined)
            for key, claims, joined in join_incidents(merged)
        ),
        key=lambda kept: (
            _KIND_ORDER[kept[0][1]],
            -max(_upper(r) for r in kept[1]),
            kept[0][2] != "cumulative",
            kept[0][0],
        ),
    )[:limit]
    refs = article_refs(session, (row.article_id for _, rows, _ in shown for row in rows), topics)
    groups = []
    for (actor, kind, scope, topic, event, series), rows, joined in shown:
        headline = refs[rows[0].article_id]
        counted = False
        if series == "toll" and actor == UNNAMED and len({r.actor_key for r in rows}) == 1 and nationals(rows[0].actor):
            actor = rows[0].actor_key  # a toll every claimant counts as one nationality is named by it

        if joined:
            # Named by the people counted when all its counts agree on them, else as people, each claim saying whom.
            # A count that names no one ("the four deaths") is of whom the others name.
            counted_as = {row.actor_key for row in rows if row.actor} or {UNNAMED}
            actor, counted = (counted_as.pop(), False) if len(counted_as) == 1 else (UNNAMED, True)
            headline = headline_of([refs[r.article_id] for r in rows])
        groups.append(
            FigureGroup(
                actor=actor,
                kind=kind,  # type: ignore[arg-type]
                event=headline if event or joined else None,
                claims=_said_alike(tuple(_claim(row, refs[row.article_id], counted) for row in rows)),
                scope=scope,
                topic=topic,
                # Most of its reports tell of a release (a swap's count is often said without the verb).
                released=kind == "captured" and 2 * sum(bool(row.released) for row in rows) >= len(rows),
            )
        )
    return tuple(groups)


def _said_alike(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Tellings of the very same number are one claim naming every claimant, the newest named one leading:
    "1,332 — foreign ministry, Iran's U.N. ambassador, Amir Saeid Iravani" rather than the number three
    times, whatever each added ("at least") or called the people counted. A telling no one claims (the
    outlet's own words) adds nothing beside a named one and is absorbed into it."""
    out: list[Claim] = []
    for claim in claims:
        same = next((i for i, c in enumerate(out) if (c.min, c.max) == (claim.min, claim.max)), None)
        if same is None:
            out.append(claim)
            continue
        lead = out[same]
        if claim.claimant is None:
            continue
        if lead.claimant is None:
            out[same] = claim
        elif claim.claimant != lead.claimant and claim.claimant not in lead.also:
            out[same] = replace(lead, also=(*lead.also, claim.claimant))
    return tuple(out)


def _join_unplaced_claimants(claims: dict[str | None, tuple[tuple[object, ...], FigureLine]]) -> None:
    """ "Health Ministry" beside "Lebanon's health ministry" in one group is the same ministry: its counts are one
    series, the latest shown."""
    for short in [w for w in claims if w]:
        longer = [w for w in claims if w and w != short and w.endswith(" " + short)]
        if len(longer) == 1:
            rank, row = claims.pop(short)
            if rank > claims[longer[0]][0]:
                claims[longer[0]] = (rank, row)


def _identifies(row: FigureLine) -> bool:
    if row.min is None or (row.max is not None and row.max != row.min):
        return False
    return row.min >= _DISTINCT or (row.min >= _ODD and row.min % 5 != 0)


def _same_event(a: _GroupKey, b: _GroupKey) -> bool:
    """Same people, kind, topic and story; a scope left unclear fits either."""
    return (
        a[0] == b[0]
        and a[1] == b[1]
        and a[3] == b[3]
        and a[4] == b[4]
        and bool(a[4])
        and (a[2] == b[2] or a[2] is None or b[2] is None)
    )


def _agree(
    a: dict[str | None, tuple[tuple[object, ...], FigureLine]],
    b: dict[str | None, tuple[tuple[object, ...], FigureLine]],
) -> bool:
    """Whether every count of one set of claims overlaps every count of the other, by different claimants."""
    if set(a) & set(b):
        return False
    rows = [row for _, row in (*a.values(), *b.values())]
    low = max(r.min or 0 for r in rows)
    high = min(r.max if r.max is not None else 10**12 for r in rows)
    return low <= high


def _upper(row: FigureLine) -> int:
    return row.max if row.max is not None else (row.min or 0)


def quote_score(row: QuoteLine, carries_figure: bool = False) -> float:
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


def about_another_topic(text: str, topics: Sequence[str], terms: Mapping[str, re.Pattern[str]]) -> bool:
    """A quote that names another topic's war and none of the digest's own ("The Iranian regime is being
    crushed", said in a story about Ukraine's drone makers) belongs to that war, as a count in such a sentence
    does. One that names no topic is about what its article is about."""
    named = {name for name, pattern in terms.items() if pattern.search(text)}
    return bool(named) and not named & set(topics)


def pick_quotes(
    session: Session,
    rows: Iterable[QuoteLine],
    limit: int,
    topics: Sequence[str] = (),
    terms: Mapping[str, re.Pattern[str]] | None = None,
) -> tuple[QuoteItem, ...]:
    """The strongest quotes, each further one from the same speaker worth less; shown in the order said.
    `rows`: each distinct quote once (lines.distinct_quotes); `terms`: every configured topic's terms, which
    leave out quotes about another topic's war."""
    scored = [
        (quote_score(r, r.carries_figure), r)
        for r in rows
        if len(r.text.split()) >= 4 and not (terms and about_another_topic(r.text, topics, terms))
    ]
    chosen: list[QuoteLine] = []
    said: dict[str | None, int] = {}
    while scored and len(chosen) < limit:
        # 0.8 off for every quote already taken from the same speaker, so one voice doesn't fill the digest.
        best = max(scored, key=lambda item: (item[0] - 0.8 * said.get(item[1].speaker, 0), -item[1].start))
        scored.remove(best)
        chosen.append(best[1])
        said[best[1].speaker] = said.get(best[1].speaker, 0) + 1
    chosen.sort(key=lambda r: (r.article_id, r.start))
    refs = article_refs(session, (r.article_id for r in chosen), topics)
    return tuple(QuoteItem(text=r.text, speaker=r.speaker, article=refs[r.article_id]) for r in chosen)


def group_stories(articles: Sequence[ArticleRef]) -> tuple[Story, ...]:
    """Articles of one story as one item, newest story first. A story's reports are newest first: it is named by
    its latest headline (an outlet's rolling updates of an event end with the one a reader wants)."""
    by_story: dict[int, list[ArticleRef]] = {}
    for article in articles:
        by_story.setdefault(article.story or article.id, []).append(article)
    for items in by_story.values():
        items.sort(key=lambda a: (_moment(a), a.id), reverse=True)
    stories = [Story(id=key, title=items[0].title, articles=tuple(items)) for key, items in by_story.items()]
    stories.sort(key=lambda s: max(_moment(a) for a in s.articles), reverse=True)
    return tuple(stories)


def _moment(article: ArticleRef) -> datetime:
    return article.published_at or datetime.min.replace(tzinfo=UTC)


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
    stored_since: datetime | None = None,
    terms: Mapping[str, re.Pattern[str]] | None = None,
) -> Digest:
    window = _article_window(topics, after_id, since, stored_since)
    count, newest = session.execute(select(func.count(), func.max(Article.id)).where(*window)).one()
    # The newest `max_articles` (all with 0), newest news first.
    query = select(Article.id).where(*window).order_by(WHEN.desc(), Article.id.desc())
    shown = list(session.scalars(query.limit(limits.max_articles) if limits.max_articles else query))
    named = article_refs(session, shown, topics)
    refs = tuple(named[i] for i in shown)
    figure_window = [*_figure_filter(topics), *_article_window(None, after_id, since, stored_since)]
    figures = latest_figures(session, figure_window)
    quotes = distinct_quotes(session, window, _figure_filter(topics))
    last_figure = last_figure_article(session, figure_window)
    return Digest(
        title=title,
        topics=tuple(topics),
        generated_at=now,
        channel=channel,
        since=since,
        figures=with_changes(
            session, group_figures(session, figures, limits.max_figures, topics, terms), topics, after_id
        ),
        quotes=pick_quotes(session, quotes, limits.max_quotes, topics, terms),
        articles=refs,
        article_count=int(count),
        last_article_id=max(newest or after_id, last_figure or after_id),
        stories=group_stories(refs),
    )


def build_sections(
    session: Session,
    *,
    topics: Sequence[str],
    titles: Sequence[str],
    title: str,
    now: datetime,
    limits: DigestLimits = DigestLimits(),
    after_id: int = 0,
    since: datetime | None = None,
    channel: str | None = None,
    stored_since: datetime | None = None,
    terms: Mapping[str, re.Pattern[str]] | None = None,
) -> Digest:
    """A channel's digest: for one topic, that topic's; for several, one section per topic."""
    build = partial(
        build_digest,
        session,
        now=now,
        limits=limits,
        after_id=after_id,
        since=since,
        channel=channel,
        stored_since=stored_since,
        terms=terms,
    )
    if len(topics) == 1:
        return build(topics=topics, title=title)
    sections = tuple(build(topics=[topic], title=name) for topic, name in zip(topics, titles, strict=True))
    return Digest(
        title=title,
        topics=tuple(topics),
        generated_at=now,
        channel=channel,
        since=since,
        articles=tuple({a.id: a for s in sections for a in s.articles}.values()),
        article_count=len({a.id for s in sections for a in s.articles}),
        last_article_id=max((s.last_article_id for s in sections), default=after_id),
        sections=sections,
    )
