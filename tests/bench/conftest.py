import subprocess
import sys
from pathlib import Path

# `bench` is a top-level folder of the repository, not an installed package.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)


def run_bench(script: str, *args: str, timeout: float = 300) -> tuple[dict[str, str], subprocess.CompletedProcess[str]]:
    """Run bench/<script> from the repository root; its summary lines ("name: value") by name, and the run."""
    result = subprocess.run(
        [sys.executable, f"bench/{script}", *args], cwd=_ROOT, capture_output=True, text=True, timeout=timeout
    )
    lines = {
        line.split(":")[0].strip(): line.split(":", 1)[1].strip() for line in result.stdout.splitlines() if ":" in line
    }
    return lines, result
