"""The runtime's topic-derived hooks follow the config, reloads included."""

from __future__ import annotations

from bot.runtime import Runtime
from digests.config import parse_config
from digests.store.db import Store


def test_pages_are_wanted_for_the_configured_topics_and_follow_a_reload(sqlite_store: Store) -> None:
    rt = Runtime(parse_config("topics: {sudan: {match: [Sudan]}}", env={}), sqlite_store)
    assert rt.wants_page is not None
    assert (rt.wants_page("Talks on Sudan", ""), rt.wants_page("Football", "")) == (True, False)
    rt.replace_config(parse_config("topics: {football: {match: [Football]}}", env={}))
    assert (rt.wants_page("Talks on Sudan", ""), rt.wants_page("Football", "")) == (False, True)
