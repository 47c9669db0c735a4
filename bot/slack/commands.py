"""Slash commands on Slack: each command in COMMANDS acked at once, answered by the command layer via respond()."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands import COMMANDS, Invocation, Reply, dispatch, options_from_text
from bot.commands.present import present
from bot.commands.reply import Picture
from bot.runtime import Runtime
from bot.slack.acks import after_ack
from bot.slack.errors import CALL_ERRORS

log = logging.getLogger("sitrep.slack")

# A response_url takes at most five answers; a reply longer than that (rare: replies are capped digests)
# is cut, and the log says so.
MAX_RESPONSES = 5
FAILED = Reply("Something went wrong", lines=("The error was logged; try again in a moment.",), error=True)

Listener = Callable[..., Awaitable[None]]


def invocation(name: str, payload: dict[str, Any]) -> Invocation:
    """A slash command payload as the command layer reads it."""
    return Invocation(
        command=name,
        options=options_from_text(name, payload.get("text") or ""),
        platform="slack",
        user_id=payload.get("user_id") or "",
        channel_id=payload.get("channel_id"),
    )


async def answer(
    rt: Runtime, name: str, payload: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient | None = None
) -> None:
    """Run the command and post its reply to the response_url; a failure still gets an (ephemeral) answer.
    Charts follow as image blocks: an ephemeral answer cannot carry a file, so each is uploaded without
    sharing it anywhere (only the bot can see it) and shown from there, to the asker alone."""
    try:
        reply = await dispatch(rt, invocation(name, payload))
        # Rendered in a worker thread: a long digest's templates would hold the event loop.
        parts = await asyncio.to_thread(present, reply, "slack", rt.config.templates)
    except Exception:
        log.exception("slack: /%s failed", name)
        reply, parts = FAILED, present(FAILED, "slack")
    if len(parts) > MAX_RESPONSES:
        log.warning("slack: /%s answered in %d parts; Slack takes %d", name, len(parts), MAX_RESPONSES)
    response_type = "ephemeral" if reply.ephemeral else "in_channel"
    room = MAX_RESPONSES - len(reply.pictures) if client is not None else MAX_RESPONSES
    for part in parts[: max(room, 1)]:
        response = await respond(
            text=part["text"],
            blocks=part.get("blocks"),
            response_type=response_type,
            unfurl_links=False,
            unfurl_media=False,
        )
        if response.status_code != 200:
            log.error("slack: answering /%s failed: HTTP %s %s", name, response.status_code, response.body)
            return
    if client is not None:
        for picture in reply.pictures[: MAX_RESPONSES - 1]:
            await _show(name, picture, client, respond, response_type)


async def _show(name: str, picture: Picture, client: AsyncWebClient, respond: AsyncRespond, response_type: str) -> None:
    """One chart as an answer: uploaded unshared (files_upload_v2 without a channel), then an image block that
    names the file. A chart that can't be shown is said, in words."""
    try:
        uploaded = await client.files_upload_v2(
            content=picture.png, filename=picture.filename, title=picture.title, alt_txt=picture.title
        )
        blocks: list[dict[str, Any]] = [
            {
                "type": "image",
                "slack_file": {"id": str(uploaded["files"][0]["id"])},
                "alt_text": picture.title,
                "title": {"type": "plain_text", "text": picture.title[:2000]},
            }
        ]
        text = picture.title
    except CALL_ERRORS as exc:
        log.error("slack: /%s: the chart could not be uploaded: %s", name, exc)
        blocks, text = [], f"The chart “{picture.title}” could not be uploaded; try again in a moment."
    response = await respond(text=text, blocks=blocks or None, response_type=response_type)
    if response.status_code != 200:
        log.error("slack: showing /%s's chart failed: HTTP %s %s", name, response.status_code, response.body)


class CommandListeners:
    """Registers the commands and keeps track of answers still being written, so stop() can let them finish."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.in_flight: set[asyncio.Task[Any]] = set()

    def register(self, app: AsyncApp) -> None:
        for command in COMMANDS:
            app.command(f"/{command.name}")(self._listener(command.name))

    def _listener(self, name: str) -> Listener:
        async def listener(
            ack: AsyncAck,
            command: dict[str, Any],
            respond: AsyncRespond,
            context: dict[str, Any],
            client: AsyncWebClient,
        ) -> None:
            task = asyncio.current_task()
            if task is not None:
                self.in_flight.add(task)
            try:
                # Slack gives up after 3 s: acknowledge first, answer afterwards through the response_url.
                await ack()
                await after_ack(context)
                await answer(self.rt, name, command, respond, client)
            except Exception:
                log.exception("slack: could not answer /%s", name)
            finally:
                self.in_flight.discard(task)

        listener.__name__ = f"slash_{name}"
        return listener

    async def drain(self, timeout: float = 10.0) -> None:
        if self.in_flight:
            await asyncio.wait(set(self.in_flight), timeout=timeout)
