"""Check tests/data/blind9.jsonl, the fourth fresh blind figure set of issue 14 (labelled after the fixes),
with the checks and sizes of ``check_blind8.py``.

Usage: python tests/data/check_blind9.py [PATH]
"""

from __future__ import annotations

import sys

from check_blind8 import HERE, main

if __name__ == "__main__":
    sys.exit(main(sys.argv, HERE / "blind9.jsonl"))
