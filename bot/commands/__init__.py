"""The platform-neutral command layer: declared once (spec), answered once (handlers), shown by any adapter."""

from bot.commands.args import options_from_text
from bot.commands.handlers import dispatch, suggest
from bot.commands.reply import Invocation, Reply
from bot.commands.spec import BY_NAME, COMMANDS, Command, Option

__all__ = [
    "BY_NAME",
    "COMMANDS",
    "Command",
    "Invocation",
    "Option",
    "Reply",
    "dispatch",
    "options_from_text",
    "suggest",
]
