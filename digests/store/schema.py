"""The store's tables (SQLAlchemy 2 declarative): sources, articles, figures, quotes, topics, deliveries, leases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from digests.digest.entities import actor_key

# SQLite only auto-increments an INTEGER PRIMARY KEY; BigInteger elsewhere.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Moments stored in UTC and always read back time-zone aware: SQLite keeps no zone and would hand
    back naive datetimes that can't be compared with the aware ones the code works with."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if not isinstance(value, datetime):
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class Source(Base):
    """A feed (or an ad-hoc URL/path) and its fetch state."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(Text)
    # Where a permanent redirect (301/308) said the feed now lives.
    permanent_url: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))  # ok | not_modified | error
    error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_fetch_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    gone: Mapped[bool] = mapped_column(Boolean, default=False)  # 410: stop polling
    # The name readers see: the config's `title`, else the feed's own title, else `name`.
    title: Mapped[str | None] = mapped_column(Text)
    # None until the first successful ingest: `backfill` applies to that one.
    first_ingest_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_guid", "guid"),
        Index("ix_articles_content_hash", "content_hash"),
        Index("ix_articles_ingested_at", "ingested_at"),
        Index("ix_articles_published_at", "published_at"),
        Index("ix_articles_story_id", "story_id"),
        # When it was news (digests.windows.WHEN): what published-since windows select by.
        Index("ix_articles_when", func.coalesce(text("published_at"), text("ingested_at"))),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    guid: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, unique=True)  # canonical: tracking parameters stripped
    link: Mapped[str | None] = mapped_column(Text)  # as the feed gave it
    title: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    summary: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    # False for what a source's first ingest found older than its `backfill` window: stored, not announced.
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    # The story it reports: the id of the first stored article of that story (its own id when it is the first).
    story_id: Mapped[int | None] = mapped_column(BigInteger)
    # Primary language tag ("en", "fr"): declared by the feed or page, else guessed; None when unknown.
    # Figures and quotes are extracted from English (and unknown) articles only.
    language: Mapped[str | None] = mapped_column(String(16))

    figures: Mapped[list[FigureRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    quotes: Mapped[list[QuoteRow]] = relationship(back_populates="article", cascade="all, delete-orphan")
    topics: Mapped[list[ArticleTopic]] = relationship(back_populates="article", cascade="all, delete-orphan")
    source: Mapped[Source] = relationship()


def _actor_key(context: DefaultExecutionContext) -> str:
    parameters: dict[str, object] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    actor = parameters.get("actor")
    return actor_key(actor if isinstance(actor, str) else None)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (
        Index("ix_figures_kind_actor", "kind", "actor"),
        Index("ix_figures_topic", "topic"),
        Index("ix_figures_actor_key", "actor_key"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    min: Mapped[int | None] = mapped_column(BigInteger)
    max: Mapped[int | None] = mapped_column(BigInteger)
    actor: Mapped[str | None] = mapped_column(Text)
    # The group the actor belongs to (digests.digest.entities.actor_key), filled as the row is written: answers
    # group and filter by it in SQL. (None only for a row written around the ORM's and Core's inserts.)
    actor_key: Mapped[str | None] = mapped_column(Text, default=_actor_key)
    qualifier: Mapped[str | None] = mapped_column(Text)
    attributed_to: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    span: Mapped[str] = mapped_column(Text)
    # The topic the count itself belongs to (by its sentence and paragraph); None: no configured topic.
    topic: Mapped[str | None] = mapped_column(String(100))
    scope: Mapped[str | None] = mapped_column(String(20))  # incident | cumulative | None (unclear)
    # Where the counted people are when the count says and it is not its topic's home ("in Israel", "shelters").
    place: Mapped[str | None] = mapped_column(String(100))
    # For an incident's toll: what its sentence says was hit and where ("minab school"), to join outlets' counts.
    anchors: Mapped[str | None] = mapped_column(String(200))
    # For people held: whether the count's own words tell of their release ("returns 300 soldiers in a swap").
    released: Mapped[bool | None] = mapped_column(Boolean)
    # Why it is no conflict figure to show (past events, a disaster, a disease), else None.
    rejected: Mapped[str | None] = mapped_column(Text)
    article: Mapped[Article] = relationship(back_populates="figures")


class QuoteRow(Base):
    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text, index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    article: Mapped[Article] = relationship(back_populates="quotes")


class ArticleTopic(Base):
    __tablename__ = "article_topics"
    __table_args__ = (Index("ix_article_topics_topic_article", "topic", "article_id"),)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)  # relevance, 0..1
    article: Mapped[Article] = relationship(back_populates="topics")


class Delivery(Base):
    """The ledger: written before a post, marked sent after; one row per channel and window."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("channel", "window", name="uq_deliveries_channel_window"),
        Index("ix_deliveries_status", "status"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(200))
    window: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))  # pending | sent | failed | empty
    # Articles up to this id are covered: the next digest for the channel starts after it.
    last_article_id: Mapped[int] = mapped_column(BigInteger)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[list[dict[str, object]]] = mapped_column(JSON)  # rendered message parts
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    message_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A transient failure waits until then before the next try.
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The replica posting it and until when its claim holds; a pending row whose claim ran out is resumed
    # by another replica (by key, as after a crash). None: nobody holds it.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Lease(Base):
    """A claim on a piece of work shared by replicas (a feed's poll, a channel's digest): who holds it, until when."""

    __tablename__ = "leases"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
