"""Answers kept while the store has not changed: the same question asked again (fifty people in a channel at
once, or one person twice) is answered from memory, not from the store.

An answer is kept under its question (the command and everything it was asked with, its time window included)
and the store's data stamp when it was made: the newest article id, and on PostgreSQL how many of the latest
ids are stored. Ingest only adds articles (with their figures, quotes and topics, in the article's
transaction), so a new article changes the newest id, and one committed late behind a newer one (PostgreSQL
hands out ids before commit) changes the count. The process's own ingests also drop every answer at once (`changed`), and no answer
is kept longer than `ttl` whatever the stamp says (a question may ask for less). Identical questions asked together
are answered once: the others wait for it.

A stamp read from the store may be taken as current for `stamp_for` seconds (0 by default: read for every
question): a burst of questions (fifty people asking at once) then reads it once, not once each, and a kept answer
costs no query at all. Another process's articles show that much later; this process's own at once (`changed`).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from digests.store.schema import Article

T = TypeVar("T")
# The latest ids counted for the stamp on PostgreSQL: more than the transactions storing articles at once hold.
RECENT_IDS = 1_000


def data_stamp(session: Session) -> tuple[int, int]:
    """What changes whenever an article (with its figures, quotes and topics) is stored: the newest id, and on
    PostgreSQL how many of the `RECENT_IDS` ids below it are stored (SQLite commits ids in order)."""
    newest = int(session.scalar(select(func.max(Article.id))) or 0)
    if session.get_bind().dialect.name != "postgresql":
        return newest, 0
    recent = session.scalar(select(func.count()).where(Article.id > newest - RECENT_IDS))
    return newest, int(recent or 0)


class AnswerCache:
    """At most `size` answers, each at most `ttl` seconds old; thread-safe (answers are made in store workers)."""

    def __init__(
        self,
        *,
        size: int = 256,
        ttl: float = 60.0,
        stamp_for: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size, self.ttl, self.stamp_for, self.clock = size, ttl, stamp_for, clock
        # Each answer with when it was made and how long it may be kept.
        self._answers: OrderedDict[Hashable, tuple[float, float, Any]] = OrderedDict()
        # The last stamp read from the store, and when (see stamp_for).
        self._stamp: tuple[float, tuple[int, int]] | None = None
        # Questions asked together wait on one of these, by the question's hash (a few, not one per question).
        self._making = [threading.Lock() for _ in range(32)]
        self._lock = threading.Lock()
        self._generation = 0
        self.hits = 0
        self.misses = 0

    def changed(self) -> None:
        """The store changed (this process stored articles): no answer kept so far holds."""
        with self._lock:
            self._generation += 1
            self._answers.clear()
            self._stamp = None

    def _data_stamp(self, session: Session) -> tuple[int, int]:
        with self._lock:
            read = self._stamp
        if read is not None and self.clock() - read[0] < self.stamp_for:
            return read[1]
        stamp = data_stamp(session)
        with self._lock:
            self._stamp = (self.clock(), stamp)
        return stamp

    def answer(
        self, session: Session, question: Hashable, make: Callable[[Session], T], *, ttl: float | None = None
    ) -> T:
        """`make(session)`'s answer to `question`, made now or kept from an earlier call over the same data (and
        for at most `ttl` seconds, when that is less than the cache's). What it returns is shared between callers:
        it must not be changed."""
        key = (question, self._data_stamp(session), self._generation)
        with self._making[
            hash(question) % len(self._making)
        ]:  # the same question asked together: one makes it, the others take it
            kept = self._kept(key)
            if kept is not None:
                return kept[0]  # type: ignore[no-any-return]
            answer = make(session)
            with self._lock:
                self.misses += 1
                self._answers[key] = (self.clock(), self.ttl if ttl is None else min(ttl, self.ttl), answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
            return answer

    def _kept(self, key: Hashable) -> tuple[Any] | None:
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or self.clock() - kept[0] > kept[1]:
                return None
            self.hits += 1
            self._answers.move_to_end(key)
            return (kept[2],)
