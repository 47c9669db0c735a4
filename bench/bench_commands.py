"""Slash command latency at scale: `/casualties`, `/quotes`, `/digest`, `/sources` through the signed Slack HTTP
path, 50 at once, against a trivial command (`/topics`, answered from the config) on the same path.

Usage (from the repository root)::

    python bench/bench_commands.py [--articles 10000 [100000 ...]] [--database postgresql://postgres@127.0.0.1/]
                                   [--repetitions 5] [--concurrency 50] [--check]

For each size: a fresh store (a SQLite file, or a database of its own on the given PostgreSQL server) filled
by `bench/storegen.py` with realistic articles (the 22 shared feeds' texts, copied over 90 days and eight
topics, with their figures, quotes and stories); the real bolt app behind sitrep's /slack/events server, and
the Slack stand-in taking the answers at their response_url. A wave is `--concurrency` signed POSTs of one
command sent at once; a request's latency runs from its POST to its answer reaching the response_url. Each
repetition runs a wave of `/topics` (the floor) and then one wave per command; its ratio is the command's p99
over the floor's p99 in that repetition. Targets: every ratio's median <= 2x. Also printed per command: the
worst event-loop stall seen by a 5 ms probe during its waves (target <= 50 ms), and a hash of its answers,
which must not change when the queries get faster.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import logging
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp

from bench.common import TOPICS, ms, p99, ratio_line
from bench.storegen import END, PostgresDatabase, populate
from bot.adapters import build_adapters
from bot.runtime import Runtime
from bot.slack import SlackAdapter
from digests.config.models import Config
from digests.store.db import Store
from tests.standins.slack import SlackStandIn, signed_request, slash_payload

SECRET = "bench-signing-secret"
CHANNEL = "C0BENCH"
FLOOR = ("topics", "")
COMMANDS = (("casualties", ""), ("quotes", ""), ("digest", ""), ("sources", ""))
TARGET = 2.0
STALL_TARGET = 0.050
WAVE_TIMEOUT = 120.0  # seconds a wave waits for its answers


class LoopProbe:
    """Sleeps 5 ms over and over; the worst overshoot is the longest the event loop was held by something else."""

    def __init__(self, period: float = 0.005) -> None:
        self.period = period
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.period)
            self.worst = max(self.worst, time.perf_counter() - started - self.period)

    def __enter__(self) -> LoopProbe:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(api_url: str, port: int, database: str) -> Config:
    return Config.model_validate(
        {
            "database": database,
            "topics": TOPICS,
            "channels": [{"name": "bench", "platform": "slack", "id": CHANNEL, "topics": ["ukraine", "gaza"]}],
            "slack": {
                "bot_token": "xoxb-bench",
                "signing_secret": SECRET,
                "host": "127.0.0.1",
                "port": port,
                "api_url": api_url,
            },
        }
    )


class Bench:
    def __init__(self, standin: SlackStandIn, url: str, http: aiohttp.ClientSession) -> None:
        self.standin, self.url, self.http = standin, url, http
        self.sent = 0
        self.timeout = WAVE_TIMEOUT

    async def wave(self, command: str, text: str, count: int) -> tuple[list[float], list[str]]:
        """`count` signed POSTs of /command at once; each one's seconds from POST to answer (inf: no answer
        within the wave's timeout, or the bot gave up posting it), and the answers."""
        names = [f"w{self.sent + i}" for i in range(count)]
        self.sent += count
        started: dict[str, float] = {}

        async def post(name: str) -> None:
            payload = slash_payload(command, text, response_url=self.standin.response_url(name), channel_id=CHANNEL)
            body, headers = signed_request(SECRET, payload)
            started[name] = time.time()
            async with self.http.post(self.url, data=body, headers=headers) as resp:
                await resp.read()
                if resp.status != 200:
                    raise RuntimeError(f"/{command}: HTTP {resp.status}")

        await asyncio.gather(*(post(n) for n in names))
        wanted = set(names)

        def found() -> dict[str, dict[str, object]]:
            # An answer in several parts: the first part's arrival times it, all its parts make it up.
            first: dict[str, dict[str, object]] = {}
            for r in self.standin.responses:
                if r["name"] in wanted:
                    first.setdefault(r["name"], {"at": r["at"], "body": []})["body"].append(r["body"])  # type: ignore[attr-defined]
            return first

        with contextlib.suppress(TimeoutError):
            await self.standin.wait_for(lambda: len(found()) == len(wanted), timeout=self.timeout)
        # The other parts of an answer follow its first at once: wait until no part has come for a second (on a busy
        # machine a fixed pause cut some answers short, and their hash then differed).
        seen = -1
        while seen != len(self.standin.responses):
            seen = len(self.standin.responses)
            await asyncio.sleep(1.0)
        got = found()
        latencies = [float(got[n]["at"]) - started[n] if n in got else math.inf for n in names]  # type: ignore[arg-type]
        answers = [json.dumps(got[n]["body"], sort_keys=True) for n in names if n in got]
        return latencies, answers


async def measure(database: str, repetitions: int, concurrency: int) -> dict[str, object]:
    async with SlackStandIn() as standin:
        port = _free_port()
        config = _config(standin.api_url, port, database)
        store = Store(database, migrate_schema=False)
        rt = Runtime(config, store, now=lambda: END + timedelta(hours=1))
        (adapter,) = build_adapters(rt)
        assert isinstance(adapter, SlackAdapter)
        await adapter.start()
        connector = aiohttp.TCPConnector(limit=concurrency)
        try:
            async with aiohttp.ClientSession(connector=connector) as http:
                bench = Bench(standin, f"http://127.0.0.1:{port}/slack/events", http)
                for command, text in (FLOOR, *COMMANDS):  # warm-up: caches, connections, first-query plans
                    await bench.wave(command, text, 2)
                with LoopProbe() as idle:  # the floor of stalls: what the machine itself costs an idle loop
                    await asyncio.sleep(3)
                ratios: dict[str, list[float]] = {c: [] for c, _ in COMMANDS}
                p99s: dict[str, list[float]] = {c: [] for c, _ in (FLOOR, *COMMANDS)}
                stalls: dict[str, float] = {c: 0.0 for c, _ in (FLOOR, *COMMANDS)}
                answers: dict[str, set[str]] = {c: set() for c, _ in (FLOOR, *COMMANDS)}
                all_latencies: dict[str, list[float]] = {c: [] for c, _ in (FLOOR, *COMMANDS)}
                for _ in range(repetitions):
                    floor = 0.0
                    for command, text in (FLOOR, *COMMANDS):
                        with LoopProbe() as probe:
                            latencies, said = await bench.wave(command, text, concurrency)
                        stalls[command] = max(stalls[command], probe.worst)
                        answers[command].update(said)
                        p99s[command].append(p99(latencies))
                        all_latencies[command] += latencies
                        if command == FLOOR[0]:
                            floor = p99(latencies)
                        else:
                            ratios[command].append(p99(latencies) / floor)
        finally:
            await adapter.stop()
            store.close()
    return {
        "ratios": ratios,
        "p99s": p99s,
        "stalls": stalls,
        "answers": answers,
        "lost": all_latencies,  # every latency; inf: not answered
        "idle": idle.worst,
    }


def _answers_hash(answers: set[str]) -> str:
    # The runtime's clock is fixed, so one store gives byte-identical answers: several different ones is a bug.
    return hashlib.sha256("\n".join(sorted(answers)).encode()).hexdigest()[:12] + (
        f" ({len(answers)} different)" if len(answers) > 1 else ""
    )


def run_size(articles: int, server: str | None, repetitions: int, concurrency: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        if server is None:
            database = f"sqlite:///{Path(tmp) / 'bench.db'}"
            return _report(articles, "SQLite", database, repetitions, concurrency)
        with PostgresDatabase(server, f"sitrep_bench_{os.getpid()}") as database:
            return _report(articles, "PostgreSQL", database, repetitions, concurrency)


def _report(articles: int, kind: str, database: str, repetitions: int, concurrency: int) -> bool:
    store = Store(database)
    started = time.perf_counter()
    counts = populate(store, articles)
    store.close()
    print(
        f"\n{kind}, {articles:,} articles ({', '.join(f'{v:,} {k}' for k, v in counts.items())}; "
        f"built in {time.perf_counter() - started:.0f} s), {concurrency} concurrent, {repetitions} repetitions"
    )
    result = asyncio.run(measure(database, repetitions, concurrency))
    p99s: dict[str, list[float]] = result["p99s"]  # type: ignore[assignment]
    ratios: dict[str, list[float]] = result["ratios"]  # type: ignore[assignment]
    stalls: dict[str, float] = result["stalls"]  # type: ignore[assignment]
    answers: dict[str, set[str]] = result["answers"]  # type: ignore[assignment]
    every: dict[str, list[float]] = result["lost"]  # type: ignore[assignment]
    lost = {c: sum(math.isinf(x) for x in xs) for c, xs in every.items()}
    floor = FLOOR[0]
    print(f"  idle loop: worst stall {ms(result['idle'])} in 3 s (the machine's own floor)")  # type: ignore[arg-type]
    print(
        f"  /{floor} (floor) p99: min {ms(min(p99s[floor]))} median {ms(statistics.median(p99s[floor]))}; "
        f"worst loop stall {ms(stalls[floor])}; answers {_answers_hash(answers[floor])}"
    )
    ok = True
    for command, _ in COMMANDS:
        print("  " + ratio_line(f"/{command} p99 / floor p99", ratios[command], TARGET))
        print(
            f"    p99 min {ms(min(p99s[command]))} median {ms(statistics.median(p99s[command]))}; "
            f"worst loop stall {ms(stalls[command])}; answers {_answers_hash(answers[command])}"
            + (
                f"; {lost[command]} of {len(every[command])} NOT ANSWERED within {WAVE_TIMEOUT:g} s"
                if lost[command]
                else ""
            )
        )
        ok = (
            ok
            and not lost[command]
            and statistics.median(ratios[command]) <= TARGET
            and stalls[command] <= STALL_TARGET
        )
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000])
    parser.add_argument("--database", help="a PostgreSQL server URL (a database of its own is made); default SQLite")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    # A lost answer shows as an infinite latency; its traceback would drown the figures.
    logging.getLogger("sitrep").setLevel(logging.CRITICAL)
    ok = all([run_size(n, args.database, args.repetitions, args.concurrency) for n in args.articles])
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
