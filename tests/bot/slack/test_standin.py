"""The Slack stand-in's own contract, as the crash test drives it over HTTP: scripted faults and its state."""

from __future__ import annotations

import aiohttp

from tests.standins.slack import SlackStandIn


async def test_faults_scripted_over_http_apply_to_the_next_calls_only(standin: SlackStandIn) -> None:
    async with aiohttp.ClientSession() as http:
        fail = {"method": "chat.postMessage", "error": "not_in_channel", "times": 2}
        async with http.post(f"{standin.url}/_control/fail", json=fail) as resp:
            assert resp.status == 200
        answers = []
        for _ in range(3):
            async with http.post(f"{standin.api_url}chat.postMessage", json={"channel": "C1", "text": "x"}) as resp:
                answers.append((await resp.json())["ok"])
        async with http.get(f"{standin.url}/_control/state") as resp:
            state = await resp.json()

    assert answers == [False, False, True]
    assert [c["fault"]["error"] if c["fault"] else None for c in state["calls"]] == [
        "not_in_channel",
        "not_in_channel",
        None,
    ]
    assert [m["text"] for m in state["messages"]["C1"]] == ["x"]
