"""/metrics, /healthz and /readyz over real HTTP: counters moved by a real ingest and delivery, a database
that goes away makes /readyz answer 503, and the endpoints exist whether or not Slack runs an HTTP server."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from bot.actions import run_ingest
from bot.adapters import build_adapters
from bot.deliver import deliver
from bot.publish.console import ConsolePublisher
from bot.runtime import Runtime, source_spec
from bot.web import WebServer, ops_routes, web_server
from digests.config.models import Config
from digests.store.db import Store
from digests.store.schema import FigureRow, QuoteRow
from tests.bot.slack.conftest import free_port, make_config
from tests.conftest import REPO
from tests.process import SITREP
from tests.standins.slack import SlackStandIn

SAMPLE = REPO / "config" / "samples" / "feed.xml"


def samples(exposition: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape by name and labels, as Prometheus parses it."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
    }


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    config = Config.model_validate(
        {
            "database": f"sqlite:///{tmp_path / 'sitrep.db'}",
            "feeds": [{"name": "sample", "url": str(SAMPLE), "backfill": "all"}],
            "topics": {"north-korea": {"title": "North Korean troops in Russia", "match": ["North Korea", "DPRK"]}},
            "channels": [{"name": "desk", "platform": "console", "topics": ["north-korea"]}],
        }
    )
    rt = Runtime(config, Store(config.database), publishers={"console": ConsolePublisher(io.StringIO())})
    yield rt
    rt.store.close()


@pytest.fixture
async def server(runtime: Runtime) -> AsyncIterator[WebServer]:
    web = WebServer(ops_routes(runtime), "127.0.0.1", 0)
    await web.start()
    yield web
    await web.stop()


async def test_metrics_move_with_an_ingest_and_a_delivery(runtime: Runtime, server: WebServer) -> None:
    async with httpx.AsyncClient(base_url=server.url) as http:
        before = samples((await http.get("/metrics")).text)
        report = await run_ingest(runtime, [source_spec(runtime.config.feeds[0])])
        outcome = await deliver(runtime, runtime.config.channels[0])
        scrape = await http.get("/metrics")

    assert scrape.status_code == 200 and scrape.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    after = samples(scrape.text)
    with runtime.store.session() as s:
        figures = s.scalar(select(func.count()).select_from(FigureRow))
        quotes = s.scalar(select(func.count()).select_from(QuoteRow))
    new = len(report.new_article_ids)
    assert (new, outcome.status) == (4, "sent")
    assert before[("sitrep_database_up", ())] == 1
    assert ("sitrep_feed_polls_total", (("feed", "sample"), ("status", "ok"))) not in before
    assert after[("sitrep_feed_polls_total", (("feed", "sample"), ("status", "ok")))] == 1
    assert after[("sitrep_articles_ingested_total", (("feed", "sample"),))] == new
    assert (after[("sitrep_figures_extracted_total", ())], after[("sitrep_quotes_extracted_total", ())]) == (
        figures,
        quotes,
    )
    assert figures and quotes and figures > 5
    assert after[("sitrep_deliveries_total", (("platform", "console"), ("status", "sent")))] == 1
    assert after[("sitrep_post_seconds_count", (("platform", "console"),))] == 1
    assert after[("sitrep_feed_paused", (("feed", "sample"),))] == 0
    assert after[("sitrep_feed_consecutive_failures", (("feed", "sample"),))] == 0
    assert not [k for k in after if k[0] == "sitrep_deliveries_pending"]  # none pending: no sample at all


async def test_readyz_is_503_once_the_database_is_gone_and_healthz_still_answers(
    runtime: Runtime, server: WebServer
) -> None:
    async with httpx.AsyncClient(base_url=server.url) as http:
        ready = await http.get("/readyz")
        assert (ready.status_code, ready.json()) == (200, {"status": "ready", "adapters": []})

        database = Path(str(runtime.store.engine.url.database))
        database.unlink()
        gone = await http.get("/readyz")
        health = await http.get("/healthz")
        scrape = samples((await http.get("/metrics")).text)

    assert gone.status_code == 503
    assert gone.json() == {
        "status": "not ready",
        "problems": {"database": f"missing database: the database file {database} was deleted"},
    }
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert scrape[("sitrep_database_errors_total", (("kind", "missing database"),))] == 1


async def test_slack_http_mode_serves_the_endpoints_beside_slack_events(tmp_path: Path) -> None:
    async with SlackStandIn() as slack:
        port = free_port()
        config = make_config(slack.api_url, port=port, database=f"sqlite:///{tmp_path / 'sitrep.db'}")
        rt = Runtime(config, Store(config.database))
        adapters = build_adapters(rt)
        assert web_server(rt, adapters) is None  # no server of its own: Slack's carries the endpoints
        await adapters[0].start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                ready = await http.get("/readyz")
                metrics = await http.get("/metrics")
                events = await http.post("/slack/events", content=b"{}")
        finally:
            await adapters[0].stop()
            rt.store.close()
    assert (ready.status_code, ready.json()) == (200, {"status": "ready", "adapters": ["slack"]})
    assert metrics.status_code == 200 and "sitrep_database_up 1.0" in metrics.text
    assert events.status_code == 401  # bolt still answers its own path


def test_sitrep_run_serves_its_own_port_without_slack_http(tmp_path: Path) -> None:
    port = free_port()
    config = tmp_path / "sitrep.yaml"
    config.write_text(
        "topics: {north-korea: {match: [North Korea]}}\n"
        "channels: [{name: desk, platform: console, topics: [north-korea]}]\n"
        f"web: {{host: 127.0.0.1, port: {port}}}\n"
    )
    env = {**os.environ, "SITREP_DB": f"sqlite:///{tmp_path / 'sitrep.db'}"}
    proc = subprocess.Popen([*SITREP, "run", "--config", str(config)], cwd=REPO, env=env, stderr=subprocess.PIPE)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer is not None and answer.status_code == 200, proc.stderr and proc.stderr.read()
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"status": "ready", "adapters": []}
        assert httpx.get(f"http://127.0.0.1:{port}/status").status_code == 404  # no web.token: no page at all
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
