"""actor key: each figure's grouped actor (digests.digest.entities.actor_key) stored, so answers group and filter
by it in SQL

Revision ID: 0009_actor_key
Revises: 0008_figure_anchors
Create Date: 2026-12-03

The backfill maps each distinct actor once (a few hundred names, not one call per row) through a table of
(actor, key) pairs and one UPDATE, on SQLite and PostgreSQL alike.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from digests.digest.entities import UNNAMED, actor_key

revision: str = "0009_actor_key"
down_revision: str | None = "0008_figure_anchors"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

_KEYS = sa.table("figure_actor_keys", sa.column("actor", sa.Text), sa.column("actor_key", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch_op:
        batch_op.add_column(sa.Column("actor_key", sa.Text, nullable=True))
    bind = op.get_bind()
    actors = [a for (a,) in bind.execute(sa.text("SELECT DISTINCT actor FROM figures WHERE actor IS NOT NULL"))]
    if actors:
        op.create_table(
            "figure_actor_keys", sa.Column("actor", sa.Text, primary_key=True), sa.Column("actor_key", sa.Text)
        )
        op.bulk_insert(_KEYS, [{"actor": a, "actor_key": actor_key(a)} for a in actors])
        bind.execute(
            sa.text(
                "UPDATE figures SET actor_key = (SELECT k.actor_key FROM figure_actor_keys k WHERE k.actor = figures.actor)"
                " WHERE actor IS NOT NULL"
            )
        )
        op.drop_table("figure_actor_keys")
    bind.execute(sa.text("UPDATE figures SET actor_key = :key WHERE actor IS NULL"), {"key": UNNAMED})
    op.create_index("ix_figures_actor_key", "figures", ["actor_key"])


def downgrade() -> None:
    op.drop_index("ix_figures_actor_key", table_name="figures")
    with op.batch_alter_table("figures") as batch_op:
        batch_op.drop_column("actor_key")
