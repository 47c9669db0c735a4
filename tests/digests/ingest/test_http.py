"""Fetching feeds over real HTTP (a local aiohttp server): validators, redirects, errors, limits, encodings."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime, timedelta

from aiohttp import web
from sqlalchemy import select

from digests.config.models import Fetch
from digests.ingest import SourceSpec, ingest
from digests.store.db import Store
from digests.store.schema import Article, Source
from tests.digests.ingest.support import FEEDS, FeedServer, item, no_enrichment, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
FEED = rss(
    item("Story one", link="https://news.example.org/one", guid="g1", content="<p>First story.</p>"),
    item("Story two", link="https://news.example.org/two", guid="g2", content="<p>Second story.</p>"),
)


def clock() -> datetime:
    return NOW


async def run(store: Store, *specs: SourceSpec, settings: Fetch | None = None) -> list[dict[str, object]]:
    # The stand-in news site lives on loopback, where redirects go only when the admin allows it (test_guard.py).
    settings = (settings or Fetch()).model_copy(update={"allow_private": ["127.0.0.1"]})
    report = await ingest(store, specs, enrich=no_enrichment, settings=settings, now=clock)
    return [r.as_json() for r in report.sources]


def source_row(store: Store, name: str) -> Source:
    with store.session() as s:
        return s.scalars(select(Source).where(Source.name == name)).one()


def result(
    name: str, status: str, items: int = 0, new: int = 0, dups: int = 0, error: str | None = None
) -> dict[str, object]:
    return {"source": name, "status": status, "items": items, "new": new, "duplicates": dups, "error": error}


async def test_etag_makes_the_second_fetch_conditional(store: Store, feed_server: FeedServer) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(text=FEED, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    spec = SourceSpec("f", feed_server.route("/feed", handler), backfill=None)
    assert await run(store, spec) == [result("f", "ok", 2, 2)]
    assert await run(store, spec) == [result("f", "not_modified")]

    assert "If-None-Match" not in feed_server.requests[0].headers
    assert feed_server.requests[1].headers["If-None-Match"] == '"v1"'
    row = source_row(store, "f")
    assert (row.status, row.etag, row.failures, row.error) == ("not_modified", '"v1"', 0, None)


async def test_last_modified_makes_the_second_fetch_conditional(store: Store, feed_server: FeedServer) -> None:
    stamp = "Wed, 20 Nov 2024 10:00:00 GMT"

    async def handler(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-Modified-Since") == stamp:
            return web.Response(status=304)
        return web.Response(text=FEED, content_type="application/rss+xml", headers={"Last-Modified": stamp})

    spec = SourceSpec("f", feed_server.route("/feed", handler), backfill=None)
    assert (await run(store, spec))[0]["status"] == "ok"
    assert await run(store, spec) == [result("f", "not_modified")]
    assert feed_server.requests[1].headers["If-Modified-Since"] == stamp
    assert "If-None-Match" not in feed_server.requests[1].headers
    row = source_row(store, "f")
    assert row.last_modified == stamp
    assert row.last_success_at is not None


async def test_permanent_redirects_are_remembered(store: Store, feed_server: FeedServer) -> None:
    new_url = feed_server.serve("/new", FEED)
    feed_server.serve("/308", "", status=308, headers={"Location": "/new"})
    feed_server.serve("/old", "", status=301, headers={"Location": "/308"})
    spec = SourceSpec("f", feed_server.url("/old"), backfill=None)

    assert (await run(store, spec))[0]["new"] == 2
    assert source_row(store, "f").permanent_url == new_url
    assert (await run(store, spec))[0]["duplicates"] == 2
    assert feed_server.paths() == ["/old", "/308", "/new", "/new"]


async def test_temporary_redirects_are_not_remembered(store: Store, feed_server: FeedServer) -> None:
    feed_server.serve("/new", FEED)
    feed_server.serve("/moved", "", status=308, headers={"Location": "/new"})
    feed_server.serve("/old", "", status=302, headers={"Location": "/moved"})
    spec = SourceSpec("f", feed_server.url("/old"), backfill=None)

    await run(store, spec)
    await run(store, spec)
    # A 308 behind a 302 only moves the temporary target.
    assert source_row(store, "f").permanent_url is None
    assert feed_server.paths() == ["/old", "/moved", "/new"] * 2


async def test_a_redirect_loop_is_an_error(store: Store, feed_server: FeedServer) -> None:
    feed_server.serve("/a", "", status=302, headers={"Location": "/b"})
    feed_server.serve("/b", "", status=302, headers={"Location": "/a"})
    assert await run(store, SourceSpec("f", feed_server.url("/a"))) == [
        result("f", "error", error="too many redirects (more than 10)")
    ]


async def test_410_marks_the_source_gone_and_stops_polling(store: Store, feed_server: FeedServer) -> None:
    spec = SourceSpec("f", feed_server.serve("/feed", "gone", status=410))
    assert await run(store, spec) == [result("f", "error", error="gone (410)")]
    assert await run(store, spec) == [result("f", "error", error="gone (410)")]
    assert feed_server.paths() == ["/feed"]
    row = source_row(store, "f")
    assert (row.gone, row.status, row.failures) == (True, "error", 1)

    # Pointing the feed somewhere else starts afresh.
    moved = SourceSpec("f", feed_server.serve("/elsewhere", FEED), backfill=None)
    assert (await run(store, moved))[0]["new"] == 2
    assert source_row(store, "f").gone is False


async def test_429_with_retry_after_sets_the_next_fetch(store: Store, feed_server: FeedServer) -> None:
    spec = SourceSpec("f", feed_server.serve("/feed", "slow down", status=429, headers={"Retry-After": "120"}))
    assert await run(store, spec) == [result("f", "error", error="HTTP 429: retry after 120s")]
    row = source_row(store, "f")
    assert row.next_fetch_at is not None
    assert row.next_fetch_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=120)
    assert (row.failures, row.last_error_at is not None) == (1, True)

    # Until then the server is left alone.
    [again] = await run(store, spec)
    assert again["status"] == "error"
    assert again["error"] == "HTTP 429: retry after 120s; next attempt after 2024-11-20 12:02:00 UTC"
    assert feed_server.paths() == ["/feed"]


async def test_503_with_an_http_date_retry_after(store: Store, feed_server: FeedServer) -> None:
    when = "Wed, 20 Nov 2024 12:30:00 GMT"
    spec = SourceSpec("f", feed_server.serve("/feed", "down", status=503, headers={"Retry-After": when}))
    assert await run(store, spec) == [result("f", "error", error="HTTP 503: retry after 1800s")]
    retry_at = source_row(store, "f").next_fetch_at
    assert retry_at is not None and retry_at.replace(tzinfo=UTC) == NOW + timedelta(minutes=30)


async def test_http_errors_count_failures_until_a_success(store: Store, feed_server: FeedServer) -> None:
    state = {"status": 500}

    async def handler(request: web.Request) -> web.StreamResponse:
        if state["status"] != 200:
            return web.Response(status=state["status"])
        return web.Response(text=FEED, content_type="application/rss+xml")

    spec = SourceSpec("f", feed_server.route("/feed", handler), backfill=None)
    assert await run(store, spec) == [result("f", "error", error="HTTP 500")]
    state["status"] = 404
    assert await run(store, spec) == [result("f", "error", error="HTTP 404")]
    assert source_row(store, "f").failures == 2
    state["status"] = 200
    assert (await run(store, spec))[0]["status"] == "ok"
    row = source_row(store, "f")
    assert (row.failures, row.error, row.first_ingest_at is not None) == (0, None, True)


async def test_a_slow_server_times_out(store: Store, feed_server: FeedServer) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(2)
        return web.Response(text=FEED)

    spec = SourceSpec("f", feed_server.route("/feed", handler))
    settings = Fetch(timeout=timedelta(milliseconds=300))
    assert await run(store, spec, settings=settings) == [result("f", "error", error="timed out after 0.3s")]


async def test_a_body_over_the_cap_is_refused(store: Store, feed_server: FeedServer) -> None:
    big = rss(*(item(f"Story {i}", link=f"https://news.example.org/{i}") for i in range(200)))

    async def chunked(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, len(big), 1000):
            await response.write(big[start : start + 1000].encode())
        await response.write_eof()
        return response

    settings = Fetch(max_bytes=4096)
    with_length = SourceSpec("with-length", feed_server.serve("/big", big))
    streamed = SourceSpec("streamed", feed_server.route("/chunked", chunked))
    gzipped = SourceSpec(
        "gzipped",
        feed_server.serve("/bomb", gzip.compress(big.encode()), headers={"Content-Encoding": "gzip"}),
    )
    assert await run(store, with_length, streamed, gzipped, settings=settings) == [
        result("with-length", "error", error="body over 4096 bytes"),
        result("streamed", "error", error="body over 4096 bytes"),
        result("gzipped", "error", error="body over 4096 bytes"),
    ]


async def test_gzip_bodies(store: Store, feed_server: FeedServer) -> None:
    encoded = SourceSpec(
        "content-encoding",
        feed_server.serve("/feed", gzip.compress(FEED.encode()), headers={"Content-Encoding": "gzip"}),
        backfill=None,
    )
    as_file = SourceSpec(
        "feed.xml.gz",
        feed_server.serve("/feed.xml.gz", gzip.compress(FEED.encode()), content_type="application/gzip"),
        backfill=None,
    )
    # The same two entries twice: whichever source is read first stores them.
    outcomes = await run(store, encoded, as_file)
    assert [(r["status"], r["items"]) for r in outcomes] == [("ok", 2), ("ok", 2)]
    assert [r["new"] for r in outcomes] in ([0, 2], [2, 0])
    assert "gzip" in feed_server.requests[0].headers["Accept-Encoding"]


async def test_wrong_and_missing_charsets(store: Store, feed_server: FeedServer) -> None:
    latin1 = (FEEDS / "13-jn-portugal-iso-8859-1.xml").read_bytes()
    cp1251 = (FEEDS / "14-oren-ru-windows-1251.xml").read_bytes()
    utf8 = (FEEDS / "18-dailymail-charset-mismatch.xml").read_bytes()
    specs = [
        # ISO-8859-1 bytes that the server calls UTF-8.
        SourceSpec("latin1", feed_server.serve("/jn", latin1, content_type="text/xml; charset=utf-8"), backfill=None),
        # No charset anywhere in the headers: the XML declaration (windows-1251) decides.
        SourceSpec("cp1251", feed_server.serve("/oren", cp1251, content_type="text/xml"), backfill=None),
        # UTF-8 bytes that both the server and the XML declaration call ISO-8859-1.
        SourceSpec("utf8", feed_server.serve("/dm", utf8, content_type="text/xml; charset=iso-8859-1"), backfill=None),
    ]
    assert [(r["status"], r["new"]) for r in await run(store, *specs)] == [("ok", 40), ("ok", 10), ("ok", 1)]
    with store.session() as s:
        titles = set(s.scalars(select(Article.title)))
        daily_mail = s.scalars(select(Article).where(Article.url.like("%dailymail%"))).one()
    assert "Mãe de utente é a nova presidente da Raríssimas" in titles
    assert "В Бузулуке главные стройплощадки – детсад и Ледовый дворец" in titles
    assert "Â" not in daily_mail.title + daily_mail.text + daily_mail.summary


async def test_an_html_page_is_not_a_feed(store: Store, feed_server: FeedServer) -> None:
    page = "<!DOCTYPE html><html><head><title>News</title></head><body><p>Welcome</p></body></html>"
    html_spec = SourceSpec("page", feed_server.serve("/", page, content_type="text/html; charset=utf-8"))
    # Served with a feed's content type, it is still a page.
    disguised = SourceSpec("disguised", feed_server.serve("/rss", page, content_type="application/rss+xml"))
    json_spec = SourceSpec("json", feed_server.serve("/feed.json", '{"version": "1"}', content_type="application/json"))
    empty = SourceSpec("empty", feed_server.serve("/empty", ""))
    assert await run(store, html_spec, disguised, json_spec, empty) == [
        result("page", "error", error="not a feed: got an HTML page"),
        result("disguised", "error", error="not a feed: got an HTML page"),
        result("json", "error", error="not a feed: no RSS, Atom or RDF document found"),
        result("empty", "error", error="not a feed: the document is empty"),
    ]


async def test_connection_refused(store: Store, feed_server: FeedServer) -> None:
    url = feed_server.url("/feed")
    await feed_server.server.close()
    [outcome] = await run(store, SourceSpec("f", url))
    assert outcome["status"] == "error"
    assert str(outcome["error"]).startswith("could not connect: ")


async def test_one_bad_source_never_stops_the_others(store: Store, feed_server: FeedServer) -> None:
    specs = [
        SourceSpec("missing", feed_server.url("/missing")),
        SourceSpec("good", feed_server.serve("/good", FEED), backfill=None),
        SourceSpec(
            "broken", feed_server.serve("/broken", (FEEDS / "21-BROKEN-reuters-mostread-truncated.xml").read_bytes())
        ),
        SourceSpec("bad-url", "http://[::1"),
    ]
    outcomes = await run(store, *specs)
    assert [(o["source"], o["status"]) for o in outcomes] == [
        ("missing", "error"),
        ("good", "ok"),
        ("broken", "error"),
        ("bad-url", "error"),
    ]
    assert outcomes[0]["error"] == "HTTP 404"
    assert outcomes[1]["new"] == 2
    assert outcomes[2]["error"] == "feed is malformed: no element found (line 19)"
    assert str(outcomes[3]["error"]).startswith("invalid URL")


async def test_requests_per_host_are_limited(store: Store, feed_server: FeedServer) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.1)
        return web.Response(text=FEED, content_type="application/rss+xml")

    specs = [SourceSpec(f"f{i}", feed_server.route(f"/f{i}", slow)) for i in range(6)]
    outcomes = await run(store, *specs, settings=Fetch(per_host=2))
    assert [o["status"] for o in outcomes] == ["ok"] * 6
    assert feed_server.most_in_flight == 2
    assert all(seen.headers["User-Agent"] == Fetch().user_agent for seen in feed_server.requests)


async def test_a_client_passed_in_is_used_and_left_open(store: Store, feed_server: FeedServer) -> None:
    import httpx

    async with httpx.AsyncClient(headers={"X-Test": "yes"}) as client:
        report = await ingest(
            store, [SourceSpec("f", feed_server.serve("/feed", FEED))], enrich=no_enrichment, client=client
        )
        assert report.sources[0].status == "ok"
        assert not client.is_closed
    assert feed_server.requests[0].headers["X-Test"] == "yes"


async def test_an_absurd_retry_after_is_capped_not_an_overflow(store: Store, feed_server: FeedServer) -> None:
    huge = {"Retry-After": "99999999999999999999"}
    spec = SourceSpec("f", feed_server.serve("/feed", "slow down", status=429, headers=huge))
    assert await run(store, spec) == [result("f", "error", error="HTTP 429: retry after 86400s")]
    row = source_row(store, "f")
    assert row.next_fetch_at is not None and row.next_fetch_at.replace(tzinfo=UTC) == NOW + timedelta(hours=24)
