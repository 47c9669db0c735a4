"""The compiled extractor never shadows newer source: a stale build makes the package import its .py files."""

from __future__ import annotations

from pathlib import Path

from digests.extract import _SourceFirst


def test_source_first_finds_the_python_file_of_its_own_package_only(tmp_path: Path) -> None:
    (tmp_path / "speakers.py").write_text("X = 1\n", encoding="utf-8")
    finder = _SourceFirst("pkg.extract", tmp_path)

    spec = finder.find_spec("pkg.extract.speakers", None)

    assert spec is not None
    assert spec.origin == str(tmp_path / "speakers.py")
    assert finder.find_spec("pkg.extract.missing", None) is None  # no such source: the usual finders decide
    assert finder.find_spec("pkg.other.speakers", None) is None  # another package: not ours
    assert finder.find_spec("speakers", None) is None
