"""The extractor's result on a text, with every offset checked to slice back to its span or quote."""

from __future__ import annotations

from digests.extract import extract
from digests.model import Extraction


def checked(text: str) -> Extraction:
    result = extract(text)
    assert all(text[f.start : f.end] == f.span for f in result.figures)
    assert all(text[q.start : q.end] == q.text for q in result.quotes)
    return result
