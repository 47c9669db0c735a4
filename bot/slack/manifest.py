"""`sitrep slack manifest`: the Slack app manifest (YAML) this config needs — commands, scopes, mode."""

from __future__ import annotations

from typing import Any

import yaml

from bot.commands import COMMANDS, Command
from bot.slack.server import EVENTS_PATH
from digests.config.models import Config

APP_NAME = "sitrep"
DESCRIPTION = "Figures and quotes from war news, digested for your channels."
REQUEST_URL = f"https://YOUR-HOST{EVENTS_PATH}"
# Where Slack sends a workspace's admin back after installing (bolt's default path), unless slack.redirect_uri
# names it; with many workspaces (slack.client_id) Slack refuses an install whose redirect is not listed.
REDIRECT_URL = "https://YOUR-HOST/slack/oauth_redirect"
INSTALL_URL = "https://YOUR-HOST/slack/install"
# Only what sitrep calls: chat.postMessage (chat:write), slash commands (commands), files_upload_v2 for a
# digest's chart (files:write), and conversations.history for resend(), which looks for a digest part a crash
# may have posted (channels:history for public channels, groups:history for private ones). auth.test and
# response_url answers need no scope.
BOT_SCOPES = ("channels:history", "chat:write", "commands", "files:write", "groups:history")


def usage_hint(command: Command) -> str:
    """`/casualties [topic|actor] [since]` → `[topic|actor] [since]`: Slack shows the name itself."""
    return command.usage.replace(f"/{command.name} ", "").replace(f"/{command.name}", "").strip()


def _command(command: Command, socket: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"command": f"/{command.name}", "description": command.description}
    if hint := usage_hint(command):
        entry["usage_hint"] = hint
    if not socket:
        entry["url"] = REQUEST_URL
    # Unescaped text: the command layer reads topic and actor names, not <@U…> or <#C…> markup.
    entry["should_escape"] = False
    return entry


def manifest(config: Config) -> dict[str, Any]:
    socket = config.slack is not None and config.slack.mode == "socket"
    oauth: dict[str, Any] = {"scopes": {"bot": list(BOT_SCOPES)}}
    if config.slack is not None and config.slack.many_workspaces:
        oauth = {"redirect_urls": [config.slack.redirect_uri or REDIRECT_URL], **oauth}
    return {
        "display_information": {"name": APP_NAME, "description": DESCRIPTION},
        "features": {
            "bot_user": {"display_name": APP_NAME, "always_online": True},
            "slash_commands": [_command(c, socket) for c in COMMANDS],
        },
        "oauth_config": oauth,
        "settings": {
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket,
            "token_rotation_enabled": False,
        },
    }


def _preamble(config: Config) -> str:
    if config.slack is not None and config.slack.many_workspaces:
        lines = [
            "# Slack app manifest for sitrep in many workspaces: create the app at https://api.slack.com/apps",
            "# (Create New App → From a manifest) and set slack.client_id and slack.client_secret to the credentials",
            f"# on its Basic Information page. Each workspace installs it at {INSTALL_URL}; invite @sitrep to",
            "# each channel it posts to and name the channel's workspace (team) in the config.",
        ]
    else:
        lines = [
            "# Slack app manifest for sitrep: create the app at https://api.slack.com/apps",
            "# (Create New App → From a manifest), install it, and invite @sitrep to each channel it posts to.",
            "# Then set slack.bot_token to the Bot User OAuth Token (xoxb-…).",
        ]
    if config.slack is not None and config.slack.mode == "socket":
        lines.append("# Socket Mode: generate an app-level token with connections:write and set slack.app_token.")
    else:
        port = config.slack.port if config.slack else 3000
        lines += [
            f"# HTTP mode: replace YOUR-HOST with the public HTTPS host that forwards {EVENTS_PATH} to this bot",
            f"# (it listens on port {port}), and set slack.signing_secret to the app's Signing Secret.",
        ]
    return "\n".join(lines) + "\n"


def manifest_yaml(config: Config) -> str:
    body = yaml.safe_dump(manifest(config), sort_keys=False, allow_unicode=True, width=120)
    return _preamble(config) + body
