"""Which pages ingest fetches: none unless a feed asks, then only for entries a topic could claim; one log line a run."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from digests.config import parse_config
from digests.config.models import Fetch, Topic
from digests.enrich import page_filter
from digests.ingest import SourceSpec, ingest
from digests.store.db import Store
from tests.digests.ingest.support import FeedServer, item, no_enrichment, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
TOPICS = {"sudan": Topic(match=["Sudan", "re:El[- ]Fasher"]), "nk": Topic(match=["North Korean"])}
PAGE = "<html><body><article><p>{}</p></article></body></html>"


def test_fetch_pages_is_off_unless_a_feed_asks() -> None:
    config = parse_config("feeds: [{name: f, url: feed.xml}]", env={})
    assert config.feeds[0].fetch_pages is False


def test_page_filter_wants_a_topic_term_in_the_title_or_summary() -> None:
    wants = page_filter(TOPICS)
    assert wants("Fighting in El-Fasher", "") is True
    assert wants("Update", "North Korean troops moved") is True
    assert wants("Football results", "The derby ended 2-1.") is False
    assert page_filter({}) is None  # no topics: nothing to choose by


async def test_only_entries_a_topic_could_claim_get_their_page(
    store: Store, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    page = PAGE.format("Fighting around El Fasher displaced more than 40,000 people, a UN agency said. " * 5)
    feed = rss(
        item("Fighting in El Fasher", link=feed_server.serve("/sudan", page, content_type="text/html"), summary="."),
        item("Update", link=feed_server.serve("/nk", page, content_type="text/html"), summary="North Korean troops."),
        item("Football results", link=feed_server.serve("/football", page, content_type="text/html"), summary="2-1."),
        item("Sudan talks", link=feed_server.serve("/down", "oops", status=500), summary="Talks in Jeddah."),
        item("North Korean envoy", link=feed_server.url("/missing"), summary="An envoy arrived."),
    )
    spec = SourceSpec("f", feed_server.serve("/feed", feed), backfill=None, fetch_pages=True)
    caplog.set_level(logging.INFO, logger="digests")
    report = await ingest(
        store,
        [spec],
        enrich=no_enrichment,
        settings=Fetch(timeout=timedelta(seconds=2), allow_private=["127.0.0.1"]),
        now=lambda: NOW,
        wants_page=page_filter(TOPICS),
    )
    assert report.sources[0].new == 5
    assert sorted(feed_server.paths()) == ["/down", "/feed", "/missing", "/nk", "/sudan"]
    page_lines = [r.getMessage() for r in caplog.records if "page" in r.getMessage()]
    assert page_lines == [
        "f: pages: 2 read, 2 failed (HTTP 404, HTTP 500), 1 skipped (no topic term in its title or summary)"
    ]
