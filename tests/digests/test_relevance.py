"""Topic relevance, figure placement and story matching on real news wording (Reuters, March 2026)."""

from __future__ import annotations

from digests.config.models import Topic
from digests.figure_scope import place_figures, place_of, rejection, scope_of
from digests.ingest.api import FigurePlace
from digests.model import Figure
from digests.relevance import Relevance
from digests.stories import Candidate, match_story, story_text

TOPICS = {
    "gaza": Topic(match=["Gaza", "Hamas", "West Bank", "Israel", "Israeli", "Palestinian"]),
    "lebanon": Topic(match=["Lebanon", "Lebanese", "Hezbollah", "Beirut"]),
    "iran": Topic(match=["Iran", "Iranian", "Tehran"], exclude=["oil prices"]),
}
IRAN_WAR = (
    "Iran launched a new wave of missiles at Israel on Saturday as U.S. and Israeli strikes pounded Tehran "
    "for an eighth day. Iran's U.N. ambassador said at least 1,332 Iranian civilians had been killed since "
    "the war began. Iranian state media said air defences were active over Tehran and Isfahan.\n"
    "In Lebanon, the health ministry said Israeli strikes had killed 294 people since Monday."
)
GAZA = (
    "Israeli forces killed 12 Palestinians in Gaza on Tuesday, health officials said, as Hamas and Israel "
    "traded accusations over the ceasefire. The Gaza health ministry says more than 72,000 Palestinians "
    "have been killed since October 2023."
)


def relevant(title: str, text: str) -> dict[str, bool]:
    return {s.topic: s.relevant for s in Relevance(TOPICS).score(title, text)}


def test_a_story_about_the_iran_war_is_not_gaza_news_for_naming_israel() -> None:
    # Its last paragraph reports Lebanon's toll: a Lebanon reader wants it too (RULES.md, "substantial part").
    verdict = relevant("Iran fires missiles at Israel as strikes pound Tehran", IRAN_WAR)
    assert verdict == {"iran": True, "gaza": False, "lebanon": True}


def test_a_gaza_story_is_gaza_news() -> None:
    assert relevant("Israeli strikes kill 12 in Gaza as truce falters", GAZA) == {"gaza": True}


def test_scores_name_the_terms_that_hit() -> None:
    scores = Relevance(TOPICS).score("Iran fires missiles at Israel as strikes pound Tehran", IRAN_WAR)
    assert [(s.topic, s.hits) for s in scores] == [
        ("iran", (("Iran", 5), ("Tehran", 3))),
        ("lebanon", (("Lebanon", 1),)),
        ("gaza", (("Israel", 4),)),
    ]


def test_exclude_rules_a_topic_out_by_title_or_lead() -> None:
    scores = Relevance(TOPICS).score("Iran war lifts oil prices again", "Oil prices rose as Iran fired missiles. " * 3)
    iran = next(s for s in scores if s.topic == "iran")
    assert (iran.relevant, iran.veto) == (False, "excluded: 'oil prices' in the title or lead")


def test_require_needs_a_term_of_every_group() -> None:
    topics = {"iran": Topic(match=["Iran", "Tehran"], require=[["strike", "missile"]])}
    quiet = Relevance(topics).score("Iran's football team lands in Tehran", "Iran's team arrived in Tehran.")
    assert quiet[0].veto == "required: none of '\\\\bstrike\\\\b|\\\\bmissile\\\\b'"


def _figure(text: str, span: str, actor: str | None) -> Figure:
    start = text.index(span)
    return Figure("killed", 1, None, actor, None, None, start, start + len(span), span)


def test_a_lebanese_toll_in_an_iran_story_is_lebanons_and_a_running_total() -> None:
    relevance = Relevance(TOPICS)
    figures = [
        _figure(IRAN_WAR, "1,332 Iranian civilians had been killed", "Iranian civilians"),
        _figure(IRAN_WAR, "killed 294 people", "people"),
    ]
    assert place_figures(relevance, IRAN_WAR, figures, ("iran",), 2026) == (
        FigurePlace("iran", "cumulative", None),
        FigurePlace("lebanon", "cumulative", None),
    )


def _scope(sentence: str, span: str) -> str | None:
    start = sentence.index(span)
    return scope_of(sentence, start, start + len(span))


def test_incident_running_total_and_unclear_scopes() -> None:
    assert _scope("Israeli forces killed 12 Palestinians in Gaza on Tuesday.", "12 Palestinians") == "incident"
    assert _scope("More than 72,000 Palestinians have been killed since October 2023.", "72,000") == "cumulative"
    assert _scope("Ukraine said 30 North Korean soldiers were killed or wounded.", "30") is None


def test_scope_reads_the_words_next_to_the_count_first() -> None:
    # Sentences of the shared feeds (Reuters, March 2026).
    toll = (
        "The death toll from Israel's attacks on Lebanon since Monday rose to around 300, after at least four "
        "people were killed when an Israeli strike hit an apartment in the Ramada hotel building in central Beirut."
    )
    assert _scope(toll, "around 300") == "cumulative"
    assert _scope(toll, "four people") == "incident"
    day = (
        "Lebanon's health ministry said 16 people had been killed in Israeli attacks in the last 24 hours in Nabi Chit."
    )
    assert _scope(day, "16 people") == "incident"
    week = (
        "The Lebanese health ministry has reported 123 people have been killed and another 683 wounded as a result "
        "of Israeli attacks this week."
    )
    assert _scope(week, "123 people") == "cumulative"
    assert _scope(week, "683") == "cumulative"
    assert _scope("Iranian attacks have killed 10 people in Israel.", "10 people") == "cumulative"
    assert _scope("The Lebanese health ministry has said 77 people have been killed.", "77 people") == "cumulative"
    assert _scope("About 300,000 people have been displaced in Lebanon in the past four days.", "300,000") == (
        "cumulative"
    )
    rescue = "Sri Lankan authorities said they had rescued 32 people so far and recovered several bodies from the sea."
    assert _scope(rescue, "several bodies") == "incident"
    sinking = "Sri Lankan authorities said 87 sailors died aboard the frigate, which sank off Galle."
    assert _scope(sinking, "87 sailors") == "incident"


def test_past_and_non_conflict_counts_are_no_conflict_figures() -> None:
    assert rejection("Six million Jews were murdered in the Holocaust.", 2026) == "past events (Holocaust)"
    assert rejection("In 1982, 17,000 people were killed in the siege.", 2026) == "past events (1982)"
    assert rejection("At least 70,000 have been killed since 2022.", 2026) is None
    volcano = "Eruptions have killed thousands of people in Iceland over the centuries."
    assert rejection(volcano, 2026) == "not a conflict (Eruptions)"
    assert rejection("A drone strike caused a fire that killed two workers, the port said.", 2026) is None


def test_a_near_copy_joins_the_story_and_another_story_does_not() -> None:
    first = story_text(
        "Israeli strike on Beirut hotel kills four",
        "An Israeli strike on a hotel in central Beirut killed four people, Lebanon's health ministry said.",
    )
    pool = [Candidate(1, 1, first)]
    copy = story_text(
        "Israeli strike on Beirut hotel kills four",
        "An Israeli strike on a hotel in central Beirut killed four people, Lebanon's health ministry said on Sunday.",
    )
    other = story_text(
        "Hezbollah warns Israelis to evacuate border towns",
        "Hezbollah told residents of northern Israel to leave towns near the border.",
    )
    assert (match_story(copy, pool), match_story(other, pool)) == (1, None)


def test_a_headline_about_another_place_that_names_the_topic_in_passing_is_not_the_topics() -> None:
    # Reuters, 6 March 2026 (shared feed 07), its first paragraphs: Pakistan named 8 times, Iran once.
    text = (
        "KABUL, March 6 (Reuters) - Pakistani and Afghan troops exchanged fire at dozens of points along their "
        "border on Friday as the U.N. said their week-old conflict has forced the displacement of more than "
        "100,000 people.\n\nThe South Asian nations show no signs of rapprochement in their worst fighting in "
        "years, adding to the volatility in a region also contending with U.S. and Israeli strikes on Iran - a "
        "nation that borders both Afghanistan and Pakistan.\n\nCombat has included Pakistani air strikes on "
        "Taliban government installations, such as the Bagram air base north of the Afghan capital Kabul.\n\n"
        "Afghanistan's Ministry of Defense said Taliban forces struck Pakistani military installations along the "
        "2,600-km (1,600-mile) border, destroying numerous posts and shooting down a drone.\n\nPakistani security "
        "sources said they carried out ground and air operations against military targets including Kandahar.\n\n"
        "Dozens gathered in Kabul on Friday to protest Pakistan's attacks on Afghan territory, chanting "
        "anti-Pakistan slogans, while a large gathering in Laghman Province demonstrated against Pakistan's "
        "recent attacks."
    )
    [iran, gaza] = Relevance(TOPICS).score(
        "Pakistani, Afghan border forces clash as UN says war displaces 100,000", text
    )
    assert (iran.topic, iran.relevant, iran.veto) == ("iran", False, "elsewhere: the headline is about Pakistani")
    assert (gaza.topic, gaza.relevant) == ("gaza", False)


def test_a_headline_about_another_place_where_the_topics_war_strikes_is_the_topics() -> None:
    # Reuters, 8 March 2026 (shared feed 07): the place in the headline is where Iran's drones fall.
    text = (
        "CAIRO, March 8 (Reuters) - Kuwait's Fire Force said on Sunday that two of its officers were killed "
        '"while performing duties," according to a post on X.\n\nIt did not provide details on the circumstances of '
        "their deaths, but Kuwait has been intercepting drones and missiles launched from Iran following U.S. and "
        "Israeli attacks on the Islamic Republic."
    )
    [iran, gaza] = Relevance(TOPICS).score(
        "Two Kuwait fire officers killed 'while performing duties,' Fire Force says", text
    )
    assert (iran.topic, iran.relevant, iran.veto, round(iran.score, 2)) == ("iran", True, None, 0.88)
    assert (gaza.topic, gaza.relevant) == ("gaza", False)


def test_guesses_and_charter_evacuations_are_no_figures() -> None:
    guess = "Ben Hodges: If it's 10 kilometers, then that's probably another 10,000 dead Russian soldiers."
    assert rejection(guess, 2024) == "not a count (what could happen)"
    plans = "They drew up contingency plans for hundreds of thousands of people fleeing a Russian attack."
    assert rejection(plans, 2026) == "not a count (what could happen)"
    flights = "Authorities have been arranging charter flights to evacuate tens of thousands of people."
    assert rejection(flights, 2026) == "not a conflict (evacuation)"
    displaced = "Israel ordered much of Lebanon's south evacuated, with tens of thousands of people displaced."
    assert rejection(displaced, 2026) is None


def test_rates_denials_and_parts_are_no_counts() -> None:
    rate = "The ministry said average daily Russian casualties reached 1,262 and 1,163 in the two months."
    assert rejection(rate, 2024, "", "1,163") == "not a count (a rate)"
    denied = (
        "A Sri Lankan navy spokesman said the report of 101 people being missing was not true, and that "
        "32 people injured in the incident had been rescued."
    )
    assert rejection(denied, 2026, "", "101 people being missing") == "not a count (denied)"
    assert rejection(denied, 2026, "", "32 people injured") is None
    assert rejection("He is now one of many displaced Palestinians.", 2026, "", "one of many displaced") == (
        "not a count (part of a group counted elsewhere)"
    )


def test_photo_captions_and_weekly_rates_are_no_figures() -> None:
    # Kyiv Independent, 26 July 2024 (shared feed 06): a caption dating an exhibition of 2023.
    caption = (
        "Women look at a wall showing photographs of two hundred Ukrainian athletes who died as a result of the "
        'Russian invasion of Ukraine, in an exhibition entitled "Angels of Sport" in Kyiv, Ukraine on April 18, '
        "2023. (Dimitar Diloff/AFP via Getty Images)"
    )
    assert rejection(caption, 2024, caption, "two hundred Ukrainian athletes") == "not news (a photo caption)"
    # NPR's summaries end with an image credit; the counts before it are the news.
    summary = "In exchange, Israel has freed 39 Palestinian prisoners.  (Image credit: Alexi J. Rosenfeld/Getty Images)"
    assert rejection("In exchange, Israel has freed 39 Palestinian prisoners.", 2023, summary, "39") is None
    weekly = "So in six months, Russia has moved only 60 kilometers, losing thousands of soldiers every week."
    assert rejection(weekly, 2024, weekly, "thousands of soldiers") == "not a count (a rate)"
    week = "Ukraine says about 200 North Korean soldiers were killed in a week of Kursk assaults."
    assert rejection(week, 2024, week, "about 200 North Korean soldiers") is None


def test_a_count_dated_by_a_year_named_before_it_is_past() -> None:
    # Kyiv Independent, 26 July 2024 (shared feed 06).
    paragraph = (
        "Polishchuk was captured by Russia in May 2022 after Azovstal, a metallurgical plant that served as "
        "Ukraine's last remaining holdout in besieged Mariupol, fell into Russian hands. The medic was released "
        "alongside over 200 defenders in the fall of the same year, joining the 59th Brigade and returning to the "
        "front soon after."
    )
    sentence = paragraph[paragraph.index("The medic") :]
    assert rejection(sentence, 2024, paragraph, "over 200 defenders") == "past events (2022)"
    assert rejection(sentence, 2023, paragraph, "over 200 defenders") is None


def test_a_count_says_where_its_people_are_when_that_is_not_its_topics_home() -> None:
    relevance = Relevance(TOPICS)
    israel = "Israeli tallies show at least 10 civilians have been killed across Israel."
    lebanon = (
        "The Lebanese health ministry has said 77 people have been killed.\n\nHezbollah fired rockets at "
        "targets in Israel."
    )
    attacks = (
        "The Lebanese health ministry on Monday reported that 52 people had been killed in Israeli attacks in Lebanon."
    )
    shelters = "About 100,000 people are in collective shelters, a U.N. official said."
    at = israel.index("10 civilians")
    assert (
        place_of(
            relevance,
            israel,
            Figure("killed", 10, None, "civilians", "at least", None, at, at + 12, "10 civilians"),
            "iran",
        )
        == "Israel"
    )
    at = lebanon.index("77 people")
    assert (
        place_of(relevance, lebanon, Figure("killed", 77, 77, "people", None, None, at, at + 9, "77 people"), "lebanon")
        is None
    )
    at = attacks.index("52 people")
    assert (
        place_of(relevance, attacks, Figure("killed", 52, 52, "people", None, None, at, at + 9, "52 people"), "lebanon")
        is None
    )
    at = shelters.index("100,000 people")
    assert (
        place_of(
            relevance,
            shelters,
            Figure("displaced", 100000, 100000, "people", "about", None, at, at + 14, "100,000 people"),
            "lebanon",
        )
        == "shelters"
    )


def test_people_held_are_marked_released_when_their_own_words_tell_of_it() -> None:
    # Shared feed 07 (Reuters, March 2026) wording.
    text = (
        "Ukraine returned 300 servicemen from Russian captivity in a swap, Zelenskiy said. Hamas seized 251 "
        "hostages in the attack. Israel freed 39 Palestinian prisoners on Friday."
    )
    held = [
        Figure("captured", n, n, actor, None, None, text.index(span), text.index(span) + len(span), span)
        for n, actor, span in (
            (300, "servicemen", "300 servicemen"),
            (251, "hostages", "251 hostages"),
            (39, "Palestinian prisoners", "39 Palestinian prisoners"),
        )
    ]
    killed = _figure(text, "300 servicemen", "servicemen")  # a count of another kind is never "released"
    places = place_figures(Relevance(TOPICS), text, [*held, killed], ("gaza",), 2026)
    assert [p.released for p in places] == [True, False, True, False]


# Reuters, 7 March 2026 (shared feed 07), abridged: a West Bank killing names no "Gaza" (the Gaza topic's core).
SETTLER = (
    "RAMALLAH, West Bank March 7 (Reuters) - An Israeli settler shot dead a 27-year-old Palestinian man in the "
    "occupied West Bank on Saturday, the Palestinian health ministry said.\n\nThe ministry said settlers and "
    "soldiers had killed more than 1,000 Palestinians in the West Bank since October 2023."
)


def test_placed_headline_and_paragraphs_tell_a_story_set_in_the_topics_places() -> None:
    start = SETTLER.index("more than 1,000 Palestinians")
    [gaza] = Relevance(TOPICS).score(
        "Israeli settler fatally shoots Palestinian man in West Bank, health ministry says",
        SETTLER,
        [(start, start + len("more than 1,000 Palestinians"))],
    )
    assert gaza.features is not None
    # The dateline and "in the West Bank" in the lead, and "in the West Bank" in the count's sentence: placed 2;
    # the title names the topic and a shooting: headline 1; both paragraphs are the topic's.
    assert (gaza.features.core, gaza.features.placed, gaza.features.headline, gaza.features.paragraphs) == (
        0.0,
        2.0,
        1.0,
        2.0,
    )
    assert (gaza.relevant, round(gaza.score, 2)) == (True, 0.78)


def test_an_article_whose_counts_are_another_topics_is_that_wars_story() -> None:
    # Reuters, 4 March 2026 (shared feed 07), abridged: the Iran war is why Hezbollah fights, not the story.
    text = (
        "BEIRUT, March 4 (Reuters) - Hezbollah's decision to enter the Middle East war in support of its patron "
        "Iran has opened a rift with its main political ally at home in Lebanon.\n\nThe attack drew swift Israeli "
        "retaliation in which dozens of Lebanese were killed and tens of thousands displaced in Lebanon.\n\n"
        "Hezbollah, Lebanon's most powerful armed group, fired rockets at Israel from southern Lebanon; Lebanese "
        "officials said Hezbollah had not consulted them.\n\nThe Lebanese health ministry said 52 people had been "
        "killed in Lebanon since Monday."
    )
    spans = [(text.index(s), text.index(s) + len(s)) for s in ("dozens of Lebanese were killed", "52 people")]
    scores = Relevance(TOPICS).score("Hezbollah's entry into Iran crisis deepens its isolation at home", text, spans)
    assert [(s.topic, s.relevant, s.veto) for s in scores] == [
        ("lebanon", True, None),
        ("iran", False, "another war: its counts are lebanon's"),
        ("gaza", False, None),
    ]
    iran = scores[1]
    assert iran.features is not None
    # Iran's share of the topics' weighted mentions (title ×3): 4 of 21, under the backdrop's fifth.
    assert (round(iran.features.share, 3), round(iran.score, 2)) == (0.19, 0.5)


def test_side_effect_words_in_the_title_and_lead_keep_a_markets_story_out() -> None:
    text = (
        "March 6 (Reuters) - Crude jumped and stock markets fell as investors weighed the risk to shipping and "
        "energy exports from the Iran war. Brent crude rose 4% to $92 a barrel."
    )
    [iran] = Relevance(TOPICS).score("Stocks slide, crude jumps as Iran war rattles markets", text)
    assert iran.features is not None
    # 13 side-effect words in 41 words of title and lead: capped at 10 per 100.
    assert (iran.features.side, iran.features.headline, iran.relevant, iran.veto) == (10.0, 1.0, False, None)
    assert round(iran.score, 3) == 0.017


def test_a_slavic_name_is_found_however_an_outlet_spells_its_ending() -> None:
    topics = {"ukraine": Topic(match=["Ukraine", "Zelensky"])}
    for title in ("Zelenskiy says he spoke to Saudi crown prince", "Zelenskyy meets Macron", "Zelensky in Rome"):
        [score] = Relevance(topics).score(title, "")
        assert score.hits == (("Zelensky", 1),)
    assert Relevance(topics).score("Zelenska visits a school", "") == []


def test_a_topic_named_only_as_a_headlines_backdrop_is_no_subject() -> None:
    text = (
        "SINGAPORE, March 6 (Reuters) - Wealthy Asians are moving assets out of Dubai, lawyers said, as the war on "
        "Iran rattles investors."
    )
    [iran] = Relevance(TOPICS).score("Wealthy Asians look to move Dubai assets closer to home on Iran war fears", text)
    [told] = Relevance(TOPICS).score("Iran fires missiles at Israel as strikes pound Tehran", IRAN_WAR)[:1]
    assert iran.features is not None and told.features is not None
    assert (iran.features.backdrop, told.features.backdrop) == (1.0, 0.0)


def test_a_story_another_war_leads_is_not_this_wars_for_naming_its_actors() -> None:
    # Reuters, 6 March 2026 (shared feed 07), abridged: Russia is an actor of the Iran war's story here.
    topics = {**TOPICS, "ukraine": Topic(match=["Ukraine", "Ukrainian", "Russia", "Russian", "Kremlin"])}
    text = (
        "WASHINGTON, March 6 (Reuters) - Russia is providing Iran with intelligence to help it target U.S. forces "
        "in the Middle East, the Washington Post reported.\n\nRussia has not publicly commented on the report. "
        "The Kremlin has called for an end to the U.S.-Israeli strikes on Iran.\n\nIran fired missiles at U.S. "
        "bases in the Gulf on Friday; Iranian officials said the strikes on Tehran had killed hundreds of Iranians. "
        "Iran's drones are the Shaheds Russia fires at Ukraine."
    )
    scores = {s.topic: s for s in Relevance(topics).score("Russia is providing Iran intelligence, WaPo says", text)}
    ukraine = scores["ukraine"].features
    assert ukraine is not None
    # Iran, not Ukraine, is named in the headline and the lead; the text names Iran far more often than Ukraine,
    # whose one mention is in a paragraph Iran leads.
    assert (ukraine.another, ukraine.outnamed) == (2.0, 1.0)
    assert (scores["iran"].relevant, scores["ukraine"].relevant) == (True, False)
