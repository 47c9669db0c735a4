"""The slash commands themselves, written once: each takes an Invocation and returns a Reply."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.commands.args import parse_since
from bot.commands.reply import Invocation, Picture, Reply
from bot.commands.spec import BY_NAME
from bot.deliver import CHART_WINDOW, deliver, next_digest
from bot.runtime import Runtime
from digests import ledger, queries
from digests.chart import ChartData, chart_data, draw
from digests.config.models import Channel
from digests.digest.model import ArticleRef, Digest, FigureGroup, QuoteItem
from digests.explain import explain_lines
from digests.store.schema import Delivery

log = logging.getLogger("sitrep.commands")
Handler = Callable[[Runtime, Invocation], Awaitable[Reply]]


def _topic_list(rt: Runtime) -> str:
    return ", ".join(f"`{name}`" for name in rt.config.topics) or "none configured"


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _answer(
    rt: Runtime,
    title: str,
    topics: list[str] | None,
    since: datetime,
    *,
    figures: tuple[FigureGroup, ...] = (),
    quotes: tuple[QuoteItem, ...] = (),
) -> Reply:
    """A digest-shaped answer: the figures or quotes asked for, and the articles they come from."""
    seen: dict[int, ArticleRef] = {}
    for group in figures:
        for claim in group.claims:
            seen.setdefault(claim.article.id, claim.article)
    for quote in quotes:
        seen.setdefault(quote.article.id, quote.article)
    digest = Digest(
        title=title,
        topics=tuple(topics or ()),
        generated_at=_minute(rt.now()),
        since=since,
        figures=figures,
        quotes=quotes,
        articles=tuple(seen.values()),
        article_count=len(seen),
    )
    return Reply(title, digest=digest)


def channel_for(rt: Runtime, inv: Invocation) -> Channel | None:
    for channel in rt.config.channels:
        if channel.platform == inv.platform and channel.id == inv.channel_id:
            return channel
    return None


def _scope(rt: Runtime, inv: Invocation, about: str | None) -> tuple[list[str] | None, str]:
    """Which topics a query covers, and how to name them: the one asked for, else the channel's, else all."""
    if about and about.lower() in rt.config.topics:
        return [about.lower()], rt.topic_title([about.lower()])
    channel = channel_for(rt, inv)
    if channel is not None:
        return list(channel.topics), rt.topic_title(channel.topics)
    return None, "all topics"


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _window_start(text: str | None, now: datetime) -> datetime:
    """Where an answer's window starts, to the minute (as its title shows it): the same question asked within a
    minute is the same question, answered once while the store is unchanged (rt.answers), and an answer is
    made at its minute (as digests show their time), so it is rendered once too (present)."""
    return _minute(parse_since(text, now))


# `/casualties … chart` draws at most this many topics (a channel's first ones); name a topic for another.
MAX_CHARTS = 3


async def _pictures(
    rt: Runtime, topics: list[str] | None, actor: str | None, since: datetime
) -> tuple[tuple[Picture, ...], str | None]:
    """Charts of the topics' tolls since `since` (only `actor`'s, when one is asked for), or why there are none."""
    if not topics:
        return (), f"Name a topic to draw its chart: {_topic_list(rt)}."
    shown = topics[:MAX_CHARTS]

    def look(session: Session) -> list[ChartData]:
        return [chart_data(session, t, rt.topic_title([t]), since=since, until=rt.now(), actor=actor) for t in shown]

    drawable = [data for data in await rt.store.call(look) if data.points]
    if not drawable:
        return (), f"No running totals or incident tolls to draw since {_when(since)}."
    # Drawing takes a few hundred milliseconds a chart: off the event loop.
    pngs = [await asyncio.to_thread(draw, data) for data in drawable]
    pictures = tuple(
        Picture(f"{data.title}: tolls by publication date", f"{data.topic}-trend.png", png)
        for data, png in zip(drawable, pngs, strict=True)
    )
    return pictures, None


async def casualties(rt: Runtime, inv: Invocation) -> Reply:
    about = inv.options.get("about")
    view = (inv.options.get("view") or "").strip().lower()
    if view not in ("", "chart"):
        raise ValueError(f"`{view}` is not a view: add `chart` to draw the tolls over time")
    since = _window_start(inv.options.get("since"), rt.now())
    topics, scope = _scope(rt, inv, about)
    actor = about if about and about.lower() not in rt.config.topics else None

    def look(session: Session) -> tuple[tuple[FigureGroup, ...], list[str]]:
        # An actor is looked up within the channel's topics: a Gaza channel asking for "civilians" means Gaza's.
        groups = queries.figures_since(session, since, topics=topics, actor=actor)
        return groups, queries.known_actors(session, limit=10) if not groups and actor else []

    question = ("casualties", tuple(topics or ()) if topics is not None else None, since, actor)
    groups, actors = await rt.store.call(lambda session: rt.answers.answer(session, question, look))
    pictures: tuple[Picture, ...] = ()
    why_none: str | None = None
    if view == "chart":
        # A trend needs more than a week: without a `since`, the chart spans what a digest's chart does.
        start = since if inv.options.get("since") else rt.now() - CHART_WINDOW
        pictures, why_none = await _pictures(rt, topics, actor, start)
    notes = (why_none,) if why_none else ()
    if not groups:
        if actor:
            hint = f"Known actors: {', '.join(actors)}." if actors else "No figures are stored yet."
            return Reply(
                f"No figures about “{actor}” since {_when(since)}",
                lines=(
                    f"“{actor}” is neither a topic nor an actor with recent figures.",
                    hint,
                    f"Topics: {_topic_list(rt)}.",
                    *notes,
                ),
                pictures=pictures,
            )
        return Reply(
            f"No figures for {scope} since {_when(since)}",
            lines=(f"Topics: {_topic_list(rt)}.", *notes),
            pictures=pictures,
        )
    answer = _answer(rt, f"Latest figures — {actor or scope}", topics, since, figures=groups)
    return replace(answer, lines=notes, pictures=pictures)


async def quotes(rt: Runtime, inv: Invocation) -> Reply:
    about = inv.options.get("about")
    since = _window_start(inv.options.get("since"), rt.now())
    topics, scope = _scope(rt, inv, about)
    speaker = about if about and about.lower() not in rt.config.topics else None

    def look(session: Session) -> tuple[tuple[QuoteItem, ...], list[str]]:
        items = queries.quotes_since(session, since, topics=None if speaker else topics, speaker=speaker)
        return items, queries.known_speakers(session, limit=10) if not items and speaker else []

    question = ("quotes", tuple(topics or ()) if topics is not None and not speaker else None, since, speaker)
    items, speakers = await rt.store.call(lambda session: rt.answers.answer(session, question, look))
    if not items:
        lines = [f"Topics: {_topic_list(rt)}."]
        if speaker:
            lines.insert(0, f"Known speakers: {', '.join(speakers)}." if speakers else "No quotes are stored yet.")
        return Reply(
            f"No quotes {'by “' + speaker + '”' if speaker else 'for ' + scope} since {_when(since)}",
            lines=tuple(lines),
        )
    return _answer(rt, f"Recent quotes — {speaker or scope}", topics, since, quotes=items)


# A chat answer has room for the newest few; `sitrep digest --explain` lists them all.
_WHY_ARTICLES = 12
# How long what changes without a new article (a source's state, a delivery) is kept for answers, unless this
# process polls (or posts, for /digest post) before: another replica's polls and deliveries show this late.
STATE_FOR = 5.0


async def digest(rt: Runtime, inv: Invocation) -> Reply:
    channel = channel_for(rt, inv)
    topic = inv.options.get("topic")
    if topic and topic.lower() not in rt.config.topics:
        return Reply(f"Unknown topic “{topic}”", lines=(f"Topics: {_topic_list(rt)}.",))
    if inv.options.get("action") == "post":
        if not rt.is_admin(inv):
            return Reply("Only admins can post a digest", lines=("Ask an admin, or use `/digest` to see it yourself.",))
        if channel is None:
            return Reply("This channel gets no digests", lines=("Add it to `channels` in the config first.",))
        outcome = await deliver(rt, channel, window=f"manual-{rt.now().isoformat(timespec='seconds')}")
        rt.answers.changed()  # what the channel has been sent changed: no kept preview holds
        if outcome.status == "sent":
            return Reply("Digest posted", lines=(f"Posted {outcome.articles} article(s) to this channel.",))
        if outcome.status == "nothing_new":
            return Reply("Nothing new to post", lines=("Nothing new since the last digest.",))
        return Reply("The digest could not be posted", lines=(outcome.error or outcome.status,), error=True)
    if channel is None and not topic:
        return Reply("This channel gets no digests", lines=(f"Try `/digest TOPIC`; topics: {_topic_list(rt)}.",))
    topics = [topic.lower()] if topic else list(channel.topics)  # type: ignore[union-attr]
    since = None if channel else rt.now() - timedelta(days=1)
    if inv.options.get("action") == "why":
        if not rt.is_admin(inv):
            return Reply("Only admins can see why", lines=("Use `/digest` to see the digest itself.",))

        def why(session: Session) -> list[str]:
            after = ledger.covered_up_to(session, channel.name) if channel else 0
            return explain_lines(session, rt.config.topics, topics, after_id=after, since=since, limit=_WHY_ARTICLES)

        lines = await rt.store.call(why)
        if not lines:
            return Reply(f"Why — {rt.topic_title(topics)}", lines=("No new article names a term of these topics.",))
        head = "Each new article naming a topic's term: IN or out, its score per topic (in at 0.50), term×count."
        return Reply(f"Why — {rt.topic_title(topics)}", lines=(head, *lines))

    minute = _minute(rt.now())

    def covered(session: Session) -> int:
        # What the channel was sent changes with deliveries, not with the store's data stamp: kept a little while.
        assert channel is not None
        return ledger.covered_up_to(session, channel.name)

    def preview(session: Session) -> Digest:
        # The same preview while nothing new was stored or delivered: its question names what it is built from.
        after = rt.answers.answer(session, ("covered", channel.name), covered, ttl=STATE_FOR) if channel else 0
        question = ("digest", channel.name if channel else None, tuple(topics), since, after, *_digest_settings(rt))
        kept = rt.answers.answer(session, question, lambda s: next_digest(rt, s, topics, channel=channel, since=since))
        # And the same digest as made this minute: one object, so its rendering is found at once (present).
        return rt.answers.answer(session, (question, minute), lambda s: _generated(kept, minute))

    built = await rt.store.call(preview)
    return Reply(built.title, digest=built)


def _digest_settings(rt: Runtime) -> tuple[object, ...]:
    """What besides the store shapes a digest: its limits, first window and titles (a reload may change them)."""
    return (rt.limits, rt.config.digest.first_window, tuple((n, rt.topic_title([n])) for n in rt.config.topics))


def _generated(digest: Digest, now: datetime) -> Digest:
    """A kept digest as made now."""
    sections = tuple(replace(s, generated_at=now) for s in digest.sections)
    return replace(digest, generated_at=now, sections=sections)


async def topics(rt: Runtime, inv: Invocation) -> Reply:
    if not rt.config.topics:
        return Reply("No topics configured", lines=("Add some under `topics` in the config.",))
    lines = tuple(
        f"{name} — {topic.title or name}: matches {', '.join(topic.match)}" for name, topic in rt.config.topics.items()
    )
    return Reply("Topics", lines=lines)


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    seconds = int((now - moment).total_seconds())
    for size, unit in ((86400, "d"), (3600, "h"), (60, "m")):
        if seconds >= size:
            return f"{seconds // size}{unit} ago"
    return f"{max(seconds, 0)}s ago"


async def sources(rt: Runtime, inv: Invocation) -> Reply:
    now = rt.now()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)

    def look(session: Session) -> tuple[list[queries.SourceState], list[Delivery]]:
        # Today's counts change only with the articles (kept, rt.answers). The sources' states and the failed
        # deliveries change without one: this process's polls drop every kept answer; the rest shows within
        # STATE_FOR.
        today = rt.answers.answer(
            session, ("articles today", day_start), lambda s: queries.articles_today(s, day_start)
        )
        return rt.answers.answer(
            session,
            ("sources", day_start),
            lambda s: (queries.source_states(s, day_start, today), queries.failed_deliveries(s)),
            ttl=STATE_FOR,
        )

    states, failed = await rt.store.call(look)
    lines = []
    for s in states:
        state = "gone (410)" if s.gone else "paused" if s.paused else s.status or "not fetched yet"
        line = f"{s.name}: {state} · last success {_ago(s.last_success_at, now)} · {s.articles_today} article(s) today"
        if s.other_languages_today:
            # The extractor reads English: say why these articles carry no figures.
            count = sum(n for _, n in s.other_languages_today)
            languages = ", ".join(f"{language} {n}" for language, n in s.other_languages_today)
            line += f" ({count} not in English: {languages}; figures and quotes come from English articles only)"
        if s.error:
            line += f" · last error: {s.error}" + (f" ({s.failures} in a row)" if s.failures else "")
        lines.append(line)
    lines += [f"delivery to {d.channel} ({d.window}) {d.status}: {d.error}" for d in failed]
    if not lines:
        return Reply("No sources yet", lines=("No feed has been fetched; check `feeds` in the config.",))
    return Reply("Sources", lines=tuple(lines))


async def reload(rt: Runtime, inv: Invocation) -> Reply:
    if not rt.is_admin(inv):
        return Reply("Only admins can reload the configuration", lines=("Ask an admin.",))
    if rt.reloader is None:
        return Reply("Reload is not available here", lines=("Only the running bot can reload its config.",))
    problems = await rt.reloader()
    if problems:
        return Reply("The configuration has errors; still running the last good one", lines=tuple(problems), error=True)
    return Reply("Configuration reloaded", lines=("Feeds, topics and schedules now follow the file.",))


HANDLERS: dict[str, Handler] = {
    "casualties": casualties,
    "quotes": quotes,
    "digest": digest,
    "topics": topics,
    "sources": sources,
    "reload": reload,
}
assert set(HANDLERS) == set(BY_NAME), "every declared command has a handler"


async def dispatch(rt: Runtime, inv: Invocation) -> Reply:
    """Run a command; every failure becomes a reply the user sees, never silence."""
    handler = HANDLERS.get(inv.command)
    if handler is None:
        return Reply(
            f"Unknown command /{inv.command}",
            lines=(f"Commands: {', '.join('/' + c for c in HANDLERS)}.",),
            error=True,
        )
    if BY_NAME[inv.command].admin and not rt.is_admin(inv):
        return Reply(f"/{inv.command} is for admins", lines=("Ask an admin.",))
    started = time.monotonic()
    try:
        return await handler(rt, inv)
    except ValueError as exc:
        return Reply("That didn't work", lines=(str(exc), f"Usage: {BY_NAME[inv.command].usage}"), error=True)
    except Exception:
        log.exception("command /%s failed", inv.command)
        return Reply("Something went wrong", lines=("The error was logged; try again in a moment.",), error=True)
    finally:
        rt.metrics.command_seconds.labels(inv.command, inv.platform).observe(time.monotonic() - started)


async def suggest(rt: Runtime, command: str, option: str, prefix: str) -> list[str]:
    """Autocomplete choices for an option: topic names, then actors or speakers from the store."""
    spec = next((o for o in BY_NAME[command].options if o.name == option), None)
    if spec is None or spec.suggest is None:
        return []
    if spec.suggest == "digest_action":
        return ["post", "why"]
    if spec.suggest == "casualties_view":
        return ["chart"]
    low = prefix.lower()
    names = [t for t in rt.config.topics if low in t]
    if spec.suggest == "topic_or_actor":
        names += await rt.store.call(lambda session: queries.known_actors(session, prefix))
    elif spec.suggest == "topic_or_speaker":
        names += await rt.store.call(lambda session: queries.known_speakers(session, prefix))
    return names[:25]
