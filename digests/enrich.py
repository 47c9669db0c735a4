"""What ingest attaches to each new article: its figures and quotes, the topics it is about, and where each
figure belongs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from digests.config.models import Topic
from digests.extract import extract
from digests.figure_scope import place_figures
from digests.ingest import Enrich, Enrichment, PageFilter
from digests.model import Extraction
from digests.relevance import Relevance


def make_enrich(topics: Mapping[str, Topic]) -> Enrich:
    relevance = Relevance(topics)

    def enrich(title: str, text: str, published: datetime | None, language: str | None = None) -> Enrichment:
        # The extractor reads English: other languages keep their topics but yield no figures or quotes.
        extraction = extract(text) if language in (None, "en") else Extraction()
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


def page_filter(topics: Mapping[str, Topic]) -> PageFilter | None:
    """Whether a summary-only entry's page is worth reading: a topic's term is in its title or summary.
    None without topics (nothing to choose by)."""
    if not topics:
        return None
    patterns = [terms.any for terms in Relevance(topics).terms.values()]

    def wants(title: str, summary: str) -> bool:
        return any(p.search(title) or p.search(summary) for p in patterns)

    return wants
