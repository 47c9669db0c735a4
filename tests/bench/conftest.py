import sys
from pathlib import Path

# `bench` is a top-level folder of the repository, not an installed package.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
