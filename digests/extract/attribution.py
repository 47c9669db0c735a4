"""Attribution: the speaker of each quote and the claimant of each figure, from the reports of speech."""

from __future__ import annotations

import re

from digests.extract.quotes import QuoteSpan
from digests.extract.sentences import SP, SPACE_CHARS, paragraph_bounds, sentence_bounds
from digests.extract.speakers import SAY_VERBS, Speakers

# Between a closing mark and its speech verb: at most eight words and no sentence end.
_AFTER_GAP = re.compile(r"[\s,\u200b\u2060\u200c]*(?:[^\s.!?\n“”\"]+" + SP + r"){0,16}$")
# A description kept as written after "according to", less a leading "the".
_THE = re.compile(r"^(?:the|The)" + SP)


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
    # 1. Attribution right after the closing mark: "…,” he said." / "…," said Smith.
    if q.close_mark is not None:
        nxt = quotes[i + 1].open_mark if i + 1 < len(quotes) else len(text)
        limit = min(para_end, nxt, q.close_mark + 120)
        ends_sentence = text[q.close_mark - 1] in ".!?"
        after = text[q.close_mark + 1 : limit].lstrip(SPACE_CHARS)
        if not (ends_sentence and after[:1].isupper()) or after[:1] == ",":
            for mm in speakers.around(q.close_mark + 1, limit):
                if mm.verb in SAY_VERBS and _AFTER_GAP.match(text, q.close_mark + 1, mm.start):
                    return mm.speaker
                break
    # 2. Attribution before the opening mark in the same sentence: "He said there is “…”".
    sent_start, _ = sentence_bounds(text, q.open_mark)
    before = speakers.around(max(sent_start, para_start), q.open_mark)
    if before:
        return before[-1].speaker
    # 3. A quote following another in the same paragraph, or carrying on a paragraph that did not close.
    if i > 0 and (quotes[i - 1].open_mark >= para_start or q.continued):
        return done[i - 1]
    # 4. A paragraph that is only a quotation goes on with whoever spoke last.
    if not text[para_start : q.open_mark].strip(SPACE_CHARS):
        return speakers.last_before(q.open_mark)
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
    mentions = [mm for mm in mentions if mm.speaker is not None]
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
