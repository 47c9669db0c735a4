"""A hash of what the query layer answers over one store, to prove a speed change changed no answer.

Usage (from the repository root, or with PYTHONPATH pointing at another checkout to hash its answers)::

    python bench/answers_fingerprint.py DATABASE_URL

DATABASE_URL: a store filled by `bench/storegen.py` (its dates). Hashed: `figures_since` and `quotes_since`
for three windows and three topic choices, an actor and a speaker filter, `source_states`, and the JSON of a
channel's digest after two delivered points and of a topic's last day. Run it with the old code and the new
on the same store: the two hashes must be equal. (A channel's first digest is left out: since issue 12 it
covers `digest.first_window`, by design.)
"""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, datetime, timedelta

from digests import queries
from digests.digest.build import build_sections
from digests.render.structured import digest_json
from digests.store.db import Store

END = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # bench/storegen.py's newest date


def answers(store: Store) -> list[str]:
    out = []
    with store.session() as s:
        for days in (1, 7, 30):
            since = END - timedelta(days=days)
            for topics in (["ukraine", "gaza"], ["iran"], None):
                out.append(repr(queries.figures_since(s, since, topics=topics)))
                out.append(repr(queries.quotes_since(s, since, topics=topics)))
            out.append(repr(queries.figures_since(s, since, actor="civilians")))
            out.append(repr(queries.quotes_since(s, since, speaker="Zelensky")))
        out.append(repr(queries.source_states(s, END.replace(hour=0) - timedelta(days=2))))
        for after in (9000, 9900):
            digest = build_sections(
                s, topics=["ukraine", "gaza"], titles=["U", "G"], title="UG", now=END, after_id=after, channel="b"
            )
            out.append(repr(digest_json(digest)))
        digest = build_sections(s, topics=["iran"], titles=["I"], title="I", now=END, since=END - timedelta(days=1))
        out.append(repr(digest_json(digest)))
    return out


def main() -> int:
    store = Store(sys.argv[1], migrate_schema=False)
    said = answers(store)
    store.close()
    print(hashlib.sha256("\n".join(said).encode()).hexdigest()[:16], f"({sum(len(a) for a in said):,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
