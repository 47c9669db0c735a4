"""Check tests/data/blind8.jsonl, the third fresh blind figure set of issue 14 (labelled after the fixes).

Usage: python tests/data/check_blind8.py [PATH]

(blind9 is checked the same way: ``check_blind9.py`` calls this file's ``main`` with its own set.)

Runs the structure checks of ``check_dev.py`` on every item, then the checks this set adds: ids are
``<outlet>-<slug>-p<n>[-<n>...]``, ``source`` is ``"pages"`` or a shared feed file name, no paragraph and
no article of the set occurs in any other ``tests/data/*.jsonl`` set, and the sizes asked for in issue 14
are met (items, figures, outlets, hard negatives, conflicts: every ``note`` opens with the conflict in
brackets, ``[Sudan] ...``). Prints the counts DEV_RULES.md reports and exits 1 on any problem.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

from check_dev import KINDS, check_item

HERE = Path(__file__).parent
DEFAULT = HERE / "blind8.jsonl"
ID_RE = re.compile(r"^(?P<outlet>[a-z0-9]+)-[a-z0-9-]+?-p\d+(-\d+)*$")
FEED_RE = re.compile(r"^\d\d-[A-Za-z0-9-]+\.xml$")
AMOUNT_RE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"dozens?|scores?|hundreds?|thousands?|millions?|several)\b",
    re.IGNORECASE,
)
MINIMUMS = {"items": 90, "figures": 150, "outlets": 40, "negatives": 25, "conflicts": 12}
CONFLICT_RE = re.compile(r"^\[(?P<conflict>[^\]]+)\]")
NOT_CONFLICTS = {"prisons"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def paragraphs(item: dict) -> list[str]:
    return [p.strip() for p in item["text"].split("\n\n") if p.strip()]


def overlaps(items: list[dict], path: Path) -> list[str]:
    """Items sharing an article or a paragraph with any other set in tests/data."""
    seen_articles: dict[str, str] = {}
    seen_paragraphs: dict[str, str] = {}
    for other in sorted(HERE.glob("*.jsonl")):
        if other.resolve() == path.resolve():
            continue
        for item in load(other):
            seen_articles[item["article"]] = other.name
            for para in paragraphs(item):
                seen_paragraphs[para] = other.name
    problems = []
    for item in items:
        if item["article"] in seen_articles:
            problems.append(f"{item['id']}: article also in {seen_articles[item['article']]}")
        for para in paragraphs(item):
            if para in seen_paragraphs:
                problems.append(f"{item['id']}: paragraph also in {seen_paragraphs[para]}")
    return problems


def main(argv: list[str], default: Path = DEFAULT) -> int:
    path = Path(argv[1]) if len(argv) > 1 else default
    items = load(path)
    problems: list[str] = []
    for dup, n in collections.Counter(item.get("id") for item in items).items():
        if n > 1:
            problems.append(f"duplicate id {dup} ({n}x)")
    outlets: collections.Counter[str] = collections.Counter()
    for item in items:
        problems += [f"{item.get('id')}: {err}" for err in check_item(item)]
        match = ID_RE.match(item.get("id", ""))
        if not match:
            problems.append(f"{item.get('id')}: id is not <outlet>-<slug>-p<n>")
        else:
            outlets[match["outlet"]] += 1
        if item.get("source") != "pages" and not FEED_RE.match(item.get("source", "")):
            problems.append(f"{item.get('id')}: source is neither 'pages' nor a feed file name")
    problems += overlaps(items, path)

    kinds = collections.Counter(fig["kind"] for item in items for fig in item["figures"])
    sources = collections.Counter(item["source"] for item in items)
    negatives = sum(item["negative"] for item in items)
    hard = sum(1 for item in items if item["negative"] and AMOUNT_RE.search(item["text"]))
    quotes = sum(len(item["quotes"]) for item in items)
    conflicts: collections.Counter[str] = collections.Counter()
    for item in items:
        tag = CONFLICT_RE.match(item.get("note") or "")
        if not tag:
            problems.append(f"{item['id']}: note does not open with [conflict]")
        elif tag["conflict"] not in NOT_CONFLICTS and not tag["conflict"].startswith("sport"):
            conflicts[tag["conflict"]] += 1
    counts = {
        "items": len(items),
        "figures": sum(kinds.values()),
        "outlets": len(outlets),
        "negatives": hard,
        "conflicts": len(conflicts),
    }
    print(
        f"items: {len(items)}  positives: {len(items) - negatives}  negatives: {negatives} ({hard} with numbers or amount words)"
    )
    print(f"figures: {counts['figures']}  " + "  ".join(f"{k}: {kinds[k]}" for k in sorted(KINDS)))
    print(f"quotes: {quotes} (in {sum(1 for item in items if item['quotes'])} items)")
    print("sources: " + "  ".join(f"{s}: {n}" for s, n in sorted(sources.items())))
    print(f"outlets: {len(outlets)} (largest: {', '.join(f'{o} {n}' for o, n in outlets.most_common(3))})")
    print(f"conflicts: {len(conflicts)} (" + ", ".join(f"{c} {n}" for c, n in conflicts.most_common()) + ")")
    for name, floor in MINIMUMS.items():
        if counts[name] < floor:
            problems.append(f"{name}: {counts[name]} < {floor}")
    if outlets and max(outlets.values()) > len(items) / 2:
        problems.append("an outlet has more than half of the items")
    for problem in problems:
        print(problem)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
