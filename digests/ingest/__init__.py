"""Ingest: fetch feeds (HTTP or files), parse them, drop duplicates, store new articles with their extraction."""

from digests.ingest.api import Enrich, Enrichment, IngestReport, PageFilter, SourceResult, SourceSpec
from digests.ingest.run import ingest
from digests.ingest.text import html_to_text

__all__ = ["Enrich", "Enrichment", "IngestReport", "PageFilter", "SourceResult", "SourceSpec", "html_to_text", "ingest"]
