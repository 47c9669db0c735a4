"""`sitrep slack manifest`: the exact YAML for HTTP and Socket Mode configs, and that it lists every command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from bot.commands import COMMANDS
from bot.slack.manifest import manifest_yaml
from digests.config.models import Config
from tests.conftest import REPO
from tests.process import SITREP

COMMANDS_YAML = """\
  slash_commands:
  - command: /casualties
    description: Latest figures by actor and kind, with who claims them
    usage_hint: '[topic|actor] [since] [chart]'
{url}    should_escape: false
  - command: /quotes
    description: Recent quotes with their speakers and links
    usage_hint: '[topic|speaker] [since]'
{url}    should_escape: false
  - command: /digest
    description: 'The digest this channel would get now (admins: `post` posts it, `why` shows why each article is in it)'
    usage_hint: '[topic] | post | why'
{url}    should_escape: false
  - command: /topics
    description: Topics and what they match
{url}    should_escape: false
  - command: /sources
    description: 'Each feed''s state, and deliveries that failed: why didn''t it post?'
{url}    should_escape: false
  - command: /reload
    description: Reload the configuration file (admins)
{url}    should_escape: false
"""

BODY = """\
display_information:
  name: sitrep
  description: Figures and quotes from war news, digested for your channels.
features:
  bot_user:
    display_name: sitrep
    always_online: true
{commands}\
oauth_config:
  scopes:
    bot:
    - channels:history
    - chat:write
    - commands
    - files:write
    - groups:history
settings:
  org_deploy_enabled: false
  socket_mode_enabled: {socket}
  token_rotation_enabled: false
"""

PREAMBLE = """\
# Slack app manifest for sitrep: create the app at https://api.slack.com/apps
# (Create New App → From a manifest), install it, and invite @sitrep to each channel it posts to.
# Then set slack.bot_token to the Bot User OAuth Token (xoxb-…).
"""


def test_http_mode_manifest() -> None:
    config = Config.model_validate({"slack": {"bot_token": "xoxb-1", "signing_secret": "s", "port": 8080}})
    commands = COMMANDS_YAML.format(url="    url: https://YOUR-HOST/slack/events\n")
    assert manifest_yaml(config) == (
        PREAMBLE
        + "# HTTP mode: replace YOUR-HOST with the public HTTPS host that forwards /slack/events to this bot\n"
        + "# (it listens on port 8080), and set slack.signing_secret to the app's Signing Secret.\n"
        + BODY.format(commands=commands, socket="false")
    )


def test_socket_mode_manifest_has_no_request_urls() -> None:
    config = Config.model_validate({"slack": {"bot_token": "xoxb-1", "app_token": "xapp-1", "mode": "socket"}})
    assert manifest_yaml(config) == (
        PREAMBLE
        + "# Socket Mode: generate an app-level token with connections:write and set slack.app_token.\n"
        + BODY.format(commands=COMMANDS_YAML.format(url=""), socket="true")
    )


def test_sitrep_slack_manifest_lists_every_declared_command(tmp_path: Path) -> None:
    # Built-in defaults (no config file, no slack section): HTTP mode, the manifest for a first set-up.
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    command = [*SITREP, "slack", "manifest"]
    done = subprocess.run(command, cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    printed = yaml.safe_load(done.stdout)
    declared = [(f"/{c.name}", c.description) for c in COMMANDS]
    assert [(c["command"], c["description"]) for c in printed["features"]["slash_commands"]] == declared


def test_many_workspaces_manifest_lists_the_oauth_redirect_url() -> None:
    """Slack refuses an install whose redirect URL the app does not list: the manifest lists sitrep's."""
    slack = {"client_id": "1.2", "client_secret": "c", "signing_secret": "s", "port": 8080}
    config = Config.model_validate({"slack": slack})
    printed = yaml.safe_load(manifest_yaml(config))
    assert printed["oauth_config"] == {
        "redirect_urls": ["https://YOUR-HOST/slack/oauth_redirect"],
        "scopes": {"bot": ["channels:history", "chat:write", "commands", "files:write", "groups:history"]},
    }
    assert "installs it at https://YOUR-HOST/slack/install" in manifest_yaml(config)
    named = Config.model_validate(
        {"slack": {**slack, "redirect_uri": "https://sitrep.example.org/slack/oauth_redirect"}}
    )
    assert yaml.safe_load(manifest_yaml(named))["oauth_config"]["redirect_urls"] == [
        "https://sitrep.example.org/slack/oauth_redirect"
    ]
