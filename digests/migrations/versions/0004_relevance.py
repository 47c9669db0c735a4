"""relevance: topic scores, figure topics and scopes, stories, feed titles

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch_op:
        batch_op.add_column(sa.Column("title", sa.Text(), nullable=True))
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("story_id", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_articles_published_at", ["published_at"])
        batch_op.create_index("ix_articles_story_id", ["story_id"])
    with op.batch_alter_table("figures") as batch_op:
        batch_op.add_column(sa.Column("topic", sa.String(100), nullable=True))
        batch_op.add_column(sa.Column("scope", sa.String(20), nullable=True))
        batch_op.add_column(sa.Column("rejected", sa.Text(), nullable=True))
        batch_op.create_index("ix_figures_topic", ["topic"])
    with op.batch_alter_table("article_topics") as batch_op:
        batch_op.add_column(sa.Column("score", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("article_topics") as batch_op:
        batch_op.drop_column("score")
    with op.batch_alter_table("figures") as batch_op:
        batch_op.drop_index("ix_figures_topic")
        batch_op.drop_column("rejected")
        batch_op.drop_column("scope")
        batch_op.drop_column("topic")
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_index("ix_articles_story_id")
        batch_op.drop_index("ix_articles_published_at")
        batch_op.drop_column("story_id")
    with op.batch_alter_table("sources") as batch_op:
        batch_op.drop_column("title")
