"""A topic's toll of people: which running totals count its whole population ("1,230 people", "at least 1,332
Iranian civilians", and "hundreds of Iranians" when the Iran topic's terms name Iran), so that they are one
line whoever counts them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from digests.digest.entities import actor_key, counts_people, nationals
from digests.digest.lines import FigureLine

# Words for a whole population, not a part of it (children, women) nor a side's fighters.
_POPULATION = frozenset("people persons individuals civilians residents inhabitants victims locals".split())


def own_people(latest: Sequence[FigureLine], terms: Mapping[str, re.Pattern[str]] | None) -> set[int]:
    """The ids of the running totals of a nationality alone ("hundreds of Iranians") that count the topic's own
    people: the topic's terms name its nation, and its number could be one count with the topic's largest toll
    of people (within 2.5x), so "thirteen" champions read as people stay beside no nation's war dead."""
    largest: dict[tuple[str, str | None], int] = {}
    for row in latest:
        if row.scope == "cumulative" and population(row) and row.min is not None:
            largest[(row.kind, row.topic)] = max(largest.get((row.kind, row.topic), 0), row.min)
    own = set()
    for row in latest:
        home = terms.get(row.topic or "") if terms and nationals(row.actor) else None
        top = largest.get((row.kind, row.topic))
        if home is None or top is None or not home.search(actor_key(row.actor)):
            continue
        if (row.min or 0) <= 2.5 * top and top <= 2.5 * (row.max if row.max is not None else row.min or 0):
            own.add(row.id)
    return own


def population(row: FigureLine, own: AbstractSet[int] = frozenset()) -> bool:
    if nationals(row.actor):
        return row.id in own  # a nationality alone: only when it counts the topic's own people
    key = row.actor_key
    return counts_people(key) and key.casefold().split()[-1] in _POPULATION
