"""The long-running service: feed backoff and pause-and-notify, reload keeping the last good config,
digest windows across a DST change, catch-up after downtime, pending deliveries finished on start."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from bot import jobs
from bot.deliver import resolve_pending
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from bot.schedule import last_fire, next_fire, window_key
from bot.service import Service
from digests import ledger
from digests.config import load_config, parse_config
from digests.store.db import Store
from digests.store.schema import Delivery, Source
from tests.factories import article


class Clock:
    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
async def failing_feed() -> AsyncIterator[dict[str, object]]:
    """A feed server that answers 500 until told to serve a feed."""
    state: dict[str, object] = {"ok": False, "hits": 0}
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Sudan</title><link>https://x.example/1</link><description>Sudan news</description></item>"
        "</channel></rss>"
    )

    async def feed(request: web.Request) -> web.Response:
        state["hits"] = int(state["hits"]) + 1  # type: ignore[call-overload]
        if state["ok"]:
            return web.Response(text=rss, content_type="application/rss+xml")
        return web.Response(status=500, text="boom")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state["url"] = f"http://127.0.0.1:{port}/feed.xml"
    yield state
    await runner.cleanup()


async def test_a_failing_feed_backs_off_pauses_once_with_notice_and_resumes(
    store: Store, failing_feed: dict[str, object]
) -> None:
    config = parse_config(
        f"""
feeds: [{{name: flaky, url: "{failing_feed["url"]}", every: 1m, backfill: all}}]
topics: {{sudan: {{match: [Sudan]}}}}
channels: [{{name: admins, platform: console, topics: [sudan]}}]
admins: {{channel: admins}}
fetch: {{pause_after: 3}}
""",
        env={},
    )
    clock = Clock(datetime(2024, 11, 5, 12, tzinfo=UTC))
    out = io.StringIO()
    rt = Runtime(config, store, publishers={"console": ConsolePublisher(out)}, now=clock)
    feed = config.feeds[0]
    delays = []
    for _ in range(4):
        await jobs.poll_feed(rt, feed)
        with store.session() as s:
            source = s.query(Source).filter_by(name="flaky").one()
            due = (
                source.next_fetch_at.replace(tzinfo=UTC)
                if source.next_fetch_at.tzinfo is None
                else source.next_fetch_at
            )
            delays.append((source.failures, int((due - clock.moment).total_seconds()), source.paused_at is not None))
        # Polling again before the backoff ran out fetches nothing.
        hits = failing_feed["hits"]
        await jobs.poll_feed(rt, feed)
        assert failing_feed["hits"] == hits
        clock.moment = due
    assert delays == [(1, 60, False), (2, 120, False), (3, 240, True), (4, 480, True)]
    notices = out.getvalue()
    assert notices.count("Feed flaky paused") == 1
    assert "3 failures in a row; the last: HTTP 500" in notices

    failing_feed["ok"] = True
    await jobs.poll_feed(rt, feed)
    with store.session() as s:
        source = s.query(Source).filter_by(name="flaky").one()
        assert (source.status, source.failures, source.paused_at, source.next_fetch_at) == ("ok", 0, None, None)


GOOD = """
topics: {{sudan: {{match: [Sudan]}}}}
channels: [{{name: desk, platform: console, topics: [sudan], schedule: "{schedule}"}}]
"""


async def test_reload_with_a_broken_config_keeps_the_last_good_one(tmp_path: Path, sqlite_store: Store) -> None:
    path = tmp_path / "sitrep.yaml"
    path.write_text(GOOD.format(schedule="0 8 * * *"))
    rt = Runtime(load_config(path), sqlite_store)
    service = Service(rt, str(path))
    service.scheduler.start(paused=True)
    service.schedule_jobs()
    path.write_text(GOOD.format(schedule="0 25 * * *") + "\nbogus: 1\n")
    problems = await rt.reloader()  # type: ignore[misc]
    assert problems == [
        "channels[0].schedule: not a cron expression: hour '25' is out of range 0-23",
        "bogus: unknown key",
    ]
    assert rt.config.channels[0].schedule == "0 8 * * *"

    path.write_text(GOOD.format(schedule="30 9 * * *").replace("desk", "newsroom"))
    assert await rt.reloader() == []  # type: ignore[misc]
    assert [c.name for c in rt.config.channels] == ["newsroom"]
    assert sorted(j.id for j in service.scheduler.get_jobs()) == ["digest:newsroom", "retry-deliveries", "watch-config"]
    service.scheduler.shutdown(wait=False)


def test_digest_windows_follow_the_channel_time_zone_across_dst() -> None:
    config = parse_config(
        "topics: {u: {match: [Ukraine]}}\n"
        'channels: [{name: kyiv, platform: console, topics: [u], schedule: "0 8 * * *", timezone: Europe/Kyiv}]',
        env={},
    )
    kyiv = config.channels[0]
    # Summer time starts in Kyiv at 03:00 on 31 March 2024: 08:00 local moves from 06:00 to 05:00 UTC.
    before = next_fire(kyiv, datetime(2024, 3, 30, 7, tzinfo=UTC))
    after = next_fire(kyiv, datetime(2024, 3, 31, 0, tzinfo=UTC))
    assert [window_key(before), window_key(after)] == ["2024-03-31T05:00:00+00:00", "2024-03-31T05:00:00+00:00"]
    assert window_key(next_fire(kyiv, datetime(2024, 3, 29, 7, tzinfo=UTC))) == "2024-03-30T06:00:00+00:00"
    # And back in autumn (27 October 2024): 06:00 UTC again.
    assert window_key(next_fire(kyiv, datetime(2024, 10, 27, 0, tzinfo=UTC))) == "2024-10-27T06:00:00+00:00"
    assert last_fire(kyiv, datetime(2024, 3, 31, 5, 30, tzinfo=UTC), timedelta(hours=1)) == datetime(
        2024, 3, 31, 5, tzinfo=UTC
    )


async def test_a_missed_digest_is_sent_once_within_grace_and_skipped_after(store: Store) -> None:
    config = parse_config(
        "topics: {sudan: {match: [Sudan]}}\n"
        'channels: [{name: desk, platform: console, topics: [sudan], schedule: "0 8 * * *", grace: 1h}]',
        env={},
    )
    with store.session() as s:
        article(s, "https://x.example/sudan", topics=("sudan",))
    out = io.StringIO()
    clock = Clock(datetime(2024, 11, 5, 10, 0, tzinfo=UTC))
    rt = Runtime(config, store, publishers={"console": ConsolePublisher(out)}, now=clock)
    assert await jobs.catch_up(rt, config.channels[0]) is None  # 2 h late: skipped
    clock.moment = datetime(2024, 11, 6, 8, 40, tzinfo=UTC)
    sent = await jobs.catch_up(rt, config.channels[0])
    assert sent is not None and sent.status == "sent"
    assert await jobs.catch_up(rt, config.channels[0]) is None  # that window is done
    with store.session() as s:
        assert [(d.window, d.status) for d in ledger.recent_deliveries(s)] == [("2024-11-06T08:00:00+00:00", "sent")]
    assert out.getvalue().count("── #desk ──") == 1


async def test_a_delivery_left_pending_by_a_crash_is_finished_first_from_where_it_stopped(store: Store) -> None:
    config = parse_config("topics: {s: {match: [S]}}\nchannels: [{name: desk, platform: console, topics: [s]}]", env={})
    out = io.StringIO()
    rt = Runtime(config, store, publishers={"console": ConsolePublisher(out)})
    with store.session() as s:
        row = ledger.open_delivery(
            s,
            channel="desk",
            window="w",
            platform="console",
            payload=[{"text": "one"}, {"text": "two"}, {"text": "three"}],
            last_article_id=3,
            article_count=3,
            now=rt.now(),
        )
        assert row is not None
        ledger.record_part(s, row.id, "d1p0")
    outcomes = await resolve_pending(rt)
    assert [(o.channel, o.status) for o in outcomes] == [("desk", "sent")]
    printed = out.getvalue()
    assert "one" not in printed
    assert "(resent after a restart: d1p1)" in printed and printed.rstrip().endswith("three")
    with store.session() as s:
        d = s.get_one(Delivery, row.id)
        assert (d.status, d.parts_sent, d.message_ids) == ("sent", 3, ["d1p0", "d1p1", "d1p2"])


async def test_reload_parses_off_the_event_loop(tmp_path: Path, sqlite_store: Store) -> None:
    path = tmp_path / "sitrep.yaml"
    path.write_text(GOOD.format(schedule="0 8 * * *"))
    rt = Runtime(load_config(path), sqlite_store)
    service = Service(rt, str(path))
    service.scheduler.start(paused=True)
    # Close to the size cap a file takes a second or more to parse; Slack wants its acks within three.
    padding = "# a comment line that pads the file out to a large size\n" * 16_000
    path.write_text(GOOD.format(schedule="0 9 * * *") + padding)
    gaps: list[float] = []

    async def tick() -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(0.01)
            gaps.append(loop.time() - last)
            last = loop.time()

    ticker = asyncio.create_task(tick())
    started = asyncio.get_running_loop().time()
    assert await rt.reloader() == []  # type: ignore[misc]
    took = asyncio.get_running_loop().time() - started
    ticker.cancel()
    assert rt.config.channels[0].schedule == "0 9 * * *"
    # The parse was long enough that, had it run on the loop, the loop would have stalled for longer than the
    # largest gap allowed below (a 1 MB file takes 0.4-1 s, depending on the machine)…
    assert took > 0.3
    assert gaps and max(gaps) < 0.25  # …and the loop kept answering meanwhile
    service.scheduler.shutdown(wait=False)


async def test_a_reload_that_fails_tells_the_admins_channel_what_is_wrong(tmp_path: Path, sqlite_store: Store) -> None:
    path = tmp_path / "sitrep.yaml"
    good = GOOD.format(schedule="0 8 * * *") + "admins: {channel: desk}\n"
    path.write_text(good)
    out = io.StringIO()
    rt = Runtime(load_config(path), sqlite_store, publishers={"console": ConsolePublisher(out)})
    Service(rt, str(path))
    path.write_text("feeds: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert await rt.reloader() == ["not valid YAML: nested too deeply"]  # type: ignore[misc]
    assert rt.config.channels[0].name == "desk"
    assert out.getvalue().splitlines() == [
        "── #desk ──",
        "Config not reloaded: still running the last good one",
        f"{path}:",
        "not valid YAML: nested too deeply",
        "",
    ]
