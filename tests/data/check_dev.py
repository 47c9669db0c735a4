"""Check tests/data/dev.jsonl for structural mistakes.

Usage: python tests/data/check_dev.py [PATH]

Checks that every item has the expected fields, that ids are unique, that every figure ``span`` and
every quote ``text`` is an exact substring of the item's ``text``, that kinds and ranges are valid and
that ``negative`` is true exactly when an item has no figures. Prints the counts that DEV_RULES.md
reports and exits 1 on any error.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

KINDS = {"killed", "wounded", "casualties", "captured", "missing", "deployed", "displaced"}
ITEM_KEYS = {"id", "source", "article", "text", "negative", "figures", "quotes"}
FIGURE_KEYS = {"kind", "min", "max", "actor", "qualifier", "attributed_to", "span"}
QUOTE_KEYS = {"speaker", "text"}
DEFAULT = Path(__file__).with_name("dev.jsonl")


def check_item(item: dict) -> list[str]:
    errors: list[str] = []
    missing = ITEM_KEYS - item.keys()
    if missing:
        return [f"missing keys {sorted(missing)}"]
    text = item["text"]
    if not isinstance(text, str) or not text.strip():
        errors.append("empty text")
    for fig in item["figures"]:
        if set(fig) != FIGURE_KEYS:
            errors.append(f"figure keys {sorted(fig)}")
            continue
        if fig["kind"] not in KINDS:
            errors.append(f"bad kind {fig['kind']!r}")
        lo, hi = fig["min"], fig["max"]
        for v in (lo, hi):
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                errors.append(f"bad bound {v!r}")
        if lo is None and hi is None:
            errors.append("figure with neither min nor max")
        if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
            errors.append(f"min {lo} > max {hi}")
        if not fig["span"] or fig["span"] not in text:
            errors.append(f"span not in text: {fig['span']!r}")
    for quote in item["quotes"]:
        if set(quote) != QUOTE_KEYS:
            errors.append(f"quote keys {sorted(quote)}")
            continue
        if not quote["text"] or quote["text"] not in text:
            errors.append(f"quote not in text: {quote['text']!r}")
        if not quote["speaker"]:
            errors.append("quote without speaker")
    if item["negative"] != (not item["figures"]):
        errors.append("negative must be true exactly when there are no figures")
    return errors


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = 0
    ids = collections.Counter(item.get("id") for item in items)
    for dup, n in ids.items():
        if n > 1:
            print(f"duplicate id {dup} ({n}x)")
            failures += 1
    for item in items:
        for err in check_item(item):
            print(f"{item.get('id')}: {err}")
            failures += 1
    per_source = collections.Counter(item["source"] for item in items)
    kinds = collections.Counter(fig["kind"] for item in items for fig in item["figures"])
    n_quotes = sum(len(item["quotes"]) for item in items)
    negatives = sum(item["negative"] for item in items)
    print(f"items: {len(items)}  positives: {len(items) - negatives}  negatives: {negatives}")
    for source, n in sorted(per_source.items()):
        print(f"  {source}: {n} ({100 * n / len(items):.0f}%)")
    print(f"figures: {sum(kinds.values())}  " + "  ".join(f"{k}: {kinds[k]}" for k in sorted(KINDS)))
    print(f"quotes: {n_quotes} (in {sum(1 for item in items if item['quotes'])} items)")
    if max(per_source.values(), default=0) > len(items) / 2:
        print("an outlet has more than half of the items")
        failures += 1
    print("OK" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
