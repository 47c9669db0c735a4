"""Builds the one AsyncApp sitrep runs: the config's client and signing secret, one workspace (or many, installed
through OAuth), the slash commands."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.commands import CommandListeners
from bot.slack.installs import Installs
from digests.config.models import Slack

# bolt's warnings that the token "will be ignored" (said whenever `authorize` is given) or "will be unused" (said
# when SLACK_BOT_TOKEN is in the environment, as the sample config has it, besides `client`) are wrong here:
# the client carries the configured token, and one_workspace() hands that same token to every request.
_WRONG_WARNINGS = ("As `installation_store` or `authorize` has been used", "As you gave `client` as well")


class _WrongWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_WRONG_WARNINGS)


logging.getLogger("slack_bolt.AsyncApp").addFilter(_WrongWarning())


def one_workspace(client: AsyncWebClient) -> Callable[[], Awaitable[AuthorizeResult]]:
    """bolt's `authorize` for the workspace the bot token belongs to: auth.test once, as bolt's single-workspace
    mode does, then the same answer for every request."""
    found: list[AuthorizeResult] = []

    async def authorize() -> AuthorizeResult:
        if not found:
            who = await client.auth_test()
            found.append(AuthorizeResult.from_auth_test_response(auth_test_response=who, bot_token=client.token))
        return found[0]

    return authorize


def build_app(
    settings: Slack, client: AsyncWebClient, listeners: CommandListeners, installs: Installs | None = None
) -> AsyncApp:
    # Bolt copies this client's base_url and retry handlers into the client behind respond(), say() and
    # client.*, so slack.api_url reaches every call. An empty secret would let anyone sign requests:
    # the adapter refuses HTTP mode without one, and Socket Mode never checks signatures.
    #
    # With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET both in the environment, bolt 1.30 builds its OAuth install
    # flow on its own, and its authorize looks every request's workspace up in an empty file-based installation
    # store, so no command is ever answered. No constructor argument turns that off, but a given `authorize` is
    # kept over the flow's: with it, the configured bot token answers whatever the environment holds.
    if installs is not None:
        # Many workspaces: each request is answered with the token its workspace's installation left.
        app = AsyncApp(
            name="sitrep",
            client=client,
            signing_secret=settings.signing_secret or "",
            oauth_settings=installs.oauth_settings(),
        )
    else:
        app = AsyncApp(
            name="sitrep",
            client=client,
            signing_secret=settings.signing_secret or "",
            authorize=one_workspace(client),
        )
    listeners.register(app)
    return app
