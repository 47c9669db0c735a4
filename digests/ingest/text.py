"""Turns feed and page HTML (or plain text) into the article text sitrep stores: paragraphs split by a blank line."""

from __future__ import annotations

import html
import re
import unicodedata

import lxml.html
from lxml import etree

# Elements whose text is never article text.
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head", "title", "form")
# Elements that start a new paragraph; everything else is inline and runs on.
_BLOCKS = frozenset(
    {
        *("p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "center", "address"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr"),
        *("figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"),
        *("details", "summary"),
    }
)

# Any tag or comment: text without one is plain text, whose newlines are its paragraph breaks.
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|/[a-zA-Z]|!--)")
# An entity left over after one round of unescaping: feeds that escape their HTML twice (`&amp;quot;`,
# `&#039;` inside CDATA) would otherwise show it literally.
_LEFTOVER_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# Invisible characters that break word matching: zero-width space, word joiner, BOM, soft hyphen.
# (Reuters sprinkles the first two through its copy.)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
# Zero-width (non-)joiners next to a space or an ASCII character carry no meaning (they do inside
# Persian or Indic words, which are never next to ASCII), so only those are dropped.
# A run of them is found first and its neighbours read after (a look-behind tried at every character is slow).
_JOINERS = re.compile("[\u200c\u200d]+")
# Collapsed as HTML collapses them; a no-break space is kept, as HTML keeps it. A lone space is no match (it
# would only be replaced by itself): most of a text's spaces are lone ones, and each match costs a call.
_SPACES = re.compile(r"(?: [ \t\f\v]|[\t\f\v])[ \t\f\v]*")
# Inside HTML a line break is only a space (again, a lone space is left as it is)...
_HTML_WHITESPACE = re.compile(r"(?: [ \t\n\r\f\v]|[\t\n\r\f\v])[ \t\n\r\f\v]*")
# ...unless the markup has no block elements at all: then it is text with a few inline tags (a link,
# some bold), whose line breaks are its paragraph breaks, as in plain text.
_BLOCK_TAG = re.compile(r"<(?:p|div|br|li|h[1-6]|blockquote|table|tr|section|article|figure|pre|ul|ol)[\s/>]", re.I)
# Shorter halves are left alone: "Bora Bora" is a name, not a doubled caption.
_MIN_DOUBLED = 20


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment or page (or of plain text): one paragraph per block, a blank line between."""
    if not markup or not markup.strip():
        return ""
    if not _TAG.search(markup):
        return clean_text(html.unescape(markup))
    if not _BLOCK_TAG.search(markup):
        markup = markup.replace("\r\n", "\n").replace("\n", "<br>")
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html.unescape(_strip_tags(markup)))
    parts: list[str] = []
    _walk(root, parts)
    return clean_text("".join(parts))


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]*>", " ", markup)


def _walk(element: etree._Element, parts: list[str], pre: bool = False) -> None:
    # Comments and processing instructions have a non-string tag; only their tail is text.
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is not None and tag not in _DROP:
        block = tag in _BLOCKS
        inside_pre = pre or tag == "pre"
        if block or tag == "br":
            parts.append("\n")
        if element.text:
            parts.append(element.text if inside_pre else _HTML_WHITESPACE.sub(" ", element.text))
        for child in element:
            _walk(child, parts, inside_pre)
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(element.tail if pre else _HTML_WHITESPACE.sub(" ", element.tail))


def clean_text(text: str) -> str:
    """Normalise spacing into paragraphs (one a line, blank line between) and drop doubled blocks."""
    if "&" in text:
        text = _LEFTOVER_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _INVISIBLE.sub("", text).replace("\x00", "")  # pages too: PostgreSQL refuses NUL in text
    if "\u200c" in text or "\u200d" in text:
        text = _drop_stray_joiners(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    # Each line stripped (str.strip and the regex \s know the same whitespace): as splitting at every run of
    # whitespace holding a line break, without trying a match at every space.
    paragraphs = [undouble(p.strip()) for p in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _drop_stray_joiners(text: str) -> str:
    """Each run of zero-width (non-)joiners with an ASCII character just before or just after it, removed."""

    def keep(match: re.Match[str]) -> str:
        start, end = match.span()
        if (start and text[start - 1] < "\x80") or (end < len(text) and text[end] < "\x80"):
            return ""
        return match.group(0)

    return _JOINERS.sub(keep, text)


def undouble(paragraph: str) -> str:
    """ "AB" when a paragraph is "ABAB": a caption pasted twice with nothing between the copies."""
    half, odd = divmod(len(paragraph), 2)
    if not odd and half >= _MIN_DOUBLED and paragraph[:half] == paragraph[half:]:
        return paragraph[:half]
    return paragraph


def one_line(markup: str) -> str:
    """A title: its text on one line."""
    return " ".join(html_to_text(markup).split())


def normalise_for_hash(text: str) -> str:
    """The form two copies of a story share even when spacing, case or Unicode forms differ."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
