"""Figures: which amounts count people, what happened to them (the kind), who they are, and the span."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from digests.extract.actors import DEPLOY_CUE, actor
from digests.extract.cues import (
    CIVILIAN_NOUNS,
    JOIN_AFTER,
    JOIN_BEFORE,
    LIST_BEFORE,
    SHELTER_CUE,
    SWAP_CUE,
    among_kind,
    held_in_war,
    kind_named,
)
from digests.extract.numbers import NUMBER_WORDS, ORDINAL_KIND, ORDINAL_NOUNS, Amount, amounts, read_amount
from digests.extract.scan import literal_alternation
from digests.extract.sentences import SPACE_CHARS, clean, sentence_bounds
from digests.extract.sentences import SPI as SP  # a figure never runs across a line break
from digests.extract.vocab import (
    EMPTY_ACTORS,
    MILITARY_NOUNS,
    NOUN_KIND,
    PEOPLE_NOUNS,
    SINGULAR_NOUNS,
    STATE_WORDS,
    VERB_KIND,
)
from digests.model import FigureKind

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Just before an amount, what makes it money, a date, a numbered thing or an age.
_NOT_COUNT_BEFORE = re.compile(
    r"(?:[$£€¥₴₽#]"  # currency signs and hashes: "$125 million", "#5"
    r"|\b(?:US|A|C|HK)\$"  # dollar variants
    rf"|\b(?:{_MONTHS})\.?{SP}"  # a date: "on July 26", "Jan. 25"
    r"|\b(?:No|Nos|[Aa]ged?|[Aa]ges|Article|page|Resolution|Flight|Route|Highway|Level|Phase|Category|Grade)\.?"
    + SP
    + r")$"
)
# Just after an amount, what makes it a measure, a date, a time or money rather than a head count.
_NOT_COUNT_AFTER = re.compile(
    r"(?:(?:" + SP + r")?(?:%|percent\b|per" + SP + r"cent\b|[-‑](?:year|month|week|day|hour|minute|storey|"
    r"strong|point|member|km|mile|kilometre|kilometer|metre|meter|foot|inch|ton|tonne|seat))"  # 5%, 22-year-old
    r"|" + SP + r"(?:(?:a|p)\.?m\b|GMT|BST|UTC|CET|EST|ET\b)"  # times: "8 pm", "10 GMT"
    rf"|{SP}(?:{_MONTHS})\b"  # a date the other way round: "3 March"
    rf"|{SP}(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?"
    r"|feet|foot|tons?|tonnes?|kg|dollars?|euros?|pounds?|r[ou]bles?|hryvnias?|yuan|rupees?|shekels?|barrels?"
    r"|votes?|seats?|points?|times|aircraft|tanks?|drones?|missiles?|rockets?|shells?|vehicles?|buildings?"
    r"|homes?|houses?|jets?|planes?|ships?|vessels?|guns?|rounds?|pages?|cases?)\b"  # units and things counted
    r")"
)
# Word alternations are grouped by first character (literal_alternation), so a failed position costs one
# branch test instead of one per word.
_NOUN_WORDS = literal_alternation(PEOPLE_NOUNS, SP)
_PARTICIPLES = ("displaced", "wounded", "injured", "dead", "missing", "elderly", "civilian")
# Nouns that cannot modify another: all but the participles ("displaced people", "wounded soldiers").
# Capitalised peoples ("Druze", "Rohingya") modify other nouns too: "36 Druze women", "Rohingya refugees".
_HEAD_WORDS = literal_alternation([n for n in PEOPLE_NOUNS if n not in _PARTICIPLES and not n[:1].isupper()], SP)
_STOP = (
    r"in|on|at|by|from|with|to|for|since|during|after|before|were|was|have|has|had|are|is|been|be|that|which"
    r"|who|and|or|a|an|the|of|per|each|than|as|over|under|into|across|near|among|including|like|while|but"
    r"|it|its|they|their|this|these|those|times"
    r"|said|say|says|told|added|believe|believed|think|thought|estimated|reported|claimed"  # speakers, not people
)
# A word that cannot modify a people noun: a function word, a speech verb or a people noun itself.
_STOP_OR_HEAD = literal_alternation(
    [*_STOP.split("|"), *(n for n in PEOPLE_NOUNS if n not in _PARTICIPLES and not n[:1].isupper())], SP
)
# The people an amount counts: "of" and a determiner, up to four modifiers, then a people noun
# ("30 North Korean soldiers", "dozens of people", "four health care workers", "25 others").
_NOUN_AFTER = re.compile(
    r"[\"”’']?"  # a closing mark when the amount itself is quoted: '"hundreds" of Russian soldiers'
    rf"(?:{SP}of(?:{SP}(?:the|its|their|them|these|those|whom))?(?:{SP}\d[\d,]*(?!{SP}of\b))?)?"  # "75 of the 225"
    rf"(?P<mods>(?:{SP}(?!{_STOP_OR_HEAD}\b)(?!\d)[\w.’'\-]+|{SP}and(?={SP}[A-Z][a-z]+{SP}[\w’'\-]))"
    r"{0,4}?)"  # modifiers; "and" only between two names ("11 Thai and Filipino workers")
    rf"{SP}(?P<oq>[\"“‘'])?(?P<noun>{_NOUN_WORDS}|[A-Z][a-z]+(?:ians|ans|is|ese))\b(?(oq)[\"”’'])"  # nouns,
    # in scare quotes too: 'At least 45 "bandits" were killed'
    rf"(?!{SP}(?:{_HEAD_WORDS})\b)"  # "displaced people", "Chinese nationals": the last noun is the head
)
_VERB_WORDS = literal_alternation(VERB_KIND, SP)
# Words that start another amount, so a list of people never runs into the next count.
_NUMBER_WORDS = literal_alternation(
    [
        *NUMBER_WORDS,
        "a",
        "an",
        "another",
        "hundred",
        "thousand",
        "million",
        "few",
        "couple",
        "score",
        "handful",
        "number",
    ],
    SP,
)
# Helpers between the people counted and what happened to them ("have been", "who were", "reportedly").
_AUX = (
    r"have|has|had|were|was|are|is|been|being|be|reportedly|already|also|now|all|who|that|remain|remained"
    r"|remains|went|gone|got|get|believed|thought|said|feared|presumed|likely|later|still|allegedly|to|then"
    r"|currently|either|both|subsequently|since|confirmed|reported|internally|known|initially|each"
    r"|seriously|critically|badly|severely|lightly|slightly|fatally|mortally|moderately|gravely"  # how badly
)
# What happened, said after the people: "were killed or wounded", "have fled", "killed", "are missing".
_ASIDE_WORDS = (
    rf"(?:including|most{SP}of{SP}them|many{SP}of{SP}them|some{SP}of{SP}them|all{SP}of{SP}them|among{SP}them"
    rf"|among{SP}whom|mostly|mainly|the{SP}(?:vast{SP}|overwhelming{SP})?majority{SP}of{SP}(?:them|whom))"
)
_VERB_AFTER = re.compile(
    rf"(?:{SP}more\b)?"  # "thousands more had been injured"
    rf"(?:(?:,?{SP}|(?:{SP})?[—–](?:{SP})?){_ASIDE_WORDS}"
    rf"{SP}[^.;—–]{{1,100}}?(?:,|(?:{SP})?[—–])?)?"  # an aside: "29,000 people, including 9,000 children, had fled"
    rf"(?:(?:,|{SP}and|{SP}or)(?:{SP}an?(?={SP}[a-z]))?(?:{SP}(?!{_NUMBER_WORDS}\b)[a-z][\w’'\-]*){{1,2}}){{0,3}}"  # a list: "1,000
    # students, businessmen and pilgrims", "citizens or permanent residents"; never another count ("15 of our
    # personnel and five wounded")
    # a post-modifier: a place ("in Afghanistan", "on board"), a participle ("brought to the hospital") or a
    # relative clause ("who was not aboard the train"); then an auxiliary must follow (checked in code)
    rf"(?P<post>{SP}(?:who|that|in|on|from|of|at|aboard|inside|near|across|along|[a-z]+ed|brought|taken|held|living|residing"
    rf"|caught|trapped|hit){SP}[^,.;:!?\n\d\"“”]{{0,50}}?)??"
    rf"(?:,{SP}{_ASIDE_WORDS}{SP}[^.;—–\d]{{1,80}}?,)?"  # an aside after a place: "in Gaza, mostly women ...,"
    rf"(?:{SP})?[,…]?(?P<aux>(?:(?:{SP}|(?<=[—–]))(?:{_AUX})\b){{0,5}})(?:{SP}|(?<=[—–]))(?<!not )(?<!never )[\"“]?"
    rf"(?P<v>{_VERB_WORDS})\b"
    rf"(?:{SP}(?:or|and){SP}(?P<v2>{_VERB_WORDS})\b)?"
)
# What happened, said before the amount: "killed at least 14", "killing five", "sent around 10,000".
_VERB_BEFORE = re.compile(
    rf"\b(?P<v>{_VERB_WORDS}){SP}(?:(?:another|a{SP}further|further|an{SP}additional|also|a{SP}total{SP}of|all|the"
    rf"|alongside|along{SP}with|together{SP}with"  # "was released alongside over 200 defenders"
    rf"|a{SP}family{SP}of|an{SP}entire{SP}family{SP}of)"  # "killing a family of five"
    rf"{SP})?"
    rf"(?:(?:(?:an?|the){SP}[a-z]+(?:{SP}[a-z]+)?{SP}(?:and|along{SP}with|with){SP})?(?:his|her|their){SP})?$"
    # a possessive: "abducted his four children", "killed a woman and her two children"
)
# How a stated or updated total is given: "reached", "rose to", "now stands at", "was", "of", "to".
_TOTAL_VERBS = (
    r"(?:reached|rose|risen|climbed|grew|grown|increased|jumped|soared|swelled|mounted)(?:" + SP + r"to)?"
    r"|(?:stood|stands|stand)" + SP + r"at|put" + SP + r"at|hit|topped|exceeded|exceeds|surpassed|passed|crossed"
    r"|totall?ed|totals"
)
# Links that state a total only close to its noun: "the toll of 1,200", "the total death toll ... is 40,000".
_TOTAL_LINKS = r"at|to|of|was|is|were|are"
# A toll named before the amount: "the death toll ... had reached 787", "casualties ... reached 1,262".
_TOLL_BEFORE = re.compile(
    r"\b(?P<toll>(?i:(?:death"
    + SP
    + r")?toll|casualties|losses|deaths|injuries|fatalities))\b(?:[^.;]{0,120}?\b(?:"
    + _TOTAL_VERBS
    + r")|[^.;]{0,80}?\b(?:"
    + _TOTAL_LINKS
    + r"))"
    + SP
    + r"$"
)
# A toll updated to a count of people named after it: "the death toll ... has reached 1,420 people" (a people noun
# after the amount asks for a verb of reaching; "casualties ... in the town of 5,000 residents" is none).
_TOLL_REACHED = re.compile(
    r"\b(?P<toll>(?i:(?:death"
    + SP
    + r")?toll|casualties|losses|deaths|injuries|fatalities))\b[^.;]{0,120}?\b(?:"
    + _TOTAL_VERBS
    + r")"
    + SP
    + r"$"
)
# A total stated as the number of people something happened to: "the number of wounded reached 210", "the total
# number of people killed has risen to 1,450"; the kind is read from what is counted.
_NUMBER_OF_BEFORE = re.compile(
    r"\b(?:[Nn]umber|[Tt]ally|[Cc]ount)"
    + SP
    + r"of"
    + SP
    + r"(?P<what>[^.;:!?\d]{1,60}?)(?:"
    + SP
    + r"(?:has|have|had|now|already|so"
    + SP
    + r"far|officially))*"
    + SP
    + r"(?:"
    + _TOTAL_VERBS
    + "|"
    + _TOTAL_LINKS
    + r")"
    + SP
    + r"$"
)
# A cheap test before the toll patterns: one of their nouns somewhere in the window.
_TOLL_HINT = re.compile(r"toll|casualt|losses|[Dd]eaths|[Ii]njuries|[Ff]atalities|[Nn]umber|[Tt]ally|[Cc]ount")
_TOLL_KIND: dict[str, FigureKind] = {
    "death toll": "killed", "toll": "killed", "casualties": "casualties", "losses": "casualties", "deaths": "killed",
    "injuries": "wounded", "fatalities": "killed",
}  # fmt: skip
# After a bare amount governed by a verb before it ("killed 20"): a clause break or a linking word, so the
# amount is the object and not the start of a measure ("killed 5 kilometres away").
_BREAK = re.compile(
    rf"(?:{SP})?(?:[,.;:)\-–—]|$|{SP}\(|{SP}(?:and|in|on|at|since|during|across|over|as|when|while|each"
    r"|after|before|including|of|people|so|more|from)\b)"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Before an age in apposition: a capitalised name and a comma ("Summer Grant, seven, who died").
_AGE_BEFORE = re.compile(rf"\b[A-Z][\w’'\-]+(?:{SP})?,{SP}$")
# A force counted by its size: "a 2,500-strong multinational force", "a 1,000-strong contingent".
_STRONG_FORCE = re.compile(
    rf"[-‑]strong(?:{SP}[\w\-]+){{0,2}}?{SP}(?:force|contingent|battalion|brigade|unit|mission|deployment"
    rf"|task{SP}force|peacekeeping{SP}force|police{SP}force)\b"
)
# The victim a round ordinal numbers: "its millionth casualty", "the 10,000th Russian soldier killed".
_ORDINAL_AFTER = re.compile(rf"(?:{SP}[A-Za-z]+)?{SP}(?P<noun>{ORDINAL_NOUNS})\b")
# A verb joined by "and" after a list, with no auxiliary: a second predicate of the sentence's subject.
_COORDINATED_VERB = re.compile(rf"(?:,?{SP}and{SP}[\"“]?|,{SP})$")
# A count right after a verb: the verb has its own object ("... dead and injured up to 10 others").
_OBJECT_AFTER = re.compile(
    rf"{SP}(?:(?:up{SP}to|at{SP}least|more{SP}than|as{SP}many{SP}as|about|around|some|nearly|almost|over|another)"
    rf"{SP})?(?:\d|{_NUMBER_WORDS}\b)"
)
# A label ending in a colon right before a bare count, as in a list of figures: "Total captured: 251".
_LABEL_BEFORE = re.compile(rf"(?:^|\n)(?P<label>[A-Z][^:\n.;]{{2,80}}):(?:{SP})?$")
# A bare count told how badly its people were hurt, a part of the wounded before it: "five wounded, two critically".
_HOW_BADLY = re.compile(rf"{SP}(?:critically|seriously|severely|gravely|badly|moderately|lightly|slightly)(?=[,.;)]|$)")
# What is left of people, right before their count: the count is of the dead whatever participle follows.
_REMAINS_OF = re.compile(rf"\b(?:bodies|remains|corpses){SP}of(?:{SP}(?:the|his|her|their))?{SP}$")
# Modifiers that make held people dead ones: "28 known deceased hostages".
_DEAD_MODS = re.compile(r"\b(?:dead|deceased|slain|killed)\b")
# People counted as wounded by their own noun or modifier.
_WOUNDED_STATE = re.compile(r"\b(?:injured|wounded)\b")
# A partitive pronoun after the amount: "one of them was seriously injured", "15 of whom".
_PARTITIVE = re.compile(rf"{SP}of{SP}(?:them|whom|those)\b")
# A frame that makes the count after it a part of the people counted before: "Among them were seven children".
_AMONG_THEM = re.compile(
    rf"\b(?:(?:[Aa]mong|[Ii]ncluding){SP}(?:them|those|whom)(?:{SP}(?:were|are|was|is))?,?|[Ii]ncluding"
    rf"|(?P<whole>victims|dead|casualties|injured|wounded|fatalities|deaths|toll)(?:{SP}(?:also|reportedly))?"
    rf"{SP}(?:included|include|includes|were|are|comprised|comprise))(?:{SP}|{SP}?[\"“])$"
)
_WHOLE_KIND: dict[str, FigureKind] = {
    "victims": "killed", "dead": "killed", "casualties": "casualties", "injured": "wounded", "wounded": "wounded",
    "fatalities": "killed", "deaths": "killed", "toll": "killed",
}  # fmt: skip
_SENTENCE_MARK = re.compile(r"[.;:!?]")
# A bare count that says what some of the people counted before were: "Eleven were civilians".
_SUBSET_IS = re.compile(rf"{SP}(?:were|are|was)(?:{SP}(?:all|also|mostly|mainly|reportedly))?(?={SP}[a-zA-Z])")
# Verbs and nominalisations that count people only when they stand before them ("the loss of 15 of our
# personnel", "losing thousands of soldiers", "the killing of dozens of officials").
BEFORE_ONLY = frozenset(
    [
        "lost",
        "losing",
        "held",
        "holding",
        "holds",
        "loss of",
        "losses of",
        "killing of",
        "killings of",
        "deaths of",
        "death of",
        "displacement of",
        "bodies of",
        "remains of",
        "disappearance of",
        "disappearances of",
        "evacuation of",
        "claimed the lives of",
        "took the lives of",
        "cost the lives of",
        "murder of",
        "murders of",
        "massacre of",
        "execution of",
        "executions of",
        "slaughter of",
        "abduction of",
        "martyrdom of",
        "neutralisation of",
        "neutralization of",
        "injury of",
        "injuries of",
        "injuries to",
        "injuring of",
        "kidnapping of",
        "abductions of",
        "kidnappings of",
    ]
)
# Verbs of losing and holding: a bare amount after them may be seats, games or ground ("lost 20"), while a bare
# amount after a nominalisation is people ("the neutralisation of 203").
_LOSING = frozenset(["lost", "losing", "held", "holding", "holds", "loss of", "losses of"])
# Any plural noun after an amount ("175 schoolgirls", "40 worshipers"): people only when a verb that happens
# to people follows at once, and never one of the things such verbs also take ("two bills died").
_ANY_PLURAL_AFTER = re.compile(
    rf"(?P<mods>(?:{SP}(?!{_STOP_OR_HEAD}\b)[a-z][\w’'\-]*){{0,2}}?){SP}(?P<noun>[a-z]{{3,}}(?:s|men|people))\b"
)
# Verbs whose subject is always the one it happens to: no one "fled" or "died" someone else.
_SUBJECT_SUFFERS = frozenset(
    ["died", "perished", "drowned", "fled", "evacuated", "disappeared", "fled their homes", "left their homes"]
)
_PEOPLE_ONLY_KINDS = frozenset({"killed", "wounded", "casualties", "missing"})
_THING_NOUNS = frozenset(
    """bills proposals deals talks plans projects programs programmes flights files documents records pages
    animals cattle cows horses dogs cats birds sheep goats camels species trees crops plants fish whales dolphins
    elephants lions bees chickens pigs livestock businesses companies firms jobs shares stocks accounts
    relationships marriages careers hopes dreams efforts attempts negotiations ceasefires truces agreements
    cells bacteria viruses patents brands products items goods boats bridges roads lines networks systems
    servers websites sites satellites weapons munitions bombs mines grenades""".split()
)
# Nouns for what was done to people, counted as events: "320 killings", "95 kidnappings".
_EVENT_NOUNS = frozenset(["killings", "murders", "executions", "kidnappings", "abductions", "disappearances"])
# "of" right after a bare amount: "thousands of hectares" counts what follows, not people.
_OF = re.compile(SP + r"of\b")
# After a participle noun ("853 missing"), a lowercase word that shows it was an adjective ("missing pages").
_ADJECTIVE_USE = re.compile(
    SP + r"(?!(?:and|or|in|on|at|after|since|from|during|as|with|by|were|was|have|had|are|is|so|when|while"
    r"|including|among|across|over|inside|near|following|because|according|within|throughout|amid|overnight"
    r"|yesterday|today|last|this|earlier|later|due|through|around|between)\b)[a-z]"
)


class FoundFigure(NamedTuple):
    """A figure before attribution: kind, range, actor, qualifier and span offsets."""

    kind: FigureKind
    amount: Amount
    actor: str | None
    start: int
    end: int


def _kind_of(words: tuple[str | None, str | None]) -> FigureKind | None:
    w1, w2 = words
    first = None if w1 is None else VERB_KIND.get(clean(w1))
    if first is None:
        return None
    second = None if w2 is None else VERB_KIND.get(clean(w2))
    if second is not None and {first, second} == {"killed", "wounded"}:
        return "casualties"
    return first


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
        if prev is not None and prev.kind is not None and JOIN_AFTER.match(text[prev.end : c.amount.start]):
            c.kind = prev.kind
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


def _near(text: str, prev: _Candidate, c: _Candidate) -> bool:
    """Whether a part stands in the sentence of the count before it or in the next one."""
    return prev.sentence == c.sentence or not text[prev.sentence[1] : c.sentence[0]].strip(SPACE_CHARS)


def _figure_at(text: str, amount: Amount, m: re.Match[str]) -> _Candidate | None:
    before = text[max(0, amount.start - 60) : amount.start]
    if _NOT_COUNT_BEFORE.search(text, max(0, amount.core_start - 16), amount.core_start):
        return None
    if _NOT_COUNT_AFTER.match(text, amount.end):
        return _strong_force(text, amount)
    if m.group("ordinal"):
        ordinal_m = _ORDINAL_AFTER.match(text, amount.end)
        if ordinal_m is None:
            return None
        ordinal_kind = ORDINAL_KIND[clean(ordinal_m.group("noun"))]
        return _Candidate(
            amount, ordinal_kind, None, None, ordinal_m.end(), "noun", sentence_bounds(text, amount.start)
        )
    noun_m = _NOUN_AFTER.match(text, amount.end)
    if noun_m is None:
        noun_m = _plural_with_verb(text, amount.end)
    if noun_m is not None and clean(noun_m.group("noun")) in SINGULAR_NOUNS and (amount.min or amount.max or 0) > 1:
        noun_m = None  # "the 1979 hostage crisis": a singular noun after a plural count modifies another
    if text.startswith(",", amount.end) and _AGE_BEFORE.search(text, max(0, amount.start - 40), amount.start):
        return None  # an age in apposition: "Summer Grant, seven, who died"
    if (
        m.group("digits")
        and _YEAR.fullmatch(m.group("digits"))
        and (noun_m is None or noun_m.group("mods"))
        and amount.qualifier is None  # "nearly 2000 Palestinian prisoners" is a count
    ):
        return None  # a year, unless a people noun follows it at once
    part_m = _PARTITIVE.match(text, amount.end) if noun_m is None else None
    if noun_m is None and part_m is None:
        part_m = _part_named(text, amount)  # "Eleven were civilians"
    if noun_m is None and part_m is None:
        part_m = _HOW_BADLY.match(text, amount.end)  # "left five people wounded, two critically"
    end = noun_m.end() if noun_m else part_m.end() if part_m else amount.end
    noun = clean(noun_m.group("noun")) if noun_m else None
    kind: FigureKind | None = None
    source = ""
    after_m = _VERB_AFTER.match(text, end)
    if after_m is not None and after_m.group("post") and not _post_modifies(after_m, noun):
        after_m = None
    remains = _REMAINS_OF.search(before) is not None
    if remains:
        after_m = None  # "the bodies of four Israelis taken captive": what is left of them tells the kind
    if after_m is not None and clean(after_m.group("v")) in BEFORE_ONLY and not _held_passive(after_m):
        after_m = None
    if (
        after_m is not None
        and not after_m.group("aux").strip(SPACE_CHARS)
        and _COORDINATED_VERB.search(text, after_m.start(), after_m.start("v"))
        and (clean(after_m.group("v")).endswith("ing") or "and" in text[after_m.start() : after_m.start("v")])
    ):
        after_m = None  # "killed 12 civilians, including ... eight men, and injured three others": a second predicate  # "hundreds lost their homes": a verb of losing counts people only before them
    if after_m is not None:
        second = None if _OBJECT_AFTER.match(text, after_m.end()) else after_m.group("v2")
        kind = _kind_of((after_m.group("v"), second))  # "one person dead and injured up to 10 others": two figures
        if kind == "displaced" and noun in MILITARY_NOUNS and clean(after_m.group("v")).startswith("crossed"):
            kind = "deployed"  # troops crossing into a country are sent there, not driven out
        source = "after"
        if kind is not None and kind != "deployed":
            end = after_m.end()
        elif kind is None:
            after_m = None
    before_m = None
    if kind is None or (kind == "deployed" and noun not in MILITARY_NOUNS):
        before_m = _VERB_BEFORE.search(before, max(0, len(before) - 45))
        kind = _kind_of((before_m.group("v"), None)) if before_m else None
        if before_m is not None and noun is None and clean(before_m.group("v")) in _LOSING:
            kind = None  # "lost 20" may be seats or games: losing counts people only with a people noun
        source = "before"
        if kind == "displaced" and noun_m is not None and _WOUNDED_STATE.search(noun_m.group(0)):
            kind = "wounded"  # "evacuated 92 injured persons to nearby hospitals": a medical evacuation
    if kind is None and remains:
        kind, source = "killed", "before"  # "the corpses of the five people killed"
    if kind is None and _TOLL_HINT.search(text, max(0, amount.start - 160), amount.start):
        kind = _stated_total(text[max(0, amount.start - 160) : amount.start], noun is None or noun in EMPTY_ACTORS)
        source = "total"
    if kind is None and noun is None and text.startswith(":", max(0, amount.start - 2), amount.start):
        label = _LABEL_BEFORE.search(text, max(0, amount.start - 90), amount.start)
        kind = kind_named(label.group("label").lower()) if label else None  # "Hostages still in captivity: 62"
        source = "total"
    if noun in STATE_WORDS and noun_m is not None and _ADJECTIVE_USE.match(text, noun_m.end()):
        return None  # "853 missing pages"
    if noun in _EVENT_NOUNS and noun_m is not None and _of_things(text, noun_m.end()):
        return None  # "three executions of its plan": the events were done to things, not people
    if kind is None and noun is not None:
        kind = NOUN_KIND.get(noun)
        source = "noun"
    if kind is None and noun_m is not None:
        states = [STATE_WORDS[w] for w in clean(noun_m.group("mods")).lower().split() if w in STATE_WORDS]
        kind = states[0] if states else None
    if kind == "captured" and noun_m is not None and _DEAD_MODS.search(noun_m.group("mods")):
        kind = "killed"  # "28 deceased hostages are still held": the dead are counted as dead
    sent_start, sent_end = sentence_bounds(text, amount.start)
    if kind is None:
        kind = _sentence_cue(text, amount, noun, sent_start, sent_end, end)
        source = "cue"
    if kind == "captured" and not held_in_war(text, sent_start, sent_end):
        return None  # arrests, criminal cases and political prisoners are not captives of a war
    if kind == "deployed" and noun not in MILITARY_NOUNS and not _people_sent(noun, before_m) and source != "total":
        return None  # sending people who are not armed (staff, doctors) is not a deployment
    if (
        noun is None
        and after_m is None
        and before_m is None
        and kind in ("deployed", "displaced")
        and source != "total"
    ):
        return None
    if noun is None and after_m is None and before_m is not None and not _followed_by_break(text, amount.end):
        return None  # "killed 20 in ..." is fine; "killed 5 kilometres" is not: require a break or a noun
    if (
        amount.min == 1
        and amount.max in (1, None)
        and noun_m is not None
        and _OF.match(text, amount.end)
        and source != "after"
    ):
        return None  # "one of the victims", "one of the bodies": one victim singled out, no count
    among_m = _AMONG_THEM.search(before, max(0, len(before) - 40)) if noun_m is not None else None
    partitive = part_m is not None or (noun_m is not None and _PARTITIVE.match(text, amount.end) is not None)
    part = kind is None and (partitive or among_m is not None)  # "3 of them children", "including 21 children"
    frame = _WHOLE_KIND[among_m.group("whole")] if among_m is not None and among_m.group("whole") else None
    if (
        kind is None
        and noun is None
        and not part
        and (not _followed_by_break(text, amount.end) or _OF.match(text, amount.end))
    ):
        return None  # a bare amount of something else ("thousands of hectares"): it may borrow no kind
    kind_source = source if kind is not None else ""
    return _Candidate(amount, kind, noun_m, before_m, end, kind_source, (sent_start, sent_end), part, frame)


def _people_sent(noun: str | None, before_m: re.Match[str] | None) -> bool:
    """ "deployed some 8,000 North Koreans": a people deployed by a verb of sending before them."""
    return (
        noun is not None
        and noun[:1].isupper()
        and before_m is not None
        and clean(before_m.group("v")).startswith(("deploy", "sent", "send", "dispatch", "station"))
    )


def _part_named(text: str, amount: Amount) -> re.Match[str] | None:
    """A bare count followed by what its people were, "Eleven were civilians": a part of a count before."""
    is_m = _SUBSET_IS.match(text, amount.end)
    if is_m is None:
        return None
    noun_m = _NOUN_AFTER.match(text, is_m.end())
    if noun_m is None or clean(noun_m.group("noun")) in EMPTY_ACTORS or _SENTENCE_MARK.search(noun_m.group("mods")):
        return None
    first = clean(noun_m.group("mods") or noun_m.group("noun")).split(" ", 1)[0]
    return None if first in VERB_KIND else noun_m  # "thousands were killed": what happened, not who they were


def _stated_total(window: str, bare: bool) -> FigureKind | None:
    """The kind of a total named right before an amount: a toll, or the number of people something happened to.
    A count with its own people noun (not bare) takes only a toll that reached it."""
    if not bare:
        reached = _TOLL_REACHED.search(window)
        return None if reached is None else _TOLL_KIND[clean(reached.group("toll")).lower()]
    toll = _TOLL_BEFORE.search(window)
    if toll is not None:
        return _TOLL_KIND[clean(toll.group("toll")).lower()]
    number_of = _NUMBER_OF_BEFORE.search(window)
    if number_of is None:
        return None
    what = number_of.group("what")
    kind = kind_named(what)
    if kind is None and any(w in MILITARY_NOUNS for w in clean(what).split()):
        return "deployed"  # "the total number of Kenyan police in Haiti to 744": armed people there
    return kind


def _strong_force(text: str, amount: Amount) -> _Candidate | None:
    """ "A 2,500-strong multinational force was deployed to Haiti": a deployment counted by its size (an army's
    strength, or a crowd, is none)."""
    force_m = _STRONG_FORCE.match(text, amount.end)
    if force_m is None:
        return None
    sent_start, sent_end = sentence_bounds(text, amount.start)
    clause = text[max(sent_start, amount.start - 120) : min(sent_end, force_m.end() + 60)]
    if not (DEPLOY_CUE.search(clause) or _PRESENCE_AFTER.match(text, force_m.end())):
        return None
    return _Candidate(amount, "deployed", None, None, force_m.end(), "noun", (sent_start, sent_end))


def _plural_with_verb(text: str, pos: int) -> re.Match[str] | None:
    """A plural noun outside the people list that a killing, wounding or disappearance follows at once
    ("175 schoolgirls and staff killed", "12 worshipers were wounded")."""
    noun_m = _ANY_PLURAL_AFTER.match(text, pos)
    if noun_m is None or clean(noun_m.group("noun")) in _THING_NOUNS:
        return None
    after_m = _VERB_AFTER.match(text, noun_m.end())
    if after_m is None or after_m.group("post"):
        return None
    kind = _kind_of((after_m.group("v"), after_m.group("v2")))
    return noun_m if kind in _PEOPLE_ONLY_KINDS and clean(after_m.group("v")) not in BEFORE_ONLY else None


def _of_things(text: str, pos: int) -> bool:
    """Whether "of" after an event noun names what it was done to, and that is no people noun."""
    return _OF.match(text, pos) is not None and _NOUN_AFTER.match(text, pos) is None


def _held_passive(after_m: re.Match[str]) -> bool:
    """ "10,000 Palestinians are held in ...": "held" after the people, passive, keeps them (not "500 held a rally")."""
    return clean(after_m.group("v")) == "held" and bool(set(clean(after_m.group("aux")).split()) & _BE)


_BE = frozenset(["are", "were", "is", "was", "been", "being", "be"])


def _post_modifies(after_m: re.Match[str], noun: str | None) -> bool:
    """Whether a post-modifier between the people and their verb is one: "people in Afghanistan were",
    "one of the people brought to the hospital had", "person who was not aboard the train was"."""
    post = after_m.group("post").lstrip(SPACE_CHARS)
    if (
        not after_m.group("aux").strip(SPACE_CHARS)
        and not post.startswith(("who", "that"))
        and clean(after_m.group("v")) not in _SUBJECT_SUFFERS
    ):
        return False  # "people in the town killed": a post-modifier needs an auxiliary after it, unless the
        # verb only happens to its subject ("Israelis living in the north evacuated their homes")
    if noun is None and post.startswith("of"):
        return False  # "One of these hospitals ... was evacuated": a count of things
    return next(amounts(post), None) is None  # never across another count


# Armed people present in a country are deployed there: "2,500 Kenyan soldiers are currently in Haiti", "28,500
# troops in South Korea", "1,000 troops from Chad" (a place, a region or a country must follow, not "the car").
_PRESENCE_AFTER = re.compile(
    rf"(?:{SP}(?:are|were|is|remain|remained|still|currently|now|already|reportedly|permanently|on{SP}the{SP}ground)\b)*"
    rf"{SP}(?:in|inside|from)(?:{SP}the)?"
    rf"(?:{SP}(?:eastern|western|northern|southern|central|north|south|east|west|occupied|breakaway|neighbouring"
    r"|neighboring|north-?eastern|north-?western|south-?eastern|south-?western))?"
    rf"{SP}(?:[A-Z][a-z]|(?:country|region|territory|enclave|kingdom|republic|area)\b)"
)
# Flight told in the clause after civilians: "5,000 people are on the road, forced to flee", "700,000 people
# are now living in camps after fleeing the violence".
_FLIGHT_AFTER = re.compile(
    r"[^.;:!?\d\"“”\n]{0,60}?(?:,|" + SP + r"after|" + SP + r"while|" + SP + r"having)"
    rf"{SP}(?:forced{SP}to{SP}flee|fleeing|fled|being{SP}displaced|displaced{SP}by|driven{SP}(?:out|from))\b"
)
# People kept by a side: "8,000 Ukrainians are in Russian captivity", "remain in Israeli detention".
_IN_CAPTIVITY = re.compile(
    rf"(?:{SP}(?:are|were|is|was|remain|remained|still|now|currently|being|been|believed|thought|to|be)\b)*"
    rf"{SP}in{SP}(?:[A-Z][\w\-]*{SP})?(?:captivity|custody|detention|jails?|prisons?)\b"
)
# How far back an "Among … are" frame can start (its inner phrase is at most 160 characters): a bounded window
# keeps a long sentence from being searched again at every amount in it.
_AMONG_REACH = 240


def _sentence_cue(
    text: str, amount: Amount, noun: str | None, sent_start: int, sent_end: int, end: int
) -> FigureKind | None:
    """A kind from the sentence around a count that has none next to it: an "Among … are" frame, a
    deployment, a prisoner swap or shelters for the displaced."""
    kind = among_kind(text[max(sent_start, amount.start - _AMONG_REACH) : amount.start])
    if kind is not None or noun is None or noun in EMPTY_ACTORS:
        return kind
    clause = text[max(sent_start, amount.start - 120) : min(sent_end, end + 60)]
    if noun in MILITARY_NOUNS and (DEPLOY_CUE.search(clause) or _PRESENCE_AFTER.match(text, end)):
        return "deployed"
    if SWAP_CUE.search(text, sent_start, sent_end) or _IN_CAPTIVITY.match(text, end):
        return "captured"  # held_in_war then tells captives of a war from prisoners of a state
    if noun in CIVILIAN_NOUNS and (SHELTER_CUE.search(text, sent_start, sent_end) or _FLIGHT_AFTER.match(text, end)):
        return "displaced"
    return None


def _followed_by_break(text: str, pos: int) -> bool:
    return _BREAK.match(text[pos : pos + 20]) is not None
