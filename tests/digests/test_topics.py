"""Topic matching: whole words and phrases, case-insensitive, `re:` regexes; an article may match several."""

from __future__ import annotations

from digests.config.models import Topic
from digests.topics import TopicMatcher

MATCHER = TopicMatcher(
    {
        "north-korea": Topic(match=["North Korea", "DPRK", r"re:Kim\s+Jong[- ]Un"]),
        "gaza": Topic(match=["Gaza", "Rafah"]),
        "nato": Topic(match=["NATO"]),
    }
)


def test_phrases_match_whole_words_with_any_spacing_and_case() -> None:
    assert MATCHER.match("", "North Korea sent around 10,000 troops") == ("north-korea",)
    assert MATCHER.match("", "troops from north\nkorea") == ("north-korea",)
    assert MATCHER.match("", "the DPRK has suffered") == ("north-korea",)
    # "North Korean" is another word: topics list the demonym when they want it.
    assert MATCHER.match("", "North Korean soldiers") == ()
    assert MATCHER.match("", "Gazan families") == ()


def test_regex_terms_and_several_topics() -> None:
    assert MATCHER.match("Kim Jong-un meets Putin", "") == ("north-korea",)
    assert MATCHER.match("NATO summit", "talks on Gaza and North Korea") == ("north-korea", "gaza", "nato")
    assert MATCHER.match("Weather", "Sunny in Rafah.") == ("gaza",)
