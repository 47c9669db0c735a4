"""bench/eval_stories.py: the pair scoring on small cases with known answers."""

from __future__ import annotations

from bench.eval_stories import floor, metrics, scores
from digests.stories import THRESHOLD


def _article(title: str, lead: str, published: str | None = "2025-01-27") -> dict[str, str | None]:
    return {
        "url": f"https://example.org/{title[:8]}",
        "outlet": "example.org",
        "title": title,
        "lead": lead,
        "published": published,
    }


def test_a_copy_matches_and_a_later_different_event_does_not() -> None:
    wire = _article(
        "M23 rebels seize Goma airport",
        "M23 rebels backed by Rwanda seized the airport of Goma in eastern Congo on Monday, residents said.",
    )
    copy = _article(
        "Rwanda-backed M23 rebels seize Goma airport",
        "M23 rebels backed by Rwanda seized the airport of Goma in eastern Congo on Monday, residents said.",
    )
    later = _article(
        "Congo army retakes town near Bukavu",
        "Congolese troops recaptured a town north of Bukavu on Friday after clashes with M23 rebels.",
        "2025-02-07",
    )
    rows = scores([{"a": wire, "b": copy, "same": True}, {"a": wire, "b": later, "same": False}])
    assert [(value >= THRESHOLD, close, same) for value, close, same in rows] == [
        (True, True, True),
        (False, False, False),
    ]
    assert metrics(rows, THRESHOLD) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_metrics_and_the_identical_headline_floor() -> None:
    rows = [(90.0, True, True), (90.0, True, False), (40.0, True, True), (95.0, False, True)]
    assert metrics(rows, 85.0) == {"precision": 0.5, "recall": 1 / 3, "f1": 0.4}
    same = _article("Strike kills 12 in Kharkiv", "A Russian strike killed 12 people.")
    pairs = [{"a": same, "b": same, "same": True}, {"a": same, "b": _article("Other", "Other."), "same": True}]
    assert floor(pairs) == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3}
