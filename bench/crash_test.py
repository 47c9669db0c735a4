"""Crash test for exactly-once delivery: SIGKILL the real `sitrep run` at random moments, restart it, and count
at local stand-ins for Slack and Discord, per channel and window, the posts missing and the posts duplicated.

    python bench/crash_test.py [--kills 50] [--seed 1]

Digests are due every 3 s on a Slack and a Discord channel while a local feed gains an article every 1.5 s.
Each post's ledger update is held back (SITREP_TEST_DELAY_AFTER_POST) so kills often land between the post
and the ledger update. At the end the bot runs once more undisturbed, then everything is counted:
- per window (a ledger row): each part posted exactly once — missing if never, duplicated if more;
- per article: each one ingested for a channel's topic appears in exactly one window's posts.
Exits 1 unless both counts are 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SLACK_CHANNEL = "C0CRASH"
DISCORD_CHANNEL = "424242424242424242"
ARTICLE_URL = re.compile(r"https://news\.example\.org/crash/(\d+)")
KEY = re.compile(r"d(\d+)p(\d+)$")
CHART_FILE = re.compile(r"-(d\d+p\d+)\.png$")


class Feed:
    """A feed that gains an item every `interval` seconds while growing; the newest `keep` are served (an
    article that scrolls off before any poll saw it is never stored: `keep` must outlast the longest outage)."""

    def __init__(self, interval: float, first: int = 1, keep: int = 60) -> None:
        self.interval = interval
        self.first = first  # the number of its first article (several feeds keep theirs apart)
        self.keep = keep
        self.started = time.monotonic()
        self.frozen_at: int | None = None

    def count(self) -> int:
        if self.frozen_at is not None:
            return self.frozen_at
        return self.first + int((time.monotonic() - self.started) / self.interval)

    def freeze(self) -> int:
        self.frozen_at = self.count()
        return self.frozen_at

    def xml(self) -> bytes:
        n = self.count()
        items = []
        for i in range(max(self.first, n - self.keep + 1), n + 1):
            items.append(
                f"<item><title>North Korean troops report {i}</title>"
                f"<link>https://news.example.org/crash/{i}</link><guid>crash-{i}</guid>"
                f"<pubDate>{format_datetime(datetime.now(UTC))}</pubDate>"
                f"<description>Ukraine said at least {i} North Korean soldiers were killed in Kursk "
                f"in report {i}.</description></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>crash feed</title>'
            f"<link>https://news.example.org/</link>{''.join(items)}</channel></rss>"
        ).encode()


def serve_feeds(
    feeds: dict[str, Feed], on_fetch: Callable[[str, str], None] | None = None
) -> tuple[ThreadingHTTPServer, str]:
    """Serve each feed at /<name>.xml; the base URL. `on_fetch` hears the name of every feed fetched and the
    fetcher's User-Agent (replicas tell themselves apart by it)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            name = self.path.strip("/").removesuffix(".xml")
            feed = feeds.get(name)
            if feed is None:
                self.send_error(404)
                return
            if on_fetch is not None:
                on_fetch(name, self.headers.get("User-Agent", ""))
            body = feed.xml()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def start_standin(module: str, record: Path, options: Sequence[str] = ()) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", module, "--port", "0", "--record", str(record), *options],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("listening "):
        raise SystemExit(f"{module} did not start: {line!r}")
    return proc, line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(path: Path, feed_url: str, slack_api: str, discord_api: str, gateway: str) -> None:
    path.write_text(
        f"""
feeds: [{{name: crash, url: "{feed_url}", every: 1s, backfill: all, fetch_pages: false}}]
topics: {{north-korea: {{title: North Korean troops, match: [North Korean]}}}}
channels:
  - {{name: slack-room, platform: slack, id: {SLACK_CHANNEL}, topics: [north-korea], schedule: "*/3 * * * * *"}}
  - {{name: discord-room, platform: discord, id: "{DISCORD_CHANNEL}", topics: [north-korea], schedule: "1-59/3 * * * * *"}}
slack: {{bot_token: xoxb-crash, signing_secret: crash-secret, mode: http, host: 127.0.0.1, port: {free_port()}, api_url: "{slack_api}"}}
discord: {{token: "crash.token", application_id: 1, api_url: "{discord_api}", gateway_url: "{gateway}"}}
digest: {{max_articles: 500, max_figures: 5, max_quotes: 0}}
"""
    )


def start_bot(config: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", "--config", str(config)],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=out,
        )


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def posts(slack_url: str, discord_url: str) -> dict[str, list[tuple[str, str]]]:
    """Every message that landed at the stand-ins: (delivery key, text) per channel."""
    slack_messages = get_json(f"{slack_url}/_control/state")["messages"].get(SLACK_CHANNEL, [])
    slack = []
    for m in slack_messages:
        key = ((m.get("metadata") or {}).get("event_payload") or {}).get("key", "")
        # A digest's chart is a shared file, named for its part: "north-korea-trend-d12p3.png".
        for shared in m.get("files") or []:
            if found := CHART_FILE.search(str(shared.get("name", ""))):
                key = found.group(1)
        slack.append((key, json.dumps(m.get("blocks") or m.get("text"), ensure_ascii=False)))
    discord = []
    for m in get_json(f"{discord_url}/_standin/messages/{DISCORD_CHANNEL}"):
        embeds = m.get("embeds") or []
        footer = ((embeds[-1].get("footer") or {}).get("text") or "") if embeds else ""
        found = KEY.search(footer)
        discord.append((found.group(0) if found else "", json.dumps(embeds, ensure_ascii=False)))
    return {"slack-room": slack, "discord-room": discord}


def count(db: Path, landed: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, channel, window, status, payload FROM deliveries ORDER BY id").fetchall()
    links = [link for (link,) in con.execute("SELECT link FROM articles")]
    con.close()
    return tally(rows, links, landed)


def tally(rows: list[Any], links: list[str], landed: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """Missing and duplicated posts, given the ledger's rows (id, channel, window, status, payload), the
    links of the articles stored, and what landed at the stand-ins per channel."""
    articles = [int(ARTICLE_URL.search(link).group(1)) for link in links]  # type: ignore[union-attr]
    missing = duplicated = 0
    details: list[str] = []
    per_channel: dict[str, Any] = {}
    for channel, messages in landed.items():
        by_key = Counter(key for key, _ in messages)
        windows = [r for r in rows if r[1] == channel]
        for delivery_id, _, window, status, payload in windows:
            parts = len(json.loads(payload)) if isinstance(payload, str) else len(payload)
            for part in range(parts):
                seen = by_key.get(f"d{delivery_id}p{part}", 0)
                if status == "sent" and seen == 0:
                    missing += 1
                    details.append(f"{channel} {window} part {part}: never posted")
                if seen > 1:
                    duplicated += seen - 1
                    details.append(f"{channel} {window} part {part}: posted {seen} times")
            if status != "sent":
                missing += 1
                details.append(f"{channel} {window}: left {status}")
        known = {
            f"d{r[0]}p{p}" for r in windows for p in range(len(json.loads(r[4]) if isinstance(r[4], str) else r[4]))
        }
        strays = [key for key in by_key if key not in known]
        duplicated += len(strays)
        details += [f"{channel}: a post with no ledger row ({key or 'no key'})" for key in strays]
        # Article level: each article appears in exactly one window's posts.
        windows_of: dict[int, set[str]] = {}
        for key, text in messages:
            for number in {int(n) for n in ARTICLE_URL.findall(text)}:
                windows_of.setdefault(number, set()).add(KEY.sub(r"d\1", key))
        lost = sorted(set(articles) - set(windows_of))
        twice = sorted(n for n, ws in windows_of.items() if len(ws) > 1)
        missing += len(lost)
        duplicated += len(twice)
        details += [f"{channel}: article {n} never posted" for n in lost[:10]]
        details += [f"{channel}: article {n} posted in {len(windows_of[n])} windows" for n in twice[:10]]
        per_channel[channel] = {"windows": len(windows), "messages": len(messages), "articles": len(windows_of)}
    return {
        "missing": missing,
        "duplicated": duplicated,
        "details": details,
        "channels": per_channel,
        "articles": len(articles),
    }


def settled(con: Any, channels: int, published: int) -> bool:
    """Every article published is stored, nothing is pending, and every channel's sent digests cover the
    newest article (`con`: a DB-API connection to SQLite or PostgreSQL)."""
    stored, newest = con.execute("SELECT count(*), coalesce(max(id), 0) FROM articles").fetchone()
    pending = con.execute("SELECT count(*) FROM deliveries WHERE status = 'pending'").fetchone()[0]
    covered = con.execute(
        "SELECT channel, max(last_article_id) FROM deliveries WHERE status = 'sent' GROUP BY channel"
    ).fetchall()
    done = stored == published and pending == 0 and len(covered) == channels
    return done and all(upto >= newest for _, upto in covered)


def between_post_and_ledger(db: Path, landed: dict[str, list[tuple[str, str]]]) -> int:
    """Pending parts that the stand-in already holds: the kill fell between a post and its ledger update."""
    con = sqlite3.connect(db)
    try:
        pending = con.execute("SELECT id, channel, parts_sent FROM deliveries WHERE status = 'pending'").fetchall()
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()
    keys = {key for messages in landed.values() for key, _ in messages}
    return sum(1 for delivery_id, _, part in pending if f"d{delivery_id}p{part}" in keys)


def _settled(db: Path, published: int) -> bool:
    con = sqlite3.connect(db)
    try:
        return settled(con, 2, published)
    except sqlite3.OperationalError:
        return False  # not created yet, or busy
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-life", type=float, default=1.0, help="shortest run before a kill (s)")
    parser.add_argument("--max-life", type=float, default=6.0, help="longest run before a kill (s)")
    parser.add_argument("--settle", type=float, default=60.0, help="longest undisturbed run at the end (s)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="sitrep-crash-"))
    feed = Feed(interval=1.5)
    server, feed_base = serve_feeds({"feed": feed})
    feed_url = f"{feed_base}/feed.xml"
    slack, slack_line = start_standin("tests.standins.slack", work / "slack.jsonl")
    discord, discord_line = start_standin("tests.standins.discord", work / "discord.jsonl")
    slack_url = slack_line.split()[1]
    _, discord_url, _, discord_api, _, gateway = discord_line.split()
    config, db, log = work / "sitrep.yaml", work / "sitrep.db", work / "bot.log"
    write_config(config, feed_url, f"{slack_url}/api/", discord_api, gateway)
    env = {**os.environ, "SITREP_DB": f"sqlite:///{db}", "SITREP_TEST_DELAY_AFTER_POST": "0.4"}
    env.pop("SITREP_CONFIG", None)
    started = time.monotonic()
    caught = 0
    try:
        for kill in range(1, args.kills + 1):
            bot = start_bot(config, env, log)
            time.sleep(rng.uniform(args.min_life, args.max_life))
            bot.send_signal(signal.SIGKILL)
            bot.wait()
            if db.exists():
                caught += between_post_and_ledger(db, posts(slack_url, discord_url)) > 0
            print(f"kill {kill:3d}/{args.kills}", end="\r", flush=True)
        total = feed.freeze()
        # Undisturbed at last: pending deliveries are finished and the rest of the feed is posted (at
        # least 12 s; longer, up to --settle, until that is done).
        bot = start_bot(config, env, log)
        time.sleep(12)
        deadline = time.monotonic() + args.settle
        while time.monotonic() < deadline and not _settled(db, total):
            time.sleep(1)
        bot.send_signal(signal.SIGTERM)
        code = bot.wait(timeout=60)
        result = count(db, posts(slack_url, discord_url))
    finally:
        for proc in (slack, discord):
            proc.terminate()
            proc.wait(timeout=10)
        server.shutdown()
    print(f"kills (SIGKILL):                       {args.kills}")
    print(f"kills between a post and its ledger:   {caught}")
    print(f"final clean stop exit code:            {code}")
    print(f"articles published / ingested:         {total} / {result['articles']}")
    for channel, numbers in result["channels"].items():
        print(
            f"{channel + ':':38} {numbers['windows']} windows, {numbers['messages']} messages, "
            f"{numbers['articles']} articles posted"
        )
    print(f"posts missing:                         {result['missing']}")
    print(f"posts duplicated:                      {result['duplicated']}")
    for line in result["details"][:20]:
        print(f"  {line}")
    print(f"elapsed: {time.monotonic() - started:.0f} s (work folder {work})")
    return 0 if result["missing"] == result["duplicated"] == 0 and code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
