"""`sitrep status` (the admin's "why didn't it post?"), the one-line "nothing new" a channel may ask for,
and JSON log lines carrying the ids that follow an article from fetch to post."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime

from bot.deliver import deliver
from bot.logs import JsonFormatter
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from bot.status import format_status, status
from digests import ledger
from digests.config import parse_config
from digests.store.db import Store
from digests.store.schema import Source

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
