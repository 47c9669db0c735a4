"""window index: articles by when they were news, the time every published-since window filters on

Revision ID: 0007_window_index
Revises: 0006_claims
Create Date: 2026-12-03

Self-contained (one index, nothing else): another 0005 may be chained before or after it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_window_index"
down_revision: str | None = "0006_claims"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # The same expression as digests.windows.WHEN, so both SQLite and PostgreSQL use the index for it.
    op.create_index("ix_articles_when", "articles", [sa.text("coalesce(published_at, ingested_at)")])


def downgrade() -> None:
    op.drop_index("ix_articles_when", table_name="articles")
