"""Storage faults: a connection that met one is not reused, a lost database is named, failures are told once."""

from __future__ import annotations

import logging
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from digests.store.db import Store
from digests.store.health import DatabaseLost, Outage, Throttle, fault_kind, probe, reason

T0 = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)


def outcome(store: Store) -> str:
    try:
        probe(store)
    except Exception as exc:
        return f"{fault_kind(exc)}: {reason(exc)}"
    return "ok"


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Files made unwritable even for root (chattr +i) for the test, writable again after it."""
    if shutil.which("chattr") is None:
        pytest.skip("needs chattr to make a file read-only for root")
    files: list[Path] = []
    yield files
    if files:
        subprocess.run(["chattr", "-i", *map(str, files)], check=False)


def test_a_read_only_spell_does_not_outlast_itself(tmp_path: Path, immutable: list[Path]) -> None:
    path = tmp_path / "sitrep.db"
    store = Store(f"sqlite:///{path}")
    try:
        assert outcome(store) == "ok"
        # The -shm stays writable: SQLite maps it, and an unwritable one kills the process (SIGBUS).
        immutable += [path, Path(f"{path}-wal")]
        done = subprocess.run(["chattr", "+i", *map(str, immutable)], capture_output=True, text=True, check=False)
        if done.returncode:
            pytest.skip(f"this filesystem has no immutable files: {done.stderr.strip()}")
        store.engine.dispose()  # a connection opened now is opened read-only, silently
        assert outcome(store) == "read-only: attempt to write a readonly database"
        subprocess.run(["chattr", "-i", *map(str, immutable)], check=True)
        # Writable again: before, the pooled read-only connection kept failing until a restart.
        assert outcome(store) == "ok"
    finally:
        store.close()


def test_a_deleted_sqlite_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.db"
    store = Store(f"sqlite:///{path}")
    try:
        assert outcome(store) == "ok"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        # The open connection would go on writing to the deleted file; a new one would find no tables.
        assert outcome(store) == f"missing database: the database file {path} was deleted"
        with pytest.raises(DatabaseLost):
            probe(store)
    finally:
        store.close()


def test_a_dropped_postgresql_schema_and_database_are_named(pg_url: str) -> None:
    import psycopg

    server = pg_url.rsplit("/", 1)[0]
    name = f"sitrep_drop_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(server.replace("postgresql+psycopg://", "postgresql://") + "/test", autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        store = Store(f"{server}/{name}")
        try:
            assert outcome(store) == "ok"
            with store.engine.begin() as connection:
                connection.execute(text("DROP TABLE alembic_version"))
            assert outcome(store) == 'missing schema: relation "alembic_version" does not exist'
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            assert outcome(store).startswith("missing database: ")
            assert f'database "{name}" does not exist' in outcome(store)
        finally:
            store.close()
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_the_admins_hear_once_after_a_while_and_once_when_it_is_back() -> None:
    outage = Outage(notify_after=timedelta(minutes=5))
    told = [outage.failed("read-only", T0 + timedelta(minutes=m)) for m in (0, 1, 4, 5, 6, 30)]
    assert told == [False, False, False, True, False, False]
    assert outage.recovered(T0 + timedelta(minutes=31)) == timedelta(minutes=31)
    assert outage.recovered(T0 + timedelta(minutes=32)) is None  # nothing to say twice
    # A blip shorter than the wait is never announced, nor its end.
    assert outage.failed("unreachable", T0) is False
    assert outage.recovered(T0 + timedelta(minutes=2)) is None


def test_one_log_line_per_kind_a_minute(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store = Store(f"sqlite:///{tmp_path}/sitrep.db")
    throttle = Throttle(every=60)
    log = logging.getLogger("test.health")
    try:
        with store.engine.begin() as connection:
            connection.execute(text("DROP TABLE alembic_version"))
        for _ in range(5):
            try:
                probe(store)
            except Exception as exc:
                throttle.log(log, "poll", exc)
        (tmp_path / "sitrep.db").unlink()
        for _ in range(5):
            try:
                probe(store)
            except Exception as exc:
                throttle.log(log, "poll", exc)
    finally:
        store.close()
    assert [(r.getMessage(), r.exc_info) for r in caplog.records if r.name == "test.health"] == [
        ("poll: database missing schema: no such table: alembic_version", None),
        (f"poll: database missing database: the database file {tmp_path}/sitrep.db was deleted", None),
    ]
