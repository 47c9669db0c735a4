"""What bench/replica_test.py counts from a run's timeline: per feed and poll interval, how often it was fetched
and why an interval went unfetched; per killed replica's claim, how soon another replica took the work over.
Times are Unix seconds (the feed server's, the database's and the replicas' clocks are one machine's)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# A replica's scheduler fires up to a tenth of an interval after its start, and the fetch reaches the server
# a moment later: a replica running from an interval's start until this share of it has fetched in it.
TICK_SHARE = 0.25


@dataclass
class Life:
    """One run of one replica: started, said it runs ("sitrep running": its start-up resumes are done, its
    jobs scheduled), ended (killed or stopped). None: not (yet)."""

    replica: int
    pid: int
    started: float
    ready: float | None = None
    ended: float | None = None
    log_from: int = 0  # where the run's lines begin in its replica's log

    def serving(self, moment: float) -> bool:
        return self.ready is not None and self.ready <= moment and (self.ended is None or self.ended > moment)


@dataclass(frozen=True)
class DeadClaim:
    """A claim a killed replica held: a lease key ("feed:alpha") or a delivery ("delivery:12"), until when."""

    key: str
    pid: int
    killed: float
    expires: float


@dataclass(frozen=True)
class Intervals:
    """One feed's poll intervals within the measured span."""

    total: int
    once: int
    twice: int  # two fetches or more in one interval: a replica fetched what another held
    idle: int  # no replica running through the interval's first fires
    held_by_dead: int  # a killed replica's claim still held it when the interval's fires came
    slow: int  # a replica was still ingesting an earlier interval's fetch (holding its claim) when they came
    missed: int  # none of those, yet not fetched

    def row(self) -> str:
        none = self.idle + self.held_by_dead + self.slow + self.missed
        return (
            f"{self.total} intervals: once {self.once}, twice or more {self.twice}, none {none} (no replica "
            f"running {self.idle}, a killed replica's claim {self.held_by_dead}, an earlier poll still ingesting "
            f"{self.slow}, otherwise {self.missed})"
        )


@dataclass(frozen=True)
class Poll:
    """A poll of a feed as a replica run logged it: the start of the interval it claimed, when it ended."""

    claimed: float
    ended: float


@dataclass(frozen=True)
class Fetch:
    """A fetch the feed server saw, with the interval it belongs to and the end of its poll (the run's end
    for a poll killed before it logged)."""

    at: float
    interval: float
    ended: float


def attribute(fetches: Sequence[float], polls: Sequence[Poll], every: float, until: float) -> list[Fetch]:
    """One replica run's fetches of one feed, each with its poll: the n-th poll to end made the earliest fetch not
    yet taken (a run's polls of a feed never overlap). A fetch belongs to the interval its poll claimed, though
    it may reach the feed later (a replica stalled); one with no poll logged (killed mid-poll) to the interval
    it reached the feed in."""
    pending = sorted(fetches)
    out = []
    for poll in sorted(polls, key=lambda p: p.ended):
        made = next((f for f in pending if f <= poll.ended), None)
        if made is not None:
            pending.remove(made)
            out.append(Fetch(made, poll.claimed, poll.ended))
    return out + [Fetch(f, math.floor(f / every) * every, until) for f in pending]


def intervals(
    fetches: Sequence[Fetch],
    every: float,
    start: float,
    end: float,
    lives: Sequence[Life],
    dead: Sequence[DeadClaim],
) -> Intervals:
    """Count the feed's fetches in each whole interval [k·every, (k+1)·every) between `start` and `end` (the
    replicas' intervals: counted from the epoch), by the interval each fetch's poll claimed; `dead`: the killed
    replicas' claims on this feed."""
    first, last = math.ceil(start / every), math.floor(end / every)
    per = Counter(round(f.interval / every) for f in fetches)
    once = twice = idle = held = slow = missed = 0
    for k in range(first, last):
        begins = k * every
        n = per.get(k, 0)
        if n == 1:
            once += 1
        elif n > 1:
            twice += 1
        elif not any(life.serving(begins) and life.serving(begins + TICK_SHARE * every) for life in lives):
            idle += 1
        elif any(c.killed < begins + every and c.expires > begins for c in dead):
            held += 1
        elif any(f.interval < begins < f.ended for f in fetches):
            slow += 1
        else:
            missed += 1
    return Intervals(last - first, once, twice, idle, held, slow, missed)


def ready_after(moment: float, lives: Sequence[Life], but: int) -> float | None:
    """The first time at or after `moment` that a replica other than pid `but` was running and ready."""
    times = []
    for life in lives:
        if life.pid == but or life.ready is None:
            continue
        at = max(moment, life.ready)
        if life.ended is None or life.ended > at:
            times.append(at)
    return min(times, default=None)


def takeover(claim: DeadClaim, taken: float | None, lives: Sequence[Life]) -> float | None:
    """Seconds from when another replica could take the claim's work over (the claim ran out and one was
    running and ready) until one did; None when none did. With no `lives`, from the claim's end alone. A
    replica starting up resumes deliveries before it says it is ready: such a takeover counts as 0."""
    if taken is None:
        return None
    could = ready_after(claim.expires, lives, claim.pid) if lives else claim.expires
    return max(0.0, taken - could) if could is not None else 0.0


def since_expiry(claim: DeadClaim, taken: float | None) -> float | None:
    """Seconds from the claim's end until another replica took its work over; None when none did."""
    return None if taken is None else taken - claim.expires


def feed_takeovers(fetches: Sequence[float], dead: Sequence[DeadClaim], lives: Sequence[Life]) -> list[float | None]:
    """For each killed replica's claim on a feed, how soon after it could the feed was fetched again."""
    return [takeover(c, min((t for t in fetches if t >= c.killed), default=None), lives) for c in dead]
