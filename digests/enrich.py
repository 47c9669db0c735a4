"""What ingest attaches to each new article: its figures and quotes, and the topics it belongs to."""

from __future__ import annotations

from collections.abc import Mapping

from digests.config.models import Topic
from digests.extract import extract
from digests.ingest import Enrich, Enrichment, PageFilter
from digests.model import Extraction
from digests.topics import TopicMatcher


def make_enrich(topics: Mapping[str, Topic]) -> Enrich:
    matcher = TopicMatcher(topics)

    def enrich(title: str, text: str, language: str | None = None) -> Enrichment:
        # The extractor reads English: other languages keep their topics but yield no figures or quotes.
        extraction = extract(text) if language in (None, "en") else Extraction()
        return Enrichment(extraction=extraction, topics=matcher.match(title, text))

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
