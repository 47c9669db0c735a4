"""The Discord stand-in as another process would use it (a subprocess, a record file, the control API), and
Discord's rate limits as it enforces them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
from tests.standins.discord import DiscordLimits, DiscordStandin
from tests.standins.discord_wire import embed_problems


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    record = tmp_path / "calls.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.standins.discord", "--port", "0", "--record", str(record)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "listening http://127.0.0.1:PORT api ... gateway ..."
        assert line.startswith("listening "), line
        yield line.split()[1], record
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


def test_the_subprocess_answers_records_and_takes_orders(served: tuple[str, Path]) -> None:
    url, record = served
    api = url + "/api/v10"
    with httpx.Client(timeout=10) as http:
        me = http.get(api + "/users/@me", headers={"Authorization": "Bot x"})
        assert me.headers["Content-Type"] == "application/json"
        assert me.json()["bot"] is True
        assert http.post(url + "/_standin/fail", json={"n": 1, "status": 403, "code": 50001}).status_code == 200
        body = {"content": "hi", "nonce": "d1p0", "enforce_nonce": True, "allowed_mentions": {"parse": []}}
        refused = http.post(api + "/channels/42/messages", json=body)
        first = http.post(api + "/channels/42/messages", json=body)
        again = http.post(api + "/channels/42/messages", json=body)
        kept = http.get(url + "/_standin/messages/42").json()
        told = http.post(url + "/_standin/reconnect", json={"how": "close", "code": 4000}).json()

    assert (refused.status_code, refused.json()) == (403, {"message": "Missing Access", "code": 50001})
    assert first.json()["id"] == again.json()["id"]
    assert len(kept) == 1
    assert told == {"sent_to": 0}  # no bot on the gateway to reconnect
    lines = [json.loads(line) for line in record.read_text().splitlines()]
    assert [(c["op"], c["how"]) for c in lines if c["method"] == "GATEWAY"] == [("reconnect", "close")]
    lines = [c for c in lines if c["method"] != "GATEWAY"]
    assert [(c["method"], c["status"]) for c in lines] == [
        ("GET", 200),
        ("POST", 403),
        ("POST", 200),
        ("POST", 200),
    ]


def test_it_rejects_what_discord_rejects() -> None:
    assert embed_problems([{"description": "x" * 4097}]) == ["embeds[0].description: 4097 > 4096"]
    assert embed_problems([{"fields": [{"name": "n", "value": "v"}] * 26}]) == ["embeds[0].fields: 26 > 25"]
    assert embed_problems([{"description": "x" * 4000}, {"description": "x" * 2001}]) == ["embeds total 6001 > 6000"]
    assert embed_problems([{}] * 11) == ["11 embeds > 10"]


async def test_a_channels_route_bucket_is_announced_in_headers_and_enforced() -> None:
    async with DiscordStandin() as standin, httpx.AsyncClient(base_url=standin.api_url) as http:
        answers = [await http.post("/channels/42/messages", json={"content": f"{n}"}) for n in range(6)]

    first, *_, sixth = answers
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert first.headers["X-RateLimit-Limit"] == "5"
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["4", "3", "2", "1", "0", "0"]
    assert first.headers["X-RateLimit-Bucket"] == "80c17d2f203122d936070c88c8d10f33"
    assert 4.5 < float(first.headers["X-RateLimit-Reset-After"]) <= 5.0
    assert sixth.json()["global"] is False and 4 < sixth.json()["retry_after"] <= 5.0
    assert sixth.headers["Via"] and sixth.headers["X-RateLimit-Scope"] == "user"
    assert len(standin.channel_messages(42)) == 5
    assert standin.limited[0]["scope"] == "user"


async def test_the_global_limit_counts_every_channel_but_not_interactions() -> None:
    limits = DiscordLimits(global_=(1.0, 3.0))
    async with DiscordStandin(limits=limits) as standin, httpx.AsyncClient(base_url=standin.api_url) as http:
        statuses = [(await http.post(f"/channels/{c}/messages", json={"content": "x"})).status_code for c in range(4)]
        refused = await http.post("/channels/9/messages", json={"content": "x"})
        answer = await http.post(
            "/interactions/1/tok/callback",
            params={"with_response": "1"},
            json={"type": 4, "data": {"content": "x"}},
        )

    assert statuses == [200, 200, 200, 429]
    assert refused.json()["global"] is True and refused.headers["X-RateLimit-Global"] == "true"
    assert answer.status_code == 200
    assert [d["scope"] for d in standin.limited] == ["global", "global"]


async def test_limits_can_be_turned_off() -> None:
    async with DiscordStandin(limits=None) as standin, httpx.AsyncClient(base_url=standin.api_url) as http:
        statuses = [(await http.post("/channels/42/messages", json={"content": "x"})).status_code for _ in range(7)]

    assert statuses == [200] * 7
    assert standin.limited == []
