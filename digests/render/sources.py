"""A digest's sources list as pieces to lay out: one per story, its latest report and the other reports of
it (other outlets', earlier updates). A story carried so widely that its piece would pass `limit` is split, never
cut: a first piece with as many outlets as fit, then "more" pieces (`source_more.md.j2`) with the rest, so no link
is dropped."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jinja2 import Environment

from digests.digest.model import ArticleRef, Digest
from digests.render.environment import piece
from digests.render.escape import measure


def source_pieces(env: Environment, platform: str, digest: Digest, limit: int) -> list[str]:
    """The rendered sources of `digest` for `platform` ("slack", "discord"), each piece within `limit`."""
    pieces: list[str] = []
    for article, others in digest.links:

        def first(chunk: Sequence[ArticleRef], article: ArticleRef = article) -> str:
            return piece(env, f"{platform}/source.md.j2", article=article, others=tuple(chunk), digest=digest)

        def more(chunk: Sequence[ArticleRef], article: ArticleRef = article) -> str:
            return piece(env, f"{platform}/source_more.md.j2", article=article, others=tuple(chunk), digest=digest)

        rest = list(others)
        render: Callable[[Sequence[ArticleRef]], str] = first
        while True:
            # At least one outlet a piece, even one whose single link is over the limit (the layout cuts it).
            taken = max(1, _fitting(render, rest, limit)) if rest else 0
            pieces.append(render(rest[:taken]))
            rest = rest[taken:]
            if not rest:
                break
            render = more
    return pieces


def _fitting(render: Callable[[Sequence[ArticleRef]], str], others: Sequence[ArticleRef], limit: int) -> int:
    """How many of `others`, from the first, one piece can hold within `limit` (a binary search: a piece only
    grows with each outlet)."""
    if measure(render(others)) <= limit:
        return len(others)
    low, high = 0, len(others)  # render(others[:low]) fits (or low is 0); render(others[:high]) does not
    while high - low > 1:
        middle = (low + high) // 2
        if measure(render(others[:middle])) <= limit:
            low = middle
        else:
            high = middle
    return low
