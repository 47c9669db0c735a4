"""One bad entry costs only itself: NUL bytes are stripped, an article the store refuses is skipped and named."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from digests.config.models import Fetch
from digests.ingest import Enrichment, SourceSpec, ingest
from digests.model import Extraction, Figure
from digests.store.db import Store
from digests.store.schema import Article, FigureRow
from tests.digests.ingest.support import item, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


async def run(store: Store, spec: SourceSpec, enrich: object) -> dict[str, object]:
    report = await ingest(store, [spec], enrich=enrich, settings=Fetch(timeout=timedelta(seconds=2)), now=clock)  # type: ignore[arg-type]
    return report.sources[0].as_json()


def killed(n: int) -> Enrichment:
    return Enrichment(Extraction(figures=(Figure("killed", n, n, "civilians", None, None, 0, 5, "x"),)), ())


async def test_nul_bytes_are_stripped_and_every_entry_stored(store: Store, tmp_path: Path) -> None:
    # PostgreSQL refuses NUL in text; before, the whole feed failed on every poll until it paused.
    feed = rss(
        item(
            "Shelling\x00 in Kharkiv",
            link="https://news.example.org/kharkiv\x00",
            guid="k\x001",
            summary="Three\x00 people were killed.",
        ),
        item("Clean entry", link="https://news.example.org/clean", guid="c1", summary="Nothing odd here."),
    )
    path = tmp_path / "f.xml"
    path.write_text(feed, encoding="utf-8")
    result = await run(
        store, SourceSpec("f", str(path), backfill=None), lambda title, text, published, language: killed(3)
    )
    assert result == {"source": "f", "status": "ok", "items": 2, "new": 2, "duplicates": 0, "error": None}
    with store.session() as s:
        rows = [(a.title, a.guid, a.url, a.summary, a.text) for a in s.scalars(select(Article).order_by(Article.id))]
    assert rows == [
        (
            "Shelling in Kharkiv",
            "k1",
            "https://news.example.org/kharkiv",
            "Three people were killed.",
            "Three people were killed.",
        ),
        ("Clean entry", "c1", "https://news.example.org/clean", "Nothing odd here.", "Nothing odd here."),
    ]


async def test_an_article_the_store_refuses_is_skipped_and_named(store: Store, tmp_path: Path) -> None:
    # A count beyond BIGINT: the store refuses the row (DataError on PostgreSQL, OverflowError on SQLite).
    feed = rss(
        item("First", link="https://news.example.org/1", summary="one"),
        item("Broken", link="https://news.example.org/2", summary="two"),
        item("Third", link="https://news.example.org/3", summary="three"),
    )
    path = tmp_path / "f.xml"
    path.write_text(feed, encoding="utf-8")

    def enrich(title: str, text: str, published: datetime | None, language: str | None) -> Enrichment:
        return killed(10**20 if title == "Broken" else 7)

    result = await run(store, SourceSpec("f", str(path), backfill=None), enrich)
    assert (result["status"], result["items"], result["new"]) == ("ok", 3, 2)
    assert str(result["error"]).startswith("not stored: 1 entry: “Broken” (https://news.example.org/2): ")
    with store.session() as s:
        assert list(s.scalars(select(Article.title).order_by(Article.id))) == ["First", "Third"]
        assert list(s.scalars(select(FigureRow.min))) == [7, 7]
    # Not stored, so the next poll tries it again (and only it).
    again = await run(
        store, SourceSpec("f", str(path), backfill=None), lambda title, text, published, language: killed(7)
    )
    assert (again["new"], again["duplicates"], again["error"]) == (1, 2, None)
