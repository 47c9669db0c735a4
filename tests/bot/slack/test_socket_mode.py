"""Socket Mode: the real AsyncSocketModeHandler connects to the stand-in's websocket and answers an envelope;
an app token Slack refuses, or a connection that never comes, stops the start with a reason instead of hanging."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from bot.adapters import build_adapters
from bot.slack import SlackAdapter
from bot.slack.errors import SlackSetupError
from digests.store.db import Store
from tests.bot.slack.conftest import CHANNEL, TOKEN, add_sample, make_config, make_runtime
from tests.process import start_sitrep
from tests.standins.slack import SlackStandIn, slash_payload


async def test_a_slash_command_envelope_is_acked_and_answered(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    rt = make_runtime(store, make_config(standin.api_url, mode="socket"))
    (adapter,) = build_adapters(rt)
    await adapter.start()
    try:
        payload = slash_payload(
            "/casualties", "north-korea", response_url=standin.response_url("casualties"), channel_id=CHANNEL
        )
        envelope_id = await standin.send_envelope(payload)
        (ack,) = await standin.wait_for(lambda: [a for a in standin.acks if a["envelope_id"] == envelope_id])
        (answer,) = await standin.wait_for(lambda: [r["body"] for r in standin.responses])
    finally:
        await adapter.stop()

    (opened,) = standin.calls_to("apps.connections.open")
    assert opened["token"] == "xapp-test-token"
    assert "payload" not in ack  # an empty ack: the answer follows through the response_url
    assert answer["response_type"] == "ephemeral"
    shown = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "several hundred" in shown and "at least 30" in shown


def _socket_adapter(store: Store, standin: SlackStandIn, connect_timeout: float) -> SlackAdapter:
    config = make_config(standin.api_url, mode="socket")
    assert config.slack is not None
    return SlackAdapter(make_runtime(store, config), config.slack, connect_timeout=connect_timeout)


async def test_a_refused_app_token_stops_the_start_at_once_naming_the_token(
    sqlite_store: Store, standin: SlackStandIn
) -> None:
    # slack-sdk alone would retry this every 10 s for ever; the default 30 s bound is not what ends it either.
    standin.fail("apps.connections.open", error="invalid_auth", times=100)
    adapter = _socket_adapter(sqlite_store, standin, connect_timeout=30.0)

    with pytest.raises(SlackSetupError, match=r"^invalid_auth: Slack rejected slack\.app_token"):
        await adapter.start()
    await adapter.stop()

    (opened,) = standin.calls_to("apps.connections.open")
    assert opened["token"] == "xapp-test-token"
    assert standin.acks == [] and not standin._sockets


async def test_a_connection_that_never_comes_ends_after_the_bound(sqlite_store: Store, standin: SlackStandIn) -> None:
    # Slack unreachable for apps.connections.open: a passing fault, retried until the bound runs out.
    standin.fail("apps.connections.open", disconnect=True, times=100)
    adapter = _socket_adapter(sqlite_store, standin, connect_timeout=1.0)

    with pytest.raises(SlackSetupError, match=r"^Socket Mode did not connect within 1s"):
        await adapter.start()
    await adapter.stop()

    opened = standin.calls_to("apps.connections.open")
    assert opened and all(c["fault"]["disconnect"] for c in opened)
    assert adapter._socket is None


CONFIG = """\
database: sqlite:///{db}
topics:
  north-korea:
    title: North Korean troops in Russia
    match: ["North Korea"]
channels:
  - name: ops-room
    platform: slack
    id: {channel}
    topics: [north-korea]
slack:
  bot_token: ${{SLACK_BOT_TOKEN}}
  app_token: ${{SLACK_APP_TOKEN}}
  mode: socket
  api_url: {api_url}
"""


async def test_sitrep_run_exits_1_saying_the_app_token_was_refused(tmp_path: Path, standin: SlackStandIn) -> None:
    standin.fail("apps.connections.open", error="invalid_auth", times=100)
    config = tmp_path / "sitrep.yaml"
    config.write_text(CONFIG.format(db=tmp_path / "sitrep.db", channel=CHANNEL, api_url=standin.api_url))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SITREP_"))}
    env |= {"SLACK_BOT_TOKEN": TOKEN, "SLACK_APP_TOKEN": "xapp-revoked"}
    bot = await start_sitrep(
        "run", "--config", str(config), env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        _, err = await asyncio.wait_for(bot.communicate(), 60)
    except TimeoutError:
        bot.kill()
        await bot.wait()
        raise

    log = err.decode()
    assert bot.returncode == 1, log
    assert "could not start the slack adapter: invalid_auth: Slack rejected slack.app_token" in log
    assert "will be unused" not in log  # bolt's warning about SLACK_BOT_TOKEN besides `client` is dropped
    assert [c["token"] for c in standin.calls_to("apps.connections.open")] == ["xapp-revoked"]
