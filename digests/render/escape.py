"""Make article text safe for each platform: nothing from a news page may ping, link or format on its own."""

from __future__ import annotations

import re
from urllib.parse import quote

ELLIPSIS = "…"
ZWSP = "\u200b"

# C0/C1 control characters (except tab and newlines) would let a page drive the console: ANSI escapes,
# bells, carriage returns that overwrite a line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
# Characters that are invisible but change what a reader sees: bidi overrides, embeddings, isolates and
# marks (U+202E turns "said Putin" round so a quote reads as someone else's) and zero-width characters
# (U+200B, U+2060, U+FEFF hide inside names and mentions). Dropped from article text. The zero-width
# joiner and non-joiner stay: emoji sequences and Persian and Indic spelling need them, and they move nothing.
_INVISIBLE = re.compile("[\u061c\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Characters Discord's markdown treats as syntax anywhere in a line: emphasis, code, masked links, and
# the angle bracket that opens mentions, channel links, custom emoji and timestamps.
_DISCORD_INLINE = re.compile(r"([\\*_`\[\]<])")
# Strikethrough and spoilers take two marks; a lone "~10,000" or "a | b" is left as it reads.
_DISCORD_PAIRED = re.compile(r"~~+|\|\|+")
# Syntax that only counts at the start of a line: quotes, headings, subtext, lists.
_DISCORD_LINE_START = re.compile(r"(?m)^(\s*)([>#+-])")
_DISCORD_NUMBERED = re.compile(r"(?m)^(\s*\d+)\.")
_DISCORD_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)

# A URL only becomes a link when it is a web address; anything else (a local feed path, javascript:)
# is shown as text.
_WEB = re.compile(r"^https?://", re.IGNORECASE)
# Characters that would end a <url|label> or (url) early, or that Slack and Discord will not accept raw.
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"


def measure(text: str) -> int:
    """Length as the platforms count it. Both document limits in characters but JavaScript counts UTF-16
    units, so an emoji can count twice; measuring that way never overshoots."""
    return len(text.encode("utf-16-le")) // 2


def visible(value: object) -> str:
    """The text without the invisible characters that reorder or hide what is shown (_INVISIBLE)."""
    return "" if value is None else _INVISIBLE.sub("", str(value))


def plain(value: object) -> str:
    """One line of printable text: article text arrives with newlines, tabs, stray control bytes and
    invisible bidi and zero-width characters."""
    if value is None:
        return ""
    return _SPACE.sub(" ", _CONTROL.sub("", visible(value))).strip()


def clip(value: object, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with "…"; for text before it is escaped,
    so that no escape sequence or link is cut in half."""
    text = "" if value is None else str(value)
    if measure(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    while cut and measure(cut) > limit - 1:
        cut = cut[:-1]
    space = cut.rfind(" ")
    # Back up to a word break unless that would throw away half of what fits (one huge word).
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def truncate(text: str, limit: int) -> str:
    """Last resort for an already rendered piece that is still too long: cut it, but not inside an
    entity (&amp;) or a Slack link (<url|label>), and never leave a dangling backslash escape."""
    if measure(text) <= limit:
        return text
    cut = clip(text, limit)[:-1]
    opened = cut.rfind("<")
    if opened > cut.rfind(">"):
        cut = cut[:opened]
    cut = re.sub(r"&[a-z]*$", "", cut)
    cut = re.sub(r"(?<!\\)(\\\\)*\\$", lambda m: m.group(0)[:-1], cut)
    return cut.rstrip() + ELLIPSIS


def _url(url: str) -> str:
    return quote(plain(url), safe=_URL_SAFE)


def is_web(url: str) -> bool:
    return bool(_WEB.match(plain(url)))


def slack_escape(value: object) -> str:
    """The three characters Slack reserves; escaped, `<!channel>` or `<@U123>` from an article stays text."""
    text = visible(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_link(label: object, url: str) -> str:
    """A link the renderer makes: `<url|label>` with the label escaped. Slack has no escape for `|`,
    which would end the URL part early, so it becomes a look-alike."""
    shown = slack_escape(plain(url))
    text = slack_escape(label).replace("|", "¦") or shown
    if not is_web(url):
        return text if text == shown or not shown else f"{text} ({shown})"
    # Slack reads &amp; inside a link back as &; < > | are percent-encoded by _url.
    return f"<{slack_escape(_url(url))}|{text}>"


def discord_escape(value: object) -> str:
    """Backslash-escape Discord markdown in article text, and break `@everyone`/`@here` with a zero-width
    space: posts send no allowed mentions, but a copy, a log or a webhook without them stays harmless."""
    text = visible(value)
    text = _DISCORD_INLINE.sub(r"\\\1", text)
    text = _DISCORD_PAIRED.sub(lambda m: "".join("\\" + c for c in m.group(0)), text)
    text = _DISCORD_LINE_START.sub(r"\1\\\2", text)
    text = _DISCORD_NUMBERED.sub(r"\1\\.", text)
    return _DISCORD_MASS_MENTION.sub(lambda m: f"@{ZWSP}{m.group(1)}", text)


def discord_link(label: object, url: str) -> str:
    """A masked link `[label](url)`; the label is escaped so a `]` in a title cannot end it, and the URL
    has its parentheses and spaces encoded so it cannot end early either."""
    text = discord_escape(label) or discord_escape(plain(url))
    if not is_web(url):
        return f"{text} ({discord_escape(plain(url))})" if plain(url) else text
    return f"[{text}]({_url(url).replace('(', '%28').replace(')', '%29')})"
