"""A store of N realistic articles for the benches: the 22 shared feeds ingested once, then copied with their
figures, quotes, topics and stories, each copy on other dates over 90 days and under another of eight topics.

The ingested template is kept in the temp folder (keyed by the feed files and the extractor's source) so that
benches after the first skip the ingest.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

from bench.common import REPO_ROOT, TOPICS, feed_files
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source

# The newest copy is published up to here; the oldest 90 days before.
END = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SPAN = timedelta(days=90)
_CHUNK = 2000


def _template_key() -> str:
    digest = hashlib.sha256()
    # What decides the ingested rows: the feeds, and the extractor, relevance and figure placement.
    code = [*sorted((REPO_ROOT / "digests" / "extract").glob("*.py"))]
    code += [REPO_ROOT / "digests" / name for name in ("relevance.py", "figure_scope.py", "stories.py")]
    # And the schema: a template made by an older sitrep lacks newer columns.
    code += sorted((REPO_ROOT / "digests" / "migrations" / "versions").glob("*.py"))
    for path in [*feed_files(), *code]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def template() -> Path:
    """A SQLite store holding the 22 feeds ingested with the eight bench topics (made once, then reused)."""
    path = Path(tempfile.gettempdir()) / f"sitrep-bench-template-{_template_key()}.db"
    if path.exists():
        return path
    from bot.actions import run_ingest
    from bot.runtime import Runtime
    from digests.config.models import Config
    from digests.ingest import SourceSpec

    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    store = Store(f"sqlite:///{partial}")
    specs = [SourceSpec(name=f.stem, url=str(f), backfill=None) for f in feed_files()]
    asyncio.run(run_ingest(Runtime(Config.model_validate({"topics": TOPICS}), store), specs))
    store.close()
    partial.rename(path)
    return path


def _rows(store: Store, table: Any) -> list[dict[str, Any]]:
    with store.session() as s:
        return [dict(r._mapping) for r in s.execute(select(table.__table__)).all()]


def populate(store: Store, articles: int, *, seed: int = 12) -> dict[str, int]:
    """Fill an empty, migrated store with `articles` articles copied from the template; row counts by table."""
    source = Store(f"sqlite:///{template()}", migrate_schema=False)
    sources = _rows(source, Source)
    # By URL, not id: the template's ids depend on which feed's ingest finished first.
    arts = sorted(_rows(source, Article), key=lambda a: a["url"])
    by_article: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for name, table in (("figures", FigureRow), ("quotes", QuoteRow), ("topics", ArticleTopic)):
        grouped: dict[int, list[dict[str, Any]]] = {}
        for row in _rows(source, table):
            grouped.setdefault(row["article_id"], []).append(row)
        by_article[name] = grouped
    source.close()
    names = list(TOPICS)
    rng = random.Random(seed)
    copies = -(-articles // len(arts))
    counts = {"articles": 0, "figures": 0, "quotes": 0, "article_topics": 0}
    figure_columns = set(FigureRow.__table__.c.keys())
    with store.engine.begin() as conn:
        conn.execute(insert(Source.__table__), sources)
        article_id = figure_id = quote_id = 0
        batch: dict[str, list[dict[str, Any]]] = {"a": [], "f": [], "q": [], "t": []}

        def flush() -> None:
            for key, table in (("a", Article), ("f", FigureRow), ("q", QuoteRow), ("t", ArticleTopic)):
                if batch[key]:
                    conn.execute(insert(table.__table__), batch[key])
                    batch[key].clear()

        for copy in range(copies):
            first = article_id + 1
            shift = {n: names[(i + copy) % len(names)] for i, n in enumerate(names)}
            ids = {a["id"]: first + i for i, a in enumerate(arts[: articles - counts["articles"]])}
            for a in arts[: articles - counts["articles"]]:
                article_id = ids[a["id"]]
                published = END - SPAN * rng.random()
                batch["a"].append(
                    {
                        **a,
                        "id": article_id,
                        "url": f"{a['url']}#copy{copy}",
                        "published_at": published,
                        "ingested_at": published + timedelta(minutes=rng.randint(1, 90)),
                        "content_hash": hashlib.sha256(f"{a['content_hash']}{copy}".encode()).hexdigest(),
                        "story_id": ids.get(a["story_id"]) if a["story_id"] else None,
                        "is_new": True,
                    }
                )
                for f in by_article["figures"].get(a["id"], ()):
                    figure_id += 1
                    row = {**f, "id": figure_id, "article_id": article_id, "topic": shift.get(f["topic"], f["topic"])}
                    batch["f"].append({k: v for k, v in row.items() if k in figure_columns})
                for q in by_article["quotes"].get(a["id"], ()):
                    quote_id += 1
                    batch["q"].append({**q, "id": quote_id, "article_id": article_id})
                for t in by_article["topics"].get(a["id"], ()):
                    batch["t"].append({**t, "article_id": article_id, "topic": shift[t["topic"]]})
                counts["articles"] += 1
                counts["figures"] += len(by_article["figures"].get(a["id"], ()))
                counts["quotes"] += len(by_article["quotes"].get(a["id"], ()))
                counts["article_topics"] += len(by_article["topics"].get(a["id"], ()))
                if len(batch["a"]) >= _CHUNK:
                    flush()
        flush()
        if conn.dialect.name == "postgresql":
            for table in ("articles", "figures", "quotes", "sources"):
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
    return counts


class PostgresDatabase:
    """A database of its own on the PostgreSQL server at `server` (a URL whose database is ignored), dropped after."""

    def __init__(self, server: str, name: str) -> None:
        from sqlalchemy.engine import make_url

        self.name = name
        self.admin = make_url(server.replace("postgresql://", "postgresql+psycopg://", 1)).set(database="postgres")
        self.url = self.admin.set(database=name).render_as_string(hide_password=False)

    def _run(self, sql: str) -> None:
        from sqlalchemy import create_engine

        engine = create_engine(self.admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(sql))
        engine.dispose()

    def __enter__(self) -> str:
        self._run(f'DROP DATABASE IF EXISTS "{self.name}"')
        self._run(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc: object) -> None:
        self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
