"""Time ingesting the 22 shared feeds into a fresh store against `feedparser.parse` of the same files (the floor).

Usage (from the repository root)::

    python bench/bench_ingest.py [--repetitions N] [--database URL] [--check]

Each repetition migrates a fresh SQLite file (or, with `--database postgresql://…/db`, empties that database's
sitrep tables) outside the clock, then times the real ingest pipeline (`bot.actions.run_ingest`, what
`sitrep ingest` runs: parse, duplicate checks, text, language, extraction, relevance for eight topics, story
matching, storage) over the feed files, and `feedparser.parse` of each file, interleaved. Printed: the
ratio ingest / feedparser per repetition (target: median <= 2x), and a fingerprint of what was stored
(articles, figures, quotes, topics, stories) that must not change when ingest gets faster.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import feedparser
from sqlalchemy import select, text

from bench.common import TOPICS, feed_files, ms, ratio_line, timed
from bot.actions import run_ingest
from bot.runtime import Runtime
from digests.config.models import Config
from digests.ingest import SourceSpec
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow

TARGET = 2.0


def fingerprint(store: Store) -> str:
    """A hash of what the ingest stored, in an order that does not depend on ids or timing."""
    digest = hashlib.sha256()
    with store.session() as s:
        urls = dict(s.execute(select(Article.id, Article.url)).all())
        story = {a: urls.get(st) for a, st in s.execute(select(Article.id, Article.story_id)).all()}
        rows: list[tuple[object, ...]] = [
            tuple(r) for r in s.execute(select(Article.url, Article.title, Article.text, Article.language))
        ]
        rows += [(urls[a], "story", st) for a, st in story.items()]
        rows += [
            (urls[r.article_id], r.kind, r.min, r.max, r.actor, r.start, r.topic, r.scope, r.rejected)
            for r in s.scalars(select(FigureRow))
        ]
        rows += [(urls[r.article_id], r.text, r.speaker, r.start) for r in s.scalars(select(QuoteRow))]
        rows += [(urls[r.article_id], r.topic, round(r.score or 0, 6)) for r in s.scalars(select(ArticleTopic))]
        for line in sorted(repr(row) for row in rows):
            digest.update(line.encode())
    return digest.hexdigest()[:16]


def _fresh_store(url: str | None, folder: Path, n: int) -> Store:
    if url is None:
        return Store(f"sqlite:///{folder / f'ingest-{n}.db'}")
    store = Store(url)
    with store.session() as s:
        s.execute(text("TRUNCATE sources, articles, figures, quotes, article_topics, deliveries CASCADE"))
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--database", help="a PostgreSQL URL (its sitrep tables are emptied); default: SQLite files")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    files = feed_files()
    specs = [SourceSpec(name=f.stem, url=str(f), backfill=None) for f in files]
    config = Config.model_validate({"topics": TOPICS})

    def parse_all() -> None:
        for f in files:
            feedparser.parse(f.read_bytes())

    ratios, ingests, floors, prints = [], [], [], set()
    with tempfile.TemporaryDirectory() as tmp:
        parse_all()  # warm both: imports, regex compilation, file cache
        warm = _fresh_store(args.database, Path(tmp), -1)
        asyncio.run(run_ingest(Runtime(config, warm), specs))
        warm.close()
        for n in range(args.repetitions):
            store = _fresh_store(args.database, Path(tmp), n)
            rt = Runtime(config, store)
            floor = timed(parse_all)
            took = timed(lambda rt=rt: asyncio.run(run_ingest(rt, specs)))  # type: ignore[misc]
            prints.add(fingerprint(store))
            store.close()
            floors.append(floor)
            ingests.append(took)
            ratios.append(took / floor)
    print(f"{len(files)} feeds; feedparser.parse: min {ms(min(floors))}; ingest: min {ms(min(ingests))}")
    print(ratio_line("ingest / feedparser.parse", ratios, TARGET))
    print("stored fingerprint:", ", ".join(sorted(prints)))
    return 1 if args.check and sorted(ratios)[len(ratios) // 2] > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
