"""Installed as a wheel (not editable), sitrep still runs `make run`'s sample: its templates and migrations ship inside.

Offline: the wheel is built from a copy of the sources with the build tools already in this venv, and
installed without dependencies into a fresh venv that borrows this venv's installed packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from tests.conftest import REPO

# What a clean clone holds that a build reads.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "bot", "digests")


def _copy_sources(target: Path) -> None:
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info", "build")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def test_wheel_install_runs_the_sample(tmp_path: Path) -> None:
    src = tmp_path / "src"
    _copy_sources(src)
    # No mypyc here: the compiled extractor is proven elsewhere; this test is about what the wheel holds.
    build_env = {**os.environ, "SITREP_PURE_PYTHON": "1"}
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp_path / "dist",
        ".", cwd=src, env=build_env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("sitrep-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "digests/render/templates/text/digest.txt.j2" in names
    assert "bot/web/templates/status.html.j2" in names
    assert "digests/migrations/versions/0001_initial_schema.py" in names
    # trafilatura's HTML cleaning needs it with lxml >= 5.2, and older pips do not pull it in by themselves.
    assert "Requires-Dist: lxml_html_clean>=0.4" in metadata.splitlines()

    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    # The dependencies come from this venv (a path entry, so its editable sitrep is not picked up).
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path).stdout.strip()
    )
    (site / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp_path
    )
    assert installed.returncode == 0, installed.stderr

    # A folder holding only the example config and its sample feed, as `make run` uses them.
    work = tmp_path / "work"
    shutil.copytree(REPO / "config", work / "config")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PYTHON"))}
    ran = _run(venv / "bin" / "sitrep", "run", "--once", "--config", "config/example.yaml", cwd=work, env=env)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    # One section per topic of the channel, each under its title.
    assert lines[:3] == ["── #console ──", "North Korean troops in Russia", "=" * 29]
    assert lines.count("KEY FIGURES") == 2
    assert "War in Sudan" in lines
    assert "INFO sitrep.run: channel console: posted a digest of " in ran.stderr
    located = _run(python, "-c", "import digests; print(digests.__file__)", cwd=work, env=env)
    assert located.stdout.strip() == str(site / "digests" / "__init__.py")
