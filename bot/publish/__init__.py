"""Publishers: where a rendered digest part goes. One per platform, all behind the same small interface."""

from __future__ import annotations

from typing import Any, Protocol

from digests.config.models import Channel


class PublishError(Exception):
    """A post that did not go through. `permanent` means retrying cannot help (channel gone, no access)."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Publisher(Protocol):
    platform: str
    # The render format this publisher posts: text, slack or discord.
    format: str
    # Whether it posts charts: parts holding {"chart": {"topic", "title", "png" (base64)}} (digests.chart).
    charts: bool

    async def turn(self, channel: Channel) -> None:
        """Wait until a post to the channel may go under the platform's rate limits, and hold that turn for the
        channel's next send (made within a moment): a delivery is recorded only once its post can go."""
        ...

    async def send(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        """Post one message part; return the platform's id for it. `key` names the delivery part
        (Discord's nonce, Slack's metadata) so a repeat after a crash can be recognised."""
        ...

    async def resend(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        """Post a part whose earlier attempt may or may not have arrived (a crash lost its outcome),
        so that it ends up in the channel exactly once: find it by `key` and return its id, or post it."""
        ...
