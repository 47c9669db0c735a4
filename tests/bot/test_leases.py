"""A claim kept while its work runs: renewed a third of a lease apart, off the event loop, until the work ends."""

from __future__ import annotations

import asyncio
import threading
import time

from sqlalchemy.orm import Session

from bot.leases import kept
from bot.runtime import Runtime
from digests.config import parse_config
from digests.store.db import Store


async def test_a_renewal_runs_in_a_thread_while_the_loop_keeps_answering(sqlite_store: Store) -> None:
    rt = Runtime(parse_config("replica: {lease: 1s}", env={}), sqlite_store)
    waiting, answered = threading.Event(), threading.Event()
    renewals: list[tuple[str, bool]] = []

    def renew(session: Session) -> bool:
        # A database slow to answer: this renewal waits until the event loop has done something else.
        waiting.set()
        renewals.append((threading.current_thread().name, answered.wait(timeout=5)))
        return True

    async with kept(rt, renew) as lost:
        while not waiting.is_set():
            await asyncio.sleep(0.01)
        answered.set()  # only possible while the loop is free: had the renewal held it, the wait ran out
        while not renewals:
            await asyncio.sleep(0.01)
    assert [answered_in_time for _, answered_in_time in renewals] == [True]
    assert renewals[0][0] != threading.main_thread().name
    assert not lost.is_set()


async def test_a_renewal_that_finds_the_claim_gone_says_so_and_stops(sqlite_store: Store) -> None:
    rt = Runtime(parse_config("replica: {lease: 1s}", env={}), sqlite_store)
    answers = iter([True, False])
    calls = []

    def renew(session: Session) -> bool:
        calls.append(time.monotonic())
        return next(answers)

    async with kept(rt, renew) as lost:
        await asyncio.wait_for(lost.wait(), timeout=3)
        await asyncio.sleep(0.5)
    assert len(calls) == 2  # none after the claim was lost


async def test_the_block_ends_only_after_a_renewal_under_way_has_ended(sqlite_store: Store) -> None:
    """A renewal's thread runs on when the block ends: were the block left at once, the renewal could write
    its expiry after the one the caller sets next (a feed's claim, ended at its interval's end, held on)."""
    rt = Runtime(parse_config("replica: {lease: 1s}", env={}), sqlite_store)
    underway, release = threading.Event(), threading.Event()
    ended: list[float] = []

    def renew(session: Session) -> bool:
        underway.set()
        release.wait(timeout=5)
        ended.append(time.monotonic())
        return True

    async with kept(rt, renew):
        while not underway.is_set():
            await asyncio.sleep(0.01)
        asyncio.get_running_loop().call_later(0.3, release.set)
    left = time.monotonic()
    assert len(ended) == 1 and ended[0] <= left
