"""Parsers for the small value languages a config uses: durations, cron expressions and time zones."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# "15m", "1h30m", "7d", "90s", "2w": one or more number+unit pairs, nothing else.
_DURATION = re.compile(r"^\s*(?:(\d+)\s*([smhdw])\s*)+$")
_DURATION_PART = re.compile(r"(\d+)\s*([smhdw])")
# Anything longer is a typo, and timedelta and datetime arithmetic overflow not far beyond it.
MAX_DURATION = timedelta(days=100 * 365)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """`15m` → 15 minutes. Raises ValueError naming the accepted form."""
    if not isinstance(text, str) or not _DURATION.match(text):
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h, 1h30m, 7d)")
    seconds = sum(int(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(text))
    if seconds <= 0:
        raise ValueError(f"duration must be positive: {text!r}")
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"duration too long: {text!r} (at most {MAX_DURATION.days // 365} years)")
    return timedelta(seconds=seconds)


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {name!r} (use an IANA name such as Europe/Kyiv or UTC)") from exc


# A database URL's dialect and optional driver; sitrep runs on SQLite and on PostgreSQL through psycopg 3.
_DATABASE = re.compile(r"^(?P<dialect>[A-Za-z0-9]+)(?:\+(?P<driver>\w+))?://")
_DRIVERS = {"sqlite": ("pysqlite",), "postgresql": ("psycopg",), "postgres": ("psycopg",)}
_DATABASE_FORMS = "use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME"
# A URL scheme, as opposed to a local path (which may hold ":" but not "://" after letters alone).
URL_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")
FEED_SCHEMES = ("http", "https", "file")


def check_database_url(url: str) -> str:
    """A database URL sitrep can open: SQLite, or PostgreSQL with the psycopg 3 driver (or none named)."""
    match = _DATABASE.match(url) if isinstance(url, str) else None
    if match is None:
        raise ValueError(f"not a database URL: {url!r} ({_DATABASE_FORMS})")
    dialect, driver = match.group("dialect").lower(), match.group("driver")
    if dialect not in _DRIVERS:
        raise ValueError(f"unsupported database {dialect!r}: sitrep runs on SQLite and PostgreSQL ({_DATABASE_FORMS})")
    if driver is not None and driver.lower() not in _DRIVERS[dialect]:
        raise ValueError(
            f"unsupported driver {driver!r} for {dialect}: sitrep uses {_DRIVERS[dialect][0]} ({_DATABASE_FORMS})"
        )
    return url


def check_feed_url(url: str) -> str:
    """A feed is a web address or a local path; any other scheme (`htps://`, `ftp://`) is a mistake."""
    match = URL_SCHEME.match(url)
    if match is not None and match.group("scheme").lower() not in FEED_SCHEMES:
        raise ValueError(
            f"unsupported scheme {match.group('scheme')!r} in {url!r}: use http://, https:// or a local path"
        )
    return url


_MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
_DAYS = {d: i for i, d in enumerate(_DAY_NAMES)}
_NAME = re.compile(r"[a-z]+", re.IGNORECASE)
# (name, lowest, highest, names) for the five standard crontab fields; day-of-week 7 is Sunday too.
_SECOND: tuple[str, int, int, dict[str, int]] = ("second", 0, 59, {})
_CRON_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
)


def _cron_value(token: str, low: int, high: int, names: dict[str, int], field: str) -> int:
    value = names.get(token.lower()) if not token.isdigit() else int(token)
    if value is None or not low <= value <= high:
        raise ValueError(f"not a cron expression: {field} {token!r} is out of range {low}-{high}")
    return value


def check_cron(expression: str) -> str:
    """Validate a crontab expression: the standard five fields, or six with seconds first."""
    if not isinstance(expression, str):
        raise ValueError("not a cron expression: expected a string such as '0 8,18 * * *'")
    fields = expression.split()
    if len(fields) not in (5, 6):
        raise ValueError(
            f"not a cron expression: {expression!r} has {len(fields)} fields, expected 5 "
            "(minute hour day-of-month month day-of-week)"
        )
    specs = _CRON_FIELDS if len(fields) == 5 else (_SECOND, *_CRON_FIELDS)
    for text, (field, low, high, names) in zip(fields, specs, strict=True):
        for part in text.split(","):
            base, _, step = part.partition("/")
            if step and (not step.isdigit() or int(step) == 0):
                raise ValueError(f"not a cron expression: bad step {step!r} in {field}")
            if base == "*":
                continue
            start, dash, end = base.partition("-")
            if not start:
                raise ValueError(f"not a cron expression: empty {field} in {expression!r}")
            first = _cron_value(start, low, high, names, field)
            if dash:
                last = _cron_value(end, low, high, names, field)
                if last < first:
                    raise ValueError(f"not a cron expression: {field} range {base!r} runs backwards")
    return expression


def _expand_days(text: str) -> set[int]:
    """A checked crontab day-of-week field as the days it names, Sunday = 0 (7 is Sunday too)."""
    days: set[int] = set()
    for part in text.split(","):
        base, _, step = part.partition("/")
        if base == "*":
            first, last = 0, 7
        else:
            start, dash, end = base.partition("-")
            first = _cron_value(start, 0, 7, _DAYS, "day of week")
            # `5/2` runs from 5 to the end of the week, as `5-7/2` does.
            last = _cron_value(end, 0, 7, _DAYS, "day of week") if dash else (7 if step else first)
        days.update(day % 7 for day in range(first, last + 1, int(step) if step else 1))
    return days


def cron_fields(expression: str) -> dict[str, str]:
    """A crontab expression as the keyword fields of a cron trigger, keeping crontab's meaning where
    APScheduler's differs: its day of week counts 0 as Monday and knows no 7, so the days are spelled out
    by name (`1-5` → `mon,tue,wed,thu,fri`); month names become numbers, so ranges and steps work with them.
    Five fields, or six with seconds first."""
    check_cron(expression)
    fields = expression.split()
    if len(fields) == 5:
        fields = ["0", *fields]
    second, minute, hour, day, month, day_of_week = fields
    days = _expand_days(day_of_week)
    return {
        "second": second,
        "minute": minute,
        "hour": hour,
        "day": day,
        "month": _NAME.sub(lambda m: str(_MONTHS[m.group(0).lower()]), month),
        # Monday first, as APScheduler counts; by name, which means the same day to both.
        "day_of_week": "*"
        if len(days) == 7
        else ",".join(_DAY_NAMES[d] for d in sorted(days, key=lambda d: (d + 6) % 7)),
    }


def restricts_both_days(expression: str) -> bool:
    """Crontab fires when day of month OR day of week matches if both are restricted (neither starts with
    `*`); APScheduler wants both to match."""
    fields = expression.split()
    return not fields[-3].startswith("*") and not fields[-1].startswith("*")
