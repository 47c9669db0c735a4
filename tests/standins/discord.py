"""A local stand-in for Discord's REST API and gateway: answers like Discord, records every call.

Run it in-process (`async with DiscordStandin() as discord: ...`, aiohttp on 127.0.0.1, a random port) or as
a subprocess (`python -m tests.standins.discord --port N --record FILE`, driven through `/_standin/...`).
The real discord.py talks to it: point `discord.http.Route.BASE` at `api_url` and the gateway at
`gateway_url`. It checks what Discord checks where a bug could hide (message limits, nonces), and can
be told to fail the next calls the way Discord does (429 with Via, 403 Missing Access, 404, 5xx), and to make
the bot reconnect the ways Discord does (op 7 RECONNECT, a dropped connection, op 9 INVALID_SESSION).
It enforces Discord's rate limits (DiscordLimits; `limits=None` or `--no-limits` turns them off): per-route
buckets announced with X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/-Bucket on every answer of the route,
and the global 50 requests a second (interactions are exempt, as on Discord); over one it answers 429 with
`retry_after` and `global` in the body and a Via header, creates nothing, and counts the answer in `limited`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from tests.standins.discord_wire import (
    API_PREFIX,
    APP_ID,
    BODY,
    FILES,
    Fault,
    Message,
    bot_user,
    embed_problems,
    form_parts,
    json_response,
    message_problems,
    person,
    snowflake,
)
from tests.standins.limits import TokenBucket, Window

# A route's path with its major parameter (the channel); Discord counts each channel's messages on its own.
_CHANNEL_ROUTE = re.compile(r"^" + re.escape(API_PREFIX) + r"/channels/(\d+)/messages$")
# Interaction answers and followups are not bound by the global limit.
_NOT_GLOBAL = (API_PREFIX + "/interactions/", API_PREFIX + "/webhooks/")


@dataclass(frozen=True)
class DiscordLimits:
    """Discord's limits: the global one (a token bucket: rate a second, burst) and per-route windows by
    (method, route): (limit, seconds, the bucket hash Discord names in X-RateLimit-Bucket)."""

    global_: tuple[float, float] = (50.0, 50.0)
    routes: dict[tuple[str, str], tuple[int, float, str]] = field(
        default_factory=lambda: {
            ("POST", "/channels/{channel}/messages"): (5, 5.0, "80c17d2f203122d936070c88c8d10f33"),
            ("GET", "/channels/{channel}/messages"): (50, 1.0, "5c0d23a0a9ee5f1d7b8c6e8a2b8f0f51"),
        }
    )


class DiscordStandin:
    """Discord's REST API under `api_url` and a gateway at `gateway_url`, recording into `calls`."""

    def __init__(
        self, *, record: Path | None = None, nonce_ttl: float = 300.0, limits: DiscordLimits | None = DiscordLimits()
    ) -> None:
        self.limits = limits
        self._global = TokenBucket(*limits.global_) if limits is not None else None
        self._windows: dict[tuple[str, str, str], Window] = {}
        self.limited: list[dict[str, Any]] = []  # calls answered 429 because they went over a limit
        self.calls: list[dict[str, Any]] = []
        self.messages: dict[str, list[Message]] = {}
        # Files attached to created messages: {"channel", "message", "filename", "data"}, in order.
        self.attachments: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # "global" or a guild id → registered commands
        self.nonce_ttl = nonce_ttl  # Discord only remembers nonces for a few minutes
        self.latency = 0.0  # seconds each REST call takes to be answered
        self.record = record
        self.sockets: set[web.WebSocketResponse] = set()
        self._seq: dict[web.WebSocketResponse, int] = {}
        # Gateway sessions: id → the last sequence number sent in it, so a RESUME carries on from there.
        self.sessions: dict[str, int] = {}
        self._session_of: dict[web.WebSocketResponse, str] = {}
        self._closed_with: dict[web.WebSocketResponse, int] = {}  # close codes the stand-in itself sent
        self._shard_of: dict[web.WebSocketResponse, tuple[int, int]] = {}  # [id, count] a connection identified with
        self._session_shards: dict[str, tuple[int, int]] = {}
        self.identified = asyncio.Event()
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.app = web.Application(middlewares=[self._middleware])
        self._routes()

    # -- lifecycle ------------------------------------------------------------------------------------------

    async def start(self, port: int = 0, host: str = "127.0.0.1") -> DiscordStandin:
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        for ws in list(self.sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandin:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return self.url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- what tests use -------------------------------------------------------------------------------------

    def fail_next(self, n: int, status: int, **how: Any) -> Fault:
        """Answer the next n matching calls with `status` (429: with retry_after and Via; 403/404/5xx: Discord's body)."""
        fault = Fault(status=status, left=n, **how)
        self.faults.append(fault)
        return fault

    def rest(self, method: str | None = None, contains: str = "") -> list[dict[str, Any]]:
        """REST calls so far, optionally only one method and paths containing `contains`."""
        return [
            c
            for c in self.calls
            if c["method"] != "GATEWAY" and (method is None or c["method"] == method) and contains in c["path"]
        ]

    def channel_messages(self, channel_id: str | int) -> list[dict[str, Any]]:
        return [m.data for m in self.messages.get(str(channel_id), [])]

    async def wait_for(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict[str, Any]:
        """The first recorded call that matches, waiting for it if it hasn't come yet."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls:
                if predicate(call):
                    return call
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching call within {timeout}s; calls: {[c['path'] for c in self.calls]}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=left)

    def gateway(self, op: int | str | None = None) -> list[dict[str, Any]]:
        """Gateway events so far (what the bot sent, connects, closes, what the stand-in pushed), optionally one op."""
        return [c for c in self.calls if c["method"] == "GATEWAY" and (op is None or c.get("op") == op)]

    async def push(self, event: str, data: dict[str, Any]) -> int:
        """Send a gateway DISPATCH to every connected client, or for a server's event to the shard that holds
        the server, (guild >> 22) % count, as Discord does; returns how many got it."""
        sent, shards = 0, []
        for ws in list(self.sockets):
            shard = self._shard_of.get(ws)
            if shard is not None and "guild_id" in data and (int(data["guild_id"]) >> 22) % shard[1] != shard[0]:
                continue
            await self._dispatch(ws, event, data)
            sent += 1
            shards.append(list(shard) if shard is not None else None)
        call = {"method": "GATEWAY", "path": "/gateway", "op": 0, "t": event, "json": data, "sent_to": sent}
        self._log(call | {"shards": shards})
        return sent

    async def reconnect(self, how: str = "op7", code: int = 4000) -> int:
        """Make every connected client reconnect, the ways Discord does; returns how many were told.

        - "op7": send op 7 RECONNECT (Discord moving the session); the client closes and RESUMEs.
        - "close": close the websocket with `code` (4000 and other resumable codes: the client RESUMEs).
        - "invalidate": send op 9 INVALID_SESSION with d=false; the client IDENTIFYs afresh.
        """
        told = list(self.sockets)
        for ws in told:
            self.sockets.discard(ws)  # nothing more is pushed to a connection on its way out
            if how == "op7":
                await ws.send_str(json.dumps({"op": 7, "d": None}))
            elif how == "close":
                self._closed_with[ws] = code
                await ws.close(code=code, message=b"stand-in: reconnect")
            elif how == "invalidate":
                self.sessions.pop(self._session_of.get(ws, ""), None)
                await ws.send_str(json.dumps({"op": 9, "d": False}))
            else:
                raise ValueError(f"unknown way to reconnect: {how!r}")
        self._log({"method": "GATEWAY", "path": "/gateway", "op": "reconnect", "how": how, "sent_to": len(told)})
        return len(told)

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        seq = self._seq[ws] = self._seq.get(ws, 0) + 1
        if ws in self._session_of:
            self.sessions[self._session_of[ws]] = seq
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": seq, "d": data}))

    # -- recording ------------------------------------------------------------------------------------------

    def _log(self, call: dict[str, Any]) -> None:
        call["at"] = time.time()
        self.calls.append(call)
        if self.record is not None:
            with self.record.open("a", encoding="utf-8") as out:
                out.write(json.dumps(call) + "\n")
        self._changed.set()

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
        if request.path.startswith("/_standin") or request.path == "/gateway":
            return await handler(request)  # type: ignore[no-any-return]
        body: Any = None
        raw = await request.read()
        content_type = request.headers.get("Content-Type", "")
        if raw and content_type.startswith("multipart/form-data"):
            body, request[FILES] = form_parts(content_type, raw)
        elif raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = raw.decode("utf-8", "replace")
        call: dict[str, Any] = {
            "method": request.method,
            "path": request.path,
            "query": dict(request.query),
            "json": body,
            "content_type": request.headers.get("Content-Type"),
            "bot_auth": request.headers.get("Authorization", "").startswith("Bot "),
        }
        if FILES in request:
            call["files"] = [
                {k: v for k, v in f.items() if k != "data"} | {"size": len(f["data"])} for f in request[FILES]
            ]
        request[BODY] = body
        if self.latency:
            await asyncio.sleep(self.latency)
        for fault in self.faults:
            if fault.left > 0 and fault.matches(request.method, request.path):
                fault.left -= 1
                response = fault.response()
                break
        else:
            window = self._window(request.method, request.path)
            refused = self._over_limit(request.method, request.path, window)
            if refused is not None:
                call["limited"] = refused.headers.get("X-RateLimit-Scope")
                self.limited.append({"at": time.time(), "path": request.path, "scope": call["limited"]})
                response = refused
            else:
                response = await handler(request)
                if window is not None:
                    response.headers.update(window[0].headers(window[1]))
        call["status"] = response.status
        if response.status >= 300 and isinstance(response, web.Response) and response.body:
            call["answer"] = json.loads(response.body)  # type: ignore[arg-type]
        self._log(call)
        return response

    # -- limits ---------------------------------------------------------------------------------------------

    def _window(self, method: str, path: str) -> tuple[Window, str] | None:
        """The per-route bucket a call counts against (with its hash), if its route has one."""
        match = _CHANNEL_ROUTE.match(path)
        if self.limits is None or match is None:
            return None
        route = self.limits.routes.get((method, "/channels/{channel}/messages"))
        if route is None:
            return None
        limit, per, bucket = route
        key = (method, bucket, match.group(1))
        if key not in self._windows:
            self._windows[key] = Window(limit, per)
        return self._windows[key], bucket

    def _over_limit(self, method: str, path: str, window: tuple[Window, str] | None) -> web.Response | None:
        """Discord's 429 when the call goes over the global limit or its route's; else None, the call counted."""
        if self._global is None:
            return None
        counted = not path.startswith(_NOT_GLOBAL)
        if counted and (wait := self._global.wait()):
            body = {"message": "You are being rate limited.", "retry_after": round(wait, 3), "global": True}
            headers = {"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"}
            return self._rate_limited(body, headers)
        if window is not None and (wait := window[0].wait()):
            body = {"message": "You are being rate limited.", "retry_after": round(wait, 3), "global": False}
            return self._rate_limited(body, {**window[0].headers(window[1]), "X-RateLimit-Scope": "user"})
        if counted:
            self._global.take()
        if window is not None:
            window[0].take()
        return None

    @staticmethod
    def _rate_limited(body: dict[str, Any], headers: dict[str, str]) -> web.Response:
        # Via: the answer came through Discord's proxy (discord.py takes a 429 without it for a Cloudflare ban).
        seconds = str(max(1, round(body["retry_after"])))
        return json_response(body, 429, {**headers, "Retry-After": seconds, "Via": "1.1 google"})

    # -- REST -----------------------------------------------------------------------------------------------

    def _routes(self) -> None:
        p = API_PREFIX
        self.app.router.add_get(p + "/users/@me", self._me)
        self.app.router.add_get(p + "/oauth2/applications/@me", self._application)
        self.app.router.add_get(p + "/gateway", self._gateway_info)
        self.app.router.add_get(p + "/gateway/bot", self._gateway_info)
        self.app.router.add_post(p + "/channels/{channel}/messages", self._create_message)
        self.app.router.add_get(p + "/channels/{channel}/messages", self._list_messages)
        self.app.router.add_put(p + "/applications/{app}/commands", self._put_commands)
        self.app.router.add_put(p + "/applications/{app}/guilds/{guild}/commands", self._put_commands)
        self.app.router.add_get(p + "/applications/{app}/commands", self._get_commands)
        self.app.router.add_get(p + "/applications/{app}/guilds/{guild}/commands", self._get_commands)
        self.app.router.add_post(p + "/interactions/{id}/{token}/callback", self._callback)
        self.app.router.add_post(p + "/webhooks/{app}/{token}", self._followup)
        self.app.router.add_patch(p + "/webhooks/{app}/{token}/messages/{message}", self._edit_webhook_message)
        self.app.router.add_delete(p + "/webhooks/{app}/{token}/messages/{message}", self._delete_webhook_message)
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_get("/_standin/calls", self._control_calls)
        self.app.router.add_get("/_standin/summary", self._control_summary)
        self.app.router.add_get("/_standin/messages/{channel}", self._control_messages)
        self.app.router.add_post("/_standin/fail", self._control_fail)
        self.app.router.add_post("/_standin/push", self._control_push)
        self.app.router.add_post("/_standin/reconnect", self._control_reconnect)
        self.app.router.add_route("*", p + "/{tail:.*}", self._unknown)

    async def _me(self, request: web.Request) -> web.Response:
        return json_response(bot_user())

    async def _application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(APP_ID),
                "name": "sitrep",
                "description": "Conflict figures and quotes, digested for chat.",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": person(4444444444444444444, "owner"),
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": bot_user(),
            }
        )

    async def _gateway_info(self, request: web.Request) -> web.Response:
        limits = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limits})

    def _message(self, channel: str, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "id": str(snowflake()),
            "channel_id": channel,
            "author": bot_user(),
            "content": body.get("content") or "",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags") or 0,
            "components": [],
            **extra,
        }

    @staticmethod
    def _invalid(problems: list[str]) -> web.Response:
        return json_response({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)

    async def _create_message(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        body: dict[str, Any] = request[BODY] or {}
        if problems := message_problems(body):
            return self._invalid(problems)
        nonce = body.get("nonce")
        nonce = str(nonce) if nonce is not None else None
        kept = self.messages.setdefault(channel, [])
        if nonce is not None and body.get("enforce_nonce"):
            # Discord: "if another message was created by the same author with the same nonce, that message
            # will be returned and no new message will be created" — for a few minutes only.
            for earlier in kept:
                if earlier.nonce == nonce and time.monotonic() - earlier.created < self.nonce_ttl:
                    return json_response(earlier.data)
        data = self._message(channel, body, nonce=body.get("nonce"))
        try:
            self._attach(data, body, request.get(FILES) or [])
        except ValueError as exc:
            return self._invalid([str(exc)])
        kept.append(Message(data, nonce))
        return json_response(data)

    def _attach(self, message: dict[str, Any], body: dict[str, Any], files: list[dict[str, Any]]) -> None:
        """Discord's upload: `attachments[i].id` names the form field `files[id]`; an embed's
        `attachment://NAME` becomes the URL of the attachment of that name."""
        by_field = {f["field"]: f for f in files}
        urls = {}
        for item in body.get("attachments") or []:
            upload = by_field.get(f"files[{item.get('id')}]")
            if upload is None:
                raise ValueError(f"attachments: no files[{item.get('id')}] part for {item.get('filename')!r}")
            attachment_id = str(snowflake())
            name = item.get("filename") or upload["filename"]
            url = f"{self.url}/attachments/{message['channel_id']}/{attachment_id}/{name}"
            urls[name] = url
            message["attachments"].append(
                {"id": attachment_id, "filename": name, "size": len(upload["data"]), "url": url, "proxy_url": url}
            )
            self.attachments.append(
                {"channel": message["channel_id"], "message": message["id"], "filename": name, "data": upload["data"]}
            )
        for number, embed in enumerate(message["embeds"]):
            image = embed.get("image") or {}
            wanted = str(image.get("url", ""))
            if wanted.startswith("attachment://"):
                name = wanted.removeprefix("attachment://")
                if name not in urls:
                    raise ValueError(f"embeds[{number}].image.url: no attachment named {name!r}")
                embed["image"] = {**image, "url": urls[name], "proxy_url": urls[name]}

    async def _list_messages(self, request: web.Request) -> web.Response:
        channel = request.match_info["channel"]
        limit = max(1, min(100, int(request.query.get("limit", "50"))))
        newest_first = [m.data for m in reversed(self.messages.get(channel, []))]
        if before := request.query.get("before"):
            newest_first = [m for m in newest_first if int(m["id"]) < int(before)]
        if after := request.query.get("after"):
            newest_first = [m for m in newest_first if int(m["id"]) > int(after)]
        # Discord does not give the nonce back when listing messages, only when creating them.
        return json_response([{k: v for k, v in m.items() if k != "nonce"} for m in newest_first[:limit]])

    async def _put_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        registered = []
        for command in request[BODY] or []:
            registered.append(
                {
                    "id": str(snowflake()),
                    "application_id": str(APP_ID),
                    "version": str(snowflake()),
                    "type": command.get("type", 1),
                    "default_member_permissions": command.get("default_member_permissions"),
                    "dm_permission": command.get("dm_permission", True),
                    "nsfw": command.get("nsfw", False),
                    **({"guild_id": guild} if guild else {}),
                    **command,
                }
            )
        self.commands[guild or "global"] = registered
        return json_response(registered)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(request.match_info.get("guild") or "global", []))

    async def _callback(self, request: web.Request) -> web.Response:
        body: dict[str, Any] = request[BODY] or {}
        kind = body.get("type")
        data = body.get("data") or {}
        if kind in (4, 7) and (problems := message_problems(data)):
            return self._invalid(problems)
        if kind == 8 and len(data.get("choices") or []) > 25:
            return self._invalid(["more than 25 choices"])
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        interaction = {
            "id": request.match_info["id"],
            "type": 2,
            "activity_instance_id": None,
            "response_message_id": None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool((data.get("flags") or 0) & 64),
        }
        answer: dict[str, Any] = {"interaction": interaction}
        if kind in (4, 5):
            message = self._message(str(snowflake()), data, webhook_id=str(APP_ID))
            interaction["response_message_id"] = message["id"]
            answer["resource"] = {"type": kind, "message": message}
        return json_response(answer)

    async def _followup(self, request: web.Request) -> web.Response:
        body: dict[str, Any] = request[BODY] or {}
        if problems := message_problems(body):
            return self._invalid(problems)
        message = self._message(str(snowflake()), body, webhook_id=request.match_info["app"])
        try:
            self._attach(message, body, request.get(FILES) or [])
        except ValueError as exc:
            return self._invalid([str(exc)])
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        body: dict[str, Any] = request[BODY] or {}
        if problems := embed_problems(body.get("embeds") or []):
            return self._invalid(problems)
        return json_response(self._message(str(snowflake()), body, webhook_id=request.match_info["app"]))

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _unknown(self, request: web.Request) -> web.Response:
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    # -- gateway --------------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._seq[ws] = 0
        self._log({"method": "GATEWAY", "path": "/gateway", "op": "connect", "query": dict(request.query)})
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        try:
            async for frame in ws:
                if frame.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(frame.data)
                op, data = payload.get("op"), payload.get("d")
                if op == 1:  # heartbeat
                    await ws.send_str(json.dumps({"op": 11}))
                    continue
                logged = data if op != 2 else {k: v for k, v in data.items() if k != "token"}
                self._log({"method": "GATEWAY", "path": "/gateway", "op": op, "json": logged})
                if op == 2:  # identify
                    if data.get("shard"):
                        self._shard_of[ws] = (int(data["shard"][0]), int(data["shard"][1]))
                    await self._ready(ws)
                elif op == 6:  # resume
                    await self._resume(ws, data)
        finally:
            self.sockets.discard(ws)
            self._seq.pop(ws, None)
            self._session_of.pop(ws, None)
            self._shard_of.pop(ws, None)
            # Who closed: the client (its code) or the stand-in (the code it sent; aiohttp keeps the echoed one).
            by = "standin" if ws in self._closed_with else "client"
            code = self._closed_with.pop(ws, ws.close_code)
            self._log({"method": "GATEWAY", "path": "/gateway", "op": "closed", "code": code, "by": by})
        return ws

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = data.get("session_id")
        if session in self._session_shards:
            self._shard_of[ws] = self._session_shards[session]
        if session not in self.sessions:
            # Discord: a session it no longer knows can't be resumed; the client has to IDENTIFY again.
            await ws.send_str(json.dumps({"op": 9, "d": False}))
            return
        # The session carries on where it was (events missed in between are not replayed here).
        self._seq[ws] = self.sessions[session]
        self._session_of[ws] = session
        await self._dispatch(ws, "RESUMED", {})
        self.sockets.add(ws)

    async def _ready(self, ws: web.WebSocketResponse) -> None:
        session = f"session-{snowflake()}"
        self._session_of[ws] = session
        if ws in self._shard_of:
            self._session_shards[session] = self._shard_of[ws]  # a RESUME carries no shard: remember it
        ready = {
            "v": 10,
            "user": bot_user(),
            "guilds": [],
            "session_id": session,
            "resume_gateway_url": self.gateway_url,
            "shard": list(self._shard_of.get(ws, (0, 1))),
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await self._dispatch(ws, "READY", ready)
        self.sockets.add(ws)
        self.identified.set()

    # -- control API, for a stand-in running as a subprocess -------------------------------------------------

    async def _control_calls(self, request: web.Request) -> web.Response:
        return json_response(self.calls)

    async def _control_summary(self, request: web.Request) -> web.Response:
        """What a bench needs of a big run: messages by channel, when the last one landed, the 429s sent."""
        created = [c["at"] for c in self.calls if c["method"] == "POST" and c.get("status") == 200]
        return json_response(
            {
                "messages": {channel: len(kept) for channel, kept in self.messages.items()},
                "last_at": max(created, default=None),
                "limited": len(self.limited),
            }
        )

    async def _control_messages(self, request: web.Request) -> web.Response:
        return json_response(self.channel_messages(request.match_info["channel"]))

    async def _control_fail(self, request: web.Request) -> web.Response:
        how = await request.json()
        self.fail_next(how.pop("n", 1), how.pop("status"), **how)
        return json_response({"ok": True})

    async def _control_push(self, request: web.Request) -> web.Response:
        event = await request.json()
        return json_response({"sent_to": await self.push(event["t"], event["d"])})

    async def _control_reconnect(self, request: web.Request) -> web.Response:
        how = await request.json() if request.can_read_body else {}
        return json_response({"sent_to": await self.reconnect(how.get("how", "op7"), how.get("code", 4000))})


# -- as a subprocess -----------------------------------------------------------------------------------------


async def _serve(port: int, record: Path | None, nonce_ttl: float, latency: float, limits: bool) -> None:
    standin = DiscordStandin(record=record, nonce_ttl=nonce_ttl, limits=DiscordLimits() if limits else None)
    standin.latency = latency
    await standin.start(port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    # The parent reads this line to learn the port when it asked for port 0.
    print(f"listening {standin.url} api {standin.api_url} gateway {standin.gateway_url}", flush=True)
    await stop.wait()
    await standin.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A local stand-in for Discord's REST API and gateway.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--record", type=Path, help="append every call to this file as JSON lines")
    parser.add_argument("--nonce-ttl", type=float, default=300.0, help="seconds a nonce is remembered")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each REST call takes to answer")
    parser.add_argument("--no-limits", action="store_true", help="answer every call, however many (no 429)")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args.port, args.record, args.nonce_ttl, args.latency, not args.no_limits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
