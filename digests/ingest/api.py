"""The ingest stage's public types: what to ingest, the enrichment hook, and what came of a run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from digests.model import Extraction

Status = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True)
class SourceSpec:
    """One feed to ingest."""

    name: str  # unique key of the source in the store (config feed name, or the URL/path given on the CLI)
    url: str  # http(s) URL or a local file path (file:// too)
    # On a source's first ingest: None = every entry counts as new, timedelta(0) = none does,
    # else entries published within the window (undated entries count as new).
    backfill: timedelta | None = timedelta(hours=24)
    # When an entry carries only a short summary, fetch its page and extract the text with trafilatura.
    fetch_pages: bool = False
    title: str | None = None  # the name readers see; None: the feed's own title


@dataclass(frozen=True)
class FigurePlace:
    """Where one extracted figure belongs: its topic, incident or running total, and why it is no conflict
    figure (None when it is one); `where` names a place or setting the count's own words give for the people
    counted when it is not the topic's own ("10 people in Israel" in an Iran-war story, "in shelters")."""

    topic: str | None
    scope: str | None
    rejected: str | None
    where: str | None = None
    anchors: str | None = None  # an incident's site and town, "minab school" (digests/anchors.py)
    released: bool = False  # people held whose release the count's words tell ("freed", "in a swap")


@dataclass(frozen=True)
class Enrichment:
    extraction: Extraction
    topics: tuple[str, ...]  # the topics the article is about, most relevant first
    scores: tuple[float, ...] = ()  # the relevance of each of `topics`, when scored
    places: tuple[FigurePlace, ...] = ()  # one per extraction.figures, when placed


# (title, text, published, language) -> what the extractor and topic scoring found; language is the article's
# primary language tag ("en", "fr"), None when unknown. Called from a worker thread, one article at a time.
Enrich = Callable[[str, str, datetime | None, str | None], Enrichment]


# (title, summary) -> whether a summary-only entry is worth fetching its page for: could a topic claim it?
PageFilter = Callable[[str, str], bool]


@dataclass(frozen=True)
class SourceResult:
    source: str
    status: Status
    items: int  # entries in the feed
    new: int  # articles stored that count as new (first-ingest backfill stores older ones as not new)
    duplicates: int  # entries already stored, or repeated within the feed
    # Why the source failed; with status "ok", a note on what was recovered from (malformed feed,
    # entries the enrich hook failed on).
    error: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "items": self.items,
            "new": self.new,
            "duplicates": self.duplicates,
            "error": self.error,
        }


@dataclass(frozen=True)
class IngestReport:
    sources: tuple[SourceResult, ...]
    new_article_ids: tuple[int, ...]

    def as_json(self) -> dict[str, object]:
        return {"sources": [s.as_json() for s in self.sources], "new": len(self.new_article_ids)}
