"""What ingest stores: duplicates dropped, backfill, page text for summary-only entries, the extraction alongside."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from digests.config.models import Fetch
from digests.ingest import Enrich, Enrichment, SourceSpec, ingest
from digests.model import Extraction, Figure, Quote
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source
from tests.digests.ingest.support import SAMPLES, FeedServer, item, no_enrichment, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
SAMPLE = (SAMPLES / "nk-troops-kursk.txt").read_text(encoding="utf-8")


def clock() -> datetime:
    return NOW


def rfc822(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


async def run(store: Store, *specs: SourceSpec, enrich: Enrich = no_enrichment) -> list[dict[str, object]]:
    # The stand-in news site lives on loopback, where pages are read only when the admin allows it (test_guard.py).
    settings = Fetch(timeout=timedelta(seconds=2), allow_private=["127.0.0.1"])
    report = await ingest(store, specs, enrich=enrich, settings=settings, now=clock)
    return [r.as_json() for r in report.sources]


def articles(store: Store) -> list[Article]:
    with store.session() as s:
        return list(s.scalars(select(Article).order_by(Article.id)))


def write(tmp_path: Path, name: str, document: str) -> str:
    path = tmp_path / name
    path.write_text(document, encoding="utf-8")
    return str(path)


# --- duplicates ---------------------------------------------------------------------------------


async def test_canonical_url_dedup_across_two_feeds(store: Store, tmp_path: Path) -> None:
    first = rss(
        item(
            "Strike on Kharkiv",
            link="https://news.example.org/kharkiv?utm_source=rss&id=7",
            guid="a-1",
            content="<p>Version in feed A.</p>",
        )
    )
    second = rss(
        item(
            "Kharkiv strike",
            link="https://NEWS.example.org/kharkiv?id=7&at_medium=RSS&fbclid=x#top",
            guid="b-1",
            content="<p>Version in feed B, worded differently.</p>",
        )
    )
    a = SourceSpec("a", write(tmp_path, "a.xml", first), backfill=None)
    b = SourceSpec("b", write(tmp_path, "b.xml", second), backfill=None)
    assert [(o["new"], o["duplicates"]) for o in await run(store, a)] == [(1, 0)]
    assert [(o["new"], o["duplicates"]) for o in await run(store, b)] == [(0, 1)]
    [stored] = articles(store)
    assert stored.url == "https://news.example.org/kharkiv?id=7"
    assert stored.link == "https://news.example.org/kharkiv?utm_source=rss&id=7"


async def test_two_feeds_with_one_story_in_the_same_run_store_it_once(store: Store, tmp_path: Path) -> None:
    # Sources run concurrently: whichever is read first keeps the story, the other counts a duplicate.
    feed = rss(item("Story", link="https://news.example.org/story?utm_medium=rss", content="<p>a</p>"))
    other = rss(item("Story", link="https://news.example.org/story", content="<p>b</p>"))
    outcomes = await run(
        store,
        SourceSpec("a", write(tmp_path, "a.xml", feed), backfill=None),
        SourceSpec("b", write(tmp_path, "b.xml", other), backfill=None),
    )
    assert sorted((o["new"], o["duplicates"]) for o in outcomes) == [(0, 1), (1, 0)]
    assert len(articles(store)) == 1


async def test_content_hash_dedup(store: Store, tmp_path: Path) -> None:
    text = "<p>Shelling killed at least 12 people in the city, officials said.</p>"
    wire = rss(item("Shelling kills 12", link="https://wire.example.org/1", guid="w1", content=text))
    # The same story syndicated under another URL, with different spacing and case in the title.
    copy = rss(
        item(
            "  SHELLING  kills 12 ", link="https://paper.example.net/world/55", guid="p55", content=f"<div>{text}</div>"
        ),
        item("Shelling kills 12", link="https://paper.example.net/world/56", guid="p56", content=text),
    )
    first = await run(store, SourceSpec("wire", write(tmp_path, "w.xml", wire), backfill=None))
    second = await run(store, SourceSpec("paper", write(tmp_path, "p.xml", copy), backfill=None))
    assert [(o["items"], o["new"], o["duplicates"]) for o in first + second] == [(1, 1, 0), (2, 0, 2)]


async def test_guid_dedup_and_duplicates_within_one_feed(store: Store, tmp_path: Path) -> None:
    feed = rss(
        item("One", link="https://news.example.org/1", guid="x", content="<p>one</p>"),
        item("One, updated", link="https://news.example.org/1-updated", guid="x", content="<p>one, more</p>"),
        item("Two", link="https://news.example.org/2#comments", guid="y", content="<p>two</p>"),
        item("Two again", link="https://news.example.org/2", guid="z", content="<p>two again</p>"),
    )
    spec = SourceSpec("f", write(tmp_path, "f.xml", feed), backfill=None)
    assert [(o["items"], o["new"], o["duplicates"]) for o in await run(store, spec)] == [(4, 2, 2)]
    assert [a.title for a in articles(store)] == ["One", "Two"]


async def test_entries_without_links_get_stable_synthetic_urls(store: Store, tmp_path: Path) -> None:
    feed = rss(
        item("Guid only", guid="tag:example.org,2024:1", content="<p>a</p>"),
        item("Neither guid nor link", content="<p>b</p>"),
    )
    spec = SourceSpec("f", write(tmp_path, "f.xml", feed), backfill=None)
    assert (await run(store, spec))[0]["new"] == 2
    urls = [a.url for a in articles(store)]
    assert urls[0].startswith("urn:sitrep:guid:")
    assert urls[1].startswith("urn:sitrep:hash:")
    assert (await run(store, spec))[0]["duplicates"] == 2
    assert [a.url for a in articles(store)] == urls


# --- backfill -----------------------------------------------------------------------------------


def dated_feed() -> str:
    return rss(
        item(
            "An hour old", link="https://news.example.org/1h", pub=rfc822(NOW - timedelta(hours=1)), content="<p>1h</p>"
        ),
        item(
            "Three days old",
            link="https://news.example.org/3d",
            pub=rfc822(NOW - timedelta(days=3)),
            content="<p>3d</p>",
        ),
        item("Undated", link="https://news.example.org/undated", content="<p>no date</p>"),
    )


@pytest.mark.parametrize(
    ("backfill", "new"),
    [
        (None, ["An hour old", "Three days old", "Undated"]),
        (timedelta(0), []),
        (timedelta(hours=24), ["An hour old", "Undated"]),
    ],
    ids=["all", "none", "24h"],
)
async def test_backfill_on_first_ingest(
    store: Store, tmp_path: Path, backfill: timedelta | None, new: list[str]
) -> None:
    path = write(tmp_path, "f.xml", dated_feed())
    report = await ingest(store, [SourceSpec("f", path, backfill=backfill)], enrich=no_enrichment, now=clock)
    assert (report.sources[0].items, report.sources[0].new, report.sources[0].duplicates) == (3, len(new), 0)
    stored = articles(store)
    assert len(stored) == 3  # everything is stored; only `is_new` differs
    assert [a.title for a in stored if a.is_new] == new
    assert list(report.new_article_ids) == [a.id for a in stored if a.is_new]

    # After the first ingest, whatever turns up is new, however old.
    later = dated_feed().replace(
        "</channel>",
        item(
            "Old but unseen",
            link="https://news.example.org/old",
            pub=rfc822(NOW - timedelta(days=30)),
            content="<p>old</p>",
        )
        + "</channel>",
    )
    Path(path).write_text(later, encoding="utf-8")
    again = await ingest(store, [SourceSpec("f", path, backfill=backfill)], enrich=no_enrichment, now=clock)
    assert (again.sources[0].new, again.sources[0].duplicates) == (1, 3)
    assert articles(store)[-1].is_new is True


async def test_a_failed_first_ingest_keeps_backfill_for_the_next(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    spec = SourceSpec("f", str(path), backfill=timedelta(0))
    assert (await run(store, spec))[0]["status"] == "error"
    path.write_text(dated_feed(), encoding="utf-8")
    assert (await run(store, spec))[0]["new"] == 0
    with store.session() as s:
        row = s.scalars(select(Source)).one()
        assert row.first_ingest_at is not None


# --- page fetching ------------------------------------------------------------------------------

NAV = "".join(f'<li><a href="/{s}">{s.title()}</a></li>' for s in ("home", "news", "sport", "weather"))


def article_page() -> str:
    paragraphs = SAMPLE.split("\n\n")[1:]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>North Korean troops</title></head><body>"
        f"<header><nav><ul>{NAV}</ul></nav></header>"
        "<main><article><h1>Hundreds of North Korean troops killed or wounded in Russia, US says</h1>"
        f"{body}</article></main>"
        "<footer><p>Copyright 2024. All rights reserved.</p><p>Terms of use | Privacy policy | Cookies</p></footer>"
        "</body></html>"
    )


async def test_summary_only_entry_gets_its_page_text(store: Store, feed_server: FeedServer) -> None:
    page_url = feed_server.serve("/news/nk-troops", article_page(), content_type="text/html; charset=utf-8")
    feed = rss(
        item(
            "Hundreds of North Korean troops killed or wounded in Russia, US says",
            link=page_url,
            guid="nk",
            summary="<p>A US official says hundreds of North Korean soldiers have been hurt.</p>",
        ),
        # Carries its full text: no page fetch.
        item(
            "Full text",
            link=feed_server.url("/news/full"),
            guid="full",
            summary="short",
            content="<p>The whole story is here.</p>",
        ),
    )
    spec = SourceSpec("f", feed_server.serve("/feed", feed), backfill=None, fetch_pages=True)
    assert (await run(store, spec))[0]["new"] == 2
    assert feed_server.paths() == ["/feed", "/news/nk-troops"]

    nk, full = articles(store)
    assert nk.summary == "A US official says hundreds of North Korean soldiers have been hurt."
    paragraphs = nk.text.split("\n\n")
    assert (
        paragraphs[0] == "Hundreds of North Korean soldiers have been wounded or killed already while fighting "
        "for Russia, according to a US official."
    )
    assert "He said there is “not a single reason for North Koreans to die in this war”." in paragraphs
    assert "Sport" not in nk.text and "Copyright" not in nk.text
    assert full.text == "The whole story is here."


async def test_pages_are_not_fetched_unless_asked(store: Store, feed_server: FeedServer) -> None:
    page_url = feed_server.serve("/news/nk-troops", article_page(), content_type="text/html")
    feed = rss(item("NK troops", link=page_url, guid="nk", summary="Summary only."))
    await run(store, SourceSpec("f", feed_server.serve("/feed", feed), backfill=None))
    assert feed_server.paths() == ["/feed"]
    assert articles(store)[0].text == "Summary only."


async def test_a_page_that_fails_keeps_the_summary(store: Store, feed_server: FeedServer) -> None:
    feed_server.serve("/pdf", b"%PDF-1.4", content_type="application/pdf")
    feed = rss(
        item("Server error", link=feed_server.serve("/500", "oops", status=500), guid="1", summary="Summary one."),
        item("Missing", link=feed_server.url("/404"), guid="2", summary="Summary two."),
        item("Not HTML", link=feed_server.url("/pdf"), guid="3", summary="Summary three."),
        item("Refused", link="http://127.0.0.1:9/nothing-listens-here", guid="4", summary="Summary four."),
    )
    spec = SourceSpec("f", feed_server.serve("/feed", feed), backfill=None, fetch_pages=True)
    assert await run(store, spec) == [
        {"source": "f", "status": "ok", "items": 4, "new": 4, "duplicates": 0, "error": None}
    ]
    assert [a.text for a in articles(store)] == ["Summary one.", "Summary two.", "Summary three.", "Summary four."]


# --- what is stored with an article -------------------------------------------------------------


def enrich_sample(title: str, text: str, published: datetime | None = None, language: str | None = None) -> Enrichment:
    start = text.index("at least 30")
    figure = Figure(
        "casualties",
        30,
        None,
        "North Korean soldiers",
        "at least",
        "Ukraine",
        start,
        start + 11,
        text[start : start + 11],
    )
    quote_start = text.index("not a single reason")
    quote = Quote(
        "not a single reason for North Koreans to die in this war", "Volodymyr Zelenskyy", quote_start, quote_start + 56
    )
    return Enrichment(Extraction((figure,), (quote,)), ("north-korea", "north-korea", "ukraine"))


async def test_the_bundled_sample_feed(store: Store) -> None:
    sample_feed = Path(__file__).resolve().parents[3] / "config" / "samples" / "feed.xml"

    def enrich(title: str, text: str, published: datetime | None, language: str | None) -> Enrichment:
        return enrich_sample(title, text) if "at least 30" in text else no_enrichment(title, text)

    outcomes = await run(store, SourceSpec("sample", str(sample_feed), backfill=None), enrich=enrich)
    assert outcomes[0]["status"] == "ok"
    assert outcomes[0]["items"] == 4
    first = articles(store)[0]
    assert first.title == "Hundreds of North Korean troops killed or wounded in Russia, US says"
    assert first.url == "https://www.bbc.com/news/articles/c0q0n0k0r0o"
    assert first.published_at is not None and first.published_at.replace(tzinfo=UTC).strftime("%Y-%m") == "2024-11"
    # The article as the sample has it, with the photo caption pasted twice kept once (and HTML's
    # collapsing of a double space).
    caption, *rest = SAMPLE.strip().split("\n\n")
    expected = "\n\n".join([caption[: len(caption) // 2], *rest]).replace("  ", " ")
    assert first.text == expected
    with store.session() as s:
        figure = s.scalars(select(FigureRow)).one()
        quote = s.scalars(select(QuoteRow)).one()
        topics = s.scalars(select(ArticleTopic.topic).order_by(ArticleTopic.topic)).all()
    assert (figure.article_id, figure.kind, figure.min, figure.max, figure.actor) == (
        first.id,
        "casualties",
        30,
        None,
        "North Korean soldiers",
    )
    assert first.text[figure.start : figure.end] == figure.span == "at least 30"
    assert (quote.speaker, first.text[quote.start : quote.end]) == ("Volodymyr Zelenskyy", quote.text)
    assert topics == ["north-korea", "ukraine"]
    assert first.ingested_at.replace(tzinfo=UTC) == NOW


async def test_an_entry_the_enrich_hook_fails_on_is_not_stored(store: Store, tmp_path: Path) -> None:
    def flaky(title: str, text: str, published: datetime | None, language: str | None) -> Enrichment:
        if title == "Bad":
            raise RuntimeError("extractor crashed")
        return no_enrichment(title, text)

    feed = rss(
        item("Good", link="https://news.example.org/good", content="<p>good</p>"),
        item("Bad", link="https://news.example.org/bad", content="<p>bad</p>"),
    )
    spec = SourceSpec("f", write(tmp_path, "f.xml", feed), backfill=None)
    assert await run(store, spec, enrich=flaky) == [
        {
            "source": "f",
            "status": "ok",
            "items": 2,
            "new": 1,
            "duplicates": 0,
            "error": "enrich failed for 1 entries: RuntimeError: extractor crashed",
        }
    ]
    assert [a.title for a in articles(store)] == ["Good"]
    # Nothing was stored for it, so the next run tries again.
    assert (await run(store, spec))[0]["new"] == 1


# --- one transaction per source -----------------------------------------------------------------


def _huge_figure_for(bad_title: str) -> Enrich:
    """An enrich hook giving the article titled `bad_title` a count no 64-bit column holds."""

    def enrich(title: str, text: str, published: datetime | None, language: str | None) -> Enrichment:
        if title != bad_title:
            return no_enrichment(title, text)
        figure = Figure("killed", 10**20, 10**20, None, None, None, 0, 4, "many")
        return Enrichment(Extraction(figures=(figure,)), ())

    return enrich


async def test_a_row_the_store_refuses_costs_only_its_own_article(store: Store, tmp_path: Path) -> None:
    feed = rss(
        item("Alpha", link="https://news.example.org/a", content="<p>Alpha text about the harbour.</p>"),
        item("Bravo", link="https://news.example.org/b", content="<p>Bravo text about the mountains.</p>"),
        item("Charlie", link="https://news.example.org/c", content="<p>Charlie text about the river.</p>"),
    )
    spec = SourceSpec("f", write(tmp_path, "f.xml", feed), backfill=None)
    why = {
        "sqlite": "OverflowError: Python int too large to convert to SQLite INTEGER",
        "postgresql": "DataError: (psycopg.errors.NumericValueOutOfRange) bigint out of range",
    }[store.engine.dialect.name]
    reason = f"“Bravo” (https://news.example.org/b): {why}"
    result = {"source": "f", "status": "ok", "items": 3, "new": 2, "duplicates": 0}
    assert await run(store, spec, enrich=_huge_figure_for("Bravo")) == [
        {**result, "error": f"not stored: 1 entry: {reason}"}
    ]
    stored = articles(store)
    assert [(a.title, a.story_id == a.id) for a in stored] == [("Alpha", True), ("Charlie", True)]
    with store.session() as s:
        assert s.scalars(select(FigureRow)).all() == []
    # Nothing of it was kept, so the next run tries it again (and stores it once the hook gives storable values).
    assert (await run(store, spec))[0] == {**result, "new": 1, "duplicates": 2, "error": None}
    assert [a.title for a in articles(store)] == ["Alpha", "Charlie", "Bravo"]


async def test_an_article_joins_the_story_of_one_stored_before_it_in_the_same_feed(
    store: Store, tmp_path: Path
) -> None:
    # Another outlet's copy (an aggregator's feed): the same headline and lead (the first LEAD_CHARS), a line more.
    lead = "Russian forces struck the city of Kharkiv overnight with drones and missiles, officials said. " * 4
    feed = rss(
        item("Russia strikes Kharkiv overnight", link="https://news.example.org/1", content=f"<p>{lead}</p>"),
        item("Weather in Lisbon", link="https://news.example.org/2", content="<p>Sunny all week.</p>"),
        item("Russia strikes Kharkiv overnight", link="https://wire.example.net/3", content=f"<p>{lead} More.</p>"),
    )
    assert (await run(store, SourceSpec("f", write(tmp_path, "f.xml", feed), backfill=None)))[0]["new"] == 3
    first, other, copy = articles(store)
    assert (first.story_id, other.story_id, copy.story_id) == (first.id, other.id, first.id)
