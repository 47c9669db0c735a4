"""The sample article gives exactly the figures and quotes of its hand-labelled gold file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from digests.extract import extract
from tests.digests.extract.checked import checked

_NAME = "nk-troops-kursk"
_HERE = Path(__file__).resolve()
# The repo's own copy first (a clean clone has it); shared/ beside the repo is the source it came from.
_PLACES = (_HERE.parents[2] / "data" / "samples", _HERE.parents[3].parent / "shared" / "samples")


def _samples() -> Path:
    for place in _PLACES:
        if (place / f"{_NAME}.gold.json").is_file() and (place / f"{_NAME}.txt").is_file():
            return place
    pytest.fail(f"no {_NAME} sample in {[str(p) for p in _PLACES]}")


@pytest.fixture(scope="module")
def sample() -> tuple[str, dict[str, object]]:
    place = _samples()
    text = (place / f"{_NAME}.txt").read_text(encoding="utf-8")
    gold = json.loads((place / f"{_NAME}.gold.json").read_text(encoding="utf-8"))
    return text, gold


def test_copies_match_shared_when_both_exist() -> None:
    ours, shared = _PLACES
    if not (shared / f"{_NAME}.gold.json").is_file():
        # CI lays shared/ beside the clone, so there the comparison must run; a lone clone has nothing to compare.
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared/ is not beside the repo: {shared}")
        pytest.skip("shared/ is not beside the repo")
    for suffix in (".txt", ".gold.json"):
        assert (ours / f"{_NAME}{suffix}").read_bytes() == (shared / f"{_NAME}{suffix}").read_bytes()


def test_figures_are_exactly_the_gold_figures(sample: tuple[str, dict[str, object]]) -> None:
    text, gold = sample
    got = [
        {
            "kind": f.kind,
            "min": f.min,
            "max": f.max,
            "actor": f.actor,
            "qualifier": f.qualifier,
            "attributed_to": f.attributed_to,
            "span": f.span,
        }
        for f in extract(text).figures
    ]
    assert got == gold["figures"]


def test_quotes_are_exactly_the_gold_quotes(sample: tuple[str, dict[str, object]]) -> None:
    text, gold = sample
    got = [{"speaker": q.speaker, "text": q.text} for q in extract(text).quotes]
    assert got == gold["quotes"]


def test_offsets_slice_back_and_come_in_document_order(sample: tuple[str, dict[str, object]]) -> None:
    text, _ = sample
    result = checked(text)  # every figure's span and every quote's text is text[start:end]
    assert result.figures and result.quotes
    assert [f.start for f in result.figures] == sorted(f.start for f in result.figures)
    assert [q.start for q in result.quotes] == sorted(q.start for q in result.quotes)


def test_scare_quotes_and_dates_are_not_reported(sample: tuple[str, dict[str, object]]) -> None:
    text, _ = sample
    result = extract(text)
    assert not any(q.text in ("carnage", "all ranks") for q in result.quotes)
    assert not any("2019" in f.span or "June" in f.span for f in result.figures)


def test_the_json_contract_shape(sample: tuple[str, dict[str, object]]) -> None:
    text, _ = sample
    as_json = extract(text).as_json()
    assert set(as_json) == {"figures", "quotes"}
    figures = as_json["figures"]
    assert isinstance(figures, list)
    assert set(figures[0]) == {"kind", "min", "max", "actor", "qualifier", "attributed_to", "start", "end", "span"}
