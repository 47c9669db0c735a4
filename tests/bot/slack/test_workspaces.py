"""Many Slack workspaces end to end: bolt's real OAuth flow at /slack/install and /slack/oauth_redirect, the
installation store in the bot's own database, then digests and slash commands per workspace, against the stand-in."""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest
from sqlalchemy import text

from bot.adapters import build_adapters
from bot.deliver import deliver
from bot.logs import configure
from bot.runtime import Runtime
from bot.slack import SlackAdapter
from digests.config.models import Channel, Config, Slack, Topic
from digests.store.db import Store
from tests.bot.slack.conftest import SECRET, free_port
from tests.factories import NOW, add_sample
from tests.standins.slack import CLIENT_ID, SlackStandIn, signed_request, slash_payload

CLIENT_SECRET = "0123456789abcdef-client-secret"
TEAMS = {"T0ALPHA": "C0ALPHA", "T0BRAVO": "C0BRAVO"}


def _config(api_url: str, port: int) -> Config:
    return Config.model_validate(
        {
            "topics": {"north-korea": Topic(title="North Korean troops in Russia", match=["North Korea"])},
            "channels": [
                Channel(
                    name=f"room-{team[2:].lower()}", platform="slack", id=channel, team=team, topics=["north-korea"]
                )
                for team, channel in TEAMS.items()
            ],
            "slack": Slack(
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                signing_secret=SECRET,
                host="127.0.0.1",
                port=port,
                api_url=api_url,
            ),
        }
    )


@pytest.fixture
def verbose_logs() -> Iterator[io.StringIO]:
    """Everything logged with sitrep's log set-up at its most talkative (`--verbose`); restored afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure(verbose=True)
    out = io.StringIO()
    root.handlers[0].setStream(out)  # type: ignore[attr-defined]
    yield out
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def bot(store: Store, standin: SlackStandIn, verbose_logs: io.StringIO) -> AsyncIterator[tuple[Runtime, str]]:
    port = free_port()
    rt = Runtime(_config(standin.api_url, port), store, now=lambda: NOW)
    (adapter,) = build_adapters(rt)
    assert isinstance(adapter, SlackAdapter)
    await adapter.start()
    try:
        yield rt, f"http://127.0.0.1:{port}"
    finally:
        await adapter.stop()


async def _install(session: aiohttp.ClientSession, url: str, team: str) -> str:
    """Follow the install link as a workspace admin would; the page Slack's redirect lands on."""
    async with session.get(f"{url}/slack/install", allow_redirects=False) as resp:
        page = await resp.text()
        cookie = resp.headers["Set-Cookie"].split(";")[0]
    authorize = re.search(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', page)
    assert authorize is not None, page
    # The manifest's scopes: digests' charts need files:write in every workspace too.
    scopes = "scope=channels:history,chat:write,commands,files:write,groups:history&"
    assert f"client_id={CLIENT_ID}" in authorize.group(1) and scopes in authorize.group(1).replace("&amp;", "&")
    state = re.search(r"state=([^&\"]+)", authorize.group(1)).group(1)  # type: ignore[union-attr]
    # Slack sends the admin back with a code for this workspace and the same state.
    redirect = f"{url}/slack/oauth_redirect?code=code-{team}&state={state}"
    async with session.get(redirect, headers={"Cookie": cookie}) as resp:
        assert resp.status == 200, await resp.text()
        return await resp.text()


async def test_two_workspaces_install_then_each_gets_its_own_digests_and_answers(
    bot: tuple[Runtime, str], standin: SlackStandIn, store: Store, verbose_logs: io.StringIO
) -> None:
    rt, url = bot
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        for team in TEAMS:
            page = await _install(session, url, team)
            assert "Thank you!" in page
        # A state used once is spent: replaying the redirect installs nothing.
        async with session.get(f"{url}/slack/oauth_redirect?code=code-T0EVIL&state=forged") as resp:
            assert resp.status == 400
    tokens = {team: token for token, team in standin.installed.items()}
    assert sorted(tokens) == sorted(TEAMS)
    with store.engine.connect() as connection:
        stored = dict(connection.execute(text("SELECT team_id, bot_token FROM slack_bots")).all())
    assert stored == tokens

    add_sample(store)
    outcomes = [await deliver(rt, channel) for channel in rt.config.channels]
    assert [(o.channel, o.status) for o in outcomes] == [("room-alpha", "sent"), ("room-bravo", "sent")]
    posts = standin.calls_to("chat.postMessage")
    assert sorted((p["params"]["channel"], p["token"]) for p in posts) == sorted(
        (channel, tokens[team]) for team, channel in TEAMS.items()
    )

    for team, channel in TEAMS.items():
        payload = slash_payload("/topics", response_url=standin.response_url(team), channel_id=channel, team_id=team)
        body, headers = signed_request(SECRET, payload, timestamp=time.time())
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{url}/slack/events", data=body, headers=headers) as resp,
        ):
            assert resp.status == 200
    answers = await standin.wait_for(lambda: len(standin.responses) == 2 and standin.responses)
    assert sorted(a["name"] for a in answers) == sorted(TEAMS)
    assert all("North Korean troops in Russia" in str(a["body"]) for a in answers)

    logged = verbose_logs.getvalue()
    assert "DEBUG " in logged  # the most talkative level was on
    assert not [token for token in tokens.values() if token in logged]
    assert CLIENT_SECRET not in logged


async def test_a_channel_of_a_workspace_not_installed_fails_with_the_reason(
    bot: tuple[Runtime, str], standin: SlackStandIn, store: Store
) -> None:
    rt, _ = bot
    add_sample(store)
    outcome = await deliver(rt, rt.config.channels[0])
    assert (outcome.status, outcome.error) == (
        "failed",
        "sitrep is not installed in the Slack workspace T0ALPHA of #room-alpha: install it there through /slack/install",
    )
    assert standin.calls_to("chat.postMessage") == []


async def test_installed_through_one_replica_each_workspace_is_served_by_another(
    pg_db: str, standin: SlackStandIn
) -> None:
    """Two replicas on one PostgreSQL database behind one load balancer: the install link comes from one and
    Slack's redirect lands on the other; the other replica then answers that workspace and posts its digests."""
    replicas = []
    for _ in range(2):
        port = free_port()
        rt = Runtime(_config(standin.api_url, port), Store(pg_db), now=lambda: NOW)
        (adapter,) = build_adapters(rt)
        assert isinstance(adapter, SlackAdapter)
        await adapter.start()
        replicas.append((rt, adapter, f"http://127.0.0.1:{port}"))
    (first, _, first_url), (second, _, second_url) = replicas
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
            for team in TEAMS:
                async with session.get(f"{first_url}/slack/install", allow_redirects=False) as resp:
                    page = await resp.text()
                    cookie = resp.headers["Set-Cookie"].split(";")[0]
                state = re.search(r"state=([^&\"]+)", page).group(1)  # type: ignore[union-attr]
                redirect = f"{second_url}/slack/oauth_redirect?code=code-{team}&state={state}"
                async with session.get(redirect, headers={"Cookie": cookie}) as resp:
                    assert (resp.status, "Thank you!" in await resp.text()) == (200, True)
        tokens = {team: token for token, team in standin.installed.items()}
        assert sorted(tokens) == sorted(TEAMS)

        add_sample(first.store)
        # Each replica posts one workspace's digest, each with the token the other replica's install stored.
        outcomes = [await deliver(first, first.config.channels[1]), await deliver(second, second.config.channels[0])]
        assert [(o.channel, o.status) for o in outcomes] == [("room-bravo", "sent"), ("room-alpha", "sent")]
        posts = standin.calls_to("chat.postMessage")
        assert sorted((p["params"]["channel"], p["token"]) for p in posts) == sorted(
            (channel, tokens[team]) for team, channel in TEAMS.items()
        )
        # A slash command from the workspace installed last is answered by the first replica.
        payload = slash_payload(
            "/topics", response_url=standin.response_url("T0BRAVO"), channel_id=TEAMS["T0BRAVO"], team_id="T0BRAVO"
        )
        body, headers = signed_request(SECRET, payload, timestamp=time.time())
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{first_url}/slack/events", data=body, headers=headers) as resp,
        ):
            assert resp.status == 200
        answers = await standin.wait_for(lambda: len(standin.responses) == 1 and standin.responses)
        assert [a["name"] for a in answers] == ["T0BRAVO"]
    finally:
        for rt, adapter, _ in replicas:
            await adapter.stop()
            rt.store.close()
