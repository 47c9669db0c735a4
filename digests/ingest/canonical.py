"""An article's identity: canonical URL (tracking stripped), a synthetic one when it has no link, content hash."""

from __future__ import annotations

import contextlib
import hashlib
import re
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

from digests.ingest.text import normalise_for_hash

# Query parameters that only say how a reader arrived, compared case-insensitively.
_TRACKING_NAMES = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "dclid",  # Google display ads
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "igshid",  # Instagram
        "mc_cid",  # Mailchimp campaign
        "mc_eid",  # Mailchimp recipient
        "traffic_source",  # Al Jazeera feeds
        "cmp",  # the Guardian, BBC
        "cmpid",
        "ocid",  # Microsoft / MSN
        "ito",  # Daily Mail
        "xtor",  # AT Internet (French publishers)
        "wt_mc",  # Webtrends (heise)
        "wt.mc_id",
        "smid",  # NYT share links
        "smtyp",
        "emc",  # NYT feeds
        "partner",  # NYT feeds: partner=rss
        "wprss",  # Washington Post feeds
        "_ga",  # Google Analytics cross-domain
        "s_cid",  # Adobe
        "maca",  # Deutsche Welle feeds
        "__twitter_impression",
    }
)
# Families of tracking parameters: utm_source…, at_medium/at_campaign/at_custom1… (BBC), ns_mchannel… (comScore),
# mtm_/pk_ (Matomo), hsa_ (HubSpot ads).
_TRACKING_PREFIXES = ("utm_", "at_", "ns_", "mtm_", "pk_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left as they are when an IRI (DW's links hold Chinese characters) is turned into a URI;
# everything else non-ASCII is percent-encoded, existing escapes untouched.
_SAFE = "/:@!$&'()*+,;=-._~%?#[]"
_WHITESPACE = re.compile(r"\s+")
# A redirector that carries its target at the end of its path after "*" (Folha's
# redir.folha.com.br/redir/online/.../rss091/*https://www1.folha.uol.com.br/...): the target is the story.
_STAR_TARGET = re.compile(r"/\*(https?://.+)$", re.I)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The URL two copies of the same story share: host lowercased, tracking and fragment dropped."""
    url = _WHITESPACE.sub("", url)
    wrapped = _STAR_TARGET.search(url)
    if wrapped:
        url = wrapped.group(1)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    # Pieces are kept byte for byte: re-encoding them could change what a server reads.
    query = "&".join(
        piece for piece in parts.query.split("&") if piece and not _is_tracking(unquote_plus(piece.split("=")[0]))
    )
    return urlunsplit(
        (
            scheme,
            host,
            quote(parts.path or "/", safe=_SAFE),
            quote(query, safe=_SAFE),
            "",
        )
    )


def is_web_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme.lower() in ("http", "https")


def content_hash(title: str, text: str) -> str:
    """sha256 of the normalised title and text: the same story under two URLs hashes alike."""
    body = normalise_for_hash(title) + "\n" + normalise_for_hash(text)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def synthetic_url(source_name: str, guid: str | None, digest: str) -> str:
    """A stable stand-in for `articles.url` when an entry has no link.

    GUIDs are only unique within their feed, so the source takes part in the key; without a GUID the
    content hash is the identity.
    """
    if guid:
        key = hashlib.sha256(f"{source_name}\n{guid}".encode()).hexdigest()[:32]
        return f"urn:sitrep:guid:{key}"
    return f"urn:sitrep:hash:{digest}"
