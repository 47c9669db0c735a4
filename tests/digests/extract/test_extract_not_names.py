"""Who claims a count and who it counts, as the shared feeds' digests showed them wrong (feed 07, March 2026): a
dateline's city ("Health care workers · killed: 4 — GENEVA"), a place behind a compound adjective ("People ·
wounded: 9 — Russian-held Crimea"), a 'with' clause, a severity adverb, a body named in the possessive, troops
readied by a country."""

from __future__ import annotations

from digests.extract import extract

WHO = (
    "GENEVA, March 5 (Reuters) - The World Health Organization chief said on Thursday that it has verified 13"
    " attacks on health infrastructure in Iran amid a U.S.-Israeli campaign, killing four health care workers"
    " and injuring 25 others."
)


def test_a_role_after_a_dateline_is_not_the_dateline_city() -> None:
    assert [(f.kind, f.min, f.actor, f.attributed_to) for f in extract(WHO).figures] == [
        ("killed", 4, "health care workers", "World Health Organization chief"),
        ("wounded", 25, None, "World Health Organization chief"),
    ]


def test_a_person_named_in_the_sentence_still_claims_after_a_dateline() -> None:
    text = "KYIV, March 6 (Reuters) - Governor Oleh Syniehubov said a Russian missile killed seven people in Kharkiv."
    assert [(f.min, f.attributed_to) for f in extract(text).figures] == [(7, "Oleh Syniehubov")]


def test_a_place_behind_a_compound_adjective_is_no_persons_name() -> None:
    text = (
        "March 6 (Reuters) - A downed Ukrainian drone fell next to an apartment building in the port of Sevastopol"
        " in Russian-held Crimea, injuring nine people, the Russia-appointed governor said early on Friday."
    )
    assert [(f.min, f.attributed_to) for f in extract(text).figures] == [(9, "Russia-appointed governor")]


def test_a_with_clause_claims_its_own_words_not_the_count_before_it() -> None:
    # "with Israel saying it targeted ..." is Israel's claim of a target: the toll before it is no one's
    text = (
        "BEIRUT, March 8 (Reuters) - At least four people were killed when an Israeli strike hit an apartment in"
        " central Beirut early on Sunday, with Israel saying it targeted Iranian commanders in the capital."
    )
    assert [(f.min, f.attributed_to) for f in extract(text).figures] == [(4, None)]


def test_a_with_clause_that_gives_the_count_claims_it() -> None:
    text = "Troops fired on the crowd on Friday, with witnesses saying at least 12 people were killed."
    assert [(f.min, f.attributed_to) for f in extract(text).figures] == [(12, "witnesses")]


def test_the_adverb_of_a_state_word_is_no_part_of_who_is_counted() -> None:
    # Shared feed 07: the Lebanon channel showed "Critically soldiers · wounded: 2"
    text = "In addition to the two critically injured soldiers, the statement said another soldier was traumatised."
    assert [(f.kind, f.min, f.actor) for f in extract(text).figures] == [("wounded", 2, "soldiers")]


def test_the_body_a_short_name_points_at_may_have_been_written_possessive() -> None:
    # Shared feed 07: the Ukraine channel quoted "authority" for Hungary's tax authority
    text = (
        "The Hungarian Tax Authority's decision to have counter-terrorism forces swoop on two vehicles marks an"
        ' escalation.\n\n"The agency is pursuing criminal proceedings on suspicion of money laundering," the'
        " authority said in a statement."
    )
    assert [q.speaker for q in extract(text).quotes] == ["Hungarian Tax Authority"]


def test_troops_readied_are_the_readying_countrys() -> None:
    # Shared feed 07: the Gaza channel showed "Troops · deployed: 1,000 — army"
    text = (
        "Indonesia is readying 1,000 troops for potential deployment in Gaza by early April as part of a proposed"
        " multinational peacekeeping force, its army said."
    )
    assert [(f.kind, f.min, f.actor) for f in extract(text).figures] == [("deployed", 1000, "Indonesia")]
