"""Socket Mode: the real AsyncSocketModeHandler connects to the stand-in's websocket and answers an envelope."""

from __future__ import annotations

import json

from bot.adapters import build_adapters
from digests.store.db import Store
from tests.bot.slack.conftest import CHANNEL, add_sample, make_config, make_runtime
from tests.standins.slack import SlackStandIn, slash_payload


async def test_a_slash_command_envelope_is_acked_and_answered(store: Store, standin: SlackStandIn) -> None:
    add_sample(store)
    rt = make_runtime(store, make_config(standin.api_url, mode="socket"))
    (adapter,) = build_adapters(rt)
    await adapter.start()
    try:
        payload = slash_payload(
            "/casualties", "north-korea", response_url=standin.response_url("casualties"), channel_id=CHANNEL
        )
        envelope_id = await standin.send_envelope(payload)
        (ack,) = await standin.wait_for(lambda: [a for a in standin.acks if a["envelope_id"] == envelope_id])
        (answer,) = await standin.wait_for(lambda: [r["body"] for r in standin.responses])
    finally:
        await adapter.stop()

    (opened,) = standin.calls_to("apps.connections.open")
    assert opened["token"] == "xapp-test-token"
    assert "payload" not in ack  # an empty ack: the answer follows through the response_url
    assert answer["response_type"] == "ephemeral"
    shown = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "several hundred" in shown and "at least 30" in shown
