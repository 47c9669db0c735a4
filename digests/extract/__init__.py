"""The extraction pipeline: quotes, then speakers, then figures with who claims them, for one plain text."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.metadata
import importlib.util
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Imports this package's modules from their .py files, past compiled modules that are out of date."""

    def __init__(self, package: str, folder: Path) -> None:
        self.package, self.folder = package, folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        source = self.folder / f"{name}.py"
        if package != self.package or not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def _installed_from_wheel(folder: Path) -> bool:
    """Whether the builds here came with their sources in one wheel (listed in sitrep's RECORD): pip writes
    a wheel's files in any order, so there their times say nothing about which is newer."""
    try:
        files = importlib.metadata.distribution("sitrep").files or []
    except importlib.metadata.PackageNotFoundError:
        return False
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return any(
        str(file).endswith(suffixes) and Path(str(file.locate())).resolve().parent == folder
        for file in files
        if file.parent.name == "extract"
    )


def _use_fresh_code() -> None:
    """setup.py compiles the modules beside this file with mypyc. A module edited since (a checkout, a
    change being tested) would be shadowed by its stale build: then every module is read from source."""
    folder = Path(__file__).resolve().parent
    stale = [
        built.name
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
        for built in folder.glob(f"*{suffix}")
        if (folder / (built.name[: -len(suffix)] + ".py")).is_file()
        and (folder / (built.name[: -len(suffix)] + ".py")).stat().st_mtime > built.stat().st_mtime
    ]
    if stale and not _installed_from_wheel(folder):
        warnings.warn(
            f"the compiled extractor is older than its source ({', '.join(sorted(stale))}); running the Python "
            "source instead (rebuild with `make` or `pip install -e .`)",
            RuntimeWarning,
            stacklevel=2,
        )
        sys.meta_path.insert(0, _SourceFirst(__name__, folder))


_use_fresh_code()

from digests.extract.attribution import figure_claimant, quote_speakers  # noqa: E402
from digests.extract.figures import find_figures  # noqa: E402
from digests.extract.quotes import find_quotes  # noqa: E402
from digests.extract.sentences import forget  # noqa: E402
from digests.extract.speakers import Speakers  # noqa: E402
from digests.model import Extraction, Figure, Quote  # noqa: E402

__all__ = ["extract"]


def extract(text: str) -> Extraction:
    """Figures and quotes of one plain text, each in document order, with offsets into text."""
    try:
        return _extract(text)
    finally:
        forget()


def _extract(text: str) -> Extraction:
    spans = find_quotes(text)
    speakers = Speakers(text, [(q.start, q.end) for q in spans])
    who = quote_speakers(text, spans, speakers)
    quotes = tuple(Quote(text[q.start : q.end], s, q.start, q.end) for q, s in zip(spans, who, strict=True))
    figures = tuple(
        Figure(
            kind=f.kind,
            min=f.amount.min,
            max=f.amount.max,
            actor=f.actor,
            qualifier=f.amount.qualifier,
            attributed_to=figure_claimant(text, f.start, f.end, spans, who, speakers),
            start=f.start,
            end=f.end,
            span=text[f.start : f.end],
        )
        for f in find_figures(text)
    )
    return Extraction(figures=figures, quotes=quotes)
