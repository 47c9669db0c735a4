"""Fingerprint every output of the extractor over a fixed set of texts, so a speed-up can prove it changed none.

Usage (from the repository root)::

    python bench/extract_fingerprint.py [--out FILE] [--feeds DIR]

Texts, in this order: for every entry of every feed in ``DIR`` (default ``tests/data/feeds``) read as
``bench/extract_speed.py`` reads them (``content`` else ``summary`` through ``digests.ingest.html_to_text``),
the whole article, the same with its line breaks made spaces (one long paragraph), then each of its
non-blank paragraphs (lines); then, per feed, all its articles joined
into one long text (long texts exercise the bounded look-backs); then the text of every item of
``tests/data/dev.jsonl``, ``holdout.jsonl``, ``fresh.jsonl``, ``blind2.jsonl``, ``blind3.jsonl``, ``blind4a.jsonl``
and ``blind4b.jsonl``; then the
sample article.

For each text one JSON line is written with sorted keys: the text's label, a sha256 of the text and every
field of every figure and quote (offsets included). The sha256 of the whole file is printed; two runs of
an unchanged extractor print the same hash, and any changed output changes it (diff the files to see where).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable for `bench.` and `digests.`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extract_speed import feed_articles

REPO_ROOT = Path(__file__).resolve().parent.parent
FEED_DIR = REPO_ROOT / "tests" / "data" / "feeds"
JSONL = tuple(
    REPO_ROOT / "tests" / "data" / f"{name}.jsonl"
    for name in ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a", "blind4b")
)
SAMPLE = REPO_ROOT / "tests" / "data" / "samples" / "nk-troops-kursk.txt"
DEFAULT_OUT = Path("/tmp/extract_fingerprint.jsonl")


def texts(feed_dir: Path) -> Iterator[tuple[str, str]]:
    """(label, text) for every text fingerprinted, in a fixed order."""
    joined: list[tuple[str, str]] = []
    for path in sorted(feed_dir.glob("*.xml")):
        articles = feed_articles(path)
        for a, article in enumerate(articles):
            yield f"{path.name}#{a}", article
            if "\n" in article:
                yield f"{path.name}#{a}.flat", article.replace("\n", " ")  # one long paragraph
            for p, para in enumerate(article.split("\n")):
                if para.strip():
                    yield f"{path.name}#{a}.{p}", para
        if articles:
            joined.append((f"{path.name}#all", "\n".join(articles)))
    yield from joined
    for jsonl in JSONL:
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                yield f"{jsonl.name}#{item['id']}", item["text"]
    yield SAMPLE.name, SAMPLE.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON lines written (default {DEFAULT_OUT})")
    parser.add_argument("--feeds", type=Path, default=FEED_DIR, help="folder of *.xml feeds")
    args = parser.parse_args(argv)

    from digests.extract import extract

    digest = hashlib.sha256()
    n = figures = quotes = 0
    with args.out.open("w", encoding="utf-8") as out:
        for label, text in texts(args.feeds):
            result = extract(text).as_json()
            record = {"label": label, "text_sha256": hashlib.sha256(text.encode()).hexdigest(), **result}
            line = json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"
            out.write(line)
            digest.update(line.encode())
            n += 1
            figures += len(result["figures"])  # type: ignore[arg-type]
            quotes += len(result["quotes"])  # type: ignore[arg-type]
    print(f"{n} texts, {figures} figures, {quotes} quotes -> {args.out}")
    print(f"sha256 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
