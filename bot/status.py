"""`sitrep status`: the admin's answer to "why didn't it post?" — sources, next runs, deliveries."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.runtime import Runtime
from bot.schedule import next_fire
from digests import ledger, polling, queries


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def status(rt: Runtime) -> dict[str, Any]:
    now = rt.now()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with rt.store.session() as session:
        states = {s.name: s for s in queries.source_states(session, day_start)}
        fetched = queries.fetch_times(session)
        sources = []
        for feed in rt.config.feeds:
            state = states.get(feed.name)
            last_attempt, due = fetched.get(feed.name, (None, None))
            # A feed that answered 410 is not fetched again until its URL changes.
            gone = bool(state and state.gone)
            sources.append(
                {
                    "name": feed.name,
                    "url": feed.url,
                    "state": (
                        "gone"
                        if state and state.gone
                        else "paused"
                        if state and state.paused
                        else (state.status if state and state.status else "not fetched yet")
                    ),
                    "last_success": _iso(state.last_success_at) if state else None,
                    "last_error": state.error if state else None,
                    "last_error_at": _iso(state.last_error_at) if state else None,
                    "failures_in_a_row": state.failures if state else 0,
                    "articles_today": state.articles_today if state else 0,
                    "next_fetch": None if gone else _iso(polling.next_poll(feed.every, last_attempt, due, now)),
                }
            )
        channels = []
        for channel in rt.config.channels:
            last = ledger.last_delivery(session, channel.name)
            channels.append(
                {
                    "name": channel.name,
                    "platform": channel.platform,
                    "schedule": f"{channel.schedule} ({channel.timezone})",
                    "next_digest": _iso(next_fire(channel, now)),
                    "last_delivery": None
                    if last is None
                    else {
                        "window": last.window,
                        "status": last.status,
                        "articles": last.article_count,
                        "at": _iso(last.sent_at or last.created_at),
                        "error": last.error,
                    },
                }
            )
        pending = [
            {"channel": d.channel, "window": d.window, "attempts": d.attempts, "error": d.error}
            for d in ledger.pending_deliveries(session)
        ]
        failed = [
            {"channel": d.channel, "window": d.window, "error": d.error}
            for d in queries.failed_deliveries(session)
            if d.status == "failed"
        ]
    return {"sources": sources, "channels": channels, "pending_deliveries": pending, "failed_deliveries": failed}


def format_status(report: dict[str, Any]) -> str:
    lines = ["Sources:"]
    for s in report["sources"] or []:
        line = f"  {s['name']}: {s['state']}, last success {s['last_success'] or 'never'}, next fetch {s['next_fetch'] or 'never'}"
        if s["last_error"]:
            line += f"\n    last error: {s['last_error']} ({s['failures_in_a_row']} in a row)"
        lines.append(line)
    if not report["sources"]:
        lines.append("  none configured")
    lines.append("Channels:")
    for c in report["channels"] or []:
        last = c["last_delivery"]
        done = "never delivered" if last is None else f"last {last['status']} {last['at']} ({last['window']})"
        lines.append(f"  {c['name']} [{c['platform']}] {c['schedule']}: next {c['next_digest']}, {done}")
        if last and last["error"]:
            lines.append(f"    error: {last['error']}")
    if not report["channels"]:
        lines.append("  none configured")
    for key, title in (("pending_deliveries", "Pending deliveries"), ("failed_deliveries", "Failed deliveries")):
        if report[key]:
            lines.append(f"{title}:")
            lines += [f"  {d['channel']} {d['window']}: {d.get('error') or 'waiting'}" for d in report[key]]
    return "\n".join(lines)


def status_command(rt: Runtime, *, as_json: bool) -> str:
    report = status(rt)
    return json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_status(report)
