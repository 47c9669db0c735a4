"""Check tests/data/blind6.jsonl (issue 14's sixth blind set) for structural mistakes.

Usage: python tests/data/check_blind6.py [PATH]

Runs the item checks of ``check_dev.py`` (fields, spans and quote texts are exact substrings, valid
kinds and ranges, ``negative`` true exactly when there are no figures) and adds the checks this set
needs: unique ids of the form ``<outlet>-<slug>-p<n>``, ``source`` "pages", a conflict tag opening every
``note`` ("[Sudan] ..."), no duplicate texts, and no article URL or paragraph shared with any other
``tests/data/*.jsonl`` set. Prints the counts DEV_RULES.md reports (items, figures, negatives, quotes,
outlets, conflicts) and exits 1 on any error.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from check_dev import check_item

DATA = Path(__file__).parent
DEFAULT = DATA / "blind6.jsonl"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-p\d+(?:-\d+)*$")
CONFLICT_RE = re.compile(r"^\[([^\]]+)\]")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def other_sets(path: Path) -> tuple[set[str], set[str]]:
    urls: set[str] = set()
    paragraphs: set[str] = set()
    for other in sorted(DATA.glob("*.jsonl")):
        if other.resolve() == path.resolve():
            continue
        for item in load(other):
            urls.add(item["article"])
            paragraphs.update(p.strip() for p in item["text"].split("\n\n"))
    return urls, paragraphs


def outlet(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    items = load(path)
    urls, paragraphs = other_sets(path)
    problems: list[str] = []
    ids = collections.Counter(item.get("id") for item in items)
    problems += [f"duplicate id {i} ({n}x)" for i, n in ids.items() if n > 1]
    texts = collections.Counter(item.get("text") for item in items)
    problems += [f"duplicate text {t[:60]!r}" for t, n in texts.items() if n > 1]
    conflicts: collections.Counter[str] = collections.Counter()
    for item in items:
        errors = check_item(item)
        if not ID_RE.match(str(item.get("id"))):
            errors.append("id is not <outlet>-<slug>-p<n>")
        if item.get("source") != "pages":
            errors.append(f"source {item.get('source')!r} is not 'pages'")
        match = CONFLICT_RE.match(item.get("note") or "")
        if match:
            conflicts[match.group(1)] += 1
        else:
            errors.append("note does not open with a [conflict] tag")
        if item.get("article") in urls:
            errors.append("article URL used by another set")
        for para in item.get("text", "").split("\n\n"):
            if para.strip() in paragraphs:
                errors.append(f"paragraph in another set: {para[:60]!r}")
        problems += [f"{item.get('id')}: {err}" for err in errors]
    figures = [fig for item in items for fig in item["figures"]]
    kinds = collections.Counter(fig["kind"] for fig in figures)
    outlets = collections.Counter(outlet(item["article"]) for item in items)
    negatives = sum(item["negative"] for item in items)
    quotes = sum(len(item["quotes"]) for item in items)
    print(f"paragraphs (items): {len(items)}  with figures: {len(items) - negatives}  negatives: {negatives}")
    print(f"figures: {len(figures)}  " + "  ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    print(f"quotes: {quotes} (in {sum(1 for item in items if item['quotes'])} items)")
    print(f"outlets: {len(outlets)} (largest: {', '.join(f'{o} {n}' for o, n in outlets.most_common(3))})")
    print(f"conflicts: {len(conflicts)}")
    for name, n in conflicts.most_common():
        print(f"  {name}: {n}")
    if outlets and max(outlets.values()) > len(items) / 2:
        problems.append("an outlet has more than half of the items")
    for problem in problems:
        print(problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
