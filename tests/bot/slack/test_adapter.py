"""The adapter's set-up: what each mode refuses to run without, and a bad token reported rather than fatal."""

from __future__ import annotations

import logging

import pytest

from bot.adapters import build_adapters
from bot.slack import SlackAdapter
from bot.slack.errors import SlackSetupError
from digests.config.models import Slack
from digests.store.db import Store
from tests.bot.slack.conftest import make_config, make_runtime
from tests.standins.slack import SlackStandIn


def _adapter(store: Store, standin: SlackStandIn, **settings: object) -> SlackAdapter:
    config = make_config(standin.api_url.rstrip("/"))  # the adapter adds the slash slack-sdk needs
    slack = Slack.model_validate({**config.slack.model_dump(), **settings})  # type: ignore[union-attr]
    (adapter,) = build_adapters(make_runtime(store, config.model_copy(update={"slack": slack})))
    assert isinstance(adapter, SlackAdapter)
    return adapter


@pytest.mark.parametrize(
    ("settings", "missing"),
    [
        ({"signing_secret": None}, "slack.signing_secret is not set"),
        ({"mode": "socket", "app_token": None}, "slack.app_token is not set"),
        ({"bot_token": None}, "slack.bot_token is not set"),
    ],
)
async def test_start_refuses_to_listen_without_what_the_mode_needs(
    sqlite_store: Store, standin: SlackStandIn, settings: dict[str, object], missing: str
) -> None:
    adapter = _adapter(sqlite_store, standin, **settings)
    with pytest.raises(SlackSetupError, match=missing):
        await adapter.start()
    assert standin.calls == []


async def test_a_rejected_token_is_logged_at_open_not_fatal(
    sqlite_store: Store, standin: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = _adapter(sqlite_store, standin)
    standin.fail("auth.test", error="invalid_auth")

    with caplog.at_level(logging.ERROR, logger="sitrep.slack"):
        await adapter.open()

    assert "auth.test failed" in caplog.text
    assert [c["method"] for c in standin.calls] == ["auth.test"]
    assert standin.calls[0]["token"] == "xoxb-test-token"
