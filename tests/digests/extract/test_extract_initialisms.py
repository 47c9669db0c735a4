"""Cases found reading digests of the real Reuters feed: initialisms inside a claimant, and adverbs that
open a sentence where a subject would stand."""

from __future__ import annotations

from digests.extract import extract

IRAN = (
    "The U.S.-Israeli attacks have killed at least 1,332 Iranian civilians and wounded thousands, according "
    "to Iran's U.N. ambassador, Amir Saeid Iravani."
)
RUTTE = (
    "Rutte also addressed France's shift in nuclear doctrine and responded to criticism from some over the way "
    "he lavishes praise on U.S. President Donald Trump.\n\n"
    "Here are highlights from the interview.\n\n"
    '"NATO air missile defence was able to take it out. So that was very important."'
)


def test_a_claimant_keeps_its_initialism() -> None:
    figures = extract(IRAN).figures
    assert [(f.kind, f.min, f.max, f.attributed_to) for f in figures] == [
        ("killed", 1332, None, "Iran's U.N. ambassador"),
        ("wounded", 2000, 9999, "Iran's U.N. ambassador"),
    ]


def test_here_is_not_a_speaker() -> None:
    quotes = extract("Mark " + RUTTE).quotes
    assert [(q.text, q.speaker) for q in quotes] == [
        ("NATO air missile defence was able to take it out. So that was very important.", "Mark Rutte")
    ]
