"""The ingest pipeline: fetch every source concurrently, parse, drop duplicates, enrich and store new articles."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import ParamSpec, TypeVar

import httpx

from digests.config.models import Fetch
from digests.ingest import persist
from digests.ingest.api import Enrich, IngestReport, PageFilter, SourceResult, SourceSpec
from digests.ingest.canonical import canonical_url, content_hash, is_web_url, synthetic_url
from digests.ingest.fetch import Fetcher, FetchError, NotModified, is_local, read_local
from digests.ingest.language import article_language
from digests.ingest.pages import SHORT_TEXT, page_text
from digests.ingest.parse import Entry, FeedError, parse_feed
from digests.store.db import Store
from digests.store.health import THROTTLE, fault_kind
from digests.stories import StoryText

log = logging.getLogger(__name__)

DEFAULT_FETCH = Fetch()
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class _Candidate:
    """An entry not known to the store yet, with the best text found for it so far."""

    entry: Entry
    url: str | None  # canonical; None until the content hash gives an entry without a link its synthetic one
    text: str
    page_url: str | None  # set when its text is only a summary and its page should be read
    language: str | None = None  # the page's declared language, once its text replaced the summary


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def ingest(
    store: Store,
    sources: Sequence[SourceSpec],
    *,
    enrich: Enrich,
    settings: Fetch = DEFAULT_FETCH,
    client: httpx.AsyncClient | None = None,
    now: Callable[[], datetime] | None = None,
    wants_page: PageFilter | None = None,
) -> IngestReport:
    """Ingest every source; one result per source in input order. Never raises for a source's failure.
    Each source's outcome is the caller's to log or print (a feed poll, a run, the CLI report): logged
    here too, every poll would show up twice.

    With a source's `fetch_pages`, `wants_page` picks the summary-only entries whose page is read
    (None: all of them)."""
    clock = now or _utc_now
    own_client = client is None
    http = client or httpx.AsyncClient(
        timeout=settings.timeout.total_seconds(), headers={"User-Agent": settings.user_agent}
    )
    try:
        run = _Run(store, enrich, Fetcher(http, settings, clock), clock, wants_page)
        outcomes = await asyncio.gather(*(run.source(spec) for spec in sources))
    finally:
        if own_client:
            await http.aclose()
    return IngestReport(
        sources=tuple(result for result, _ in outcomes),
        new_article_ids=tuple(article_id for _, ids in outcomes for article_id in ids),
    )


class _Run:
    def __init__(
        self,
        store: Store,
        enrich: Enrich,
        fetcher: Fetcher,
        clock: Callable[[], datetime],
        wants_page: PageFilter | None,
    ) -> None:
        self.store = store
        self.enrich = enrich
        self.fetcher = fetcher
        self.clock = clock
        self.wants_page = wants_page
        # One writer at a time: SQLite allows no more, and it keeps the duplicate checks of two sources
        # carrying the same story from racing each other.
        self._db_lock = asyncio.Lock()

    async def _db(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        async with self._db_lock:
            return await asyncio.to_thread(function, *args, **kwargs)

    async def source(self, spec: SourceSpec) -> tuple[SourceResult, list[int]]:
        source_id: int | None = None
        started = self.clock()
        try:
            state = await self._db(persist.open_source, self.store, spec, started)
            source_id = state.id
            return await self._ingest(spec, state, started)
        except Exception as exc:
            # A bug or a store failure must still cost only this source; a failing store is logged a line a
            # minute, not a traceback per feed per poll.
            if fault_kind(exc) is not None:
                THROTTLE.log(log, f"ingest of {spec.name}", exc)
            else:
                log.exception("ingest of %s failed", spec.name)
            reason = f"internal error: {type(exc).__name__}: {exc}"
            if source_id is not None:
                try:
                    outcome = persist.Outcome("error", reason)
                    await self._db(persist.record, self.store, source_id, outcome, started)
                except Exception as again:
                    THROTTLE.log(log, f"recording the failure of {spec.name}", again)
            return SourceResult(spec.name, "error", 0, 0, 0, reason), []

    async def _ingest(
        self, spec: SourceSpec, state: persist.SourceState, started: datetime
    ) -> tuple[SourceResult, list[int]]:
        if state.gone:
            # A 410 stops polling until the admin changes the feed's URL.
            return SourceResult(spec.name, "error", 0, 0, 0, "gone (410)"), []
        if state.next_fetch_at is not None and state.next_fetch_at > started:
            reason = f"{state.error or 'backing off'}; next attempt after {state.next_fetch_at:%Y-%m-%d %H:%M:%S} UTC"
            return SourceResult(spec.name, "error", 0, 0, 0, reason), []

        async def fail(outcome: persist.Outcome) -> tuple[SourceResult, list[int]]:
            reason = outcome.error or "failed"
            await self._db(persist.record, self.store, state.id, outcome, started)
            return SourceResult(spec.name, "error", 0, 0, 0, reason), []

        try:
            if is_local(state.fetch_url):
                fetched = await read_local(state.fetch_url, self.fetcher.settings)
            else:
                got = await self.fetcher.get(
                    state.fetch_url,
                    etag=state.etag,
                    last_modified=state.last_modified,
                    # The admin's own URL may be private; a remembered redirect target may not.
                    trusted=state.fetch_url == spec.url,
                )
                if isinstance(got, NotModified):
                    outcome = persist.Outcome("not_modified", None, got.etag, got.last_modified, got.permanent_url)
                    await self._db(persist.record, self.store, state.id, outcome, started)
                    return SourceResult(spec.name, "not_modified", 0, 0, 0, None), []
                fetched = got
        except FetchError as exc:
            return await fail(
                persist.Outcome(
                    "error", exc.reason, gone=exc.gone, next_fetch_at=exc.retry_at, permanent_url=exc.permanent_url
                )
            )
        try:
            parsed = await asyncio.to_thread(
                parse_feed,
                fetched.body,
                content_type=fetched.content_type,
                base_url=None if fetched.local else fetched.url,
            )
        except FeedError as exc:
            return await fail(persist.Outcome("error", exc.reason, permanent_url=fetched.permanent_url))

        entries = parsed.entries
        candidates, duplicates = await self._unknown(spec, state.id, entries)
        if spec.fetch_pages:
            candidates = await self._read_pages(spec, candidates)
        stored = await self._db(self._store_all, spec, state, candidates)
        new_ids = [article_id for article_id, is_new in stored.ids if is_new]
        notes = []
        if parsed.malformed:
            notes.append(f"recovered from a malformed feed: {parsed.malformed}")
        if stored.failed:
            notes.append(f"enrich failed for {stored.failed} entries: {stored.failure}")
        if stored.refused:
            count = len(stored.refused)
            notes.append(f"not stored: {count} {'entry' if count == 1 else 'entries'}: {'; '.join(stored.refused[:3])}")
        note = "; ".join(notes) or None
        outcome = persist.Outcome(
            "ok", note, fetched.etag, fetched.last_modified, fetched.permanent_url, title=spec.title or parsed.title
        )
        await self._db(persist.record, self.store, state.id, outcome, started)
        result = SourceResult(spec.name, "ok", len(entries), len(new_ids), duplicates + stored.duplicates, note)
        return result, new_ids

    async def _unknown(
        self, spec: SourceSpec, source_id: int, entries: Sequence[Entry]
    ) -> tuple[list[_Candidate], int]:
        """Entries whose GUID or canonical URL is new, before any page is fetched for them."""
        urls = [canonical_url(e.url) if e.url else None for e in entries]
        guids = [e.guid for e in entries if e.guid]
        seen_guids, seen_urls = await self._db(persist.known, self.store, source_id, guids, [u for u in urls if u])
        candidates: list[_Candidate] = []
        duplicates = 0
        for entry, url in zip(entries, urls, strict=True):
            if (entry.guid and entry.guid in seen_guids) or (url and url in seen_urls):
                duplicates += 1
                continue
            if entry.guid:
                seen_guids.add(entry.guid)
            if url:
                seen_urls.add(url)
            text = entry.content if len(entry.content) >= len(entry.summary) else entry.summary
            wants_page = not entry.content and len(entry.summary) < SHORT_TEXT and is_web_url(entry.url)
            candidates.append(_Candidate(entry, url, text, entry.url if wants_page else None))
        return candidates, duplicates

    async def _read_pages(self, spec: SourceSpec, candidates: list[_Candidate]) -> list[_Candidate]:
        """Page text for the summary-only entries a topic could claim; one log line sums the run up."""
        read: list[str] = []
        problems: list[str] = []
        skipped = 0

        async def fill(candidate: _Candidate) -> _Candidate:
            nonlocal skipped
            if candidate.page_url is None:
                return candidate
            if self.wants_page is not None and not self.wants_page(candidate.entry.title, candidate.text):
                skipped += 1
                return candidate
            page = await page_text(self.fetcher, candidate.page_url, candidate.entry.title)
            if page.text is None:
                problems.append(page.problem or "failed")
                return candidate
            read.append(candidate.page_url)
            # A page that yields less than the feed's summary was a paywall or a failed extraction.
            if len(page.text) > len(candidate.text):
                return replace(candidate, text=page.text, language=page.language)
            return candidate

        filled = list(await asyncio.gather(*(fill(c) for c in candidates)))
        if read or problems or skipped:
            failed = f", {len(problems)} failed ({', '.join(sorted(set(problems)))})" if problems else ""
            log.info(
                "%s: pages: %d read%s, %d skipped (no topic term in its title or summary)",
                spec.name,
                len(read),
                failed,
                skipped,
            )
        return filled

    def _new_article(self, spec: SourceSpec, state: persist.SourceState, candidate: _Candidate) -> persist.NewArticle:
        entry = candidate.entry
        digest = content_hash(entry.title, candidate.text)
        return persist.NewArticle(
            guid=entry.guid,
            url=candidate.url or synthetic_url(spec.name, entry.guid, digest),
            link=entry.link,
            title=entry.title,
            published_at=entry.published,
            summary=entry.summary,
            text=candidate.text,
            content_hash=digest,
            is_new=self._is_new(spec, state, entry),
            language=article_language(candidate.language or entry.language, entry.title, candidate.text),
        )

    def _store_all(self, spec: SourceSpec, state: persist.SourceState, candidates: list[_Candidate]) -> _Stored:
        """Enrich and store each candidate (worker thread). Each article commits on its own."""
        stored = _Stored()
        articles = [self._new_article(spec, state, candidate) for candidate in candidates]
        # One query for the whole batch; each article stored joins it, so a later copy in the batch is caught too.
        known = persist.stored_keys(self.store, state.id, articles)
        story_texts: dict[int, StoryText] = {}
        for candidate, article in zip(candidates, articles, strict=True):
            entry = candidate.entry
            # Checked before enriching too: the extractor is the slow part, and copies need none.
            if known.holds(article):
                stored.duplicates += 1
                continue
            try:
                enrichment = self.enrich(entry.title, candidate.text, entry.published, article.language)
            except Exception as exc:
                # Not stored, so the next run tries again.
                log.exception("%s: enrich failed for %s", spec.name, article.url)
                stored.failed += 1
                stored.failure = stored.failure or f"{type(exc).__name__}: {exc}"
                continue
            try:
                article_id = persist.store_article(self.store, state.id, article, enrichment, self.clock(), story_texts)
            except Exception as exc:
                if not persist.refused_row(exc):
                    raise  # the store itself failed: the whole source reports it
                # Not stored, so the next run tries it again; the others are kept.
                reason = f"{type(exc).__name__}: {next(iter(str(exc).strip().splitlines()), '')}"
                log.warning("%s: not stored: %r (%s): %s", spec.name, entry.title, article.url, reason)
                stored.refused.append(f"“{entry.title}” ({article.link or article.url}): {reason}")
                continue
            if article_id is None:
                stored.duplicates += 1
            else:
                known.add(article)
                stored.ids.append((article_id, article.is_new))
        return stored

    def _is_new(self, spec: SourceSpec, state: persist.SourceState, entry: Entry) -> bool:
        """Backfill: on a source's first ingest, only what falls in its window is announced."""
        if not state.first_ingest or spec.backfill is None:
            return True
        if not spec.backfill:
            return False
        if entry.published is None:
            return True
        return entry.published >= self.clock() - spec.backfill


@dataclass
class _Stored:
    ids: list[tuple[int, bool]] = field(default_factory=list)  # (article id, is_new)
    duplicates: int = 0
    failed: int = 0
    failure: str | None = None
    refused: list[str] = field(default_factory=list)  # articles the store would not take, each named with why
