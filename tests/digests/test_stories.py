"""digests/stories.py: which reports of real stories join one story, on labelled pairs' own text."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from digests.ingest.api import Enrichment, SourceSpec
from digests.ingest.canonical import canonical_url, content_hash
from digests.ingest.parse import parse_feed
from digests.ingest.persist import NewArticle, open_source, store_article
from digests.model import Extraction
from digests.store.db import Store
from digests.store.schema import Article
from digests.stories import (
    FEATURES,
    THRESHOLD,
    Candidate,
    StoryText,
    features,
    match_story,
    outlet,
    similarity,
    story_text,
)

PAIRS = Path(__file__).resolve().parents[1] / "data" / "stories" / "pairs.jsonl"
FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


@cache
def _articles() -> dict[str, dict[str, Any]]:
    with PAIRS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return {side["url"]: side for row in rows for side in (row["a"], row["b"])}


def _text(url: str) -> StoryText:
    article = _articles()[url]
    return story_text(article["title"], article["lead"], url)


MONASTERY_CP24 = (
    "https://www.cp24.com/news/world/2025/07/11/at-least-23-dead-after-airstrike-on-buddhist-monastery-in-myanmar/"
)
MONASTERY_CNA = "https://www.channelnewsasia.com/asia/myanmar-sagaing-airstrike-buddhist-monastery-dead-5233946"
KOMANDA_INTERBELLUM = (
    "https://interbellumnews.com/conflicts/adf-rebels-attack-church-in-dr-congo-killing-38-worshippers"
)
KOMANDA_NEWSCRAFT = "https://dailynewscraft.ng/35-killed-in-dr-congo-rebel-church-attack"
AQIL = (
    "https://canadanewsvideo.com/israel-says-top-hezbollah-commander-killed-in-lebanon-targeted-strike-national-video"
)
NASRALLAH = (
    "https://www.devdiscourse.com/article/law-order/3103895-hezbollah-leader-nasrallah-killed-in-israeli-airstrike"
)
RAS_ISA = "https://alitoday.com/?p=3423"
SAADA = "https://limitlessnewz.com/us-airstrike-in-yemen-kills-many-of-migrants-sparks-outcry"


@pytest.mark.parametrize(
    ("first", "second", "score"),
    [
        (MONASTERY_CP24, MONASTERY_CNA, 0.999),  # one AP wire story on two sites
        (KOMANDA_INTERBELLUM, KOMANDA_NEWSCRAFT, 0.972),  # two rewrites of the AFP report
        (AQIL, NASRALLAH, 0.225),  # two Israeli strikes on Beirut's suburbs a week apart
        (RAS_ISA, SAADA, 0.075),  # two US strikes in Yemen the same month
    ],
)
def test_how_alike_two_reports_are(first: str, second: str, score: float) -> None:
    assert round(similarity(_text(first), _text(second)), 3) == score


def test_a_rewrite_joins_its_story_and_another_strike_does_not() -> None:
    pool = [Candidate(1, 1, _text(KOMANDA_INTERBELLUM)), Candidate(2, 2, _text(AQIL)), Candidate(3, 2, _text(RAS_ISA))]
    assert [match_story(_text(url), pool) for url in (KOMANDA_NEWSCRAFT, NASRALLAH, SAADA)] == [1, None, None]


def test_the_most_similar_story_wins() -> None:
    pool = [Candidate(1, 7, _text(KOMANDA_NEWSCRAFT)), Candidate(2, 9, _text(MONASTERY_CNA))]
    assert match_story(_text(MONASTERY_CP24), pool) == 9
    assert match_story(_text(MONASTERY_CP24), []) is None


@cache
def _reuters() -> dict[str, StoryText]:
    """Story texts of the bundled Reuters feed's entries by canonical URL, read as the ingest reads them."""
    entries = parse_feed((FEEDS / "07-reuters-scraped-500-items.xml").read_bytes()).entries
    texts = {}
    for e in entries:
        url = canonical_url(e.url or "")
        texts[url] = story_text(e.title, e.content if len(e.content) >= len(e.summary) else e.summary, url)
    return texts


REUTERS = "https://www.reuters.com/"
TRUMP_TARGETS = REUTERS + "world/europe/trump-says-us-has-knocked-out-many-iranian-naval-air-targets-2026-03-03/"
TRUMP_SPAIN = REUTERS + "business/trump-says-us-will-cut-all-trade-with-spain-2026-03-03/"
BURGUM = (
    REUTERS
    + "world/americas/us-interior-secretary-burgum-meeting-with-venezuela-acting-president-rodriguez-2026-03-04/"
)
BURGUM_VISIT = (
    REUTERS + "world/americas/us-interior-secretary-meets-with-rodriguez-mining-companies-venezuela-visit-2026-03-04/"
)


def test_one_outlets_two_reports_join_only_when_near_identical() -> None:
    # Two of the day's Reuters reports on Trump: alike enough to merge from two outlets, apart from one.
    targets, spain = _reuters()[TRUMP_TARGETS], _reuters()[TRUMP_SPAIN]
    elsewhere = replace(spain, outlet="example.com")
    assert [round(similarity(targets, other), 3) for other in (spain, elsewhere)] == [0.177, 0.756]
    pool = [Candidate(1, 1, targets), Candidate(2, 2, _reuters()[BURGUM_VISIT])]
    # Reuters' two near-identical reports of Burgum's Caracas visit are one story.
    assert [match_story(text, pool) for text in (spain, elsewhere, _reuters()[BURGUM])] == [None, 1, 2]


def test_skipping_unlikely_candidates_never_changes_a_match() -> None:
    # match_story skips a candidate without scoring it by rapidfuzz when even perfect scores could not reach the
    # threshold: over every labelled pair, it decides exactly as the full score does.
    texts = {url: _text(url) for url in _articles()}
    with PAIRS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    decided = [
        (match_story(texts[r["b"]["url"]], [Candidate(1, 1, texts[r["a"]["url"]])]) == 1)
        == (similarity(texts[r["b"]["url"]], texts[r["a"]["url"]]) >= THRESHOLD)
        for r in rows
    ]
    assert decided == [True] * len(rows)


def test_what_a_story_text_keeps() -> None:
    text = story_text(
        "U.S. strike on Yemen’s Ras Isa port kills 20, Houthis say",
        "Twenty-four people, including five paramedics, were wounded on Thursday in El-Fasher, Sudan's army said; "
        "1,200 fled.",
        "https://www.example.co.uk/world/1",
    )
    # "U.S." is too common a name to tell stories apart; five is too small a count.
    assert text.names == {"yemen", "ras", "isa", "houthis", "fasher", "sudan"}
    assert text.weekdays == {"thursday"}
    assert text.numbers == {"20", "24", "1200"}
    assert text.outlet == "example.co.uk"
    assert text.title == "u s  strike on yemen s ras isa port kills 20  houthis say"


def test_an_outlet_is_the_registrable_domain() -> None:
    assert [
        outlet(url)
        for url in (
            "https://www.bbc.co.uk/news/world-1",
            "https://edition.cnn.com/2025/07/11/x",
            "http://libproxy1.nus.edu.sg/x",
            "urn:sitrep:feed:abc",
            "file:///tmp/feed.xml",
            None,
        )
    ] == ["bbc.co.uk", "cnn.com", "nus.edu.sg", None, None, None]


def _article(url: str, published: datetime) -> NewArticle:
    side = _articles()[url]
    digest = content_hash(side["title"], side["lead"])
    return NewArticle(None, url, url, side["title"], published, "", side["lead"], digest, True)


def test_ingest_stores_each_report_under_its_story(store: Store) -> None:
    # Real store, real persist path: two outlets' reports of the Komanda attack share a story, the Aqil and
    # Nasrallah strikes do not, and a copy published days later is news of its own.
    now = datetime(2025, 7, 28, 12, tzinfo=UTC)
    sources = [open_source(store, SourceSpec(name, f"https://{name}/feed"), now).id for name in ("one", "two")]
    noon = datetime(2025, 7, 27, 12, tzinfo=UTC)
    stored = [
        store_article(store, source, _article(url, published), Enrichment(Extraction(), ()), now)
        for source, url, published in [
            (sources[0], KOMANDA_INTERBELLUM, noon),
            (sources[1], AQIL, noon + timedelta(hours=1)),
            (sources[1], KOMANDA_NEWSCRAFT, noon + timedelta(hours=5)),
            (sources[0], NASRALLAH, noon + timedelta(hours=6)),
            (sources[0], MONASTERY_CP24, noon - timedelta(days=3)),
            (sources[1], MONASTERY_CNA, noon),
        ]
    ]
    with store.session() as s:
        story = {i: story_id for i, story_id in s.execute(select(Article.id, Article.story_id))}
    assert [story[i] for i in stored] == [
        stored[0],
        stored[1],
        stored[0],
        stored[3],
        stored[4],
        stored[5],
    ]


def test_rare_words_in_common_weigh_more_than_common_ones() -> None:
    # TF-IDF over the bundled feeds' word stems: "pagers" and "exploded" are rare there, "attack" and "killed" not.
    pagers, also_pagers = (
        story_text("Pagers exploded in Lebanon", ""),
        story_text("Hundreds hurt as pagers exploded", ""),
    )
    killed, also_killed = story_text("Attack killed people in Gaza", ""), story_text("Attack killed people in Kyiv", "")
    assert (pagers.words & also_pagers.words, killed.words & also_killed.words) == (
        {"pager", "explo"},
        {"attac", "kille"},
    )
    tfidf = FEATURES.index("tfidf")
    assert [round(features(*pair)[tfidf], 3) for pair in ((pagers, also_pagers), (killed, also_killed))] == [
        0.712,
        0.403,
    ]


def test_dates_and_publication_times_agree_or_not() -> None:
    noon = datetime(2025, 9, 17, 12, tzinfo=UTC)
    first = story_text("Blasts in Beirut", "BEIRUT, Sept 17 (Reuters) - Pagers exploded on Tuesday.", None, noon)
    same_day = story_text("Pagers explode", "On 17 September pagers exploded.", None, noon + timedelta(hours=6))
    next_day = story_text("Radios explode", "BEIRUT, Sept. 18 - Radios exploded.", None, noon + timedelta(hours=30))
    undated = story_text("Radios explode", "Radios exploded.")
    assert (first.dates, same_day.dates, next_day.dates) == ({"sep 17"}, {"sep 17"}, {"sep 18"})
    picked = [FEATURES.index(name) for name in ("date", "hours")]
    assert [[features(first, other)[i] for i in picked] for other in (same_day, next_day, undated)] == [
        [1.0, 0.5],
        [-1.0, -1.0],
        [0.0, 0.0],
    ]
