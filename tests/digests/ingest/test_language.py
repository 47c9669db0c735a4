"""Each article's language is recorded (declared by the feed or page, else guessed) and only English is extracted."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from digests.config.models import Fetch, Topic
from digests.enrich import make_enrich
from digests.ingest import SourceSpec, ingest, language
from digests.ingest.language import clearly_english, guess_language, language_tag, page_language
from digests.store.db import Store
from digests.store.schema import Article, FigureRow
from tests.digests.ingest.support import SAMPLES, FeedServer, item, rss

NOW = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
ENGLISH = (SAMPLES / "nk-troops-kursk.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
FRENCH = (
    "Au moins 30 soldats nord-coréens ont été tués ou blessés dans la région de Koursk, selon le renseignement "
    "ukrainien. « Il n'y a aucune raison pour que des Nord-Coréens meurent dans cette guerre », a déclaré le président."
)
TOPICS = {"north-korea": Topic(match=["North Korea", "North Korean", "nord-coréens"])}


async def run(store: Store, spec: SourceSpec) -> None:
    settings = Fetch(timeout=timedelta(seconds=2), allow_private=["127.0.0.1"])
    await ingest(store, [spec], enrich=make_enrich(TOPICS), settings=settings, now=lambda: NOW)


def stored(store: Store) -> list[tuple[str, str | None, int]]:
    with store.session() as s:
        return [
            (a.title, a.language, len(s.scalars(select(FigureRow).where(FigureRow.article_id == a.id)).all()))
            for a in s.scalars(select(Article).order_by(Article.id))
        ]


def test_declared_tags_and_guesses() -> None:
    assert [language_tag(t) for t in ("en-GB", "FR", " pt_BR ", "x-klingon", "", None)] == [
        "en", "fr", "pt", None, None, None,
    ]  # fmt: skip
    assert page_language(b'<!DOCTYPE html>\n<html class="no-js" lang="uk-UA"><head>') == "uk"
    assert page_language(b"<html><head><title>no lang</title>") is None
    assert (guess_language(ENGLISH), guess_language(FRENCH), guess_language("Kursk")) == ("en", "fr", None)


async def test_only_english_articles_are_extracted(store: Store, tmp_path: Path) -> None:
    feed = rss(
        item("North Korean troops in Kursk", link="https://news.example.org/en", content=f"<p>{ENGLISH}</p>"),
        item("Des soldats nord-coréens tués", link="https://news.example.org/fr", content=f"<p>{FRENCH}</p>"),
    )
    # The same English text in a feed that declares itself Spanish: the declaration wins.
    declared = rss(
        item("North Korean troops, again", link="https://noticias.example.org/1", content=f"<div>{ENGLISH} (ES)</div>")
    ).replace("<description>test</description>", "<description>test</description><language>es-ES</language>")
    (tmp_path / "a.xml").write_text(feed, encoding="utf-8")
    (tmp_path / "b.xml").write_text(declared, encoding="utf-8")
    await run(store, SourceSpec("a", str(tmp_path / "a.xml"), backfill=None))
    await run(store, SourceSpec("b", str(tmp_path / "b.xml"), backfill=None))
    rows = stored(store)
    assert [(title, language) for title, language, _ in rows] == [
        ("North Korean troops in Kursk", "en"),
        ("Des soldats nord-coréens tués", "fr"),
        ("North Korean troops, again", "es"),
    ]
    assert rows[0][2] > 0 and [n for _, _, n in rows[1:]] == [0, 0]


async def test_a_page_declares_the_language_of_the_text_it_gave(store: Store, feed_server: FeedServer) -> None:
    page = f'<html lang="fr-FR"><body><article><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>'
    link = feed_server.serve("/fr", page, content_type="text/html; charset=utf-8")
    feed = rss(item("North Korean troops", link=link, summary="North Korean troops.")).replace(
        "<description>test</description>", "<description>test</description><language>en</language>"
    )
    await run(store, SourceSpec("f", feed_server.serve("/feed", feed), backfill=None, fetch_pages=True))
    assert stored(store) == [("North Korean troops", "fr", 0)]


GERMAN = (
    "Die Entwickler haben die neue Version vorgestellt. Sie bringt zahlreiche Verbesserungen für die "
    "Programmiersprache und ist ab sofort verfügbar. Laut dem Team wurde vor allem die Geschwindigkeit des "
    "Compilers erhöht, was besonders bei großen Projekten auffällt. The Register berichtete zuerst darüber."
)


def test_plain_english_is_known_without_the_model_and_other_languages_still_ask_it() -> None:
    assert [clearly_english(text) for text in (ENGLISH, FRENCH, GERMAN, "The war and the peace.")] == [
        True,
        False,
        False,
        False,  # too few words to be sure
    ]
    assert language.release_idle_model(now=time.monotonic() + language.KEEP_MODEL) is True
    assert guess_language(ENGLISH) == "en"
    assert language._identifier.cache_info().currsize == 0  # never loaded
    assert guess_language(GERMAN) == "de"
    assert language._identifier.cache_info().currsize == 1


def test_the_model_is_kept_while_guesses_read_it_and_dropped_once_they_have_not_for_a_while() -> None:
    assert guess_language(FRENCH) == "fr"
    assert language.release_idle_model() is False  # just used
    assert language._identifier.cache_info().currsize == 1
    assert guess_language(ENGLISH) == "en"  # needs no model, so does not count as a use
    assert language.release_idle_model(now=time.monotonic() + language.KEEP_MODEL - 5) is False
    assert language.release_idle_model(now=time.monotonic() + language.KEEP_MODEL) is True
    assert language._identifier.cache_info().currsize == 0
