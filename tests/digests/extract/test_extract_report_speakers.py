"""Exact speakers for quotations an outlet or a body passes on (issue 14): '"...," the agency reported', a
participle sharing its sentence's subject ('said in a statement, noting that ...'), and an outlet that only
relays words a person said earlier in the sentence. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import quote_rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an outlet reporting a quotation that opens the sentence speaks it
            '"A drone struck two cars on the coastal road, killing one person," the state news agency SANA reported.',
            [("state news agency SANA", "A drone struck two cars on the coastal road, killing one person")],
        ),
        (
            "“Security forces fired on the crowds in three cities,” the Norway-based group Hengaw reported on its"
            " website.",
            [("Hengaw", "Security forces fired on the crowds in three cities")],
        ),
        (  # ... but an outlet relaying a person named before the quotation leaves it to that person
            'Foreign Minister Ana Ruiz said the army "would never target a hospital", state television reported.',
            [("Ana Ruiz", "would never target a hospital")],
        ),
        (  # a participle after "said in a statement" shares the sentence's subject, never the statement
            "“Two more aid workers were freed overnight,” the charity said in a statement, noting that both men"
            " “are in good health and back with their families.”",
            [
                ("charity", "Two more aid workers were freed overnight"),
                ("charity", "are in good health and back with their families."),
            ],
        ),
    ],
)
def test_reports_and_participles_name_their_speaker(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a name with a hyphenated particle is a person, before its appositive, for a "he" after it
            "Ahmed al-Harazi, a local reporter in Taiz, said the toll had reached 12.\n\n“The shells fell on the"
            " market at noon,” he told the BBC.",
            [("Ahmed al-Harazi", "The shells fell on the market at noon")],
        ),
        (  # a name before its appositive keeps the quote when an adverb stands before the verb
            "Near Dallas, Maria Lopez, 41, said she trusted the governor.\n\nBut Lopez, a mother of two, also said"
            " she feared the fighting could spin “out of control” within weeks.",
            [("Maria Lopez", "out of control")],
        ),
        (  # an adverb alone before the verb leaves the subject before the relative clause
            "The farmer, who asked not to be identified, further said, “They took my two sons into the forest.”",
            [("farmer", "They took my two sons into the forest.")],
        ),
    ],
)
def test_named_subjects_before_their_asides(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # whom a body answers to is no part of its name
            "The Health Ministry affiliated with the de facto authorities said the toll had risen.\n\nThe ministry"
            " said in a statement, “The toll has now passed 9,000 dead and 20,000 wounded.”",
            [("Health Ministry", "The toll has now passed 9,000 dead and 20,000 wounded.")],
        ),
        (  # a role given its name in apposition later in the paragraph
            '"Two buses were hit near the market," the district commissioner said. "We expect the toll to rise,"'
            " Colonel Ahmed Farah, the district commissioner, told reporters.",
            [
                ("Ahmed Farah", "Two buses were hit near the market"),
                ("Ahmed Farah", "We expect the toll to rise"),
            ],
        ),
        (  # a role never named stays a role
            '"Two buses were hit near the market," the district commissioner said.',
            [("district commissioner", "Two buses were hit near the market")],
        ),
    ],
)
def test_bodies_and_roles_named_as_written(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert quote_rows(text) == expected
