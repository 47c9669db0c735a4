"""Feed titles of the shared feeds, as their channels' readers should see the outlet named."""

from __future__ import annotations

import pytest

from digests.ingest.outlet import outlet_name


@pytest.mark.parametrize(
    ("title", "home", "name"),
    [
        ("Al Jazeera – Breaking News, World News and Video from Al Jazeera", "https://www.aljazeera.com", "Al Jazeera"),
        ("News : NPR", "https://www.npr.org/templates/story/story.php?storyId=1001", "NPR"),
        ("BBC News - News front page", "https://www.bbc.co.uk/news/", "BBC News"),
        ("NYT > Top Stories", "https://www.nytimes.com", "NYT"),
        (
            "Wellness: Health, Fitness, Nutrition & More - The Washington Post",
            "http://www.washingtonpost.com/lifestyle/wellness?wprss=rss_wellness",
            "The Washington Post",
        ),
        ("Home | Mail Online", "http://www.dailymail.co.uk/ushome/index.html", "Mail Online"),
        ("Reuters: Most Read Articles", "https://www.reuters.com", "Reuters"),
        ("Deutsche Welle: DW-WORLD.DE", "http://www.dw.de/chinese/", "Deutsche Welle"),
        ("The Guardian", "https://www.theguardian.com/us", "The Guardian"),
        ("PG's Kyiv Independent", None, "PG's Kyiv Independent"),
        ("Reuters Feed", "https://evilgodfahim.github.io/reur/reuters", "Reuters"),  # the outlet, not its feed
        ("BBC RSS", None, "BBC"),
        ("sitrep sample feed", None, "sitrep sample feed"),  # a name in its own words, lowercase
        ("Home | News", None, "Home | News"),  # nothing names an outlet: the title as it is
        (None, "https://www.reuters.com", None),
    ],
)
def test_the_outlet_is_the_part_of_the_feed_title_that_names_it(title: str | None, home: str | None, name: str) -> None:
    assert outlet_name(title, home) == name
