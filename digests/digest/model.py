"""What a digest holds, platform-neutral: figures grouped by actor and kind, quotes, source links."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

from digests.model import FigureKind


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str
    url: str  # the link to open: as the feed gave it, else the canonical URL
    source: str  # the outlet as readers know it: the feed's title (config, else the feed's own), else its name
    published_at: datetime | None
    canonical: str = ""  # the stored canonical URL
    topics: tuple[str, ...] = ()
    relevance: float | None = None  # how much it is about the digest's topics (0..1), when scored
    story: int | None = None  # the story it reports (see Story)


@dataclass(frozen=True)
class Story:
    """Several articles reporting one story: shown once, its outlets listed."""

    id: int
    title: str
    articles: tuple[ArticleRef, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.source for a in self.articles))


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
    start: int = 0  # the figure's offsets in its article's text
    end: int = 0
    change: int | None = None  # for a running total: how far it moved since the channel's last digest
    change_since: datetime | None = None  # when the count it moved from was published
    # In one incident's line, who this claim counts when the line's claims count them in other words
    # ("175 schoolgirls", "more than 160 people"); None when the line's label says it.
    counted: str | None = None
    # Other claimants who gave the very same count ("Iran's U.N. ambassador" and "Amir Saeid Iravani"):
    # one claim, every name.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureGroup:
    """All current claims about one actor and kind; several claims that disagree are shown side by side."""

    actor: str  # normalised for display ("North Korea")
    kind: FigureKind
    claims: tuple[Claim, ...]
    # For one incident's toll, and for people of no named side ("People", "Civilians"): the article whose
    # event these counts are about.
    event: ArticleRef | None = None
    scope: str | None = None  # incident | cumulative | None (unclear)
    topic: str | None = None
    # People held whose counts mostly tell of their release (a prisoner swap): shown as "released".
    released: bool = False

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
    stories: tuple[Story, ...] = field(default_factory=tuple)
    # A channel that follows several topics gets one section per topic, each a digest of its own.
    sections: tuple[Digest, ...] = field(default_factory=tuple)

    def __hash__(self) -> int:
        # Worked out once per digest: a kept one is looked up again for every answer that shows it (rendered
        # answers are kept by digest), and hashing all it holds takes a millisecond. (Never pickled: a str's hash
        # differs from process to process.)
        kept: int | None = self.__dict__.get("_hash")
        if kept is None:
            kept = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", kept)
        return kept

    @property
    def links(self) -> tuple[tuple[ArticleRef, tuple[ArticleRef, ...]], ...]:
        """The sources list: one item per story, its latest report and the other reports of it."""
        if not self.stories:
            return tuple((a, ()) for a in self.articles)
        return tuple((s.articles[0], s.articles[1:]) for s in self.stories)

    @property
    def empty(self) -> bool:
        if self.sections:
            return all(s.empty for s in self.sections)
        return not self.articles and not self.figures
