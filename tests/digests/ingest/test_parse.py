"""Feed documents into entries: links, dates, text, encodings and what is said about broken ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.ingest.parse import Entry, FeedError, decode, parse_feed
from tests.digests.ingest.support import FEEDS, item, rss


def parse_file(name: str, base_url: str | None = None) -> list[Entry]:
    return list(parse_feed((FEEDS / name).read_bytes(), base_url=base_url).entries)


def test_root_relative_links_in_a_local_file_use_the_feeds_home_page() -> None:
    first = parse_file("08-tpm-atom-relative-links.xml")[0]
    assert first.link == (
        "http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"
    )
    assert first.guid == "tag:talkingpointsmemo.com,2005:ArticleDecorator/270060"
    assert first.published == datetime(2017, 11, 8, 23, 15, 58, tzinfo=UTC)


def test_relative_links_over_http_use_the_feed_url_and_xml_base() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2024-11-20T00:00:00Z</updated>
<entry><id>urn:1</id><title>One</title><updated>2024-11-20T00:00:00Z</updated><link href="/news/1"/></entry>
<entry xml:base="https://mirror.example.net/world/"><id>urn:2</id><title>Two</title>
<updated>2024-11-20T00:00:00Z</updated><link href="2"/></entry>
</feed>"""
    one, two = parse_feed(atom, base_url="https://news.example.org/feeds/atom.xml").entries
    assert one.link == "https://news.example.org/news/1"
    assert two.link == "https://mirror.example.net/world/2"


def test_a_local_file_without_a_home_page_keeps_relative_links() -> None:
    document = rss(item("One", link="/news/1"), channel_link="")
    assert parse_feed(document.encode()).entries[0].link == "/news/1"


def test_publisher_links_behind_feedburner_and_pheedo() -> None:
    jn = parse_file("13-jn-portugal-iso-8859-1.xml")[0]
    assert jn.link is not None and jn.link.startswith("http://feeds.jn.pt/~r/JN-ULTIMAS/")
    assert jn.url == "https://www.jn.pt/nacional/interior/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html"
    wapo = parse_file("16-washingtonpost-wellness-ads.xml")[0]
    assert wapo.link is not None and wapo.link.startswith("http://feeds.washingtonpost.com/click.phdo")
    assert wapo.url is not None and wapo.url.startswith("http://www.washingtonpost.com/lifestyle/wellness/")


def test_full_text_comes_from_content_else_the_summary() -> None:
    npr = parse_file("04-npr-news-content-encoded.xml")[0]
    assert npr.summary.startswith("A South African corrections board")
    assert npr.content.endswith("(Image credit: Pool/Getty Images)")
    kyiv = parse_file("06-kyivindependent-regenerated.xml")[0]
    assert kyiv.content == ""
    assert kyiv.summary.split("\n\n")[:2] == [
        "Key updates on July 26:",
        "Russian losses in Ukraine causing 'serious problems' for recruitment, HUR says",
    ]
    oren = parse_file("14-oren-ru-windows-1251.xml")[0]  # yandex:full-text
    assert oren.content.startswith("В Бузулуке обсудили вопросы")
    reuters = parse_file("07-reuters-scraped-500-items.xml")[0]
    assert reuters.summary.split("\n\n")[1].startswith('"We have prepared a general scope of weeks," Lieutenant')


def test_encodings() -> None:
    assert parse_file("13-jn-portugal-iso-8859-1.xml")[0].title == "Mãe de utente é a nova presidente da Raríssimas"
    assert parse_file("15-qq-news-gb2312.xml")[0].title == "习近平为何如此强调崇尚英雄？"
    assert parse_file("19-BROKEN-uol-noticias-undeclared-latin1.xml")[0].title.endswith("simulações de 2º turno")
    daily_mail = parse_file("18-dailymail-charset-mismatch.xml")[0]
    assert "Â" not in daily_mail.title + daily_mail.summary + daily_mail.content


def test_decode_trusts_valid_utf8_over_labels() -> None:
    assert decode("© Crown".encode(), "text/xml; charset=iso-8859-1") == "© Crown"
    assert decode("Mãe".encode("latin-1"), "text/xml; charset=utf-8") == "Mãe"
    assert decode(b'<?xml version="1.0" encoding="windows-1251"?>\xc2', None).endswith("В")
    assert decode("x".encode("utf-16")) == "x"


def test_dates_feedparser_cannot_read_are_left_empty() -> None:
    assert parse_file("17-ilmessaggero-mondo-mojibake.xml")[0].published is None  # "mer, 16 nov 2022"
    assert parse_file("15-qq-news-gb2312.xml")[0].published == datetime(2018, 9, 18, 14, 38, 10, tzinfo=UTC)


def test_broken_feeds() -> None:
    # Recoverable: a blank line before the XML declaration is simply dropped.
    folha = parse_feed((FEEDS / "20-BROKEN-folha-rss091-leading-newline.xml").read_bytes())
    assert (len(folha.entries), folha.malformed) == (15, None)
    iprogrammer = parse_feed((FEEDS / "22-BROKEN-iprogrammer-bare-ampersand.xml").read_bytes())
    assert len(iprogrammer.entries) == 1
    assert iprogrammer.malformed == "not well-formed (invalid token) (line 9)"
    with pytest.raises(FeedError, match=r"^feed is malformed: no element found \(line 19\)$"):
        parse_feed((FEEDS / "21-BROKEN-reuters-mostread-truncated.xml").read_bytes())


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not a feed: the document is empty"),
        (b"<!doctype html><title>x</title><p>hello", "not a feed: got an HTML page"),
        (
            b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            "not a feed: got an HTML page",
        ),
        (
            b"<sitemapindex><sitemap/></sitemapindex>",
            "not a feed: the document is <sitemapindex>, not RSS, Atom or RDF",
        ),
        (b'{"items": []}', "not a feed: no RSS, Atom or RDF document found"),
        # The shared feeds' SOURCES.md, caught by a `feeds/*` glob: feedparser's loose parser made an entry of
        # the "<item>" its prose mentions.
        (
            b"# Sources\n\nEach RSS `<item>` has a <title>title</title> and a <link>https://a.example/x</link>.\n",
            "not a feed: the document is not XML (no RSS, Atom or RDF element at its start)",
        ),
    ],
)
def test_not_a_feed(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body)
    assert caught.value.reason == reason


def test_an_empty_feed_is_fine() -> None:
    assert parse_feed(rss().encode()).entries == ()
