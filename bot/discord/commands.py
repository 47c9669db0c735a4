"""Discord app commands built from the shared command spec: one slash command per spec, string options,
autocomplete where the spec suggests, admin commands hidden from members without Manage Server."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.commands import COMMANDS, Command, Option

log = logging.getLogger("sitrep.discord")

# What a command does when used: (interaction, command name, the options given).
Answer = Callable[[discord.Interaction, str, dict[str, str]], Awaitable[None]]
# What autocomplete offers: (command name, option name, what was typed so far) → choices.
Complete = Callable[[str, str, str], Awaitable[list[str]]]

CHOICE_LIMIT = 25  # Discord shows at most 25 choices, each at most 100 characters
CHOICE_LENGTH = 100
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


def _callback(spec: Command, answer: Answer) -> Callable[..., Coroutine[Any, Any, None]]:
    """A callback whose signature declares the spec's options: discord.py reads the parameters (name, type,
    default) to build the command's options, so the signature is made from the spec rather than written out."""

    async def callback(interaction: discord.Interaction, **options: str | None) -> None:
        await answer(interaction, spec.name, {k: v for k, v in options.items() if v is not None})

    params = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)]
    params += [
        inspect.Parameter(
            o.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=str if o.required else str | None,
            default=inspect.Parameter.empty if o.required else None,
        )
        for o in spec.options
    ]
    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    callback.__discord_app_commands_param_description__ = {o.name: o.description for o in spec.options}  # type: ignore[attr-defined]
    return callback


def _autocomplete(
    spec: Command, option: Option, complete: Complete
) -> Callable[..., Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
    async def choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            names = await complete(spec.name, option.name, current or "")
        except Exception:
            # An autocomplete that raises shows "loading options failed"; no suggestions is better.
            log.exception("autocomplete for /%s %s failed", spec.name, option.name)
            return []
        return [app_commands.Choice(name=n[:CHOICE_LENGTH], value=n[:CHOICE_LENGTH]) for n in names[:CHOICE_LIMIT] if n]

    return choices


def build_commands(answer: Answer, complete: Complete) -> list[app_commands.Command[Any, ..., None]]:
    commands = []
    for spec in COMMANDS:
        command: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=spec.name, description=spec.description, callback=_callback(spec, answer)
        )
        for option in spec.options:
            if option.suggest is not None:
                command.autocomplete(option.name)(_autocomplete(spec, option, complete))
        if spec.admin:
            # Discord hides it from members without Manage Server; the command layer still checks admins.
            command.default_permissions = ADMIN_PERMISSIONS
        commands.append(command)
    return commands


def add_commands(tree: app_commands.CommandTree[Any], answer: Answer, complete: Complete) -> None:
    for command in build_commands(answer, complete):
        tree.add_command(command)


async def _nothing(*args: object) -> Any:
    return []


def registered_commands() -> dict[str, list[str]]:
    """The slash commands Discord gets, with their option names, read back from the built commands: a
    cross-platform test compares this with Slack's list."""
    return {c.name: [p.name for p in c.parameters] for c in build_commands(_nothing, _nothing)}
