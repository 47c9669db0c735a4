"""Two replicas on one PostgreSQL database, posting to the Slack stand-in through the real slack-sdk: a pending
delivery is resumed by exactly one of them, a digest window is posted once, a feed is fetched once."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, tzinfo

import pytest
from sqlalchemy import select

from bot import jobs
from bot.adapters import build_adapters
from bot.deliver import deliver, resolve_pending
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from digests import claims
from digests.config import parse_config
from digests.config.models import Channel, Config
from digests.store.db import Store
from digests.store.schema import Delivery
from tests.bot.slack.conftest import CHANNEL, make_config
from tests.digests.ingest.support import FeedServer, item, rss
from tests.factories import NOW, add_sample, article
from tests.standins.slack import SlackStandIn

CLOCK = NOW + timedelta(hours=1)


@pytest.fixture
async def slow_slack() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn() as slack:
        slack.latency = 0.2  # posts in flight long enough for the other replica to look at the same rows
        yield slack


async def _replicas(url: str, config: Config, count: int = 2) -> list[Runtime]:
    replicas = []
    for i in range(count):
        rt = Runtime(config, Store(url), now=lambda: CLOCK, owner=f"replica-{i}")
        for adapter in build_adapters(rt):
            await adapter.open()
        replicas.append(rt)
    return replicas


def _keys(slack: SlackStandIn, channel: str = CHANNEL) -> Counter[str]:
    return Counter(m["metadata"]["event_payload"]["key"] for m in slack.posted(channel))


async def test_eight_retried_deliveries_are_each_posted_once_by_one_of_two_replicas(
    pg_db: str, slow_slack: SlackStandIn
) -> None:
    """The bug of issue 13: every replica's retry read the same pending rows and both posted them."""
    rooms = [Channel(name=f"room-{i}", platform="slack", id=f"C0ROOM{i}", topics=["north-korea"]) for i in range(8)]
    config = make_config(slow_slack.api_url, channels=rooms)
    a, b = await _replicas(pg_db, config)
    add_sample(a.store)
    slow_slack.fail("chat.postMessage", status=500, times=8)
    first = [await deliver(a, room) for room in rooms]
    assert [o.status for o in first] == ["pending"] * 8
    assert slow_slack.posted() == []

    outcomes = await asyncio.gather(resolve_pending(a), resolve_pending(b))

    assert sorted(o.status for side in outcomes for o in side) == ["sent"] * 8
    assert outcomes[0] and outcomes[1], "both replicas took part"
    keys = sum((_keys(slow_slack, room.id) for room in rooms), Counter[str]())
    assert keys == Counter({f"d{i}p0": 1 for i in range(1, 9)})
    with a.store.session() as s:
        rows = [(d.status, d.attempts, d.claimed_by) for d in s.scalars(select(Delivery).order_by(Delivery.id))]
    assert rows == [("sent", 1, None)] * 8


async def test_a_digest_window_fired_on_two_replicas_is_posted_once(pg_db: str, slow_slack: SlackStandIn) -> None:
    config = make_config(slow_slack.api_url)
    a, b = await _replicas(pg_db, config)
    add_sample(a.store)
    channel = config.channels[0]
    window = "2024-11-05T13:00:00+00:00"
    with b.store.session() as building:
        # Replica b is building the channel's digest: a skips it rather than wait or build it too.
        assert claims.claim(building, "digest:ops-room", b.owner, until=CLOCK + b.lease, now=CLOCK)
        skipped = await jobs.deliver_window(a, channel, window)
        assert (skipped.status, skipped.delivery_id) == ("busy", None)
        claims.release(building, "digest:ops-room", b.owner)  # as deliver() does once it has built the digest

    outcomes = await asyncio.gather(jobs.deliver_window(a, channel, window), jobs.deliver_window(b, channel, window))

    # Digests are built in store worker threads, so the two builds may overlap: the one that finds the other's
    # claim skips ("busy"), or, coming after it, finds the window delivered ("nothing_new"). Either way one post.
    sent = [o for o in outcomes if o.status == "sent"]
    skipped = [o for o in outcomes if o.status != "sent"]
    assert (len(sent), sent[0].delivery_id, len(skipped)) == (1, 1, 1), outcomes
    assert (skipped[0].status in ("busy", "nothing_new"), skipped[0].delivery_id) == (True, None), outcomes
    assert _keys(slow_slack) == Counter({"d1p0": 1})
    with a.store.session() as s:
        assert [(d.window, d.status) for d in s.scalars(select(Delivery))] == [(window, "sent")]


async def test_three_replicas_polling_one_feed_fetch_it_once_per_interval(pg_db: str, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", rss(item("Sudan", link="https://x.example/1", summary="Sudan news")))
    config = parse_config(
        f'feeds: [{{name: wire, url: "{url}", every: 10m}}]\ntopics: {{sudan: {{match: [Sudan]}}}}', env={}
    )
    moment = [NOW]
    replicas = [Runtime(config, Store(pg_db), now=lambda: moment[0], owner=f"r{i}") for i in range(3)]
    feed = config.feeds[0]
    fetched_at = []

    async def tick(at: timedelta, alive: list[Runtime]) -> None:
        moment[0] = NOW + at
        before = len(feed_server.requests)
        # Every replica's scheduler fires at the interval's start (give or take its jitter): all at once here.
        await asyncio.gather(*(jobs.poll_feed(rt, feed) for rt in alive))
        fetched_at.extend([int(at.total_seconds())] * (len(feed_server.requests) - before))

    for minute in (0, 10, 20):
        await tick(timedelta(minutes=minute), replicas)
        await tick(timedelta(minutes=minute, seconds=25), replicas)  # a late fire in the same interval
    # A replica claims the 30-minute interval and dies before it fetches: the others skip while its lease (30 s)
    # holds, and a fire after it ran out, still in that interval, fetches.
    died = NOW + timedelta(minutes=30)
    with replicas[0].store.session() as s:
        assert claims.claim(s, "feed:wire", "dead", until=died + replicas[0].lease, now=died)
    for at in (timedelta(minutes=30), timedelta(minutes=30, seconds=20), timedelta(minutes=30, seconds=40)):
        await tick(at, replicas[1:])
    await tick(timedelta(minutes=40), replicas[1:])
    assert fetched_at == [0, 600, 1200, 1840, 2400]
    for rt in replicas:
        rt.store.close()


async def test_a_replica_whose_clock_runs_an_hour_fast_reads_leases_on_the_databases_clock(
    pg_db: str, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = feed_server.serve("/feed.xml", rss(item("Sudan", link="https://x.example/1", summary="Sudan news")))
    config = parse_config(
        f'feeds: [{{name: wire, url: "{url}", every: 10m}}]\ntopics: {{sudan: {{match: [Sudan]}}}}', env={}
    )
    on_time, fast = (Runtime(config, Store(pg_db), owner=name) for name in ("on-time", "fast"))
    await jobs.poll_feed(on_time, config.feeds[0])

    class FastClock(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> FastClock:
            return super().now(tz) + timedelta(hours=1)  # type: ignore[return-value]

    monkeypatch.setattr("bot.runtime.datetime", FastClock)
    assert fast.now() - datetime.now(UTC) > timedelta(minutes=59)
    # On its own clock the on-time replica's claim ran out long ago; on the database's it holds.
    await jobs.poll_feed(fast, config.feeds[0])
    assert len(feed_server.requests) == 1
    with fast.store.session() as s:
        assert claims.holder(s, "feed:wire", claims.database_now(s)) == "on-time"
    for rt in (on_time, fast):
        rt.store.close()


async def test_an_article_committed_after_a_higher_id_is_not_skipped_by_the_digest(pg_db: str) -> None:
    """Article ids are taken at insert and commit in any order (two feeds stored at once): a digest must not
    count an id as covered while a lower one is still being stored."""
    config = parse_config(
        "topics: {sudan: {match: [Sudan]}}\nchannels: [{name: desk, platform: console, topics: [sudan]}]", env={}
    )
    out = io.StringIO()
    rt = Runtime(config, Store(pg_db), publishers={"console": ConsolePublisher(out)}, now=lambda: CLOCK)
    slow = Store(pg_db)
    storing = slow.session()
    session = storing.__enter__()
    article(session, "https://x.example/first", topics=("sudan",), source_name="one")
    session.flush()  # id 1 taken, not committed
    with rt.store.session() as s:
        article(s, "https://x.example/second", topics=("sudan",), source_name="two")  # id 2, committed

    def commit_later() -> None:
        time.sleep(0.5)
        storing.__exit__(None, None, None)

    committer = threading.Thread(target=commit_later)
    committer.start()
    outcome = await deliver(rt, config.channels[0])
    committer.join()

    assert (outcome.status, outcome.articles) == ("sent", 2)
    assert "https://x.example/first" in out.getvalue() and "https://x.example/second" in out.getvalue()
    slow.close()
    rt.store.close()
