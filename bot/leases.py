"""Keeping a claim while the work it covers runs: a feed poll or a post can outlast a lease (a slow site, a
rate-limited platform), so the claim is renewed in the background until the work ends."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable

from sqlalchemy.orm import Session

from bot.runtime import Runtime


@contextlib.asynccontextmanager
async def kept(rt: Runtime, renew: Callable[[Session], bool]) -> AsyncIterator[asyncio.Event]:
    """Call `renew` (in a transaction of its own) every third of a lease while the block runs; the event is
    set once it returns False: the claim is someone else's now."""
    lost = asyncio.Event()

    async def renewing() -> None:
        while True:
            await asyncio.sleep(rt.lease.total_seconds() / 3)
            # Off the loop, and never behind digest builds: a renewal that waited would let the claim run out.
            if not await rt.store.call(renew, quick=True):
                lost.set()
                return

    task = asyncio.get_running_loop().create_task(renewing())
    try:
        yield lost
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
