"""Exact values for the figure, quote and speaker rules added for the dev-set work, on real feed sentences."""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import FigureRow, figure_rows, quote_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # prisoner swap in the sentence: people counted in it are captured
            "KYIV, March 6 (Reuters) - Ukraine brought home 300 servicemen and two civilians from Russia on the second day of a prisoner swap, President Volodymyr Zelenskiy said on Friday.",
            [("captured", 300, 300, None, "300 servicemen"), ("captured", 2, 2, None, "two civilians")],
        ),
        (  # "among the dead" after the people
            "Two security sources told Reuters that three army troops were among the dead.",
            [("killed", 3, 3, None, "three army troops were among the dead")],
        ),
        (  # scare quotes around the people noun
            'March 7 (Reuters) - At least 45 "bandits" were killed in a clash with Nigerian troops in the Danmusa area of Katsina state in northern Nigeria, according to a statement from the Katsina State Government on Saturday.',
            [("killed", 45, None, "at least", 'At least 45 "bandits" were killed')],
        ),
        (  # "shot dead"
            "Two Palestinian brothers were shot dead by an Israeli on Monday near the city of Nablus in the northern West Bank, the Palestinian Health Ministry said.",
            [("killed", 2, 2, None, "Two Palestinian brothers were shot dead")],
        ),
        (  # a participle post-modifier before "had died"
            "The sources said one of the people brought to the hospital had died.",
            [("killed", 1, 1, None, "one of the people brought to the hospital had died")],
        ),
        (  # "a million"
            "He noted that more than a million people were uprooted in Lebanon during a war between Hezbollah and Israel in 2024, 75-80% of whom were not in shelters.",
            [("displaced", 1000000, None, "more than", "more than a million people were uprooted")],
        ),
        (  # a coordinated bare count shares the toll
            "In an intelligence report on X, the ministry said average daily Russian casualties – both killed and wounded – reached 1,262 and 1,163 in the two months, respectively.",
            [("casualties", 1262, 1262, None, "1,262"), ("casualties", 1163, 1163, None, "1,163")],
        ),
        (  # "thousands of hectares" borrows no kind from "scores dead"
            "Days later, the wildfire was contained but the damage was done, with scores dead and thousands of hectares burned.",
            [("killed", 40, 99, "scores", "scores dead")],
        ),
        (  # arrests are not captured (DEV_RULES 5)
            "Harfuch said twelve alleged members of the Jalisco cartel were arrested.",
            [],
        ),
        (  # "and" between two nationalities, then kind shared with the coordinated count
            "Hamas released 13 Israelis and 11 Thai and Filipino workers who were also seized in Hamas' deadly attack on Israel last month.",
            [
                ("captured", 13, 13, None, "13 Israelis"),
                ("captured", 11, 11, None, "11 Thai and Filipino workers who were also seized"),
            ],
        ),
        (  # "Among ... killed ... are N"
            "Among the tens of thousands of Ukrainians killed by Russia's full-scale invasion launched more than two years ago are 488 Ukrainian athletes and coaches, according to Ukraine's Youth and Sports Ministry.",
            [
                ("killed", 20000, 99999, "tens of thousands", "tens of thousands of Ukrainians killed"),
                ("killed", 488, 488, None, "488 Ukrainian athletes"),
            ],
        ),
        (  # fighters "gathering" are deployed
            "These sources said thousands of fighters were gathering on the Iraqi side of the border and preparing to launch an offensive within a week.",
            [("deployed", 2000, 9999, "thousands", "thousands of fighters")],
        ),
        (  # "lost their lives"; "thousands more had been injured"
            "March 6 (Reuters) - Iran's U.N. ambassador Amir Saeid Iravani on Friday said at least 1,332 Iranian civilians had lost their lives so far in the conflict with Israel and the United States and thousands more had been injured.",
            [
                ("killed", 1332, None, "at least", "at least 1,332 Iranian civilians had lost their lives"),
                ("wounded", 2000, 9999, "thousands", "thousands more had been injured"),
            ],
        ),
    ],
)
def test_figure_rules(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # straight single marks
            "Trump says, 'Pretend I’m on the ballot,' as he rallies Republicans ahead of challenging midterm elections.",
            [("Trump", "Pretend I’m on the ballot")],
        ),
        (  # "(D-NY)" dropped before the verb
            "Senate Minority Leader Chuck Schumer (D-NY) said Tuesday’s results should worry elected Republicans.\n\n“In 2005, I was head of the DSCC,” he said, referring to the Democratic Senatorial Campaign Committee.",
            [("Chuck Schumer", "In 2005, I was head of the DSCC")],
        ),
        (  # a scare quote inside the subject does not cut it; the source keeps its description
            "“It’s all about CNN,” one unnamed source with “direct knowledge” of the negotiations told the Financial Times.",
            [("unnamed source with direct knowledge of the negotiations", "It’s all about CNN")],
        ),
        (  # a description keeps its "for the ..." body, drops the participle clause
            'A spokesperson for the 59th Separate Motorized Infantry Brigade operating in the Pokrovsk sector told Suspilne that some units had withdrawn from positions in the area to "preserve the lives of servicemen."',
            [("spokesperson for the 59th Separate Motorized Infantry Brigade", "preserve the lives of servicemen.")],
        ),
        (  # a quote-only paragraph after a paragraph about a named person
            "Outside the courthouse, Menendez expressed confidence.\n\n“I have every expectation that we will be exonerated, and that’s worth waiting for.”",
            [("Menendez", "I have every expectation that we will be exonerated, and that’s worth waiting for.")],
        ),
        (  # a partial quote without a speech verb: the sentence subject
            "Facebook has banned all advertising for cryptocurrencies because they are “frequently associated with misleading or deceptive promotional practices”.",
            [("Facebook", "frequently associated with misleading or deceptive promotional practices")],
        ),
        (  # a pronoun before anyone is named: the name later in the paragraph
            "Ukraine “has enough people” to fight, he said, but it is crucial to fix the problems. With strong Western support, properly trained units will be “the key for Ukrainian victory,” Hodges added.",
            [("Hodges", "has enough people"), ("Hodges", "the key for Ukrainian victory")],
        ),
        (  # the verb nearest the quote speaks
            'A senior Lebanese security official said Syrian authorities told Beirut that the deployment was a “defensive measure against any action or attack that Hezbollah might launch against Syria."',
            [
                (
                    "Syrian authorities",
                    "defensive measure against any action or attack that Hezbollah might launch against Syria.",
                )
            ],
        ),
        (  # a lone surname before an appositive
            "Nielsen, a former Homeland security official who now serves as deputy White House chief of staff, told the Senate committee that she agrees.\n\n“I can’t unequivocally state it’s caused by humans,” she said.",
            [("Nielsen", "I can’t unequivocally state it’s caused by humans")],
        ),
        (  # "announced" introduces a quote
            'The city of Kharkiv has decided to rename three metro stations and 48 streets to "remove Russian markers from public space," Governor Oleh Syniehubov announced on July 26.',
            [("Oleh Syniehubov", "remove Russian markers from public space")],
        ),
    ],
)
def test_quote_rules(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected
