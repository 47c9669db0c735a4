"""One incident, one line: the tolls that outlets give for one strike in their own words ("175 schoolgirls",
"more than 160 people", "scores of children") joined by what the count's sentence says was hit and where
(the anchors stored at ingest, digests/anchors.py), within a few days, when their numbers could be one count."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from digests.anchors import SITE_CLASSES, names_site
from digests.digest.lines import FigureLine
from digests.digest.model import ArticleRef

# Reports of one incident come out within this long of each other.
NEAR = timedelta(days=4)
# Two counts of one incident disagree by at most this factor (early and late tolls, a part and the whole).
RATIO = 2.5
# A first report's toll that a report of the same site and town this soon after raised beyond RATIO ("one dead"
# after a ship was hit, "87 bodies" the next morning) is the incident's early toll: superseded, not shown.
ROSE = timedelta(days=1)
_OPEN = 10**12
_LATEST = datetime.max.replace(tzinfo=UTC)
_EARLIEST = datetime.min.replace(tzinfo=UTC)

Key = TypeVar("Key")
# A group's claims: claimant → (rank, row), as digests/digest/build.py keeps them.
Claims = dict[str | None, tuple[tuple[object, ...], FigureLine]]


# Counts an incident's toll is told in; displacement and deployment are no one strike's toll.
_KINDS = frozenset({"killed", "wounded", "casualties", "missing", "captured"})


@dataclass
class _Incident:
    key: Any
    claims: Claims
    kind: str
    topic: str | None
    # What every count joined so far names, and every town any of them names (an incident is the kind of site
    # they all share, so one count that also names the hospital its wounded were taken to does not draw in
    # other hospitals' news).
    anchors: set[str] | None = None
    towns: set[str] = field(default_factory=set)  # every town and site named, to keep other towns' incidents out
    first: datetime = _LATEST
    last: datetime = _EARLIEST
    low: int = 0
    high: int = _OPEN
    joined: bool = False

    @classmethod
    def of(cls, key: Any, claims: Claims, moment: datetime) -> _Incident:
        rows = [row for _, row in claims.values()]
        named = {a for row in rows for a in (row.anchors or "").split()}
        return cls(
            key,
            dict(claims),
            rows[0].kind,
            rows[0].topic,
            anchors=named,
            towns={a for a in named if a not in SITE_CLASSES},
            first=moment,
            last=moment,
            low=max(row.min if row.min is not None else row.max or 0 for row in rows),
            high=min(row.max if row.max is not None else _OPEN for row in rows),
        )

    def absorb(self, other: _Incident) -> None:
        if self.rose_to(other):
            self.claims, self.low, self.high = {}, other.low, other.high
        elif other.rose_to(self):
            other.claims, other.low, other.high = {}, self.low, self.high
        for who, item in other.claims.items():
            if who not in self.claims or _updates(item[1], self.claims[who][1], item[0] > self.claims[who][0]):
                self.claims[who] = item
        # What both name identifies it, and so does every town any report of it named (one report's "Port
        # Shuaiba, Kuwait" bridges another's "in Kuwait" and a third's "Port Shuaiba").
        self.anchors = (self.anchors or set()) & (other.anchors or set()) | self.towns | other.towns
        self.towns |= other.towns
        self.low, self.high = max(self.low, other.low), min(self.high, other.high)
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        self.joined = True

    def fits(self, other: _Incident) -> bool:
        """The same kind of count, in the same topic, close in time, sharing what was hit or where, with no
        different town named, and numbers that could be one count."""
        if (self.kind, self.topic) != (other.kind, other.topic):
            return False
        if other.first - self.last > NEAR or self.first - other.last > NEAR:
            return False
        if self.towns and other.towns and not self.towns & other.towns:
            return False
        if not (self.anchors or set()) & (other.anchors or set()):
            return False
        return (
            max(self.low, other.low) <= RATIO * min(self.high, other.high) or self.rose_to(other) or other.rose_to(self)
        )

    def rose_to(self, later: _Incident) -> bool:
        """Whether this is an early toll of `later`: reported before it, within ROSE, naming the same kind of
        site and the same town, and beyond RATIO under it."""
        shared = (self.anchors or set()) & (later.anchors or set())
        return (
            self.last <= later.first <= self.last + ROSE
            and RATIO * self.high < later.low
            and bool(shared & SITE_CLASSES)
            and bool(shared - SITE_CLASSES)
        )


# Amounts said as words, not numbers ("several", "dozens").
_VAGUE = frozenset(
    "several|some|a few|many|dozens|a dozen|scores|hundreds|thousands|tens of thousands|many thousands|"
    "hundreds of thousands|millions".split("|")
)


def _updates(row: FigureLine, held: FigureLine, later: bool) -> bool:
    """Whether a claimant's count of an incident replaces its other: the later one, unless it only says in
    words what the other said as a number (the news agency's "at least four killed", then "several killed")."""
    vague = (row.qualifier or "").casefold() in _VAGUE
    return later and not (vague and (held.qualifier or "").casefold() not in _VAGUE)


def join_incidents(groups: dict[Key, Claims]) -> list[tuple[Key, Claims, bool]]:
    """The groups with each incident's tolls joined: (key of the first group, claims, joined?) in the order
    the groups came."""
    kept: list[tuple[Key, Claims, bool] | _Incident] = []
    buckets: dict[tuple[str, str | None], list[_Incident]] = {}
    for key, claims in groups.items():
        rows = [row for _, row in claims.values()]
        # An incident's toll, or a count whose scope its words leave unclear ("a death toll put at 150").
        incident = all(r.scope != "cumulative" and r.kind in _KINDS for r in rows)
        if not rows or not incident or not any(r.anchors for r in rows):
            kept.append((key, claims, False))
            continue
        item = _Incident.of(key, claims, max(r.at for r in rows))
        buckets.setdefault((item.kind, item.topic), []).append(item)
        kept.append(item)
    gone: set[int] = set()
    for bucket in buckets.values():
        # Join until nothing more fits: reports that came first may only fit once later ones bridged them.
        joining = True
        while joining:
            joining = False
            for a in (x for x in bucket if id(x) not in gone):
                b = next((y for y in bucket if y is not a and id(y) not in gone and a.fits(y)), None)
                if b is not None:
                    a.absorb(b)
                    gone.add(id(b))
                    joining = True
                    break
    return [
        item if not isinstance(item, _Incident) else (item.key, item.claims, item.joined)
        for item in kept
        if not isinstance(item, _Incident) or id(item) not in gone
    ]


# Headline words that tell of a toll: a report of the incident itself, not a story that mentions it.
_TOLL = re.compile(
    r"\b(?:killed|kills|dead|deaths|died|dies|wounded|wounds|injured|injures|casualties|toll|missing)\b", re.I
)


def headline_of(articles: Sequence[ArticleRef]) -> ArticleRef:
    """The report a joined incident is named by: the first (newest claim first) whose headline names what was
    hit, else one whose headline tells of a toll, else the newest."""
    return next(
        (a for a in articles if names_site(a.title)), next((a for a in articles if _TOLL.search(a.title)), articles[0])
    )
