"""The relevance set (tests/data/relevance) and the store it is scored on: the shared feeds ingested with the
set's keyword config, exactly as `sitrep ingest` would store them."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from digests.config.models import Topic  # noqa: E402
from digests.enrich import make_enrich  # noqa: E402
from digests.ingest import SourceSpec, ingest  # noqa: E402
from digests.store.db import Store  # noqa: E402

DATA = REPO_ROOT / "tests" / "data" / "relevance"
FEEDS = REPO_ROOT / "tests" / "data" / "feeds"


def labels(name: str) -> list[dict[str, Any]]:
    """One labelled file of the set: articles, figures or pairs."""
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def topics(path: Path = DATA / "topics.yaml") -> dict[str, Topic]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: Topic.model_validate(spec) for name, spec in raw["topics"].items()}


def build_store(folder: Path, config_topics: dict[str, Topic] | None = None) -> Store:
    """A SQLite store in `folder` holding every shared feed, ingested with the set's topics."""
    store = Store(f"sqlite:///{folder / 'relevance.db'}")
    specs = [SourceSpec(name=p.stem, url=str(p), backfill=None) for p in sorted(FEEDS.glob("*.xml"))]
    enrich = make_enrich(config_topics if config_topics is not None else topics())
    asyncio.run(ingest(store, specs, enrich=enrich))
    return store
