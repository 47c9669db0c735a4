"""Digest schedules keep crontab's meaning, and `config check` refuses what the scheduler could not run; feed
polls keep to their intervals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.schedule import poll_trigger, trigger
from digests.config import parse_config
from digests.polling import interval_of

# A Sunday.
SUNDAY = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)


def fires(schedule: str, count: int = 7, timezone: str = "UTC") -> list[str]:
    """The next `count` fire times after SUNDAY, as `Mon 02 08:00` in the channel's time zone."""
    config = parse_config(
        f'topics: {{g: {{match: [G]}}}}\nchannels: [{{name: c, platform: console, topics: [g], schedule: "{schedule}", timezone: {timezone}}}]',
        env={},
    )
    cron = trigger(config.channels[0])
    moments: list[str] = []
    moment = cron.get_next_fire_time(None, SUNDAY)
    while moment is not None and len(moments) < count:
        moments.append(moment.strftime("%a %d %H:%M"))
        moment = cron.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return moments


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        # Weekdays are Monday to Friday, not Tuesday to Saturday.
        ("0 8 * * 1-5", ["Mon 02 08:00", "Tue 03 08:00", "Wed 04 08:00", "Thu 05 08:00", "Fri 06 08:00"]),
        ("0 8 * * mon-fri", ["Mon 02 08:00", "Tue 03 08:00", "Wed 04 08:00", "Thu 05 08:00", "Fri 06 08:00"]),
        # 0 and 7 are both Sunday.
        ("0 8 * * 0", ["Sun 01 08:00", "Sun 08 08:00"]),
        ("0 8 * * 7", ["Sun 01 08:00", "Sun 08 08:00"]),
        ("0 8 * * sun", ["Sun 01 08:00", "Sun 08 08:00"]),
        ("0 8 * * 5-7", ["Sun 01 08:00", "Fri 06 08:00", "Sat 07 08:00", "Sun 08 08:00"]),
        ("0 8 * * sun-sat", ["Sun 01 08:00", "Mon 02 08:00", "Tue 03 08:00", "Wed 04 08:00", "Thu 05 08:00"]),
        ("0 8 * * */2", ["Sun 01 08:00", "Tue 03 08:00", "Thu 05 08:00", "Sat 07 08:00", "Sun 08 08:00"]),
        ("0 8 * * 1,3", ["Mon 02 08:00", "Wed 04 08:00", "Mon 09 08:00"]),
        # Six fields: seconds first; the day of week means the same.
        ("30 0 8 * * 6", ["Sat 07 08:00", "Sat 14 08:00"]),
        # Day of month and day of week both given: either one fires it, as in crontab.
        ("0 8 3 * mon", ["Mon 02 08:00", "Tue 03 08:00", "Mon 09 08:00"]),
    ],
)
def test_weekdays_keep_their_crontab_meaning(schedule: str, expected: list[str]) -> None:
    assert fires(schedule, len(expected)) == expected


def test_a_weekday_schedule_follows_the_channel_time_zone() -> None:
    # 08:00 in Kyiv on a Monday is 06:00 UTC on Monday, not Sunday's or Tuesday's.
    assert fires("0 8 * * 1", 1, "Europe/Kyiv") == ["Mon 02 08:00"]


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], schedule: str) -> tuple[int, list[str], str]:
    path = tmp_path / "sitrep.yaml"
    path.write_text(
        f'topics: {{g: {{match: [G]}}}}\nchannels: [{{name: c, platform: console, topics: [g], schedule: "{schedule}"}}]\n'
    )
    code = main(["config", "check", str(path)])
    out, err = capsys.readouterr()
    return code, err.splitlines()[1:], out


@pytest.mark.parametrize(
    ("schedule", "problem"),
    [
        (
            "*/100 * * * *",
            "channels[0].schedule: not a schedule the scheduler can run: Error validating expression '*/100': "
            "the step value (100) is higher than the total range of the expression (59)",
        ),
        ("0 8 31 2 *", "channels[0].schedule: '0 8 31 2 *' never fires"),
    ],
)
def test_config_check_refuses_what_the_scheduler_cannot_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schedule: str, problem: str
) -> None:
    code, problems, _ = check(tmp_path, capsys, schedule)
    assert (code, problems) == (1, [f"  {problem}"])


def test_config_check_accepts_sunday_as_7(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, problems, out = check(tmp_path, capsys, "0 8 * * 7")
    assert (code, problems) == (0, [])
    assert out.endswith(": ok — 0 feed(s), 1 topic(s), 1 channel(s)\n")


def test_a_feeds_polls_fire_once_in_each_of_its_intervals_without_drifting() -> None:
    """Each fire is its interval's start plus a fresh jitter, so a thousand polls later they still fall in the
    intervals every replica claims (APScheduler's IntervalTrigger would have drifted by ~500 jitters/2)."""
    config = parse_config('feeds: [{name: wire, url: "https://wire.example/rss", every: 2s}]', env={})
    poll = poll_trigger(config.feeds[0])
    started = datetime(2026, 3, 1, 12, 0, 0, 700_000, tzinfo=UTC)  # mid-interval, as a replica starts
    moment = started
    fires = []
    for _ in range(1000):
        moment = poll.get_next_fire_time(moment, moment)
        fires.append(moment)
    starts = [interval_of(timedelta(seconds=2), f)[0] for f in fires]
    assert starts == [datetime(2026, 3, 1, 12, 0, 2, tzinfo=UTC) + timedelta(seconds=2 * i) for i in range(1000)]
    offsets = [(f - s).total_seconds() for f, s in zip(fires, starts, strict=True)]
    assert min(offsets) >= 0 and max(offsets) <= 0.2  # a tenth of the interval at most
