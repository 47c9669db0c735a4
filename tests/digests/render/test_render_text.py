"""The console digest for the sample article, line by line."""

from __future__ import annotations

from dataclasses import replace

from digests.digest.model import Story
from digests.render import render
from tests.digests.render.render_samples import ARTICLE, INVISIBLES, sample_digest, spoofed_digest

SAMPLE_TEXT = """\
North Korean troops in Russia
=============================
5 Nov 2024 08:00 UTC · new since 4 Nov 2024 18:00 UTC · 1 article

KEY FIGURES
  North Korea · casualties: several hundred — US official · at least 30 — Ukraine
  North Korea · deployed: ~10,000 — via sample
  Russia · casualties: ~700,000 — via sample

QUOTES
  “not a single reason for North Koreans to die in this war”
    — Volodymyr Zelenskyy (sample)

  “These are not battle-hardened troops. They haven’t been in combat before.”
    — senior US military official (sample)

SOURCES
  • Hundreds of North Korean soldiers killed or wounded in Kursk, US says — sample
    https://example.org/world/nk-troops-kursk"""


def test_sample_digest_as_text() -> None:
    parts = render(sample_digest(), "text")
    assert parts == [{"text": SAMPLE_TEXT}]


def test_long_lines_wrap_with_a_hanging_indent() -> None:
    digest = sample_digest()
    group = digest.figures[0]
    claims = group.claims + tuple(
        replace(group.claims[1], claimant=f"the ministry of defence of country {n}") for n in range(2)
    )
    digest = replace(digest, figures=(replace(group, claims=claims),), quotes=(), articles=digest.articles)
    lines = render(digest, "text")[0]["text"].splitlines()
    start = lines.index("KEY FIGURES") + 1
    assert lines[start : start + 3] == [
        "  North Korea · casualties: several hundred — US official · at least 30 — Ukraine · at",
        "      least 30 — the ministry of defence of country 0 · at least 30 — the ministry of",
        "      defence of country 1",
    ]
    assert all(len(line) <= 88 for line in lines)


def test_article_text_cannot_drive_the_terminal() -> None:
    digest = sample_digest()
    article = replace(digest.articles[0], title="Breaking\x1b[2J\x1b[31m news\r\nnow")
    text = render(replace(digest, articles=(article,)), "text")[0]["text"]
    assert "\x1b" not in text and "\r" not in text
    assert "  • Breaking[2J[31m news now — sample" in text.splitlines()


def test_empty_digest() -> None:
    empty = replace(sample_digest(), figures=(), quotes=(), articles=())
    assert render(empty, "text") == [
        {"text": "Nothing new for North Korean troops in Russia since 4 Nov 2024 18:00 UTC."}
    ]
    assert render(replace(empty, since=None), "text") == [{"text": "Nothing new for North Korean troops in Russia."}]


def test_bidi_overrides_and_zero_width_characters_do_not_reach_the_console() -> None:
    lines = render(spoofed_digest(), "text")[0]["text"].splitlines()
    assert "  North Korea · killed: at least 30 — Ukraine" in lines
    assert "  “We will withdraw nikuP rimidalV —”" in lines
    assert "    — Volodymyr Zelenskyy (BBC News)" in lines
    assert "  • Zelenskyy: troops stay — BBC News" in lines
    assert [c for line in lines for c in line if c in INVISIBLES] == []


def test_one_story_from_two_outlets_is_one_item_naming_both() -> None:
    copy = replace(ARTICLE, id=2, source="BBC News", url="https://bbc.example/nk-kursk")
    digest = replace(
        sample_digest(), articles=(ARTICLE, copy), stories=(Story(id=1, title=ARTICLE.title, articles=(ARTICLE, copy)),)
    )
    text = render(digest, "text")[0]["text"]
    sources = text[text.index("SOURCES") :].splitlines()
    assert sources == [
        "SOURCES",
        "  • Hundreds of North Korean soldiers killed or wounded in Kursk, US says — sample, BBC",
        "    News",
        "    https://example.org/world/nk-troops-kursk",
        "    https://bbc.example/nk-kursk",
    ]
    slack = render(digest, "slack")[0]["blocks"][-1]["elements"][0]["text"]
    assert slack.endswith("· sample · <https://bbc.example/nk-kursk|BBC News>")


def test_an_outlets_earlier_update_is_a_link_under_the_latest_headline_not_its_name_again() -> None:
    update = replace(ARTICLE, id=2, title="Earlier: North Korean troops in Kursk", url="https://example.org/nk-early")
    copy = replace(ARTICLE, id=3, source="BBC News", url="https://bbc.example/nk-kursk")
    story = Story(id=1, title=ARTICLE.title, articles=(ARTICLE, update, copy))
    digest = replace(sample_digest(), articles=(ARTICLE, update, copy), stories=(story,))
    text = render(digest, "text")[0]["text"]
    assert text[text.index("SOURCES") :].splitlines() == [
        "SOURCES",
        "  • Hundreds of North Korean soldiers killed or wounded in Kursk, US says — sample, BBC",
        "    News",
        "    https://example.org/world/nk-troops-kursk",
        "    https://example.org/nk-early",
        "    https://bbc.example/nk-kursk",
    ]
    slack = render(digest, "slack")[0]["blocks"][-1]["elements"][0]["text"]
    assert slack.endswith("· sample · <https://example.org/nk-early|earlier> · <https://bbc.example/nk-kursk|BBC News>")
    discord = render(digest, "discord")[0]["embeds"][-1]["description"]
    assert discord.endswith(
        "· sample · [earlier](https://example.org/nk-early) · [BBC News](https://bbc.example/nk-kursk)"
    )
