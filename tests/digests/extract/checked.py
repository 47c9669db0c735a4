"""The extractor's result on a text, with every offset checked to slice back to its span or quote."""

from __future__ import annotations

from digests.extract import extract
from digests.model import Extraction

FigureRow = tuple[str, int | None, int | None, str | None, str]
_ZERO_WIDTH = str.maketrans("", "", "\u200b\u2060")


def checked(text: str) -> Extraction:
    result = extract(text)
    assert all(text[f.start : f.end] == f.span for f in result.figures)
    assert all(text[q.start : q.end] == q.text for q in result.quotes)
    return result


def figure_rows(text: str) -> list[FigureRow]:
    """(kind, min, max, qualifier, span without the feeds' zero-width marks) of each figure, offsets checked."""
    return [(f.kind, f.min, f.max, f.qualifier, f.span.translate(_ZERO_WIDTH)) for f in checked(text).figures]


def quote_rows(text: str) -> list[tuple[str | None, str]]:
    """(speaker, text) of each quote, offsets checked."""
    return [(q.speaker, q.text) for q in checked(text).quotes]
