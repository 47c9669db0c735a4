"""figure anchors: what an incident's count names as hit and where ("minab school"), to join outlets' counts;
and whether people held were released

Revision ID: 0008_figure_anchors
Revises: 0007_window_index
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_figure_anchors"
down_revision: str | None = "0007_window_index"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # Counts stored before this have none: each stays with its own story, as before.
    with op.batch_alter_table("figures") as batch_op:
        batch_op.add_column(sa.Column("anchors", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("released", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch_op:
        batch_op.drop_column("released")
        batch_op.drop_column("anchors")
