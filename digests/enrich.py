"""What ingest attaches to each new article: its figures and quotes, and the topics it belongs to."""

from __future__ import annotations

from collections.abc import Mapping

from digests.config.models import Topic
from digests.extract import extract
from digests.ingest import Enrich, Enrichment
from digests.topics import TopicMatcher


def make_enrich(topics: Mapping[str, Topic]) -> Enrich:
    matcher = TopicMatcher(topics)

    def enrich(title: str, text: str) -> Enrichment:
        return Enrichment(extraction=extract(text), topics=matcher.match(title, text))

    return enrich
