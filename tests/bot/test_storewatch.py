"""The running bot and a failing store: the admins hear once after a while and once when it is back, a
database that is gone stops the bot with the reason, and failing jobs log a line a minute, not tracebacks."""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import jobs, service, storewatch
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from bot.service import Service, run_forever
from digests.config import parse_config
from digests.store.db import Store
from digests.store.health import Throttle

CONFIG = """
feeds: [{name: f, url: feed.xml}]
topics: {sudan: {match: [Sudan]}}
channels: [{name: admins, platform: console, topics: [sudan], schedule: "0 8 * * *"}]
admins: {channel: admins}
"""
T0 = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.moment = T0

    def __call__(self) -> datetime:
        return self.moment


def runtime(store: Store, out: io.StringIO, clock: Clock) -> Runtime:
    return Runtime(parse_config(CONFIG, env={}), store, publishers={"console": ConsolePublisher(out)}, now=clock)


async def test_a_read_only_database_is_told_once_and_its_return_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("needs chattr to make a file read-only for root")
    path = tmp_path / "sitrep.db"
    store = Store(f"sqlite:///{path}")
    out, clock = io.StringIO(), Clock()
    watch = storewatch.StoreWatch(runtime(store, out, clock), lambda why: None, throttle=Throttle())
    files = [str(path), f"{path}-wal"]
    caplog.set_level(logging.INFO, logger="sitrep.store")
    try:
        await watch.check()
        if subprocess.run(["chattr", "+i", *files], capture_output=True, check=False).returncode:
            pytest.skip("this filesystem has no immutable files")
        store.engine.dispose()  # connections opened now are read-only
        for minutes in (0, 2, 5, 6, 9):
            clock.moment = T0 + timedelta(minutes=minutes)
            await watch.check()
        subprocess.run(["chattr", "-i", *files], check=True)
        for minutes in (10, 11):
            clock.moment = T0 + timedelta(minutes=minutes)
            await watch.check()
    finally:
        subprocess.run(["chattr", "-i", *files], check=False)
        store.close()
    notices = out.getvalue()
    assert notices.count("The database is failing") == 1
    assert "For 5 min: read-only (attempt to write a readonly database)." in notices
    assert notices.count("The database is back") == 1
    assert "It failed for 10 min; feeds and digests carry on." in notices
    store_lines = [r.getMessage() for r in caplog.records if r.name == "sitrep.store"]
    assert store_lines == [
        "store check: database read-only: attempt to write a readonly database",
        "the database answers again after 10 min",
    ]


async def test_failing_jobs_log_a_line_a_minute_without_tracebacks(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(f"sqlite:///{tmp_path}/sitrep.db")
    rt = runtime(store, io.StringIO(), Clock())
    svc = Service(rt, None)
    svc.throttle = Throttle()
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE articles"))
        connection.execute(text("DROP TABLE sources"))
    poll = svc._tracked(jobs.poll_feed)
    try:
        for _ in range(4):
            await poll(rt, rt.config.feeds[0])
    finally:
        store.close()
    lines = [(r.getMessage(), r.exc_info) for r in caplog.records if r.name == "sitrep.run"]
    assert lines == [("job poll_feed: database missing schema: no such table: sources", None)]


async def test_a_deleted_database_stops_the_bot_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(storewatch, "CHECK_EVERY", 0.05)
    monkeypatch.setattr(service, "STOP_GRACE", 1.0)
    path = tmp_path / "sitrep.db"
    store = Store(f"sqlite:///{path}")
    rt = Runtime(parse_config("topics: {sudan: {match: [Sudan]}}", env={}), store)
    asyncio.get_running_loop().call_later(0.3, path.unlink)
    try:
        code = await asyncio.wait_for(run_forever(rt, None), timeout=10)
    finally:
        store.close()
    assert code == 1
    assert (
        f"stopped: the database is gone (missing database: the database file {path} was deleted); sitrep creates a fresh one when it starts again"
        in [r.getMessage() for r in caplog.records]
    )
