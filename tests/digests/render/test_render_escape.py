"""The escaping filters: article text comes out inert on each platform."""

from __future__ import annotations

from digests.render.escape import (
    ZWSP,
    clip,
    discord_escape,
    discord_link,
    measure,
    plain,
    slack_escape,
    slack_link,
    truncate,
)


def test_slack_escape_reserved_characters() -> None:
    assert slack_escape("<!channel> <@U123> <https://evil|click> R&D") == (
        "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; R&amp;D"
    )


def test_slack_link_escapes_label_and_neutralises_pipe() -> None:
    assert slack_link("A | B <c> & d", "https://x.example/a?b=1&c=2") == (
        "<https://x.example/a?b=1&amp;c=2|A ¦ B &lt;c&gt; &amp; d>"
    )


def test_slack_link_encodes_characters_that_would_end_it() -> None:
    assert slack_link("t", "https://x.example/a|b c>d") == "<https://x.example/a%7Cb%20c%3Ed|t>"


def test_slack_link_to_a_non_web_address_is_text() -> None:
    assert slack_link("Sample", "config/samples/feed.xml") == "Sample (config/samples/feed.xml)"
    assert slack_link("x", "javascript:alert(1)") == "x (javascript:alert(1))"


def test_discord_escape_markdown_and_mentions() -> None:
    assert discord_escape("**bold** _it_ `code` [x](https://evil) <@123> \\") == (
        "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[x\\](https://evil) \\<@123> \\\\"
    )
    assert discord_escape("@everyone and @here") == f"@{ZWSP}everyone and @{ZWSP}here"


def test_discord_escape_leaves_single_marks_that_are_not_markdown() -> None:
    assert discord_escape("~10,000 and a | b, x > y") == "~10,000 and a | b, x > y"
    assert discord_escape("~~gone~~ ||secret||") == "\\~\\~gone\\~\\~ \\|\\|secret\\|\\|"


def test_discord_escape_line_start_syntax() -> None:
    assert discord_escape("# Big\n> quoted\n- item\n12. item") == "\\# Big\n\\> quoted\n\\- item\n12\\. item"


def test_discord_link() -> None:
    assert discord_link("Title [1]", "https://x.example/a_(b) c") == (
        "[Title \\[1\\]](https://x.example/a_%28b%29%20c)"
    )


def test_plain_collapses_whitespace_and_drops_control_characters() -> None:
    assert plain("  two\nlines\t\x1b[31mred\x07 ") == "two lines [31mred"
    assert plain(None) == ""


def test_invisible_reordering_and_zero_width_characters_are_dropped_by_every_filter() -> None:
    spoof = "said\u202e nituP\u202c \u2066x\u2069 @\u200beveryone Ki\ufeffev co\u00adop"
    assert plain(spoof) == "said nituP x @everyone Kiev coop"
    assert slack_escape(spoof) == "said nituP x @everyone Kiev coop"
    # The one zero-width space left is the one discord_escape puts into @everyone itself.
    assert discord_escape(spoof) == f"said nituP x @{ZWSP}everyone Kiev coop"
    # Joiners shape emoji and Persian words without moving anything, so they stay.
    assert plain("👩\u200d🔬 می\u200cخواهم") == "👩\u200d🔬 می\u200cخواهم"


def test_clip_cuts_at_a_word() -> None:
    assert clip("one two three four", 12) == "one two…"
    assert clip("short", 12) == "short"


def test_truncate_never_leaves_half_a_link_or_entity() -> None:
    text = "a " * 10 + "<https://example.org/long/path|label> tail"
    assert truncate(text, 40) == "a a a a a a a a a a…"
    assert truncate("x" * 10 + " &amp; more", 16) == "x" * 10 + "…"
    assert truncate("abc\\*def", 5).endswith("…") and "\\…" not in truncate("abc\\*def", 5)


def test_measure_counts_utf16_units() -> None:
    assert measure("abc") == 3
    assert measure("🙂") == 2
