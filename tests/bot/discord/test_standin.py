"""The Discord stand-in as another process would use it: a subprocess, a record file, the control API."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
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
