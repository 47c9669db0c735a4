"""Exact values for the families of news writing that unseen news used for its figures (issue 14).

Each family is a general way of writing a count, not a sentence: a total broken into parts, a count carried by
a noun, a stated or updated total, multiplied and ordinal number words, presence as deployment, flight as
displacement, captivity, and organisations (never places) as speakers. The sentences are written for these
tests from the phenomena; each family also keeps its near misses that must stay no figure.
"""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import FigureRow, figure_rows, quote_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a partitive in the next sentence shares the kind of the count before it
            "Gunmen killed 14 villagers on Sunday. Six of them were women.",
            [("killed", 14, 14, None, "14 villagers"), ("killed", 6, 6, None, "Six of them")],
        ),
        (  # "N were <people>" right after a toll
            "At least 40 people were killed in the raid. Eleven were civilians.",
            [
                ("killed", 40, None, "at least", "At least 40 people were killed"),
                ("killed", 11, 11, None, "Eleven were civilians"),
            ],
        ),
        (  # "Of those, N were ..." after a sentence with its claimant
            "At least 40 people were killed in the raid, officials said. Of those, 11 were children.",
            [
                ("killed", 40, None, "at least", "At least 40 people were killed"),
                ("killed", 11, 11, None, "11 were children"),
            ],
        ),
        (  # "Among them were N <people>"
            "The strike killed 19 people. Among them were seven children.",
            [("killed", 19, 19, None, "19 people"), ("killed", 7, 7, None, "seven children")],
        ),
        (  # "N of them <people>" in the same sentence
            "The attack killed 30 people, 12 of them soldiers.",
            [("killed", 30, 30, None, "30 people"), ("killed", 12, 12, None, "12 of them soldiers")],
        ),
        (  # "including N" later in the sentence, and a count joined to it
            "Israeli strikes killed at least 45 Palestinians across Gaza on Saturday, including 12 women and 9"
            " children, local health officials said.",
            [
                ("killed", 45, None, "at least", "at least 45 Palestinians"),
                ("killed", 12, 12, None, "12 women"),
                ("killed", 9, 9, None, "9 children"),
            ],
        ),
        (  # a coordinated singular after the count: "and a civilian were killed"
            "Two Ukrainian soldiers and a civilian were killed.",
            [("killed", 2, 2, None, "Two Ukrainian soldiers and a civilian were killed")],
        ),
        # near misses: a part of people who suffered nothing, or of things
        ("Shelling damaged 12 villages, including 3 schools.", []),
        ("Rebels attacked 4 towns on Sunday, including 2 near the border.", []),
        ("The company employs 400 people. Eleven were engineers.", []),
        ("Rebels seized 3 towns. Two of them were on the border.", []),
        ("The team scored 3 goals. Two of them were penalties.", []),
        (  # a part two sentences away from the toll borrows nothing
            "At least 40 people were killed in the raid. The town was cut off for a week. Eleven were civilians.",
            [("killed", 40, None, "at least", "At least 40 people were killed")],
        ),
    ],
)
def test_a_total_broken_into_parts(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two dozen soldiers were killed in the attack.", [("killed", 24, 24, None, "Two dozen soldiers were killed")]),
        ("Half a dozen people were injured.", [("wounded", 6, 6, None, "Half a dozen people were injured")]),
        ("The war has claimed three dozen lives in the district.", [("killed", 36, 36, None, "three dozen lives")]),
        (
            "A score of villagers were abducted by gunmen.",
            [("captured", 20, 20, None, "A score of villagers were abducted")],
        ),
        (
            "Several dozen fighters were killed.",
            [("killed", 24, 108, "several dozen", "Several dozen fighters were killed")],
        ),
        (  # a round ordinal before one more victim is the running total
            "The army suffered its millionth casualty this week, the ministry said.",
            [("casualties", 1_000_000, 1_000_000, None, "millionth casualty")],
        ),
        (
            "Ukraine says Russia has now lost its millionth soldier killed or wounded.",
            [("casualties", 1_000_000, 1_000_000, None, "millionth soldier killed or wounded")],
        ),
        (  # a hedge before a range is kept with it
            "Ukraine has lost an estimated 60,000 to 100,000 soldiers.",
            [("casualties", 60_000, 100_000, "an estimated", "an estimated 60,000 to 100,000 soldiers")],
        ),
        ("The city marked the 10,000th death of the epidemic.", [("killed", 10_000, 10_000, None, "10,000th death")]),
        # near misses: ordinals of days and years, a score that is a result
        ("It was the thousandth day of the war.", []),
        ("The hundredth anniversary passed quietly.", []),
        ("The final score was two to one.", []),
    ],
)
def test_multiplied_and_ordinal_number_words(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group said 12 martyrs had been buried.", [("killed", 12, 12, None, "12 martyrs")]),
        (
            "The monitor recorded 320 killings and 95 kidnappings in the state last year, amid fighting between the"
            " army and bandits.",
            [("killed", 320, 320, None, "320 killings"), ("captured", 95, 95, None, "95 kidnappings")],
        ),
        ("The UN documented 320 killings of civilians.", [("killed", 320, 320, None, "320 killings")]),
        ("The army confirmed the death of 7 troops in the ambush.", [("killed", 7, 7, None, "7 troops")]),
        ("The hospital received 45 injured persons overnight.", [("wounded", 45, 45, None, "45 injured persons")]),
        ("Rescuers pulled out 17 dead from the rubble.", [("killed", 17, 17, None, "17 dead")]),
        ("Local media reported 3 slain soldiers.", [("killed", 3, 3, None, "3 slain soldiers")]),
        ("The ministry said 3 soldiers were martyred.", [("killed", 3, 3, None, "3 soldiers were martyred")]),
        (
            "Gunmen stormed the village, killing 17 and abducting 40 others.",
            [("killed", 17, 17, None, "17"), ("captured", 40, 40, None, "40 others")],
        ),
        ("The militia freed 30 kidnapped farmers.", [("captured", 30, 30, None, "30 kidnapped farmers")]),
        # near misses: events done to things; kidnappings as crimes the police count
        ("The team had 3 executions of its game plan.", []),
        ("Police recorded 52 kidnappings for ransom in the capital and arrested 12 suspects.", []),
    ],
)
def test_counts_carried_by_a_noun(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The number of wounded reached 210 by Monday, officials said.", [("wounded", 210, 210, None, "210")]),
        ("The number of people killed has risen to 1,450, the ministry said.", [("killed", 1450, 1450, None, "1,450")]),
        (
            "The number of displaced people now stands at 2.1 million.",
            [("displaced", 2_100_000, 2_100_000, None, "2.1 million")],
        ),
        (
            "The number of refugees who have crossed into Chad has reached 600,000.",
            [("displaced", 600_000, 600_000, None, "600,000")],
        ),
        ("The total number of people detained by the rebels is 250.", [("captured", 250, 250, None, "250")]),
        ("The number of dead now exceeds 30,000.", [("killed", 30_000, 30_000, None, "30,000")]),
        ("Deaths have risen to 95, the agency said.", [("killed", 95, 95, None, "95")]),
        ("The number of injured climbed to 113.", [("wounded", 113, 113, None, "113")]),
        (
            "The shelling wounded another 15, bringing the toll to 62.",
            [("wounded", 15, 15, None, "15"), ("killed", 62, 62, None, "62")],
        ),
        ("The overall toll of 1,200 was announced on Sunday.", [("killed", 1200, 1200, None, "1,200")]),
        (
            "An additional 300 people were displaced by the floods.",
            [("displaced", 300, 300, None, "300 people were displaced")],
        ),
        # near misses: totals of other things
        ("The number of votes reached 210 by Monday.", []),
        ("The number of students rose to 1,450 this year.", []),
        ("The toll road costs 15 dollars.", []),
        ("The toll on the economy reached 5 percent of output.", []),
    ],
)
def test_stated_and_updated_totals(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "About 2,500 Kenyan soldiers are currently in Haiti as part of the mission.",
            [("deployed", 2500, 2500, "about", "About 2,500 Kenyan soldiers")],
        ),
        (
            "The force includes 1,000 troops from Chad and 800 troops from Niger.",
            [("deployed", 1000, 1000, None, "1,000 troops"), ("deployed", 800, 800, None, "800 troops")],
        ),
        (  # a bare count after troops in one country shares their presence in another
            "The United States has about 2,500 troops in Iraq and 900 in Syria.",
            [("deployed", 2500, 2500, "about", "about 2,500 troops"), ("deployed", 900, 900, None, "900")],
        ),
        (
            "Some 4,000 Burundian soldiers are in eastern Congo, according to UN experts.",
            [("deployed", 4000, 4000, "some", "Some 4,000 Burundian soldiers")],
        ),
        (
            "Russia maintains around 1,500 soldiers in the breakaway region.",
            [("deployed", 1500, 1500, "around", "around 1,500 soldiers")],
        ),
        (
            "There are an estimated 10,000 North Korean troops in Kursk.",
            [("deployed", 10_000, 10_000, "an estimated", "an estimated 10,000 North Korean troops")],
        ),
        (  # a force counted by its size, when it is sent or present
            "A 2,500-strong multinational force was deployed to Haiti last year.",
            [("deployed", 2500, 2500, None, "2,500-strong multinational force")],
        ),
        (
            "An estimated 14,000 UN peacekeepers serve in Congo.",
            [("deployed", 14_000, 14_000, "an estimated", "An estimated 14,000 UN peacekeepers")],
        ),
        ("The 100,000-strong army is poorly equipped.", []),
        ("A 5,000-strong crowd gathered outside parliament.", []),
        ("The city has expanded its municipal force to 199 officers and deploys more police at night.", []),
        # near misses: a place that is no country, a unit, strength, unarmed people, and a worse fate first
        ("Two soldiers were in the car when it exploded.", []),
        ("The 3,000 soldiers in the brigade trained for months.", []),
        ("Three soldiers from the unit spoke to reporters.", []),
        ("The army has 150,000 soldiers.", []),
        ("The mission has 1,200 police officers from 10 countries.", []),
        (
            "Five soldiers from Chad were killed in the attack.",
            [("killed", 5, 5, None, "Five soldiers from Chad were killed")],
        ),
    ],
)
def test_presence_as_deployment(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Some 5,000 people are on the road, forced to flee the fighting.",
            [("displaced", 5000, 5000, "some", "Some 5,000 people")],
        ),
        (
            "The UN says 700,000 people are now living in camps after fleeing the violence.",
            [("displaced", 700_000, 700_000, None, "700,000 people")],
        ),
        (
            "More than 3,000 households have fled their villages.",
            [("displaced", 3000, None, "more than", "More than 3,000 households have fled")],
        ),
        (
            "The fighting displaced 4,200 households in the province.",
            [("displaced", 4200, 4200, None, "4,200 households")],
        ),
        (
            "Nearly 200,000 people have crossed into Chad since the war began.",
            [("displaced", 200_000, 200_000, "nearly", "Nearly 200,000 people have crossed into")],
        ),
        (
            "Around 1.5 million people are internally displaced.",
            [("displaced", 1_500_000, 1_500_000, "around", "Around 1.5 million people are internally displaced")],
        ),
        (
            "Some 40,000 residents were ordered to leave their homes.",
            [("displaced", 40_000, 40_000, "some", "Some 40,000 residents were ordered to leave their homes")],
        ),
        (
            "The fighting forced 80,000 people out of their homes.",
            [("displaced", 80_000, 80_000, None, "80,000 people out of their homes")],
        ),
        (
            "The camp hosts 45,000 internally displaced persons.",
            [("displaced", 45_000, 45_000, None, "45,000 internally displaced persons")],
        ),
        (  # troops crossing a border are sent there, not driven out
            "About 5,000 Russian troops crossed into Ukraine overnight.",
            [("deployed", 5000, 5000, "about", "About 5,000 Russian troops")],
        ),
        # near misses: leaving a stadium or a square, households that only lost power
        ("About 2,000 fans left the city after the match.", []),
        ("Dozens of protesters were ordered to leave the square.", []),
        ("About 3,000 households lost power after the storm.", []),
        ("The company employs 3,000 households.", []),
    ],
)
def test_flight_as_displacement(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas is still holding 59 hostages in Gaza, 24 of whom are believed to be alive.",
            [("captured", 59, 59, None, "59 hostages"), ("captured", 24, 24, None, "24 of whom")],
        ),
        (
            "Bandits have kidnapped more than 300 schoolchildren from a school in Kuriga.",
            [("captured", 300, None, "more than", "more than 300 schoolchildren")],
        ),
        (
            "The RSF is holding thousands of prisoners in its detention centres, the report said.",
            [("captured", 2000, 9999, "thousands", "thousands of prisoners")],
        ),
        (
            "Ukraine says some 8,000 Ukrainians are in Russian captivity.",
            [("captured", 8000, 8000, "some", "some 8,000 Ukrainians")],
        ),
        (  # a swap told by its verb
            "Russia and Ukraine exchanged 150 prisoners each on Friday.",
            [("captured", 150, 150, None, "150 prisoners")],
        ),
        (  # people kept in another side's jails
            "Around 10,000 Palestinians are held in Israeli jails, according to rights groups.",
            [("captured", 10_000, 10_000, "around", "Around 10,000 Palestinians are held")],
        ),
        ("The militia jailed 40 villagers accused of helping the army.", [("captured", 40, 40, None, "40 villagers")]),
        ("Jihadists are believed to be holding 20 foreigners.", [("captured", 20, 20, None, "20 foreigners")]),
        (  # found or captured dead is killed
            "Three hostages were captured dead by the army.",
            [("killed", 3, 3, None, "Three hostages were captured dead")],
        ),
        # near misses: criminal cases, a prison's inmates, and a rally held by people
        ("The court jailed 12 men for fraud.", []),
        ("Police arrested 40 protesters in the capital.", []),
        ("The prison holds 3,000 inmates.", []),
        ("About 500 residents held a vigil for the victims.", []),
        ("Three suspects remain in police custody.", []),
    ],
)
def test_captivity(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # bodies speak as named
        ('"The enemy suffered heavy losses," the army said in a statement.', "army"),
        ('"The strike hit a civilian building," Ukraine\'s General Staff said on Telegram.', "Ukraine's General Staff"),
        ('"Civilians are paying the price," UNICEF said in a statement.', "UNICEF"),
        ('"The toll is likely to rise," the Sudan Doctors Network said.', "Sudan Doctors Network"),
        ('"The militants attacked at dawn," police in Borno state said.', "police in Borno state"),
        # a place after "in", "near" or a place noun is where the speaker is, never who
        ('"We have nothing left," a mother of five in El Fasher told Reuters.', "mother of five in El Fasher"),
        ('"It was chaos," a witness near Bunia said.', "witness near Bunia"),
        ('"We are afraid," a teacher in Tigray\'s capital Mekelle said.', "teacher in Tigray's capital Mekelle"),
        ('"We lost everything," a displaced woman in Port-au-Prince told AFP.', "displaced woman in Port-au-Prince"),
        # a named person before a place still speaks
        ('"There is no water," said Amina Yusuf, 34, a mother of three in Maiduguri.', "Amina Yusuf"),
    ],
)
def test_organisations_speak_and_places_never_do(text: str, speaker: str) -> None:
    assert [who for who, _ in quote_rows(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the victims included" names parts of the toll before it, in quote marks too
            'Gunmen killed 20 villagers on Friday.\n\nThe victims included "6 children, 5 women, and 3 elderly people,"'
            " a local official said.",
            [
                ("killed", 20, 20, None, "20 villagers"),
                ("killed", 6, 6, None, "6 children"),
                ("killed", 5, 5, None, "5 women"),
                ("killed", 3, 3, None, "3 elderly people"),
            ],
        ),
        (  # a second predicate joined by "and" after a list is not what happened to the people listed
            "The strike killed 9 civilians, including two children and three women, and injured four others.",
            [
                ("killed", 9, 9, None, "9 civilians"),
                ("killed", 2, 2, None, "two children"),
                ("killed", 3, 3, None, "three women"),
                ("wounded", 4, 4, None, "four others"),
            ],
        ),
        (
            "The army said it had neutralised 40 fighters, while six soldiers fell in combat.",
            [("killed", 40, 40, None, "40 fighters"), ("killed", 6, 6, None, "six soldiers fell in combat")],
        ),
        (
            "Twelve people sustained serious injuries in the blast.",
            [("wounded", 12, 12, None, "Twelve people sustained serious injuries")],
        ),
        (  # a participle after a comma has its own object
            "Troops opened fire, killing two protesters, injuring 40 others.",
            [("killed", 2, 2, None, "two protesters"), ("wounded", 40, 40, None, "40 others")],
        ),
        (  # a second verb with its own count: one figure each
            "The drone strike left one person dead and injured up to 10 others.",
            [("killed", 1, 1, None, "one person dead and injured"), ("wounded", None, 10, "up to", "up to 10 others")],
        ),
        (  # a medical evacuation of the injured
            "Medics evacuated 92 injured persons to nearby hospitals.",
            [("wounded", 92, 92, None, "92 injured persons")],
        ),
        (  # a list of figures under labels
            "Total captured: 251\nHostages still in captivity: 62\nBodies of hostages retrieved by troops: 40\nScore: 3",
            [("captured", 251, 251, None, "251"), ("captured", 62, 62, None, "62"), ("killed", 40, 40, None, "40")],
        ),
        (
            "Nearly 17,000 have been left homeless.",
            [("displaced", 17_000, 17_000, "nearly", "Nearly 17,000 have been left homeless")],
        ),
        (  # one victim singled out is no count
            "One of the bodies had its hands tied.",
            [],
        ),
        ("Among the dead are also reported 30 soldiers.", [("killed", 30, 30, None, "30 soldiers")]),
    ],
)
def test_blind_set_4_families(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We lost our homes," a Kyi Tauk Pauk resident said.', "Kyi Tauk Pauk resident"),
        ('"Never threaten us again!" Trump wrote on social media.', "Trump"),
        ("Amina Yusuf: \u201cWe want peace. We want our country to heal.\u201d", "Amina Yusuf"),
        (
            '"Troops repelled the attack," said a statement from the armed forces general staff.',
            "armed forces general staff",
        ),
        ('A statement from the general staff said "the base was the target of an attack."', "general staff"),
        ('"The toll will rise," the Syrian Observatory for Human Rights said.', "Syrian Observatory for Human Rights"),
    ],
)
def test_issuers_and_descriptions_speak(text: str, speaker: str) -> None:
    assert [who for who, _ in quote_rows(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fighting forced some two hundred thousand people to flee their homes.",
            [("displaced", 200_000, 200_000, "some", "some two hundred thousand people to flee")],
        ),
        (
            "The agency recorded 188,000 new displacements.",
            [("displaced", 188_000, 188_000, None, "188,000 new displacements")],
        ),
        (  # a people's name modifies the noun after it
            "At least 36 Druze women and children were abducted.",
            [("captured", 36, None, "at least", "At least 36 Druze women and children were abducted")],
        ),
    ],
)
def test_number_words_and_peoples(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


def test_a_quotation_paragraph_goes_with_the_report_right_after_it() -> None:
    text = (
        "\u201cThese attacks are serious violations of international law.\u201d\n\n"
        "\u201cWe are committed to defeating the gangs,\u201d the army said."
    )
    assert [who for who, _ in quote_rows(text)] == ["army", "army"]


def test_the_army_is_the_military_heard_before() -> None:
    text = (
        "The Israeli military said that \u201capproximately 20 projectiles were identified crossing into Israel\u201d.\n\n"
        "\u201cMost were successfully intercepted,\u201d the army said in a statement."
    )
    assert [who for who, _ in quote_rows(text)] == ["Israeli military", "Israeli military"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said eight Afghan Taliban have been killed.",
            [("killed", 8, 8, None, "eight Afghan Taliban have been killed")],
        ),
        ("The army said it eliminated all 33 terrorists.", [("killed", 33, 33, None, "33 terrorists")]),
        (
            "Seven police personnel were martyred in the attack.",
            [("killed", 7, 7, None, "Seven police personnel were martyred")],
        ),
        ("The army confirmed the deaths of the 14 troops.", [("killed", 14, 14, None, "14 troops")]),
        (
            "About 1,500 U.S. military personnel were deployed to the region.",
            [("deployed", 1500, 1500, "about", "About 1,500 U.S. military personnel")],
        ),
    ],
)
def test_armed_groups_and_personnel(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strikes caused 11 civilian casualties.", [("casualties", 11, 11, None, "11 civilian casualties")]),
        (
            "At least two people are believed to be trapped under the rubble.",
            [("missing", 2, None, "at least", "At least two people are believed to be trapped under the rubble")],
        ),
        (
            "Two men suffered fatal injuries in the blast.",
            [("killed", 2, 2, None, "Two men suffered fatal injuries")],
        ),
        (
            "Four sailors had been severely burned.",
            [("wounded", 4, 4, None, "Four sailors had been severely burned")],
        ),
        (
            "28 people are known to have been injured.",
            [("wounded", 28, 28, None, "28 people are known to have been injured")],
        ),
        # near miss: things that burned
        ("Two transformers had burned down days earlier.", []),
    ],
)
def test_more_ways_to_tell_a_toll(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected
