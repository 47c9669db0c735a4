"""The read-only status page at /status: feeds, deliveries, what each channel would get now and the topics'
charts, server-rendered from a Jinja2 template. Served only when `web.token` is set, and only to requests
that carry it (`Authorization: Bearer TOKEN`, or `?token=TOKEN` for a browser)."""

from __future__ import annotations

import asyncio
import base64
import hmac
from datetime import timedelta
from functools import cache
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, select_autoescape

from bot.deliver import next_digest
from bot.runtime import Runtime
from bot.status import status
from digests import ledger
from digests.chart import topic_chart
from digests.render import render

# The charts on the page cover this long.
CHART_WINDOW = timedelta(days=30)
# The page links to articles: no Referer may carry the token in its URL to a news site; nothing but the
# page's own inline style and its data: images may load.
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
    "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
}


def _when(iso: str | None) -> str:
    """ "2026-03-08T11:40:00+00:00" as "2026-03-08 11:40" (the page says once that times are UTC)."""
    return iso[:16].replace("T", " ") if iso else "—"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("bot.web", "templates"), autoescape=select_autoescape(["html", "j2"])
    )
    environment.filters["when"] = _when
    return environment


def allowed(request: web.Request, token: str) -> bool:
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip() or request.query.get("token", "")
    return hmac.compare_digest(given.encode(), token.encode())


def page_data(rt: Runtime) -> dict[str, Any]:
    """Everything the page shows, read in one go (off the event loop: charts take a moment to draw)."""
    data = status(rt)
    now = rt.now()
    previews = []
    with rt.store.session() as session:
        recent = [
            {
                "id": d.id,
                "channel": d.channel,
                "platform": d.platform,
                "window": d.window,
                "status": d.status,
                "articles": d.article_count,
                "parts": f"{d.parts_sent}/{len(d.payload)}",
                "at": (d.sent_at or d.created_at).isoformat(timespec="seconds"),
                "error": d.error,
            }
            for d in ledger.recent_deliveries(session, limit=15)
        ]
        for channel in rt.config.channels:
            digest = next_digest(rt, session, channel.topics, channel=channel)
            text = "\n".join(str(p["text"]).rstrip() for p in render(digest, "text", rt.config.templates))
            previews.append({"channel": channel.name, "empty": digest.empty, "text": text})
        charts = []
        for topic in rt.config.topics:
            png = topic_chart(session, topic, rt.topic_title([topic]), since=now - CHART_WINDOW)
            if png is not None:
                charts.append({"topic": topic, "png": base64.b64encode(png).decode("ascii")})
    return {**data, "now": now.isoformat(timespec="seconds"), "recent": recent, "previews": previews, "charts": charts}


def status_routes(rt: Runtime) -> list[web.RouteDef]:
    """/status when the config sets `web.token`; nothing at all otherwise (a 404, as for any unknown path)."""

    async def page(request: web.Request) -> web.Response:
        token = rt.config.web.token
        if token is None:
            raise web.HTTPNotFound()  # the token was removed by a reload
        if not allowed(request, token):
            return web.Response(
                status=401,
                text="sitrep status: a token is needed (Authorization: Bearer TOKEN, or ?token=TOKEN)\n",
                headers={"WWW-Authenticate": 'Bearer realm="sitrep"', **HEADERS},
            )
        data = await asyncio.to_thread(page_data, rt)
        html = _environment().get_template("status.html.j2").render(**data)
        return web.Response(text=html, content_type="text/html", headers=HEADERS)

    return [web.get("/status", page)] if rt.config.web.token is not None else []
