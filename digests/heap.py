"""Keeps a long-running process's resident memory near what it uses: glibc's malloc holds freed pages unless told.

An ingest allocates much (parsed feeds, texts, the language model) and frees it all when it ends; glibc keeps
the freed pages in its arenas, so the resident size of a bot polling every minute creeps up to its worst poll.
`limit_arenas()` (at start, before threads) caps the arenas, each of which holds its own freed pages, at two;
`map_large_blocks()` (at start) has blocks of 256 KB and more (a feed's body, its decoded text, a parse's big
lists) mapped on their own and unmapped when freed, instead of carved from the heap where the small blocks that
outlive a poll pin them: without it the heap's high-water mark creeps up poll after poll. `trim()` (after each
ingest) hands the free pages back. Elsewhere than glibc they all do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
_ARENAS = 2
_M_MMAP_THRESHOLD = -3
# Fixed, so glibc no longer raises it (up to 32 MB) each time a mapped block is freed.
_LARGE = 256 * 1024


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim, libc.mallopt  # noqa: B018 (glibc only: musl and macOS have neither)
    except (OSError, AttributeError):
        return None
    return libc


def limit_arenas(count: int = _ARENAS) -> bool:
    """Cap glibc's malloc arenas (one per thread by default, up to 8 per core); True if it took."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_ARENA_MAX, count) == 1)


def map_large_blocks(threshold: int = _LARGE) -> bool:
    """Serve blocks of `threshold` bytes and more from mappings of their own; True if it took."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, threshold) == 1)


def trim() -> bool:
    """Give the heap's free pages back to the OS; True if any were."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0) == 1)
