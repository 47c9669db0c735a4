"""`sitrep discord invite`: the exact URL, with exactly the five permissions the bot uses."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import discord
import pytest

from bot.discord.invite import InviteError, application_id_from_token, bot_permissions, invite_url
from digests.config.models import Config, Discord
from tests.bot.discord.conftest import TOKEN
from tests.conftest import REPO
from tests.process import SITREP

# View Channel 1<<10, Send Messages 1<<11, Embed Links 1<<14, Attach Files 1<<15, Read Message History 1<<16.
PERMISSIONS = 1024 + 2048 + 16384 + 32768 + 65536


def test_the_bot_asks_for_exactly_five_permissions() -> None:
    assert PERMISSIONS == 117760
    assert bot_permissions().value == PERMISSIONS
    granted = {name for name, on in bot_permissions() if on}
    assert granted == {
        "read_messages",
        "send_messages",  # read_messages is View Channel
        "embed_links",
        "attach_files",
        "read_message_history",
    }
    assert not (bot_permissions() & discord.Permissions(mention_everyone=True)).value


def test_the_url_uses_the_configured_application_id() -> None:
    config = Config(discord=Discord(application_id=123456789012345678, token=TOKEN))
    assert invite_url(config) == (
        "https://discord.com/oauth2/authorize?client_id=123456789012345678"
        "&scope=bot+applications.commands&permissions=117760"
    )


def test_without_an_application_id_it_comes_from_the_token() -> None:
    assert application_id_from_token(TOKEN) == 1111111111111111111
    # A real token's first segment is unpadded base64 of the bot's id.
    assert application_id_from_token("MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abc") == 123456789012345678
    assert invite_url(Config(discord=Discord(token=TOKEN))).startswith(
        "https://discord.com/oauth2/authorize?client_id=1111111111111111111&"
    )


@pytest.mark.parametrize(
    ("config", "says"),
    [
        (Config(), "discord.application_id: no Discord application id"),
        (Config(discord=Discord()), "discord.application_id: no Discord application id"),
        (Config(discord=Discord(token="not-a-token")), "discord.token: doesn't look like a bot token"),
    ],
)
def test_no_way_to_tell_the_application_is_a_clear_error(config: Config, says: str) -> None:
    with pytest.raises(InviteError) as failed:
        invite_url(config)
    assert str(failed.value.problems[0]).startswith(says)


def test_the_cli_prints_the_url_or_the_problem(tmp_path: Path) -> None:
    configs = {
        "with-id": 'discord: {token: "${DISCORD_TOKEN}", application_id: 123456789012345678}\n',
        "from-token": 'discord: {token: "${DISCORD_TOKEN}"}\n',
        "no-discord": "topics: {}\n",
    }
    for name, text in configs.items():
        (tmp_path / f"{name}.yaml").write_text(text)

    def invite(name: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
        command = [*SITREP, "discord", "invite", "--config", str(tmp_path / f"{name}.yaml")]
        env = {**os.environ, "DISCORD_TOKEN": token}
        return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)

    ok = invite("with-id")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == (
        "https://discord.com/oauth2/authorize?client_id=123456789012345678"
        "&scope=bot+applications.commands&permissions=117760\n"
    )
    assert "client_id=1111111111111111111&" in invite("from-token").stdout
    for name, token, says in (
        ("from-token", "not-a-token", "discord.token: doesn't look like a bot token"),
        ("no-discord", TOKEN, "discord.application_id: no Discord application id"),
    ):
        failed = invite(name, token)
        assert failed.returncode == 1
        assert says in failed.stderr
        assert token not in failed.stderr  # the token is never echoed
