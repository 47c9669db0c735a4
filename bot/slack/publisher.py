"""The Slack publisher: posts digest parts with metadata naming the delivery, and finds them again after a crash."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.pacing import SlackPacer
from bot.publish import PublishError
from bot.slack.errors import CALL_ERRORS, publish_error
from bot.slack.installs import Installs
from digests.chart import chart_png
from digests.config.models import Channel, SlackPace

log = logging.getLogger("sitrep.slack")

EVENT_TYPE = "sitrep_delivery"
# How far back resend() looks; a digest retried after a crash is among the channel's latest messages.
HISTORY_LIMIT = 100


class SlackPublisher:
    platform = "slack"
    format = "slack"
    charts = True

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        history_limit: int = HISTORY_LIMIT,
        installs: Installs | None = None,
        pacer: SlackPacer | None = None,
    ) -> None:
        self.client = client
        # Every post and history read waits its turn under Slack's limits, so a wave of digests meets no 429.
        self.pacer = pacer or SlackPacer(SlackPace())
        self.history_limit = history_limit
        # Many workspaces: a channel that names its `team` is posted to with that workspace's bot token.
        self.installs = installs
        # Learned from auth.test by the adapter: narrows resend()'s search to this bot's own messages,
        # and names the bot in "invite the bot" advice.
        self.bot_id: str | None = None
        self.bot_name = "sitrep"

    def _channel_id(self, channel: Channel) -> str:
        if not channel.id:
            raise PublishError(f"channel {channel.name} has no Slack id in the config", permanent=True)
        return channel.id

    async def _token(self, channel: Channel) -> dict[str, Any]:
        """The token to call with for this channel's workspace, as keyword arguments (none: the client's)."""
        if channel.team is None:
            return {}
        token = await self.installs.bot_token(channel.team) if self.installs is not None else None
        if token is None:
            raise PublishError(
                f"sitrep is not installed in the Slack workspace {channel.team} of #{channel.name}: "
                "install it there through /slack/install",
                permanent=True,
            )
        return {"token": token}

    async def turn(self, channel: Channel) -> None:
        await self.pacer.turn(channel.team or "", channel.id or "")

    async def send(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        channel_id = self._channel_id(channel)
        token = await self._token(channel)
        await self.pacer.post(channel.team or "", channel_id)
        if "chart" in part:
            return await self._upload(channel, channel_id, part["chart"], key, token)
        try:
            response = await self.client.chat_postMessage(
                **token,
                channel=channel_id,
                text=part["text"],
                blocks=part.get("blocks"),
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": EVENT_TYPE, "event_payload": {"key": key}},
            )
        except CALL_ERRORS as exc:
            raise publish_error(exc, channel, bot=self.bot_name) from exc
        ts = str(response["ts"])
        log.info("slack: posted %s to #%s as %s", key, channel.name, ts, extra={"channel": channel.name})
        return ts

    async def _upload(
        self, channel: Channel, channel_id: str, chart: dict[str, Any], key: str, token: dict[str, Any]
    ) -> str:
        """files_upload_v2 (getUploadURLExternal, the bytes, completeUploadExternal into the channel). The file's
        name carries the key, so find() recognises a chart whose upload finished before a crash."""
        try:
            response = await self.client.files_upload_v2(
                **token,
                channel=channel_id,
                content=chart_png({"chart": chart}),
                filename=chart_filename(chart, key),
                title=chart["title"],
                alt_txt=chart["title"],
            )
        except CALL_ERRORS as exc:
            raise publish_error(exc, channel, bot=self.bot_name) from exc
        file_id = str(response["files"][0]["id"])
        log.info("slack: uploaded %s to #%s as file %s", key, channel.name, file_id, extra={"channel": channel.name})
        return f"file:{file_id}"

    async def find(self, channel: Channel, key: str) -> str | None:
        """The ts of this bot's message carrying `key` among the channel's recent ones (for a chart, the id of
        the file shared under the key's name), if any."""
        channel_id = self._channel_id(channel)
        token = await self._token(channel)
        await self.pacer.history(channel.team or "")
        try:
            # Without include_all_metadata Slack returns only the event_type, not the payload with the key.
            response = await self.client.conversations_history(
                **token, channel=channel_id, include_all_metadata=True, limit=self.history_limit
            )
        except CALL_ERRORS as exc:
            raise publish_error(exc, channel, bot=self.bot_name) from exc
        for message in response.get("messages") or []:
            if self.bot_id and not token and message.get("bot_id") not in (None, self.bot_id):
                continue  # another sitrep (another database) posting here numbers its deliveries the same way
            for shared in message.get("files") or []:
                if str(shared.get("name", "")).endswith(f"-{key}.png"):
                    return f"file:{shared['id']}"
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") != EVENT_TYPE:
                continue
            if (metadata.get("event_payload") or {}).get("key") == key:
                return str(message["ts"])
        return None

    async def resend(self, channel: Channel, part: dict[str, Any], *, key: str) -> str:
        found = await self.find(channel, key)
        if found is not None:
            log.info("slack: %s was already in #%s as %s; not posting it again", key, channel.name, found)
            return found
        return await self.send(channel, part, key=key)


def chart_filename(chart: dict[str, Any], key: str) -> str:
    """ "gaza-trend-d12p3.png": the topic for the reader, the delivery part's key for find()."""
    return f"{chart['topic']}-trend-{key}.png"
