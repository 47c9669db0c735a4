"""A story carried by many outlets keeps every link: its sources piece is split into "more" pieces, not cut."""

from __future__ import annotations

import json
import re

from digests.digest.model import ArticleRef, Digest, Story
from digests.render import render
from tests.digests.render.render_samples import GENERATED


def _widely_carried(outlets: int) -> Digest:
    articles = tuple(
        ArticleRef(
            id=i,
            title=f"North Korean troops report {i}",
            url=f"https://news.example.org/outlet-{i}/2024/11/05/north-korean-troops-in-kursk?ref=rss&id={i}",
            source=f"Outlet number {i} of the wire services",
            published_at=GENERATED,
            story=1,
        )
        for i in range(1, outlets + 1)
    )
    story = Story(id=1, title=articles[0].title, articles=articles)
    return Digest(
        title="North Korean troops",
        topics=("north-korea",),
        generated_at=GENERATED,
        articles=articles,
        article_count=outlets,
        last_article_id=outlets,
        stories=(story,),
    )


def _linked_ids(parts: list[dict[str, object]]) -> list[int]:
    return [int(n) for n in re.findall(r"&id=(\d+)", json.dumps(parts).replace("&amp;", "&"))]


def test_a_story_from_three_hundred_outlets_keeps_every_link_on_slack() -> None:
    parts = render(_widely_carried(300), "slack")
    assert sorted(_linked_ids(parts)) == list(range(1, 301))
    contexts = [e["text"] for m in parts for b in m["blocks"] for e in b.get("elements", [])]  # type: ignore[attr-defined]
    assert all(len(text) <= 3000 and not text.endswith("…") for text in contexts)
    assert sum(text.count("↳ more on North Korean troops report 1:") for text in contexts) >= 2


def test_a_story_from_three_hundred_outlets_keeps_every_link_on_discord() -> None:
    parts = render(_widely_carried(300), "discord")
    assert sorted(_linked_ids(parts)) == list(range(1, 301))
    descriptions = [e["description"] for m in parts for e in m["embeds"] if "description" in e]  # type: ignore[attr-defined]
    assert all(len(text) <= 4096 and not text.endswith("…") for text in descriptions)
    assert sum(text.count("↳ more on North Korean troops report 1:") for text in descriptions) >= 2


def test_a_story_whose_outlets_fit_is_one_piece_as_before() -> None:
    parts = render(_widely_carried(3), "slack")
    assert sorted(_linked_ids(parts)) == [1, 2, 3]
    assert "more on" not in json.dumps(parts)
