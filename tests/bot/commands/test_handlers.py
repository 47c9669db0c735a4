"""The command layer against the real store: what /casualties, /quotes, /digest, /topics, /sources answer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.commands import Invocation, dispatch, options_from_text, suggest
from bot.commands.args import parse_since
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from digests import ledger
from digests.config import parse_config
from digests.store.db import Store
from tests.factories import NOW, article

CONFIG = """
topics:
  north-korea: {title: North Korean troops in Russia, match: [North Korea]}
  sudan: {title: War in Sudan, match: [Sudan]}
channels:
  - {name: ops, platform: slack, id: C1, topics: [north-korea]}
  - {name: desk, platform: console, topics: [north-korea, sudan]}
admins: {slack_users: [UADMIN]}
slack: {bot_token: xoxb-test, signing_secret: test-secret}
"""


@pytest.fixture
def rt(store: Store) -> Runtime:
    with store.session() as s:
        article(
            s,
            "https://bbc.example/nk",
            title="Hundreds of North Korean troops killed or wounded",
            topics=("north-korea",),
            figures=(
                {
                    "kind": "casualties",
                    "min": 200,
                    "max": 900,
                    "actor": "DPRK",
                    "qualifier": "several hundred",
                    "attributed_to": "senior US military official",
                },
                {
                    "kind": "casualties",
                    "min": 30,
                    "max": None,
                    "actor": "North Korean soldiers",
                    "qualifier": "at least",
                    "attributed_to": "Ukraine",
                },
            ),
            quotes=(
                {"text": "not a single reason for North Koreans to die in this war", "speaker": "Volodymyr Zelenskyy"},
            ),
        )
        article(
            s,
            "https://un.example/sudan",
            title="Tens of thousands flee El Fasher",
            topics=("sudan",),
            source_name="un",
            figures=(
                {
                    "kind": "displaced",
                    "min": 40000,
                    "max": None,
                    "actor": "people",
                    "qualifier": "more than",
                    "attributed_to": "a UN agency",
                },
            ),
        )
    return Runtime(parse_config(CONFIG, env={}), store, now=lambda: NOW + timedelta(hours=1))


def slack(command: str, text: str = "", user: str = "U1", channel: str = "C1") -> Invocation:
    return Invocation(command, options_from_text(command, text), platform="slack", user_id=user, channel_id=channel)


async def test_casualties_for_a_topic_shows_claims_side_by_side(rt: Runtime) -> None:
    reply = await dispatch(rt, slack("casualties", "north-korea"))
    assert reply.digest is not None and not reply.error
    assert reply.title == "Latest figures — North Korean troops in Russia"
    assert [(g.actor, g.kind, [(c.min, c.max, c.claimant) for c in g.claims]) for g in reply.digest.figures] == [
        ("North Korea", "casualties", [(200, 900, "US official"), (30, None, "Ukraine")])
    ]
    assert [a.url for a in reply.digest.articles] == ["https://bbc.example/nk"]


async def test_casualties_for_an_actor_and_the_helpful_reply_for_neither(rt: Runtime) -> None:
    # An actor is looked up within the asking channel's topics: the Sudan toll is the desk's, not ops'.
    desk = Invocation("casualties", options_from_text("casualties", "people 30d"), platform="console")
    by_actor = await dispatch(rt, desk)
    assert by_actor.digest is not None
    assert [(g.actor, g.kind) for g in by_actor.digest.figures] == [("People", "displaced")]
    in_ops = await dispatch(rt, slack("casualties", "people 30d"))
    assert (in_ops.digest, in_ops.title) == (None, "No figures about “people” since 2024-10-06 10:00 UTC")
    unknown = await dispatch(rt, slack("casualties", "atlantis"))
    assert unknown.digest is None
    assert unknown.lines == (
        "“atlantis” is neither a topic nor an actor with recent figures.",
        "Known actors: North Korea, People.",
        "Topics: `north-korea`, `sudan`.",
    )


async def test_since_limits_what_counts_and_bad_since_says_how(rt: Runtime) -> None:
    # The articles were ingested at NOW; asking from a day after finds nothing.
    empty = await dispatch(rt, slack("casualties", "north-korea 2024-11-06"))
    assert empty.title == "No figures for North Korean troops in Russia since 2024-11-06 00:00 UTC"
    bad = await dispatch(rt, Invocation("quotes", {"since": "yesterday"}, platform="slack", channel_id="C1"))
    assert bad.error and bad.lines == (
        "`yesterday` is not a time: use 24h, 7d or a date such as 2024-11-01",
        "Usage: /quotes [topic|speaker] [since]",
    )


@pytest.mark.parametrize("since", ["99999999d", "9999999999999999999w", "2024-13-45"])
async def test_a_huge_or_impossible_since_says_how_instead_of_overflowing(rt: Runtime, since: str) -> None:
    for command in ("casualties", "quotes"):
        reply = await dispatch(rt, Invocation(command, {"since": since}, platform="slack", channel_id="C1"))
        assert reply.error and reply.lines == (
            f"`{since}` is not a time: use 24h, 7d or a date such as 2024-11-01",
            {
                "casualties": "Usage: /casualties [topic|actor] [since] [chart]",
                "quotes": "Usage: /quotes [topic|speaker] [since]",
            }[command],
        )


async def test_quotes_by_speaker_and_by_channel_topics(rt: Runtime) -> None:
    reply = await dispatch(rt, slack("quotes", "zelensk"))
    assert reply.digest is not None
    assert [(q.speaker, q.text) for q in reply.digest.quotes] == [
        ("Volodymyr Zelenskyy", "not a single reason for North Koreans to die in this war")
    ]
    assert (await dispatch(rt, slack("quotes"))).title == "Recent quotes — North Korean troops in Russia"


async def test_digest_shows_what_the_channel_would_get_and_only_admins_post(rt: Runtime) -> None:
    shown = await dispatch(rt, slack("digest"))
    assert shown.digest is not None and shown.ephemeral
    assert [a.title for a in shown.digest.articles] == ["Hundreds of North Korean troops killed or wounded"]
    refused = await dispatch(rt, slack("digest", "post", user="U1"))
    assert (refused.title, refused.digest) == ("Only admins can post a digest", None)
    unknown = await dispatch(rt, slack("digest", "mars"))
    assert unknown.lines == ("Topics: `north-korea`, `sudan`.",)


async def test_admin_digest_post_goes_through_the_ledger(rt: Runtime) -> None:
    out = io.StringIO()
    rt.publishers["console"] = ConsolePublisher(out)
    posted = await dispatch(rt, Invocation("digest", {"action": "post"}, platform="console"))
    assert (posted.title, posted.lines) == ("Digest posted", ("Posted 2 article(s) to this channel.",))
    assert "North Korea · casualties" in out.getvalue()
    again = await dispatch(rt, Invocation("digest", {"action": "post"}, platform="console"))
    assert again.title == "Nothing new to post"
    with rt.store.session() as s:
        assert [(d.channel, d.status, d.article_count) for d in ledger.recent_deliveries(s)] == [("desk", "sent", 2)]


async def test_topics_sources_and_admin_only_reload(rt: Runtime) -> None:
    topics = await dispatch(rt, slack("topics"))
    assert topics.lines == (
        "north-korea — North Korean troops in Russia: matches North Korea",
        "sudan — War in Sudan: matches Sudan",
    )
    sources = await dispatch(rt, slack("sources"))
    assert sources.lines == (
        "bbc: not fetched yet · last success never · 1 article(s) today",
        "un: not fetched yet · last success never · 1 article(s) today",
    )
    assert (await dispatch(rt, slack("reload", user="U1"))).title == "/reload is for admins"
    assert (await dispatch(rt, slack("reload", user="UADMIN"))).title == "Reload is not available here"


async def test_sources_says_which_articles_were_not_read_for_figures(rt: Runtime) -> None:
    with rt.store.session() as s:
        article(s, "https://un.example/fr", title="Des milliers de déplacés", source_name="un", language="fr")
        article(s, "https://un.example/ar", title="آلاف النازحين", source_name="un", language="ar")
        article(s, "https://un.example/en", title="Thousands displaced", source_name="un", language="en")
    sources = await dispatch(rt, slack("sources"))
    assert sources.lines == (
        "bbc: not fetched yet · last success never · 1 article(s) today",
        "un: not fetched yet · last success never · 4 article(s) today"
        " (2 not in English: ar 1, fr 1; figures and quotes come from English articles only)",
    )


async def test_autocomplete_offers_topics_then_actors_or_speakers(rt: Runtime) -> None:
    assert await suggest(rt, "casualties", "about", "") == ["north-korea", "sudan", "North Korea", "People"]
    assert await suggest(rt, "quotes", "about", "vol") == ["Volodymyr Zelenskyy"]
    assert await suggest(rt, "digest", "action", "") == ["post", "why"]


def test_slack_text_and_since_parsing() -> None:
    assert options_from_text("casualties", "north korea 7d") == {"about": "north korea", "since": "7d"}
    assert options_from_text("digest", "sudan post") == {"action": "post", "topic": "sudan"}
    assert options_from_text("topics", "") == {}
    now = datetime(2024, 11, 5, 12, tzinfo=UTC)
    assert parse_since("24h", now) == datetime(2024, 11, 4, 12, tzinfo=UTC)
    assert parse_since(None, now) == datetime(2024, 10, 29, 12, tzinfo=UTC)
    assert parse_since("2024-11-01", now) == datetime(2024, 11, 1, tzinfo=UTC)


async def test_digest_why_shows_admins_each_articles_relevance(rt: Runtime, store: Store) -> None:
    with store.session() as s:
        row = article(s, "https://bbc.example/sudan", title="Sudan's army retakes El Fasher road", topics=("sudan",))
        row.text = "Sudan's army said it had retaken the road. Fighting in Sudan has displaced millions."
    refused = await dispatch(rt, slack("digest", "why"))
    assert (refused.title, refused.lines) == ("Only admins can see why", ("Use `/digest` to see the digest itself.",))
    why = await dispatch(rt, Invocation("digest", options_from_text("digest", "why"), platform="console"))
    assert why.title == "Why — North Korean troops in Russia · War in Sudan"
    assert why.lines[1:] == (
        "IN  Sudan's army retakes El Fasher road (bbc)",
        "      sudan 0.97 in: Sudan×3",
    )


async def test_digest_asked_again_within_its_minute_is_the_same_digest_until_something_new_is_stored(
    rt: Runtime,
) -> None:
    first = await dispatch(rt, slack("digest"))
    again = await dispatch(rt, slack("digest"))
    assert first.digest is not None and again.digest is first.digest  # kept: its rendering is found at once
    assert hash(first.digest) == hash(replace(first.digest)) and first.digest == replace(first.digest)
    with rt.store.session() as s:
        article(s, "https://bbc.example/nk2", title="More North Korean troops reach Kursk", topics=("north-korea",))
    rt.answers.changed()
    renewed = await dispatch(rt, slack("digest"))
    assert renewed.digest is not None and renewed.digest != first.digest
    assert [a.title for a in renewed.digest.articles] == [
        "More North Korean troops reach Kursk",
        "Hundreds of North Korean troops killed or wounded",
    ]


async def test_digest_preview_after_this_process_posts_it_shows_nothing_new_at_once(rt: Runtime) -> None:
    rt.publishers["console"] = ConsolePublisher(io.StringIO())
    console = Invocation("digest", {}, platform="console")
    before = await dispatch(rt, console)
    assert before.digest is not None and before.digest.article_count == 2
    posted = await dispatch(rt, Invocation("digest", {"action": "post"}, platform="console"))
    assert posted.title == "Digest posted"
    after = await dispatch(rt, console)
    assert after.digest is not None and after.digest.empty and after.digest.article_count == 0
