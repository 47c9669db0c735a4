"""Digests to Slack through the real ledger, store, renderer and slack-sdk, against the local Slack stand-in."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.adapters import build_adapters
from bot.deliver import deliver, resolve_pending
from bot.publish import PublishError
from bot.runtime import Runtime
from bot.slack import SlackPublisher
from bot.slack.publisher import EVENT_TYPE
from digests.store.db import Store
from digests.store.schema import Delivery
from tests.bot.slack.conftest import CHANNEL, add_sample, make_config, make_runtime
from tests.factories import article
from tests.standins.slack import SlackStandIn


async def _runtime(store: Store, standin: SlackStandIn, **config: Any) -> Runtime:
    rt = make_runtime(store, make_config(standin.api_url, **config))
    for adapter in build_adapters(rt):
        await adapter.open()
    return rt


def _rows(store: Store) -> list[Delivery]:
    with store.session() as s:
        rows = list(s.scalars(select(Delivery).order_by(Delivery.id)))
        s.expunge_all()
        return rows


async def test_a_digest_part_carries_blocks_fallback_metadata_and_no_unfurls(
    store: Store, standin: SlackStandIn
) -> None:
    add_sample(store)
    rt = await _runtime(store, standin)

    outcome = await deliver(rt, rt.config.channels[0])

    assert outcome.status == "sent"
    (post,) = standin.calls_to("chat.postMessage")
    params = post["params"]
    assert (params["channel"], params["unfurl_links"], params["unfurl_media"]) == (CHANNEL, False, False)
    assert params["metadata"] == {"event_type": EVENT_TYPE, "event_payload": {"key": f"d{outcome.delivery_id}p0"}}
    assert params["blocks"][0]["type"] == "header" and "North Korean troops in Russia" in params["text"]
    shown = json.dumps(params["blocks"], ensure_ascii=False)
    assert "several hundred" in shown and "at least 30" in shown
    assert post["token"] == "xoxb-test-token"
    (row,) = _rows(store)
    assert (row.status, row.message_ids) == ("sent", [standin.posted(CHANNEL)[0]["ts"]])


def _busy_day(store: Store, articles: int = 200) -> None:
    with store.session() as s:
        for i in range(articles):
            article(
                s,
                f"https://news.example/{i}",
                title=f"Day report {i}: fighting near village {i} " + "with a long and detailed headline " * 3,
                topics=("north-korea",),
                figures=(
                    {"kind": "killed", "min": i + 1, "max": i + 1, "actor": f"Unit {i}", "attributed_to": "Ukraine"},
                    {"kind": "wounded", "min": 10 * i, "max": 20 * i + 5, "actor": f"Unit {i}", "qualifier": "dozens"},
                ),
                quotes=(
                    {
                        "text": f"We held the line at position {i} " + "for another long night " * 8,
                        "speaker": f"Officer {i}",
                    },
                ),
            )


async def test_a_200_article_day_is_split_into_messages_within_slack_limits(
    store: Store, standin: SlackStandIn
) -> None:
    _busy_day(store)
    rt = await _runtime(store, standin, digest={"max_articles": 200, "max_figures": 200, "max_quotes": 50})

    outcome = await deliver(rt, rt.config.channels[0])

    assert (outcome.status, outcome.articles) == ("sent", 200)
    posts = [c["params"] for c in standin.calls_to("chat.postMessage")]
    assert len(posts) > 1
    for number, post in enumerate(posts):
        blocks = post["blocks"]
        assert len(blocks) <= 50
        assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
        for block in blocks:
            texts = [block["text"]] if "text" in block else block.get("elements", [])
            assert all(len(t["text"]) <= 3000 for t in texts)
        assert post["metadata"]["event_payload"]["key"] == f"d{outcome.delivery_id}p{number}"
    shown = json.dumps(posts)
    assert all(f"https://news.example/{i}" in shown for i in range(200))
    (row,) = _rows(store)
    assert (row.status, row.parts_sent, len(row.message_ids)) == ("sent", len(posts), len(posts))


async def test_hostile_article_text_arrives_escaped(store: Store, standin: SlackStandIn) -> None:
    with store.session() as s:
        article(
            s,
            "https://news.example/hostile",
            title="<!channel> North Korea update <@U123>",
            topics=("north-korea",),
            figures=({"kind": "killed", "min": 3, "max": 3, "actor": "<https://evil|x>", "attributed_to": "<!here>"},),
            quotes=({"text": "Click <https://evil|x> now, <!channel> & <@U123>", "speaker": "<@U123>"},),
        )
    rt = await _runtime(store, standin)

    assert (await deliver(rt, rt.config.channels[0])).status == "sent"

    (post,) = standin.calls_to("chat.postMessage")
    sent = json.dumps([post["params"]["text"], post["params"]["blocks"]], ensure_ascii=False)
    for raw in ("<!channel>", "<!here>", "<@U123>", "<https://evil|x>"):
        assert raw not in sent
    assert "&lt;!channel&gt;" in sent and "&lt;@U123&gt;" in sent and "&lt;https://evil|x&gt;" in sent


async def test_a_429_is_retried_after_the_wait_slack_asked_for(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    rt = await _runtime(store, standin)
    standin.fail("chat.postMessage", status=429, retry_after=1)

    started = time.monotonic()
    outcome = await deliver(rt, rt.config.channels[0])

    first, second = standin.calls_to("chat.postMessage")
    assert outcome.status == "sent"
    assert second["at"] - first["at"] >= 1.0 and time.monotonic() - started >= 1.0
    assert len(standin.posted(CHANNEL)) == 1


async def test_a_channel_not_found_is_recorded_as_failed_with_its_reason(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    rt = await _runtime(store, standin)
    standin.fail("chat.postMessage", error="channel_not_found")

    outcome = await deliver(rt, rt.config.channels[0])

    assert outcome.status == "failed"
    (row,) = _rows(store)
    assert row.status == "failed" and row.attempts == 1
    assert row.error is not None and row.error.startswith("channel_not_found: the bot cannot see #ops-room (C0SAMPLE)")
    assert row.payload  # the digest is kept with the row, not lost


async def test_a_500_stays_pending_and_resend_finds_the_post_instead_of_repeating_it(
    store: Store, standin: SlackStandIn
) -> None:
    add_sample(store)
    rt = await _runtime(store, standin)
    # Slack posted the message but the answer was a 500: the outcome is unknown to the bot.
    standin.fail("chat.postMessage", status=500, commit=True)

    outcome = await deliver(rt, rt.config.channels[0])

    assert outcome.status == "pending"
    (row,) = _rows(store)
    assert row.status == "pending" and row.error is not None and "HTTP 500" in row.error
    assert len(standin.posted(CHANNEL)) == 1

    # The service finishes pending deliveries first: the part whose outcome was lost goes through resend().
    (retried,) = await resolve_pending(rt)

    assert retried.status == "sent"
    assert len(standin.calls_to("chat.postMessage")) == 1 and len(standin.posted(CHANNEL)) == 1
    (history,) = standin.calls_to("conversations.history")
    assert history["params"]["include_all_metadata"] in ("1", "true")
    (row,) = _rows(store)
    assert (row.status, row.message_ids) == ("sent", [standin.posted(CHANNEL)[0]["ts"]])


async def test_resend_posts_when_the_failed_attempt_never_landed(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    rt = await _runtime(store, standin)
    standin.fail("chat.postMessage", status=503)
    assert (await deliver(rt, rt.config.channels[0])).status == "pending"
    (row,) = _rows(store)

    ts = await rt.publishers["slack"].resend(rt.config.channels[0], row.payload[0], key=f"d{row.id}p0")

    (message,) = standin.posted(CHANNEL)
    assert message["ts"] == ts and message["metadata"]["event_payload"] == {"key": f"d{row.id}p0"}


async def test_a_lost_connection_is_not_retried_by_the_post_client(standin: SlackStandIn) -> None:
    rt_config = make_config(standin.api_url)
    publisher = build_publisher(standin)
    standin.fail("chat.postMessage", disconnect=True)

    with pytest.raises(PublishError) as caught:
        await publisher.send(rt_config.channels[0], {"text": "t", "blocks": []}, key="d1p0")

    assert not caught.value.permanent and "could not reach Slack" in caught.value.reason
    assert len(standin.calls_to("chat.postMessage")) == 1


def build_publisher(standin: SlackStandIn) -> SlackPublisher:
    from bot.slack.clients import post_client

    return SlackPublisher(post_client(make_config(standin.api_url).slack))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("not_in_channel", "not_in_channel: invite the bot to #ops-room (C0SAMPLE) with /invite @sitrep"),
        ("is_archived", "is_archived: #ops-room (C0SAMPLE) is archived"),
        ("invalid_auth", "invalid_auth: Slack rejected slack.bot_token"),
        ("missing_scope", "missing_scope: the app lacks the chat:write scope"),
        ("account_inactive", "account_inactive: the bot user or its workspace was deactivated"),
        ("token_revoked", "token_revoked: the bot token was revoked"),
    ],
)
async def test_refusals_no_retry_can_fix_are_permanent_and_say_what_to_do(
    standin: SlackStandIn, error: str, reason: str
) -> None:
    publisher = build_publisher(standin)
    standin.fail("chat.postMessage", error=error, needed="chat:write")

    with pytest.raises(PublishError) as caught:
        await publisher.send(make_config(standin.api_url).channels[0], {"text": "t", "blocks": []}, key="d1p0")

    assert caught.value.permanent and caught.value.reason.startswith(reason)


async def test_resend_ignores_another_bots_message_with_the_same_key(standin: SlackStandIn) -> None:
    publisher = build_publisher(standin)
    publisher.bot_id = "B0OTHER"  # as if auth.test had named another bot: the stand-in's posts are not ours
    channel = make_config(standin.api_url).channels[0]
    await publisher.send(channel, {"text": "t", "blocks": []}, key="d1p0")

    assert await publisher.find(channel, "d1p0") is None


async def test_posts_to_one_channel_wait_their_turn_under_slacks_limit_and_none_is_refused(
    store: Store, standin: SlackStandIn
) -> None:
    rt = await _runtime(store, standin)
    publisher = rt.publishers["slack"]
    channel = rt.config.channels[0]

    for number in range(3):
        await publisher.send(channel, {"text": f"part {number}"}, key=f"d1p{number}")

    at = [c["at"] for c in standin.calls_to("chat.postMessage")]
    assert standin.limited == []
    assert [m["text"] for m in standin.posted(CHANNEL)] == ["part 0", "part 1", "part 2"]
    # One a second, 3% under: 1.03 s apart (the stand-in would have taken the second at once, then refused).
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(at))
