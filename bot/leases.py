"""Keeping a claim while the work it covers runs: a feed poll or a post can outlast a lease (a slow site, a
rate-limited platform), so the claim is renewed in the background, off the event loop, until the work ends."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.runtime import Runtime
from digests.store.db import Store

log = logging.getLogger("sitrep.leases")
T = TypeVar("T")


async def promptly(store: Store, work: Callable[[Session], T]) -> T:
    """`work(session)` on a claim, in a transaction of its own in the store's pool for quick calls: a claim or
    its renewal is a query or two and must not queue behind digest builds in the store's workers, nor (as in
    the loop's default executor) behind a feed's parsing and a chart's drawing."""
    return await store.call(work, quick=True)


@contextlib.asynccontextmanager
async def kept(rt: Runtime, renew: Callable[[Session], bool]) -> AsyncIterator[asyncio.Event]:
    """Call `renew` (in a transaction of its own) every third of a lease while the block runs; the event is
    set once it returns False: the claim is someone else's now.

    Each renewal runs `promptly`: the loop keeps answering while it waits on the database. One that fails (the
    database away a moment) is tried again a third of a lease later; if the claim ran out meanwhile, that
    renewal says so."""
    lost = asyncio.Event()
    # The renewal under way: its thread runs on when the block ends, so the block's end waits for it; else
    # a late renewal could write its expiry over the one the caller sets next (a feed's claim held on into
    # the intervals after its poll, and nobody fetching them).
    underway: asyncio.Future[bool] | None = None

    async def renewing() -> None:
        nonlocal underway
        while True:
            await asyncio.sleep(rt.lease.total_seconds() / 3)
            underway = asyncio.ensure_future(promptly(rt.store, renew))
            try:
                held = await asyncio.shield(underway)
            except (SQLAlchemyError, OSError) as exc:
                log.warning("could not renew a claim: %s", exc)
                continue
            if not held:
                lost.set()
                return

    task = asyncio.get_running_loop().create_task(renewing())
    try:
        yield lost
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if underway is not None:
            with contextlib.suppress(SQLAlchemyError, OSError):
                await underway
