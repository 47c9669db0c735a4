"""Loading the config for the runtime: the core's validation plus the checks only the runtime can make."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from digests.config import Config, load_config
from digests.config.load import Check


def _schedule_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Schedules checked by the scheduler's own triggers. APScheduler is imported only when there are
    channels to check, so that `sitrep extract` and commands on a config without channels stay light."""
    if not data.get("channels"):
        return []
    from bot.schedule import schedule_problems

    return schedule_problems(data)


# Run with every load, so `config check`, a start and a reload refuse the same files.
RUNTIME_CHECKS: tuple[Check, ...] = (_schedule_problems,)


def load(path: str | Path | None) -> Config:
    return load_config(path, checks=RUNTIME_CHECKS)
