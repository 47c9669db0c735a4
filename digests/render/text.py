"""The plain-text digest the console publisher prints: one part, since a terminal has no size limit."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from digests.digest.model import Digest
from digests.render.environment import piece


def render_text(env: Environment, digest: Digest) -> list[dict[str, Any]]:
    name = "text/empty.txt.j2" if digest.empty else "text/digest.txt.j2"
    return [{"text": piece(env, name, digest=digest)}]
