"""Rate limits as the platforms enforce them, for the stand-ins: token buckets (Slack's per-channel and workspace
budgets, Discord's global 50/s) and fixed windows (Discord's per-route buckets), each counted where a request
arrives, so that a bot which does not pace itself meets 429s in tests as it would in production."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """`burst` tokens, refilled at `rate` a second; a request takes one or is refused."""

    rate: float
    burst: float
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    stamp: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.stamp = self.clock()

    def _refill(self) -> float:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return now

    def wait(self) -> float:
        """Seconds until a token is there (0: one is there now); takes nothing."""
        self._refill()
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self._refill()
        self.tokens -= 1


@dataclass
class Window:
    """Discord's per-route bucket: `limit` requests in a window of `per` seconds that starts with the first
    request after the last window ended."""

    limit: int
    per: float
    clock: Callable[[], float] = time.monotonic
    used: int = 0
    ends: float = 0.0

    def _roll(self) -> float:
        now = self.clock()
        if now >= self.ends:
            self.used, self.ends = 0, now + self.per
        return now

    def wait(self) -> float:
        """Seconds until the window lets a request through (0: now); takes nothing."""
        now = self._roll()
        return 0.0 if self.used < self.limit else self.ends - now

    def take(self) -> None:
        self._roll()
        self.used += 1

    def headers(self, bucket: str) -> dict[str, str]:
        """The X-RateLimit-* headers Discord sends with an answer on this route."""
        now = self._roll() if self.used == 0 else self.clock()
        reset_after = max(0.0, self.ends - now)
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - self.used)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket,
        }
