"""Opens the store: an engine for the configured URL (SQLite in WAL mode by default) migrated to head by Alembic."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from digests.store.errors import DatabaseError, SchemaNotReady

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

__all__ = ["DatabaseError", "SchemaNotReady", "Store", "make_engine", "migrate", "schema_heads", "sqlite_file"]

T = TypeVar("T")
# Worker threads that run store work for async callers: enough for a few queries at once, few enough that a burst of
# commands queues here rather than opening connection after connection.
WORKERS = 4
# And a small pool of its own for quick calls (a ledger row written, a claim renewed), so that they never queue
# behind a wave of digest builds.
QUICK_WORKERS = 2

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The advisory lock key that serialises migrations on PostgreSQL ("sitrep" in ASCII).
MIGRATION_LOCK = 0x736974726570


def _normalise(url: str) -> str:
    # Plain postgresql:// would ask for psycopg2; we ship psycopg 3.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _discard_on_fault(context: ExceptionContext) -> None:
    """A connection that met a storage fault is not pooled again: SQLite keeps a connection read-only after
    its file was read-only or moved, even once the file is fine, and a dropped database leaves dead ones.
    A busy database is only busy: its connections stay."""
    error = context.sqlalchemy_exception
    if isinstance(error, OperationalError) and "locked" not in str(error.orig).lower():
        context.is_disconnect = True


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for :memory:)."""
    parsed = make_url(_normalise(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for the URL; with `create`, a SQLite file's folder is made if missing."""
    url = _normalise(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        file = sqlite_file(url)
        if create and file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _discard_on_fault)
    return engine


def _alembic_config() -> AlembicConfig:
    # Alembic (with mako and pygments behind it) loads only when a schema is made, migrated or checked.
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


_REVISION = re.compile(r'^(down_)?revision(?::[^=]*)?=\s*["\']([^"\']+)["\']', re.MULTILINE)


def head_revisions() -> set[str]:
    """The revision(s) the migrations end at, read from the scripts' own `revision`/`down_revision` lines without
    loading Alembic (`schema_heads` asks Alembic; a test holds the two equal)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            (parents if down else revisions).add(value)
    return revisions - parents


def at_head(engine: Engine) -> bool:
    """Whether the database's schema is already at this sitrep's head revision: then a start needs no migration,
    and the child process (with Alembic's imports) is skipped."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return bool(current) and current == head_revisions()


def one_at_a_time(connection: Connection) -> None:
    """Replicas starting together change the schema one after the other: on PostgreSQL, wait for an advisory
    lock that ends with the connection's transaction. (SQLite lets one writer at a time anyway.)"""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision."""
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        one_at_a_time(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _shown(url: str) -> str:
    return make_url(_normalise(url)).render_as_string(hide_password=True)


def schema_heads() -> set[str]:
    """The schema revision(s) this sitrep's migrations end at."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def schema_problem(engine: Engine) -> str | None:
    """Why the database's schema is not the one this sitrep needs (never created, behind, or from a newer
    sitrep); None when it is. Reads only: nothing is created."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = schema_heads()
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current == heads:
        return None
    needed = ", ".join(sorted(heads))
    if not current:
        return "it has no sitrep tables yet (`sitrep run` or `sitrep ingest` creates them)"
    known = {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    at = ", ".join(sorted(current))
    if current <= known:
        return (
            f"its schema is at revision {at}, this sitrep needs {needed} (`sitrep run` or `sitrep ingest` migrates it)"
        )
    return f"its schema revision {at} is unknown to this sitrep (made by a newer version?)"


class Store:
    """The open database: `with store.session() as s:` gives a transaction that commits on success, and
    `await store.call(fn)` runs `fn(session)` in such a transaction in a worker thread, off the event loop.

    `migrate_schema` creates or migrates it (`apart`: in a child process, so that Alembic never loads into this
    one; a database in memory is migrated here all the same); `existing` (for commands that only read) instead
    refuses, with SchemaNotReady, a database that is missing or not at this sitrep's schema, and creates nothing."""

    def __init__(self, url: str, *, migrate_schema: bool = True, existing: bool = False, apart: bool = False) -> None:
        self.url = url
        file = sqlite_file(url)
        if existing and file is not None and not file.is_file():
            raise SchemaNotReady(f"no database yet at {file} (`sitrep run` or `sitrep ingest` creates it)")
        try:
            self.engine = make_engine(url, create=not existing)
            problem = None
            if existing:
                problem = schema_problem(self.engine)
            elif migrate_schema and apart and (file is not None or self.engine.dialect.name != "sqlite"):
                if not at_head(self.engine):
                    from digests.store.migrator import migrate_apart

                    migrate_apart(url)
            elif migrate_schema:
                migrate(self.engine)
        except ImportError as exc:
            raise DatabaseError(
                f"{_shown(url)}: its driver is not installed ({exc.name or exc}); for PostgreSQL, install sitrep[postgres]"
            ) from exc
        except (SQLAlchemyError, OSError) as exc:
            reason = getattr(exc, "orig", None) or exc
            raise DatabaseError(f"{_shown(url)}: {str(reason).strip().splitlines()[0]}") from exc
        if problem is not None:
            self.engine.dispose()
            raise SchemaNotReady(f"{_shown(url)}: {problem}")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._workers: ThreadPoolExecutor | None = None
        self._quick: ThreadPoolExecutor | None = None

    async def call(self, work: Callable[[Session], T], *, quick: bool = False) -> T:
        """`work(session)` in one transaction in a worker thread (at most WORKERS at once): the event loop keeps
        answering while a query or a digest build runs. What it returns must not need the session afterwards.
        `quick`: a call of a few milliseconds (one row read or written) that must not wait behind long ones; it
        runs in a pool of QUICK_WORKERS of its own."""
        if quick:
            if self._quick is None:
                self._quick = ThreadPoolExecutor(max_workers=QUICK_WORKERS, thread_name_prefix="store-quick")
            pool = self._quick
        else:
            if self._workers is None:
                self._workers = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="store")
            pool = self._workers

        def run() -> T:
            with self.session() as session:
                return work(session)

        return await asyncio.get_running_loop().run_in_executor(pool, run)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        for pool in (self._workers, self._quick):
            if pool is not None:
                pool.shutdown(wait=True)
        self._workers = self._quick = None
        self.engine.dispose()
