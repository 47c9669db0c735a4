"""Digest schedules: a channel's cron in its time zone as an APScheduler trigger, and the windows it defines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from digests.config.models import Channel


def trigger(channel: Channel) -> CronTrigger:
    """Five crontab fields, or six with seconds first; fire times follow the channel's time zone across DST."""
    fields = channel.schedule.split()
    if len(fields) == 5:
        return CronTrigger.from_crontab(channel.schedule, timezone=channel.timezone)
    second, minute, hour, day, month, day_of_week = fields
    return CronTrigger(
        second=second,
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=day_of_week,
        timezone=channel.timezone,
    )


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
