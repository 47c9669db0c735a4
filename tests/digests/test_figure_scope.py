"""Figure scoping on sentences of the shared feeds (Reuters, March 2026; Kyiv Independent, 2024): what a count
counts (one incident or a running total) and whether it is a count of its own."""

from __future__ import annotations

from digests.figure_scope import rejection, scope_of


def _scope(text: str, span: str) -> str | None:
    start = text.index(span)
    return scope_of(text, start, start + len(span))


def test_a_counts_own_words_stop_at_its_sentence() -> None:
    # "on the first day of the war" belongs to the sentence before: Lebanon's count is the ministry's running toll.
    text = (
        "Iran said 787 people had been killed in the country's south on the first day of the war. Another 77 have "
        "been killed in Lebanon, its Health Ministry says."
    )
    assert _scope(text, "77 have been killed") == "cumulative"


def test_a_sentence_that_tells_nothing_of_its_count_reads_the_sentence_before() -> None:
    drone = (
        "A downed Ukrainian drone fell next to a five-storey apartment building in Sevastopol, injuring nine "
        "people.\n\nNine people were injured, including six requiring hospital treatment, three of them children."
    )
    assert _scope(drone, "nine people") == "incident"
    assert _scope(drone, "Nine people were injured") == "incident"
    assert _scope(drone, "six requiring hospital treatment") == "incident"
    toll = (
        "Some 300,000 people have been displaced in Lebanon since Monday, the U.N. said. Just 100,000 of the "
        "displaced are in government shelters."
    )
    assert _scope(toll, "100,000 of the displaced") == "cumulative"
    assert _scope("Just 100,000 of the displaced are in government shelters.", "100,000") is None
    # A running total a paragraph earlier is too far: Ukraine's weekend count is no part of the US estimate.
    sample = (
        "This week marks the first time significant casualties have been reported since North Korea sent around "
        "10,000 troops to help Russia in October.\n\nIt comes after Ukraine claimed at least 30 North Korean "
        "soldiers were killed or wounded over the weekend."
    )
    assert _scope(sample, "at least 30") is None


def test_a_campaigns_or_wars_dead_are_a_running_total() -> None:
    offensive = (
        "President Volodymyr Zelensky said that around 20,000 Russian troops were killed during Russia's failed "
        "offensive in Kharkiv Oblast."
    )
    assert _scope(offensive, "around 20,000 Russian troops") == "cumulative"
    athletes = "Among the Ukrainian athletes killed by Russia's war are thirteen European and world champions."
    assert _scope(athletes, "thirteen") == "cumulative"


def test_a_swap_and_a_release_are_one_event() -> None:
    swap = "Ukraine brought home 300 servicemen and two civilians from Russia on the second day of a prisoner swap."
    assert _scope(swap, "300 servicemen") == "incident"
    assert _scope("In exchange, Israel has freed 39 Palestinian prisoners.", "39 Palestinian prisoners") == "incident"


def test_a_count_of_its_own_people_is_no_part_of_another_count() -> None:
    kuwait = "Kuwait's Fire Force said on Sunday that two of its officers were killed while performing duties."
    assert rejection(kuwait, 2026, "", "two of its officers were killed") is None
    sevastopol = "Nine people were injured, including six requiring hospital treatment, three of them children."
    assert rejection(sevastopol, 2026, "", "three of them children") == (
        "not a count (part of a group counted elsewhere)"
    )


def test_a_day_after_dates_an_event_and_is_no_rate() -> None:
    galle = (
        "Iranian sailors who survived a U.S. submarine strike were recovering at a hospital in Galle, authorities "
        "said on Thursday, a day after at least 87 were killed in the attack."
    )
    assert rejection(galle, 2026, "", "at least 87 were killed") is None
    assert rejection("About 50 people a day were killed in March.", 2026, "", "About 50 people") == (
        "not a count (a rate)"
    )
