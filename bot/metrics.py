"""The bot's Prometheus metrics: counters and histograms the jobs move as they work, and gauges read from the
store when /metrics is scraped (what is pending or paused is the store's to say, not a counter's)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from digests.store import health
from digests.store.schema import Delivery, FigureRow, QuoteRow, Source

if TYPE_CHECKING:
    from digests.ingest import IngestReport
    from digests.store.db import Store

log = logging.getLogger("sitrep.metrics")
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Posts and commands take from tens of milliseconds to the seconds a rate limit holds them.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class StoreGauges(Collector):
    """Read at each scrape: deliveries pending per platform, paused feeds, failures in a row, and whether the
    database answered at all (0 then, and the other gauges are left out rather than reported as zero)."""

    def __init__(self, store: Store, errors: Counter) -> None:
        self.store = store
        self.errors = errors

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("sitrep_database_up", "1 when the store answered this scrape's queries, else 0")
        try:
            with self.store.session() as session:
                pending = session.execute(
                    select(Delivery.platform, func.count())
                    .where(Delivery.status == "pending")
                    .group_by(Delivery.platform)
                ).all()
                feeds = session.execute(select(Source.name, Source.paused_at, Source.failures)).all()
        except Exception as exc:
            kind = health.fault_kind(exc)
            if kind is None:
                raise
            self.errors.labels(kind).inc()
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        by_platform = GaugeMetricFamily(
            "sitrep_deliveries_pending", "Deliveries written to the ledger and not yet sent", labels=["platform"]
        )
        for platform, count in pending:
            by_platform.add_metric([platform], count)
        yield by_platform
        paused = GaugeMetricFamily("sitrep_feed_paused", "1 while a feed is paused after failing", labels=["feed"])
        failures = GaugeMetricFamily(
            "sitrep_feed_consecutive_failures", "A feed's failed polls in a row", labels=["feed"]
        )
        for name, paused_at, count in feeds:
            paused.add_metric([name], 1 if paused_at is not None else 0)
            failures.add_metric([name], count or 0)
        yield paused
        yield failures


class Metrics:
    """One bot's metrics, in a registry of its own (two runtimes in one process never mix their counts)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.feed_polls = Counter(
            "sitrep_feed_polls", "Feed polls by outcome (ok, not_modified, error)", ["feed", "status"], registry=r
        )
        self.feed_failures = Counter("sitrep_feed_failures", "Feed polls that failed", ["feed"], registry=r)
        self.articles = Counter("sitrep_articles_ingested", "New articles stored", ["feed"], registry=r)
        self.figures = Counter("sitrep_figures_extracted", "Figures extracted from new articles", registry=r)
        self.quotes = Counter("sitrep_quotes_extracted", "Quotes extracted from new articles", registry=r)
        self.deliveries = Counter(
            "sitrep_deliveries",
            "Delivery attempts by outcome: sent, failed (for good) or pending (a passing failure, retried)",
            ["platform", "status"],
            registry=r,
        )
        self.charts = Counter("sitrep_charts_attached", "Trend charts attached to digests", ["platform"], registry=r)
        self.post_seconds = Histogram(
            "sitrep_post_seconds", "Time to post one message part", ["platform"], buckets=LATENCY_BUCKETS, registry=r
        )
        self.command_seconds = Histogram(
            "sitrep_command_seconds",
            "Time to answer a slash command",
            ["command", "platform"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.loop_lag = Gauge(
            "sitrep_event_loop_lag_seconds", "How late the event loop last woke a 1 s sleep", registry=r
        )
        self.database_errors = Counter("sitrep_database_errors", "Store faults by kind", ["kind"], registry=r)
        self.last_lag = 0.0

    def observe_lag(self, seconds: float) -> None:
        self.last_lag = seconds
        self.loop_lag.set(seconds)

    def watch_store(self, store: Store) -> None:
        self.registry.register(StoreGauges(store, self.database_errors))

    def ingested(self, report: IngestReport, store: Store) -> None:
        """Count one ingest run: each source's poll, the new articles, and what was extracted from them."""
        for source in report.sources:
            self.feed_polls.labels(source.source, source.status).inc()
            if source.status == "error":
                self.feed_failures.labels(source.source).inc()
            self.articles.labels(source.source).inc(source.new)
        if not report.new_article_ids:
            return
        ids = list(report.new_article_ids)
        try:
            with store.session() as session:
                figures = session.scalar(select(func.count()).where(FigureRow.article_id.in_(ids))) or 0
                quotes = session.scalar(select(func.count()).where(QuoteRow.article_id.in_(ids))) or 0
        except Exception as exc:
            # The articles are stored; a count lost to a failing store is only a metric lost.
            kind = health.fault_kind(exc)
            if kind is None:
                raise
            self.database_errors.labels(kind).inc()
            return
        self.figures.inc(figures)
        self.quotes.inc(quotes)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
