"""A cheap first look for the topics' terms: the topics an article cannot name, found by substring searches, so
the relevance scorer runs its regex scans only for the others (issue 12: most articles name no topic at all).

A term written as words (`match: ["North Korea"]`) matches, in the scorer's IGNORECASE patterns, only where each
of its words is spelt with the same letters: every character the regex engine takes for one of a term's letters
(`re` itself is asked, so "K" for "k" and "ſ" for "s" too) is written the same way here, in the terms and in the
text alike, and a term one of whose words is not a substring of the text so written has no match. It can only
rule a topic out, never in. `re:` terms are regexes: a topic with one is always looked for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence


class _Fold(dict[int, int]):
    """str.translate's table: each character that the engine's IGNORECASE matches to one of the terms' characters,
    written as the first character of their group; every other one as itself. Filled as characters are met."""

    def __init__(self, chars: str) -> None:
        super().__init__()
        self.tests = [(re.compile(re.escape(c), re.IGNORECASE), c) for c in sorted(set(chars))]
        # Term characters that match each other, directly or through others, are one group ("I" and "i").
        self.group = {c: c for _, c in self.tests}
        for pattern, c in self.tests:
            for other_pattern, other in self.tests:
                if pattern.fullmatch(other) or other_pattern.fullmatch(c):
                    low, high = sorted((self.group[c], self.group[other]))
                    self.group = {k: low if g == high else g for k, g in self.group.items()}
        self.ambiguous = False  # a character matching two groups' letters: then nothing is ruled out

    def __missing__(self, code: int) -> int:
        groups = {self.group[c] for pattern, c in self.tests if pattern.fullmatch(chr(code))}
        if len(groups) > 1:
            self.ambiguous = True
        folded = ord(groups.pop()) if len(groups) == 1 else code
        self[code] = folded
        return folded


class TermFilter:
    """Which topics an article may name: a necessary condition for any of a topic's terms to match."""

    def __init__(self, topics: Mapping[str, Sequence[str]]) -> None:
        plain = [t for terms in topics.values() for t in terms if not t.startswith("re:")]
        self._fold = _Fold("".join(plain))
        # Each topic's terms as the words to find, or None when a `re:` term keeps the topic always looked for.
        self._words: dict[str, list[list[str]] | None] = {
            name: None
            if any(t.startswith("re:") for t in terms)
            else [[w.translate(self._fold) for w in t.split()] for t in terms]
            for name, terms in topics.items()
        }

    def named(self, *texts: str) -> set[str]:
        """The topics whose terms may match somewhere in these texts (each searched on its own)."""
        folded = [text.translate(self._fold) for text in texts]
        if self._fold.ambiguous:
            return set(self._words)
        return {
            name
            for name, terms in self._words.items()
            if terms is None or any(all(w in text for w in words) for words in terms for text in folded)
        }
