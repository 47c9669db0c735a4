"""Loading the config for the runtime: the core's validation plus the checks only the runtime can make."""

from __future__ import annotations

from pathlib import Path

from bot.schedule import schedule_problems
from digests.config import Config, load_config
from digests.config.load import Check

# Run with every load, so `config check`, a start and a reload refuse the same files.
RUNTIME_CHECKS: tuple[Check, ...] = (schedule_problems,)


def load(path: str | Path | None) -> Config:
    return load_config(path, checks=RUNTIME_CHECKS)
