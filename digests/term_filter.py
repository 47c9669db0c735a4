"""A cheap first look for the topics' terms: the concepts (and so the topics) an article cannot name, found by
substring searches, so the relevance scorer runs its regex scans only for the others (issue 12: most articles
name no topic at all).

A term written as words (`match: ["North Korea"]`) matches, in the scorer's IGNORECASE patterns, only where each
of its words is spelt with the same letters: every character the regex engine takes for one of a term's letters
(`re` itself is asked, so "K" for "k" and "ſ" for "s" too) is written the same way here, in the terms and in the
text alike, and a term one of whose words is not a substring of the text so written has no match. It can only
rule a group out, never in. A term whose regex is not its plain words (`re:` terms) keeps its group looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


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


def plain_pattern(term: str) -> str:
    """The regex of a term written as words: whole words, any whitespace between them (relevance.term_pattern's
    rule for a term that is not `re:`). Only a term whose pattern is this one can be ruled out here."""
    body = r"\s+".join(re.escape(w) for w in term.split())
    left = r"\b" if re.match(r"\w", term) else ""
    right = r"\b" if re.search(r"\w$", term) else ""
    return f"{left}{body}{right}"


def concept_terms(terms: Sequence[str], concept: str, pattern_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """The terms a concept's regex is made of, each with its own regex (`pattern_of`: a term's); when none is
    recognised in it, the concept's regex itself (a group that is then never ruled out)."""
    found = [(t, pattern_of(t)) for t in terms if pattern_of(t) in concept]
    return found or [("", concept)]


def local_pattern(pattern: str) -> bool:
    """Whether a regex's matches in a paragraph are matches in the whole text too: it has no anchor but \\b, no
    lookaround and no inline flag, which could read past the paragraph's ends (its neighbours are line breaks)."""
    return not any(mark in pattern for mark in ("^", "$", "\\A", "\\Z", "\\B", "\\G")) and all(
        pattern.startswith(":", at + 2) for at in range(len(pattern)) if pattern.startswith("(?", at)
    )


class TermFilter(Generic[K]):
    """Which groups of terms (a topic's, a concept's) may match in a text: a necessary condition for a match."""

    def __init__(self, groups: Mapping[K, Sequence[tuple[str, str]]]) -> None:
        """`groups`: each group's terms, each with the regex the scorer finds it with."""
        plain = [t for terms in groups.values() for t, pattern in terms if pattern == plain_pattern(t)]
        self._fold = _Fold("".join(plain))
        # Each group's terms as the words to find, or None when a term that is not plain words keeps it looked for.
        self._words: dict[K, list[list[str]] | None] = {
            key: None
            if any(pattern != plain_pattern(t) for t, pattern in terms)
            else [[w.translate(self._fold) for w in t.split()] for t, _ in terms]
            for key, terms in groups.items()
        }

    def fold(self, *texts: str) -> list[str] | None:
        """The texts written for `named`; None when a character is taken for letters of two groups (then nothing
        can be ruled out)."""
        folded = [text.translate(self._fold) for text in texts]
        return None if self._fold.ambiguous else folded

    def named(self, folded: list[str] | None) -> set[K]:
        """The groups whose terms may match somewhere in these folded texts (each searched on its own)."""
        if folded is None:
            return set(self._words)
        return {
            key
            for key, terms in self._words.items()
            if terms is None or any(all(w in text for w in words) for words in terms for text in folded)
        }
