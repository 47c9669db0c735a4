"""The Jinja2 environment: a user's templates folder over the bundled one, with sitrep's filters."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from digests.render import amounts, escape


def bundled_templates() -> Path:
    """The templates that ship inside the package (`digests/render/templates/`), so a wheel finds them too."""
    return Path(__file__).resolve().parent / "templates"


def when(value: datetime | None) -> str:
    """Day, time and zone, e.g. "5 Nov 2024 08:00 UTC"; a naive time is taken to be UTC, as the store
    keeps it."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return f"{value.day} {value:%b %Y %H:%M} {value.tzname()}"


def day(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def wrap(text: str, width: int = 88, indent: str = "", subsequent: str | None = None) -> str:
    """Wrap for a terminal with a hanging indent; URLs and long names are never broken."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


FILTERS: dict[str, Any] = {
    "amount": amounts.claim_amount,
    "claimant": amounts.claimant,
    "moved": amounts.moved,
    "when": when,
    "day": day,
    "count": count,
    "wrap": wrap,
    "plain": escape.plain,
    "clip": escape.clip,
    "slack_escape": escape.slack_escape,
    "slack_link": escape.slack_link,
    "discord_escape": escape.discord_escape,
    "discord_link": escape.discord_link,
}


@lru_cache(maxsize=32)
def _environment(folder: Path | None) -> Environment:
    loaders = [FileSystemLoader(folder)] if folder is not None else []
    loaders.append(FileSystemLoader(bundled_templates()))
    env = Environment(
        loader=ChoiceLoader(loaders),
        # None of the outputs is HTML: each filter above escapes for its own platform, explicitly.
        autoescape=False,
        # A typo in a user's template should fail loudly at render time, not post a blank.
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


def environment(templates: Path | None = None) -> Environment:
    """The environment for a templates folder (None: the bundled templates only), made once per folder."""
    if templates is None:
        return _environment(None)
    folder = Path(templates).expanduser().resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"templates folder not found: {folder}")
    return _environment(folder)


def piece(env: Environment, name: str, **context: Any) -> str:
    """One rendered template, without the blank lines and trailing spaces templates tend to leave."""
    text = env.get_template(name).render(**context)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")
