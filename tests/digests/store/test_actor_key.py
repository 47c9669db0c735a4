"""Each figure's grouped actor is stored with it: filled as a row is written (ORM or Core insert), and
backfilled by migration 0009 for rows stored before it (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import insert, select, text

from digests.store.db import Store, _alembic_config, migrate
from digests.store.schema import FigureRow
from tests.factories import article

# As written → as grouped (digests.digest.entities.actor_key).
ACTORS = {
    "Russian troops": "Russia",
    "the Israeli army": "Israel",
    "civilians": "Civilians",
    "Hamas": "Hamas",
    "": "People",
    None: "People",
}


def _keys(store: Store) -> dict[str | None, str | None]:
    with store.session() as s:
        return {actor: key for actor, key in s.execute(select(FigureRow.actor, FigureRow.actor_key))}


def test_a_figure_is_stored_with_its_actors_group_however_it_is_written(store: Store) -> None:
    figures = tuple({"kind": "killed", "min": 3, "max": 3, "actor": actor} for actor in list(ACTORS)[:3])
    with store.session() as s:
        made = article(s, "https://example.org/orm", topics=("gaza",), figures=figures)
        # A Core insert, as ingest writes figures, leaving the key to the column's default.
        rows = [{"actor": actor, "kind": "killed", "start": 0, "end": 1, "span": "x"} for actor in list(ACTORS)[3:]]
        s.execute(insert(FigureRow), [{**row, "article_id": made.id} for row in rows])
    assert _keys(store) == ACTORS


def test_migration_0009_fills_the_key_of_figures_stored_before_it(db_url: str) -> None:
    store = Store(db_url)
    with store.session() as s:
        made = article(s, "https://example.org/a")
        article_id = made.id
    config = _alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008_figure_anchors")
    with store.engine.begin() as connection:
        for i, actor in enumerate(ACTORS):
            connection.execute(
                text(
                    'INSERT INTO figures (article_id, kind, min, max, actor, start, "end", span)'
                    " VALUES (:article, 'killed', :n, :n, :actor, 0, 1, 'x')"
                ),
                {"article": article_id, "n": i, "actor": actor},
            )
    migrate(store.engine)
    assert _keys(store) == ACTORS
    store.close()
