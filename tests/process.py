"""Starting the real `sitrep` command in tests, as a user runs it: this Python, the repo's code, its own env."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping
from typing import IO, Any

from tests.conftest import REPO

# `python -m bot.cli` rather than the console script, so the test runs the code of the checkout it sits in.
SITREP = (sys.executable, "-m", "bot.cli")


async def start_sitrep(
    *args: str, env: Mapping[str, str], stdout: IO[Any] | int | None = None, stderr: IO[Any] | int | None = None
) -> asyncio.subprocess.Process:
    """`sitrep ARGS…` as a child process of the test's event loop, from the repo folder."""
    return await asyncio.create_subprocess_exec(*SITREP, *args, cwd=REPO, env=dict(env), stdout=stdout, stderr=stderr)
