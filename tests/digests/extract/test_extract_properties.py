"""Properties of extract on arbitrary text: it never raises, is deterministic, and its offsets slice back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from digests.extract import extract
from digests.model import FIGURE_KINDS

# Text built from the pieces the extractor reacts to, so arbitrary input reaches its deeper rules too.
_PIECES = st.sampled_from(
    [" ", "\n", "\n\n", ",", ".", '"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u200b", "-", ":",
     "at least", "around", "between", "and", "to", "several hundred", "hundreds", "tens of thousands", "a dozen",
     "10,000", "1.2 million", "30", "2019", "seven", "twenty-one", "killed", "wounded", "or", "troops",
     "soldiers", "people", "were", "have been", "sent", "fled", "missing", "captured", "said", "told",
     "according to", "he", "They", "The official", "The US president-elect", "Donald Trump", "Pat Ryder",
     "North Korea", "Russian", "casualties", "estimates suggest", "$", "%", "March", "the"]
)  # fmt: skip
_TEXT = st.one_of(st.text(max_size=400), st.lists(_PIECES | st.text(max_size=5), max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_arbitrary_text_never_raises_and_offsets_slice_back(text: str) -> None:
    result = extract(text)
    for f in result.figures:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.span
        assert f.kind in FIGURE_KINDS
        assert f.min is None or f.max is None or f.min <= f.max
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
    assert [f.start for f in result.figures] == sorted(f.start for f in result.figures)
    assert [q.start for q in result.quotes] == sorted(q.start for q in result.quotes)


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_extract_is_deterministic(text: str) -> None:
    assert extract(text) == extract(text)
    assert extract(text).as_json() == extract(text).as_json()


def test_pathological_inputs_stay_linear() -> None:
    # Long runs of what the patterns look for (marks, digits, spaces, number words, speech verbs) must
    # not backtrack: each input is ~20-50k characters and must take well under a second.
    import time

    texts = [
        '"' * 20_000,
        "1," * 20_000,
        " \u200b" * 20_000,
        "at least " * 5_000,
        "several hundred thousands of " * 1_000,
        "he said, " * 5_000,
        "The US president-elect Donald Trump " * 1_000,
        ("\u201cWe said \u201d" * 2_000) + "\n" * 2_000,
        "killed or wounded " * 3_000,
    ]
    for text in texts:
        began = time.perf_counter()
        result = extract(text)
        assert time.perf_counter() - began < 2.0, text[:30]
        for f in result.figures:
            assert text[f.start : f.end] == f.span
