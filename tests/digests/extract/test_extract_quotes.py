"""Quote and speaker rules on real paragraphs from the feeds in shared/feeds."""

from __future__ import annotations

import pytest

from tests.digests.extract.checked import checked


def _quotes(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in checked(text).quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 07-reuters: attribution after, ranks dropped, "he said" in the next paragraph
            '"We have prepared a general \u2060scope of weeks," Lieutenant Colonel Nadav \u200bShoshani said in an '
            "online briefing.\n\nWhen asked if \u200bIsrael could deploy ground forces to Iran, Shoshani said "
            '\u200cthat was unlikely.\n\n"I don\'t think that\'s something very likely at the moment for Israeli '
            'forces," he said.',
            [
                ("Nadav Shoshani", "We have prepared a general \u2060scope of weeks"),
                ("Nadav Shoshani", "I don't think that's something very likely at the moment for Israeli forces"),
            ],
        ),
        (  # 07-reuters: "said X" inverted, and a second quote in the same paragraph
            '"The concept of reverse \u200benlargement is dead," said one EU diplomat. "There is also no support '
            'for giving a concrete accession date."',
            [
                ("EU diplomat", "The concept of reverse \u200benlargement is dead"),
                ("EU diplomat", "There is also no support for giving a concrete accession date."),
            ],
        ),
        (  # 06-kyivindependent: a quote running over two paragraphs, a two-word scare quote skipped
            "Speaking on national TV, Andrii Yusov said the situation will soon have an impact.\n\nRussian losses "
            'in Ukraine reached "conflict highs" during May and June, the U.K. Defense Ministry reported.\n\n'
            '"They can replenish these losses," Yusov said, adding: "But there are already serious problems with '
            'the recruitment of new contract soldiers.\n\n"The aggressor state is coming up with new incentives. '
            'But this machine is starting to malfunction."',
            [
                ("Andrii Yusov", "They can replenish these losses"),
                ("Andrii Yusov", "But there are already serious problems with the recruitment of new contract soldiers."),
                ("Andrii Yusov", "The aggressor state is coming up with new incentives. But this machine is starting to malfunction."),
            ],
        ),
        (  # 07-reuters: the name before an appositive speaks
            '"There is complete silence in the day, but the moment we \u200bsit for iftar dinner, the two sides '
            'start shelling," Farid Khan Shinwari from Landi Kotal, a town near the Torkham border crossing, told '
            "Reuters.",
            [
                (
                    "Farid Khan Shinwari",
                    "There is complete silence in the day, but the moment we \u200bsit for iftar dinner, the two "
                    "sides start shelling",
                ),
            ],
        ),
        (  # 07-reuters: curly marks; the title after the name is dropped
            "\u201cThe Gulf states now face stark choices,\u201d Abdulaziz Sager, Chairman \u200bof the Saudi-based "
            "Gulf Research Center think tank told Reuters.",
            [("Abdulaziz Sager", "The Gulf states now face stark choices")],
        ),
        (  # 07-reuters: a partial quote inside reported speech
            "Secretary \u200bof \u200bState \u2060Marco Rubio said U.S. forces \"would not deliberately \u200btarget a "
            'school", after \u200bIranian \u2060state media reported over 160 were killed.',
            [("Marco Rubio", "would not deliberately \u200btarget a school")],
        ),
        (  # 07-reuters: "it added" points back at the agency that spoke
            '"IAEA can now confirm some recent damage to entrance buildings," the International Atomic Energy '
            'Agency said on X.\n\n"No radiological consequence expected," it added.',
            [
                ("International Atomic Energy Agency", "IAEA can now confirm some recent damage to entrance buildings"),
                ("International Atomic Energy Agency", "No radiological consequence expected"),
            ],
        ),
    ],
)  # fmt: skip
def test_quotes_in_feed_paragraphs(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # 07-reuters: the title of a law is no quotation
        "The LUCAS deployment comes as the Pentagon pushes to expand capacity under the $1 billion Drone "
        'Dominance Program authorized in the "One Big Beautiful Bill Act of 2025."',
        # 06-kyivindependent headline: a two-word scare quote in straight single marks
        "Russian losses in Ukraine causing 'serious problems' for recruitment, HUR says",
        # apostrophes are not quote marks
        "Putin\u2019s troops and the soldiers\u2019 families: Kyiv\u2019s view.",
    ],
)
def test_no_quote(text: str) -> None:
    assert _quotes(text) == []
