"""Whose count it is: fighters written without their side take the side their clause names, a nationality alone
is people, and one side's deaths told in other words by other outlets group as one count."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from digests.config.models import Topic
from digests.digest.build import build_digest
from digests.digest.entities import nationals, people_key, unsided_fighters
from digests.digest.sides import clause_of, sentence_sides
from digests.relevance import topic_patterns
from digests.render import render
from digests.store.db import Store
from tests.factories import NOW, article


@pytest.mark.parametrize(
    ("sentence", "sides"),
    [
        ("American casualties have been low so far, with six service members killed", {"US"}),
        ("The Pentagon on Wednesday identified two more soldiers who were killed in the war against Iran.", {"US"}),
        ("The U.S. military on Tuesday identified four soldiers of the same command", {"US"}),
        ("a drone attack on a U.S. military facility in Port Shuaiba, Kuwait that also killed four reservists", {"US"}),
        # What struck is not whose the dead are; a place is not a side; nor is a nationality opening a name.
        ("Iranian attacks have killed four soldiers", set()),
        ("U.S.-Israeli strikes killed six soldiers", set()),
        (
            "The Israeli military said two of its soldiers were killed in southern Lebanon, as Israel intensified "
            "air strikes on Lebanon",
            {"Israel"},
        ),
        ("an attack on an Iranian Kurdish opposition group in Iraq's Kurdistan region, wounding two fighters", set()),
        ("Two security sources told Reuters that three army troops were among the dead.", set()),
        ("Let us count the soldiers who came home", set()),  # "us" is no side
    ],
)
def test_the_sides_a_clause_names_as_its_peoples_own(sentence: str, sides: set[str]) -> None:
    assert sentence_sides(sentence) == sides


def test_a_counts_clause_stops_where_the_sentence_turns_to_other_people() -> None:
    sentence = (
        "The U.S. military has said six of its service members were killed in a strike on a facility in Kuwait, "
        "while Israeli tallies show at least 10 civilians have been killed across Israel."
    )
    start = sentence.index("six")
    assert clause_of(sentence, start, start + 3) == sentence[: sentence.index(", while")]


@pytest.mark.parametrize(
    ("actor", "unsided", "national", "key"),
    [
        ("service members", True, False, "Service members"),
        ("Army Reserve soldiers", True, False, "Army Reserve soldiers"),
        ("four other reservists", False, False, "Four other reservists"),  # a count's words are no actor
        ("other reservists", True, False, "Other reservists"),
        ("U.S. service members", False, False, "US"),
        ("Lebanese", False, True, "Lebanese"),
        ("Iranians", False, True, "Iranians"),
        ("Russia", False, False, "Russia"),  # the party itself, as the sample's "around 700,000 casualties"
        ("DPRK", False, False, "North Korea"),
        ("civilians", False, False, "Civilians"),
    ],
)
def test_fighters_without_a_side_and_nationalities_alone(actor: str, unsided: bool, national: bool, key: str) -> None:
    assert (unsided_fighters(actor), nationals(actor), people_key(actor)) == (unsided, national, key)


# The US service members killed in the first week of the Iran war (shared feed 07, March 2026), as seven reports
# worded them: a running total three ways, and the drone attack on the facility at Port Shuaiba, Kuwait (told
# as in Kuwait, at Port Shuaiba, or both).
_REPORTS: list[tuple[str, str, dict[str, Any], int]] = [
    (
        "One week into Iran war, dangers for US multiply",
        "American casualties have been low so far, with six service members killed, and Trump has shrugged.",
        {"min": 6, "max": 6, "actor": "service members", "scope": "cumulative", "span": "six service members killed"},
        6,
    ),
    (
        "US winning the war against Iran, Hegseth says",
        "Pete Hegseth lamented six U.S. troops killed so far in the conflict.",
        {
            "min": 6,
            "max": 6,
            "actor": "U.S. troops",
            "attributed_to": "Pete Hegseth",
            "scope": "cumulative",
            "span": "six U.S. troops killed",
        },
        8,
    ),
    (
        "Pentagon identifies two soldiers killed in Iran war",
        "The Pentagon on Wednesday identified two more soldiers who were killed in the war against Iran. The two "
        "Army Reserve soldiers died in a drone attack on a U.S. military facility in Port Shuaiba, Kuwait that "
        "also killed four other reservists.",
        {
            "min": 4,
            "max": 4,
            "actor": "reservists",
            "scope": "incident",
            "anchors": "port_shuaiba",
            "span": "four other reservists",
        },
        30,
    ),
    (
        "Pentagon identifies two soldiers killed in Iran war, update",
        "The Pentagon on Wednesday identified two more soldiers who were killed in the war against Iran.",
        {"min": 2, "max": 2, "actor": "soldiers", "scope": "cumulative", "span": "two more soldiers"},
        29,
    ),
    (
        "Pakistani convicted of plotting to kill Trump over death of Iran commander",
        "The U.S. military has said six of its service members were killed in a strike on a facility in Kuwait, "
        "while Israeli tallies show at least 10 civilians have been killed across Israel.",
        {
            "min": 6,
            "max": 6,
            "actor": "service members",
            "attributed_to": "U.S. military",
            "scope": "incident",
            "anchors": "kuwait",
            "span": "six of its service members were killed",
        },
        4,
    ),
    (
        "Russia is providing Iran intelligence to target US forces, Washington Post reports",
        "The U.S. military has identified six reserve soldiers killed in Kuwait when a drone slammed into a U.S. "
        "military facility in Port Shuaiba.",
        {
            "min": 6,
            "max": 6,
            "actor": "reserve soldiers",
            "scope": "incident",
            "anchors": "kuwait port_shuaiba",
            "span": "six reserve soldiers killed",
        },
        20,
    ),
    (
        "Pentagon identifies first US soldiers killed in Iran war",
        "The facility in Kuwait where the four deaths occurred had no fortified roof, two officials told Reuters.",
        {
            "min": 4,
            "max": 4,
            "actor": None,
            "attributed_to": "officials",
            "scope": "incident",
            "anchors": "kuwait",
            "span": "the four deaths",
        },
        50,
    ),
]


def test_one_sides_dead_worded_six_ways_are_its_running_total_and_its_incident(store: Store) -> None:
    with store.session() as s:
        for i, (title, text, figure, hours) in enumerate(_REPORTS):
            start = text.index(figure["span"])
            article(
                s,
                f"https://wire.example/us-dead-{i}",
                title=title,
                topics=("iran",),
                text=text,
                published_at=NOW - timedelta(hours=hours),
                figures=({"kind": "killed", **figure, "start": start, "end": start + len(figure["span"])},),
            )
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="Iran", now=NOW)

    assert [
        (g.actor, g.scope, g.event and g.event.title, [(c.min, c.claimant, c.counted) for c in g.claims])
        for g in digest.figures
    ] == [
        # The latest unclaimed count (six, not the two identified earlier) is Hegseth's six told again.
        ("US", "cumulative", None, [(6, "Pete Hegseth", None)]),
        # The attack, named by the report of its dead rather than by a story that mentions it.
        (
            "US",
            "incident",
            "Pentagon identifies first US soldiers killed in Iran war",
            [(6, "U.S. military", None), (4, "officials", None)],
        ),
    ]
    text = " ".join(render(digest, "text")[0]["text"].split())
    assert "US · killed (total): 6 — Pete Hegseth" in text
    assert "US · killed: 6 — U.S. military · 4 — officials (in “Pentagon identifies first US soldiers" in text


def test_a_nationality_counted_alone_is_named_as_people_not_as_the_party(store: Store) -> None:
    # "The attack drew swift Israeli retaliation in which dozens of Lebanese were killed" (feed 07).
    with store.session() as s:
        article(
            s,
            "https://wire.example/lebanese",
            title="Hezbollah's entry into Iran crisis deepens its isolation at home",
            topics=("lebanon",),
            figures=(
                {"kind": "killed", "min": 24, "max": 99, "actor": "Lebanese", "scope": "incident"},
                {"kind": "casualties", "min": 700, "max": 700, "actor": "Russia", "scope": "cumulative"},
            ),
        )
    with store.session() as s:
        digest = build_digest(s, topics=["lebanon"], title="Lebanon", now=NOW)
    assert [(g.actor, g.kind) for g in digest.figures] == [("Lebanese", "killed"), ("Russia", "casualties")]


def test_a_topics_own_nationality_joins_its_toll_of_people_and_names_it_when_it_is_all_of_it(store: Store) -> None:
    terms = topic_patterns(
        {
            "iran": Topic(title="Iran", match=["Iran", "Iranian", "Tehran"]),
            "gaza": Topic(title="Gaza", match=["Gaza", "Palestinians", "Israel", "Israeli"]),
            "ukraine": Topic(title="Ukraine", match=["Ukraine", "Ukrainian", "Kyiv"]),
        }
    )
    tolls = [
        ("iran", 200, 999, "Iranians", None, 30),  # "the airstrikes have killed hundreds of Iranians since Saturday"
        ("iran", 1000, None, "people", None, 10),
        ("iran", 1332, None, "Iranian civilians", "Iran's U.N. ambassador", 5),
        ("iran", 11, 11, "Israelis", None, 5),  # another nation's people: a toll of their own
        ("gaza", 72000, 72000, "Palestinians", "Gaza health ministry", 5),
        # A nationality whose number could be no count of the topic's toll of people stays apart: "thirteen"
        # champions among "the tens of thousands of Ukrainians killed" (the champions' words read as no one).
        ("ukraine", 13, 13, None, None, 5),
        ("ukraine", 20000, 99999, "Ukrainians", "Ukraine's Youth and Sports Ministry", 6),
    ]
    with store.session() as s:
        for i, (topic, low, high, actor, claimant, hours) in enumerate(tolls):
            article(
                s,
                f"https://wire.example/toll-{i}",
                topics=(topic,),
                published_at=NOW - timedelta(hours=hours),
                figures=(
                    {
                        "kind": "killed",
                        "min": low,
                        "max": high,
                        "actor": actor,
                        "attributed_to": claimant,
                        "scope": "cumulative",
                    },
                ),
            )
    with store.session() as s:
        iran = build_digest(s, topics=["iran"], title="Iran", now=NOW, terms=terms)
        gaza = build_digest(s, topics=["gaza"], title="Gaza", now=NOW, terms=terms)
        ukraine = build_digest(s, topics=["ukraine"], title="Ukraine", now=NOW, terms=terms)
    assert [(g.actor, [(c.min, c.claimant) for c in g.claims]) for g in iran.figures] == [
        ("People", [(1332, "Iran's U.N. ambassador"), (1000, None)]),  # the older "hundreds" was the outlet's
        ("Israelis", [(11, None)]),
    ]
    assert [(g.actor, [(c.min, c.claimant) for c in g.claims]) for g in gaza.figures] == [
        ("Palestinians", [(72000, "Gaza health ministry")])
    ]
    assert [(g.actor, [(c.min, c.claimant) for c in g.claims]) for g in ukraine.figures] == [
        ("Ukrainians", [(20000, "Ukraine's Youth and Sports Ministry")]),
        ("People", [(13, None)]),
    ]


def test_an_incidents_first_toll_raised_within_a_day_is_superseded_not_shown(store: Store) -> None:
    # The IRIS Dena sunk off Sri Lanka (feed 07): "one dead" on the first morning, 80 and 87 by the next day.
    with store.session() as s:
        _toll(s, 0, 1, 1, "sources in Sri Lanka's navy", "ship sri_lanka", hours=30)
        _toll(s, 1, 80, None, "Sri Lanka's deputy foreign minister", "ship sri_lanka", hours=26)
        _toll(s, 2, 87, 87, "authorities", "galle ship sri_lanka", hours=8)
        # A smaller count reported after a larger one is no early toll (another strike on the same site), nor is
        # one reported days before.
        _toll(s, 3, 2, 2, "the navy", "ship sri_lanka", hours=6)
        _toll(s, 4, 20, 20, "the coast guard", "ship sri_lanka", hours=60)
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="Iran", now=NOW)
    assert [[(c.min, c.claimant) for c in g.claims] for g in digest.figures] == [
        [(87, "authorities"), (80, "Sri Lanka's deputy foreign minister")],
        [(20, "coast guard")],
        [(2, "navy")],
    ]


def _toll(s: Any, i: int, low: int, high: int | None, claimant: str, anchors: str, hours: int) -> None:
    article(
        s,
        f"https://wire.example/dena-{i}",
        topics=("iran",),
        published_at=NOW - timedelta(hours=hours),
        figures=(
            {
                "kind": "killed",
                "min": low,
                "max": high,
                "actor": "people",
                "attributed_to": claimant,
                "scope": "incident",
                "anchors": anchors,
            },
        ),
    )


def test_people_said_as_part_of_the_count_before_are_no_line_of_their_own(store: Store) -> None:
    # Sevastopol, March 6 (feed 07): "Nine people were injured, including six requiring hospital treatment,
    # three of them children." The six are the nine told again; the children are a part worth naming.
    text = "Nine people were injured, including six requiring hospital treatment, three of them children."
    spans = [
        ("Nine people were injured", 9, "people"),
        ("six requiring hospital treatment", 6, None),
        ("three of them children", 3, "children"),
    ]
    figures = tuple(
        {
            "kind": "wounded",
            "min": n,
            "max": n,
            "actor": actor,
            "scope": "incident",
            "span": span,
            "start": text.index(span),
            "end": text.index(span) + len(span),
        }
        for span, n, actor in spans
    )
    with store.session() as s:
        article(s, "https://wire.example/sevastopol", topics=("ukraine",), text=text, figures=figures)
    with store.session() as s:
        digest = build_digest(s, topics=["ukraine"], title="Ukraine", now=NOW)
    assert [(g.actor, [c.min for c in g.claims]) for g in digest.figures] == [("People", [9]), ("Children", [3])]


def test_a_claimants_later_telling_in_words_does_not_replace_its_number(store: Store) -> None:
    # Baalbek, March 4 (feed 07): the state news agency's "at least four people" killed in a strike on a building,
    # then in another story "several people were killed" in the same strike; a later number still updates.
    with store.session() as s:
        for i, (low, high, qualifier, claimant, hours) in enumerate(
            [
                (4, None, "at least", "state news agency NNA", 10),
                (2, 9, "several", "state news agency NNA", 8),
                (5, 5, None, "civil defence", 9),
                (6, 6, None, "civil defence", 7),
            ]
        ):
            article(
                s,
                f"https://wire.example/baalbek-{i}",
                title=f"Story {i}",
                topics=("lebanon",),
                published_at=NOW - timedelta(hours=hours),
                figures=(
                    {
                        "kind": "killed",
                        "min": low,
                        "max": high,
                        "qualifier": qualifier,
                        "actor": "people",
                        "attributed_to": claimant,
                        "scope": "incident",
                        "anchors": "baalbek building",
                    },
                ),
            )
    with store.session() as s:
        digest = build_digest(s, topics=["lebanon"], title="Lebanon", now=NOW)
    assert [[(c.min, c.max, c.claimant) for c in g.claims] for g in digest.figures] == [
        [(6, 6, "civil defence"), (4, None, "state news agency NNA")]
    ]
