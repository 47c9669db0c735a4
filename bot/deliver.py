"""Delivers one channel's digest through the ledger: build, render, record as pending, post, mark sent —
and finishes deliveries a crash or a transient failure left pending."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from bot.leases import kept
from bot.publish import PublishError
from bot.runtime import Runtime
from digests import claims, ledger
from digests.chart import ChartData, chart_data, chart_part, draw
from digests.config.models import Channel
from digests.digest.build import build_sections
from digests.digest.model import Digest
from digests.render import render
from digests.windows import first_digest_start

log = logging.getLogger("sitrep.deliver")
# Fault injection for bench/crash_test.py: hold each post's outcome this long before the ledger hears of
# it, so that a kill lands between the post and the ledger update often enough to prove recovery.
_DELAY_AFTER_POST = float(os.environ.get("SITREP_TEST_DELAY_AFTER_POST", "0") or 0)
# A digest's chart shows its topic's tolls over this long, up to the digest.
CHART_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class Outcome:
    channel: str
    status: str  # sent | nothing_new | already_delivered | busy | failed | pending
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
    building = f"digest:{channel.name}"
    color = rt.topic_color(channel.topics[0])

    def make(session: Session) -> tuple[Digest, list[dict[str, Any]], list[ChartData]]:
        digest = next_digest(rt, session, channel.topics, channel=channel)
        if digest.empty:
            return digest, [], []
        parts = render(digest, publisher.format, rt.config.templates, color=color)  # type: ignore[arg-type]
        return digest, parts, digest_charts(rt, session, digest) if publisher.charts else []

    # Built and rendered in a store worker thread: a digest over many articles never holds the event loop.
    def build(session: Session) -> tuple[Digest, list[dict[str, Any]], list[ChartData]] | str:
        # One replica at a time builds a channel's digest: the claim's row stays locked until this
        # transaction ends (a dead replica's with it), so the next digest starts after this one's articles.
        leased = rt.lease_now(session)
        if not claims.claim(session, building, rt.owner, until=leased + rt.lease, now=leased):
            return "busy"
        ledger.settle_articles(session)
        # Channels due together that follow the same topics from the same point get the same digest: it is
        # built once (kept while the store is unchanged, within the minute) and addressed to each channel.
        after_id = ledger.covered_up_to(session, channel.name)
        question = (
            "delivery",
            tuple(channel.topics),
            after_id,
            None if after_id else first_digest_start(session, rt.config.digest.first_window),
            now.replace(second=0, microsecond=0),
            publisher.format,
            color,
            publisher.charts,
            # What a reloaded config could change in the digest.
            rt.limits,
            rt.topic_title(channel.topics),
            rt.config.templates,
        )
        digest, parts, charts = rt.answers.answer(session, question, make)
        claims.release(session, building, rt.owner)
        if digest.empty and not (scheduled and channel.nothing_new):
            return "nothing_new"
        digest = replace(digest, channel=channel.name)
        if not parts:  # an empty digest, posted as "nothing new"
            parts = render(digest, publisher.format, rt.config.templates, color=color)  # type: ignore[arg-type]
        return digest, list(parts), charts

    built = await rt.store.call(build)
    if built == "busy":
        return Outcome(channel.name, "busy", error="another replica is building this channel's digest")
    if isinstance(built, str):
        return Outcome(channel.name, "nothing_new")
    digest, parts, charts = built
    # Drawn off the loop (a chart takes a few hundred milliseconds), then kept in the ledger with the digest:
    # a retry posts the picture the digest was sent with.
    for data in charts:
        try:
            parts.append(chart_part(data, await asyncio.to_thread(draw, data)))
        except Exception:
            # A chart that cannot be drawn costs the digest its picture, never the digest.
            log.exception("channel %s: chart of %s not drawn", channel.name, data.topic)

    def record(session: Session) -> int | None:
        delivery = ledger.open_delivery(
            session,
            channel=channel.name,
            window=window or f"upto-{digest.last_article_id}",
            platform=channel.platform,
            payload=parts,
            last_article_id=digest.last_article_id,
            article_count=digest.article_count,
            now=now,
            owner=rt.owner,
            claimed_until=rt.lease_now(session) + rt.lease,
        )
        return delivery.id if delivery is not None else None

    # The delivery is recorded once its first post may go under the platform's limits: a wave of digests waits
    # for its turns holding no claims (none to renew, none left pending by a crash while waiting). And by a
    # quick call, so that claiming it never waits behind the other channels' digest builds.
    await publisher.turn(channel)
    delivery_id = await rt.store.call(record, quick=True)
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


def digest_charts(rt: Runtime, session: Session, digest: Digest) -> list[ChartData]:
    """A chart for each of the digest's topics that has enough points over the last CHART_WINDOW, drawn from
    what the digest covers (its articles and those before), by publication time."""
    charts = []
    for topic in digest.topics:
        data = chart_data(
            session,
            topic,
            rt.topic_title([topic]),
            since=digest.generated_at - CHART_WINDOW,
            until=digest.generated_at,
            upto_article_id=digest.last_article_id,
        )
        if data.enough:
            charts.append(data)
    return charts


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
    # A slow or rate-limited post can outlast a lease: the claim is renewed while this replica posts.
    async with kept(rt, lambda s: ledger.renew_claim(s, delivery_id, rt.owner, rt.lease_now(s) + rt.lease)) as lost:
        return await _post_claimed(
            rt, channel, delivery_id, parts, lost, articles=articles, start=start, uncertain=uncertain
        )


async def _post_claimed(
    rt: Runtime,
    channel: Channel,
    delivery_id: int,
    parts: list[dict[str, Any]],
    lost: asyncio.Event,
    *,
    articles: int,
    start: int,
    uncertain: bool,
) -> Outcome:
    publisher = rt.publishers[channel.platform]
    ids = {"channel": channel.name, "delivery": delivery_id}
    for number in range(start, len(parts)):
        key = f"d{delivery_id}p{number}"
        if lost.is_set():
            # Another replica took the delivery over (this one stalled past its lease): it finishes it.
            log.warning("channel %s: delivery %s taken over by another replica", channel.name, delivery_id, extra=ids)
            return Outcome(channel.name, "pending", articles, delivery_id, "taken over by another replica")
        started = time.monotonic()
        try:
            if uncertain and number == start:
                message_id = await publisher.resend(channel, parts[number], key=key)
            else:
                message_id = await publisher.send(channel, parts[number], key=key)
        except PublishError as exc:
            await _mark_failed(rt, delivery_id, exc.reason, permanent=exc.permanent)
            log.error("channel %s: delivery %s failed: %s", channel.name, delivery_id, exc.reason, extra=ids)
            status = "failed" if exc.permanent else "pending"
            rt.metrics.deliveries.labels(channel.platform, status).inc()
            return Outcome(channel.name, status, articles, delivery_id, exc.reason)
        except Exception as exc:
            # An unexpected error is treated as transient: the row stays pending and is retried, never dropped.
            log.exception("channel %s: delivery %s: unexpected error", channel.name, delivery_id, extra=ids)
            await _mark_failed(rt, delivery_id, f"unexpected error: {exc}", permanent=False)
            rt.metrics.deliveries.labels(channel.platform, "pending").inc()
            return Outcome(channel.name, "pending", articles, delivery_id, str(exc))
        rt.metrics.post_seconds.labels(channel.platform).observe(time.monotonic() - started)
        if "chart" in parts[number]:
            rt.metrics.charts.labels(channel.platform).inc()
        if _DELAY_AFTER_POST:
            await asyncio.sleep(_DELAY_AFTER_POST)
        recorded = partial(_record_part, rt, delivery_id=delivery_id, message_id=message_id)
        if not await rt.store.call(recorded, quick=True):
            lost.set()
    await rt.store.call(lambda s: ledger.mark_sent(s, delivery_id, rt.now()), quick=True)
    rt.metrics.deliveries.labels(channel.platform, "sent").inc()
    log.info("channel %s: delivery %s sent in %d message(s)", channel.name, delivery_id, len(parts), extra=ids)
    return Outcome(channel.name, "sent", articles, delivery_id)


async def _mark_failed(rt: Runtime, delivery_id: int, reason: str, *, permanent: bool) -> None:
    def failed(session: Session) -> None:
        ledger.mark_failed(session, delivery_id, reason, permanent=permanent, now=rt.lease_now(session), owner=rt.owner)

    await rt.store.call(failed, quick=True)


def _record_part(rt: Runtime, session: Session, *, delivery_id: int, message_id: str) -> bool:
    """A part posted, recorded while this replica still holds the delivery (its claim renewed on the database's
    clock); False when another replica has taken it over."""
    until = rt.lease_now(session) + rt.lease
    return ledger.record_part(session, delivery_id, message_id, owner=rt.owner, until=until)


def _claim_pending(
    rt: Runtime, session: Session, *, due_only: bool, skip: set[int]
) -> tuple[int, str, list[dict[str, Any]], int, int] | None:
    """The oldest pending delivery nobody holds, claimed: its id, channel, parts, parts sent and article count."""
    now = rt.lease_now(session)
    d = ledger.claim_pending(session, rt.owner, now=now, until=now + rt.lease, due_only=due_only, skip=skip)
    return None if d is None else (d.id, d.channel, list(d.payload), d.parts_sent, d.article_count)


async def resolve_pending(rt: Runtime, *, due_only: bool = False) -> list[Outcome]:
    """Finish deliveries left pending by a crash or a transient failure, before anything new is posted.

    Only those nobody holds: each is claimed first, so of several replicas exactly one resumes it; one whose
    replica died is free once that replica's claim runs out. `due_only`: not before its retry time."""
    outcomes: list[Outcome] = []
    handled: set[int] = set()
    while True:
        # One at a time: a claim taken now must not run out while the ones before it are posted.
        claimed = await rt.store.call(partial(_claim_pending, rt, due_only=due_only, skip=set(handled)), quick=True)
        if claimed is None:
            return outcomes
        delivery_id, name, parts, sent, articles = claimed
        handled.add(delivery_id)
        channel = next((c for c in rt.config.channels if c.name == name), None)
        if channel is None or channel.platform not in rt.publishers:
            reason = "channel no longer in the config" if channel is None else f"no {channel.platform} connection"
            failed = partial(ledger.mark_failed, delivery_id=delivery_id, reason=reason, permanent=True)
            await rt.store.call(failed, quick=True)
            outcomes.append(Outcome(name, "failed", articles, delivery_id, reason))
            continue
        log.info(
            "channel %s: resuming delivery %s at part %d", name, delivery_id, sent, extra={"delivery": delivery_id}
        )
        outcomes.append(
            await post_parts(rt, channel, delivery_id, parts, articles=articles, start=sent, uncertain=True)
        )
