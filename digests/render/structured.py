"""The digest as one JSON object (`sitrep digest --format json`): everything the channel would be shown, in
the shape DESIGN.md sets out, for scripts and checks to read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from digests.digest.model import ArticleRef, Claim, Digest, FigureGroup, QuoteItem, Story


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _article(a: ArticleRef) -> dict[str, Any]:
    return {
        "id": a.id,
        "url": a.canonical or a.url,
        "link": a.url,
        "title": a.title,
        "source": a.source,
        "published_at": _iso(a.published_at),
        "topics": list(a.topics),
        "story": a.story,
        "relevance": a.relevance,
    }


def _story(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "articles": [a.id for a in s.articles], "sources": list(s.sources)}


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "min": c.min,
        "max": c.max,
        "qualifier": c.qualifier,
        "claimant": c.claimant,
        "via": c.article.source,
        "article_url": c.article.canonical or c.article.url,
        "span": c.span,
        "start": c.start,
        "end": c.end,
        "published_at": _iso(c.article.published_at),
        "change": c.change,
        "change_since": _iso(c.change_since),
        # In one incident's line whose claims count people in other words: whom this claim counts.
        "counted": c.counted,
        "also_claimed_by": list(c.also),
    }


def _figure(g: FigureGroup) -> dict[str, Any]:
    return {
        "actor": g.actor,
        "kind": g.kind,
        "released": g.released,
        "scope": g.scope,
        "topic": g.topic,
        "event": g.event.title if g.event else None,
        "claims": [_claim(c) for c in g.claims],
    }


def _quote(q: QuoteItem) -> dict[str, Any]:
    return {"text": q.text, "speaker": q.speaker, "article_url": q.article.canonical or q.article.url}


def _body(d: Digest) -> dict[str, Any]:
    return {
        "articles": [_article(a) for a in d.articles],
        "stories": [_story(s) for s in d.stories],
        "figures": [_figure(g) for g in d.figures],
        "quotes": [_quote(q) for q in d.quotes],
    }


def digest_json(digest: Digest) -> dict[str, Any]:
    """One object per channel. A digest of several topics lists every section's items at the top level (each
    figure names its topic) and each section under `sections`."""
    head: dict[str, Any] = {
        "channel": digest.channel,
        "topics": list(digest.topics),
        "title": digest.title,
        "generated_at": _iso(digest.generated_at),
        "since": _iso(digest.since),
        "article_count": digest.article_count,
    }
    if not digest.sections:
        return {**head, **_body(digest)}
    merged: dict[str, list[Any]] = {"articles": [], "stories": [], "figures": [], "quotes": []}
    seen: dict[str, set[Any]] = {"articles": set(), "stories": set()}
    for section in digest.sections:
        body = _body(section)
        for key in merged:
            for item in body[key]:
                if key in seen:
                    if item["id"] in seen[key]:
                        continue
                    seen[key].add(item["id"])
                merged[key].append(item)
    sections = [{"topic": s.topics[0], "title": s.title, **_body(s)} for s in digest.sections]
    return {**head, **merged, "sections": sections}
