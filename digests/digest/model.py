"""What a digest holds, platform-neutral: figures grouped by actor and kind, quotes, source links."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from digests.model import FigureKind


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str
    url: str
    source: str  # the feed's name
    published_at: datetime | None


@dataclass(frozen=True)
class Claim:
    """One claimant's latest figure for an actor and kind, with the article it came from."""

    min: int | None
    max: int | None
    qualifier: str | None
    claimant: str | None  # who makes the claim, normalised for display ("US official"); None: the outlet itself
    actor: str | None  # as written in the article
    span: str
    article: ArticleRef


@dataclass(frozen=True)
class FigureGroup:
    """All current claims about one actor and kind; several claims that disagree are shown side by side."""

    actor: str  # normalised for display ("North Korea")
    kind: FigureKind
    claims: tuple[Claim, ...]
    # For people of no named side ("People", "Civilians"): the one article whose event these counts are about.
    event: ArticleRef | None = None

    @property
    def disagree(self) -> bool:
        return len({(c.min, c.max) for c in self.claims}) > 1


@dataclass(frozen=True)
class QuoteItem:
    text: str
    speaker: str | None
    article: ArticleRef


@dataclass(frozen=True)
class Digest:
    title: str  # e.g. the topics' titles
    topics: tuple[str, ...]
    generated_at: datetime
    channel: str | None = None
    since: datetime | None = None
    figures: tuple[FigureGroup, ...] = field(default_factory=tuple)
    quotes: tuple[QuoteItem, ...] = field(default_factory=tuple)
    articles: tuple[ArticleRef, ...] = field(default_factory=tuple)
    # How many new articles the digest covers; `articles` may list only the newest of them.
    article_count: int = 0
    # Articles up to this id are covered by this digest (the delivery ledger's high-water mark).
    last_article_id: int = 0

    @property
    def empty(self) -> bool:
        return not self.articles
