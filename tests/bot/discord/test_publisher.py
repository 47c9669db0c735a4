"""Posting digest parts through real discord.py to the stand-in: nonces, resends, rate limits and failures."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.discord import DiscordAdapter
from bot.discord.errors import publish_error
from bot.discord.publisher import marked, nonce_for
from bot.publish import PublishError
from digests.config.models import Channel
from digests.render.discord import MESSAGE_LIMIT, embed_size
from tests.bot.discord.conftest import CHANNEL_ID
from tests.standins.discord import DiscordLimits, DiscordStandin

CHANNEL = Channel(name="ops-room", platform="discord", id=CHANNEL_ID, topics=["north-korea"])


def part(text: str = "@everyone 30 killed, says <@&123>") -> dict[str, Any]:
    return {
        "content": "",
        "embeds": [
            {"title": "North Korean troops in Russia", "description": text, "color": 0xC0392B},
            {
                "description": "sources",
                "footer": {"text": "sitrep · north-korea"},
                "timestamp": "2024-11-05T09:00:00+00:00",
            },
        ],
        "allowed_mentions": {"parse": []},
    }


def posts(standin: DiscordStandin) -> list[dict[str, Any]]:
    return standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")


async def test_a_part_is_posted_as_embeds_with_its_nonce_and_no_mentions(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    message_id = await adapter.publisher.send(CHANNEL, part(), key="d7p0")

    [post] = posts(standin)
    body = post["json"]
    assert post["status"] == 200 and post["bot_auth"]
    assert body["nonce"] == "d7p0" and body["enforce_nonce"] is True
    assert body["allowed_mentions"] == {"parse": []}
    assert [e.get("title") for e in body["embeds"]] == ["North Korean troops in Russia", None]
    assert body["embeds"][0]["description"] == "@everyone 30 killed, says <@&123>"
    # The key marks the last footer, where a resend can find it among the channel's messages.
    assert body["embeds"][-1]["footer"]["text"] == "sitrep · north-korea · d7p0"
    assert message_id == standin.channel_messages(CHANNEL_ID)[0]["id"]


async def test_a_repeated_send_returns_the_first_message_and_creates_none(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    first = await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    again = await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    other = await adapter.publisher.send(CHANNEL, part(), key="d7p1")

    assert again == first != other
    assert [p["json"]["nonce"] for p in posts(standin)] == ["d7p0", "d7p0", "d7p1"]
    assert len(standin.channel_messages(CHANNEL_ID)) == 2


async def test_resend_finds_the_earlier_post_by_its_key(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    first = await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    # Discord forgets nonces after a few minutes; the footer key still identifies the post.
    standin.nonce_ttl = 0

    assert await adapter.publisher.resend(CHANNEL, part(), key="d7p0") == first
    assert len(posts(standin)) == 1
    assert len(standin.channel_messages(CHANNEL_ID)) == 1
    # "d7p0" must not be mistaken for "d17p0".
    assert await adapter.publisher.resend(CHANNEL, part(), key="d17p0") != first


async def test_resend_posts_with_the_same_nonce_when_nothing_was_posted(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    message_id = await adapter.publisher.resend(CHANNEL, part(), key="d7p0")

    [post] = posts(standin)
    assert post["json"]["nonce"] == "d7p0" and post["json"]["enforce_nonce"] is True
    assert standin.channel_messages(CHANNEL_ID)[0]["id"] == message_id


async def test_resend_within_the_nonce_window_holds_one_message_even_when_history_is_unreadable(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    first = await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    standin.fail_next(1, 403, code=50013, message="Missing Permissions", method="GET")

    assert await adapter.publisher.resend(CHANNEL, part(), key="d7p0") == first
    assert len(standin.channel_messages(CHANNEL_ID)) == 1


async def test_a_429_is_waited_out_and_retried(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    standin.fail_next(1, 429, retry_after=0.6, via=True, path="/messages")

    started = time.monotonic()
    message_id = await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    waited = time.monotonic() - started

    assert [p["status"] for p in posts(standin)] == [429, 200]
    assert waited >= 0.6
    assert waited < 5
    assert [m["id"] for m in standin.channel_messages(CHANNEL_ID)] == [message_id]


async def test_a_429_without_via_is_a_block_to_retry_later(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    standin.fail_next(1, 429, retry_after=0.1, via=False, path="/messages")

    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    assert failed.value.permanent is False
    assert failed.value.reason == "rate limited (blocked by Cloudflare); will retry later"


async def test_429s_through_discords_proxy_past_the_retries_are_a_rate_limit_not_cloudflare(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    # discord.py tries a request five times, waiting each 429's retry_after, then raises with the last answer.
    standin.fail_next(5, 429, retry_after=0.05, via=True, path="/messages")

    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(CHANNEL, part(), key="d7p0")

    assert [p["status"] for p in posts(standin)] == [429] * 5
    assert failed.value.permanent is False
    assert failed.value.reason == (
        "rate limited by Discord (You are being rate limited.), still after retries; will retry later"
    )
    assert standin.channel_messages(CHANNEL_ID) == []


@pytest.mark.parametrize(
    ("status", "code", "message", "says"),
    [
        (
            403,
            50001,
            "Missing Access",
            f"Missing Access: the bot can't see channel {CHANNEL_ID} — add it to the channel",
        ),
        (403, 50013, "Missing Permissions", "Missing Permissions: the bot can see"),
        (404, 10003, "Unknown Channel", f"Unknown Channel: channel {CHANNEL_ID} doesn't exist"),
    ],
)
async def test_access_and_missing_channels_are_permanent_with_a_reason_people_understand(
    adapter: DiscordAdapter, standin: DiscordStandin, status: int, code: int, message: str, says: str
) -> None:
    standin.fail_next(1, status, code=code, message=message)

    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    assert failed.value.permanent is True
    assert failed.value.reason.startswith(says)
    assert f"[{code}]" in failed.value.reason


async def test_an_outage_is_temporary(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    # 503 is not among the statuses discord.py retries itself (500, 502, 504, 524), so it surfaces at once.
    standin.fail_next(1, 503)

    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    assert failed.value.permanent is False
    assert "503" in failed.value.reason


async def test_a_500_is_retried_by_discord_py_and_the_nonce_keeps_it_to_one_message(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    standin.fail_next(1, 500, path="/messages")

    await adapter.publisher.send(CHANNEL, part(), key="d7p0")

    assert [p["status"] for p in posts(standin)] == [500, 200]
    assert len({p["json"]["nonce"] for p in posts(standin)}) == 1


async def test_an_unreachable_discord_is_temporary(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    await standin.close()

    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(CHANNEL, part(), key="d7p0")
    assert failed.value.permanent is False
    assert "couldn't reach Discord" in failed.value.reason


async def test_a_channel_id_that_is_not_a_number_is_permanent(adapter: DiscordAdapter) -> None:
    wrong = Channel(name="ops-room", platform="discord", id="#ops-room", topics=["north-korea"])
    with pytest.raises(PublishError) as failed:
        await adapter.publisher.send(wrong, part(), key="d7p0")
    assert failed.value.permanent is True


def test_a_long_key_becomes_a_nonce_discord_accepts() -> None:
    assert nonce_for("d12p0") == "d12p0"
    long_key = "d123456789p0-manual-2024-11-05T09:00:00"
    assert len(nonce_for(long_key)) == 25
    assert nonce_for(long_key) == nonce_for(long_key) != nonce_for(long_key + "x")


def test_the_key_never_pushes_a_full_message_over_6000_characters() -> None:
    full: dict[str, Any] = {
        "embeds": [{"description": "x" * 4000}, {"description": "y" * 1800, "footer": {"text": "f" * 200}}]
    }
    assert sum(embed_size(e) for e in full["embeds"]) == MESSAGE_LIMIT

    embeds = marked(full, "d12345p9")
    assert sum(embed_size(e) for e in embeds) <= MESSAGE_LIMIT
    assert embeds[-1]["footer"]["text"].endswith(" · d12345p9")
    assert full["embeds"][-1]["footer"]["text"] == "f" * 200  # the rendered part itself is left alone


def test_errors_other_than_discord_s_are_temporary() -> None:
    assert publish_error(RuntimeError("boom"), 1).permanent is False


async def test_posts_wait_for_the_route_bucket_discords_headers_describe_and_none_is_refused(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    # A bucket smaller than the documented default: the bot learns it from the first answer's headers.
    standin.limits = DiscordLimits(routes={("POST", "/channels/{channel}/messages"): (2, 1.0, "small")})

    started = time.monotonic()
    await asyncio.gather(*(adapter.publisher.send(CHANNEL, part(f"part {n}"), key=f"d1p{n}") for n in range(5)))
    took = time.monotonic() - started

    assert standin.limited == []
    assert [p["status"] for p in posts(standin)] == [200] * 5
    assert len(standin.channel_messages(CHANNEL_ID)) == 5
    assert took >= 2.0  # two windows waited out: 2 + 2 + 1
