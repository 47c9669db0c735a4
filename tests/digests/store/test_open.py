"""Opening the store for a command that only reads: a database that is missing or at another schema revision
is refused with the reason, and left as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from digests.store import migrator
from digests.store.db import DatabaseError, SchemaNotReady, Store, head_revisions, schema_heads


def _version(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        return [str(v) for (v,) in connection.execute(text("SELECT version_num FROM alembic_version"))]


def test_a_database_behind_this_sitreps_schema_is_reported_not_migrated(db_url: str) -> None:
    (head,) = schema_heads()
    store = Store(db_url)
    try:
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        with pytest.raises(SchemaNotReady) as behind:
            Store(db_url, existing=True)
        assert str(behind.value).split(": ", 1)[1] == (
            f"its schema is at revision 0001, this sitrep needs {head} (`sitrep run` or `sitrep ingest` migrates it)"
        )
        assert _version(store) == ["0001"]

        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(SchemaNotReady) as newer:
            Store(db_url, existing=True)
        assert str(newer.value).split(": ", 1)[1] == (
            "its schema revision 9999 is unknown to this sitrep (made by a newer version?)"
        )
    finally:
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        store.close()
    current = Store(db_url, existing=True)
    assert _version(current) == [head]
    current.close()


def test_a_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    file = tmp_path / "sub" / "sitrep.db"
    with pytest.raises(SchemaNotReady) as missing:
        Store(f"sqlite:///{file}", existing=True)
    assert str(missing.value) == f"no database yet at {file} (`sitrep run` or `sitrep ingest` creates it)"
    assert not file.parent.exists()


def test_a_store_migrated_apart_is_at_this_sitreps_schema_without_alembic_in_this_process(tmp_path: Path) -> None:
    # The long-running bot's way: the child process migrates; this one never imports Alembic for it.
    file = tmp_path / "sitrep.db"
    code = (
        "import sys; from digests.store.db import Store; "
        f"s = Store('sqlite:///{file}', apart=True); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'pygments'))); s.close()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    (head,) = schema_heads()
    store = Store(f"sqlite:///{file}", existing=True)
    assert _version(store) == [head]
    store.close()


def test_a_database_that_cannot_be_migrated_apart_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    with pytest.raises(DatabaseError) as failed:
        Store(f"sqlite:///{folder}", apart=True)
    assert str(failed.value) == f"sqlite:///{folder}: unable to open database file"


def test_a_database_in_memory_is_migrated_in_this_process_even_when_asked_apart() -> None:
    (head,) = schema_heads()
    store = Store("sqlite://", apart=True)
    assert _version(store) == [head]
    store.close()


def test_the_head_revision_read_without_alembic_is_alembics() -> None:
    assert head_revisions() == schema_heads() == {"0009_actor_key"}


def test_a_start_migrates_apart_only_a_database_not_at_the_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A restart of a bot whose database is already at the head spawns no migration child (its imports cost
    # seconds); a new database, or one at another revision, goes to the child as before.
    children: list[str] = []
    original = migrator.migrate_apart

    def spy(url: str) -> None:
        children.append(url)
        original(url)

    monkeypatch.setattr(migrator, "migrate_apart", spy)
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    Store(url, apart=True).close()
    assert children == [url]
    Store(url, apart=True).close()
    assert children == [url]

    store = Store(url, existing=True)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(DatabaseError) as newer:
        Store(url, apart=True)
    assert children == [url, url]
    assert str(newer.value) == "the schema migration failed: Can't locate revision identified by '9999'"
