"""The slash commands, declared once: both platform adapters register exactly this list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Suggest = Literal["topic_or_actor", "topic_or_speaker", "topic", "digest_action", "casualties_view"]


@dataclass(frozen=True)
class Option:
    name: str
    description: str
    required: bool = False
    suggest: Suggest | None = None  # what autocomplete offers for it


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    options: tuple[Option, ...] = ()
    admin: bool = False  # only admins may run it (Discord also hides it from others)
    usage: str = ""


SINCE = Option("since", "how far back: 24h, 7d or a date such as 2024-11-01")

COMMANDS: tuple[Command, ...] = (
    Command(
        "casualties",
        "Latest figures by actor and kind, with who claims them",
        (
            Option("about", "a topic or an actor (North Korea, civilians…)", suggest="topic_or_actor"),
            SINCE,
            Option("view", "chart: also draw the tolls over time as a picture", suggest="casualties_view"),
        ),
        usage="/casualties [topic|actor] [since] [chart]",
    ),
    Command(
        "quotes",
        "Recent quotes with their speakers and links",
        (Option("about", "a topic or a speaker", suggest="topic_or_speaker"), SINCE),
        usage="/quotes [topic|speaker] [since]",
    ),
    Command(
        "digest",
        "The digest this channel would get now (admins: `post` posts it, `why` shows why each article is in it)",
        (
            Option("topic", "one of the channel's topics", suggest="topic"),
            Option(
                "action",
                "post: post it to the channel; why: each article's relevance (admins)",
                suggest="digest_action",
            ),
        ),
        usage="/digest [topic] | /digest post | /digest why",
    ),
    Command("topics", "Topics and what they match", usage="/topics"),
    Command("sources", "Each feed's state, and deliveries that failed: why didn't it post?", usage="/sources"),
    Command("reload", "Reload the configuration file (admins)", admin=True, usage="/reload"),
)

BY_NAME = {c.name: c for c in COMMANDS}
