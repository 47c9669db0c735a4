"""A busy day through the whole path: real store, real digest and render, real discord.py, the stand-in
checking what Discord checks. Every message within Discord's limits, none able to ping anyone, and the
ledger row telling the truth when Discord refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from bot.deliver import deliver
from bot.discord import DiscordAdapter
from digests.config.models import Digest as DigestSettings
from digests.store.db import Store
from digests.store.schema import Delivery
from tests import factories
from tests.bot.discord.conftest import CHANNEL_ID
from tests.standins.discord import DiscordStandin

ARTICLES = 200
KINDS = ("killed", "wounded", "casualties", "captured", "missing", "deployed", "displaced")
ACTORS = ("North Korean soldiers", "Russian troops", "Ukrainian civilians", "@everyone", "<@&987654321> units")


def busy_day(store: Store) -> None:
    """200 articles on one topic, with long titles, many figures and quotes, and text that would ping."""
    with store.session() as session:
        for n in range(ARTICLES):
            factories.article(
                session,
                f"https://news{n % 7}.example/2024/11/05/story-{n}",
                title=f"@everyone Story {n}: " + "North Korean troops in Kursk, " * (n % 9 + 1),
                topics=("north-korea",),
                source_name=f"source{n % 7}",
                figures=tuple(
                    {
                        "kind": KINDS[(n + i) % len(KINDS)],
                        "min": 10 * (n + 1) + i,
                        "max": None if i % 2 else 20 * (n + 1) + i,
                        "actor": ACTORS[(n + i) % len(ACTORS)],
                        "qualifier": "at least" if i % 2 else None,
                        "attributed_to": f"Official {n % 13} <@{n}>",
                    }
                    for i in range(3)
                ),
                quotes=(
                    {
                        "text": f"Quote {n} @here " + "they are suffering heavy losses " * (n % 20 + 1),
                        "speaker": f"Speaker {n % 17}",
                    },
                ),
            )
        session.commit()


def check_message(body: dict[str, Any]) -> list[str]:
    problems = []
    embeds = body.get("embeds") or []
    total = 0
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds")
    for embed in embeds:
        description = embed.get("description") or ""
        fields = embed.get("fields") or []
        if len(description) > 4096:
            problems.append(f"description {len(description)}")
        if len(fields) > 25:
            problems.append(f"{len(fields)} fields")
        problems += [f"field value {len(f['value'])}" for f in fields if len(f["value"]) > 1024]
        total += len(embed.get("title") or "") + len(description)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
        total += len((embed.get("footer") or {}).get("text") or "") + len((embed.get("author") or {}).get("name") or "")
    if total > 6000:
        problems.append(f"{total} characters")
    return problems


async def test_a_200_article_day_fits_discord_s_limits_and_pings_nobody(
    store: Store, make_adapter: Callable[..., Any], standin: DiscordStandin
) -> None:
    busy_day(store)
    adapter: DiscordAdapter = await make_adapter(
        store, digest=DigestSettings(max_articles=ARTICLES, max_quotes=60, max_figures=200)
    )
    channel = adapter.rt.config.channels[0]

    outcome = await deliver(adapter.rt, channel, window="2024-11-05T18:00")

    assert outcome.status == "sent", outcome
    assert outcome.articles == ARTICLES
    posts = standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")
    assert len(posts) > 3  # the day really needed splitting
    assert all(p["status"] == 200 for p in posts), [p.get("answer") for p in posts]
    for post in posts:
        body = post["json"]
        assert check_message(body) == [], post["json"].get("nonce")
        assert body["allowed_mentions"] == {"parse": []}
        assert body["enforce_nonce"] is True
    assert [p["json"]["nonce"] for p in posts] == [f"d{outcome.delivery_id}p{n}" for n in range(len(posts))]
    assert len(standin.channel_messages(CHANNEL_ID)) == len(posts)
    with store.session() as session:
        row = session.scalar(select(Delivery).where(Delivery.id == outcome.delivery_id))
        assert row is not None
        assert row.status == "sent"
        assert row.message_ids == [m["id"] for m in standin.channel_messages(CHANNEL_ID)]


async def test_a_channel_the_bot_cant_see_fails_the_delivery_with_the_reason(
    store: Store, make_adapter: Callable[..., Any], standin: DiscordStandin
) -> None:
    busy_day(store)
    adapter: DiscordAdapter = await make_adapter(store)
    standin.fail_next(1, 403, code=50001, message="Missing Access", path="/messages")

    outcome = await deliver(adapter.rt, adapter.rt.config.channels[0], window="2024-11-05T18:00")

    assert outcome.status == "failed"
    with store.session() as session:
        row = session.scalar(select(Delivery).where(Delivery.id == outcome.delivery_id))
        assert row is not None
        assert row.status == "failed"
        assert row.error is not None
        assert row.error.startswith(f"Missing Access: the bot can't see channel {CHANNEL_ID} — add it to the channel")
    assert standin.channel_messages(CHANNEL_ID) == []
