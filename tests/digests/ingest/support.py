"""Test helpers for ingest: a local HTTP server standing in for news sites, feed builders, a no-op enrich hook."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer

from digests.ingest import Enrichment
from digests.model import Extraction

FEEDS = Path(__file__).resolve().parents[2] / "data" / "feeds"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def no_enrichment(title: str, text: str, published: datetime | None = None, language: str | None = None) -> Enrichment:
    return Enrichment(Extraction(), ())


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class FeedServer:
    """Answers each path with the handler registered for it (404 otherwise) and records every request."""

    server: TestServer
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def serve(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "application/rss+xml; charset=utf-8",
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(body=data, status=status, headers={"Content-Type": content_type, **(headers or {})})

        return self.route(path, handler)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path_qs, dict(request.headers)))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            self.in_flight -= 1


def rss(*items: str, channel_link: str = "https://news.example.org/") -> str:
    """An RSS 2.0 document around the given <item> elements."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Test feed</title><link>{channel_link}</link><description>test</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def item(
    title: str,
    *,
    link: str | None = None,
    guid: str | None = None,
    pub: str | None = None,
    summary: str | None = None,
    content: str | None = None,
) -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if pub:
        parts.append(f"<pubDate>{pub}</pubDate>")
    if summary is not None:
        parts.append(f"<description><![CDATA[{summary}]]></description>")
    if content is not None:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"
