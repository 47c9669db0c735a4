"""Renderer: one templates folder, three formats; `render()` is the one-call form of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

from digests.digest.model import Digest
from digests.render.discord import render_discord
from digests.render.environment import environment
from digests.render.slack import render_slack
from digests.render.text import render_text

Format = Literal["text", "slack", "discord"]
FORMATS: tuple[Format, ...] = get_args(Format)


class Renderer:
    """Renders digests with a user's templates folder over the bundled one. Cheap to make: the Jinja2
    environment behind it is built once per folder and shared."""

    def __init__(self, templates: Path | None = None) -> None:
        self.templates = templates
        self.env = environment(templates)

    def render(self, digest: Digest, fmt: Format, *, color: int | None = None) -> list[dict[str, Any]]:
        """Message parts, each postable as is; `color` (0xRRGGBB) overrides a Discord digest's colour. A digest
        of several topics is rendered section by section, each under its topic's title."""
        if digest.sections:
            shown = [s for s in digest.sections if not s.empty] or [digest.sections[0]]
            return [part for section in shown for part in self.render(section, fmt, color=color)]
        if fmt == "text":
            return render_text(self.env, digest)
        if fmt == "slack":
            return render_slack(self.env, digest)
        if fmt == "discord":
            return render_discord(self.env, digest, color)
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render(
    digest: Digest, fmt: Format, templates: Path | None = None, *, color: int | None = None
) -> list[dict[str, Any]]:
    """Render a digest as message parts for a platform: text, Slack Block Kit or Discord embeds."""
    return Renderer(templates).render(digest, fmt, color=color)
