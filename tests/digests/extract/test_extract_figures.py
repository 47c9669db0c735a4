"""Figure rules on real sentences from the feeds in shared/feeds (quoted as they are, zero-width marks too)."""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import checked

Row = tuple[str, int | None, int | None, str | None, str | None, str | None, str]


def _figures(text: str) -> list[Row]:
    return [(f.kind, f.min, f.max, f.actor, f.qualifier, f.attributed_to, f.span) for f in checked(text).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 07-reuters: two counts, two kinds, one claimant
            "The Lebanese health ministry on Monday reported that 52 people had been killed in Israeli attacks "
            "in Lebanon and more than 150 wounded.",
            [
                ("killed", 52, 52, "people", None, "Lebanese health ministry", "52 people had been killed"),
                ("wounded", 150, None, None, "more than", "Lebanese health ministry", "more than 150 wounded"),
            ],
        ),
        (  # 07-reuters: active verbs before the counts, claimant after
            "MAIDUGURI, Nigeria, March 5 - Islamist militants killed at least 14 Nigerian soldiers and injured "
            "several others during \u200btwo separate attacks on army bases in northeastern Borno state \u200con "
            "Tuesday night, security sources said, as insurgents intensify attacks on the military.",
            [
                ("killed", 14, None, "Nigerian soldiers", "at least", "security sources", "at least 14 Nigerian soldiers"),
                ("wounded", 2, 9, None, "several", "security sources", "several others"),
            ],
        ),
        (  # 07-reuters: people exchanged are captured
            "MOSCOW, March 5 (Reuters) - Russia \u200cand Ukraine exchanged 200 prisoners of \u200bwar on \u200beach "
            "side on Thursday \u2060and will swap another \u200b300 each on \u200bFriday, the Russian Foreign Ministry said.",
            [
                ("captured", 200, 200, "prisoners of war", None, "Russian Foreign Ministry", "200 prisoners of \u200bwar"),
                ("captured", 300, 300, None, None, "Russian Foreign Ministry", "300"),
            ],
        ),
        (  # 07-reuters
            "Israel this week ordered much of Lebanon's south evacuated, with tens of thousands of people displaced.",
            [
                (
                    "displaced", 20_000, 99_999, "people", "tens of thousands", None,
                    "tens of thousands of people displaced",
                ),
            ],
        ),
        (  # 06-kyivindependent: the speaker of the clause claims the figure
            "On July 18, President Volodymyr Zelensky said in an interview with the BBC that around 20,000 Russian "
            "troops were killed during Russia's failed offensive in Kharkiv Oblast.",
            [
                (
                    "killed", 20_000, 20_000, "Russian troops", "around", "Volodymyr Zelensky",
                    "around 20,000 Russian troops were killed",
                ),
            ],
        ),
        (  # 07-reuters: troops named bare are the sending country's
            "DAMASCUS/BEIRUT, March 3 (Reuters) - Syria has reinforced its border with Lebanon with rocket units "
            "and thousands \u200cof troops, eight Syrian and Lebanese sources said on Tuesday, as conflict spread in "
            "the region including between Israel and Hezbollah in Lebanon.",
            [
                (
                    "deployed", 2_000, 9_999, "Syria", "thousands", "Syrian and Lebanese sources",
                    "thousands \u200cof troops",
                ),
            ],
        ),
        (  # 07-reuters: a toll
            "Iran said its death toll from the attacks had \u200creached 787, \u2060citing the Red Crescent.",
            [("killed", 787, 787, None, None, "Iran", "787")],
        ),
        (  # 07-reuters: a list of people, the claimant named with an appositive
            "Nearly 1,000 \u200bstudents, businessmen and pilgrims have fled Iran since the war started out of a "
            "total 35,000 Pakistanis in the country, Mudassir Tipu, Pakistan's ambassador to Tehran, said.",
            [
                (
                    "displaced", 1_000, 1_000, "students", "nearly", "Mudassir Tipu",
                    "Nearly 1,000 \u200bstudents, businessmen and pilgrims have fled",
                ),
            ],
        ),
        (  # 07-reuters: "one per stated count", the count inside an aside too
            "The United Nations said that, by Monday, \u200ban estimated 29,000 people, including 9,000 children, "
            "had fled.",
            [
                (
                    "displaced", 29_000, 29_000, "people", "an estimated", "United Nations",
                    "an estimated 29,000 people, including 9,000 children, had fled",
                ),
                ("displaced", 9_000, 9_000, "children", None, "United Nations", "9,000 children, had fled"),
            ],
        ),
        (  # 07-reuters: missing, killed and wounded in one breath
            "A submarine attack on an Iranian ship off the coast of Sri Lanka has left at least \u200b101 people "
            "missing, one dead and 78 injured, sources \u200cin Sri Lanka's navy and defence ministry told Reuters.",
            [
                ("missing", 101, None, "people", "at least", "sources in Sri Lanka's navy and defence ministry", "at least \u200b101 people missing"),
                ("killed", 1, 1, None, None, "sources in Sri Lanka's navy and defence ministry", "one dead"),
                ("wounded", 78, 78, None, None, "sources in Sri Lanka's navy and defence ministry", "78 injured"),
            ],
        ),
        (  # 07-reuters: a singular noun after "one"
            "Since February 28, nine ships have been \u200bdamaged and at least one seafarer has been killed.",
            [("killed", 1, None, "seafarer", "at least", None, "at least one seafarer has been killed")],
        ),
    ],
)  # fmt: skip
def test_figures_in_feed_sentences(text: str, expected: list[Row]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # 07-reuters: weapons and rounds are counted, not people
        "Cuban officials have said \u200bthe purported infiltrators came armed with nearly 13,000 rounds of "
        "ammunition, 13 rifles and \u200b11 pistols, displaying the captured armaments from the studio.",
        # 07-reuters: money
        "Officials have been quick to reassure investors that it will deploy its 100 trillion won ($68 billion) "
        "market stabilisation fund.",
        # 07-reuters: percentages, and jobs are not people
        "Although only 2.5% of \u200bworkers are at risk of being replaced \u2060by current AI use cases, Goldman's "
        "economists estimate that 11 million jobs - 6-7% of the workforce - will be displaced by AI going forward.",
        # 07-reuters: years of a sentence
        "Under French \u200blaw, voluntary assault leading to death by a person holding state authority carries a "
        "maximum sentence \u200cof \u206020 years, compared with up to 30 years for murder.",
        # 07-reuters: the size of an army is no deployment
        "With a little over 70,000 full-time trained soldiers, Britain's army is its smallest since the "
        "Napoleonic wars.",
        # 06-kyivindependent: dates and distances
        "On Aug. 15, residents of Pokrovsk were urged to evacuate as soon as possible because Russian troops were "
        "10 kilometers from the outskirts of the city.",
        # 07-reuters: percentages near a casualty verb
        "In just the three trading days following the U.S. and Israeli air strikes in Iran that killed many of the "
        "country's top leaders, the benchmark KOSPI closed down 7%, then another 12% \u2013 a record daily selloff.",
        # the sample's caption: a date
        "Russian President Vladimir Putin, right, and North Korea's leader Kim Jong Un shake hands during their "
        "meeting in Vladivostok, Russia, on April 25, 2019.",
        # 06-kyivindependent: political prisoners are no war captives
        "Belarus currently holds over 1,400 political prisoners.",
        # 07-reuters: a time and vehicles
        "Two drones struck at 8 pm, and 40 vehicles and 3 tanks were destroyed in the 2024 war.",
    ],
)
def test_hard_negatives_give_no_figure(text: str) -> None:
    assert _figures(text) == []
