"""The typed shape of sitrep's YAML config: every key declared here, anything else is rejected at load."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from digests.config.values import check_cron, check_database_url, check_feed_url, parse_duration, parse_timezone

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _duration(value: object) -> object:
    return parse_duration(value) if isinstance(value, str) else value


Duration = Annotated[timedelta, BeforeValidator(_duration)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Feed(Strict):
    name: str
    url: str
    # The outlet's name as readers see it ("Reuters World"); default: the feed's own title.
    title: str | None = None
    every: Duration = timedelta(minutes=15)
    # On a source's first ingest, which old articles count as new: none | all | a window such as 24h.
    backfill: str = "24h"
    # When an entry carries only a summary that a topic's terms match, fetch its page and extract the
    # article text. Off by default: it costs a request per new entry.
    fetch_pages: bool = False

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return check_feed_url(value)

    @field_validator("backfill")
    @classmethod
    def _backfill(cls, value: str) -> str:
        if value not in ("none", "all"):
            parse_duration(value)
        return value

    def backfill_window(self) -> timedelta | None:
        """None for `all`, zero for `none`, else the window."""
        if self.backfill == "all":
            return None
        if self.backfill == "none":
            return timedelta(0)
        return parse_duration(self.backfill)


def _check_terms(value: list[str]) -> list[str]:
    for term in value:
        if not term.strip():
            raise ValueError("terms must not be empty")
        if term.startswith("re:"):
            try:
                re.compile(term[3:])
            except re.error as exc:
                raise ValueError(f"bad regex {term!r}: {exc}") from exc
    return value


class Topic(Strict):
    title: str | None = None
    # Words, phrases or `re:` regexes; an article is the topic's when it is about them, not when it names one.
    match: list[str] = Field(min_length=1)
    # A term of these in an article's title or lead rules the topic out ("football", "oil prices").
    exclude: list[str] = []
    # Groups of terms: the article must name at least one term of every group.
    require: list[list[str]] = []
    color: str | None = None  # "#rrggbb", used for Discord embeds

    @field_validator("match", "exclude")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return _check_terms(value)

    @field_validator("require")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        for group in value:
            if not group:
                raise ValueError("a require group needs at least one term")
            _check_terms(group)
        return value

    @field_validator("color")
    @classmethod
    def _color(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("must be a colour like #c0392b")
        return value


class Channel(Strict):
    name: str
    platform: Literal["slack", "discord", "console"]
    id: str | None = None
    topics: list[str] = Field(min_length=1)
    schedule: str = "0 8 * * *"
    timezone: str = "UTC"
    # Post a one-line "nothing new" when a scheduled digest finds nothing.
    nothing_new: bool = False
    # After downtime, a digest missed by less than this is sent once on start; older ones are skipped.
    grace: Duration = timedelta(hours=1)
    # Slack, installed in several workspaces (slack.client_id): the workspace (team id) the channel is in.
    team: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        return check_cron(value)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        parse_timezone(value)
        return value

    @model_validator(mode="after")
    def _needs_id(self) -> Channel:
        if self.platform != "console" and not self.id:
            raise ValueError(f"a {self.platform} channel needs its id")
        if self.team is not None and self.platform != "slack":
            raise ValueError("only a slack channel names a team (its workspace)")
        return self


class SlackPace(Strict):
    """How fast digests go out to Slack: under its limits, each rate kept `margin` below the limit."""

    # chat.postMessage a second in one workspace: Slack says only "several hundred per minute".
    per_second: float = Field(default=10.0, gt=0)
    per_channel: float = Field(default=1.0, gt=0)  # Slack: about 1 message a second per channel
    burst: int = Field(default=5, ge=1)  # posts at once in a workspace before the rate applies
    history_per_minute: float = Field(default=50.0, gt=0)  # conversations.history (Tier 3), read by a resend
    history_burst: int = Field(default=10, ge=1)
    margin: float = Field(default=0.03, ge=0, lt=1)


class Slack(Strict):
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    mode: Literal["http", "socket"] = "http"
    host: str = "0.0.0.0"  # where the HTTP endpoint listens
    port: int = Field(default=3000, ge=1, le=65535)
    api_url: str | None = None
    # Many workspaces: the app's OAuth credentials turn on /slack/install and /slack/oauth_redirect, and
    # each workspace's bot token is kept in the database; channels then name their workspace (`team`).
    client_id: str | None = None
    client_secret: str | None = None
    redirect_uri: str | None = None  # the public URL of /slack/oauth_redirect, if Slack must be told it
    pace: SlackPace = SlackPace()

    @model_validator(mode="after")
    def _oauth(self) -> Slack:
        if (self.client_id is None) != (self.client_secret is None):
            raise ValueError("client_id and client_secret go together (many workspaces through OAuth)")
        if self.client_id is not None and self.mode != "http":
            raise ValueError("installing in many workspaces (client_id) needs mode: http")
        return self

    @property
    def many_workspaces(self) -> bool:
        return self.client_id is not None


class Shards(Strict):
    """Gateway shards: Discord splits a bot's servers among `count` connections (server g on shard
    (g >> 22) % count). `ids`: the shards this process holds (default: all of them)."""

    count: int = Field(ge=1, le=4096)
    ids: list[int] | None = None

    @field_validator("ids")
    @classmethod
    def _ids(cls, value: list[int] | None, info: ValidationInfo) -> list[int] | None:
        if value is None:
            return value
        if not value:
            raise ValueError("name at least one shard, or leave ids out for all of them")
        if len(set(value)) != len(value):
            raise ValueError("a shard is named twice")
        count = info.data.get("count")
        outside = [i for i in value if count is not None and not 0 <= i < count]
        if outside:
            raise ValueError(f"shard {outside[0]} is not among 0..{count - 1}")  # type: ignore[operator]
        return value


class DiscordPace(Strict):
    """How fast requests go to Discord: under its global limit and each route's bucket (as Discord's headers
    describe it; the documented default until the first answer), each rate kept `margin` below the limit."""

    per_second: float = Field(default=50.0, gt=0)  # Discord's global limit
    burst: int = Field(default=10, ge=1)
    route_limit: int = Field(default=5, ge=1)  # messages a channel takes per route_window, until Discord says
    route_window: Duration = timedelta(seconds=5)
    # Added to each bucket's reset: Discord counts a window from a request's arrival, later than its sending.
    reset_margin: float = Field(default=0.05, ge=0)
    margin: float = Field(default=0.05, ge=0, lt=1)


class Discord(Strict):
    token: str | None = None
    application_id: int | None = None  # read from the token when not given
    guilds: list[int] = []
    api_url: str | None = None
    gateway_url: str | None = None
    shards: Shards | None = None  # none: one gateway connection, unsharded
    pace: DiscordPace = DiscordPace()


class Admins(Strict):
    slack_users: list[str] = []
    discord_roles: list[int] = []
    discord_users: list[int] = []
    channel: str | None = None  # name of a channel in `channels` that hears about failing feeds


class Fetch(Strict):
    timeout: Duration = timedelta(seconds=20)
    max_bytes: int = Field(default=10_000_000, ge=1024)
    per_host: int = Field(default=2, ge=1, le=32)
    user_agent: str = "sitrep/0.1 (+https://github.com/sitrep-bot/sitrep)"
    pause_after: int = Field(default=10, ge=1)
    # Hosts a feed's redirect or an entry's page may reach although they are loopback, private or
    # link-local addresses (a configured feed URL may always be one).
    allow_private: list[str] = []


class Digest(Strict):
    max_articles: int = Field(default=20, ge=1)
    max_quotes: int = Field(default=6, ge=0)
    max_figures: int = Field(default=20, ge=0)
    # A channel's first digest (no delivery yet) covers what was stored within this long before the newest
    # stored article, never the whole history.
    first_window: Duration = timedelta(days=7)


class Web(Strict):
    """The bot's own HTTP endpoints (/metrics, /healthz, /readyz; /status only with a token). Slack's HTTP mode
    serves them on its port; otherwise they listen here."""

    host: str = "0.0.0.0"
    port: int = Field(default=9300, ge=0, le=65535)  # 0: any free port (logged)
    token: str | None = None  # the /status page is served only with one, and only to requests carrying it

    @field_validator("token")
    @classmethod
    def _token(cls, value: str | None) -> str | None:
        if value is not None and len(value) < 16:
            raise ValueError("use a token of at least 16 characters (it guards the status page)")
        return value


class Replica(Strict):
    """How replicas sharing one PostgreSQL database divide the work (one process on SQLite uses the same path)."""

    # How long a replica's claim on a feed poll, a digest or a delivery holds without being renewed: a
    # dead replica's pending delivery is taken over by another this long after it died.
    lease: Duration = timedelta(seconds=30)

    @field_validator("lease")
    @classmethod
    def _lease(cls, value: timedelta) -> timedelta:
        if not timedelta(seconds=1) <= value <= timedelta(hours=1):
            raise ValueError("must be between 1s and 1h")
        return value


class Config(Strict):
    database: str = "sqlite:///sitrep.db"
    templates: Path | None = None
    feeds: list[Feed] = []
    topics: dict[str, Topic] = {}
    channels: list[Channel] = []
    slack: Slack | None = None
    discord: Discord | None = None
    admins: Admins = Admins()
    fetch: Fetch = Fetch()
    digest: Digest = Digest()
    web: Web = Web()
    replica: Replica = Replica()

    @field_validator("database")
    @classmethod
    def _database(cls, value: str) -> str:
        return check_database_url(value)

    @field_validator("topics")
    @classmethod
    def _topic_names(cls, value: dict[str, Topic]) -> dict[str, Topic]:
        for name in value:
            if not NAME.match(name):
                raise ValueError(f"topic name {name!r}: use lowercase letters, digits, - and _")
        return value

    def channel(self, name: str) -> Channel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(name)


def _items(data: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The mappings in a top-level list, with their index; anything of the wrong shape the schema reports."""
    value = data.get(key)
    return [(i, v) for i, v in enumerate(value) if isinstance(v, Mapping)] if isinstance(value, list) else []


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    value = data.get(key)
    return value if isinstance(value, Mapping) else None


def cross_check(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems that span keys (unknown topics, duplicate names, missing sections), each as (YAML path,
    reason). Read from the YAML as written, so they are reported with the schema's own, in one pass."""
    problems: list[tuple[str, str]] = []
    channels = _items(data, "channels")
    for key, items in (("feeds", _items(data, "feeds")), ("channels", channels)):
        seen: set[str] = set()
        for i, item in items:
            name = item.get("name")
            if isinstance(name, str) and name in seen:
                problems.append((f"{key}[{i}].name", f"duplicate name {name!r}"))
            seen.add(str(name))
    topics = data.get("topics")
    known = set(topics) if isinstance(topics, Mapping) else set()
    for i, channel in channels:
        wanted = channel.get("topics")
        for j, topic in enumerate(wanted if isinstance(wanted, list) else []):
            if isinstance(topic, str) and topic not in known:
                problems.append((f"channels[{i}].topics[{j}]", f"unknown topic {topic!r}"))
    for i, channel in channels:
        platform = channel.get("platform")
        if platform in ("slack", "discord") and data.get(platform) is None:
            problems.append((f"channels[{i}].platform", f"a {platform} channel needs a `{platform}:` section"))
    slack = _section(data, "slack")
    if slack is not None:
        # Installed through OAuth in many workspaces, the bot needs no token of its own.
        needed = [] if slack.get("client_id") else ["bot_token"]
        needed.append("app_token" if slack.get("mode") == "socket" else "signing_secret")
        problems += [(f"slack.{key}", "required key is missing") for key in needed if not slack.get(key)]
    oauth = slack is not None and bool(slack.get("client_id"))
    for i, channel in channels:
        if channel.get("team") and slack is not None and not oauth:
            problems.append((f"channels[{i}].team", "a channel names its workspace only with slack.client_id (OAuth)"))
        single = slack is not None and bool(slack.get("bot_token"))
        if oauth and channel.get("platform") == "slack" and not channel.get("team") and not single:
            problems.append((f"channels[{i}].team", "required with slack.client_id and no slack.bot_token"))
    discord = _section(data, "discord")
    if discord is not None and not discord.get("token"):
        problems.append(("discord.token", "required key is missing"))
    admins = _section(data, "admins")
    wanted_channel = admins.get("channel") if admins is not None else None
    if wanted_channel and wanted_channel not in {c.get("name") for _, c in channels}:
        problems.append(("admins.channel", f"no channel named {wanted_channel!r}"))
    return problems
