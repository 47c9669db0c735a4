"""Slash commands over HTTP: real bolt behind the real /slack/events endpoint, signed the way Slack signs."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from bot.adapters import build_adapters
from bot.commands import COMMANDS
from bot.runtime import Runtime
from bot.slack import SlackAdapter
from digests.store.db import Store
from tests.bot.chart_rows import three_days
from tests.bot.slack.conftest import ADMIN, CHANNEL, SECRET, TOKEN, add_sample, free_port, make_config, make_runtime
from tests.digests.chart.test_chart import png_size
from tests.factories import NOW
from tests.standins.slack import SlackStandIn, signed_request, slash_payload


@dataclass
class Bot:
    rt: Runtime
    adapter: SlackAdapter
    url: str
    standin: SlackStandIn

    async def command(
        self, command: str, text: str = "", *, user: str = "U0ASKER", secret: str = SECRET, age: float = 0
    ) -> tuple[int, float]:
        """POST a signed slash command; the HTTP status bolt answered with, and how long the ack took."""
        payload = slash_payload(
            command, text, response_url=self.standin.response_url(command.lstrip("/")), user_id=user, channel_id=CHANNEL
        )
        body, headers = signed_request(secret, payload, timestamp=time.time() - age)
        started = time.monotonic()
        async with aiohttp.ClientSession() as session, session.post(self.url, data=body, headers=headers) as resp:
            await resp.read()
            return resp.status, time.monotonic() - started

    async def answer(self, command: str, count: int = 1) -> list[dict[str, object]]:
        """The response_url posts for a command, once `count` have arrived."""

        def answers() -> list[dict[str, object]]:
            found = [r["body"] for r in self.standin.responses if r["name"] == command.lstrip("/")]
            return found if len(found) >= count else []

        result: list[dict[str, object]] = await self.standin.wait_for(answers)
        return result


async def _start(rt: Runtime, standin: SlackStandIn, port: int) -> AsyncIterator[Bot]:
    (adapter,) = build_adapters(rt)
    assert isinstance(adapter, SlackAdapter)
    await adapter.start()
    try:
        yield Bot(rt, adapter, f"http://127.0.0.1:{port}/slack/events", standin)
    finally:
        await adapter.stop()


@pytest.fixture
async def bot(store: Store, standin: SlackStandIn) -> AsyncIterator[Bot]:
    add_sample(store)
    port = free_port()
    async for b in _start(make_runtime(store, make_config(standin.api_url, port=port)), standin, port):
        yield b


async def test_a_signed_command_is_acked_at_once_and_answered_ephemerally(bot: Bot) -> None:
    status, took = await bot.command("/casualties", "north-korea")
    (answer,) = await bot.answer("/casualties")

    assert status == 200 and took < 3.0
    assert answer["response_type"] == "ephemeral"
    assert answer["unfurl_links"] is False and answer["unfurl_media"] is False
    shown = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Latest figures — North Korean troops in Russia" in shown
    assert "several hundred" in shown and "at least 30" in shown
    # bolt's first request checks the token with auth.test through the configured api_url
    assert [c["method"] for c in bot.standin.calls] == ["auth.test", "auth.test"]


@pytest.mark.parametrize(
    ("how", "kwargs"),
    [
        ("forged", {"secret": "not-the-signing-secret"}),
        ("replayed", {"age": 301}),
    ],
)
async def test_forged_and_replayed_commands_are_rejected(bot: Bot, how: str, kwargs: dict[str, object]) -> None:
    status, _ = await bot.command("/casualties", "north-korea", **kwargs)  # type: ignore[arg-type]

    assert status == 401
    assert bot.standin.responses == []


async def test_an_unsigned_command_is_rejected(bot: Bot) -> None:
    body, _ = signed_request(SECRET, slash_payload("/topics", response_url=bot.standin.response_url("topics")))
    async with aiohttp.ClientSession() as session:
        bare = {"Content-Type": "application/x-www-form-urlencoded"}
        async with session.post(bot.url, data=body, headers=bare) as resp:
            assert resp.status == 401
    assert bot.standin.responses == []


@pytest.mark.parametrize("timestamp", ["banana", "", "1e9", "-1"])
async def test_a_non_numeric_timestamp_is_a_bad_signature_not_a_crash(bot: Bot, timestamp: str) -> None:
    body, headers = signed_request(SECRET, slash_payload("/topics", response_url=bot.standin.response_url("topics")))
    headers["X-Slack-Request-Timestamp"] = timestamp
    async with aiohttp.ClientSession() as session, session.post(bot.url, data=body, headers=headers) as resp:
        assert (resp.status, await resp.json()) == (401, {"error": "invalid request"})
    assert bot.standin.responses == []


async def test_every_declared_command_is_registered_and_answers(bot: Bot) -> None:
    for command in COMMANDS:
        status, _ = await bot.command(f"/{command.name}")
        assert status == 200, command.name
        (answer,) = await bot.answer(f"/{command.name}")
        assert answer["response_type"] == "ephemeral" and answer["blocks"], command.name


async def test_an_unknown_actor_gets_the_helpful_reply(bot: Bot) -> None:
    await bot.command("/casualties", "narnia")
    (answer,) = await bot.answer("/casualties")

    shown = json.dumps(answer, ensure_ascii=False)
    assert "No figures about “narnia”" in shown and "Topics: `north-korea`" in shown


async def test_admin_only_commands_follow_the_configs_slack_users(bot: Bot) -> None:
    await bot.command("/digest", "post")
    (refused,) = await bot.answer("/digest")
    assert "Only admins can post a digest" in json.dumps(refused)
    assert bot.standin.calls_to("chat.postMessage") == []

    await bot.command("/digest", "post", user=ADMIN)
    _, posted = await bot.answer("/digest", 2)
    assert "Digest posted" in json.dumps(posted)
    (post,) = bot.standin.calls_to("chat.postMessage")
    assert post["params"]["channel"] == CHANNEL


async def test_a_failing_command_still_gets_an_ephemeral_answer(tmp_path: Path, standin: SlackStandIn) -> None:
    store = Store(f"sqlite:///{tmp_path}/sitrep.db")
    port = free_port()
    try:
        async for bot in _start(make_runtime(store, make_config(standin.api_url, port=port)), standin, port):
            # The database disappears under the running bot: every query now fails.
            store.engine.dispose()
            for leftover in tmp_path.glob("sitrep.db*"):
                leftover.unlink()
            status, _ = await bot.command("/casualties", "north-korea")
            (answer,) = await bot.answer("/casualties")
    finally:
        store.close()

    assert status == 200
    assert answer["response_type"] == "ephemeral" and "Something went wrong" in json.dumps(answer)


async def test_stopping_lets_an_acked_answer_finish(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    port = free_port()
    standin.respond_delay = 2.0  # long enough that a loaded machine still sees the ack first
    async for bot in _start(make_runtime(store, make_config(standin.api_url, port=port)), standin, port):
        status, _ = await bot.command("/topics")
        assert status == 200 and standin.responses == []
        # leaving the loop stops the adapter while the answer is still on its way

    assert [r["name"] for r in standin.responses] == ["topics"]


async def test_bolts_oauth_env_vars_leave_the_app_on_its_one_workspace(
    sqlite_store: Store, standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # With both set, bolt on its own builds its OAuth install flow and looks every request's workspace up in a
    # file-based installation store, finds none, and answers "Please install this app into the workspace".
    monkeypatch.setenv("SLACK_CLIENT_ID", "1111.2222")
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "oauth-client-secret")
    add_sample(sqlite_store)
    port = free_port()
    with caplog.at_level(logging.INFO, logger="slack_bolt"):
        async for bot in _start(make_runtime(sqlite_store, make_config(standin.api_url, port=port)), standin, port):
            status, _ = await bot.command("/casualties", "north-korea")
            (answer,) = await bot.answer("/casualties")

    assert status == 200
    assert "will be ignored" not in caplog.text  # bolt's warning about `authorize` is wrong here, and dropped
    shown = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "several hundred" in shown and "at least 30" in shown
    # open()'s auth.test, then bolt's own for the request: both with the configured bot token
    assert [(c["method"], c["token"]) for c in standin.calls] == [("auth.test", TOKEN), ("auth.test", TOKEN)]


async def test_a_chart_asked_for_is_shown_to_the_asker_alone(bot: Bot) -> None:
    three_days(bot.rt.store, NOW)

    await bot.command("/casualties", "north-korea chart")
    figures, chart = await bot.answer("/casualties", 2)

    assert figures["response_type"] == chart["response_type"] == "ephemeral"
    assert "600" in json.dumps(figures["blocks"], ensure_ascii=False)
    # Uploaded through files_upload_v2 with no channel: the file is the bot's own, shared nowhere.
    (done,) = bot.standin.calls_to("files.completeUploadExternal")
    assert "channel_id" not in done["params"]
    (upload,) = bot.standin.uploads.values()
    assert (upload["name"], upload["channel"], upload["completed"]) == ("north-korea-trend.png", None, True)
    assert png_size(upload["data"]) == (800, 510)
    assert bot.standin.posted() == []
    # The ephemeral answer shows it from there.
    title = "North Korean troops in Russia: tolls by publication date"
    assert chart["blocks"] == [
        {
            "type": "image",
            "slack_file": {"id": upload["id"]},
            "alt_text": title,
            "title": {"type": "plain_text", "text": title},
        }
    ]


async def test_a_chart_that_cannot_be_uploaded_is_said_in_words(bot: Bot) -> None:
    three_days(bot.rt.store, NOW)
    bot.standin.fail("files.getUploadURLExternal", error="missing_scope", needed="files:write")

    await bot.command("/casualties", "north-korea chart")
    _, chart = await bot.answer("/casualties", 2)

    title = "North Korean troops in Russia: tolls by publication date"
    assert chart["text"] == f"The chart “{title}” could not be uploaded; try again in a moment."
    assert "blocks" not in chart and bot.standin.uploads == {}
