"""Answers kept while the store is unchanged: made once per question and data, made again once an article is
stored (by this process or another), after `changed()`, or when older than the ttl; one made for questions
asked together (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import Session

from digests.answers import AnswerCache
from digests.store.db import Store
from tests.factories import article


class Maker:
    def __init__(self) -> None:
        self.made = 0

    def __call__(self, session: Session) -> str:
        self.made += 1
        return f"answer {self.made}"


def test_an_answer_is_made_again_only_when_the_store_changed(store: Store) -> None:
    now = [0.0]
    cache, make = AnswerCache(ttl=60, clock=lambda: now[0]), Maker()

    def ask(question: object = "q") -> str:
        with store.session() as s:
            return cache.answer(s, question, make)

    assert [ask(), ask(), ask("other"), ask()] == ["answer 1", "answer 1", "answer 2", "answer 1"]
    with store.session() as s:  # stored as another process would: only the store tells
        article(s, "https://example.org/new")
    assert [ask(), ask()] == ["answer 3", "answer 3"]
    cache.changed()
    assert ask() == "answer 4"
    now[0] = 61
    assert [ask(), ask()] == ["answer 5", "answer 5"]
    assert (cache.hits, cache.misses) == (4, 5)


def test_the_same_question_asked_together_is_answered_once(store: Store) -> None:
    cache, release, started = AnswerCache(), threading.Event(), threading.Event()
    made = []

    def slow(session: Session) -> str:
        made.append(1)
        started.set()
        release.wait(10)
        return "answer"

    def ask() -> str:
        with store.session() as s:
            return cache.answer(s, "q", slow)

    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(ask)
        started.wait(10)
        others = [pool.submit(ask) for _ in range(3)]
        release.set()
        answers = [first.result(10)] + [f.result(10) for f in others]
    assert answers == ["answer"] * 4
    assert len(made) == 1


def test_no_more_answers_are_kept_than_its_size(store: Store) -> None:
    cache, make = AnswerCache(size=2), Maker()
    with store.session() as s:
        said = [cache.answer(s, q, make) for q in ("a", "b", "c", "a")]
    assert said == ["answer 1", "answer 2", "answer 3", "answer 4"]


def test_a_stamp_read_lately_stands_for_stamp_for_seconds_and_changed_drops_it(store: Store) -> None:
    now = [0.0]
    cache, make = AnswerCache(ttl=60, stamp_for=1.0, clock=lambda: now[0]), Maker()

    def ask() -> str:
        with store.session() as s:
            return cache.answer(s, "q", make)

    assert ask() == "answer 1"
    with store.session() as s:  # another process stores an article: within the second, the old stamp stands
        article(s, "https://example.org/new")
    now[0] = 0.9
    assert ask() == "answer 1"
    now[0] = 1.0
    assert [ask(), ask()] == ["answer 2", "answer 2"]
    with store.session() as s:
        article(s, "https://example.org/newer")
    cache.changed()  # this process's own ingest: seen at once
    assert ask() == "answer 3"
    assert (cache.hits, cache.misses) == (2, 3)


def test_a_question_can_ask_to_be_kept_less_long_than_the_cache_keeps_answers(store: Store) -> None:
    now = [0.0]
    cache, make = AnswerCache(ttl=60, clock=lambda: now[0]), Maker()

    def ask(ttl: float | None) -> str:
        with store.session() as s:
            return cache.answer(s, ttl, make, ttl=ttl)

    assert [ask(5), ask(None), ask(100)] == ["answer 1", "answer 2", "answer 3"]
    now[0] = 5.5
    assert [ask(5), ask(None), ask(100)] == ["answer 4", "answer 2", "answer 3"]
    now[0] = 61
    assert [ask(5), ask(None), ask(100)] == ["answer 5", "answer 6", "answer 7"]
