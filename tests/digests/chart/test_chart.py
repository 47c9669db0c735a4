"""Trend charts from fixture figures: what the chart holds (exact series and daily tolls) and the PNG it draws."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, timedelta

from digests.chart import chart_data, draw, topic_chart
from digests.chart.draw import LIMIT_BYTES
from digests.store.db import Store
from tests.factories import article

DAY = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
MINISTRY = {"kind": "killed", "actor": "Palestinians", "attributed_to": "Gaza health ministry", "scope": "cumulative"}
MILITARY = {"kind": "killed", "actor": "Palestinians", "attributed_to": "Israeli military", "scope": "cumulative"}
STRIKE = {"kind": "killed", "actor": "people", "scope": "incident"}


def fill(store: Store) -> None:
    """Four days of a war: two claimants' running totals, strikes reported by two outlets, a rejected count."""
    with store.session() as s:
        for day, (ministry, military) in enumerate(((72000, 20000), (72040, None), (72086, 20500), (72104, None))):
            figures = [{**MINISTRY, "min": ministry, "max": ministry}]
            if military:
                figures.append({**MILITARY, "min": military, "max": military})
            article(
                s,
                f"https://a.example/{day}",
                topics=("gaza",),
                figures=tuple(figures),
                published_at=DAY + timedelta(days=day),
            )
        # One strike, two outlets (one story): counted once, at its larger toll; another strike the same day adds.
        first = article(
            s, "https://b.example/1", topics=("gaza",), figures=({**STRIKE, "min": 12, "max": 12},), published_at=DAY
        )
        second = article(
            s, "https://c.example/1", topics=("gaza",), figures=({**STRIKE, "min": 15, "max": 15},), published_at=DAY
        )
        second.story_id = first.story_id = first.id
        article(s, "https://d.example/1", topics=("gaza",), figures=({**STRIKE, "min": 4, "max": 4},), published_at=DAY)
        article(
            s,
            "https://e.example/1",
            topics=("gaza",),
            figures=(
                {**STRIKE, "min": 30, "max": None, "qualifier": "at least"},
                {**STRIKE, "min": 1982, "max": 1982, "rejected": "past event"},
            ),
            published_at=DAY + timedelta(days=2),
        )
        # "People" in an outlet's own words are no side's running total; another topic's total and a count
        # published before the window are not drawn either.
        people = {"kind": "killed", "actor": "people", "scope": "cumulative", "min": 1000, "max": 1000}
        article(s, "https://h.example/1", topics=("gaza",), figures=(people,), published_at=DAY)
        article(
            s,
            "https://f.example/1",
            topics=("lebanon",),
            figures=({**MINISTRY, "min": 3000, "max": 3000},),
            published_at=DAY,
        )
        article(
            s,
            "https://g.example/1",
            topics=("gaza",),
            figures=({**MINISTRY, "min": 60000, "max": 60000},),
            published_at=DAY - timedelta(days=40),
        )


def test_chart_data_holds_each_claimants_line_and_incident_tolls_per_day(store: Store) -> None:
    fill(store)
    with store.session() as s:
        data = chart_data(s, "gaza", "Israel and Gaza", since=DAY - timedelta(days=30))
    assert [(x.label, [(t.day, v) for t, v in x.points]) for x in data.totals] == [
        ("Palestinians · killed — Gaza health ministry", [(28, 72000), (29, 72040), (30, 72086), (1, 72104)]),
        ("Palestinians · killed — Israeli military", [(28, 20000), (30, 20500)]),
    ]
    assert data.daily == {"killed": ((DAY.date(), 19), ((DAY + timedelta(days=2)).date(), 30))}
    assert (data.points, len(data.days), data.enough) == (8, 4, True)
    with store.session() as s:
        # What a delivery covered (articles up to the second day) draws the same later, whatever came since.
        upto = chart_data(s, "gaza", "Israel and Gaza", since=DAY - timedelta(days=30), upto_article_id=2)
    assert [[v for _, v in x.points] for x in upto.totals] == [[72000, 72040], [20000]]
    assert upto.daily == {}


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG, after checking its signature and every chunk's CRC and that IDAT inflates."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks, idat = 8, [], b""
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append(kind)
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND"
    width, height = struct.unpack(">II", png[16:24])
    assert len(zlib.decompress(idat)) > width * height  # every row of pixels is there
    return width, height


def test_the_chart_is_a_valid_png_small_enough_for_chat(store: Store) -> None:
    fill(store)
    with store.session() as s:
        png = topic_chart(s, "gaza", "Israel and Gaza", since=DAY - timedelta(days=30))
    assert png is not None
    assert png_size(png) == (800, 780)
    assert 20_000 < len(png) <= LIMIT_BYTES
    assert b"matplotlib" not in png  # no version stamp: the same data draws the same bytes
    with store.session() as s:
        again = topic_chart(s, "gaza", "Israel and Gaza", since=DAY - timedelta(days=30))
    assert again == png


def test_too_little_for_a_chart_draws_none(store: Store) -> None:
    with store.session() as s:
        article(
            s,
            "https://a.example/1",
            topics=("gaza",),
            figures=({**MINISTRY, "min": 72000, "max": 72000},),
            published_at=DAY,
        )
        article(
            s,
            "https://a.example/2",
            topics=("gaza",),
            figures=({**MINISTRY, "min": 72086, "max": 72086},),
            published_at=DAY + timedelta(hours=6),
        )
    with store.session() as s:
        data = chart_data(s, "gaza", "Gaza", since=DAY - timedelta(days=1))
        assert (data.points, data.enough) == (2, False)
        assert topic_chart(s, "gaza", "Gaza", since=DAY - timedelta(days=1), require_enough=True) is None
        assert topic_chart(s, "lebanon", "Lebanon", since=DAY - timedelta(days=1)) is None
    assert png_size(draw(data))[0] == 800


def test_only_incident_tolls_draw_a_bar_panel_alone() -> None:
    from digests.chart import ChartData

    png = draw(ChartData("gaza", "Gaza", daily={"killed": ((DAY.date(), 19),), "wounded": ((DAY.date(), 40),)}))
    assert png_size(png) == (800, 350)
