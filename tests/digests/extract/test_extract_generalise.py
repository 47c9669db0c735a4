"""Exact values for the rules that make the extractor generalise (holdout work), on real feed sentences.

Each rule is a general mechanism: an age in apposition, a singular noun after a plural count, verbs that count
people only before them, partitive pronouns, adverbs of degree, criminal detentions, long attributions.
"""

from __future__ import annotations

import pytest

from digests.extract import extract
from tests.digests.extract.checked import FigureRow, figure_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an age in apposition is not a count (BBC)
            "The parents of Summer Grant, seven, who died when the bouncy castle she was playing on blew away have been paying tribute to her.",
            [],
        ),
        (  # the same with a stray space before the comma (Reuters)
            "Plans were in doubt for a funeral for Ayatollah Ali Khamenei , 86, killed by Israeli forces on Saturday in the first assassination of a nation's top ruler by an airstrike.",
            [],
        ),
        (  # "the 1979 hostage crisis": a singular noun after a plural count; "held" before people -> captured
            "Artemius Gehring, 20, agreed, saying Trump's objective was to bring closure to a longstanding conflict stretching back to the 1979 hostage crisis, when Iranian \u200cmilitants seized the \u2060U.S. embassy in Tehran and held dozens of Americans for 444 days.",
            [("captured", 24, 99, "dozens", "dozens of Americans")],
        ),
        (  # "the loss of N of our personnel" -> casualties; a list never runs into the next count
            'The "attack resulted in the loss of 15 of our personnel and five wounded, whose lives are not in danger," Benin armed \u200bforces spokesperson Colonel James Johnson said.',
            [("casualties", 15, 15, None, "15 of our personnel"), ("wounded", 5, 5, None, "five wounded")],
        ),
        (  # "the killing of dozens of officials"
            "The statement \u2060said the \u200bkilling of dozens of Iranian officials - who \u200bhave included Supreme Leader Ayatollah Ali Khamenei - in the U.S.-Israeli airstrikes was not an acceptable means to \u200bdeliver justice under international law.",
            [("killed", 24, 99, "dozens", "dozens of Iranian officials")],
        ),
        (  # "forced the displacement of more than 100,000 people"; "dozens of points" are not people
            "KABUL, March 6 (Reuters) - Pakistani and Afghan troops exchanged fire at dozens of points along their border on Friday as \u200bthe U.N. said their week-old conflict has forced the displacement of more than 100,000 people.",
            [("displaced", 100000, None, "more than", "more than 100,000 people")],
        ),
        (  # "losses of" money is no figure: losing counts people only with a people noun
            "The Lima Chamber \u2060of Commerce estimates that a weak-to-moderate coastal El Nino could bring daily potential losses of over 291 million soles ($85 million) across the agriculture, trade and \u200bmanufacturing sectors of seven Peruvian regions.",
            [],
        ),
        (  # "lost N fighters" -> casualties; the fighters a group still has are its strength, not a deployment
            "The group lost 5,000 fighters in the 2024 war, an unprecedented blow \u2060to its fighting \u200bforce, though the second Lebanese source said it still had some 95,000 fighters left.",
            [("casualties", 5000, 5000, None, "5,000 fighters")],
        ),
        (  # a partitive pronoun and an adverb of degree: "one of them was seriously injured"
            '"What \u200bwe know at this point is that 79 people were \u200brescued and brought to the hospital and one of them was seriously injured. \u200cAnother \u2060101 are believed to be missing and the vessel has sunk," a Sri Lankan navy source, who declined to be named as he was not authorised to speak to the media, said.',
            [
                ("wounded", 1, 1, None, "one of them was seriously injured"),
                ("missing", 101, 101, None, "101 are believed to be missing"),
            ],
        ),
        (  # a state detaining bank employees is not a capture in a war (DEV_RULES 5)
            "March 6 (Reuters) - Ukrainian Foreign Minister Andrii Sybiha accused Hungary early on \u200bFriday of detaining seven employees \u200cof Ukraine's state savings bank while they were transporting cash from Austria \u200bback to Ukraine.",
            [],
        ),
        (  # "on suspicion of money laundering" outweighs "hostage" in the sentence
            "BUDAPEST/KYIV, March 6 (Reuters) - Hungary \u200bsaid on Friday it had detained seven Ukrainians carrying around $82 million in cash and gold on suspicion of money laundering, \u200cas Kyiv accused Budapest of taking bank employees hostage amid a dispute over oil shipments.",
            [],
        ),
        (  # prisoners set free in a paragraph about political prisoners
            'Belarus currently holds over 1,400 political prisoners. On July 2, Belarusian dictator Alexander Lukashenko claimed that some "seriously ill\u201d prisoners might be released. Human rights advocates reported that 18 prisoners were set free in the subsequent days.',
            [],
        ),
        (  # "taken to a local hospital" -> wounded, shared by the coordinated count
            "Two crew members and two passengers were taken to a local hospital with minor injuries",
            [
                ("wounded", 2, 2, None, "Two crew members"),
                ("wounded", 2, 2, None, "two passengers were taken to a local hospital"),
            ],
        ),
        (  # a list item of two words: "citizens or permanent residents are being detained" (bargaining chips)
            "His warning comes as advocates estimate at least six U.S. citizens or permanent residents are being detained in Iran while possibly thousands of dual \u200bU.S.-Iranian nationals remain in \u200bthe country, raising \u2060fears they could be used as bargaining chips in the conflict.",
            [("captured", 6, None, "at least", "at least six U.S. citizens or permanent residents are being detained")],
        ),
        (  # "wounded five more at a military camp"
            "COTONOU, March 6 (Reuters) - Militants killed 15 soldiers and wounded five more at a military camp in northern Benin, an \u200barmy spokesperson said on Friday, as violence spreads in \u200cthe West African region.",
            [("killed", 15, 15, None, "15 soldiers"), ("wounded", 5, 5, None, "five")],
        ),
    ],
)
def test_generalised_figure_rules(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # an initial's period inside the attribution gap
            '"Russians forced to the south of the river need supplies to fight," Phillips P. O\'Brien, professor of Strategic Studies at the University of St Andrews in Scotland, told the Kyiv Independent.',
            "Phillips P. O'Brien",
        ),
        (  # a long relative clause between the speaker and "said"
            '"What \u200bwe know at this point is that 79 people were \u200brescued and brought to the hospital and one of them was seriously injured. \u200cAnother \u2060101 are believed to be missing and the vessel has sunk," a Sri Lankan navy source, who declined to be named as he was not authorised to speak to the media, said.',
            "Sri Lankan navy source",
        ),
        (  # an aside in dashes between the speaker and the verb: the name before the aside speaks
            '"If Iran holds out, everything could go the \u200bother way. If it collapses, we\'re next," ultra-nationalist philosopher and hardline ideologue Alexander Dugin - who once viewed Trump as a great hope for Russia - told his followers.',
            "Alexander Dugin",
        ),
    ],
)
def test_long_attribution_gaps(text: str, speaker: str | None) -> None:
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == [speaker]
