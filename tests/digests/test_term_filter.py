"""The term filter only rules out topics whose IGNORECASE term patterns cannot match: checked against `re` itself."""

from __future__ import annotations

import re

from digests.relevance import term_pattern
from digests.term_filter import TermFilter, concept_terms, local_pattern

TOPICS = {
    "north-korea": ["North Korea", "DPRK", "Kim Jong Un"],
    "iran": ["Iran", "Iranian"],
    "sudan": ["Sudan", "re:El[- ]Fasher"],
    "kursk": ["Kursk"],
    "us": ["U.S."],
}

TEXTS = [
    "Nothing about any of them.",
    "Strikes on TEHRAN and across iran overnight",
    "north\n  korea sent troops",  # words on two lines: the pattern's \s+ takes the line break
    "Tirana hosted the talks",  # "iran" inside a word: may match, but the pattern's \b says no
    "İRAN and ıran",  # dotted and dotless I: the engine takes both for i
    "ſudan",  # long s
    "\u212aursk",  # the Kelvin sign for K
    "the U.S. envoy",
    "the u.s. envoy",
    "North Korean troops",
    "",
]


def _matches(terms: list[str], text: str) -> bool:
    return re.search("|".join(term_pattern(t) for t in terms), text, re.IGNORECASE) is not None


def _filter(topics: dict[str, list[str]]) -> TermFilter[str]:
    return TermFilter({name: [(t, term_pattern(t)) for t in terms] for name, terms in topics.items()})


def test_never_rules_out_a_topic_whose_pattern_matches() -> None:
    terms = _filter(TOPICS)
    for text in TEXTS:
        named = terms.named(terms.fold(text))
        assert {name for name, words in TOPICS.items() if _matches(words, text)} <= named, text


def test_rules_out_topics_whose_words_are_absent() -> None:
    terms = _filter(TOPICS)
    assert terms.named(terms.fold("Nothing about any of them.")) == {"sudan"}  # a `re:` term is always looked for
    assert terms.named(terms.fold("Strikes on TEHRAN and across iran overnight", "")) == {"iran", "sudan"}
    assert terms.named(terms.fold("İRAN and ıran")) == {"iran", "sudan"}
    assert terms.named(terms.fold("\u212aursk")) == {"kursk", "sudan"}
    assert terms.named(terms.fold("the u.s. envoy")) == {"us", "sudan"}
    # Each word of a term must be there, in any of the texts: only "North" is not enough.
    assert terms.named(terms.fold("North of here", "no Korea")) == {"sudan"}
    assert terms.named(terms.fold("North Korea")) == {"north-korea", "sudan"}


def test_a_term_matched_otherwise_than_as_its_words_is_always_looked_for() -> None:
    # A pattern that takes other spellings ("Zelenskiy") is not the term's words: the group is never ruled out.
    terms = TermFilter({"ukraine": [("Zelensky", r"\bZelensk(?:yy|yi|iy|y|i)\b")], "kursk": [("Kursk", r"\bKursk\b")]})
    assert terms.named(terms.fold("Zelenskiy spoke")) == {"ukraine"}


def test_a_concept_is_made_of_the_terms_whose_regex_it_holds() -> None:
    concept = "|".join(term_pattern(t) for t in ("Israel", "Israeli"))
    found = concept_terms(["Israel", "Israeli", "Gaza"], concept, term_pattern)
    assert found == [("Israel", r"\bIsrael\b"), ("Israeli", r"\bIsraeli\b")]
    # A regex built otherwise than from the terms' own: the concept is never ruled out.
    assert concept_terms(["Gaza"], r"\bGhazza\b", term_pattern) == [("", r"\bGhazza\b")]


def test_only_regexes_that_cannot_read_past_a_line_break_count_paragraph_by_paragraph() -> None:
    assert local_pattern(r"\bNorth\s+Korea\b|(?:El[- ]Fasher)")
    for pattern in (r"(?:^Kyiv)", r"Kyiv$", r"(?<=the )Kremlin", r"Kremlin(?= said)", r"(?m:Kyiv)", r"\AKyiv"):
        assert not local_pattern(pattern), pattern
