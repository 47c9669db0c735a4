"""What an incident's count is anchored to, read from its sentence and the one before (shared feed 07 wording)."""

from __future__ import annotations

import pytest

from digests.anchors import anchors_of, names_site
from digests.config.models import Topic
from digests.figure_scope import incident_window
from digests.relevance import Relevance

RELEVANCE = Relevance({"iran": Topic(title="Iran", match=["Iran", "Iranian", "Tehran"])})


@pytest.mark.parametrize(
    ("text", "count", "anchors"),
    [
        (
            "In Iran, at least 1,230 people have been killed, including 175 schoolgirls and staff killed at a "
            "primary school in Minab in the country's south on the first day of the war.",
            "175 schoolgirls",
            "minab school",
        ),
        # The place is in the sentence before; a statement's city is a place too, but a month is not.
        (
            "The girls' school in Minab was hit on March 6. Iran's ambassador to the U.N. in Geneva, Ali Bahreini, "
            "said the strike killed 150 students.",
            "150 students",
            "geneva minab school",
        ),
        # "warship" and "submarine" are one ship; another country than the topic's is a place ("Sri Lanka's").
        (
            "A U.S. submarine sank an Iranian warship off Sri Lanka's coast, killing 87 people on board.",
            "87 people",
            "ship sri_lanka",
        ),
        ("The facility in Kuwait where the four deaths occurred had no fortified roof.", "four deaths", "kuwait"),
        # A region is no place to tell incidents apart by.
        ("A drone hit a tanker in the Gulf, killing 2 crew members.", "2 crew members", "tanker"),
        ("Sri Lanka recovered the bodies of 87 sailors at the port city of Galle.", "87 sailors", "galle"),
        # Only the topic's own country: nothing to anchor on.
        ("Strikes across Iran killed 12 people on Tuesday.", "12 people", None),
    ],
)
def test_anchors_are_the_site_hit_and_the_town_named(text: str, count: str, anchors: str | None) -> None:
    start = text.index(count)
    assert anchors_of(RELEVANCE, incident_window(text, start, start + len(count)), "iran") == anchors


def test_the_window_is_the_sentence_and_the_one_before_it_even_across_a_paragraph() -> None:
    text = "First report.\nA strike hit a school in Minab.\nOfficials said 150 students died. Later news."
    start = text.index("150")
    assert (
        incident_window(text, start, start + 3) == "A strike hit a school in Minab.\nOfficials said 150 students died."
    )


def test_a_headline_names_the_incident_when_it_names_what_was_hit() -> None:
    assert names_site("UN urges investigation into 'horrific' attack on Iran school") is True
    assert names_site("Trump urges Iranian Kurds to attack Iran as war widens") is False


def test_without_a_topic_no_country_is_an_anchor() -> None:
    text = "A U.S. submarine sank an Iranian warship off Sri Lanka's coast, killing 87 people on board."
    assert anchors_of(RELEVANCE, text) == "ship"
