"""figure place: the place or setting a count's own words give for the people counted

Revision ID: 0005_figure_place
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_figure_place"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch_op:
        batch_op.add_column(sa.Column("place", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch_op:
        batch_op.drop_column("place")
