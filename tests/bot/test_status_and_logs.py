"""`sitrep status` (the admin's "why didn't it post?"), the one-line "nothing new" a channel may ask for,
and JSON log lines carrying the ids that follow an article from fetch to post."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from bot import jobs
from bot.deliver import deliver
from bot.logs import JsonFormatter
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from bot.status import format_status, status
from digests import ledger
from digests.config import parse_config
from digests.store.db import Store
from digests.store.schema import Source
from tests.digests.ingest.support import FeedServer

CONFIG = """
feeds: [{name: wire, url: "https://wire.example/rss", every: 10m}]
topics: {sudan: {title: War in Sudan, match: [Sudan]}}
channels:
  - {name: desk, platform: console, topics: [sudan], schedule: "0 8 * * *", timezone: Europe/Kyiv, nothing_new: true}
"""
NOW = datetime(2024, 11, 5, 9, 30, tzinfo=UTC)


def test_status_names_source_errors_next_runs_and_deliveries(store: Store) -> None:
    rt = Runtime(parse_config(CONFIG, env={}), store, now=lambda: NOW)
    with store.session() as s:
        s.add(
            Source(
                name="wire",
                url="https://wire.example/rss",
                status="error",
                error="HTTP 503: retry after 120s",
                failures=3,
                gone=False,
                created_at=NOW,
                last_error_at=NOW,
                next_fetch_at=datetime(2024, 11, 5, 9, 32, tzinfo=UTC),
            )
        )
        row = ledger.open_delivery(
            s,
            channel="desk",
            window="2024-11-05T06:00:00+00:00",
            platform="console",
            payload=[{"text": "x"}],
            last_article_id=4,
            article_count=2,
            now=NOW,
        )
        assert row is not None
        ledger.mark_failed(s, row.id, "channel_not_found", permanent=True)
    report = status(rt)
    assert report["sources"] == [
        {
            "name": "wire",
            "url": "https://wire.example/rss",
            "state": "error",
            "last_success": None,
            "last_error": "HTTP 503: retry after 120s",
            "last_error_at": "2024-11-05T09:30:00+00:00",
            "failures_in_a_row": 3,
            "articles_today": 0,
            "next_fetch": "2024-11-05T09:32:00+00:00",
        }
    ]
    assert report["channels"][0]["next_digest"] == "2024-11-06T08:00:00+02:00"
    assert report["failed_deliveries"] == [
        {"channel": "desk", "window": "2024-11-05T06:00:00+00:00", "error": "channel_not_found"}
    ]
    assert format_status(report).splitlines() == [
        "Sources:",
        "  wire: error, last success never, next fetch 2024-11-05T09:32:00+00:00",
        "    last error: HTTP 503: retry after 120s (3 in a row)",
        "Channels:",
        "  desk [console] 0 8 * * * (Europe/Kyiv): next 2024-11-06T08:00:00+02:00, last failed 2024-11-05T09:30:00+00:00 (2024-11-05T06:00:00+00:00)",
        "    error: channel_not_found",
        "Failed deliveries:",
        "  desk 2024-11-05T06:00:00+00:00: channel_not_found",
    ]


async def test_a_channel_that_asks_hears_nothing_new_once_per_window(sqlite_store: Store) -> None:
    out = io.StringIO()
    rt = Runtime(
        parse_config(CONFIG, env={}), sqlite_store, publishers={"console": ConsolePublisher(out)}, now=lambda: NOW
    )
    channel = rt.config.channels[0]
    first = await deliver(rt, channel, window="w1", scheduled=True)
    again = await deliver(rt, channel, window="w1", scheduled=True)
    unscheduled = await deliver(rt, channel)
    assert (first.status, again.status, unscheduled.status) == ("sent", "already_delivered", "nothing_new")
    assert out.getvalue().count("── #desk ──") == 1
    assert "Nothing new" in out.getvalue()


def test_json_log_lines_carry_the_ids() -> None:
    record = logging.LogRecord("sitrep.deliver", logging.INFO, __file__, 1, "delivery %s sent", (12,), None)
    record.channel, record.delivery, record.window = "desk", 12, "2024-11-05T06:00:00+00:00"
    line = json.loads(JsonFormatter().format(record))
    assert {k: v for k, v in line.items() if k != "ts"} == {
        "level": "info",
        "logger": "sitrep.deliver",
        "event": "delivery 12 sent",
        "channel": "desk",
        "delivery": 12,
        "window": "2024-11-05T06:00:00+00:00",
    }


@pytest.fixture
def busy_feed(feed_server: FeedServer) -> tuple[str, FeedServer]:
    """A feed that first answers 503 with Retry-After: 15 minutes, then serves one item: its URL and server."""
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Sudan</title><link>https://x.example/1</link><description>Sudan news</description></item>"
        "</channel></rss>"
    )

    async def feed(request: web.Request) -> web.Response:
        if len(feed_server.requests) == 1:
            return web.Response(status=503, text="busy", headers={"Retry-After": "900"})
        return web.Response(text=rss, content_type="application/rss+xml")

    return feed_server.route("/feed.xml", feed), feed_server


async def test_status_next_fetch_is_the_schedulers_next_poll(store: Store, busy_feed: tuple[str, FeedServer]) -> None:
    url, server = busy_feed
    config = parse_config(CONFIG.replace("https://wire.example/rss", url), env={})
    moment = [datetime(2024, 11, 5, 12, 0, tzinfo=UTC)]
    rt = Runtime(config, store, now=lambda: moment[0])
    feed = config.feeds[0]

    def next_fetch() -> str:
        return str(status(rt)["sources"][0]["next_fetch"])

    assert next_fetch() == "2024-11-05T12:00:00+00:00"  # never fetched: at once
    await jobs.poll_feed(rt, feed)  # 503, retry after 15 min: the 12:10 poll waits, the 12:20 one fetches
    assert (len(server.requests), next_fetch()) == (1, "2024-11-05T12:20:00+00:00")
    hits = []
    for minute in (10, 20):
        moment[0] = datetime(2024, 11, 5, 12, minute, tzinfo=UTC)
        await jobs.poll_feed(rt, feed)
        hits.append(len(server.requests))
    assert hits == [1, 2]
    # Answering again, it is fetched `every` (10 min) after its last attempt, even when asked in between.
    moment[0] += timedelta(minutes=3)
    assert next_fetch() == "2024-11-05T12:30:00+00:00"
    assert format_status(status(rt)).splitlines()[1] == (
        "  wire: ok, last success 2024-11-05T12:20:00+00:00, next fetch 2024-11-05T12:30:00+00:00"
    )
    # A feed that answered 410 is not fetched again.
    with store.session() as s:
        s.query(Source).filter_by(name="wire").one().gone = True
    assert format_status(status(rt)).splitlines()[1] == (
        "  wire: gone, last success 2024-11-05T12:20:00+00:00, next fetch never"
    )


async def test_each_feed_poll_is_logged_once(
    sqlite_store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feed_file = tmp_path / "feed.xml"
    feed_file.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Sudan</title><link>https://x.example/1</link><description>Sudan news</description></item>"
        "</channel></rss>"
    )
    config = parse_config(CONFIG.replace("https://wire.example/rss", str(feed_file)), env={})
    rt = Runtime(config, sqlite_store, now=lambda: NOW)
    # Set on each logger involved: an earlier test in the run may have raised the level of a parent.
    for name in ("", "sitrep", "sitrep.jobs", "digests", "digests.ingest.run"):
        caplog.set_level(logging.DEBUG, logger=name)
    await jobs.poll_feed(rt, config.feeds[0])
    feed_file.unlink()
    rt.now = lambda: NOW + timedelta(hours=1)
    await jobs.poll_feed(rt, config.feeds[0])
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records if "wire" in r.getMessage()] == [
        ("sitrep.jobs", "INFO", "feed wire: ok, 1 new article(s) (ids 1)"),
        ("sitrep.jobs", "WARNING", f"feed wire: file not found: {feed_file}"),
    ]
