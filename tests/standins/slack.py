"""A local stand-in for Slack: the Web API, response_url answers and a Socket Mode websocket, recording every call.

In-process (tests): `async with SlackStandIn() as slack:` → `slack.api_url` for `slack.api_url` in the config,
`slack.response_url("r1")` for slash command payloads, `slack.fail(...)` to script trouble, `slack.calls`.
File uploads take Slack's v2 path: files.getUploadURLExternal hands out an upload URL, the bytes are POSTed
to it, files.completeUploadExternal shares the file into a channel (a message carrying `files`); `uploads`
holds each file's bytes, and only completed ones are shared.
As a process (crash and end-to-end tests): `python -m tests.standins.slack --port 0 --record calls.jsonl`
prints `listening http://127.0.0.1:PORT` once ready, appends one JSON line per event to the record file,
and takes the same scripting over HTTP: `POST /_control/fail` with fail()'s arguments as JSON,
`GET /_control/state` for everything recorded, `POST /_control/envelope` to send a Socket Mode envelope.
It enforces Slack's rate limits (SlackLimits; `limits=None` or `--no-limits` turns them off): chat.postMessage
about 1 a second per channel and a workspace budget, conversations.history Tier 3 (50 a minute); over them it
answers HTTP 429 with Retry-After and acts on nothing, and counts the answer in `limited`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import hmac
import itertools
import json
import math
import signal
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from tests.standins.limits import TokenBucket

TEAM = {"team": "Sitrep Test", "team_id": "T0SITREP", "url": "https://sitrep-test.slack.com/"}
BOT = {"user": "sitrep", "user_id": "U0SITREP", "bot_id": "B0SITREP", "app_id": "A0SITREP"}
SCOPES = "chat:write,commands"  # what missing_scope says the app has


@dataclass
class Fault:
    """Trouble for the next `times` calls of `method` ("*": any method)."""

    method: str = "*"
    status: int = 200  # 429 answers with Retry-After; 5xx with a plain-text body
    error: str | None = None  # an `ok: false` error code, answered with HTTP 200 as Slack does
    retry_after: int = 1
    times: int = 1
    # Act on the call (store the message), then answer with the fault: an answer lost after a post landed.
    commit: bool = False
    # Close the connection instead of answering.
    disconnect: bool = False
    needed: str = "channels:history"  # missing_scope's `needed`


@dataclass(frozen=True)
class SlackLimits:
    """Slack's limits, each a token bucket (rate a second, burst). chat.postMessage: "1 message per second per
    channel, bursts tolerated briefly", and a workspace budget Slack only calls "several hundred per minute"
    (modelled as 10 a second); conversations.history is Tier 3, about 50 a minute."""

    channel: tuple[float, float] = (1.0, 2.0)
    workspace: tuple[float, float] = (10.0, 10.0)
    history: tuple[float, float] = (50 / 60, 20.0)


# The app's OAuth client id, as oauth.v2.access checks it.
CLIENT_ID = "1111.2222"


def workspace(team: str) -> dict[str, str]:
    """auth.test's answer for a bot installed through OAuth in workspace `team`."""
    return {
        "team": f"Team {team}",
        "team_id": team,
        "url": f"https://{team.lower()}.slack.com/",
        "user": "sitrep",
        "user_id": f"U0BOT{team[-3:]}",
        "bot_id": f"B0BOT{team[-3:]}",
        "app_id": BOT["app_id"],
    }


def _basic_user(header: str) -> str | None:
    """The user (client id) of an HTTP Basic Authorization header, as slack-sdk sends oauth.v2.access."""
    if not header.startswith("Basic "):
        return None
    return base64.b64decode(header.removeprefix("Basic ")).decode().split(":", 1)[0]


def slash_payload(
    command: str,
    text: str = "",
    *,
    response_url: str,
    user_id: str = "U0ASKER",
    channel_id: str = "C0SAMPLE",
    team_id: str = TEAM["team_id"],
) -> dict[str, str]:
    """What Slack sends for `/command text`: the fields bolt and sitrep read."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "sitrep-test",
        "channel_id": channel_id,
        "channel_name": "ops-room",
        "user_id": user_id,
        "user_name": "asker",
        "command": command if command.startswith("/") else f"/{command}",
        "text": text,
        "api_app_id": BOT["app_id"],
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
    }


def signed_request(
    secret: str, payload: dict[str, str], *, timestamp: float | None = None
) -> tuple[bytes, dict[str, str]]:
    """A form body and the headers Slack signs it with: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")."""
    body = urlencode(payload)
    ts = str(int(time.time() if timestamp is None else timestamp))
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }
    return body.encode(), headers


def _truthy(value: Any) -> bool:
    return str(value).lower() in ("1", "true")


class SlackStandIn:
    def __init__(self, record: Path | None = None, *, limits: SlackLimits | None = SlackLimits()) -> None:
        self.record = record
        self.limits = limits
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self.limited: list[dict[str, Any]] = []  # calls answered 429 because they went over a limit
        self.calls: list[dict[str, Any]] = []  # Web API calls, in order
        self.responses: list[dict[str, Any]] = []  # posts to response_urls
        self.acks: list[dict[str, Any]] = []  # Socket Mode acks from the client
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel → messages, oldest first
        self.faults: list[Fault] = []
        self.uploads: dict[str, dict[str, Any]] = {}  # file id → {"name", "length", "data", "channel"}
        self.respond_delay = 0.0  # seconds a response_url post takes to be answered
        self.latency = 0.0  # seconds each Web API call takes to be answered
        # OAuth v2: the bot token each installation was given → its workspace's team id.
        self.installed: dict[str, str] = {}
        self.url = ""
        self._ts = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # — lifecycle —

    async def start(self, port: int = 0, host: str = "127.0.0.1") -> str:
        app = web.Application()
        app.add_routes(
            [
                web.route("*", "/api/{method}", self._api),
                web.post("/respond/{name}", self._respond),
                web.post("/upload/{file_id}", self._upload),
                web.get("/link/", self._link),
                web.post("/_control/fail", self._control_fail),
                web.post("/_control/envelope", self._control_envelope),
                web.get("/_control/state", self._control_state),
                web.get("/_control/summary", self._control_summary),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = site._server.sockets[0].getsockname()  # type: ignore[union-attr]
        self.url = f"http://{host}:{bound[1]}"
        return self.url

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> SlackStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/respond/{name}"

    # — scripting and reading —

    def fail(self, method: str = "*", **kwargs: Any) -> None:
        self.faults.append(Fault(method=method, **kwargs))

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["method"] == method]

    def shared_files(self, channel: str) -> list[dict[str, Any]]:
        """Files shared into a channel (completed uploads), oldest first, with their bytes."""
        return [u for u in self.uploads.values() if u["channel"] == channel]

    def posted(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Messages that landed (including those whose answer was lost), oldest first."""
        if channel is not None:
            return list(self.messages.get(channel, []))
        return [m for messages in self.messages.values() for m in messages]

    async def wait_for(self, check: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until check() returns something truthy, and return it."""
        deadline = time.monotonic() + timeout
        while not (result := check()):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the stand-in did not see what the test waited for")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))
        return result

    async def send_envelope(self, payload: dict[str, Any], kind: str = "slash_commands") -> str:
        """Send a Socket Mode envelope to the connected client; its ack shows up in `acks`."""
        await self.wait_for(lambda: self._sockets)
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "accepts_response_payload": True, "payload": payload}
        self._note("envelope", {"envelope_id": envelope_id, "type": kind, "payload": payload})
        await self._sockets[-1].send_str(json.dumps(envelope))
        return envelope_id

    def state(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "responses": self.responses,
            "acks": self.acks,
            "messages": self.messages,
            "limited": self.limited,
        }

    def _bucket(self, kind: str, key: str) -> TokenBucket:
        bucket = self._buckets.get((kind, key))
        if bucket is None:
            assert self.limits is not None
            rate, burst = getattr(self.limits, kind)
            bucket = self._buckets[kind, key] = TokenBucket(rate, burst)
        return bucket

    def _over_limit(self, method: str, params: dict[str, Any], token: str) -> float:
        """Seconds to wait when the call goes over one of Slack's limits (0: it may go, and is counted)."""
        if self.limits is None:
            return 0.0
        workspace = self.installed.get(token, TEAM["team_id"])
        if method == "chat.postMessage":
            buckets = [self._bucket("channel", str(params.get("channel", ""))), self._bucket("workspace", workspace)]
        elif method == "conversations.history":
            buckets = [self._bucket("history", workspace)]
        else:
            return 0.0
        wait = max(b.wait() for b in buckets)
        if wait == 0:
            for b in buckets:
                b.take()
        return wait

    # — internals —

    def _note(self, kind: str, event: dict[str, Any]) -> None:
        if self.record is not None:
            with self.record.open("a", encoding="utf-8") as out:
                out.write(json.dumps({"kind": kind, **event}, ensure_ascii=False) + "\n")
        self._changed.set()

    def _take_fault(self, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.method in ("*", method) and fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
                return fault
        return None

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(await request.post())
        return {
            k: v if isinstance(v, str | int | float | bool | list | dict | None) else str(v) for k, v in params.items()
        }

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await self._params(request)
        if self.latency:
            await asyncio.sleep(self.latency)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        fault = self._take_fault(method)
        call = {"at": time.time(), "method": method, "params": params, "token": token}
        call["fault"] = asdict(fault) if fault else None
        # A scripted fault answers instead of Slack acting, so it takes nothing from the limits.
        wait = self._over_limit(method, params, token) if fault is None else 0.0
        if wait:
            call["limited"] = True
        self.calls.append(call)
        self._note("api", call)
        if wait:
            self.limited.append({"at": call["at"], "method": method, "channel": params.get("channel")})
            # Slack acted on nothing, and says in whole seconds when to come back.
            headers = {"Retry-After": str(max(1, math.ceil(wait)))}
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers=headers)
        if method == "oauth.v2.access":
            params["client_id"] = _basic_user(request.headers.get("Authorization", "")) or params.get("client_id")
        answer = self._answer(method, params, token) if fault is None or fault.commit else None
        if fault is None:
            return web.json_response(answer)
        if fault.disconnect:
            assert request.transport is not None
            request.transport.close()
            return web.Response()  # never reaches the client
        if fault.status == 429:
            body = {"ok": False, "error": "ratelimited"}
            return web.json_response(body, status=429, headers={"Retry-After": str(fault.retry_after)})
        if fault.status >= 500:
            return web.Response(status=fault.status, text="upstream trouble", content_type="text/plain")
        body = {"ok": False, "error": fault.error or "fatal_error"}
        if fault.error == "missing_scope":
            body |= {"needed": fault.needed, "provided": SCOPES}
        return web.json_response(body)

    def _answer(self, method: str, params: dict[str, Any], token: str = "") -> dict[str, Any]:
        if method == "auth.test":
            if token in self.installed:
                return {"ok": True, **workspace(self.installed[token]), "is_enterprise_install": False}
            return {"ok": True, **TEAM, **BOT, "is_enterprise_install": False}
        if method == "oauth.v2.access":
            return self._exchange(params)
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http://", "ws://") + "/link/"}
        if method == "chat.postMessage":
            return self._post(params)
        if method == "conversations.history":
            return self._history(params)
        if method == "files.getUploadURLExternal":
            return self._upload_url(params)
        if method == "files.completeUploadExternal":
            return self._complete_upload(params)
        return {"ok": False, "error": "unknown_method"}

    def _upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{len(self.uploads) + 1:08d}"
        self.uploads[file_id] = {
            "id": file_id,
            "name": params["filename"],
            "length": int(params["length"]),
            "data": None,
            "channel": None,
            "completed": False,
        }
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    async def _upload(self, request: web.Request) -> web.Response:
        upload = self.uploads.get(request.match_info["file_id"])
        if upload is None:
            return web.Response(status=404, text="no such upload")
        data = await request.read()
        if len(data) != upload["length"]:
            return web.Response(status=400, text=f"expected {upload['length']} bytes, got {len(data)}")
        upload["data"] = data
        self._note("upload", {"file_id": upload["id"], "bytes": len(data)})
        return web.Response(text=f"OK - {len(data)}")

    def _complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        done = []
        for item in files:
            upload = self.uploads.get(item.get("id"))
            if upload is None or upload["data"] is None or upload["completed"]:
                return {"ok": False, "error": "file_not_found"}  # never uploaded, or completed already
            # Without a channel the file is the uploader's alone: private, shown only where a block names it.
            upload |= {"title": item.get("title"), "channel": params.get("channel_id"), "completed": True}
            done.append({"id": upload["id"], "name": upload["name"], "title": upload["title"], "mimetype": "image/png"})
        channel = params.get("channel_id")
        if channel:
            message = {
                "type": "message",
                "ts": f"{int(time.time())}.{next(self._ts):06d}",
                "text": params.get("initial_comment") or "",
                "files": done,
                "upload": True,
                "user": BOT["user_id"],
                "bot_id": BOT["bot_id"],
            }
            self.messages.setdefault(str(channel), []).append(message)
        return {"ok": True, "files": done}

    def _exchange(self, params: dict[str, Any]) -> dict[str, Any]:
        """oauth.v2.access: a code from the install redirect, `code-<TEAM ID>`, gives that workspace a bot token."""
        code = str(params.get("code", ""))
        if not code.startswith("code-") or params.get("client_id") != CLIENT_ID:
            return {
                "ok": False,
                "error": "invalid_code" if params.get("client_id") == CLIENT_ID else "invalid_client_id",
            }
        team = code.removeprefix("code-")
        token = f"xoxb-{team}-{uuid.uuid4().hex[:12]}"
        self.installed[token] = team
        who = workspace(team)
        return {
            "ok": True,
            "access_token": token,
            "token_type": "bot",
            "scope": "chat:write,commands,channels:history,groups:history",
            "bot_user_id": who["user_id"],
            "app_id": BOT["app_id"],
            "team": {"id": team, "name": who["team"]},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": f"U0INSTALL{team[-3:]}"},
        }

    def _post(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        blocks = params.get("blocks")
        metadata = params.get("metadata")
        message = {
            "type": "message",
            "subtype": "bot_message",
            "ts": f"{int(time.time())}.{next(self._ts):06d}",
            "text": params.get("text", ""),
            "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks or [],
            "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata,
            "unfurl_links": params.get("unfurl_links"),
            "unfurl_media": params.get("unfurl_media"),
            "user": BOT["user_id"],
            "bot_id": BOT["bot_id"],
            "app_id": BOT["app_id"],
        }
        self.messages.setdefault(channel, []).append(message)
        public = {k: v for k, v in message.items() if k not in ("unfurl_links", "unfurl_media")}
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": public}

    def _history(self, params: dict[str, Any]) -> dict[str, Any]:
        limit = int(params.get("limit") or 100)
        full = _truthy(params.get("include_all_metadata"))
        found = []
        for message in reversed(self.messages.get(str(params.get("channel", "")), [])[-limit:]):
            shown = {k: v for k, v in message.items() if k not in ("metadata", "unfurl_links", "unfurl_media")}
            if message.get("metadata"):
                # Slack returns only the event_type unless include_all_metadata is set.
                metadata = message["metadata"]
                shown["metadata"] = metadata if full else {"event_type": metadata.get("event_type")}
            found.append(shown)
        return {"ok": True, "messages": found, "has_more": False}

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        await asyncio.sleep(self.respond_delay)
        for block in body.get("blocks") or []:
            # An image block's slack_file must name a file the app uploaded and completed; else Slack refuses.
            wanted = (block.get("slack_file") or {}).get("id") if block.get("type") == "image" else None
            if wanted is not None and not (self.uploads.get(wanted) or {}).get("completed"):
                self._note("response_url_refused", {"name": request.match_info["name"], "file": wanted})
                return web.Response(status=400, text="invalid_blocks")
        answer = {"at": time.time(), "name": request.match_info["name"], "body": body}
        self.responses.append(answer)
        self._note("response_url", answer)
        return web.Response(text="ok")

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(
            json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0SITREP"}})
        )
        self._sockets.append(ws)
        self._note("socket", {"event": "connected"})
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    ack = {"at": time.time(), **json.loads(msg.data)}
                    self.acks.append(ack)
                    self._note("ack", ack)
        finally:
            self._sockets.remove(ws)
        return ws

    async def _control_fail(self, request: web.Request) -> web.Response:
        self.fail(**(await request.json()))
        return web.json_response({"ok": True})

    async def _control_envelope(self, request: web.Request) -> web.Response:
        data = await request.json()
        envelope_id = await self.send_envelope(data["payload"], data.get("type", "slash_commands"))
        return web.json_response({"ok": True, "envelope_id": envelope_id})

    async def _control_state(self, request: web.Request) -> web.Response:
        return web.json_response(self.state())

    async def _control_summary(self, request: web.Request) -> web.Response:
        """What a bench needs of a big run: messages by channel, when the last one landed, the 429s sent."""
        posted = [
            c["at"] for c in self.calls if c["method"] == "chat.postMessage" and not c["fault"] and not c.get("limited")
        ]
        summary = {
            "messages": {channel: len(kept) for channel, kept in self.messages.items()},
            "last_at": max(posted, default=None),
            "limited": len(self.limited),
        }
        return web.json_response(summary)


async def _serve(port: int, host: str, record: Path | None, latency: float, limits: bool) -> None:
    standin = SlackStandIn(record, limits=SlackLimits() if limits else None)
    standin.latency = latency
    url = await standin.start(port, host)
    print(f"listening {url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await standin.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A local stand-in for Slack's Web API, for tests.")
    parser.add_argument("--port", type=int, default=0, help="0: any free port (printed once listening)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--record", type=Path, help="append one JSON line per call to this file")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds each Web API call takes to answer")
    parser.add_argument("--no-limits", action="store_true", help="answer every call, however many (no 429)")
    args = parser.parse_args(argv)
    asyncio.run(_serve(args.port, args.host, args.record, args.latency, not args.no_limits))


if __name__ == "__main__":
    main()
