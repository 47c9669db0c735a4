"""Exact values for how news breaks a toll into parts and chains predicates after a count (issue 14).

The sentences are written for these tests from the way reports phrase such counts (a toll's parts after "the
dead include", a second predicate after the object of a first, a later count that owns the verb at the end of a
sentence); none is copied from a labelled set.
"""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import FigureRow, figure_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the frame names the kind of its parts, whatever the count before it was
            "The shelling killed 15 people and injured 40 others. The dead include six children and two nurses.",
            [
                ("killed", 15, 15, None, "15 people"),
                ("wounded", 40, 40, None, "40 others"),
                ("killed", 6, 6, None, "six children"),
                ("killed", 2, 2, None, "two nurses"),
            ],
        ),
        (  # "the death toll includes" after a wounded count
            "Officials said 300 people were injured overnight. The death toll includes 31 children and 12 women.",
            [
                ("wounded", 300, 300, None, "300 people were injured"),
                ("killed", 31, 31, None, "31 children"),
                ("killed", 12, 12, None, "12 women"),
            ],
        ),
        (  # a vague frame ("casualties") takes the toll's own kind
            "The death toll in the province has reached 900 people. The casualties include 400 residents of the"
            " city, among them 35 children.",
            [
                ("killed", 900, 900, None, "900 people"),
                ("killed", 400, 400, None, "400 residents"),
                ("killed", 35, 35, None, "35 children"),
            ],
        ),
    ],
)
def test_a_frame_gives_its_parts_their_kind(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # ", wounded N": the first count stays the object of the verb before it
            "The fighting killed at least 30 villagers, wounded 12 and displaced about 4,000.",
            [
                ("killed", 30, None, "at least", "at least 30 villagers"),
                ("wounded", 12, 12, None, "12"),
                ("displaced", 4000, 4000, "about", "about 4,000"),
            ],
        ),
        (  # "and briefly captured a town": a place taken, the soldiers killed
            "Insurgents killed nine Malian soldiers and briefly captured a town in the north.",
            [("killed", 9, 9, None, "nine Malian soldiers")],
        ),
        (  # an auxiliary after the people still gives them the verb after
            "Rescuers said 20 miners were trapped and 7 miners were killed.",
            [("killed", 7, 7, None, "7 miners were killed")],
        ),
    ],
)
def test_a_second_predicate_does_not_take_the_first_object(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "..., with more than N people injured": the injured are the later count
            "The toll from the bombardment has risen to over 3,100, including about 1,200 children and 800 women,"
            " with more than 9,000 people injured, the ministry said.",
            [
                ("killed", 3100, None, "over", "over 3,100"),
                ("killed", 1200, 1200, "about", "about 1,200 children"),
                ("killed", 800, 800, None, "800 women"),
                ("wounded", 9000, None, "more than", "more than 9,000 people injured"),
            ],
        ),
        (  # "... and left at least N others injured"
            "The ambush caused the deaths of five police officers, including two district commanders, and left"
            " at least nine others injured.",
            [
                ("killed", 5, 5, None, "five police officers"),
                ("killed", 2, 2, None, "two district commanders"),
                ("wounded", 9, None, "at least", "at least nine others injured"),
            ],
        ),
        (  # a part inside the aside leaves the verb to the whole
            "More than 60 people including around 20 children drowned when the boat sank.",
            [
                ("killed", 60, None, "more than", "More than 60 people including around 20 children drowned"),
                ("killed", 20, 20, "around", "around 20 children drowned"),
            ],
        ),
    ],
)
def test_a_later_count_owns_the_verb_it_stands_before(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a group named by a plural outside the common nouns, kidnapped after a list
            "Eight aid missionaries and their drivers kidnapped on the road to the border were still missing.",
            [("captured", 8, 8, None, "Eight aid missionaries and their drivers kidnapped")],
        ),
        (  # "N <people> and a <Demonym>, was kidnapped"
            "The delegation, 11 Italians and a Swiss, was kidnapped by gunmen on Monday.",
            [("captured", 11, 11, None, "11 Italians and a Swiss, was kidnapped")],
        ),
        (  # a demonstrative after the verb: "abducted these 40 people"
            "The militia, which abducted these 40 people in March, demanded a ransom.",
            [("captured", 40, 40, None, "40 people")],
        ),
        (  # "set free" and "whisked away" are captivity words
            "Gunmen seized a bus in May; 12 passengers have since been set free.",
            [("captured", 12, 12, None, "12 passengers have since been set free")],
        ),
        (
            "Bandits whisked away 25 travellers on the highway, residents said.",
            [("captured", 25, 25, None, "25 travellers")],
        ),
        (  # local leaders counted by their office, and a count joined to them
            "Jihadists abducted three village chiefs and five other individuals in the raid.",
            [("captured", 3, 3, None, "three village chiefs"), ("captured", 5, 5, None, "five other individuals")],
        ),
        # near miss: a capitalised word after "and a" that ends no list before the verb
        ("The 40 Americans and a Canadian company signed a deal.", []),
    ],
)
def test_captivity_as_news_words_it(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # returnees are counted among the displaced; a part named after "of whom"/"among them"
            "Some 400,000 people have crossed into Uganda since the fighting began, of whom 90,000 are Congolese"
            " returnees.",
            [
                ("displaced", 400000, 400000, "some", "Some 400,000 people have crossed into"),
                ("displaced", 90000, 90000, None, "90,000 are Congolese returnees"),
            ],
        ),
        (
            "Officials estimate that about 8,000 among them are returnees.",
            [("displaced", 8000, 8000, "about", "about 8,000 among them are returnees")],
        ),
        (  # a list of counts by place after one verb: one figure per place
            "Aid agencies say 40,000 people have fled fighting in Tigray, 12,000 in Amhara, and 3,000 in northern"
            " Afar.",
            [
                ("displaced", 40000, 40000, None, "40,000 people have fled"),
                ("displaced", 12000, 12000, None, "12,000"),
                ("displaced", 3000, 3000, None, "3,000"),
            ],
        ),
        (  # "a quarter of a million" is 250,000
            "Nearly a quarter of a million people have been displaced by the floods and fighting.",
            [("displaced", 250000, 250000, "nearly", "Nearly a quarter of a million people have been displaced")],
        ),
        # near misses: a list by place of something other than people, and a quarter of a thing
        ("The army holds 30 towns in the north, 12 in Amhara and 5 in Afar.", []),
        ("A quarter of the houses in the town were destroyed.", []),
    ],
)
def test_displacement_counts_and_lists(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a toll worded as casualties takes the precise kind its noun names
            "Casualties in the north have climbed to 310 martyrs and about 900 wounded.",
            [("killed", 310, 310, None, "310 martyrs"), ("wounded", 900, 900, "about", "about 900 wounded")],
        ),
        (  # ... but "dead and wounded" together stays a count of casualties
            "The number of casualties has risen to more than 120 dead and wounded.",
            [("casualties", 120, None, "more than", "more than 120 dead")],
        ),
        (  # a singular people noun used as a modifier before a toll noun
            "The raids resulted in four officer fatalities and two guard deaths.",
            [("killed", 4, 4, None, "four officer fatalities"), ("killed", 2, 2, None, "two guard deaths")],
        ),
        (  # killing words of the region's reports
            "Nine farmers were hacked to death on Sunday; 14 soldiers embraced shahadat, and all four attackers"
            " were effectively engaged and sent to hell.",
            [
                ("killed", 9, 9, None, "Nine farmers were hacked to death"),
                ("killed", 14, 14, None, "14 soldiers embraced shahadat"),
                ("killed", 4, 4, None, "four attackers were effectively engaged and sent to hell"),
            ],
        ),
        (  # "1000's" is thousands
            "The insurgency has killed 1000's and uprooted millions.",
            [
                ("killed", 2000, 9999, "thousands", "1000's"),
                ("displaced", 2000000, 9999999, "millions", "millions"),
            ],
        ),
        (  # a toll "estimated at" N people, and a part from an armed group named after "from"
            "The toll was estimated at 45 people, including three former fighters from the Popular Liberation Army.",
            [
                ("killed", 45, 45, None, "45 people"),
                ("killed", 3, 3, None, "three former fighters"),
            ],
        ),
        (  # ", as well as N <people>" after a count joins it
            "Around 70 militiamen and at least 12 villagers were killed, as well as at least three police officers.",
            [
                ("killed", 70, 70, "around", "Around 70 militiamen"),
                ("killed", 12, None, "at least", "at least 12 villagers were killed"),
                ("killed", 3, None, "at least", "at least three police officers"),
            ],
        ),
        (  # health professionals as people
            "The ministry said 40 healthcare professionals and 11 paramedics have been killed.",
            [
                ("killed", 40, 40, None, "40 healthcare professionals"),
                ("killed", 11, 11, None, "11 paramedics have been killed"),
            ],
        ),
        # near misses: a decade, troops from a country (still deployed), a toll noun after a year
        ("Fighting in the 1990's drove the economy down.", []),
        (
            "About 1,500 troops from Chad are in the area.",
            [("deployed", 1500, 1500, "about", "About 1,500 troops")],
        ),
    ],
)
def test_tolls_worded_by_their_nouns(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place that shelters a population hosts it: no flight counted
        ("The enclave, sheltering nearly two million people, has been shelled for weeks.", []),
        # vehicles missing after an attack are no missing people
        ("Officials said six pickup trucks and a tank were missing after the ambush.", []),
        # one count of three fates is no figure
        ("Over the past year thousands have been killed, injured, or displaced.", []),
        # people staying somewhere, some of them displaced: "including" opens no list before the verb
        ("About 300 people, including displaced families, were staying in the school.", []),
        (  # a number word between a count of things and the people counted is another count
            "The shelling of the two schools left five pupils killed and 30 others injured.",
            [("killed", 5, 5, None, "five pupils killed"), ("wounded", 30, 30, None, "30 others injured")],
        ),
        (  # people sheltering somewhere after the flight keep their kind
            "Some 4,000 people fled the fighting and are sheltering in churches.",
            [("displaced", 4000, 4000, "some", "Some 4,000 people fled")],
        ),
    ],
)
def test_near_misses_of_news_counts(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one person named before the count does not hide it from the verb
            "The blast killed a village elder and six of his grandchildren.",
            [("killed", 6, 6, None, "six of his grandchildren")],
        ),
        (
            "Gunmen stormed a church, killing a visiting Catholic priest and three other worshippers.",
            [("killed", 3, 3, None, "three other worshippers")],
        ),
        (  # a possessive between the part and its people
            "Two of her sister’s sons were killed in the strike.",
            [("killed", 2, 2, None, "Two of her sister’s sons were killed")],
        ),
        (  # an aside with "together with" before the verb
            "Thirty villagers, together with their imam, had been killed by the time troops arrived.",
            [("killed", 30, 30, None, "Thirty villagers, together with their imam, had been killed")],
        ),
        (  # UN staff members as people, a part of a toll
            "The war has killed more than 900 people including six UN staff members.",
            [
                ("killed", 900, None, "more than", "more than 900 people"),
                ("killed", 6, 6, None, "six UN staff members"),
            ],
        ),
        (  # more bodies found after a count of bodies
            "Police recovered nine bodies on Friday, and another three were found near the river on Saturday.",
            [("killed", 9, 9, None, "nine bodies"), ("killed", 3, 3, None, "three were found")],
        ),
        (
            "Five corpses were located in a ditch, while eleven others were discovered in a truck.",
            [
                ("killed", 5, 5, None, "Five corpses"),
                ("killed", 11, 11, None, "eleven others were discovered"),
            ],
        ),
        # near misses: people found alive, and a count found with no bodies before it
        ("Nine bodies were recovered; four others were found alive.", [("killed", 9, 9, None, "Nine bodies")]),
        ("Investigators said 12 were found in the warehouse.", []),
    ],
)
def test_parts_and_found_counts(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # hedged verbs after the people: estimates and modals
            "More than 3,000 people are estimated to have been killed since the coup.",
            [("killed", 3000, None, "more than", "More than 3,000 people are estimated to have been killed")],
        ),
        (
            "Witnesses said that more than a dozen might have been killed in the blast.",
            [("killed", 12, None, "more than", "more than a dozen might have been killed")],
        ),
        (  # a toll revised to a hedged vague amount
            "The council later revised the death toll to possibly hundreds.",
            [("killed", 200, 999, "hundreds", "hundreds")],
        ),
        (  # "a minimum of" is a floor, "an average of" an estimate
            "Officials said a minimum of nine soldiers had been killed.",
            [("killed", 9, None, "a minimum of", "a minimum of nine soldiers had been killed")],
        ),
        (  # flight and wounds as reports word them
            "The floods and fighting left some 40,000 people forced to seek refuge in the hills and several others"
            " with varying degrees of injuries.",
            [
                ("displaced", 40000, 40000, "some", "some 40,000 people forced to seek refuge"),
                ("wounded", 2, 9, "several", "several others with varying degrees of injuries"),
            ],
        ),
        # near miss: a modal about things
        ("More than 30 villages may have been flooded.", []),
    ],
)
def test_hedged_and_revised_counts(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # officers and "boots" stationed or deployed are a deployment
            "There will be 800 Rwandan officers stationed in the capital by June.",
            [("deployed", 800, 800, None, "800 Rwandan officers")],
        ),
        (
            "Three hundred Chadian boots have been deployed to the border.",
            [("deployed", 300, 300, None, "Three hundred Chadian boots")],
        ),
        (  # armed people moving into a place, and a presence of troops
            "Around 150 Wagner mercenaries moved into the town last week.",
            [("deployed", 150, 150, "around", "Around 150 Wagner mercenaries")],
        ),
        (
            "Residents welcomed the presence of thousands of peacekeepers in the region.",
            [("deployed", 2000, 9999, "thousands", "thousands of peacekeepers")],
        ),
        # near misses: unarmed people moving in, and officers counted for another reason
        ("About 200 families moved into the new camp.", []),
        ("The academy trained 500 officers last year.", []),
    ],
)
def test_deployment_as_presence(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a participle phrase right after the people, then the verb
            "Four teenagers playing football were shot dead near the stadium.",
            [("killed", 4, 4, None, "Four teenagers playing football were shot dead")],
        ),
        (  # a count of places inside the post-modifier is no second count of people
            "Some 90,000 villagers in three districts of the province have been displaced.",
            [
                (
                    "displaced",
                    90000,
                    90000,
                    "some",
                    "Some 90,000 villagers in three districts of the province have been displaced",
                )
            ],
        ),
        # a bare count takes no participle after a comma
        (
            "Thousands remain missing, with reports suggesting they were taken away.",
            [
                ("missing", 2000, 9999, "thousands", "Thousands remain missing"),
            ],
        ),
    ],
)
def test_post_modifiers_before_the_verb(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a relative clause after a bare count governed by what is left of people
            "Rescuers showed reporters the bodies of the seven who had been killed.",
            [("killed", 7, 7, None, "seven")],
        ),
        (
            "The militia killed 12 who refused to leave.",
            [("killed", 12, 12, None, "12")],
        ),
        # a measure after a verb stays no count
        ("The convoy was hit 5 kilometres from the border.", []),
    ],
)
def test_bare_counts_before_a_relative_clause(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected
