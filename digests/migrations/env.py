"""Alembic environment: migrations run on the connection the store hands over (see digests.store.db.migrate)."""

from alembic import context

from digests.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through digests.store.db.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
