"""Slash commands end to end without a gateway: a raw INTERACTION_CREATE into the real CommandTree, the
shared handlers answering from the real store, the answer arriving at the stand-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.actions import run_ingest
from bot.commands import COMMANDS, Invocation, Reply
from bot.discord import DiscordAdapter, registered_commands
from bot.discord import answer as answer_module
from bot.runtime import Runtime
from digests.config.models import Admins
from digests.ingest import SourceSpec
from digests.store.db import Store
from tests.bot.discord.conftest import CHANNEL_ID, feed
from tests.conftest import REPO
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import autocomplete, slash

EPHEMERAL = 64
MANAGE_GUILD = 1 << 5


async def ingest_sample(rt: Runtime) -> None:
    spec = SourceSpec(
        name="sample", url=str(REPO / "config" / "samples" / "feed.xml"), backfill=None, fetch_pages=False
    )
    await run_ingest(rt, [spec])


def interactions(standin: DiscordStandin) -> list[dict[str, Any]]:
    return standin.rest("POST", "/interactions/") + standin.rest(None, "/webhooks/")


async def ask(adapter: DiscordAdapter, standin: DiscordStandin, payload: dict[str, Any]) -> dict[str, Any]:
    """Feed one interaction to the client as the gateway would; return the followup that answers it."""
    feed(adapter, payload)
    token = payload["token"]
    return await standin.wait_for(
        lambda c: c["method"] == "POST" and c["path"].endswith(f"/webhooks/{c['path'].split('/')[4]}/{token}")
    )


def text_of(message: dict[str, Any]) -> str:
    pieces = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        pieces += [embed.get("title") or "", embed.get("description") or ""]
        pieces += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
    return "\n".join(pieces)


async def test_casualties_is_deferred_then_answered_with_the_figures(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    await ingest_sample(adapter.rt)

    # Windows are publication time: the sample's articles came out in November 2024.
    followup = await ask(adapter, standin, slash("casualties", {"about": "north-korea", "since": "2024-11-01"}))

    [callback] = standin.rest("POST", "/interactions/")
    assert callback["query"] == {"with_response": "1"}
    assert callback["json"] == {"type": 5, "data": {"flags": EPHEMERAL}}  # defer: "sitrep is thinking…"
    body = followup["json"]
    assert followup["status"] == 200
    assert body["flags"] & EPHEMERAL
    assert body["allowed_mentions"] == {"parse": []}
    answer = text_of(body)
    assert "several hundred" in answer
    assert "at least 30" in answer


async def test_every_interaction_answer_carries_no_mentions(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    await ingest_sample(adapter.rt)
    for name, options in (
        ("casualties", {}),
        ("quotes", {"about": "Volodymyr Zelenskyy"}),
        ("topics", {}),
        ("sources", {}),
    ):
        await ask(adapter, standin, slash(name, options))

    with_messages = [c for c in interactions(standin) if c["json"].get("type") != 5]
    assert len(with_messages) == 4
    assert all(c["json"]["allowed_mentions"] == {"parse": []} for c in with_messages)


async def test_autocomplete_offers_topics_and_actors_and_speakers(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    await ingest_sample(adapter.rt)

    async def choices(command: str, option: str, typed: str) -> list[str]:
        payload = autocomplete(command, option, typed)
        feed(adapter, payload)
        call = await standin.wait_for(lambda c: payload["id"] in c["path"])
        assert call["json"]["type"] == 8
        return [c["value"] for c in call["json"]["data"]["choices"]]

    assert "north-korea" in await choices("casualties", "about", "nor")
    assert any("North Korea" in actor for actor in await choices("casualties", "about", "North"))
    assert "Volodymyr Zelenskyy" in await choices("quotes", "about", "Volod")
    assert await choices("digest", "action", "") == ["post", "why"]


async def test_commands_are_registered_as_declared(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    await adapter.client.sync_commands([])

    [put] = standin.rest("PUT")
    assert put["path"] == "/api/v10/applications/1111111111111111111/commands"  # global: no guilds configured
    by_name = {c["name"]: c for c in put["json"]}
    assert list(by_name) == [c.name for c in COMMANDS]
    assert int(by_name["reload"]["default_member_permissions"]) == MANAGE_GUILD  # Manage Server
    assert by_name["casualties"]["default_member_permissions"] is None
    about, since, view = by_name["casualties"]["options"]
    assert (about["name"], about["type"], about["required"], about["autocomplete"]) == ("about", 3, False, True)
    assert (since["name"], since.get("autocomplete", False)) == ("since", False)
    assert (view["name"], view["type"], view["required"], view["autocomplete"]) == ("view", 3, False, True)
    assert about["description"] == "a topic or an actor (North Korea, civilians…)"


async def test_commands_sync_to_each_configured_guild(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin
) -> None:
    adapter = await make_adapter(sqlite_store, discord={"guilds": [42, 43]})
    await adapter.client.sync_commands(adapter.settings.guilds)

    paths = [c["path"] for c in standin.rest("PUT")]
    assert paths == [
        "/api/v10/applications/1111111111111111111/guilds/42/commands",
        "/api/v10/applications/1111111111111111111/guilds/43/commands",
    ]
    assert {c["name"] for c in standin.commands["42"]} == {c.name for c in COMMANDS}


def test_discord_registers_every_command_with_its_options() -> None:
    assert registered_commands() == {c.name: [o.name for o in c.options] for c in COMMANDS}


@pytest.mark.parametrize(
    ("permissions", "roles", "says"),
    [
        (0, (), "/reload is for admins"),
        (MANAGE_GUILD, (), "Reload is not available here"),  # Manage Server makes an admin
        (0, (777,), "Reload is not available here"),  # so does a role listed under admins.discord_roles
    ],
)
async def test_who_counts_as_admin(
    make_adapter: Callable[..., Any],
    sqlite_store: Store,
    standin: DiscordStandin,
    permissions: int,
    roles: tuple[int, ...],
    says: str,
) -> None:
    adapter = await make_adapter(sqlite_store, admins=Admins(discord_roles=[777]))

    followup = await ask(adapter, standin, slash("reload", permissions=permissions, roles=roles))

    assert says in text_of(followup["json"])


async def test_an_admin_posts_the_digest_to_the_channel_and_hears_back_privately(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    await ingest_sample(adapter.rt)

    followup = await ask(
        adapter, standin, slash("digest", {"action": "post"}, channel_id=int(CHANNEL_ID), permissions=MANAGE_GUILD)
    )

    assert "Digest posted" in text_of(followup["json"])
    assert followup["json"]["flags"] & EPHEMERAL
    [post] = standin.rest("POST", f"/channels/{CHANNEL_ID}/messages")
    assert "several hundred" in text_of(post["json"])
    assert post["json"]["allowed_mentions"] == {"parse": []}


async def test_a_command_discord_still_shows_but_the_bot_no_longer_has_is_answered(
    adapter: DiscordAdapter, standin: DiscordStandin
) -> None:
    payload = slash("retired")
    feed(adapter, payload)

    call = await standin.wait_for(lambda c: payload["id"] in c["path"])
    assert call["json"]["type"] == 4
    assert call["json"]["data"]["flags"] == EPHEMERAL
    assert "out of date" in call["json"]["data"]["content"]
    assert call["json"]["data"]["allowed_mentions"] == {"parse": []}


async def test_a_failing_answer_still_tells_the_user(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    # The first followup is refused (e.g. Discord rejects the message); the user still hears something.
    standin.fail_next(1, 400, code=50035, message="Invalid Form Body", path="/webhooks/")

    payload = slash("topics")
    feed(adapter, payload)

    await standin.wait_for(
        lambda c: payload["token"] in c["path"] and c.get("status") == 200 and "webhooks" in c["path"]
    )
    answers = [c for c in standin.rest("POST", payload["token"]) if "webhooks" in c["path"]]
    assert [c["status"] for c in answers] == [400, 200]
    assert "Something went wrong" in answers[-1]["json"]["content"]


async def test_a_dm_works_and_nobody_there_is_an_admin(adapter: DiscordAdapter, standin: DiscordStandin) -> None:
    followup = await ask(adapter, standin, slash("reload", guild_id=None))

    assert "/reload is for admins" in text_of(followup["json"])


async def test_a_reply_meant_for_everyone_follows_the_private_acknowledgement(
    adapter: DiscordAdapter, standin: DiscordStandin, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No command answers publicly yet; the adapter must still handle a Reply that asks for it.
    async def public(rt: Runtime, inv: Invocation) -> Reply:
        return Reply("Posted for everyone", lines=("@everyone look",), ephemeral=False)

    monkeypatch.setattr(answer_module, "dispatch", public)
    payload = slash("topics")
    feed(adapter, payload)

    followup = await standin.wait_for(
        lambda c: "/webhooks/" in c["path"] and payload["token"] in c["path"] and c["method"] == "POST"
    )
    [edit] = standin.rest("PATCH", payload["token"])
    assert edit["path"].endswith("/messages/@original")
    assert edit["json"]["content"] == "Posted for everyone"
    assert not followup["json"].get("flags", 0) & EPHEMERAL
    assert followup["json"]["allowed_mentions"] == {"parse": []}
    assert "everyone look" in text_of(followup["json"])
