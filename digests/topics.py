"""Assigns articles to topics by their `match` terms: case-insensitive words and phrases, or `re:` regexes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from digests.config.models import Topic


def _term_pattern(term: str) -> str:
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    # Whole words, any run of whitespace between a phrase's words; \b only where the term edge is a word character.
    body = r"\s+".join(re.escape(w) for w in term.split())
    left = r"\b" if re.match(r"\w", term) else ""
    right = r"\b" if re.search(r"\w$", term) else ""
    return f"{left}{body}{right}"


class TopicMatcher:
    """One compiled regex per topic; an article belongs to every topic that matches its title or text."""

    def __init__(self, topics: Mapping[str, Topic]) -> None:
        self._patterns = {
            name: re.compile("|".join(_term_pattern(t) for t in topic.match), re.IGNORECASE)
            for name, topic in topics.items()
        }

    def match(self, title: str, text: str) -> tuple[str, ...]:
        return tuple(name for name, pattern in self._patterns.items() if pattern.search(title) or pattern.search(text))
