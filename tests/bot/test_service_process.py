"""The real `sitrep run` process: SIGTERM while a post is in flight lets it finish — no half-done delivery."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

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
