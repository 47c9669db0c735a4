"""Reading command arguments: Slack's free text into named options, and `since` into a moment."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.commands.spec import BY_NAME
from digests.config.values import parse_duration

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$")
DEFAULT_SINCE = timedelta(days=7)


def parse_since(text: str | None, now: datetime) -> datetime:
    """`24h`, `7d` or a date (`2024-11-01`, read as UTC midnight); no text means the last 7 days."""
    if not text:
        return now - DEFAULT_SINCE
    text = text.strip()
    try:
        if _DATE.match(text):
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return now - parse_duration(text)
    except (ValueError, OverflowError):
        # 2024-13-45 and 99999999d alike: say what a time looks like.
        raise ValueError(f"`{text}` is not a time: use 24h, 7d or a date such as 2024-11-01") from None


def looks_like_since(token: str) -> bool:
    if _DATE.match(token):
        return True
    try:
        parse_duration(token)
    except ValueError:
        return False
    return True


def options_from_text(command: str, text: str) -> dict[str, str]:
    """Slack passes one string: `/casualties north korea 7d` → {"about": "north korea", "since": "7d"}."""
    tokens = text.split()
    names = [o.name for o in BY_NAME[command].options]
    options: dict[str, str] = {}
    # `chart` at the end, before or after the time: `/casualties gaza chart 30d`, `/casualties gaza 30d chart`.
    if "view" in names and tokens and tokens[-1].lower() == "chart":
        options["view"] = tokens.pop().lower()
    if "since" in names and tokens and looks_like_since(tokens[-1]):
        options["since"] = tokens.pop()
    if "view" in names and "view" not in options and tokens and tokens[-1].lower() == "chart":
        options["view"] = tokens.pop().lower()
    if "action" in names and tokens and tokens[-1].lower() in ("post", "why"):
        options["action"] = tokens.pop().lower()
    rest = " ".join(tokens)
    first = next((n for n in names if n not in ("since", "action", "view")), None)
    if rest and first:
        options[first] = rest
    return options
