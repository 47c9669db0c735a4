"""The Slack stand-in's own contract: scripted faults and its state over HTTP, as the crash test drives it, and
Slack's rate limits."""

from __future__ import annotations

import aiohttp

from tests.standins.slack import SlackLimits, SlackStandIn


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


async def _post(http: aiohttp.ClientSession, standin: SlackStandIn, channel: str) -> tuple[int, str | None]:
    async with http.post(f"{standin.api_url}chat.postMessage", json={"channel": channel, "text": "x"}) as resp:
        return resp.status, resp.headers.get("Retry-After")


async def test_posts_over_a_channels_limit_are_refused_with_429_and_retry_after() -> None:
    async with SlackStandIn() as standin, aiohttp.ClientSession() as http:
        # 1 a second per channel, a burst of 2: the third at once is refused, another channel's post is not.
        answers = [await _post(http, standin, "C1") for _ in range(3)]
        other = await _post(http, standin, "C2")

    assert answers == [(200, None), (200, None), (429, "1")]
    assert other == (200, None)
    assert [m["text"] for m in standin.posted("C1")] == ["x", "x"]
    assert [(d["method"], d["channel"]) for d in standin.limited] == [("chat.postMessage", "C1")]
    assert [c.get("limited", False) for c in standin.calls] == [False, False, True, False]


async def test_posts_over_the_workspace_budget_are_refused_whatever_the_channel() -> None:
    limits = SlackLimits(workspace=(1.0, 3.0))
    async with SlackStandIn(limits=limits) as standin, aiohttp.ClientSession() as http:
        answers = [(await _post(http, standin, f"C{i}"))[0] for i in range(5)]

    assert answers == [200, 200, 200, 429, 429]
    assert len(standin.posted()) == 3


async def test_history_reads_have_a_tier_3_budget() -> None:
    async with SlackStandIn(limits=SlackLimits(history=(50 / 60, 2.0))) as standin, aiohttp.ClientSession() as http:
        statuses = []
        for _ in range(3):
            async with http.post(f"{standin.api_url}conversations.history", data={"channel": "C1"}) as resp:
                statuses.append(resp.status)

    assert statuses == [200, 200, 429]


async def test_limits_can_be_turned_off_for_tests_about_something_else() -> None:
    async with SlackStandIn(limits=None) as standin, aiohttp.ClientSession() as http:
        answers = [(await _post(http, standin, "C1"))[0] for _ in range(5)]

    assert answers == [200] * 5
    assert standin.limited == []
