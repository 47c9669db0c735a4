"""Attribution: the speaker of each quote and the claimant of each figure, from the reports of speech."""

from __future__ import annotations

import re

from digests.extract.antecedents import SOURCE_NOUNS, Mention
from digests.extract.names import person_in, subject_of_sentence
from digests.extract.quotes import QuoteSpan
from digests.extract.sentences import SP, SPACE_CHARS, paragraph_bounds, sentence_bounds
from digests.extract.speakers import CLAIM_VERBS, REPORT_VERBS, SAY_VERBS, Speakers
from digests.extract.vocab import NON_PERSON_WORDS

# Between a closing mark and its speech verb: at most 24 words (a speaker with an apposition or a relative
# clause: "…," a Sri Lankan navy source, who declined to be named …, said) and no sentence end; an initial's
# period is no end ("Phillips P. O'Brien"). Scare quotes may sit inside ("one source with “direct knowledge” of
# the talks told").
_GAP_WORD = r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Prof|Adm|Rev|Cmdr|Cdr|Brig|Cpl|Pvt)\.|[^\s.!?\n]+)"
_AFTER_GAP = re.compile(
    r"[\s,\u200b\u2060\u200c]*(?:" + _GAP_WORD + SP + r"){0,24}$"  # words, initials ("U.S.") or titles ("Gov.")
)
# A gap of at most sixteen words: any speaker found before the verb is the quote's.
_SHORT_GAP = re.compile(r"[\s,\u200b\u2060\u200c]*(?:" + _GAP_WORD + SP + r"){0,16}$")
# A dateline or a clause opener before a sentence's subject: "KYIV, March 6 (Reuters) - ".
_CLAUSE_START = re.compile(r"^.*(?:[:;]|\s[-–—]\s)", re.S)
# Words that open a sentence without naming anyone.
_NOT_SUBJECTS = frozenset(
    [
        *("It", "This", "That", "There", "These", "Those", "Such", "What", "A", "An", "Many", "Some", "Most", "All"),
        # Adverbs that open a sentence in the subject's place: "Here are highlights from the interview."
        *("Here", "Below", "Above", "Now", "Then", "Today", "Meanwhile", "However", "Still", "Also", "Following"),
    ]
)
# What a body issues, named as a sentence's subject in the body's place.
_DOCUMENTS = frozenset(["investigation", "report", "statement", "study", "inquiry", "probe", "analysis", "survey"])
# A description kept as written after "according to", less a leading "the".
_THE = re.compile(r"^(?:the|The)" + SP)


# A name and a speech verb opening what follows a quote: "Trump wrote", "Smith said".
_NAME_THEN_SAYS = re.compile(
    r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,2} (?:said|says|wrote|writes|told|added|posted)\b"
    r"|[A-Z][^.!?\n“”\"]{0,100}? (?:said|says|wrote|writes|told|added|posted|tweeted)\b"  # "Ukrainian human
    # rights commissioner Dmytro Lubinets wrote"
)
# A report that quotes someone else: "... reported quoting the ministry as (saying)".
_QUOTING = re.compile(r"\s+quoting\s+[^,;:.]{1,80}?\s+as\s+$")
# A picture showing people who carry or call out the words: a picture never speaks, the people it shows do.
_SHOWN = re.compile(
    r"(?:Photos?|Photographs?|Images?|Pictures?|Videos?|Footage)\s+(?:\w+\s+)?(?:showed|shows|show|depicted|depicts)"
    r"\s+(?:(?:the|some|dozens\s+of|hundreds\s+of|thousands\s+of)\s+)?(?P<who>[a-z]+)\s+(?:carrying|holding|chanting"
    r"|shouting|waving|singing|wearing)\b"
)
# A report that ends naming whom it quotes: "..., the station said, quoting the health ministry."
_QUOTING_SOURCE = re.compile(r",?\s+quoting\s+(?P<who>[^,;:.!?“”\"\n]{2,80}?)\s*(?:[.;!?\n]|$)")
# Described by someone as a quoted phrase: "were described by residents as “the most intense”".
_DESCRIBED_BY = re.compile(
    r"\b(?:described|called|termed|labell?ed|branded|characteri[sz]ed)\s+by\s+(?P<who>[^,;:.“”\"]{2,60}?)\s+as\s*$"
)
# "with <subject>" right before a participle of speech: an absolute clause, a claim of its own.
_WITH_CLAUSE = re.compile(
    r"[\s,]with"
    + SP
    + r"(?:the"
    + SP
    + r")?(?!\w+ing\b)[A-Za-z][\w’'.\-]*(?:"
    + SP
    + r"(?!\w+ing\b)[A-Za-z][\w’'.\-]*){0,2}"
    + SP
    + r"$"
)
# A name then a colon before a quotation: "Ahmad al-Najar: “...”".
_COLON_SPEAKER = re.compile(r"^\s*(?P<who>[A-Z][\w’'\-]+(?: (?:al-|el-|bin |de )?[A-Z][\w’'\-]+){1,3}):\s*$")


def quote_speakers(text: str, quotes: list[QuoteSpan], speakers: Speakers) -> list[str | None]:
    """The speaker of each quote, in the same order."""
    result: list[str | None] = []
    for i, q in enumerate(quotes):
        result.append(_speaker_of(text, quotes, i, q, speakers, result))
    return result


def _speaker_of(
    text: str, quotes: list[QuoteSpan], i: int, q: QuoteSpan, speakers: Speakers, done: list[str | None]
) -> str | None:
    para_start, para_end = paragraph_bounds(text, q.open_mark)
    sent_start, _ = sentence_bounds(text, q.open_mark)
    found, who = _reported(text, quotes, i, q, speakers, para_start, para_end, sent_start)
    if found:
        if speakers.is_unresolved(who):
            # "he said" or "the US president says" before anyone is named: the name that follows in
            # the paragraph ("..., Hodges added") is who it points at.
            return speakers.next_named(q.end, para_end) or who
        if who is not None and who[:1].islower():
            return _named_later(text, who, q.end, para_end) or who
        return who
    lead = text[max(sent_start, para_start) : q.open_mark]
    # A quotation a colon introduces after a sentence naming its own subject: "Asocomerciantes, a trade
    # association, issued a statement urging peace: “...”" is that subject's, not the speaker before.
    if not q.continued and lead.rstrip(SPACE_CHARS).endswith(":") and _COLON_SPEAKER.match(lead) is None:
        who = _named(
            speakers, subject_of_sentence(_CLAUSE_START.sub("", lead[:-1].rstrip(SPACE_CHARS + ":"))), q.open_mark
        )
        if who is not None:
            return who
    # 4. A quote following another in the same paragraph, or carrying on a paragraph that did not close.
    if i > 0 and (quotes[i - 1].open_mark >= para_start or q.continued):
        return done[i - 1]
    # A speaker named before a colon, as transcripts write it: 'Ahmad al-Najar: “We don’t want ...”'.
    label = _COLON_SPEAKER.match(lead)
    if label is not None:
        return _named(speakers, label.group("who"), q.open_mark)
    # 5. A paragraph that is only a quotation goes on with whoever spoke last, or with the person the
    # paragraph before it is about ("Menendez expressed confidence." / "X provides an update:").
    if not lead.strip(SPACE_CHARS):
        if q.open_mark == para_start or not text[para_start : q.open_mark].strip(SPACE_CHARS):
            introduced = _introduced(text, para_start, speakers)
            if introduced is not None:
                return introduced
            last = speakers.last_before(q.open_mark)
            if last is None and i + 1 < len(quotes) and quotes[i + 1].open_mark > para_end:
                # no one spoke yet: a quotation paragraph goes with the report of the one right after it
                nxt = quotes[i + 1]
                if not text[para_end : nxt.open_mark].strip(SPACE_CHARS):
                    n_start, n_end = paragraph_bounds(text, nxt.open_mark)
                    n_sent, _ = sentence_bounds(text, nxt.open_mark)
                    return _reported(text, quotes, i + 1, nxt, speakers, n_start, n_end, n_sent)[1]
            return last
        # A quotation that makes its own sentence after a report in the same paragraph: "The ministry told
        # Reuters it was donating missiles. “This new donation will ...”"
        before = speakers.around(para_start, q.open_mark)
        return before[-1].speaker if before and before[-1].verb in CLAIM_VERBS | SAY_VERBS else None
    shown = _SHOWN.match(_CLAUSE_START.sub("", lead).lstrip(SPACE_CHARS))
    if shown is not None:  # "Photos showed demonstrators carrying signs that read “...”": the people shown
        return shown.group("who")
    described = _DESCRIBED_BY.search(lead)
    if described is not None:  # "Friday's air strikes were described by residents as “the most intense”"
        return speakers.resolve(described.group("who"), q.open_mark)
    # 6. A partial quote in a sentence without a report of speech: the sentence's subject speaks it
    # ("Facebook has banned ... because they are “...”", "Donald Trump has promised a “new ... moment”").
    return _named(speakers, subject_of_sentence(_CLAUSE_START.sub("", lead)), q.open_mark)


def _reported(
    text: str,
    quotes: list[QuoteSpan],
    i: int,
    q: QuoteSpan,
    speakers: Speakers,
    para_start: int,
    para_end: int,
    sent_start: int,
) -> tuple[bool, str | None]:
    """(True, speaker) when a report of speech sits right after the quote or before it in its sentence."""
    # 1. Attribution right after the closing mark: "…,” he said." / "…," said Smith.
    if q.close_mark is not None:
        nxt = quotes[i + 1].open_mark if i + 1 < len(quotes) else len(text)
        limit = min(para_end, nxt, q.close_mark + 200)
        ends_sentence = text[q.close_mark - 1] in ".!?"
        after = text[q.close_mark + 1 : limit].lstrip(SPACE_CHARS)
        # after "!" or "?" a capital may still be the speaker: '"... again!" Trump wrote on Twitter.'
        exclaimed = text[q.close_mark - 1] in "!?" and _NAME_THEN_SAYS.match(after) is not None
        if not (ends_sentence and after[:1].isupper()) or after[:1] == "," or exclaimed:
            found = speakers.around(q.close_mark + 1, limit)
            for k, mm in enumerate(found):
                if mm.verb in REPORT_VERBS and text[max(sent_start, para_start) : q.open_mark].strip(SPACE_CHARS):
                    break  # 'X said ... “...”, state media reported': the outlet passes X's words on
                gap_ok = _SHORT_GAP.match(text, q.close_mark + 1, mm.start) or _leads(text, q.close_mark + 1, mm)
                if mm.verb in SAY_VERBS and _AFTER_GAP.match(text, q.close_mark + 1, mm.start) and gap_ok:
                    nxt_mm = found[k + 1] if k + 1 < len(found) else None
                    if nxt_mm is not None and _QUOTING.match(text, mm.end, nxt_mm.start) and nxt_mm.speaker:
                        return True, nxt_mm.speaker  # "the daily reported quoting the ministry as saying"
                    source = _QUOTING_SOURCE.match(text, mm.end)
                    if source is not None:  # '"...," the TV station said, quoting the health ministry.'
                        return True, speakers.resolve(source.group("who"), mm.end)
                    return True, mm.speaker
                break
    # 2. Attribution before the opening mark in the same sentence: "He said there is “…”" (sent_start is
    # where the sentence holding the opening mark starts).
    before = speakers.around(max(sent_start, para_start), q.open_mark)
    if before:
        return True, before[-1].speaker
    # 3. A partial quote inside a sentence that a report closes: 'After a “very difficult couple of weeks” ...
    # the situation is improving, Volodymyr Kudrytskyi said.' / '... “as soon as it can” ..., Wright said.'
    if q.close_mark is not None and text[q.close_mark - 1] not in ".!?":
        close_start, close_end = sentence_bounds(text, q.close_mark)
        if close_start <= q.open_mark:
            for mm in speakers.around(q.close_mark + 1, close_end):
                if (
                    mm.speaker is not None
                    and mm.verb not in REPORT_VERBS
                    and (mm.verb in SAY_VERBS or mm.verb == "according to")
                ):
                    return True, mm.speaker
    return False, None


def _named_later(text: str, role: str, start: int, end: int) -> str | None:
    """The person a role description is given to in apposition later in the paragraph: '"...," the police officer
    said. "...," Major Mohamed Hussein, the police officer, told Reuters.'"""
    if len(role) < 4 or role.split()[0] in ("he", "she", "they", "it", "we", "i"):
        return None
    apposition = re.compile(
        r"(?P<name>[A-Z][\w’'\-]+(?:" + SP + r"[A-Z][\w’'\-]+)+)," + SP + r"(?:the|a|an)" + SP + re.escape(role) + r"\b"
    )
    m = apposition.search(text, start, end)
    return None if m is None else person_in(m.group("name"))


def _leads(text: str, pos: int, mm: Mention) -> bool:
    """Whether a long gap opens with the speaker's own phrase (the rest is its apposition)."""
    found = text.find(mm.phrase, pos, mm.start)
    return found >= 0 and len(text[pos:found].split()) <= 1


def _named(speakers: Speakers, phrase: str, pos: int) -> str | None:
    """The speaker a sentence subject names, when it is a name, a body or a pronoun that resolves."""
    words = phrase.split()
    if words[:1] in (["A"], ["An"], ["One"]) and any(w in SOURCE_NOUNS for w in words[1:5]):
        return speakers.resolve(phrase, pos)  # "A source from the Iranian intelligence ministry rejected ..."
    if len(words) > 2 and words[0] in ("A", "An", "The", "the"):
        i = 1
        while i < len(words) and words[i][:1].isupper():
            i += 1
        if 1 < i < len(words) and words[i].lower() in _DOCUMENTS:
            return " ".join(words[1:i])  # "An Amnesty International investigation detailed how ...": the body's
    if (
        len(words) > 1
        and words[0] == "the"
        and words[1][:1].isupper()
        and all(w[:1].isupper() or w.lower() in NON_PERSON_WORDS for w in words[1:])
    ):
        words = ["The", *words[1:]]  # "In a statement, the Malian army referred to ...": a body as subject
        phrase = " ".join(words)
    if not words or not words[0][:1].isupper() or words[0] in _NOT_SUBJECTS:
        return None
    if words[0] == "The" and (len(words) < 2 or not words[1][:1].isupper()):
        return None  # "The results ...": a description of things, not a speaker
    who = speakers.resolve(phrase, pos)
    return who if who and who[:1].isupper() else None


def _introduced(text: str, para_start: int, speakers: Speakers) -> str | None:
    """The person a quote-only paragraph's previous paragraph is about, if no one spoke in it."""
    prev_end = para_start
    while prev_end > 0 and text[prev_end - 1] in SPACE_CHARS:
        prev_end -= 1
    if prev_end == 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    if speakers.around(prev_start, prev_end) or '"' in text[prev_start:prev_end] or "”" in text[prev_start:prev_end]:
        return None  # someone spoke or was quoted there: the usual rules carry on from them
    pos = prev_start
    while pos < prev_end:
        start, end = sentence_bounds(text, pos)
        who = _named(speakers, subject_of_sentence(text[start:end]), start)
        if who is not None:
            return who
        pos = max(end, pos + 1)
    return None


def figure_claimant(
    text: str,
    start: int,
    end: int,
    quotes: list[QuoteSpan],
    quote_speaker: list[str | None],
    speakers: Speakers,
) -> str | None:
    """Who claims the figure at [start, end): the quote's speaker, "according to X", or "X said"."""
    for q, who in zip(quotes, quote_speaker, strict=True):
        if q.start <= start < q.end:
            return who
        if q.start > start:
            break
    sent_start, sent_end = sentence_bounds(text, start)
    mentions = speakers.around(sent_start, sent_end)
    mentions = [mm for mm in mentions if mm.speaker is not None and mm.verb in CLAIM_VERBS]
    before = [mm for mm in mentions if mm.end <= start and mm.verb != "according to"]
    if before:
        return before[-1].speaker
    for mm in mentions:
        if mm.verb == "according to":
            return _THE.sub("", mm.phrase)
    # A report after the count claims it, unless it hangs on the sentence as a clause of its own: "At least
    # four people were killed ..., with Israel saying it targeted ..." is Israel's claim of a target, not a toll.
    after = [
        mm
        for mm in mentions
        if mm.start >= end
        and not (mm.verb.endswith("ing") and _WITH_CLAUSE.search(text, max(end, mm.start - 70), mm.start))
    ]
    if after:
        return after[0].speaker
    return None
