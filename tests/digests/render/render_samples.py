"""Digests built by hand for the render tests: the sample article's real figures, and a very busy day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from digests.digest.model import ArticleRef, Claim, Digest, FigureGroup, QuoteItem
from digests.model import FIGURE_KINDS

GENERATED = datetime(2024, 11, 5, 8, 0, tzinfo=UTC)
SINCE = datetime(2024, 11, 4, 18, 0, tzinfo=UTC)

# The article in samples/nk-troops-kursk.txt, as the store would list it.
ARTICLE = ArticleRef(
    id=1,
    title="Hundreds of North Korean soldiers killed or wounded in Kursk, US says",
    url="https://example.org/world/nk-troops-kursk",
    source="sample",
    published_at=datetime(2024, 11, 4, 21, 30, tzinfo=UTC),
)


def claim(
    low: int | None,
    high: int | None,
    qualifier: str | None,
    claimant: str | None,
    span: str,
    article: ArticleRef = ARTICLE,
) -> Claim:
    return Claim(min=low, max=high, qualifier=qualifier, claimant=claimant, actor=None, span=span, article=article)


def sample_digest() -> Digest:
    """What the digest builder makes of the sample article (figures and quotes from the gold file)."""
    return Digest(
        title="North Korean troops in Russia",
        topics=("north-korea",),
        generated_at=GENERATED,
        since=SINCE,
        channel="ops-room",
        figures=(
            FigureGroup(
                actor="North Korea",
                kind="casualties",
                claims=(
                    claim(200, 900, "several hundred", "US official", "Several hundred casualties"),
                    claim(30, None, "at least", "Ukraine", "at least 30 North Korean soldiers were killed"),
                ),
            ),
            FigureGroup(
                actor="North Korea",
                kind="deployed",
                claims=(claim(10_000, 10_000, "around", None, "around 10,000 troops"),),
            ),
            FigureGroup(
                actor="Russia",
                kind="casualties",
                claims=(claim(700_000, 700_000, "around", None, "around 700,000 casualties"),),
            ),
        ),
        quotes=(
            QuoteItem(
                text="not a single reason for North Koreans to die in this war",
                speaker="Volodymyr Zelenskyy",
                article=ARTICLE,
            ),
            QuoteItem(
                text="These are not battle-hardened troops. They haven’t been in combat before.",
                speaker="senior US military official",
                article=ARTICLE,
            ),
        ),
        articles=(ARTICLE,),
        last_article_id=1,
    )


LOREM = (
    "Officials said the fighting around the town continued through the night, with both sides reporting "
    "heavy losses & shelling of supply routes; the figures could not be independently verified. "
)


def busy_digest() -> Digest:
    """A 200-article day: 60 figure groups, 40 long quotes, long titles with characters that need escaping."""
    articles = tuple(
        ArticleRef(
            id=i,
            title=f"Article {i}: front-line report [update] & analysis of the {i}th day <live> | " + "x" * (i % 7) * 20,
            url=f"https://news{i % 9}.example.com/2024/11/05/front-line-report-number-{i}?ref=rss&utm=feed",
            source=f"Outlet {i % 9}",
            published_at=GENERATED,
        )
        for i in range(1, 201)
    )
    figures = tuple(
        FigureGroup(
            actor=f"Brigade {g} of the {'very ' * (g % 4)}long named formation",
            kind=FIGURE_KINDS[g % len(FIGURE_KINDS)],
            claims=tuple(
                claim(
                    100 * (g + c),
                    100 * (g + c) + 50 * c,
                    ("at least", None, "around", "hundreds")[c % 4],
                    f"Claimant {c} of group {g}" if c % 3 else None,
                    "span",
                    articles[(g * 3 + c) % 200],
                )
                for c in range(1 + g % 5)
            ),
        )
        for g in range(60)
    )
    quotes = tuple(
        QuoteItem(
            text=LOREM * (1 + q % 6),
            speaker=f"Spokesperson {q}" if q % 5 else None,
            article=articles[(q * 7) % 200],
        )
        for q in range(40)
    )
    return Digest(
        title="North Korean troops in Russia, Ukraine front line, Kursk incursion",
        topics=("north-korea", "ukraine", "kursk"),
        generated_at=GENERATED,
        since=SINCE,
        figures=figures,
        quotes=quotes,
        articles=articles,
        last_article_id=200,
    )


# A quote by one speaker made to read as another's: U+202E turns the rest of the line round, so
# "\u202enikuP rimidalV —" shows as "— Vladimir Putin"; zero-width characters hide inside names and
# mentions; U+2066..U+2069 isolate and U+FEFF marks a byte order where none belongs.
SPOOFED_QUOTE = "We will withdraw\u202e nikuP rimidalV —"
INVISIBLES = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad"


def spoofed_digest() -> Digest:
    article = replace(ARTICLE, title="Zelen\u200bskyy: \u2067troops\u2069 stay", source="BBC\ufeff News")
    figure = claim(30, None, "at least", "Ukr\u200baine", "span", article)
    return replace(
        sample_digest(),
        figures=(FigureGroup(actor="North\u2060 Korea", kind="killed", claims=(figure,)),),
        quotes=(QuoteItem(text=SPOOFED_QUOTE, speaker="Volodymyr\u200e Zelenskyy", article=article),),
        articles=(article,),
    )
