"""HTML and plain text into stored article text, and what two copies of a story share."""

from __future__ import annotations

from digests.ingest import html_to_text
from digests.ingest.canonical import canonical_url, content_hash
from digests.ingest.text import undouble
from tests.digests.ingest.support import SAMPLES

CAPTION = (
    "Russian President Vladimir Putin, right, and North Korea's leader Kim Jong Un shake hands during their "
    "meeting in Vladivostok, Russia, on April 25, 2019."
)


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    markup = (
        "<div><h2>Key updates</h2><ul><li>One</li><li>Two</li></ul>"
        "<p>First <b>bold</b>\n   word, <a href='/x'>link</a>.</p><p>Second<br>line</p></div>"
    )
    assert html_to_text(markup) == "Key updates\n\nOne\n\nTwo\n\nFirst bold word, link.\n\nSecond\n\nline"


def test_a_whole_page_keeps_only_its_body_text() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Title</title><style>p {color: red}</style></head>"
        "<body><p>Body</p><script>track()</script><noscript>Enable JS</noscript></body></html>"
    )
    assert html_to_text(page) == "Body"


def test_the_sample_caption_pasted_twice_is_kept_once() -> None:
    first_line = (SAMPLES / "nk-troops-kursk.txt").read_text(encoding="utf-8").split("\n")[0]
    assert first_line == CAPTION + CAPTION
    assert html_to_text(f"<p>{first_line}</p><p>Hundreds of North Korean soldiers…</p>") == (
        f"{CAPTION}\n\nHundreds of North Korean soldiers…"
    )
    assert undouble("Bora Bora") == "Bora Bora"  # too short to be a pasted block
    assert undouble(CAPTION + " " + CAPTION) == CAPTION + " " + CAPTION  # not "with no space between"


def test_plain_text_newlines_are_paragraph_breaks() -> None:
    assert html_to_text("Tel Aviv (Reuters) - One.\r\n\r\nTwo\nThree") == "Tel Aviv (Reuters) - One.\n\nTwo\n\nThree"


def test_double_escaped_entities_are_decoded() -> None:
    # heise escapes its summaries twice; Al Jazeera puts &#039; inside CDATA.
    assert html_to_text("<p>Die &amp;quot;Version&amp;quot; 10</p>") == 'Die "Version" 10'
    assert html_to_text("Israel&#039;s army") == "Israel's army"


def test_invisible_characters_are_dropped_but_no_break_spaces_kept() -> None:
    reuters = (
        "Tel Aviv - The military has \u200bprepared for a campaign against Iran \u200cthat the United \u2060Nations"
    )
    assert (
        html_to_text(reuters)
        == "Tel Aviv - The military has prepared for a campaign against Iran that the United Nations"
    )
    assert html_to_text("Kim Jong Un\xa0– signed  in June") == "Kim Jong Un\xa0– signed in June"
    persian = "می\u200cخواهم"  # a joiner inside a Persian word means something
    assert html_to_text(persian) == persian


def test_canonical_url() -> None:
    assert (
        canonical_url("https://WWW.BBC.co.uk:443/news/world-123?at_medium=RSS&at_campaign=KARANGA#comments")
        == "https://www.bbc.co.uk/news/world-123"
    )
    assert (
        canonical_url(
            "https://www.aljazeera.com/news/2026/9/10/x?traffic_source=rss&utm_source=a&UTM_MEDIUM=b&fbclid=1&gclid=2"
        )
        == "https://www.aljazeera.com/news/2026/9/10/x"
    )
    assert (
        canonical_url("http://www.dailymail.co.uk/news/article-1/x.html?ITO=1490&ns_mchannel=rss&ns_campaign=1490")
        == "http://www.dailymail.co.uk/news/article-1/x.html"
    )
    assert (
        canonical_url("https://www.theguardian.com/a?CMP=share_btn_tw&page=2") == "https://www.theguardian.com/a?page=2"
    )
    assert canonical_url("https://example.org/search?q=a+b&mc_cid=1&ocid=2") == "https://example.org/search?q=a+b"
    assert canonical_url("https://example.org") == "https://example.org/"
    assert canonical_url("http://example.org:8080/x?") == "http://example.org:8080/x"
    assert canonical_url("http://www.dw.de/格林/a-1?maca=chi-rss") == "http://www.dw.de/%E6%A0%BC%E6%9E%97/a-1"
    assert (
        canonical_url("http://redir.folha.com.br/redir/online/rss091/*http://www1.folha.uol.com.br/x.shtml")
        == "http://www1.folha.uol.com.br/x.shtml"
    )
    assert canonical_url("urn:sitrep:guid:abc") == "urn:sitrep:guid:abc"


def test_content_hash_ignores_case_spacing_and_unicode_forms() -> None:
    assert content_hash("Shelling kills 12", "At least 12\n\nkilled") == content_hash(
        "  SHELLING  kills 12 ", "At least 12 killed"
    )
    assert content_hash("ｆｕｌｌｗｉｄｔｈ", "") == content_hash("fullwidth", "")
    assert content_hash("Shelling kills 12", "a") != content_hash("Shelling kills 13", "a")


def test_stray_joiner_runs_go_whole_at_either_edge_of_ascii_and_stay_between_other_letters() -> None:
    assert html_to_text("Iran\u200c\u200d\u200cthat") == "Iranthat"  # ASCII on both sides
    assert html_to_text("ش\u200c\u200dx") == "شx"  # ASCII only after the run
    assert html_to_text("x\u200dش") == "xش"  # ASCII only before it
    assert html_to_text("\u200cش") == "\u200cش"  # nothing before, a Persian letter after
    assert html_to_text("ش\u200c\u200dخ") == "ش\u200c\u200dخ"


def test_whitespace_runs_collapse_and_each_line_is_stripped_of_any_unicode_space() -> None:
    assert html_to_text("a \t\x0b b\u3000\n\xa0 \n\u2003c  d\te") == "a b\n\nc d e"
    assert html_to_text("<p>one \n\t two</p><p> three </p>") == "one two\n\nthree"
