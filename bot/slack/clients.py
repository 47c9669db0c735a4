"""The Web API clients: one for the app (commands, Socket Mode) and one for digest posts, which never re-sends."""

from __future__ import annotations

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from digests.config.models import Slack

DEFAULT_API_URL = "https://slack.com/api/"


def api_url(settings: Slack) -> str:
    # slack-sdk joins method names onto the base by plain concatenation, so the slash matters.
    url = settings.api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def app_client(settings: Slack) -> AsyncWebClient:
    """For bolt (auth.test, apps.connections.open, anything a command calls): retrying is harmless there."""
    handlers: list[AsyncRetryHandler] = [
        AsyncConnectionErrorRetryHandler(),
        AsyncRateLimitErrorRetryHandler(max_retry_count=2),
    ]
    return AsyncWebClient(token=settings.bot_token, base_url=api_url(settings), retry_handlers=handlers)


def post_client(settings: Slack) -> AsyncWebClient:
    """For digest posts: a connection error may hide a post that landed, and retrying it would show it twice,
    so only a 429 (which Slack guarantees it did not act on) is retried; the ledger handles the rest."""
    handlers: list[AsyncRetryHandler] = [AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
    return AsyncWebClient(token=settings.bot_token, base_url=api_url(settings), retry_handlers=handlers)
