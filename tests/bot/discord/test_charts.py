"""A digest's chart to Discord through discord.py's real upload path (multipart: payload_json and files[0]) into
an embed that shows it (attachment://), once per delivery, also after a crash between the upload and the ledger."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.deliver import deliver, resolve_pending
from bot.discord import DiscordAdapter
from digests.store.db import Store
from digests.store.schema import Delivery
from tests.bot.chart_rows import three_days
from tests.bot.discord.conftest import CHANNEL_ID, feed
from tests.bot.discord.test_commands import EPHEMERAL
from tests.digests.chart.test_chart import png_size
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash


def _row(store: Store) -> Delivery:
    with store.session() as s:
        (row,) = s.scalars(select(Delivery))
        s.expunge(row)
        return row


async def test_the_chart_is_attached_and_shown_in_an_embed_once_per_delivery(
    store: Store, make_adapter: Callable[..., Any], standin: DiscordStandin
) -> None:
    three_days(store, datetime.now(UTC))
    adapter: DiscordAdapter = await make_adapter(store)
    channel = adapter.rt.config.channels[0]

    outcome = await deliver(adapter.rt, channel)

    assert outcome.status == "sent"
    row = _row(store)
    png = base64.b64decode(str(row.payload[-1]["chart"]["png"]))  # type: ignore[index]
    *text_posts, upload = standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")
    assert [p["content_type"] for p in text_posts] == ["application/json"]
    assert upload["content_type"].startswith("multipart/form-data")
    assert upload["files"] == [
        {
            "field": "files[0]",
            "filename": "north-korea-trend.png",
            "content_type": "application/octet-stream",
            "size": len(png),
        }
    ]
    body = upload["json"]
    assert (body["nonce"], body["enforce_nonce"], body["allowed_mentions"]) == (f"d{row.id}p1", True, {"parse": []})
    assert body["attachments"] == [{"id": 0, "filename": "north-korea-trend.png"}]
    (embed,) = body["embeds"]
    assert embed["title"] == "North Korean troops in Russia: tolls by publication date"
    assert embed["image"] == {"url": "attachment://north-korea-trend.png"}
    assert embed["footer"]["text"] == f"sitrep · north-korea · d{row.id}p1"
    (attached,) = standin.attachments
    assert attached["data"] == png
    message = standin.channel_messages(CHANNEL_ID)[-1]
    assert message["embeds"][0]["image"]["url"] == message["attachments"][0]["url"]  # the embed shows the file
    assert (row.status, row.message_ids[-1]) == ("sent", message["id"])


async def test_a_crash_between_the_upload_and_the_ledger_never_attaches_twice(
    store: Store, make_adapter: Callable[..., Any], standin: DiscordStandin
) -> None:
    three_days(store, datetime.now(UTC))
    adapter: DiscordAdapter = await make_adapter(store)
    assert (await deliver(adapter.rt, adapter.rt.config.channels[0])).status == "sent"
    with store.session() as s:
        # What a kill leaves: the chart posted, the ledger never told (its row still at the text part).
        row = s.scalars(select(Delivery)).one()
        row.status, row.parts_sent, row.message_ids = "pending", 1, row.message_ids[:1]
    standin.nonce_ttl = 0  # long after: Discord forgot the nonce, so only the footer can tell

    (resumed,) = await resolve_pending(adapter.rt)

    assert resumed.status == "sent"
    assert len(standin.attachments) == 1
    assert len(standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")) == 2
    assert _row(store).message_ids == [m["id"] for m in standin.channel_messages(CHANNEL_ID)]


async def test_a_chart_asked_for_is_attached_to_an_ephemeral_answer(
    store: Store, make_adapter: Callable[..., Any], standin: DiscordStandin
) -> None:
    three_days(store, datetime.now(UTC))
    adapter: DiscordAdapter = await make_adapter(store)

    feed(adapter, slash("casualties", {"about": "north-korea", "view": "chart"}))
    upload = await standin.wait_for(lambda c: c["path"].startswith("/api/v10/webhooks/") and "files" in c)

    (words,) = [c for c in standin.rest("POST", "/webhooks/") if "files" not in c]
    assert words["json"]["flags"] & EPHEMERAL and "600" in str(words["json"]["embeds"])
    assert upload["json"]["flags"] & EPHEMERAL  # the picture is the asker's too
    (attached,) = standin.attachments
    assert upload["files"] == [
        {
            "field": "files[0]",
            "filename": "north-korea-trend.png",
            "content_type": "application/octet-stream",
            "size": len(attached["data"]),
        }
    ]
    assert png_size(attached["data"]) == (800, 510)
    (embed,) = upload["json"]["embeds"]
    assert (embed["title"], embed["image"]) == (
        "North Korean troops in Russia: tolls by publication date",
        {"url": "attachment://north-korea-trend.png"},
    )
    assert standin.channel_messages(CHANNEL_ID) == []  # nothing in the channel itself
