"""Whose count it is, as a reader of the digest would say it: fighters written without their side ("six service
members killed", "two Army Reserve soldiers") take the side their sentence names ("American casualties", "the
U.S. military identified", "the Pentagon"), so one side's deaths are one line however outlets word them; a
nationality written alone ("dozens of Lebanese were killed") counts people, not a party to the war."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from digests.digest.entities import UNNAMED, actor_key, nationals, people_key, unsided_fighters
from digests.digest.lines import FigureLine
from digests.figure_scope import sentence_bounds
from digests.store.schema import Article, FigureRow

# How much text around a count is read for its sentence.
_REACH = 400
# The parties a sentence can name, as written ("U.S." and "US" in capitals only: "us" is a pronoun).
_SIDE = re.compile(
    r"(?<![\w-])(?:(?P<us>U\.S\.(?![\w-])|US(?![\w-])|United States|Americans?|Pentagon)|"
    r"(?i:(?P<other>North Koreans?|DPRK|Russians?|Russia|Ukrainians?|Ukraine|Israelis?|Israel|IDF|Iranians?|Iran|"
    r"Lebanese|Lebanon|Syrians?|Syria|Sudanese|Sudan|Yemenis?|Yemen)))(?![\w-])"
)
# A side named as what struck ("Iranian attacks", "Russia killed", "U.S.-Israeli strikes"), or a place
# ("in southern Lebanon", "the war against Iran"), is not the side of the people counted.
_STRIKER = re.compile(
    r"^(?:['’]s)?\s+(?:attacks?|strikes?|air ?strikes?|drones?|missiles?|rockets?|fire|shelling|bombardment|"
    r"barrage|retaliation|forces|troops|warplanes|jets|killed|shot|hit|struck|attacked|bombed)\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|on|at|against|across|from|over|toward|towards|with|near|off|inside|throughout)\s+"
    r"(?:(?:the|southern|northern|eastern|western|central|south|north|east|west)\s+)?$",
    re.IGNORECASE,
)
# A nationality that opens a name ("Iranian Kurdish opposition group", "Iranian Red Crescent") names no side;
# a military body's name does ("U.S. Army", "Israeli Defense Forces").
_NAME_AFTER = re.compile(r"^\s+(?!Army|Navy|Air|Marines?|Defen[cs]e|Armed|Forces|Central|Department)[A-Z]")


# Where a sentence turns to other people ("…, while Israeli tallies show …").
_CLAUSE = re.compile(r";|,\s+(?:while|but|whereas)\b|\s(?:while|whereas)\s", re.IGNORECASE)


def clause_of(sentence: str, start: int, end: int) -> str:
    """The count's own clause in its sentence: from the last turn before it to the first turn after it."""
    left = max((m.end() for m in _CLAUSE.finditer(sentence, 0, start)), default=0)
    after = _CLAUSE.search(sentence, end)
    return sentence[left : after.start() if after else len(sentence)]


def sentence_sides(sentence: str) -> set[str]:
    """The sides a passage names as its people's own: not as what struck, not as a place, not in a name."""
    sides = set()
    for m in _SIDE.finditer(sentence):
        after = sentence[m.end() :]
        if _STRIKER.match(after) or _NAME_AFTER.match(after) or _PLACE_BEFORE.search(sentence[: m.start()]):
            continue
        sides.add("US" if m.group("us") else actor_key(m.group("other")))
    return sides


# Words that make a count of people no one names a part of the count just said ("Nine people were injured,
# including six requiring hospital treatment").
_PART = re.compile(r"\b(?:including|among them|of whom|of them)\s+$", re.IGNORECASE)


def with_sides(session: Session, rows: Sequence[FigureLine]) -> list[FigureLine]:
    """The rows with fighters written without their side put under the one side their sentence names (left as
    they are when it names none or several), and a nationality written alone named as the people it counts
    ("Lebanese", not the party "Lebanon"). People no one names that are part of the count just said ("including
    six requiring hospital treatment") are that count told again, not a count of their own: left out."""
    unsided = [r for r in rows if unsided_fighters(r.actor)]
    sentences = _sentences(session, unsided)
    parts = _parts(session, [r for r in rows if r.actor_key == UNNAMED and r.scope != "cumulative"])
    out = []
    for row in rows:
        if row.id in parts:
            continue
        if row.id in sentences:
            sides = sentence_sides(sentences[row.id])
            if len(sides) == 1:
                row = replace(row, actor_key=sides.pop())
        elif nationals(row.actor) and row.kind != "deployed":
            row = replace(row, actor_key=people_key(row.actor))
        out.append(row)
    return out


def _parts(session: Session, rows: Sequence[FigureLine]) -> set[int]:
    """The ids of the rows whose count is said as a part of the one before it."""
    slices = _slices(session, rows, 30, 0)
    return {row.id for row in rows if row.id in slices and _PART.search(slices[row.id][0][: slices[row.id][1]])}


def _sentences(session: Session, rows: Sequence[FigureLine]) -> dict[int, str]:
    """Each row's clause of its sentence (by figure id), read from a slice of its article's text."""
    found = {}
    slices = _slices(session, rows, _REACH, _REACH)
    for row in rows:
        if row.id in slices:
            piece, at = slices[row.id]
            left, right = sentence_bounds(piece, at, at + row.end - row.start)
            found[row.id] = clause_of(piece[left:right], at - left, at + row.end - row.start - left)
    return found


def _slices(session: Session, rows: Sequence[FigureLine], before: int, after: int) -> dict[int, tuple[str, int]]:
    """For each row (by figure id): its article's text from `before` characters before the count to `after`
    after it, and where the count starts in it; one query for all rows, the text itself never loaded whole."""
    if not rows:
        return {}
    low = case((FigureRow.start > before, FigureRow.start - before), else_=0)
    query = (
        select(FigureRow.id, func.substr(Article.text, low + 1, FigureRow.end + after - low), FigureRow.start - low)
        .join(Article, Article.id == FigureRow.article_id)
        .where(FigureRow.id.in_([row.id for row in rows]))
    )
    return {figure: (piece, at) for figure, piece, at in session.execute(query) if piece}
