"""An outlet's name as readers know it, from its feed's title: "Al Jazeera", not "Al Jazeera – Breaking News,
World News and Video from Al Jazeera"; "NPR", not "News : NPR"; "The Washington Post", not "Wellness: Health,
Fitness, Nutrition & More - The Washington Post"."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# " – ", " | ", " > ", ": ", " / ": what feed titles put between the outlet's name and a section or slogan.
_PARTS = re.compile(r"\s+[-–—|>/»·]\s+|:\s+")
# Words of sections and slogans, never an outlet's name on their own.
_GENERIC = frozenset(
    """news home front page top stories story latest breaking world video videos and from more most read articles
    full contents all feed feeds headlines the international national section rss section: latest: today""".split()
)
_WORD = re.compile(r"\w+")
# A label after the outlet's name, written as a title word: "Reuters Feed", "BBC RSS" ("sitrep sample feed" is a
# name in its own words).
_FEED_WORDS = re.compile(r"(?:\s+(?:RSS|Atom|News)?\s*Feeds?|\s+RSS)\s*$")


def outlet_name(title: str | None, home: str | None = None) -> str | None:
    """The part of a feed title that names the outlet: the part its home page's domain spells, else the first
    part that is not a section's or slogan's words; the title itself when it has a single part."""
    if not title:
        return None
    title = _FEED_WORDS.sub("", title) or title  # "Reuters Feed", "BBC RSS": the outlet, not its feed
    parts = [p.strip() for p in _PARTS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    label = _domain_label(home)
    if label:
        spelled = [p for p in parts if _letters(p) and _letters(p) in label]
        if spelled:
            return min(spelled, key=len)
    named = [p for p in parts if not _generic(p)]
    return named[0] if named else title


def _generic(part: str) -> bool:
    return all(w.casefold() in _GENERIC for w in _WORD.findall(part))


def _letters(part: str) -> str:
    words = [w.casefold() for w in _WORD.findall(part)]
    if words and words[0] == "the":
        words = words[1:]
    return "".join(words)


def _domain_label(home: str | None) -> str:
    """'washingtonpost' for https://www.washingtonpost.com/wellness."""
    host = (urlsplit(home).hostname or "") if home else ""
    labels = [x for x in host.split(".") if x and x not in {"www", "feeds", "rss", "com", "org", "net", "co", "uk"}]
    return max(labels, key=len, default="")
