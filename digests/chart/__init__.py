"""Trend charts of a topic's tolls: the data from the store (data.py), the picture (draw.py)."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from digests.chart.data import ChartData, Series, chart_data
from digests.chart.draw import draw

__all__ = ["ChartData", "Series", "chart_data", "chart_part", "chart_png", "draw", "topic_chart"]


def topic_chart(
    session: Session,
    topic: str,
    title: str,
    *,
    since: datetime,
    until: datetime | None = None,
    upto_article_id: int | None = None,
    require_enough: bool = False,
) -> bytes | None:
    """The topic's chart as PNG bytes; None when there is nothing to draw (or, with `require_enough`, too
    little for a chart to say more than the digest's lines)."""
    data = chart_data(session, topic, title, since=since, until=until, upto_article_id=upto_article_id)
    if not data.points or (require_enough and not data.enough):
        return None
    return draw(data)


def chart_part(data: ChartData, png: bytes) -> dict[str, Any]:
    """A digest part holding a chart, platform-neutral: each publisher uploads or attaches it its own way."""
    return {
        "chart": {
            "topic": data.topic,
            "title": f"{data.title}: tolls by publication date",
            "png": base64.b64encode(png).decode("ascii"),
        }
    }


def chart_png(part: dict[str, Any]) -> bytes:
    return base64.b64decode(part["chart"]["png"])
