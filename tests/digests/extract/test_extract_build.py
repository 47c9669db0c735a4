"""The compiled extractor never shadows newer source: a stale build makes the package import its .py files."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

import pytest

import digests.extract
from digests.extract import _installed_from_wheel, _SourceFirst


def test_source_first_finds_the_python_file_of_its_own_package_only(tmp_path: Path) -> None:
    (tmp_path / "speakers.py").write_text("X = 1\n", encoding="utf-8")
    finder = _SourceFirst("pkg.extract", tmp_path)

    spec = finder.find_spec("pkg.extract.speakers", None)

    assert spec is not None
    assert spec.origin == str(tmp_path / "speakers.py")
    assert finder.find_spec("pkg.extract.missing", None) is None  # no such source: the usual finders decide
    assert finder.find_spec("pkg.other.speakers", None) is None  # another package: not ours
    assert finder.find_spec("speakers", None) is None


def test_a_wheel_installed_build_is_trusted_whatever_the_file_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pip writes a wheel's files in any order: a .py written a moment after its build is not newer code.
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    folder = tmp_path / "digests" / "extract"
    folder.mkdir(parents=True)
    info = tmp_path / "sitrep-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sitrep\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "RECORD").write_text(
        f"digests/extract/figures{suffix},,\ndigests/extract/figures.py,,\nsitrep-0.1.0.dist-info/RECORD,,\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _installed_from_wheel(folder.resolve()) is True
    # The checkout (an editable install lists none of its builds) keeps comparing times.
    assert _installed_from_wheel(Path(digests.extract.__file__).resolve().parent) is False
