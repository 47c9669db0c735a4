"""Delivers one channel's digest through the ledger: build, render, record as pending, post, mark sent."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.publish import PublishError
from bot.runtime import Runtime
from digests import ledger
from digests.config.models import Channel
from digests.digest.build import build_digest
from digests.render import render

log = logging.getLogger("sitrep.deliver")


@dataclass(frozen=True)
class Outcome:
    channel: str
    status: str  # sent | nothing_new | already_delivered | failed | pending
    articles: int = 0
    delivery_id: int | None = None
    error: str | None = None


async def deliver(rt: Runtime, channel: Channel, *, window: str | None = None) -> Outcome:
    publisher = rt.publishers.get(channel.platform)
    if publisher is None:
        reason = f"no {channel.platform} connection configured"
        log.error("channel %s: %s", channel.name, reason)
        return Outcome(channel.name, "failed", error=reason)
    now = rt.now()
    with rt.store.session() as session:
        after = ledger.covered_up_to(session, channel.name)
        digest = build_digest(
            session,
            topics=channel.topics,
            title=rt.topic_title(channel.topics),
            now=now,
            limits=rt.limits,
            after_id=after,
            channel=channel.name,
        )
        if digest.empty:
            log.info("channel %s: nothing new since the last digest, nothing posted", channel.name)
            return Outcome(channel.name, "nothing_new")
        parts = render(digest, publisher.format, rt.config.templates, color=rt.topic_color(channel.topics[0]))  # type: ignore[arg-type]
        delivery = ledger.open_delivery(
            session,
            channel=channel.name,
            window=window or f"upto-{digest.last_article_id}",
            platform=channel.platform,
            payload=parts,
            last_article_id=digest.last_article_id,
            article_count=digest.article_count,
            now=now,
        )
        if delivery is None:
            log.info("channel %s: this window was already delivered", channel.name)
            return Outcome(channel.name, "already_delivered")
        delivery_id = delivery.id
    return await post_delivery(rt, channel, delivery_id, parts, articles=digest.article_count)


async def post_delivery(
    rt: Runtime,
    channel: Channel,
    delivery_id: int,
    parts: list[dict[str, object]],
    *,
    articles: int,
    start: int = 0,
) -> Outcome:
    """Post parts[start:], recording each as it goes; the ledger row says how far a crash got."""
    publisher = rt.publishers[channel.platform]
    for number in range(start, len(parts)):
        try:
            message_id = await publisher.send(channel, parts[number], key=f"d{delivery_id}p{number}")
        except PublishError as exc:
            with rt.store.session() as session:
                ledger.mark_failed(session, delivery_id, exc.reason, permanent=exc.permanent)
            log.error("channel %s: delivery %s failed: %s", channel.name, delivery_id, exc.reason)
            status = "failed" if exc.permanent else "pending"
            return Outcome(channel.name, status, articles, delivery_id, exc.reason)
        with rt.store.session() as session:
            ledger.record_part(session, delivery_id, message_id)
    with rt.store.session() as session:
        ledger.mark_sent(session, delivery_id, rt.now())
    log.info("channel %s: delivered %d article(s) in %d message(s)", channel.name, articles, len(parts))
    return Outcome(channel.name, "sent", articles, delivery_id)
