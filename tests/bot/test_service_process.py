"""The real `sitrep run` process: SIGTERM while a post is in flight lets it finish; SIGHUP and file changes reload."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import REPO
from tests.process import SITREP

CONFIG = """
feeds: [{{name: sample, url: "{feed}", every: 1h, backfill: all}}]
topics: {{north-korea: {{match: [North Korea, North Korean]}}}}
channels: [{{name: desk, platform: console, topics: [north-korea], schedule: "*/2 * * * * *"}}]
"""


def test_sigterm_during_a_post_finishes_it_and_exits_cleanly(tmp_path: Path) -> None:
    config = tmp_path / "sitrep.yaml"
    config.write_text(CONFIG.format(feed=REPO / "config" / "samples" / "feed.xml"))
    db = tmp_path / "sitrep.db"
    env = {**os.environ, "SITREP_DB": f"sqlite:///{db}", "SITREP_TEST_DELAY_AFTER_POST": "2"}
    proc = subprocess.Popen(
        [*SITREP, "run", "--config", str(config)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while "── #desk ──" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
        assert "── #desk ──" in line, "no digest was posted"
        # The post is out; its ledger update waits 2 s. Stop now.
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopping: waiting for 1 job(s) in flight" in err
    assert "stopped cleanly" in err
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT status, parts_sent FROM deliveries")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("sent", 1)]


class Lines:
    """The process's stderr, read on a thread so a test can wait for a line with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=lambda: self.lines.extend(iter(stream.readline, "")), daemon=True)
        self._thread.start()

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.lines if text in line]
            if found:
                return found[-1].rstrip("\n")
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} in:\n{''.join(self.lines)}")


RELOADABLE = """
topics: {{north-korea: {{match: [North Korea]}}}}
channels:
{channels}
"""


def _channels(*names: str) -> str:
    return "\n".join(f"  - {{name: {n}, platform: console, topics: [north-korea]}}" for n in names)


@pytest.mark.parametrize("found_by", ["./sitrep.yml", "$SITREP_CONFIG"])
def test_reload_works_however_the_config_file_was_found(tmp_path: Path, found_by: str) -> None:
    env = {**os.environ, "SITREP_DB": f"sqlite:///{tmp_path / 'sitrep.db'}"}
    env.pop("SITREP_CONFIG", None)
    if found_by == "$SITREP_CONFIG":
        config = tmp_path / "conf" / "bot.yaml"
        config.parent.mkdir()
        env["SITREP_CONFIG"] = str(config)
    else:
        config = tmp_path / "sitrep.yml"
    config.write_text(RELOADABLE.format(channels=_channels("desk")))
    proc = subprocess.Popen([*SITREP, "run"], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        err = Lines(proc.stderr)
        assert err.wait_for("config: ") == f"INFO sitrep: config: {config}"
        err.wait_for("sitrep running: 0 feed(s), 1 channel(s)")
        proc.send_signal(signal.SIGHUP)
        assert err.wait_for("config reloaded") == "INFO sitrep.run: config reloaded: 0 feed(s), 1 channel(s)"
        time.sleep(1.1)  # a new modification time, even on a file system that counts whole seconds
        config.write_text(RELOADABLE.format(channels=_channels("desk", "newsroom")))
        err.wait_for("config file changed: reloading")
        err.wait_for("config reloaded: 0 feed(s), 2 channel(s)")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        err.wait_for("stopped cleanly")
    finally:
        if proc.poll() is None:
            proc.kill()
