"""What the one-shot CLI commands do: ingest sources and print the report, build and print a digest."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.commands.args import parse_since
from bot.deliver import next_digest
from bot.runtime import Runtime, source_spec, utcnow
from digests import ledger
from digests.chart import topic_chart
from digests.config.models import Channel, Config
from digests.explain import explain_relevance
from digests.ingest import IngestReport, SourceSpec, ingest
from digests.render import render
from digests.render.structured import digest_json
from digests.store.db import Store

# The render format each platform posts.
FORMATS = {"console": "text", "slack": "slack", "discord": "discord"}


async def run_ingest(rt: Runtime, specs: Sequence[SourceSpec]) -> IngestReport:
    report = await ingest(
        rt.store, specs, enrich=rt.enrich, settings=rt.config.fetch, now=rt.now, wants_page=rt.wants_page
    )
    rt.metrics.ingested(report, rt.store)
    rt.answers.changed()
    return report


def format_report(report: IngestReport) -> str:
    lines = []
    for r in report.sources:
        detail = f"{r.items} item(s), {r.new} new, {r.duplicates} duplicate(s)"
        if r.status == "error":
            detail = f"error: {r.error}"
        elif r.status == "not_modified":
            detail = "not modified since the last fetch"
        elif r.error:
            detail += f" (recovered: {r.error})"
        lines.append(f"{r.source}: {detail}")
    lines.append(f"{len(report.new_article_ids)} new article(s)")
    return "\n".join(lines)


async def ingest_command(config: Config, sources: Sequence[str], *, as_json: bool, fetch_pages: bool) -> int:
    rt = Runtime(config, Store(config.database))
    try:
        if sources:
            specs = [SourceSpec(name=s, url=s, backfill=None, fetch_pages=fetch_pages) for s in sources]
        else:
            specs = [source_spec(f) for f in config.feeds]
            if not specs:
                print("sitrep ingest: no feeds configured and no SOURCE given", file=sys.stderr)
                return 1
        report = await run_ingest(rt, specs)
    finally:
        rt.store.close()
    print(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if as_json else format_report(report))
    # Some sources failing is a report; all of them failing is a failed command.
    return 1 if report.sources and all(r.status == "error" for r in report.sources) else 0


def digest_command(
    config: Config, *, channel: str | None, topic: str | None, fmt: str | None, since: str, explain: bool = False
) -> int:
    rt = Runtime(config, Store(config.database))
    try:
        if topic is not None:
            if topic not in config.topics:
                known = ", ".join(config.topics) or "none configured"
                print(f"sitrep digest: unknown topic {topic!r} (topics: {known})", file=sys.stderr)
                return 1
            targets: list[tuple[Channel | None, list[str], str]] = [(None, [topic], fmt or "text")]
        else:
            channels = [config.channel(channel)] if channel else list(config.channels)
            if not channels:
                print("sitrep digest: no channels configured; use --topic NAME", file=sys.stderr)
                return 1
            targets = [(c, c.topics, fmt or FORMATS[c.platform]) for c in channels]
        try:
            window = parse_since(since, utcnow()) if topic is not None else None
        except ValueError as exc:
            print(f"sitrep digest: --since {exc}", file=sys.stderr)
            return 1
        out: list[object] = []
        for target, topics, target_fmt in targets:
            with rt.store.session() as session:
                digest = next_digest(rt, session, topics, channel=target, since=window)
                if explain:
                    after = ledger.covered_up_to(session, target.name) if target else 0
                    print(explain_relevance(session, rt.config.topics, topics, after_id=after, since=window))
            if target_fmt == "json":
                out.append(digest_json(digest))
                continue
            parts = render(digest, target_fmt, config.templates, color=rt.topic_color(topics[0]))  # type: ignore[arg-type]
            if target_fmt == "text":
                for part in parts:
                    print(str(part["text"]).rstrip() + "\n")
            else:
                out.append(parts)
        if target_fmt == "json" and len(out) > 1:
            # Several channels: one JSON array of their digests, so the output stays one JSON document.
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for payload in out:
                print(json.dumps(payload, ensure_ascii=False, indent=2))
    except KeyError:
        print(f"sitrep digest: unknown channel {channel!r}", file=sys.stderr)
        return 1
    finally:
        rt.store.close()
    return 0


def chart_command(config: Config, *, topic: str, since: str, out: str) -> int:
    if topic not in config.topics:
        known = ", ".join(config.topics) or "none configured"
        print(f"sitrep chart: unknown topic {topic!r} (topics: {known})", file=sys.stderr)
        return 1
    now = utcnow()
    try:
        window = parse_since(since, now)
    except ValueError as exc:
        print(f"sitrep chart: --since {exc}", file=sys.stderr)
        return 1
    rt = Runtime(config, Store(config.database))
    try:
        with rt.store.session() as session:
            png = topic_chart(session, topic, rt.topic_title([topic]), since=window)
    finally:
        rt.store.close()
    if png is None:
        print(f"sitrep chart: no running totals or incident tolls for {topic} since {since}", file=sys.stderr)
        return 1
    try:
        Path(out).write_bytes(png)
    except OSError as exc:
        print(f"sitrep chart: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{out}: {len(png):,} bytes")
    return 0
