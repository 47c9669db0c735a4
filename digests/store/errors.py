"""Why the store can't be used: errors callers catch without importing SQLAlchemy or Alembic themselves."""

from __future__ import annotations


class DatabaseError(Exception):
    """The database can't be opened or migrated; the message names it (without its password) and why."""


class SchemaNotReady(DatabaseError):
    """The database a read-only command opened does not exist yet, or is not at this sitrep's schema: only
    `sitrep run` and `sitrep ingest` create and migrate it."""
