"""deliver: what a channel's digest covers."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta

from bot.deliver import deliver
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from digests import ledger
from digests.config import parse_config
from digests.store.db import Store
from tests.factories import NOW, article

CONFIG = (
    "topics: {sudan: {match: [Sudan]}}\n"
    "digest: {first_window: 2d}\n"
    "channels: [{name: desk, platform: console, topics: [sudan]}]"
)


async def test_a_channels_first_digest_covers_its_first_window_of_stored_articles_not_all_history(store: Store) -> None:
    config = parse_config(CONFIG, env={})
    with store.session() as s:
        old = article(s, "https://x.example/old", title="Old Sudan report", topics=("sudan",))
        old.ingested_at = NOW - timedelta(days=3)
        new_id = article(s, "https://x.example/new", title="New Sudan report", topics=("sudan",)).id
    out = io.StringIO()
    rt = Runtime(config, store, publishers={"console": ConsolePublisher(out)}, now=lambda: NOW + timedelta(hours=1))

    first = await deliver(rt, config.channels[0])

    assert (first.status, first.articles) == ("sent", 1)
    assert "New Sudan report" in out.getvalue() and "Old Sudan report" not in out.getvalue()
    with store.session() as s:
        assert ledger.covered_up_to(s, "desk") == new_id
    # Once the channel has a digest, the next one starts where it ended: nothing new, nothing from before.
    assert (await deliver(rt, config.channels[0])).status == "nothing_new"


async def test_channels_due_together_on_the_same_topics_from_the_same_point_share_one_digest_build(
    store: Store,
) -> None:
    config = parse_config(
        "topics: {sudan: {match: [Sudan]}}\n"
        "channels: [{name: desk, platform: console, topics: [sudan]},"
        " {name: night-desk, platform: console, topics: [sudan]},"
        " {name: late-desk, platform: console, topics: [sudan]}]",
        env={},
    )
    with store.session() as s:
        first_id = article(s, "https://x.example/1", title="First Sudan report", topics=("sudan",)).id
    out = io.StringIO()
    rt = Runtime(config, store, publishers={"console": ConsolePublisher(out)}, now=lambda: NOW + timedelta(hours=1))
    desk, night, late = config.channels
    # late-desk had its digest of the first article already: it starts after it.
    assert (await deliver(rt, late)).status == "sent"
    with store.session() as s:
        second_id = article(s, "https://x.example/2", title="Second Sudan report", topics=("sudan",)).id
    rt.answers.changed()  # as an ingest in this process does
    hits, misses = rt.answers.hits, rt.answers.misses

    outcomes = await asyncio.gather(deliver(rt, desk), deliver(rt, night), deliver(rt, late))

    assert [(o.channel, o.status, o.articles) for o in outcomes] == [
        ("desk", "sent", 2),
        ("night-desk", "sent", 2),
        ("late-desk", "sent", 1),
    ]
    # desk and night-desk start from the same point: one build; late-desk's digest is its own.
    assert (rt.answers.misses - misses, rt.answers.hits - hits) == (2, 1)
    with store.session() as s:
        assert [ledger.covered_up_to(s, c.name) for c in config.channels] == [second_id, second_id, second_id]
    assert out.getvalue().count("── #desk ──") == 1 and out.getvalue().count("── #night-desk ──") == 1
    assert out.getvalue().count("Second Sudan report") == 3 and first_id < second_id
