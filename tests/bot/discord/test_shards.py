"""Gateway sharding across processes: two real `sitrep run` replicas on one PostgreSQL database, each holding one
of two shards of the Discord stand-in's gateway, each answering the slash commands of its own servers, and the
channel's digest posted once between them."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from sqlalchemy import select

from digests.store.db import Store
from digests.store.schema import Delivery
from tests.bot.discord.conftest import TOKEN
from tests.factories import add_sample
from tests.process import start_sitrep
from tests.standins.discord import DiscordStandin
from tests.standins.discord_wire import slash

CHANNEL_ID = "987654321098765432"
TIMEOUT = 90.0
# Server g lives on shard (g >> 22) % 2.
GUILDS = {0: 2222222222222222222, 1: 2222222222226416526}

CONFIG = """\
topics:
  north-korea: {{title: North Korean troops in Russia, match: ["North Korea", "North Korean", "DPRK"]}}
channels:
  - {{name: ops-room, platform: discord, id: "{channel}", topics: [north-korea], schedule: "*/4 * * * * *"}}
discord:
  token: ${{DISCORD_TOKEN}}
  api_url: {api_url}
  gateway_url: {gateway_url}
  shards: {{count: 2, ids: [{shard}]}}
replica: {{lease: 5s}}
"""


async def _replica(tmp_path: Path, standin: DiscordStandin, db: str, shard: int) -> asyncio.subprocess.Process:
    config = tmp_path / f"shard-{shard}.yaml"
    config.write_text(
        CONFIG.format(channel=CHANNEL_ID, api_url=standin.api_url, gateway_url=standin.gateway_url, shard=shard)
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "DISCORD_"))}
    env |= {"DISCORD_TOKEN": TOKEN, "SITREP_DB": db, "PYTHONUNBUFFERED": "1"}
    return await start_sitrep(
        "run", "--config", str(config), env=env, stderr=(tmp_path / f"shard-{shard}.err").open("w")
    )


async def test_two_shards_in_two_processes_answer_their_own_servers_and_post_once(pg_db: str, tmp_path: Path) -> None:
    store = Store(pg_db)
    add_sample(store)
    async with DiscordStandin() as standin:
        replicas = [await _replica(tmp_path, standin, pg_db, shard) for shard in (0, 1)]
        try:
            for shard in (0, 1):
                await standin.wait_for(
                    lambda c, s=shard: c.get("op") == 2 and c["json"].get("shard") == [s, 2],  # type: ignore[misc]
                    TIMEOUT,
                )
            await standin.wait_for(lambda c: len(standin.rest("PUT")) >= 2, TIMEOUT)

            asked = {}
            for shard, guild in GUILDS.items():
                asked[shard] = slash("topics", {}, channel_id=int(CHANNEL_ID), guild_id=guild)
                assert await standin.push("INTERACTION_CREATE", asked[shard]) == 1
            pushed = [c for c in standin.gateway(0) if c.get("t") == "INTERACTION_CREATE"]
            assert [c["shards"] for c in pushed] == [[[0, 2]], [[1, 2]]]
            for ask in asked.values():
                await standin.wait_for(lambda c, a=ask: "/webhooks/" in c["path"] and a["token"] in c["path"], TIMEOUT)

            # Both replicas catch up the channel's digest at start and fire every 4 s: one posts it.
            await standin.wait_for(lambda c: bool(standin.channel_messages(CHANNEL_ID)), TIMEOUT)
            await asyncio.sleep(5)
        finally:
            for replica in replicas:
                replica.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(r.wait(), TIMEOUT) for r in replicas]

        for ask in asked.values():
            assert len(standin.rest("POST", f"/interactions/{ask['id']}/")) == 1  # answered once, by its shard
        messages = standin.channel_messages(CHANNEL_ID)
        with store.session() as s:
            rows = [(d.status, len(d.payload)) for d in s.scalars(select(Delivery))]
        assert [status for status, _ in rows] == ["sent"]
        nonces = [m["nonce"] for m in standin.rest("POST", f"/channels/{CHANNEL_ID}/messages") for m in [m["json"]]]
        assert len(messages) == rows[0][1] == len(set(nonces)) == len(nonces)
    store.close()
    assert codes == [0, 0], [(tmp_path / f"shard-{i}.err").read_text()[-2000:] for i in (0, 1)]
