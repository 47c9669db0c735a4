"""`sitrep discord invite`: the OAuth2 URL that adds the bot to a server with only the permissions it uses."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

import discord

from digests.config.load import ConfigError, Problem
from digests.config.models import Config

AUTHORIZE = "https://discord.com/oauth2/authorize"
SCOPES = ("bot", "applications.commands")


class InviteError(ConfigError):
    """No way to tell which application to invite; a ConfigError, so the CLI prints it plainly and exits 1."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__("discord settings", [Problem(path, reason)])


def bot_permissions() -> discord.Permissions:
    """See channels, post digests as embeds (with files when a digest grows one), and read recent messages
    to find a post whose outcome a crash lost. Nothing else: no mentions, no management."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
    )


def application_id_from_token(token: str) -> int:
    """A bot token's first segment is its user id in base64 (unpadded); for a bot that is the application id."""
    first = token.strip().split(".")[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    if not decoded.isdigit():
        raise InviteError("discord.token", "doesn't look like a bot token (its first part should be the bot's id)")
    return int(decoded)


def application_id(config: Config) -> int:
    settings = config.discord
    if settings is not None and settings.application_id:
        return settings.application_id
    if settings is not None and settings.token:
        return application_id_from_token(settings.token)
    raise InviteError(
        "discord.application_id",
        "no Discord application id: set discord.application_id (Developer Portal → General Information), "
        "or discord.token (e.g. token: ${DISCORD_TOKEN}) to read it from the token",
    )


def invite_url(config: Config) -> str:
    query = urlencode(
        {"client_id": application_id(config), "scope": " ".join(SCOPES), "permissions": bot_permissions().value}
    )
    return f"{AUTHORIZE}?{query}"
