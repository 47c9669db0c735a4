"""How the extraction eval pairs predictions with labels: figure ranges, quote texts, speaker names.

Pure functions, shared by bench/eval_extract.py and its tests; see that script's docstring for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

QUOTE_MATCH_RATIO = 0.8

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "jr", "sr", "ii", "iii"}
_LEADING_ARTICLES = ("a ", "an ", "the ", "one ")


# --------------------------------------------------------------------------- normalised records


@dataclass(frozen=True)
class Figure:
    kind: str
    min: int | None
    max: int | None
    span: str = ""
    actor: str | None = None
    qualifier: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None


def get_field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def to_figure(obj: Any) -> Figure:
    """A gold figure (dict) or an extractor figure (object with attributes) as a ``Figure``."""
    return Figure(
        kind=str(get_field(obj, "kind", "")),
        min=get_field(obj, "min"),
        max=get_field(obj, "max"),
        span=get_field(obj, "span") or "",
        actor=get_field(obj, "actor"),
        qualifier=get_field(obj, "qualifier"),
        attributed_to=get_field(obj, "attributed_to"),
    )


def to_quote(obj: Any) -> Quote:
    """A gold quote (dict) or an extractor quote (object with attributes) as a ``Quote``."""
    return Quote(text=get_field(obj, "text") or "", speaker=get_field(obj, "speaker"))


# --------------------------------------------------------------------------- figures


def _bounds(lo: int | None, hi: int | None) -> tuple[float, float]:
    return (0.0 if lo is None else float(lo), float("inf") if hi is None else float(hi))


def ranges_overlap(a_min: int | None, a_max: int | None, b_min: int | None, b_max: int | None) -> bool:
    """Whether two people-count ranges overlap; null min = 0 (unknown lower), null max = unbounded."""
    a_lo, a_hi = _bounds(a_min, a_max)
    b_lo, b_hi = _bounds(b_min, b_max)
    return max(a_lo, b_lo) <= min(a_hi, b_hi)


def figures_match(gold: Figure, pred: Figure) -> bool:
    return gold.kind == pred.kind and ranges_overlap(gold.min, gold.max, pred.min, pred.max)


def _bound_distance(a: int | None, b: int | None) -> float:
    if a is None and b is None:
        return 0.0
    if a is None or b is None:
        return 1e15
    return float(abs(a - b))


def _greedy(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from (cost, gold index, predicted index) candidates, cheapest first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def match_figures(gold: Sequence[Figure], pred: Sequence[Figure]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of matching figures, closest ranges first (then text order)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if figures_match(g, p):
                distance = _bound_distance(g.min, p.min) + _bound_distance(g.max, p.max)
                candidates.append((distance, gi, pi))
    return _greedy(candidates)


# --------------------------------------------------------------------------- quotes


def normalise_quote(text: str) -> str:
    """Curly quote marks made straight, invisible characters dropped, whitespace collapsed."""
    text = _INVISIBLE.sub("", text.translate(_QUOTE_MARKS))
    return _SPACES.sub(" ", text).strip()


def quote_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise_quote(a), normalise_quote(b), autojunk=False).ratio()


def match_quotes(
    gold: Sequence[Quote], pred: Sequence[Quote], threshold: float = QUOTE_MATCH_RATIO
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of quotes whose texts agree (ratio >= threshold), best first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ratio = quote_similarity(g.text, p.text)
            if ratio >= threshold:
                candidates.append((-ratio, gi, pi))
    return _greedy(candidates)


def normalise_speaker(speaker: str | None) -> str:
    """Lowercase, straight apostrophes, no leading a/an/the/one, punctuation other than ' and - dropped."""
    text = normalise_quote(speaker or "").lower()
    text = re.sub(r"[^\w\s'-]", " ", text)
    text = _SPACES.sub(" ", text).strip()
    for article in _LEADING_ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    return text


def is_description(speaker: str | None) -> bool:
    """True for an anonymous or generic description ("senior US military official"), False for a name.

    A name has every word capitalised ("Pat Ryder", "Kuwait's Fire Force"); joining particles such as
    "al-", "de" or "van" do not count.
    """
    words = [w for w in re.split(r"[\s]+", normalise_quote(speaker or "")) if w]
    particles = {"al", "el", "de", "da", "del", "der", "van", "von", "bin", "ibn", "la", "le", "of", "and"}
    for word in words:
        bare = word.strip("'\".,()")
        if not bare or bare.lower() in particles or bare.lower().startswith(("al-", "el-")):
            continue
        if not bare[0].isupper() and not bare[0].isdigit():
            return True
    return not words


def last_name(speaker: str | None) -> str:
    tokens = [t for t in normalise_speaker(speaker).split() if t not in _TITLE_WORDS]
    if not tokens:
        return ""
    token = tokens[-1]
    return token[:-2] if token.endswith("'s") else token


def speakers_agree(gold: str | None, pred: str | None) -> bool:
    """Same last name (case-insensitive); an anonymous gold description must agree as a whole.

    The gold speaker decides which test applies, so a predicted name that keeps a title
    ("UNHCR spokesperson Babar Baloch") still agrees with the gold name "Babar Baloch".
    """
    if not gold or not pred:
        return False
    if is_description(gold):
        return normalise_speaker(gold) == normalise_speaker(pred)
    return last_name(gold) == last_name(pred) != ""
