"""Builds the one AsyncApp sitrep runs: the config's client and signing secret, and the slash commands."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.commands import CommandListeners
from digests.config.models import Slack


def build_app(settings: Slack, client: AsyncWebClient, listeners: CommandListeners) -> AsyncApp:
    # Bolt copies this client's base_url and retry handlers into the client behind respond(), say() and
    # client.*, so slack.api_url reaches every call. An empty secret would let anyone sign requests:
    # the adapter refuses HTTP mode without one, and Socket Mode never checks signatures.
    app = AsyncApp(
        name="sitrep",
        client=client,
        signing_secret=settings.signing_secret or "",
    )
    listeners.register(app)
    return app
