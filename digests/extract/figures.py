"""Figures: which amounts count people, what happened to them (the kind), who they are, and the span."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from digests.extract.actors import DEPLOY_CUE, actor
from digests.extract.cues import (
    JOIN_AFTER,
    JOIN_BEFORE,
    LIST_BEFORE,
    held_in_war,
    kind_named,
)
from digests.extract.figure_words import (
    ADJECTIVE_USE,
    AFTER_ONLY,
    AGE_BEFORE,
    AMONG_NEXT,
    AMONG_THEM,
    BEFORE_ONLY,
    BODY_NOUNS,
    BOTH_KINDS,
    CLAUSE_MARK,
    COORDINATED_VERB,
    COORDINATION,
    DEAD_MODS,
    EARLIER_FROM,
    EVENT_NOUNS,
    FOUND_AFTER,
    FRAME_ENDS,
    HOW_BADLY,
    LIST_GAP,
    LOSING,
    MIXED_KINDS,
    NEW_CLAUSE,
    NOT_COUNT_AFTER,
    NOT_COUNT_BEFORE,
    NOUN_AFTER,
    OBJECT_AFTER,
    OF,
    ORDINAL_AFTER,
    PARTITIVE,
    PARTITIVE_OF,
    PEOPLE_TAKEN,
    PLACE_AFTER,
    REMAINS_OF,
    TAKEN_BEFORE,
    TAKEN_WORDS,
    THOSE_HINT,
    THOSE_WERE,
    TOLL_NOUN_AFTER,
    VERB_AFTER,
    VERB_BEFORE,
    WHOLE_KIND,
    WOUNDED_STATE,
    YEAR,
    followed_by_break,
    held_passive,
    kind_of,
    of_things,
    part_named,
    plural_with_verb,
    post_modifies,
)
from digests.extract.numbers import ORDINAL_KIND, Amount, amounts, read_amount
from digests.extract.presence import PRESENCE_AFTER, STRONG_FORCE, TROOPS, foreign_officers, people_sent, sentence_cue
from digests.extract.sentences import SPACE_CHARS, clean, sentence_bounds
from digests.extract.tolls import LABEL_BEFORE, TOLL_HINT, stated_total
from digests.extract.vocab import (
    EMPTY_ACTORS,
    MILITARY_NOUNS,
    NOUN_KIND,
    SINGULAR_NOUNS,
    STATE_WORDS,
    VERB_KIND,
)
from digests.model import FigureKind


class FoundFigure(NamedTuple):
    """A figure before attribution: kind, range, actor, qualifier and span offsets."""

    kind: FigureKind
    amount: Amount
    actor: str | None
    start: int
    end: int


@dataclass
class _Candidate:
    """A count of people as read at its amount; kind None until a neighbouring figure lends it one."""

    amount: Amount
    kind: FigureKind | None
    noun_m: re.Match[str] | None
    before_m: re.Match[str] | None
    end: int
    source: str  # where the kind came from: "after" (a verb after it), "before", "noun", "cue" or ""
    sentence: tuple[int, int]  # the bounds of the sentence holding the amount
    part: bool = False  # a part of the people counted before it: "six of them", "Eleven were civilians"
    frame: FigureKind | None = None  # the kind a part's own frame names: "the toll includes" -> killed
    found: bool = False  # a bare count or "others" said to be found: "an additional four were found"
    earlier: bool = False  # the total before the count it follows: "at least 123, up from 118"


def find_figures(text: str) -> Iterator[FoundFigure]:
    """Every stated count of people, in document order."""
    consumed = 0
    found: list[_Candidate] = []
    for m in amounts(text):
        if m.start() < consumed:
            continue
        amount = read_amount(text, m)
        if amount is None:
            continue
        candidate = _figure_at(text, amount, m)
        consumed = amount.end  # a count inside a figure's span ("including 9,000 children") is its own
        if candidate is not None:
            found.append(candidate)
    _share_kinds(text, found)
    for c in found:
        if c.kind is not None:
            sent_start, sent_end = c.sentence
            before = text[max(0, c.amount.start - 60) : c.amount.start]
            who = actor(text, c.amount, c.noun_m, c.kind, c.before_m, before, sent_start, sent_end)
            yield FoundFigure(c.kind, c.amount, who, c.amount.start, c.end)


def _share_kinds(text: str, found: list[_Candidate]) -> None:
    """Give a kindless count the kind of the figure it is joined to: a subset or a coordinated count
    ("killing seven people, including two children"; "13 Israelis and 11 Thai workers"), or a count
    sharing the verb of the one after it ("115,000 people in Afghanistan and 3,000 in Pakistan ... fled")."""
    for i, c in enumerate(found):
        if c.kind is not None:
            continue
        prev = found[i - 1] if i > 0 else None
        nxt = found[i + 1] if i + 1 < len(found) else None
        if c.earlier:
            if prev is not None and prev.kind is not None and prev.sentence == c.sentence:
                c.kind = prev.kind  # "the toll rose to 30 from 21": the same total, told earlier
            elif nxt is not None and nxt.kind is not None and nxt.sentence == c.sentence:
                c.kind = nxt.kind  # "the toll has risen from 16 to 25"
            continue
        if c.found:
            if prev is not None and _more_bodies(prev) and _near(text, prev, c):
                c.kind = "killed"  # "seven bodies were recovered ... an additional four were found"
            continue
        if c.part and c.frame is not None and c.frame != "casualties":
            c.kind = c.frame  # "The dead include seven police officers": the frame names the kind, not the count before
            # ("the casualties include 678 residents" after a death toll: the vaguer word takes the toll's kind)
        elif prev is not None and prev.kind is not None and JOIN_AFTER.match(text[prev.end : c.amount.start]):
            c.kind = prev.kind
        elif (
            nxt is not None
            and nxt.kind is not None
            and nxt.sentence == c.sentence
            and AMONG_NEXT.fullmatch(text, c.end, nxt.amount.start)
        ):
            c.kind = nxt.kind  # "two children aged 17 and 14 among the 16 people injured": a part of the next count
        elif prev is not None and prev.kind is not None and _place_list(text, prev, c):
            c.kind = prev.kind  # "100,000 people had fled clashes in Kayah state, 14,000 in Kachin state, ..."
        elif (
            nxt is not None
            and nxt.kind is not None
            and nxt.source == "after"
            and JOIN_BEFORE.match(text[c.end : nxt.amount.start])
        ):
            c.kind, c.source = nxt.kind, "after"
        elif c.part and prev is not None and prev.kind is not None and _near(text, prev, c):
            c.kind = prev.kind  # "killed 14 villagers. Six of them were women."
        if c.kind is None and c.part and c.frame is not None:
            c.kind = c.frame  # "The toll also includes 423 government security personnel": the frame's own kind
        noun = clean(c.noun_m.group("noun")) if c.noun_m else None
        if c.kind == "deployed" and c.noun_m is not None and noun not in MILITARY_NOUNS:
            c.kind = None  # a bare count shares the troops before it ("2,500 troops in Iraq and 900 in Syria")
    for i in range(len(found) - 2, -1, -1):
        c, nxt = found[i], found[i + 1]
        if (
            c.kind is None
            and c.noun_m is not None
            and nxt.kind is not None
            and nxt.source == "after"
            and nxt.noun_m is not None
            and LIST_BEFORE.match(text[c.end : nxt.amount.start])
        ):
            c.kind, c.source = nxt.kind, "after"  # a list of people sharing the verb after its last count


def _more_bodies(prev: _Candidate) -> bool:
    """Whether a count before one said to be found counted bodies: the count found after it is of more dead."""
    return prev.kind == "killed" and prev.noun_m is not None and clean(prev.noun_m.group("noun")) in BODY_NOUNS


def _place_list(text: str, prev: _Candidate, c: _Candidate) -> bool:
    """Whether a bare count followed by a place continues a list of counts by place after the figure before it in its
    sentence: "had been forced to flee clashes in Kayah state, 14,000 in Kachin state, as well as 2,000 in ..."."""
    return (
        c.noun_m is None
        and not c.part
        and prev.sentence == c.sentence
        and PLACE_AFTER.match(text, c.amount.end) is not None
        and LIST_GAP.fullmatch(text, prev.end, c.amount.start) is not None
    )


def _near(text: str, prev: _Candidate, c: _Candidate) -> bool:
    """Whether a part stands in the sentence of the count before it or in the next one."""
    return prev.sentence == c.sentence or not text[prev.sentence[1] : c.sentence[0]].strip(SPACE_CHARS)


def _figure_at(text: str, amount: Amount, m: re.Match[str]) -> _Candidate | None:
    before = text[max(0, amount.start - 60) : amount.start]
    if NOT_COUNT_BEFORE.search(text, max(0, amount.core_start - 16), amount.core_start):
        return None
    if NOT_COUNT_AFTER.match(text, amount.end):
        return _strong_force(text, amount)
    if m.group("ordinal"):
        ordinal_m = ORDINAL_AFTER.match(text, amount.end)
        if ordinal_m is None:
            return None
        ordinal_kind = ORDINAL_KIND[clean(ordinal_m.group("noun"))]
        return _Candidate(
            amount, ordinal_kind, None, None, ordinal_m.end(), "noun", sentence_bounds(text, amount.start)
        )
    noun_m = NOUN_AFTER.match(text, amount.end)
    if noun_m is None:
        # "one remains missing": after one, a word in -s is a verb, not a plural noun, unless "of" comes between
        one = amount.max == 1 and not OF.match(text, amount.end)
        noun_m = (None if one else plural_with_verb(text, amount.end)) or TOLL_NOUN_AFTER.match(text, amount.end)
    if noun_m is not None and clean(noun_m.group("noun")) in SINGULAR_NOUNS and (amount.min or amount.max or 0) > 1:
        noun_m = TOLL_NOUN_AFTER.match(text, amount.end)  # "six officer fatalities": a noun of the toll follows
        # "the 1979 hostage crisis": else a singular noun after a plural count modifies another
    if noun_m is None and before.rstrip(SPACE_CHARS).endswith(TAKEN_WORDS) and TAKEN_BEFORE.search(before):
        noun_m = PEOPLE_TAKEN.match(text, amount.end)  # "took 75 people hostage": the people, then what they became
    if text.startswith(",", amount.end) and AGE_BEFORE.search(text, max(0, amount.start - 40), amount.start):
        return None  # an age in apposition: "Summer Grant, seven, who died"
    if (
        m.group("digits")
        and YEAR.fullmatch(m.group("digits"))
        and (noun_m is None or noun_m.group("mods"))
        and amount.qualifier is None  # "nearly 2000 Palestinian prisoners" is a count
    ):
        return None  # a year, unless a people noun follows it at once
    part_m = PARTITIVE.match(text, amount.end) if noun_m is None else None
    if noun_m is None and part_m is None:
        part_m = part_named(text, amount)  # "Eleven were civilians"
    if noun_m is None and part_m is None:
        part_m = HOW_BADLY.match(text, amount.end)  # "left five people wounded, two critically"
    found_m = None
    if (noun_m is None or clean(noun_m.group("noun")) == "others") and part_m is None:
        found_m = FOUND_AFTER.match(text, noun_m.end() if noun_m else amount.end)  # "sixteen others were found"
        if found_m is not None:
            return _Candidate(
                amount, None, noun_m, None, found_m.end(), "", sentence_bounds(text, amount.start), found=True
            )
    end = noun_m.end() if noun_m else part_m.end() if part_m else amount.end
    noun = clean(noun_m.group("noun")) if noun_m else None
    kind: FigureKind | None = None
    source = ""
    after_m = VERB_AFTER.match(text, end)
    if after_m is not None and after_m.group("post") and not post_modifies(after_m, noun):
        after_m = None
    if after_m is not None and _second_predicate(text, before, end, after_m):
        after_m = None  # "killed 12 soldiers and briefly captured a base": the count is the first verb's object
    if after_m is not None and _later_count_owns(text, end, after_m.start("v")):
        after_m = None  # "8 soldiers, including two commanders, and left 16 others injured": the verb is the 16's
    remains = " of " in before[-22:] and REMAINS_OF.search(before) is not None
    if remains:
        after_m = None  # "the bodies of four Israelis taken captive": what is left of them tells the kind
    if after_m is not None and clean(after_m.group("v")) in BEFORE_ONLY and not held_passive(after_m):
        after_m = None
    if (
        after_m is not None
        and not after_m.group("aux").strip(SPACE_CHARS)
        and COORDINATED_VERB.search(text, after_m.start(), after_m.start("v"))
        and (clean(after_m.group("v")).endswith("ing") or "and" in text[after_m.start() : after_m.start("v")])
    ):
        after_m = None  # "killed 12 civilians, including ... eight men, and injured three others": a second predicate  # "hundreds lost their homes": a verb of losing counts people only before them
    if after_m is not None and MIXED_KINDS.match(text, after_m.end()):
        return None  # "thousands have been killed, injured, or displaced": one count of three fates is no figure
    if after_m is not None:
        second = None if OBJECT_AFTER.match(text, after_m.end()) else after_m.group("v2")
        kind = kind_of((after_m.group("v"), second))  # "one person dead and injured up to 10 others": two figures
        if kind == "displaced" and noun in MILITARY_NOUNS and clean(after_m.group("v")).startswith("crossed"):
            kind = "deployed"  # troops crossing into a country are sent there, not driven out
        elif kind == "displaced" and noun in MILITARY_NOUNS and clean(after_m.group("v")) == "on the move":
            kind = None  # troops on the move are advancing, not fleeing
        source = "after"
        if kind is not None and kind != "deployed":
            end = after_m.end()
        elif kind is None:
            after_m = None
    before_m = None
    if kind is None or (kind == "deployed" and noun not in MILITARY_NOUNS):
        before_m = VERB_BEFORE.search(before, max(0, len(before) - 45))
        if before_m is not None and clean(before_m.group("v")) in AFTER_ONLY:
            before_m = None  # "an area sheltering three million people" hosts them; "people sheltering" have fled
        kind = kind_of((before_m.group("v"), None)) if before_m else None
        if before_m is not None and noun is None and clean(before_m.group("v")) in LOSING:
            kind = None  # "lost 20" may be seats or games: losing counts people only with a people noun
        source = "before"
        if kind is None and after_m is not None and foreign_officers(noun, noun_m):
            kind, source = "deployed", "after"  # "1,000 Kenyan officers stationed in Haiti"
        if kind == "displaced" and noun_m is not None and WOUNDED_STATE.search(noun_m.group(0)):
            kind = "wounded"  # "evacuated 92 injured persons to nearby hospitals": a medical evacuation
        if (
            kind == "deployed"
            and noun is not None
            and noun not in MILITARY_NOUNS
            and not people_sent(noun, before_m)
            and not foreign_officers(noun, noun_m)
        ):
            kind, before_m = None, None  # "ordered tens of thousands of displaced people to leave": not sent troops
    if kind is None and remains:
        kind, source = "killed", "before"  # "the corpses of the five people killed"
    if kind is None and noun is not None and before.rstrip(SPACE_CHARS).endswith(FRAME_ENDS):
        window = max(0, amount.start - 160)
        hint = THOSE_HINT.search(text, window, amount.start)  # a fate word first: the frame's search is the costly one
        those = THOSE_WERE.search(text, max(window, hint.start() - 40), amount.start) if hint is not None else None
        kind = VERB_KIND.get(those.group("v")) if those is not None else None
        source = "before"
    if kind is None and TOLL_HINT.search(text, max(0, amount.start - 160), amount.start):
        kind = stated_total(text[max(0, amount.start - 160) : amount.start], noun is None or noun in EMPTY_ACTORS)
        source = "total"
        if (
            kind == "casualties"
            and noun_m is not None
            and NOUN_KIND.get(noun or "") not in (None, "casualties")
            and not BOTH_KINDS.match(text, noun_m.end())
        ):
            kind = NOUN_KIND[noun or ""]  # "the casualties ... increased to 215 martyrs": the noun is the more precise
    if kind is None and noun is None and text.startswith(":", max(0, amount.start - 2), amount.start):
        label = LABEL_BEFORE.search(text, max(0, amount.start - 90), amount.start)
        kind = kind_named(label.group("label").lower()) if label else None  # "Hostages still in captivity: 62"
        source = "total"
    if (
        noun in STATE_WORDS
        and noun_m is not None
        and not PARTITIVE_OF.match(noun_m.group(0))
        and ADJECTIVE_USE.match(text, noun_m.end())
    ):
        return None  # "853 missing pages"
    if noun in EVENT_NOUNS and noun_m is not None and of_things(text, noun_m.end()):
        return None  # "three executions of its plan": the events were done to things, not people
    if kind is None and noun is not None:
        kind = NOUN_KIND.get(noun)
        source = "noun"
    if kind is None and noun_m is not None:
        states = [STATE_WORDS[w] for w in clean(noun_m.group("mods")).lower().split() if w in STATE_WORDS]
        kind = states[0] if states else None
    if kind == "captured" and noun_m is not None and DEAD_MODS.search(noun_m.group("mods")):
        kind = "killed"  # "28 deceased hostages are still held": the dead are counted as dead
    sent_start, sent_end = sentence_bounds(text, amount.start)
    if kind is None:
        kind = sentence_cue(text, amount, noun, sent_start, sent_end, end)
        source = "cue"
    if kind == "captured" and not held_in_war(text, sent_start, sent_end):
        return None  # arrests, criminal cases and political prisoners are not captives of a war
    if (
        kind == "deployed"
        and noun not in MILITARY_NOUNS
        and not people_sent(noun, before_m)
        and not foreign_officers(noun, noun_m)
        and source != "total"
        and not (noun is None and before_m is not None and TROOPS.search(text, sent_start, sent_end))
    ):  # "Ethiopia will contribute 2500" in a sentence about troops is a contingent
        return None  # sending people who are not armed (staff, doctors) is not a deployment
    if (
        noun is None
        and after_m is None
        and before_m is None
        and kind in ("deployed", "displaced")
        and source != "total"
    ):
        return None
    if noun is None and after_m is None and before_m is not None and not followed_by_break(text, amount.end):
        return None  # "killed 20 in ..." is fine; "killed 5 kilometres" is not: require a break or a noun
    if (
        amount.min == 1
        and amount.max in (1, None)
        and noun_m is not None
        and OF.match(text, amount.end)
        and source != "after"
    ):
        return None  # "one of the victims", "one of the bodies": one victim singled out, no count
    among_m = AMONG_THEM.search(before, max(0, len(before) - 40)) if kind is None and noun_m is not None else None
    partitive = part_m is not None or (noun_m is not None and PARTITIVE.match(text, amount.end) is not None)
    part = kind is None and (partitive or among_m is not None)  # "3 of them children", "including 21 children"
    frame = WHOLE_KIND[among_m.group("whole")] if among_m is not None and among_m.group("whole") else None
    if frame is None and noun_m is None and part_m is not None and "noun" in part_m.re.groupindex:
        frame = NOUN_KIND.get(clean(part_m.group("noun")))  # "8,000 among them are returnees": what they were
    earlier = kind is None and not part and _earlier_total(text, amount, before)
    if (
        kind is None
        and noun is None
        and not part
        and not earlier
        and (not followed_by_break(text, amount.end) or OF.match(text, amount.end))
    ):
        return None  # a bare amount of something else ("thousands of hectares"): it may borrow no kind
    kind_source = source if kind is not None else ""
    return _Candidate(
        amount, kind, noun_m, before_m, end, kind_source, (sent_start, sent_end), part, frame, earlier=earlier
    )


def _earlier_total(text: str, amount: Amount, before: str) -> bool:
    """Whether a count is the earlier value of a total updated right before it: "at least 123, up from 118", "had
    climbed to 30 from 21" (a bare "from" only after a total's amount, its own followed by a break: "killed 30 from
    3 villages" is none)."""
    m = EARLIER_FROM.search(before) if "from" in before[-32:] else None
    if m is None:
        return False
    return m.group("change") is not None or (m.group("total") is not None and followed_by_break(text, amount.end))


def _second_predicate(text: str, before: str, end: int, after_m: re.Match[str]) -> bool:
    """Whether the verb after a count is a second predicate of the sentence's subject, the count being the object of
    a verb of its own right before it: "killed at least 80 civilians, wounded 20", "killed 12 soldiers and briefly
    captured a base"."""
    if after_m.group("aux").strip(SPACE_CHARS) or not COORDINATION.fullmatch(text, end, after_m.start("v")):
        return False
    governing = VERB_BEFORE.search(before, max(0, len(before) - 45))
    return (
        governing is not None
        and clean(governing.group("v")) not in LOSING
        and kind_of((governing.group("v"), None)) is not None
    )


def _later_count_owns(text: str, end: int, verb_start: int) -> bool:
    """Whether the verb read after a count belongs to a later count between them, the one it follows with no comma
    ("eight soldiers, including two commanders, and left at least 16 others injured"); an aside closed by a comma
    leaves it to the first ("29,000 people, including 9,000 children, had fled")."""
    last = None
    for m in amounts(text[end:verb_start]):
        last = m
    return (
        last is not None
        and NEW_CLAUSE.search(text, max(end, end + last.start() - 40), end + last.start()) is not None
        and not CLAUSE_MARK.search(text, end + last.end(), verb_start)
    )


def _strong_force(text: str, amount: Amount) -> _Candidate | None:
    """ "A 2,500-strong multinational force was deployed to Haiti": a deployment counted by its size (an army's
    strength, or a crowd, is none)."""
    force_m = STRONG_FORCE.match(text, amount.end)
    if force_m is None:
        return None
    sent_start, sent_end = sentence_bounds(text, amount.start)
    clause = text[max(sent_start, amount.start - 120) : min(sent_end, force_m.end() + 60)]
    if not (DEPLOY_CUE.search(clause) or PRESENCE_AFTER.match(text, force_m.end())):
        return None
    return _Candidate(amount, "deployed", None, None, force_m.end(), "noun", (sent_start, sent_end))
