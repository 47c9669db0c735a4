"""Replica test for claims and leases: several real `sitrep run` replicas on one PostgreSQL database, SIGKILLed
and restarted at random, counting at local stand-ins for Slack and Discord, per channel and window and per
article, the posts missing and the posts duplicated, and at the feed server how often each feed was fetched.

    python bench/replica_test.py [--replicas 3] [--kills 30] [--seed 1]

Two feeds gain an article every 1.5 s and are polled every 2 s; digests are due every 3 s on a Slack and
a Discord channel. The stand-ins answer after a latency and, now and then, with a 5xx (Slack: after the
post landed, so its outcome is lost) or a 429. Each post's ledger update is held back
(SITREP_TEST_DELAY_AFTER_POST) so kills often land between a post and its ledger update. A killed replica
comes back after a pause. At the end the feeds stop growing and the replicas run undisturbed for a while,
then stop with SIGTERM, and everything is counted as bench/crash_test.py does, plus:
- per feed: fetches against the intervals the run lasted, and fetches that came too soon after another
  (less than half an interval apart: a second replica fetching what another held);
- per kill: how long after the dead replica's claims ran out another replica took its pending deliveries over.
Exits 1 unless missing posts, duplicated posts, double fetches and late takeovers are all 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.crash_test import (  # noqa: E402
    DISCORD_CHANNEL,
    SLACK_CHANNEL,
    Feed,
    free_port,
    get_json,
    posts,
    serve_feeds,
    settled,
    start_standin,
    tally,
)

PG_SERVER = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
EVERY = 2.0  # feed poll interval (s)
FEEDS = {"alpha": 1_000_000, "bravo": 2_000_000}  # each feed's first article number


@dataclass
class FeedLog:
    """The start time of every fetch of each feed."""

    fetches: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, name: str) -> None:
        with self.lock:
            self.fetches.setdefault(name, []).append(time.monotonic())


def write_config(path: Path, feed_base: str, slack_api: str, discord_api: str, gateway: str, lease: float) -> None:
    feeds = ", ".join(
        f'{{name: {name}, url: "{feed_base}/{name}.xml", every: {EVERY:g}s, backfill: all, fetch_pages: false}}'
        for name in FEEDS
    )
    path.write_text(
        f"""
feeds: [{feeds}]
topics: {{north-korea: {{title: North Korean troops, match: [North Korean]}}}}
channels:
  - {{name: slack-room, platform: slack, id: {SLACK_CHANNEL}, topics: [north-korea], schedule: "*/3 * * * * *"}}
  - {{name: discord-room, platform: discord, id: "{DISCORD_CHANNEL}", topics: [north-korea], schedule: "1-59/3 * * * * *"}}
slack: {{bot_token: xoxb-replica, signing_secret: replica-secret, mode: http, host: 127.0.0.1, port: "${{SLACK_PORT}}", api_url: "{slack_api}"}}
discord: {{token: "replica.token", application_id: 1, api_url: "{discord_api}", gateway_url: "{gateway}"}}
digest: {{max_articles: 500, max_figures: 5, max_quotes: 0}}
replica: {{lease: {lease:g}s}}
"""
    )


class Replicas:
    """The `sitrep run` processes, each with its own Slack HTTP port and log file."""

    def __init__(self, config: Path, env: dict[str, str], work: Path, count: int) -> None:
        self.config, self.env, self.work = config, env, work
        self.procs: list[subprocess.Popen[bytes] | None] = [None] * count
        self.ports = [free_port() for _ in range(count)]
        self.log_from = [0] * count  # where each replica's current run begins in its log

    def log(self, i: int) -> Path:
        return self.work / f"replica-{i}.log"

    def start(self, i: int) -> None:
        self.log_from[i] = self.log(i).stat().st_size if self.log(i).exists() else 0
        with self.log(i).open("ab") as out:
            self.procs[i] = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--config", str(self.config)],
                cwd=REPO,
                env={**self.env, "SLACK_PORT": str(self.ports[i])},
                stdout=out,
                stderr=out,
            )

    def wait_running(self, timeout: float = 90.0) -> None:
        """Until every replica has said it runs (the first start migrates the database)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            runs = [self.log(i).read_bytes()[self.log_from[i] :] for i in range(len(self.procs))]
            if all(b"sitrep running" in run for run in runs):
                return
            if any(proc is not None and proc.poll() is not None for proc in self.procs):
                raise SystemExit(f"a replica exited at start; see {self.work}")
            time.sleep(0.2)
        raise SystemExit(f"the replicas did not start within {timeout:g} s; see {self.work}")

    def kill(self, i: int) -> int:
        proc = self.procs[i]
        assert proc is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.procs[i] = None
        return proc.pid

    def stop_all(self) -> list[int]:
        codes = []
        for proc in self.procs:
            if proc is not None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            if proc is not None:
                codes.append(proc.wait(timeout=60))
        return codes


def pg_connect(database: str) -> Any:
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/{database}", autocommit=True, connect_timeout=5)


def held_by(database: str, pid: int) -> list[tuple[int, datetime]]:
    """The pending deliveries a replica (by its pid) held when it died, with when its claims run out."""
    with pg_connect(database) as con:
        rows = con.execute(
            "SELECT id, claimed_until FROM deliveries WHERE status = 'pending' AND claimed_by LIKE %s",
            (f"%:{pid}:%",),
        ).fetchall()
    return [(int(r[0]), r[1]) for r in rows]


class Takeovers:
    """Watches the deliveries a killed replica held: when another replica took each over (claimed it, or
    it was sent), against when the dead replica's claim ran out."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.watched: dict[int, tuple[int, datetime]] = {}  # delivery → (dead pid, its claim's end)
        self.delays: dict[int, float] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def add(self, pid: int) -> None:
        for delivery_id, until in held_by(self.database, pid):
            with self.lock:
                self.watched[delivery_id] = (pid, until)

    def _run(self) -> None:
        with pg_connect(self.database) as con:
            while not self.stopping.wait(0.1):
                with self.lock:
                    open_ids = [d for d in self.watched if d not in self.delays]
                if not open_ids:
                    continue
                rows = con.execute(
                    "SELECT id, status, claimed_by FROM deliveries WHERE id = ANY(%s)", (open_ids,)
                ).fetchall()
                now = datetime.now(UTC)
                for delivery_id, status, owner in rows:
                    pid, until = self.watched[delivery_id]
                    if status != "pending" or (owner is not None and f":{pid}:" not in owner):
                        self.delays[delivery_id] = (now - until).total_seconds()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(5)


def fault(rng: random.Random, slack_url: str, discord_url: str) -> str:
    """Script one piece of trouble at a stand-in; which one, for the table."""
    import urllib.request

    kind = rng.choice(["slack-500", "slack-429", "discord-500", "discord-429"])
    if kind.startswith("slack"):
        how: dict[str, Any] = {"method": "chat.postMessage", "status": 500, "commit": True}
        if kind == "slack-429":
            how = {"method": "chat.postMessage", "status": 429, "retry_after": 1}
        url = f"{slack_url}/_control/fail"
    else:
        how = {"n": 1, "status": 500 if kind == "discord-500" else 429, "method": "POST", "path": "/messages"}
        if kind == "discord-429":
            how["retry_after"] = 1.0
        url = f"{discord_url}/_standin/fail"
    request = urllib.request.Request(
        url, data=json.dumps(how).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    urllib.request.urlopen(request, timeout=10).close()
    return kind


def feed_counts(log: FeedLog, started: float, ended: float) -> dict[str, tuple[int, float, float, int]]:
    """Per feed: fetches, intervals the run lasted, the shortest gap between two fetches, and how many came
    less than half an interval after the one before (a second replica fetching what another held)."""
    out = {}
    for name in FEEDS:
        times = sorted(t for t in log.fetches.get(name, []) if started <= t <= ended)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        out[name] = (len(times), (ended - started) / EVERY, min(gaps, default=0.0), sum(g < EVERY / 2 for g in gaps))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lease", type=float, default=4.0, help="replica.lease in the config (s)")
    parser.add_argument("--latency", type=float, default=0.3, help="stand-ins' answer time (s)")
    parser.add_argument("--min-gap", type=float, default=1.0, help="shortest time between kills (s)")
    parser.add_argument("--max-gap", type=float, default=4.0, help="longest time between kills (s)")
    parser.add_argument("--down", type=float, default=2.0, help="how long a killed replica stays down (s)")
    parser.add_argument("--settle", type=float, default=60.0, help="longest undisturbed run at the end (s)")
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="sitrep-replica-"))
    database = f"sitrep_replica_{uuid.uuid4().hex[:10]}"
    with pg_connect("test") as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    feeds = {name: Feed(interval=1.5, first=first) for name, first in FEEDS.items()}
    fetch_log = FeedLog()
    server, feed_base = serve_feeds(feeds, fetch_log.note)
    latency = ["--latency", str(args.latency)]
    slack, slack_line = start_standin("tests.standins.slack", work / "slack.jsonl", latency)
    discord, discord_line = start_standin("tests.standins.discord", work / "discord.jsonl", latency)
    slack_url = slack_line.split()[1]
    _, discord_url, _, discord_api, _, gateway = discord_line.split()
    config = work / "sitrep.yaml"
    write_config(config, feed_base, f"{slack_url}/api/", discord_api, gateway, args.lease)
    env = {
        **os.environ,
        "SITREP_DB": f"{PG_SERVER}/{database}",
        "SITREP_TEST_DELAY_AFTER_POST": "0.4",
    }
    env.pop("SITREP_CONFIG", None)
    replicas = Replicas(config, env, work, args.replicas)
    started = time.monotonic()
    faults: dict[str, int] = {}
    takeovers = Takeovers(database)
    try:
        for i in range(args.replicas):
            replicas.start(i)
        replicas.wait_running()
        polled_from = time.monotonic()
        phases = {"start": polled_from - started}
        for kill in range(1, args.kills + 1):
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
            if rng.random() < 0.5:
                kind = fault(rng, slack_url, discord_url)
                faults[kind] = faults.get(kind, 0) + 1
            victim = rng.randrange(args.replicas)
            pid = replicas.kill(victim)
            takeovers.add(pid)
            time.sleep(args.down)
            replicas.start(victim)
            print(f"kill {kill:3d}/{args.kills}", end="\r", flush=True)
        polled_until = time.monotonic()
        totals = {name: feed.freeze() - feed.first + 1 for name, feed in feeds.items()}
        phases["kills"] = time.monotonic() - polled_from
        # Undisturbed at last: what is pending is finished and the rest of the feeds is posted.
        replicas.wait_running()
        frozen = time.monotonic()
        phases["restart"] = frozen - polled_from - phases["kills"]
        deadline = frozen + args.settle
        while time.monotonic() < deadline:
            time.sleep(1)
            with pg_connect(database) as con:
                if settled(con, 2, sum(totals.values())):
                    break
        phases["settle"] = time.monotonic() - frozen
        codes = replicas.stop_all()
        phases["stop"] = time.monotonic() - frozen - phases["settle"]
        landed = posts(slack_url, discord_url)
        with pg_connect(database) as con:
            rows = con.execute('SELECT id, channel, "window", status, payload FROM deliveries ORDER BY id').fetchall()
            links = [link for (link,) in con.execute("SELECT link FROM articles")]
        result = tally(rows, links, landed)
        takeovers.stop()
        fetched = feed_counts(fetch_log, polled_from, polled_until)
        standin_calls = get_json(f"{slack_url}/_control/state")
    finally:
        for proc in replicas.procs:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        for proc in (slack, discord):
            proc.terminate()
            proc.wait(timeout=10)
        server.shutdown()
        if not args.keep:
            with pg_connect("test") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    early = sum(e for *_, e in fetched.values())
    print(f"replicas:                              {args.replicas} (lease {args.lease:g} s)")
    print(f"kills (SIGKILL) and restarts:          {args.kills}")
    print(
        f"faults injected:                       {', '.join(f'{k} {v}' for k, v in sorted(faults.items())) or 'none'}"
    )
    print(f"final clean stop exit codes:           {' '.join(map(str, codes))}")
    print(f"articles published / ingested:         {sum(totals.values())} / {result['articles']}")
    for channel, numbers in result["channels"].items():
        print(
            f"{channel + ':':38} {numbers['windows']} windows, {numbers['messages']} messages, "
            f"{numbers['articles']} articles posted"
        )
    print(
        f"slack chat.postMessage calls:          {sum(1 for c in standin_calls['calls'] if c['method'] == 'chat.postMessage')}"
    )
    for name, (count, intervals, shortest, twice) in fetched.items():
        print(
            f"feed {name + ':':33} {count} fetches in {intervals:.1f} intervals of {EVERY:g} s, "
            f"shortest gap {shortest:.2f} s, {twice} within half an interval"
        )
    delays = sorted(takeovers.delays.values())
    late = sum(1 for d in delays if d > args.lease) + len(takeovers.watched) - len(delays)
    print(f"deliveries a killed replica held:      {len(takeovers.watched)}, taken over by another {len(delays)}")
    if delays:
        print(f"  taken over after its claim ran out:  median {delays[len(delays) // 2]:.1f} s, max {delays[-1]:.1f} s")
    print(f"taken over later than one lease:       {late}")
    print(f"posts missing:                         {result['missing']}")
    print(f"posts duplicated:                      {result['duplicated']}")
    print(f"feeds fetched twice in an interval:    {early}")
    for line in result["details"][:20]:
        print(f"  {line}")
    kept = f", database {database}" if args.keep else ""
    spent = ", ".join(f"{k} {v:.0f} s" for k, v in phases.items())
    print(f"elapsed: {time.monotonic() - started:.0f} s ({spent}; work folder {work}{kept})")
    ok = result["missing"] == result["duplicated"] == early == late == 0 and set(codes) == {0}
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
