"""Digest building from the real store: figures grouped by actor and kind, claims side by side, quotes picked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from digests.config.models import Topic
from digests.digest.build import DigestLimits, build_digest, group_stories
from digests.digest.model import ArticleRef
from digests.relevance import topic_patterns
from digests.render import render
from digests.store.db import Store
from tests.factories import NOW, add_sample, article


def _sample(store: Store) -> None:
    add_sample(store)
    with store.session() as s:
        article(
            s,
            "https://example.org/gaza",
            title="Gaza",
            topics=("gaza",),
            figures=({"kind": "killed", "min": 5, "max": 5},),
        )


def test_sample_figures_group_by_side_with_disagreeing_claims_side_by_side(store: Store) -> None:
    _sample(store)
    with store.session() as s:
        digest = build_digest(s, topics=["north-korea"], title="NK", now=NOW)
    groups = [(g.actor, g.kind, [(c.min, c.max, c.qualifier, c.claimant) for c in g.claims]) for g in digest.figures]
    assert groups == [
        ("Russia", "casualties", [(700000, 700000, "around", "estimates")]),
        (
            "North Korea",
            "casualties",
            [(200, 900, "several hundred", "US official"), (30, None, "at least", "Ukraine")],
        ),
        ("North Korea", "deployed", [(10000, 10000, "around", None)]),
    ]
    assert digest.figures[1].disagree is True
    assert (digest.article_count, [a.title for a in digest.articles]) == (
        1,
        ["Hundreds of North Korean troops killed or wounded"],
    )


def test_quotes_prefer_weighty_named_ones_at_most_two_per_speaker(store: Store) -> None:
    _sample(store)
    with store.session() as s:
        digest = build_digest(s, topics=["north-korea"], title="NK", now=NOW, limits=DigestLimits(max_quotes=4))
    assert [(q.speaker, q.text[:40]) for q in digest.quotes] == [
        ("senior US military official", "Several hundred casualties is our latest"),
        ("Volodymyr Zelenskyy", "Ukraine’s Defence Forces and intelligenc"),
        ("Volodymyr Zelenskyy", "not a single reason for North Koreans to"),
        ("Donald Trump", "It’s very level fields [in Ukraine], the"),
    ]


def test_only_articles_after_the_high_water_mark_and_announced_ones_count(store: Store) -> None:
    with store.session() as s:
        first = article(s, "https://a.example/1", topics=("gaza",))
        article(s, "https://a.example/2", topics=("gaza",), is_new=False)
        third = article(s, "https://a.example/3", topics=("gaza", "sudan"))
        article(s, "https://a.example/4", topics=("sudan",))
    with store.session() as s:
        everything = build_digest(s, topics=["gaza"], title="G", now=NOW)
        later = build_digest(s, topics=["gaza"], title="G", now=NOW, after_id=first.id)
        nothing = build_digest(s, topics=["gaza"], title="G", now=NOW, after_id=third.id)
    assert [a.id for a in everything.articles] == [third.id, first.id]
    assert (later.article_count, later.last_article_id) == (1, third.id)
    assert (nothing.empty, nothing.last_article_id) == (True, third.id)


def test_counts_of_unnamed_people_stay_with_their_story_while_sides_merge(store: Store) -> None:
    with store.session() as s:
        article(
            s,
            "https://wire.example/kharkiv",
            title="Russia hits Kharkiv, kills seven",
            topics=("ukraine",),
            figures=(
                {"kind": "killed", "min": 7, "max": 7, "actor": "people", "attributed_to": "Oleh Syniehubov"},
                {
                    "kind": "killed",
                    "min": 20000,
                    "max": 20000,
                    "actor": "Russian soldiers",
                    "qualifier": "around",
                    "attributed_to": "Volodymyr Zelensky",
                },
            ),
        )
        article(
            s,
            "https://wire.example/odesa",
            title="Drone strike on Odesa",
            topics=("ukraine",),
            figures=(
                {"kind": "killed", "min": 3, "max": 3, "actor": "civilians", "attributed_to": "the governor"},
                {"kind": "killed", "min": 12, "max": None, "actor": "people", "qualifier": "at least"},
                {"kind": "killed", "min": 1000, "max": 1000, "actor": "Russia", "attributed_to": "Ukraine's army"},
            ),
        )
    with store.session() as s:
        digest = build_digest(s, topics=["ukraine"], title="U", now=NOW)
    assert [
        (g.actor, [(c.min, c.claimant) for c in g.claims], g.event.title if g.event else None) for g in digest.figures
    ] == [
        ("Russia", [(1000, "Ukraine's army"), (20000, "Volodymyr Zelensky")], None),
        ("People", [(12, None)], "Drone strike on Odesa"),
        ("People", [(7, "Oleh Syniehubov")], "Russia hits Kharkiv, kills seven"),
        ("Civilians", [(3, "governor")], "Drone strike on Odesa"),
    ]


def test_a_claimants_running_total_of_unnamed_people_is_one_series_across_articles(store: Store) -> None:
    # The Lebanese health ministry's toll as Reuters reported it day by day (shared feed 07, March 2026).
    days = [
        ("https://wire.example/lb-2", 2, 52, "Lebanese health ministry"),
        ("https://wire.example/lb-3", 3, 77, "the Lebanese health ministry"),
        ("https://wire.example/lb-4", 4, 123, "Lebanon's health ministry"),
        ("https://wire.example/lb-5", 5, 217, "Health Ministry"),
        ("https://wire.example/lb-6", 6, 300, "Lebanon's Health Ministry"),
    ]
    with store.session() as s:
        for url, day, killed, ministry in days:
            article(
                s,
                url,
                title=f"Israeli strikes on Lebanon, day {day}",
                topics=("lebanon",),
                published_at=NOW - timedelta(days=7 - day),
                figures=(
                    {
                        "kind": "killed",
                        "min": killed,
                        "max": killed,
                        "actor": "people",
                        "attributed_to": ministry,
                        "scope": "cumulative",
                    },
                ),
            )
        # One strike's toll, unattributed, stays with its own story.
        article(
            s,
            "https://wire.example/lb-hotel",
            title="Four killed in Beirut hotel strike",
            topics=("lebanon",),
            figures=({"kind": "killed", "min": 4, "max": None, "actor": "people", "scope": "incident"},),
        )
    with store.session() as s:
        digest = build_digest(s, topics=["lebanon"], title="L", now=NOW)
    assert [(g.actor, g.scope, [(c.min, c.claimant) for c in g.claims]) for g in digest.figures] == [
        ("People", "cumulative", [(300, "Lebanon's Health Ministry")]),
        ("People", "incident", [(4, None)]),
    ]


def test_an_odd_number_said_again_is_one_count_whoever_repeats_it(store: Store) -> None:
    # The frigate sunk off Sri Lanka (shared feed 07, March 2026): "87 bodies", "at least 87 people", "87
    # sailors" in three stories are one count; "12 people" from two claimants in two stories are not (a round,
    # small number).
    with store.session() as s:
        for i, (n, high, actor, claimant, scope) in enumerate(
            [
                (87, 87, "sailors", "Sri Lankan authorities", "incident"),
                (87, None, "people", None, None),
                (87, 87, "sailors", None, "incident"),
                (12, 12, "people", "police", "incident"),
                (12, 12, "people", "the governor", "incident"),
            ]
        ):
            article(
                s,
                f"https://wire.example/frigate-{i}",
                title=f"Frigate story {i}",
                topics=("iran",),
                published_at=NOW - timedelta(hours=10 - i),
                figures=(
                    {
                        "kind": "killed",
                        "min": n,
                        "max": high,
                        "actor": actor,
                        "attributed_to": claimant,
                        "scope": scope,
                    },
                ),
            )
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="I", now=NOW)
    assert [(g.actor, g.scope, [(c.min, c.max, c.claimant) for c in g.claims]) for g in digest.figures] == [
        ("Sailors", "incident", [(87, 87, "Sri Lankan authorities")]),  # the unclaimed tellings add nothing
        ("People", "incident", [(12, 12, "police")]),
        ("People", "incident", [(12, 12, "governor")]),
    ]


def _incident(
    s: Session, i: int, n: int, high: int | None, actor: str | None, claimant: str | None, **extra: Any
) -> None:
    title = extra.pop("title", f"Iran war story {i}")
    hours = extra.pop("hours", 10 - i)
    figure = {"kind": "killed", "min": n, "max": high, "actor": actor, "attributed_to": claimant, "scope": "incident"}
    article(
        s,
        f"https://wire.example/minab-{i}",
        title=title,
        topics=("iran",),
        published_at=NOW - timedelta(hours=hours),
        figures=({**figure, **extra},),
    )


def test_one_strike_told_in_different_words_by_different_stories_is_one_line(store: Store) -> None:
    # The Minab school strike (shared feed 07, March 2026), as five stories counted it.
    with store.session() as s:
        _incident(s, 0, 160, None, "people", "Tehran", anchors="school", qualifier="more than")
        _incident(s, 1, 165, 165, "girls", None, anchors="school", title="UN urges inquiry into attack on Iran school")
        _incident(s, 2, 175, 175, "schoolgirls", "Iranian Red Crescent Society", anchors="minab school")
        _incident(s, 3, 150, 150, "students", "Ali Bahreini", anchors="geneva minab school")
        _incident(s, 4, 40, 99, "children", "U.S. officials", anchors="school", qualifier="scores")
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="I", now=NOW)

    (line,) = digest.figures
    assert (line.actor, line.scope, line.event and line.event.title) == (
        "People",
        "incident",
        "UN urges inquiry into attack on Iran school",  # the headline that names what was hit
    )
    assert [(c.claimant, c.counted) for c in line.claims] == [
        ("U.S. officials", "children"),
        ("Ali Bahreini", "students"),
        ("Iranian Red Crescent Society", "schoolgirls"),
        (None, "girls"),
        ("Tehran", "people"),
    ]
    text = render(digest, "text")[0]["text"]
    assert (
        "People · killed: scores of children — U.S. officials · 150 students — Ali Bahreini · 175 schoolgirls — "
        "Iranian Red Crescent Society · 165 girls — via bbc · more than 160 people — Tehran"
    ) in " ".join(text.split())


def test_incidents_stay_apart_in_other_towns_far_apart_in_time_or_of_other_sizes(store: Store) -> None:
    with store.session() as s:
        _incident(s, 0, 12, 12, "people", "police", anchors="hospital khan_younis")
        _incident(s, 1, 9, 9, "people", "the ministry", anchors="hospital rafah")  # another town's hospital
        _incident(s, 2, 11, 11, "people", "medics", anchors="hospital", hours=24 * 6)  # six days earlier
        _incident(s, 3, 2, 2, "people", "the army", anchors="hospital khan_younis")  # 2 is no count of 12
        _incident(s, 4, 13, 13, "patients", "doctors", anchors="hospital khan_younis")  # the same strike
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="I", now=NOW)

    assert sorted((g.actor, sorted(c.min or 0 for c in g.claims)) for g in digest.figures) == [
        ("People", [2]),
        ("People", [9]),
        ("People", [11]),
        ("People", [12, 13]),
    ]


def test_a_toll_of_unclear_scope_joins_its_incident_but_displacement_never_does(store: Store) -> None:
    with store.session() as s:
        _incident(s, 0, 165, 165, "girls", None, anchors="school")
        # "the girls' school … with a death toll that authorities have put at 150": no scope said.
        _incident(s, 1, 150, 150, None, "authorities", anchors="hospital school", scope=None)
        _incident(s, 2, 160, None, "people", "Tehran", anchors="school", qualifier="more than")
        _incident(s, 3, 200, 200, "families", "UNHCR", anchors="school", kind="displaced")
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="I", now=NOW)

    assert [(g.actor, g.kind, sorted(c.min or 0 for c in g.claims)) for g in digest.figures] == [
        ("People", "killed", [150, 160, 165]),
        ("Families", "displaced", [200]),
    ]


def test_claims_of_the_very_same_number_are_one_claim_naming_every_claimant(store: Store) -> None:
    # The Iran war's toll as five stories told it: three named claimants and one outlet's own words give 1,332
    # (two with "at least"), the Red Crescent a different count.
    tellings = [
        (1230, "at least", "Iranian Red Crescent"),
        (1332, "at least", "Amir Saeid Iravani"),
        (1332, "at least", "Iran's U.N. ambassador"),
        (1332, None, None),
        (1332, None, "foreign ministry"),
    ]
    with store.session() as s:
        for i, (n, qualifier, claimant) in enumerate(tellings):
            article(
                s,
                f"https://wire.example/toll-{i}",
                topics=("iran",),
                published_at=NOW - timedelta(hours=5 - i),
                figures=(
                    {
                        "kind": "killed",
                        "min": n,
                        "max": None,
                        "actor": "people",
                        "qualifier": qualifier,
                        "attributed_to": claimant,
                        "scope": "cumulative",
                    },
                ),
            )
    with store.session() as s:
        digest = build_digest(s, topics=["iran"], title="I", now=NOW)

    (line,) = digest.figures
    assert [(c.claimant, c.min, c.qualifier, c.also) for c in line.claims] == [
        ("foreign ministry", 1332, None, ("Iran's U.N. ambassador", "Amir Saeid Iravani")),
        ("Iranian Red Crescent", 1230, "at least", ()),
    ]
    text = " ".join(render(digest, "text")[0]["text"].split())
    assert (
        "People · killed (total): at least 1,332 — foreign ministry, Iran's U.N. ambassador, Amir Saeid Iravani"
        " · at least 1,230 — Iranian Red Crescent SOURCES"
    ) in text  # no "via" telling of the same number beside the named ones


def test_a_quote_about_another_topics_war_stays_out_of_this_topics_digest(store: Store) -> None:
    # Shared feed 07 (March 2026): a story on Ukraine's interceptor drone makers quotes a White House spokeswoman
    # on the Iran war; the Ukraine channel should not read it.
    with store.session() as s:
        article(
            s,
            "https://wire.example/drone-makers",
            topics=("ukraine",),
            quotes=(
                {
                    "text": "The Iranian regime is being absolutely crushed, their navy is being wiped out",
                    "speaker": "Anna Kelly",
                },
                {"text": "Ukraine has the most battle-tested interceptor drones in the world", "speaker": "Oleksandr"},
                {"text": "We are ready to sell them to anyone who asks us now", "speaker": "a drone maker"},
            ),
        )
    topics = {"ukraine": {"match": ["Ukraine", "Kyiv"]}, "iran": {"match": ["Iran", "Iranian", "Tehran"]}}
    terms = topic_patterns({name: Topic.model_validate(t) for name, t in topics.items()})
    with store.session() as s:
        scoped = build_digest(s, topics=["ukraine"], title="U", now=NOW, terms=terms)
        unscoped = build_digest(s, topics=["ukraine"], title="U", now=NOW)
    assert [q.speaker for q in scoped.quotes] == ["Oleksandr", "a drone maker"]
    assert [q.speaker for q in unscoped.quotes] == ["Anna Kelly", "Oleksandr", "a drone maker"]


def test_people_held_whose_counts_tell_of_release_read_released(store: Store) -> None:
    with store.session() as s:
        for i, released in enumerate((True, True, None)):
            article(
                s,
                f"https://wire.example/swap-{i}",
                topics=("ukraine",),
                published_at=NOW - timedelta(hours=5 - i),
                figures=(
                    {"kind": "captured", "min": 300, "max": 300, "actor": "POWs", "attributed_to": f"officials {i}"}
                    | {"released": released},
                ),
            )
    with store.session() as s:
        digest = build_digest(s, topics=["ukraine"], title="U", now=NOW)

    (line,) = digest.figures
    assert (line.kind, line.released) == ("captured", True)
    assert "POWs · released: 300" in render(digest, "text")[0]["text"]
    assert "POWs* · released: *300*" in render(digest, "slack")[0]["blocks"][2]["text"]["text"]


def test_a_story_is_named_by_its_latest_headline_and_lists_every_outlet() -> None:
    # An outlet's rolling updates of one event and another outlet's report: one item, its newest headline first.
    def ref(i: int, title: str, source: str, hours: int, story: int) -> ArticleRef:
        return ArticleRef(i, title, f"https://x.example/{i}", source, NOW + timedelta(hours=hours), story=story)

    articles = [
        ref(1, "Sri Lanka rescues 30 from Iranian ship", "Reuters", 0, 1),
        ref(2, "Drone strike on Kyiv", "BBC News", 1, 2),
        ref(3, "At least 80 killed in strike on Iranian warship", "Reuters", 6, 1),
        ref(4, "Iranian warship sunk off Sri Lanka", "Al Jazeera", 3, 1),
    ]
    stories = group_stories(articles)
    assert [(s.id, s.title, [a.id for a in s.articles], s.sources) for s in stories] == [
        (
            1,
            "At least 80 killed in strike on Iranian warship",
            [3, 4, 1],
            ("Reuters", "Al Jazeera"),
        ),
        (2, "Drone strike on Kyiv", [2], ("BBC News",)),
    ]
