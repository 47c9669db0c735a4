"""What ingest attaches to each new article: its figures and quotes, and the topics it belongs to."""

from __future__ import annotations

from collections.abc import Mapping

from digests.config.models import Topic
from digests.extract import extract
from digests.ingest import Enrich, Enrichment, PageFilter
from digests.topics import TopicMatcher


def make_enrich(topics: Mapping[str, Topic]) -> Enrich:
    matcher = TopicMatcher(topics)

    def enrich(title: str, text: str) -> Enrichment:
        return Enrichment(extraction=extract(text), topics=matcher.match(title, text))

    return enrich


def page_filter(topics: Mapping[str, Topic]) -> PageFilter | None:
    """Whether a summary-only entry's page is worth reading: a topic's term is in its title or summary.
    None without topics (nothing to choose by)."""
    if not topics:
        return None
    matcher = TopicMatcher(topics)

    def wants(title: str, summary: str) -> bool:
        return bool(matcher.match(title, summary))

    return wants
