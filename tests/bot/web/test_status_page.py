"""The status page in a real headless Chromium (Debian's, driven by Playwright): it loads with the token and
shows a paused feed, a pending delivery, a channel's preview and a chart; without the token it is refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime
from bot.web import WebServer, ops_routes
from digests import ledger
from digests.config.models import Config
from digests.store.db import Store
from digests.store.schema import Source
from tests.bot.chart_rows import three_days
from tests.factories import NOW, add_sample, source

CHROMIUM = "/usr/bin/chromium"
TOKEN = "s3cret-status-token-0123"


@pytest.fixture
def chromium() -> str:
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI: no Chromium at {CHROMIUM}; .ci/run installs Debian's chromium package")
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` to run the status page test")
    return CHROMIUM


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[str]:
    """A bot over a real store holding a paused feed, a pending delivery and three days of a running total."""
    config = Config.model_validate(
        {
            "database": f"sqlite:///{tmp_path / 'sitrep.db'}",
            "feeds": [
                {"name": "wire", "url": "https://wire.example/feed.xml"},
                {"name": "bbc", "url": "https://bbc.example/feed.xml"},
            ],
            "topics": {"north-korea": {"title": "North Korean troops in Russia", "match": ["North Korea"]}},
            "channels": [
                {"name": "desk", "platform": "console", "topics": ["north-korea"]},
                {"name": "ops-room", "platform": "console", "topics": ["north-korea"]},
            ],
            "web": {"token": TOKEN},
        }
    )
    store = Store(config.database)
    three_days(store, NOW)
    add_sample(store)
    with store.session() as s:
        source(s, "bbc").status, source(s, "bbc").last_success_at = "ok", NOW
        wire = source(s, "wire")
        wire.status, wire.failures, wire.error = "error", 10, "HTTP 503 Service Unavailable"
        wire.last_error_at = wire.paused_at = NOW - timedelta(minutes=5)
        delivery = ledger.open_delivery(
            s,
            channel="ops-room",
            window="2024-11-05T08:00",
            platform="console",
            payload=[{"text": "…"}],
            last_article_id=0,
            article_count=3,
            now=NOW,
        )
        assert delivery is not None
        ledger.mark_failed(s, delivery.id, "a console hiccup", permanent=False, now=NOW)
        assert s.scalar(select(Source.paused_at).where(Source.name == "wire")) is not None
    rt = Runtime(config, store, publishers={"console": ConsolePublisher()}, now=lambda: NOW + timedelta(hours=1))
    server = WebServer(ops_routes(rt), "127.0.0.1", 0)
    await server.start()
    yield server.url
    await server.stop()
    store.close()


async def test_the_status_page_in_chromium(site: str, chromium: str, tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = await browser.new_page(viewport={"width": 1200, "height": 900})
            refused = await page.goto(f"{site}/status")
            assert refused is not None and refused.status == 401
            assert "a token is needed" in (await page.text_content("body") or "")
            wrong = await page.goto(f"{site}/status?token=not-the-token")
            assert wrong is not None and wrong.status == 401

            shown = await page.goto(f"{site}/status?token={TOKEN}")
            assert shown is not None and shown.status == 200
            assert shown.headers["referrer-policy"] == "no-referrer"
            wire = " ".join((await page.inner_text('tr[data-feed="wire"]')).split())
            assert wire.startswith("wire paused · 10 failure(s) in a row never HTTP 503 Service Unavailable")
            bbc = " ".join((await page.inner_text('tr[data-feed="bbc"]')).split())
            assert bbc.startswith("bbc ok 2024-11-05 09:00 —")
            pending = " ".join((await page.inner_text("tr.pending-delivery")).split())
            assert pending == "ops-room 2024-11-05T08:00 1 a console hiccup"
            preview = await page.inner_text("#preview-desk + pre")
            assert (
                "North Korean troops in Russia" in preview and "North Korea · killed (total): 600 — Ukraine" in preview
            )
            # The chart is an inline image the browser decoded: 800 px wide, as drawn.
            width = await page.evaluate("document.querySelector('#charts ~ p img').naturalWidth")
            assert width == 800
            await page.screenshot(path=str(tmp_path / "status.png"), full_page=True)
        finally:
            await browser.close()
    assert (tmp_path / "status.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_no_token_in_the_config_serves_no_page(tmp_path: Path) -> None:
    config = Config.model_validate({"database": f"sqlite:///{tmp_path / 'sitrep.db'}"})
    rt = Runtime(config, Store(config.database))
    server = WebServer(ops_routes(rt), "127.0.0.1", 0)
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url) as http:
            answers = [(await http.get("/status", params={"token": token})).status_code for token in ("", TOKEN)]
    finally:
        await server.stop()
        rt.store.close()
    assert answers == [404, 404]
