"""Migrates a database in a process of its own: `python -m digests.store.migrator` reads the database URL on
stdin (never on the command line, where `ps` would show its password), creates or upgrades the schema, and
exits 0; or exits 1 with the reason on its last stderr line.

The long-running bot migrates this way (`Store(url, apart=True)`): Alembic, with mako and pygments behind it,
costs some 14 MB that stay resident once imported, for the few seconds of a migration at start.
"""

from __future__ import annotations

import subprocess
import sys

from digests.store.errors import DatabaseError

# A migration waits for the others (replicas starting together) on an advisory lock: minutes at the very most.
TIMEOUT = 600.0


def migrate_apart(url: str) -> None:
    """Create or upgrade the schema of `url` in a child process; DatabaseError saying why when it can't."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "digests.store.migrator"],
            input=url,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"the schema migration did not run: {exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise DatabaseError(lines[-1] if lines else f"the schema migration exited with {done.returncode}")


def main() -> int:
    from digests.store.db import Store

    try:
        Store(sys.stdin.read().strip()).close()
    except DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # Alembic's own refusals: a revision it does not know (a newer sitrep's schema)
        print(f"the schema migration failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
