"""Config loading: every mistake reported at once by YAML path; env interpolation; the bundled example."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from digests.config import ConfigError, load_config, parse_config
from tests.conftest import REPO

FIVE_MISTAKES = """
feeds:
  - name: reuters
    url: https://example.org/feed.xml
    every: 15 minutes
    colour: red
topics:
  north-korea:
    match: ["North Korea"]
channels:
  - name: ops-room
    platform: slack
    id: C0123456789
    topics: [north-korea]
    schedule: "0 8,18 * * *"
  - name: analysts
    platform: discord
    id: 123
    topics: [north-korea]
    schedule: "0 25 * * *"
    timezone: Mars/Olympus
slack: {bot_token: "${SITREP_TEST_UNSET_TOKEN}"}
"""


def problems(text: str, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "t.yaml", env or {})
    return [str(p) for p in caught.value.problems]


def test_five_mistakes_are_all_reported_by_yaml_path() -> None:
    assert problems(FIVE_MISTAKES) == [
        "slack.bot_token: environment variable SITREP_TEST_UNSET_TOKEN is not set",
        "feeds[0].every: not a duration: '15 minutes' (use e.g. 30s, 15m, 2h, 1h30m, 7d)",
        "feeds[0].colour: unknown key",
        "channels[1].schedule: not a cron expression: hour '25' is out of range 0-23",
        "channels[1].timezone: unknown time zone: 'Mars/Olympus' (use an IANA name such as Europe/Kyiv or UTC)",
        # and, in the same pass, the two cross-references that the schema errors used to hide
        "channels[1].platform: a discord channel needs a `discord:` section",
        "slack.signing_secret: required key is missing",
    ]


def test_config_check_cli_prints_each_problem_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(FIVE_MISTAKES)
    assert main(["config", "check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"sitrep: invalid config {path}:"
    assert [line.split(":")[0].strip() for line in err[1:]] == [
        "slack.bot_token",
        "feeds[0].every",
        "feeds[0].colour",
        "channels[1].schedule",
        "channels[1].timezone",
        "channels[1].platform",
        "slack.signing_secret",
    ]


def test_cross_references_are_checked_once_the_shape_is_valid() -> None:
    text = """
topics: {gaza: {match: [Gaza]}}
feeds: [{name: a, url: a.xml}, {name: a, url: b.xml}]
channels: [{name: c, platform: console, topics: [gaza, sudan]}]
admins: {channel: nowhere}
"""
    assert problems(text) == [
        "feeds[1].name: duplicate name 'a'",
        "channels[0].topics[1]: unknown topic 'sudan'",
        "admins.channel: no channel named 'nowhere'",
    ]


@pytest.mark.parametrize(
    ("schedule", "reason"),
    [
        (
            "0 8 * *",
            "not a cron expression: '0 8 * *' has 4 fields, expected 5 (minute hour day-of-month month day-of-week)",
        ),
        ("60 * * * *", "not a cron expression: minute '60' is out of range 0-59"),
        ("*/0 * * * *", "not a cron expression: bad step '0' in minute"),
        ("0 9 * * mon-fri", None),
        ("0 18-8 * * *", "not a cron expression: hour range '18-8' runs backwards"),
    ],
)
def test_cron_schedules(schedule: str, reason: str | None) -> None:
    text = f"""
topics: {{gaza: {{match: [Gaza]}}}}
channels: [{{name: c, platform: console, topics: [gaza], schedule: "{schedule}"}}]
"""
    if reason is None:
        assert parse_config(text, env={}).channels[0].schedule == schedule
    else:
        assert problems(text) == [f"channels[0].schedule: {reason}"]


def test_environment_interpolation_with_defaults() -> None:
    text = """
database: ${DB:-sqlite:///x.db}
slack: {bot_token: "${TOKEN}", signing_secret: "pre-${SECRET:-none}-post", mode: http, app_token: "${APP:-}"}
"""
    config = parse_config(text, env={"TOKEN": "xoxb-1"})
    assert config.database == "sqlite:///x.db"
    assert config.slack is not None
    assert (config.slack.bot_token, config.slack.signing_secret, config.slack.app_token) == (
        "xoxb-1",
        "pre-none-post",
        None,
    )


def test_a_channel_on_a_platform_needs_an_id_and_yaml_errors_name_the_line() -> None:
    assert problems("topics: {g: {match: [G]}}\nchannels: [{name: c, platform: slack, topics: [g]}]") == [
        "channels[0]: a slack channel needs its id",
        "channels[0].platform: a slack channel needs a `slack:` section",
    ]
    assert problems("feeds: [\n  {name: a\n") == [
        "not valid YAML: line 3, column 1: expected ',' or '}', but got '<stream end>'"
    ]


def test_example_config_loads_with_its_durations_and_sitrep_db_overrides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    config = load_config("config/example.yaml", env={"SITREP_DB": "sqlite:////tmp/other.db"})
    assert config.database == "sqlite:////tmp/other.db"
    assert [(f.name, f.every, f.backfill_window()) for f in config.feeds] == [("sample", timedelta(minutes=15), None)]
    assert list(config.topics) == ["north-korea", "sudan"]
    assert config.channels[0].timezone == "Europe/Kyiv"


def test_no_config_means_built_in_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(None, env={})
    assert (config.feeds, config.channels, config.database) == ([], [], "sqlite:///sitrep.db")


def test_platform_channels_need_their_section_and_its_secrets() -> None:
    text = """
topics: {a: {match: [A]}}
channels:
  - {name: c, platform: slack, id: C1, topics: [a]}
  - {name: d, platform: discord, id: 1, topics: [a]}
slack: {mode: socket, bot_token: xoxb-1}
"""
    assert problems(text) == [
        "channels[1].platform: a discord channel needs a `discord:` section",
        "slack.app_token: required key is missing",
    ]


def test_relative_feed_paths_resolve_against_the_config_file_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(REPO / "config" / "example.yaml", env={})
    assert config.feeds[0].url == str(REPO / "config" / "samples" / "feed.xml")
    monkeypatch.chdir(REPO / "config")
    assert load_config("example.yaml", env={}).feeds[0].url == "samples/feed.xml"


def test_a_stray_comma_in_a_flow_mapping_is_an_unknown_key_not_silence() -> None:
    # `title: Israel, Gaza` in a flow mapping makes `Gaza` a key with no value.
    assert problems("topics: {mideast: {title: Israel, Gaza, match: [Gaza]}}") == ["topics.mideast.Gaza: unknown key"]


def test_schema_errors_and_cross_references_are_reported_in_one_pass() -> None:
    text = """
feeds: [{name: a, url: a.xml, every: soon}, {name: a, url: b.xml}]
topics: {gaza: {match: [Gaza]}}
channels: [{name: c, platform: discord, id: 1, topics: [gaza, sudan], timezone: Mars/Olympus}]
admins: {channel: nowhere}
"""
    assert problems(text) == [
        "feeds[0].every: not a duration: 'soon' (use e.g. 30s, 15m, 2h, 1h30m, 7d)",
        "channels[0].timezone: unknown time zone: 'Mars/Olympus' (use an IANA name such as Europe/Kyiv or UTC)",
        "feeds[1].name: duplicate name 'a'",
        "channels[0].topics[1]: unknown topic 'sudan'",
        "channels[0].platform: a discord channel needs a `discord:` section",
        "admins.channel: no channel named 'nowhere'",
    ]


def test_an_unknown_key_names_the_nearest_known_one() -> None:
    text = """
databse: sqlite:///x.db
feeds: [{name: a, url: https://example.org/a.xml, backfil: all}]
topics: {gaza: {match: [Gaza], colour: "#c0392b"}}
channels: [{name: c, platform: console, topics: [gaza], shedule: "0 8 * * *", zzz: 1}]
slack: {bot_token: x, signing_secret: y, prot: 3000}
"""
    assert problems(text) == [
        "feeds[0].backfil: unknown key (did you mean `backfill`?)",
        "topics.gaza.colour: unknown key (did you mean `color`?)",
        "channels[0].shedule: unknown key (did you mean `schedule`?)",
        "channels[0].zzz: unknown key",
        "slack.prot: unknown key (did you mean `port`?)",
        "databse: unknown key (did you mean `database`?)",
    ]


@pytest.mark.parametrize(
    ("database", "reason"),
    [
        ("mysql://root@localhost/sitrep", "unsupported database 'mysql': sitrep runs on SQLite and PostgreSQL"),
        ("oracle+cx_oracle://u@h/db", "unsupported database 'oracle': sitrep runs on SQLite and PostgreSQL"),
        ("postgresql+asyncpg://u@h/db", "unsupported driver 'asyncpg' for postgresql: sitrep uses psycopg"),
        ("sitrep.db", "not a database URL: 'sitrep.db'"),
    ],
)
def test_a_database_url_of_an_unsupported_dialect_is_refused(database: str, reason: str) -> None:
    assert problems(f"database: {database}") == [
        f"database: {reason} (use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME)"
    ]


def test_supported_database_urls_pass() -> None:
    for url in (
        "sqlite:///x.db",
        "sqlite://",
        "postgresql://u@h:5432/db",
        "postgres://h/db",
        "postgresql+psycopg://h/db",
    ):
        assert parse_config(f"database: {url}", env={}).database == url


def test_a_local_feed_path_that_does_not_exist_and_a_typod_scheme_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "here.xml").write_text("<rss/>")
    path = tmp_path / "conf" / "sitrep.yaml"
    path.write_text(
        """
feeds:
  - {name: here, url: here.xml}
  - {name: gone, url: missing.xml}
  - {name: abs, url: /nonexistent/feed.xml}
  - {name: typo, url: "htps://example.org/feed.xml"}
  - {name: web, url: "https://example.org/feed.xml"}
"""
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert [str(p) for p in caught.value.problems] == [
        "feeds[3].url: unsupported scheme 'htps' in 'htps://example.org/feed.xml': use http://, https:// or a local path",
        f"feeds[1].url: no such file: missing.xml (looked in {tmp_path} and {tmp_path / 'conf'})",
        "feeds[2].url: no such file: /nonexistent/feed.xml",
    ]


def test_sitrep_db_of_an_unsupported_dialect_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(None, env={"SITREP_DB": "mysql://root@localhost/sitrep"})
    assert (caught.value.source, [str(p) for p in caught.value.problems]) == (
        "$SITREP_DB",
        [
            "unsupported database 'mysql': sitrep runs on SQLite and PostgreSQL "
            "(use sqlite:///PATH or postgresql://USER@HOST:PORT/NAME)"
        ],
    )


def test_scale_out_keys_are_checked_workspaces_shards_and_lease() -> None:
    text = """
topics: {a: {match: [A]}}
channels:
  - {name: c, platform: slack, id: C1, topics: [a]}
  - {name: d, platform: discord, id: 1, topics: [a], team: T1}
slack: {client_id: "1.2", client_secret: s, mode: socket, app_token: xapp-1}
discord: {token: t, shards: {count: 2, ids: [0, 2]}}
replica: {lease: 2h}
"""
    assert problems(text) == [
        "channels[1]: only a slack channel names a team (its workspace)",
        "slack: installing in many workspaces (client_id) needs mode: http",
        "discord.shards.ids: shard 2 is not among 0..1",
        "replica.lease: must be between 1s and 1h",
        "channels[0].team: required with slack.client_id and no slack.bot_token",
    ]
    many = """
topics: {a: {match: [A]}}
channels:
  - {name: c, platform: slack, id: C1, topics: [a]}
  - {name: e, platform: slack, id: C2, topics: [a], team: T2}
slack: {client_id: "1.2", client_secret: s, signing_secret: x}
"""
    assert problems(many) == ["channels[0].team: required with slack.client_id and no slack.bot_token"]
    single = "topics: {a: {match: [A]}}\nchannels: [{name: e, platform: slack, id: C2, topics: [a], team: T2}]\n"
    assert problems(single + "slack: {bot_token: xoxb-1, signing_secret: x}") == [
        "channels[0].team: a channel names its workspace only with slack.client_id (OAuth)"
    ]
    config = parse_config(many.replace("{name: c,", "{name: c, team: T1,"), "t.yaml", {})
    assert [c.team for c in config.channels] == ["T1", "T2"] and config.slack.many_workspaces  # type: ignore[union-attr]


def test_the_pace_under_the_platforms_limits_has_defaults_and_checked_overrides() -> None:
    base = "slack: {bot_token: x, signing_secret: s, pace: %s}\ndiscord: {token: y, pace: %s}"
    config = parse_config(base % ("{per_second: 20}", "{route_window: 2s}"), env={})

    assert config.slack is not None and config.discord is not None
    slack, discord = config.slack.pace, config.discord.pace
    assert (slack.per_second, slack.per_channel, slack.burst, slack.margin) == (20.0, 1.0, 5, 0.03)
    assert (slack.history_per_minute, slack.history_burst) == (50.0, 10)
    assert (discord.per_second, discord.burst, discord.route_limit, discord.margin) == (50.0, 10, 5, 0.05)
    assert discord.route_window == timedelta(seconds=2)
    assert problems(base % ("{per_second: 0, margin: 1.5, burst: 0}", "{speed: 3}")) == [
        "slack.pace.per_second: Input should be greater than 0",
        "slack.pace.burst: Input should be greater than or equal to 1",
        "slack.pace.margin: Input should be less than 1",
        "discord.pace.speed: unknown key",
    ]
