"""What a command answers, platform-neutral: a digest-shaped body (figures, quotes, links) or plain lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from digests.digest.model import Digest


@dataclass(frozen=True)
class Invocation:
    """One use of a command, as any platform delivers it."""

    command: str
    options: dict[str, str] = field(default_factory=dict)
    platform: str = "console"
    user_id: str = ""
    user_roles: tuple[str, ...] = ()
    channel_id: str | None = None
    # Set by an adapter that knows better than the config (e.g. Discord's Manage Server permission).
    admin: bool = False


@dataclass(frozen=True)
class Picture:
    """A chart that goes with an answer: each platform shows it its own way (Slack an image block, Discord an
    attachment)."""

    title: str
    filename: str
    png: bytes


@dataclass(frozen=True)
class Reply:
    title: str
    digest: Digest | None = None
    # With a digest, lines follow it as a short notice (e.g. why no chart could be drawn).
    lines: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = ()
    ephemeral: bool = True
    error: bool = False
