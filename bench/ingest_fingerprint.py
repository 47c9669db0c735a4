"""Every value a full ingest of the 22 shared feeds stores, to prove an ingest speed change changed none of them.

Usage (from the repository root)::

    python bench/ingest_fingerprint.py [--out FILE.jsonl]

Ingests the feeds (`bot.actions.run_ingest`, bench/common.py's eight topics) into a fresh SQLite store and prints
a hash of every column of `articles`, `figures`, `quotes`, `article_topics` and `sources`, with ids written as the
URL of the article they name (a story as its first article's URL) and the moments of the run itself
(`ingested_at`, a source's attempt, success and error times) left out. `--out` writes the rows, one JSON line each,
sorted, to diff two runs. Run it before and after a change: the hashes must be equal.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Table, select

from bench.common import TOPICS, feed_files
from bot.actions import run_ingest
from bot.runtime import Runtime
from digests.config.models import Config
from digests.ingest import SourceSpec
from digests.store.db import Store
from digests.store.schema import Article, ArticleTopic, FigureRow, QuoteRow, Source

# The moments the run itself sets: they differ between any two runs.
_RUN_TIMES = {"ingested_at", "last_attempt_at", "last_success_at", "last_error_at", "created_at", "first_ingest_at"}


def stored_rows(store: Store) -> list[str]:
    """Every stored row as sorted JSON lines, ids replaced by article URLs and source names."""
    lines: list[str] = []
    with store.session() as s:
        urls = dict(s.execute(select(Article.id, Article.url)).all())
        names = dict(s.execute(select(Source.id, Source.name)).all())
        for model in (Source, Article, FigureRow, QuoteRow, ArticleTopic):
            table = model.__table__
            assert isinstance(table, Table)
            for row in s.execute(select(table)).mappings():
                values: dict[str, object] = {"table": table.name}
                for key, value in row.items():
                    if key in _RUN_TIMES or (key == "id" and table.name != "sources"):
                        continue
                    if key in ("article_id", "story_id") or (key == "id" and table.name == "articles"):
                        value = urls.get(value, value)
                    elif key in ("source_id",) or (key == "id" and table.name == "sources"):
                        value = names.get(value, value)
                    values[key] = value
                lines.append(json.dumps(values, sort_keys=True, default=str, ensure_ascii=False))
    return sorted(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the stored rows here, one JSON line each")
    args = parser.parse_args()
    specs = [SourceSpec(name=f.stem, url=str(f), backfill=None) for f in feed_files()]
    config = Config.model_validate({"topics": TOPICS})
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'ingest.db'}")
        asyncio.run(run_ingest(Runtime(config, store), specs))
        lines = stored_rows(store)
        store.close()
    if args.out:
        args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    counts: dict[str, int] = {}
    for line in lines:
        table = json.loads(line)["table"]
        counts[table] = counts.get(table, 0) + 1
    print(digest, ", ".join(f"{n} {table}" for table, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
