"""Fetches an article's web page and pulls its main text out with trafilatura, for summary-only entries."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from digests.ingest.fetch import PAGE_ACCEPT, Fetcher, FetchError, NotModified
from digests.ingest.language import page_language
from digests.ingest.text import clean_text, normalise_for_hash

log = logging.getLogger(__name__)

# Below this many characters an entry's text is a summary, not the article: worth fetching the page.
SHORT_TEXT = 1000


def extract_text(page: bytes, url: str | None = None) -> str:
    """The page's main text (trafilatura), paragraphs split by a blank line; "" when it finds none."""
    # Imported here: trafilatura (with numpy and its own parsers) adds 40 MB to every process that ingests,
    # and only sources with fetch_pages ever read a page.
    import trafilatura

    found = trafilatura.extract(page, url=url, include_comments=False, include_tables=False)
    # trafilatura puts one paragraph on each line.
    return clean_text(found) if found else ""


@dataclass(frozen=True)
class Page:
    """What reading an entry's page gave: its article text, or why there is none (a failed page only
    costs the fuller text, and the run sums these up in one line)."""

    text: str | None
    problem: str | None = None
    language: str | None = None  # as the page declares it on <html lang>


async def page_text(fetcher: Fetcher, url: str, title: str = "") -> Page:
    """The article text of the page at `url`."""
    try:
        fetched = await fetcher.get(url, accept=PAGE_ACCEPT)
    except FetchError as exc:
        return Page(None, exc.reason)
    if isinstance(fetched, NotModified):
        return Page(None, "not modified")
    content_type = (fetched.content_type or "").lower()
    if content_type and "html" not in content_type:
        return Page(None, f"not HTML ({content_type.split(';')[0].strip()})")
    try:
        text = await asyncio.to_thread(extract_text, fetched.body, fetched.url)
    except Exception as exc:
        log.debug("page %s: text extraction failed", url, exc_info=True)
        return Page(None, f"text extraction failed ({type(exc).__name__})")
    paragraphs = text.split("\n\n")
    # Pages open with the headline, which the article already has as its title.
    if title and paragraphs and normalise_for_hash(paragraphs[0]) == normalise_for_hash(title):
        paragraphs = paragraphs[1:]
    found = "\n\n".join(paragraphs)
    return Page(found, language=page_language(fetched.body)) if found else Page(None, "no article text found")
