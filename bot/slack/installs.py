"""Many workspaces: bolt's OAuth install flow (`/slack/install`, `/slack/oauth_redirect`) with slack_sdk's SQLAlchemy
installation and state stores in sitrep's own database, so any replica answers any workspace, and the bot token
of the workspace a channel names (`team`) for its digests.

slack_sdk's async SQLAlchemy stores need an async engine; sitrep's store is synchronous (psycopg, sqlite3), so
its sync stores are used, each call run in a worker thread."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.slack.manifest import BOT_SCOPES
from digests.config.models import Slack
from digests.store.db import one_at_a_time

# The scopes sitrep asks a workspace for are the manifest's: post digests and their charts, answer slash
# commands, find a post after a crash.
SCOPES = BOT_SCOPES
# How long an install link stays valid (the state it carries).
STATE_SECONDS = 600


class _Installations(AsyncInstallationStore):
    def __init__(self, store: SQLAlchemyInstallationStore) -> None:
        self.store = store

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.store.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(self, **ids: Any) -> Bot | None:
        return await asyncio.to_thread(lambda: self.store.find_bot(**ids))

    async def async_find_installation(self, **ids: Any) -> Installation | None:
        return await asyncio.to_thread(lambda: self.store.find_installation(**ids))

    async def async_delete_bot(self, **ids: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_bot(**ids))

    async def async_delete_installation(self, **ids: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_installation(**ids))


class _States(AsyncOAuthStateStore):
    def __init__(self, store: SQLAlchemyOAuthStateStore) -> None:
        self.store = store

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)


class Installs:
    """The workspaces sitrep is installed in, kept in the store's database (tables slack_installations,
    slack_bots, slack_oauth_states, made on first use)."""

    def __init__(self, settings: Slack, engine: Engine) -> None:
        assert settings.client_id and settings.client_secret
        self.settings = settings
        self.engine = engine
        self.installations = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
        self.states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)

    def create_tables(self) -> None:
        """Make the stores' tables if missing; replicas starting together make them once."""
        with self.engine.begin() as connection:
            one_at_a_time(connection)
            self.installations.metadata.create_all(connection)
            self.states.metadata.create_all(connection)

    def oauth_settings(self) -> AsyncOAuthSettings:
        return AsyncOAuthSettings(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret,
            scopes=list(SCOPES),
            redirect_uri=self.settings.redirect_uri,
            installation_store=_Installations(self.installations),
            state_store=_States(self.states),
        )

    async def bot_token(self, team: str) -> str | None:
        """The bot token the workspace's installation left; None when sitrep is not installed there."""
        bot = await asyncio.to_thread(lambda: self.installations.find_bot(enterprise_id=None, team_id=team))
        return bot.bot_token if bot is not None else None
