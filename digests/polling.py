"""When to fetch a feed next: once per interval of its polls (the same intervals on every replica),
exponential backoff after failures (never sooner than Retry-After), pause after too many in a row, resume
when a probe succeeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from digests.store.schema import Source

# A failing feed is retried at most this far apart; a paused one is probed at this pace.
MAX_BACKOFF = timedelta(hours=1)
# A feed's poll intervals are counted from here, like cron's: a 10 min feed's begin at :00, :10, :20…
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def interval_of(every: timedelta, moment: datetime) -> tuple[datetime, datetime]:
    """The interval of a feed's polls that `moment` falls in, its start and end. Every replica's scheduler
    fires at interval starts and the first to claim the interval fetches the feed: once per interval."""
    start = EPOCH + every * ((moment - EPOCH) // every)
    return start, start + every


def backoff(every: timedelta, failures: int) -> timedelta:
    """every, 2×every, 4×every… after 1, 2, 3… failures in a row, capped (but never below `every`)."""
    if failures <= 0:
        return every
    grown: timedelta = every * 2 ** (failures - 1)
    return max(every, min(grown, MAX_BACKOFF))


@dataclass(frozen=True)
class Transition:
    source: str
    change: str  # "paused" | "resumed"
    reason: str | None
    failures: int


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def after_poll(session: Session, name: str, *, every: timedelta, pause_after: int, now: datetime) -> Transition | None:
    """Update a source after a poll: set when it may be fetched next, pause or resume it.
    Returns the change an admin should hear about, once."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        return None
    if source.status == "error":
        due = now + backoff(every, source.failures)
        retry_after = _aware(source.next_fetch_at)
        source.next_fetch_at = max(due, retry_after) if retry_after and retry_after > now else due
        if source.failures >= pause_after and source.paused_at is None:
            source.paused_at = now
            return Transition(name, "paused", source.error, source.failures)
        return None
    source.next_fetch_at = None
    if source.paused_at is not None:
        source.paused_at = None
        return Transition(name, "resumed", None, 0)
    return None


def resume_all(session: Session) -> list[str]:
    """An admin's reload gives every paused or backing-off feed a fresh start."""
    names = []
    for source in session.scalars(select(Source).where(Source.paused_at.is_not(None))):
        source.paused_at = None
        source.next_fetch_at = None
        names.append(source.name)
    return names


def next_poll(every: timedelta, last_attempt: datetime | None, due: datetime | None, now: datetime) -> datetime:
    """When the scheduler will fetch a feed next: at the start of the interval after the last attempt's, or, when
    a backoff or a Retry-After says `due`, of the first interval starting at or after it (a poll before `due` is
    skipped). Never before now: a poll that is late (or a feed never tried) is fetched as soon as the service runs."""
    if last_attempt is None:
        return max(due, now) if due is not None else now
    _, following = interval_of(every, last_attempt)
    if due is not None and due > following:
        start, end = interval_of(every, due)
        following = due if start == due else end
    return max(following, now)


def due_at(session: Session, name: str) -> datetime | None:
    """When the source may next be fetched; None for now (or a source not seen yet)."""
    return _aware(session.scalar(select(Source.next_fetch_at).where(Source.name == name)))
