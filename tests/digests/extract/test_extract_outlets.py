"""Exact values for the rules a blind set from unseen articles asked for (tests/data/fresh.jsonl).

Each case is a general pattern of news writing the dev set had too few of: an age written "Aged 22", people
named by a noun outside the people list, verbs of fatal shooting, evacuation and disappearance, asides before
a verb, a report closing a sentence that holds a partial quote, a role followed by the name in apposition,
an aside in dashes, pronouns before anyone has spoken, a statement that goes on, names that coin terms.
"""

from __future__ import annotations

import pytest

from digests.extract import extract
from tests.digests.extract.checked import FigureRow, checked, figure_rows, quote_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an age at the start of a sentence is not a count
            "Aged 22, he was killed on Jan. 25, 2023, in the battles near the village of Yampolivka.",
            [],
        ),
        (  # a plural outside the people list, with a verb that only happens to people right after it
            "In Iran, at least 1,230 people have been killed, including 175 schoolgirls and staff killed at a "
            "primary school in Minab.",
            [
                ("killed", 1230, None, "at least", "at least 1,230 people have been killed"),
                ("killed", 175, 175, None, "175 schoolgirls and staff killed"),
            ],
        ),
        (  # ... but not a thing such verbs also take
            "Two bills died in committee and 14 proposals were killed on the floor.",
            [],
        ),
        (  # recovering the bodies of people counts them as killed
            "Sri Lanka recovered the bodies of 87 sailors on Thursday.",
            [("killed", 87, 87, None, "87 sailors")],
        ),
        (  # a singular compound people noun
            "The Ukrainian navy said one crew member had been hurt in the attack on the vessel.",
            [("wounded", 1, 1, None, "one crew member had been hurt")],
        ),
        (  # "fatally shot" is a killing
            "Officials said two U.S. citizens fatally shot in Mexico had been visiting relatives.",
            [("killed", 2, 2, None, "two U.S. citizens fatally shot")],
        ),
        (  # "the disappearance of" counts the missing
            "Protesters marked the anniversary of the disappearance of 43 students in Guerrero state.",
            [("missing", 43, 43, None, "43 students")],
        ),
        (  # "evacuate" counts the displaced
            "The army told residents to evacuate tens of thousands of people from the border towns.",
            [("displaced", 20000, 99999, "tens of thousands", "tens of thousands of people")],
        ),
        (  # a participle post-modifier before a verb whose subject it happens to
            "Tens of thousands of Israelis living in the north evacuated their homes after war broke out.",
            [
                (
                    "displaced",
                    20000,
                    99999,
                    "tens of thousands",
                    "Tens of thousands of Israelis living in the north evacuated",
                )
            ],
        ),
        (  # a long "most of them" aside between the people and their verb
            "Around 60,000 Lebanese, most of them from the Shi'ite Muslim community from which Hezbollah draws "
            "its popular support, remained displaced over the last year.",
            [
                (
                    "displaced",
                    60000,
                    60000,
                    "around",
                    "Around 60,000 Lebanese, most of them from the Shi'ite Muslim community from which Hezbollah "
                    "draws its popular support, remained displaced",
                )
            ],
        ),
        (  # "fighting force" is no deployment; fighters a group still has are not sent anywhere
            "The group lost 5,000 fighters in the 2024 war, an unprecedented blow to its fighting force, though "
            "a source said it still had some 95,000 fighters left.",
            [("casualties", 5000, 5000, None, "5,000 fighters")],
        ),
        (  # ... with the zero-width marks a scraped feed leaves between the words
            "The group lost 5,000 fighters in the 2024 war, an unprecedented blow \u2060to its fighting \u200bforce, "
            "though the second Lebanese source said it still had some 95,000 fighters left.",
            [("casualties", 5000, 5000, None, "5,000 fighters")],
        ),
        (  # peoples whose plural does not end like a demonym
            "Iraqi forces killed 12 Kurds near the border, the ministry said.",
            [("killed", 12, 12, None, "12 Kurds")],
        ),
    ],
)
def test_figure_rules_from_unseen_outlets(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a report at the end of a sentence governs the partial quote inside it
            'After a "very difficult couple of weeks" due to record-breaking heat, the energy situation is '
            "improving, Volodymyr Kudrytskyi, the head of grid operator Ukrenergo, said on July 26.",
            [("Volodymyr Kudrytskyi", "very difficult couple of weeks")],
        ),
        (  # ... with an initialism in the long gap
            "The U.S. Navy will escort oil tankers through the Strait of Hormuz “as soon as it can” but is focused "
            "on the conflict for now, U.S. Energy Secretary Chris Wright said on Wednesday.",
            [("Chris Wright", "as soon as it can")],
        ),
        (  # an initialism inside the attribution right after the quote
            "“The parties are hereby ordered to refrain from making statements to the media,” U.S. District Judge "
            "Amy Berman Jackson said in her order.",
            [("Amy Berman Jackson", "The parties are hereby ordered to refrain from making statements to the media")],
        ),
        (  # an inverted verb, the role, then the name in apposition
            '"These blanket, massive displacement orders affect hundreds of thousands of people," said United '
            'Nations human rights chief, Volker Turk.\n\n"This raises serious concern," he added.',
            [
                (
                    "Volker Turk",
                    "These blanket, massive displacement orders affect hundreds of thousands of people",
                ),
                ("Volker Turk", "This raises serious concern"),
            ],
        ),
        (  # an aside in dashes between the name and the verb
            '"Dear Gen Z, the resignation of your killer has come," Balendra Shah - popularly known only as '
            'Balen - wrote. "Now your generation will have to lead the country."',
            [
                ("Balendra Shah", "Dear Gen Z, the resignation of your killer has come"),
                ("Balendra Shah", "Now your generation will have to lead the country."),
            ],
        ),
        (  # "she" before anyone has spoken: the last person named; a surname with an inner capital
            "But Republican National Committee chair Ronna Romney McDaniel pushed back on that claim.\n\n"
            "“Ed did work with the President, he did robocalls and he had tweets,” she said.",
            [("Ronna Romney McDaniel", "Ed did work with the President, he did robocalls and he had tweets")],
        ),
        (  # a subject ends at an irregular past tense; "she" then points at it
            "McDaniel went on to contradict herself, saying the reason he won was different.\n\n"
            "“Our base is for our President,” she said.",
            [("McDaniel", "Our base is for our President")],
        ),
        (  # a lone name after a role, with an age before the role; a relative clause after it
            "At a gathering of about 200 citizens in London on Wednesday, 38-year-old human rights activist Bita, "
            'who did not want to share her surname, spoke of the "happy mood" of Iranians in Britain.\n\n'
            '"There\'s a sense of justice and I think, above all, a sense of hopefulness," she said.',
            [("Bita", "There's a sense of justice and I think, above all, a sense of hopefulness")],
        ),
        (  # "the statement continued": whoever issued it
            '"Inflation has accelerated," the press service of Russia\'s Central Bank said in a statement.\n\n'
            '"Labour shortages continue to grow and will go on growing," the statement continued.',
            [
                ("press service of Russia's Central Bank", "Inflation has accelerated"),
                ("press service of Russia's Central Bank", "Labour shortages continue to grow and will go on growing"),
            ],
        ),
        (  # an unnamed source as a sentence subject without a speech verb
            'A source from the Iranian intelligence ministry rejected the article as "absolute lies and '
            'psychological warfare", the news agency Tasnim reported.',
            [("source from the Iranian intelligence ministry", "absolute lies and psychological warfare")],
        ),
        (  # a role points at the subject named just before, not at a brand named after it
            "Thomas Alva Edison never donned an Under Armour HeatGear shirt. But the inventor, who famously said, "
            "“Genius is 1 percent inspiration, 99 percent perspiration,” might as well have.",
            [("Thomas Alva Edison", "Genius is 1 percent inspiration, 99 percent perspiration")],
        ),
        (  # a lone name after a role beats a two-word place before it
            "New Zealand singer Lorde has thanked readers for “believing in female musicians” this week.",
            [("Lorde", "believing in female musicians")],
        ),
        (  # "Un" of Kim Jong Un is a name, not the UN
            'Kim Jong Un said the troops would stay, adding: "We will win this war soon."',
            [("Kim Jong Un", "We will win this war soon.")],
        ),
        (  # anonymity given in a relative clause reports nothing: the subject before it speaks
            "The senior US military official, who spoke on the condition of anonymity, told the AFP news agency: "
            "“Several hundred casualties is our latest estimate.”",
            [("senior US military official", "Several hundred casualties is our latest estimate.")],
        ),
    ],
)
def test_speaker_rules_from_unseen_outlets(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The spectacle, which Nasa has coined a “super blue blood moon,” will grace the pre-dawn skies.",
        "Then end the campaign with the call to action, which Ganz calls the “the story of now.”",
        "Russia calls it a so-called “special military operation” in its statements.",
        "“Yoga With Dr. Linda” Practice while seated or standing. Fridays at 11 a.m.",
        "The spectacle, which Nasa has coined a\u200b “super blue blood moon,” will grace the skies.",
    ],
)
def test_named_terms_and_titles_are_notquote_rows(text: str) -> None:
    assert extract(text).quotes == ()


@pytest.mark.parametrize(
    ("text", "expected", "claimant"),
    [
        (  # "claimed the lives of" counts the killed, and the blast claims nothing
            "The blast claimed the lives of 30 people, officials said.",
            [("killed", 30, 30, None, "30 people")],
            "officials",
        ),
        (  # "claimed responsibility" is no claim of the toll
            "Islamic State claimed responsibility for the attack, which killed 12 people.",
            [("killed", 12, 12, None, "12 people")],
            None,
        ),
        (  # a family counted by its size
            "The strike killed a family of five, according to the Palestinian health ministry.",
            [("killed", 5, 5, None, "five")],
            "Palestinian health ministry",
        ),
        (  # "the toll" alone, as wire copy writes it after the first mention
            "The toll stands at 57.",
            [("killed", 57, 57, None, "57")],
            None,
        ),
        (  # ... but not a road toll
            "The toll road carries 5,000 cars a day.",
            [],
            None,
        ),
    ],
)
def test_common_wire_constructions(text: str, expected: list[FigureRow], claimant: str | None) -> None:
    assert figure_rows(text) == expected
    assert all(f.attributed_to == claimant for f in extract(text).figures)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a British honorific without its period is dropped
            '"This is a war crime," Mr Smith told the BBC.',
            [("Smith", "This is a war crime")],
        ),
        (  # "Dr." after an inverted verb does not end the speaker's phrase
            '"We are running out of everything," said Dr. Marwan al-Sultan, director of the Indonesian Hospital. '
            '"Fuel, medicine, food."',
            [("Marwan al-Sultan", "We are running out of everything"), ("Marwan al-Sultan", "Fuel, medicine, food.")],
        ),
        (  # a hyphenated title and a body's initialism before a name with an accent
            'UN Secretary-General António Guterres called the attack "an outrage against humanity and decency."',
            [("António Guterres", "an outrage against humanity and decency.")],
        ),
    ],
)
def test_titles_before_names(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "According to Ukraine’s General Staff, Russia has lost 1,050 troops in the past 24 hours.",
            "Ukraine’s General Staff",
        ),
        ("Fighting went on. According to the ministry, 20 people were killed.", "ministry"),
    ],
)
def test_according_to_opening_a_sentence(text: str, claimant: str) -> None:
    assert [f.attributed_to for f in checked(text).figures] == [claimant]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the pronoun right before the verb is its subject, whatever clause came before it
            'Simon Diggins, a former defence attaché, said if he had to summarise the situation he would say: "The '
            'Brits are not serious".\n\nHe said Trump was "vulgar, brash, rude, and undiplomatic" in office.',
            [
                ("Simon Diggins", "The Brits are not serious"),
                ("Simon Diggins", "vulgar, brash, rude, and undiplomatic"),
            ],
        ),
        (  # "the French leader" with only a surname heard before: the last speaker
            '"Everything must be done to prevent this," Macron said in a post on X.\n\n"At this moment of great '
            'danger, I call on the Israeli prime minister to stop," the French leader added.',
            [
                ("Macron", "Everything must be done to prevent this"),
                ("Macron", "At this moment of great danger, I call on the Israeli prime minister to stop"),
            ],
        ),
        (  # "he" after someone new was brought in as a clause's subject points at the newcomer
            'President Nikos Christodoulides told reporters that "There is nothing I can rule out."\n\nAsked about '
            "the bases, Cypriot Foreign Minister Constantinos Kombos, a former law professor, chose his words "
            'carefully: "I no longer have the luxury of just expressing my legal opinion," he told Reuters.',
            [
                ("Nikos Christodoulides", "There is nothing I can rule out."),
                ("Constantinos Kombos", "I no longer have the luxury of just expressing my legal opinion"),
            ],
        ),
        (  # a participle shares its subject with the report before it, never takes the words after it
            '"We are not trained for this," Tanja Harter, a pilot, told Reuters.\n\nAirlines now have peer '
            'programs to help, she said, adding as a pilot she would not want to "share airspace with missiles."',
            [("Tanja Harter", "We are not trained for this"), ("Tanja Harter", "share airspace with missiles.")],
        ),
        (  # "quoted X as telling"
            '"I was not wanting to do this so willingly," the New York Times quoted Merchant as telling a court '
            "during his trial.",
            [("Merchant", "I was not wanting to do this so willingly")],
        ),
        (  # "at" before a capital is where an unnamed source works
            "“I am very concerned, this risk is currently underpriced in oil markets,” said a senior executive at "
            "Vitol, a global commodity trading house.",
            [("senior executive at Vitol", "I am very concerned, this risk is currently underpriced in oil markets")],
        ),
        (  # ... also after "according to"; "he" then points at that source
            "Missile supplies are a weak point for Iran, according to a former director at Britain’s MI6 "
            "intelligence agency.\n\n“Russia is in no position to resupply them,” he said.",
            [("former director at Britain’s MI6 intelligence agency", "Russia is in no position to resupply them")],
        ),
        (  # "Like X," opens a sentence before its subject; a lone name before an age is the subject
            "Like Hill, Dunn, a martial arts instructor, applauded Trump for acting where others had “kicked the can "
            "down the road.”\n\nSims, 66, a manager for a trucking company in Dallas, Texas, said the reports “didn’t "
            "make any sense,” he said.",
            [("Dunn", "kicked the can down the road."), ("Sims", "didn’t make any sense")],
        ),
    ],
)
def test_speaker_rules_from_a_second_blind_set(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They marked the Nazis' murder of 6 million Jews.", [("killed", 6000000, 6000000, None, "6 million Jews")]),
        (
            "The strike led to the death of scores of senior leaders.",
            [("killed", 40, 99, "scores", "scores of senior leaders")],
        ),
        ("The party has 30 figures in the race.", []),
    ],
)
def test_killings_named_as_nouns(text: str, expected: list[FigureRow]) -> None:
    assert figure_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "he" after a person was made a sentence's subject, with no one heard before
            "Canadian Prime Minister Mark Carney is on a multi-leg trip across the Asia-Pacific region.\n\n"
            '"Middle powers have a choice: compete for favour or combine for strength," he told lawmakers.',
            [("Mark Carney", "Middle powers have a choice: compete for favour or combine for strength")],
        ),
        (  # ... a surname someone already spoke under counts as that person
            '"We will not send troops," Rutte said on Monday.\n\nRutte also called the assault "decisive action '
            'to take out this capability".\n\n"Some praise is warranted," he said.',
            [
                ("Rutte", "We will not send troops"),
                ("Rutte", "decisive action to take out this capability"),
                ("Rutte", "Some praise is warranted"),
            ],
        ),
        (  # ... but a lone capitalised word nobody spoke under may be a country: the last speaker stays
            '"Ukraine is short of people," Ben Hodges said.\n\nUkraine “has enough people” to fight, he said.',
            [("Ben Hodges", "Ukraine is short of people"), ("Ben Hodges", "has enough people")],
        ),
        (  # a document that speaks after someone issued it; a possessive determiner before it
            '"The tanker sank after explosions," Libya\'s maritime rescue agency said in a note.\n\n"The wreckage '
            'lies between Libya and Malta," the note said.',
            [
                ("Libya's maritime rescue agency", "The tanker sank after explosions"),
                ("Libya's maritime rescue agency", "The wreckage lies between Libya and Malta"),
            ],
        ),
        (  # "added the expert" points at the unnamed source last heard
            "Trade has stagnated in recent years, an adviser to the foreign ministry said.\n\n"
            '"China viewed the protests as a cautionary tale," added the expert.',
            [("adviser to the foreign ministry", "China viewed the protests as a cautionary tale")],
        ),
        (  # a given name used alone after the full name was written
            '"We are ready," the statement quoted Hanif Alatas as saying.\n\n"He will withdraw," Hanif said.',
            [("Hanif Alatas", "We are ready"), ("Hanif Alatas", "He will withdraw")],
        ),
        (  # the person right before ", who" is the antecedent, however the clause began
            "The comments chime with those of Finance Minister Lars Klingbeil, who told the RND newspaper "
            'network that he had "serious doubts that this war is legitimate".',
            [("Lars Klingbeil", "serious doubts that this war is legitimate")],
        ),
        (  # an appositive after a role and a name; "Nobel Prize" is no person
            "U.S. economist Joseph Stiglitz, a professor at Columbia University and Nobel Prize laureate, agreed."
            '\n\n"It was an enlightened self-interest," he said.',
            [("Joseph Stiglitz", "It was an enlightened self-interest")],
        ),
        (  # the clause said comes first, then the inverted verb and a role running over two commas
            "In the short term Petrobras has benefited from the conflict, said Petrobras' head of logistics, "
            'commercialization and markets, Claudio Schlosser.\n\n"We\'ve seen better margins," he said.',
            [("Claudio Schlosser", "We've seen better margins")],
        ),
        (  # ... while a name and its apposition before the verb stay the subject
            'After a "very difficult couple of weeks", the situation is improving, Volodymyr Kudrytskyi, the head '
            "of grid operator Ukrenergo, said on July 26.",
            [("Volodymyr Kudrytskyi", "very difficult couple of weeks")],
        ),
        (  # a place before the name is no subject
            "In Havering, east London, Ian Pirie, Coordinator Friends of the Earth Havering, said the plans were "
            '"completely inappropriate in a Green Belt area".',
            [("Ian Pirie", "completely inappropriate in a Green Belt area")],
        ),
        (  # trailing "though" is no part of a name; a pronoun right before its verb in a relative clause
            "Merz though said only a pact supported by Europe could last.\n\n"
            '"We are not prepared to accept that," he said. He has been unimpressed by the base, which he '
            'mockingly described as "two dog sleds on the ice".',
            [("Merz", "We are not prepared to accept that"), ("Merz", "two dog sleds on the ice")],
        ),
    ],
)
def test_speaker_rules_from_a_third_blind_set(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the conflict continued" is no speaker a "he" can be
            'Kaine said that if the Iran conflict continued, he could try again.\n\n"Sometimes people will see '
            'things that concern them," he said.',
            [("Kaine", "Sometimes people will see things that concern them")],
        ),
        (  # with no one heard yet, a lone surname as a subject will do ("termed" reports too)
            "Leo did not address the conflict on Wednesday.\n\nThe pope made an appeal on Sunday. He called for "
            'a stop to what he termed a "spiral of violence".',
            [("Leo", "spiral of violence")],
        ),
        (  # ... but not a country
            "Ukraine “has enough people” to fight, he said.",
            [(None, "has enough people")],
        ),
        (  # a quotation making its own sentence after a report in the same paragraph
            "Canada's Department of National Defence told Reuters it was donating missiles. "
            '"This new donation will complement the past donation of hundreds of missiles."',
            [
                (
                    "Canada's Department of National Defence",
                    "This new donation will complement the past donation of hundreds of missiles.",
                )
            ],
        ),
        (  # "point out" reports; "they" then points at its subject
            'Deutsche Bank economists point out that the moves are "more consistent with removing the risk".\n\n'
            '"Rising energy prices muddy the waters," they concluded.',
            [
                ("Deutsche Bank economists", "more consistent with removing the risk"),
                ("Deutsche Bank economists", "Rising energy prices muddy the waters"),
            ],
        ),
    ],
)
def test_speaker_fallbacks(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected
