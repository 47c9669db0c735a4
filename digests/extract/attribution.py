"""Attribution: the speaker of each quote and the claimant of each figure, from the reports of speech."""

from __future__ import annotations

import re

from digests.extract.antecedents import SOURCE_NOUNS, Mention
from digests.extract.names import subject_of_sentence
from digests.extract.quotes import QuoteSpan
from digests.extract.sentences import SP, SPACE_CHARS, paragraph_bounds, sentence_bounds
from digests.extract.speakers import CLAIM_VERBS, SAY_VERBS, Speakers

# Between a closing mark and its speech verb: at most 24 words (a speaker with an apposition or a relative
# clause: "…," a Sri Lankan navy source, who declined to be named …, said) and no sentence end; an initial's
# period is no end ("Phillips P. O'Brien"). Scare quotes may sit inside ("one source with “direct knowledge” of
# the talks told").
_GAP_WORD = r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|Prof|Adm|Rev)\.|[^\s.!?\n]+)"
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
# A description kept as written after "according to", less a leading "the".
_THE = re.compile(r"^(?:the|The)" + SP)


# A name and a speech verb opening what follows a quote: "Trump wrote", "Smith said".
_NAME_THEN_SAYS = re.compile(r"[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,2} (?:said|says|wrote|writes|told|added|posted)\b")
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
            for mm in speakers.around(q.close_mark + 1, limit):
                gap_ok = _SHORT_GAP.match(text, q.close_mark + 1, mm.start) or _leads(text, q.close_mark + 1, mm)
                if mm.verb in SAY_VERBS and _AFTER_GAP.match(text, q.close_mark + 1, mm.start) and gap_ok:
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
                if mm.speaker is not None and (mm.verb in SAY_VERBS or mm.verb == "according to"):
                    return True, mm.speaker
    return False, None


def _leads(text: str, pos: int, mm: Mention) -> bool:
    """Whether a long gap opens with the speaker's own phrase (the rest is its apposition)."""
    found = text.find(mm.phrase, pos, mm.start)
    return found >= 0 and len(text[pos:found].split()) <= 1


def _named(speakers: Speakers, phrase: str, pos: int) -> str | None:
    """The speaker a sentence subject names, when it is a name, a body or a pronoun that resolves."""
    words = phrase.split()
    if words[:1] in (["A"], ["An"], ["One"]) and any(w in SOURCE_NOUNS for w in words[1:5]):
        return speakers.resolve(phrase, pos)  # "A source from the Iranian intelligence ministry rejected ..."
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
    after = [mm for mm in mentions if mm.start >= end]
    if after:
        return after[0].speaker
    return None
