"""Who a figure counts: the people noun with its modifiers, a sufferer or a sender named around the amount."""

from __future__ import annotations

import re

from digests.extract.numbers import Amount
from digests.extract.sentences import SPACE_CHARS, clean
from digests.extract.sentences import SPI as SP
from digests.extract.vocab import DEMONYMS, EMPTY_ACTORS, STATE_WORDS, SUFFER_VERBS, words
from digests.model import FigureKind

_DEMONYM_WORDS = "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True))
_SUFFER = "|".join(SUFFER_VERBS)
# The subject before a suffering verb: "Russia has endured around 700,000 casualties".
_SUFFERER_BEFORE = re.compile(
    rf"(?:^|\b(?:the{SP})?)(?P<subj>[A-Z][\w’'\-]*(?:{SP}[A-Z][\w’'\-]*)*){SP}(?:(?:has|have|had|already|also)"
    rf"{SP})*(?:{_SUFFER}){SP}$"
)
# The sufferer named after: "casualties is our latest estimate that the DPRK has suffered".
_SUFFERER_AFTER = re.compile(
    rf"^[^.;]{{0,60}}?\b(?:that|which){SP}(?:the{SP})?(?P<subj>[A-Z][\w’'\-]*(?:{SP}[A-Z][\w’'\-]*)*){SP}"
    rf"(?:has|have|had){SP}(?:{_SUFFER})\b"
)
# The sender before a deployment verb: "North Korea sent", "Russia has deployed".
_SENDER_BEFORE = re.compile(
    rf"(?:^|\b(?:the{SP})?)(?!(?:A|An|The)\b)(?P<subj>[A-Z][\w’'\-]*(?:{SP}[A-Z][\w’'\-]*)*){SP}"
    rf"(?:(?:has|have|had|already|also|is|are|was|were|will|would|be|been){SP})*$"
)
# A demonym in the sentence, for troops the sentence names only by their country.
_DEMONYM_RE = re.compile(rf"\b(?P<d>{_DEMONYM_WORDS})\b(?!['’]s)")
# Deployment words anywhere in the clause before troops counted bare ("reinforced ... with thousands of troops").
DEPLOY_CUE = re.compile(
    r"\b(?:sent|send|sending|deploy(?:ed|ing|s|ment)?|station(?:ed)?|dispatch(?:ed|ing)?|reinforc(?:ed|ing)|readying"
    r"|amass(?:ed|ing)|massed|mobili[sz](?:ed|ing)|serving|arrived"
    r"|fighting(?![\s\u200b\u200c\u200d\u2060\ufeff]+(?:force|forces|strength|capacity|capability|capabilities|power"
    r"|season|spirit|chance|units?)\b))\b"
)
_CLEAN_MODS = words(
    """more other additional further the its their of first
    critically seriously severely gravely lightly slightly moderately fatally mortally badly reportedly allegedly"""
)  # the adverbs of a state word dropped from the count ("two critically injured soldiers": soldiers)


def actor(
    text: str,
    amount: Amount,
    noun_m: re.Match[str] | None,
    kind: FigureKind,
    before_m: re.Match[str] | None,
    before: str,
    sent_start: int,
    sent_end: int,
) -> str | None:
    noun = clean(noun_m.group("noun")) if noun_m else None
    mods = [
        w
        for w in (clean(noun_m.group("mods")).split() if noun_m else [])
        if w.lower() not in _CLEAN_MODS and w.lower() not in STATE_WORDS
    ]
    if kind == "deployed" and before_m is not None:
        head = before[: before_m.start()][-60:]
        sender = _SENDER_BEFORE.search(head)
        if sender is not None:
            return clean(sender.group("subj"))
    if noun in ("casualties", "losses", "deaths", "fatalities", "dead", "wounded", "injured", "injuries"):
        sufferer = None
        if before.rstrip(SPACE_CHARS).endswith(SUFFER_VERBS) and before[-1:] in SPACE_CHARS:
            sufferer = _SUFFERER_BEFORE.search(before)  # it ends with a suffering verb and a space
        if sufferer is None:
            sufferer = _SUFFERER_AFTER.match(text[amount.end : min(sent_end, amount.end + 120)])
        if sufferer is not None:
            return clean(sufferer.group("subj"))
    if noun is None or noun in EMPTY_ACTORS:
        return " ".join(mods) or None
    if kind == "deployed" and not mods:
        cues = list(DEPLOY_CUE.finditer(text, max(sent_start, amount.start - 120), amount.start))
        if cues:
            cue = cues[-1]
            sender = _SENDER_BEFORE.search(text[max(sent_start, cue.start() - 60) : cue.start()])
            if sender is not None:
                return clean(sender.group("subj"))
        found = [clean(d.group("d")) for d in _DEMONYM_RE.finditer(text, sent_start, sent_end)]
        if len(set(found)) == 1:
            return f"{found[0]} {noun}"
    return " ".join([*mods, noun])
