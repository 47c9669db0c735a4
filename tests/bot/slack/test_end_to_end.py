"""Acceptance: the real `sitrep run` process against the Slack stand-in process — digests, commands, shutdown."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.slack.conftest import ADMIN, CHANNEL, SECRET, TOKEN, free_port
from tests.conftest import REPO
from tests.standins.slack import signed_request, slash_payload

SAMPLE_FEED = REPO / "config" / "samples" / "feed.xml"
CONFIG = """\
database: ${{SITREP_DB}}
feeds:
  - name: sample
    url: {feed}
    backfill: all
    fetch_pages: false
topics:
  north-korea:
    title: North Korean troops in Russia
    match: ["North Korea", "North Korean", "DPRK"]
channels:
  - name: ops-room
    platform: slack
    id: {channel}
    topics: [north-korea]
    schedule: "0 8 * * *"
slack:
  bot_token: ${{SLACK_BOT_TOKEN}}
  signing_secret: ${{SLACK_SIGNING_SECRET}}
  mode: http
  host: 127.0.0.1
  port: {port}
  api_url: {api_url}
admins:
  slack_users: [{admin}]
"""


def _sitrep() -> list[str]:
    script = Path(sys.executable).with_name("sitrep")
    # Run by this interpreter: the script's #! line may name another checkout's (a worktree's linked .venv).
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


class StandIn:
    """The stand-in as a process, read and scripted over its control endpoints."""

    def __init__(self, record: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.standins.slack", "--port", "0", "--record", str(record)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.match(r"listening (http://\S+)", line)
        assert match, f"stand-in did not start: {line!r}"
        self.url = match.group(1)

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/_control/state", timeout=5) as resp:
            state: dict[str, Any] = json.load(resp)
            return state

    def posts(self) -> list[dict[str, Any]]:
        return [c["params"] for c in self.state()["calls"] if c["method"] == "chat.postMessage"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def standin(tmp_path: Path) -> Iterator[StandIn]:
    s = StandIn(tmp_path / "slack-calls.jsonl")
    try:
        yield s
    finally:
        s.stop()


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, float]:
    started = time.monotonic()
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            resp.read()
            return resp.status, time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, time.monotonic() - started


def _wait(check: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _unescaped_markup(texts: list[str]) -> list[str]:
    """Anything in angle brackets that is not one of the renderer's own links <https://…|…>."""
    return [m for t in texts for m in re.findall(r"<[^>]*>", t) if not m.startswith(("<http://", "<https://"))]


def test_sitrep_run_posts_the_sample_digest_answers_commands_and_stops_cleanly(
    tmp_path: Path, standin: StandIn
) -> None:
    port = free_port()
    config = tmp_path / "sitrep.yaml"
    config.write_text(
        CONFIG.format(feed=SAMPLE_FEED, channel=CHANNEL, port=port, api_url=f"{standin.url}/api/", admin=ADMIN),
        encoding="utf-8",
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SITREP_"))},
        "SITREP_DB": f"sqlite:///{tmp_path}/sitrep.db",
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
    }
    run = [*_sitrep(), "run", "--config", str(config)]

    # --once: ingest the sample feed and post its digest as Block Kit.
    first = subprocess.run([*run, "--once"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    posts = standin.posts()
    assert posts, first.stderr
    for number, post in enumerate(posts):
        assert post["channel"] == CHANNEL and post["blocks"][0]["type"] == "header"
        assert post["metadata"]["event_type"] == "sitrep_delivery"
        assert post["metadata"]["event_payload"]["key"].endswith(f"p{number}")
        assert (post["unfurl_links"], post["unfurl_media"]) == (False, False)
    texts = [t["text"] for p in posts for b in p["blocks"] for t in ([b["text"]] if "text" in b else b["elements"])]
    shown = "\n".join(texts)
    assert "several hundred" in shown and "at least 30" in shown  # figures
    assert "Zelenskyy" in shown  # a quote's speaker
    assert _unescaped_markup(texts) == []

    # A second --once finds nothing new and posts nothing.
    second = subprocess.run([*run, "--once"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert len(standin.posts()) == len(posts)

    # The long-running bot answers slash commands at /slack/events.
    log = tmp_path / "bot.log"
    with log.open("w") as stderr:
        bot = subprocess.Popen(run, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        _wait(lambda: "listening for slash commands" in log.read_text(), 30, "the bot to listen")
        events = f"http://127.0.0.1:{port}/slack/events"
        payload = slash_payload(
            # Windows are publication time: the sample's articles came out in November 2024.
            "/casualties",
            "north-korea 2024-11-01",
            response_url=f"{standin.url}/respond/casualties",
            channel_id=CHANNEL,
        )
        sent_at = time.time()
        status, ack_seconds = _post(events, *signed_request(SECRET, payload))
        assert status == 200, log.read_text()
        assert ack_seconds < 3.0
        (answer,) = _wait(lambda: standin.state()["responses"], 3.0, "the answer at the response_url")
        assert answer["at"] - sent_at < 3.0
        body = json.dumps(answer["body"], ensure_ascii=False)
        assert answer["body"]["response_type"] == "ephemeral"
        assert "several hundred" in body and "at least 30" in body

        forged, _ = _post(events, *signed_request("not-the-secret", payload))
        assert forged == 401

        bot.send_signal(signal.SIGTERM)
        assert bot.wait(timeout=20) == 0, log.read_text()
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()
    assert len(standin.state()["responses"]) == 1  # the forged command was never answered
    recorded = [json.loads(line) for line in (tmp_path / "slack-calls.jsonl").read_text().splitlines()]
    assert [r["method"] for r in recorded if r["kind"] == "api"] == [c["method"] for c in standin.state()["calls"]]
    print(f"ack {ack_seconds * 1000:.0f} ms, answer {(answer['at'] - sent_at) * 1000:.0f} ms after the command")
