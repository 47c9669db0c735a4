"""What travels between Discord and the bot, for the Discord stand-in: ids, payloads Discord sends
(users, interactions), the limits Discord enforces on messages, and the faults it answers with."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from typing import Any

from aiohttp import web

DISCORD_EPOCH_MS = 1420070400000
BOT_ID = 1111111111111111111
APP_ID = BOT_ID  # for a bot, the application id is its user id
GUILD_ID = 2222222222222222222
API_PREFIX = "/api/v10"

# What Discord answers for the faults a bot has to understand (code, message).
KNOWN_FAULTS: dict[int, tuple[int, str]] = {
    401: (0, "401: Unauthorized"),
    403: (50001, "Missing Access"),
    404: (10003, "Unknown Channel"),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
    503: (0, "503: Service Unavailable"),
}
MISSING_PERMISSIONS = (50013, "Missing Permissions")

# Discord's message limits (https://discord.com/developers/docs/resources/message#create-message).
CONTENT_LIMIT = 2000
MAX_EMBEDS = 10
EMBED_TOTAL = 6000
EMBED_LIMITS = {"title": 256, "description": 4096}
MAX_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
NONCE_LIMIT = 25

_counter = itertools.count()
BODY: web.RequestKey[Any] = web.RequestKey("body", object)  # the JSON body, read once by the recording middleware
# A multipart message's files, as form_parts() reads them.
FILES: web.RequestKey[list[dict[str, Any]]] = web.RequestKey("files", list)


def snowflake() -> int:
    """A fresh, increasing Discord id (milliseconds since Discord's epoch, then a counter)."""
    return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_counter) % 4096)


def bot_user() -> dict[str, Any]:
    return {
        "id": str(BOT_ID),
        "username": "sitrep",
        "global_name": None,
        "discriminator": "0",
        "avatar": None,
        "bot": True,
        "verified": True,
        "mfa_enabled": False,
        "flags": 0,
    }


def person(user_id: int = 3333333333333333333, name: str = "analyst") -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "global_name": name, "discriminator": "0", "avatar": None}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly `application/json`: discord.py only parses a body whose content-type is that string,
    # and aiohttp's json_response would add `; charset=utf-8`.
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json", **(headers or {})}
    )


def embed_problems(embeds: list[dict[str, Any]]) -> list[str]:
    """What Discord would reject in a message's embeds, in words."""
    problems = []
    if len(embeds) > MAX_EMBEDS:
        problems.append(f"{len(embeds)} embeds > {MAX_EMBEDS}")
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in EMBED_LIMITS.items():
            size = len(embed.get(key) or "")
            total += size
            if size > limit:
                problems.append(f"embeds[{i}].{key}: {size} > {limit}")
        fields = embed.get("fields") or []
        if len(fields) > MAX_FIELDS:
            problems.append(f"embeds[{i}].fields: {len(fields)} > {MAX_FIELDS}")
        for j, f in enumerate(fields):
            name, value = f.get("name") or "", f.get("value") or ""
            total += len(name) + len(value)
            if not name.strip() or not value.strip():
                problems.append(f"embeds[{i}].fields[{j}]: empty name or value")
            if len(name) > FIELD_NAME or len(value) > FIELD_VALUE:
                problems.append(f"embeds[{i}].fields[{j}]: name {len(name)} / value {len(value)} too long")
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > FOOTER_TEXT or len(author) > AUTHOR_NAME:
            problems.append(f"embeds[{i}]: footer or author too long")
    if total > EMBED_TOTAL:
        problems.append(f"embeds total {total} > {EMBED_TOTAL}")
    return problems


def form_parts(content_type: str, raw: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A multipart/form-data body as Discord reads it: `payload_json` (the message) and `files[n]` (attachments,
    each {"field", "filename", "content_type", "data"})."""
    parsed = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    payload: dict[str, Any] = {}
    files = []
    for part in parsed.iter_parts():
        field = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        if field == "payload_json":
            payload = json.loads(data)
        elif isinstance(field, str) and field.startswith("files["):
            files.append(
                {"field": field, "filename": part.get_filename(), "content_type": part.get_content_type(), "data": data}
            )
    return payload, files


def message_problems(body: dict[str, Any]) -> list[str]:
    problems = embed_problems(body.get("embeds") or [])
    content = body.get("content") or ""
    if len(content) > CONTENT_LIMIT:
        problems.append(f"content: {len(content)} > {CONTENT_LIMIT}")
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > NONCE_LIMIT:
        problems.append(f"nonce: {len(nonce)} > {NONCE_LIMIT} characters")
    if not content and not body.get("embeds") and not body.get("flags") and not body.get("attachments"):
        problems.append("Cannot send an empty message")
    return problems


@dataclass
class Fault:
    """Answer the next `left` matching calls with this error instead."""

    status: int
    left: int
    code: int | None = None
    message: str | None = None
    retry_after: float = 1.0
    via: bool = True  # discord.py only honours a 429 that came through Discord's proxy (a Via header)
    is_global: bool = False
    path: str | None = None  # only calls whose path contains this
    method: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return (self.path is None or self.path in path) and (self.method is None or self.method == method)

    def response(self) -> web.Response:
        if self.status == 429:
            body: dict[str, Any] = {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.is_global,
            }
            headers = {"Retry-After": str(max(1, round(self.retry_after))), "X-RateLimit-Scope": "user"}
            if self.via:
                headers["Via"] = "1.1 google"
            return json_response(body, 429, headers)
        code, message = KNOWN_FAULTS.get(self.status, (0, f"{self.status}"))
        return json_response(
            {"message": self.message or message, "code": self.code if self.code is not None else code}, self.status
        )


# -- what Discord sends the bot ------------------------------------------------------------------------------


def interaction(
    kind: int,
    data: dict[str, Any],
    *,
    channel_id: int = 5555555555555555555,
    guild_id: int | None = GUILD_ID,
    user_id: int = 3333333333333333333,
    roles: tuple[int, ...] = (),
    permissions: int = 0,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload as Discord sends it from a guild text channel (or a DM without guild_id)."""
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "application_id": str(APP_ID),
        "type": kind,
        "token": f"interaction-token-{snowflake()}",
        "version": 1,
        "channel_id": str(channel_id),
        "data": data,
        "locale": "en-US",
        "app_permissions": "117760",
        "entitlements": [],
        "attachment_size_limit": 26214400,
    }
    if guild_id is None:
        payload["user"] = person(user_id)
        payload["channel"] = {"id": str(channel_id), "type": 1, "recipients": [person(user_id)]}
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"1": str(user_id)}
        return payload
    payload |= {
        "guild_id": str(guild_id),
        "guild_locale": "en-US",
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "channel": {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild_id),
            "name": "ops-room",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
            "permissions": str(permissions),
        },
        "member": {
            "user": person(user_id),
            "roles": [str(r) for r in roles],
            "permissions": str(permissions),
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "pending": False,
        },
        "context": 0,
        "authorizing_integration_owners": {"0": str(guild_id)},
    }
    return payload


def slash(name: str, options: dict[str, str] | None = None, **where: Any) -> dict[str, Any]:
    """A slash command use: `/casualties about:north-korea` is slash("casualties", {"about": "north-korea"})."""
    data = {
        "id": str(snowflake()),
        "name": name,
        "type": 1,
        "options": [{"name": k, "type": 3, "value": v} for k, v in (options or {}).items()],
    }
    return interaction(2, data, **where)


def autocomplete(
    name: str, option: str, typed: str, others: dict[str, str] | None = None, **where: Any
) -> dict[str, Any]:
    """Someone typing into an option that has autocomplete (interaction type 4)."""
    options = [{"name": k, "type": 3, "value": v} for k, v in (others or {}).items()]
    options.append({"name": option, "type": 3, "value": typed, "focused": True})
    data = {"id": str(snowflake()), "name": name, "type": 1, "options": options}
    return interaction(4, data, **where)


@dataclass
class Message:
    """A message as the stand-in keeps it, with the nonce it came with."""

    data: dict[str, Any]
    nonce: str | None
    created: float = field(default_factory=time.monotonic)
