"""The 22 real-world feeds in tests/data/feeds: exact item counts, recovery from the broken ones, no re-ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from digests.ingest import SourceSpec, ingest
from digests.store.db import Store
from digests.store.schema import Article, Source
from tests.digests.ingest.support import FEEDS, no_enrichment

# file: (status, items, new on the first ingest, error or note). `items` is the fp column of SOURCES.md.
# Where new < items, the rest are copies within the feed: the Washington Post's three identical
# "Featured Advertiser" items (content hash), and UOL's story listed twice, once behind Folha's
# redirector (canonical URL).
EXPECTED: dict[str, tuple[str, int, int, str | None]] = {
    "01-bbc-news-frontpage.xml": ("ok", 16, 16, None),
    "02-guardian-us-long.xml": ("ok", 55, 55, None),
    "03-nytimes-homepage.xml": ("ok", 25, 25, None),
    "04-npr-news-content-encoded.xml": ("ok", 15, 15, None),
    "05-aljazeera-all.xml": ("ok", 25, 25, None),
    "06-kyivindependent-regenerated.xml": ("ok", 25, 25, None),
    "07-reuters-scraped-500-items.xml": ("ok", 500, 500, None),
    "08-tpm-atom-relative-links.xml": ("ok", 20, 20, None),
    "09-heise-developer-atom.xml": ("ok", 15, 15, None),
    "10-bbc-chinese-atom-long.xml": ("ok", 66, 66, None),
    "11-dw-chinese-rss10-rdf.xml": ("ok", 85, 85, None),
    "12-nytimes-chinese-cdata-html.xml": ("ok", 22, 22, None),
    "13-jn-portugal-iso-8859-1.xml": ("ok", 40, 40, None),
    "14-oren-ru-windows-1251.xml": ("ok", 10, 10, None),
    "15-qq-news-gb2312.xml": ("ok", 20, 20, None),
    "16-washingtonpost-wellness-ads.xml": ("ok", 29, 27, None),
    "17-ilmessaggero-mondo-mojibake.xml": ("ok", 1, 1, None),
    "18-dailymail-charset-mismatch.xml": ("ok", 1, 1, None),
    "19-BROKEN-uol-noticias-undeclared-latin1.xml": ("ok", 15, 14, None),
    "20-BROKEN-folha-rss091-leading-newline.xml": ("ok", 15, 15, None),
    "21-BROKEN-reuters-mostread-truncated.xml": ("error", 0, 0, "feed is malformed: no element found (line 19)"),
    "22-BROKEN-iprogrammer-bare-ampersand.xml": (
        "ok",
        1,
        1,
        "recovered from a malformed feed: not well-formed (invalid token) (line 9)",
    ),
}


def test_every_feed_file_is_expected() -> None:
    assert sorted(p.name for p in FEEDS.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
async def test_feed_file(store: Store, name: str) -> None:
    status, items, new, error = EXPECTED[name]
    spec = SourceSpec(name, str(FEEDS / name), backfill=None)

    first = await ingest(store, [spec], enrich=no_enrichment)
    assert first.sources[0].as_json() == {
        "source": name,
        "status": status,
        "items": items,
        "new": new,
        "duplicates": items - new,
        "error": error,
    }
    assert len(first.new_article_ids) == new
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == new

    second = await ingest(store, [spec], enrich=no_enrichment)
    assert second.sources[0].as_json() == {
        "source": name,
        "status": status,
        "items": items,
        "new": 0,
        "duplicates": items,
        "error": error,
    }
    assert second.new_article_ids == ()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == new
        row = s.scalars(select(Source).where(Source.name == name)).one()
        assert row.status == status
        assert row.failures == (2 if status == "error" else 0)


async def test_all_files_in_one_run_with_a_missing_one(store: Store, tmp_path: Path) -> None:
    names = sorted(EXPECTED)
    specs = [SourceSpec(n, str(FEEDS / n), backfill=None) for n in names]
    specs.insert(3, SourceSpec("missing", str(tmp_path / "nowhere.xml")))
    specs.append(SourceSpec("as-uri", (FEEDS / names[0]).as_uri(), backfill=None))

    report = await ingest(store, specs, enrich=no_enrichment)

    assert [r.source for r in report.sources] == [s.name for s in specs]
    by_name = {r.source: r for r in report.sources}
    assert by_name["missing"].status == "error"
    assert by_name["missing"].error == f"file not found: {tmp_path / 'nowhere.xml'}"
    for name in names:
        assert (by_name[name].status, by_name[name].items) == EXPECTED[name][:2]
    # The same BBC file under a second name (as a file:// URI): every entry is already stored.
    assert by_name["as-uri"].as_json() | {"error": None} == {
        "source": "as-uri",
        "status": "ok",
        "items": 16,
        "new": 0,
        "duplicates": 16,
        "error": None,
    }
    assert report.as_json()["new"] == sum(e[2] for e in EXPECTED.values())
