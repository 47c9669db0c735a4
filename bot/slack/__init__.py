"""sitrep on Slack: the adapter (publisher + slash commands), its app manifest, and what its errors mean."""

from bot.slack.adapter import SlackAdapter
from bot.slack.publisher import SlackPublisher

__all__ = ["SlackAdapter", "SlackPublisher"]
