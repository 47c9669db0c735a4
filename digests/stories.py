"""Groups articles that report the same story (syndicated copies, rewrites of one wire story) into one item.

Two articles are one story when they were published within `WINDOW` of each other and their titles and
leads say the same thing: rapidfuzz's token-set similarity of the two (title + lead) texts reaches
`THRESHOLD`. A new article joins the story of the most similar earlier article, else starts its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process, utils

WINDOW = timedelta(hours=36)
# Near-copies only. On the labelled pairs (which are hard: same outlet, same day, same war) no threshold of
# this similarity separates one story from the next development well (best F1 about 0.6), and merging
# two stories hides one from the reader, while a missed merge only shows one story twice.
THRESHOLD = 85.0
LEAD_CHARS = 300
_SPACE = re.compile(r"\s+")


def story_text(title: str, text: str) -> str:
    """What two reports of one story share: the headline and the first lines."""
    return utils.default_process(_SPACE.sub(" ", f"{title} {text[:LEAD_CHARS]}"))


@dataclass(frozen=True)
class Candidate:
    article_id: int
    story_id: int
    text: str  # story_text() of the article


def similarity(a: str, b: str, **_: object) -> float:
    """0..100: how much two story texts say the same: their words in order, and the headline's words as a set."""
    return float((fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2)


# similarity() averages two scores of at most 100: reaching THRESHOLD takes a token-set score of at least this.
_SET_FLOOR = 2 * THRESHOLD - 100


def match_story(text: str, candidates: Iterable[Candidate]) -> int | None:
    """The story id of the most similar candidate at or over the threshold (the first of equals), else None."""
    pool = list(candidates)
    if not pool:
        return None
    # rapidfuzz's compiled token-set scorer over the whole pool first; similarity() only for the few that could
    # reach the threshold, in pool order, so the answer is the one similarity() over the whole pool gives.
    near = process.extract(
        text, [c.text for c in pool], scorer=fuzz.token_set_ratio, processor=None, score_cutoff=_SET_FLOOR, limit=None
    )
    best: tuple[float, int] | None = None
    for index in sorted(i for _, _, i in near):
        score = similarity(text, pool[index].text)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, index)
    return pool[best[1]].story_id if best is not None else None


def window(moment: datetime) -> tuple[datetime, datetime]:
    return moment - WINDOW, moment + WINDOW
