"""One incident, one line: the tolls that outlets give for one strike in their own words ("175 schoolgirls",
"more than 160 people", "scores of children") joined by what the count's sentence says was hit and where
(the anchors stored at ingest, digests/anchors.py), within a few days, when their numbers could be one count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from digests.anchors import SITE_CLASSES
from digests.store.schema import FigureRow

# Reports of one incident come out within this long of each other.
NEAR = timedelta(days=4)
# Two counts of one incident disagree by at most this factor (early and late tolls, a part and the whole).
RATIO = 2.5
_OPEN = 10**12
_LATEST = datetime.max.replace(tzinfo=UTC)
_EARLIEST = datetime.min.replace(tzinfo=UTC)

Key = TypeVar("Key")
# A group's claims: claimant → (rank, row), as digests/digest/build.py keeps them.
Claims = dict[str | None, tuple[tuple[object, ...], FigureRow]]


@dataclass
class _Incident:
    key: Any
    claims: Claims
    kind: str
    topic: str | None
    sites: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    first: datetime = _LATEST
    last: datetime = _EARLIEST
    low: int = 0
    high: int = _OPEN
    joined: bool = False

    def take(self, claims: Claims, moment: datetime) -> None:
        for who, item in claims.items():
            if who not in self.claims or item[0] > self.claims[who][0]:
                self.claims[who] = item
        for _, row in claims.values():
            for anchor in (row.anchors or "").split():
                (self.sites if anchor in SITE_CLASSES else self.places).add(anchor)
            low = row.min if row.min is not None else row.max or 0
            self.low = max(self.low, low)
            self.high = min(self.high, row.max if row.max is not None else _OPEN)
        self.first, self.last = min(self.first, moment), max(self.last, moment)

    def fits(self, other: _Incident) -> bool:
        """The same kind of count, in the same topic, close in time, sharing what was hit or where, with no
        different town named, and numbers that could be one count."""
        if (self.kind, self.topic) != (other.kind, other.topic):
            return False
        if other.first - self.last > NEAR or self.first - other.last > NEAR:
            return False
        if self.places and other.places and not self.places & other.places:
            return False
        if not (self.sites & other.sites or self.places & other.places):
            return False
        return max(self.low, other.low) <= RATIO * min(self.high, other.high)


def join_incidents(groups: dict[Key, Claims], when: dict[int, datetime]) -> list[tuple[Key, Claims, bool]]:
    """The groups with each incident's tolls joined: (key of the first group, claims, joined?) in the order
    the groups came. `when` gives each row's publication time by id(row)."""
    incidents: list[_Incident] = []
    kept: list[tuple[Key, Claims, bool] | _Incident] = []
    for key, claims in groups.items():
        rows = [row for _, row in claims.values()]
        if not rows or rows[0].scope != "incident" or not any(r.anchors for r in rows):
            kept.append((key, claims, False))
            continue
        moment = max(when[id(r)] for r in rows)
        candidate = _Incident(key, {}, rows[0].kind, rows[0].topic)
        candidate.take(claims, moment)
        home = next((i for i in incidents if i.fits(candidate)), None)
        if home is None:
            incidents.append(candidate)
            kept.append(candidate)
        else:
            home.take(claims, moment)
            home.joined = True
    return [item if not isinstance(item, _Incident) else (item.key, item.claims, item.joined) for item in kept]
