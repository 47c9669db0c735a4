"""The words read around an amount: what makes it no count, the people it counts, the verb before or after them."""

from __future__ import annotations

import re

from digests.extract.numbers import NUMBER_WORDS, ORDINAL_NOUNS, Amount, amounts
from digests.extract.scan import literal_alternation
from digests.extract.sentences import SPACE_CHARS, clean
from digests.extract.sentences import SPI as SP  # a figure never runs across a line break
from digests.extract.vocab import (
    EMPTY_ACTORS,
    PEOPLE_NOUNS,
    VERB_KIND,
)
from digests.model import FigureKind

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)

# Just before an amount, what makes it money, a date, a numbered thing or an age.
NOT_COUNT_BEFORE = re.compile(
    r"(?:[$£€¥₴₽#]"  # currency signs and hashes: "$125 million", "#5"
    r"|\b(?:US|A|C|HK)\$"  # dollar variants
    rf"|\b(?:{_MONTHS})\.?{SP}"  # a date: "on July 26", "Jan. 25"
    r"|\b(?:No|Nos|[Aa]ged?|[Aa]ges|Article|page|Resolution|Flight|Route|Highway|Level|Phase|Category|Grade)\.?"
    + SP
    + rf"|\b(?:[Aa]ged?|[Aa]ges){SP}\d{{1,3}}(?:,{SP}\d{{1,3}})*,?{SP}(?:and|or|to){SP}"  # the last of several ages:
    # "two children, ages 3 and 9,"
    + r")$"
)

# Just after an amount, what makes it a measure, a date, a time or money rather than a head count.
NOT_COUNT_AFTER = re.compile(
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
    r"|who|and|or|a|an|the|of|per|each|than|as|over|under|into|across|near|among|amongst|including|like|while|but"
    r"|it|its|they|their|this|these|those|times|remain|remains|remained"  # "two remain missing": a verb
    r"|said|say|says|told|added|believe|believed|think|thought|estimated|reported|claimed"  # speakers, not people
)

# A word that cannot modify a people noun: a function word, a speech verb or a people noun itself.
_STOP_OR_HEAD = literal_alternation(
    [
        *_STOP.split("|"),
        *(n for n in PEOPLE_NOUNS if n not in _PARTICIPLES and not n[:1].isupper()),
        *NUMBER_WORDS,  # never another count: "the three hospitals left eight Palestinians killed"
    ],
    SP,
)

# The people an amount counts: "of" and a determiner, up to four modifiers, then a people noun
# ("30 North Korean soldiers", "dozens of people", "four health care workers", "25 others").
NOUN_AFTER = re.compile(
    r"[\"”’']?"  # a closing mark when the amount itself is quoted: '"hundreds" of Russian soldiers'
    rf"(?:{SP}of(?:{SP}(?:the|its|their|them|these|those|whom|his|her|our|my))?(?:{SP}\d[\d,]*(?!{SP}of\b))?)?"  # "75 of the 225"
    rf"(?P<mods>(?:{SP}[A-Za-z]+['’]s(?={SP})|{SP}(?!{_STOP_OR_HEAD}\b)(?!\d)[\w.’'\-]+"
    rf"|{SP}and(?={SP}[A-Z][a-z]+{SP}[\w’'\-]))"
    r"{0,4}?)"  # modifiers; "and" only between two names ("11 Thai and Filipino workers")
    rf"{SP}(?P<oq>[\"“‘'])?(?P<noun>{_NOUN_WORDS}|[A-Z][a-z]+(?:ians|ans|is|ese))\b(?(oq)[\"”’'])"  # nouns,
    # in scare quotes too: 'At least 45 "bandits" were killed'
    rf"(?!{SP}(?:{_HEAD_WORDS})\b|['’]s{SP})"  # "displaced people", "Chinese nationals": the last noun is the head
    # (and a possessive modifies the next: "four of his brother's children")
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
    r"|currently|either|both|subsequently|since|confirmed|reported|internally|known|initially|each|effectively"
    r"|overall|altogether"
    r"|estimated|might|may|could"  # hedged: "more than a dozen might have been killed"
    r"|seriously|critically|badly|severely|lightly|slightly|fatally|mortally|moderately|gravely"  # how badly
)

# What happened, said after the people: "were killed or wounded", "have fled", "killed", "are missing".
_ASIDE_WORDS = (
    rf"(?:including|most{SP}of{SP}them|many{SP}of{SP}them|some{SP}of{SP}them|all{SP}of{SP}them|among(?:st)?{SP}them"
    rf"|among(?:st)?{SP}whom|mostly|mainly|the{SP}(?:vast{SP}|overwhelming{SP})?majority{SP}of{SP}(?:them|whom)"
    rf"|together{SP}with|along{SP}with)"
)

VERB_AFTER = re.compile(
    rf"(?:{SP}more\b)?"  # "thousands more had been injured"
    rf"(?:(?:,?{SP}|(?:{SP})?[—–](?:{SP})?){_ASIDE_WORDS}"
    rf"{SP}(?:(?!,{SP}and\b)[^.;—–]){{1,100}}?(?:,|(?:{SP})?[—–])?"  # an aside: "29,000 people, including 9,000
    # children, had fled" (never across ", and": "six dead, including two children, and 11 others wounded")
    rf"|,{SP}(?:who|whom){SP}[^.;,—–\d]{{1,100}},"  # a relative clause in commas: "30 soldiers, who Russia had
    # deployed to Kursk, were killed"
    rf"|,?{SP}(?:aged?|ages){SP}\d{{1,3}}(?:(?:,|{SP}and|{SP}to|{SP}or|-){SP}?\d{{1,3}})*,?)?"  # ages: "two children,
    # ages 3 and 9, were among the dead"
    rf"(?:(?:,|{SP}and|{SP}or)(?:{SP}an?{SP}[A-Z][a-z]+(?=,)|(?:{SP}an?(?={SP}[a-z]))?(?:{SP}(?!{_NUMBER_WORDS}\b|including\b)[a-z][\w’'\-]*){{1,2}})){{0,3}}"  # a list: "1,000
    # students, businessmen and pilgrims", "citizens or permanent residents"; never another count ("15 of our
    # personnel and five wounded")
    # a post-modifier: a place ("in Afghanistan", "on board"), a participle ("brought to the hospital") or a
    # relative clause ("who was not aboard the train"); then an auxiliary must follow (checked in code)
    rf"(?P<post>{SP}(?:who|that|in|on|from|of|at|aboard|inside|near|across|along|[a-z]+ed|[a-z]{{3,}}ing|brought|taken|held|living|residing"
    rf"|caught|trapped|hit){SP}[^,.;:!?\n\d\"“”]{{0,50}}?)??"
    rf"(?:,{SP}{_ASIDE_WORDS}{SP}[^.;—–\d]{{1,80}}?,)?"  # an aside after a place: "in Gaza, mostly women ...,"
    rf"(?:{SP})?[,…]?(?P<aux>(?:(?:{SP}|(?<=[—–]))(?:{_AUX})\b){{0,5}})(?:{SP}|(?<=[—–]))(?<!not )(?<!never )[\"“]?"
    rf"(?P<v>{_VERB_WORDS})\b"
    rf"(?:{SP}(?:or|and){SP}(?P<v2>{_VERB_WORDS})\b)?"
)

# What happened, said before the amount: "killed at least 14", "killing five", "sent around 10,000".
VERB_BEFORE = re.compile(
    rf"\b(?P<v>{_VERB_WORDS}){SP}(?:(?:another|a{SP}further|further|an{SP}additional|also|a{SP}total{SP}of|all|the|these|those"
    rf"|alongside|along{SP}with|together{SP}with"  # "was released alongside over 200 defenders"
    rf"|a{SP}family{SP}of|an{SP}entire{SP}family{SP}of)"  # "killing a family of five"
    rf"{SP})?"
    rf"(?:(?:an?|the)(?:{SP}[A-Za-z][\w’'\-]*){{1,3}}{SP}(?:and|along{SP}with|with){SP}(?:(?:his|her|their){SP})?"
    rf"|(?:his|her|their){SP})?"  # one person named before the count: "killing the father and five of his children"
    r"[\"“‘']?$"  # the amount in quote marks: 'killed "more than 57" soldiers'
    # a possessive: "abducted his four children", "killed a woman and her two children"
)

# After a bare amount governed by a verb before it ("killed 20"): a clause break or a linking word, so the
# amount is the object and not the start of a measure ("killed 5 kilometres away").
_BREAK = re.compile(
    rf"(?:{SP})?(?:[,.;:)\-–—]|$|{SP}\(|{SP}(?:and|in|on|at|since|during|across|over|as|when|while|each"
    r"|after|before|including|of|people|so|more|from|who|whom)\b)"
)

YEAR = re.compile(r"(?:1[89]|20)\d\d")

# Before an age in apposition: a capitalised name and a comma ("Summer Grant, seven, who died").
AGE_BEFORE = re.compile(rf"\b[A-Z][\w’'\-]+(?:{SP})?,{SP}$")

# The victim a round ordinal numbers: "its millionth casualty", "the 10,000th Russian soldier killed".
ORDINAL_AFTER = re.compile(rf"(?:{SP}[A-Za-z]+)?{SP}(?P<noun>{ORDINAL_NOUNS})\b")

# A verb joined by "and" after a list, with no auxiliary: a second predicate of the sentence's subject.
COORDINATED_VERB = re.compile(rf"(?:,?{SP}and{SP}[\"“]?|,{SP})$")

# A count right after a verb: the verb has its own object ("... dead and injured up to 10 others").
OBJECT_AFTER = re.compile(
    rf"{SP}(?:(?:up{SP}to|at{SP}least|more{SP}than|as{SP}many{SP}as|about|around|some|nearly|almost|over|another)"
    rf"{SP})?(?:\d|{_NUMBER_WORDS}\b)"
)

# A bare count told how badly its people were hurt, a part of the wounded before it: "five wounded, two critically".
HOW_BADLY = re.compile(rf"{SP}(?:critically|seriously|severely|gravely|badly|moderately|lightly|slightly)(?=[,.;)]|$)")

# What is left of people, right before their count: the count is of the dead whatever participle follows.
REMAINS_OF = re.compile(rf"\b(?:bodies|remains|corpses){SP}of(?:{SP}(?:the|his|her|their))?(?:{SP}only)?{SP}$")

# A count of a group named after "of the": "552 of the injured" (a noun, never an adjective).
PARTITIVE_OF = re.compile(rf"[\"”’']?{SP}of{SP}(?:the|those|them)\b")

# Modifiers that make held people dead ones: "28 known deceased hostages".
DEAD_MODS = re.compile(r"\b(?:dead|deceased|slain|killed)\b")

# People counted as wounded by their own noun or modifier.
WOUNDED_STATE = re.compile(r"\b(?:injured|wounded)\b")

# A partitive pronoun after the amount: "one of them was seriously injured", "15 of whom".
PARTITIVE = re.compile(rf"{SP}of{SP}(?:them|whom|those)\b")

# People taken as hostages by a verb of taking before them: "gunmen took 75 people hostage", "seized 16 passengers as
# hostages" (the people noun is the head, the role after it what they were made).
TAKEN_WORDS = (
    "took",
    "taken",
    "taking",
    "take",
    "takes",
    "seized",
    "seizing",
    "holding",
    "held",
    "kept",
    "keep",
    "keeping",
)
TAKEN_BEFORE = re.compile(rf"\b(?:{'|'.join(TAKEN_WORDS)}){SP}$")
HOSTAGE_AFTER = re.compile(rf"(?:{SP}as)?{SP}(?:hostages?|captives?|prisoners?)\b")
PEOPLE_TAKEN = re.compile(
    rf"(?P<mods>(?:{SP}(?!{_STOP_OR_HEAD}\b)[\w’'\-]+){{0,2}}?){SP}(?P<noun>{_NOUN_WORDS})(?={SP}(?:as{SP})?(?:hostage|captive|prisoner)s?\b)"
)
# Between a count and the count of all the people it is among: "two children aged 17 and 14 among the 16 people
# injured", "Three children were among the 12 people killed".
AMONG_NEXT = re.compile(
    rf"(?:,?{SP}(?:aged?|ages){SP}\d{{1,3}}(?:(?:,|{SP}and|{SP}to|{SP}or|-){SP}?\d{{1,3}})*,?)?"
    rf"(?:{SP}(?:were|are|was|is)(?:{SP}(?:also|reportedly))?)?{SP}among{SP}(?:the|those){SP}"
)
# Before the earlier value of a total: "123, up from 118", "down from", "climbed to 30 from 21", "revised the toll to 47
# from 52".
EARLIER_FROM = re.compile(
    rf"(?:(?P<change>\b(?:up|down|rose|risen|rising|rises|climbed|climbing|increased|increasing|jumped|soared|grew"
    rf"|grown|doubled|tripled|fell|fallen|dropped|declined|decreased|revised|raised|lowered)){SP}from"
    rf"|(?P<total>\b(?:to|at){SP}(?:about|around|some|nearly|almost|over|more{SP}than|at{SP}least{SP})?[\d,.]+){SP}from)"
    rf"{SP}$"
)
# A frame that makes the count after it a part of the people counted before: "Among them were seven children".
AMONG_THEM = re.compile(
    rf"\b(?:(?:[Aa]mong|[Ii]ncluding){SP}(?:them|those|whom)(?:{SP}(?:were|are|was|is))?,?|[Ii]ncluding"
    rf"|(?P<whole>victims|dead|casualties|injured|wounded|fatalities|deaths|toll)(?:{SP}(?:also|reportedly))?"
    rf"{SP}(?:included|include|includes|were|are|comprised|comprise))(?:{SP}|{SP}?[\"“])$"
)

WHOLE_KIND: dict[str, FigureKind] = {
    "victims": "killed", "dead": "killed", "casualties": "casualties", "injured": "wounded", "wounded": "wounded",
    "fatalities": "killed", "deaths": "killed", "toll": "killed",
}  # fmt: skip

_SENTENCE_MARK = re.compile(r"[.;:!?]")

CLAUSE_MARK = re.compile(r"[,;:()—–]")

# A noun that counts the dead or hurt after a singular people noun used as a modifier: "six officer fatalities",
# "12 police officer deaths".
TOLL_NOUN_AFTER = re.compile(
    rf"(?P<mods>(?:{SP}[A-Za-z][\w’'\-]*){{1,2}}?){SP}(?P<noun>fatalities|deaths|casualties|injuries|killings)\b"
)

# "dead and wounded", "killed or injured": a second kind after the first makes a count of casualties.
BOTH_KINDS = re.compile(rf"{SP}(?:and|or){SP}(?:wounded|injured|dead|killed|hurt)\b")

# What is found after bodies were: "sixteen others were found", "an additional four were recovered".
FOUND_AFTER = re.compile(
    rf"(?:{SP}(?:were|was|have{SP}been|had{SP}been|are|later|also)){{1,3}}"
    rf"{SP}(?:found|recovered|discovered|located|retrieved|pulled{SP}out)\b(?!{SP}(?:alive|safe|unharmed))"
)

BODY_NOUNS = frozenset(["bodies", "corpses", "remains"])

# A post-modifier opening with a participle in -ing: "young men playing billiards".
_ING_START = re.compile(r"[a-z]{3,}ing\b")

# A plural noun right after a count in a post-modifier: "in seven regions", never "eight of whom".
_THINGS_AFTER = re.compile(rf"{SP}[a-z]{{3,}}s\b")

# A place right after a bare count: "14,000 in Kachin state", "2,000 in northern Shan state".
PLACE_AFTER = re.compile(
    rf"{SP}(?:in|across)(?:{SP}the)?(?:{SP}(?:northern|southern|eastern|western|central|north|south|east|west"
    rf"|north-?eastern|north-?western|south-?eastern|south-?western))?{SP}[A-Z]"
)

# Between one count by place and the next: the rest of the first one's phrase, a comma, perhaps "and"/"as well as".
LIST_GAP = re.compile(rf"[^.;:!?\d\n\"“”()]{{0,80}},(?:{SP}(?:and|as{SP}well{SP}as))?{SP}")

# Before a later count in the words after a first one, what opens a clause of its own, not a part of the first:
# "..., with more than 29,500 people injured", "and left at least 16 others injured", "while about 20 people".
NEW_CLAUSE = re.compile(
    rf"\b(?:with|while|whereas|but|left|leaving|plus)(?:{SP}(?:at{SP}least|more{SP}than|over|about|around|nearly"
    rf"|almost|some|another|up{SP}to|approximately))?{SP}$"
)

# Between a count and a verb that starts a second predicate: a comma or "and", perhaps an adverb ("and briefly").
COORDINATION = re.compile(rf"(?:,|,?{SP}and)(?:{SP}[a-z]+ly)?{SP}")

# A bare count that says what some of the people counted before were: "Eleven were civilians".
_SUBSET_IS = re.compile(
    rf"(?:{SP}(?:among|of){SP}them)?{SP}(?:were|are|was)(?:{SP}(?:all|also|mostly|mainly|reportedly))?(?={SP}[a-zA-Z])"
)

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

# People named by what happened to them, then the count: "Other people reportedly abducted were two ...",
# "Those killed included 12 children".
THOSE_HINT = re.compile(r"killed|injured|wounded|abducted|kidnapped|displaced|missing|detained|freed|released")
THOSE_WERE = re.compile(
    rf"\b(?:[Pp]eople|[Oo]thers|[Tt]hose|[Vv]illagers|[Rr]esidents|[Cc]ivilians|[A-Z][a-z]+(?:ians|ans|is|ese))"
    rf"(?:{SP}(?:who{SP}were|reportedly|also))?"
    rf"{SP}(?P<v>killed|injured|wounded|abducted|kidnapped|displaced|missing|detained|freed|released)"
    rf"(?:{SP}(?:in|on|at|during|by|from|near|since){SP}[^.;:!?\d\n]{{1,90}}?)?"  # "The Palestinians killed in the
    # series of strikes on central Gaza include five children"
    rf"{SP}(?:were|are|was|included|include|includes)(?:{SP}(?:also|reportedly))?{SP}$"
)

# Two more fates listed after the first: "killed, injured, or displaced".
MIXED_KINDS = re.compile(rf",{SP}(?:{_VERB_WORDS}),?{SP}(?:or|and){SP}(?:{_VERB_WORDS})\b")

# Verbs that count people only after them: a place "sheltering three million people" is no flight.
AFTER_ONLY = frozenset(["sheltering"])

FRAME_ENDS = ("were", "are", "was", "included", "include", "includes", "also", "reportedly")

# Verbs of losing and holding: a bare amount after them may be seats, games or ground ("lost 20"), while a bare
# amount after a nominalisation is people ("the neutralisation of 203").
LOSING = frozenset(["lost", "losing", "held", "holding", "holds", "loss of", "losses of"])

# Any plural noun after an amount ("175 schoolgirls", "40 worshipers"): people only when a verb that happens
# to people follows at once, and never one of the things such verbs also take ("two bills died").
_ANY_PLURAL_AFTER = re.compile(
    rf"(?:{SP}of{SP}(?:the|its|their|his|her|our))?"  # "one of the police assistants was killed"
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
    servers websites sites satellites weapons munitions bombs mines grenades trucks pickups cars buses vans
    motorcycles motorbikes tanks helicopters rifles guns containers wagons""".split()
)

# Nouns for what was done to people, counted as events: "320 killings", "95 kidnappings".
EVENT_NOUNS = frozenset(["killings", "murders", "executions", "kidnappings", "abductions", "disappearances"])

# "of" right after a bare amount: "thousands of hectares" counts what follows, not people.
OF = re.compile(SP + r"of\b")

# After a participle noun ("853 missing"), a lowercase word that shows it was an adjective ("missing pages").
ADJECTIVE_USE = re.compile(
    SP + r"(?!(?:and|or|in|on|at|after|since|from|during|as|with|by|were|was|have|had|are|is|so|when|while"
    r"|including|among|across|over|inside|near|following|because|according|within|throughout|amid|overnight"
    r"|yesterday|today|last|this|earlier|later|due|through|around|between)\b)(?![a-z]{2,}ing\b)[a-z]"
)  # a participle after it keeps it a noun: "hundreds of wounded coming in every day"


def kind_of(words: tuple[str | None, str | None]) -> FigureKind | None:
    w1, w2 = words
    first = None if w1 is None else VERB_KIND.get(clean(w1))
    if first is None:
        return None
    second = None if w2 is None else VERB_KIND.get(clean(w2))
    if second is not None and {first, second} == {"killed", "wounded"}:
        return "casualties"
    return first


def part_named(text: str, amount: Amount) -> re.Match[str] | None:
    """A bare count followed by what its people were, "Eleven were civilians": a part of a count before."""
    is_m = _SUBSET_IS.match(text, amount.end)
    if is_m is None:
        return None
    noun_m = NOUN_AFTER.match(text, is_m.end())
    if noun_m is None or clean(noun_m.group("noun")) in EMPTY_ACTORS or _SENTENCE_MARK.search(noun_m.group("mods")):
        return None
    first = clean(noun_m.group("mods") or noun_m.group("noun")).split(" ", 1)[0]
    return None if first in VERB_KIND else noun_m  # "thousands were killed": what happened, not who they were


def plural_with_verb(text: str, pos: int) -> re.Match[str] | None:
    """A plural noun outside the people list that a killing, wounding or disappearance follows at once
    ("175 schoolgirls and staff killed", "12 worshipers were wounded")."""
    noun_m = _ANY_PLURAL_AFTER.match(text, pos)
    if noun_m is None or clean(noun_m.group("noun")) in _THING_NOUNS:
        return None
    after_m = VERB_AFTER.match(text, noun_m.end())
    if after_m is None or after_m.group("post"):
        return None
    if noun_m.start("mods") > pos and not after_m.group("aux").strip(SPACE_CHARS):
        return None  # "one of the assistants was killed", never "One of the strikes killed ...": the verb is passive
    kind = kind_of((after_m.group("v"), after_m.group("v2")))
    return noun_m if kind in _PEOPLE_ONLY_KINDS and clean(after_m.group("v")) not in BEFORE_ONLY else None


def of_things(text: str, pos: int) -> bool:
    """Whether "of" after an event noun names what it was done to, and that is no people noun."""
    return OF.match(text, pos) is not None and NOUN_AFTER.match(text, pos) is None


def held_passive(after_m: re.Match[str]) -> bool:
    """ "10,000 Palestinians are held in ...": "held" after the people, passive, keeps them (not "500 held a rally")."""
    return clean(after_m.group("v")) == "held" and bool(set(clean(after_m.group("aux")).split()) & _BE)


_BE = frozenset(["are", "were", "is", "was", "been", "being", "be"])


def post_modifies(after_m: re.Match[str], noun: str | None) -> bool:
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
    if _ING_START.match(post) and (noun is None or after_m.start("post") != after_m.start()):
        return False  # a participle right after its people only ("young men playing billiards were shot dead"), not
        # after a bare count or a list ("thousands remain missing, with evidence suggesting they are being killed")
    return all(
        _THINGS_AFTER.match(post, m.end()) is not None and NOUN_AFTER.match(post, m.end()) is None
        for m in amounts(post)
    )  # never across another count of people; a count of things may stand in it ("in seven regions of Myanmar")


def followed_by_break(text: str, pos: int) -> bool:
    return _BREAK.match(text[pos : pos + 20]) is not None
