"""Gets a feed's or a page's bytes over HTTP (conditional, capped, polite) or from a local file."""

from __future__ import annotations

import asyncio
import email.utils
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from digests.config.models import Fetch
from digests.config.values import check_feed_url
from digests.ingest import guard

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.8"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_MAX_HOPS = 10
# A Retry-After of days would silence a feed long after the trouble passed; cap how long we obey it.
_MAX_RETRY_AFTER = timedelta(hours=24)
_GZIP_MAGIC = b"\x1f\x8b"
_WEB = re.compile(r"https?://", re.I)


class FetchError(Exception):
    """A fetch that failed, with a reason meant for the admin reading `sitrep ingest` output."""

    def __init__(
        self,
        reason: str,
        *,
        gone: bool = False,
        retry_at: datetime | None = None,
        permanent_url: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.gone = gone
        self.retry_at = retry_at
        self.permanent_url = permanent_url


@dataclass(frozen=True)
class Fetched:
    body: bytes
    content_type: str | None
    url: str  # after redirects: the base for relative links (a file:// URI for a local file)
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None  # where the leading run of 301/308 redirects pointed
    local: bool = False


@dataclass(frozen=True)
class NotModified:
    etag: str | None
    last_modified: str | None
    permanent_url: str | None = None


@dataclass(frozen=True)
class _Redirect:
    status: int
    target: str


def is_local(url: str) -> bool:
    return not _WEB.match(url)


def local_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        return Path(url2pathname(parts.path))
    return Path(url).expanduser()


def seconds(delta: timedelta) -> str:
    value = delta.total_seconds()
    return f"{value:g}s"


def _retry_at(header: str | None, now: datetime) -> datetime | None:
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        # Capped before it becomes a timedelta: 99999999999999999999 seconds would overflow one.
        delay = timedelta(seconds=min(int(header), int(_MAX_RETRY_AFTER.total_seconds())))
    else:
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        delay = max(when - now, timedelta(0))
    return now + min(delay, _MAX_RETRY_AFTER)


class Fetcher:
    """One run's HTTP access: a shared client, a per-host concurrency limit, the size cap and the timeout."""

    def __init__(self, client: httpx.AsyncClient, settings: Fetch, now: Callable[[], datetime]) -> None:
        self.client = client
        self.settings = settings
        self._now = now
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def _slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).netloc or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def get(
        self,
        url: str,
        *,
        accept: str = FEED_ACCEPT,
        etag: str | None = None,
        last_modified: str | None = None,
        trusted: bool = False,
    ) -> Fetched | NotModified:
        """GET with redirects followed by hand, so that permanent ones can be remembered and each hop's
        address checked. `trusted`: the URL is the admin's own (a configured feed), so its first hop may
        be a private address; where it redirects to may not."""
        headers = {"User-Agent": self.settings.user_agent, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        permanent: str | None = None
        still_permanent = True
        for hop in range(_MAX_HOPS + 1):
            try:
                urlsplit(url)  # raises on what httpx would choke on less clearly, such as "http://[::1"
            except ValueError as exc:
                raise FetchError(f"invalid URL: {url} ({exc})", permanent_url=permanent) from exc
            guarded = not (trusted and hop == 0)
            try:
                if guarded:
                    await guard.check_url(url, self.settings.allow_private)
                outcome = await self._hop(url, headers, guarded)
            except guard.Refused as exc:
                raise FetchError(str(exc), permanent_url=permanent) from exc
            except FetchError as exc:
                exc.permanent_url = permanent
                raise
            if isinstance(outcome, _Redirect):
                if still_permanent and outcome.status in _PERMANENT:
                    permanent = outcome.target
                else:
                    still_permanent = False
                url = outcome.target
                continue
            if isinstance(outcome, NotModified):
                return NotModified(outcome.etag or etag, outcome.last_modified or last_modified, permanent)
            return Fetched(
                outcome.body,
                outcome.content_type,
                outcome.url,
                outcome.etag,
                outcome.last_modified,
                permanent,
            )
        raise FetchError(f"too many redirects (more than {_MAX_HOPS})", permanent_url=permanent)

    async def _hop(self, url: str, headers: dict[str, str], guarded: bool) -> Fetched | NotModified | _Redirect:
        """One request, under the host's limit and the timeout."""
        timeout = self.settings.timeout.total_seconds()
        try:
            async with self._slot(url), asyncio.timeout(timeout):
                request = self.client.stream("GET", url, headers=headers, follow_redirects=False, timeout=timeout)
                async with request as response:
                    if guarded:
                        stream = response.extensions.get("network_stream")
                        peer = stream.get_extra_info("server_addr") if stream is not None else None
                        guard.check_peer(url, peer, self.settings.allow_private)
                    return await self._answer(url, response)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise FetchError(f"timed out after {seconds(self.settings.timeout)}") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"could not connect: {exc or type(exc).__name__}") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"could not decode the response body: {exc}") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"network error: {exc or type(exc).__name__}") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from exc

    async def _answer(self, url: str, response: httpx.Response) -> Fetched | NotModified | _Redirect:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location")
            try:
                return _Redirect(status, urljoin(url, location.strip()))
            except ValueError as exc:
                raise FetchError(f"HTTP {status} redirect to an invalid URL: {location}") from exc
        if status == 304:
            return NotModified(response.headers.get("etag"), response.headers.get("last-modified"))
        if status == 410:
            raise FetchError("gone (410)", gone=True)
        if status in (429, 503):
            now = self._now()
            retry_at = _retry_at(response.headers.get("retry-after"), now)
            if retry_at is not None:
                wait = seconds(retry_at - now)
                raise FetchError(f"HTTP {status}: retry after {wait}", retry_at=retry_at)
            raise FetchError(f"HTTP {status}")
        if not 200 <= status < 300:
            raise FetchError(f"HTTP {status}")
        body = await self._read(response)
        return Fetched(
            body,
            response.headers.get("content-type"),
            str(response.url),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )

    async def _read(self, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        # Compressed bodies grow when decoded, so only a plain body's length can be judged up front.
        if declared.isdigit() and int(declared) > cap and "content-encoding" not in response.headers:
            raise FetchError(f"body over {cap} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"body over {cap} bytes")
            chunks.append(chunk)
        return ungzip(b"".join(chunks), cap)


def ungzip(body: bytes, cap: int) -> bytes:
    """Unpack a body that is a gzip file itself (a `.xml.gz` served as-is, no Content-Encoding)."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, cap + 1)
    except zlib.error as exc:
        raise FetchError(f"could not decode the response body: {exc}") from exc
    if len(data) > cap:
        raise FetchError(f"body over {cap} bytes")
    return data


async def read_local(url: str, settings: Fetch) -> Fetched:
    try:
        check_feed_url(url)  # `htps://…` is a mistyped address, not a file that happens to be missing
    except ValueError as exc:
        raise FetchError(str(exc)) from exc
    path = local_path(url)
    cap = settings.max_bytes
    try:
        size = path.stat().st_size
        if size > cap:
            raise FetchError(f"body over {cap} bytes")
        body = await asyncio.to_thread(path.read_bytes)
    except FileNotFoundError as exc:
        raise FetchError(f"file not found: {path}") from exc
    except IsADirectoryError as exc:
        raise FetchError(f"not a file: {path}") from exc
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return Fetched(ungzip(body, cap), None, path.resolve().as_uri(), local=True)
