"""sitrep on Discord: digests posted as embeds, slash commands answered from the shared command layer."""

from bot.discord.adapter import DiscordAdapter, DiscordSetupError
from bot.discord.commands import registered_commands
from bot.discord.publisher import DiscordPublisher

__all__ = ["DiscordAdapter", "DiscordPublisher", "DiscordSetupError", "registered_commands"]
