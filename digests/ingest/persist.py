"""The ingest stage's reads and writes in the store: source fetch state, duplicate checks, articles.

Everything here is synchronous SQLAlchemy; the pipeline runs it in a worker thread.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError
from sqlalchemy.orm import Session

from digests.ingest.api import Enrichment, FigurePlace, SourceSpec, Status
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source
from digests.stories import LEAD_CHARS, Candidate, StoryText, match_story, story_text
from digests.stories import window as story_window

# Stay well under every backend's limit on bound parameters.
_CHUNK = 500
# The most recent articles of a story window a new one is compared with.
_STORY_POOL = 1000


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything sitrep writes is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


@dataclass(frozen=True)
class SourceState:
    id: int
    fetch_url: str  # where a permanent redirect moved it, else the configured URL
    etag: str | None
    last_modified: str | None
    gone: bool
    next_fetch_at: datetime | None
    error: str | None
    first_ingest: bool


@dataclass(frozen=True)
class Outcome:
    status: Status
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None
    gone: bool = False
    next_fetch_at: datetime | None = None
    title: str | None = None  # the name readers see, when the feed says it


@dataclass(frozen=True)
class NewArticle:
    guid: str | None
    url: str  # canonical or synthetic
    link: str | None
    title: str
    published_at: datetime | None
    summary: str
    text: str
    content_hash: str
    is_new: bool
    language: str | None = None


def open_source(store: Store, spec: SourceSpec, now: datetime) -> SourceState:
    """The source's row, created on first sight; a changed URL starts its fetch state afresh."""
    for attempt in range(2):
        try:
            with store.session() as s:
                row = s.scalars(select(Source).where(Source.name == spec.name)).one_or_none()
                if row is None:
                    row = Source(name=spec.name, url=spec.url, failures=0, gone=False, created_at=now)
                    s.add(row)
                    s.flush()
                elif row.url != spec.url:
                    # The admin pointed the feed elsewhere: old redirects, validators and a 410 no longer apply.
                    row.url = spec.url
                    row.permanent_url = row.etag = row.last_modified = row.next_fetch_at = None
                    row.gone = False
                return SourceState(
                    id=row.id,
                    fetch_url=row.permanent_url or row.url,
                    etag=row.etag,
                    last_modified=row.last_modified,
                    gone=row.gone,
                    next_fetch_at=aware(row.next_fetch_at),
                    error=row.error,
                    first_ingest=row.first_ingest_at is None,
                )
        except IntegrityError:
            # Another process created the same source between our read and our insert.
            if attempt:
                raise
    raise AssertionError("unreachable")


def record(store: Store, source_id: int, outcome: Outcome, now: datetime) -> None:
    with store.session() as s:
        row = s.get_one(Source, source_id)
        row.status = outcome.status
        row.error = outcome.error
        row.last_attempt_at = now
        if outcome.permanent_url:
            row.permanent_url = outcome.permanent_url
        if outcome.status == "error":
            row.failures = (row.failures or 0) + 1
            row.last_error_at = now
            row.gone = row.gone or outcome.gone
            row.next_fetch_at = outcome.next_fetch_at
            return
        row.failures = 0
        row.last_success_at = now
        row.next_fetch_at = None
        row.etag = outcome.etag
        row.last_modified = outcome.last_modified
        if outcome.title:
            row.title = outcome.title
        if outcome.status == "ok" and row.first_ingest_at is None:
            row.first_ingest_at = now


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def known(store: Store, source_id: int, guids: list[str], urls: list[str]) -> tuple[set[str], set[str]]:
    """Which GUIDs (of this source: feeds reuse short ones) and canonical URLs (of any source) are stored."""
    seen_guids: set[str] = set()
    seen_urls: set[str] = set()
    with store.session() as s:
        for chunk in _chunks(sorted(set(guids))):
            query = select(Article.guid).where(Article.source_id == source_id, Article.guid.in_(chunk))
            seen_guids.update(g for g in s.scalars(query) if g is not None)
        for chunk in _chunks(sorted(set(urls))):
            seen_urls.update(s.scalars(select(Article.url).where(Article.url.in_(chunk))))
    return seen_guids, seen_urls


def _same(source_id: int, article: NewArticle) -> ColumnElement[bool]:
    same = [Article.url == article.url, Article.content_hash == article.content_hash]
    if article.guid:
        same.append(and_(Article.source_id == source_id, Article.guid == article.guid))
    return or_(*same)


def _exists(s: Session, source_id: int, article: NewArticle) -> bool:
    return s.scalar(select(Article.id).where(_same(source_id, article)).limit(1)) is not None


@dataclass
class StoredKeys:
    """What makes an article a copy of a stored one: its URL or content hash (any source), its GUID (this source).
    Read for a whole batch in one query, then kept up to date as the batch is stored."""

    urls: set[str]
    hashes: set[str]
    guids: set[str]

    def holds(self, article: NewArticle) -> bool:
        return (
            article.url in self.urls
            or article.content_hash in self.hashes
            or (article.guid is not None and article.guid in self.guids)
        )

    def add(self, article: NewArticle) -> None:
        self.urls.add(article.url)
        self.hashes.add(article.content_hash)
        if article.guid:
            self.guids.add(article.guid)


def stored_keys(store: Store, source_id: int, articles: Sequence[NewArticle]) -> StoredKeys:
    """Which of these articles' URLs, content hashes and GUIDs (of this source) the store holds already."""
    with store.session() as s:
        return _stored_keys(s, source_id, articles)


def _stored_keys(s: Session, source_id: int, articles: Sequence[NewArticle]) -> StoredKeys:
    keys = StoredKeys(set(), set(), set())
    urls = sorted({a.url for a in articles})
    hashes = sorted({a.content_hash for a in articles})
    guids = sorted({a.guid for a in articles if a.guid})
    for chunk in _chunks(urls):
        keys.urls.update(s.scalars(select(Article.url).where(Article.url.in_(chunk))))
    for chunk in _chunks(hashes):
        keys.hashes.update(s.scalars(select(Article.content_hash).where(Article.content_hash.in_(chunk))))
    for chunk in _chunks(guids):
        query = select(Article.guid).where(Article.source_id == source_id, Article.guid.in_(chunk))
        keys.guids.update(g for g in s.scalars(query) if g is not None)
    return keys


# Built once (a statement's cache key is worked out on its first execution): the stored articles near a moment,
# latest first, and the title, lead, URL and publication time a story text is made of.
_WHEN = func.coalesce(Article.published_at, Article.ingested_at)
_NEAR = (
    select(Article.id, Article.story_id)
    # The column on the left: the bound values take its type (UTC datetimes), as the literal values did.
    .where(_WHEN >= bindparam("low"), _WHEN <= bindparam("high"))  # noqa: SIM300
    .order_by(Article.id.desc())
    .limit(_STORY_POOL)
)
_LEADS = select(
    Article.id, Article.title, func.substr(Article.text, 1, LEAD_CHARS), Article.url, Article.published_at
).where(Article.id.in_(bindparam("ids", expanding=True)))


def _story_candidates(s: Session, moment: datetime, texts: MutableMapping[int, StoryText]) -> list[Candidate]:
    """Stored articles published (or, undated, ingested) near `moment`: the ones a new article may share a story with.

    `texts` keeps each candidate's story text by article id (a stored title and lead never change): an article's
    text is read and prepared once per batch, not once for every later article it is a candidate for."""
    low, high = story_window(moment)
    connection = s.connection()  # Core rows: the ORM's per-statement work costs more than these small reads
    rows = connection.execute(_NEAR, {"low": low, "high": high}).all()
    missing = sorted(int(i) for i, _ in rows if i not in texts)
    for start in range(0, len(missing), _CHUNK):
        for i, title, text, url, published in connection.execute(_LEADS, {"ids": missing[start : start + _CHUNK]}):
            texts[i] = story_text(title, text or "", url, aware(published))
    return [Candidate(i, story or i, texts[i]) for i, story in rows]


def refused_row(exc: BaseException) -> bool:
    """Whether the store refused one row's values (out of range, bad text) rather than failing as a whole."""
    if isinstance(exc, DataError):
        return True
    if isinstance(exc, StatementError) and not isinstance(exc, DBAPIError):
        return True  # a value no column type could bind
    # SQLite's driver raises OverflowError for an integer beyond 64 bits before SQLAlchemy sees it.
    return isinstance(exc, OverflowError | ValueError | TypeError)


def store_article(
    store: Store,
    source_id: int,
    article: NewArticle,
    enrichment: Enrichment,
    now: datetime,
    story_texts: dict[int, StoryText] | None = None,
) -> int | None:
    """Store one article with its figures, quotes and topics in one transaction; None if it is a duplicate.
    `story_texts`: the story texts of stored articles known so far (see _story_candidates), kept across a batch."""
    texts = {} if story_texts is None else story_texts
    try:
        with store.session() as s:
            if _exists(s, source_id, article):
                return None
            written = _Written()
            article_id, text = _insert(s, source_id, article, enrichment, now, texts, written)
            written.flush(s.connection())
        # Known only once committed: a rolled-back article must not become a candidate.
        texts[article_id] = text
        return article_id
    except IntegrityError:
        # The unique URL caught a copy another process stored between our check and our insert.
        return None


class Refused(Exception):
    """The store refused a row of a batch (a value it cannot hold, a copy another process stored meanwhile):
    nothing of the batch was kept."""


def store_batch(
    store: Store,
    source_id: int,
    batch: Sequence[tuple[NewArticle, Enrichment]],
    clock: Callable[[], datetime],
    story_texts: dict[int, StoryText],
) -> list[int | None]:
    """Store a source's new articles in one transaction, in order: each one's id, None for a copy of a stored
    article (or of one before it in the batch). One duplicate query for the batch, read in the transaction
    that writes. Raises Refused, keeping nothing, when the store refuses one row: the caller then stores
    them one at a time (store_article), which keeps all but that one."""
    if not batch:
        return []
    written = _Written()
    pending: dict[int, StoryText] = {}
    # Candidates stored earlier in this batch are read from here; `story_texts` learns them once committed.
    texts = ChainMap(pending, story_texts)
    ids: list[int | None] = []
    try:
        with store.session() as s:
            known = _stored_keys(s, source_id, [article for article, _ in batch])
            for article, enrichment in batch:
                if known.holds(article):
                    ids.append(None)
                    continue
                article_id, text = _insert(s, source_id, article, enrichment, clock(), texts, written)
                pending[article_id] = text
                known.add(article)
                ids.append(article_id)
            written.flush(s.connection())
    except IntegrityError as exc:
        raise Refused(str(exc)) from exc
    except Exception as exc:
        if refused_row(exc):
            raise Refused(str(exc)) from exc
        raise
    story_texts.update(pending)
    return ids


# Built once: a statement's cache key is worked out on its first execution, not on every article's.
_INSERT_ARTICLE = insert(Article).returning(Article.id)
_OWN_STORY = update(Article).where(Article.id == bindparam("own_id")).values(story_id=bindparam("own_id"))
_INSERT_FIGURES = insert(FigureRow)
_INSERT_QUOTES = insert(QuoteRow)
_INSERT_TOPICS = insert(ArticleTopic)


@dataclass
class _Written:
    """Rows of figures, quotes and topics, written with one executemany per table when their articles are in."""

    figures: list[dict[str, object]] = field(default_factory=list)
    quotes: list[dict[str, object]] = field(default_factory=list)
    topics: list[dict[str, object]] = field(default_factory=list)

    def flush(self, connection: Connection) -> None:
        for statement, rows in (
            (_INSERT_FIGURES, self.figures),
            (_INSERT_QUOTES, self.quotes),
            (_INSERT_TOPICS, self.topics),
        ):
            if rows:
                connection.execute(statement, rows)
                rows.clear()


def _insert(
    s: Session,
    source_id: int,
    article: NewArticle,
    enrichment: Enrichment,
    now: datetime,
    texts: MutableMapping[int, StoryText],
    written: _Written,
) -> tuple[int, StoryText]:
    """Insert one article (its figures, quotes and topics go to `written`); its id and story text."""
    text = story_text(article.title, article.text, article.url, article.published_at)
    story = match_story(text, _story_candidates(s, article.published_at or now, texts))
    # Plain inserts, not ORM objects: the unit of work costs more than the rows (issue 12).
    values = {
        "source_id": source_id,
        "guid": article.guid,
        "url": article.url,
        "link": article.link,
        "title": article.title,
        "published_at": article.published_at,
        "ingested_at": now,
        "summary": article.summary,
        "text": article.text,
        "content_hash": article.content_hash,
        "is_new": article.is_new,
        "language": article.language,
        "story_id": story,
    }
    connection = s.connection()
    article_id = int(connection.execute(_INSERT_ARTICLE, values).scalar_one())
    if story is None:
        # The first report of its story: the story is named by its own id.
        connection.execute(_OWN_STORY, {"own_id": article_id})
    extraction = enrichment.extraction
    # Unplaced figures belong to the article's first topic.
    unplaced = FigurePlace(enrichment.topics[0] if enrichment.topics else None, None, None)
    places = enrichment.places or (unplaced,) * len(extraction.figures)
    written.figures.extend(
        {
            "article_id": article_id,
            "kind": f.kind,
            "min": f.min,
            "max": f.max,
            "actor": f.actor,
            "qualifier": f.qualifier,
            "attributed_to": f.attributed_to,
            "start": f.start,
            "end": f.end,
            "span": f.span,
            "topic": place.topic,
            "scope": place.scope,
            "rejected": place.rejected,
            "place": place.where,
            "anchors": place.anchors,
            "released": place.released or None,
        }
        for f, place in zip(extraction.figures, places, strict=True)
    )
    written.quotes.extend(
        {"article_id": article_id, "text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
        for q in extraction.quotes
    )
    scores = dict(zip(enrichment.topics, enrichment.scores, strict=False))
    written.topics.extend(
        {"article_id": article_id, "topic": t, "score": scores.get(t)} for t in dict.fromkeys(enrichment.topics)
    )
    return article_id, text
