"""Answers cost what their window holds: the queries behind /casualties, /quotes and /digest reach articles by
the window's index and figures and quotes by article, never by reading a whole table (EXPLAIN on SQLite and
PostgreSQL, over a store of 4,000 articles and 40,000 figures spread over 400 days, analysed as the benches'
are)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, insert, text
from sqlalchemy.orm import Session

from digests import queries
from digests.digest.build import build_sections
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source

END = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ARTICLES = 4000
FIGURES = 10  # an article: enough figures that reading them all would cost PostgreSQL more than the window
TOPICS = ("ukraine", "gaza", "iran", "sudan")


@pytest.fixture
def filled(store: Store) -> Store:
    """4,000 articles, ten a day over 400 days, each with ten figures and two quotes, in one of four topics."""
    articles, figures, quotes, topics = [], [], [], []
    for i in range(1, ARTICLES + 1):
        at = END - timedelta(days=400) * (1 - i / ARTICLES)
        articles.append(
            {
                "id": i,
                "source_id": 1,
                "url": f"https://example.org/{i}",
                "link": f"https://example.org/{i}",
                "title": f"Article {i}",
                "published_at": at,
                "ingested_at": at + timedelta(minutes=5),
                "summary": "",
                "text": "",
                "content_hash": f"{i:064d}",
                "is_new": True,
                "story_id": i,
            }
        )
        topic = TOPICS[i % len(TOPICS)]
        actor = ("Russian troops", "civilians", "Hamas fighters", None)[i % 4]
        figures += [
            {"article_id": i, "kind": "killed", "min": i % 50 + f, "max": i % 50 + f, "actor": actor, "start": f * 10}
            | {"end": f * 10 + 9, "span": "killed", "topic": topic, "scope": "cumulative", "attributed_to": "officials"}
            for f in range(FIGURES)
        ]
        for q in range(2):
            quotes.append(
                {"article_id": i, "text": f"We lost {i} people here {q}", "speaker": "Zelensky", "start": q * 50}
                | {"end": q * 50 + 40}
            )
        topics.append({"article_id": i, "topic": topic, "score": 0.9})
    with store.engine.begin() as conn:
        conn.execute(
            insert(Source.__table__),
            [{"id": 1, "name": "feed", "url": "x", "failures": 0, "gone": False, "created_at": END}],
        )
        for table, rows in ((Article, articles), (FigureRow, figures), (QuoteRow, quotes), (ArticleTopic, topics)):
            conn.execute(insert(table), rows)
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), :n)"), {"n": ARTICLES})
        conn.execute(text("ANALYZE"))
    return store


def _statements(store: Store, ask: Callable[[Session], object]) -> list[tuple[str, Any]]:
    said: list[tuple[str, Any]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        said.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        with store.session() as s:
            ask(s)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return said


def _plans(store: Store, ask: Callable[[Session], object]) -> Iterator[tuple[str, str]]:
    """Each statement `ask` ran, with its plan as text."""
    statements = _statements(store, ask)
    with store.engine.connect() as conn:
        for statement, parameters in statements:
            if conn.dialect.name == "postgresql":
                rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters or {}).all()
                yield statement, "\n".join(r[0] for r in rows)
            else:
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters or ()).all()
                yield statement, "\n".join(r[-1] for r in rows)


# A whole table read: SQLite's SCAN of a table (not of a subquery's rows), PostgreSQL's Seq Scan.
_FULL = re.compile(r"^SCAN (articles|figures|quotes|article_topics)\b|Seq Scan on (articles|figures|quotes)", re.M)


def _assert_windowed(store: Store, ask: Callable[[Session], object], *, index: str) -> None:
    plans = list(_plans(store, ask))
    full = [plan for _, plan in plans if _FULL.search(plan)]
    assert full == [], "\n\n".join(full)
    # The main query (the one reading figures or quotes) enters through the window's index.
    assert any(index in plan for _, plan in plans), [plan for _, plan in plans]


def test_casualties_reach_figures_through_the_window_index(filled: Store) -> None:
    since = END - timedelta(days=7)
    _assert_windowed(
        filled, lambda s: queries.figures_since(s, since, topics=["ukraine", "gaza"]), index="ix_articles_when"
    )
    _assert_windowed(filled, lambda s: queries.figures_since(s, since, actor="civilians"), index="ix_articles_when")


def test_quotes_walk_the_window_index_newest_first_and_stop(filled: Store) -> None:
    since = END - timedelta(days=7)
    _assert_windowed(filled, lambda s: queries.quotes_since(s, since, topics=["ukraine"]), index="ix_articles_when")


def test_a_first_digest_reaches_its_articles_through_the_stored_time_index(filled: Store) -> None:
    def first(s: Session) -> object:
        return build_sections(
            s, topics=["ukraine", "gaza"], titles=["U", "G"], title="UG", now=END, stored_since=END - timedelta(days=7)
        )

    _assert_windowed(filled, first, index="ix_articles_ingested_at")


def test_a_topic_digest_of_the_last_day_reaches_its_articles_through_the_window_index(filled: Store) -> None:
    def day(s: Session) -> object:
        return build_sections(s, topics=["iran"], titles=["I"], title="I", now=END, since=END - timedelta(days=1))

    _assert_windowed(filled, day, index="ix_articles_when")


def test_the_window_queries_answer_what_the_window_holds(filled: Store) -> None:
    # Ten articles a day: the last 7 days hold 70, one in four about Ukraine, each with Russia's running toll as
    # "officials" state it ten times: one group, whose claim is the newest article's last mention.
    with filled.session() as s:
        groups = queries.figures_since(s, END - timedelta(days=7), topics=["ukraine"])
        quotes = queries.quotes_since(s, END - timedelta(days=7), topics=["ukraine"], limit=3)
    assert [
        (g.actor, g.kind, g.scope, [(c.min, c.claimant, c.article.id, c.start) for c in g.claims]) for g in groups
    ] == [("Russia", "killed", "cumulative", [(9, "officials", 4000, 90)])]
    assert [(q.text, q.article.id) for q in quotes] == [
        ("We lost 4000 people here 0", 4000),
        ("We lost 4000 people here 1", 4000),
        ("We lost 3996 people here 0", 3996),
    ]
