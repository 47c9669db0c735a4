"""The scheduled jobs: poll a feed (with backoff, pause and resume), post a channel's digest for its window,
retry deliveries that failed for a passing reason, and tell the admins what they need to know."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.actions import run_ingest
from bot.commands.present import present
from bot.commands.reply import Reply
from bot.deliver import Outcome, deliver, resolve_pending
from bot.leases import kept
from bot.publish import PublishError
from bot.runtime import Runtime, source_spec
from bot.schedule import last_fire, window_key
from digests import claims, polling
from digests.config.models import Channel, Feed
from digests.store.schema import Delivery

log = logging.getLogger("sitrep.jobs")
# A feed's poll is claimed for this share of its interval (the scheduler's jitter, a tenth, fits inside).
POLL_CLAIM = 0.85


def describe(outcome: Outcome) -> str:
    if outcome.status == "sent":
        return f"posted a digest of {outcome.articles} article(s)"
    if outcome.status == "nothing_new":
        return "nothing new since the last digest — nothing posted"
    if outcome.status == "already_delivered":
        return "this digest was already delivered — nothing posted"
    if outcome.status == "busy":
        return "another replica is building this channel's digest — nothing posted here"
    return f"{outcome.status}: {outcome.error}"


async def notify_admins(rt: Runtime, title: str, lines: tuple[str, ...], *, key: str) -> None:
    """A short notice to the admins' channel, if the config names one; failing to notify is only logged."""
    log.warning("%s: %s", title, " ".join(lines))
    name = rt.config.admins.channel
    channel = next((c for c in rt.config.channels if c.name == name), None) if name else None
    if channel is None or channel.platform not in rt.publishers:
        return
    publisher = rt.publishers[channel.platform]
    try:
        for part in present(Reply(title, lines=lines, error=True), publisher.format):  # type: ignore[arg-type]
            await publisher.send(channel, part, key=key[:25])
    except PublishError as exc:
        log.error("could not tell the admins in %s: %s", channel.name, exc.reason)


async def poll_feed(rt: Runtime, feed: Feed) -> None:
    """Fetch one feed unless it is backing off; after the fetch, schedule the next try and pause or resume."""
    now = rt.now()
    key, interval = f"feed:{feed.name}", feed.every * POLL_CLAIM
    with rt.store.session() as session:
        due = polling.due_at(session, feed.name)
        # Of the replicas polling this feed, the one that claims this interval fetches it; a replica's own
        # next poll comes `every` later less the scheduler's jitter, after its claim has run out.
        claimed = (due is None or due <= now) and claims.claim(
            session, key, rt.owner, until=now + max(interval, rt.lease), now=now
        )
    if not claimed:
        return
    # The claim holds while the poll runs, however long, and then until the interval's share is up.
    async with kept(rt, lambda s: claims.renew(s, key, rt.owner, rt.now() + rt.lease)):
        report = await run_ingest(rt, [source_spec(feed)])
    with rt.store.session() as session:
        claims.renew(session, key, rt.owner, now + interval)
    result = report.sources[0]
    ids = {"source": feed.name, "job": f"feed:{feed.name}"}
    if result.status == "error":
        log.warning("feed %s: %s", feed.name, result.error, extra=ids)
    else:
        log.info(
            "feed %s: %s, %d new article(s)%s",
            feed.name,
            result.status,
            result.new,
            f" (ids {', '.join(map(str, report.new_article_ids))})" if report.new_article_ids else "",
            extra=ids,
        )
    with rt.store.session() as session:
        change = polling.after_poll(
            session, feed.name, every=feed.every, pause_after=rt.config.fetch.pause_after, now=rt.now()
        )
    if change is not None and change.change == "paused":
        await notify_admins(
            rt,
            f"Feed {feed.name} paused",
            (
                f"{change.failures} failures in a row; the last: {change.reason}.",
                f"It is probed every {int(polling.MAX_BACKOFF.total_seconds() // 60)} min and resumes on its own "
                "when it answers; /reload resumes it now.",
            ),
            key=f"pause-{feed.name}",
        )
    elif change is not None:
        log.info("feed %s: answering again, resumed", feed.name, extra=ids)


async def digest_job(rt: Runtime, channel: Channel) -> None:
    """A channel's scheduled digest; its window is the due time it fired for, so a repeat finds its row."""
    due = last_fire(channel, rt.now(), lookback=timedelta(minutes=5)) or rt.now()
    await deliver_window(rt, channel, window_key(due))


async def deliver_window(rt: Runtime, channel: Channel, window: str) -> Outcome:
    outcome = await deliver(rt, channel, window=window, scheduled=True)
    log.info("channel %s: %s", channel.name, describe(outcome), extra={"channel": channel.name, "window": window})
    return outcome


async def catch_up(rt: Runtime, channel: Channel) -> Outcome | None:
    """After downtime: the latest digest missed within the channel's grace is sent once; older ones skipped."""
    now = rt.now()
    due = last_fire(channel, now, lookback=channel.grace)
    if due is None:
        return None
    window = window_key(due)
    with rt.store.session() as session:
        done = session.query(Delivery.id).filter_by(channel=channel.name, window=window).first()
    if done is not None:
        return None
    log.info("channel %s: sending the digest missed at %s", channel.name, window, extra={"window": window})
    return await deliver_window(rt, channel, window)


async def retry_deliveries(rt: Runtime) -> None:
    """Deliveries that failed for a passing reason, once their backoff has run out."""
    for outcome in await resolve_pending(rt, due_only=True):
        log.info("channel %s: retried delivery %s: %s", outcome.channel, outcome.delivery_id, describe(outcome))
