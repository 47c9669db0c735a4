"""`/casualties … chart`: the command layer draws the topic's tolls as a picture next to the figures."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.commands import Invocation, dispatch, options_from_text, suggest
from bot.commands.present import present
from bot.runtime import Runtime
from digests.config import parse_config
from digests.store.db import Store
from tests.bot.chart_rows import three_days
from tests.digests.chart.test_chart import png_size
from tests.factories import NOW, article

CONFIG = """
topics:
  north-korea: {title: North Korean troops in Russia, match: [North Korea]}
  sudan: {title: War in Sudan, match: [Sudan]}
channels:
  - {name: ops, platform: slack, id: C1, topics: [north-korea, sudan]}
slack: {bot_token: xoxb-test, signing_secret: test-secret}
"""


@pytest.fixture
def rt(store: Store) -> Runtime:
    three_days(store, NOW)  # Ukraine's running total of North Korean dead: 300, 420, 600 over three days
    return Runtime(parse_config(CONFIG, env={}), store, now=lambda: NOW + timedelta(hours=1))


def ask(text: str) -> Invocation:
    return Invocation("casualties", options_from_text("casualties", text), platform="slack", channel_id="C1")


def test_chart_is_read_from_the_end_of_the_text_before_or_after_the_time() -> None:
    assert options_from_text("casualties", "north korea 30d chart") == {
        "about": "north korea",
        "since": "30d",
        "view": "chart",
    }
    assert options_from_text("casualties", "north korea chart 30d") == options_from_text(
        "casualties", "north korea 30d chart"
    )
    assert options_from_text("casualties", "chart") == {"view": "chart"}
    # Only at the end: an actor may contain the word.
    assert options_from_text("casualties", "chart makers 7d") == {"about": "chart makers", "since": "7d"}
    assert options_from_text("quotes", "gaza chart") == {"about": "gaza chart"}


async def test_a_chart_comes_with_the_figures_of_each_topic_that_has_tolls(rt: Runtime) -> None:
    reply = await dispatch(rt, ask("chart"))

    assert reply.title == "Latest figures — North Korean troops in Russia · War in Sudan"
    (picture,) = reply.pictures  # Sudan has no tolls to draw: one picture, no note about it
    assert (picture.title, picture.filename) == (
        "North Korean troops in Russia: tolls by publication date",
        "north-korea-trend.png",
    )
    assert png_size(picture.png) == (800, 510) and len(picture.png) < 200_000
    assert reply.lines == ()
    # The words are the same answer as without the chart.
    plain = await dispatch(rt, ask(""))
    assert (plain.pictures, reply.digest and reply.digest.figures) == ((), plain.digest and plain.digest.figures)


async def test_an_actor_chart_keeps_only_that_actors_counts(rt: Runtime) -> None:
    soldiers = await dispatch(rt, ask("North Korean soldiers 30d chart"))
    civilians = await dispatch(rt, ask("civilians 30d chart"))

    assert [p.filename for p in soldiers.pictures] == ["north-korea-trend.png"]
    assert civilians.pictures == ()
    assert civilians.lines[-1] == "No running totals or incident tolls to draw since 2024-10-06 10:00 UTC."


async def test_without_a_topic_or_with_a_wrong_view_the_answer_says_what_to_do(rt: Runtime) -> None:
    nowhere = Invocation("casualties", {"view": "chart"}, platform="slack", channel_id="C-unknown")
    wrong = Invocation("casualties", {"view": "pie"}, platform="discord", channel_id="C1")

    assert (await dispatch(rt, nowhere)).lines[-1] == "Name a topic to draw its chart: `north-korea`, `sudan`."
    refused = await dispatch(rt, wrong)
    assert (refused.title, refused.lines, refused.error) == (
        "That didn't work",
        (
            "`pie` is not a view: add `chart` to draw the tolls over time",
            "Usage: /casualties [topic|actor] [since] [chart]",
        ),
        True,
    )
    assert await suggest(rt, "casualties", "view", "") == ["chart"]


async def test_a_note_after_the_figures_is_its_own_short_part(rt: Runtime, store: Store) -> None:
    with store.session() as s:
        # One day's displacement count: figures to list, nothing a toll chart draws.
        article(
            s,
            "https://un.example/sudan",
            title="Tens of thousands flee El Fasher",
            topics=("sudan",),
            figures=({"kind": "displaced", "min": 40000, "max": None, "actor": "people", "topic": "sudan"},),
        )

    reply = await dispatch(rt, ask("sudan chart"))
    parts = present(reply, "text")

    assert reply.pictures == () and reply.digest is not None
    assert parts[-1] == {"text": "Note\nNo running totals or incident tolls to draw since 2024-10-06 10:00 UTC."}
    assert "40,000" in parts[0]["text"]
