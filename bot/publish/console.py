"""The console publisher: prints text digests to standard output — the embedded default, no tokens needed."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from digests.config.models import Channel


class ConsolePublisher:
    platform = "console"
    format = "text"
    charts = False  # a terminal shows no pictures: `sitrep chart` writes them to a file

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    async def turn(self, channel: Channel) -> None:
        return None  # a terminal has no rate limits

    async def send(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        stream = self._stream or sys.stdout
        stream.write(f"── #{channel.name} ──\n{part['text'].rstrip()}\n\n")
        stream.flush()
        return key

    async def resend(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        # A terminal keeps no history to look in: print it again, marked, so a reader can tell.
        stream = self._stream or sys.stdout
        stream.write(f"── #{channel.name} (resent after a restart: {key}) ──\n{part['text'].rstrip()}\n\n")
        stream.flush()
        return key
