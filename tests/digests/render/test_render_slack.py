"""Slack Block Kit output: the sample digest exactly, a busy day within Slack's limits, hostile text inert."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from digests.digest.model import Digest, FigureGroup, QuoteItem
from digests.render import render
from digests.render.slack import FALLBACK_LIMIT, MESSAGE_TEXT_BUDGET, block_text
from tests.digests.render.render_samples import (
    ARTICLE,
    INVISIBLES,
    busy_digest,
    claim,
    sample_digest,
    spoofed_digest,
)

URL = ARTICLE.url


def test_sample_digest_blocks() -> None:
    parts = render(sample_digest(), "slack")
    assert len(parts) == 1
    message = parts[0]
    assert message["unfurl_links"] is False and message["unfurl_media"] is False
    assert message["text"] == (
        "North Korean troops in Russia · 5 Nov 2024\n"
        "North Korea · casualties: several hundred — US official · at least 30 — Ukraine\n"
        "North Korea · deployed: ~10,000 — via sample\n"
        "Russia · casualties: ~700,000 — via sample"
    )
    assert message["blocks"] == [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": "North Korean troops in Russia · 5 Nov 2024", "emoji": True},
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "5 Nov 2024 08:00 UTC · new since 4 Nov 2024 18:00 UTC · 1 article · 3 figures · 2 quotes",
                }
            ],
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Key figures*\n"
                "*North Korea* · casualties: *several hundred* — US official · *at least 30* — Ukraine\n"
                "*North Korea* · deployed: *~10,000* — via sample\n"
                "*Russia* · casualties: *~700,000* — via sample",
            },
        },
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Quotes*\n"
                ">“not a single reason for North Koreans to die in this war”\n"
                f">— *Volodymyr Zelenskyy*, <{URL}|sample>\n"
                "\n"
                ">“These are not battle-hardened troops. They haven’t been in combat before.”\n"
                f">— *senior US military official*, <{URL}|sample>",
            },
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": "*Sources*\n"
                    f"• <{URL}|Hundreds of North Korean soldiers killed or wounded in Kursk, US says> · sample",
                }
            ],
        },
    ]


def _texts(message: dict[str, Any]) -> list[str]:
    texts = []
    for block in message["blocks"]:
        if "text" in block:
            texts.append(block["text"]["text"])
        texts += [element["text"] for element in block.get("elements", [])]
    return texts


def test_busy_day_stays_within_slack_limits() -> None:
    digest = busy_digest()
    parts = render(digest, "slack")
    assert len(parts) == 9
    for number, message in enumerate(parts, start=1):
        blocks = message["blocks"]
        assert len(blocks) <= 50
        assert blocks[0]["type"] == "header"
        assert blocks[0]["text"]["text"].endswith(f"· 5 Nov 2024 ({number}/9)")
        assert len(blocks[0]["text"]["text"]) <= 150
        assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
        assert all(len(e["text"]) <= 3000 for b in blocks for e in b.get("elements", []))
        assert all(len(b.get("elements", [])) <= 10 for b in blocks)
        assert sum(block_text(b) for b in blocks) <= MESSAGE_TEXT_BUDGET
        assert 0 < len(message["text"]) <= FALLBACK_LIMIT
    assert max(len(m["blocks"]) for m in parts) == 6
    # Nothing is lost on the way: every figure group, quote and article link is in some part.
    everything = "\n".join(text for message in parts for text in _texts(message))
    for article in digest.articles:
        assert f"<{article.url.replace('&', '&amp;')}|" in everything
    assert everything.count(">“") == len(digest.quotes)
    for group in digest.figures:
        assert f"*{group.actor}* · {group.kind}: " in everything


def test_long_quote_and_long_title_are_cut_not_fatal() -> None:
    digest = replace(
        sample_digest(),
        title="T" * 400,
        quotes=(QuoteItem(text="word " * 2000, speaker="Someone", article=ARTICLE),),
    )
    message = render(digest, "slack")[0]
    header = message["blocks"][0]["text"]["text"]
    assert len(header) == 150 and header.endswith("…")
    quote = next(t for t in _texts(message) if t.startswith("*Quotes*"))
    assert quote.startswith("*Quotes*\n>“word word") and "word word…”\n>— *Someone*" in quote
    assert len(quote) < 800


HOSTILE = "<!channel> <@U123> <https://evil|click> @everyone R&D"


def hostile_digest() -> Digest:
    article = replace(ARTICLE, title=HOSTILE, source="Feed <!here>")
    figure = claim(30, None, "at least", "<@U999>", "span", article)
    return replace(
        sample_digest(),
        figures=(FigureGroup(actor="<!channel>", kind="killed", claims=(figure,)),),
        quotes=(QuoteItem(text=HOSTILE, speaker="<@U123>", article=article),),
        articles=(article,),
    )


def test_hostile_article_text_is_inert() -> None:
    message = render(hostile_digest(), "slack")[0]
    escaped = "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; @everyone R&amp;D"
    texts = _texts(message)
    assert texts[2] == "*Key figures*\n*&lt;!channel&gt;* · killed: *at least 30* — &lt;@U999&gt;"
    assert texts[3] == f"*Quotes*\n>“{escaped}”\n>— *&lt;@U123&gt;*, <{URL}|Feed &lt;!here&gt;>"
    # In a label the pipe would end the URL part: it is replaced by a look-alike.
    assert texts[4] == f"*Sources*\n• <{URL}|{escaped.replace('|', '¦')}> · Feed &lt;!here&gt;"
    assert message["text"] == (
        "North Korean troops in Russia · 5 Nov 2024\n&lt;!channel&gt; · killed: at least 30 — &lt;@U999&gt;"
    )
    # The only Slack controls left in the payload are the links the renderer made itself.
    payload = json.dumps(message, ensure_ascii=False)
    assert re.findall(r"<[^>]*>", payload) == [f"<{URL}|Feed &lt;!here&gt;>", f"<{URL}|{escaped.replace('|', '¦')}>"]


def test_bidi_overrides_and_zero_width_characters_do_not_reach_slack() -> None:
    message = render(spoofed_digest(), "slack")[0]
    texts = _texts(message)
    assert texts[2] == "*Key figures*\n*North Korea* · killed: *at least 30* — Ukraine"
    assert texts[3] == f"*Quotes*\n>“We will withdraw nikuP rimidalV —”\n>— *Volodymyr Zelenskyy*, <{URL}|BBC News>"
    assert texts[4] == f"*Sources*\n• <{URL}|Zelenskyy: troops stay> · BBC News"
    payload = json.dumps(message, ensure_ascii=False)
    assert [c for c in payload if c in INVISIBLES] == []


def test_empty_digest() -> None:
    empty = replace(sample_digest(), figures=(), quotes=(), articles=())
    text = "Nothing new for North Korean troops in Russia since 4 Nov 2024 18:00 UTC."
    assert render(empty, "slack") == [
        {
            "text": text,
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
            "unfurl_links": False,
            "unfurl_media": False,
        }
    ]
