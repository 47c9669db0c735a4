"""The scheduled jobs: poll a feed (with backoff, pause and resume), post a channel's digest for its window,
retry deliveries that failed for a passing reason, and tell the admins what they need to know."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.actions import run_ingest
from bot.commands.present import present
from bot.commands.reply import Reply
from bot.deliver import Outcome, deliver, resolve_pending
from bot.leases import kept, promptly
from bot.publish import PublishError
from bot.runtime import Runtime, source_spec
from bot.schedule import last_fire, window_key
from digests import claims, polling
from digests.config.models import Channel, Feed
from digests.store.schema import Delivery

log = logging.getLogger("sitrep.jobs")


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
    """Fetch one feed once in each interval of its polls, unless it is backing off; after the fetch, schedule
    the next try and pause or resume.

    Every replica's scheduler fires at the start of each interval (`polling.interval_of`); the first to claim
    the feed's lease fetches it and the others skip. The claim lasts to the interval's end and, while the fetch
    runs, a lease at least, renewed; a replica that dies mid-fetch holds the feed a lease at most."""
    key = f"feed:{feed.name}"

    def claim(session: Session) -> tuple[datetime, datetime] | None:
        """The interval claimed; None when the feed is not due or another replica holds it."""
        now = rt.lease_now(session)
        due = polling.due_at(session, feed.name)
        start, end = polling.interval_of(feed.every, now)
        if (due is None or due <= now) and claims.claim(
            session, key, rt.owner, until=max(end, now + rt.lease), now=now
        ):
            return start, end
        return None

    claimed = await promptly(rt.store, claim)
    if claimed is None:
        return
    start, end = claimed
    async with kept(rt, lambda s: claims.renew(s, key, rt.owner, rt.lease_now(s) + rt.lease)):
        report = await run_ingest(rt, [source_spec(feed)])

    def done(session: Session) -> polling.Transition | None:
        # The interval is done: its claim runs out at its end (at once when the fetch outlasted it).
        claims.renew(session, key, rt.owner, end)
        return polling.after_poll(
            session, feed.name, every=feed.every, pause_after=rt.config.fetch.pause_after, now=rt.lease_now(session)
        )

    change = await promptly(rt.store, done)
    result = report.sources[0]
    ids = {"source": feed.name, "job": f"feed:{feed.name}", "interval": start.isoformat()}
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
