"""The `sitrep` command line: run, ingest, extract, digest and config check (DESIGN.md's contract)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from digests.config.models import Config

# Each command imports what it needs when it runs: `sitrep --help` and argument errors read no config, open no
# store and load neither pydantic nor SQLAlchemy (with alembic, mako and pygments behind it).
log = logging.getLogger("sitrep")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", metavar="PATH", help="config file (default: $SITREP_CONFIG, else ./sitrep.yaml or ./sitrep.yml)"
    )
    common.add_argument("--log-format", choices=("text", "json"), default="text", help="log lines on stderr")
    common.add_argument("-v", "--verbose", action="store_true", help="debug logging")

    parser = argparse.ArgumentParser(prog="sitrep", description="Conflict figures and quotes, digested for chat.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", parents=[common], help="run the bot (scheduler and adapters)")
    run.add_argument("--once", action="store_true", help="one ingest pass and one digest per channel, then exit")

    ingest = sub.add_parser("ingest", parents=[common], help="fetch the configured feeds, or the given sources")
    ingest.add_argument("sources", nargs="*", metavar="SOURCE", help="feed URLs or files instead of the config's")
    ingest.add_argument("--json", action="store_true", help="print the result as JSON")
    ingest.add_argument(
        "--fetch-pages", action="store_true", help="for given sources: fetch pages of summary-only entries"
    )

    extract = sub.add_parser("extract", parents=[common], help="figures and quotes from one text")
    extract.add_argument("file", nargs="?", default="-", metavar="FILE", help="a text or HTML file, or - for stdin")
    extract.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines on stdin, write results')

    digest = sub.add_parser("digest", parents=[common], help="build and print a digest without posting it")
    which = digest.add_mutually_exclusive_group()
    which.add_argument("--channel", metavar="NAME", help="what this channel would get now")
    which.add_argument("--topic", metavar="NAME", help="a topic's articles of the last --since")
    digest.add_argument("--format", choices=("text", "slack", "discord", "json"), default=None)
    digest.add_argument(
        "--explain", action="store_true", help="list each article's relevance to the topics and the terms that hit"
    )
    digest.add_argument(
        "--since", default="24h", help="for --topic: how far back, 24h, 7d or a date such as 2026-03-01 (default 24h)"
    )

    chart = sub.add_parser("chart", parents=[common], help="draw a topic's tolls over time as a PNG")
    chart.add_argument("--topic", required=True, metavar="NAME", help="the topic to draw")
    chart.add_argument(
        "--since", default="30d", help="how far back: 30d, 24h or a date such as 2026-03-01 (default 30d)"
    )
    chart.add_argument("--out", required=True, metavar="FILE.png", help="where to write the PNG")

    status = sub.add_parser("status", parents=[common], help="sources, next runs, last and pending deliveries")
    status.add_argument("--json", action="store_true", help="print the status as JSON")

    slack = sub.add_parser("slack", help="Slack tools")
    slack_sub = slack.add_subparsers(dest="slack_command", required=True, metavar="SUBCOMMAND")
    slack_sub.add_parser("manifest", parents=[common], help="print a Slack app manifest (YAML) for this config")

    discord = sub.add_parser("discord", help="Discord tools")
    discord_sub = discord.add_subparsers(dest="discord_command", required=True, metavar="SUBCOMMAND")
    discord_sub.add_parser("invite", parents=[common], help="print the OAuth2 URL that adds the bot to a server")

    config = sub.add_parser("config", help="configuration tools")
    config_sub = config.add_subparsers(dest="config_command", required=True, metavar="SUBCOMMAND")
    check = config_sub.add_parser("check", parents=[common], help="validate a config file")
    check.add_argument("path", nargs="?", metavar="PATH")
    return parser


class _Version(argparse.Action):
    """--version: the installed version, looked up only when asked for (importlib.metadata is slow to load)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"sitrep {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sitrep")
    except PackageNotFoundError:
        return "(not installed)"


def _setup_logging(args: argparse.Namespace) -> None:
    from bot.logs import configure

    configure(json_lines=args.log_format == "json", verbose=args.verbose)


def main(argv: Sequence[str] | None = None) -> int:
    from digests import heap

    heap.limit_arenas()  # before any thread: each would keep an arena of freed pages of its own
    heap.map_large_blocks()
    args = _parser().parse_args(argv)
    _setup_logging(args)
    from digests.config import ConfigError
    from digests.store.errors import DatabaseError

    try:
        return _dispatch(args)
    except ConfigError as exc:
        print(f"sitrep: invalid config {exc.source}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        print(f"sitrep: cannot use the database: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`sitrep extract FILE | head`): nothing left to say to it. Point stdout at
        # /dev/null so the interpreter's own flush at exit does not complain about the pipe again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _config_file(args: argparse.Namespace) -> Path | None:
    """The file this command reads (logged, so that nobody wonders which one it was), or None."""
    from digests.config import find_config
    from digests.config.load import looked_for

    path = find_config(args.config)
    if path is not None:
        log.info("config: %s", path.resolve())
    else:
        log.info("config: none found (looked for %s): built-in defaults, no feeds and no channels", looked_for())
    return path


def _load(path: Path | None) -> Config:
    from bot.settings import load

    return load(path)


def _dispatch(args: argparse.Namespace) -> int:
    from digests.config import find_config
    from digests.config.load import looked_for

    if args.command == "extract":
        return _extract(args.file, jsonl=args.jsonl)
    if args.command == "config":
        # Its output names the file on every line already.
        return _config_check(find_config(args.path or args.config))
    path = _config_file(args)
    if args.command == "run" and path is None:
        # A bot with no feeds and no channels does nothing, silently: say what is missing instead.
        print(
            f"sitrep run: no config file found (looked for {looked_for()}); "
            "give one with --config PATH (config/example.yaml is a commented example)",
            file=sys.stderr,
        )
        return 1
    config = _load(path)
    if args.command == "ingest":
        import asyncio

        from bot.actions import ingest_command

        return asyncio.run(ingest_command(config, args.sources, as_json=args.json, fetch_pages=args.fetch_pages))
    if args.command == "digest":
        from bot.actions import digest_command

        return digest_command(
            config, channel=args.channel, topic=args.topic, fmt=args.format, since=args.since, explain=args.explain
        )
    if args.command == "chart":
        from bot.actions import chart_command

        return chart_command(config, topic=args.topic, since=args.since, out=args.out)
    if args.command == "status":
        from bot.runtime import Runtime
        from bot.status import status_command
        from digests.store.db import SchemaNotReady, Store

        try:
            # Status only reads: a database that is missing or not migrated is reported, never made.
            store = Store(config.database, existing=True)
        except SchemaNotReady as exc:
            print(f"sitrep status: {exc}", file=sys.stderr)
            return 1
        rt = Runtime(config, store)
        try:
            print(status_command(rt, as_json=args.json))
        finally:
            rt.store.close()
        return 0
    if args.command == "slack":
        from bot.slack.manifest import manifest_yaml

        print(manifest_yaml(config), end="")
        return 0
    if args.command == "discord":
        from bot.discord.invite import invite_url

        print(invite_url(config))
        return 0
    if args.command == "run":
        import asyncio

        from bot.service import run

        # The file found, however it was found, is the one reloaded on SIGHUP or when it changes.
        return asyncio.run(run(config, once=args.once, config_path=str(path)))
    raise AssertionError(args.command)


def _config_check(path: Path | None) -> int:
    from digests.config.load import looked_for

    if path is None:
        print(f"sitrep config check: no config file found (looked for {looked_for()})", file=sys.stderr)
        return 1
    config = _load(path)
    print(f"{path}: ok — {len(config.feeds)} feed(s), {len(config.topics)} topic(s), {len(config.channels)} channel(s)")
    return 0


def _extract(file: str, *, jsonl: bool) -> int:
    from digests.extract import extract
    from digests.ingest import html_to_text

    def result(ident: Any, text: str) -> dict[str, Any]:
        if _looks_like_html(text):
            text = html_to_text(text)
        return {"id": ident, **extract(text).as_json()}

    if jsonl:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                out = result(item.get("id"), str(item["text"]))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                out = {"id": None, "error": f'line {number}: expected {{"id", "text"}} JSON: {exc}'}
                print(f"sitrep extract: line {number}: {exc}", file=sys.stderr)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return 0
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"sitrep extract: cannot read {file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(json.dumps(result(file, text), ensure_ascii=False, indent=2))
    return 0


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return any(tag in head for tag in ("<html", "<p>", "<p ", "<body", "<div", "<article", "<br"))


if __name__ == "__main__":
    sys.exit(main())
