"""An article's language: what the feed or the page declares (`<language>`, `xml:lang`, `<html lang>`) first,
else py3langid's guess from its text (its model ships inside the package: nothing is downloaded)."""

from __future__ import annotations

import re
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


def guess_language(text: str) -> str | None:
    """py3langid's guess at the text's language; None when the text is too short or the guess unsure."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= _MIN_PROBABILITY else None


def article_language(declared: str | None, title: str, text: str) -> str | None:
    """The declared language when there is one, else the guess from title and text."""
    return language_tag(declared) or guess_language(f"{title}\n{text}")
