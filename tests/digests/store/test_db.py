"""Store.call: store work in a worker thread, one transaction, while the event loop keeps running."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from digests.store.db import WORKERS, Store
from digests.store.schema import Source
from tests.factories import NOW


async def test_work_runs_in_a_store_thread_while_the_loop_keeps_running(store: Store) -> None:
    loop_ran = threading.Event()

    def work(session: Session) -> str:
        # Only the event loop sets the event: had this run on the loop, it would wait in vain.
        assert loop_ran.wait(timeout=10)
        session.add(Source(name="bbc", url="https://bbc.example/feed.xml", failures=0, gone=False, created_at=NOW))
        return threading.current_thread().name

    pending = asyncio.ensure_future(store.call(work))
    await asyncio.sleep(0)
    loop_ran.set()
    thread = await pending

    assert thread.startswith("store")
    with store.session() as s:
        assert list(s.scalars(select(Source.name))) == ["bbc"]


async def test_at_most_workers_calls_run_at_once(sqlite_store: Store) -> None:
    lock = threading.Lock()
    running = [0]
    most = [0]
    release = threading.Event()

    def work(session: Session) -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(timeout=10)
        with lock:
            running[0] -= 1

    calls = asyncio.gather(*(sqlite_store.call(work) for _ in range(WORKERS * 3)))
    await asyncio.sleep(0.3)
    started = most[0]
    release.set()
    await calls

    assert (started, most[0], running[0]) == (WORKERS, WORKERS, 0)
