"""Speakers: who says or claims what, named without titles; pronouns and "the official" resolved in order."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from digests.extract.scan import BOUNDARY, literal_alternation
from digests.extract.sentences import SP, SPACE_CHARS, clean, sentence_bounds
from digests.extract.vocab import DEMONYMS, NON_PERSON_WORDS, SPEECH_VERBS, TITLES, words

# The one scan for reported speech: a speech or claim verb, or "according to".
_SPEECH = re.compile(BOUNDARY + "(" + literal_alternation(["according to", *SPEECH_VERBS], SP) + r")\b")
# Participles whose subject is the subject of the clause they hang on ("..., saying: ...").
_PARTICIPLES = frozenset({"adding", "saying", "telling", "writing", "warning", "claiming"})
# Verbs that introduce a quotation (a narrower set than claims: "estimates suggest" never quotes).
SAY_VERBS = words(
    """said says told tells added adds wrote writes asked asks replied insisted explained noted
    warned warns declared stated claimed recalled tweeted posted argued acknowledged admitted urged stressed
    saying adding telling writing warning opined remarked conceded countered responded quipped cautioned vowed"""
)
# A passive or infinitive before the verb: "have been reported", "declined to say" name no speaker.
_PASSIVE = re.compile(r"(?:\b(?:been|be|being|is|was|were|are|to|an|the)" + SP + r")$")
# After the verb, what makes it a passive report rather than a speaker: "sites reported to have been hit".
_PASSIVE_AFTER = re.compile(SP + r"(?:to" + SP + r"(?:have|be)|by)\b")
# What ends the subject of a speech verb, searching back from the verb: a quote mark or a colon.
_CLAUSE_CUT = re.compile(r".*(?:[”\"“:;(]|\s[-–—]\s)", re.S)
# A time or place phrase closing a subject: "the Lebanese health ministry on Monday", "sources in Kyiv".
_TRAILING_PHRASE = re.compile(r"\s(?:on|in|at|during|late|early|earlier|last|this|from|via|through|for)\s.*$")
# A time phrase opening a clause with no comma after it: "Earlier on Wednesday a separate U.N. panel".
_LEADING_TIME = re.compile(
    r"^(?:(?:earlier|later|late|early)\s+)?(?:on|this|last)\s+(?:\w+day|week|month|year|night|morning)\s+", re.I
)
# Words that open a clause: the subject of the speech verb starts after the last of them.
_OPENER = re.compile(
    r"(?:^|.*\s)(?:(?i:that|which|because|when|after|before|since|if|though|although|where|whether|while|as|so"
    r"|than|once|then|who|whom)"  # subordinators and relatives open a new clause whatever follows
    r"|(?:and|but|or)(?="
    + SP
    + r"(?:(?:the|a|an)"
    + SP
    + r")?[a-z][\w\-]*$))"  # "and estimates suggest", not
    + SP,  # "Youth and Sports Ministry" or "sources in Sri Lanka's navy and defence ministry"
    re.S,
)
# A verb coordinated with an earlier one shares its subject: "Trump said ... and said", "... but added:".
_COORDINATED = re.compile(r"(?:^|\s)(?:and|but|then|or)(?:\s+(?:also|later|then))?[\s,]*$")
# Commas that part a clause into pieces; a comma inside a number ("800,000") does not.
_PIECES = re.compile(r",(?!\d{3})")
# A relative pronoun right before the verb: "..., who asked not to be named".
_RELATIVE = re.compile(r"(?:^|[\s,])(?:who|whom|which|that)(?:\s+(?:it|he|she|they))?$")
# Adverbs left between a subject and its verb: "Trump again referenced", "Warsh recently recalled".
_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:again|also|then|now|later|earlier|once|still|[a-z]+ly))+$")
# A conjunction opening a sentence before its subject: "But he said", "And the official added".
_LEADING_CONJ = re.compile(r"^(?:And|But|So|Yet|Or|As|While|Then|Still)\s+")
# A piece that is only a name ("Mudassir Tipu"), titles allowed, particles such as "bin" or "van der" inside.
_NAME_PIECE = re.compile(
    r"^[A-Z][\w’'\-.]*(?:\s+(?:(?:al|bin|ibn|de|den|van|von|der|in|la|le|el|da|dos|du|abu)\s+)*[A-Z][\w’'\-.]*)+"
    r"(?:\s+(?:of|from)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)?$"  # "Angus King of Maine", "X from Landi Kotal"
)
# Words that open an adverbial, not a name: "In Moscow, the Kremlin said".
_ADVERBIAL = re.compile(
    r"^(?:In|On|At|After|Before|During|From|For|With|Since|Speaking|Asked|Earlier|Later|Meanwhile"
    r"|Separately|Overnight|Last|This|Next|Until|By|Under|Over|Across|Outside|Inside)\b"
)
# Auxiliaries and adverbs between a subject and its speech verb.
_AUX = words(
    "has have had also later earlier previously would will could may might did does is was were then had "
    "already separately further again on not never didn't doesn't don't won't wouldn't reportedly publicly"
)
# A capitalised run: a name, a title, an organisation; particles such as "bin" or "al" may sit inside.
_CAP_RUN = re.compile(
    r"(?:[A-Z][\w’'\-]*\.?)(?:[ \u00a0](?:(?:al|bin|ibn|de|da|van|von|der|le|la|el|abu)[ \u00a0])?[A-Z][\w’'\-]*\.?)*"
)
_LINKS = words("with of for to at in on by from and or than like about against")
# How many earlier reports a name or a description is matched against: antecedents are near, and the
# bound keeps a text of thousands of quotes linear.
_LOOKBACK = 60
_PARTICLES = words("al bin ibn de den van von der la le el da dos du abu")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_LEADING = words(
    "the a an one two three four five six seven eight nine ten some several many its their his her when as after "
    "before if while but and so then because though although since once where"
)
# Heads of descriptions that name a person, so an unmatched one points at the last person named.
_PERSON_ROLES = words(
    """president president-elect leader premier chancellor minister king queen prince secretary envoy
    ambassador mayor governor general commander chief"""
)
# Heads of "according to" phrases that are documents, not people a pronoun can point back at.
_NOT_SPEAKERS = words(
    """transcript statement report reports data figures estimates estimate documents document video footage
    post analysis survey poll tally count records record study website filing letter readout"""
)
_DEMONYM_SET = frozenset(w.lower() for d in DEMONYMS for w in d.split())
# A person's name anywhere in the text (for "the US president-elect" and surnames such as "Trump").
_NAME_RE = re.compile(r"\b[A-Z][a-z’'\-]+(?:" + SP + r"[A-Z][a-z’'\-]+)+")


@dataclass(frozen=True)
class Mention:
    """One report of speech: where its verb is, the phrase naming who spoke, and that speaker resolved."""

    start: int
    end: int
    verb: str
    phrase: str
    speaker: str | None
    phrase_end: int


def _strip_leading(words: list[str]) -> list[str]:
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    return words


def _is_title(token: str) -> bool:
    low = token.lower().rstrip(".")
    return low in TITLES or low in _DEMONYM_SET or low in _LEADING or len(low) == 1


@lru_cache(maxsize=4096)
def _person_in(run: str) -> str | None:
    """The person's name in a capitalised run: what follows the last title or nationality, or None."""
    tokens = run.split()
    cut = max((i + 1 for i, t in enumerate(tokens) if _is_title(t)), default=0)
    if len(tokens) - cut < 2:  # "Senator Angus King": a name may hold a title word
        cut = next((i for i, t in enumerate(tokens) if not _is_title(t)), len(tokens))
    tokens = tokens[cut:]
    lower = [i for i, t in enumerate(tokens) if t[:1].islower() and t not in _PARTICLES]
    if lower:
        tokens = tokens[: lower[0]]  # "Angus King of Maine" is Angus King
    if len(tokens) < 2 or any(t.lower().strip(".’'") in NON_PERSON_WORDS for t in tokens):
        return None
    if any(t.endswith(("’s", "'s")) for t in tokens):
        return None
    return " ".join(tokens)


def _strip_aux(phrase: str) -> str:
    tokens = phrase.split()
    while tokens and tokens[-1].lower() in _AUX:
        tokens.pop()
    return " ".join(tokens)


def _tidy(phrase: str) -> str:
    """A subject without the conjunction, time phrase, adverbs and auxiliaries around it."""
    phrase = _TRAILING_PHRASE.sub("", _LEADING_TIME.sub("", _LEADING_CONJ.sub("", phrase)))
    return _strip_aux(_TRAILING_ADVERBS.sub("", phrase))


def _is_name_piece(piece: str) -> bool:
    return bool(_NAME_PIECE.match(piece)) and not _ADVERBIAL.match(piece) and _person_in(piece) is not None


class Speakers:
    """Every report of speech in a text, in order, with each speaker resolved against those before it.

    Reports are read lazily, in order, only as far as a question needs: a text whose last quote or
    figure comes early never pays for the reports after it.
    """

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self._names: list[tuple[int, str, str]] | None = None
        self._name_starts: list[int] = []
        self._names_to = 0
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._quoted = quoted
        self._qi = 0
        self._last_phrase_end = -1
        self._hits = _SPEECH.finditer(text)
        self._pending: re.Match[str] | None = None
        self._read_to = 0

    def _advance(self, pos: int) -> None:
        """Read every report of speech whose verb starts before pos (and the sentence it sits in)."""
        if pos <= self._read_to:
            return
        self._read_to = pos
        quoted = self._quoted
        while True:
            m = self._pending if self._pending is not None else next(self._hits, None)
            if m is None or m.start(1) >= pos:
                self._pending = m
                return
            self._pending = None
            while self._qi < len(quoted) and quoted[self._qi][1] <= m.start(1):
                self._qi += 1
            if self._qi < len(quoted) and quoted[self._qi][0] <= m.start(1) < quoted[self._qi][1]:
                continue  # a verb inside a quotation is the quoted person's wording
            if m.start(1) < self._last_phrase_end:
                continue
            mention = self._mention(m)
            if mention is not None:
                self.mentions.append(mention)
                self._starts.append(mention.start)
                self._last_phrase_end = mention.phrase_end

    # -- building mentions -------------------------------------------------------------------------

    def _mention(self, m: re.Match[str]) -> Mention | None:
        text = self.text
        verb = clean(m.group(1))
        sent_start, sent_end = sentence_bounds(text, m.start(1))
        if verb == "according to":
            tail = text[m.end(1) : sent_end]
            cut = re.search(r"[,.;:!?()\n]|" + SP + r"(?:on|in|at|during|which|who)\b", tail)
            phrase = tail[: cut.start()] if cut else tail
            phrase = clean(phrase)
            if not phrase:
                return None
            speaker = self.resolve(phrase, m.start(1))
            return Mention(
                m.start(1), m.end(1), verb, phrase, speaker, m.end(1) + len(tail[: cut.start()] if cut else tail)
            )
        head = text[max(sent_start, m.start(1) - 40) : m.start(1)]
        if _PASSIVE.search(head) or _PASSIVE_AFTER.match(text, m.end(1)):
            return None
        segment = text[sent_start : m.start(1)]
        cut = _CLAUSE_CUT.match(segment)
        own = clean(segment[cut.end() :] if cut else segment)
        if _RELATIVE.search(own):
            # "Dubai resident Sara, who asked ...": the antecedent speaks, unless it was just heard.
            phrase = self._subject_before(_RELATIVE.sub("", own))
            phrase = re.sub(r"^(?:" + "|".join(SPEECH_VERBS) + r")\s+", "", phrase)
            if not phrase or (self.mentions and self.mentions[-1].start >= sent_start):
                return None
            return Mention(m.start(1), m.end(1), verb, phrase, self.resolve(phrase, m.start(1)), m.end(1))
        if not own.strip(SPACE_CHARS + ",") and (cut is not None or verb in SAY_VERBS):
            phrase = self._subject_after(m.end(1), sent_end)
        elif verb in _PARTICIPLES or _COORDINATED.search(own):
            earlier = [mm for mm in self.mentions if mm.start >= sent_start]
            if earlier:
                return Mention(m.start(1), m.end(1), verb, earlier[-1].phrase, earlier[-1].speaker, m.end(1))
            phrase = self._subject_of_sentence(text[sent_start : m.start(1)])
        else:
            phrase = self._subject_before(own)
        phrase = clean(phrase)
        if not phrase:
            return None
        return Mention(m.start(1), m.end(1), verb, phrase, self.resolve(phrase, m.start(1)), m.end(1))

    @staticmethod
    def _subject_before(segment: str) -> str:
        pieces = [p.strip() for p in _PIECES.split(clean(segment)) if p.strip()]
        if not pieces:
            return ""
        i = len(pieces) - 1
        named = [j for j, p in enumerate(pieces[:-1]) if _is_name_piece(p)]
        if named and not _is_name_piece(pieces[named[0] + 1]):
            i = named[0]  # "Mudassir Tipu, Pakistan's ambassador to Tehran, said"
        while i > 0 and (
            re.match(r"(?i)(?:who|which|whose|whom|where|citing|speaking|\d)", pieces[i])
            or (re.match(r"(?:an?|the)\s+[a-z]", pieces[i]) and _is_name_piece(pieces[i - 1]))
        ):
            i -= 1  # a relative clause, an age or an appositive ("an independent who ...") follows the subject
        piece = _strip_aux(pieces[i])
        opener = _OPENER.match(piece)
        if opener:
            piece = piece[opener.end() :]
        return " ".join(_tidy(piece).split()[-10:])

    @staticmethod
    def _subject_of_sentence(segment: str) -> str:
        cut = _CLAUSE_CUT.match(segment)
        segment = clean(segment[cut.end() :] if cut else segment)
        pieces = [p.strip() for p in _PIECES.split(segment) if p.strip()]
        for piece in pieces:
            if re.match(r"(?:In|On|At|After|Before|During|Speaking|Asked|Earlier|Later|Meanwhile)\b", piece):
                continue
            found = re.search(r"\s(?:has|have|had|is|was|were|are|will|would|also|\w+ed)\b", piece)
            subject = piece[: found.start()] if found else " ".join(piece.split()[:6])
            return _tidy(subject)
        return ""

    def _subject_after(self, pos: int, limit: int) -> str:
        tail = clean(self.text[pos:limit])
        cut = re.search(r"[,.;:!?()\n“”\"]|" + SP + r"(?:on|in|at|during|who|which|after|before|to)\b", tail)
        return " ".join((tail[: cut.start()] if cut else tail).split()[:8])

    # -- resolving names ---------------------------------------------------------------------------

    def _names_before(self, pos: int) -> list[tuple[int, str, str]]:
        """Names of people in the text before pos: (offset, name, the lowercase words just before it)."""
        if self._names is None:
            self._names = []
            self._names_to = 0
        if pos > self._names_to:  # read on from where the last question stopped
            text = self.text
            for m in _NAME_RE.finditer(text, self._names_to, pos):
                if text[max(0, m.start() - 4) : m.start()].lower() in ("the ", "the\u00a0"):
                    continue  # "the White House": a place or a body
                run = clean(m.group())
                name = _person_in(run)
                if name is not None:
                    before = clean(text[max(0, m.start() - 40) : m.start()].lower())
                    self._names.append((m.start(), name, before + " " + run.lower()))
                    self._name_starts.append(m.start())
            self._names_to = pos
        return self._names[: bisect.bisect_left(self._name_starts, pos)]

    def _last_speaker(self, pos: int, human: bool) -> str | None:
        self._advance(pos)
        i = bisect.bisect_left(self._starts, pos)
        for mm in reversed(self.mentions[:i]):
            if mm.speaker is None:
                continue
            head = mm.phrase.split()[-1] if mm.phrase.split() else ""
            if human and head.islower() and head.endswith("s") and not head.endswith("ss"):
                continue  # "estimates", "sources": not a "he" or "she"
            if {w.lower() for w in mm.phrase.split()} & _NOT_SPEAKERS:
                continue  # "according to a transcript": no one a pronoun points back at
            return mm.speaker
        return None

    def resolve(self, phrase: str, pos: int) -> str | None:
        """The speaker a phrase names at offset pos: a name without titles, a description, or None."""
        words = phrase.split()
        if not words:
            return None
        if len(words) == 1 and words[0].lower() in _PRONOUNS:
            return self._last_speaker(pos, human=words[0].lower() in ("he", "she"))
        runs = [r.group() for r in _CAP_RUN.finditer(phrase)]
        for run in reversed(runs):
            person = _person_in(run)
            if person is not None and len(person.split()) >= 2:
                return person
        rest = _strip_leading(words)
        if (
            len(rest) > 1
            and rest[-1][:1].isupper()
            and rest[-2].islower()
            and rest[-1].isalpha()
            and (rest[-2] not in _LINKS)
        ):
            rest = rest[-1:]  # "Dubai resident Sara", "war blogger Rozhin"
        if len(rest) == 1 and rest[0][:1].isupper():
            token = rest[0]
            for mm in reversed(self.mentions[-_LOOKBACK:]):  # a surname of someone already heard: "Zelenskiy added"
                if mm.speaker and mm.start < pos and mm.speaker.split()[-1] == token and " " in mm.speaker:
                    return mm.speaker
            for _, name, _ in reversed(self._names_before(pos)):
                parts = name.split()
                if parts[-1] == token or (parts[0] == token and "-" in parts[-1]):  # "Chen" of "Chen Kuan-ting"
                    return name
            return token
        if words[0].lower() == "the" and rest:
            # "the official" points back at the last mention with that head; "the senior US military
            # official" must match all its words, or it introduces someone new.
            wanted = {w.lower() for w in rest}
            for mm in reversed(self.mentions[-_LOOKBACK:]):
                if mm.start < pos and wanted <= set(mm.phrase.lower().split()):
                    return mm.speaker
            head = rest[-1].lower()
            if head in _PERSON_ROLES:
                names = self._names_before(pos)
                fitting = [n for n in names if wanted - {head} <= set(n[2].split())]
                if fitting or names:
                    return (fitting or names)[-1][1]
        return " ".join(rest) if rest else None

    # -- answers for quotes and figures ------------------------------------------------------------

    def around(self, start: int, end: int) -> list[Mention]:
        """Mentions whose verb lies in [start, end)."""
        self._advance(end)
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def last_before(self, pos: int) -> str | None:
        return self._last_speaker(pos, human=False)
