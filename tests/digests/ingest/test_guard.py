"""SSRF: a feed may live on a private address the admin configured; where it points to (redirects, entry
pages) may not be loopback, private or link-local unless the admin allows the host. Loopback only here."""

from __future__ import annotations

import ipaddress
import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from digests.config.models import Fetch
from digests.ingest import SourceSpec, ingest
from digests.ingest.guard import Refused, blocked, check_peer
from digests.store.db import Store
from digests.store.schema import Article, Source
from tests.digests.ingest.support import FeedServer, item, no_enrichment, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
WHY = "a loopback, private or link-local address (list the host in fetch.allow_private to allow it)"
SECRET = rss(item("Internal", link="https://intranet.example.org/1", guid="s", content="<p>secret 42</p>"))


async def run(store: Store, spec: SourceSpec, allow: list[str] | None = None) -> dict[str, object]:
    settings = Fetch(timeout=timedelta(seconds=2), allow_private=allow or [])
    report = await ingest(store, [spec], enrich=no_enrichment, settings=settings, now=lambda: NOW)
    return report.sources[0].as_json()


def port(server: FeedServer) -> int:
    return int(server.url("/").split(":")[2].split("/")[0])


def texts(store: Store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(Article.text).order_by(Article.id)))


@pytest.mark.parametrize(
    ("host", "error"),
    [("127.0.0.1", f"refused 127.0.0.1: {WHY}"), ("localhost", f"refused localhost: it resolves to 127.0.0.1, {WHY}")],
)
async def test_a_feed_redirect_to_a_private_address_is_refused(
    store: Store, feed_server: FeedServer, host: str, error: str
) -> None:
    feed_server.serve("/secret", SECRET)
    target = f"http://{host}:{port(feed_server)}/secret"
    # The configured feed itself is on loopback: the admin's own URL may be.
    spec = SourceSpec("f", feed_server.serve("/feed", "", status=302, headers={"Location": target}), backfill=None)
    assert await run(store, spec) == {
        "source": "f", "status": "error", "items": 0, "new": 0, "duplicates": 0, "error": error
    }  # fmt: skip
    assert feed_server.paths() == ["/feed"]
    assert texts(store) == []


async def test_a_remembered_redirect_is_checked_like_any_other_hop(store: Store, feed_server: FeedServer) -> None:
    feed_server.serve("/secret", SECRET)
    spec = SourceSpec("f", feed_server.url("/feed"), backfill=None)
    await run(store, spec)  # creates the source row
    with store.session() as s:
        s.scalars(select(Source)).one().permanent_url = feed_server.url("/secret")
    assert (await run(store, spec))["error"] == f"refused 127.0.0.1: {WHY}"
    assert "/secret" not in feed_server.paths()


async def test_entry_pages_on_private_addresses_are_not_read(
    store: Store, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    page = "<html><body><article><p>" + "Internal figures: 42 killed. " * 20 + "</p></article></body></html>"
    feed_server.serve("/page", page, content_type="text/html")
    feed = rss(
        item("Sudan one", link=f"http://127.0.0.1:{port(feed_server)}/page", guid="1", summary="One."),
        item("Sudan two", link=f"http://localhost:{port(feed_server)}/page", guid="2", summary="Two."),
    )
    spec = SourceSpec("f", feed_server.serve("/feed", feed), backfill=None, fetch_pages=True)
    caplog.set_level(logging.INFO, logger="digests")
    assert (await run(store, spec))["new"] == 2
    assert feed_server.paths() == ["/feed"]
    assert texts(store) == ["One.", "Two."]
    assert [r.getMessage() for r in caplog.records if ": pages:" in r.getMessage()] == [
        f"f: pages: 0 read, 2 failed (refused 127.0.0.1: {WHY}, refused localhost: it resolves to 127.0.0.1, {WHY}), "
        "0 skipped (no topic term in its title or summary)"
    ]


async def test_hosts_the_admin_allows_are_reached(store: Store, feed_server: FeedServer) -> None:
    page = "<html><body><article><p>" + "Shelling killed 12 people in the city. " * 20 + "</p></article></body></html>"
    feed_server.serve("/page", page, content_type="text/html")
    feed_server.serve(
        "/moved",
        rss(item("Sudan", link=f"http://localhost:{port(feed_server)}/page", guid="1", summary="Short.")),
    )
    spec = SourceSpec(
        "f",
        feed_server.serve("/feed", "", status=302, headers={"Location": f"http://localhost:{port(feed_server)}/moved"}),
        backfill=None,
        fetch_pages=True,
    )
    assert (await run(store, spec, allow=["LOCALHOST"]))["new"] == 1
    assert feed_server.paths() == ["/feed", "/moved", "/page"]
    assert texts(store)[0].startswith("Shelling killed 12 people in the city.")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "0.0.0.0", "::1", "fc00::1", "fdff::2", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    ],
)  # fmt: skip
def test_blocked_ranges(address: str) -> None:
    assert blocked(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize("address", ["93.184.215.14", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "11.0.0.1"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked(ipaddress.ip_address(address)) is False


def test_a_connection_that_landed_on_a_private_address_is_refused() -> None:
    # DNS may answer differently between our look-up and the connection (rebinding).
    with pytest.raises(Refused, match=r"^refused news\.example\.org: connected to 10\.0\.0\.7, a loopback"):
        check_peer("https://news.example.org/story", ("10.0.0.7", 443), [])
    check_peer("https://news.example.org/story", ("10.0.0.7", 443), ["news.example.org"])
    check_peer("https://news.example.org/story", ("93.184.215.14", 443), [])
