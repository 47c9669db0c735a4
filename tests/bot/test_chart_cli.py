"""`sitrep chart` as a user runs it: a real process over a real SQLite file holding fixture figures."""

from __future__ import annotations

from pathlib import Path

from digests.store.db import Store
from tests.bot.test_cli import sitrep
from tests.digests.chart.test_chart import fill, png_size

CONFIG = """
topics:
  gaza: {title: Israel and Gaza, match: [Gaza]}
  lebanon: {title: Lebanon, match: [Lebanon]}
"""


def test_chart_writes_the_topics_png_and_refuses_what_it_cannot_draw(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    store = Store(f"sqlite:///{db}")
    fill(store)
    store.close()
    config = tmp_path / "sitrep.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "gaza.png"

    done = sitrep(
        "chart", "--config", str(config), "--topic", "gaza", "--since", "2026-11-01", "--out", str(out), db=db
    )

    assert done.returncode == 0, done.stderr
    png = out.read_bytes()
    assert done.stdout == f"{out}: {len(png):,} bytes\n"
    assert png_size(png) == (800, 780)

    unknown = sitrep("chart", "--config", str(config), "--topic", "sudan", "--out", str(out), db=db)
    assert (unknown.returncode, unknown.stderr.splitlines()[-1]) == (
        1,
        "sitrep chart: unknown topic 'sudan' (topics: gaza, lebanon)",
    )
    # Lebanon has a running total, but it was published before this window.
    empty = sitrep(
        "chart", "--config", str(config), "--topic", "lebanon", "--since", "2026-12-01", "--out", str(out), db=db
    )
    assert (empty.returncode, empty.stderr.splitlines()[-1]) == (
        1,
        "sitrep chart: no running totals or incident tolls for lebanon since 2026-12-01",
    )
    assert out.read_bytes() == png  # a refused chart leaves the earlier file alone
