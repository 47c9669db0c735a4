"""The extraction pipeline: quotes, then speakers, then figures with who claims them, for one plain text."""

from __future__ import annotations

from digests.extract.attribution import figure_claimant, quote_speakers
from digests.extract.figures import find_figures
from digests.extract.quotes import find_quotes
from digests.extract.sentences import forget
from digests.extract.speakers import Speakers
from digests.model import Extraction, Figure, Quote

__all__ = ["extract"]


def extract(text: str) -> Extraction:
    """Figures and quotes of one plain text, each in document order, with offsets into text."""
    try:
        return _extract(text)
    finally:
        forget()


def _extract(text: str) -> Extraction:
    spans = find_quotes(text)
    speakers = Speakers(text, [(q.start, q.end) for q in spans])
    who = quote_speakers(text, spans, speakers)
    quotes = tuple(Quote(text[q.start : q.end], s, q.start, q.end) for q, s in zip(spans, who, strict=True))
    figures = tuple(
        Figure(
            kind=f.kind,
            min=f.amount.min,
            max=f.amount.max,
            actor=f.actor,
            qualifier=f.amount.qualifier,
            attributed_to=figure_claimant(text, f.start, f.end, spans, who, speakers),
            start=f.start,
            end=f.end,
            span=text[f.start : f.end],
        )
        for f in find_figures(text)
    )
    return Extraction(figures=figures, quotes=quotes)
