"""Opens the store: an engine for the configured URL (SQLite in WAL mode by default) migrated to head by Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


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


def make_engine(url: str) -> Engine:
    url = _normalise(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "handle_error", _discard_on_fault)
    return engine


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class DatabaseError(Exception):
    """The database can't be opened or migrated; the message names it (without its password) and why."""


class Store:
    """The open database: `with store.session() as s:` gives a transaction that commits on success."""

    def __init__(self, url: str, *, migrate_schema: bool = True) -> None:
        self.url = url
        try:
            self.engine = make_engine(url)
            if migrate_schema:
                migrate(self.engine)
        except ImportError as exc:
            shown = make_url(_normalise(url)).render_as_string(hide_password=True)
            raise DatabaseError(
                f"{shown}: its driver is not installed ({exc.name or exc}); for PostgreSQL, install sitrep[postgres]"
            ) from exc
        except (SQLAlchemyError, OSError) as exc:
            shown = make_url(_normalise(url)).render_as_string(hide_password=True)
            reason = getattr(exc, "orig", None) or exc
            raise DatabaseError(f"{shown}: {str(reason).strip().splitlines()[0]}") from exc
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
