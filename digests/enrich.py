"""What ingest attaches to each new article: its figures and quotes, the topics it is about, and where each
figure belongs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from digests.config.models import Topic
from digests.extract import extract
from digests.figure_scope import place_figures
from digests.ingest import Enrich, Enrichment
from digests.relevance import Relevance


def make_enrich(topics: Mapping[str, Topic]) -> Enrich:
    relevance = Relevance(topics)

    def enrich(title: str, text: str, published: datetime | None) -> Enrichment:
        extraction = extract(text)
        spans = [(f.start, f.end) for f in extraction.figures]
        about = relevance.topics(title, text, spans)
        names = tuple(s.topic for s in about)
        year = published.year if published else None
        return Enrichment(
            extraction=extraction,
            topics=names,
            scores=tuple(round(s.score, 3) for s in about),
            places=place_figures(relevance, text, extraction.figures, names, year),
        )

    return enrich
