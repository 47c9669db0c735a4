"""Speakers: the reports of speech in a text (a speech verb or "according to") and the phrase naming who
spoke, read in order; antecedents.py resolves each phrase to a speaker."""

from __future__ import annotations

import bisect
import itertools
import re

from digests.extract.antecedents import (
    CAP_RUN,
    NAME_RE,
    PERSON_ROLES,
    PRONOUNS,
    SOURCE_NOUNS,
    Antecedents,
    Mention,
    unpossessive,
)
from digests.extract.names import person_in, subject_before, subject_of_sentence
from digests.extract.scan import BOUNDARY, literal_alternation
from digests.extract.sentences import SP, SPACE_CHARS, clean, sentence_bounds
from digests.extract.vocab import QUOTE_ONLY_VERBS, SPEECH_VERBS, words

# The one scan for reported speech: a speech or claim verb, or "according to".
_SPEECH_WORDS = literal_alternation(["according to", "According to", *SPEECH_VERBS, *QUOTE_ONLY_VERBS], SP)
_SPEECH = re.compile(BOUNDARY[:-1] + "”]" + "(" + _SPEECH_WORDS + r")\b")  # '“...”laments X' too
# The same at the very start of a text, where no boundary character stands before it.
_SPEECH_AT_START = re.compile("(" + _SPEECH_WORDS + r")\b")
# Participles whose subject is the subject of the clause they hang on ("..., saying: ...").
_PARTICIPLES = frozenset(
    {"adding", "saying", "telling", "writing", "warning", "claiming", "noting", "stressing", "explaining", "insisting"}
)
# An absolute clause's subject before its participle: "..., with Israel saying ...".
_WITH_SUBJECT = re.compile(
    r"(?:^|[\s,])with"
    + SP
    + r"(?P<who>(?:the"
    + SP
    + r")?(?!\w+ing\b)[A-Za-z][\w’'.\-]*(?:"
    + SP
    + r"(?!\w+ing\b)[A-Za-z][\w’'.\-]*){0,2})[\s,]*$"
)
# A source quoting someone: "the New York Times quoted Merchant as telling a court".
_QUOTED_AS = re.compile(r"\bquot(?:ed|ing)" + SP + r"(?P<who>[^,;:]{1,80}?)" + SP + r"as" + SP + r"$")
# Verbs that introduce a quotation (a narrower set than claims: "estimates suggest" never quotes).
SAY_VERBS = words(
    """said says told tells added adds wrote writes asked asks replied insisted explained noted
    warned warns declared stated claimed recalled tweeted posted argued acknowledged admitted urged stressed
    saying adding telling writing warning opined remarked conceded countered responded quipped cautioned vowed
    announced announces alleged charged testified reiterated repeated predicted asserted contended affirmed
    replies recalls tweets explains declares urges texted emailed commented disclosed revealed argues insists
    notes claims asserts contends stresses concludes observes maintains specifies specified laments recounts
    reported reports noting stressing explaining insisting"""
) | frozenset(QUOTE_ONLY_VERBS)
# Verbs of an outlet passing a report on: a quotation's speaker only when the quotation opens its sentence ('"...,"
# the agency reported'); "X said ... “...”, state media reported" is X's.
REPORT_VERBS = words("reported reports")
# Verbs whose subject claims a figure in its sentence: every reporting verb but the quote-only ones.
CLAIM_VERBS = frozenset(["according to", *SPEECH_VERBS])
# The last word before a verb that makes it a passive or an infinitive: "have been reported", "declined
# to say" name no speaker.
_PASSIVE_WORDS = words("been be being is was were are to an the")
# After the verb, what makes it a passive report rather than a speaker: "sites reported to have been hit".
# Also how a source's anonymity is given, which reports nothing ("who spoke on condition of anonymity"),
# and "claimed" as taking, not saying ("the blast claimed the lives of 30", "claimed responsibility").
_PASSIVE_AFTER = re.compile(
    SP
    + r"(?:to"
    + SP
    + r"(?:have|be)|by|on"
    + SP
    + r"(?:the"
    + SP
    + r")?condition|anonymously|on"
    + SP
    + r"background|(?:the"
    + SP
    + r")?lives|responsibility|credit|victory)\b"
)
# What ends the subject of a speech verb, searching back from the verb: a colon, a semicolon, a dash
# between spaces (quotations are cut by their offsets, so a scare quote inside a subject does not cut).
_CUTS = (":", ";")
_DASH_CUTS = (" - ", " – ", " — ")
# A bracketed aside inside a subject: "Chuck Schumer (D-NY)", "(Reuters)", an age "(45)".
_BRACKETS = re.compile(r"\([^()\n]*\)")
# Double quote marks left in a subject around scare quotes: "one unnamed source with “direct knowledge”".
_DOUBLE_MARKS = re.compile(r"[\"“”„]")
# A verb coordinated with an earlier one shares its subject: "Trump said ... and said", "... but added:".
_CONJUNCTIONS = words("and but then or")
_CONJ_ADVERBS = words("also later then")
# Auxiliaries between a conjunction and its verb: "... and has said", "but had earlier told".
_COORD_AUX = words("has have had will would also later earlier then previously repeatedly")
# Relative pronouns right before a verb ("..., who asked not to be named"), and subject pronouns after one.
_RELATIVES = words("who whom which that")
_REL_SUBJECTS = words("it he she they")
# A finite verb, and a relative pronoun, in the words before a speech verb (see _reported_clause).
_FINITE = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|can|could|should|must|may|might)\b")
# A sentence opening with its subject and a verb in the past, with no auxiliary: "Three soldiers died in the attack,"
# (never an apposition after a comma, "Her husband, wounded in the strike,": the piece must open the sentence).
_PAST_CLAUSE = re.compile(
    r"^\s*[A-Z0-9][\w’'\-]*(?:\s+[\w’'\-]+){0,5}?\s+(?:(?!(?:armed|wounded|injured|displaced|detained|retired|united"
    r"|named|based|elected|appointed)\b)[a-z]+ed|died|fled|hit|struck|fell|shot|rose|began|sent|drove|fought|left|broke)\b"
)
# A place or time before a speech verb, after a quotation: '"...," in Khan Younis, said one mother'.
_ADVERBIAL_BEFORE = re.compile(
    r"^[\s,]*(?:in|at|from|near|inside|outside|across|on|after|during|later|earlier)\b[^,]{0,60},\s*$"
)
# Words that open an adverbial phrase, never a speaker: "up from 9 reported on Monday", "in Khan Younis".
_NOT_SUBJECT = re.compile(r"(?:up|down|in|on|at|from|near|inside|outside|across|during|since)\b")
# An aside listing a part of the count before it: never the speaker of the verb after it.
_INCLUDING = re.compile(r"\s*(?:including|among them|most of them|mostly|many of them)\b")
_RELATIVE_IN = re.compile(r"\b(?:who|whom|whose|which|that)\b")
# A capitalised run ending a clause, before ", who".
_NAME_AT_END = re.compile(r"[A-Z][\w’'\-.]*(?:" + SP + r"[A-Z][\w’'\-.]*)*[\s,]*$")
# A relative pronoun right before the verb: "..., who asked not to be named".
_RELATIVE = re.compile(r"(?:^|[\s,])(?:who|whom|which|that)(?:\s+(?:it|he|she|they))?$")
# A period after a lone capital is an initialism ("U.N. ambassador") and one after a title is no end ("Dr.").
_NO_END = (
    r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bCol)(?<!\bLt)"
    r"(?<!\bMaj)(?<!\bCapt)(?<!\bSgt)(?<!\bCpl)(?<!\bAdm)(?<!\bCmdr)(?<!\bCdr)(?<!\bBrig)(?<!\bPvt)(?<!\bProf)"
)  # military and civil title abbreviations never end a speaker: "Navy Cmdr. Rebecca Rebarich"
# What ends the phrase after an inverted verb ("said X"): punctuation, a quote mark or a linking word; "at"
# before a capital names where a source works ("a senior executive at Vitol") and stays.
_AFTER_CUT = re.compile(
    r"[,;:!?()\n“”\"]|" + _NO_END + r"\.|" + SP + r"(?:on|in|at(?!" + SP + r"[A-Z])|during|who|which|after|before|to"
    r"|as|while|when|because)\b"  # a clause after the name: "said Nyiyongo as he published the names"
)
# What ends the phrase after "according to": punctuation or a time or relative word.
_ACCORDING_CUT = re.compile(
    r"[,;:!?()\n]|" + _NO_END + r"\.|" + SP + r"(?:on|in|at(?!" + SP + r"[A-Z])|during|which|who)\b"
)
# "shared that ...", "shared: ...", "shared a video of ...": sharing as reporting, not "shared the aims".
_SHARED_THAT = re.compile(
    SP + r"that\b|:|" + SP + r"(?:(?:a|an|the|his|her|their|its)" + SP + r")?(?:video|post|message|photo|image"
    r"|statement|footage)s?\b"
)
# A role a person's name may follow in apposition: "according to the head of the region, Oleh Syniehubov,".
_ROLE_WORDS = PERSON_ROLES | SOURCE_NOUNS | words("head director")
_CONNECTIVES = words("and but yet so however still now then also meanwhile moreover indeed instead")


def _only_connectives(own: str) -> bool:
    """Whether the words before a verb are connectives only ("And yet,"), naming no one."""
    tokens = own.replace(",", " ").lower().split()
    return bool(tokens) and all(t in _CONNECTIVES for t in tokens)


# What opens the content of a report rather than its speaker: "adding that ...", "saying: ...".
_CONTENT_AFTER = re.compile(SP + r"(?:that|it|there|the|a|an|he|she|they|we|this|these)\b|\s*:")


def _opens_content(text: str, pos: int) -> bool:
    return _CONTENT_AFTER.match(text, pos) is not None


# Adverbs between a passive auxiliary and its verb: "Among the dead are also reported 342 ...".
_PASSIVE_ADVERBS = re.compile(r"(?<=\s)(?:also|reportedly|now|still|further|widely|previously|officially)\s+$")
# A passive report: "X was quoted as saying".
_WAS_QUOTED_AS = re.compile(r"\s(?:was|were|is|are|has\s+been|had\s+been)\s+quoted\s+as\s*$")
# A speech verb left at the start of a subject: "said X, who ...".
_LEADING_SPEECH_VERB = re.compile(r"^(?:" + "|".join(SPEECH_VERBS) + r")\s+")


def _ends_with(head: str, last_words: frozenset[str]) -> bool:
    """Whether head ends with one of last_words followed by a space."""
    if not head or head[-1] not in SPACE_CHARS:
        return False
    tail = head.rsplit(None, 1)
    return bool(tail) and tail[-1] in last_words


# A full stop typed without the space after it: "... the top priority.A UN envoy warned" starts a new sentence.
_RUN_ON = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z]*\s)")


def _clause_cut(segment: str) -> int:
    """Where the clause holding the end of segment starts: after its last colon, semicolon, spaced dash or a
    sentence end typed without a space."""
    cut = max(segment.rfind(_CUTS[0]), segment.rfind(_CUTS[1])) + 1
    if "." in segment or "!" in segment or "?" in segment:
        for m in _RUN_ON.finditer(segment, cut):
            cut = m.end()
    if " " in segment:  # every dash cut holds a space
        for dash in _DASH_CUTS:
            at = segment.rfind(dash)
            if at >= 0:
                cut = max(cut, at + len(dash))
    return cut


def _ends_relative(own: str) -> bool:
    """ "..., who" or "... which it" right before the verb."""
    tail = own.replace(",", " ").rsplit(None, 2)
    if tail and tail[-1] in _RELATIVES:
        return True
    return len(tail) >= 2 and tail[-1] in _REL_SUBJECTS and tail[-2] in _RELATIVES


def _ends_coordinated(own: str) -> bool:
    """ "... and", "... but also", "... and has", "... but had earlier" right before the verb."""
    tail = own.rstrip(" ,").rsplit(None, 4)
    while len(tail) >= 2 and tail[-1] in _COORD_AUX:
        tail.pop()
    if tail and tail[-1] in _CONJUNCTIONS:
        return True
    return len(tail) >= 2 and tail[-1] in _CONJ_ADVERBS and tail[-2] in _CONJUNCTIONS


def _reported_clause(own: str, participle: bool) -> bool:
    """Whether the words before a speech verb are what was said, not who said it: a finite clause closed by a
    comma with no relative pronoun ("Petrobras has benefited from the conflict, said its head ...")."""
    body = own.rstrip(SPACE_CHARS)
    if not body.endswith(","):
        return False
    last = body[:-1].rsplit(",", 1)[-1]  # the piece right before the verb: a clause, or a name's apposition
    first = body[:-1].split(",", 1)[0]
    if _INCLUDING.match(last) and first.lstrip(SPACE_CHARS)[:1].isupper() and _FINITE.search(first):
        return True  # "About 60 bodies have been found, including entire families who ..., said X"
    if _RELATIVE_IN.search(own):
        return False
    if _FINITE.search(last):
        return True
    # "Three soldiers died in the attack, said the army" (a participle shares the clause's subject instead:
    # "China's ministry rejected the accusations, saying ...")
    return not participle and last == body[:-1] and _PAST_CLAUSE.match(last) is not None


def _before_apposition(segment: str, cut: int) -> str | None:
    """The subject before an aside in dashes that ends right at the verb: "Balendra Shah - popularly known
    only as Balen - wrote" → "Balendra Shah"; None when the segment does not end so."""
    inner = segment[:cut].rstrip(SPACE_CHARS)
    if not inner.endswith(("-", "–", "—")):
        return None
    inner = inner[:-1]
    opened = max(inner.rfind(dash) for dash in _DASH_CUTS)
    if opened < 0:
        return None
    head = inner[:opened]
    return head[_clause_cut(head) :] or None


def _with_name_after(phrase: str, rest: str) -> str:
    """A role after an inverted verb, followed by the person's name in apposition: "said United Nations human
    rights chief, Volker Turk." The name joins the phrase when the role names no one."""
    if any(person_in(run) for run in CAP_RUN.findall(phrase)):
        return phrase
    for chunk in rest.split(",")[:3]:  # the role may run on: "head of logistics, commercialization and markets,"
        chunk = chunk.strip(SPACE_CHARS)
        m = NAME_RE.match(chunk)
        if m is not None and m.end() == len(chunk.rstrip(".;")):
            name = person_in(unpossessive(clean(m.group())))
            if name is not None:
                return f"{phrase} {name}"
        if chunk.endswith((".", ";")):
            break
    return phrase


class Speakers(Antecedents):
    """Every report of speech in a text, in order, with each speaker resolved against those before it.

    Reports are read lazily, in order, only as far as a question needs: a text whose last quote or
    figure comes early never pays for the reports after it.
    """

    def __init__(self, text: str, quoted: list[tuple[int, int]]) -> None:
        super().__init__(text, quoted)
        self._qi = 0
        self._last_phrase_end = -1
        first = _SPEECH_AT_START.match(text)
        self._hits = itertools.chain([first] if first else [], _SPEECH.finditer(text))
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
        vs, ve = m.span(1)
        verb = clean(m.group(1))
        if verb[0] == "A":
            verb = "according to"  # "According to X, ..." opening a sentence
        sent_start, sent_end = sentence_bounds(text, vs)
        if verb == "according to":
            tail = text[ve:sent_end]
            stop = _ACCORDING_CUT.search(tail)
            raw = tail[: stop.start()] if stop else tail
            phrase = clean(raw)
            if not phrase:
                return None
            if stop is not None and tail[stop.start()] == "," and not _ROLE_WORDS.isdisjoint(phrase.lower().split()):
                with_name = _with_name_after(phrase, tail[stop.end() :])
                if with_name != phrase:  # "according to the head of the region's administration, Oleh Syniehubov,"
                    name = with_name[len(phrase) + 1 :]
                    return Mention(vs, ve, verb, phrase, self.resolve(name, vs), ve + len(raw))  # claims keep the role
            return Mention(vs, ve, verb, phrase, self.resolve(phrase, vs), ve + len(raw))
        if verb == "shared" and not _SHARED_THAT.match(text, ve):
            return None  # "Germany shared the aims of ...": sharing reports speech only as "shared that"
        head = text[max(sent_start, vs - 40) : vs]
        quoted_as = _WAS_QUOTED_AS.search(head) if verb in _PARTICIPLES else None
        if quoted_as is None and (
            _ends_with(_PASSIVE_ADVERBS.sub(" ", head), _PASSIVE_WORDS) or _PASSIVE_AFTER.match(text, ve)
        ):
            return None  # "have been reported", "declined to say": no speaker
        seg_start = self._clause_start(sent_start, vs)
        segment = text[seg_start:vs]
        if "(" in segment:
            segment = _BRACKETS.sub(" ", segment)
        cut = _clause_cut(segment)
        own = segment[cut:]
        if not own.strip(SPACE_CHARS + ","):
            own = _before_apposition(segment, cut) or own  # "Balendra Shah - popularly known as Balen - wrote"
        if '"' in own or "“" in own or "”" in own or "„" in own:
            own = _DOUBLE_MARKS.sub(" ", own)
        own = clean(own)
        if _ends_relative(own):
            # "Dubai resident Sara, who asked ...": the antecedent speaks, unless it was just heard.
            antecedent = _RELATIVE.sub("", own)
            named = _NAME_AT_END.search(antecedent)
            person = person_in(unpossessive(clean(named.group()))) if named else None
            # the person named right before ", who" is the antecedent ("... those of Finance Minister Lars
            # Klingbeil, who told ..."); otherwise the clause's subject
            phrase = person if person is not None else subject_before(antecedent)
            phrase = _LEADING_SPEECH_VERB.sub("", phrase)
            if not phrase or (self.mentions and self.mentions[-1].start >= sent_start):
                return None
            return Mention(vs, ve, verb, phrase, self.resolve(phrase, vs), ve, relative=True)
        quoted_as = _WAS_QUOTED_AS.search(own) if quoted_as is not None else None
        if quoted_as is not None:  # '“...,” Muhammad Hussain, a police official, was quoted as saying'
            phrase = clean(subject_before(own[: quoted_as.start()]))
            return Mention(vs, ve, verb, phrase, self.resolve(phrase, vs), ve) if phrase else None
        if verb in _PARTICIPLES:  # "..., she said, adding as a pilot she ...": the participle shares a subject
            quoted = _QUOTED_AS.search(segment)
            if quoted is not None:  # "the New York Times quoted Merchant as telling a court"
                phrase = clean(quoted.group("who"))
                return Mention(vs, ve, verb, phrase, self.resolve(phrase, vs), ve) if phrase else None
            earlier = [mm for mm in self.mentions if mm.start >= sent_start]
            if earlier:
                return Mention(vs, ve, verb, earlier[-1].phrase, earlier[-1].speaker, ve)
            if not own.strip(SPACE_CHARS + ",") and _opens_content(text, ve):
                # '... warned, “... Enough is enough”, adding that ...': a quotation's sentence end split the
                # report; the participle goes with the report before it in the paragraph, never with its content
                para_start = text.rfind("\n", 0, vs) + 1
                before = [mm for mm in self.mentions if mm.start >= para_start]
                return Mention(vs, ve, verb, before[-1].phrase, before[-1].speaker, ve) if before else None
        reported = verb in SAY_VERBS and _reported_clause(own, verb in _PARTICIPLES)
        if "," in own and own.lstrip(SPACE_CHARS)[:1].isupper() and _only_connectives(own):
            own = ""  # "And yet, said Martin Griffiths, ...": an inverted report after a connective
        elif seg_start > sent_start and _ADVERBIAL_BEFORE.match(own):
            last = self.mentions[-1] if self.mentions else None
            if last is not None and last.end == seg_start and last.verb in _PARTICIPLES:
                # "Mayor X, writing on the Telegram messaging app, said": the participle's subject speaks
                return Mention(vs, ve, verb, last.phrase, last.speaker, ve)
            if self._qi > 0 and self._quoted[self._qi - 1][1] == seg_start:
                own = ""  # '"...," in Khan Younis, said one mother': a place between the quotation and the verb
        if reported or (not own.strip(SPACE_CHARS + ",") and (cut > 0 or seg_start > sent_start or verb in SAY_VERBS)):
            tail = clean(text[ve:sent_end])
            after = _AFTER_CUT.search(tail)
            inverted = (tail[: after.start()] if after else tail).split()[:8]
            while len(inverted) > 1 and inverted[-1].endswith("ly") and inverted[-1].islower():
                inverted.pop()  # "recounts Maryan tearfully"
            phrase = " ".join(inverted)
            if after is not None and tail[after.start()] == ",":
                phrase = _with_name_after(phrase, tail[after.end() :])  # "said UN rights chief, Volker Turk."
        elif verb in _PARTICIPLES or _ends_coordinated(own):
            earlier = [mm for mm in self.mentions if mm.start >= sent_start]
            if earlier:
                return Mention(vs, ve, verb, earlier[-1].phrase, earlier[-1].speaker, ve)
            absolute = _WITH_SUBJECT.search(own) if verb in _PARTICIPLES else None
            # "..., with Israel saying it targeted ...": the participle's own subject speaks
            phrase = absolute.group("who") if absolute is not None else subject_of_sentence(own)
        else:
            phrase = subject_before(own)
        phrase = clean(phrase)
        if not phrase or (_NOT_SUBJECT.match(phrase) and not any(w[:1].isupper() for w in phrase.split())):
            return None  # "killed 14 people, up from 9 reported on Monday": no one reported
        return Mention(vs, ve, verb, phrase, self.resolve(phrase, vs), ve)

    def _clause_start(self, sent_start: int, verb: int) -> int:
        """Where the subject of a verb at offset verb may start: after the sentence's last quotation or
        report of speech before it ("A senior official said Syrian authorities told" → "Syrian authorities")."""
        start = sent_start
        if self._qi > 0 and self._quoted[self._qi - 1][1] > start:
            start = self._quoted[self._qi - 1][1]  # the closing mark that follows is dropped with the others
        if self.mentions and start <= self.mentions[-1].end <= verb and not self.mentions[-1].relative:
            start = self.mentions[-1].end  # a relative clause's verb leaves the subject before it in place
        return start

    def next_named(self, pos: int, end: int) -> str | None:
        """The first named speaker (a report of speech, else a person's name) in [pos, end)."""
        for mm in self.around(pos, end):
            named = mm.speaker is not None and mm.speaker[:1].isupper() and not self.is_unresolved(mm.speaker)
            if named and mm.phrase.split()[0].lower() not in PRONOUNS:
                return mm.speaker
        for m in NAME_RE.finditer(self.text, pos, end):
            if m.start() > 0 and self.text[m.start() - 1].isalnum():
                continue
            name = person_in(unpossessive(clean(m.group())))
            if name is not None:
                return name
        return None

    # -- answers for quotes and figures ------------------------------------------------------------

    def around(self, start: int, end: int) -> list[Mention]:
        """Mentions whose verb lies in [start, end)."""
        self._advance(end)
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def last_before(self, pos: int) -> str | None:
        return self._last_speaker(pos, human=False)
