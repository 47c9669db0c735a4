"""Lets an answer wait until its ack has left: the command layer's store queries are synchronous and would
otherwise run (and hold the event loop) between ack() and bolt writing the ack out."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

ACK_SENT = "sitrep_ack_sent"
# If the ack never goes out (an error in bolt), answer anyway after this long.
ACK_WAIT = 1.0


def ack_context() -> dict[str, Any]:
    return {ACK_SENT: asyncio.Event()}


def mark_sent(request: AsyncBoltRequest) -> None:
    sent = request.context.get(ACK_SENT)
    if isinstance(sent, asyncio.Event):
        sent.set()


async def after_ack(context: dict[str, Any]) -> None:
    """Return once the transport has written this request's ack (or at once where nobody tracks it)."""
    sent = context.get(ACK_SENT)
    if isinstance(sent, asyncio.Event):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(sent.wait(), ACK_WAIT)


class SocketModeHandler(AsyncSocketModeHandler):
    """bolt's Socket Mode handler, marking each envelope's ack as sent once it is on the websocket."""

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        start = time.time()
        request = AsyncBoltRequest(
            mode="socket_mode", body=req.payload, headers=build_headers(req), context=ack_context()
        )
        try:
            await send_async_response(client, req, await self.app.async_dispatch(request), start)
        finally:
            mark_sent(request)
