"""The CLI contract end to end, as a user runs it: real processes, a real SQLite file, the bundled sample."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, REPO
from tests.process import SITREP


def sitrep(
    *args: str, db: Path, stdin: str | None = None, cwd: Path = REPO, **env_vars: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITREP_DB": f"sqlite:///{db}"}
    env.pop("SITREP_CONFIG", None)
    env.update(env_vars)
    return subprocess.run(
        [*SITREP, *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_once_prints_the_sample_digest_then_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    first = sitrep("run", "--once", "--config", "config/example.yaml", db=db)
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "North Korea · casualties: several hundred — US official · at least 30 — Ukraine" in out
    assert "North Korea · deployed (total): ~11,000 — Western officials · ~10,000 — via sitrep" in out
    assert "Russia · casualties (total): ~700,000 — estimates" in out
    assert (
        "“Several hundred casualties is our latest estimate that the DPRK has suffered.”\n    — senior US military official"
        in out
    )
    assert "“not a single reason for North Koreans to die in this war”\n    — Volodymyr Zelenskyy" in out
    assert "https://www.bbc.com/news/articles/c0q0n0k0r0o" in out
    assert "sample: 4 item(s), 4 new, 0 duplicate(s)" in first.stderr

    second = sitrep("run", "--once", "--config", "config/example.yaml", db=db)
    assert second.returncode == 0, second.stderr
    assert second.stdout == ""
    assert "sample: 4 item(s), 0 new, 4 duplicate(s)" in second.stderr
    assert "channel console: nothing new since the last digest — nothing posted" in second.stderr


def test_extract_on_the_sample_article_matches_the_gold_file(tmp_path: Path) -> None:
    gold = json.loads((DATA / "samples" / "nk-troops-kursk.gold.json").read_text(encoding="utf-8"))
    result = sitrep("extract", str(DATA / "samples" / "nk-troops-kursk.txt"), db=tmp_path / "x.db")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    keys = ("kind", "min", "max", "actor", "qualifier", "attributed_to", "span")
    assert [{k: f[k] for k in keys} for f in found["figures"]] == [{k: f[k] for k in keys} for f in gold["figures"]]
    assert [(q["text"], q["speaker"]) for q in found["quotes"]] == [(q["text"], q["speaker"]) for q in gold["quotes"]]
    text = (DATA / "samples" / "nk-troops-kursk.txt").read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["span"] for f in found["figures"])
    assert all(text[q["start"] : q["end"]] == q["text"] for q in found["quotes"])


def test_extract_jsonl_keeps_ids_and_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "a", "text": "At least 12 people were killed and 40 wounded, officials said."}),
            "not json",
            json.dumps({"id": 7, "text": "The talks resume in 2025."}),
        ]
    )
    result = sitrep("extract", "--jsonl", db=tmp_path / "x.db", stdin=lines)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", None, 7]
    assert [(f["kind"], f["min"], f["max"]) for f in rows[0]["figures"]] == [("killed", 12, None), ("wounded", 40, 40)]
    assert rows[1]["error"].startswith("line 2: expected")
    assert (rows[2]["figures"], rows[2]["quotes"]) == ([], [])


EXPECTED_ITEMS = {
    "01-bbc-news-frontpage.xml": 16,
    "02-guardian-us-long.xml": 55,
    "03-nytimes-homepage.xml": 25,
    "04-npr-news-content-encoded.xml": 15,
    "05-aljazeera-all.xml": 25,
    "06-kyivindependent-regenerated.xml": 25,
    "07-reuters-scraped-500-items.xml": 500,
    "08-tpm-atom-relative-links.xml": 20,
    "09-heise-developer-atom.xml": 15,
    "10-bbc-chinese-atom-long.xml": 66,
    "11-dw-chinese-rss10-rdf.xml": 85,
    "12-nytimes-chinese-cdata-html.xml": 22,
    "13-jn-portugal-iso-8859-1.xml": 40,
    "14-oren-ru-windows-1251.xml": 10,
    "15-qq-news-gb2312.xml": 20,
    "16-washingtonpost-wellness-ads.xml": 29,
    "17-ilmessaggero-mondo-mojibake.xml": 1,
    "18-dailymail-charset-mismatch.xml": 1,
}


def test_ingest_json_over_the_real_feeds_then_nothing_new(tmp_path: Path) -> None:
    feeds = sorted((DATA / "feeds").glob("*.xml"))
    assert len(feeds) == 22
    db = tmp_path / "feeds.db"
    first = sitrep("ingest", "--json", *map(str, feeds), db=db)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    by_name = {Path(s["source"]).name: s for s in report["sources"]}
    assert {k: by_name[k]["items"] for k in EXPECTED_ITEMS} == EXPECTED_ITEMS
    assert all(by_name[k]["status"] == "ok" for k in EXPECTED_ITEMS)
    broken = {k: v for k, v in by_name.items() if "BROKEN" in k}
    assert len(broken) == 4
    # Each broken feed gives what can be recovered, or an error with its reason.
    assert all(
        (b["status"] == "ok" and b["items"] > 0) or (b["status"] == "error" and b["error"]) for b in broken.values()
    )
    assert report["new"] == sum(s["new"] for s in report["sources"]) > 0
    assert "Traceback" not in first.stderr

    second = json.loads(sitrep("ingest", "--json", *map(str, feeds), db=db).stdout)
    assert second["new"] == 0
    assert all(s["new"] == 0 for s in second["sources"])


def test_digest_prints_each_format_without_posting(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    assert sitrep("ingest", "--config", "config/example.yaml", db=db).returncode == 0
    slack = sitrep("digest", "--config", "config/example.yaml", "--format", "slack", db=db)
    discord = sitrep(
        "digest",
        "--config",
        "config/example.yaml",
        "--topic",
        "north-korea",
        "--since",
        "3650d",
        "--format",
        "discord",
        db=db,
    )
    assert slack.returncode == discord.returncode == 0, slack.stderr + discord.stderr
    slack_parts, discord_parts = json.loads(slack.stdout), json.loads(discord.stdout)
    assert slack_parts[0]["blocks"][0]["type"] == "header"
    assert "several hundred" in json.dumps(slack_parts, ensure_ascii=False)
    assert discord_parts[0]["allowed_mentions"] == {"parse": []}
    assert "at least 30" in json.dumps(discord_parts, ensure_ascii=False)
    # Windows are publication time: the sample's articles (November 2024) are no news of the last 24 hours.
    recent = sitrep("digest", "--config", "config/example.yaml", "--topic", "north-korea", db=db)
    assert recent.stdout.startswith("Nothing new for North Korean troops in Russia since"), recent.stdout
    as_json = json.loads(sitrep("digest", "--config", "config/example.yaml", "--format", "json", db=db).stdout)
    assert (as_json["channel"], as_json["topics"], as_json["article_count"]) == ("console", ["north-korea", "sudan"], 3)
    assert [s["topic"] for s in as_json["sections"]] == ["north-korea", "sudan"]
    deployed = next(f for f in as_json["figures"] if f["kind"] == "deployed" and f["scope"] == "cumulative")
    assert [(c["min"], c["claimant"], c["via"]) for c in deployed["claims"]] == [
        (11000, "Western officials", "sitrep sample feed"),
        (10000, None, "sitrep sample feed"),
    ]
    explained = sitrep("digest", "--config", "config/example.yaml", "--channel", "console", "--explain", db=db)
    assert "IN  Tens of thousands flee as fighting spreads around El Fasher (sitrep sample feed)" in explained.stdout
    # Printing is not posting: a run afterwards still delivers the digest.
    run = sitrep("run", "--once", "--config", "config/example.yaml", db=db)
    assert "several hundred" in run.stdout
    unknown = sitrep("digest", "--config", "config/example.yaml", "--topic", "mars", db=db)
    assert (unknown.returncode, unknown.stderr.splitlines()) == (
        1,
        [
            f"INFO sitrep: config: {REPO / 'config' / 'example.yaml'}",
            "sitrep digest: unknown topic 'mars' (topics: north-korea, sudan)",
        ],
    )


def test_an_unreachable_database_is_named_without_its_password(tmp_path: Path) -> None:
    env = {**os.environ, "SITREP_DB": "postgresql://postgres:hunter2@127.0.0.1:9/sitrep"}
    result = subprocess.run([*SITREP, "status"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    config_line, error = result.stderr.splitlines()
    assert config_line.startswith("INFO sitrep: config: none found")
    assert error.startswith(
        "sitrep: cannot use the database: postgresql+psycopg://postgres:***@127.0.0.1:9/sitrep: connection failed:"
    )
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr


def test_run_without_a_config_says_where_it_looked_and_exits_1(tmp_path: Path) -> None:
    result = sitrep("run", "--once", db=tmp_path / "x.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"sitrep run: no config file found (looked for --config PATH, $SITREP_CONFIG, {tmp_path}/sitrep.yaml and "
        f"{tmp_path}/sitrep.yml); give one with --config PATH (config/example.yaml is a commented example)"
    )
    assert result.stdout == ""
    assert not (tmp_path / "x.db").exists()
    check = sitrep("config", "check", db=tmp_path / "x.db", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (
        1,
        f"sitrep config check: no config file found (looked for --config PATH, $SITREP_CONFIG, "
        f"{tmp_path}/sitrep.yaml and {tmp_path}/sitrep.yml)\n",
    )


SAMPLE_CONFIG = f"""
feeds: [{{name: sample, url: "{REPO / "config" / "samples" / "feed.xml"}", backfill: all}}]
topics: {{north-korea: {{match: [North Korea, North Korean]}}}}
channels: [{{name: desk, platform: console, topics: [north-korea]}}]
"""


def test_a_sitrep_yml_in_the_current_folder_is_found_used_and_logged(tmp_path: Path) -> None:
    (tmp_path / "sitrep.yml").write_text(SAMPLE_CONFIG)
    run = sitrep("run", "--once", db=tmp_path / "x.db", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == f"INFO sitrep: config: {tmp_path / 'sitrep.yml'}"
    assert "── #desk ──" in run.stdout
    check = sitrep("config", "check", db=tmp_path / "x.db", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (0, "sitrep.yml: ok — 1 feed(s), 1 topic(s), 1 channel(s)\n")
    # Without a config file, other commands run on the built-in defaults and say so.
    status = sitrep("status", db=tmp_path / "x.db", cwd=tmp_path / "..")
    assert status.returncode == 0, status.stderr
    assert status.stderr.splitlines()[0] == (
        f"INFO sitrep: config: none found (looked for --config PATH, $SITREP_CONFIG, {tmp_path.parent}/sitrep.yaml "
        f"and {tmp_path.parent}/sitrep.yml): built-in defaults, no feeds and no channels"
    )


def test_config_check_without_a_path_checks_the_file_sitrep_config_names(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(SAMPLE_CONFIG.replace("desk", "desk, bogus: 1"))
    check = sitrep("config", "check", db=tmp_path / "x.db", cwd=tmp_path, SITREP_CONFIG="elsewhere.yaml")
    assert (check.returncode, check.stderr.splitlines()) == (
        1,
        ["sitrep: invalid config elsewhere.yaml:", "  channels[0].bogus: unknown key"],
    )


def test_version() -> None:
    result = subprocess.run([*SITREP, "--version"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "sitrep 0.1.0\n")


def test_digest_since_takes_a_date_and_refuses_nonsense_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    assert sitrep("ingest", "--config", "config/example.yaml", db=db).returncode == 0
    dated = sitrep(
        "digest", "--config", "config/example.yaml", "--topic", "north-korea", "--since", "2000-01-01", db=db
    )
    assert dated.returncode == 0, dated.stderr
    assert "North Korea · casualties: several hundred — US official · at least 30 — Ukraine" in dated.stdout
    for since in ("banana", "99999999d", "2026-02-30"):
        bad = sitrep("digest", "--config", "config/example.yaml", "--topic", "north-korea", "--since", since, db=db)
        assert (bad.returncode, bad.stderr.splitlines()[-1]) == (
            1,
            f"sitrep digest: --since `{since}` is not a time: use 24h, 7d or a date such as 2024-11-01",
        )


def test_extract_into_a_reader_that_stops_early_is_quiet(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        "".join(json.dumps({"id": i, "text": "At least 12 people were killed."}) + "\n" for i in range(3000))
    )
    env = {**os.environ, "SITREP_DB": f"sqlite:///{tmp_path / 'x.db'}"}
    with lines.open() as stdin:
        proc = subprocess.Popen(
            [*SITREP, "extract", "--jsonl"],
            cwd=REPO,
            env=env,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert json.loads(proc.stdout.readline())["id"] == 0
        proc.stdout.close()  # as `| head -1` does
        err = proc.stderr.read()
        assert (proc.wait(timeout=120), err) == (141, "")


def test_a_postgresql_url_without_its_driver_says_what_to_install(tmp_path: Path) -> None:
    # psycopg missing, as in an install without the [postgres] extra.
    hide = "import sys; sys.modules['psycopg'] = None; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "SITREP_DB": "postgresql://postgres@127.0.0.1:5432/sitrep"}
    env.pop("SITREP_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-c", hide, "ingest", "x.xml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr.splitlines()[-1]) == (
        1,
        "sitrep: cannot use the database: postgresql+psycopg://postgres@127.0.0.1:5432/sitrep: its driver is not "
        "installed (psycopg); for PostgreSQL, install sitrep[postgres]",
    )


def test_ingest_fails_when_every_source_failed_and_names_a_mistyped_scheme(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    failed = sitrep("ingest", "--json", "htps://example.org/feed.xml", str(tmp_path / "missing.xml"), db=db)
    assert failed.returncode == 1
    assert [(s["status"], s["error"]) for s in json.loads(failed.stdout)["sources"]] == [
        ("error", "unsupported scheme 'htps' in 'htps://example.org/feed.xml': use http://, https:// or a local path"),
        ("error", f"file not found: {tmp_path / 'missing.xml'}"),
    ]
    sample = str(REPO / "config" / "samples" / "feed.xml")
    partly = sitrep("ingest", "--json", sample, str(tmp_path / "missing.xml"), db=db)
    assert partly.returncode == 0, partly.stderr


def test_a_deeply_nested_config_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("feeds: " + "[" * 100_000 + "]" * 100_000 + "\n")
    check = sitrep("config", "check", str(path), db=tmp_path / "x.db")
    assert (check.returncode, check.stderr) == (
        1,
        f"sitrep: invalid config {path}:\n  not valid YAML: nested too deeply\n",
    )


def test_status_neither_creates_nor_migrates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet" / "sitrep.db"
    result = sitrep("status", db=missing, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.splitlines()[-1]) == (
        1,
        "",
        f"sitrep status: no database yet at {missing} (`sitrep run` or `sitrep ingest` creates it)",
    )
    assert not missing.parent.exists()

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x TEXT)")
    result = sitrep("status", db=other, cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()[-1]) == (
        1,
        f"sitrep status: sqlite:///{other}: it has no sitrep tables yet (`sitrep run` or `sitrep ingest` creates them)",
    )
    with sqlite3.connect(other) as connection:
        tables = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == ["notes"]


def test_extract_and_a_check_of_a_config_without_channels_do_not_load_the_scheduler(tmp_path: Path) -> None:
    config = tmp_path / "feeds.yaml"
    config.write_text(f'feeds: [{{name: sample, url: "{REPO / "config" / "samples" / "feed.xml"}"}}]\n')
    probe = (
        "import sys; from bot.cli import main; code = main(sys.argv[1:]); "
        "print(code, sorted({m.split('.')[0] for m in sys.modules} & {'apscheduler'}), file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    runs = [
        ("extract", str(REPO / "config" / "samples" / "feed.xml")),
        ("config", "check", str(config)),
        ("config", "check", "config/example.yaml"),
    ]
    loaded = [
        subprocess.run(
            [sys.executable, "-c", probe, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
        ).stderr.splitlines()[-1]
        for args in runs
    ]
    # The example has channels: their schedules are checked with the scheduler's own triggers.
    assert loaded == ["0 []", "0 []", "0 ['apscheduler']"]
