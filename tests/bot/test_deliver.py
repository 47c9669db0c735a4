"""deliver: what a channel's digest covers."""

from __future__ import annotations

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
