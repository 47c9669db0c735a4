"""Exact speakers for the news-writing patterns behind blind set 8's speaker misses (issue 14): a title or a
clause run on after a name, "the statement" / "the official" pointing at the person named just before, a
statement named after its issuer, a full stop typed without a space, a picture as a sentence's subject, a
station quoting a ministry; and an event's title in marks, which is no quotation. The sentences are written for
these tests."""

from __future__ import annotations

import pytest

from digests.extract import extract
from tests.digests.extract.checked import quote_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a body's possessive title after the name is no part of it
            "“The blockade is deepening a grave crisis,” said Maria Santos UNICEF’s Representative in Sudan.",
            [("Maria Santos", "The blockade is deepening a grave crisis")],
        ),
        (  # ... and a possessive before a title and a name leaves the name after it
            "“The talks will resume on Monday in Doha,” said Donald Trump’s Envoy Steve Witkoff.",
            [("Steve Witkoff", "The talks will resume on Monday in Doha")],
        ),
        (  # a clause after an inverted speaker ends the name
            "Local leaders, including senator John Okafor, said 12 were killed.\n\n“We mourn every one of them,”"
            " said Okafor as he read out the list of the dead.",
            [("John Okafor", "We mourn every one of them")],
        ),
        (  # a body's name before its head's name: the person speaks
            "The attack was reported by the governor of the Sumy Regional Military Administration Oleh Hryhorov,"
            " Suspilne reports.\n\n“Two civilians were wounded in the shelling,” the statement said.",
            [("Oleh Hryhorov", "Two civilians were wounded in the shelling")],
        ),
        (  # "the official" after "according to <role>, <Name>," is that person
            "Twelve people were hurt, according to the head of the regional administration, Ivan Petrenko, and"
            " police chief Oleksandr Bilyi.\n\n“Two of them are in serious condition,” the official said.",
            [("Ivan Petrenko", "Two of them are in serious condition")],
        ),
        (  # a statement named after its issuer speaks for the issuer, and so does "it" after it
            "A convoy was “the target of heavy fire” near Gao, according to a Niger army statement.\n\n“The"
            " units responded with great force,” it added.",
            [("Niger army", "the target of heavy fire"), ("Niger army", "The units responded with great force")],
        ),
        (
            '"Two posts were attacked at dawn," the Malian army communique said.',
            [("Malian army", "Two posts were attacked at dawn")],
        ),
        (  # a full stop typed without a space ends the sentence before the speaker
            'The army said it had secured the road.A regional governor said "the convoy will move on Monday".',
            [("regional governor", "the convoy will move on Monday")],
        ),
        (  # "A UN envoy" introduces someone new, never the last person named
            "The offensive was led by Colonel Assimi Goita. A UN envoy warned that many “families were forced to"
            " eat leaves”.",
            [("UN envoy", "families were forced to eat leaves")],
        ),
        (  # footage shows, it never speaks: "he" is the person named after it
            "Video showed ambulances arriving at the hospital. Among the wounded was Ahmed Saleh, 30, a driver."
            ' "They fired at us twice," he told AFP.',
            [("Ahmed Saleh", "They fired at us twice")],
        ),
        (  # a station quoting a ministry passes the ministry's words on
            "“Twelve fighters were killed in the raid on the port,” the rebels’ Saba news agency said, quoting the"
            " interior ministry.",
            [("interior ministry", "Twelve fighters were killed in the raid on the port")],
        ),
    ],
)
def test_speaker_is_the_person_or_body_named(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


def test_an_event_title_is_no_quote_but_words_said_at_it_are() -> None:
    text = (
        "Maria Lopez spoke at the forum “Peace, Justice, Dignity – Two Decades,” held in Geneva, and said the talks were"
        " “far from over”."
    )
    assert quote_rows(text) == [("Maria Lopez", "far from over")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a report no one issued stays the report, never the person named before it
            "Aid worker Jean Pierre visited the camps last week.\n\n“Families sleep in the open with no food or"
            " water,” the report says.",
            [("report", "Families sleep in the open with no food or water")],
        ),
        (  # "his statement" is the statement of the person "his" points at, never "His"
            "Governor Sam Ada said 12 were killed in the raid. His statement also confirmed “hundreds of families”"
            " were still missing.",
            [("Sam Ada", "hundreds of families")],
        ),
        (  # a body before a title after the name is no name of its own
            "“Half of the population needs humanitarian assistance,” Martin Griffiths, UN Emergency Relief"
            " Coordinator, told journalists in Geneva.",
            [("Martin Griffiths", "Half of the population needs humanitarian assistance")],
        ),
    ],
)
def test_documents_and_bodies_keep_their_place(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a photo never speaks: the people it shows carrying the words do
            "Thousands marched in Belgrade on Sunday.\n\nPhotos showed protesters holding banners that read “we will"
            " not be silenced”, outside parliament.",
            [("protesters", "we will not be silenced")],
        ),
        (  # a place's possessive before a body is no part of the body's name
            "At least 40 people were killed in strikes on the city, the territory’s health ministry said on"
            " Monday.\n\n“Most of the dead were women and children,” it said.",
            [("health ministry", "Most of the dead were women and children")],
        ),
    ],
)
def test_pictures_and_places_never_speak(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(("before", "after"), [(" ", " "), (" ", " \u2060"), (" \u200b", " \u2060")])
def test_the_statement_is_never_a_place_named_before_it(before: str, after: str) -> None:
    text = (
        f"The attackers returned the following day and met troops stationed at the army base{before}in{after}Dan Ali near"
        " Maidabino ward, leading to a clash in which the army killed 45 of the attackers, the statement said."
    )
    assert [(f.kind, f.min, f.attributed_to) for f in extract(text).figures] == [("killed", 45, "statement")]


def test_the_statement_opening_a_sentence_is_no_issuer_the() -> None:
    text = "A couple described explosions at the prison.\n\nThe statement said the killing of 12 officials was wrong."
    assert [(f.kind, f.min, f.attributed_to) for f in extract(text).figures] == [("killed", 12, "couple")]
