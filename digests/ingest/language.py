"""An article's language: what the feed or the page declares (`<language>`, `xml:lang`, `<html lang>`) first,
else py3langid's guess from its text (its model ships inside the package: nothing is downloaded)."""

from __future__ import annotations

import re
import time
from functools import cache
from typing import Any

# A primary language subtag ("en" of "en-GB"): two or three letters; "x-…" and "i-…" private tags are not one.
_PRIMARY = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
# The opening <html> tag's lang attribute, as pages declare their language.
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)""", re.I)
# Below this many letters a guess is noise; the article keeps no language.
_MIN_LETTERS = 20
# How much of the text the guess reads: the opening is enough, and it keeps the guess fast.
_SAMPLE = 2000
# How sure the guess must be (py3langid's normalised probability).
_MIN_PROBABILITY = 0.6
# English's commonest words that no other language py3langid knows writes alike: where one word in ten is one
# of them, among enough words, in a text of ASCII letters, the text is English and py3langid says so with
# certainty; answering that without the model saves its load (1 s, 140 MB) and a walk over every byte.
_ENGLISH = frozenset(
    (
        *("the", "of", "and", "that", "with", "from", "said", "which", "were", "have", "has", "been", "their"),
        *("they", "this", "would", "she", "his", "its", "but", "who"),
    )
)
_WORDS = re.compile(r"[a-z]+")
_FOREIGN_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_MIN_WORDS = 40
_MIN_ENGLISH_SHARE = 1 / 10


def language_tag(tag: object) -> str | None:
    """The primary language of a declared tag, lowercased ("en-GB" -> "en"); None for no valid tag."""
    if not isinstance(tag, str):
        return None
    match = _PRIMARY.match(tag)
    return match.group(1).lower() if match else None


def page_language(page: bytes) -> str | None:
    """The language a page declares on its <html> element."""
    match = _HTML_LANG.search(page[:8192])
    return language_tag(match.group(1).decode("ascii")) if match else None


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# How long the model stays loaded after the last guess that read it.
KEEP_MODEL = 300.0
_last_used: float | None = None  # time.monotonic() of that guess


def release_idle_model(now: float | None = None) -> bool:
    """Drop py3langid's model (over 100 MB resident) unless a guess read it in the last KEEP_MODEL seconds; True
    if dropped. Ingest calls this after each run: a bot whose polls bring nothing to guess does not keep it, one
    that ingests foreign articles every few minutes keeps it rather than load it again (a second) each time."""
    moment = time.monotonic() if now is None else now
    if _last_used is not None and moment - _last_used < KEEP_MODEL:
        return False
    _identifier.cache_clear()
    return True


def clearly_english(sample: str) -> bool:
    """Whether the text is English beyond doubt (see _ENGLISH): what py3langid would say of it, known sooner."""
    words = _WORDS.findall(sample.lower())
    if len(words) < _MIN_WORDS or len(_FOREIGN_LETTER.findall(sample)) * 100 > len(sample):
        return False
    return sum(word in _ENGLISH for word in words) >= _MIN_ENGLISH_SHARE * len(words)


def guess_language(text: str) -> str | None:
    """py3langid's guess at the text's language; None when the text is too short or the guess unsure."""
    sample = text[:_SAMPLE]
    if clearly_english(sample):
        return "en"
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    global _last_used
    _last_used = time.monotonic()
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= _MIN_PROBABILITY else None


def article_language(declared: str | None, title: str, text: str) -> str | None:
    """The declared language when there is one, else the guess from title and text."""
    return language_tag(declared) or guess_language(f"{title}\n{text}")
