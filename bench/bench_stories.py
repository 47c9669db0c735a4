"""Time story matching (digests/stories.py) per article against the ingest's own parse of the same entries.

Usage (from the repository root)::

    python bench/bench_stories.py [--rounds N] [--check]

Entries: every entry of the shared feeds (``../shared/feeds`` beside the repository, else ``tests/data/feeds``),
read by ``digests.ingest.parse.parse_feed`` (feedparser), the ingest's first step. The floor is that parse.

The matcher runs as the ingest runs it: articles in feed order, each prepared once (``story_text``) and matched
(``match_story``) against the articles before it published within the story window, newest first, at most as
many as the ingest's pool holds; a matched article joins its story. Both are warmed up once, then timed for
several rounds, interleaved; printed: the matcher's time over the parse's (min and median of the rounds), the
time per article, and how many articles joined a story; both as the feeds' entries are dated and with every
entry in one window (the most candidates the ingest's pool allows). ``--check`` exits 1 when a median ratio
misses its target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import feed_files, ratio_line, timed
from digests.ingest.canonical import canonical_url
from digests.ingest.parse import FeedError, parse_feed
from digests.ingest.persist import _STORY_POOL
from digests.stories import Candidate, match_story, story_text, window

# What the matcher may cost, as a share of the parse of the same entries: as the feeds are published, and in the
# worst case, every entry a candidate for every later one (up to the ingest's pool size).
TARGETS = {"as published": 1.0, "one window": 2.0}


@dataclass(frozen=True)
class Item:
    title: str
    text: str
    url: str | None
    published: datetime


def parse_all(bodies: list[bytes]) -> list[Item]:
    items = []
    for body in bodies:
        try:
            entries = parse_feed(body).entries
        except FeedError:
            continue
        for e in entries:
            text = e.content if len(e.content) >= len(e.summary) else e.summary
            url = canonical_url(e.url) if e.url else None
            items.append(Item(e.title, text, url, e.published or datetime(2026, 3, 5, tzinfo=UTC)))
    return items


def pools(items: list[Item]) -> list[list[int]]:
    """Each item's candidates, as the ingest's query picks them: earlier items published within the story window,
    newest first, at most its pool size. Picked in SQL at ingest, so outside the timing."""
    out = []
    for i, item in enumerate(items):
        low, high = window(item.published)
        out.append([j for j in range(i - 1, -1, -1) if low <= items[j].published <= high][:_STORY_POOL])
    return out


def match_all(items: list[Item], candidates_of: list[list[int]]) -> tuple[int, int]:
    """Prepare and match every item against its candidates, as the ingest does: how many joined a story, and how
    many of those a story first told by another outlet."""
    stored: list[Candidate] = []
    joined = across = 0
    for i, item in enumerate(items):
        text = story_text(item.title, item.text, item.url, item.published)
        story = match_story(text, [stored[j] for j in candidates_of[i]])
        if story is not None:
            joined += 1
            across += stored[story].text.outlet != text.outlet
        stored.append(Candidate(i, story if story is not None else i, text))
    return joined, across


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a median ratio misses its target")
    args = parser.parse_args(argv)
    bodies = [path.read_bytes() for path in feed_files()]
    items = parse_all(bodies)
    # As published; and the worst case, every entry in one window (a first run over feeds that give no dates).
    cases = {
        "as published": pools(items),
        "one window": [list(range(i - 1, max(-1, i - 1 - _STORY_POOL), -1)) for i in range(len(items))],
    }
    print(f"{len(items)} entries from {len(bodies)} feeds")
    for name, candidates_of in cases.items():
        joined, across = match_all(items, candidates_of)  # also the warm-up
        mean = sum(map(len, candidates_of)) / len(items)
        print(f"{name}: {mean:.0f} candidates per entry; {joined} entries joined a story ({across} another outlet's)")
    parse_times: list[float] = []
    match_times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.rounds):
        parse_times.append(timed(lambda: parse_all(bodies)))
        for name, candidates_of in cases.items():
            match_times[name].append(timed(lambda c=candidates_of: match_all(items, c)))
    print(f"parse (floor): median {statistics.median(parse_times) / len(items) * 1e6:.0f} us per entry")
    missed = False
    for name, times in match_times.items():
        ratios = [m / p for m, p in zip(times, parse_times, strict=True)]
        print(f"story matching, {name}: median {statistics.median(times) / len(items) * 1e6:.0f} us per entry")
        print(ratio_line(f"story matching, {name} / parse", ratios, TARGETS[name]))
        missed = missed or statistics.median(ratios) > TARGETS[name]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
