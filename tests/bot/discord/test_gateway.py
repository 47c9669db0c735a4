"""Gateway reconnects, the ways Discord asks for them: discord.py resumes (or identifies afresh) against the
stand-in, and slash commands pushed after the reconnect are answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.discord import DiscordAdapter
from digests.store.db import Store
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash


async def answered(standin: DiscordStandin, command: str) -> dict[str, Any]:
    """Push a slash command over the gateway; the followup that answers it."""
    payload = slash(command)
    assert await standin.push("INTERACTION_CREATE", payload) == 1
    return await standin.wait_for(
        lambda c: c["method"] == "POST" and payload["token"] in c["path"] and "webhooks" in c["path"]
    )


@pytest.mark.parametrize(
    ("how", "closed"),
    [
        ("op7", ("client", 4000)),  # discord.py closes with 4000 itself, which keeps the session resumable
        ("close", ("standin", 4000)),  # Discord dropping the connection with a resumable code
    ],
)
async def test_a_reconnect_resumes_the_session_and_commands_are_answered_after_it(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin, how: str, closed: tuple[str, int]
) -> None:
    adapter: DiscordAdapter = await make_adapter(sqlite_store, login=False)
    await adapter.start()
    (session,) = standin.sessions
    before = await answered(standin, "topics")

    assert await standin.reconnect(how) == 1
    resume = await standin.wait_for(lambda c: c["method"] == "GATEWAY" and c.get("op") == 6)
    after = await answered(standin, "topics")

    assert resume["json"]["session_id"] == session
    assert resume["json"]["seq"] == 2  # READY was 1, the first command 2: nothing is asked for again
    assert [(c["by"], c["code"]) for c in standin.gateway("closed")] == [closed]
    assert len(standin.gateway("connect")) == 2 and len(standin.gateway(2)) == 1  # one IDENTIFY, then RESUME
    assert before["json"]["embeds"][0]["title"] == after["json"]["embeds"][0]["title"] == "Topics"


@pytest.mark.parametrize("how", ["invalidate", "forgotten"])
async def test_an_invalidated_session_identifies_again_and_commands_are_answered(
    make_adapter: Callable[..., Any], sqlite_store: Store, standin: DiscordStandin, how: str
) -> None:
    adapter: DiscordAdapter = await make_adapter(sqlite_store, login=False)
    await adapter.start()

    if how == "forgotten":
        # Discord no longer knows the session: the RESUME is answered with op 9, and the client starts over.
        standin.sessions.clear()
        assert await standin.reconnect("op7") == 1
    else:
        assert await standin.reconnect("invalidate") == 1
    # discord.py keeps IDENTIFYs 5 s apart, as Discord asks
    await standin.wait_for(lambda c: len(standin.gateway(2)) == 2, timeout=15)
    after = await answered(standin, "topics")

    assert len(standin.gateway(6)) == (1 if how == "forgotten" else 0)  # a dropped session is not resumed
    assert after["json"]["embeds"][0]["title"] == "Topics"
