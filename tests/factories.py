"""Builders for store rows in tests: real rows in the real store, no mocks."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source
from tests.conftest import DATA

NOW = datetime(2024, 11, 5, 9, 0, tzinfo=UTC)


def source(session: Session, name: str = "bbc") -> Source:
    row = session.scalar(select(Source).where(Source.name == name))
    if row is None:
        row = Source(name=name, url=f"https://{name}.example/feed.xml", failures=0, gone=False, created_at=NOW)
        session.add(row)
        session.flush()
    return row


def article(
    session: Session,
    url: str,
    *,
    title: str = "",
    topics: tuple[str, ...] = (),
    figures: tuple[dict[str, Any], ...] = (),
    quotes: tuple[dict[str, Any], ...] = (),
    source_name: str = "bbc",
    published_at: datetime | None = NOW,
    is_new: bool = True,
    language: str | None = None,
    text: str = "",
) -> Article:
    row = Article(
        source=source(session, source_name),
        url=url,
        link=url,
        title=title or url,
        published_at=published_at,
        ingested_at=NOW,
        summary="",
        text=text,
        content_hash=hashlib.sha256(url.encode()).hexdigest(),
        is_new=is_new,
        language=language,
    )
    row.topics = [ArticleTopic(topic=t) for t in topics]
    row.figures = [
        FigureRow(
            kind=f["kind"],
            min=f["min"],
            max=f["max"],
            actor=f.get("actor"),
            qualifier=f.get("qualifier"),
            attributed_to=f.get("attributed_to"),
            start=f.get("start", i * 10),
            end=f.get("end", i * 10 + 5),
            span=f.get("span", ""),
            # As ingest places a figure it has no better place for: in the article's first topic.
            topic=f.get("topic", topics[0] if topics else None),
            scope=f.get("scope"),
            anchors=f.get("anchors"),
            released=f.get("released"),
            rejected=f.get("rejected"),
        )
        for i, f in enumerate(figures)
    ]
    row.quotes = [
        QuoteRow(
            text=q["text"],
            speaker=q.get("speaker"),
            start=q.get("start", i * 100),
            end=q.get("end", i * 100 + 50),
        )
        for i, q in enumerate(quotes)
    ]
    session.add(row)
    session.flush()
    return row


def _at(text: str, piece: str) -> dict[str, int]:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece)}


def add_sample(store: Store, url: str = "https://www.bbc.com/news/articles/nk") -> None:
    """The sample article with its gold figures and quotes at their real offsets, as ingest stores them."""
    g = gold()
    text = (DATA / "samples" / "nk-troops-kursk.txt").read_text(encoding="utf-8")
    with store.session() as s:
        article(
            s,
            url,
            title="Hundreds of North Korean troops killed or wounded",
            topics=("north-korea",),
            figures=tuple({**f, **_at(text, f["span"])} for f in g["figures"]),
            quotes=tuple({**q, **_at(text, q["text"])} for q in g["quotes"]),
        )


def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "samples" / "nk-troops-kursk.gold.json").read_text(encoding="utf-8"))
    return data
