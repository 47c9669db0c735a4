"""Answers a slash command: the interaction in as an Invocation, the shared handlers' Reply out as messages."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

import discord

from bot.commands import Invocation, Reply, dispatch
from bot.commands.reply import Picture
from bot.runtime import Runtime

log = logging.getLogger("sitrep.discord")

NO_MENTIONS = discord.AllowedMentions.none()
FAILED = "Something went wrong answering that; the error was logged. Try again in a moment."


def invocation(interaction: discord.Interaction, command: str, options: dict[str, str]) -> Invocation:
    user = interaction.user
    roles: tuple[str, ...] = ()
    if isinstance(user, discord.Member):
        # The role ids straight from the interaction: Member.roles looks them up in the guild cache, which
        # is empty because the bot asks for no guild events (Intents.none()).
        roles = tuple(str(r) for r in user._roles)
    return Invocation(
        command=command,
        options=options,
        platform="discord",
        user_id=str(user.id),
        user_roles=roles,
        channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        # The member's permissions in this channel come with the interaction; Manage Server makes an admin.
        admin=interaction.guild_id is not None and interaction.permissions.manage_guild,
    )


def _message(part: dict[str, Any]) -> dict[str, Any]:
    """A rendered part as keyword arguments for discord.py's send(); mentions always off."""
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e) for e in part.get("embeds") or []],
        "allowed_mentions": NO_MENTIONS,
    }
    if part.get("content"):
        kwargs["content"] = part["content"]
    return kwargs


def _picture(picture: Picture) -> dict[str, Any]:
    """A chart as send() arguments: the PNG attached, shown inside an embed that names it."""
    embed = discord.Embed(title=picture.title[:256])
    embed.set_image(url=f"attachment://{picture.filename}")
    return {
        "embeds": [embed],
        "file": discord.File(io.BytesIO(picture.png), filename=picture.filename, description=picture.title[:1024]),
        "allowed_mentions": NO_MENTIONS,
    }


def _parts(rt: Runtime, reply: Reply) -> list[dict[str, Any]]:
    from bot.commands.present import present

    return [_message(part) for part in present(reply, "discord", rt.config.templates)]


async def answer(rt: Runtime, interaction: discord.Interaction, command: str, options: dict[str, str]) -> None:
    """Defer at once (Discord waits only 3 s for a first answer, a query can take longer), run the command,
    then answer in followups. Ephemeral: what someone asks for is for them; a digest they ask to post goes
    to the channel through the publisher. Every failure still gets an answer."""
    try:
        await interaction.response.defer(ephemeral=True, thinking=True)
    except discord.HTTPException as exc:
        # Usually "Unknown interaction": we took too long, or another replica answered it first.
        log.warning("/%s: couldn't acknowledge the interaction: %s", command, exc)
        return
    try:
        reply = await dispatch(rt, invocation(interaction, command, options))
        # Rendered in a worker thread: a long digest's templates would hold the event loop.
        parts = await asyncio.to_thread(_parts, rt, reply)
    except Exception:
        log.exception("/%s: answering failed", command)
        reply, parts = Reply("Something went wrong", error=True), [{"content": FAILED, "allowed_mentions": NO_MENTIONS}]
    # Charts follow the words as attachments; an ephemeral followup carries files, so they stay the asker's.
    parts += [_picture(p) for p in reply.pictures]
    try:
        if reply.ephemeral:
            for part in parts:
                await interaction.followup.send(**part, ephemeral=True, wait=True)
        else:
            # The deferred answer is ephemeral and stays so; the reply itself goes to everyone after it.
            await interaction.edit_original_response(content=reply.title[:2000], allowed_mentions=NO_MENTIONS)
            for part in parts:
                await interaction.followup.send(**part, ephemeral=False, wait=True)
    except discord.HTTPException as exc:
        log.error("/%s: couldn't send the answer: %s", command, exc)
        await _say(interaction, FAILED)


async def _say(interaction: discord.Interaction, text: str) -> None:
    """A short ephemeral message, however far the interaction got; a last resort, so it never raises."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.error("couldn't tell the user about an error: %s", exc)


async def on_tree_error(interaction: discord.Interaction, error: discord.app_commands.AppCommandError) -> None:
    """Errors before our callback runs (an unknown or outdated command, a failed check) still get an answer."""
    name = interaction.command.name if interaction.command else "?"
    if isinstance(error, discord.app_commands.CommandNotFound):
        log.warning("unknown command /%s: the registered commands are out of date", name)
        await _say(interaction, "That command is out of date; try again in a minute, once the bot has re-synced.")
        return
    log.error("/%s failed", name, exc_info=error)
    await _say(interaction, FAILED)
