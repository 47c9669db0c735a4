"""Posts paced under the platforms' rate limits, known in advance rather than learned from 429s: a wave of
digests goes out in parallel across channels as fast as the limits allow, each post when its turn comes.

Slack: chat.postMessage about once a second per channel within a workspace budget, conversations.history Tier 3.
Discord: per-route buckets as the X-RateLimit-* headers of each answer describe them (the documented default
until the first answer), and the global 50 requests a second. Every rate is kept `margin` under the limit, and
bursts short of the platform's, so that the jitter of a busy machine does not tip a post over.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Callable, Hashable, Mapping
from types import SimpleNamespace
from typing import Any

import aiohttp

from digests.config.models import DiscordPace, SlackPace

Clock = Callable[[], float]
# Beyond this many buckets (channels), those whose turn has long passed are forgotten: a fresh one is the same.
KEEP_BUCKETS = 4096
# A turn taken ahead of its post (a delivery is recorded between the two) is the post's if the post comes within
# this many seconds; a later post waits for a turn of its own.
AHEAD = 1.0


class Bucket:
    """A token bucket kept as a schedule (GCRA): `rate` takes a second after a first `burst` at once. Each take
    is given, in the order asked, the earliest moment that keeps the bucket within its limit, and waits for it."""

    def __init__(self, rate: float, burst: int = 1, *, clock: Clock = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a bucket needs a positive rate and a burst of at least 1")
        self.interval = 1 / rate
        self.tolerance = (burst - 1) * self.interval
        self.clock = clock
        self._next = -math.inf  # when the bucket would be empty again if nothing more were taken

    def reserve(self) -> float:
        """Take a turn: the clock time at which it comes (now or later)."""
        now = self.clock()
        turn = max(now, self._next - self.tolerance)
        self._next = max(self._next, turn) + self.interval
        return turn

    def idle(self) -> bool:
        """Whether the bucket is full again: forgetting it changes nothing."""
        return self._next <= self.clock()

    async def take(self) -> None:
        delay = self.reserve() - self.clock()
        if delay > 0:
            await asyncio.sleep(delay)


class RouteBucket:
    """A Discord rate-limit bucket as the X-RateLimit-* headers describe it: `limit` requests in a window,
    `remaining` of them in this one, which ends at `resets`. Before any answer, `limit` and `per` are the
    documented default; a window this side starts when its first request goes."""

    def __init__(self, limit: int, per: float, *, margin: float, clock: Clock = time.monotonic) -> None:
        self.limit = self.remaining = limit
        self.per = per
        self.margin = margin  # seconds added to every reset: Discord's clock counts from the request's arrival
        self.clock = clock
        self.resets: float | None = None

    def _roll(self, now: float) -> None:
        if self.resets is not None and now >= self.resets:
            self.remaining, self.resets = self.limit, None

    async def take(self) -> None:
        while True:
            now = self.clock()
            self._roll(now)
            if self.remaining > 0:
                self.remaining -= 1
                if self.resets is None:
                    self.resets = now + self.per + self.margin
                return
            assert self.resets is not None
            await asyncio.sleep(self.resets - now)

    def learn(self, limit: int, remaining: int, reset_after: float) -> None:
        """An answer's headers: the bucket's limit, what is left (less what was sent since), when it resets."""
        now = self.clock()
        self._roll(now)
        self.limit = limit
        self.remaining = min(self.remaining, remaining)
        self.resets = now + reset_after + self.margin

    def idle(self) -> bool:
        return self.resets is None or self.resets <= self.clock()


def _forget_idle(buckets: dict[Any, Any]) -> None:
    """Before a new bucket is kept: at every KEEP_BUCKETS'th, forget the idle ones (a scan paid for by as many
    additions)."""
    if len(buckets) >= KEEP_BUCKETS and len(buckets) % KEEP_BUCKETS == 0:
        for key in [k for k, b in buckets.items() if b.idle()]:
            del buckets[key]


class Ahead:
    """Turns taken ahead of the request that uses them, by key (a channel), each good for AHEAD seconds."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._taken: dict[Hashable, list[float]] = {}

    def hold(self, key: Hashable) -> None:
        now = self.clock()
        if len(self._taken) >= KEEP_BUCKETS and len(self._taken) % KEEP_BUCKETS == 0:
            for stale in [k for k, times in self._taken.items() if now - times[-1] > AHEAD]:
                del self._taken[stale]
        self._taken.setdefault(key, []).append(now)

    def use(self, key: Hashable) -> bool:
        """Whether a turn held for `key` is still good (and is used now)."""
        times = self._taken.pop(key, [])
        now = self.clock()
        fresh = [t for t in times if now - t <= AHEAD]
        if len(fresh) > 1:
            self._taken[key] = fresh[1:]
        return bool(fresh)


class SlackPacer:
    """Turns for Slack Web API calls: posts by channel and workspace, history reads by workspace."""

    def __init__(self, pace: SlackPace, *, clock: Clock = time.monotonic) -> None:
        self.pace = pace
        self.clock = clock
        self._channels: dict[str, Bucket] = {}
        self._workspaces: dict[str, Bucket] = {}
        self._history: dict[str, Bucket] = {}
        self._ahead = Ahead(clock)

    def _rate(self, per_second: float) -> float:
        return per_second * (1 - self.pace.margin)

    async def turn(self, workspace: str, channel: str) -> None:
        """Wait for a post's turn, and hold it for the channel's next post (see AHEAD)."""
        await self._wait(workspace, channel)
        self._ahead.hold(channel)

    async def post(self, workspace: str, channel: str) -> None:
        """Wait for a post's turn in `channel`, unless one was taken ahead for it."""
        if not self._ahead.use(channel):
            await self._wait(workspace, channel)

    async def _wait(self, workspace: str, channel: str) -> None:
        """A turn in `channel` (one at a time a second), then in its workspace's budget."""
        if channel not in self._channels:
            _forget_idle(self._channels)
            self._channels[channel] = Bucket(self._rate(self.pace.per_channel), clock=self.clock)
        await self._channels[channel].take()
        if workspace not in self._workspaces:
            rate = self._rate(self.pace.per_second)
            self._workspaces[workspace] = Bucket(rate, self.pace.burst, clock=self.clock)
        await self._workspaces[workspace].take()

    async def history(self, workspace: str) -> None:
        """Wait for a conversations.history call's turn in the workspace (Tier 3)."""
        if workspace not in self._history:
            rate = self._rate(self.pace.history_per_minute / 60)
            self._history[workspace] = Bucket(rate, self.pace.history_burst, clock=self.clock)
        await self._history[workspace].take()


# A REST path's major parameter: Discord keeps a route's buckets apart by channel, guild or webhook.
_MAJOR = re.compile(r"/(?:channels|guilds|webhooks)/(\d+)")
_ID = re.compile(r"/\d{6,}")
_API = re.compile(r"^.*?/api/v\d+(?=/)")
# Interaction answers and followups are bound by neither the global limit nor the bot's buckets.
_UNPACED = ("/interactions/", "/webhooks/")


class DiscordPacer:
    """Turns for every Discord REST request discord.py makes, taken in an aiohttp trace (`trace()`): first in
    the request's route bucket, then in the global budget; each answer's X-RateLimit-* headers update the
    route's bucket, which Discord names (X-RateLimit-Bucket) so that routes sharing one share it here."""

    def __init__(self, pace: DiscordPace, *, clock: Clock = time.monotonic) -> None:
        self.pace = pace
        self.clock = clock
        rate = pace.per_second * (1 - pace.margin)
        self.global_ = Bucket(rate, pace.burst, clock=clock)
        self._hashes: dict[str, str] = {}  # route → the bucket Discord named for it
        self._buckets: dict[tuple[str, str], RouteBucket] = {}
        self._ahead = Ahead(clock)

    @staticmethod
    def _route(method: str, path: str) -> str | None:
        """ "POST /channels/{id}/messages": the route of a REST path (None: not one the pacer paces)."""
        api = _API.match(path)
        if api is None or any(part in path for part in _UNPACED):
            return None
        return f"{method} {_ID.sub('/{id}', path[api.end() :])}"

    def _key(self, method: str, path: str) -> tuple[str, str] | None:
        route = self._route(method, path)
        if route is None:
            return None
        major = _MAJOR.search(path)
        return self._hashes.get(route, route), major.group(1) if major else ""

    async def turn(self, channel_id: int | str) -> None:
        """Wait for the turn of a message to the channel, and hold it for the channel's next post (see AHEAD)."""
        key = self._key("POST", f"/api/v10/channels/{channel_id}/messages")
        assert key is not None
        await self._bucket(key).take()
        await self.global_.take()
        self._ahead.hold(key)

    def _bucket(self, key: tuple[str, str]) -> RouteBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            _forget_idle(self._buckets)
            per = self.pace.route_window.total_seconds()
            bucket = RouteBucket(self.pace.route_limit, per, margin=self.pace.reset_margin, clock=self.clock)
            self._buckets[key] = bucket
        return bucket

    async def before(self, method: str, path: str) -> None:
        """Wait for a request's turn in its route's bucket, then in the global budget."""
        key = self._key(method, path)
        if key is None or self._ahead.use(key):
            return
        await self._bucket(key).take()
        await self.global_.take()

    def after(self, method: str, path: str, headers: Mapping[str, str]) -> None:
        """Learn the route's bucket from an answer's headers."""
        key = self._key(method, path)
        if key is None or "X-RateLimit-Remaining" not in headers:
            return
        named = headers.get("X-RateLimit-Bucket")
        route = self._route(method, path)
        if named is not None and route is not None:
            if self._hashes.get(route) != named:
                self._hashes[route] = named
                # The bucket counted so far under the route's name is the named one.
                if key in self._buckets:
                    self._buckets.setdefault((named, key[1]), self._buckets.pop(key))
            key = (named, key[1])
        self._bucket(key).learn(
            int(headers.get("X-RateLimit-Limit", self.pace.route_limit)),
            int(headers["X-RateLimit-Remaining"]),
            float(headers.get("X-RateLimit-Reset-After", 0)),
        )

    def trace(self) -> aiohttp.TraceConfig:
        """For discord.Client(http_trace=...): every request waits its turn before it is sent."""

        async def start(_session: aiohttp.ClientSession, _context: SimpleNamespace, params: Any) -> None:
            await self.before(params.method, params.url.path)

        async def end(_session: aiohttp.ClientSession, _context: SimpleNamespace, params: Any) -> None:
            self.after(params.method, params.url.path, params.response.headers)

        config = aiohttp.TraceConfig()
        config.on_request_start.append(start)
        config.on_request_end.append(end)
        return config
