"""Reads a feed document (RSS 0.9x/1.0/2.0, Atom, RDF) into entries with plain text, via feedparser."""

from __future__ import annotations

import codecs
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

from digests.ingest.canonical import is_web_url
from digests.ingest.outlet import outlet_name
from digests.ingest.text import html_to_text, one_line

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What browsers do: these labels really mean windows-1252 or GB18030, their supersets.
_SUPERSETS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_XML_DECL = re.compile(r"^<\?xml[^>]*?\?>")
# The first element after any declaration, processing instruction, comment or doctype.
_ROOT = re.compile(r"\A\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w:.-]*)", re.S | re.I)
_HTML = re.compile(r"<!DOCTYPE\s+html|<html[\s>]", re.I)
# Feed parsers sniff these: a stated charset the bytes contradict is not a malformed feed.
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)
_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml", "")


class FeedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    guid: str | None
    link: str | None  # as the feed gave it, made absolute where a base is known
    url: str | None  # the link to identify the article by: the publisher's own when a redirector wraps it
    title: str
    published: datetime | None
    summary: str  # plain text
    content: str  # plain text of the full body, "" when the feed carries only a summary
    language: str | None = None  # as the feed declares it (xml:lang, <language>), e.g. "en-GB"


@dataclass(frozen=True)
class ParsedFeed:
    entries: tuple[Entry, ...]
    # Set when the document was broken but entries could be recovered: what was wrong with it.
    malformed: str | None = None
    title: str | None = None  # the feed's own title


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _http_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset if isinstance(charset, str) else None


def decode(body: bytes, content_type: str | None = None) -> str:
    """The document's text, trusting the bytes over labels that contradict them.

    Valid UTF-8 with non-ASCII in it is almost never anything else, so it wins over a declared charset
    (a feed that declares ISO-8859-1 but holds UTF-8 would otherwise turn "©" into "Â©"). Then the HTTP
    charset, then the XML declaration; windows-1252 is the last resort, as for browsers.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _XML_DECL_ENCODING.match(body[:512])
    for label in (_http_charset(content_type), declared.group(1).decode("ascii") if declared else None):
        codec = _codec(label)
        if codec:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                continue
    return body.decode("cp1252", errors="replace")


def _prepare(text: str) -> tuple[bytes, int]:
    """UTF-8 bytes feedparser's strict parser accepts, and how many lines were cut from the top.

    A blank line before `<?xml ...?>` is fatal to an XML parser; the declaration is replaced in place
    (same line) so that line numbers in parse errors still match the original.
    """
    stripped = text.lstrip()
    cut_lines = text[: len(text) - len(stripped)].count("\n")
    declaration = '<?xml version="1.0" encoding="utf-8"?>'
    match = _XML_DECL.match(stripped)
    stripped = declaration + (stripped[match.end() :] if match else stripped)
    return stripped.encode("utf-8"), cut_lines


def _describe(exc: BaseException | None, line_offset: int) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        line = exc.getLineNumber()
        where = f" (line {line + line_offset})" if line is not None else ""
        return f"{exc.getMessage()}{where}"
    return str(exc) or type(exc).__name__


def parse_feed(body: bytes, *, content_type: str | None = None, base_url: str | None = None) -> ParsedFeed:
    """Entries of a feed document; FeedError when it is not a feed or nothing can be recovered from it.

    `base_url` is where the document came from over HTTP; relative links are resolved against it (and
    xml:base). A local file has none: its links are resolved against the feed's own home page link.
    """
    if not body.strip():
        raise FeedError("not a feed: the document is empty")
    # NUL is no character of XML, and PostgreSQL refuses it in text: one would stall the whole feed.
    text = decode(body, content_type).replace("\x00", "")
    root = _ROOT.match(text)
    if root and root.group(1).lower() == "html":
        raise FeedError("not a feed: got an HTML page")
    data, line_offset = _prepare(text)
    headers = {"content-type": "application/xml; charset=utf-8"}
    if is_web_url(base_url):
        headers["content-location"] = base_url or ""
    # Entry HTML only ever becomes text through html_to_text, which drops scripts and styles and reads no
    # attribute: feedparser's sanitizer and its relative-URI rewriting of that HTML (two more HTML parses of
    # every body) would change nothing sitrep keeps.
    result: Any = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    bozo = result.get("bozo_exception") if result.get("bozo") else None
    problem = None if bozo is None or isinstance(bozo, _HARMLESS) else _describe(bozo, line_offset)
    if result.entries and not result.get("version") and root is None and not _HTML.search(text[:4096]):
        # Text that is no XML at all (a README beside the feeds): a stray "<item>" in it is not an entry.
        raise FeedError("not a feed: the document is not XML (no RSS, Atom or RDF element at its start)")
    if not result.entries:
        if not result.get("version"):
            if _HTML.search(text[:4096]):
                raise FeedError("not a feed: got an HTML page")
            if root:
                raise FeedError(f"not a feed: the document is <{root.group(1)}>, not RSS, Atom or RDF")
            raise FeedError("not a feed: no RSS, Atom or RDF document found")
        if problem:
            raise FeedError(f"feed is malformed: {problem}")
    home = result.feed.get("link")
    base = base_url if is_web_url(base_url) else (home if is_web_url(home) else None)
    feed_language = result.feed.get("language")
    entries = tuple(_entry(raw, base, feed_language) for raw in result.entries)
    return ParsedFeed(entries, problem, outlet_name(one_line(result.feed.get("title") or "") or None, home))


def _absolute(value: Any, base: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    link = value.strip()
    if base and not is_web_url(link) and not link.startswith("urn:"):
        return urljoin(base, link)
    return link


def _language(raw: Any, feed_language: Any) -> str | None:
    """The entry's own xml:lang (on its content, summary or title), else the feed's."""
    details = [*(raw.get("content") or []), raw.get("summary_detail") or {}, raw.get("title_detail") or {}]
    for value in (*(d.get("language") for d in details), feed_language):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _entry(raw: Any, base: str | None, feed_language: Any = None) -> Entry:
    link = _absolute(raw.get("link"), base)
    original = _absolute(raw.get("feedburner_origlink") or raw.get("pheedo_origlink"), base)
    guid = raw.get("id")
    guid = guid.strip() if isinstance(guid, str) and guid.strip() else None
    return Entry(
        guid=guid,
        link=link,
        url=original if is_web_url(original) else link,
        title=one_line(raw.get("title") or ""),
        published=_published(raw),
        summary=html_to_text(raw.get("summary") or ""),
        content=_content(raw),
        language=_language(raw, feed_language),
    )


def _published(raw: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict's own lookup maps a missing updated_* to published_* with a warning.
        value = dict.get(raw, key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _content(raw: Any) -> str:
    """The longest full body the entry carries: content:encoded / Atom content, or Yandex's full-text."""
    bodies = [
        item.get("value") or ""
        for item in raw.get("content") or []
        if (item.get("type") or "").split(";")[0].strip().lower() in _CONTENT_TYPES
    ]
    full_text = raw.get("yandex_full-text")
    if isinstance(full_text, str):
        bodies.append(full_text)
    texts = [html_to_text(body) for body in bodies if body.strip()]
    return max(texts, key=len, default="")
