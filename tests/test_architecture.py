"""Imports run one way: digests/ never imports a platform, the scheduler or bot/ (STYLE.md, habit 2)."""

from __future__ import annotations

import ast

from tests.conftest import REPO

FORBIDDEN = ("slack_bolt", "slack_sdk", "discord", "apscheduler", "bot", "aiohttp")


def _imports(path: str) -> set[str]:
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_digests_never_imports_a_platform_the_scheduler_or_bot() -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(_imports(str(path.relative_to(REPO))) & set(FORBIDDEN))
        for path in (REPO / "digests").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 10  # the walk really saw the package
