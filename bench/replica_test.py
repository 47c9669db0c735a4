"""Replica test for claims and leases: several real `sitrep run` replicas on one PostgreSQL database, SIGKILLed
and restarted at random, counting at local stand-ins for Slack and Discord, per channel and window and per
article, the posts missing and the posts duplicated, and at the feed server how often each feed was fetched.

    python bench/replica_test.py [--replicas 3] [--kills 30] [--seed 1]

Two feeds gain an article every 1.5 s and are polled every 2 s; digests are due every 3 s on a Slack and
a Discord channel. The stand-ins answer after a latency and, now and then, with a 5xx (Slack: after the
post landed, so its outcome is lost) or a 429. Each post's ledger update is held back
(SITREP_TEST_DELAY_AFTER_POST) so kills often land between a post and its ledger update. A killed replica
comes back after a pause, and the next kill comes a random while after it is ready again (on a busy machine
a start takes tens of seconds: killing replicas still starting would leave none to take work over). At the end the feeds stop growing and the replicas run undisturbed for a while,
then stop with SIGTERM, and everything is counted as bench/crash_test.py does, plus (bench/replica_counts.py):
- per feed and poll interval (the replicas' intervals, counted from the epoch): fetched once, twice or more (a
  replica fetching what another held), or not at all, and then why: no replica was running through the
  interval's first fires, or a killed replica's claim still held the feed, or neither (a missed interval);
  each replica tells its fetches apart by its User-Agent;
- per claim a killed replica held (a feed's lease, a pending delivery): how soon another replica took the
  work over, from when it could (the claim ran out and another replica was running and ready).
Exits 1 unless articles never stored, missing posts, duplicated posts, double fetches, missed intervals and
takeovers later than one lease are all 0. The timeline (fetches, replica runs, dead claims) is kept in the
work folder's timeline.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
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
from bench.replica_counts import (  # noqa: E402
    DeadClaim,
    Life,
    Poll,
    attribute,
    feed_takeovers,
    intervals,
    since_expiry,
    takeover,
)

PG_SERVER = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
EVERY = 2.0  # feed poll interval (s)
FEEDS = {"alpha": 1_000_000, "bravo": 2_000_000}  # each feed's first article number
AGENT = "sitrep-replica-"  # each replica's User-Agent: this and its number


@dataclass
class FeedLog:
    """Every fetch of each feed: when it reached the server (Unix time) and which replica made it (told by its
    User-Agent)."""

    fetches: dict[str, list[tuple[float, int]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, name: str, agent: str) -> None:
        replica = int(agent.rsplit("-", 1)[1]) if agent.startswith(AGENT) else -1
        with self.lock:
            self.fetches.setdefault(name, []).append((time.time(), replica))


def write_config(
    path: Path, feed_base: str, slack_api: str, discord_api: str, gateway: str, lease: float, replica: int
) -> None:
    """Replica `replica`'s config; the replicas' differ only in the User-Agent that tells their fetches apart."""
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
fetch: {{user_agent: {AGENT}{replica}}}
"""
    )


class Replicas:
    """The `sitrep run` processes, each with its own config, Slack HTTP port and log file; a watcher notes
    when each run becomes ready (logs "sitrep running": its start-up resolve_pending is done)."""

    def __init__(self, configs: list[Path], env: dict[str, str], work: Path) -> None:
        self.configs, self.env, self.work = configs, env, work
        count = len(configs)
        self.procs: list[subprocess.Popen[bytes] | None] = [None] * count
        self.ports = [free_port() for _ in range(count)]
        self.log_from = [0] * count  # where each replica's current run begins in its log
        self.lives: list[Life] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.watcher = threading.Thread(target=self._watch, daemon=True)
        self.watcher.start()

    def log(self, i: int) -> Path:
        return self.work / f"replica-{i}.log"

    def start(self, i: int) -> None:
        self.log_from[i] = self.log(i).stat().st_size if self.log(i).exists() else 0
        with self.log(i).open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--log-format", "json", "--config", str(self.configs[i])],
                cwd=REPO,
                env={**self.env, "SLACK_PORT": str(self.ports[i])},
                stdout=out,
                stderr=out,
            )
        self.procs[i] = proc
        with self.lock:
            self.lives.append(Life(i, proc.pid, time.time(), log_from=self.log_from[i]))

    def _ran(self, i: int) -> bool:
        return b"sitrep running" in self.log(i).read_bytes()[self.log_from[i] :]

    def _watch(self) -> None:
        while not self.stopping.wait(0.02):
            with self.lock:
                waiting = [life for life in self.lives if life.ready is None and life.ended is None]
            for life in waiting:
                if self._ran(life.replica):
                    life.ready = time.time()

    def current(self, i: int) -> Life:
        with self.lock:
            return next(life for life in reversed(self.lives) if life.replica == i)

    def wait_running(self, timeout: float = 90.0) -> None:
        """Until every replica has said it runs (the first start migrates the database)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(self.current(i).ready is not None for i in range(len(self.procs))):
                return
            if any(proc is not None and proc.poll() is not None for proc in self.procs):
                raise SystemExit(f"a replica exited at start; see {self.work}")
            time.sleep(0.05)
        raise SystemExit(f"the replicas did not start within {timeout:g} s; see {self.work}")

    def kill(self, i: int) -> int:
        proc = self.procs[i]
        assert proc is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.current(i).ended = time.time()
        self.procs[i] = None
        return proc.pid

    def polls(self, life: Life, feed: str) -> list[Poll]:
        """The run's polls of `feed` from its log ("feed alpha: ok, 2 new article(s)…" with the interval claimed)."""
        later = [
            other.log_from for other in self.lives if other.replica == life.replica and other.log_from > life.log_from
        ]
        lines = self.log(life.replica).read_bytes()[life.log_from : min(later, default=None)].splitlines()
        polls = []
        for line in lines:
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if entry.get("source") == feed and "interval" in entry:
                    ended = datetime.fromisoformat(entry["ts"]).timestamp()
                    polls.append(Poll(datetime.fromisoformat(entry["interval"]).timestamp(), ended))
        return polls

    def stop_all(self) -> list[int]:
        self.stopping.set()
        codes = []
        asked = time.time()  # a run stops serving when asked to stop, not when its process is gone
        for proc in self.procs:
            if proc is not None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            if proc is not None:
                codes.append(proc.wait(timeout=60))
        for life in self.lives:
            life.ended = life.ended or asked
        return codes


def pg_connect(database: str) -> Any:
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/{database}", autocommit=True, connect_timeout=5)


def held_by(database: str, pid: int, killed: float) -> list[DeadClaim]:
    """The claims a replica (by its pid) held when it was killed: its leases and its pending deliveries."""
    owner = f"%:{pid}:%"
    with pg_connect(database) as con:
        leases = con.execute(
            "SELECT key, extract(epoch FROM expires_at) FROM leases WHERE owner LIKE %s AND expires_at > now()",
            (owner,),
        ).fetchall()
        deliveries = con.execute(
            "SELECT id, extract(epoch FROM claimed_until) FROM deliveries WHERE status = 'pending' AND claimed_by LIKE %s",
            (owner,),
        ).fetchall()
    held = [DeadClaim(str(key), pid, killed, float(until)) for key, until in leases]
    return held + [DeadClaim(f"delivery:{d}", pid, killed, float(until)) for d, until in deliveries]


class Takeovers:
    """Watches the deliveries killed replicas held: when another replica took each over (claimed it, or it was
    sent)."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.claims: list[DeadClaim] = []
        self.taken: dict[int, float] = {}  # delivery → when another replica held it
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def add(self, pid: int, killed: float) -> None:
        held = held_by(self.database, pid, killed)
        with self.lock:
            self.claims += held

    def deliveries(self) -> list[tuple[DeadClaim, int]]:
        with self.lock:
            return [(c, int(c.key.split(":")[1])) for c in self.claims if c.key.startswith("delivery:")]

    def _run(self) -> None:
        with pg_connect(self.database) as con:
            while not self.stopping.wait(0.05):
                watched = {d: c.pid for c, d in self.deliveries() if d not in self.taken}
                if not watched:
                    continue
                rows = con.execute(
                    "SELECT id, status, claimed_by FROM deliveries WHERE id = ANY(%s)", (list(watched),)
                ).fetchall()
                now = time.time()
                for delivery_id, status, owner in rows:
                    if status != "pending" or (owner is not None and f":{watched[delivery_id]}:" not in owner):
                        self.taken.setdefault(delivery_id, now)

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
    # The newest 60 articles (90 s) are served: far longer than any outage here (a start takes seconds).
    feeds = {name: Feed(interval=1.5, first=first, keep=60) for name, first in FEEDS.items()}
    fetch_log = FeedLog()
    server, feed_base = serve_feeds(feeds, fetch_log.note)
    latency = ["--latency", str(args.latency)]
    slack, slack_line = start_standin("tests.standins.slack", work / "slack.jsonl", latency)
    discord, discord_line = start_standin("tests.standins.discord", work / "discord.jsonl", latency)
    slack_url = slack_line.split()[1]
    _, discord_url, _, discord_api, _, gateway = discord_line.split()
    configs = [work / f"sitrep-{i}.yaml" for i in range(args.replicas)]
    for i, config in enumerate(configs):
        write_config(config, feed_base, f"{slack_url}/api/", discord_api, gateway, args.lease, i)
    env = {
        **os.environ,
        "SITREP_DB": f"{PG_SERVER}/{database}",
        "SITREP_TEST_DELAY_AFTER_POST": "0.4",
    }
    env.pop("SITREP_CONFIG", None)
    replicas = Replicas(configs, env, work)
    started = time.time()
    faults: dict[str, int] = {}
    takeovers = Takeovers(database)
    try:
        for i in range(args.replicas):
            replicas.start(i)
        replicas.wait_running()
        polled_from = time.time()
        phases = {"start": polled_from - started}
        for kill in range(1, args.kills + 1):
            # The replica killed last is back and ready before the next kill: a kill always leaves replicas
            # that run to take its work over, and each runs a while before it may be killed.
            replicas.wait_running()
            time.sleep(rng.uniform(args.min_gap, args.max_gap))
            if rng.random() < 0.5:
                kind = fault(rng, slack_url, discord_url)
                faults[kind] = faults.get(kind, 0) + 1
            victim = rng.randrange(args.replicas)
            pid = replicas.kill(victim)
            takeovers.add(pid, time.time())
            time.sleep(args.down)
            replicas.start(victim)
            print(f"kill {kill:3d}/{args.kills}", end="\r", flush=True)
        totals = {name: feed.freeze() - feed.first + 1 for name, feed in feeds.items()}
        phases["kills"] = time.time() - polled_from
        # Undisturbed at last: what is pending is finished and the rest of the feeds is posted.
        replicas.wait_running()
        frozen = time.time()
        phases["restart"] = frozen - polled_from - phases["kills"]
        deadline = frozen + args.settle
        while time.time() < deadline:
            time.sleep(1)
            with pg_connect(database) as con:
                if settled(con, 2, sum(totals.values())):
                    break
        phases["settle"] = time.time() - frozen
        polled_until = time.time()
        codes = replicas.stop_all()
        phases["stop"] = time.time() - polled_until
        landed = posts(slack_url, discord_url)
        with pg_connect(database) as con:
            rows = con.execute('SELECT id, channel, "window", status, payload FROM deliveries ORDER BY id').fetchall()
            links = [link for (link,) in con.execute("SELECT link FROM articles")]
        result = tally(rows, links, landed)
        takeovers.stop()
        standin_calls = get_json(f"{slack_url}/_control/state")
    finally:
        replicas.stopping.set()
        for proc in replicas.procs:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        for standin in (slack, discord):
            standin.terminate()
            standin.wait(timeout=10)
        server.shutdown()
        if not args.keep:
            with pg_connect("test") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    lives = replicas.lives
    timeline = {
        "measured": [polled_from, polled_until],
        "lives": [[life.replica, life.pid, life.started, life.ready, life.ended] for life in lives],
        "fetches": fetch_log.fetches,
        "dead_claims": [[c.key, c.pid, c.killed, c.expires] for c in takeovers.claims],
        "deliveries_taken": takeovers.taken,
    }
    (work / "timeline.json").write_text(json.dumps(timeline))

    print(
        f"replicas:                              {args.replicas} (lease {args.lease:g} s, feeds polled every {EVERY:g} s)"
    )
    print(f"kills (SIGKILL) and restarts:          {args.kills}")
    print(
        f"faults injected:                       {', '.join(f'{k} {v}' for k, v in sorted(faults.items())) or 'none'}"
    )
    print(f"final clean stop exit codes:           {' '.join(map(str, codes))}")
    ready = [life.ready - life.started for life in lives if life.ready is not None]
    print(
        f"replica runs:                          {len(lives)}, {len(lives) - len(ready)} killed before ready; "
        f"start to ready median {sorted(ready)[len(ready) // 2]:.1f} s, max {max(ready):.1f} s"
    )
    unstored = sum(totals.values()) - result["articles"]
    print(f"articles published / ingested:         {sum(totals.values())} / {result['articles']}")
    for channel, numbers in result["channels"].items():
        print(
            f"{channel + ':':38} {numbers['windows']} windows, {numbers['messages']} messages, "
            f"{numbers['articles']} articles posted"
        )
    print(
        f"slack chat.postMessage calls:          {sum(1 for c in standin_calls['calls'] if c['method'] == 'chat.postMessage')}"
    )
    print(f"fetches counted over:                  {polled_until - polled_from:.0f} s (the kills and the settling)")
    twice = missed = slow = 0
    late: list[float | None] = []
    late_raw: list[float | None] = []
    for name in FEEDS:
        every_fetch = fetch_log.fetches.get(name, [])
        fetched = [(t, r) for t, r in every_fetch if polled_from <= t <= polled_until]
        dead = [c for c in takeovers.claims if c.key == f"feed:{name}"]
        attributed = [
            fetch
            for life in lives
            for fetch in attribute(
                # All of them: a poll begun before the span may still hold the feed in its first intervals.
                [t for t, r in every_fetch if r == life.replica and life.started <= t <= (life.ended or math.inf)],
                replicas.polls(life, name),
                EVERY,
                life.ended or math.inf,
            )
        ]
        counted = intervals(attributed, EVERY, polled_from, polled_until, lives, dead)
        stalled = [
            f.at - f.interval - EVERY
            for f in attributed
            if polled_from <= f.at <= polled_until and f.at >= f.interval + EVERY
        ]
        by = Counter(r for _, r in fetched)
        print(f"feed {name + ':':33} {counted.row()}")
        print(
            f"{'':39}{len(fetched)} fetches (by replica {', '.join(f'{r}: {by[r]}' for r in sorted(by))}); "
            f"{len(dead)} claims held by killed replicas; {len(stalled)} reached the feed after their interval "
            f"(a stalled replica){f', at most {max(stalled):.2f} s' if stalled else ''}"
        )
        twice += counted.twice
        missed += counted.missed
        slow += counted.slow
        late += feed_takeovers([t for t, _ in fetched], dead, lives)
        late_raw += feed_takeovers([t for t, _ in fetched], dead, [])
    delivery_claims = takeovers.deliveries()
    late_deliveries = [takeover(c, takeovers.taken.get(d), lives) for c, d in delivery_claims]
    raw_deliveries = [since_expiry(c, takeovers.taken.get(d)) for c, d in delivery_claims]
    print(f"feeds fetched twice in an interval:    {twice}")
    print(f"intervals missed with a replica ready: {missed}")
    print(f"intervals an earlier poll overran:     {slow}")
    print(
        f"deliveries a killed replica held:      {len(delivery_claims)}, taken over by another "
        f"{sum(d is not None for d in late_deliveries)}"
    )
    for what, delays, raw in (("feed claims", late, late_raw), ("deliveries", late_deliveries, raw_deliveries)):
        done, plain = sorted(d for d in delays if d is not None), sorted(d for d in raw if d is not None)
        if done:
            print(
                f"  {what + ' taken over after:':37}median {done[len(done) // 2]:.2f} s, max {done[-1]:.2f} s from "
                f"when the claim ran out and another replica was ready (from the claim's end alone: median "
                f"{plain[len(plain) // 2]:.2f} s, max {plain[-1]:.2f} s)"
            )
    overdue = sum(1 for d in late + late_deliveries if d is None or d > args.lease)
    print(f"taken over later than one lease:       {overdue}")
    print(f"posts missing:                         {result['missing']}")
    print(f"posts duplicated:                      {result['duplicated']}")
    for line in result["details"][:20]:
        print(f"  {line}")
    kept = f", database {database}" if args.keep else ""
    spent = ", ".join(f"{k} {v:.0f} s" for k, v in phases.items())
    print(f"elapsed: {time.time() - started:.0f} s ({spent}; work folder {work}{kept})")
    ok = result["missing"] == result["duplicated"] == twice == missed == overdue == unstored == 0 and set(codes) == {0}
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
