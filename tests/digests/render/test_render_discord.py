"""Discord output: the sample digest exactly, a busy day within Discord's limits, hostile text inert."""

from __future__ import annotations

import json
from dataclasses import replace

from digests.render import render
from digests.render.discord import PALETTE, embed_size, topic_color
from digests.render.escape import ZWSP
from tests.digests.render.render_samples import ARTICLE, INVISIBLES, busy_digest, sample_digest, spoofed_digest
from tests.digests.render.test_render_slack import HOSTILE, hostile_digest

URL = ARTICLE.url
COLOR = topic_color(("north-korea",))


def test_sample_digest_embeds() -> None:
    parts = render(sample_digest(), "discord")
    assert parts == [
        {
            "content": "",
            "embeds": [
                {
                    "title": "North Korean troops in Russia · 5 Nov 2024",
                    "description": "5 Nov 2024 08:00 UTC · new since 4 Nov 2024 18:00 UTC\n"
                    "1 article · 3 figures · 2 quotes",
                    "color": COLOR,
                    "fields": [
                        {
                            "name": "North Korea · casualties",
                            "value": "**several hundred** — US official\n**at least 30** — Ukraine",
                            "inline": False,
                        },
                        {"name": "North Korea · deployed", "value": "**~10,000** — via sample", "inline": False},
                        {"name": "Russia · casualties", "value": "**~700,000** — via sample", "inline": False},
                    ],
                },
                {
                    "title": "Quotes",
                    "description": "> “not a single reason for North Koreans to die in this war”\n"
                    f"> — **Volodymyr Zelenskyy**, [sample]({URL})\n"
                    "\n"
                    "> “These are not battle-hardened troops. They haven’t been in combat before.”\n"
                    f"> — **senior US military official**, [sample]({URL})",
                    "color": COLOR,
                },
                {
                    "title": "Sources",
                    "description": f"• [Hundreds of North Korean soldiers killed or wounded in Kursk, US says]({URL})"
                    " · sample",
                    "color": COLOR,
                    "timestamp": "2024-11-05T08:00:00+00:00",
                    "footer": {"text": "sitrep · north-korea"},
                },
            ],
            "allowed_mentions": {"parse": []},
        }
    ]


def test_colour_is_stable_per_topic_and_can_be_overridden() -> None:
    assert COLOR in PALETTE
    assert topic_color(("north-korea", "ukraine")) == COLOR
    assert topic_color(()) == PALETTE[0]
    parts = render(sample_digest(), "discord", color=0x123456)
    assert {embed["color"] for embed in parts[0]["embeds"]} == {0x123456}


def test_busy_day_stays_within_discord_limits() -> None:
    digest = busy_digest()
    parts = render(digest, "discord")
    assert len(parts) == 15
    for number, message in enumerate(parts, start=1):
        embeds = message["embeds"]
        assert message["allowed_mentions"] == {"parse": []}
        assert (
            message["content"]
            == f"**North Korean troops in Russia, Ukraine front line, Kursk incursion** — part {number}/15"
        )
        assert 1 <= len(embeds) <= 10
        assert sum(embed_size(embed) for embed in embeds) <= 6000
        assert embeds[-1]["footer"] == {"text": f"sitrep · north-korea, ukraine, kursk · part {number}/15"}
        for embed in embeds:
            assert len(embed.get("title", "")) <= 256
            assert len(embed.get("description", "")) <= 4096
            assert len(embed.get("fields", [])) <= 25
            assert all(0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024 for f in embed.get("fields", []))
    assert max(len(m["embeds"]) for m in parts) == 3
    assert max(sum(embed_size(e) for e in m["embeds"]) for m in parts) == 5843
    text = "\n".join(
        piece
        for message in parts
        for embed in message["embeds"]
        for piece in [embed.get("description", ""), *(f["name"] + "\n" + f["value"] for f in embed.get("fields", []))]
    )
    for article in digest.articles:
        assert f"]({article.url})" in text
    assert text.count("> “") == len(digest.quotes)
    assert sum(len(embed.get("fields", [])) for message in parts for embed in message["embeds"]) == 60


def test_hostile_article_text_is_inert() -> None:
    parts = render(hostile_digest(), "discord")
    assert all(part["allowed_mentions"] == {"parse": []} for part in parts)
    embeds = parts[0]["embeds"]
    escaped = f"\\<!channel> \\<@U123> \\<https://evil|click> @{ZWSP}everyone R&D"
    assert embeds[0]["fields"] == [
        {"name": "\\<!channel> · killed", "value": "**at least 30** — \\<@U999>", "inline": False}
    ]
    assert embeds[1]["description"] == f"> “{escaped}”\n> — **\\<@U123>**, [Feed \\<!here>]({URL})"
    assert embeds[2]["description"] == f"• [{escaped}]({URL}) · Feed \\<!here>"
    assert "@everyone" not in str(parts) and HOSTILE not in str(parts)


def test_bidi_overrides_and_zero_width_characters_do_not_reach_discord() -> None:
    parts = render(spoofed_digest(), "discord")
    embeds = parts[0]["embeds"]
    assert embeds[0]["fields"] == [
        {"name": "North Korea · killed", "value": "**at least 30** — Ukraine", "inline": False}
    ]
    assert (
        embeds[1]["description"]
        == f"> “We will withdraw nikuP rimidalV —”\n> — **Volodymyr Zelenskyy**, [BBC News]({URL})"
    )
    assert embeds[2]["description"] == f"• [Zelenskyy: troops stay]({URL}) · BBC News"
    assert [c for c in json.dumps(parts, ensure_ascii=False) if c in INVISIBLES] == []


def test_title_with_brackets_cannot_break_its_link() -> None:
    article = replace(ARTICLE, title="Update] [click](https://evil.example) (live)")
    parts = render(replace(sample_digest(), articles=(article,)), "discord")
    assert parts[0]["embeds"][-1]["description"] == (
        f"• [Update\\] \\[click\\](https://evil.example) (live)]({URL}) · sample"
    )


def test_empty_digest() -> None:
    empty = replace(sample_digest(), figures=(), quotes=(), articles=())
    assert render(empty, "discord") == [
        {
            "content": "Nothing new for North Korean troops in Russia since 4 Nov 2024 18:00 UTC.",
            "embeds": [],
            "allowed_mentions": {"parse": []},
        }
    ]
