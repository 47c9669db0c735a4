"""One command layer: Slack and Discord register exactly the commands the layer declares (STYLE.md habit 1)."""

from __future__ import annotations

from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import COMMANDS
from bot.discord import registered_commands
from bot.runtime import Runtime
from bot.slack.app import build_app
from bot.slack.commands import CommandListeners
from bot.slack.manifest import manifest
from digests.config import parse_config
from digests.store.db import Store

CONFIG = "slack: {bot_token: xoxb-test, signing_secret: s3cret}\ndiscord: {token: t, application_id: 1}\n"


def test_slack_and_discord_register_the_same_commands_as_the_layer(tmp_path: Path) -> None:
    config = parse_config(CONFIG, env={})
    declared = {c.name: [o.name for o in c.options] for c in COMMANDS}
    assert set(declared) == {"casualties", "quotes", "digest", "topics", "sources", "reload"}

    # Discord: the app commands actually built, with their options.
    assert registered_commands() == declared

    # Slack: the listeners the real AsyncApp holds, and the commands the app manifest installs.
    store = Store(f"sqlite:///{tmp_path}/s.db")
    assert config.slack is not None
    app = build_app(config.slack, AsyncWebClient(token="xoxb-test"), CommandListeners(Runtime(config, store)))
    listened = sorted(
        listener.ack_function.__name__.removeprefix("slash_")
        for listener in app._async_listeners  # bolt keeps no public list of listeners
    )
    store.close()
    assert listened == sorted(declared)
    installed = [c["command"] for c in manifest(config)["features"]["slash_commands"]]
    assert installed == [f"/{name}" for name in declared]
