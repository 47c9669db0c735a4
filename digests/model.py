"""Typed domain objects shared by every stage of the core: what extraction finds, what a digest holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FigureKind = Literal["killed", "wounded", "casualties", "captured", "missing", "deployed", "displaced"]
FIGURE_KINDS: tuple[FigureKind, ...] = (
    "killed",
    "wounded",
    "casualties",
    "captured",
    "missing",
    "deployed",
    "displaced",
)


@dataclass(frozen=True)
class Figure:
    """One stated count of people: its kind, the range its wording allows, who it is about and who claims it."""

    kind: FigureKind
    min: int | None
    max: int | None
    actor: str | None
    qualifier: str | None
    attributed_to: str | None
    start: int
    end: int
    span: str

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "min": self.min,
            "max": self.max,
            "actor": self.actor,
            "qualifier": self.qualifier,
            "attributed_to": self.attributed_to,
            "start": self.start,
            "end": self.end,
            "span": self.span,
        }


@dataclass(frozen=True)
class Quote:
    """A quotation without its marks, with its speaker as named and its offsets in the text."""

    text: str
    speaker: str | None
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "speaker": self.speaker, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Extraction:
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        return {
            "figures": [f.as_json() for f in self.figures],
            "quotes": [q.as_json() for q in self.quotes],
        }
