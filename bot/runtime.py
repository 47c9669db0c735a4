"""The runtime a command or job needs: the config, the open store, the publishers and the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from bot.publish import Publisher
from bot.publish.console import ConsolePublisher
from digests.answers import AnswerCache
from digests.claims import database_now, replica_name
from digests.config.models import Config, Feed
from digests.digest.build import DigestLimits
from digests.enrich import make_enrich, page_filter
from digests.ingest import Enrich, PageFilter, SourceSpec
from digests.relevance import topic_patterns
from digests.store.db import Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.commands.reply import Invocation
    from bot.metrics import Metrics


# How long a data stamp read for the answer cache stands: another replica's new articles show in answers that late.
STAMP_FOR = 1.0


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    config: Config
    store: Store
    publishers: dict[str, Publisher] = field(default_factory=dict)
    now: Callable[[], datetime] = utcnow
    # Set by the long-running service: reloads the config file, returns its problems (empty when it took).
    reloader: Callable[[], Awaitable[list[str]]] | None = None
    # This process as the owner of claims in the store (replicas sharing a database tell theirs apart by it).
    owner: str = field(default_factory=replica_name)

    def __post_init__(self) -> None:
        # Answers to commands, kept while the store is unchanged (run_ingest drops them); the store's data stamp
        # is read at most once a STAMP_FOR, so fifty people asking at once cost one query, not fifty.
        self.answers = AnswerCache(stamp_for=STAMP_FOR)
        self.enrich: Enrich = make_enrich(self.config.topics)
        self.wants_page: PageFilter | None = page_filter(self.config.topics)
        # What names each topic: a digest leaves out quotes about another topic's war.
        self.topic_terms = topic_patterns(self.config.topics)
        self.publishers.setdefault("console", ConsolePublisher())

    @cached_property
    def metrics(self) -> Metrics:
        """This bot's Prometheus metrics, made on first use (prometheus_client is imported only then)."""
        from bot.metrics import Metrics

        metrics = Metrics()
        metrics.watch_store(self.store)
        return metrics

    def replace_config(self, config: Config) -> None:
        """Take a reloaded config: new topics match new articles from now on."""
        self.config = config
        self.enrich = make_enrich(config.topics)
        self.wants_page = page_filter(config.topics)
        self.topic_terms = topic_patterns(config.topics)

    def is_admin(self, inv: Invocation) -> bool:
        admins = self.config.admins
        if inv.admin or inv.platform == "console":
            return True
        if inv.platform == "slack":
            return inv.user_id in admins.slack_users
        if inv.platform == "discord":
            roles = {str(r) for r in admins.discord_roles}
            return inv.user_id in {str(u) for u in admins.discord_users} or bool(roles & set(inv.user_roles))
        return False

    def lease_now(self, session: Session) -> datetime:
        """The time leases and claims are read and written on: the database's clock (replicas whose own
        clocks disagree agree on it), unless the runtime runs on a clock of its own (a test's)."""
        return database_now(session) if self.now is utcnow else self.now()

    @property
    def lease(self) -> timedelta:
        return self.config.replica.lease

    @property
    def limits(self) -> DigestLimits:
        d = self.config.digest
        return DigestLimits(max_articles=d.max_articles, max_quotes=d.max_quotes, max_figures=d.max_figures)

    def topic_title(self, names: Sequence[str]) -> str:
        return " · ".join(self.config.topics[n].title or n for n in names if n in self.config.topics)

    def topic_color(self, name: str) -> int | None:
        topic = self.config.topics.get(name)
        return int(topic.color[1:], 16) if topic and topic.color else None


def source_spec(feed: Feed) -> SourceSpec:
    return SourceSpec(
        name=feed.name, url=feed.url, backfill=feed.backfill_window(), fetch_pages=feed.fetch_pages, title=feed.title
    )
