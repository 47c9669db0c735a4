"""Delivers one channel's digest through the ledger: build, render, record as pending, post, mark sent —
and finishes deliveries a crash or a transient failure left pending."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.publish import PublishError
from bot.runtime import Runtime
from digests import ledger
from digests.config.models import Channel
from digests.digest.build import build_sections
from digests.digest.model import Digest
from digests.render import render
from digests.windows import first_digest_start

log = logging.getLogger("sitrep.deliver")
# Fault injection for bench/crash_test.py: hold each post's outcome this long before the ledger hears of
# it, so that a kill lands between the post and the ledger update often enough to prove recovery.
_DELAY_AFTER_POST = float(os.environ.get("SITREP_TEST_DELAY_AFTER_POST", "0") or 0)


@dataclass(frozen=True)
class Outcome:
    channel: str
    status: str  # sent | nothing_new | already_delivered | failed | pending
    articles: int = 0
    delivery_id: int | None = None
    error: str | None = None


def next_digest(
    rt: Runtime, session: Session, topics: Sequence[str], *, channel: Channel | None, since: datetime | None = None
) -> Digest:
    """The digest a channel would get now: what is new for the topics since its last delivery. With no
    channel (a topic asked for on the CLI or in a channel without digests), what came since `since`."""
    now = rt.now()
    after_id = ledger.covered_up_to(session, channel.name) if channel else 0
    return build_sections(
        session,
        topics=topics,
        titles=[rt.topic_title([t]) for t in topics],
        title=rt.topic_title(topics),
        now=now,
        limits=rt.limits,
        after_id=after_id,
        since=since,
        channel=channel.name if channel else None,
        # A channel's first digest: the last `digest.first_window` of what was stored, not the whole history.
        stored_since=first_digest_start(session, rt.config.digest.first_window) if channel and not after_id else None,
    )


async def deliver(rt: Runtime, channel: Channel, *, window: str | None = None, scheduled: bool = False) -> Outcome:
    """Build the channel's digest of what is new since its last delivery and post it, exactly once per window."""
    publisher = rt.publishers.get(channel.platform)
    if publisher is None:
        reason = f"no {channel.platform} connection configured (add a `{channel.platform}:` section)"
        log.error("channel %s: %s", channel.name, reason, extra={"channel": channel.name})
        return Outcome(channel.name, "failed", error=reason)
    now = rt.now()

    # Built, rendered and recorded in a store worker thread: a digest over many articles never holds the event loop.
    def prepare(session: Session) -> tuple[Digest, list[dict[str, Any]], int | None] | None:
        digest = next_digest(rt, session, channel.topics, channel=channel)
        if digest.empty and not (scheduled and channel.nothing_new):
            return None
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
        return digest, parts, delivery.id if delivery is not None else None

    prepared = await rt.store.call(prepare)
    if prepared is None:
        return Outcome(channel.name, "nothing_new")
    digest, parts, delivery_id = prepared
    if delivery_id is None:
        return Outcome(channel.name, "already_delivered")
    # The article ids tie this delivery to the ingest lines that stored them ("new article(s) (ids …)").
    log.info(
        "channel %s: delivery %s opened for %d article(s)",
        channel.name,
        delivery_id,
        digest.article_count,
        extra={
            "channel": channel.name,
            "delivery": delivery_id,
            "window": window,
            "articles": [a.id for a in digest.articles],
        },
    )
    return await post_parts(rt, channel, delivery_id, parts, articles=digest.article_count)


async def post_parts(
    rt: Runtime,
    channel: Channel,
    delivery_id: int,
    parts: list[dict[str, Any]],
    *,
    articles: int,
    start: int = 0,
    uncertain: bool = False,
) -> Outcome:
    """Post parts[start:], recording each as it goes, so the ledger row says how far a crash got.

    `uncertain`: the first of them may already be in the channel (its outcome was lost), so it is
    resent by key rather than posted blind.
    """
    publisher = rt.publishers[channel.platform]
    ids = {"channel": channel.name, "delivery": delivery_id}
    for number in range(start, len(parts)):
        key = f"d{delivery_id}p{number}"
        try:
            if uncertain and number == start:
                message_id = await publisher.resend(channel, parts[number], key=key)
            else:
                message_id = await publisher.send(channel, parts[number], key=key)
        except PublishError as exc:
            with rt.store.session() as session:
                ledger.mark_failed(session, delivery_id, exc.reason, permanent=exc.permanent, now=rt.now())
            log.error("channel %s: delivery %s failed: %s", channel.name, delivery_id, exc.reason, extra=ids)
            return Outcome(channel.name, "failed" if exc.permanent else "pending", articles, delivery_id, exc.reason)
        except Exception as exc:
            # An unexpected error is treated as transient: the row stays pending and is retried, never dropped.
            log.exception("channel %s: delivery %s: unexpected error", channel.name, delivery_id, extra=ids)
            with rt.store.session() as session:
                ledger.mark_failed(session, delivery_id, f"unexpected error: {exc}", permanent=False, now=rt.now())
            return Outcome(channel.name, "pending", articles, delivery_id, str(exc))
        if _DELAY_AFTER_POST:
            await asyncio.sleep(_DELAY_AFTER_POST)
        with rt.store.session() as session:
            ledger.record_part(session, delivery_id, message_id)
    with rt.store.session() as session:
        ledger.mark_sent(session, delivery_id, rt.now())
    log.info("channel %s: delivery %s sent in %d message(s)", channel.name, delivery_id, len(parts), extra=ids)
    return Outcome(channel.name, "sent", articles, delivery_id)


async def resolve_pending(rt: Runtime, *, due_only: bool = False) -> list[Outcome]:
    """Finish deliveries left pending by a crash or a transient failure, before anything new is posted."""
    now = rt.now()
    with rt.store.session() as session:
        pending = [
            (d.id, d.channel, list(d.payload), d.parts_sent, d.article_count)
            for d in ledger.pending_deliveries(session, due_before=now if due_only else None)
        ]
    outcomes = []
    for delivery_id, name, parts, sent, articles in pending:
        channel = next((c for c in rt.config.channels if c.name == name), None)
        if channel is None or channel.platform not in rt.publishers:
            reason = "channel no longer in the config" if channel is None else f"no {channel.platform} connection"
            with rt.store.session() as session:
                ledger.mark_failed(session, delivery_id, reason, permanent=True)
            outcomes.append(Outcome(name, "failed", articles, delivery_id, reason))
            continue
        log.info(
            "channel %s: resuming delivery %s at part %d", name, delivery_id, sent, extra={"delivery": delivery_id}
        )
        outcomes.append(
            await post_parts(rt, channel, delivery_id, parts, articles=articles, start=sent, uncertain=True)
        )
    return outcomes
