"""A digest's chart to Slack through files_upload_v2 (real slack-sdk, the stand-in's v2 upload protocol), tied
to the delivery ledger: uploaded once per delivery, also when its answer was lost or the bot died after it."""

from __future__ import annotations

import base64

from sqlalchemy import select

from bot.adapters import build_adapters
from bot.deliver import deliver, resolve_pending
from bot.runtime import Runtime
from digests.store.db import Store
from digests.store.schema import Delivery
from tests.bot.chart_rows import three_days
from tests.bot.slack.conftest import CHANNEL, make_config, make_runtime
from tests.digests.chart.test_chart import png_size
from tests.factories import NOW
from tests.standins.slack import SlackStandIn


async def _runtime(store: Store, standin: SlackStandIn) -> Runtime:
    rt = make_runtime(store, make_config(standin.api_url))
    for adapter in build_adapters(rt):
        await adapter.open()
    return rt


def _row(store: Store) -> Delivery:
    with store.session() as s:
        (row,) = s.scalars(select(Delivery))
        s.expunge(row)
        return row


async def test_the_digests_chart_is_uploaded_into_its_channel_once(store: Store, standin: SlackStandIn) -> None:
    three_days(store, NOW)
    rt = await _runtime(store, standin)

    outcome = await deliver(rt, rt.config.channels[0])

    assert outcome.status == "sent"
    row = _row(store)
    *text_parts, chart = row.payload
    assert [set(p) for p in text_parts] == [{"text", "blocks", "unfurl_links", "unfurl_media"}]
    png = base64.b64decode(str(chart["chart"]["png"]))  # type: ignore[index]
    assert png_size(png) == (800, 510)
    (asked,) = standin.calls_to("files.getUploadURLExternal")
    assert asked["params"] == {
        "filename": f"north-korea-trend-d{row.id}p1.png",
        "length": str(len(png)),
        "alt_txt": "North Korean troops in Russia: tolls by publication date",
    }
    (done,) = standin.calls_to("files.completeUploadExternal")
    assert done["params"]["channel_id"] == CHANNEL
    (shared,) = standin.shared_files(CHANNEL)
    assert (shared["data"], shared["title"]) == (png, "North Korean troops in Russia: tolls by publication date")
    # The digest first, then its chart: two messages in the channel, the second carrying the file.
    first, second = standin.posted(CHANNEL)
    assert "North Korea · killed (total): 600" in first["text"] and second["files"][0]["id"] == shared["id"]
    assert (row.status, row.parts_sent, row.message_ids) == ("sent", 2, [first["ts"], f"file:{shared['id']}"])


async def test_a_lost_answer_after_the_upload_finds_the_file_instead_of_uploading_again(
    store: Store, standin: SlackStandIn
) -> None:
    three_days(store, NOW)
    rt = await _runtime(store, standin)
    # Slack shared the file, but the bot heard a 500: whether it landed is unknown.
    standin.fail("files.completeUploadExternal", status=500, commit=True)

    assert (await deliver(rt, rt.config.channels[0])).status == "pending"
    assert (_row(store).parts_sent, len(standin.shared_files(CHANNEL))) == (1, 1)
    (retried,) = await resolve_pending(rt)

    assert retried.status == "sent"
    (shared,) = standin.shared_files(CHANNEL)
    assert len(standin.calls_to("files.getUploadURLExternal")) == 1
    assert _row(store).message_ids[-1] == f"file:{shared['id']}"


async def test_a_crash_between_the_upload_and_the_ledger_never_uploads_twice(
    store: Store, standin: SlackStandIn
) -> None:
    three_days(store, NOW)
    rt = await _runtime(store, standin)
    channel = rt.config.channels[0]
    assert (await deliver(rt, channel)).status == "sent"
    with store.session() as s:
        # What a kill leaves: the chart uploaded, the ledger never told (its row still at the text part).
        row = s.scalars(select(Delivery)).one()
        row.status, row.parts_sent, row.message_ids = "pending", 1, row.message_ids[:1]
        row_id = row.id

    (resumed,) = await resolve_pending(rt)

    assert (resumed.status, resumed.delivery_id) == ("sent", row_id)
    assert len(standin.shared_files(CHANNEL)) == 1 and len(standin.calls_to("files.getUploadURLExternal")) == 1
    assert _row(store).message_ids == [
        standin.posted(CHANNEL)[0]["ts"],
        f"file:{standin.shared_files(CHANNEL)[0]['id']}",
    ]


async def test_too_few_points_attach_no_chart(store: Store, standin: SlackStandIn) -> None:
    three_days(store, NOW, topic="sudan")  # another topic's points: this channel's topic has none
    from tests.factories import add_sample

    add_sample(store)
    rt = await _runtime(store, standin)

    assert (await deliver(rt, rt.config.channels[0])).status == "sent"

    assert [set(p) for p in _row(store).payload] == [{"text", "blocks", "unfurl_links", "unfurl_media"}]
    assert standin.calls_to("files.getUploadURLExternal") == []
