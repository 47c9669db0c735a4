"""Antecedents: who a speaker phrase names. Names lose their titles; pronouns, roles ("the president"),
lone surnames, documents ("the statement") and unnamed sources ("the official") resolve against the reports
and the names before them."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from digests.extract.names import is_non_person, is_title, person_in, strip_leading, subject_of_sentence
from digests.extract.sentences import SP, SPACE_CHARS, clean, sentence_bounds
from digests.extract.vocab import COUNTRIES, NON_PERSON_WORDS, words

# A capitalised run: a name, a title, an organisation; particles such as "bin" or "al" may sit inside.
CAP_RUN = re.compile(
    r"(?:[A-Z][\w’'\-]*\.?)(?:[ \u00a0](?:(?:al|bin|ibn|de|da|van|von|der|le|la|el|abu)[ \u00a0])?[A-Z][\w’'\-]*\.?)*"
)
# Where the words written before a name stop: a sentence end, a line break, a colon or a semicolon.
_BEFORE_CUT = re.compile(r"[.\n:;]\s")
# A preposition after a name that opens a place or a body: "X from Landi Kotal", "X of the ministry".
_PLACE_AFTER = re.compile(r" (?:from|of|at|in|with|for) ")
# A location preposition right before a capitalised run: the run is a place.
_WHERE_BEFORE = re.compile(r"(?:^|\s)(?:in|near|outside|inside|across|around)\s$")
# A preposition of place right before a capitalised run: "in Dan Ali", "near Maidabino".
_PLACE_BEFORE = re.compile(
    r"(?:^|[\s\u200b\u200c\u2060])(?:in|near|outside|inside|across|around|at|from|into|to|towards)[\s\u200b\u200c\u2060]+$"
)  # the feeds' zero-width marks may stand between: "in \u2060Dan Ali"
# A role noun and "of"/"from" right before a capitalised run: the run is where the person lives or comes from
# ("a resident of Khan Younis", "a mother from Kharkiv"), never who speaks.
_ROLE_OF_BEFORE = re.compile(
    r"\b(?:resident|residents|villager|villagers|native|natives|mother|father|man|woman|farmer|trader|teacher"
    r"|student|survivor|survivors|witness|witnesses|doctor|nurse|worker|displaced|refugee|people|person|family"
    r"|village|town|city|district|province|region|camp|area|county|neighbourhood|neighborhood)"
    r"\s+(?:of|from)\s+(?:the\s+)?$"
)
# A role noun ending the phrase right after a capitalised run: the run modifies it ("Kyi Tauk Pauk resident").
_ROLE_AFTER = re.compile(
    r"[ \u00a0](?:resident|residents|spokesman|spokeswoman|spokesperson|official|officials|source|sources|witness"
    r"|villager|villagers|survivor|survivors|leader|commander|activist|activists|doctor|nurse|farmer|trader|worker"
    r"|workers|teacher|monitor|administrator|chief|head|elder|elders|man|woman|mother|father)$"
)
# A statement named instead of its issuer: "a statement from the armed forces general staff", "X released a
# statement in", "AFP reports that more than a dozen soldiers".
_STATEMENT_OF = re.compile(
    r"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[Ss]tatement|[Pp]ress\s+release|[Cc]ommuniqu[eé]|[Mm]essage|[Rr]eport)\s+(?:(?:issued|released|published"
    r"|sent)\s+)?(?:from|by)\s+(?:the\s+)?"
)
_STATEMENT_TAIL = re.compile(
    r"\s+(?:(?:released|issued|published|put\s+out|posted)\s+(?:an?|its)\s+.*|(?:reports?|reported|says|said|states"
    r"|stated|claims|claimed)\s+that\b.*)$"
)


# A statement named after its issuer: "a Burkina Faso army statement", "the Malian army communique".
_ISSUER_STATEMENT = re.compile(
    r"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?P<issuer>(?:[\w’'\-]+\s+)*?[A-Z][\w’'\-]*(?:\s+[\w’'\-]+)*?)"
    r"\s+(?:statement|communiqu[eé]|press\s+release)$"
)


_OWNERS = words("the a an his her its their our my your this that these those whose")


def _issuer(phrase: str) -> str:
    """Who a phrase naming a statement speaks for: its issuer."""
    named = _ISSUER_STATEMENT.match(phrase)
    if named is not None and named.group("issuer").split()[0].lower() not in _OWNERS:
        return named.group("issuer")
    head = _STATEMENT_OF.match(phrase)
    if head is not None and head.end() < len(phrase):
        phrase = phrase[head.end() :]
    if " " in phrase:
        tail = _STATEMENT_TAIL.search(phrase)
        if tail is not None and tail.start() > 0:
            phrase = phrase[: tail.start()]
    return phrase


# Heads of bodies and the words their full names use: "the army" is "the Israeli military" heard before.
_ARMED = frozenset(["army", "military", "forces", "idf"])
_BODY_SYNONYMS = {
    "army": _ARMED, "military": _ARMED, "ministry": frozenset(["ministry"]), "agency": frozenset(["agency"]),
    "police": frozenset(["police"]), "government": frozenset(["government"]),
}  # fmt: skip
# Heads of bodies written under their full name elsewhere in the text: "the ministry" is "Lebanon's Ministry of
# Health", "the Britain-based Observatory" is "the Syrian Observatory for Human Rights".
_NAMED_HEADS = frozenset(
    ["ministry", "observatory", "agency", "office", "council", "commission", "committee", "network", "centre",
     "center", "service", "directorate", "department", "authority", "mission", "command", "coalition", "front",
     "movement", "army", "police", "government", "military"]
)  # fmt: skip
# Heads that name no body by their own word: "the rights group", "the watchdog" is the body last heard.
_GENERIC_HEADS = frozenset(
    ["group", "organisation", "organization", "ngo", "watchdog", "monitor", "body", "charity", "agency", "service",
     "office"]
)  # fmt: skip
# A body's name as written: capitalised words joined by "of", "for", "on", "and" ("Ministry of Health",
# "Syrian Observatory for Human Rights"), possessive kept ("Lebanon's Ministry of Health").
_BODY_NAME = re.compile(r"(?<![\w’'])[A-Z][\w’'\-]*(?:[ \u00a0](?:(?:of|for|on|and|the)[ \u00a0]){0,2}[A-Z][\w’'\-]*)*")
# An acronym: "MDA", "SOHR", "IOM".
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# A possessive ending a name: "Donald Trump’s love of America" names Donald Trump.
_POSSESSIVE = ("’s", "'s")
_LINKS = words("with of for to at in on by from and or than like about against near outside inside across around")
# Nouns of places right before a capitalised word: "Tigray's capital Mekelle" is a place, not "war blogger Rozhin".
_PLACE_NOUNS = words("capital city town village province region state district county camp port border")
# Prepositions after a lone surname that open a description of it: "Smith of the defence ministry".
_NAME_LINKS = words("of from at with")
# How many earlier reports a name or a description is matched against: antecedents are near, and the
# bound keeps a text of thousands of quotes linear.
_LOOKBACK = 60
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_POSSESSORS = {"his": "he", "her": "she", "their": "they", "its": "it"}
# What a speaker has of their own: "according to his information", "her account".
_OWN_ACCOUNTS = frozenset(["information", "account", "sources", "data", "estimate", "estimates", "words", "view"])
_SUBJECT_SENTENCES = 6  # sentences looked back over for a pronoun's subject
_DETERMINERS = frozenset({"the", "its", "their", "his", "her"})
# Nouns for an unnamed source, which "the <noun>" points back at when no report used the same words.
_SOURCE_HEADS = frozenset({"expert", "analyst", "adviser", "advisor", "source", "official", "diplomat", "person"})
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Mme", "Mlle"})
# Heads of descriptions that name a person, so an unmatched one points at the last person named.
PERSON_ROLES = words(
    """president president-elect leader premier chancellor minister king queen prince secretary envoy
    ambassador mayor governor general commander chief senator congressman congresswoman lawmaker
    inventor singer rapper actor actress author writer novelist poet artist musician composer director
    coach player striker captain founder billionaire businessman businesswoman entrepreneur host presenter
    anchor comedian candidate nominee judge pope cleric"""
)
# Heads of descriptions of unnamed sources: "A source from the ministry rejected the article as “...”".
SOURCE_NOUNS = words(
    """source sources official officials spokesperson spokesman spokeswoman diplomat aide adviser advisor
    protester witness resident commander officer soldier lawmaker insider"""
)
# Words that make a description one of a person: "adviser to the ministry", "person with knowledge of".
_PERSON_NOUNS = PERSON_ROLES | SOURCE_NOUNS | frozenset({"expert", "analyst", "person", "man", "woman", "resident"})
# Heads of "according to" phrases that are documents, not people a pronoun can point back at.
_NOT_SPEAKERS = words(
    """transcript statement report reports data figures estimates estimate documents document video footage
    post analysis survey poll tally count records record study website filing letter readout note notes notice
    message messages memo release communique email comments remarks broadcast interview disclosures text"""
)
# What a person issues, so that "the statement" no report introduced is the person named just before it (a report
# may be no one's: "the report says" stays the report).
_ISSUED = words("statement communique release message post")
# Pictures, which show but never speak.
_IMAGES = words("photo photos image images picture pictures videos photograph photographs")
# A person's name anywhere in the text (for "the US president-elect" and surnames such as "Trump").
# No \b before it, so the engine scans by charset; a match inside a word is dropped in code. The runs are
# possessive: giving back a letter or a space could never let the next part match, so this only saves the
# engine the futile backtracking after every capitalised word that stands alone.
NAME_RE = re.compile(r"[A-Z][a-z’'\-]++(?:[A-Z][a-z’'\-]++)?(?:" + SP + r"+[A-Z][a-z’'\-]++(?:[A-Z][a-z’'\-]++)?)+")


def _owner_split(run: str) -> str | None:
    """The person in a run that a body's possessive title follows or leads: "Grégoire Goodstein IOM’s Chief"
    → Grégoire Goodstein, "Donald Trump’s Envoy Steve Witkoff" → Steve Witkoff."""
    tokens = run.split()
    owner = next((i for i, t in enumerate(tokens) if t.endswith(_POSSESSIVE)), -1)
    if owner < 0:
        return None
    return person_in(" ".join(tokens[owner + 1 :])) or (person_in(" ".join(tokens[:owner])) if owner >= 2 else None)


class Mention(NamedTuple):
    """One report of speech: where its verb is, the phrase naming who spoke, and that speaker resolved."""

    start: int
    end: int
    verb: str
    phrase: str
    speaker: str | None
    phrase_end: int
    relative: bool = False  # read from a relative clause ("..., who spoke on condition of anonymity, told")


def unpossessive(run: str) -> str:
    """A run without the possessive ending it (clean() leaves no line break after one)."""
    return run[:-2] if run.endswith(_POSSESSIVE) else run


def _is_surname(token: str) -> bool:
    low = token.lower()
    return token[:1].isupper() and token.isalpha() and not is_title(token) and low not in NON_PERSON_WORDS


class Antecedents:
    """The state that resolving speakers needs: the text, its quotations, the reports of speech read so
    far (kept by the subclass that reads them, Speakers) and the names written before each point."""

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self._names: list[tuple[int, str, str]] = []
        self._name_starts: list[int] = []
        self._names_to = 0
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._quoted = quoted
        self._quote_starts = [q[0] for q in quoted]
        self._phrase_words: dict[str, frozenset[str]] = {}
        self._last_speaker_at = -1
        self._subjects: dict[tuple[int, int, bool], str | None] = {}
        self._body_names: dict[str, list[tuple[int, int, str]]] = {}

    def _advance(self, pos: int) -> None:
        """Read the reports of speech before pos (Speakers does)."""
        raise NotImplementedError

    def _names_before(self, pos: int) -> list[tuple[int, str, str]]:
        """Names of people in the text before pos: (offset, name, the capitalised run it was read from)."""
        if pos > self._names_to:  # read on from where the last question stopped
            text = self.text
            for m in NAME_RE.finditer(text, self._names_to, pos):
                at = m.start()
                if at > 0 and text[at - 1].isalnum():
                    continue  # inside a word
                after_the = text[at - 1 : at] in (" ", "\u00a0") and text[max(0, at - 4) : at - 1].lower() == "the"
                run = unpossessive(clean(m.group()))  # "Donald Trump’s love" names Donald Trump
                if run.isupper():
                    continue  # a dateline's city ("GENEVA, March 5 (Reuters) -") or an acronym: no one's name
                name = person_in(run)
                if after_the and name == run:
                    continue  # "the White House": a place or a body (but "the ... Administration Ivan Fedorov")
                if name is not None:
                    self._names.append((at, name, run))
                    self._name_starts.append(at)
            self._names_to = pos
        return self._names[: bisect.bisect_left(self._name_starts, pos)]

    def _written_with(self, name: tuple[int, str, str]) -> set[str]:
        """The lowercase words of a name's run and of its own sentence just before it."""
        start, _, run = name
        before = self.text[max(0, start - 40) : start].lower()
        before = _BEFORE_CUT.split(before)[-1]  # words of its own sentence only
        return set(before.split()) | set(run.lower().split())

    def _words(self, phrase: str) -> frozenset[str]:
        """The lowercase words of a mention's phrase, read once per phrase."""
        found = self._phrase_words.get(phrase)
        if found is None:
            found = self._phrase_words[phrase] = frozenset(phrase.lower().split())
        return found

    def _last_speaker(self, pos: int, human: bool) -> str | None:
        """The speaker of the last report before pos that a pronoun can point at (its offset is kept in
        _last_speaker_at)."""
        self._advance(pos)
        i = bisect.bisect_left(self._starts, pos)
        for mm in reversed(self.mentions[:i]):
            if mm.speaker is None:
                continue
            parts = mm.phrase.rsplit(None, 1)
            head = parts[-1] if parts else ""
            one_of = mm.phrase[:7].lower() == "one of "  # "One of the sources said": one person
            if human and head.islower() and head.endswith("s") and not head.endswith("ss") and not one_of:
                continue  # "estimates", "sources": not a "he" or "she"
            if human and head.islower() and self._words(mm.phrase).isdisjoint(_PERSON_NOUNS):
                continue  # "the Iran conflict continued": a description of no one a "he" can be
            if not self._words(mm.phrase).isdisjoint(_NOT_SPEAKERS):
                continue  # "according to a transcript": no one a pronoun points back at
            self._last_speaker_at = mm.start
            return mm.speaker
        return None

    def _previous_paragraph(self, pos: int) -> int:
        """Where the paragraph before the one holding pos starts (back over blank lines): how far back a
        pronoun, a document or a role looks for whom it points at."""
        text = self.text
        lo = text.rfind("\n", 0, pos) + 1
        while lo > 0 and text[lo - 1] in SPACE_CHARS:
            lo -= 1
        return text.rfind("\n", 0, lo) + 1

    def _recent_speaker(self, pos: int) -> str | None:
        """The last speaker when their report is in the paragraph holding pos or the one before it."""
        lo = self._previous_paragraph(pos)
        self._advance(pos)
        for mm in reversed(self.mentions[: bisect.bisect_left(self._starts, pos)]):
            if mm.start < lo:
                return None
            if mm.speaker is not None and self._words(mm.phrase).isdisjoint(_NOT_SPEAKERS):
                return mm.speaker
        return None

    def _recent_name(self, pos: int) -> str | None:
        """The last person named in the paragraph holding pos or the one before: whom "the statement" that no
        report introduced points at ("This was reported by the head of the region Ivan Fedorov.")."""
        names = self._names_before(pos)
        if not names or names[-1][0] < self._previous_paragraph(pos) or " " not in names[-1][1]:
            return None
        at = names[-1][0]
        if _PLACE_BEFORE.search(self.text, max(0, at - 12), at):
            return None  # "troops stationed at the base in Dan Ali": a place, not who issued the statement
        return names[-1][1]

    def _recent_document(self, pos: int) -> str | None:
        """The document last heard in the paragraph holding pos or the one before, when it was the last report:
        "the text continues" after "specifies the press release" is the press release."""
        lo = self._previous_paragraph(pos)
        self._advance(pos)
        for mm in reversed(self.mentions[: bisect.bisect_left(self._starts, pos)]):
            if mm.start < lo:
                return None
            if mm.speaker is not None:
                return mm.speaker if not self._words(mm.phrase).isdisjoint(_NOT_SPEAKERS) else None
        return None

    def resolve(self, phrase: str, pos: int) -> str | None:
        """The speaker a phrase names at offset pos: a name without titles, a description, or None."""
        phrase = _issuer(phrase)
        words = phrase.split()
        if not words:
            return None
        if len(words) == 2 and words[0].lower() in _POSSESSORS and words[1].lower() in _OWN_ACCOUNTS:
            words = [_POSSESSORS[words[0].lower()]]  # "according to his information": he
        if len(words) == 1 and words[0].lower() in _OBJECT_PRONOUNS:
            words = [_OBJECT_PRONOUNS[words[0].lower()]]  # "According to him": he
        if len(words) == 1 and words[0].lower() in PRONOUNS:
            human = words[0].lower() in ("he", "she")
            last = self._last_speaker(pos, human=human)
            if not human:
                if words[0].lower() == "it":  # "the report says ... “...,” it says": a document is an "it"
                    return self._recent_document(pos) or self._recent_speaker(pos) or last
                return last
            last_at = self._last_speaker_at if last is not None else -1
            subject = self._recent_subject(pos, last_at)
            if subject is not None:
                return subject[1]  # a person made a sentence's subject since anyone spoke: "Rutte also called ..."
            if last is None:
                names = self._names_before(pos)  # no one has spoken and no subject is a person: the last name
                return names[-1][1] if names else None
            return last
        if len(words) == 2 and words[0].lower() in _DETERMINERS and words[1].lower() in _NOT_SPEAKERS:
            # "the statement continued": whoever issued it, when someone spoke just before
            issuer = self._recent_speaker(pos) or self._recent_document(pos)
            if issuer is None and words[1].lower() in _ISSUED:
                issuer = self._recent_name(pos)
            if issuer is not None:
                return issuer
        found = list(CAP_RUN.finditer(phrase))
        for r in found[:-1]:
            person = person_in(r.group())
            if person is not None and " " in person and _PLACE_AFTER.match(phrase, r.end()):
                return person  # "Farid Khan Shinwari from Landi Kotal": the first name, not the place
        # a run after "in" or "near" is where the speaker is ("a mother of five in El Fasher"), never who
        runs = [
            r.group()
            for r in found
            if not _WHERE_BEFORE.search(phrase, 0, r.start())
            and not _ROLE_AFTER.match(phrase, r.end())
            and not _ROLE_OF_BEFORE.search(phrase, 0, r.start())
        ]  # nor is a run before a lowercase role: "Kyi Tauk Pauk resident", "Pale Township spokesman"
        for run in reversed(runs):
            person = person_in(run) or _owner_split(run)
            if person is not None and len(person.split()) >= 2:
                return person
        rest = [w for w in strip_leading(words) if w.rstrip(".") not in _HONORIFICS]  # "Mr Smith" is Smith
        owner = max((i for i, w in enumerate(rest[:-1]) if w.islower() and w.endswith(_POSSESSIVE)), default=-1)
        if owner >= 0 and len(rest) - owner > 2 and rest[-1].lower() in NON_PERSON_WORDS:
            rest = rest[owner + 1 :]  # "the coastal enclave’s health ministry": the body is the health ministry
        if len(rest) > 2 and rest[1] in _NAME_LINKS and _is_surname(rest[0]):
            rest = rest[:1]  # "Smith of the defence ministry": the name speaks
        if (
            len(rest) > 1
            and rest[-1][:1].isupper()
            and rest[-2].islower()
            and rest[-1].isalpha()
            and not rest[-1].isupper()  # "agency UNICEF" is a body's acronym, not a person's name
            and (rest[-2] not in _LINKS)
            and (rest[-2] not in _PLACE_NOUNS)
        ):
            rest = rest[-1:]  # "Dubai resident Sara", "war blogger Rozhin"
        if len(rest) == 1 and rest[0][:1].isupper():
            token = rest[0]
            for mm in reversed(self.mentions[-_LOOKBACK:]):  # a surname of someone already heard: "Zelenskiy added"
                if mm.speaker and mm.start < pos and mm.speaker.split()[-1] == token and " " in mm.speaker:
                    return mm.speaker
            names = self._names_before(pos)
            for _, name, _ in reversed(names):
                parts = name.split()
                if parts[-1] == token or (parts[0] == token and "-" in parts[-1]):  # "Chen" of "Chen Kuan-ting"
                    return name
            for _, name, _ in reversed(names):
                if name.split()[0] == token and len(name.split()) == 2:
                    return name  # a given name used alone, as Indonesian and Chinese names are: "Xi" of Xi Jinping
            return token
        if not rest:
            return None
        head = rest[-1].lower()
        if words[0].lower() == "the" and len(rest) == 1 and head in _BODY_SYNONYMS:
            # "the army said" after "The Israeli military said": the body heard before, under its full name
            kin = _BODY_SYNONYMS[head]
            for mm in reversed(self.mentions[-_LOOKBACK:]):
                if mm.start < pos and mm.speaker and " " in mm.speaker and kin & set(mm.speaker.lower().split()):
                    return mm.speaker
        if words[0].lower() in ("the", "this", "its") and all(
            w[:1].islower() or w.endswith("-based") for w in rest[:-1]
        ):
            body = self._body(head, pos)
            if body is not None:
                return body
        if words[0].lower() == "the":
            # "the official" points back at the last mention with that head; "the senior US military
            # official" must match all its words, or it introduces someone new.
            wanted = {w.lower() for w in rest}
            for mm in reversed(self.mentions[-_LOOKBACK:]):
                if mm.start < pos and wanted <= self._words(mm.phrase):
                    return mm.speaker
            if head in _SOURCE_HEADS and len(rest) == 1:  # "added the expert": the unnamed source last heard
                last = self._last_speaker(pos, human=True)
                if last is not None and last[:1].islower():
                    return last
                recent = self._recent_speaker(pos)  # no source heard: the person who spoke just before
                if recent is not None and person_in(recent) == recent:
                    return recent
        if (
            words[0].lower() == "the"
            and head in PERSON_ROLES
            and len(rest) > 1
            and all(w.isalpha() and w.islower() and not is_title(w) for w in rest[:-1])
        ):
            # "stated the leftist leader" after "Petro accused ...": the person the last sentences are about or
            # the person last heard, in this paragraph or the one before; else the description stays
            subject = self._recent_subject(pos, -1)
            if subject is not None:
                return subject[1]
            recent = self._recent_speaker(pos)
            if recent is not None and recent[:1].isupper() and not any(is_non_person(t) for t in recent.split()):
                return recent
        if (
            head in PERSON_ROLES
            and words[0].lower() not in ("a", "an")  # "A UN envoy warned": someone new, not the last name
            and all(is_title(w) or w[:1].isupper() for w in rest[:-1])
        ):
            # "the president", "our “America first” president", "the US president-elect": the last
            # person named, preferring one written with the same words before the name.
            wanted = {w.lower() for w in rest} - {head}
            names = self._names_before(pos)
            if names:  # the last name written with those words, else the last subject nearby, else the last name
                same = next((n for n in reversed(names) if wanted <= self._written_with(n)), None) if wanted else None
                return (same or self._last_subject(names, pos) or names[-1])[1]
            if words[0].lower() == "the":  # "the French leader added", with only surnames before it
                last = self._last_speaker(pos, human=True)
                last_at = self._last_speaker_at if last is not None else -1
                subject = self._recent_subject(pos, last_at)
                if subject is not None:
                    return subject[1]  # "Trump also encouraged ... '...,' the president said"
                if last is not None and last[:1].isupper():
                    return last  # "'...,' Macron said. '...,' the French leader added"
        if rest[0] == "of" and words[0].lower() == "one":
            return " ".join(words)  # "One of the sources": the description keeps its "One"
        return " ".join(rest)

    def _body(self, head: str, pos: int) -> str | None:
        """The full name of the body "the <head>" points at: a name holding the head word (the last one before
        pos, else the first after it), else, for a generic head, the last body heard before pos."""
        if head in _NAMED_HEADS:
            found = [
                (start, end, name) for start, end, name in self._bodies(head.capitalize()) if not (start <= pos < end)
            ]
            before = [f for f in found if f[1] <= pos]
            named = before[-1] if before else (found[0] if found else None)
            if named is not None:
                name = named[2]
                return name[4:] if name.startswith(("The ", "The\u00a0")) else name
        if head in _GENERIC_HEADS:
            for mm in reversed(self.mentions[-_LOOKBACK:]):
                if mm.start >= pos or not mm.speaker or not mm.speaker[:1].isupper():
                    continue
                if self._is_body(mm):
                    return mm.speaker
        return None

    def _bodies(self, cap: str) -> list[tuple[int, int, str]]:
        """Names in the text holding the capitalised head word cap and more ("Syrian Observatory for Human
        Rights", not "Britain-based Observatory"), read once per text and head."""
        found = self._body_names.get(cap)
        if found is None:
            found = self._body_names[cap] = [
                (m.start(), m.end(), name)
                for m in _BODY_NAME.finditer(self.text)
                # "The Hungarian Tax Authority's decision" names the Hungarian Tax Authority
                for name in [m.group()[:-2] if m.group().endswith(_POSSESSIVE) else m.group()]
                if cap in name.split() and any(w not in (cap, "The") and not w.endswith("-based") for w in name.split())
            ]
        return found

    def _is_body(self, mm: Mention) -> bool:
        """Whether a report's speaker is a body, not a person: an acronym, a word of a body's name, or a
        capitalised name written after "the" ("the Emergency Lawyers, an independent watchdog")."""
        tokens = (mm.speaker or "").split()
        if any(_ACRONYM.match(t) or t.lower() in NON_PERSON_WORDS for t in tokens):
            return True
        phrase = mm.phrase.split()
        return len(phrase) > 1 and phrase[0].lower() == "the" and phrase[1][:1].isupper()

    def _recent_subject(self, pos: int, since: int) -> tuple[int, str] | None:
        """The person a recent sentence is about, as its subject, with the sentence's offset: the sentence so
        far and those before it in its paragraph and the one before, latest first, down to offset since (the
        last speaker's report: an older subject could not win over it), quotations aside. "Carney is on a trip
        ... '...,' he told lawmakers" → Carney; a sentence whose subject is a pronoun or a thing is passed."""
        text = self.text
        lo = self._previous_paragraph(pos)
        s_start, _ = sentence_bounds(text, pos)
        end = pos  # the sentence so far: "Sarkozy called Masson ..., but he ruled out"
        for _ in range(_SUBJECT_SENTENCES):
            if s_start <= since:
                return None
            who = self._subject_between(s_start, end, strict=since >= 0)
            if who is not None:
                return s_start, who
            at = s_start - 1
            while at > lo and text[at] in SPACE_CHARS:
                at -= 1
            if at <= lo:
                return None
            end = at + 1
            s_start, _ = sentence_bounds(text, at)
        return None

    def _subject_between(self, s_start: int, s_end: int, strict: bool) -> str | None:
        """The person the narrator's words of a sentence have as subject (see _recent_subject), read once."""
        key = (s_start, s_end, strict)
        if key in self._subjects:
            return self._subjects[key]
        who = None
        i = bisect.bisect_right(self._quote_starts, s_start)
        if not (i > 0 and self._quoted[i - 1][1] >= s_start):  # not inside a quotation: the narrator's words
            cut = next((q[0] - 1 for q in self._quoted[i:] if q[0] < s_end), s_end)  # only those before one
            sentence = self.text[s_start:cut]
            if sentence.strip(SPACE_CHARS):
                who = self._person_subject(subject_of_sentence(sentence), s_start, strict)
        self._subjects[key] = who
        return who

    def _person_subject(self, subject: str, pos: int, strict: bool) -> str | None:
        """The person a sentence subject names: a full name, or a lone surname that is one (a name before pos
        ends with it, someone of that name has spoken, or a title stands before it: "Pope Leo"); None for
        pronouns, roles, things, places and bodies."""
        words = subject.split()
        if not words or words[0].lower() in PRONOUNS or not words[0][:1].isupper():
            return None
        for run in CAP_RUN.findall(subject):
            person = person_in(unpossessive(run))
            if person is not None and " " in person:
                return person
        rest = [w for w in strip_leading(words) if w.rstrip(".") not in _HONORIFICS and not is_title(w)]
        if len(rest) != 1 or not _is_surname(unpossessive(rest[0])):
            return None
        token = unpossessive(rest[0])
        if token.lower() in _NOT_SPEAKERS or token.lower() in _IMAGES:
            return None  # "Footage showed buses arriving ...": a document or a picture is nobody a "he" means
        if token.isupper():
            return None  # a dateline's city ("GENEVA, March 5 (Reuters) - The WHO chief said") or an acronym
        for _, name, _ in reversed(self._names_before(pos)):
            if name.split()[-1] == token:
                return name  # a surname of someone named before
        heard = any(mm.speaker is not None and mm.speaker.split()[-1] == token for mm in self.mentions)
        titled = len(words) > len(rest) and any(is_title(w) for w in words[:-1])
        if heard or titled:
            return token
        # Against a speaker already heard, a lone capitalised word needs that evidence (it may be a country
        # or a party); with no one heard, any that is not a country will do ("Leo did not address ...").
        return None if strict or token.lower() in COUNTRIES else token

    def _last_subject(self, names: list[tuple[int, str, str]], pos: int) -> tuple[int, str, str] | None:
        """The last name that opens its sentence (titles and initials may stand before it) in the paragraph
        holding pos or the one before: "Thomas Alva Edison never donned an Under Armour shirt. But the
        inventor ..." points at Edison, not at the brand named after him."""
        text = self.text
        lo = self._previous_paragraph(pos)
        for name in reversed(names):
            if name[0] < lo:
                return None
            sent_start, _ = sentence_bounds(text, name[0])
            clause = text[sent_start : name[0]]
            clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind(":")) + 1 :]
            if not any(c.islower() for c in clause):  # only titles before it in its clause
                return name
        return None

    def is_unresolved(self, speaker: str | None) -> bool:
        """A speaker still only a role or a pronoun ("US president", "he"): a later name may resolve it."""
        if speaker is None:
            return True
        tokens = speaker.split()
        return tokens[-1].lower() in PERSON_ROLES and all(is_title(t) for t in tokens)
