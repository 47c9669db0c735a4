"""Schedules as APScheduler triggers: a channel's cron in its time zone and the windows it defines, and a
feed's poll intervals."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

from digests.config.models import Channel, Feed
from digests.config.values import check_cron, cron_fields, parse_timezone, restricts_both_days
from digests.polling import interval_of


def build(schedule: str, timezone: str) -> BaseTrigger:
    """A crontab expression (five fields, or six with seconds first) with crontab's meaning: 0 and 7 are
    Sunday, and when both day of month and day of week are given, either one matching fires it. Fire
    times follow the time zone across DST. Raises ValueError for what the scheduler cannot run."""
    fields = cron_fields(schedule)
    if restricts_both_days(schedule):
        return OrTrigger(
            [
                CronTrigger(**{**fields, "day_of_week": "*"}, timezone=timezone),
                CronTrigger(**{**fields, "day": "*"}, timezone=timezone),
            ]
        )
    return CronTrigger(**fields, timezone=timezone)


def trigger(channel: Channel) -> BaseTrigger:
    return build(channel.schedule, channel.timezone)


class PollTrigger(BaseTrigger):  # type: ignore[misc]  # apscheduler 3 ships no types
    """Fires once in each of a feed's poll intervals (`polling.interval_of`: the same on every replica), at
    its start plus a fresh random delay of up to `jitter` seconds. APScheduler's IntervalTrigger adds each
    jitter to the last (jittered) fire time, so its polls drift later, interval by interval, apart from
    other replicas' and from the intervals claimed."""

    def __init__(self, every: timedelta, jitter: float) -> None:
        self.every = every
        self.jitter = min(jitter, every.total_seconds() / 2)

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime:
        # The next interval's start: a fire time's jitter never carries it out of its own interval.
        _, following = interval_of(self.every, previous_fire_time or now)
        return following + timedelta(seconds=random.uniform(0, self.jitter))

    def __str__(self) -> str:
        return f"every {self.every} from the epoch, jitter {self.jitter:g} s"


def poll_trigger(feed: Feed) -> PollTrigger:
    seconds = feed.every.total_seconds()
    return PollTrigger(feed.every, jitter=min(30.0, seconds / 10))


def schedule_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The config check only the scheduler can make: every channel's schedule built as it will run, and
    whether it fires at all (`0 8 31 2 *` never does). Schedules the config check already refused are left
    to its message."""
    problems: list[tuple[str, str]] = []
    channels = data.get("channels")
    for i, channel in enumerate(channels if isinstance(channels, list) else []):
        if not isinstance(channel, Mapping) or not isinstance(channel.get("schedule"), str):
            continue
        schedule, zone = channel["schedule"], channel.get("timezone", "UTC")
        try:
            check_cron(schedule)
        except ValueError:
            continue
        try:
            parse_timezone(zone)
        except (ValueError, TypeError):
            zone = "UTC"
        try:
            cron = build(schedule, zone)
        except ValueError as exc:
            problems.append((f"channels[{i}].schedule", f"not a schedule the scheduler can run: {exc}"))
            continue
        if cron.get_next_fire_time(None, datetime.now(UTC)) is None:
            problems.append((f"channels[{i}].schedule", f"{schedule!r} never fires"))
    return problems


def window_key(fire_time: datetime) -> str:
    """A scheduled digest's window is the moment it was due, in UTC: the same on every replica and restart."""
    return fire_time.astimezone(UTC).isoformat(timespec="seconds")


def next_fire(channel: Channel, after: datetime) -> datetime | None:
    moment: datetime | None = trigger(channel).get_next_fire_time(None, after)
    return moment


def last_fire(channel: Channel, now: datetime, lookback: timedelta) -> datetime | None:
    """The latest due time in (now - lookback, now]: the one missed digest worth sending after downtime."""
    cron = trigger(channel)
    moment = cron.get_next_fire_time(None, now - lookback)
    latest = None
    while moment is not None and moment <= now:
        latest = moment
        moment = cron.get_next_fire_time(moment, moment + timedelta(microseconds=1))
    return latest
